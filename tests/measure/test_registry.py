"""The registries of dead-end kinds and finding ids agree with the schema, the report words, the
scoring profile and the docs; every id an audit emits is registered."""

from __future__ import annotations

import re
from pathlib import Path

from measure_builders import govuk_journey, legacy_journey, pdf_journey

from journey_audit.audits import AUDITS, KINDS, assess
from journey_audit.audits.detectors import DETECTORS
from journey_audit.audits.registry import FAMILIES, finding_ids, is_known
from journey_audit.reports.html.words import DEAD_END_PHRASES
from journey_audit.schema import result_schema
from journey_audit.scoring import load_profile

DOCS = (Path(__file__).resolve().parents[2] / "docs" / "measurements.md").read_text(encoding="utf-8")


def test_every_detector_declares_kind_title_fix_and_a_hook():
    for detector in DETECTORS:
        assert re.fullmatch(r"[a-z_]+", detector.KIND), detector
        assert detector.TITLE and detector.FIX, detector.KIND
        assert callable(detector.detect)
    assert len(set(KINDS)) == len(KINDS)


def test_schema_enum_is_the_kinds_registry():
    enum = result_schema()["$defs"]["dead_end"]["properties"]["kind"]["enum"]
    assert sorted(enum) == sorted(KINDS)


def test_report_words_cover_every_kind_and_nothing_else():
    assert set(DEAD_END_PHRASES) == set(KINDS)


def test_profile_prices_every_kind_and_nothing_unknown():
    points = load_profile()["points"]["dead_ends"]
    assert set(KINDS) <= set(points)
    assert set(points) - set(KINDS) == {"blocking", "other"}


def test_docs_name_every_kind_and_every_finding_id():
    for kind in KINDS:
        assert f"`{kind}`" in DOCS, kind
    for fid in finding_ids():
        if fid.startswith("dead-end-"):
            continue  # documented as `dead-end-<kind>`
        assert f"`{fid}`" in DOCS, fid
    for prefix in FAMILIES:
        assert f"`{prefix}<rule>`" in DOCS


def test_every_audit_lists_its_ids_and_ids_are_unique():
    ids = finding_ids()  # raises on an id claimed twice
    for audit in AUDITS:
        assert getattr(audit, "FINDING_IDS", None), audit.AUDIT_ID
    assert all(ids[f"dead-end-{k.replace('_', '-')}"] == "dead-ends" for k in KINDS)


def test_emitted_ids_are_registered():
    emitted = {f["id"] for j in (govuk_journey(), legacy_journey(), pdf_journey()) for f in assess(j)["findings"]}
    assert emitted, "the sample journeys produce findings"
    assert all(is_known(fid) for fid in emitted), sorted(f for f in emitted if not is_known(f))
    assert not is_known("made-up-id")
