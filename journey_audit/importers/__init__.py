"""Recorded journeys -> journey YAML: one reader per recorder format, one writer (draft.py) for all.

    from journey_audit.importers import import_recording
    text, draft = import_recording("codegen", Path("recorded.py"), Naming(council_id="brightwater"))
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from journey_audit.importers.codegen import read_codegen
from journey_audit.importers.draft import Draft, Naming, to_yaml
from journey_audit.importers.recorder import RecorderFormatError, read_recorder

# One registry of recording formats: name -> reader(path, text) -> Draft
READERS: dict[str, Callable[[Path, str], Draft]] = {"codegen": read_codegen, "recorder": read_recorder}


class RecordingError(ValueError):
    """A recording that cannot be read at all; the message has the file and line."""


def import_recording(kind: str, path: Path, naming: Naming) -> tuple[str, Draft]:
    """Read a recording and return the journey YAML text and the draft (with what was not converted)."""
    from journey_audit.textfiles import TextFileError, read_utf8

    try:
        text = read_utf8(path)
    except TextFileError as exc:
        raise RecordingError(str(exc)) from None
    try:
        draft = READERS[kind](path, text)
    except SyntaxError as exc:
        raise RecordingError(f"{path}:{exc.lineno or 1}: not a Python script ({exc.msg})") from None
    except RecorderFormatError as exc:
        raise RecordingError(str(exc)) from None
    if not any(step.action == "goto" for step in draft.steps):
        raise RecordingError(f"{path}:1: the recording never opens a page (no goto/navigate), so the journey "
                           "has no start")
    return to_yaml(draft, naming), draft


__all__ = ["READERS", "Draft", "RecordingError", "Naming", "import_recording"]
