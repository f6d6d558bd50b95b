"""Pieces every demo council shares: the submission log, reference numbers and input checks."""

from __future__ import annotations

import itertools
import re
import threading
from collections import Counter
from pathlib import Path

DEMO_DIR = Path(__file__).resolve().parent
FILES_DIR = DEMO_DIR / "files"
TEMPLATES_DIR = DEMO_DIR / "templates"
STATIC_DIR = DEMO_DIR / "static"

TASKS: tuple[str, ...] = ("report-pothole", "apply-parking-permit", "report-missed-bin", "book-bulky-waste")

_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?\s*[0-9][A-Z]{2}$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


class SubmissionLog:
    """Thread-safe count of FINAL submissions per (council_id, task).

    Only the POST that really files a report/application records here, so tests can prove that
    journey-audit never submits without --allow-submit.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: Counter[tuple[str, str]] = Counter()
        self._refs = itertools.count(104_233)

    def record(self, council_id: str, task: str) -> int:
        """Count one final submission and return a fresh sequence number for its reference."""
        with self._lock:
            self._counts[(council_id, task)] += 1
            return next(self._refs)

    def count(self, council_id: str | None = None, task: str | None = None) -> int:
        with self._lock:
            return sum(
                n
                for (c, t), n in self._counts.items()
                if (council_id is None or c == council_id) and (task is None or t == task)
            )

    def reset(self) -> None:
        with self._lock:
            self._counts.clear()


def is_postcode(value: str) -> bool:
    """UK postcode shape, with or without the space (GOV.UK: accept both)."""
    return bool(_POSTCODE.match(value.strip().upper()))


def is_email(value: str) -> bool:
    return bool(_EMAIL.match(value.strip()))


def is_phone(value: str) -> bool:
    digits = re.sub(r"[\s()+-]", "", value)
    return digits.isdigit() and 10 <= len(digits) <= 13
