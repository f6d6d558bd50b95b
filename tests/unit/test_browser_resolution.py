"""Finding the browser: once per process, and without starting Playwright when it has no browser of its own."""

from __future__ import annotations

from dataclasses import replace

import pytest

from journey_audit.browser import settings as browser_settings
from journey_audit.browser.settings import BrowserNotFound, load_settings, resolve_executable


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    monkeypatch.setattr(browser_settings, "_RESOLVED", {})
    monkeypatch.setenv("PLAYWRIGHT_BROWSERS_PATH", str(tmp_path / "ms-playwright"))
    return tmp_path


def _forbid_playwright(monkeypatch):
    import playwright.sync_api

    def refuse():
        raise AssertionError("Playwright was started to look for a browser")

    monkeypatch.setattr(playwright.sync_api, "sync_playwright", refuse)


def test_no_playwright_browsers_means_playwright_is_not_started(fresh, monkeypatch):
    _forbid_playwright(monkeypatch)
    chrome = fresh / "chrome"
    chrome.write_text("")
    settings = replace(load_settings(), executable_path=None, system_candidates=(str(chrome),))
    assert resolve_executable(settings) == str(chrome)


def test_a_playwright_browser_folder_is_asked_about(fresh, monkeypatch):
    (fresh / "ms-playwright" / "chromium-1234").mkdir(parents=True)
    own = fresh / "own-chrome"
    own.write_text("")
    calls = []

    class FakePlaywright:
        def __enter__(self):
            calls.append(1)
            return type("P", (), {"chromium": type("C", (), {"executable_path": str(own)})()})()

        def __exit__(self, *exc):
            return False

    import playwright.sync_api

    monkeypatch.setattr(playwright.sync_api, "sync_playwright", FakePlaywright)
    settings = replace(load_settings(), executable_path=None, system_candidates=())
    assert resolve_executable(settings) == str(own)
    assert resolve_executable(settings) == str(own)
    assert calls == [1], "resolved once per process, then remembered"


def test_remembered_browser_that_vanished_is_looked_for_again(fresh, monkeypatch):
    _forbid_playwright(monkeypatch)
    first, second = fresh / "first", fresh / "second"
    first.write_text("")
    second.write_text("")
    settings = replace(load_settings(), executable_path=None, system_candidates=(str(first), str(second)))
    assert resolve_executable(settings) == str(first)
    first.unlink()
    assert resolve_executable(settings) == str(second)


def test_missing_explicit_browser_is_never_remembered(fresh):
    settings = replace(load_settings(), executable_path=str(fresh / "nope"))
    for _ in range(2):
        with pytest.raises(BrowserNotFound, match="does not exist"):
            resolve_executable(settings)
