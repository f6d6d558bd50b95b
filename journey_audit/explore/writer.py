"""Write the journey explore took as an ordinary journey file, ready to pin, edit and replay nightly."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from journey_audit.explore.autopilot import Planned


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return json.dumps(str(value), ensure_ascii=False)  # a JSON string is a valid YAML double-quoted scalar


def _step(planned: Planned) -> str:
    if isinstance(planned.args, str):
        body = _scalar(planned.args)
    else:
        body = "{" + ", ".join(f"{k}: {_scalar(v)}" for k, v in planned.args.items()) + "}"
    line = f"  - {planned.action}: {body}"
    return line + (f"  # {planned.comment}" if planned.comment else "")


def journey_yaml(*, council: str, council_id: str, task: str, home_url: str, base_url: str | None,
                 steps: list[Planned], summary: list[str], persona: str = "default") -> str:
    """YAML text of the journey: header comments (how it was found, why it stopped), then the steps."""
    parts = urlsplit(home_url)
    start = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    lines = [f"# Written by `journey-audit explore` on {date.today().isoformat()}: review it before relying on it."]
    lines += [f"# {line}" for line in summary]
    lines += [
        f"council: {_scalar(council)}",
        f"council_id: {council_id}",
        f"task: {task}",
        f"start: {_scalar(start)}",
        f"base_url: {_scalar(base_url or f'{parts.scheme}://{parts.netloc}')}",
        f"persona: {persona}",
        "steps:" + ("" if steps else " []"),
    ]
    lines += [_step(s) for s in steps]
    return "\n".join(lines) + "\n"
