"""Reordering the lines of an answer so that what the question asked about comes first."""

from __future__ import annotations

from collections.abc import Callable


def lines_first(answer: str, comes_first: Callable[[str], bool]) -> str:
    """The answer with the lines for which `comes_first` holds first, in their order, and
    the other lines after them, in theirs."""
    lines = answer.splitlines()
    first = [line for line in lines if comes_first(line)]
    return "\n".join([*first, *(line for line in lines if line not in first)])
