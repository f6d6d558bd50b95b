"""`check` reuses one browser context and tab per worker for the pages of one site, cleared between pages.

Why: a new context per page starts a new renderer process, and its JavaScript engine compiles and warms up
axe-core (500 KB) from cold on every page. Measured on the bench's pages (bench/axe_cost.py, CPU time of the
whole process tree): about 1.9 s of CPU per page with a context each, 0.8 s with one tab reused, of which axe
alone 1.2 s against 0.7 s. In a reused context axe is added once, as the context's init script, instead of
being sent over the wire for every page.

Only journeys without steps are eligible (each URL of `check` is one: load the page, measure it); a journey
with steps keeps its own fresh context, as before. Between two pages the tab is cleared of what a page could
leave for the next one to see: cookies (all of the context's), the page's localStorage and sessionStorage,
and any other tab it opened; the snapshot probe forgets the page. The HTTP cache is kept, as a visitor's
browser keeps it: a site's shared stylesheets are not fetched again for every page (gentler on the site).
IndexedDB, Cache Storage and service workers are not cleared (`check` judges pages, not web apps; a site that
changes a page by what another page stored there would be judged as a returning visitor sees it).
One tab per worker: a page of another site (host and port) or viewport gets a new context, and the old one
is closed. A page the watchdog had to close, or that fails to clear, is dropped with its context.
"""

from __future__ import annotations

import time
import weakref
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from journey_audit.probes import snapshot
from journey_audit.probes.axe import axe_source

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page

    from journey_audit.browser.session import BrowserSession

CLEAR_STORAGE = "() => { try { localStorage.clear(); } catch (e) {} try { sessionStorage.clear(); } catch (e) {} }"


@dataclass
class ReusedTab:
    key: tuple[str, str | None, bool]  # (host, viewport, axe injected at init)
    context: BrowserContext
    page: Page
    browser: Any  # the browser it was opened in: a relaunched browser means a dead tab

    def usable(self, browser: Any) -> bool:
        try:
            return browser is self.browser and browser.is_connected() and not self.page.is_closed()
        except Exception:
            return False


class TabPool:
    """One worker's reused tab (per session: Playwright's sync API belongs to one thread)."""

    def __init__(self, session: BrowserSession):
        self.session = session
        self.tab: ReusedTab | None = None

    def take(self, host: str, viewport: str | None, *, axe: bool) -> tuple[BrowserContext, Page]:
        """The context and tab for a page of ``host``: the last page's when it was of the same site, else new."""
        key = (host, viewport, axe)
        tab = self.tab
        if tab is not None and tab.key == key and tab.usable(self.session.browser):
            return tab.context, tab.page
        self.drop()
        context = self.session.new_context(viewport)  # relaunches the browser if it died
        try:
            if axe:
                context.add_init_script(axe_source())  # compiled once per document, never sent again
            page = context.new_page()
        except Exception:
            _close(context)
            raise
        self.tab = ReusedTab(key, context, page, self.session.browser)
        return context, page

    def give_back(self, page: Page, *, healthy: bool) -> float:
        """Clear what the page left for the next one; drop the tab when it is not healthy. Returns the ms spent."""
        started = time.perf_counter()
        tab = self.tab
        if tab is None or tab.page is not page:
            return 0.0
        snapshot.forget(page)
        if healthy:
            try:
                for other in tab.context.pages:
                    if other is not page:
                        other.close()
                page.evaluate(CLEAR_STORAGE)
                tab.context.clear_cookies()
            except Exception:
                healthy = False
        if not healthy:
            self.drop()
        return round((time.perf_counter() - started) * 1000, 1)

    def drop(self) -> None:
        tab, self.tab = self.tab, None
        if tab is not None:
            _close(tab.context)


def _close(context: BrowserContext) -> None:
    try:
        context.close()
    except Exception:
        pass  # the browser may have died with it


_POOLS: weakref.WeakKeyDictionary[Any, TabPool] = weakref.WeakKeyDictionary()


def tab_pool(session: BrowserSession) -> TabPool:
    """The session's pool, made on first use (the session closes its browser, and the tab with it)."""
    pool = _POOLS.get(session)
    if pool is None:
        pool = _POOLS[session] = TabPool(session)
    return pool
