"""The one registry of finding ids: every id an audit can emit, and the audit that owns it.

Each audit module lists its ids in ``FINDING_IDS``; ids built from an outside catalogue (axe-core's
rules) are a family with a fixed prefix. tests/measure/test_registry.py checks that every emitted id
is known here and documented, and that dead-end kinds agree with the schema, words and profile.
"""

from __future__ import annotations

from types import ModuleType

FAMILIES: dict[str, str] = {"axe-": "accessibility"}  # prefix -> audit: one id per failing axe rule


def finding_ids(audits: list[ModuleType] | None = None) -> dict[str, str]:
    """Every fixed finding id -> the id of the audit that emits it."""
    if audits is None:
        from . import AUDITS as audits  # noqa: N811 - the registry of audits
    out: dict[str, str] = {}
    for audit in audits:
        for fid in getattr(audit, "FINDING_IDS", ()):
            if fid in out:
                raise ValueError(f"finding id {fid!r} is claimed by {out[fid]} and {audit.AUDIT_ID}")
            out[fid] = audit.AUDIT_ID
    return out


def is_known(fid: str) -> bool:
    """A finding id in the registry (fixed, or of a known family)."""
    return fid in finding_ids() or any(fid.startswith(prefix) for prefix in FAMILIES)
