"""PageFacts: the view of one saved step that dead-end detectors reason about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..common import artifact

_DOC_TYPES = {
    "application/pdf": "pdf",
    "application/msword": "word",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "word",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/rtf": "rtf",
}
_DOC_EXTENSIONS = {"pdf": "pdf", "doc": "word", "docx": "word", "odt": "odt", "rtf": "rtf"}
_FORM_WORDS = re.compile(r"\b(form|application|apply|claim|request|booking|register)\b", re.I)


@dataclass(frozen=True)
class PageFacts:
    """Facts of one step: HTTP, text and the dead-end signals judged from its raw facts."""

    index: int | None
    action: str
    status: str
    url: str
    http_status: int | None
    navigated: bool
    error: str
    error_kind: str  # the runner's classification: timeout (page never loaded), timeout_waiting_for_element ...
    title: str
    h1: str
    main_text: str
    signals: dict = field(default_factory=dict)
    probed: bool = False
    documents: tuple[dict, ...] = ()  # main-frame responses this step caused (url, status, content_type)
    downloads: tuple[dict, ...] = ()  # files the browser was offered (url, filename)

    @classmethod
    def from_step(cls, step: dict) -> PageFacts:
        from .signals import signals_of

        page, content, signals = artifact(step, "page"), artifact(step, "content"), signals_of(step)
        status = step.get("http_status")
        return cls(
            index=step.get("index"),
            action=step.get("action") or "",
            status=step.get("status") or "ok",
            url=step.get("url") or page.get("url", ""),
            http_status=int(status) if isinstance(status, (int, float)) else None,
            navigated=bool(step.get("navigated")),
            error=str(step.get("error") or ""),
            error_kind=str(step.get("error_kind") or ""),
            title=page.get("title") or step.get("title") or "",
            h1=page.get("h1") or content.get("h1", ""),
            main_text=content.get("main_text", ""),
            signals=signals,
            probed=bool(signals),
            documents=tuple(step.get("documents") or ()),
            downloads=tuple(step.get("downloads") or ()),
        )

    @property
    def prose(self) -> str:
        """Main text outside tables (older runs: the whole main text)."""
        return self.signals.get("prose") or self.main_text

    @property
    def route(self) -> dict:
        return self.signals.get("online_route", {})

    @property
    def online(self) -> bool:
        """The page offers a way to carry on online: fields, a start/continue/submit button or an online-form link."""
        r = self.route
        return bool(r.get("fields") or r.get("start_buttons") or r.get("online_links") or r.get("submit_buttons"))

    def main_links(self, key: str) -> list[dict]:
        links = self.signals.get(key, [])
        inside = [lk for lk in links if lk.get("in_main")]
        return inside or ([] if self.signals.get("links_in_main") else links)

    def opened_documents(self) -> list[dict]:
        """Files this step landed on instead of a web page: a PDF in the viewer, or a download."""
        opened = [{"url": d.get("url", ""), "kind": _DOC_TYPES[d.get("content_type", "")]}
                  for d in self.documents if d.get("content_type", "") in _DOC_TYPES]
        for d in self.downloads:
            ext = (d.get("filename") or d.get("url") or "").rsplit(".", 1)[-1].lower()
            if ext in _DOC_EXTENSIONS:
                opened.append({"url": d.get("url", ""), "kind": _DOC_EXTENSIONS[ext]})
        return opened

    def form_documents(self) -> list[dict]:
        """Document links that are forms to fill in (by link text, or by the page telling you to print/post)."""
        from journey_audit.probes.text_facts import OFFLINE_FORM

        docs = self.main_links("document_links")
        if OFFLINE_FORM.search(self.main_text):
            return docs
        return [d for d in docs if _FORM_WORDS.search(d.get("text", ""))]
