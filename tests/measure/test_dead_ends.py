"""Dead-end detectors on single hand-made steps, and journey-level judgement."""

from __future__ import annotations

from measure_builders import BASE, field, govuk_journey, journey, pdf_journey, signals, step, summary

from journey_audit.audits import detect_dead_ends
from journey_audit.audits.dead_ends import journey_dead_ends


def kinds(step_record: dict) -> dict[str, bool]:
    return {d["kind"]: d["blocking"] for d in detect_dead_ends(step_record)}


def doc(text: str, href: str = BASE + "/f", kind: str = "pdf") -> dict:
    return {"text": text, "href": href, "kind": kind, "in_main": True}


def test_pdf_only_is_a_blocking_dead_end_with_evidence():
    s = step(2, "click", "/kerbs", navigated=True, text="Download the application form and post it to us.",
             sig=signals(document_links=[doc("Application form")]))
    found = detect_dead_ends(s)
    assert [(d["kind"], d["blocking"]) for d in found] == [("pdf_form", True)]
    assert found[0]["evidence"] == {"url": BASE + "/kerbs", "text": found[0]["evidence"]["text"], "screenshot": "screens/j/02.jpg"}
    assert "Application form" in found[0]["evidence"]["text"]


def test_pdf_alongside_an_online_form_is_not_a_dead_end():
    s = step(1, "goto", "/kerbs", navigated=True, text="Download the application form, or apply online.",
             sig=signals(document_links=[doc("Application form")], route={"start_buttons": ["Start now"]}))
    assert kinds(s) == {}


def test_pdf_leaflet_without_form_wording_is_not_a_dead_end():
    s = step(1, "goto", "/info", navigated=True, text="Read about road safety.", sig=signals(document_links=[doc("Road safety leaflet")]))
    assert kinds(s) == {}


def test_phone_only_vs_start_page_that_also_mentions_phone():
    phone = step(1, "goto", "/bins", navigated=True, text="To report a missed bin please call us on 01632 960 123.",
                 sig=signals(phones_main=["01632 960 123"]))
    assert kinds(phone) == {"phone_only": True}
    start = step(1, "goto", "/pothole", navigated=True, text="You can also phone us on 01632 960 001.",
                 sig=signals(phones_main=["01632 960 001"], route={"start_buttons": ["Start now"]}))
    assert kinds(start) == {}


def test_footer_phone_number_alone_is_not_phone_only():
    s = step(1, "goto", "/info", navigated=True, text="Bins are collected every week.", sig=signals(phones_elsewhere=["01632 960 000"]))
    assert kinds(s) == {}


def test_email_only():
    s = step(1, "goto", "/permit", navigated=True, text="Send us your details by email to permits@example.invalid.",
             sig=signals(emails_main=["permits@example.invalid"]))
    assert kinds(s) == {"email_only": True}


def test_login_wall_blocking_unless_guest_route():
    wall = step(1, "goto", "/account", navigated=True, sig=signals(password_fields=1, login_wording="Please log in to report"))
    assert kinds(wall) == {"login_wall": True}
    guest = step(1, "goto", "/account", navigated=True, sig=signals(password_fields=1, guest_route=True))
    assert kinds(guest) == {"login_wall": False}
    header_link = step(1, "goto", "/form", navigated=True, sig=signals(route={"fields": 3}))
    assert kinds(header_link) == {}


def test_captcha_is_reported_but_not_blocking():
    s = step(1, "goto", "/contact", navigated=True, sig=signals(captcha=[".g-recaptcha"], route={"fields": 2}))
    assert kinds(s) == {"captcha": False}


def test_http_errors_broken_links_and_soft_404():
    assert kinds(step(0, "goto", "/x", navigated=True, http_status=500)) == {"http_error": True}
    assert kinds(step(0, "goto", "/x", navigated=True, http_status=404)) == {"http_error": True}
    assert kinds(step(3, "click", "/x", navigated=True, http_status=404)) == {"broken_link": True}
    assert kinds(step(3, "click", "/x", navigated=True, sig=signals(not_found=True))) == {"broken_link": True}


