"""The journey file's compact form (journey_audit/storage/journey_file.py) on records built here: exact round
trips, a page whose facts look like the file's own references, and damaged files."""

from __future__ import annotations

import copy
import json

import pytest

from journey_audit.probes.snapshot import pack
from journey_audit.storage.journey_file import MIN_SHARED_CHARS, REF, compact, expand, write_journey
from journey_audit.storage.run_folder import ResultsError, RunWriter, load_run

NAV = [{"text": f"Link {n} to a page of the council's site", "href": f"/page-{n}"} for n in range(4)]
HTML = "<!doctype html><html><body><nav>" + "".join(f"<a href='/p{n}'>Page {n}</a>" for n in range(30)) + "</nav>{}</body></html>"


def _record(steps: list[dict]) -> dict:
    return {"schema_version": 2, "council": "Test", "council_id": "test", "task": "report-pothole",
            "start_url": "http://127.0.0.1/", "outcome": "completed", "steps": steps}


def _step(index: int, main: str, **extra) -> dict:
    html = HTML.format(main)
    return {"index": index, "action": "click", "status": "ok", "url": f"http://127.0.0.1/{index}",
            "artifacts": {"links": {"links": copy.deepcopy(NAV)},
                          "snapshot": {"digest": str(index), "chars": len(html), "html_z": pack(html)}}, **extra}


def test_repeats_are_written_once_and_come_back_exactly():
    record = _record([_step(0, "<h1>Start</h1>"), _step(1, "<h1>Your details</h1><p>Tell us who you are</p>"),
                      _step(2, "<h1>Check</h1>", keyboard={"stops": copy.deepcopy(NAV)})])
    stored = json.loads(json.dumps(compact(record)))
    assert stored["steps"][1]["artifacts"]["links"] == {REF: 0}  # the whole artifact, written once
    assert stored["shared"][0] == {"links": {REF: 1}} and stored["steps"][2]["keyboard"] == {"stops": {REF: 1}}
    assert "html_dz" in stored["steps"][1]["artifacts"]["snapshot"]
    assert len(json.dumps(stored)) < len(json.dumps(record))
    assert expand(stored) == record
    assert record["steps"][0]["artifacts"]["links"]["links"] == NAV, "compacting leaves the record alone"


def test_a_shared_value_may_hold_one_shared_before_it():
    """The links seen alone first, then inside a larger value that repeats: that value refers back to them."""
    larger = {"list": NAV, "note": "the same block of the template on two later pages"}
    record = _record([{"index": 0, "artifacts": {"links": {"links": copy.deepcopy(NAV)}}},
                      *({"index": i, "artifacts": {"page_parts": copy.deepcopy(larger)}} for i in (1, 2))])
    stored = json.loads(json.dumps(compact(record)))
    assert stored["shared"][0] == NAV
    assert stored["shared"][1] == {"list": {REF: 0}, "note": larger["note"]}
    assert stored["steps"][2]["artifacts"] == {"page_parts": {REF: 1}}
    assert expand(stored) == record


def test_short_values_are_not_shared():
    short = "x" * (MIN_SHARED_CHARS - 3)  # with its quotes, one character under the limit
    record = _record([{"index": i, "artifacts": {"page": {"title": short, "h1_count": i}}} for i in range(3)])
    assert "shared" not in compact(record)


def test_facts_that_look_like_a_reference_are_written_as_they_are():
    looks_like_ref = {REF: 0}
    record = _record([{"index": i, "artifacts": {"page_parts": {"odd": looks_like_ref, "nav": NAV}}} for i in range(2)])
    stored = json.loads(json.dumps(compact(record)))
    assert "shared" not in stored and stored["steps"][1]["artifacts"]["page_parts"]["odd"] == looks_like_ref
    assert expand(stored) == record


@pytest.mark.parametrize("damage", [
    lambda d: d["shared"].clear(),
    lambda d: d["shared"].__setitem__(0, {"links": {REF: 0}}),  # a loop: the shared value holds itself
    lambda d: d["steps"][1]["artifacts"].update(links={REF: -1}),
    lambda d: d["steps"][1]["artifacts"]["snapshot"]["html_dz"].update(base=99),
    lambda d: d["steps"][1]["artifacts"]["snapshot"]["html_dz"].update(z="bm90IHpsaWI="),
])
def test_a_damaged_file_is_a_clear_error(tmp_path, damage):
    writer = RunWriter(tmp_path, {})
    path = writer.folder / "journeys" / "test--report-pothole.json"
    write_journey(path, _record([_step(0, "<h1>Start</h1>"), _step(1, "<h1>Your details</h1>")]))
    writer.finish()
    data = json.loads(path.read_text(encoding="utf-8"))
    damage(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(ResultsError, match="test--report-pothole.json is damaged"):
        load_run(tmp_path)
