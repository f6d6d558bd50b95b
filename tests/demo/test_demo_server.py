"""The demo councils are the product demo and every e2e fixture: check they behave as documented."""

from __future__ import annotations

import http.cookiejar
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

from journey_audit.demo.common import TASKS
from journey_audit.demo.mudford_forms import CAPTCHA_ANSWER, FORMS_BY_TASK
from journey_audit.demo.server import COUNCILS, DEFAULT_PORTS, DemoCouncils

JOURNEYS = Path(__file__).resolve().parents[2] / "journey_audit" / "demo" / "journeys"
PERSONA = yaml.safe_load((JOURNEYS.parents[1] / "personas.yaml").read_text(encoding="utf-8"))["default"]


class Browser:
    """A urllib client with cookies: just enough of a browser for server-side flows."""

    def __init__(self, base_url: str) -> None:
        self.base_url = base_url
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, path: str, data: dict[str, str] | None = None) -> tuple[int, str, str]:
        """(status, content type, body text) after redirects."""
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base_url + path, data=body, timeout=10) as resp:
                raw, status, ctype = resp.read(), resp.status, resp.headers.get("Content-Type", "")
        except urllib.error.HTTPError as err:
            raw, status, ctype = err.read(), err.code, err.headers.get("Content-Type", "")
        text = raw.decode("utf-8") if ctype.startswith("text/") else raw.decode("latin-1")
        return status, ctype, text


@pytest.fixture(scope="module")
def demo() -> Iterator[DemoCouncils]:
    with DemoCouncils() as councils:
        yield councils


@pytest.fixture()
def fresh(demo: DemoCouncils) -> DemoCouncils:
    demo.reset_submissions()
    return demo


def journey(council_id: str, task: str) -> dict:
    return yaml.safe_load((JOURNEYS / council_id / f"{task}.yaml").read_text(encoding="utf-8"))


ALL_PAIRS = [(c.council_id, t) for c in COUNCILS for t in TASKS]


def test_councils_listen_on_separate_free_ports(demo: DemoCouncils) -> None:
    ports = {urllib.parse.urlsplit(url).port for url in demo.base_urls.values()}
    assert set(demo.base_urls) == {c.council_id for c in COUNCILS}
    assert len(ports) == 3 and not ports & set(DEFAULT_PORTS.values())


@pytest.mark.parametrize("council_id", [c.council_id for c in COUNCILS])
def test_home_page_links_to_its_services(demo: DemoCouncils, council_id: str) -> None:
    status, _, html = Browser(demo.base_urls[council_id]).request("/")
    assert status == 200
    for task in TASKS:
        first = journey(council_id, task)["start"]
        if first != "/":
            section = "/" + first.strip("/").split("/")[0]
            assert f'href="{section}' in html, f"{council_id} home does not link towards {first}"


@pytest.mark.parametrize(("council_id", "task"), ALL_PAIRS)
def test_every_journey_starts_on_a_real_page_of_the_right_council(
    demo: DemoCouncils, council_id: str, task: str
) -> None:
    data = journey(council_id, task)
    council = next(c for c in COUNCILS if c.council_id == council_id)
    assert (data["council"], data["council_id"], data["task"]) == (council.name, council_id, task)
    assert data["base_url"] == f"http://127.0.0.1:{council.default_port}"
    assert data["persona"] == "default"
    status, _, _ = Browser(demo.base_urls[council_id]).request(data["start"])
    assert status == 200
    finals = [s for s in data["steps"] if isinstance(next(iter(s.values())), dict) and next(iter(s.values())).get("final")]
    if council.quality == "dead-ends":
        assert finals == []
    else:
        assert len(finals) == 1 and "expect" in data["steps"][-1]


def test_journey_placeholders_are_persona_fields() -> None:
    used = set()
    for path in JOURNEYS.rglob("*.yaml"):
        used |= set(re.findall(r"\{persona\.(\w+)\}", path.read_text(encoding="utf-8")))
    assert used and used <= set(PERSONA)
    assert PERSONA["email"].endswith("@example.invalid") and PERSONA["postcode"].startswith("ZZ99")


