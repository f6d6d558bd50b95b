"""Reading the user's text files (journeys, budgets, profiles, URL lists) with errors that name file and line."""

from __future__ import annotations

from pathlib import Path


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
