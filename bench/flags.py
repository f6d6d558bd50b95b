"""Chromium launch flags side by side: `run` on the 12 demo journeys with the current flags and with variants.

    .venv/bin/python bench/flags.py --workers 4 --rounds 2 --variant "gpu=--in-process-gpu" ...

Each variant is the current browser settings (playwright.config.py) with some launch flags added, or taken away
(written ``---flag``), environment variables set (written ``env:NAME=value``, e.g. ``env:NODE_OPTIONS=...``), and
settings of playwright.config.py replaced (written ``cfg:NAME=python-value``, e.g. ``cfg:DISABLE_FEATURES=[]``). Variants alternate run by run (the order rotates each round), so a machine
getting busier does not favour one. For every run: wall, CPU-seconds of the tool's process tree by kind of process,
peak PSS split by kind of process at the peak, and whether the results are the same as the baseline's: outcomes,
findings, friction scores, axe rule ids and counts, and the screenshots' bytes (see ``fingerprint``).
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shlex
import statistics
import sys
import tempfile
from datetime import datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from concurrency import DemoSites, TreeRun, run_model  # noqa: E402

from journey_audit.browser.settings import config_path  # noqa: E402

PORT = re.compile(r"127\.0\.0\.1:\d+")
TIMED = {"slow-pages"}  # findings about the seconds waited: under load they come and go, so they are left out


def variant_env(work: Path, name: str, spec: str) -> dict[str, str]:
    """The environment of a variant: its ``env:`` words, and a copy of the current browser settings whose
    LAUNCH_ARGS gain (or, for ``---flag``, lose) its flags."""
    words = shlex.split(spec)
    env = dict(w[4:].split("=", 1) for w in words if w.startswith("env:"))
    settings = [w[4:] for w in words if w.startswith("cfg:")]
    flags = [w for w in words if not w.startswith(("env:", "cfg:"))]
    add = [f for f in flags if not f.startswith("-" * 3)]
    drop = [f[1:] for f in flags if f.startswith("-" * 3)]
    text = config_path().read_text(encoding="utf-8")
    text += f"\nLAUNCH_ARGS = [a for a in LAUNCH_ARGS if a not in {drop!r}] + {add!r}\n" + "".join(f"{s}\n" for s in settings)
    path = work / f"config-{name}.py"
    path.write_text(text, encoding="utf-8")
    return {"JOURNEY_AUDIT_CONFIG": str(path), **env}


def fingerprint(results: Path) -> dict[str, object]:
    """What a run found, with what depends on timing left out (durations, waits, the effort component, which
    counts seconds spent waiting) and the demo sites' ports made neutral: per journey, the outcome, every
    finding, the friction scores, the axe counts by rule, and a hash of each screenshot."""
    found: dict[str, object] = {}
    for file in sorted(results.glob("*/journeys/*.json")):
        if file.parent.parent.is_symlink():
            continue
        record = json.loads(PORT.sub("HOST", file.read_text(encoding="utf-8")))
        friction = record.get("friction") or {}
        components = {k: v.get("score") for k, v in (friction.get("components") or {}).items() if k != "effort"}
        metrics = {k: v for k, v in (record.get("metrics") or {}).items() if "wait" not in k}
        screens = {}
        for step in record.get("steps") or []:
            shot = step.get("screenshot")
            if shot:
                path = file.parent.parent / shot
                screens[shot.rsplit("/", 1)[-1]] = hashlib.sha1(path.read_bytes()).hexdigest()[:12] \
                    if path.is_file() else "missing"
        found[file.stem] = {
            "outcome": [record.get("outcome"), record.get("outcome_reason")],
            "findings": [{k: f.get(k) for k in ("id", "step", "severity", "title", "detail", "evidence")}
                         for f in record.get("findings") or [] if f.get("id") not in TIMED],
            "friction": components,
            "metrics": metrics,
            "steps": [[s.get("status"), s.get("url"), s.get("title"), s.get("error_kind")]
                      for s in record.get("steps") or []],
            "screens": screens,
        }
    return found


def running_profile(results: Path) -> dict[int, float]:
    """Seconds during which k journeys ran at once (from each journey's started_at and duration_s): the time
    with fewer than --workers running is what the scheduling leaves idle, at the start and at the end."""
    spans = []
    for file in results.glob("*/journeys/*.json"):
        if file.parent.parent.is_symlink():
            continue
        record = json.loads(file.read_text(encoding="utf-8"))
        start = datetime.fromisoformat(record["started_at"]).timestamp()
        spans.append((start, start + float(record.get("duration_s") or 0)))
    events = sorted([(a, 1) for a, _ in spans] + [(b, -1) for _, b in spans])
    profile: dict[int, float] = {}
    running, last = 0, events[0][0] if events else 0.0
    for moment, change in events:
        if running > 0:
            profile[running] = profile.get(running, 0.0) + moment - last
        running, last = running + change, moment
    return {k: round(v, 1) for k, v in sorted(profile.items())}


def differences(a: dict[str, object], b: dict[str, object]) -> list[str]:
    """Journey/part pairs where two fingerprints differ (screenshots counted apart: see ``screens_differ``)."""
    out = []
    for journey in sorted(set(a) | set(b)):
        ja, jb = a.get(journey) or {}, b.get(journey) or {}
        out += [f"{journey}:{part}" for part in sorted(set(ja) | set(jb)) if part != "screens"
                and ja.get(part) != jb.get(part)]
    return out


def screens_differ(a: dict[str, object], b: dict[str, object]) -> set[str]:
    """The screenshots (journey/file) whose bytes differ between two runs."""
    return {f"{j}/{name}" for j, ja in a.items() for name, ha in ja.get("screens", {}).items()
            if ha != b.get(j, {}).get("screens", {}).get(name)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--model", default="threads", choices=("threads", "shared"))
    parser.add_argument("--variant", action="append", default=[],
                        help="NAME=FLAGS: launch flags to add (or, written ---flag, to take away); repeatable")
    args = parser.parse_args()
    variants = {"current": ""} | dict(v.split("=", 1) for v in args.variant)
    work = Path(tempfile.mkdtemp(prefix="ja-flags-"))
    print(f"flags bench in {work}; {args.model} w{args.workers}; load average "
          f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}", flush=True)
    envs = {name: variant_env(work, name, spec) for name, spec in variants.items()}
    sites = DemoSites(work)
    runs: dict[str, list[TreeRun]] = {name: [] for name in variants}
    prints: dict[str, list[dict]] = {name: [] for name in variants}
    names = list(variants)
    try:
        # The demo councils keep state between runs (an account registered by the first run exists for the
        # next): one unmeasured run first, so every measured run meets the sites in the same state.
        run_model(args.model, args.workers, sites, work, "warmup", env=envs[names[0]])
        for n in range(args.rounds):
            for name in names[n % len(names):] + names[:n % len(names)]:
                tag = f"{name}-r{n}"
                got = run_model(args.model, args.workers, sites, work, tag,
                                env=envs[name])
                runs[name].append(got)
                prints[name].append(fingerprint(work / f"{tag}-results"))
                kinds = ", ".join(f"{k} {v:.1f}" for k, v in sorted(got.cpu_by_kind.items(), key=lambda kv: -kv[1]))
                pss = ", ".join(f"{k} {v:.0f}" for k, v in sorted(got.pss_by_kind_mb.items(), key=lambda kv: -kv[1]))
                print(f"  r{n + 1} {name:<14} {got.seconds:5.1f}s wall, {got.cpu_s:5.1f} CPU-s ({kinds}); peak PSS "
                      f"{got.peak_pss_mb:5.0f} MB ({pss}); s with k journeys running "
                      f"{running_profile(work / f'{tag}-results')}; load {os.getloadavg()[0]:.1f}", flush=True)
    finally:
        sites.close()
    reference = prints["current"][0]
    # Pictures that differ between the baseline's own runs are not the flags' doing (a page caught mid-paint).
    unsteady = set().union(*(screens_differ(reference, p) for p in prints["current"][1:]))
    print(f"\n  {'variant':<14} {'wall s':>6} {'CPU-s':>6} {'PSS MB':>6}  results vs current r1")
    for name in names:
        med = statistics.median
        diffs = sorted({d for p in prints[name] for d in differences(reference, p)})
        shots = set().union(*(screens_differ(reference, p) for p in prints[name])) - unsteady
        print(f"  {name:<14} {med(r.seconds for r in runs[name]):6.1f} {med(r.cpu_s for r in runs[name]):6.1f} "
              f"{max(r.peak_pss_mb for r in runs[name]):6.0f}  "
              + ("same" if not diffs else "DIFFER: " + ", ".join(diffs))
              + f"; screenshots differing: {', '.join(sorted(shots)) or 'none'}")
    if unsteady:
        print(f"  (left out: pictures that differ between the baseline's own runs: {', '.join(sorted(unsteady))})")


if __name__ == "__main__":
    main()
