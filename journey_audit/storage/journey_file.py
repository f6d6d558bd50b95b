"""The journey file on disk (schema_version 2): the in-memory record with repeats stored once.

A legacy journey re-probes the same site template after every step, so most of what a step records has been
recorded before. On top of the per-step changes of ``journey_audit.probes.delta`` (kept in memory too), the
file stores:

- **Shared values.** A string, list or object of at least ``MIN_SHARED_CHARS`` characters of JSON that occurs
  more than once in the steps' ``artifacts`` and ``keyboard`` facts (the same axe violation on every page of
  a template, the same list of navigation links, the same keyboard stops) is written once in the journey's
  ``shared`` list; each place it occurred holds ``{"$shared": <position>}``.
- **Snapshots as changes.** A step's compressed HTML or accessibility tree (``html_z``/``aria_z`` of the
  snapshot probe) is compressed again with the previous saved one of the journey as zlib's preset dictionary:
  ``html_dz``/``aria_dz`` = ``{"base": <step index>, "z": <base64>}``. Only when re-compressing the text gives
  back the stored bytes exactly (same zlib), so nothing is lost.

``expand`` gives back exactly the record that was written (every consumer, the audits included, reads that);
files written before this format (schema_version 1) have neither and load unchanged. Findings, metrics and
everything outside the steps' facts are written as they are, for people reading the file.
"""

from __future__ import annotations

import base64
import json
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

from journey_audit.probes.snapshot import pack as pack_text
from journey_audit.probes.snapshot import unpack as unpack_text
from journey_audit.storage.atomic import write_json_atomic

SCHEMA_VERSION = 2
MIN_SHARED_CHARS = 48  # shorter values cost about as much as the reference that would replace them
REF = "$shared"
SNAPSHOT_KEYS = ("html_z", "aria_z")
ZLIB_WINDOW = 32768  # zlib uses at most the last 32 KiB of a preset dictionary


def _dumps(value: Any) -> str:
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


def _fact_holders(steps: list[dict]) -> list[tuple[dict, str]]:
    """(step, key) of every value shared values may come from: the steps' artifacts and keyboard facts."""
    return [(step, key) for step in steps if isinstance(step, dict)
            for key in ("artifacts", "keyboard") if isinstance(step.get(key), (dict, list))]


# --- shared values -------------------------------------------------------------------------------------

def _children(node: Any) -> Any:
    return node.values() if isinstance(node, dict) else node if isinstance(node, list) else ()


def _share(steps: list[dict]) -> list[Any]:
    """Replace values that occur more than once by references to one copy (in place); the shared list."""
    holders = _fact_holders(steps)
    seen: Counter[str] = Counter()
    clash = False

    def count(node: Any) -> None:
        nonlocal clash
        if isinstance(node, dict):
            clash = clash or set(node) == {REF}
        for value in _children(node):
            count(value)
        if isinstance(node, (dict, list, str)):
            text = _dumps(node)
            if len(text) >= MIN_SHARED_CHARS:
                seen[text] += 1

    for step, key in holders:  # the artifacts (keyboard facts) of a step stay in the step: only what they hold is shared
        for value in _children(step[key]):
            count(value)
    clash = clash or any(set(step[key]) == {REF} for step, key in holders if isinstance(step[key], dict))
    if clash:  # a recorded object that looks like a reference: write this journey without sharing
        return []
    # A value inside a repeated value is written once with it: count it again as the file would hold it.
    repeated = {text for text, n in seen.items() if n > 1}
    kept: Counter[str] = Counter()

    def recount(node: Any) -> None:
        if isinstance(node, (dict, list, str)):
            text = _dumps(node)
            if text in repeated:
                kept[text] += 1
                if kept[text] > 1:
                    return
        for value in _children(node):
            recount(value)

    for step, key in holders:
        for value in _children(step[key]):
            recount(value)
    table: list[Any] = []
    position: dict[str, int] = {}

    def replace(node: Any) -> Any:
        if isinstance(node, (dict, list, str)):
            text = _dumps(node)
            if kept[text] > 1:
                if text not in position:
                    position[text] = len(table)
                    table.append(None)
                    table[position[text]] = inner(node)
                return {REF: position[text]}
        return inner(node)

    def inner(node: Any) -> Any:
        if isinstance(node, dict):
            return {k: replace(v) for k, v in node.items()}
        if isinstance(node, list):
            return [replace(v) for v in node]
        return node

    for step, key in holders:
        step[key] = inner(step[key])
    return table


