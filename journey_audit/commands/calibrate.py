"""`journey-audit calibrate LABELS.yaml`: score a labelled set of pages and journeys and print how far the
stars agree with the stars people expected (written down before scoring).

The labels file names a folder (``root``) that is served on 127.0.0.1 for the run, and cases, each a
``page:`` under it or a ``journey:`` file whose start is a path on that server, with ``expected`` stars
(1-4) and a ``group``. Groups with a rule: ``govuk_form`` must score at least 3, ``inaccessible_form`` at
most 2. Everything runs against the local server, so final submissions are sent (to it) and judged.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import yaml

GROUP_RULES = {"govuk_form": (3, 4), "inaccessible_form": (1, 2)}


@dataclass(frozen=True)
class Case:
    id: str
    expected: int
    group: str
    page: str | None = None
    journey: Path | None = None
    why: str = ""


def load_labels(path: Path) -> tuple[Path, list[Case]]:
    """The served root and the cases; ValueError names the file and the problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: cannot read labels: {exc}") from None
    root = (path.parent / str(data.get("root", "."))).resolve()
    cases = []
    for n, raw in enumerate(data.get("cases") or [], 1):
        if not isinstance(raw, dict) or not raw.get("id") or raw.get("expected") not in (1, 2, 3, 4) \
                or bool(raw.get("page")) == bool(raw.get("journey")):
            raise ValueError(f"{path}: case {n}: needs id, expected (1-4) and one of page/journey")
        journey = (path.parent / raw["journey"]).resolve() if raw.get("journey") else None
        cases.append(Case(str(raw["id"]), int(raw["expected"]), str(raw.get("group", "")), raw.get("page"), journey,
                          str(raw.get("why", ""))))
    if not cases:
        raise ValueError(f"{path}: no cases")
    return root, cases


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@contextmanager
def serve(root: Path) -> Iterator[str]:
    """The root folder over HTTP on 127.0.0.1 (a free port) for the length of the block."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(root)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def agreement(cases: list[Case], stars: dict[str, int | None]) -> dict:
    """Exact and within-one agreement, and the cases that break a group rule."""
    scored = [c for c in cases if stars.get(c.id) is not None]
    exact = sum(1 for c in scored if stars[c.id] == c.expected)
    near = sum(1 for c in scored if abs(stars[c.id] - c.expected) <= 1)
    broken_rules = [c.id for c in scored if c.group in GROUP_RULES
                    and not GROUP_RULES[c.group][0] <= stars[c.id] <= GROUP_RULES[c.group][1]]
    return {"cases": len(cases), "scored": len(scored), "exact": exact, "within_one": near,
            "exact_share": exact / len(cases), "within_one_share": near / len(cases),
            "group_rule_failures": broken_rules, "not_scored": [c.id for c in cases if stars.get(c.id) is None]}


def calibrate(labels: Path, results_dir: Path, profile: dict | None = None, workers: int = 2) -> tuple[list[Case], dict, dict]:
    """Run every case against the local server; returns (cases, stars by case id, results by case id)."""
    from journey_audit.api import journeys_for_urls, run_journeys
    from journey_audit.browser.runner import RunOptions
    from journey_audit.loader import load_journeys
    from journey_audit.pipeline import assess_journey

    root, cases = load_labels(labels)
    with serve(root) as base:
        journeys, ids = [], []
        for case in cases:
            if case.page:
                journeys += journeys_for_urls([f"{base}/{case.page.lstrip('/')}"])
            else:
                loaded = load_journeys([case.journey])
                if any(j.start.startswith(("http://", "https://")) for j in loaded):
                    raise ValueError(f"{case.journey}: a calibration journey starts with a path on the local server")
                journeys += loaded
            ids.append(case.id)
        run = run_journeys(journeys, results_dir=results_dir, workers=workers, meta={"kind": "calibrate"},
                           options=RunOptions(base_url=base, allow_submit=True, screenshots=False))
    by_key = {r.key: r for r in run.journeys}
    results = {case_id: by_key[journey.key].data for case_id, journey in zip(ids, journeys, strict=True)}
    if profile is not None:
        for data in results.values():
            assess_journey(data, profile)
    stars = {case_id: (data.get("friction") or {}).get("stars") for case_id, data in results.items()}
    return cases, stars, results


def add_parser(sub) -> None:
    p = sub.add_parser("calibrate", description="Score a labelled set (expected stars written down before scoring) and print the "
                                   "agreement: exact band and within one star. Exit 1 if fewer than --min-within-one "
                                   "of the cases are within one star, or a group rule is broken.")
    p.add_argument("labels", type=Path, help="labels file (e.g. tests/calibration/labels.yaml)")
    p.add_argument("--profile", metavar="FILE", help="scoring profile laid over the default")
    p.add_argument("--results", default=Path("results") / "calibration", type=Path,
                   help="results folder (default results/calibration/, apart from your own runs, so `latest`, "
                        "compare and diff never pick up the calibration pages)")
    p.add_argument("--min-within-one", type=float, default=0.9, help="share of cases within one star to pass (0.9)")
    p.set_defaults(handler=command)


def command(args, console) -> int:
    from rich.table import Table

    from journey_audit.cli import EXIT_FAILED, EXIT_OK, UsageError
    from journey_audit.scoring.profile import ProfileError, load_profile
    from journey_audit.storage.run_folder import resolve_run

    try:
        profile = load_profile(args.profile) if args.profile else None
        cases, stars, results = calibrate(args.labels, args.results, profile)
    except (ValueError, ProfileError) as exc:
        raise UsageError(str(exc)) from None
    table = Table(title=f"Calibration: {args.labels}")
    for column in ("case", "group", "expected", "got", "agrees", "outcome"):
        table.add_column(column)
    for case in cases:
        got = stars.get(case.id)
        mark = "-" if got is None else "exact" if got == case.expected else "±1" if abs(got - case.expected) <= 1 else "NO"
        table.add_row(case.id, case.group, str(case.expected), "-" if got is None else str(got), mark,
                      str(results[case.id].get("outcome")))
    console.print(table)
    console.print(f"Results: {resolve_run(args.results)}", highlight=False)
    a = agreement(cases, stars)
    console.print(f"Exact band: {a['exact']}/{a['cases']} ({a['exact_share']:.0%}); within one star: "
                  f"{a['within_one']}/{a['cases']} ({a['within_one_share']:.0%}).", highlight=False)
    if a["group_rule_failures"]:
        console.print(f"Group rules broken (GOV.UK forms >= 3, inaccessible forms <= 2): {', '.join(a['group_rule_failures'])}")
    ok = a["within_one_share"] >= args.min_within_one and not a["group_rule_failures"]
    return EXIT_OK if ok else EXIT_FAILED
