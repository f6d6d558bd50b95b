"""A worker's browser: its own Chromium (relaunched if it dies), or its connection to the run's shared one.

Playwright's sync API is bound to the thread that started it, so each worker owns its session;
each journey gets a fresh context (cookies, storage) so journeys never leak state into each other.
With a ``BrowserServer`` (``--browser-per run``, browser/shared.py) the worker connects to the run's one
Chromium instead of launching its own; its contexts stay its own (the launch server isolates connections).
"""

from __future__ import annotations

import time
from dataclasses import replace
from typing import TYPE_CHECKING

from journey_audit.browser.endpoint import open_browser
from journey_audit.browser.settings import BrowserSettings, load_settings

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext, Playwright

    from journey_audit.browser.shared import BrowserServer


# Counts structural DOM changes so the runner can skip re-running axe on a page that only had a
# field typed into (axe then sees the same document state it already checked).
MUTATION_COUNTER = """
window.__journeyAuditMutations = 0;
new MutationObserver((records) => {
  for (const r of records) {
    if (r.type === "childList" || r.type === "attributes") { window.__journeyAuditMutations++; return; }
  }
}).observe(document, {subtree: true, childList: true, attributes: true,
                      attributeFilter: ["class", "hidden", "style", "aria-hidden", "aria-invalid", "open"]});
"""
TAKE_MUTATIONS = "() => { const n = window.__journeyAuditMutations || 0; window.__journeyAuditMutations = 0; return n; }"


def _browser_user_agent(browser: Browser) -> str:
    """Chromium's own User-Agent, asked of the browser (no page: a page costs a renderer process to start),
    or read in a page where the browser cannot be asked (not Chromium's protocol)."""
    try:
        cdp = browser.new_browser_cdp_session()
        try:
            return str(cdp.send("Browser.getVersion")["userAgent"])
        finally:
            cdp.detach()
    except Exception:
        page = browser.new_page()
        try:
            return page.evaluate("navigator.userAgent")
        finally:
            page.close()


class BrowserSession:
    def __init__(self, settings: BrowserSettings | None = None, server: BrowserServer | None = None):
        self.settings = settings or load_settings()
        self.server = server  # the run's shared browser, or None: this session launches its own
        # Resolved now, before this thread starts Playwright: finding Playwright's own browser starts a
        # Playwright of its own, which the sync API refuses inside a running one.
        self._launch_kwargs = self.settings.launch_kwargs()
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._user_agent: str | None = None
        self._endpoint = ""  # with a server: the endpoint this session's browser is connected to
        self.launches_ms: list[float] = []  # each browser start (or connect) of this session, for the run's timings
        self._driver_pid: int | None = None  # this session's Playwright driver, for end_driver

    def _ensure_browser(self) -> Browser:
        if self._browser is not None and self._browser.is_connected() \
                and (self.server is None or self.server.is_current(self._endpoint)):
            return self._browser
        if self._browser is not None and self.server is not None:
            self._drop_connection()  # the shared browser was replaced: this connection leads nowhere now
        started = time.perf_counter()
        if self._playwright is None:
            from playwright.sync_api import sync_playwright

            from journey_audit.browser.driver_process import (
                driver_started_here,
                isolate_driver_from_terminal_signals,
            )

            isolate_driver_from_terminal_signals()  # Ctrl-C is for journey-audit to handle, not the driver
            self._playwright = sync_playwright().start()
            self._driver_pid = driver_started_here()
        self._browser = self._open(self._playwright)
        self.launches_ms.append(round((time.perf_counter() - started) * 1000, 1))
        self._user_agent = None
        return self._browser

    def _open(self, playwright: Playwright) -> Browser:
        if self.server is None:
            return open_browser(playwright, self.settings, self._launch_kwargs)
        self._endpoint = self.server.endpoint()
        try:
            return open_browser(playwright, replace(self.settings, browser_endpoint=self._endpoint), self._launch_kwargs)
        except Exception:  # the shared browser may have died, its server on its way out: then start a new one
            self.server.retire(self._endpoint)
            time.sleep(0.5)  # a server whose browser died exits by itself within about a second
            self._endpoint = self.server.endpoint()
            return open_browser(playwright, replace(self.settings, browser_endpoint=self._endpoint), self._launch_kwargs)

    def _drop_connection(self) -> None:
        browser, self._browser = self._browser, None
        try:
            if browser is not None:
                browser.close()  # a connected browser: this only ends our connection
        except Exception:
            pass  # already gone with its server

    def user_agent(self) -> str:
        """Chromium's own User-Agent plus a suffix saying an audit tool is visiting."""
        if self._user_agent is None:
            browser = self._ensure_browser()
            self._user_agent = f"{_browser_user_agent(browser)} {self.settings.user_agent_suffix}"
        return self._user_agent

    @property
    def browser(self) -> Browser | None:
        """The running browser, for the watchdog to close when a journey wedges it."""
        return self._browser

    def new_context(self, viewport: str | None = None) -> BrowserContext:
        browser = self._ensure_browser()
        size = self.settings.viewports[viewport or self.settings.default_viewport]
        try:
            context = browser.new_context(
                viewport=size,
                user_agent=self.user_agent(),
                accept_downloads=True,
                is_mobile=size["width"] < 600,
                has_touch=size["width"] < 600,
            )
        except Exception:
            if self.server is not None:  # the shared browser may have died: reconnect (to a new one) next time
                self.server.retire(self._endpoint)
                self._drop_connection()
            raise
        context.add_init_script(MUTATION_COUNTER)
        context.set_default_timeout(self.settings.action_timeout_s * 1000)
        context.set_default_navigation_timeout(self.settings.navigation_timeout_s * 1000)
        return context

    def end_driver(self) -> bool:
        """Kill this session's driver and the browser it launched, from any thread (a shared browser's other
        users keep it: only this session's connection ends). For a worker stuck in a call nothing else ends."""
        from journey_audit.browser.driver_process import kill_driver

        return self._driver_pid is not None and kill_driver(self._driver_pid)

    def close(self) -> None:
        try:
            if self._browser is not None:
                self._browser.close()
        except Exception:
            pass  # the browser may already be gone; closing is best effort
        finally:
            self._browser = None
            if self._playwright is not None:
                try:
                    self._playwright.stop()
                finally:
                    self._playwright = None
