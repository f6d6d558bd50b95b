"""The seams between stages: gather (probes) -> detect/assess (audits) -> score.

The runner and ``rescore`` both come through here, so a stored run is judged exactly as a fresh one.
"""

from __future__ import annotations

from typing import Any

from journey_audit.audits import assess, detect_dead_ends  # noqa: F401  (re-exported for the runner)
from journey_audit.expected_outcome import judge as judge_expected_outcome
from journey_audit.expected_outcome import record as record_expected_outcome  # noqa: F401  (used by api)
from journey_audit.probes import ProbeOptions, gather


def gather_artifacts(page: Any, *, axe: bool = True) -> dict[str, Any]:
    """Facts about the page as it is now, keyed by probe name (never raises)."""
    return gather(page, ProbeOptions(axe=axe))


def assess_journey(data: dict[str, Any], profile: dict[str, Any] | None = None) -> dict[str, Any]:
    """Add metrics, dead ends, findings, friction and top fixes to a journey record."""
    try:
        data.update(assess(data, profile))
        if data.get("expect_outcome"):
            data["expected_outcome"] = judge_expected_outcome(data)
        data.pop("assessment_error", None)
        if data.get("outcome") == "broken" and data.get("friction"):
            # The script stopped early: a score of the part that ran would flatter or shame the council.
            data["friction"] = {**data["friction"], "index": None, "stars": None,
                                "not_scored": "the journey broke before the end, so it was not scored"}
    except Exception as exc:  # a bug in one audit must not lose the replayed journey
        data["assessment_error"] = f"{type(exc).__name__}: {exc}"
    return data
