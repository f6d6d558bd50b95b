"""Site search for the demo councils: one good engine, one poor one (explore measures the difference).

- ``ranked_search`` (Brightwater): ignores stop words, weights words in the title above the body,
  best match first; the page for a task comes first when you search for the task.
- ``legacy_search`` (Mudford): any word of three or more letters found anywhere (as a substring), newest
  first; the service pages are old, so news, minutes and reports bury them.
Stonyfield's header search box does not search at all: it reloads the home page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

STOP_WORDS = frozenset("a an and the for of to in on or my your with by at".split())


@dataclass(frozen=True)
class Document:
    title: str
    url: str
    date: str  # yyyy-mm-dd; only the legacy engine looks at it ("" when unknown)
    body: str


def _stem(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _words(text: str) -> set[str]:
    return {_stem(w) for w in re.findall(r"[a-z0-9]+", text.lower().replace("’", "").replace("'", ""))}


def ranked_search(index: tuple[Document, ...], query: str) -> list[Document]:
    wanted = _words(query) - STOP_WORDS
    scored = []
    for doc in index:
        title, body = _words(doc.title), _words(doc.body)
        score = sum(3 for w in wanted if w in title) + sum(1 for w in wanted if w in body)
        if score:
            scored.append((-score, doc.title, doc))
    return [doc for *_, doc in sorted(scored, key=lambda s: (s[0], s[1]))]


def legacy_search(index: tuple[Document, ...], query: str) -> list[Document]:
    wanted = [w for w in re.findall(r"[a-z0-9]+", query.lower()) if len(w) >= 3]
    hits = [doc for doc in index if any(w in f"{doc.title} {doc.body}".lower() for w in wanted)]
    return sorted(hits, key=lambda d: d.date, reverse=True)
