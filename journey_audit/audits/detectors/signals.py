"""Dead-end signals judged in Python from a step's raw facts: document and tel/mailto links, phone
numbers (in the main text outside tables, and in images' alt text or file names), CAPTCHA and login
markers, expired-session and not-found wording, and whether the page offers an online way forward.

Probes only record the raw facts (``page``, ``forms``, ``links``, ``page_parts``, ``content``); every
phrase is matched here, so ``rescore`` re-judges a stored run with the current rules. Runs recorded
before the raw facts existed carry a ``dead_end_signals`` artifact, which ``signals_of`` falls back to.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from journey_audit.probes import text_facts as tf

from ..common import artifact

_DOC_EXT = re.compile(r"\.(pdf|docx?|odt|rtf|xlsx?|ods)(?:$|[?#])", re.I)
_DOC_TYPE = re.compile(r"pdf|msword|officedocument|opendocument|rtf", re.I)
_DOC_WORDS = re.compile(r"\b(pdf|word document|word format|\.docx?|odt|rich text|microsoft word)\b", re.I)
_START = re.compile(
    r"^(start( now)?|start (your |the |a )?\w+|apply( now| online)?|report( it)? online|book online|pay online"
    r"|request online|continue|next|fill in the online form|use the online form|report (a|an|it|this)\b.*)$",
    re.I,
)
_VAGUE_LINK = re.compile(r"^\s*(click here|here|this link|this form|link|go)\s*\.?\s*$", re.I)
_ONLINE_CONTEXT = re.compile(r"\b(online|e-?form|web form)\b", re.I)
_ONLINE_LINK = re.compile(r"\b(online form|apply online|report (it )?online|book online|request online|pay online|start now)\b", re.I)


def document_kind(link: dict) -> str:
    """"pdf"/"word"/"document" when a link downloads a document (by href, type or wording), else ""."""
    href, typ, text = link.get("href", ""), link.get("type", ""), f"{link.get('text', '')} {link.get('title', '')}"
    ext = _DOC_EXT.search(urlsplit(href).path + ("?" + urlsplit(href).query if urlsplit(href).query else ""))
    found = (ext.group(1).lower() if ext else "") or (_DOC_TYPE.search(typ).group(0).lower() if _DOC_TYPE.search(typ) else "")
    if not found and _DOC_WORDS.search(text):
        found = _DOC_WORDS.search(text).group(1).lower()
    if not found:
        return ""
    return "pdf" if "pdf" in found else "word" if ("doc" in found or "word" in found) else "document"


def online_route(dom: dict) -> dict:
    """What on the page lets a user carry on online (fields, start/continue buttons, online-form links)."""
    forms = {f["index"]: f for f in dom.get("forms", [])}
    # A password box outside any <form> makes the loose fields around it a login form too.
    loose_login = any(f.get("type") == "password" and f.get("form") is None for f in dom.get("fields", []))
    forms[None] = {"login": loose_login}
    fields = [
        f for f in dom.get("fields", [])
        if f.get("visible") and not f.get("in_search_form") and f.get("type") not in ("password", "search")
        and not forms.get(f.get("form"), {}).get("login")
    ]
    buttons = [b for b in dom.get("buttons", [])
               if not b.get("in_search_form") and b.get("text") and not (b.get("form") is not None and forms.get(b["form"], {}).get("login"))]
    start = [b["text"] for b in buttons if b.get("start") or _START.match(b["text"])]
    links = [lk["text"] for lk in dom.get("links", []) if lk.get("in_main") and _goes_online(lk)]
    return {
        "fields": len(fields),
        "start_buttons": start[:10],
        "submit_buttons": [b["text"] for b in buttons if b.get("form") is not None and b.get("type") in ("submit", "")][:10],
        "online_links": [t for t in links if not document_kind({"text": t})][:10],
    }


def _goes_online(link: dict) -> bool:
    """A link that starts the task online, by its own words or, for "click here", by its sentence."""
    text = link.get("text", "")
    if _START.match(text) or _ONLINE_LINK.search(text):
        return True
    return bool(_VAGUE_LINK.match(text) and _ONLINE_CONTEXT.search(link.get("context", "")))


def raw_facts(step: dict) -> dict | None:
    """The probes' raw facts of a step in one dict (None for a run recorded before they existed)."""
    links = artifact(step, "links")
    if not links:
        return None
    forms, parts, content = artifact(step, "forms"), artifact(step, "page_parts"), artifact(step, "content")
    main_text = content.get("main_text", "")
    return {
        "page": artifact(step, "page"), "forms": forms.get("forms", []), "fields": forms.get("fields", []),
        "buttons": forms.get("buttons", []), "links": links.get("links", []), "links_total": links.get("links_total", 0),
        "captcha": parts.get("captcha", []), "main_text": main_text,
        "body_text": main_text + "\n" + parts.get("other_text", ""),
        "tables": parts.get("tables", []), "images": parts.get("images", []),
    }


