"""Page basics on every page of the journey: a title, a valid lang, an h1, link text that says where it
goes, and tables built as tables with headers. Judged from the saved ``page``, ``links`` and
``page_parts`` facts (WCAG 2.4.2, 3.1.1, 1.3.1, 2.4.4; failures F25, F84, F91, F46)."""

from __future__ import annotations

import re

from .barriers import Texts, barrier_findings, evidence_by_id
from .common import artifact

AUDIT_ID = "page-basics"
FINDING_IDS = ("page-title-missing", "page-lang-missing", "page-no-h1", "vague-links", "table-no-headers",
               "table-without-markup")
VAGUE = re.compile(r"^\s*(click here|click|here|read more|more|more info(rmation)?|find out more|learn more|this link|"
                   r"link|this page|go|details|continue reading|see more)\s*[.>»›…]*\s*$", re.I)
_LANG = re.compile(r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$", re.I)


def vague_links(links: list[dict], buttons: list[dict]) -> list[str]:
    """Links and buttons in the main content whose own words do not say where they go."""
    out = []
    for link in links:
        text = link.get("text", "")
        if link.get("in_main") and VAGUE.match(text) and not link.get("title"):
            out.append(f"link '{text}'")
    for button in buttons:
        if button.get("in_main") and VAGUE.match(button.get("text", "")) and button.get("text", "").lower() not in ("go", "continue"):
            out.append(f"button '{button['text']}'")
    return out


def data_tables_without_headers(tables: list[dict]) -> list[str]:
    """Tables of data (several rows and columns; no form controls, nested tables or mostly links, which
    mark layout and navigation tables) with no header cells."""
    return [f"{t['rows']}x{t['cols']} table: '{t.get('text', '')[:60]}'" for t in tables
            if t.get("rows", 0) >= 2 and t.get("cols", 0) >= 2 and not t.get("th") and not t.get("scope")
            and not t.get("controls") and not t.get("nested") and t.get("role") not in ("presentation", "none")
            and t.get("links", 0) * 2 < t.get("cells", t.get("rows", 0) * t.get("cols", 0))]  # a row of links is navigation


def page_checks(step: dict) -> dict[str, list[str]]:
    page, links, parts = artifact(step, "page"), artifact(step, "links"), artifact(step, "page_parts")
    hits: dict[str, list[str]] = {fid: [] for fid in FINDING_IDS}
    if not page:
        return hits
    if not (page.get("title") or "").strip():
        hits["page-title-missing"].append("no <title>")
    lang = (page.get("lang") or "").strip()
    if not lang:
        hits["page-lang-missing"].append("no lang attribute")
    elif not _LANG.match(lang):
        hits["page-lang-missing"].append(f"lang='{lang}' is not a language code")
    if page.get("h1_count", 1) == 0:
        hits["page-no-h1"].append(f"no h1 (title '{page.get('title', '')[:60]}')")
    if links:
        hits["vague-links"] = vague_links(links.get("links", []), artifact(step, "forms").get("buttons", []))
    if parts:
        hits["table-no-headers"] = data_tables_without_headers(parts.get("tables", []))
        hits["table-without-markup"] = [f"{t['rows']} rows x {t['cols']} columns: '{t.get('text', '')[:60]}'"
                                        for t in parts.get("fake_tables", [])]
    return hits


_TEXT: Texts = {
    "page-title-missing": ("A page has no title", "The <title> is missing or empty, so tabs, history and screen readers "
                           "cannot say which page this is (WCAG 2.4.2).",
                           "Give every page a <title> that names the page and the service.", "medium", "title"),
    "page-lang-missing": ("A page does not say what language it is in", "No valid lang on <html>, so screen readers may "
                          "read English with the wrong voice (WCAG 3.1.1).", "Add <html lang=\"en\">.", "medium", "lang"),
    "page-no-h1": ("A page has no main heading", "No <h1>: screen reader users who jump by headings cannot find where the "
                   "page starts (WCAG 1.3.1).", "Give every page one <h1> that says what it is for.", "low", "h1"),
    "vague-links": ("Links or buttons say 'click here' or 'read more'", "Out of context (a screen reader's list of links) "
                    "these words do not say where they go (WCAG 2.4.4).",
                    "Make the link text say where it goes: 'Read the parking permit rules', not 'click here'.", "medium",
                    "vague_link_each"),
    "table-no-headers": ("A data table has no header cells", "Without <th> cells screen readers cannot say which row and "
                         "column a value belongs to (WCAG 1.3.1).", "Mark the header row/column with <th scope=...>.",
                         "medium", "table"),
    "table-without-markup": ("A table is built without table markup", "Rows and columns drawn with layout blocks are read "
                             "as a run of unrelated text (WCAG 1.3.1, failure F46/F91).",
                             "Build tabular data with <table>, <th> and <td>.", "medium", "table"),
}


def run(journey: dict, profile: dict) -> dict:
    seen = evidence_by_id(journey, page_checks)
    findings = barrier_findings(seen, _TEXT, AUDIT_ID, "content", profile["points"]["page_basics"])
    return {"metrics": {"page_basics": {fid: len(items) for fid, items in seen.items()}}, "findings": findings}
