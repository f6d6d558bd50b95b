"""Find a task in the council's A to Z of services, if the home page links to one.

``in_a_to_z`` is None when there is no A to Z, False when the A to Z does not list the task. Letter
pages (a link named just "P") are opened only for the first letters of the task's phrases.
"""

from __future__ import annotations

import re
from typing import Any

from journey_audit.explore.pages import Budget, OutOfBudget, links_on, plain, same_site, visit
from journey_audit.explore.vocabulary import TaskVocabulary

A_TO_Z = re.compile(r"\bA\s*(?:to|-|–|—)\s*Z\b", re.I)


def _entry(links: list[dict[str, Any]], vocab: TaskVocabulary, start_url: str | None) -> dict[str, Any] | None:
    for link in links:
        if link["chrome"]:
            continue
        if vocab.names_task(link["name"]) or (start_url and plain(link["href"]) == plain(start_url)):
            return link
    return None


def find_in_a_to_z(page: Any, home_url: str, vocab: TaskVocabulary, start_url: str | None,
                   budget: Budget) -> dict[str, Any]:
    found: dict[str, Any] = {"page": None, "in_a_to_z": None, "entry": None, "clicks": None, "stopped": None}
    try:
        visit(page, home_url, budget)
        index = next((x for x in links_on(page) if A_TO_Z.search(x["name"]) and same_site(x["href"], home_url)), None)
        if index is None:
            return found
        visit(page, index["href"], budget)
        found["page"], found["in_a_to_z"], found["clicks"] = page.url, False, 1
        links = links_on(page)
        entry = _entry(links, vocab, start_url)
        if entry is None:
            letters = {p.strip()[0].upper() for p in vocab.phrases}
            for letter_link in [x for x in links if x["name"].strip().upper() in letters and same_site(x["href"], home_url)]:
                visit(page, letter_link["href"], budget)
                entry = _entry(links_on(page), vocab, start_url)
                if entry:
                    found["clicks"] = 2
                    break
        if entry:
            found.update(in_a_to_z=True, entry={"link": entry["name"], "url": entry["href"]},
                         clicks=found["clicks"] + 1)
        else:
            found["clicks"] = None
    except OutOfBudget as exc:
        found["stopped"] = str(exc)
    except Exception as exc:
        found["stopped"] = f"{type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''}"
    return found