def _unshare(steps: list[dict], table: list[Any]) -> None:
    """Put each shared value back where it occurred (a fresh copy each time; in place)."""
    opened: set[int] = set()  # shared values being put back now: one met again inside itself is a loop

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            if set(node) == {REF}:
                at = node[REF]
                if not isinstance(at, int) or not 0 <= at < len(table) or at in opened:
                    raise ValueError(f"no shared value {at!r} here")
                opened.add(at)
                try:
                    return resolve(table[at])
                finally:
                    opened.discard(at)
            return {k: resolve(v) for k, v in node.items()}
        if isinstance(node, list):
            return [resolve(v) for v in node]
        return node

    for step, key in _fact_holders(steps):
        step[key] = resolve(step[key])


# --- snapshots as changes ------------------------------------------------------------------------------

def _snapshot(step: Any) -> dict | None:
    """The step's snapshot artifact; None for anything else (a damaged or hand-made record is read as it is)."""
    artifacts = step.get("artifacts") if isinstance(step, dict) else None
    snap = artifacts.get("snapshot") if isinstance(artifacts, dict) else None
    return snap if isinstance(snap, dict) else None


def _dz(key: str) -> str:
    return key[:-2] + "_dz"  # html_z -> html_dz


def _chain_snapshots(steps: list[dict]) -> None:
    """Compress each snapshot text with the journey's previous one as preset dictionary (in place)."""
    previous: dict[str, tuple[Any, bytes]] = {}
    for step in steps:
        snap = _snapshot(step)
        if snap is None:
            continue
        for key in SNAPSHOT_KEYS:
            stored = snap.get(key)
            if not isinstance(stored, str):
                continue
            try:
                text = unpack_text(stored)
            except (ValueError, zlib.error, UnicodeDecodeError):
                previous.pop(key, None)
                continue
            raw = text.encode("utf-8")
            if key in previous and pack_text(text) == stored:  # expanding re-compresses: it must give these bytes
                base, dictionary = previous[key]
                packer = zlib.compressobj(9, zdict=dictionary)
                chained = base64.b64encode(packer.compress(raw) + packer.flush()).decode("ascii")
                if len(chained) < len(stored):
                    del snap[key]
                    snap[_dz(key)] = {"base": base, "z": chained}
            previous[key] = (step.get("index"), raw[-ZLIB_WINDOW:])


def _unchain_snapshots(steps: list[dict]) -> None:
    """Give each chained snapshot its own ``html_z``/``aria_z`` again (in place)."""
    if not any(_dz(key) in snap for snap in map(_snapshot, steps) if snap for key in SNAPSHOT_KEYS):
        return
    texts: dict[tuple[Any, str], bytes] = {}
    for step in steps:
        snap = _snapshot(step)
        if snap is None:
            continue
        chained_here = False
        for key in SNAPSHOT_KEYS:
            chained = snap.get(_dz(key))
            if isinstance(chained, dict):
                unpacker = zlib.decompressobj(zdict=texts[(chained["base"], key)])
                raw = unpacker.decompress(base64.b64decode(chained["z"])) + unpacker.flush()
                snap.pop(_dz(key))
                snap[key] = pack_text(raw.decode("utf-8"))
                chained_here = True
                texts[(step.get("index"), key)] = raw[-ZLIB_WINDOW:]
            elif isinstance(snap.get(key), str):
                try:
                    texts[(step.get("index"), key)] = unpack_text(snap[key]).encode("utf-8")[-ZLIB_WINDOW:]
                except (ValueError, zlib.error, UnicodeDecodeError):
                    continue
        if chained_here:  # the key order the probe wrote, so the record reads as it did before it was saved
            order = ("digest", "chars", *SNAPSHOT_KEYS)
            for key in [k for k in order if k in snap] + [k for k in list(snap) if k not in order]:
                snap[key] = snap.pop(key)


# --- the file ------------------------------------------------------------------------------------------

def compact(data: dict[str, Any]) -> dict[str, Any]:
    """The file form of a journey record, in the current format (a new dict; the record is left as it is)."""
    out = json.loads(json.dumps(data))
    steps = out.get("steps")
    out["schema_version"] = SCHEMA_VERSION
    if isinstance(steps, list):
        _chain_snapshots(steps)
        table = _share(steps)
        if table:
            out["shared"] = table
    return out


def expand(data: dict[str, Any]) -> dict[str, Any]:
    """The journey record from its file form, in place; a record already expanded is left as it is."""
    steps = data.get("steps")
    table = data.pop("shared", None)
    if isinstance(steps, list):
        if isinstance(table, list):
            _unshare(steps, table)
        _unchain_snapshots(steps)
    return data


def file_form(data: dict[str, Any]) -> dict[str, Any]:
    """What a journey's file holds; the record is marked with the format version it is written in."""
    data["schema_version"] = SCHEMA_VERSION
    return compact(data)


def write_journey(path: Path, data: dict[str, Any]) -> None:
    """Write a journey's file atomically (one line of JSON: indented, the artifacts would double in size)."""
    write_json_atomic(path, file_form(data), compact=True)
