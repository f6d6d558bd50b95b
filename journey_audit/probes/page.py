"""Page identity: url, title, h1, landmarks, platform markers, referrer (for off-site hand-offs)."""

from __future__ import annotations

from .base import Probe, ProbeContext


def collect(ctx: ProbeContext) -> dict:
    return dict(ctx.dom.get("page", {}))


PROBE = Probe("page", collect)
