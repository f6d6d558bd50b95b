"""Tables as CSV, JSON or Markdown: the machine- and chat-friendly twins of the rich terminal tables.

Rows are plain dicts. JSON keeps nesting; CSV and Markdown flatten it (``vs_best.friction`` becomes the
column ``vs_best_friction``; lists become ``a; b``) so spreadsheets get one value per cell.
"""

from __future__ import annotations

import csv
import html
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

FORMATS = ("table", "csv", "json", "markdown")


def flatten(row: Mapping[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, Mapping):
            for sub, inner in flatten(value).items():
                flat[f"{key}_{sub}"] = inner
        elif isinstance(value, (list, tuple)):
            flat[key] = "; ".join(str(v) for v in value)
        else:
            flat[key] = value
    return flat


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:.1f}"
    return str(value)


def to_json(rows: Sequence[Mapping[str, Any]]) -> str:
    return json.dumps(list(rows), indent=2, ensure_ascii=False, default=str) + "\n"


def to_csv(rows: Sequence[Mapping[str, Any]]) -> str:
    flat = [flatten(r) for r in rows]
    columns = list(dict.fromkeys(k for r in flat for k in r))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    return out.getvalue()


def markdown_escape(text: str) -> str:
    """Site text is untrusted: no HTML, no table breaks, no links or emphasis where it lands in Markdown."""
    text = html.escape(str(text), quote=False).replace("\n", " ")
    for char in "\\`*_[]|":
        text = text.replace(char, "\\" + char)
    return text


def to_markdown(rows: Sequence[Mapping[str, Any]], columns: Sequence[str] | None = None,
                headers: Mapping[str, str] | None = None) -> str:
    """A GitHub-flavoured pipe table; ``headers`` renames columns for people."""
    flat = [flatten(r) for r in rows]
    columns = list(columns or dict.fromkeys(k for r in flat for k in r))
    headers = headers or {}

    esc = markdown_escape
    lines = ["| " + " | ".join(esc(headers.get(c, c)) for c in columns) + " |",
             "|" + "|".join("---" for _ in columns) + "|"]
    lines += ["| " + " | ".join(esc(cell(r.get(c))) for c in columns) + " |" for r in flat]
    return "\n".join(lines) + "\n"


def render(rows: Sequence[Mapping[str, Any]], fmt: str, columns: Sequence[str] | None = None,
           headers: Mapping[str, str] | None = None) -> str:
    """``fmt`` is csv, json or markdown (the rich table is built by the command itself)."""
    if fmt == "json":
        return to_json(rows)
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "markdown":
        return to_markdown(rows, columns, headers)
    raise ValueError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS[1:])}")
