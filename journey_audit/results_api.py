"""``load_results``: results as pandas DataFrames, for notebooks and ad-hoc comparison.

    from journey_audit import load_results
    r = load_results()                      # every run in results/history.sqlite
    r.journeys.groupby("task").friction.describe()
    load_results(run="latest").findings     # one run, read straight from its folder

Both sources go through the same flattener (journey_audit.analysis.rows), so columns and numbers match.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from journey_audit.analysis import rows
from journey_audit.storage import history as store
from journey_audit.storage.run_folder import load_run

if TYPE_CHECKING:  # pandas takes about a second to import: only notebooks that call load_results pay for it
    import pandas as pd


class Results(NamedTuple):
    journeys: pd.DataFrame
    steps: pd.DataFrame
    findings: pd.DataFrame
    dead_ends: pd.DataFrame
    scores: pd.DataFrame


FLATTENERS = {"journeys": lambda run_id, j: [rows.journey_row(run_id, j)], "steps": rows.step_rows,
              "findings": rows.finding_rows, "dead_ends": rows.dead_end_rows, "scores": rows.score_rows}


def _from_run_folder(results: Path, run: str) -> Results:
    import pandas as pd

    loaded = load_run(results, run)
    frames = {}
    for table, flatten in FLATTENERS.items():
        records = [r for j in loaded.journeys for r in flatten(loaded.run_id, j.data)]
        frames[table] = pd.DataFrame.from_records(records, columns=list(store.TABLES[table]))
    return Results(**frames)


def _from_history(path: Path) -> Results:
    import pandas as pd

    frames = {}
    for table, columns in store.TABLES.items():
        json_columns = rows.STEP_JSON_COLUMNS if table == "steps" else rows.JSON_COLUMNS
        records = store.query(path, f"SELECT {', '.join(columns)} FROM {table} ORDER BY run_id, key",
                              json_columns=json_columns)
        frame = pd.DataFrame.from_records(records, columns=list(columns))
        for column in rows.BOOL_COLUMNS.intersection(columns):
            frame[column] = frame[column].map(lambda v: None if v is None else bool(v))
        frames[table] = frame
    return Results(**frames)


def load_results(results: str | Path = "results", run: str | None = None,
                 history: str | Path | None = None) -> Results:
    """DataFrames (journeys, steps, findings, dead_ends, scores) for every indexed run, or for one run.

    ``run=None`` reads the history store (``results/history.sqlite`` unless ``history`` says otherwise);
    ``run="latest"`` or a run id reads that run's folder. Raises ResultsError for unknown runs or damaged files.
    """
    results = Path(results)
    if run is None and (results / "run.json").is_file():  # a run folder itself, e.g. results/latest
        return _from_run_folder(results.parent, results.resolve().name)
    if run is not None:
        return _from_run_folder(results, run)
    return _from_history(Path(history or store.default_history_path(results)))
