"""Chromium features turned off on top of Playwright's own list: one merged --disable-features, nothing lost."""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from journey_audit.browser.features import (
    feature_switches,
    parse_disabled_features,
    playwright_disabled_features,
)
from journey_audit.browser.session import BrowserSession
from journey_audit.browser.settings import load_settings
from journey_audit.browser.shared import server_config

SETTINGS = load_settings(Path(__file__).resolve().parents[2] / "playwright.config.py")
SWITCH = "--disable-features="

SOURCE = """
    disabledFeatures = [
      // a comment, with "quotes", and commas
      "PaintHolding",
      "MediaRouter"
    ].filter(Boolean);
    chromiumSwitches = (options) => [
      "--disable-features=" + disabledFeatures.join(","),
    ];
"""


def test_playwrights_list_is_read_only_when_every_entry_is_a_plain_string():
    assert parse_disabled_features(SOURCE) == ("PaintHolding", "MediaRouter")
    conditional = SOURCE.replace('"MediaRouter"', 'process.env.X ? "" : "MediaRouter"')
    assert parse_disabled_features(conditional) is None, "an entry decided at run time cannot be copied"
    assert parse_disabled_features(SOURCE.replace("disabledFeatures.join", "other.join")) is None, \
        "a switch not built from that list"


def test_the_installed_playwrights_list_is_read():
    assert playwright_disabled_features(), "the installed Playwright's list could not be read: features.py"


def test_the_merged_switch_replaces_playwrights_and_keeps_all_of_it():
    left_out, added = feature_switches(["WebUIOmniboxPopup", "PaintHolding"])
    theirs = playwright_disabled_features()
    assert left_out == [SWITCH + ",".join(theirs)]
    assert added[0].removeprefix(SWITCH).split(",") == [*theirs] + [f for f in ["WebUIOmniboxPopup"] if f not in theirs]
    assert feature_switches([]) == ([], []), "nothing of ours: Playwright's switch stays as it is"


def test_a_remote_browser_is_left_alone_and_the_shared_one_gets_the_same_switches():
    from dataclasses import replace

    assert "ignore_default_args" not in replace(SETTINGS, browser_endpoint="ws://127.0.0.1:9/").launch_kwargs()
    local = SETTINGS.launch_kwargs()
    config = server_config(SETTINGS)
    assert config["ignoreDefaultArgs"] == local["ignore_default_args"] and config["args"] == local["args"]


def _browser_facts() -> tuple[list[str], list[str]]:
    """The Chromium browser process's --disable-features switches, and the URLs of every target it has."""
    session = BrowserSession(SETTINGS)
    try:
        context = session.new_context()
        context.new_page().goto("data:text/html,<h1>Report a pothole</h1>")
        targets = session.browser.new_browser_cdp_session().send("Target.getTargets", {"filter": [{}]})
        switches = []
        for pid in _descendants(session._driver_pid):
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().decode(errors="replace").split("\0")
            if "chrom" in Path(argv[0]).name and not any(a.startswith("--type=") for a in argv):
                switches += [a for a in argv if a.startswith(SWITCH)]
        context.close()
        return switches, [t["url"] for t in targets["targetInfos"]]
    finally:
        session.close()


def _descendants(root: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                parent = int(Path(f"/proc/{entry.name}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        found.append(pid)
        frontier += children.get(pid, [])
    return found


@pytest.mark.skipif(not Path("/proc/self/cmdline").exists(), reason="reads the browser's command line from /proc")
def test_the_real_browser_gets_one_merged_switch_and_preloads_no_address_bar_popup():
    with ThreadPoolExecutor(1) as pool:  # a worker's browser lives on a thread of its own
        switches, urls = pool.submit(_browser_facts).result(timeout=120)
    assert len(switches) == 1, f"Chromium keeps only the last one: {switches}"
    features = switches[0].removeprefix(SWITCH).split(",")
    assert set(playwright_disabled_features()) <= set(features), "Playwright's own list is all there"
    assert {"WebUIOmniboxPopup", "WebUIOmniboxAimPopup"} <= set(features)
    # Written down before running: without the switch, Chromium 156 lists chrome://omnibox-popup.top-chrome/ targets.
    assert not [u for u in urls if u.startswith("chrome://omnibox-popup")], urls


def _user_agents() -> tuple[str, str]:
    session = BrowserSession(SETTINGS)
    try:
        asked = session.user_agent()  # from the browser, without opening a page
        context = session.new_context()
        shown = context.new_page().evaluate("navigator.userAgent")  # what a site sees
        context.close()
        return asked, shown
    finally:
        session.close()


def test_the_user_agent_asked_of_the_browser_is_the_one_pages_send():
    with ThreadPoolExecutor(1) as pool:
        asked, shown = pool.submit(_user_agents).result(timeout=120)
    assert asked == shown and shown.endswith(SETTINGS.user_agent_suffix)
