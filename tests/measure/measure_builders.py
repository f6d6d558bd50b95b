"""Hand-made step records and artifacts for browser-free audit and scoring tests."""

from __future__ import annotations

import copy

BASE = "https://council.example"


def field(name: str, **kw) -> dict:
    """A visible, labelled text field unless told otherwise."""
    out = {
        "tag": "input", "type": "text", "name": name, "id": name, "form": 0, "form_action": "",
        "in_search_form": False, "visible": True, "label": name.replace("_", " ").title(), "aria_label": "",
        "title": "", "placeholder": "", "accessible_name": name.replace("_", " ").title(), "labelled": True,
        "placeholder_only": False, "legend": "", "nearby_text": "", "required": False, "asterisk": False,
        "optional_marker": False, "autocomplete": "", "aria_invalid": False, "aria_describedby": False,
        "native_invalid": False, "value_present": False, "value_length": 0, "error_message": "",
        "error_linked": False, "in_main": True,
    }
    out.update(kw)
    if kw.get("labelled") is False:
        out.update(label="", accessible_name=kw.get("placeholder", ""))
    return out


def summary(links: list[str] | None = None, focused: bool = True) -> dict:
    links = links or []
    return {"present": True, "title": "There is a problem", "focused": focused, "role_alert": True,
            "links": [{"text": f"Enter {n}", "href": f"#{n}", "to_field": True} for n in links],
            "items": [f"Enter {n}" for n in links]}


NO_SUMMARY = {"present": False, "title": "", "links": [], "items": [], "focused": False, "role_alert": False}


def signals(**kw) -> dict:
    out = {"document_links": [], "tel_links": [], "mailto_links": [], "offsite_links": 0, "links_total": 5,
           "links_in_main": 1, "phones_main": [], "phones_elsewhere": [], "emails_main": [], "captcha": [],
           "password_fields": 0, "login_forms": 0, "login_wording": "", "guest_route": False,
           "session_expired": "", "not_found": False, "server_error": False, "referrer": "",
           "online_route": {"fields": 0, "start_buttons": [], "submit_buttons": [], "online_links": []}}
    route = kw.pop("route", {})
    out.update(kw)
    out["online_route"] = {**out["online_route"], **route}
    return out


# The tags axe-core 4.x gives these rules (best-practice rules carry no WCAG tag).
AXE_TAGS = {"region": ["best-practice"], "landmark-one-main": ["best-practice"], "label-title-only": ["best-practice"],
            "heading-order": ["best-practice"], "label": ["wcag2a", "wcag412", "wcag131"],
            "color-contrast": ["wcag2aa", "wcag143"], "html-has-lang": ["wcag2a", "wcag311"],
            "button-name": ["wcag2a", "wcag412"], "image-alt": ["wcag2a", "wcag111"]}


def axe(violations: list[tuple] = (), incomplete: list[tuple] = ()) -> dict:
    """violations as (rule id, impact, [targets]); tags as axe-core gives them."""
    def rules(items):
        return [{"id": r, "impact": imp, "help": f"{r} help", "help_url": "", "tags": AXE_TAGS.get(r, ["wcag2a"]), "nodes": len(t),
                 "targets": list(t), "html": [f"<x {r}>"]} for r, imp, t in items]
    return {"cut": False, "version": "4.12.1", "duration_ms": 50, "violations": rules(violations), "incomplete": rules(incomplete)}


