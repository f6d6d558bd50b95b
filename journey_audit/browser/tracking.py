"""Watches a page for what a step caused: document loads, their HTTP status, downloads, XHR waits,
dialogs, popups, and navigations the site never answered."""

from __future__ import annotations

import time
from collections import deque
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Download, Page, Request, Response

# Network errors meaning the site itself is gone (down, reset the connection, never existed), not a page.
UNREACHABLE_MARKERS = ("ERR_CONNECTION_REFUSED", "ERR_NAME_NOT_RESOLVED", "ERR_CONNECTION_RESET",
                       "ERR_ADDRESS_UNREACHABLE", "ERR_INTERNET_DISCONNECTED", "ERR_EMPTY_RESPONSE",
                       "ERR_CONNECTION_CLOSED", "ERR_UNSAFE_PORT", "ERR_CONNECTION_TIMED_OUT",
                       "ERR_CONNECTION_ABORTED", "ERR_CONNECTION_FAILED")


def remove_listeners(emitter: Any, handlers: list[tuple[str, Any]]) -> None:
    """Take ``(event, handler)`` listeners off a page or context that goes on to another journey."""
    for event, handler in handlers:
        try:
            emitter.remove_listener(event, handler)
        except Exception:
            pass  # a closed page or context has no listeners left to remove


