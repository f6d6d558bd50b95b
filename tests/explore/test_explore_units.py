"""Pure parts of explore: vocabularies, persona answers, the written journey, findability judged."""

from __future__ import annotations

import pytest

from journey_audit.audits import assess
from journey_audit.explore.answers import first_sensible, ticks, value_for
from journey_audit.explore.autopilot import Planned
from journey_audit.explore.vocabulary import VocabularyError, load_vocabularies, words
from journey_audit.explore.writer import journey_yaml
from journey_audit.loader import load_journey


def test_bundled_vocabularies_cover_the_demo_tasks_and_match_loosely():
    vocab = load_vocabularies()
    assert {"report-pothole", "apply-parking-permit", "book-bulky-waste", "report-missed-bin"} <= set(vocab)
    assert words("Residents’ Parking Permits") == ("resident", "parking", "permit")
    permits = vocab["apply-parking-permit"]
    assert permits.names_task("Apply for a residents’ parking permit") and permits.names_task("Residents Parking Permits")
    assert permits.names_task("Parking fines") is None and permits.names_section("Parking fines") == "parking"
    assert vocab["report-pothole"].names_task("Report a pothole or highway defect") == "report a pothole"
    assert vocab["report-missed-bin"].names_task("Bin collection day") is None


def test_users_add_and_replace_tasks(tmp_path):
    mine = tmp_path / "tasks.yaml"
    mine.write_text("report-fly-tipping:\n  phrases: [fly-tipping, dumped rubbish]\n  sections: [environment]\n"
                    "report-pothole:\n  phrases: [carriageway defect]\n", encoding="utf-8")
    vocab = load_vocabularies(mine)
    assert vocab["report-fly-tipping"].names_task("Report fly-tipping") == "fly-tipping"
    assert vocab["report-pothole"].phrases == ("carriageway defect",)
    assert "book-bulky-waste" in vocab


@pytest.mark.parametrize("text, where", [
    ("report-pothole:\n  phrases: pothole\n", ":1:"),
    ("report-pothole:\n  words: [pothole]\n", "unknown key 'words'"),
    ("Report Pothole:\n  phrases: [pothole]\n", "lower-case"),
    ("report-pothole: [\n", "not valid YAML"),
    ("a-task:\n  phrases: []\n", "at least one phrase"),
])
def test_bad_tasks_files_are_named_with_file_and_line(tmp_path, text, where):
    bad = tmp_path / "bad.yaml"
    bad.write_text(text, encoding="utf-8")
    with pytest.raises(VocabularyError, match=str(bad)) as caught:
        load_vocabularies(bad)
    assert where in str(caught.value)


def control(**kw):
    return {"kind": "text", "name": "", "id": "", "label": "", "placeholder": "", "autocomplete": "",
            "inputmode": "", "required": False, "context": "", **kw}


@pytest.mark.parametrize("field, expected", [
    (control(autocomplete="postal-code", label="Where?"), "{persona.postcode}"),
    (control(kind="email", label="Contact"), "{persona.email}"),
    (control(inputmode="tel", label="Contact"), "{persona.phone}"),
    (control(label="Confirm Email"), "{persona.email}"),
    (control(label="Forename"), "{persona.first_name}"),
    (control(placeholder="Surname"), "{persona.last_name}"),
    (control(label="House number and street"), "{persona.address_line1}"),
    (control(label="Town or city"), "{persona.town}"),
    (control(label="What is the vehicle’s registration number?"), "{persona.vehicle_registration}"),
    (control(kind="textarea", label="Anything else?"), "{persona.description}"),
    (control(name="missed_date", context="Date of missed collection (dd/mm/yyyy)"), "{date.yesterday}"),
    (control(label="Year", context="Date of birth"), "1980"),
    (control(label="Daytime Tel No.", name="tel_day"), "{persona.phone}"),
    (control(label="UK phone number (optional)", kind="tel"), None),
    (control(label="Enter the characters shown in the image"), None),
    (control(label="Password", kind="password"), None),
    (control(label="Favourite colour"), None),
    (control(label="Favourite colour", required=True), "Not known"),
])
def test_fields_are_answered_from_the_persona_by_token_type_and_name(field, expected):
    assert value_for(field) == expected


def test_first_sensible_option_and_which_boxes_are_ticked():
    assert first_sensible([["-- Please select --", ""], ["Select one", "x"], ["Zone A", "a"]]) == "Zone A"
    assert first_sensible(["In the road", "On the pavement"]) == "In the road"
    assert ticks({"label": "I declare that the information I have given is correct"})
    assert ticks({"label": "Email me updates", "required": True}) and not ticks({"label": "Email me updates"})


def test_the_written_journey_is_a_valid_journey_with_comments(tmp_path):
    text = journey_yaml(council="Test: Council", council_id="test", task="report-pothole",
                        home_url="https://council.example/home?x=1", base_url=None, summary=["found by navigation"],
                        steps=[Planned("click", "Report a pothole"),
                               Planned("fill", {"css": "input[name=\"q7\"]", "value": "{persona.postcode}"}, "by CSS"),
                               Planned("choose", {"label": "Where is it?", "option": "In the road"}),
                               Planned("submit", {"name": "Send", "final": True})])
    path = tmp_path / "j.yaml"
    path.write_text(text, encoding="utf-8")
    journey = load_journey(path)
    assert (journey.council, journey.start, journey.base_url) == ("Test: Council", "/home?x=1", "https://council.example")
    assert journey.steps[1].locator.css == 'input[name="q7"]' and journey.steps[1].value == "ZZ99 9ZZ"
    assert journey.steps[-1].final and "# by CSS" in text and "# found by navigation" in text


def _explored(found_by, clicks, rank, a_to_z, has_search=True):
    facts = {"home_url": "https://c.example/", "found_by": found_by, "route": "navigation" if clicks else None,
             "start_url": None, "clicks_from_home": clicks, "path": ["https://c.example/"],
             "navigation": {"pages_opened": ["https://c.example/"] * 5}, "a_to_z": {"in_a_to_z": a_to_z},
             "search": {"box": "role searchbox" if has_search else False, "rank": rank, "tries": []},
             "autopilot": {}, "bounds": {"max_depth": 4}}
    return {"council_id": "c", "task": "report-pothole", "outcome": "completed", "exploration": facts,
            "steps": [{"index": 0, "action": "goto", "status": "ok", "url": "https://c.example/", "artifacts": {}}]}


def test_findability_is_judged_from_the_recorded_facts():
    easy = assess(_explored(["navigation", "search", "a_to_z"], 1, 1, True))
    assert easy["metrics"]["findability"]["clicks_from_home"] == 1
    assert easy["friction"]["components"]["findability"]["score"] == 0
    hard = assess(_explored(["navigation"], 4, None, False))
    ids = {f["id"] for f in hard["findings"] if f["component"] == "findability"}
    assert ids == {"findability-deep", "findability-search", "findability-a-to-z"}
    assert hard["friction"]["components"]["findability"]["score"] > 50
    lost = assess(_explored([], None, None, None, has_search=False))
    assert [d["kind"] for d in lost["dead_ends"] if d["blocking"]] == ["not_findable"]
    assert "no site search" in lost["dead_ends"][0]["evidence"]["text"] and lost["friction"]["stars"] == 1
    scripted = assess({**_explored([], None, None, None), "exploration": None})
    assert "findability" not in scripted["metrics"] and scripted["friction"]["components"]["findability"]["score"] is None
