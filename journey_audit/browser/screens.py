"""A journey's screenshots: one file per distinct picture, taken only when the page changed.

A step that neither loaded a page nor changed the page's structure shows what the step before showed, so
it points at that step's file instead of taking another; two steps whose pictures are byte-identical (a
form shown again unchanged) share one file, found by content hash. Reports, dead ends and evidence keep
reading ``step["screenshot"]`` as before: it always names a file that exists in the run folder.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

JPEG_QUALITY = 55  # readable text, about 20-60 KB for a desktop viewport
SHOT_TIMEOUT_MS = 10_000


class JourneyScreens:
    """Takes, names and deduplicates the viewport screenshots of one journey replay."""

    def __init__(self, screens_dir: Path, run_folder: Path):
        self.screens_dir = screens_dir
        self.run_folder = run_folder
        self.by_hash: dict[str, str] = {}  # sha256 of the JPEG -> its path relative to the run folder
        self.last: str | None = None  # the picture the page showed after the last step that took one
        self.taken = 0
        self.reused = 0

    def shoot(self, page: Any, index: int, *, changed: bool) -> str | None:
        """The path (relative to the run folder) of the picture of the page after step ``index``, or None.

        ``changed=False`` (nothing loaded, nothing in the DOM changed) reuses the last picture if there is one.
        """
        if not changed and self.last is not None:
            self.reused += 1
            return self.last
        try:
            data = page.screenshot(type="jpeg", quality=JPEG_QUALITY, timeout=SHOT_TIMEOUT_MS)
        except Exception:
            return None  # a closed or crashed page has no picture; the step's record says why
        digest = hashlib.sha256(data).hexdigest()
        known = self.by_hash.get(digest)
        if known is not None:
            self.reused += 1
            self.last = known
            return known
        path = self.screens_dir / f"{index:02d}.jpg"
        try:
            path.write_bytes(data)
        except OSError:
            return None
        self.taken += 1
        self.last = self.by_hash[digest] = str(path.relative_to(self.run_folder))
        return self.last
