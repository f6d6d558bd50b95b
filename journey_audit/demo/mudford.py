"""Mudford District Council: the clunky legacy council journeys must fight through.

Long one-page forms in table layout, inputs without labels, asterisks, an image CAPTCHA, a generic
"Submit" button, validation that throws away everything typed, and an account wall before the
parking permit form. Logging in lands on "My Account", not back on the form the user wanted.

CAPTCHA: the image (``/captcha.aspx``, alt="") always shows ``CAPTCHA_ANSWER``; journeys type that
value as a sighted person would read it. The successful POST of each form is its final submission.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask, Response, redirect, render_template, request, session

from journey_audit.demo.common import is_email
from journey_audit.demo.mudford_forms import CAPTCHA_ANSWER, FORMS, LegacyForm
from journey_audit.demo.mudford_search import INDEX as SEARCH_INDEX
from journey_audit.demo.mudford_search import NEWS
from journey_audit.demo.site_search import legacy_search

_POSTCODE_STRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2}$")  # capitals and the space, or else
_DATE = re.compile(r"^\d{2}/\d{2}/\d{4}$")
_PASSWORD = re.compile(r"^(?=.*\d).{8,}$")

PAGES = {
    "/highways.aspx": "highways",
    "/parking.aspx": "parking",
    "/refuse.aspx": "refuse",
}


def _valid(form: LegacyForm, data: dict[str, str]) -> bool:
    """All-or-nothing: the legacy system never says which field was wrong."""
    for f in form.fields:
        value = data.get(f.name, "").strip()
        if f.kind == "captcha":
            if value != CAPTCHA_ANSWER:
                return False
            continue
        if f.required and not value:
            return False
        if not value or f.check is None:
            continue
        if f.check == "postcode" and not _POSTCODE_STRICT.match(value):
            return False
        if f.check == "email" and not is_email(value):
            return False
        if f.check == "date" and not _DATE.match(value):
            return False
        if f.check.startswith("same:") and value != data.get(f.check[5:], "").strip():
            return False
    if form.task == "book-bulky-waste":
        return any(data.get(k, "").strip() for k in ("n_sofa", "n_mattress", "n_fridge", "n_white", "n_other"))
    return True


def _captcha_svg() -> str:
    glyphs = "".join(
        f'<text x="{14 + i * 26}" y="{34 + (i % 2) * 6}" transform="rotate({(-14, 9, -6, 12, -10)[i]} {20 + i * 26} 30)">{ch}</text>'
        for i, ch in enumerate(CAPTCHA_ANSWER)
    )
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" width="150" height="50" viewBox="0 0 150 50">'
        '<rect width="150" height="50" fill="#d9d9c8"/>'
        '<path d="M0 30 Q40 5 75 28 T150 20" stroke="#7a7a6a" stroke-width="2" fill="none"/>'
        '<path d="M0 12 L150 40" stroke="#9a9a8a" stroke-width="1.5"/>'
        f'<g font-family="Georgia, serif" font-size="26" font-style="italic" fill="#3b3b30">{glyphs}</g></svg>'
    )


def register(app: Flask, record: Callable[[str], int]) -> None:
    accounts: dict[str, str] = {}  # email -> password; lives as long as the server

    @app.route("/")
    @app.route("/default.aspx")
    def home() -> str:
        return render_template("mudford/home.html")

    for path, name in PAGES.items():
        app.add_url_rule(path, name, lambda name=name: render_template(f"mudford/{name}.html"))

    @app.route("/search.aspx")
    def search() -> str:
        query = request.args.get("q", "").strip()
        return render_template("mudford/search.html", query=query,
                               results=legacy_search(SEARCH_INDEX, query) if query else [])

    for doc in NEWS:
        app.add_url_rule(doc.url, f"news:{doc.url}", lambda doc=doc: render_template(
            "mudford/message.html", heading=doc.title, text=f"Published {doc.date}. {doc.body}"))

    @app.route("/captcha.aspx")
    def captcha() -> Response:
        return Response(_captcha_svg(), mimetype="image/svg+xml", headers={"Cache-Control": "no-store"})

    @app.route("/images/<name>.svg")
    def image(name: str) -> Response:
        return app.send_static_file(f"{name}.svg")

    def form_view(form: LegacyForm) -> Callable[[], str]:
        def view() -> str:
            if form.login_required and not session.get("user"):
                return render_template("mudford/login_wall.html", form=form)
            failed = False
            if request.method == "POST":
                if _valid(form, {k: v for k, v in request.form.items()}):
                    number = record(form.task)
                    reference = f"MDC/{form.ref_code}/{number}"
                    return render_template("mudford/thanks.html", form=form, reference=reference)
                failed = True  # and every value the user typed is dropped on purpose
            return render_template("mudford/form.html", form=form, failed=failed)

        return view

    for form in FORMS:
        app.add_url_rule(form.path, form.task, form_view(form), methods=["GET", "POST"])

    @app.route("/account/Login.aspx", methods=["GET", "POST"])
    def login() -> object:
        message = ""
        if request.method == "POST":
            email = request.form.get("username", "").strip().lower()
            if email and accounts.get(email) == request.form.get("password", ""):
                session["user"] = email
                return redirect("/account/Default.aspx")
            message = "Invalid username or password."
        return render_template("mudford/login.html", message=message)

    @app.route("/account/Register.aspx", methods=["GET", "POST"])
    def register_account() -> str:
        if request.method == "POST":
            data = {k: v.strip() for k, v in request.form.items()}
            email = data.get("reg_email", "").lower()
            ok = (
                is_email(email) and email == data.get("reg_email2", "").lower()
                and _PASSWORD.match(data.get("reg_password", "")) and data.get("reg_password") == data.get("reg_password2")
                and all(data.get(k) for k in ("reg_forename", "reg_surname", "reg_question", "reg_answer", "reg_terms"))
            )
            if not ok:
                return render_template("mudford/register.html", failed=True)
            if email in accounts:
                message = "An account already exists for this email address. Please log in."
            else:
                accounts[email] = data["reg_password"]
                message = "Your account has been created. Please log in."
            return render_template("mudford/login.html", message=message)
        return render_template("mudford/register.html", failed=False)

    @app.route("/account/Default.aspx")
    def my_account() -> object:
        if not session.get("user"):
            return redirect("/account/Login.aspx")
        return render_template("mudford/account.html", user=session["user"])

    @app.route("/account/Logout.aspx")
    def logout() -> object:
        session.pop("user", None)
        return redirect("/")

    @app.errorhandler(404)
    def not_found(_error: Exception) -> tuple[str, int]:
        return render_template("mudford/message.html", heading="Page Not Found",
                               text="The page you requested could not be found. It may have been moved or deleted."), 404
