"""Keyboard: judges what the keyboard replay recorded (``step["keyboard"]``, see docs/measurements.md).

The runner records facts (Tab presses, the focus stops passed and their boxes, focus that did not show,
traps, unreachable controls, where focus went after a submit, the skip link); this audit turns them into
``metrics.keyboard`` and ``keyboard-*`` findings. Mouse runs record no keyboard facts and get nothing here.

One problem is charged once: in a keyboard run the measured tab order and the measured focus after a submit
replace the forms probe's estimates (``focus-order-mismatch`` in form_barriers, ``error-summary-not-focused``
in error_handling are not judged there). Unreachable controls and traps are dead ends (detectors
``keyboard_unreachable`` and ``keyboard_trap``); they are only listed in the metrics here.
"""

from __future__ import annotations

from .common import finding, keyboard_facts, scaled, url_path
from .effort import counts, keyboard_klm_seconds
from .error_state import error_state, previous_step
from .form_barriers import shown_before
from .kinds import ADVICE, BARRIER

AUDIT_ID = "keyboard"
FINDING_IDS = ("keyboard-focus-not-visible", "keyboard-order-mismatch", "keyboard-focus-lost", "keyboard-no-skip-link",
               "keyboard-many-tab-presses")
STUCK_KINDS = ("keyboard_unreachable", "keyboard_trap")


def _box(stop: dict) -> list[int] | None:
    """[x, y, width, height] of a stop with a real box on the page, else None."""
    box = stop.get("box") or {}
    try:
        x, y, w, h = (int(box[k]) for k in ("x", "y", "width", "height"))
    except (KeyError, TypeError, ValueError):
        return None
    return [x, y, w, h] if w > 0 and h > 0 else None


def _stop_key(stop: dict) -> tuple:
    return stop.get("name"), stop.get("tag"), tuple(_box(stop) or ())


def _focus_on_page(step: dict) -> bool:
    """Focus ended on the page itself (``<body>``): the next Tab starts from the top, not from a control."""
    after = keyboard_facts(step).get("focus_after")
    return isinstance(after, dict) and bool(after.get("is_body") or str(after.get("tag") or "").lower() in ("body", "html"))


def _same_page(step: dict, previous: dict) -> bool:
    """The step's stops follow on from the step before's: no page load, same address, focus still on a control."""
    if step.get("action") == "goto":
        return False
    loaded = previous.get("navigated") and previous.get("action") != "goto"  # a goto's stops are on its own page
    moved = (step.get("url") or "").split("#")[0] != (previous.get("url") or "").split("#")[0]
    return not (loaded or moved or _focus_on_page(previous))


def focus_chains(steps: list[dict]) -> list[tuple[int, str, list[dict]]]:
    """Runs of focus stops in Tab order on one page: (first step, url, stops).

    A step's stops are passed on the way to its target, so they are on the page the step before left; a
    ``goto`` records its stops (the skip link check) after its page loaded. A run ends when a page loads or
    the address changes, when focus was left on the page itself, when focus wraps round the page (a stop comes
    back: past the end, Tab starts again at the top), around a step that pressed Shift+Tab (its stops are not
    judged; the next run starts at its target), and after a step whose stops were cut at 80. Runs that cannot
    be told apart are broken, not joined: only an inversion seen within one run counts.
    """
    chains: list[tuple[int, str, list[dict]]] = []
    current: list[dict] = []
    start, url = 0, ""
    previous: dict | None = None

    def flush() -> None:
        if current:
            chains.append((start, url, list(current)))
        current.clear()

    for step in steps:
        kb = keyboard_facts(step)
        if previous is None or not _same_page(step, previous):
            flush()
        previous = step
        stops = [s for s in kb.get("stops") or [] if isinstance(s, dict)]
        if not stops:
            continue
        if kb.get("shift_tab_presses"):
            # A walk with Shift+Tab is not judged: it may wrap round the page (Shift+Tab from the first control
            # goes to the last) and the record does not say where, or give way to Tab and mix both directions.
            flush()
            start, url = step.get("index", 0), step.get("url", "")
            current.append(stops[-1])  # focus is on the step's target now; the next step goes on from there
            continue
        for stop in stops:
            if any(_stop_key(stop) == _stop_key(s) for s in current):
                flush()  # focus went round the page and came back: a new pass
            if not current:
                start, url = step.get("index", 0), step.get("url", "")
            current.append(stop)
        if kb.get("stops_truncated"):
            flush()  # the stops after the first 80 were not kept: what follows is not the next stop
    flush()
    return chains