def step(index: int, action: str, path: str, *, navigated: bool = False, fields: list[dict] | None = None,
         error_summary: dict | None = None, title: str = "Page", h1: str = "", text: str = "", buttons: list[str] = (),
         sig: dict | None = None, axe_result: dict | None = None, status: str = "ok", http_status: int | None = 200,
         chars: int = 0, clicks: int = 0, filled: int = 0, validation: bool = False, wait_ms: float = 100.0,
         error: str | None = None, questions: int | None = None, panel: bool = False, error_messages: list[str] = ()) -> dict:
    fields = copy.deepcopy(fields or [])
    url = BASE + path
    for f in fields:
        f["form_action"] = f["form_action"] or url
    qs = questions if questions is not None else len({f.get("legend") or f["name"] for f in fields})
    return {
        "index": index, "action": action, "target": path, "line": index + 1 if index else None, "status": status,
        "url": url, "title": title, "http_status": http_status, "navigated": navigated,
        "started_at": "2026-11-25T14:00:00+00:00", "duration_ms": 200.0, "wait_ms": wait_ms,
        "chars_typed": chars, "clicks": clicks, "fields_filled": filled, "validation_check": validation,
        "screenshot": f"screens/j/{index:02d}.jpg", "error": error,
        "artifacts": {
            "page": {"url": url, "title": title, "lang": "en", "h1": h1, "h1_count": 1, "headings": [], "has_main": True,
                     "skip_link": True, "referrer": "", "markers": [], "focus": "body", "horizontal_overflow": False,
                     "confirmation_panel": panel},
            "forms": {"forms": [], "fields": fields, "fields_total_in_dom": len(fields), "questions": qs,
                      "error_summary": error_summary or NO_SUMMARY, "error_messages": list(error_messages),
                      "buttons": [{"text": b} for b in buttons]},
            "dead_end_signals": sig or signals(route={"fields": len(fields), "submit_buttons": list(buttons)}),
            "content": {"main_text": text, "truncated": False, "words": len(text.split()), "h1": h1, "headings": [],
                        "buttons": list(buttons), "confirmation_panel": panel, "reference": "", "next_steps": ""},
            "axe": axe_result if axe_result is not None else axe(),
        },
    }


def journey(steps: list[dict], **kw) -> dict:
    out = {"schema_version": 1, "council": "Test Council", "council_id": "test", "task": "report-pothole",
           "journey_path": "journeys/test/report-pothole.yaml", "start_url": steps[0]["url"], "outcome": "completed",
           "stopped_before_submit": True, "submitted": False, "error": None, "started_at": "2026-11-25T14:00:00+00:00",
           "duration_s": 4.2, "viewport": {"width": 1280, "height": 800}, "steps": steps}
    out.update(kw)
    return out


START_TEXT = ("Use this service to report a pothole on a road or pavement.\nIt takes about 5 minutes.\n"
              "You can also phone us on 01632 960 001 if you cannot use the online service.")
DONE_TEXT = ("Report received\nYour reference number is HDJ2123F\nWe have sent you a confirmation email.\n"
             "What happens next\nWe will inspect the pothole within 5 working days.")


def govuk_journey() -> dict:
    """7 screens, one question per page, 5 fields, GOV.UK error handling, a couple of minor axe issues."""
    pc = field("postcode", autocomplete="postal-code", label="What is the postcode?")
    pc_err = field("postcode", autocomplete="postal-code", error_message="Error: Enter the postcode", error_linked=True)
    pc_val = field("postcode", autocomplete="postal-code", value_present=True, value_length=8)
    where = [field("where", type="radio", legend="Where is the pothole?", label="In the road"),
             field("where", type="radio", id="where-2", legend="Where is the pothole?", label="On the pavement")]
    contact = [field("full_name", autocomplete="name", label="Full name"),
               field("email", type="email", autocomplete="email", label="Email address"),
               field("phone", type="tel", autocomplete="tel", label="Phone number (optional)", optional_marker=True)]
    minor = axe([("region", "moderate", ["footer p"])])
    return journey([
        step(0, "goto", "/pothole", navigated=True, text=START_TEXT, buttons=["Start now"], axe_result=minor,
             sig=signals(phones_main=["01632 960 001"], route={"start_buttons": ["Start now"]})),
        step(1, "click", "/pothole/postcode", navigated=True, fields=[pc], buttons=["Continue"], clicks=1, axe_result=minor),
        step(2, "click", "/pothole/postcode", fields=[pc_err], buttons=["Continue"], clicks=1, validation=True,
             title="Error: What is the postcode?", error_summary=summary(["postcode"])),
        step(3, "fill", "/pothole/postcode", fields=[pc_val], buttons=["Continue"], chars=8, filled=1),
        step(4, "click", "/pothole/where", navigated=True, fields=where, buttons=["Continue"], clicks=1),
        step(5, "choose", "/pothole/where", fields=where, buttons=["Continue"], clicks=1, filled=1),
        step(6, "click", "/pothole/details", navigated=True, fields=[field("details", tag="textarea", type="textarea")],
             buttons=["Continue"], clicks=1),
        step(7, "fill", "/pothole/details", fields=[field("details", type="textarea", value_present=True)], chars=40, filled=1),
        step(8, "click", "/pothole/contact", navigated=True, fields=contact, buttons=["Continue"], clicks=1),
        step(9, "fill", "/pothole/contact", fields=contact, chars=14, filled=1),
        step(10, "fill", "/pothole/contact", fields=contact, chars=24, filled=1),
        step(11, "click", "/pothole/check", navigated=True, buttons=["Send report"], clicks=1,
             text="Check your answers before sending your report."),
        step(12, "click", "/pothole/done", navigated=True, clicks=1, h1="Report received", panel=True, text=DONE_TEXT),
    ], stopped_before_submit=False, submitted=True)