def test_stonyfield_dead_ends(demo: DemoCouncils) -> None:
    site = Browser(demo.base_urls["stonyfield"])
    _, _, potholes = site.request("/roads-and-transport/potholes")
    pdf_href = re.search(r'href="([^"]+\.pdf)">Download the pothole report form \(PDF, 120KB\)', potholes).group(1)
    status, ctype, pdf = site.request(pdf_href)
    assert (status, ctype) == (200, "application/pdf") and pdf.startswith("%PDF-") and "%%EOF" in pdf

    _, _, permits = site.request("/parking/residents-parking-permits")
    assert "01632 960 455" in permits and "<form" not in permits.split("<main", 1)[1]

    _, _, bins = site.request("/bins-and-recycling")
    missed = re.search(r'href="([^"]+)">Report a missed bin collection', bins).group(1)
    assert site.request(missed)[0] == 404
    day = re.search(r'href="([^"]+)">Check your bin collection day', bins).group(1)
    status, _, page = site.request(day)
    assert status == 500 and "Sorry, something went wrong" in page


def test_stonyfield_bulky_waste_session_cookie_never_comes_back(fresh: DemoCouncils) -> None:
    site = Browser(fresh.base_urls["stonyfield"])
    form = {"postcode": PERSONA["postcode"], "address": PERSONA["address_line1"], "email": PERSONA["email"]}
    status, _, page = site.request("/bulky-waste/book", form)
    assert status == 200 and "Sorry, your session has timed out. Please start again." in page
    # Page 1 still validates, so the timeout is not just "every POST fails".
    assert "Please enter a valid postcode" in site.request("/bulky-waste/book", {**form, "postcode": "nope"})[2]
    assert fresh.submissions("stonyfield") == 0


def _bw_pothole_answers() -> list[tuple[str, dict[str, str]]]:
    return [
        ("where", {"where": "In the road"}),
        ("street", {"street": PERSONA["address_line1"]}),
        ("size", {"size": "Larger than a dinner plate"}),
        ("photo", {}),
        ("description", {"description": PERSONA["description"]}),
        ("contact-details", {"full-name": PERSONA["name"], "email": PERSONA["email"]}),
    ]


def test_brightwater_counts_only_the_final_post(fresh: DemoCouncils) -> None:
    site = Browser(fresh.base_urls["brightwater"])
    base = "/roads/report-a-pothole"
    status, _, page = site.request(f"{base}/street", {"street": ""})
    assert status == 200 and "<title>Error: " in page and "There is a problem" in page
    assert 'href="#street"' in page and 'aria-invalid="true"' in page
    for slug, answers in _bw_pothole_answers():
        status, _, page = site.request(f"{base}/{slug}", answers)
        assert status == 200 and "There is a problem" not in page, slug
    assert "Check your answers before sending" in page and PERSONA["address_line1"] in page
    assert fresh.submissions() == 0  # every continue so far was not a submission

    status, _, page = site.request(f"{base}/check-your-answers", {})
    assert status == 200 and "Report received" in page and re.search(r"BW-PH-\d+", page)
    assert fresh.submissions("brightwater", "report-pothole") == 1
    assert fresh.submissions("brightwater", "book-bulky-waste") == 0 and fresh.submissions("mudford") == 0
    # The answers are gone, so a replayed POST cannot file a second report.
    site.request(f"{base}/check-your-answers", {})
    assert fresh.submissions() == 1
    fresh.reset_submissions()
    assert fresh.submissions() == 0


def test_brightwater_keeps_values_on_error(fresh: DemoCouncils) -> None:
    site = Browser(fresh.base_urls["brightwater"])
    _, _, page = site.request("/bins/report-a-missed-bin-collection/address",
                              {"address-line-1": PERSONA["address_line1"], "town": "", "postcode": "ZZ999ZZ"})
    assert f'value="{PERSONA["address_line1"]}"' in page and 'href="#town"' in page
    assert 'href="#postcode"' not in page  # postcodes without the space are accepted


def _mudford_answers(task: str) -> dict[str, str]:
    answers = {}
    for f in FORMS_BY_TASK[task].fields:
        if f.kind == "select" and f.required:
            answers[f.name] = f.options[0]
        elif f.required:
            answers[f.name] = {"postcode": PERSONA["postcode"], "email": PERSONA["email"],
                               "email2": PERSONA["email"], "captcha": CAPTCHA_ANSWER,
                               "declare": "yes"}.get(f.name, "01/01/2026" if f.check == "date" else "x")
    return answers | ({"n_mattress": "1"} if task == "book-bulky-waste" else {})


