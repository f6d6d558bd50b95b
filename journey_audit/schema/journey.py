"""JSON Schema (draft 2020-12) for journey files, built from the loader's and the actions' own definitions.

Editors (VS Code's YAML extension, JetBrains, Neovim via yaml-language-server) read it to autocomplete and
check journeys as they are typed. Nothing here lists actions, locator keys or top-level keys by hand: they
come from ``journey_audit.actions.REGISTRY`` (each action's ``ActionArgs``), ``actions.base`` and
``journey_audit.loader``. tests/unit/test_journey_schema.py feeds the same journeys to the loader and to this
schema, so the two cannot quietly disagree.

What a schema cannot know is left to ``journey-audit validate``: whether an upload file exists, and
which fields the *chosen* persona has (the schema accepts a field of any known persona).
"""

from __future__ import annotations

import re
from typing import Any

from journey_audit import loader
from journey_audit.actions import REGISTRY
from journey_audit.actions.base import LOCATOR_KEYS, Action
from journey_audit.audits.detectors import KINDS
from journey_audit.personas import load_personas

SCHEMA_ID = "https://journey-audit.invalid/schema/journey.schema.json"

# How each modifier is checked by actions.base.split_modifiers (a test keeps the keys equal to MODIFIERS).
MODIFIER_SCHEMAS: dict[str, dict[str, Any]] = {
    "final": {"type": "boolean", "description": "the step that really submits: pressed only with --allow-submit"},
    "expect_error": {"type": "boolean",
                     "description": "a deliberate validation check: the page must show an error or stay put"},
    "timeout": {"type": "number", "exclusiveMinimum": 0, "description": "seconds to wait for this step"},
    "note": {"description": "a note for people reading the journey"},
}


def _text_pattern(persona_fields: list[str]) -> str:
    """Text whose ``{persona...}`` references all name a known field (what loader._substitute checks)."""
    fields = "|".join(re.escape(f) for f in persona_fields) or "(?!)"
    return rf"^(?:[^{{]|\{{(?!persona)|\{{persona\.(?:{fields})\}})*$"


# loader.URL_IGNORED: characters browsers drop from URLs (so 'java\tscript:' is still a scheme)
_IGNORED = "[\\u0000-\\u0020\\u007f]*"


def _spaced(chars: list[str]) -> str:
    return _IGNORED.join(chars)


def _url_patterns() -> tuple[str, str]:
    """(any scheme, a web URL with a host), as loader.url_problem judges them (SCHEME, WEB_SCHEMES)."""
    scheme = f"^{_IGNORED}[A-Za-z](?:{_IGNORED}[A-Za-z0-9+.-])*{_IGNORED}:"
    web = "|".join(_spaced([f"[{c.upper()}{c.lower()}]" for c in name]) for name in loader.WEB_SCHEMES)
    return scheme, f"^{_IGNORED}(?:{web}){_IGNORED}:{_IGNORED}/{_IGNORED}/{_IGNORED}[^\\u0000-\\u0020\\u007f]"


def _kinds(persona_fields: list[str]) -> dict[str, dict[str, Any]]:
    """The kinds of text an action argument holds (see ActionArgs.required)."""
    text = {"type": "string", "pattern": _text_pattern(persona_fields)}
    scheme, web = _url_patterns()
    words = {**text, "allOf": [{"pattern": r"\S"}]}
    return {
        "words": words,
        "text": {"anyOf": [{**text, "minLength": 1}, {"type": "number"}]},
        "value": {"anyOf": [text, {"type": "number"}]},
        "url": {**words, "anyOf": [{"not": {"pattern": scheme}}, {"pattern": web}],
                "description": "a path on the site, or an http(s) URL"},
        "web_url": {"type": "string", "pattern": web, "description": "an http(s) URL with a host"},
    }


