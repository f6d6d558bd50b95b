"""Stonyfield City Council: a tidy-looking site whose tasks all end in dead ends.

- report-pothole: only a PDF form to print and post.
- apply-parking-permit: phone only, no online form.
- report-missed-bin: the "Report a missed bin collection" link is broken (404).
- book-bulky-waste: page 1 sets its session cookie with a typo'd path (``/bulky_waste``), so the browser
  never sends it back and page 2 always says the session has timed out.
- "Check your bin collection day" returns HTTP 500.
- "Subscribe to garden waste collections" hangs: the (pretend) third-party platform behind it never
  answers within a browser's patience (it answers after SLOW_PAGE_SECONDS, so servers still stop cleanly).
"""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable

from flask import Flask, abort, make_response, redirect, render_template, request, send_from_directory
from werkzeug.wrappers import Response

from journey_audit.demo.common import FILES_DIR, is_email, is_postcode

BOOKING_COOKIE = "SCC_FORMSESSION"
BOOKING_COOKIE_PATH = "/bulky_waste"  # the bug: the form lives under /bulky-waste
PDF_NAME = "pothole-report-form.pdf"
SLOW_PAGE_SECONDS = 8.0

INFO_PAGES = {
    "/roads-and-transport": "roads",
    "/roads-and-transport/potholes": "potholes",
    "/parking": "parking",
    "/parking/residents-parking-permits": "permits",
    "/bins-and-recycling": "bins",
    "/bins-and-recycling/bulky-waste": "bulky",
    "/contact-us": "contact",
}


def register(app: Flask, record: Callable[[str], int]) -> None:
    bookings: dict[str, dict[str, str]] = {}  # booking cookie value -> page 1 answers

    @app.route("/")
    def home() -> str:
        return render_template("stonyfield/home.html")

    for path, name in INFO_PAGES.items():
        app.add_url_rule(path, name, lambda name=name: render_template(f"stonyfield/{name}.html"))

    @app.route(f"/documents/{PDF_NAME}")
    def pothole_pdf() -> Response:
        return send_from_directory(FILES_DIR, PDF_NAME, mimetype="application/pdf")

    @app.route("/bins-and-recycling/bin-collection-day")
    def collection_day() -> str:
        abort(500)  # the address lookup behind this page is "down"

    @app.route("/bins-and-recycling/garden-waste")
    def garden_waste() -> str:
        time.sleep(SLOW_PAGE_SECONDS)
        return render_template("stonyfield/message.html", heading="Garden waste", text="Sorry, this service is busy.")

    @app.route("/bulky-waste/book", methods=["GET", "POST"])
    def booking_start() -> str | Response:
        values: dict[str, str] = {}
        errors: list[str] = []
        if request.method == "POST":
            values = {k: request.form.get(k, "").strip() for k in ("postcode", "address", "phone", "email")}
            if not is_postcode(values["postcode"]):
                errors.append("Please enter a valid postcode")
            if not values["address"]:
                errors.append("Please enter your house number and street")
            if not is_email(values["email"]):
                errors.append("Please enter a valid email address")
            if not errors:
                token = secrets.token_urlsafe(16)
                bookings[token] = values
                response = make_response(redirect("/bulky-waste/book/items"))
                response.set_cookie(BOOKING_COOKIE, token, path=BOOKING_COOKIE_PATH, httponly=True, samesite="Lax")
                return response
        return render_template("stonyfield/bulky_step1.html", values=values, errors=errors)

    def booking() -> dict[str, str] | None:
        return bookings.get(request.cookies.get(BOOKING_COOKIE, ""))

    @app.route("/bulky-waste/book/items")
    def booking_items() -> str:
        if booking() is None:
            return render_template("stonyfield/timeout.html")
        return render_template("stonyfield/bulky_step2.html")

    @app.route("/bulky-waste/book/confirm", methods=["POST"])
    def booking_confirm() -> str:
        # Unreachable in a browser (the cookie never comes back); kept so the bug is only the cookie path.
        if booking() is None:
            return render_template("stonyfield/timeout.html")
        reference = f"SCC-BW-{record('book-bulky-waste')}"
        return render_template("stonyfield/message.html", heading="Booking confirmed",
                               text=f"Your reference is {reference}. We will email you the collection date.")

    @app.errorhandler(404)
    def not_found(_error: Exception) -> tuple[str, int]:
        return render_template("stonyfield/message.html", heading="Page not found",
                               text="Sorry, we can't find the page you were looking for. It may have moved or no longer exist."), 404

    @app.errorhandler(500)
    def server_error(_error: Exception) -> tuple[str, int]:
        return render_template("stonyfield/message.html", heading="Sorry, something went wrong",
                               text="There is a problem with this service. Please try again later."), 500
