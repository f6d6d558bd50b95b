"""Watches a page for what a step caused: document loads, their HTTP status, downloads."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Download, Page, Response


class DocumentTracker:
    """Collects main-frame document responses and downloads between two ``reset`` calls."""

    def __init__(self, page: Page):
        self.page = page
        self.documents: list[dict[str, Any]] = []
        self.downloads: list[dict[str, Any]] = []
        self.last_status: int | None = None
        page.on("response", self._on_response)
        page.on("download", self._on_download)

    def reset(self) -> None:
        self.documents = []
        self.downloads = []

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

    def _on_download(self, download: Download) -> None:
        self.downloads.append({"url": download.url, "filename": download.suggested_filename})
        try:
            download.cancel()  # the audit only needs to know a file was offered, not its bytes
        except Exception:
            pass
