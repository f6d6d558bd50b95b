"""Saved artifacts as changes from the previous step, so a journey that re-probes one long form after
every fill stays small on disk; ``expand`` gives the audits every step's artifacts in full again.

A packed artifact is ``{"delta_of": <step index>, "changes": {...}}``: keys whose value changed (a list
of records of the same length, such as a form's fields, keeps only the changed keys of changed items,
as ``{"__items__": {"<position>": {...}}}``), and ``"__removed__": [keys]``. Packing is exact: expand(pack(x)) == x.
"""

from __future__ import annotations

import copy
from typing import Any

_ITEMS, _REMOVED = "__items__", "__removed__"


def _diff(base: dict, new: dict) -> dict:
    changes: dict[str, Any] = {}
    for key, value in new.items():
        old = base.get(key, _ITEMS)
        if old == value:
            continue
        if (isinstance(old, list) and isinstance(value, list) and len(old) == len(value) and value
                and all(isinstance(v, dict) for v in old + value)):
            changes[key] = {_ITEMS: {str(i): _item_diff(o, v) for i, (o, v) in enumerate(zip(old, value, strict=True)) if o != v}}
        else:
            changes[key] = value
    removed = [k for k in base if k not in new]
    if removed:
        changes[_REMOVED] = removed
    return changes


def _item_diff(old: dict, new: dict) -> dict:
    out: dict[str, Any] = {k: v for k, v in new.items() if old.get(k, _ITEMS) != v}
    removed = [k for k in old if k not in new]
    if removed:
        out[_REMOVED] = removed
    return out


def _apply(base: dict, changes: dict) -> dict:
    out = copy.deepcopy(base)
    for key in changes.get(_REMOVED, []):
        out.pop(key, None)
    for key, value in changes.items():
        if key == _REMOVED:
            continue
        if isinstance(value, dict) and set(value) == {_ITEMS}:
            items = out[key]
            for pos, item_changes in value[_ITEMS].items():
                item = items[int(pos)]
                for gone in item_changes.get(_REMOVED, []):
                    item.pop(gone, None)
                item.update({k: v for k, v in item_changes.items() if k != _REMOVED})
        else:
            out[key] = copy.deepcopy(value)
    return out


def is_packed(value: Any) -> bool:
    return isinstance(value, dict) and "delta_of" in value and "changes" in value


def expand(steps: list[dict]) -> None:
    """Replace packed artifacts by their full value, in place (a step refers only to earlier steps)."""
    full: dict[tuple[int, str], dict] = {}
    for step in steps:
        artifacts = step.get("artifacts")
        if not isinstance(artifacts, dict):
            continue
        for name, value in list(artifacts.items()):
            if is_packed(value) and (value["delta_of"], name) in full:
                value = artifacts[name] = _apply(full[(value["delta_of"], name)], value["changes"])
            if isinstance(value, dict):
                full[(step.get("index"), name)] = value


def pack(steps: list[dict], names: tuple[str, ...] = ("page", "forms", "links", "page_parts", "content")) -> None:
    """Store each named artifact as its change from the same artifact one step earlier, when smaller (in place)."""
    import json

    previous: dict[str, tuple[int, dict]] = {}
    for step in steps:
        artifacts = step.get("artifacts")
        if not isinstance(artifacts, dict):
            continue
        for name in names:
            value = artifacts.get(name)
            if not isinstance(value, dict) or "error" in value or is_packed(value):
                previous.pop(name, None)
                continue
            if name in previous:
                index, base = previous[name]
                changes = _diff(base, value)
                if len(json.dumps(changes)) < len(json.dumps(value)) // 2:
                    artifacts[name] = {"delta_of": index, "changes": changes}
            previous[name] = (step.get("index"), value)
