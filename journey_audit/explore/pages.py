"""What every explore walk shares: the page budget, same-site checks, and the links on a page.

Every walk is bounded (pages and seconds) so explore stays gentle with a council's site.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urldefrag, urlsplit

LINKS_JS = """
() => {
  const main = document.querySelector('main, [role=main]');
  const h1 = document.querySelector('h1');
  return Array.from(document.querySelectorAll('a[href]')).filter(a => {
    const r = a.getBoundingClientRect(), st = getComputedStyle(a);
    return (r.width > 0 || r.height > 0) && st.visibility !== 'hidden' && st.display !== 'none';
  }).map(a => {
    const img = a.querySelector('img[alt]');
    const name = (a.getAttribute('aria-label') || a.innerText || (img && img.alt) || a.title || '')
      .replace(/\\s+/g, ' ').trim();
    const box = a.closest('p, li, td, dd, div') || a;
    return {
      name: name,
      href: a.href,
      context: (box.innerText || '').replace(/\\s+/g, ' ').trim().slice(0, 300),
      chrome: !!a.closest('header, nav, footer, aside, form, [role=banner], [role=navigation], [role=contentinfo], [role=search]'),
      in_main: main ? main.contains(a) : true,
      after_h1: h1 ? !!(h1.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING) : true,
    };
  });
}
"""


class OutOfBudget(Exception):
    """The walk used its pages or its time: stop politely and report what was found so far."""


@dataclass
class Budget:
    """Pages and seconds one walk may use (explore's politeness bounds)."""

    max_pages: int
    seconds: float
    page_timeout_ms: float = 15_000
    pages: int = 0
    visited: list[str] = field(default_factory=list)
    started: float = field(default_factory=time.monotonic)

    def left_s(self) -> float:
        return self.seconds - (time.monotonic() - self.started)

    def spend(self, url: str) -> None:
        """Count one page load; raise OutOfBudget when the walk may load no more."""
        if self.pages >= self.max_pages or self.left_s() <= 0:
            raise OutOfBudget(f"stopped after {self.pages} pages and {self.seconds - self.left_s():.0f} s "
                              f"(bounds: {self.max_pages} pages, {self.seconds:g} s)")
        self.pages += 1
        self.visited.append(url)

    def used_s(self) -> float:
        return round(time.monotonic() - self.started, 2)

    def timeout_ms(self) -> float:
        return max(1000.0, min(self.page_timeout_ms, self.left_s() * 1000))


def visit(page: Any, url: str, budget: Budget) -> int | None:
    """Load ``url`` within the budget; returns the HTTP status (None when there was no response)."""
    budget.spend(url)
    response = page.goto(url, wait_until="load", timeout=budget.timeout_ms())
    return response.status if response else None


def plain(url: str) -> str:
    """A URL without its fragment or trailing slash, for 'same page' comparisons."""
    return urldefrag(url)[0].rstrip("/")


def same_site(url: str, home: str) -> bool:
    a, b = urlsplit(url), urlsplit(home)
    return a.scheme in ("http", "https") and a.netloc.lower() == b.netloc.lower()


def links_on(page: Any) -> list[dict[str, Any]]:
    """Visible links in document order: accessible name, absolute href, surrounding text, where they sit."""
    try:
        return [link for link in page.evaluate(LINKS_JS) if link["name"] and not link["href"].startswith("javascript:")]
    except Exception:
        return []


def heading(page: Any) -> str:
    try:
        h1 = page.locator("h1").first
        return (h1.inner_text(timeout=1000) if h1.count() else "") or page.title()
    except Exception:
        return ""
