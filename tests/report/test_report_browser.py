"""The HTML report in real headless Chromium, opened from disk: order, screenshots, safety, a11y, phone.

Screenshots of the overview and a journey at desktop and phone width go to test-artifacts/report/.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from report_fixtures import ARTIFACTS, good, legacy, write_run

from journey_audit.reports.html import write_report

MUDFORD = "#j-mudford--report-pothole"
PHONE = {"width": 375, "height": 667}


@pytest.fixture
def report(make_run, jpegs) -> Path:
    """The standard run plus two earlier runs, so the trends chart is drawn too."""
    folder = make_run()
    for n, index in enumerate((45, 30)):
        write_run(folder.parent, f"2026112{n + 1}-140000", [good(index=index), legacy()], jpegs,
                  started_at=f"2026-11-2{n + 1}T14:00:00+00:00")
    return write_report(folder)


class Watch:
    """Everything that would show a script ran or the page reached out: dialogs, console, requests."""

    def __init__(self, page):
        self.dialogs: list[str] = []
        self.console: list[str] = []
        self.requests: list[str] = []
        page.on("dialog", lambda d: (self.dialogs.append(d.message), d.dismiss()))
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        page.on("request", lambda r: self.requests.append(r.url))

    def assert_quiet(self):
        assert self.dialogs == []
        assert self.console == [], "no CSP violations, no errors"
        assert all(u.startswith(("file:", "data:")) for u in self.requests), self.requests


def shoot(target, name: str, full_page: bool = False) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    kwargs = {"full_page": True} if full_page else {}
    target.screenshot(path=str(ARTIFACTS / name), **kwargs)


def test_league_tables_journeys_and_screens_at_desktop(page, report):
    watch = Watch(page)
    page.goto(report.as_uri())
    councils = page.locator("#t-report-pothole table.league tbody th.council a").all_inner_texts()
    assert councils == ["Brightwater Borough Council", "Mudford District Council", "Stonyfield City Council",
                        "Fenwick Town Council"]
    broken_images = page.evaluate("[...document.images].filter(i => !i.complete || !i.naturalWidth).length")
    assert broken_images == 0 and page.evaluate("document.images.length") > 15
    mudford = page.locator(MUDFORD)
    assert mudford.locator(".filmstrip img").count() == 4
    assert mudford.locator(".finding").count() == 3
    assert "input[name=q7]" in mudford.locator(".finding").nth(0).inner_text()
    assert mudford.locator(".fixes li").first.inner_text().endswith(" Split the form: one question per page.")
    assert mudford.locator(".compare").get_by_role("link", name="Brightwater Borough Council").is_visible()
    stony = page.locator("#j-stonyfield--report-pothole")
    assert "Download the form, print it and post it to us." in stony.locator(".deadend").first.inner_text()
    fenwick = page.locator("#j-fenwick--report-pothole")
    assert "no button or link named 'Start now'" in fenwick.locator(".callout").inner_text()
    assert page.locator("#trends svg.chart polyline").count() == 2
    shoot(page, "overview-desktop.png", full_page=False)
    page.locator("#overview").screenshot(path=str(ARTIFACTS / "overview-desktop-full.png"))
    shoot(mudford, "journey-desktop.png")
    shoot(page.locator("#trends"), "trends-desktop.png")
    watch.assert_quiet()


def test_phone_width_has_no_horizontal_overflow(page, report):
    page.set_viewport_size(PHONE)
    page.goto(report.as_uri())
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    shoot(page.locator("#overview"), "overview-phone.png")
    page.goto(report.as_uri() + MUDFORD)
    assert page.evaluate("document.scrollingElement.scrollWidth") <= 375
    shoot(page.locator(MUDFORD), "journey-phone.png")


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_axe_finds_no_violations_in_the_report(page, report, viewport):
    if viewport:
        page.set_viewport_size(viewport)
    page.goto(report.as_uri())
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_hostile_site_strings_run_no_script(page, run_folder, tmp_path):
    for report in (write_report(run_folder), write_report(run_folder, out=tmp_path / "embedded.html")):
        watch = Watch(page)
        page.goto(report.as_uri())
        evil = page.locator("#j-evil--report-missed-bin")
        evil.locator("summary").first.click()  # open a screenshot; hover and click the hostile bits
        page.keyboard.press("Escape")
        evil.locator(".target").first.hover()
        assert page.evaluate("typeof window.__pwned") == "undefined"
        assert page.evaluate("document.scripts.length") == 1
        injected = "img[src='x'], iframe, [onerror], [onload], [onmouseover], b, svg[onload]"
        assert page.locator(injected).count() == 0
        hrefs = page.eval_on_selector_all("a[href]", "as => as.map(a => a.getAttribute('href'))")
        assert all(h.startswith(("#", "http://", "https://", "screens/")) for h in hrefs), hrefs
        text = evil.inner_text()
        assert "<script>window.__pwned='title'</script>" in text and "javascript:window.__pwned='url'" in text
        assert "Evil <script>" in page.locator("#t-report-missed-bin").inner_text()
        csp = page.get_attribute("meta[http-equiv='Content-Security-Policy']", "content")
        assert "default-src 'none'" in csp
        watch.assert_quiet()
    shoot(evil, "journey-hostile-desktop.png")


def test_screenshot_enlarges_without_javascript(browser, report):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    page.goto(report.as_uri())
    page.get_by_role("link", name="Mudford District Council").first.click()
    assert page.url.endswith(MUDFORD)
    thumb = page.locator(f"{MUDFORD} .filmstrip summary").first
    assert thumb.locator("img").bounding_box()["width"] < 200
    thumb.click()
    assert thumb.locator("img").bounding_box()["width"] > 600, "enlarged to fill the window"
    shoot(page, "screenshot-enlarged.png")
    thumb.click()
    assert thumb.locator("img").bounding_box()["width"] < 200
    context.close()


def test_print_hides_navigation_and_starts_journeys_on_new_pages(page, report):
    page.goto(report.as_uri())
    page.emulate_media(media="print")
    assert page.locator("nav.toc").is_hidden()
    assert page.evaluate(f"getComputedStyle(document.querySelector('{MUDFORD}')).breakBefore") == "page"
    page.set_viewport_size({"width": 688, "height": 1000})  # A4 less the 14 mm margins, at 96 dpi
    shoot(page.locator("#overview"), "overview-print.png")
    pdf = page.pdf(format="A4")
    (ARTIFACTS / "report.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF")
