"""Lines of the calls and class attributes that marks record, found by scanning the source text:
libcst positions for every node cost too much to compute on every file (DESIGN.md §6)."""

from __future__ import annotations

import re
from typing import List


class LineFinder:
    """Lines of registration calls, from a text scan (positions cost, DESIGN.md §6): the first line
    at or after the previous answer that holds the first word, with the others as whole words on it
    or on the lines a call split over several lines continues on, since the walk meets calls in
    source order."""

    _SPAN = 8  # lines a registration call may span

    def __init__(self, source: str) -> None:
        self._lines = source.splitlines()
        self._next = 0

    def line_of(self, *words: str) -> int:
        if not words:
            return 0
        first, *rest = [_word(word) for word in words]
        starts = [number for number in self._order() if first.search(self._lines[number])]
        for number in starts:  # the whole call on one line
            if all(p.search(self._lines[number]) for p in rest):
                self._next = number
                return number + 1
        for number in starts:  # a call split over lines, up to the next line that makes the same call
            end = number + 1
            while end < min(len(self._lines), number + self._SPAN) and not first.search(self._lines[end]):
                end += 1
            if all(p.search("\n".join(self._lines[number:end])) for p in rest):
                self._next = number
                return number + 1
        return 0

    def attribute_line(self, name: str) -> int:
        """The line of a class-body assignment to `name` (`cable: CableType = ...`)."""
        pattern = re.compile(r"^[ \t]+" + re.escape(name) + r"[ \t]*[:=]")
        for number in self._order():
            if pattern.match(self._lines[number]):
                self._next = number
                return number + 1
        return 0

    def _order(self) -> List[int]:
        return [*range(self._next, len(self._lines)), *range(0, self._next)]


def _word(word: str) -> "re.Pattern[str]":
    """`word` where it is not part of a longer name (`Authorities`, not `AuthoritiesList`)."""
    head = r"(?<!\w)" if word[:1].isalnum() or word[:1] == "_" else ""
    tail = r"(?!\w)" if word[-1:].isalnum() or word[-1:] == "_" else ""
    return re.compile(head + re.escape(word) + tail)
