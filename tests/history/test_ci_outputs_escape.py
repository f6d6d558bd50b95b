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


def test_finding_identity_ignores_the_host_and_port_that_served_the_page():
    from journey_audit.analysis.rows import finding_identity

    a = {"id": "dead-end-captcha", "evidence": ["http://127.0.0.1:41001/eforms/Bins.aspx"]}
    b = {"id": "dead-end-captcha", "evidence": ["http://127.0.0.1:52002/eforms/Bins.aspx"]}
    c = {"id": "dead-end-captcha", "evidence": ["http://127.0.0.1:52002/eforms/Other.aspx"]}
    assert finding_identity(a) == finding_identity(b) != finding_identity(c)
