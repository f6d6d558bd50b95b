"""Watches a page for what a step caused: document loads, their HTTP status, downloads, XHR waits."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Download, Page, Request, Response


class DocumentTracker:
    """Collects main-frame document responses and downloads between two ``reset`` calls."""

    def __init__(self, page: Page):
        self.page = page
        self.documents: list[dict[str, Any]] = []
        self.downloads: list[dict[str, Any]] = []
        self.last_status: int | None = None
        self.xhr_ms = 0.0
        self.xhr_count = 0
        self.pending_xhr = 0
        page.on("response", self._on_response)
        page.on("download", self._on_download)
        page.on("request", self._on_request)
        page.on("requestfinished", self._on_request_finished)
        page.on("requestfailed", self._on_request_failed)

    def reset(self) -> None:
        self.documents = []
        self.downloads = []
        self.xhr_ms = 0.0
        self.xhr_count = 0

    @property
    def navigated(self) -> bool:
        return bool(self.documents) or bool(self.downloads)

    def _on_response(self, response: Response) -> None:
        try:
            request = response.request
            if not request.is_navigation_request() or response.frame != self.page.main_frame:
                return
            self.documents.append({
                "url": response.url,
                "status": response.status,
                "content_type": (response.headers.get("content-type") or "").split(";")[0].strip(),
            })
            self.last_status = response.status
        except Exception:
            return  # a response of a page being torn down: nothing to record

    def wait_for_fetches(self, timeout_ms: float) -> None:
        """Let in-page fetches started by the action finish, so their time is measured, not cut off."""
        waited = 0.0
        while self.pending_xhr > 0 and waited < timeout_ms:
            self.page.wait_for_timeout(50)
            waited += 50

    def _on_request(self, request: Request) -> None:
        if request.resource_type in ("xhr", "fetch"):
            self.pending_xhr += 1

    def _on_request_failed(self, request: Request) -> None:
        if request.resource_type in ("xhr", "fetch"):
            self.pending_xhr = max(0, self.pending_xhr - 1)

    def _on_request_finished(self, request: Request) -> None:
        """Time spent waiting for in-page fetches (address look-ups, slot finders) counts as waiting."""
        if request.resource_type not in ("xhr", "fetch"):
            return
        self.pending_xhr = max(0, self.pending_xhr - 1)
        try:
            end = request.timing.get("responseEnd", -1)
        except Exception:
            return
        if end and end > 0:
            self.xhr_ms += end
            self.xhr_count += 1

    def _on_download(self, download: Download) -> None:
        self.downloads.append({"url": download.url, "filename": download.suggested_filename})
        try:
            download.cancel()  # the audit only needs to know a file was offered, not its bytes
        except Exception:
            pass
