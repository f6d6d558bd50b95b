"""The pytest session side of ``--journey-audit``: one run folder, one journey per test, report and budgets.

Registered by journey_audit/pytest_plugin.py only when ``--journey-audit`` is given. The test's own result
is never changed; only ``--journey-audit-budget`` can fail the session, after every test has run.
"""

from __future__ import annotations

import io
import itertools
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from journey_audit.integrations import pytest_pages

_CALL_REPORT = pytest.StashKey[pytest.TestReport]()


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60].strip("-") or "page"


class JourneyAuditSession:
    def __init__(self, config: pytest.Config):
        from journey_audit.analysis.budgets import BudgetError, load_budgets
        from journey_audit.browser.settings import BUNDLED_CONFIG, load_settings

        self.config = config
        self.results_dir = Path(config.getoption("journey_audit_results"))
        try:  # an unusable results folder stops the session now, not inside a test's fixture
            self.results_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise pytest.UsageError(f"--journey-audit-results {self.results_dir}: {exc.strerror or exc}") from None
        budget = config.getoption("journey_audit_budget")
        try:
            self.budgets = load_budgets(Path(budget)) if budget else None  # a bad file stops before any test
        except BudgetError as exc:
            raise pytest.UsageError(f"--journey-audit-budget: {exc}") from None
        self.axe = not config.getoption("journey_audit_no_axe")
        self.settings = load_settings(BUNDLED_CONFIG)
        self.writer = None
        self.observers: dict[str, pytest_pages.PageObserver] = {}
        self.keys: set[str] = set()
        self.counter = itertools.count(1)  # screens/pytest--<test>-<n>: unique per test in the session
        self.summary: list[str] = []
        self.gate_failed = False
        pytest_pages.install()

    def _writer(self):
        if self.writer is None:
            from journey_audit.storage.run_folder import RunWriter

            self.writer = RunWriter(self.results_dir, {"source": "pytest", "demo": False,
                                                       "allow_submit": True, "viewport": None})
        return self.writer

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(self, fixturedef, request):
        value = yield
        if fixturedef.argname == "page" and isinstance(request.node, pytest.Item) \
                and request.node.nodeid not in self.observers:
            item = request.node
            try:
                writer = self._writer()
                name = _slug(getattr(item, "originalname", item.name).removeprefix("test_"))
                screens = writer.screens_dir(f"pytest--{name}-{next(self.counter)}")
                self.observers[item.nodeid] = pytest_pages.PageObserver(
                    value, test_file=Path(item.path), screens_dir=screens, run_folder=writer.folder, axe=self.axe,
                    settings=self.settings)
            except Exception as exc:  # the audit gives way: the test runs exactly as without the plugin
                self.summary.append(f"{item.nodeid}: not audited ({type(exc).__name__}: {exc})")
        return value

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(self, item, call):
        report = yield
        if report.when == "call" or (report.when == "setup" and report.failed):
            item.stash[_CALL_REPORT] = report
        return report

    @pytest.hookimpl(wrapper=True, tryfirst=True)
    def pytest_runtest_teardown(self, item, nextitem):
        observer = self.observers.pop(item.nodeid, None)
        if observer is not None:  # before the fixtures close the page
            report = item.stash.get(_CALL_REPORT, None)
            failed = bool(report and report.failed)
            crash = getattr(report.longrepr, "reprcrash", None) if failed else None
            message = (crash.message if crash else str(report.longrepr)).strip()[:300] if failed else None
            try:
                result = observer.finish(nodeid=item.nodeid, failed=failed, message=message,
                                         line=crash.lineno if crash else 0, naming=self._naming(item, observer))
                if result is not None:
                    self._writer().add(result)
            except Exception as exc:  # never turn a test's teardown into an error
                self.summary.append(f"{item.nodeid}: its journey could not be saved ({type(exc).__name__}: {exc})")
        return (yield)

    def _naming(self, item: pytest.Item, observer: pytest_pages.PageObserver) -> dict[str, str]:
        """council/council_id/task from the journey_audit marker, else the site's host and the test's name."""
        marker = item.get_closest_marker("journey_audit")
        given = dict(marker.kwargs) if marker else {}
        first = next((s["url"] for s in observer.steps if s.get("url")), "") or ""
        host = urlsplit(first).netloc or "local"
        council_id = _slug(given.get("council_id") or host)
        task = _slug(given.get("task") or getattr(item, "originalname", item.name).removeprefix("test_"))
        key, n = f"{council_id}--{task}", 1
        while key in self.keys:
            n += 1
            key = f"{council_id}--{task}-{n}"
        self.keys.add(key)
        return {"council": given.get("council") or host, "council_id": council_id, "task": key.split("--", 1)[1]}

    @pytest.hookimpl(tryfirst=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        if self.writer is None:
            self.summary.append("no test used the `page` fixture: nothing was audited")
            return
        from journey_audit.reports.html import write_report
        from journey_audit.storage.history import index_run
        from journey_audit.storage.run_folder import load_run

        self.writer.finish("finished" if exitstatus != pytest.ExitCode.INTERRUPTED else "interrupted")
        run = load_run(self.results_dir, self.writer.run_id)
        self.summary.append(f"{len(run.journeys)} journey(s) audited: {run.folder}")
        self.summary.append(f"report: {write_report(run)}")
        index_run(self.results_dir, run.run_id, None)
        if self.budgets is not None:
            self._gate(run, session)

    def _gate(self, run: Any, session: pytest.Session) -> None:
        from rich.console import Console

        from journey_audit.commands.run import gate_run

        out = io.StringIO()
        passed = gate_run(run, self.budgets, self.results_dir, Console(file=out, width=120, color_system=None))
        self.summary += out.getvalue().rstrip().splitlines()
        if not passed:
            self.gate_failed = True
            self.summary.append("journey-audit: a journey broke its budget, so the session fails "
                                "(the tests' own results above are unchanged)")
            if session.exitstatus == pytest.ExitCode.OK:
                session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter) -> None:
        if not self.summary:
            return
        terminalreporter.section("journey-audit")
        for line in self.summary:
            terminalreporter.write_line(line, red=self.gate_failed and line.startswith("journey-audit:"))

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        pytest_pages.uninstall()
