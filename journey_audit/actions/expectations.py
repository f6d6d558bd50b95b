"""Actions that check where the user has got to: expect."""

from __future__ import annotations

from typing import Any

from journey_audit.actions.base import (
    Action,
    ActionArgs,
    StepContext,
    StepSyntaxError,
    make_step,
    split_modifiers,
    text_pattern,
)
from journey_audit.model import Locator, Step


def parse_expect(raw: Any, line: int) -> Step:
    args, mods = split_modifiers(raw)
    if isinstance(args, str):
        args = {"text": args}
    if not isinstance(args, dict) or set(args) - {"text"} or not isinstance(args.get("text"), str) \
            or not args["text"].strip():
        raise StepSyntaxError("'expect' takes the text the page should show, e.g. {text: Check your answers}")
    return make_step("expect", line, Locator(text=args["text"]), args["text"], mods)


def run_expect(page, step: Step, ctx: StepContext) -> None:
    page.get_by_text(text_pattern(step.value or "")).first.wait_for(state="visible", timeout=ctx.timeout_ms)


ACTIONS = (Action("expect", parse_expect, run_expect, "fail unless the page shows this text",
                  ActionArgs(shorthand="text", locator=False, required=(("text", "words"),))),)
