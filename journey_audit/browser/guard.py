"""The submit guard: a dry run never sends the final form, whatever tries to send it.

Holding back the step marked ``final: true`` is not enough: another submit button of the same form,
a link whose script submits it, or the site itself (auto-submit on ``change``) can post it. So before
every step the guard looks ahead: when the control of a final step is on the current page, it reads
that control's form (action and method) and, unless ``--allow-submit``, intercepts the browser
context's requests: a request that would submit that form, or any POST to the same endpoint, is
aborted and recorded with the step that triggered it.

Whether anything was submitted is measured from the network, never assumed: every non-GET request and
every page load of the journey is recorded, and at the end those that reached a final endpoint
(not blocked, not refused) are the journey's ``submissions``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from journey_audit.actions.base import find
from journey_audit.browser.tracking import remove_listeners
from journey_audit.model import Step

if TYPE_CHECKING:
    from playwright.sync_api import BrowserContext, Page, Request, Route

# Reads the form a control submits, through the prototype getters so that a field named "action" or
# "method" (which shadows form.action in the DOM) cannot hide the real endpoint.
READ_FORM = """(el) => {
  const form = el.form || (el.closest && el.closest("form"));
  if (!form) return null;
  const get = (proto, name, obj) => Object.getOwnPropertyDescriptor(proto, name).get.call(obj);
  const proto = el instanceof HTMLButtonElement ? HTMLButtonElement.prototype
              : el instanceof HTMLInputElement ? HTMLInputElement.prototype : null;
  const own = (attr, name) => proto && el.hasAttribute(attr) ? get(proto, name, el) : null;
  const action = own("formaction", "formAction") || get(HTMLFormElement.prototype, "action", form);
  const method = own("formmethod", "formMethod") || get(HTMLFormElement.prototype, "method", form) || "get";
  return {action: action, method: method.toUpperCase()};
}"""
# Failures meaning the request never left the browser or never reached the server.
NOT_SENT = ("ERR_CONNECTION_REFUSED", "ERR_NAME_NOT_RESOLVED", "ERR_ADDRESS_UNREACHABLE", "ERR_BLOCKED",
            "ERR_INTERNET_DISCONNECTED", "ERR_UNSAFE_PORT")


def endpoint_key(url: str) -> str:
    """scheme://host:port/path: what identifies where a form is sent (query and fragment aside)."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}{parts.path or '/'}"


@dataclass(frozen=True)
class Endpoint:
    url: str
    method: str
    step: int  # armed before this step ran
    document: int  # the page (count of page loads so far) that holds the final control

    def catches(self, url: str, method: str, navigation: bool) -> bool:
        """A POST to the endpoint, or the form's own (GET) submission: a page load with its answers."""
        if endpoint_key(url) != endpoint_key(self.url):
            return False
        if method == "POST":
            return True
        return method == self.method and (method != "GET" or (navigation and urlsplit(url).query != ""))


