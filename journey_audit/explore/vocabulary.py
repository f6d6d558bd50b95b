"""Task vocabularies: the words that say a link, page or search result is about a task.

Bundled in ``tasks.yaml`` (one entry per task id); users add or replace entries with ``--tasks-file``.
Matching is on normalised words (lower case, no punctuation, no plural "s"), so "Residents’ Parking
Permits" matches the phrase "residents parking permit".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from journey_audit.textfiles import TextFileError, read_utf8, yaml_problem

BUNDLED = Path(__file__).resolve().parent / "tasks.yaml"
KEYS = ("phrases", "sections", "actions")
_SLUG = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class VocabularyError(ValueError):
    """A tasks file that cannot be used: the message names the file and line."""


def words(text: str) -> tuple[str, ...]:
    """Normalised words: 'Residents’ Parking Permits' -> ('resident', 'parking', 'permit')."""
    text = re.sub(r"['’‘`]", "", (text or "").lower())
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                 for w in re.findall(r"[a-z0-9]+", text))


def _contains(haystack: tuple[str, ...], needle: tuple[str, ...]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


@dataclass(frozen=True)
class TaskVocabulary:
    task: str
    phrases: tuple[str, ...]
    sections: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()

    def names_task(self, text: str) -> str | None:
        """The first phrase found in ``text`` (a link, a title, a heading), or None."""
        have = words(text)
        return next((p for p in self.phrases if _contains(have, words(p))), None)

    def names_section(self, text: str) -> str | None:
        """A wider topic the task is filed under, found in ``text``, or None."""
        have = words(text)
        return next((s for s in self.sections if _contains(have, words(s))), None)

    def names_action(self, text: str) -> str | None:
        have = words(text)
        return next((a for a in self.actions if _contains(have, words(a))), None)

    def search_terms(self, limit: int = 2) -> tuple[str, ...]:
        """What a person would type into site search: the first, most natural phrases."""
        return self.phrases[:limit]


def _entries(path: Path, text: str) -> dict[str, TaskVocabulary]:
    try:
        root = yaml.compose(text)
    except yaml.MarkedYAMLError as exc:
        raise VocabularyError(yaml_problem(path, exc)) from None
    if root is None:
        return {}
    if not isinstance(root, yaml.MappingNode):
        raise VocabularyError(f"{path}:1: a tasks file maps task ids to {{phrases: [...], sections: [...], actions: [...]}}")
    found: dict[str, TaskVocabulary] = {}
    for key_node, value_node in root.value:
        line = key_node.start_mark.line + 1
        task = str(key_node.value)
        if not _SLUG.match(task):
            raise VocabularyError(f"{path}:{line}: task id '{task}' must be lower-case letters, digits and dashes")
        value = yaml.safe_load(yaml.serialize(value_node))
        if not isinstance(value, dict):
            raise VocabularyError(f"{path}:{line}: '{task}' needs phrases: [...] (and optionally sections, actions)")
        unknown = sorted(set(value) - set(KEYS))
        if unknown:
            raise VocabularyError(f"{path}:{line}: '{task}' has unknown key '{unknown[0]}' (expected: {', '.join(KEYS)})")
        lists: dict[str, tuple[str, ...]] = {}
        for key in KEYS:
            items = value.get(key) or []
            if not isinstance(items, list) or not all(isinstance(i, str) and words(i) for i in items):
                raise VocabularyError(f"{path}:{line}: '{task}.{key}' must be a list of words or phrases")
            lists[key] = tuple(items)
        if not lists["phrases"]:
            raise VocabularyError(f"{path}:{line}: '{task}' needs at least one phrase")
        found[task] = TaskVocabulary(task, lists["phrases"], lists["sections"], lists["actions"])
    return found


def load_vocabularies(extra: str | Path | None = None) -> dict[str, TaskVocabulary]:
    """The bundled vocabularies, with entries from ``extra`` added (or replacing bundled ones)."""
    vocab = _entries(BUNDLED, BUNDLED.read_text(encoding="utf-8"))
    if extra is not None:
        path = Path(extra)
        try:
            vocab.update(_entries(path, read_utf8(path)))
        except TextFileError as exc:
            raise VocabularyError(str(exc)) from None
    return vocab
