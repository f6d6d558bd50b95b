"""Star caps from what a journey fails, not from its friction index.

- Failing any essential criterion (audits/essentials.py: an unlabelled or ungrouped control it had to use,
  an error not explained in words, a critical violation on a form, a needed control with no name) caps it
  at ``stars.essential_max_stars`` (2).
- Any barrier finding (``kind: barrier``) of a severity in ``stars.barrier_cap_severities`` caps it at
  ``stars.barrier_max_stars`` (3): four stars mean no barrier was found, as Better Connected asked for an
  accessibility pass before its top rating.

A blocking dead end still caps at 1: the lowest cap wins.
"""

from __future__ import annotations


def cap(stars: int, metrics: dict, profile: dict, findings: list[dict] | None = None) -> int:
    s = profile["stars"]
    if metrics.get("essential_failures"):
        stars = min(stars, int(s["essential_max_stars"]))
    severities = set(s.get("barrier_cap_severities") or ())
    if any(f.get("kind") == "barrier" and f.get("severity") in severities for f in findings or ()):
        stars = min(stars, int(s.get("barrier_max_stars", 3)))
    return stars