def signals_of(step: dict) -> dict:
    """Dead-end signals of one saved step: judged now from raw facts, or as stored by an older run."""
    raw = raw_facts(step)
    return collect(raw) if raw is not None else artifact(step, "dead_end_signals")


def text_outside_tables(text: str, tables: list[dict]) -> str:
    """Main text (whitespace collapsed) without the text of its tables: a "Phone 07700 900258" cell is a
    contact list, not a route."""
    flat = " ".join((text or "").split())
    for table in tables:
        cells = " ".join((table.get("text") or "").split())
        if cells:
            flat = flat.replace(cells, " ")
    return flat


def image_phones(images: list[dict]) -> list[str]:
    """Phone numbers written in an image's alt text or file name (call-0161-496-0000.png)."""
    found: list[str] = []
    for image in images:
        name = (image.get("src") or "").rsplit(".", 1)[0].replace("-", " ").replace("_", " ")
        for number in tf.phones(f"{image.get('alt', '')} . {name}"):
            if number not in found:
                found.append(number)
    return found


def collect(dom: dict) -> dict:
    """Signals from the raw facts of one page state (see ``raw_facts``)."""
    page = dom.get("page", {})
    host = urlsplit(page.get("url", "")).hostname or ""
    links = dom.get("links", [])
    main_text, body_text = dom.get("main_text", ""), dom.get("body_text", "")
    docs, tel, mail = [], [], []
    offsite = 0
    for link in links:
        href = link.get("href", "")
        scheme = urlsplit(href).scheme
        if scheme == "tel":
            tel.append({"text": link["text"], "href": href, "in_main": link.get("in_main")})
        elif scheme == "mailto":
            mail.append({"text": link["text"], "href": href, "in_main": link.get("in_main")})
        elif (kind := document_kind(link)):
            docs.append({"text": link["text"], "href": href, "kind": kind, "in_main": link.get("in_main")})
        elif scheme in ("http", "https") and (urlsplit(href).hostname or "") != host:
            offsite += 1
    prose = text_outside_tables(main_text, [t for t in dom.get("tables", []) if t.get("in_main", True)]) \
        if dom.get("tables") else main_text
    main_phones = tf.phones(prose)
    main_phones += [p for p in image_phones(dom.get("images", [])) if p not in main_phones]
    forms = dom.get("forms", [])
    password = [f for f in dom.get("fields", []) if f.get("type") == "password" and f.get("visible")]
    return {
        "document_links": docs[:20],
        "tel_links": tel[:10],
        "mailto_links": mail[:10],
        "offsite_links": offsite,
        "links_total": dom.get("links_total", len(links)),
        "links_in_main": sum(1 for lk in links if lk.get("in_main")),
        "phones_main": main_phones,
        "phones_elsewhere": [p for p in tf.phones(body_text) if p not in main_phones],
        "phones_in_images": image_phones(dom.get("images", [])),
        "prose": prose[:20000],  # main text outside tables, where a call to action counts
        "emails_main": tf.emails(main_text),
        "captcha": dom.get("captcha", []) + (["wording"] if tf.CAPTCHA_WORDS.search(body_text) else []),
        "password_fields": len(password),
        "login_forms": sum(1 for f in forms if f.get("login") and f.get("visible")),
        "login_wording": tf.snippet(tf.LOGIN_REQUIRED, main_text, 60),
        "guest_route": bool(tf.GUEST_ROUTE.search(main_text)),
        "session_expired": tf.snippet(tf.SESSION_EXPIRED, body_text, 60),
        "not_found": bool(tf.NOT_FOUND.search(page.get("h1", "")) or tf.NOT_FOUND.search(page.get("title", ""))),
        "server_error": bool(tf.SERVER_ERROR.search(page.get("h1", "")) or tf.SERVER_ERROR.search(page.get("title", ""))),
        "referrer": page.get("referrer", ""),
        "online_route": online_route(dom),
    }

