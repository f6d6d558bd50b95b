"""Actions that answer questions: fill, choose, select, check, upload."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from journey_audit.actions.base import (
    FIELD_ROLES,
    LIST_ROLES,
    TICK_ROLES,
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
    locator = parse_locator(args, allow_extra=("value",))  # first: a misspelt 'value' is named as unknown
    value = args.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        value = str(value)
    if not isinstance(value, str):
        raise StepSyntaxError("'fill' needs 'value: <text>'")
    return make_step("fill", line, locator, value, mods)


def run_fill(page, step: Step, ctx: StepContext) -> None:
    find(page, step.locator, roles=FIELD_ROLES, text_fallback=False).fill(step.value or "", timeout=ctx.timeout_ms)
    ctx.chars_typed += len(step.value or "")
    ctx.fields_filled += 1


def _parse_with_option(action: str, example: str):
    def parse(raw: Any, line: int) -> Step:
        args, mods = _mapping(raw, action, example)
        locator = parse_locator(args, allow_extra=("option",))  # first: a misspelt 'option' is named as unknown
        option = require_text(args, "option", action)
        return make_step(action, line, locator, option, mods)

    return parse


def parse_choose(raw: Any, line: int) -> Step:
    """``choose`` names the question (label/name: the legend) and the option; with ``css`` alone, the
    CSS picks the radio itself, and with ``css`` plus ``option`` the CSS picks the group."""
    args, mods = _mapping(raw, "choose", "{label: Where is it?, option: In the road}")
    if "css" in args and "option" not in args:
        return make_step("choose", line, parse_locator(args), None, mods)
    locator = parse_locator(args, allow_extra=("option",))  # first: a misspelt 'option' is named as unknown
    return make_step("choose", line, locator, require_text(args, "option", "choose"), mods)


def _option_in(group, question: str, option: str):
    pattern = text_pattern(option, exact=True)
    target = group.get_by_label(pattern, exact=isinstance(pattern, str))
    if not target.count():
        options = [t.strip() for t in group.locator("label").all_inner_texts() if t.strip()][:10]
        raise LookupError(f"choose: question '{question}' has no option '{option}' (its options: {', '.join(options)})")
    return target.first


def choice_target(page, step: Step, ctx: StepContext):
    """The radio a ``choose`` step picks: the label (or name) names the question (legend), the option the answer."""
    option = step.value
    loc = step.locator
    question_name = loc.label if loc.label is not None else loc.name
    if question_name is not None:
        question = text_pattern(question_name)
        group = page.get_by_role("group", name=question).or_(page.get_by_role("radiogroup", name=question))
        try:
            group.first.wait_for(state="attached", timeout=ctx.timeout_ms)
        except Exception:
            raise LookupError(f"choose: no question called '{question_name}' (a fieldset legend or radio group name)") from None
        target = _option_in(group.first, question_name, option or "")
    elif loc.css is not None:
        found = page.locator(loc.css).first
        try:
            found.wait_for(state="attached", timeout=ctx.timeout_ms)
        except Exception:
            raise LookupError(f"choose: nothing matches css '{loc.css}'") from None
        is_option = found.evaluate("el => el.matches('input[type=radio], input[type=checkbox], [role=radio]')")
        if option is None:
            if not is_option:
                raise LookupError(f"choose: css '{loc.css}' is not a radio button; point it at the radio, or at the "
                                  f"group with 'option: <label>' to pick one of its options")
            target = found
        elif is_option:
            raise LookupError(f"choose: css '{loc.css}' already picks one radio button, so 'option: {option}' cannot "
                              f"be used; remove 'option', or point css at the group (e.g. its fieldset)")
        else:
            target = _option_in(found, f"css={loc.css}", option)
    else:
        pattern = text_pattern(option or "", exact=True)
        target = page.get_by_role("radio", name=pattern, exact=isinstance(pattern, str)).first
    return target


def run_choose(page, step: Step, ctx: StepContext) -> None:
    """Pick a radio option (see ``choice_target``)."""
    choice_target(page, step, ctx).check(timeout=ctx.timeout_ms)
    ctx.clicks += 1
    ctx.fields_filled += 1


def run_select(page, step: Step, ctx: StepContext) -> None:
    find(page, step.locator, roles=LIST_ROLES, text_fallback=False).select_option(label=step.value, timeout=ctx.timeout_ms)
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
    find(page, step.locator, roles=TICK_ROLES, text_fallback=False).check(timeout=ctx.timeout_ms)
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
    Action("choose", parse_choose, run_choose,
           "pick one radio option in a question",
           ActionArgs(required=(("option", "text"),), optional_with_css=("option",))),
    Action("select", _parse_with_option("select", "{label: Size, option: Large}"), run_select,
           "pick an option from a drop-down list", ActionArgs(required=(("option", "text"),))),
    Action("check", parse_check, run_check, "tick a checkbox", ActionArgs(shorthand="label")),
    Action("upload", parse_upload, run_upload, "attach a file", ActionArgs(required=(("file", "text"),))),
)
