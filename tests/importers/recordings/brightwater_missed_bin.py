# Written in the shape `playwright codegen --target python` records (Playwright 1.4x): the demo Brightwater
# "report a missed bin" journey, done by hand. Note the click codegen records before each typed field.
import re
from playwright.sync_api import Playwright, sync_playwright, expect


def run(playwright: Playwright) -> None:
    browser = playwright.chromium.launch(headless=False)
    context = browser.new_context()
    page = context.new_page()
    page.goto("http://127.0.0.1:8801/bins/report-a-missed-bin-collection")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Address line 1").click()
    page.get_by_label("Address line 1").fill("1 Fictional Street")
    page.get_by_label("Town or city").click()
    page.get_by_label("Town or city").fill("Testville")
    page.get_by_label("Postcode").click()
    page.get_by_label("Postcode").fill("ZZ99 9ZZ")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("group", name="Which bin was missed?").get_by_label("Recycling (blue bin)").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Yes").check()
    page.get_by_role("button", name="Continue").click()
    page.get_by_label("Full name").click()
    page.get_by_label("Full name").fill("Alex Testperson")
    page.get_by_label("Email address").click()
    page.get_by_label("Email address").fill("alex.testperson@example.invalid")
    page.get_by_role("button", name="Continue").click()
    expect(page.get_by_text("Check your answers")).to_be_visible()
    page.get_by_role("button", name="Send report").click()
    expect(page.get_by_text("Missed collection reported")).to_be_visible()

    # ---------------------
    context.close()
    browser.close()


with sync_playwright() as playwright:
    run(playwright)