def test_session_expired_and_timeout():
    assert kinds(step(4, "click", "/x", sig=signals(session_expired="Your session has timed out"))) == {"session_expired": True}
    nav = step(4, "click", "/x", status="failed", error="page.goto: Timeout 30000ms exceeded. navigating to ...",
               sig=signals(route={"fields": 1}))
    assert kinds(nav) == {"timeout": True}
    locator = step(4, "click", "/x", status="failed", error="Timeout 5000ms exceeded waiting for get_by_role('button')",
                   sig=signals(route={"fields": 1}))
    assert kinds(locator) == {"timeout": False}


def test_no_way_forward_only_on_failed_bare_page():
    bare = step(4, "click", "/x", status="failed", error="no button named Continue", sig=signals(links_in_main=1))
    assert kinds(bare) == {"no_way_forward": True}
    assert kinds({**bare, "status": "ok"}) == {}


def test_offsite_handoff_from_referrer():
    s = step(2, "click", "/pay", navigated=True, sig=signals(referrer="https://other.example/", route={"fields": 3}))
    assert kinds(s) == {"offsite_handoff": False}


def test_detect_dead_ends_never_raises_on_missing_artifacts():
    assert detect_dead_ends({"index": 0, "url": "http://x/", "artifacts": {"dead_end_signals": {"error": "boom"}}}) == []
    assert detect_dead_ends({}) == []


def test_good_journey_has_no_dead_ends():
    assert journey_dead_ends(govuk_journey()) == []


def test_blocking_dead_end_the_journey_got_past_is_downgraded():
    j = journey([
        step(0, "goto", "/login", navigated=True, sig=signals(password_fields=1, login_wording="Please log in")),
        step(1, "click", "/form", navigated=True, clicks=1, fields=[field("a")]),
    ])
    found = journey_dead_ends(j)
    assert [(d["kind"], d["blocking"]) for d in found] == [("login_wall", False)]


def test_pdf_journey_ends_in_blocking_dead_end():
    assert [(d["kind"], d["blocking"], d["step"]) for d in journey_dead_ends(pdf_journey())] == [("pdf_form", True, 1)]


def test_validation_loop_same_errors_after_correct_answer():
    err = summary(["postcode"])
    j = journey([
        step(0, "goto", "/f", navigated=True, fields=[field("postcode")]),
        step(1, "click", "/f", fields=[field("postcode")], validation=True, error_summary=err),
        step(2, "fill", "/f", fields=[field("postcode", value_present=True)]),
        step(3, "click", "/f", fields=[field("postcode", value_present=True)], error_summary=err, status="failed"),
    ])
    loops = [d for d in journey_dead_ends(j) if d["kind"] == "validation_loop"]
    assert [(d["step"], d["blocking"]) for d in loops] == [(3, True)]


def test_journey_error_timeout_becomes_dead_end():
    j = journey([step(0, "goto", "/f", navigated=True, fields=[field("a")])],
                error={"step": 0, "message": "Timeout 30000ms exceeded", "screenshot": "screens/j/00.jpg"})
    assert [d["kind"] for d in journey_dead_ends(j)] == ["timeout"]


def test_vague_click_here_link_counts_as_an_online_route_only_in_an_online_sentence():
    from journey_audit.audits.detectors.signals import _goes_online

    assert _goes_online({"text": "click here", "context": "To report a pothole online please click here."})
    assert _goes_online({"text": "Apply online", "context": ""})
    assert not _goes_online({"text": "click here", "context": "For our privacy notice click here."})
    assert not _goes_online({"text": "Council tax", "context": "Pay your council tax online"})


def test_outcome_is_judged_from_dead_ends_so_rescore_agrees_with_a_fresh_run():
    from journey_audit.pipeline import assess_journey

    stored = pdf_journey()  # a run recorded as "completed" next to a blocking PDF-only dead end
    stored["outcome"], stored["outcome_reason"] = "completed", None
    judged = assess_journey(stored)
    assert judged["outcome"] == "dead_end" and judged["outcome_reason"]["kind"] == "pdf_form"
    assert assess_journey(judged)["outcome"] == "dead_end"  # judging again changes nothing

    fixed = govuk_journey()  # a dead end that an improved rule no longer sees: completed again
    fixed["outcome"], fixed["outcome_reason"] = "dead_end", {"kind": "phone_only", "step": 0}
    assert assess_journey(fixed)["outcome"] == "completed"
    broken = govuk_journey()
    broken["outcome"], broken["error"] = "broken", {"step": 1, "message": "x"}
    assert assess_journey(broken)["outcome"] == "broken"
