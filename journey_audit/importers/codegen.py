"""``playwright codegen --target python`` (or ``python-pytest``) scripts -> journey steps, read with ``ast``.

The script is parsed, never run. Each statement in a function body is one recorded action; the set-up
codegen writes around them (launch, new_context, new_page, close) is recognised and left out; anything else
is reported with its line instead of being guessed at.
"""

from __future__ import annotations

import ast
from pathlib import Path

from journey_audit.importers.draft import Draft

BOILERPLATE = {"launch", "new_context", "new_page", "close", "run", "set_default_timeout", "stop", "start"}
BUTTONS = {"button", "link", "menuitem", "tab", "option"}
TICKABLE = {"checkbox", "radio", "switch"}
GROUPS = {"group", "radiogroup"}
ACTIONS = {"click", "dblclick", "fill", "check", "select_option", "set_input_files"}
NOT_A_STEP = {"first", "last"}


class Unconvertible(Exception):
    """A recorded expression the journey format has no way to say."""


def _text(node: ast.AST | None) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    raise Unconvertible("only literal text can be converted")


def _keyword(call: ast.Call, name: str) -> ast.AST | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


class CodegenReader:
    def __init__(self, source: Path):
        self.draft = Draft(source=source, kind="codegen")
        self.pages: set[str] = {"page"}

    # -- locators -----------------------------------------------------------------------------------------
    def locator(self, node: ast.AST) -> tuple[str, str, str | None]:
        """(kind, text, role-or-question) of a locator expression on a page."""
        if isinstance(node, ast.Attribute) and node.attr in NOT_A_STEP:
            return self.locator(node.value)
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            raise Unconvertible("not a locator this importer knows")
        method, receiver = node.func.attr, node.func.value
        if method == "nth":
            if node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == 0:
                return self.locator(receiver)
            raise Unconvertible("a journey cannot pick the n-th of several matches; use a more specific locator")
        if not (isinstance(receiver, ast.Name) and receiver.id in self.pages):
            outer = self.locator(receiver)  # page.get_by_role("group", name=Q).get_by_label(O)
            if outer[0] == "role" and outer[2] in GROUPS and method == "get_by_label":
                return ("choice", _text(node.args[0] if node.args else None), outer[1])
            raise Unconvertible("chained locators are not supported (only a radio group's get_by_label)")
        first = node.args[0] if node.args else None
        if method == "get_by_role":
            return ("role", _text(_keyword(node, "name")), _text(first))
        if method in ("get_by_label", "get_by_text", "get_by_placeholder"):
            return (method.removeprefix("get_by_"), _text(first), None)
        if method == "locator":
            return ("css", _text(first), None)
        if method == "get_by_test_id":
            return ("css", f'[data-testid="{_text(first)}"]', None)
        raise Unconvertible(f"'{method}' locators are not supported")

    @staticmethod
    def journey_locator(kind: str, text: str, role: str | None, *, press: bool) -> dict[str, str]:
        if kind == "role":
            if role in BUTTONS or press and role not in TICKABLE:
                return {"name": text}
            return {"label": text}  # a field's or a checkbox's accessible name is its label
        return {kind: text}

    # -- statements ---------------------------------------------------------------------------------------
    def statement(self, stmt: ast.stmt) -> None:
        line = stmt.lineno
        if isinstance(stmt, ast.Assign) and isinstance(stmt.value, ast.Call) \
                and isinstance(stmt.value.func, ast.Attribute) and stmt.value.func.attr in BOILERPLATE:
            if stmt.value.func.attr == "new_page":
                self.pages |= {t.id for t in stmt.targets if isinstance(t, ast.Name)}
            return
        if isinstance(stmt, (ast.Import, ast.ImportFrom, ast.Pass)) or (
                isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Constant)):
            return
        if not (isinstance(stmt, ast.Expr) and isinstance(stmt.value, ast.Call)
                and isinstance(stmt.value.func, ast.Attribute)):
            self.draft.fail(line, ast.unparse(stmt).splitlines()[0], "not a recorded action")
            return
        call = stmt.value
        try:
            self.call(call, line)
        except Unconvertible as exc:
            self.draft.fail(line, ast.unparse(call), str(exc))

    def call(self, call: ast.Call, line: int) -> None:
        method, receiver = call.func.attr, call.func.value
        if method in BOILERPLATE:
            return
        if isinstance(receiver, ast.Name) and receiver.id in self.pages:
            if method == "goto":
                self.draft.add(line, "goto", _text(call.args[0] if call.args else _keyword(call, "url")))
                return
            raise Unconvertible(f"page.{method}() has no journey action")
        if isinstance(receiver, ast.Call) and isinstance(receiver.func, ast.Name) and receiver.func.id == "expect":
            self.expectation(call, receiver, line)
            return
        if method not in ACTIONS:
            raise Unconvertible(f".{method}() has no journey action")
        kind, text, role = self.locator(receiver)
        if kind == "choice":
            if method not in ("check", "click"):
                raise Unconvertible(f".{method}() on a radio option")
            self.draft.add(line, "choose", {"label": role, "option": text})
            return
        press = method in ("click", "dblclick")
        where = self.journey_locator(kind, text, role, press=press)
        first = call.args[0] if call.args else None
        if press and kind == "role" and role in TICKABLE:
            self.draft.add(line, "check", where)
        elif press:
            self.draft.add(line, "click", where["name"] if list(where) == ["name"] else where)
        elif method == "fill":
            self.draft.add(line, "fill", {**where, "value": _text(first if first else _keyword(call, "value"))})
        elif method == "check":
            self.draft.add(line, "check", where)
        elif method == "select_option":
            label = _keyword(call, "label")
            option = _text(label if label is not None else first)
            self.draft.add(line, "select", {**where, "option": option})
            if label is None:
                self.draft.note(line, f"select_option({option!r}) may be the option's value; a journey picks the "
                                      "option by its visible text: check it")
        else:  # set_input_files
            self.draft.add(line, "upload", {**where, "file": _text(first)})

    def expectation(self, call: ast.Call, receiver: ast.Call, line: int) -> None:
        method = call.func.attr
        subject = receiver.args[0] if receiver.args else None
        if isinstance(subject, ast.Name) and subject.id in self.pages:
            raise Unconvertible(f"expect(page).{method}() has no journey action (a journey can expect text)")
        if method in ("to_contain_text", "to_have_text") and call.args:
            self.draft.add(line, "expect", _text(call.args[0]))
            return
        if method != "to_be_visible" or subject is None:
            raise Unconvertible(f"expect(...).{method}() has no journey action")
        kind, text, role = self.locator(subject)
        if kind in ("css", "choice") or kind == "role" and role in TICKABLE:
            raise Unconvertible("a journey expects text, not an element")
        self.draft.add(line, "expect", text)


def read_codegen(path: Path, text: str) -> Draft:
    """Parse a codegen script; SyntaxError (with its line) if it is not Python."""
    tree = ast.parse(text, filename=str(path))
    reader = CodegenReader(path)
    functions = [n for n in tree.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    for function in functions:
        if isinstance(function, ast.AsyncFunctionDef):
            reader.draft.fail(function.lineno, f"async def {function.name}", "use --target python (sync), not async")
            continue
        reader.pages |= {a.arg for a in function.args.args if a.arg == "page"}
        for stmt in function.body:
            reader.statement(stmt)
    return reader.draft

