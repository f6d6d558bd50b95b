"""Playwright's driver starts with a smaller V8 young generation (less memory per worker), unless told otherwise."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from journey_audit.browser.driver_process import (
    DRIVER_NODE_OPTIONS,
    DRIVER_NODE_OPTIONS_ENV,
    node_options_problem,
    with_node_options,
)
from journey_audit.browser.session import BrowserSession
from journey_audit.browser.settings import load_settings

SETTINGS = load_settings(Path(__file__).resolve().parents[2] / "playwright.config.py")


def test_the_driver_options_join_the_users_node_options(monkeypatch):
    monkeypatch.delenv(DRIVER_NODE_OPTIONS_ENV, raising=False)
    assert with_node_options({"PATH": "/bin"}) == {"PATH": "/bin", "NODE_OPTIONS": DRIVER_NODE_OPTIONS}
    assert with_node_options({"NODE_OPTIONS": "--trace-warnings"})["NODE_OPTIONS"] == \
        f"--trace-warnings {DRIVER_NODE_OPTIONS}", "the user's own options stay, ours are added"
    assert with_node_options({"NODE_OPTIONS": "--max-semi-space-size=16"})["NODE_OPTIONS"] == \
        "--max-semi-space-size=16", "a user who set the flag keeps their value"


def test_the_environment_variable_replaces_the_driver_options(monkeypatch):
    monkeypatch.setenv(DRIVER_NODE_OPTIONS_ENV, "")
    assert "NODE_OPTIONS" not in with_node_options({"PATH": "/bin"}), "empty: Node's own defaults"
    monkeypatch.setenv(DRIVER_NODE_OPTIONS_ENV, "--max-semi-space-size=2")
    assert with_node_options({})["NODE_OPTIONS"] == "--max-semi-space-size=2"


def test_node_options_node_refuses_are_named_before_a_run(monkeypatch, tmp_path, capsys):
    from journey_audit.cli import main

    monkeypatch.delenv("NODE_OPTIONS", raising=False)
    monkeypatch.setenv(DRIVER_NODE_OPTIONS_ENV, "--max-semi-space-size=4")
    assert node_options_problem() is None, "an option Node allows passes"
    monkeypatch.setenv(DRIVER_NODE_OPTIONS_ENV, "--nonsense-flag")
    problem = node_options_problem()
    assert problem is not None and "--nonsense-flag is not allowed in NODE_OPTIONS" in problem
    assert DRIVER_NODE_OPTIONS_ENV in problem
    monkeypatch.setenv(DRIVER_NODE_OPTIONS_ENV, "--max-semi-space-size=lots")  # Node's error line, not its stack
    assert "Error: illegal value for flag --max-semi-space-size=lots" in (node_options_problem() or "")
    monkeypatch.setenv(DRIVER_NODE_OPTIONS_ENV, "--inspect-brk=127.0.0.1:0")  # waits for a debugger: no hang
    assert "did not even run an empty script in 2 s" in (node_options_problem(timeout_s=2) or "")
    monkeypatch.setenv(DRIVER_NODE_OPTIONS_ENV, "--nonsense-flag")
    # The CLI stops with it as bad input, before any journey runs (each would otherwise come out broken).
    code = main(["run", "--council", "brightwater", "--task", "report-pothole", "--results", str(tmp_path)])
    assert code == 2
    err = capsys.readouterr().err
    assert "--nonsense-flag is not allowed in NODE_OPTIONS" in err and "Traceback" not in err
    assert not any(tmp_path.iterdir()), "no run folder was started"


def _driver_environment() -> dict[str, str]:
    session = BrowserSession(SETTINGS)
    try:
        session.new_context().close()  # starts the driver and its browser
        pid = session._driver_pid
        assert pid is not None, "the driver patch is in place, so the session knows its driver"
        raw = Path(f"/proc/{pid}/environ").read_bytes()
        return dict(item.split("=", 1) for item in raw.decode(errors="replace").split("\0") if "=" in item)
    finally:
        session.close()


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="reads the driver's environment from /proc")
def test_a_sessions_real_driver_runs_with_the_options(monkeypatch):
    monkeypatch.delenv(DRIVER_NODE_OPTIONS_ENV, raising=False)
    monkeypatch.delenv("NODE_OPTIONS", raising=False)
    with ThreadPoolExecutor(1) as pool:  # a worker's browser lives on a thread of its own
        environment = pool.submit(_driver_environment).result(timeout=120)
    assert environment.get("NODE_OPTIONS") == DRIVER_NODE_OPTIONS