def order_mismatches(steps: list[dict]) -> list[dict]:
    """Consecutive form controls in the measured Tab order where the later one is shown before the earlier one
    (above it in the same column, or left of it on the same row). A single column read top to bottom and a two
    column layout read row by row, or column by column, have none."""
    out: list[dict] = []
    seen: set[tuple] = set()
    for step, url, stops in focus_chains(steps):
        form = [s for s in stops if s.get("in_form") and _box(s)]
        for a, b in zip(form, form[1:], strict=False):
            if not shown_before(_box(a), _box(b)):
                continue
            names = [str(a.get("name") or a.get("tag") or "control"), str(b.get("name") or b.get("tag") or "control")]
            key = (url_path(url), *names)
            if key in seen:
                continue
            seen.add(key)
            out.append({"step": step, "controls": names,
                        "evidence": f"'{names[1]}' is shown before '{names[0]}' but Tab reaches it after"})
    return out


def focus_not_visible(steps: list[dict]) -> list[dict]:
    """Each control that showed no visible focus, once, at the first step it was met."""
    out: list[dict] = []
    seen: set[tuple] = set()
    for step in steps:
        for item in keyboard_facts(step).get("not_visible") or []:
            key = (item.get("name"), item.get("tag"))
            if key in seen:
                continue
            seen.add(key)
            out.append({"step": step.get("index"), "control": str(item.get("name") or item.get("tag") or "control"),
                        "evidence": str(item.get("evidence") or "no visible change on focus")})
    return out


def focus_lost(steps: list[dict]) -> list[dict]:
    """Steps whose page shows an error (audits/error_state.py) while focus sits on the page itself (body),
    not on the error summary or a field in error."""
    out = []
    for step in steps:
        after = keyboard_facts(step).get("focus_after")
        if not isinstance(after, dict) or after.get("in_error_summary") or after.get("is_invalid_field"):
            continue
        if _focus_on_page(step) and error_state(step, previous_step(steps, step)).shown:
            out.append({"step": step.get("index"), "focus_on": str(after.get("tag") or "body")})
    return out


def stuck(steps: list[dict]) -> tuple[list[dict], list[dict], dict | None]:
    """(unreachable controls, traps, the first place a keyboard user is stuck)."""
    unreachable, traps, first = [], [], None
    for step in steps:
        kb = keyboard_facts(step)
        where = step.get("index")
        if isinstance(kb.get("unreachable"), dict):
            u = kb["unreachable"]
            unreachable.append({"step": where, "control": str(u.get("control") or kb.get("target") or ""),
                                "reason": str(u.get("reason") or "")})
            first = first or {"step": where, "control": unreachable[-1]["control"], "kind": "keyboard_unreachable",
                              "evidence": str(u.get("evidence") or u.get("reason") or "")}
        if isinstance(kb.get("trap"), dict):
            t = kb["trap"]
            traps.append({"step": where, "control": str(t.get("control") or kb.get("target") or ""),
                          "evidence": str(t.get("evidence") or "")})
            first = first or {"step": where, "control": traps[-1]["control"], "kind": "keyboard_trap",
                              "evidence": traps[-1]["evidence"]}
        if first is None and step.get("error_kind") in STUCK_KINDS:
            first = {"step": where, "control": str(kb.get("target") or ""), "kind": step["error_kind"],
                     "evidence": str(step.get("error") or "")}
    return unreachable, traps, first


def skip_link(steps: list[dict]) -> dict | None:
    """The skip link as found on the first page (None when the replay did not record one)."""
    for step in steps:
        link = keyboard_facts(step).get("skip_link")
        if isinstance(link, dict):
            return {"present": bool(link.get("present")), "works": bool(link.get("works")),
                    "name": str(link.get("name") or ""), "step": step.get("index")}
    return None


def metrics_of(journey: dict, profile: dict) -> dict | None:
    """``metrics.keyboard`` (docs/measurements.md, "Keyboard findings and score"), or None for a mouse run."""
    # Every step with keyboard facts, the held-back final one too: a dry run Tabs to the final button (its
    # presses were made) and only leaves it unpressed.
    steps = journey.get("steps") or []
    if not any(keyboard_facts(s) for s in steps):
        return None
    per_step = []
    for step in steps:
        kb = keyboard_facts(step)
        if kb:
            back = int(kb.get("shift_tab_presses") or 0)  # Shift+Tab is a press of Tab too: counted in both
            per_step.append({"step": step.get("index"), "tab_presses": int(kb.get("tab_presses") or 0) + back,
                             "shift_tab_presses": back, "keys": int(kb.get("keys") or 0)})
    keys = sum(p["keys"] for p in per_step)
    unreachable, traps, first = stuck(steps)
    link = skip_link(steps)
    return {
        "tab_presses": sum(p["tab_presses"] for p in per_step),
        "shift_tab_presses": sum(p["shift_tab_presses"] for p in per_step),
        "keys_total": keys,
        "klm_seconds": round(keyboard_klm_seconds(counts(journey), keys, profile["klm"]), 1),
        "unreachable": unreachable,
        "traps": traps,
        "focus_not_visible": focus_not_visible(steps),
        "order_mismatch": order_mismatches(steps),
        "focus_lost": focus_lost(steps),
        "skip_link": {"present": link["present"], "works": link["works"]} if link else None,
        "first_stuck": first,
        "per_step": per_step,
    }


