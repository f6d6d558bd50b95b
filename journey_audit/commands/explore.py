"""`journey-audit explore`: find each task from a council's home page, walk it, replay what was written."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from rich.table import Table

from journey_audit.browser.runner import RunOptions
from journey_audit.cli import EXIT_FAILED, EXIT_OK, UsageError
from journey_audit.commands import add_viewport, positive, replay_with_progress, require_usable_node_options
from journey_audit.commands.run import demo_councils


def add_parser(sub) -> None:
    p = sub.add_parser("explore", description="From the home page, find each task's start page three ways (site search, browsing links "
                    "that name the task, the A to Z), then walk the service like a person would, filling fields "
                    "from the persona and stopping before the final submission. The walk is written as an "
                    "ordinary journey and replayed, so results, scores and reports are the usual ones (marked "
                    "source: explored), with findability added. See docs/explore.md.")
    p.add_argument("url", nargs="?", help="the council's home page (or use --demo)")
    p.add_argument("--task", action="append", default=[], metavar="ID",
                   help="task id from the vocabulary (repeatable; default with --demo: every task)")
    p.add_argument("--tasks-file", type=Path, metavar="FILE", help="your own task vocabularies (YAML, see docs/explore.md)")
    p.add_argument("--demo", action="store_true", help="explore the bundled demo councils (served on 127.0.0.1)")
    p.add_argument("--council", action="append", default=[], metavar="ID", help="with --demo: only this council")
    p.add_argument("--council-id", help="id for URL's council in results (default: from the host name)")
    p.add_argument("--council-name", help="name for URL's council in reports (default: the host name)")
    p.add_argument("--write-journey", type=Path, metavar="PATH",
                   help="write the journeys here: a .yaml file for one council x task, else a folder "
                        "(DIR/<council_id>/<task>.yaml). A copy is always kept in the run folder's explored/")
    p.add_argument("--allow-submit", action="store_true",
                   help="really press the final submission (files a real report: only on test sites!)")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    add_viewport(p)
    p.add_argument("--no-axe", action="store_true", help="skip axe-core accessibility checks in the replay")
    p.add_argument("--max-pages", type=positive, default=40, help="pages the navigation walk may open (default 40)")
    p.add_argument("--max-depth", type=positive, default=4, help="clicks from the home page (default 4)")
    p.add_argument("--seconds", type=positive, default=120, help="time bound per walk, per task (default 120)")
    p.add_argument("--workers", type=positive, default=2, help="journeys replayed at once (default 2)")
    p.set_defaults(handler=command)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _targets(args, vocabularies: dict, base_urls: dict[str, str]) -> list:
    from journey_audit.demo.server import COUNCILS, DEFAULT_PORTS
    from journey_audit.explore.replay import Target

    tasks = args.task or (sorted(vocabularies) if args.demo else [])
    if not tasks:
        raise UsageError(f"say which task to explore with --task (known: {', '.join(sorted(vocabularies))})")
    unknown = [t for t in tasks if t not in vocabularies]
    if unknown:
        raise UsageError(f"no vocabulary for task '{unknown[0]}' (known: {', '.join(sorted(vocabularies))}; "
                         "add your own with --tasks-file)")
    if args.demo:
        councils = [c for c in COUNCILS if not args.council or c.council_id in args.council]
        if not councils:
            raise UsageError(f"--council: no demo council called {', '.join(args.council)}")
        return [Target(c.name, c.council_id, base_urls[c.council_id] + "/", vocabularies[t],
                       base_url=f"http://127.0.0.1:{DEFAULT_PORTS[c.council_id]}") for c in councils for t in tasks]
    parts = urlsplit(args.url or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise UsageError(f"URL must be a council's home page such as https://www.example.gov.uk/, not {args.url!r}")
    council_id = args.council_id or _slug(parts.hostname or parts.netloc)
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", council_id):
        raise UsageError("--council-id must be lower-case letters, digits and dashes")
    return [Target(args.council_name or parts.netloc, council_id, args.url, vocabularies[t]) for t in tasks]


def findability_table(run) -> Table:
    table = Table(title="Findability from the home page")
    for column in ("Council", "Task", "Found by", "Clicks", "Search rank", "In A to Z", "Outcome"):
        table.add_column(column)
    for journey in sorted(run.journeys, key=lambda j: (j["task"], j["council_id"])):
        f = (journey.get("metrics") or {}).get("findability") or {}
        a_to_z = f.get("in_a_to_z")
        reason = (journey.get("outcome_reason") or {}).get("kind")
        table.add_row(journey["council"], journey["task"], ", ".join(f.get("found_by") or []) or "not found",
                      str(f.get("clicks_from_home") if f.get("clicks_from_home") is not None else "-"),
                      str(f.get("search_rank") or "-"), "no A to Z" if a_to_z is None else ("yes" if a_to_z else "no"),
                      journey.outcome + (f": {reason}" if reason else ""), end_section=False)
    return table


def command(args, console) -> int:
    from journey_audit.api import explore
    from journey_audit.explore.core import ExploreBounds
    from journey_audit.explore.vocabulary import VocabularyError, load_vocabularies
    from journey_audit.reports.html import write_report
    from journey_audit.reports.terminal import print_broken, summary_table
    from journey_audit.storage.history import index_run

    if bool(args.url) == bool(args.demo):
        raise UsageError("give a council's home page URL, or --demo (not both)")
    require_usable_node_options()
    try:
        vocabularies = load_vocabularies(args.tasks_file)
    except VocabularyError as exc:
        raise UsageError(str(exc)) from None
    bounds = ExploreBounds(max_depth=args.max_depth, max_pages=args.max_pages, seconds=float(args.seconds))
    with demo_councils(args.demo, []) as base_urls:
        targets = _targets(args, vocabularies, base_urls)
        if args.write_journey and args.write_journey.suffix in (".yaml", ".yml") and len(targets) > 1:
            raise UsageError("--write-journey FILE.yaml is for one council x task; give a folder for several")
        options = RunOptions(allow_submit=args.allow_submit, base_urls=base_urls, viewport=args.viewport,
                             axe=not args.no_axe, retries=1)
        console.print(f"Exploring {len(targets)} council x task pair(s) from the home page...", highlight=False)
        run = explore(targets, results_dir=args.results, write_to=args.write_journey, options=options, bounds=bounds,
                      meta={"demo": args.demo},
                      on_explored=lambda e: console.print(
                          f"  {e.council_id}/{e.task}: found by {', '.join(e.facts['found_by']) or 'nothing'}; "
                          f"{e.facts['autopilot']['stopped']}", highlight=False, markup=False),
                      replay=lambda journeys, **kw: replay_with_progress(console, journeys, workers=args.workers, **kw))
    console.print(summary_table(run.journeys, title=f"Explored run {run.run_id}"))
    console.print(findability_table(run))
    print_broken(console, run.journeys)
    index_run(args.results, run.run_id, None)
    if args.write_journey:
        console.print(f"Journeys written to {args.write_journey} (replay them with `journey-audit run`)", highlight=False)
    console.print(f"Results: {run.folder}  (journeys as explored: {run.folder / 'explored'})", highlight=False)
    console.print(f"Report: {write_report(run)}  (open it in a browser)", highlight=False)
    return EXIT_FAILED if run.broken else EXIT_OK
