"""One module per CLI command (after sqlite-utils): ``add_parser(sub)`` plus ``command(args, console)``.

Each command is a few lines over the library; argument types shared by commands live here.
"""

from __future__ import annotations

import argparse


def shard(text: str) -> tuple[int, int]:
    try:
        i, n = (int(x) for x in text.split("/"))
    except ValueError:
        raise argparse.ArgumentTypeError("shard is I/N, e.g. 1/3") from None
    if not (n >= 1 and 1 <= i <= n):
        raise argparse.ArgumentTypeError("shard I/N needs 1 <= I <= N")
    return i, n


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value
