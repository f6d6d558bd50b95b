"""CI outputs for the gate: JUnit XML (one test case per journey) and a Markdown summary for a PR or chat."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from journey_audit.analysis.budgets import GateResult
from journey_audit.analysis.diff import RunDiff
from journey_audit.reports.tabular import cell, markdown_escape, to_markdown


def junit_xml(gate: GateResult) -> str:
    """Failures are broken budgets; a journey whose site was down is "skipped", not failed."""
    suite = ET.Element("testsuite", name="journey-audit gate", tests=str(len(gate.verdicts)),
                       failures=str(len(gate.failed)), errors="0", skipped=str(len(gate.site_down)))
    properties = ET.SubElement(suite, "properties")
    ET.SubElement(properties, "property", name="run_id", value=gate.run_id)
    if gate.base_run:
        ET.SubElement(properties, "property", name="base_run", value=gate.base_run)
    for verdict in gate.verdicts:
        case = ET.SubElement(suite, "testcase", classname=f"journey_audit.{verdict.task}",
                             name=f"{verdict.council_id}/{verdict.task}")
        if verdict.status == "site_down":
            ET.SubElement(case, "skipped", message=verdict.note)
        elif verdict.failures:
            failure = ET.SubElement(case, "failure", type="budget",
                                    message="; ".join(f.message for f in verdict.failures))
            failure.text = "\n".join(f"{f.budget}: {f.message}" for f in verdict.failures)
    ET.indent(suite)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(suite, encoding="unicode") + "\n"


def stars_text(stars: int | None) -> str:
    return "" if stars is None else "★" * stars + "☆" * (4 - stars)


def markdown_summary(gate: GateResult, diff: RunDiff | None = None) -> str:
    """A short report: verdict line, one row per journey, then what changed since the base run."""
    head = "✅ **journey-audit gate passed**" if gate.passed else f"❌ **journey-audit gate failed**: " \
           f"{len(gate.failed)} of {len(gate.verdicts)} journeys broke a budget"
    lines = [head, "", f"Run `{gate.run_id}`" + (f" vs base `{gate.base_run}`" if gate.base_run else "") + "."]
    if gate.site_down:
        lines.append(f"⚠️ {len(gate.site_down)} journey(s) not checked because the site or browser failed "
                     "(not counted as regressions).")
    icon = {"passed": "✅", "failed": "❌", "site_down": "⚠️"}
    rows = [{"": icon.get(v.status, ""), "Council": v.council or v.council_id, "Task": v.task,
             "Friction": cell(v.friction), "Stars": stars_text(v.stars),
             "Problems": "; ".join(f.message for f in v.failures) or v.note}
            for v in gate.verdicts]
    lines += ["", to_markdown(rows).rstrip()]
    if diff is not None:
        changed = [j for j in diff.journeys if j.changes]
        if changed:
            lines += ["", "### Changes since the base run", ""]
            for j in changed:
                parts = [f"{kind} {c.detail}" for kind in ("new", "worse", "fixed", "better") for c in j.of(kind)]
                lines.append(f"- **{j.council_id}/{j.task}**: " + markdown_escape("; ".join(parts)))
    return "\n".join(lines) + "\n"
