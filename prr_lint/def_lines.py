"""Line and column of each `def`, from a text scan rather than libcst positions (DESIGN.md §6)."""

from __future__ import annotations

import re
from typing import List, Sequence, Tuple

_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)", re.MULTILINE)
# Triple-quoted strings, roughly (a `#` comment holding quotes can fool it: then names mismatch
# and the line is left unknown rather than wrong, as the alignment below checks names).
_TRIPLE_QUOTED = re.compile(r"(\"\"\"|\'\'\')(?:\\.|(?!\1).)*?\1", re.DOTALL)


def definition_lines(source: str, names: Sequence[str]) -> List[Tuple[int, int]]:
    """(line, column) of each `def`, given the function names in source order as the walker met them.

    A regex scan, aligned by name: a `def` line inside a string is skipped because its name does not
    match the next expected one. (0, 0) where no line matches (a `def` split over lines).
    """
    found: List[Tuple[int, int]] = []
    matches = list(_DEF.finditer(source))
    if ('"""' in source or "'''" in source) and matches:
        # Leave out `def` lines inside triple-quoted strings (docstrings with code examples).
        spans = [m.span() for m in _TRIPLE_QUOTED.finditer(source)]
        if spans:
            import bisect

            starts = [start for start, _ in spans]
            kept = []
            for match in matches:
                at = bisect.bisect_right(starts, match.start()) - 1
                if at < 0 or match.start() >= spans[at][1]:
                    kept.append(match)
            matches = kept
    position = 0
    newlines: List[int] = [m.start() for m in re.finditer("\n", source)] if matches else []
    for name in names:
        index = position
        while index < len(matches) and matches[index].group(1) != name:
            index += 1
        if index == len(matches):
            found.append((0, 0))
            continue
        match = matches[index]
        position = index + 1
        start = match.start(1) - len(match.group(0)) + len(match.group(0).lstrip(" \t"))
        line = _bisect(newlines, match.start()) + 1
        line_start = newlines[line - 2] + 1 if line >= 2 else 0
        found.append((line, start - line_start + 1))
    return found


def _bisect(offsets: List[int], value: int) -> int:
    import bisect

    return bisect.bisect_left(offsets, value)
