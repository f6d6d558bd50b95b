"""Actions that move the user on: goto, click, submit."""

from __future__ import annotations

from typing import Any

from journey_audit.actions.base import (
    MODIFIERS,
    Action,
    ActionArgs,
    StepContext,
    StepSyntaxError,
    find,
    make_step,
    parse_locator,
    split_modifiers,
)
from journey_audit.model import Locator, Step


def parse_goto(raw: Any, line: int) -> Step:
    args, mods = split_modifiers(raw)
    if isinstance(args, dict) and set(args) - {"url"}:
        raise StepSyntaxError(f"unknown key '{sorted(set(args) - {'url'})[0]}' (expected: url, {', '.join(MODIFIERS)})")
    target = args.get("url") if isinstance(args, dict) else args
    if not isinstance(target, str) or not target.strip():
        raise StepSyntaxError("'goto' needs a URL or a path, e.g. 'goto: /bins'")
    return make_step("goto", line, Locator(), target.strip(), mods)


def run_goto(page, step: Step, ctx: StepContext) -> None:
    page.goto(ctx.resolve_url(step.value or "/"), wait_until="load")


def _parse_pressable(action: str):
    def parse(raw: Any, line: int) -> Step:
        args, mods = split_modifiers(raw)
        if isinstance(args, str):
            if not args.strip():
                raise StepSyntaxError(f"'{action}' needs the name of a button or link")
            return make_step(action, line, Locator(name=args.strip()), None, mods)
        if not isinstance(args, dict):
            raise StepSyntaxError(f"'{action}' takes a name (text) or a mapping such as {{name: Continue}}")
        return make_step(action, line, parse_locator(args), None, mods)

    return parse


def run_click(page, step: Step, ctx: StepContext) -> None:
    find(page, step.locator).click(timeout=ctx.timeout_ms)
    ctx.clicks += 1


def run_submit(page, step: Step, ctx: StepContext) -> None:
    find(page, step.locator, roles=("button",)).click(timeout=ctx.timeout_ms)
    ctx.clicks += 1


ACTIONS = (
    Action("goto", parse_goto, run_goto, "open a URL or a path on the council's site",
           ActionArgs(shorthand="url", locator=False, required=(("url", "url"),))),
    Action("click", _parse_pressable("click"), run_click, "press a button or follow a link by its accessible name",
           ActionArgs(shorthand="name")),
    Action("submit", _parse_pressable("submit"), run_submit, "press a form's submit button (mark the real one final: true)",
           ActionArgs(shorthand="name")),
)
