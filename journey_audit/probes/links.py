"""Links as raw facts: text, address, whether in the main content, and the sentence around short ones.

Kept compact for the journey file: links in the main content, plus tel:, mailto: and document-looking
links anywhere (the dead-end audits need those wherever they are). Judged in Python (audits).
"""

from __future__ import annotations

import re

from .base import Probe, ProbeContext

_ANYWHERE = re.compile(r"^(tel|mailto):|\.(pdf|docx?|odt|rtf|xlsx?|ods)(?:$|[?#])", re.I)


def compact(link: dict) -> dict:
    out = {"text": link.get("text", ""), "href": link.get("href", ""), "in_main": bool(link.get("in_main"))}
    for key in ("type", "title"):
        if link.get(key):
            out[key] = link[key]
    if link.get("download"):
        out["download"] = True
    if len(out["text"].split()) <= 3 and link.get("context") and link["context"] != out["text"]:
        out["context"] = link["context"]  # "click here" says where it goes only through its sentence
    return out


def collect(ctx: ProbeContext) -> dict:
    links = ctx.dom.get("links", [])
    kept = [compact(lk) for lk in links
            if lk.get("in_main") or _ANYWHERE.search(lk.get("href", "")) or lk.get("type") or lk.get("download")]
    return {"links": kept[:120], "links_total": ctx.dom.get("links_total", len(links))}


PROBE = Probe("links", collect)
