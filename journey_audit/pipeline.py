"""The seams between stages: gather (probes) -> detect/assess (audits) -> score.

The runner and ``rescore`` both come through here, so a stored run is judged exactly as a fresh one.
"""

from __future__ import annotations

from typing import Any

from journey_audit.audits import KINDS, assess, detect_dead_ends  # noqa: F401  (detect_dead_ends: for the runner)
from journey_audit.audits.error_state import validation_check_held  # noqa: F401  (re-exported for the runner)
from journey_audit.expected_outcome import judge as judge_expected_outcome
from journey_audit.expected_outcome import record as record_expected_outcome  # noqa: F401  (used by the run loop)
from journey_audit.probes import ProbeOptions, delta, gather
from journey_audit.storage import journey_file


def gather_artifacts(page: Any, *, axe: bool = True, timings: dict[str, float] | None = None) -> dict[str, Any]:
    """Facts about the page as it is now, keyed by probe name (never raises); ``timings`` gets each probe's ms."""
    return gather(page, ProbeOptions(axe=axe), timings)


def judge_outcome(data: dict[str, Any]) -> None:
    """The outcome from the audits' dead ends, so a fresh run and ``rescore`` agree.

    ``broken`` (and any outcome the audits cannot judge, such as ``not_run``) is the runner's word and kept.
    A journey that ran to the end with a blocking dead end is a ``dead_end``; a ``dead_end`` whose every
    dead end is now judged not blocking (an improved rule) is ``completed`` again if all its steps ran.
    """
    outcome = data.get("outcome")
    if outcome not in ("completed", "dead_end"):
        return
    blocking = [d for d in data.get("dead_ends") or [] if d.get("blocking")]
    reason = data.get("outcome_reason") or {}
    # Reasons only the runner can see (a page that never loaded, a navigation that failed) are its word.
    judged_by_audits = reason.get("kind") in KINDS and reason.get("kind") != "timeout"
    if blocking:
        if outcome == "completed" or (judged_by_audits and reason.get("kind") not in {d["kind"] for d in blocking}):
            data["outcome"], data["outcome_reason"] = "dead_end", blocking[0]
        return
    ran_to_end = not data.get("error") and (not data.get("steps_not_run") or bool(data.get("stopped_before_submit")))
    if outcome == "dead_end" and judged_by_audits and ran_to_end:
        data["outcome"], data["outcome_reason"] = "completed", None


def assess_journey(data: dict[str, Any], profile: dict[str, Any] | None = None) -> dict[str, Any]:
    """Add metrics, dead ends, findings, friction and top fixes to a journey record, and judge its outcome."""
    if data.get("outcome") == "not_run":
        return data  # nothing ran: no measurement, no score (zeros would read as an effortless journey)
    journey_file.expand(data)  # a journey file read as it is (load_run has done this already)
    steps = data.get("steps") or []
    delta.expand(steps)  # a stored run saves repeated artifacts as changes from the step before
    try:
        data.update(assess(data, profile))
        judge_outcome(data)
        if data.get("expect_outcome"):
            data["expected_outcome"] = judge_expected_outcome(data)
        data.pop("assessment_error", None)
        if data.get("outcome") == "broken" and data.get("friction"):
            # The script stopped early: a score of the part that ran would flatter or shame the council.
            data["friction"] = {**data["friction"], "index": None, "stars": None,
                                "not_scored": "the journey broke before the end, so it was not scored"}
    except Exception as exc:  # a bug in one audit must not lose the replayed journey
        data["assessment_error"] = f"{type(exc).__name__}: {exc}"
    delta.pack(steps)
    return data
