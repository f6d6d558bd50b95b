"""`run --browser-per run`: the demo journeys in one shared Chromium end exactly as with a browser per worker,
with the same submit guard, and no browser launched by the workers (downloads, popups and dialogs, which the
demo has none of, are checked in tests/faults/test_shared_browser.py)."""

from __future__ import annotations

import contextlib
import io

import pytest

from journey_audit.cli import main
from journey_audit.storage.run_folder import load_run

pytestmark = pytest.mark.e2e


def _facts(run) -> dict:
    """What a concurrency model must not change: how each journey ended and what the guard and trackers saw."""
    return {j.key: {"outcome": j.outcome, "dead_ends": [d.get("kind") for d in j.get("dead_ends") or []],
                    "ok_steps": sum(1 for s in j["steps"] if s["status"] == "ok"),
                    "error": (j.get("error") or {}).get("kind"),
                    "stopped_before_submit": j["stopped_before_submit"], "submitted": j["submitted"],
                    "blocked": bool(j.get("blocked_submission")), "guarded": len(j.get("guarded_endpoints") or []),
                    "downloads": sum(len(s.get("downloads") or []) for s in j["steps"]),
                    "popups": sum(len(s.get("popups") or []) for s in j["steps"]),
                    "dialogs": sum(len(s.get("dialogs") or []) for s in j["steps"])}
            for j in run.journeys}


def test_demo_journeys_in_one_shared_browser_end_as_with_a_browser_per_worker(demo_run, demo_sample, tmp_path,
                                                                              monkeypatch):
    """The demo sample (tests/conftest.py: every council, every ending the demo has), three workers at once."""
    from playwright.sync_api import BrowserType

    connects: list[str] = []
    real_connect = BrowserType.connect

    def connect(self, endpoint, *args, **kwargs):
        connects.append(endpoint)
        return real_connect(self, endpoint, *args, **kwargs)

    monkeypatch.setattr(BrowserType, "launch", lambda *a, **k: pytest.fail("a worker launched its own browser"))
    monkeypatch.setattr(BrowserType, "connect", connect)
    results = tmp_path / "results"
    with contextlib.redirect_stdout(io.StringIO()):
        code = main(["run", *map(str, demo_sample), "--demo", "--results", str(results), "--browser-per", "run",
                     "--workers", "3"])
    local_code, _, local_run, _ = demo_run
    shared = load_run(results)
    assert code == local_code
    local = {key: facts for key, facts in _facts(local_run).items() if key in _facts(shared)}
    assert len(shared.journeys) == len(local) == len(demo_sample)
    assert _facts(shared) == local
    assert 1 <= len(connects) <= 3 and len(set(connects)) == 1  # each worker connected once, all to one browser


def test_browser_per_run_cannot_be_combined_with_an_endpoint(capsys):
    code = main(["run", "--browser-per", "run", "--browser-endpoint", "ws://127.0.0.1:1/"])
    assert code == 2
    assert "--browser-per run" in capsys.readouterr().err


def test_browser_per_run_with_an_endpoint_from_the_environment_says_where_it_came_from(monkeypatch, capsys):
    monkeypatch.setenv("JOURNEY_AUDIT_BROWSER_ENDPOINT", "ws://127.0.0.1:1/")
    assert main(["run", "--browser-per", "run"]) == 2
    assert "(from $JOURNEY_AUDIT_BROWSER_ENDPOINT)" in capsys.readouterr().err
