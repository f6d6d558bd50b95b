"""Scoring profiles: versioned data files holding weights, caps, KLM constants and thresholds.

Audits and scoring read numbers from here, never from code, so a profile change is a data change.
"""

from __future__ import annotations

import copy
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from journey_audit.textfiles import TextFileError, read_utf8, yaml_problem

PROFILES_DIR = Path(__file__).with_name("profiles")
DEFAULT_PROFILE = PROFILES_DIR / "default.yaml"


class ProfileError(ValueError):
    """A scoring profile that cannot be used; the message names the file and the problem."""


def _read(path: str) -> dict[str, Any]:
    try:
        data = yaml.safe_load(read_utf8(path)) or {}
    except TextFileError as exc:
        raise ProfileError(f"scoring profile {exc}") from None
    except yaml.YAMLError as exc:
        raise ProfileError(yaml_problem(path, exc)) from None
    if not isinstance(data, dict) or "version" not in data:
        raise ProfileError(f"{path}: a scoring profile is a mapping with a 'version'")
    return data


@cache
def _default() -> dict[str, Any]:
    """The bundled profile is read once; user files are read every time (they may be edited)."""
    return _read(str(DEFAULT_PROFILE))


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``override`` onto a copy of ``base`` (so a profile can change one constant)."""
    out = copy.deepcopy(base)
    for key, value in (override or {}).items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


def load_profile(source: str | Path | dict[str, Any] | None = None) -> dict[str, Any]:
    """The default profile, overlaid with a profile file (name in profiles/, or path) or a dict."""
    base = copy.deepcopy(_default())
    if source is None:
        return base
    if isinstance(source, dict):
        return merge(base, source)
    path = Path(source)
    if not path.suffix and not path.exists():  # a bare name: one of the bundled profiles
        path = PROFILES_DIR / f"{source}.yaml"
    override = _read(str(path))
    check_override(override, base, str(path))
    return merge(base, override)


def check_override(override: dict[str, Any], base: dict[str, Any], where: str) -> None:
    """A misspelt section or weight would otherwise be ignored silently and the scores not change."""
    unknown = sorted(set(override) - set(base))
    if unknown:
        raise ProfileError(f"{where}: unknown section(s) {', '.join(unknown)} (known: {', '.join(sorted(base))})")
    weights = override.get("weights", {})
    if not isinstance(weights, dict):
        raise ProfileError(f"{where}: 'weights' must map components to numbers")
    for name, value in weights.items():
        if name not in base["weights"]:
            raise ProfileError(f"{where}: unknown weight '{name}' (components: {', '.join(base['weights'])})")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ProfileError(f"{where}: weight '{name}' must be a number of 0 or more, got {value!r}")
