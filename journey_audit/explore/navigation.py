"""Find a task by browsing: a breadth-first walk of the links whose text matches the task's words.

A link that names the task ("Report a pothole", "Residents parking permits") is followed at once and
its page is the task's start page. Links that name a wider topic ("Roads and transport") are queued
and opened level by level. Same site only; at most ``max_depth`` clicks and the budget's pages.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass, field
from typing import Any

from journey_audit.explore.pages import Budget, OutOfBudget, heading, links_on, plain, same_site, visit
from journey_audit.explore.vocabulary import TaskVocabulary


@dataclass
class Hop:
    """One click on the way: the link's name on the page it was on, and where it went."""

    name: str
    href: str
    from_url: str
    unique_name: bool  # no other link on that page has this name but goes elsewhere

    def as_dict(self) -> dict[str, Any]:
        return {"link": self.name, "url": self.href, "from": self.from_url}


@dataclass
class NavigationResult:
    start_url: str | None = None
    start_status: int | None = None
    hops: list[Hop] = field(default_factory=list)
    matched: str | None = None  # the vocabulary phrase that identified the start page
    pages_opened: list[str] = field(default_factory=list)
    offsite_links: list[str] = field(default_factory=list)  # task links to other sites: recorded, not followed
    stopped: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"found": self.start_url is not None, "start_url": self.start_url, "start_status": self.start_status,
                "clicks": len(self.hops) if self.start_url else None, "matched": self.matched,
                "path": [h.as_dict() for h in self.hops], "pages_opened": self.pages_opened,
                "offsite_links": self.offsite_links, "stopped": self.stopped}


def _hop(link: dict[str, Any], links: list[dict[str, Any]], from_url: str) -> Hop:
    same_name = {plain(x["href"]) for x in links if x["name"].lower() == link["name"].lower()}
    return Hop(link["name"], link["href"], from_url, unique_name=len(same_name) == 1)


def find_by_navigation(page: Any, home_url: str, vocab: TaskVocabulary, budget: Budget,
                       max_depth: int = 4) -> NavigationResult:
    result = NavigationResult()
    queue: deque[tuple[str, list[Hop]]] = deque([(home_url, [])])
    seen = {plain(home_url)}
    try:
        while queue:
            url, path = queue.popleft()
            status = visit(page, url, budget)
            result.pages_opened.append(page.url)
            if path and (status or 0) < 400 and (phrase := vocab.names_task(heading(page))):
                result.start_url, result.start_status, result.hops, result.matched = page.url, status, path, phrase
                return result
            links = links_on(page)
            task_links = [x for x in links if vocab.names_task(x["name"])]
            result.offsite_links += [x["href"] for x in task_links if not same_site(x["href"], home_url)
                                     and x["href"] not in result.offsite_links]
            task_links = [x for x in task_links if same_site(x["href"], home_url) and plain(x["href"]) not in seen]
            if task_links and len(path) < max_depth:
                best = sorted(task_links, key=lambda x: x["chrome"])[0]  # content links before menus
                hop = _hop(best, links, page.url)
                status = visit(page, best["href"], budget)
                result.pages_opened.append(page.url)
                result.start_url, result.start_status = page.url, status
                result.hops, result.matched = [*path, hop], vocab.names_task(best["name"])
                return result
            if len(path) + 1 >= max_depth:
                continue
            for link in links:
                target = plain(link["href"])
                if target in seen or not same_site(link["href"], home_url) or not vocab.names_section(link["name"]):
                    continue
                seen.add(target)
                queue.append((link["href"], [*path, _hop(link, links, page.url)]))
        result.stopped = f"no link naming the task within {max_depth} clicks of the home page"
    except OutOfBudget as exc:
        result.stopped = str(exc)
    except Exception as exc:  # a page that fails to load ends the walk, with the reason
        result.stopped = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return result
