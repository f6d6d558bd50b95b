"""Accessibility: axe-core violations counted once per unique (rule, element) across the journey.

``incomplete`` results (needs a human check) are counted apart and never scored.
"""

from __future__ import annotations

from collections import defaultdict

from .axe_fixes import fix_text
from .common import artifact, executed, finding, url_path
from .kinds import ADVICE, axe_kind, axe_severity

AUDIT_ID = "accessibility"
FINDING_IDS = ("axe-cut",)  # plus one "axe-<rule id>" per failing axe rule (registry.FAMILIES)
IMPACTS = ("critical", "serious", "moderate", "minor")


def unique_nodes(journey: dict, kind: str) -> dict[str, dict]:
    """rule id -> {"impact", "help", "targets": set, "steps", "html"} over every audited step."""
    rules: dict[str, dict] = {}
    for step in executed(journey):
        axe = artifact(step, "axe")
        if not axe or axe.get("cut") or axe.get("skipped"):
            continue
        page = url_path(step.get("url", ""))
        for rule in axe.get(kind, []):
            entry = rules.setdefault(rule["id"], {"impact": rule.get("impact") or "minor", "help": rule.get("help", ""),
                                                  "help_url": rule.get("help_url", ""), "targets": set(), "steps": set(), "html": [],
                                                  "tags": list(rule.get("tags") or [])})
            targets = rule.get("targets", [])
            entry["targets"].update(f"{page} {t}" for t in targets)
            # Nodes beyond the kept selectors still count, once per page.
            entry["targets"].update(f"{page} #node{i}" for i in range(len(targets), int(rule.get("nodes", 0))))
            entry["steps"].add(step.get("index"))
            entry["html"] = entry["html"] or rule.get("html", [])
            if IMPACTS.index(rule.get("impact") or "minor") < IMPACTS.index(entry["impact"]):
                entry["impact"] = rule["impact"]
    return rules


def _pages_checked(journey: dict) -> tuple[int, int]:
    checked = cut = 0
    for step in executed(journey):
        axe = artifact(step, "axe")
        if axe.get("cut"):
            cut += 1
        elif axe and not axe.get("skipped"):
            checked += 1
    return checked, cut


def run(journey: dict, profile: dict) -> dict:
    pts = profile["points"]["accessibility"]
    violations = unique_nodes(journey, "violations")
    incomplete = unique_nodes(journey, "incomplete")
    by_impact = defaultdict(int)
    best_practice = 0
    for rule in violations.values():
        if axe_kind(rule["tags"]) == ADVICE:
            best_practice += len(rule["targets"])
        else:
            by_impact[rule["impact"]] += len(rule["targets"])
    checked, cut = _pages_checked(journey)
    # Impact counts are WCAG failures only; axe best-practice results are advice, counted apart.
    a11y = {i: by_impact[i] for i in IMPACTS}
    a11y.update({
        "best_practice": best_practice,
        "incomplete": sum(len(r["targets"]) for r in incomplete.values()),
        "rules": len(violations),
        "pages_checked": checked,
        "cut": cut,
        "by_rule": {rid: len(r["targets"]) for rid, r in sorted(violations.items())},
    })
    findings = []
    for rid, rule in sorted(violations.items(), key=lambda kv: (IMPACTS.index(kv[1]["impact"]), kv[0])):
        n = len(rule["targets"])
        base = pts[rule["impact"]]
        points = min(base * pts["rule_cap_factor"], base + pts["per_extra_node"] * (n - 1))
        shown = sorted(t for t in rule["targets"] if "#node" not in t)[:5]
        kind = axe_kind(rule["tags"])
        standard = "axe best practice, not a WCAG failure" if kind == ADVICE else \
            ", ".join(t for t in rule["tags"] if t.startswith("wcag")) or "WCAG"
        item = finding(
            f"axe-{rid}", AUDIT_ID, "accessibility", axe_severity(rule["impact"], kind),
            rule["help"] or rid,
            f"{n} element(s) across {len(rule['steps'])} step(s); axe rule '{rid}', impact {rule['impact']} "
            f"({standard}). {rule['help_url']}".strip(),
            fix_text(rid, rule["help"], n),
            points,
            [f"{t}" for t in shown] + [f"html: {h}" for h in rule["html"][:2]],
            min(s for s in rule["steps"] if s is not None) if any(s is not None for s in rule["steps"]) else None,
            kind=kind,
        )
        item["impact"] = rule["impact"]
        findings.append(item)
    if cut:
        findings.append(finding(
            "axe-cut", AUDIT_ID, "accessibility", "info", f"axe ran out of time on {cut} page(s)",
            "The accessibility scan exceeded its time budget, so these pages are not counted.",
            "Re-run with a larger axe budget, or check these pages by hand.", 0,
        ))
    return {"metrics": {"a11y": a11y}, "findings": findings}
