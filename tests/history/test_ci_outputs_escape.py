"""Markdown for PRs and chat carries site text: it must not become HTML, links or broken tables."""

from __future__ import annotations

from journey_audit.reports.tabular import markdown_escape, to_markdown


def test_site_text_cannot_inject_html_or_links_into_markdown():
    hostile = '<img src=x onerror=alert(1)> [click](javascript:alert(1)) | *bold*'
    cell = markdown_escape(hostile)
    assert "<img" not in cell and "&lt;img" in cell
    assert "](" not in cell.replace("\\]", "").replace("\\(", "") or "\\[" in cell
    table = to_markdown([{"Council": hostile, "Friction": 3}])
    header, rule, row = table.strip().splitlines()
    assert row.count(" | ") == header.count(" | "), "a | in site text must not add a column"
