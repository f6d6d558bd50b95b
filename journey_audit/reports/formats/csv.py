"""CSV for spreadsheets and pandas: one flat row per record (``vs_best.friction`` becomes ``vs_best_friction``,
lists become ``a; b``); text cleaned of control characters and defused against formula injection."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping
from typing import Any

from journey_audit.reports.document import Report
from journey_audit.reports.sanitize import csv_cell

NEEDS = frozenset({"records"})


def flatten(row: Mapping[str, Any]) -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in row.items():
        if isinstance(value, Mapping):
            for sub, inner in flatten(value).items():
                flat[f"{key}_{sub}"] = inner
        elif isinstance(value, (list, tuple)):
            flat[key] = "; ".join(str(v) for v in value)
        else:
            flat[key] = value
    return flat


def render(report: Report) -> str:
    flat = [flatten(r) for r in report.records]
    columns = list(dict.fromkeys([*report.record_columns, *(k for r in flat for k in r)]))
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in r.items()} for r in flat)
    return out.getvalue()
