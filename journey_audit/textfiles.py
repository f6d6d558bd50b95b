"""Reading the user's text files (journeys, budgets, profiles, URL lists) with errors that name file and line."""

from __future__ import annotations

from pathlib import Path
from typing import Any


class TextFileError(ValueError):
    """A file that cannot be read as text: ``path[:line]: problem``."""


def read_utf8(path: str | Path) -> str:
    path = Path(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise TextFileError(f"{path}: is a folder, not a file") from None
    except OSError as exc:
        raise TextFileError(f"{path}: cannot read file: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise TextFileError(f"{path}:{line}: not UTF-8 text (save the file as UTF-8)") from None


def yaml_problem(path: str | Path, exc: Any) -> str:
    """``path:line: not valid YAML: problem (hint)`` for a PyYAML error, the same for every file the user writes.

    The line is where the parser noticed (else where the construct it was in began); the hint says what the
    parser's words (parser states, not mistakes) usually mean in a hand-written file."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark else None
    problem = getattr(exc, "problem", None) or exc
    return f"{path}{f':{line}' if line else ''}: not valid YAML: {problem}{_yaml_hint(exc, line)}"


def _yaml_hint(exc: Any, line: int | None) -> str:
    problem = str(getattr(exc, "problem", None) or "")
    context = str(getattr(exc, "context", None) or "")
    if "'\\t'" in problem:
        return " (indent with spaces, not tabs)"
    opened_mark = getattr(exc, "context_mark", None)
    opened = opened_mark.line + 1 if opened_mark else None
    if opened and opened != line and context.startswith(("while parsing a flow", "while scanning a quoted")):
        return f" ({context} that starts on line {opened}: is a bracket or quote there left open?)"
    if "block end" in problem or "block mapping" in problem or "mapping values are not allowed" in problem:
        return (" (check the indentation of this line and the one before it: entries of one list or mapping "
                "line up at the same column; quote text that contains ': ')")
    return ""
