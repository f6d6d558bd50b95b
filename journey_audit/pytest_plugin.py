"""pytest plugin (entry point ``pytest11``): ``pytest --journey-audit`` audits what a pytest-playwright suite reaches.

Every pytest session loads this module once journey-audit is installed (this project's own test suite
too), so it imports nothing but pytest until ``--journey-audit`` is given; without the flag it adds its
options and marker and does nothing else. The work lives in journey_audit/integrations/; tests mark
named steps with ``journey_audit.step(page, name)``.
"""

from __future__ import annotations

import pytest


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("journey-audit", "journey-audit: audit the pages your Playwright tests reach")
    group.addoption("--journey-audit", action="store_true", default=False,
                    help="audit every page state the `page` fixture reaches (after each navigation and action); "
                         "each test becomes a journey in a run folder with findings, scores and an HTML report")
    group.addoption("--journey-audit-results", metavar="DIR", default="results",
                    help="results folder for the run (default results/)")
    group.addoption("--journey-audit-budget", metavar="FILE", default=None,
                    help="budget YAML (see journey-audit gate): a broken budget fails the session, with a summary")
    group.addoption("--journey-audit-no-axe", action="store_true", default=False,
                    help="skip axe-core accessibility checks (faster)")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "journey_audit(council=None, council_id=None, task=None): how --journey-audit names this "
                   "test's journey (default: the site's host and the test's name)")
    if not config.getoption("journey_audit"):
        if config.getoption("journey_audit_budget"):
            raise pytest.UsageError("--journey-audit-budget needs --journey-audit")
        return
    from journey_audit.integrations.pytest_session import JourneyAuditSession

    config.pluginmanager.register(JourneyAuditSession(config), "journey-audit-session")

