"""pdf_form: the task is only offered as a document (PDF/Word) to download, fill in and return."""

from __future__ import annotations

from .facts import PageFacts

KIND = "pdf_form"
TITLE = "The task is only offered as a form to download"
FIX = "Replace the downloadable form with an online form (keep the document as an alternative)."


def detect(facts: PageFacts, found: list[dict]) -> dict | None:
    opened = facts.opened_documents()
    if opened:
        return {"blocking": True,
                "text": f"The route ends in a {opened[0]['kind']} document to print, not a web page: {opened[0]['url']}"}
    docs = facts.form_documents()
    if not docs or facts.online:
        return None
    kinds = sorted({d.get("kind", "document") for d in docs})
    first = docs[0]
    return {"blocking": True, "text": f"Only a {'/'.join(kinds)} form: '{first.get('text', '')}' ({first.get('href', '')})"}
