"""Remote browsers: the demo journeys through `--browser-endpoint` and a local `playwright run-server`
end exactly as with a locally launched Chromium, and no local browser is launched."""

from __future__ import annotations

import contextlib
import io
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from journey_audit.browser.endpoint import launch_options
from journey_audit.browser.settings import load_settings, with_endpoint
from journey_audit.cli import main
from journey_audit.storage.run_folder import load_run

pytestmark = pytest.mark.e2e


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def run_server():
    """`python -m playwright run-server` on 127.0.0.1; --unsafe lets the client name the browser binary."""
    port = _free_port()
    server = subprocess.Popen([sys.executable, "-m", "playwright", "run-server", "--host", "127.0.0.1",
                               "--port", str(port), "--unsafe"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              start_new_session=True)  # its own group: the Node server it starts goes with it
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail("playwright run-server did not start")
                time.sleep(0.2)
        yield f"ws://127.0.0.1:{port}/"
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def _facts(run) -> dict:
    return {j.key: (j.outcome, [d.get("kind") for d in j.get("dead_ends") or []],
                    sum(1 for s in j["steps"] if s["status"] == "ok"), (j.get("error") or {}).get("kind"))
            for j in run.journeys}


def test_demo_journeys_through_a_run_server_end_as_with_a_local_browser(run_server, demo_run, demo_sample, tmp_path,
                                                                       monkeypatch):
    """The demo sample (tests/conftest.py: every council, every ending the demo has), with axe and screenshots."""
    from playwright.sync_api import BrowserType

    from journey_audit.browser.settings import load_settings, resolve_executable

    # The browser run-server launches (several test folders have a conftest.py, so it is not imported by name).
    executable = resolve_executable(load_settings(Path(__file__).resolve().parents[2] / "playwright.config.py"))
    monkeypatch.setenv("JOURNEY_AUDIT_BROWSER", str(executable))  # the browser run-server launches
    monkeypatch.setattr(BrowserType, "launch", lambda *a, **k: pytest.fail("a local browser was launched"))
    results = tmp_path / "results"
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["run", *map(str, demo_sample), "--demo", "--results", str(results),
                     "--browser-endpoint", run_server])
    local_code, _, local_run, _ = demo_run
    remote = load_run(results)
    assert code == local_code
    local = {key: facts for key, facts in _facts(local_run).items() if key in _facts(remote)}
    assert len(remote.journeys) == len(local) == len(demo_sample)
    assert _facts(remote) == local


def test_launch_options_carry_headless_flags_and_the_explicit_browser(monkeypatch):
    monkeypatch.setenv("JOURNEY_AUDIT_BROWSER", "/opt/server/chrome")
    settings = with_endpoint(load_settings(), "ws://grid.example:3000/")
    assert settings.browser_endpoint == "ws://grid.example:3000/"
    assert launch_options(settings) == {"headless": settings.headless, "args": settings.launch_args,
                                        "executablePath": "/opt/server/chrome"}
    assert settings.launch_kwargs()["executable_path"] == "/opt/server/chrome", "not looked for locally"


@pytest.mark.parametrize("endpoint, message", [
    ("http://127.0.0.1:3000/", "must be a ws:// or wss:// URL"),
    ("ws://127.0.0.1:{port}/", "cannot reach the browser endpoint"),
])
def test_bad_or_unreachable_endpoint_exits_2_before_anything_runs(endpoint, message, tmp_path, capsys):
    results = tmp_path / "results"
    assert main(["run", "--results", str(results), "--browser-endpoint", endpoint.format(port=_free_port())]) == 2
    assert message in capsys.readouterr().err
    assert not results.exists()


def test_endpoint_from_the_environment(monkeypatch):
    monkeypatch.setenv("JOURNEY_AUDIT_BROWSER_ENDPOINT", "ws://127.0.0.1:1/")
    assert load_settings().browser_endpoint == "ws://127.0.0.1:1/"


def test_a_bad_endpoint_from_the_environment_is_named_as_such(monkeypatch, tmp_path, capsys):
    monkeypatch.setenv("JOURNEY_AUDIT_BROWSER_ENDPOINT", "bogus")
    assert main(["run", "--results", str(tmp_path / "results")]) == 2
    assert "not 'bogus' (from $JOURNEY_AUDIT_BROWSER_ENDPOINT)" in capsys.readouterr().err
