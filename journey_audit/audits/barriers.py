"""What the barrier audits share: the barrier finding, and evidence gathered page by page across a journey."""

from __future__ import annotations

from collections.abc import Callable

from .common import executed, finding, url_path

# finding id -> (title, detail, fix, severity, points key in the profile)
Texts = dict[str, tuple[str, str, str, str, str]]


def barrier(*args, **kw) -> dict:
    """A finding that stops or slows some users (not a matter of style)."""
    return {**finding(*args, **kw), "kind": "barrier"}


def evidence_by_id(journey: dict, check: Callable[[dict], dict[str, list[str]]]) -> dict[str, dict[str, int | None]]:
    """finding id -> {evidence (prefixed with the page) -> first step it was seen}, once per page and item."""
    seen: dict[str, dict[str, int | None]] = {}
    for step in executed(journey):
        for fid, evidence in check(step).items():
            for item in evidence:
                seen.setdefault(fid, {}).setdefault(f"{url_path(step.get('url', ''))}: {item}", step.get("index"))
    return {fid: items for fid, items in seen.items() if items}


def barrier_findings(seen: dict[str, dict[str, int | None]], texts: Texts, audit_id: str, component: str,
                     points: dict) -> list[dict]:
    """One finding per id with every place it was seen; points per place, capped per finding."""
    out = []
    for fid, items in seen.items():
        title, detail, fix, severity, key = texts[fid]
        first = min((s for s in items.values() if s is not None), default=None)
        out.append(barrier(fid, audit_id, component, severity, title, f"{detail} ({len(items)} found)", fix,
                           min(points["max_each_finding"], points[key] * len(items)), list(items), first))
    return out