class DocumentTracker:
    """Collects main-frame document responses, downloads, dialogs and popups between two ``reset`` calls.

    Popups: Playwright reports one (``page.on("popup")``) only once the new tab's renderer has started and its
    first response has come, which on a busy machine or a slow site is after the step's record was taken.
    Chromium says a window is being opened much earlier, while the action that opened it is still running
    (the DevTools ``Page.windowOpen`` event). Each such request is remembered with the popup list of the step
    it happened in; the next reported popup fills the oldest request, so a popup is recorded on the step that
    opened it however late it is reported, and ``wait_for_navigations`` waits (bounded) for the ones asked for.
    """

    def __init__(self, page: Page):
        self.page = page
        self.documents: list[dict[str, Any]] = []
        self.downloads: list[dict[str, Any]] = []
        self.dialogs: list[dict[str, Any]] = []
        self.popups: list[dict[str, Any]] = []
        self.last_status: int | None = None
        # A page load that failed: the site did not answer (connection refused...) or answered with something
        # no page can be made of (a redirect loop). None when loads succeed or are aborted (downloads, the guard).
        self.navigation_failure: str | None = None
        self.site_gone = False  # ... and that failure was the site not answering at all
        self.answered = False  # the site sent at least one response during the journey
        self.xhr_ms = 0.0
        self.xhr_count = 0
        self.xhr_unfinished = 0
        self._fetch_started: dict[Any, float] = {}  # in-page fetches this step started, still running
        self._loading: set[Any] = set()  # main-frame page loads sent and not yet answered or failed
        # Windows the page asked for that the browser has not reported yet: (URL asked for, its step's popups).
        self._windows_asked: deque[tuple[str, list[dict[str, Any]]]] = deque()
        self._windows_given_up: deque[dict[str, Any]] = deque()  # recorded unreported, for a late report to fill
        self._devtools: Any = None
        self._watch_window_requests(page)
        for event, handler in self._handlers():
            page.on(event, handler)

    def _handlers(self) -> list[tuple[str, Any]]:
        return [("response", self._on_response), ("download", self._on_download), ("request", self._on_request),
                ("requestfinished", self._on_request_finished), ("requestfailed", self._on_request_failed),
                ("dialog", self._on_dialog), ("popup", self._on_popup)]

    def detach(self) -> None:
        """Stop listening to the page: it goes on to another journey (``check`` reuses a tab, browser/reuse.py)."""
        remove_listeners(self.page, self._handlers())
        if self._devtools is not None:
            try:
                self._devtools.detach()
            except Exception:
                pass  # the page (and its DevTools session) is gone already
            self._devtools = None

    def _watch_window_requests(self, page: Page) -> None:
        """Listen for Chromium's early word that a window is being opened."""
        try:
            devtools = page.context.new_cdp_session(page)
            devtools.on("Page.windowOpen", self._on_window_open)
            devtools.send("Page.enable")
            self._devtools = devtools
        except Exception:
            pass  # not Chromium: popups are recorded when reported, possibly on the next step

    def reset(self) -> None:
        self.documents = []
        self.downloads = []
        self.dialogs = []
        self.popups = []
        self.navigation_failure = None
        self.site_gone = False
        self._loading = set()
        self.xhr_ms = 0.0
        self.xhr_count = 0
        self.xhr_unfinished = 0
        self._fetch_started = {}  # a fetch an earlier step left running is not this step's wait

    @property
    def navigated(self) -> bool:
        return bool(self.documents) or bool(self.downloads)

    def _on_response(self, response: Response) -> None:
        self.answered = True
        try:
            request = response.request
            self._loading.discard(request)
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
        """Let in-page fetches this step started finish, so their time is measured, not cut off.

        One that is still running after ``timeout_ms`` is cut off: the time it was awaited counts as waiting
        (``xhr_ms``), it is counted in ``xhr_unfinished``, and later steps do not wait for it again.
        """
        give_up = time.perf_counter() + timeout_ms / 1000
        while self._fetch_started and time.perf_counter() < give_up:
            self.page.wait_for_timeout(min(50, max(1, (give_up - time.perf_counter()) * 1000)))
        now = time.perf_counter()
        for started in self._fetch_started.values():
            self.xhr_ms += (now - started) * 1000
            self.xhr_unfinished += 1
        self._fetch_started = {}

    @property
    def loading(self) -> bool:
        """A page load was asked for and has had neither an answer nor a failure yet."""
        return bool(self._loading)

    def wait_for_navigations(self, timeout_ms: float) -> None:
        """A click may return before the page load it started is answered, in this tab or in a window it
        opened: wait for its answer (or failure), and for the browser to report the window.

        A window still unreported after ``timeout_ms`` is recorded with the URL it was asked for, on its step.
        """
        give_up = time.perf_counter() + timeout_ms / 1000
        while (self._loading or self._windows_asked) and time.perf_counter() < give_up:
            self.page.wait_for_timeout(50)
        while self._windows_asked:
            url, popups = self._windows_asked.popleft()
            popups.append(record := {"url": url})
            self._windows_given_up.append(record)

    def _is_page_load(self, request: Request) -> bool:
        try:
            return request.is_navigation_request() and request.frame == self.page.main_frame
        except Exception:
            return False

    def _on_request(self, request: Request) -> None:
        if request.resource_type in ("xhr", "fetch"):
            self._fetch_started[request] = time.perf_counter()
        elif self._is_page_load(request):
            self._loading.add(request)

    def _on_request_failed(self, request: Request) -> None:
        self._fetch_started.pop(request, None)
        self._loading.discard(request)
        try:
            if self._is_page_load(request):
                failure = request.failure or ""
                if failure and not any(m in failure for m in ("ERR_ABORTED", "ERR_BLOCKED_BY_CLIENT")):
                    self.navigation_failure = f"{failure} at {request.url}"
                    self.site_gone = any(m in failure for m in UNREACHABLE_MARKERS)
        except Exception:
            return

    def _on_request_finished(self, request: Request) -> None:
        """Time spent waiting for in-page fetches (address look-ups, slot finders) counts as waiting."""
        if self._fetch_started.pop(request, None) is None:
            return  # not a fetch, or one an earlier step started
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

    def _on_dialog(self, dialog: Dialog) -> None:
        """Alerts, confirms and prompts are answered as a user going on would (OK), and recorded."""
        self.dialogs.append({"type": dialog.type, "message": dialog.message[:300]})
        try:
            dialog.accept()
        except Exception:
            pass  # the page went away with its dialog

    def _on_window_open(self, event: dict[str, Any]) -> None:
        self._windows_asked.append((str(event.get("url") or ""), self.popups))

    def _on_popup(self, popup: Page) -> None:
        try:
            url = popup.url
        except Exception:
            url = ""
        if self._windows_asked:  # the oldest window asked for: recorded on the step that asked for it
            self._windows_asked.popleft()[1].append({"url": url})
        elif self._windows_given_up:  # recorded when its wait ran out, with the URL asked for: now the real one
            self._windows_given_up.popleft()["url"] = url
        else:  # no early word of it (a browser that does not give one): the step that is running
            self.popups.append({"url": url})
