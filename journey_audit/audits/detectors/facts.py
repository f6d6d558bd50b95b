"""PageFacts: the view of one saved step that dead-end detectors reason about."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..common import artifact

_FORM_WORDS = re.compile(r"\b(form|application|apply|claim|request|booking|register)\b", re.I)


@dataclass(frozen=True)
class PageFacts:
    """Facts of one step: HTTP, text and the dead_end_signals probe artifact."""

    index: int | None
    action: str
    status: str
    url: str
    http_status: int | None
    navigated: bool
    error: str
    title: str
    h1: str
    main_text: str
    signals: dict = field(default_factory=dict)
    probed: bool = False

    @classmethod
    def from_step(cls, step: dict) -> PageFacts:
        page, content, signals = artifact(step, "page"), artifact(step, "content"), artifact(step, "dead_end_signals")
        status = step.get("http_status")
        return cls(
            index=step.get("index"),
            action=step.get("action") or "",
            status=step.get("status") or "ok",
            url=step.get("url") or page.get("url", ""),
            http_status=int(status) if isinstance(status, (int, float)) else None,
            navigated=bool(step.get("navigated")),
            error=str(step.get("error") or ""),
            title=page.get("title") or step.get("title") or "",
            h1=page.get("h1") or content.get("h1", ""),
            main_text=content.get("main_text", ""),
            signals=signals,
            probed=bool(signals),
        )

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

    def form_documents(self) -> list[dict]:
        """Document links that are forms to fill in (by link text, or by the page telling you to print/post)."""
        from journey_audit.probes.text_facts import OFFLINE_FORM

        docs = self.main_links("document_links")
        if OFFLINE_FORM.search(self.main_text):
            return docs
        return [d for d in docs if _FORM_WORDS.search(d.get("text", ""))]
