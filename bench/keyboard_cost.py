"""What a keyboard replay costs next to a mouse replay of the same journeys (issue 9 asks for at most ~2x).

`python bench/keyboard_cost.py [--rounds N] [--council ID]` runs `journey-audit run` on the bundled demo
journeys by mouse and with `--keyboard`, alternating so that a busy machine slows both alike, and prints the
median wall time of each, the replay time summed over journeys (start-up left out) and the ratios. Figures go
to stdout and bench/out/keyboard.json. Nothing here asserts a timing: it measures and prints.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measure import run_measured  # noqa: E402

BENCH = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def _replay_seconds(results: Path) -> tuple[float, int, dict[str, int]]:
    """Summed journey replay time, journey count and outcomes, read from the run the command wrote."""
    files = list(results.glob("*/journeys/*.json"))
    journeys = [json.loads(f.read_text(encoding="utf-8")) for f in files]
    outcomes: dict[str, int] = {}
    for j in journeys:
        outcomes[j["outcome"]] = outcomes.get(j["outcome"], 0) + 1
    return sum(float(j.get("duration_s") or 0) for j in journeys), len(journeys), outcomes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--council", action="append", default=[], help="only these demo councils")
    args = parser.parse_args()
    figures: dict[str, list[dict]] = {"mouse": [], "keyboard": []}
    with tempfile.TemporaryDirectory() as tmp:
        for n in range(args.rounds):
            for mode in ("mouse", "keyboard") if n % 2 == 0 else ("keyboard", "mouse"):
                results = Path(tmp) / f"{mode}-{n}"
                cmd = [str(BIN / "journey-audit"), "run", "--results", str(results), "--workers", "2"]
                cmd += [f"--council={c}" for c in args.council] + (["--keyboard"] if mode == "keyboard" else [])
                m = run_measured(cmd)
                replay, count, outcomes = _replay_seconds(results)
                if not count:
                    print(m.output[-2000:])
                    return 1
                figures[mode].append({"wall_s": round(m.seconds, 2), "replay_s": round(replay, 2),
                                      "journeys": count, "outcomes": outcomes})
                print(f"round {n + 1} {mode:8}: {count} journeys, wall {m.seconds:7.2f}s, replay summed "
                      f"{replay:7.2f}s, outcomes {outcomes}")
    wall = {k: statistics.median(r["wall_s"] for r in v) for k, v in figures.items()}
    replay = {k: statistics.median(r["replay_s"] for r in v) for k, v in figures.items()}
    summary = {"rounds": args.rounds, "councils": args.council or "all", "median_wall_s": wall,
               "median_replay_s": replay, "wall_ratio": round(wall["keyboard"] / wall["mouse"], 2),
               "replay_ratio": round(replay["keyboard"] / replay["mouse"], 2), "runs": figures}
    print(f"keyboard / mouse: wall {summary['wall_ratio']}x, replay {summary['replay_ratio']}x (issue 9: <= ~2x)")
    print("  (journeys that end early at a keyboard dead end replay fewer steps; compare outcomes above)")
    out = BENCH / "out" / "keyboard.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(summary, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
