"""Find a task with the site's own search, as a person would: box by role or label, type, press Enter.

The rank is the position of the first result that leads to the service (the start page navigation
found, or a result whose title names the task) among the links after the results page's heading,
leaving out menus, headers, footers and forms. Only the top ``TOP`` count.
"""

from __future__ import annotations

import re
from typing import Any

from journey_audit.explore.pages import Budget, OutOfBudget, links_on, plain, same_site, visit
from journey_audit.explore.vocabulary import TaskVocabulary

TOP = 10
_SEARCH = re.compile(r"search", re.I)
# The box's accessible name and its form's button, so a journey can search the way a person does.
BOX_NAMES_JS = """
el => {
  const text = n => (n ? (n.innerText || n.textContent || '') : '').replace(/\\s+/g, ' ').trim();
  let label = el.getAttribute('aria-label') || '';
  if (!label && el.id) { const l = document.querySelector('label[for="' + CSS.escape(el.id) + '"]'); label = text(l); }
  if (!label) label = el.title || '';
  const form = el.form, button = form && form.querySelector('button, input[type=submit]');
  return { label: label.trim(), button: button ? (text(button) || button.value || '').trim() : '' };
}
"""


def search_box(page: Any) -> tuple[Any, str] | None:
    """The site's search box and how it was found (role first, then label, then the usual names)."""
    candidates = (
        ("role searchbox", page.get_by_role("searchbox")),
        ("textbox named 'search'", page.get_by_role("textbox", name=_SEARCH)),
        ("CSS input[name=q]", page.locator("input[name=q], input[name*=search i]")),
    )
    for how, locator in candidates:
        try:
            visible = [locator.nth(i) for i in range(min(locator.count(), 5)) if locator.nth(i).is_visible()]
        except Exception:
            continue
        if visible:
            return visible[0], how
    return None


def results_on(page: Any) -> list[dict[str, Any]]:
    """Result links in order: after the heading, not in menus/header/footer/forms, one per address."""
    out, seen = [], set()
    for link in links_on(page):
        target = plain(link["href"])
        if link["chrome"] or not link["after_h1"] or target in seen or target == plain(page.url):
            continue
        seen.add(target)
        out.append(link)
    return out


def find_by_search(page: Any, home_url: str, vocab: TaskVocabulary, start_url: str | None,
                   budget: Budget) -> dict[str, Any]:
    """Search for each of the task's search terms; the best rank wins. ``rank`` is None beyond the top 10."""
    found: dict[str, Any] = {"box": None, "rank": None, "term": None, "result": None, "tries": [], "stopped": None}
    try:
        for term in vocab.search_terms():
            visit(page, home_url, budget)
            box = search_box(page)
            if box is None:
                found["box"] = False
                return found
            locator, found["box"] = box[0], box[1]
            try:
                found.update(locator.evaluate(BOX_NAMES_JS))
            except Exception:
                found.update(label="", button="")
            budget.spend("(search results)")
            locator.fill(term, timeout=budget.timeout_ms())
            with page.expect_navigation(wait_until="load", timeout=budget.timeout_ms()):
                locator.press("Enter")
            results = results_on(page)
            rank = next((n for n, r in enumerate(results[:TOP], 1)
                         if (start_url and plain(r["href"]) == plain(start_url)) or vocab.names_task(r["name"])), None)
            hit = results[rank - 1] if rank else None
            found["tries"].append({"term": term, "results_url": page.url, "results_seen": len(results), "rank": rank,
                                   "result": {"link": hit["name"], "url": hit["href"]} if hit else None,
                                   "offsite": bool(hit and not same_site(hit["href"], home_url))})
            if rank and (found["rank"] is None or rank < found["rank"]):
                found.update(rank=rank, term=term, result={"link": hit["name"], "url": hit["href"]})
    except OutOfBudget as exc:
        found["stopped"] = str(exc)
    except Exception as exc:  # a search that fails (no navigation, an error page) is reported, not fatal
        found["stopped"] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return found
