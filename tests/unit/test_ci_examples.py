"""Every `journey-audit` command line in docs/examples (CI workflows, crontab, Dockerfile) parses with the real CLI."""

from __future__ import annotations

import contextlib
import io
import re
import shlex
from pathlib import Path

import pytest
import yaml

from journey_audit.cli import build_parser

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "docs" / "examples"
SEPARATORS = {"||", "&&", ";", "|", "(", ")", "&"}
REDIRECTS = re.compile(r"^[<>]")


def shell_commands(script: str) -> list[list[str]]:
    """Simple commands in a shell script, as argument lists (operators and redirections taken out)."""
    script = re.sub(r"\$\{\{[^}]*\}\}", "EXPR", script).replace("\\\n", " ")
    commands: list[list[str]] = []
    for line in script.splitlines():
        lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
        lexer.whitespace_split = True
        lexer.commenters = "#"
        tokens, current, skip = list(lexer), [], False
        for n, token in enumerate(tokens):
            if skip:
                skip = False
            elif token in SEPARATORS:
                commands.append(current)
                current = []
            elif REDIRECTS.match(token):
                skip = True  # '> file' and '>& 1' both take the next word
            elif token.isdigit() and n + 1 < len(tokens) and REDIRECTS.match(tokens[n + 1]):
                continue  # the 2 of 2>&1
            else:
                current.append(token)
        commands.append(current)
    return [c for c in commands if c]


def journey_audit_calls(commands: list[list[str]]) -> list[list[str]]:
    calls = []
    for command in commands:
        while command and re.match(r"^[A-Z_]+=", command[0]):
            command = command[1:]  # VAR=value journey-audit ...
        if command and Path(command[0]).name == "journey-audit":
            calls.append(command[1:])
    return calls


def github_scripts(workflow: dict) -> list[str]:
    return [step["run"] for job in workflow["jobs"].values() for step in job.get("steps", []) if "run" in step]


def gitlab_scripts(pipeline: dict) -> list[str]:
    scripts = []
    for name, job in pipeline.items():
        if isinstance(job, dict) and not name.startswith("."):
            for key in ("before_script", "script", "after_script"):
                lines = job.get(key) or []
                scripts += [lines] if isinstance(lines, str) else lines
    return scripts


def crontab_scripts(text: str) -> list[str]:
    return [line.split(None, 5)[5] for line in text.splitlines() if line.strip() and not line.startswith("#")]


def dockerfile_calls(text: str) -> list[list[str]]:
    """RUN lines, plus ENTRYPOINT + CMD (exec form) as the container's default command."""
    text = text.replace("\\\n", " ")
    calls = journey_audit_calls([c for line in text.splitlines() if line.startswith("RUN ")
                                 for c in shell_commands(line[4:])])
    exec_form = {m.group(1): yaml.safe_load(m.group(2)) for m in re.finditer(r"^(ENTRYPOINT|CMD) (\[.*\])$", text, re.M)}
    if exec_form.get("ENTRYPOINT") == ["journey-audit"]:
        calls.append(exec_form.get("CMD", []))
    return calls


def parse_error(args: list[str]) -> str | None:
    """None if the real parser accepts the arguments, else what it said."""
    err = io.StringIO()
    try:
        with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
            build_parser().parse_args(args)
    except SystemExit as exc:
        if exc.code not in (0, None):  # --help and --version exit 0
            return err.getvalue().strip().splitlines()[-1]
    return None


EXAMPLE_FILES = {
    "nightly.yml": lambda text: [c for s in github_scripts(yaml.safe_load(text)) for c in journey_audit_calls(shell_commands(s))],
    "gitlab-ci.yml": lambda text: [c for s in gitlab_scripts(yaml.safe_load(text)) for c in journey_audit_calls(shell_commands(s))],
    "crontab": lambda text: [c for s in crontab_scripts(text) for c in journey_audit_calls(shell_commands(s))],
}


@pytest.mark.parametrize(("name", "expected"), [
    ("nightly.yml", {"run", "index", "gate", "diff"}), ("gitlab-ci.yml", {"run", "index", "gate", "diff"}),
    ("crontab", {"run", "gate"}),
])
def test_every_command_in_the_ci_examples_parses(name, expected):
    calls = EXAMPLE_FILES[name]((EXAMPLES / name).read_text(encoding="utf-8"))
    assert {c[0] for c in calls} == expected, calls  # the checker found the commands it should
    problems = [f"journey-audit {' '.join(c)}: {parse_error(c)}" for c in calls if parse_error(c)]
    assert problems == []
    for call in calls:  # files the examples name inside this repository exist
        for arg in call:
            if arg.startswith("docs/"):
                assert (ROOT / arg).is_file(), arg


def test_the_dockerfile_default_command_parses():
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    calls = dockerfile_calls(text)
    assert ["run"] in calls and ["--version"] in calls
    assert [c for c in calls if parse_error(c)] == []
    assert re.search(r"^FROM \S+bookworm", text, re.M) and "apt-get install" in text and " chromium" in text


def test_every_example_file_is_checked():
    """A new example must be added to EXAMPLE_FILES (budget.yaml is data, not commands)."""
    files = {p.name for p in EXAMPLES.iterdir() if p.is_file()} - {"budget.yaml"}
    assert files == set(EXAMPLE_FILES)


def test_the_checker_catches_a_wrong_command():
    script = "journey-audit run journeys/ || [ $? -eq 1 ]\njourney-audit gate --budgte b.yaml --junit x.xml 2>&1 | tee log"
    calls = journey_audit_calls(shell_commands(script))
    assert calls == [["run", "journeys/"], ["gate", "--budgte", "b.yaml", "--junit", "x.xml"]]
    assert parse_error(calls[0]) is None
    assert "--budget" in (parse_error(calls[1]) or "")  # argparse: the required --budget is missing
    assert "unrecognized arguments: --wrong" in (parse_error(["run", "--wrong"]) or "")
