"""Walk a council's service the way a person would, writing down each step as a journey step.

Per page: stop at an error page, another site, or a dead end the detectors call blocking; fill each
visible field from the persona, pick the first sensible option, tick declarations; press the main
button, except one that would really submit (written as ``final: true``). After a validation error
it answers the fields the page marks as wrong, once. Every action runs through the journey actions
(``journey_audit.actions``), so a written step is a step that has already worked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from journey_audit.actions import REGISTRY, StepContext
from journey_audit.actions.base import find
from journey_audit.browser.runner import FILES_DIR
from journey_audit.browser.tracking import DocumentTracker
from journey_audit.explore.answers import first_sensible, ticks, value_for
from journey_audit.explore.controls import buttons_on, controls_on
from journey_audit.explore.pages import Budget, OutOfBudget, heading, links_on, plain, same_site
from journey_audit.explore.vocabulary import TaskVocabulary
from journey_audit.model import Locator, Step
from journey_audit.pipeline import detect_dead_ends, gather_artifacts

FINAL_BUTTON = re.compile(r"\b(submit|send|pay|confirm|complete|finish|place order|accept and)\b", re.I)
CHECK_PAGE = re.compile(r"check (your )?(answers|details|application|booking|report)|declaration|review your", re.I)
NOT_FORWARD = re.compile(r"\b(back|cancel|sign out|log ?out|save and (come back|return)|clear|reset|search|change|"
                         r"remove|delete|previous|add another|find address|look ?up)\b", re.I)
GENERIC_LINK = re.compile(r"^(click here|here|online|apply online|report online|book online|this form|online form|start)$", re.I)
START = re.compile(r"^start( now)?$", re.I)


@dataclass
class Planned:
    """One journey step: as written (with persona placeholders) and as run now."""

    action: str
    args: dict[str, Any] | str
    comment: str | None = None


@dataclass
class Walk:
    steps: list[Planned] = field(default_factory=list)
    stopped: str = ""
    pages: list[str] = field(default_factory=list)
    final_reached: bool = False
    submitted: bool = False


def _literal(template: str, persona: dict[str, str]) -> str:
    from journey_audit.loader import _date

    text = re.sub(r"\{date\.(today|yesterday|last_week)\}", lambda m: _date(m.group(1)), template)
    return re.sub(r"\{persona\.([a-z0-9_]+)\}", lambda m: str(persona.get(m.group(1), m.group(0))), text)


def _css_for(control: dict[str, Any]) -> str:
    if control.get("id") and re.fullmatch(r"[A-Za-z][\w-]*", control["id"]):
        return f"#{control['id']}"
    return f"{control['tag']}[name=\"{control['name']}\"]"


class Autopilot:
    def __init__(self, page: Any, home_url: str, vocab: TaskVocabulary, persona: dict[str, str], budget: Budget,
                 *, allow_submit: bool = False, max_actions: int = 60):
        self.page = page
        self.home_url = home_url
        self.vocab = vocab
        self.persona = persona
        self.budget = budget
        self.allow_submit = allow_submit
        self.max_actions = max_actions
        self.walk = Walk()
        self.tracker = DocumentTracker(page)
        self.opened: set[str] = set()
        self.presses: dict[str, int] = {}  # page -> times its main button was pressed

    # --- running one step -------------------------------------------------------------------------
    def _run(self, action: str, locator: Locator, value: str | None = None) -> bool:
        if len(self.walk.steps) >= self.max_actions:
            raise OutOfBudget(f"stopped after {self.max_actions} actions (bound)")
        ctx = StepContext(base_url=self.home_url, files_dir=FILES_DIR, timeout_ms=min(5000, self.budget.timeout_ms()))
        self.tracker.reset()
        try:
            REGISTRY[action].run(self.page, Step(action=action, line=0, locator=locator,
                                                 value=_literal(value, self.persona) if value else value), ctx)
            if self.tracker.navigated:
                self.page.wait_for_load_state("load", timeout=self.budget.timeout_ms())
            else:
                self.tracker.wait_for_fetches(ctx.timeout_ms)
        except Exception:
            return False
        if self.tracker.navigated:
            self.budget.spend(self.page.url)
        return True

    def _same_element(self, locator: Locator, control: dict[str, Any]) -> bool:
        try:
            got = find(self.page, locator).evaluate("el => [el.name || '', el.id || '']", timeout=2000)
        except Exception:
            return False
        return got == [control.get("name", ""), control.get("id", "")]

    def _locate(self, control: dict[str, Any]) -> tuple[dict[str, str], Locator, str | None]:
        """Label first, placeholder next, CSS (with a comment saying so) last."""
        for key in ("label", "placeholder"):
            text = (control.get(key) or "").strip()
            if text and self._same_element(Locator(**{key: text}), control):
                return {key: text}, Locator(**{key: text}), None
        css = _css_for(control)
        what = control.get("label") or control.get("placeholder") or control.get("context", "")[:60]
        return {"css": css}, Locator(css=css), f"no usable label: found by CSS ({what or 'no visible text'})"

    def _plan(self, action: str, args: dict[str, Any] | str, locator: Locator, value: str | None = None,
              comment: str | None = None) -> bool:
        if self._run(action, locator, value):
            self.walk.steps.append(Planned(action, args, comment))
            return True
        return False

    # --- answering --------------------------------------------------------------------------------
    def _answer(self, control: dict[str, Any], *, fixing: bool = False) -> None:
        kind = control["kind"]
        if kind == "radio":
            if control.get("checked") and not fixing:
                return
            option = first_sensible(control.get("options") or [])
            if not option:
                return
            if control.get("question"):
                args = {"label": control["question"], "option": option}
                if self._plan("choose", args, Locator(label=control["question"]), option):
                    return
            css = f"input[type=radio][name=\"{control['name']}\"]"
            self._plan("choose", {"css": css, "option": option}, Locator(css=css), option,
                       "radio buttons without a question (legend): the first option, found by CSS")
        elif kind == "select":
            options = control.get("options") or []
            current = next((o for o in options if o[1] == control.get("value")), None)
            if current and first_sensible([current]) and not fixing:
                return  # already answered (or a sensible default the site chose)
            option = first_sensible(options)
            if not option:
                return
            args, locator, comment = self._locate(control)
            self._plan("select", {**args, "option": option}, locator, option, comment)
        elif kind == "checkbox":
            if control.get("checked") or not (fixing or ticks(control)):
                return
            args, locator, comment = self._locate(control)
            self._plan("check", args, locator, None, comment)
        elif kind in ("file", "password", "date", "color", "range"):
            return  # not something to invent: optional uploads are skipped, passwords mean a login wall
        else:
            value = value_for(control) if not fixing else (value_for(control) or "Not known")
            if value is None or (control.get("value") and not fixing):
                return
            args, locator, comment = self._locate(control)
            self._plan("fill", {**args, "value": value}, locator, value, comment)

    def _fill_page(self, controls: list[dict[str, Any]]) -> None:
        for control in controls:
            self._answer(control)

    # --- moving on --------------------------------------------------------------------------------
    def _primary(self) -> dict[str, Any] | None:
        buttons = [b for b in buttons_on(self.page) if not NOT_FORWARD.search(b["name"])]
        in_form = [b for b in buttons if b["in_form"]]
        return (in_form or buttons or [None])[0]

    def _is_final(self, button: dict[str, Any]) -> bool:
        return bool(FINAL_BUTTON.search(button["name"]) or CHECK_PAGE.search(heading(self.page)))

    def _errors(self) -> list[dict[str, Any]]:
        return [c for c in controls_on(self.page) if c.get("error")]

    def _press(self, button: dict[str, Any]) -> str | None:
        """Press the main button; after a validation error, answer the named fields once and press again."""
        before = plain(self.page.url)
        self.presses[before] = self.presses.get(before, 0) + 1
        if self.presses[before] > 2:  # pressed twice already and still here: no point pressing again
            return f"the page did not move on after pressing '{button['name']}' twice"
        if not self._plan("click", button["name"], Locator(name=button["name"])):
            return f"could not press '{button['name']}'"
        wrong = self._errors()
        if not wrong or plain(self.page.url) != before:
            return None
        pressed = self.walk.steps[-1]
        pressed.args = {"name": button["name"], "expect_error": True}
        pressed.comment = "the autopilot's first answers were refused: the page showed errors"
        for control in wrong:
            if control["kind"] == "checkbox":  # a group ("select at least one"): tick its first box
                group = [c for c in controls_on(self.page) if c["kind"] == "checkbox" and c["name"] == control["name"]]
                if not any(c.get("checked") for c in group):
                    self._answer(group[0] if group else control, fixing=True)
            else:
                self._answer(control, fixing=True)
        if not self._plan("click", button["name"], Locator(name=button["name"])):
            return f"could not press '{button['name']}' again"
        if self._errors() and plain(self.page.url) == before:
            return "the page still showed errors after the named fields were answered again"
        return None

    def _call_to_action(self) -> dict[str, Any] | None:
        best, best_score = None, 0
        for link in links_on(self.page):
            if link["chrome"] or plain(link["href"]) in self.opened or plain(link["href"]) == plain(self.page.url):
                continue
            name, context = link["name"], link["context"]
            score = (100 if START.match(name) else
                     90 if self.vocab.names_task(name) and (self.vocab.names_action(name) or re.search(r"online|form", name, re.I)) else
                     70 if self.vocab.names_task(name) else
                     60 if GENERIC_LINK.match(name) and self.vocab.names_task(context) else
                     50 if self.vocab.names_action(name) and self.vocab.names_task(context) else 0)
            if score > best_score:
                best, best_score = link, score
        return best

    def _blocking_dead_end(self, status: int | None) -> str | None:
        record = {"url": self.page.url, "title": self.page.title(), "http_status": status, "index": 0,
                  "artifacts": gather_artifacts(self.page, axe=False)}
        blocking = [d for d in detect_dead_ends(record) if d.get("blocking")]
        if not blocking:
            return None
        text = blocking[0]["evidence"]["text"]  # cut with a visible "…", so a cut URL is not taken for the real one
        return f"dead end: {blocking[0]['kind']} ({text if len(text) <= 200 else text[:199] + '…'})"

    # --- the walk ---------------------------------------------------------------------------------
    def follow(self, hops: list[dict[str, Any]]) -> bool:
        """Click the route to the start page, as the journey will."""
        for hop in hops:
            if not self._plan(hop.get("action", "click"), hop["args"], hop["locator"], hop.get("value"),
                              comment=hop.get("comment")):
                self.walk.stopped = f"could not click '{hop['args']}' on the way to the start page"
                return False
        return True

    def run(self) -> Walk:
        try:
            while True:
                status = self.tracker.last_status
                self.walk.pages.append(self.page.url)
                self.opened.add(plain(self.page.url))
                content_type = (self.tracker.documents[-1].get("content_type") if self.tracker.documents else "") or ""
                if status and status >= 400:
                    self.walk.stopped = f"the page answered HTTP {status}"
                    return self.walk
                if content_type and "html" not in content_type:
                    self.walk.stopped = f"the page is a file ({content_type}), not a web page"
                    return self.walk
                if not same_site(self.page.url, self.home_url):
                    host = urlsplit(self.page.url).netloc
                    self.walk.stopped = f"handed off to another site ({host}): recorded, not followed further"
                    return self.walk
                dead = self._blocking_dead_end(status)
                if dead:
                    self.walk.stopped = dead
                    return self.walk
                if self.walk.submitted:
                    self.walk.stopped = "submitted (--allow-submit): this is the page after the final submission"
                    return self.walk
                controls = controls_on(self.page)
                button = self._primary()
                if controls or (button and button["in_form"]):
                    self._fill_page(controls)
                    if button is None:
                        self.walk.stopped = "a form with no button to press"
                        return self.walk
                    if self._is_final(button):
                        self.walk.final_reached = True
                        if not self.allow_submit:
                            self.walk.steps.append(Planned("submit", {"name": button["name"], "final": True},
                                                           "the final submission: pressed only when the written journey is replayed with --allow-submit"))
                            self.walk.stopped = f"stopped before the final submission ('{button['name']}')"
                            return self.walk
                        self.walk.submitted = self._plan("submit", {"name": button["name"], "final": True},
                                                         Locator(name=button["name"]))
                        continue
                    problem = self._press(button)
                    if problem:
                        self.walk.stopped = problem
                        return self.walk
                    continue
                link = self._call_to_action()
                if link is None:
                    self.walk.stopped = "no way forward found on this page (no form, no link to the service)"
                    return self.walk
                if not self._plan("click", link["name"], Locator(name=link["name"])):
                    self.walk.stopped = f"could not follow '{link['name']}'"
                    return self.walk
        except OutOfBudget as exc:
            self.walk.stopped = str(exc)
        return self.walk
