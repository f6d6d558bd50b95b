"""The one definition of "the page shows an error" (audits/error_state.py), on hand-made facts."""

from __future__ import annotations

from measure_builders import NO_SUMMARY, field, step

from journey_audit.audits.error_state import error_state, validation_check_held
from journey_audit.audits.form_barriers import order_mismatches, required_not_explained


def with_forms(s: dict, **forms) -> dict:
    s["artifacts"]["forms"].update(forms)
    return s


def test_error_list_found_by_its_words_and_links_without_govuk_classes():
    block = {"heading": "Error – the submission failed due to the following 2 problems:", "text": "...", "role": "",
             "class": "problems", "field_links": 2, "items": ["Choose a visit", "Choose a branch"], "focused": True}
    s = with_forms(step(1, "click", "/survey/errors", fields=[field("branch", aria_invalid=True)]), notice_blocks=[block])
    state = error_state(s)
    assert state.summary and state.summary_linked and state.explained and state.invalid_fields == ("Branch",)
    # The same block without error words or links to fields is not a summary (a list of related links).
    calm = {**block, "heading": "Related pages", "field_links": 0}
    assert not error_state(with_forms(step(1, "click", "/p"), notice_blocks=[calm])).summary


def test_new_words_by_a_field_after_the_submit_are_an_inline_message():
    before = step(0, "goto", "/f", fields=[field("postcode", wrapper_text="Postcode For example SW1A 1AA")])
    after = step(1, "click", "/f", fields=[field("postcode", wrapper_text="Postcode For example SW1A 1AA Enter a postcode")])
    assert error_state(after, before).inline == ("Postcode: Enter a postcode",)
    assert not error_state(before).shown


def test_colour_only_error_is_shown_but_not_explained():
    black, red = "rgb(11, 12, 12)", "rgb(212, 53, 28)"
    before = step(0, "goto", "/f", fields=[field("visits", type="radio", label_colour=black)])
    after = step(1, "click", "/f", fields=[field("visits", type="radio", label_colour=red)])
    state = error_state(after, before)
    assert state.colour_only == ("Visits",) and state.shown and not state.explained
    # A label that was red all along (a design choice) is not an error.
    assert not error_state(after, step(0, "goto", "/f", fields=[field("visits", type="radio", label_colour=red)])).shown


def test_alert_role_and_error_title_count_as_shown():
    s = with_forms(step(1, "click", "/f"), alerts=["There is a problem: enter your name"], error_summary=NO_SUMMARY)
    assert error_state(s).alerts and error_state(s).explained
    assert error_state(step(1, "click", "/x", title="Error: Your details")).shown


def test_validation_check_held_when_the_form_posted_to_another_url():
    first = step(0, "goto", "/form", fields=[field("name")])
    landed = step(1, "click", "/form/submit", fields=[field("name", aria_invalid=True, error_message="Enter your name")])
    assert validation_check_held(landed, [first, landed])
    moved_on = step(1, "click", "/thank-you", fields=[])
    assert not validation_check_held(moved_on, [first, moved_on])
    stayed = step(1, "click", "/form", fields=[field("name")])
    assert validation_check_held(stayed, [first, stayed])  # not moved on: the site's fault, not the script's


def test_focus_order_compares_keyboard_order_with_boxes():
    top = field("first", box=[10, 100, 200, 30])
    below = field("last", box=[10, 200, 200, 30])
    assert order_mismatches([below, top]) == [("Last", "First")]  # DOM: last first, but first is shown above
    assert order_mismatches([top, below]) == []
    left, right = field("day", box=[10, 100, 50, 30]), field("month", box=[80, 100, 50, 30])
    assert order_mismatches([left, right]) == [] and order_mismatches([right, left]) == [("Month", "Day")]
    column_a2, column_b1 = field("a2", box=[10, 300, 200, 30]), field("b1", box=[400, 100, 200, 30])
    assert order_mismatches([column_a2, column_b1]) == []  # two columns: no shared row or column, not judged


def test_required_not_explained_only_when_some_are_optional_and_nothing_says_which():
    req, opt = field("name", required=True), field("phone")
    assert required_not_explained([req, opt], "Contact details")
    assert not required_not_explained([req, field("email", required=True)], "")  # all required: the GOV.UK way
    assert not required_not_explained([req, field("phone", label="Phone (optional)")], "")
    assert not required_not_explained([req, opt], "Fields marked * are required")
