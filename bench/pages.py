"""The bench's pages: the demo councils' own pages plus generated legacy-sized pages, all on 127.0.0.1.

The generated pages are written here from well-known legacy patterns (table layout, a mega-menu of links,
one long form with unlabelled and placeholder-only fields, long selects): 1,000+ elements each, so the
bench measures pages of realistic size rather than the small demo pages alone.
"""

from __future__ import annotations

import html
import random
import re
import threading
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urljoin, urlsplit

SKIP = re.compile(r"\.(pdf|docx?|jpe?g|png|gif|svg|css|js|ico|zip)$|/assets/", re.I)


def crawl_demo(base_urls: dict[str, str], limit: int) -> list[str]:
    """Same-origin pages reachable from each demo council's home page by GET links, breadth first."""
    found: list[str] = []
    per_council = max(1, limit // max(1, len(base_urls)))
    for base in base_urls.values():
        origin = urlsplit(base).netloc
        queue, seen, kept = [base.rstrip("/") + "/"], set(), []
        while queue and len(kept) < per_council:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            try:
                with urllib.request.urlopen(url, timeout=5) as response:
                    if "html" not in response.headers.get("Content-Type", ""):
                        continue
                    body = response.read().decode("utf-8", "replace")
            except OSError:
                continue
            kept.append(url)
            for href in re.findall(r'href="([^"#]+)"', body):
                target = urljoin(url, html.unescape(href))
                if urlsplit(target).netloc == origin and not SKIP.search(urlsplit(target).path):
                    queue.append(target)
        found += kept
    return found[:limit]


def legacy_page(n: int) -> str:
    """One generated legacy page: ~1,200 elements, a 60-field form, a few known accessibility faults."""
    rng = random.Random(n)
    menu = "".join(f'<td><a href="/p{rng.randrange(999)}.html">Service {i} and related information</a></td>'
                   + ("</tr><tr>" if i % 6 == 5 else "") for i in range(240))
    fields = []
    for i in range(60):
        kind = i % 6
        name = f"f{i}"
        if kind == 0:
            fields.append(f'<tr><td><label for="{name}">Field {i} *</label></td><td><input id="{name}" name="{name}"></td></tr>')
        elif kind == 1:  # visible text but no label association (WCAG F68)
            fields.append(f'<tr><td>Field {i}</td><td><input name="{name}" size="30"></td></tr>')
        elif kind == 2:  # placeholder only
            fields.append(f'<tr><td></td><td><input name="{name}" placeholder="Field {i}"></td></tr>')
        elif kind == 3:
            options = "".join(f"<option>Option {k}</option>" for k in range(40))
            fields.append(f'<tr><td><label for="{name}">Choice {i}</label></td><td><select id="{name}" name="{name}">{options}</select></td></tr>')
        elif kind == 4:
            fields.append(f'<tr><td><label for="{name}">Notes {i}</label></td><td><textarea id="{name}" name="{name}" rows="3"></textarea></td></tr>')
        else:
            radios = "".join(f'<input type="radio" name="{name}" value="{k}">{k} ' for k in ("Yes", "No", "Unsure"))
            fields.append(f"<tr><td>Question {i}</td><td>{radios}</td></tr>")
    paras = "".join(f"<p><font color=\"#999\">Paragraph {k}: please ensure that all sections of this form are "
                    "completed in full prior to submission, failure to do so may result in delays.</font></p>"
                    for k in range(40))
    return (f"<!DOCTYPE html><html><head><title>Online form {n}</title></head><body bgcolor=\"#ffffff\">"
            f"<table width=\"100%\"><tr><td><img src=\"/logo.gif\"> <b>District Council</b></td></tr></table>"
            f"<table class=\"menu\"><tr>{menu}</tr></table>{paras}"
            f"<form method=\"post\" action=\"/submit\"><table>{''.join(fields)}</table>"
            f"<input type=\"submit\" value=\"Go\"></form>"
            f"<table><tr><td><a href=\"/privacy.html\">Click here</a></td></tr></table></body></html>")


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@contextmanager
def serve_legacy_pages(folder: Path, count: int) -> Iterator[list[str]]:
    """Write ``count`` generated pages into ``folder`` and serve them on a free 127.0.0.1 port."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        (folder / f"form-{n:03d}.html").write_text(legacy_page(n), encoding="utf-8")

    def handler(*args, **kwargs):
        return _Quiet(*args, directory=str(folder), **kwargs)

    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        port = server.server_address[1]
        yield [f"http://127.0.0.1:{port}/form-{n:03d}.html" for n in range(count)]
    finally:
        server.shutdown()
        server.server_close()


def element_count(page_html: str) -> int:
    return len(re.findall(r"<[a-zA-Z]", page_html))
