"""Explore one council x task: find the start page (navigation, search, A to Z), then walk the service.

The outcome is a journey (YAML text) plus the findability facts. ``journey_audit.api.explore`` replays
that journey with the ordinary runner, so explored results are measured exactly like scripted ones.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from journey_audit.browser.session import BrowserSession
from journey_audit.explore.a_to_z import find_in_a_to_z
from journey_audit.explore.autopilot import Autopilot, Planned
from journey_audit.explore.navigation import Hop, find_by_navigation
from journey_audit.explore.pages import Budget, heading
from journey_audit.explore.search import find_by_search
from journey_audit.explore.vocabulary import TaskVocabulary
from journey_audit.explore.writer import journey_yaml
from journey_audit.model import Locator
from journey_audit.personas import load_personas


@dataclass(frozen=True)
class ExploreBounds:
    """Politeness bounds (see docs/explore.md): every walk stops at these, whatever it has found."""

    max_depth: int = 4  # clicks from the home page
    max_pages: int = 40  # pages opened by the navigation walk
    search_pages: int = 6  # home + results, per search term
    a_to_z_pages: int = 6
    form_pages: int = 15  # pages the autopilot may load
    max_actions: int = 60
    seconds: float = 120.0  # per task, for each walk


@dataclass
class Exploration:
    council: str
    council_id: str
    task: str
    home_url: str
    facts: dict[str, Any]
    journey_text: str
    walk_steps: list[Planned] = field(default_factory=list)

    @property
    def key(self) -> str:
        return f"{self.council_id}--{self.task}"


def _hop_step(hop: Hop) -> dict[str, Any]:
    if hop.unique_name:
        return {"args": hop.name, "locator": Locator(name=hop.name)}
    parts = urlsplit(hop.href)
    css = f"a[href$=\"{parts.path}{'?' + parts.query if parts.query else ''}\"]"
    return {"args": {"css": css}, "locator": Locator(css=css),
            "comment": f"several links are called '{hop.name}': found by CSS"}


def _route(nav: dict[str, Any], hops: list[Hop], a_to_z: dict[str, Any], search: dict[str, Any],
           home_url: str) -> tuple[str | None, list[Hop], list[dict[str, Any]]]:
    """Which way the journey goes to the start page: navigation first, then the A to Z, then search.

    Returns the route's name, its link clicks, and its steps (a search adds typing and pressing Search).
    """
    if nav["found"]:
        return "navigation", hops, [_hop_step(h) for h in hops]
    if a_to_z.get("in_a_to_z") and a_to_z.get("clicks") == 2:
        entry = a_to_z["entry"]
        route = [Hop("A to Z", a_to_z["page"], home_url, unique_name=False),
                 Hop(entry["link"], entry["url"], a_to_z["page"], unique_name=True)]
        return "a_to_z", route, [_hop_step(h) for h in route]
    if search.get("rank") and search.get("label") and search.get("button"):
        result = Hop(search["result"]["link"], search["result"]["url"], home_url, unique_name=True)
        typed = {"action": "fill", "args": {"label": search["label"], "value": search["term"]},
                 "locator": Locator(label=search["label"]), "value": search["term"]}
        pressed = {"args": search["button"], "locator": Locator(name=search["button"])}
        return "search", [result], [typed, pressed, _hop_step(result)]
    return None, [], []


def explore_task(session: BrowserSession, home_url: str, vocab: TaskVocabulary, *, council: str, council_id: str,
                 base_url: str | None = None, bounds: ExploreBounds | None = None, allow_submit: bool = False,
                 persona: str = "default", viewport: str | None = None) -> Exploration:
    bounds = bounds or ExploreBounds()
    people = load_personas()
    context = session.new_context(viewport)
    try:
        page = context.new_page()
        nav_budget = Budget(bounds.max_pages, bounds.seconds)
        navigation = find_by_navigation(page, home_url, vocab, nav_budget, bounds.max_depth)
        nav = navigation.as_dict()
        nav_seconds = nav_budget.used_s()
        search_budget = Budget(bounds.search_pages, bounds.seconds / 2)
        search = find_by_search(page, home_url, vocab, navigation.start_url, search_budget)
        a_to_z_budget = Budget(bounds.a_to_z_pages, bounds.seconds / 2)
        a_to_z = find_in_a_to_z(page, home_url, vocab, navigation.start_url, a_to_z_budget)
        found_by = [name for name, hit in (("navigation", nav["found"]), ("search", search.get("rank")),
                                           ("a_to_z", a_to_z.get("in_a_to_z"))) if hit]
        route, hops, route_steps = _route(nav, navigation.hops, a_to_z, search, home_url)
        home_heading = ""
        form_budget = Budget(bounds.form_pages, bounds.seconds, page_timeout_ms=session.settings.navigation_timeout_s * 1000)
        walk_page = context.new_page()
        pilot = Autopilot(walk_page, home_url, vocab, people.get(persona, people["default"]), form_budget,
                          allow_submit=allow_submit, max_actions=bounds.max_actions)
        form_budget.spend(home_url)
        walk = pilot.walk
        try:
            walk_page.goto(home_url, wait_until="load", timeout=form_budget.timeout_ms())
            home_heading = heading(walk_page)
        except Exception as exc:  # the site is down: the replay will say so (site_unreachable)
            walk.stopped = f"the home page could not be opened: {str(exc).splitlines()[0] if str(exc) else exc}"
            route = None
        if route and pilot.follow(route_steps):
            walk = pilot.run()
        else:
            walk.stopped = walk.stopped or "the task was not found from the home page"
    finally:
        context.close()
    start_url = (hops[-1].href if hops else None) if route else None
    facts = {
        "home_url": home_url, "task": vocab.task, "found_by": found_by, "route": route, "start_url": start_url,
        "clicks_from_home": len(hops) if route in ("navigation", "a_to_z") else None,
        "path": [home_url] + [h.href for h in hops],
        "navigation": nav, "search": search, "a_to_z": a_to_z,
        "autopilot": {"stopped": walk.stopped, "pages": walk.pages, "final_reached": walk.final_reached,
                      "submitted": walk.submitted, "actions": len(walk.steps)},
        "pages_loaded": nav_budget.pages + search_budget.pages + a_to_z_budget.pages + form_budget.pages,
        "walk_seconds": {"navigation": nav_seconds, "search": search_budget.used_s(),
                         "a_to_z": a_to_z_budget.used_s(), "autopilot": form_budget.used_s()},
        "bounds": {"max_depth": bounds.max_depth, "max_pages": bounds.max_pages, "form_pages": bounds.form_pages,
                   "seconds": bounds.seconds},
    }
    steps = walk.steps or [Planned("expect", {"text": home_heading or "Home"},
                                   "the task could not be found from the home page: the journey only opens it")]
    summary = [f"Task {vocab.task}: found by {', '.join(found_by) or 'nothing'}"
               + (f"; route: {' > '.join(['home'] + [h.name for h in hops])}" if route else ""),
               f"The autopilot stopped: {walk.stopped}"]
    text = journey_yaml(council=council, council_id=council_id, task=vocab.task, home_url=home_url,
                        base_url=base_url, steps=steps, summary=[re.sub(r"\s+", " ", s) for s in summary],
                        persona=persona)
    return Exploration(council, council_id, vocab.task, home_url, facts, text, walk.steps)