class SubmitGuard:
    """One per journey (one browser context): arms itself from the page, blocks, and measures."""

    def __init__(self, context: BrowserContext, script: list[Step], *, allow_submit: bool):
        self.context = context
        self.script = script
        self.allow_submit = allow_submit
        self.endpoints: list[Endpoint] = []
        self.blocked: list[dict[str, Any]] = []
        self._by_request: dict[Any, dict[str, Any]] = {}  # non-GET requests and page loads, in order
        self._blocked_requests: set[Any] = set()  # aborted by the guard (the event may come before or after)
        self._trigger: dict[str, Any] = {"step": 0, "action": "goto", "target": None}
        self._routed = False
        self._document = 0  # page loads of the journey so far: which page sent a request
        context.on("request", self._on_request)
        context.on("requestfailed", self._on_request_failed)

    def detach(self) -> None:
        """Stop watching the context: it goes on to another journey (``check`` reuses it, browser/reuse.py)."""
        remove_listeners(self.context, [("request", self._on_request), ("requestfailed", self._on_request_failed)])
        if self._routed:
            try:
                self.context.unroute(self._watched, self._intercept)
            except Exception:
                pass

    def step_starting(self, index: int, step: Step) -> None:
        """Requests from now on are this step's doing (the trigger of anything blocked)."""
        self._trigger = {"step": index, "action": step.action, "target": step.target()}

    def look_ahead(self, page: Page, next_index: int) -> None:
        """Arm the guard for the final controls on the current page, before step ``next_index`` runs.

        A final control is only looked for when no step before it presses a control found the same way:
        a final "Continue" must not arm the guard on the earlier pages that also have a "Continue".
        """
        for index in range(next_index, len(self.script)):
            final = self.script[index]
            if not final.final or final.action in ("goto", "expect"):
                continue
            if any(s.locator == final.locator for s in self.script[next_index:index] if not s.final):
                continue
            self._arm_from(page, final, index, next_index)

    def _arm_from(self, page: Page, final: Step, final_index: int, next_index: int) -> None:
        try:
            control = find(page, final.locator, roles=("button",) if final.action == "submit" else ("button", "link"))
            if not control.count():
                return
            form = control.evaluate(READ_FORM, timeout=2000)
        except Exception:
            return  # the page is changing under us; the next look-ahead tries again
        if not form or not form.get("action"):
            return
        endpoint = Endpoint(form["action"], form["method"], next_index, self._document)
        if any(e.url == endpoint.url and e.method == endpoint.method for e in self.endpoints):
            return
        self.endpoints.append(endpoint)
        if not self.allow_submit and not self._routed:
            self.context.route(self._watched, self._intercept)
            self._routed = True

    def _watched(self, url: str) -> bool:
        return any(endpoint_key(url) == endpoint_key(e.url) for e in self.endpoints)

    def _intercept(self, route: Route, request: Request) -> None:
        navigation = _is_navigation(request)
        if not any(e.catches(request.url, request.method, navigation) for e in self.endpoints):
            route.fallback()
            return
        record = {**self._trigger, "url": request.url, "method": request.method,
                  "resource_type": request.resource_type}
        self.blocked.append(record)
        self._blocked_requests.add(request)
        route.abort("blockedbyclient")

    def _on_request(self, request: Request) -> None:
        navigation = _is_navigation(request)
        if request.method == "GET" and not navigation:
            return
        record = {"url": request.url, "method": request.method, "step": self._trigger["step"],
                  "resource_type": request.resource_type, "navigation": navigation, "failure": None,
                  "document": self._document}
        self._by_request[request] = record
        if navigation and _top_level(request):
            self._document += 1  # what follows comes from the page this load brings

    def _on_request_failed(self, request: Request) -> None:
        record = self._by_request.get(request)
        if record is not None:
            record["failure"] = request.failure

    def submissions(self, final_pressed_at: list[int]) -> list[dict[str, Any]]:
        """Requests that reached a final endpoint: not blocked, not refused before being sent.

        Only requests sent from the page that holds the final control, or later, count: sites that post
        every page of a form back to one address (ASP.NET) post earlier pages there too. When a final
        control had no form to read (a script-driven button), every non-GET request pressing it caused counts.
        """
        sent = []
        for request, r in self._by_request.items():
            if request in self._blocked_requests or any(m in (r["failure"] or "") for m in NOT_SENT):
                continue
            hits = any(e.catches(r["url"], r["method"], r["navigation"]) and r["document"] >= e.document
                       for e in self.endpoints)
            if hits or (r["step"] in final_pressed_at and r["method"] != "GET"):
                sent.append({k: r[k] for k in ("url", "method", "step", "resource_type")})
        return sent

    def guarded(self) -> list[dict[str, Any]]:
        return [{"url": e.url, "method": e.method, "step": e.step} for e in self.endpoints]


def _top_level(request: Request) -> bool:
    try:
        return request.frame.parent_frame is None
    except Exception:
        return False


def _is_navigation(request: Request) -> bool:
    try:
        return request.is_navigation_request()
    except Exception:
        return False
