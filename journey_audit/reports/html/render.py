"""Entry points: find the run and its history, render the templates, write the file atomically.

Jinja2 autoescape is on and only our own CSS/JS are marked safe, so site data can never become markup.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

from jinja2 import BytecodeCache, Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined
from markupsafe import Markup

from journey_audit.model import RunResult
from journey_audit.reports.html.safety import ImageSource, content_security_policy
from journey_audit.reports.html.timings import run_timings
from journey_audit.reports.html.trends import load_history, trend_charts
from journey_audit.reports.html.values import fmt, plural, sentence
from journey_audit.reports.html.views import comparison, journey_view, league_tables, level, run_meta
from journey_audit.scoring.compute import STAR_WORDS
from journey_audit.storage.atomic import write_text_atomic
from journey_audit.storage.run_folder import load_run

TEMPLATES = Path(__file__).parent / "templates"


def write_report(run: RunResult | str | os.PathLike, out: str | os.PathLike | None = None,
                 history_runs: Sequence[RunResult] | None = None) -> Path:
    """Write the report for a run (a RunResult or its folder) and return the file written.

    The default ``out`` is ``<run folder>/report.html``, which references screenshots relatively (small
    file); anywhere else the screenshots are embedded so the file still works when moved or mailed.
    ``history_runs=None`` finds earlier runs next to this one for the trends; pass ``[]`` to skip them.
    """
    result = as_run(run)
    out_path = Path(out) if out is not None else result.folder / "report.html"
    if out_path.is_dir():
        out_path = out_path / "report.html"
    embed = out_path.parent.resolve() != result.folder.resolve()
    history = list(history_runs) if history_runs is not None else load_history(result)
    html = render_report(result, embed_images=embed, history_runs=history)
    out_path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomic(out_path, html)
    return out_path


def render_report(run: RunResult, embed_images: bool = False,
                  history_runs: Sequence[RunResult] = ()) -> str:
    """The report as a string; screenshots are relative to the run folder unless embedded."""
    from journey_audit import __version__

    images = ImageSource(run.folder, embed_images)
    views = [journey_view(j, images) for j in run.journeys]
    tasks = league_tables(views)
    for task in tasks:
        for view in task.rows:
            view.comparison = comparison(view, task.best)
    css, js = _asset("report.css"), _asset("report.js")
    return _environment().get_template("report.html").render(
        run_id=run.run_id, meta=run_meta(run), tasks=tasks, version=__version__,
        trends=trend_charts(history_runs, run) if history_runs else [],
        timings=run_timings(run),
        css=Markup(css), js=Markup(js),  # our own files, never site data
        csp=content_security_policy(css, js),
        councils=len({v.council_id for v in views}), journeys=len(views),
    )


def as_run(run: RunResult | str | os.PathLike) -> RunResult:
    """Accept what callers have to hand: a loaded run, or the path of a run folder."""
    if isinstance(run, RunResult):
        return run
    folder = Path(run)
    return load_run(folder.parent, folder.name)


ENV_OPTIONS = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True}


def _environment() -> Environment:
    """Autoescaping, strict about undefined names, with the few filters the templates use."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), undefined=StrictUndefined, bytecode_cache=_bytecode_cache(),
                      **ENV_OPTIONS)
    env.filters["fmt"] = fmt
    env.filters["level"] = level
    env.filters["sentence"] = sentence
    env.globals["plural"] = plural
    env.globals["star_word"] = lambda n: STAR_WORDS.get(n, "")
    return env


def _asset(name: str) -> str:
    return (TEMPLATES / name).read_text(encoding="utf-8")


def _bytecode_cache() -> BytecodeCache | None:
    """Compiled templates kept in the user's cache folder: compiling them took most of a report's start-up.

    Jinja checks each entry against the template's source, so an edited template is compiled again; the
    file names carry Jinja's version and our options. None (compile every time) when no folder is writable.
    """
    import hashlib

    import jinja2

    base = os.environ.get("JOURNEY_AUDIT_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "journey-audit")
    folder = Path(base) / "templates"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    except OSError:
        return None
    if not os.access(folder, os.W_OK):
        return None
    tag = hashlib.sha256(repr(sorted(ENV_OPTIONS.items())).encode()).hexdigest()[:8]
    return FileSystemBytecodeCache(str(folder), f"jinja-{jinja2.__version__}-{tag}-%s.cache")