def test_mudford_rejects_and_clears_then_counts_a_good_submit(fresh: DemoCouncils) -> None:
    site = Browser(fresh.base_urls["mudford"])
    path = FORMS_BY_TASK["report-pothole"].path
    _, _, form = site.request(path)
    assert len(re.findall(r"<(?:input|select|textarea)(?![^>]*type=\"(?:submit|reset)\")", form)) >= 20
    answers = _mudford_answers("report-pothole")
    status, _, page = site.request(path, {**answers, "email2": ""})
    assert status == 200 and "The form contains errors" in page
    assert PERSONA["postcode"] not in page  # everything typed is thrown away
    assert fresh.submissions() == 0
    _, _, page = site.request(path, answers)
    assert "Your form has been submitted successfully" in page
    assert fresh.submissions("mudford", "report-pothole") == 1


def test_mudford_permit_needs_an_account(fresh: DemoCouncils) -> None:
    site = Browser(fresh.base_urls["mudford"])
    path = FORMS_BY_TASK["apply-parking-permit"].path
    _, _, page = site.request(path, _mudford_answers("apply-parking-permit"))
    assert "You must log in or register an account to apply" in page and fresh.submissions() == 0
    account = {"reg_email": PERSONA["email"], "reg_email2": PERSONA["email"], "reg_password": PERSONA["password"],
               "reg_password2": PERSONA["password"], "reg_forename": "A", "reg_surname": "B",
               "reg_question": "Town of birth", "reg_answer": "T", "reg_terms": "yes"}
    assert "Please log in" in site.request("/account/Register.aspx", account)[2]
    assert "Please log in" in site.request("/account/Register.aspx", account)[2]  # a second run still works
    _, _, page = site.request("/account/Login.aspx", {"username": PERSONA["email"], "password": PERSONA["password"]})
    assert "My Services" in page
    _, _, page = site.request(path, _mudford_answers("apply-parking-permit"))
    assert "Your form has been submitted successfully" in page
    assert fresh.submissions("mudford", "apply-parking-permit") == 1


@pytest.mark.parametrize("task", ["report-missed-bin", "book-bulky-waste"])
def test_mudford_other_forms_complete(fresh: DemoCouncils, task: str) -> None:
    site = Browser(fresh.base_urls["mudford"])
    _, _, page = site.request(FORMS_BY_TASK[task].path, _mudford_answers(task))
    assert "Your form has been submitted successfully" in page and fresh.submissions("mudford", task) == 1


def test_degraded_mode_changes_the_markup(demo: DemoCouncils) -> None:
    with DemoCouncils(degraded=frozenset({"brightwater", "mudford", "stonyfield"})) as worse:
        def both(council_id: str, path: str) -> tuple[str, str]:
            return (Browser(demo.base_urls[council_id]).request(path)[2],
                    Browser(worse.base_urls[council_id]).request(path)[2])

        good, bad = both("brightwater", "/roads/report-a-pothole/contact-details")
        assert '<label class="govuk-label" for="phone">' in good and 'for="phone"' not in bad
        assert 'id="phone"' in bad and 'for="email"' in bad  # the journeys' fields are untouched
        assert 'alt="Brightwater' in good and 'alt="Brightwater' not in bad
        assert "#b1b4b6" in bad and "#b1b4b6" not in good.split("</head>")[0]

        good, bad = both("mudford", FORMS_BY_TASK["report-pothole"].path)
        assert 'for="hear_about"' in good and 'for="hear_about"' not in bad and 'for="forename"' in bad
        assert "#aaaaaa" in bad and "#aaaaaa" not in good

        good, bad = both("stonyfield", "/bulky-waste/book")
        assert 'for="phone"' in good and 'for="phone"' not in bad and 'for="postcode"' in bad
        good, bad = both("stonyfield", "/")
        assert 'alt="The Stonyfield skyline' in good and "alt=" not in bad.split('class="hero"', 1)[1].split(">")[0]


def test_unknown_degraded_council_is_refused() -> None:
    with pytest.raises(ValueError, match="nowhere"):
        DemoCouncils(degraded=frozenset({"nowhere"}))


def test_stop_frees_the_ports() -> None:
    councils = DemoCouncils().start()
    url = councils.base_urls["brightwater"]
    councils.stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "/", timeout=2)
