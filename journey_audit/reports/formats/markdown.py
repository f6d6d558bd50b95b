"""GitHub-flavoured Markdown for PRs and chat: a headline, then one pipe table per section.

Every piece of site text goes through ``markdown_escape``: no HTML, links, code or table breaks.
"""

from __future__ import annotations

from collections.abc import Iterable

from journey_audit.reports.document import Column, Note, Report, Section, plain
from journey_audit.reports.sanitize import markdown_escape

NEEDS = frozenset({"sections"})
ICON = {"good": "✅ ", "bad": "❌ ", "warn": "⚠️ "}


def line(note: Note) -> str:
    text = markdown_escape(note.text)
    if note.tone in ("strong", "good", "bad"):
        text = f"**{text}**"
    return ICON.get(note.tone, "") + text


def cell(value: object) -> str:
    """One table cell; a multi-line value keeps its lines apart with <br> (the only HTML we write)."""
    return "<br>".join(markdown_escape(part) for part in plain(value).split("\n"))


def table(columns: Iterable[Column], rows: Iterable[dict]) -> str:
    columns = list(columns)
    lines = ["| " + " | ".join(markdown_escape(c.header) for c in columns) + " |",
             "|" + "|".join("---:" if c.align == "right" else "---" for c in columns) + "|"]
    lines += ["| " + " | ".join(cell(r.get(c.key)) for c in columns) + " |" for r in rows]
    return "\n".join(lines)


def section(s: Section) -> str:
    body = table(s.columns, s.rows) if s.rows else f"_{markdown_escape(s.empty)}_"
    return f"### {markdown_escape(s.title)}\n\n{body}"


def render(report: Report) -> str:
    blocks = []
    if report.headline:
        blocks.append(line(report.headline))
    if report.intro:
        blocks.append("\n".join(line(n) for n in report.intro))
    blocks += [section(s) for s in report.sections]
    if report.notes:
        blocks.append("\n".join(f"- {line(n)}" for n in report.notes))
    return "\n\n".join(blocks) + "\n"
