"""`journey-audit check URL...`: audit single pages the way journeys are audited."""

from __future__ import annotations

from pathlib import Path

from journey_audit.api import journeys_for_urls, url_problem
from journey_audit.browser.runner import RunOptions
from journey_audit.cli import EXIT_FAILED, EXIT_OK, UsageError
from journey_audit.commands import (
    add_browser_endpoint,
    add_politeness,
    add_viewport,
    browser_settings,
    politeness,
    positive,
    replay_with_progress,
)
from journey_audit.commands.run import index_or_warn, interruption
from journey_audit.reports.html import write_report
from journey_audit.reports.terminal import print_broken, print_robots, summary_table
from journey_audit.textfiles import TextFileError, read_utf8


def add_parser(sub) -> None:
    p = sub.add_parser("check", description="Audit single pages without a journey: each URL is loaded, measured "
                                   "(forms, accessibility, dead ends, content) and scored like a one-step journey.")
    p.add_argument("urls", nargs="*", help="http(s) URLs")
    p.add_argument("--urls", dest="urls_file", type=Path, help="a file with one URL per line (# comments allowed)")
    p.add_argument("--results", default="results", type=Path, help="results folder (default results/)")
    p.add_argument("--workers", type=positive, default=2, help="pages loaded at once (default 2)")
    add_viewport(p)
    p.add_argument("--no-axe", action="store_true", help="skip axe-core accessibility checks")
    p.add_argument("--fresh-tabs", action="store_true",
                   help="a new browser context for every page; by default pages of one site share a worker's tab "
                        "(cookies, localStorage and sessionStorage cleared between pages, the HTTP cache kept), "
                        "which needs about 40%% less CPU per page")
    add_browser_endpoint(p)
    add_politeness(p, pages=True)
    p.set_defaults(handler=command)


def _read_urls(args) -> list[str]:
    urls = list(args.urls)
    if args.urls_file:
        try:
            lines = read_utf8(args.urls_file).splitlines()
        except TextFileError as exc:
            raise UsageError(str(exc)) from None
        listed = [(n, line.strip()) for n, line in enumerate(lines, 1) if line.strip() and not line.strip().startswith("#")]
        problems = [f"{args.urls_file}:{n}: {problem}" for n, url in listed if (problem := url_problem(url))]
        if problems:  # every bad line, each with its line number, like a bad journey file
            raise UsageError("\n".join(problems))
        urls += [url for _, url in listed]
    if not urls:
        raise UsageError("give at least one URL, or --urls FILE")
    return urls


def command(args, console) -> int:
    try:
        journeys = journeys_for_urls(_read_urls(args))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    options = RunOptions(viewport=args.viewport, axe=not args.no_axe, reuse_tabs=not args.fresh_tabs,
                         **politeness(args))
    run = replay_with_progress(console, journeys, "pages", results_dir=args.results, options=options, workers=args.workers,
                               settings=browser_settings(args),
                               meta={"kind": "check"})
    console.print(summary_table(run.journeys, title=f"Checked {len(run.journeys)} page(s): run {run.run_id}"))
    print_broken(console, run.journeys)  # the same order as `run`: problems, where the results are, the report last
    print_robots(console, run.journeys)
    console.print(f"Results: {run.folder}", highlight=False)
    interrupted = interruption(console, run, args.results)
    if interrupted is None:
        index_or_warn(console, args.results, run.run_id, None)
    console.print(f"Report: {write_report(run)}  (open it in a browser)", highlight=False)
    if interrupted is not None:
        return interrupted
    return EXIT_FAILED if run.broken else EXIT_OK
