"""Keeping untrusted site data harmless: which URLs may be links, the page's CSP, and image sources.

Everything that came from an audited site is untrusted. Links are made only for http(s) URLs; the page
carries a Content-Security-Policy that allows no remote load and runs only our own inline script (by
hash); screenshots are served only from inside the run folder.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlsplit

IMAGE_TYPES = {".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp"}


def safe_href(url: Any) -> str | None:
    """The URL if it is plain http(s) and so safe to link; None for javascript:, data:, junk."""
    if not isinstance(url, str):
        return None
    text = url.strip()
    if not text or any(ord(c) < 32 or c in "\\" for c in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return text


def content_security_policy(css: str, js: str) -> str:
    """No remote loads at all; only our own inline style and script run (pinned by hash)."""
    def digest(text: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"

    return (f"default-src 'none'; img-src 'self' data:; style-src {digest(css)}; "
            f"script-src {digest(js)}; base-uri 'none'; form-action 'none'")


class ImageSource:
    """Turns a screenshot path from the journey JSON into an <img src>, or None if unusable.

    Paths are checked to stay inside the run folder, so a doctored JSON cannot point at other files.
    """

    def __init__(self, folder: Path, embed: bool):
        self.folder = folder.resolve()
        self.embed = embed
        self._cache: dict[str, str | None] = {}

    def src(self, rel: Any) -> str | None:
        if not isinstance(rel, str) or not rel:
            return None
        if rel not in self._cache:
            self._cache[rel] = self._src(rel)
        return self._cache[rel]

    def _src(self, rel: str) -> str | None:
        path = (self.folder / rel).resolve()
        mime = IMAGE_TYPES.get(path.suffix.lower())
        if mime is None or not path.is_relative_to(self.folder) or not path.is_file():
            return None
        if self.embed:
            return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode("ascii")
        return quote(path.relative_to(self.folder).as_posix())
