# A pytest-style codegen recording (--target python-pytest) with steps a journey cannot say.
import re
from playwright.sync_api import Page, expect


def test_example(page: Page) -> None:
    page.goto("https://www.example.gov.uk/parking")
    page.get_by_role("link", name="Apply for a permit").click()
    page.get_by_placeholder("Vehicle registration").fill("ZZ99 FKE")
    page.get_by_label("Vehicle registration").press("Enter")
    page.get_by_label("Size").select_option("large")
    page.locator("#upload").set_input_files("pothole.jpg")
    page.get_by_role("checkbox", name="I agree").check()
    with page.expect_popup() as page1_info:
        page.get_by_role("link", name="Terms").click()
    page.get_by_role("listitem").nth(2).click()
    expect(page).to_have_title(re.compile("Permit"))
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    page.get_by_role("button", name="Pay now").click()
