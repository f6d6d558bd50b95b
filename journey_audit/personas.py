"""Named fake test data for journeys. Personas must be obviously fake: audits must never look real."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import yaml

BUNDLED = Path(__file__).with_name("personas.yaml")


class PersonaError(ValueError):
    pass


@lru_cache(maxsize=8)
def _read(path: Path) -> dict[str, dict[str, str]]:
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise PersonaError(f"{path}: cannot read personas: {exc}") from None
    if not isinstance(data, dict) or not all(isinstance(v, dict) for v in data.values()):
        raise PersonaError(f"{path}:1: personas file maps a persona name to its fields")
    return {str(k): {str(f): str(v) for f, v in fields.items()} for k, fields in data.items()}


def load_personas() -> dict[str, dict[str, str]]:
    """Bundled personas, extended by $JOURNEY_AUDIT_PERSONAS (a YAML file of the same shape)."""
    personas = dict(_read(BUNDLED)) if BUNDLED.is_file() else {}
    extra = os.environ.get("JOURNEY_AUDIT_PERSONAS")
    if extra:
        personas.update(_read(Path(extra)))
    return personas
