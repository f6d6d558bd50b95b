"""Actions that answer questions: fill, choose, select, check, upload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journey_audit.actions.base import (
    Action,
    ActionArgs,
    StepContext,
    StepSyntaxError,
    find,
    make_step,
    parse_locator,
    require_text,
    split_modifiers,
    text_pattern,
)
from journey_audit.model import Step


def _mapping(raw: Any, action: str, example: str) -> tuple[dict[str, Any], dict[str, Any]]:
    args, mods = split_modifiers(raw)
    if not isinstance(args, dict):
        raise StepSyntaxError(f"'{action}' takes a mapping, e.g. {example}")
    return args, mods


def parse_fill(raw: Any, line: int) -> Step:
    args, mods = _mapping(raw, "fill", "{label: Postcode, value: '{persona.postcode}'}")
    value = args.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise StepSyntaxError("'fill' needs 'value: <text>'")
    return make_step("fill", line, parse_locator(args, allow_extra=("value",)), value, mods)


def run_fill(page, step: Step, ctx: StepContext) -> None:
    find(page, step.locator).fill(step.value or "", timeout=ctx.timeout_ms)
    ctx.chars_typed += len(step.value or "")
    ctx.fields_filled += 1


def _parse_with_option(action: str, example: str):
    def parse(raw: Any, line: int) -> Step:
        args, mods = _mapping(raw, action, example)
        option = require_text(args, "option", action)
        return make_step(action, line, parse_locator(args, allow_extra=("option",)), option, mods)

    return parse


def run_choose(page, step: Step, ctx: StepContext) -> None:
    """Pick a radio option; the label names the question (legend), the option names the answer."""
    option = step.value or ""
    loc = step.locator
    if loc.label is not None:
        question = text_pattern(loc.label)
        group = page.get_by_role("group", name=question).or_(page.get_by_role("radiogroup", name=question))
        try:
            group.first.wait_for(state="attached", timeout=ctx.timeout_ms)
        except Exception:
            raise LookupError(f"choose: no question called '{loc.label}' (a fieldset legend or radio group name)") from None
        pattern = text_pattern(option, exact=True)
        target = group.first.get_by_label(pattern, exact=isinstance(pattern, str))
        if not target.count():
            options = [t.strip() for t in group.first.locator("label").all_inner_texts() if t.strip()][:10]
            raise LookupError(f"choose: question '{loc.label}' has no option '{option}' (its options: {', '.join(options)})")
        target = target.first
    elif loc.css is not None:
        target = page.locator(loc.css).first
    else:
        pattern = text_pattern(option, exact=True)
        target = page.get_by_role("radio", name=pattern, exact=isinstance(pattern, str)).first
    target.check(timeout=ctx.timeout_ms)
    ctx.clicks += 1
    ctx.fields_filled += 1


def run_select(page, step: Step, ctx: StepContext) -> None:
    find(page, step.locator).select_option(label=step.value, timeout=ctx.timeout_ms)
    ctx.clicks += 2  # open the list, pick the option
    ctx.fields_filled += 1


def parse_check(raw: Any, line: int) -> Step:
    args, mods = split_modifiers(raw)
    if isinstance(args, str):
        args = {"label": args}
    if not isinstance(args, dict):
        raise StepSyntaxError("'check' takes a label, e.g. {label: I agree}")
    return make_step("check", line, parse_locator(args), None, mods)


def run_check(page, step: Step, ctx: StepContext) -> None:
    find(page, step.locator).check(timeout=ctx.timeout_ms)
    ctx.clicks += 1
    ctx.fields_filled += 1


def parse_upload(raw: Any, line: int) -> Step:
    args, mods = _mapping(raw, "upload", "{label: Photo (optional), file: pothole.jpg}")
    file = require_text(args, "file", "upload")
    return make_step("upload", line, parse_locator(args, allow_extra=("file",)), file, mods)


def run_upload(page, step: Step, ctx: StepContext) -> None:
    path = Path(step.value or "")
    if not path.is_absolute():
        path = Path(ctx.files_dir) / path
    find(page, step.locator).set_input_files(str(path), timeout=ctx.timeout_ms)
    ctx.clicks += 2  # open the file chooser, pick the file
    ctx.fields_filled += 1


ACTIONS = (
    Action("fill", parse_fill, run_fill, "type a value into a text field", ActionArgs(required=(("value", "value"),))),
    Action("choose", _parse_with_option("choose", "{label: Where is it?, option: In the road}"), run_choose,
           "pick one radio option in a question", ActionArgs(required=(("option", "text"),))),
    Action("select", _parse_with_option("select", "{label: Size, option: Large}"), run_select,
           "pick an option from a drop-down list", ActionArgs(required=(("option", "text"),))),
    Action("check", parse_check, run_check, "tick a checkbox", ActionArgs(shorthand="label")),
    Action("upload", parse_upload, run_upload, "attach a file", ActionArgs(required=(("file", "text"),))),
)