def _first(items: list[dict]) -> int | None:
    return min((i["step"] for i in items if i.get("step") is not None), default=None)


def findings_of(m: dict, steps: list[dict], profile: dict) -> list[dict]:
    pts = profile["points"]["keyboard"]
    out: list[dict] = []
    hidden = m["focus_not_visible"]
    if hidden:
        out.append(finding(
            "keyboard-focus-not-visible", AUDIT_ID, "keyboard", "high",
            f"Keyboard focus is invisible on {len(hidden)} control(s)",
            "When these controls get keyboard focus nothing on screen changes, so keyboard users cannot see where "
            "they are (WCAG 2.4.7 Focus Visible).",
            "Give every focusable control a clear focus style (for example a 3px outline in a contrasting colour); "
            "never remove the outline without a replacement.",
            min(pts["not_visible_max"], pts["not_visible_each"] * len(hidden)),
            [f"step {h['step']}: '{h['control']}': {h['evidence']}" for h in hidden], _first(hidden), kind=BARRIER))
    order = m["order_mismatch"]
    if order:
        out.append(finding(
            "keyboard-order-mismatch", AUDIT_ID, "keyboard", "high",
            "Tab moves through the form in a different order from the one on screen",
            "Measured by pressing Tab: keyboard and screen reader users meet the questions out of order "
            "(WCAG 2.4.3 Focus Order, failure F44 for positive tabindex).",
            "Put the controls in the HTML in the order they are shown; don't reorder with CSS or positive tabindex.",
            min(pts["order_max"], pts["order_each"] * len(order)),
            [f"step {o['step']}: {o['evidence']}" for o in order], _first(order), kind=BARRIER))
    lost = m["focus_lost"]
    if lost:
        out.append(finding(
            "keyboard-focus-lost", AUDIT_ID, "keyboard", "medium",
            "After a submit with errors, keyboard focus is left at the top of the page",
            "The page shows an error but focus is on the page itself, not on the error summary or the first field "
            "in error, so keyboard users must find the problem themselves (WCAG 3.3.1 and 2.4.3 are met by a "
            "page that starts from the top; moving focus is the GOV.UK error summary pattern).",
            "Move focus to the error summary when the page shows errors (or to the first field in error).",
            pts["focus_lost_each"] * len(lost),
            [f"step {x['step']}: focus on <{x['focus_on']}> while the page shows an error" for x in lost],
            _first(lost), kind=ADVICE))
    link = skip_link(steps)
    if link and not (link["present"] and link["works"]):
        why = (f"the skip link '{link['name']}' does not move focus to the main content" if link["present"]
               else "no skip link before the page's navigation")
        out.append(finding(
            "keyboard-no-skip-link", AUDIT_ID, "keyboard", "low",
            "There is no working skip link on the first page",
            "Keyboard users must Tab through the header and navigation on every page (WCAG 2.4.1 Bypass Blocks; "
            "headings and landmarks can also meet it, so this is advice).",
            "Add a 'Skip to main content' link as the first focusable element, pointing at the <main> element.",
            pts["skip_link"], [f"step {link['step']}: {why}"], link["step"], kind=ADVICE))
    targets = sum(1 for s in steps if keyboard_facts(s).get("target"))
    good = pts["tabs_good_per_target"] * targets
    tabs = m["tab_presses"]  # Tab and Shift+Tab: moving focus either way is the effort
    if tabs > good:
        out.append(finding(
            "keyboard-many-tab-presses", AUDIT_ID, "keyboard", "low",
            f"Keyboard users press Tab {tabs} times in this journey",
            f"{tabs} Tab or Shift+Tab presses for {targets} controls to reach (about {pts['tabs_good_per_target']} "
            f"each is easy); {m['keys_total']} key presses in all.",
            "Keep the route short: a skip link, few links before the form, and one question per page.",
            scaled(tabs, good, good + pts["tabs_cap_extra"], pts["tabs_max"]),
            [f"tab_presses={m['tab_presses']}", f"shift_tab_presses={m['shift_tab_presses']}",
             f"keys_total={m['keys_total']}"], key="journey", kind=ADVICE))
    return out


def run(journey: dict, profile: dict) -> dict:
    m = metrics_of(journey, profile)
    if m is None:
        return {}
    return {"metrics": {"keyboard": m}, "findings": findings_of(m, journey.get("steps") or [], profile)}
