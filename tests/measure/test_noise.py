"""Noise the validity issue named: findings that fired where the barrier was not.

Expected verdicts were written before running the audits:
- plain GOV.UK-style guidance (about 120 words, short sentences) -> no reading-age finding;
- dense legal prose of the same length -> a reading-age finding;
- 40 words of that dense prose -> no finding: too little text for a readability formula;
- "Prisoner's name", "Your child's date of birth", "Their email address" -> not personal data of the user,
  so no missing-autocomplete (WCAG 1.3.5 covers information about the user); "Full name", "Email address"
  without a token -> missing-autocomplete.
"""

from __future__ import annotations

from measure_builders import field, journey, step

from journey_audit.audits import content, form_inventory
from journey_audit.scoring import load_profile

PLAIN = ("You can report a pothole on a road or pavement. We will look at it within 5 working days. "
         "Tell us where it is. You can use a map or type the street name. Tell us how big it is. "
         "Add a photo if you can. It helps us find it. We will send you an email when we have looked at it. "
         "If it is dangerous, call us now. Do not stand in the road to take a photo. "
         "You do not need an account to use this service. It takes about 5 minutes. "
         "You will get a reference number at the end. Keep it so you can check progress later. "
         "We fix the most dangerous holes first.")
DENSE = ("Notwithstanding the provisions hereinafter enumerated, applicants seeking authorisation for the "
         "temporary deposition of construction materials upon the adopted highway must, prior to the "
         "commencement of any operations, ensure that comprehensive documentation evidencing appropriate "
         "public liability indemnification, together with a methodological statement delineating "
         "traffic management arrangements commensurate with the anticipated obstruction, has been "
         "submitted to and acknowledged in writing by the designated highways authority representative. "
         "Failure to demonstrate compliance with the aforementioned requirements, or any subsequent "
         "contravention of conditions attached to the authorisation, may result in enforcement "
         "proceedings, the imposition of financial penalties, and the revocation of permissions "
         "previously granted, without prejudice to any further remedies available to the authority "
         "under the applicable statutory framework governing the management of the public highway network.")


def _ids(result: dict) -> set[str]:
    return {f["id"] for f in result["findings"]}


def _page(text: str) -> dict:
    return journey([step(0, "goto", "/info", navigated=True, h1="Report a pothole", text=text)])


def test_reading_age_is_quiet_on_plain_text_and_on_too_little_text():
    profile = load_profile()
    assert "reading-age-high" not in _ids(content.run(_page(PLAIN), profile))
    short = " ".join(DENSE.split()[:40])
    result = content.run(_page(short), profile)
    assert result["metrics"]["reading_age"] is None and "reading-age-high" not in _ids(result)


def test_reading_age_fires_on_dense_prose():
    result = content.run(_page(DENSE), load_profile())
    assert result["metrics"]["reading_age"] > 15
    found = [f for f in result["findings"] if f["id"] == "reading-age-high"]
    assert found and found[0]["severity"] == "medium" and found[0]["kind"] == "advice"


def _autocomplete_names(*labels: str) -> list[str]:
    fields = [field(f"f{i}", label=label) for i, label in enumerate(labels)]
    result = form_inventory.run(journey([step(0, "goto", "/form", navigated=True, fields=fields)]), load_profile())
    return [e for f in result["findings"] if f["id"] == "missing-autocomplete" for e in f["evidence"]]


def test_fields_about_someone_else_are_not_charged_for_autocomplete():
    assert _autocomplete_names("Prisoner's name", "Your child's date of birth", "Their email address") == []


def test_the_users_own_details_are_charged_for_autocomplete():
    named = _autocomplete_names("Full name", "Email address", "Prisoner's name")
    assert any("Full name" in str(n) for n in named) and any("Email address" in str(n) for n in named)
    assert not any("Prisoner" in str(n) for n in named)
