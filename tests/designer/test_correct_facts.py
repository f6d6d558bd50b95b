"""Facts a designer relies on: answers kept in a radio group are not 'cleared', and a site-wide header
control is not a question of the task. Written before the fix (both failed on the old audits)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "measure"))
from measure_builders import field, journey, step, summary  # noqa: E402

from journey_audit.audits import error_handling, form_inventory  # noqa: E402
from journey_audit.scoring import load_profile  # noqa: E402


@pytest.fixture(scope="module")
def profile() -> dict:
    return load_profile()


def _park_options(chosen: str | None) -> list[dict]:
    names = ["Riverside Park", "Hill Gardens", "Old Quarry"]
    return [field("park", type="radio", id=f"park-{i}", legend="Which is your favourite city park?", label=n,
                  value_present=(n == chosen)) for i, n in enumerate(names)]


def test_radio_group_that_stays_answered_is_not_cleared(profile):
    """GOV.UK radios after an error: the chosen option is still checked, the other two never were."""
    email = field("email", type="email", label="Email address", autocomplete="email")
    before = _park_options("Hill Gardens") + [email]
    after = _park_options("Hill Gardens") + [{**email, "error_message": "Error: Enter your email address"}]
    j = journey([step(0, "goto", "/vote", navigated=True, fields=_park_options(None) + [email]),
                 step(1, "choose", "/vote", fields=before, clicks=1, filled=1),
                 step(2, "click", "/vote", fields=after, clicks=1, validation=True, title="Error: Vote",
                      error_summary=summary(["email"]))])
    held, lost = error_handling.cleared_fields(j, j["steps"][2])
    assert (held, lost) == (1, [])
    assert "values-cleared-on-error" not in {f["id"] for f in error_handling.run(j, profile)["findings"]}


def test_radio_group_that_loses_its_answer_is_cleared_once(profile):
    before = _park_options("Hill Gardens")
    after = _park_options(None)
    j = journey([step(0, "goto", "/vote", navigated=True, fields=after),
                 step(1, "choose", "/vote", fields=before, clicks=1, filled=1),
                 step(2, "click", "/vote", fields=after, clicks=1, validation=True, error_messages=["Error"])])
    held, lost = error_handling.cleared_fields(j, j["steps"][2])
    assert held == 1 and lost == ["Which is your favourite city park?"]


def _topic_select(**kw) -> dict:
    return field("topic", tag="select", type="select", label="Explore by topic", form=0, in_main=False, **kw)


def test_site_header_select_is_not_a_task_question(profile):
    """An 'Explore by topic' select in the site header (outside <main>, on every page) is site furniture."""
    pages = []
    for i, (path, own) in enumerate([("/start", []), ("/q1", [field("postcode", label="Postcode", form=1)]),
                                      ("/q2", [field("details", tag="textarea", type="textarea",
                                                     label="Describe the problem", form=1)])]):
        header = _topic_select(form_action="https://council.example/topics")
        pages.append(step(i, "goto" if i == 0 else "click", path, navigated=True, fields=[header, *own]))
    result = form_inventory.run(journey(pages), profile)
    assert result["metrics"]["fields_total"] == 2
    assert result["metrics"]["questions_max_per_page"] == 1
    evidence = " ".join(str(e) for f in result["findings"] for e in f["evidence"])
    assert "Explore by topic" not in evidence
