"""Baseline (c): pa11y-ci with its axe runner, installed by the bench into bench/.cache (needs npm).

Puppeteer's own Chromium download is skipped: pa11y-ci launches the same Chromium the tool uses, through
its ``chromeLaunchConfig`` (``executablePath`` and the same launch flags).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

CACHE = Path(__file__).resolve().parent / ".cache" / "pa11y"
VERSION = "4"


def pa11y_ci() -> tuple[Path | None, str]:
    """The pa11y-ci executable, installing it on first use; (None, why) when it cannot be had."""
    binary = CACHE / "node_modules" / ".bin" / "pa11y-ci"
    if binary.is_file():
        return binary, "cached"
    npm = shutil.which("npm")
    if not npm:
        return None, "npm is not installed: pa11y-ci skipped"
    CACHE.mkdir(parents=True, exist_ok=True)
    (CACHE / "package.json").write_text('{"private": true}\n', encoding="utf-8")
    env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1", "PUPPETEER_SKIP_CHROMIUM_DOWNLOAD": "1"}
    print(f"installing pa11y-ci@{VERSION} into {CACHE} ...", flush=True)
    done = subprocess.run([npm, "install", "--no-audit", "--no-fund", f"pa11y-ci@{VERSION}"], cwd=CACHE, env=env,
                          capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not binary.is_file():
        return None, f"npm install pa11y-ci failed: {done.stderr.strip()[-300:]}"
    return binary, "installed"


def write_config(path: Path, urls: list[str], executable: str, args: list[str], concurrency: int) -> Path:
    config = {"defaults": {"runners": ["axe"], "timeout": 60000, "concurrency": concurrency,
                           "chromeLaunchConfig": {"executablePath": executable, "args": args}},
              "urls": urls}
    path.write_text(json.dumps(config, indent=1), encoding="utf-8")
    return path
