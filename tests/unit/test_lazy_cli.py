"""The CLI imports only the module of the command that runs; `--help` still lists every command with its help."""

from __future__ import annotations

import subprocess
import sys

from journey_audit.cli import COMMANDS, HELP, build_parser, command_named

PROBE = """
import sys
from journey_audit import cli
try:
    cli.main({argv!r})
except SystemExit:
    pass
print("LOADED", sorted(m.rsplit(".", 1)[1] for m in sys.modules if m.startswith("journey_audit.commands.")))
"""


def _run(argv: list[str]) -> tuple[str, list[str]]:
    done = subprocess.run([sys.executable, "-c", PROBE.format(argv=argv)], capture_output=True, text=True,
                          timeout=120)
    out = done.stdout
    loaded = out[out.rindex("LOADED"):].removeprefix("LOADED ").strip()
    return out, eval(loaded)  # noqa: S307 - our own printout of a list of module names


def test_top_level_help_lists_every_command_without_importing_any():
    out, loaded = _run(["--help"])
    flat = " ".join(out.split())  # argparse wraps long help lines
    for name in COMMANDS:
        assert f" {name} " in flat, name
        assert " ".join(HELP[name].split()) in flat, name
    assert loaded == [], "--help must not import the command modules"


def test_a_command_imports_only_its_own_module(tmp_path):
    out, loaded = _run(["report", "--results", str(tmp_path), "--help"])
    assert "--results" in out
    assert loaded == ["report"]


def test_every_command_parser_gets_its_one_line_help_from_the_table():
    parser = build_parser()  # no argv: every command module imported, as the docs and tests use it
    listed = {a.dest: a.help for a in parser._subparsers._group_actions[0]._choices_actions}
    assert listed == HELP


def test_command_named_skips_options():
    assert command_named(["--version"]) is None
    assert command_named(["report", "latest"]) == "report"
    assert command_named(["no-such"]) is None
