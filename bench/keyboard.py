"""Keyboard replay against mouse replay of the same demo journeys (issue 9: keyboard at most about 2x mouse).

Both modes run as their own `journey-audit run` process, same options, back to back in each round (the order
alternates between rounds, so a machine getting busier or quieter does not favour one mode). Reported: wall
time of each process, and the summed replay time of the journeys (``duration_s``, without start-up), over
all journeys and over the journeys that took the same path in both modes. A keyboard barrier ends a journey
early (a keyboard dead end), so "all journeys" flatters the keyboard; the same-path figure (same steps, same
ending in both modes) is the fair one.
"""

from __future__ import annotations

import json
import statistics
from pathlib import Path

from measure import Measured, run_measured

TARGET = 2.0
WORKERS = 2


def _journeys(results: Path) -> dict[str, dict]:
    found = {}
    for file in results.glob("*/journeys/*.json"):
        if not file.parent.parent.is_symlink():  # not the 'latest' link
            data = json.loads(file.read_text(encoding="utf-8"))
            found[file.stem] = {"seconds": float(data.get("duration_s") or 0), "steps": len(data.get("steps") or []),
                                "ending": (data.get("outcome"), (data.get("outcome_reason") or {}).get("kind"))}
    return found


def _one(bin_dir: Path, results: Path, keyboard: bool) -> tuple[Measured, dict[str, dict]]:
    cmd = [str(bin_dir / "journey-audit"), "run", "--results", str(results), "--workers", str(WORKERS)]
    measured = run_measured(cmd + (["--keyboard"] if keyboard else []))
    journeys = _journeys(results)
    if measured.returncode not in (0, 1) or len(journeys) != 12:
        raise SystemExit(f"bench: run{' --keyboard' if keyboard else ''} did not replay the 12 demo journeys "
                         f"(exit {measured.returncode}):\n{measured.output[-2000:]}")
    return measured, journeys


def keyboard_vs_mouse(work: Path, bin_dir: Path, rounds: int = 1) -> dict:
    """Replay the 12 demo journeys by mouse and by keyboard, ``rounds`` times; print and return the ratios."""
    print(f"\ndemo journeys by mouse and by keyboard (`journey-audit run [--keyboard] --workers {WORKERS}`):")
    wall: dict[str, list[float]] = {"mouse": [], "keyboard": []}
    replay: dict[str, list[float]] = {"mouse": [], "keyboard": []}
    same_path: dict[str, list[float]] = {"mouse": [], "keyboard": []}
    same: list[str] = []
    for n in range(rounds):
        order = ("mouse", "keyboard") if n % 2 == 0 else ("keyboard", "mouse")
        got = {mode: _one(bin_dir, work / f"{mode}-{n}", mode == "keyboard") for mode in order}
        mouse, keys = got["mouse"][1], got["keyboard"][1]
        same = sorted(k for k in mouse if k in keys and (mouse[k]["steps"], mouse[k]["ending"])
                      == (keys[k]["steps"], keys[k]["ending"]))
        for mode, (measured, journeys) in got.items():
            wall[mode].append(measured.seconds)
            replay[mode].append(sum(j["seconds"] for j in journeys.values()))
            same_path[mode].append(sum(journeys[k]["seconds"] for k in same))
        print(f"  round {n + 1}: mouse {got['mouse'][0].seconds:.1f}s, keyboard {got['keyboard'][0].seconds:.1f}s",
              flush=True)
    med = {name: {mode: statistics.median(v) for mode, v in d.items()}
           for name, d in (("wall", wall), ("replay", replay), ("same_path", same_path))}
    figures = {"rounds": rounds, "workers": WORKERS, "same_path_journeys": same,
               **{name: {mode: round(s, 2) for mode, s in m.items()} for name, m in med.items()}}
    for name, label in (("wall", "wall time of the process"), ("replay", "journeys' replay time, all 12"),
                        ("same_path", f"replay time, the {len(same)} journeys on the same path")):
        ratio = med[name]["keyboard"] / med[name]["mouse"] if med[name]["mouse"] else float("nan")
        figures[f"{name}_ratio"] = round(ratio, 2)
        print(f"  {label:<48} mouse {med[name]['mouse']:7.1f}s  keyboard {med[name]['keyboard']:7.1f}s  "
              f"keyboard/mouse {ratio:.2f}x")
    print(f"  (issue 9 target: keyboard/mouse about {TARGET:.0f}x at most; journeys on the same path: {', '.join(same)})")
    return figures
