"""The page's HTML and accessibility tree (Playwright's ARIA snapshot: roles, names, states), compressed,
so a stored run can be re-judged by rules that do not exist yet.

Scripts, styles, SVG drawing and comments are stripped before compressing (zlib, base64). To keep the
journey file small the HTML is stored only when it changed: every step records the digest, and a step
whose DOM is unchanged since the previous probe of the same page stores the digest alone
(``journey_audit.audits.snapshots.html_of`` finds the text by digest).
"""

from __future__ import annotations

import base64
import hashlib
import weakref
import zlib

from .base import Probe, ProbeContext, stripped_html_script

_LAST_DIGEST: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # page -> digest of its last snapshot
MAX_HTML_CHARS = 600_000
ARIA_TIMEOUT_MS = 3000


def pack(html: str) -> str:
    return base64.b64encode(zlib.compress(html.encode("utf-8"), 9)).decode("ascii")


def unpack(packed: str) -> str:
    return zlib.decompress(base64.b64decode(packed)).decode("utf-8")


def forget(page: object) -> None:
    """The page goes on to another journey (``check`` reuses a tab): its next snapshot is stored in full."""
    _LAST_DIGEST.pop(page, None)


def collect(ctx: ProbeContext) -> dict:
    try:
        html = ctx.dom["stripped_html"]  # taken in the DOM probes' one round trip
    except Exception:  # noqa: BLE001 - the DOM facts failed: the HTML may still be readable on its own
        html = ctx.page.evaluate(stripped_html_script())
    html = html[:MAX_HTML_CHARS]
    digest = hashlib.sha1(html.encode("utf-8")).hexdigest()[:16]
    try:
        unchanged = _LAST_DIGEST.get(ctx.page) == digest
        _LAST_DIGEST[ctx.page] = digest
    except TypeError:  # an object that cannot be weakly referenced (a test double): always store
        unchanged = False
    out = {"digest": digest, "chars": len(html)}
    if not unchanged:
        out["html_z"] = pack(html)
        try:
            out["aria_z"] = pack(ctx.page.locator("body").aria_snapshot(timeout=ARIA_TIMEOUT_MS)[:MAX_HTML_CHARS])
        except Exception as exc:  # noqa: BLE001 - a slow or odd page: keep the HTML anyway
            out["aria_error"] = f"{type(exc).__name__}: {str(exc).splitlines()[0][:200] if str(exc) else ''}"
    return out


PROBE = Probe("snapshot", collect)