def legacy_fields(filled: bool) -> list[dict]:
    """22 fields: 5 unlabelled, 2 placeholder-only, asterisks, no autocomplete."""
    out = []
    for name in ["txtForename", "txtSurname", "txtAddr1", "txtTown", "txtPostCode"]:
        out.append(field(name, labelled=False, nearby_text=f"{name} *", asterisk=True, value_present=filled, id=""))
    out += [field("txtAddr2", labelled=False, placeholder="Address line 2", placeholder_only=True, id="", value_present=filled),
            field("txtAddr3", labelled=False, placeholder="Address line 3", placeholder_only=True, id="")]
    for name in ["txtEmail", "txtEmail2", "txtTel", "txtMobile", "txtDOB", "txtUPRN", "txtDesc", "txtLocation",
                 "txtDate", "ddlHear", "ddlItems", "txtRef2", "txtNotes", "chkTerms", "txtCaptcha"]:
        out.append(field(name, label=f"{name} *", asterisk=True, value_present=filled and name != "txtCaptcha"))
    return out


def legacy_journey() -> dict:
    """One long form: 22 fields, captcha, errors clear the form, low contrast, 'Submit'."""
    bad_axe = axe([("label", "critical", ["#a", "#b", "#c", "#d", "#e"]), ("color-contrast", "serious", ["p.lite", "span.lite", "td.x"]),
                   ("html-has-lang", "serious", ["html"]), ("region", "moderate", ["table"])])
    text = ("Section 1 - Applicant Details. All fields marked with an asterisk are mandatory and must be completed before "
            "submission of the application can be processed by the relevant department. Applicants should ensure "
            "that the information provided is accurate, as inaccuracies may result in the rejection of the application.")
    cap = signals(captcha=[".captcha img", "wording"], route={"fields": 22, "submit_buttons": ["Submit"]})
    steps = [step(0, "goto", "/forms/bulky.aspx", navigated=True, fields=legacy_fields(False), buttons=["Submit"],
                  text=text, axe_result=bad_axe, sig=cap)]
    for i in range(1, 21):
        steps.append(step(i, "fill", "/forms/bulky.aspx", fields=legacy_fields(True), buttons=["Submit"], text=text,
                          chars=12, filled=1, axe_result=bad_axe, sig=cap))
    steps.append(step(21, "click", "/forms/bulky.aspx", fields=legacy_fields(False), buttons=["Submit"], text=text,
                      clicks=1, validation=True, axe_result=bad_axe, sig=cap,
                      error_messages=["Error! Please complete all mandatory fields and try again."]))
    return journey(steps)


def pdf_journey() -> dict:
    """A landing page whose only route is a PDF application form."""
    pdf = signals(document_links=[{"text": "Dropped kerb application form", "href": BASE + "/download?id=1", "kind": "pdf", "in_main": True}],
                  phones_elsewhere=["01632 960 000"])
    text = "A dropped kerb lets you drive over the pavement.\nDownload the application form, fill it in and post it to Highways."
    return journey([
        step(0, "goto", "/roads", navigated=True, text="Roads and pavements in the borough, and how we look after them.",
             sig=signals(route={"online_links": []}, links_in_main=6)),
        step(1, "click", "/roads/dropped-kerbs", navigated=True, clicks=1, text=text, sig=pdf),
    ], outcome="dead_end", stopped_before_submit=False)
