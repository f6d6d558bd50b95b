"""Brightwater Borough Council: the well-built council, on GOV.UK Design System patterns.

One question per page, server-side validation (``novalidate``) with an error summary, answers kept
in the Flask session cookie, a check-your-answers page and a confirmation panel. Only the POST from
check-your-answers is a final submission.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from flask import Flask, abort, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from journey_audit.demo.brightwater_search import A_TO_Z, GUIDES
from journey_audit.demo.brightwater_search import INDEX as SEARCH_INDEX
from journey_audit.demo.brightwater_services import SERVICES, Field, Page, Service
from journey_audit.demo.common import is_email, is_phone, is_postcode
from journey_audit.demo.site_search import ranked_search

_VRM = re.compile(r"^[A-Z0-9]{2,7}$")

Answers = dict[str, object]


def _answers(task: str) -> Answers:
    return dict(session.get("answers", {}).get(task, {}))


def _save(task: str, values: Answers) -> None:
    stored = dict(session.get("answers", {}))
    stored[task] = {**stored.get(task, {}), **values}
    session["answers"] = stored


def _read(page: Page) -> Answers:
    values: Answers = {}
    for f in page.fields:
        if f.kind == "checkboxes":
            values[f.id] = request.form.getlist(f.id)
        elif f.kind == "file":
            upload = request.files.get(f.id)
            if upload is not None and upload.filename:
                values[f.id] = upload.filename  # the demo keeps only the name, never the file
        else:
            values[f.id] = request.form.get(f.id, "").strip()
    return values


def _error_for(f: Field, value: object) -> str | None:
    if not value:
        return None if f.optional else f.error
    if f.kind == "checkboxes" and isinstance(value, list) and len(value) > 3:
        return "Select up to 3 items"
    if f.kind in ("radios", "checkboxes"):
        chosen = value if isinstance(value, list) else [value]
        return None if all(v in f.options for v in chosen) else f.error
    text = str(value)
    if f.check == "postcode" and not is_postcode(text):
        return "Enter a real postcode, like BW1 4AA"
    if f.check == "email" and not is_email(text):
        return "Enter an email address in the correct format, like name@example.com"
    if f.check == "phone" and not is_phone(text):
        return "Enter a phone number, like 01632 960 001 or 07700 900 982"
    if f.check == "vrm" and not _VRM.match(text.replace(" ", "").upper()):
        return "Enter a registration number in the correct format, like CU57 ABC"
    return None


def _first_unanswered(service: Service, answers: Answers) -> Page | None:
    for page in service.pages:
        if any(not f.optional and not answers.get(f.id) for f in page.fields):
            return page
    return None


def _summary_rows(service: Service, answers: Answers) -> list[tuple[str, str, str]]:
    rows = []
    for page in service.pages:
        for f in page.fields:
            value = answers.get(f.id) or ""
            shown = ", ".join(value) if isinstance(value, list) else str(value)
            label = f.label if len(page.fields) > 1 else page.title
            rows.append((label.rstrip("?"), shown or "Not provided", page.slug))
    return rows


def _register_service(app: Flask, service: Service, record: Callable[[str], int]) -> None:
    task, slugs = service.task, [p.slug for p in service.pages]
    pages = {p.slug: p for p in service.pages}

    def start() -> str:
        first = url_for(f"{task}:question", slug=slugs[0])
        return render_template("brightwater/start.html", service=service, first_url=first)

    def question(slug: str) -> str | Response:
        page = pages.get(slug) or abort(404)
        index = slugs.index(slug)
        changing = request.args.get("change") == "1"
        back = url_for(f"{task}:start") if index == 0 else url_for(f"{task}:question", slug=slugs[index - 1])
        values = _answers(task)
        errors: dict[str, str] = {}
        if request.method == "POST":
            values = {**values, **_read(page)}
            errors = {f.id: e for f in page.fields if (e := _error_for(f, values.get(f.id)))}
            if not errors:
                _save(task, {f.id: values.get(f.id, "") for f in page.fields})
                if changing or index == len(slugs) - 1:
                    return redirect(url_for(f"{task}:check"))
                return redirect(url_for(f"{task}:question", slug=slugs[index + 1]))
        return render_template(
            "brightwater/question.html", service=service, page=page, values=values, errors=errors,
            back_url=url_for(f"{task}:check") if changing else back, changing=changing,
        )

    def check() -> str | Response:
        answers = _answers(task)
        missing = _first_unanswered(service, answers)
        if missing is not None:
            return redirect(url_for(f"{task}:question", slug=missing.slug))
        if request.method == "POST":
            number = record(task)  # the one final submission of this service
            session["answers"] = {k: v for k, v in session.get("answers", {}).items() if k != task}
            session[f"ref:{task}"] = f"{service.ref_prefix}-{number}"
            session[f"email:{task}"] = str(answers.get("email", ""))
            return redirect(url_for(f"{task}:confirmation"))
        return render_template(
            "brightwater/check.html", service=service, rows=_summary_rows(service, answers),
            back_url=url_for(f"{task}:question", slug=slugs[-1]),
        )

    def confirmation() -> str | Response:
        ref = session.get(f"ref:{task}")
        if not ref:
            return redirect(url_for(f"{task}:start"))
        return render_template("brightwater/confirmation.html", service=service, reference=ref,
                               email=session.get(f"email:{task}", ""))

    app.add_url_rule(service.path, f"{task}:start", start)
    app.add_url_rule(f"{service.path}/<slug>", f"{task}:question", question, methods=["GET", "POST"])
    app.add_url_rule(f"{service.path}/check-your-answers", f"{task}:check", check, methods=["GET", "POST"])
    app.add_url_rule(f"{service.path}/confirmation", f"{task}:confirmation", confirmation)


def register(app: Flask, record: Callable[[str], int]) -> None:
    for service in SERVICES:
        _register_service(app, service, record)

    @app.route("/")
    def home() -> str:
        return render_template("brightwater/home.html", services=SERVICES)

    @app.route("/search")
    def search() -> str:
        query = request.args.get("q", "").strip()
        return render_template("brightwater/search.html", query=query,
                               results=ranked_search(SEARCH_INDEX, query) if query else [])

    @app.route("/a-to-z")
    def a_to_z() -> str:
        letters: dict[str, list[tuple[str, str]]] = {}
        for words, url in A_TO_Z:
            letters.setdefault(words[0].upper(), []).append((words, url))
        return render_template("brightwater/a_to_z.html", letters=letters)

    for guide in GUIDES:
        app.add_url_rule(guide.url, f"guide:{guide.url}",
                         lambda guide=guide: render_template("brightwater/guide.html", guide=guide))

    @app.route("/accessibility-statement")
    def accessibility() -> str:
        return render_template("brightwater/accessibility.html")

    @app.errorhandler(404)
    def not_found(_error: Exception) -> tuple[str, int]:
        return render_template("brightwater/not_found.html"), 404