def _action_schema(action: Action, kinds: dict[str, dict[str, Any]]) -> dict[str, Any]:
    spec = action.args
    properties: dict[str, Any] = {}
    one_locator: list[dict[str, Any]] = []
    if spec.locator:
        for key in LOCATOR_KEYS:
            properties[key] = {"$ref": "#/$defs/words"}
            one_locator.append({"required": [key]})
    for key, kind in spec.required:
        properties[key] = {"$ref": f"#/$defs/{kind}"}
    properties.update(MODIFIER_SCHEMAS)
    mapping: dict[str, Any] = {"type": "object", "properties": properties, "additionalProperties": False,
                               "required": [key for key, _ in spec.required if key not in spec.optional_with_css]}
    if spec.optional_with_css:
        mapping["if"] = {"not": {"required": ["css"]}}
        mapping["then"] = {"required": list(spec.optional_with_css)}
    if one_locator:
        mapping["oneOf"] = one_locator
    short = dict(spec.required).get(spec.shorthand, "words")  # goto: /path is checked as a URL
    forms = [mapping] if spec.shorthand is None else [{"$ref": f"#/$defs/{short}"}, mapping]
    return {"description": action.summary, "anyOf": forms}


def journey_schema() -> dict[str, Any]:
    """The schema as a dict, for the personas known now (bundled plus $JOURNEY_AUDIT_PERSONAS)."""
    personas = load_personas()
    fields = sorted({f for p in personas.values() for f in p})
    kinds = _kinds(fields)
    actions = {name: _action_schema(action, kinds) for name, action in sorted(REGISTRY.items())}
    top = {
        "council": {"$ref": "#/$defs/words", "description": "the council's name, as people know it"},
        "council_id": {"type": "string", "pattern": loader.SLUG.pattern, "maxLength": loader.MAX_ID_LENGTH,
                       "description": "short id: lower-case letters, digits and dashes"},
        "task": {"type": "string", "pattern": loader.SLUG.pattern, "maxLength": loader.MAX_ID_LENGTH,
                 "description": "the same id for the same job at every council (report-pothole)"},
        "start": {"type": "string", "allOf": [{"pattern": r"\S"}, {"$ref": "#/$defs/url"}],
                  "description": "a path joined to base_url, or a full http(s) URL"},
        "base_url": {"$ref": "#/$defs/web_url", "description": "the site, http(s)://host"},
        "persona": {"enum": sorted(personas), "description": "whose fake details {persona.field} fills in"},
        "description": {"description": "free text about the journey"},
        "expect_outcome": {
            "description": "the outcome this journey is known to end with; the run checks it",
            "anyOf": [{"enum": ["completed", "dead_end"]},
                      {"type": "object", "additionalProperties": False, "required": ["outcome"],
                       "properties": {"outcome": {"enum": ["completed", "dead_end"]},
                                      "kind": {"enum": list(KINDS)}},
                       "if": {"properties": {"outcome": {"const": "completed"}}},
                       "then": {"not": {"required": ["kind"]}}}]},
        "keyboard": {"type": "boolean",
                     "description": "replay this journey by keyboard alone (like run --keyboard)"},
        "steps": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/step"},
                  "description": "one action per item, e.g. '- click: Start now'"},
    }
    unknown = sorted(loader.TOP_LEVEL - set(top))
    for key in unknown:  # added to the loader but not described here yet: still accepted, never lost
        top[key] = {"description": f"{key} (see docs/journeys.md)"}
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "journey-audit journey",
        "description": "One user journey: the council, the task, where it starts and the steps a resident takes. "
                       "See docs/journeys.md.",
        "type": "object",
        "additionalProperties": False,
        "required": list(loader.REQUIRED),
        "properties": {key: top[key] for key in sorted(loader.TOP_LEVEL)},
        "$defs": {
            **kinds,
            "step": {"type": "object", "minProperties": 1, "maxProperties": 1,
                     "propertyNames": {"enum": sorted(REGISTRY)},
                     "properties": actions},
        },
    }
