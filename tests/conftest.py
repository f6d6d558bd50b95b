"""Shared fixtures: browser settings from playwright.config.py (read by path), the demo councils."""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from journey_audit.browser.settings import BrowserNotFound, BrowserSettings, load_settings, resolve_executable

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


class SharedBrowser:
    """One Chromium for many short library runs (``run_journeys(session=...)``), instead of one per run.

    Playwright's sync API belongs to the thread that started it, so the session lives on a thread of its own
    and every run is handed to that thread. Each journey still gets a fresh context (cookies, storage, cache),
    so tests stay independent; a browser that died (the watchdog closed it, a driver was ended) is replaced.
    """

    def __init__(self, settings: BrowserSettings):
        from journey_audit.browser.session import BrowserSession

        self.settings = settings
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="shared-browser")
        self._new_session = lambda: BrowserSession(settings)
        self.session = self._new_session()

    def run_journeys(self, journeys, **kwargs):
        """``journey_audit.run_journeys`` in the shared browser (the settings are the session's)."""
        import journey_audit as ja

        def run():
            self._replace_if_dead()
            return ja.run_journeys(journeys, settings=self.settings, session=self.session, **kwargs)

        return self._thread.submit(run).result()

    def _replace_if_dead(self) -> None:
        browser = self.session.browser
        if browser is None:
            return
        try:
            browser.new_context().close()  # a round trip: fails at once when the driver has gone
        except Exception:
            with contextlib.suppress(Exception):
                self.session.close()
            self.session = self._new_session()

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self._thread.submit(self.session.close).result(timeout=60)
        self._thread.shutdown(wait=False)


@pytest.fixture(scope="session")
def shared_browser() -> Callable[[BrowserSettings], SharedBrowser]:
    """``shared_browser(settings)``: the session's browser for those settings (timeouts live in the context)."""
    browsers: dict[str, SharedBrowser] = {}

    def get(settings: BrowserSettings) -> SharedBrowser:
        key = repr(settings)
        if key not in browsers:
            browsers[key] = SharedBrowser(settings)
        return browsers[key]

    yield get
    for browser in browsers.values():
        browser.close()


@pytest.fixture(scope="session")
def run_in_shared_browser(shared_browser) -> Callable[..., object]:
    """``run_journeys`` with the project's browser settings, in the session's shared browser."""
    return shared_browser(SETTINGS).run_journeys


@pytest.fixture
def results_dir(tmp_path: Path) -> Path:
    return tmp_path / "results"


# The demo journeys that tests replaying the demo a second way (through a remote browser, in one shared
# browser) compare with ``demo_run``: every council, both outcomes (completed before the final submit, dead end),
# every blocking dead-end kind (all four Stonyfield journeys, short ones) and Mudford's long legacy form with its
# captcha and validation loop; Brightwater's other three one-question-per-page journeys (the costliest with
# axe) add no kind of ending. tests/e2e/test_run.py checks the sample still covers the whole demo's endings.
DEMO_SAMPLE = ("brightwater/report-missed-bin", "mudford/report-pothole", "stonyfield/apply-parking-permit",
               "stonyfield/book-bulky-waste", "stonyfield/report-missed-bin", "stonyfield/report-pothole")


@pytest.fixture(scope="session")
def demo_sample() -> list[Path]:
    """The journey files of ``DEMO_SAMPLE`` (their results' keys are ``council--task``)."""
    from journey_audit import DEMO_JOURNEYS

    return [DEMO_JOURNEYS / f"{name}.yaml" for name in DEMO_SAMPLE]


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
