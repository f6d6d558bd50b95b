"""JSON: the command's structured result. JSON escapes C0 controls itself; C1 controls (one of them is an
8-bit terminal escape) and Unicode line separators are escaped too, so printing the output is harmless."""

from __future__ import annotations

import json
import re

from journey_audit.reports.document import Report

NEEDS = frozenset({"data"})
_RAW_CONTROLS = re.compile("[\x7f-\x9f\u2028\u2029]")


def render(report: Report) -> str:
    text = json.dumps(report.data, indent=2, ensure_ascii=False, default=str)
    # These characters can only occur inside JSON strings, where \uXXXX means the same character.
    return _RAW_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"
