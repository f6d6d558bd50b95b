"""A journey may state the outcome it expects, e.g. a known dead end (``expect_outcome: dead_end``).

The run then checks it: the judgement is made after the replay (in the pipeline, so ``rescore`` gives
the same answer) and recorded as ``expected_outcome`` in the journey result.

YAML forms::

    expect_outcome: dead_end                          # any dead end
    expect_outcome: {outcome: dead_end, kind: pdf_form}
    expect_outcome: completed
"""

from __future__ import annotations

from typing import Any

EXPECTABLE = ("completed", "dead_end")


def parse_expect_outcome(raw: Any) -> dict[str, str]:
    """The expectation as ``{"outcome", "kind"?}``; raises ValueError with a message fit for ``path:line:``."""
    from journey_audit.audits import KINDS

    if isinstance(raw, str):
        raw = {"outcome": raw}
    if not isinstance(raw, dict) or set(raw) - {"outcome", "kind"} or "outcome" not in raw:
        raise ValueError("'expect_outcome' is 'dead_end', 'completed', or {outcome: dead_end, kind: <dead-end kind>}")
    outcome, kind = raw["outcome"], raw.get("kind")
    if outcome not in EXPECTABLE:
        raise ValueError(f"'expect_outcome' must be one of {', '.join(EXPECTABLE)}, not {outcome!r}")
    if kind is not None:
        if outcome != "dead_end":
            raise ValueError("'kind' in 'expect_outcome' is only for outcome: dead_end")
        if kind not in KINDS:
            raise ValueError(f"unknown dead-end kind {kind!r} in 'expect_outcome' (known: {', '.join(KINDS)})")
    return {"outcome": outcome, **({"kind": kind} if kind else {})}


def judge(data: dict[str, Any]) -> dict[str, Any] | None:
    """Whether the run ended as the journey said it would (None when the journey states nothing)."""
    expected = data.get("expect_outcome")
    if not isinstance(expected, dict) or not expected.get("outcome"):
        return None
    outcome, want = data.get("outcome"), expected.get("kind")
    reason = data.get("outcome_reason") or {}
    kinds = {reason.get("kind")} | {d.get("kind") for d in data.get("dead_ends") or [] if d.get("blocking")}
    met = outcome == expected["outcome"] and (want is None or want in kinds)
    said = expected["outcome"].replace("_", " ") + (f" ({want})" if want else "")
    got = str(outcome).replace("_", " ") + (f" ({reason['kind']})" if reason.get("kind") else "")
    message = f"ended as expected: {said}" if met else f"expected {said}, but the journey {got}"
    return {**expected, "met": met, "message": message}


def record(data: dict[str, Any], expectation: dict[str, str] | None) -> dict[str, Any]:
    """Store a journey's stated expectation in its result and judge it."""
    if expectation:
        data["expect_outcome"] = dict(expectation)
        data["expected_outcome"] = judge(data)
    return data
