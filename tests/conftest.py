"""Shared fixtures: browser settings from playwright.config.py (read by path), the demo councils."""

from __future__ import annotations

from pathlib import Path

import pytest

from journey_audit.browser.settings import BrowserNotFound, load_settings, resolve_executable

ROOT = Path(__file__).resolve().parent.parent
SETTINGS = load_settings(ROOT / "playwright.config.py")


pytest_plugins = ["pytester"]  # the pytest plugin's tests run inner pytest sessions

EXECUTABLE: str | Exception = ""


def pytest_sessionstart(session):
    """Find the browser before any Playwright starts (finding Playwright's own one starts a Playwright)."""
    global EXECUTABLE
    try:
        EXECUTABLE = resolve_executable(SETTINGS)
    except BrowserNotFound as exc:
        EXECUTABLE = exc


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """pytest-playwright launches the same Chromium, with the same flags, as the tool does."""
    if isinstance(EXECUTABLE, Exception):
        pytest.fail(str(EXECUTABLE))
    return {**browser_type_launch_args, "executable_path": EXECUTABLE,
            "args": SETTINGS.launch_args, "headless": SETTINGS.headless}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "viewport": SETTINGS.viewports[SETTINGS.default_viewport]}


@pytest.fixture(scope="session")
def demo():
    """The demo councils on free 127.0.0.1 ports, for the whole test session."""
    from journey_audit.demo.server import DemoCouncils

    with DemoCouncils() as councils:
        yield councils


@pytest.fixture
def results_dir(tmp_path: Path) -> Path:
    return tmp_path / "results"


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory):
    """One full `journey-audit run` of the bundled demo (all councils, all tasks), shared by e2e tests."""
    import contextlib
    import io

    from journey_audit.cli import main
    from journey_audit.storage.run_folder import load_run

    results = tmp_path_factory.mktemp("demo") / "results"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["run", "--results", str(results)])
    return code, results, load_run(results), out.getvalue()


@pytest.fixture(scope="session")
def keyboard_demo_run(tmp_path_factory):
    """One full `journey-audit run --keyboard` of the bundled demo, shared by the keyboard e2e tests."""
    import contextlib
    import io

    from journey_audit.cli import main
    from journey_audit.storage.run_folder import load_run

    results = tmp_path_factory.mktemp("keyboard-demo") / "results"
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = main(["run", "--keyboard", "--no-axe", "--results", str(results)])
    return code, results, load_run(results), out.getvalue()
