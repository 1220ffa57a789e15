"""The lowest version of a distribution that a requirement admits: what a finding keyed on a library's
version may assume will be installed (pinned_versions.py reads the project's files for them).

A requirement (PEP 508: `redis[hiredis]>=8.0,<9; python_version >= "3.9"`, or Poetry's `^8.0`) gives a lower
bound when one of its clauses does: `==8.0.0` and `===8.0.0` give 8.0.0, `>=8.0`, `~=8.0` (Poetry's `^8.0`,
`~8.0` too) give 8.0, `>7` gives 7 (an under-estimate, never too high); `<9`, `!=8.1`, `*`, a bare name or a URL
give none: any version may be installed, the bound is unknown. A pre-release (`8.0.0b1`, `8.0.0rc1`, `8.0.0.dev1`)
comes before its release: `==8.0.0b1` does not admit only 8.0.0 and later.
"""

from __future__ import annotations

import re
from typing import Iterable, Optional, Tuple

# A version: its release numbers, and whether it is a final release (not a pre-release or development one).
Version = Tuple[Tuple[int, ...], bool]

# PEP 440's public version (no epoch), then its pre-release, post-release, development and local parts.
_VERSION = re.compile(r"v?(\d+(?:\.\d+)*)(?:\.\*|(?P<pre>[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?\d*)?"
                      r"(?:-\d+|[-_.]?(?:post|rev|r)[-_.]?\d*)?(?P<dev>[-_.]?dev[-_.]?\d*)?(?:\+[a-z0-9.]+)?)", re.I)
_NAME = re.compile(r"\s*([A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?)\s*(?:\[[^\]]*\])?\s*")
_CLAUSE = re.compile(r"(===|~=|==|!=|<=|>=|<|>|\^|~|=)?\s*(v?\d[^\s,;|()]*|\*)")
_LOWER = frozenset({"===", "==", "~=", ">=", ">", "^", "~", "=", ""})  # the operators that bound from below


def normalized(name: str) -> str:
    """A distribution's name as PEP 503 compares it: `Redis_Py` and `redis-py` are one."""
    return re.sub(r"[-_.]+", "-", name).lower()


def parse_version(text: str) -> Optional[Version]:
    """`8.0.0` -> ((8, 0, 0), True); `8.0.0rc1` -> ((8, 0, 0), False); `8.*` -> ((8,), True); None when it is no
    version (an epoch's `1!2.0` too, whose order against plain versions this does not follow)."""
    found = _VERSION.fullmatch(text.strip())
    if found is None:
        return None
    return tuple(int(part) for part in found.group(1).split(".")), not (found.group("pre") or found.group("dev"))


def at_least(version: Version, floor: Version) -> bool:
    """Every release `version` stands for comes at or after `floor` (both padded with zeros)."""
    width = max(len(version[0]), len(floor[0]))
    mine, theirs = version[0] + (0,) * (width - len(version[0])), floor[0] + (0,) * (width - len(floor[0]))
    return mine > theirs or (mine == theirs and (version[1] or not floor[1]))


def lowest(bounds: Iterable[Optional[Version]]) -> Optional[Version]:
    """The lowest of some bounds, each of which may hold; None when any is unknown (or there is none)."""
    found: Optional[Version] = None
    for bound in bounds:
        if bound is None:
            return None
        found = bound if found is None or not at_least(bound, found) else found
    return found


def highest(bounds: Iterable[Optional[Version]]) -> Optional[Version]:
    """The highest of some bounds, all of which hold; the unknown ones add nothing (None when all are unknown)."""
    found: Optional[Version] = None
    for bound in bounds:
        found = bound if bound is not None and (found is None or at_least(bound, found)) else found
    return found


def constraint_bound(text: str) -> Optional[Version]:
    """The lower bound of a version constraint (`>=8.0,<9`, Poetry's `^8.0 || ^9.1`): the highest bound of
    its clauses, which all hold; of alternatives (`||`), the lowest."""
    return lowest(_all_of(part) for part in re.split(r"\|\|?", text))


def _all_of(text: str) -> Optional[Version]:
    return highest(parse_version(value) if value != "*" and operator in _LOWER else None for operator, value in _CLAUSE.findall(text))


def requirement(text: str) -> Optional[Tuple[str, Optional[Version]]]:
    """A PEP 508 requirement line -> (normalized name, lower bound or None); None when it names no
    distribution (an option line, a path, a URL without a name)."""
    text = text.split(";", 1)[0].split(" #", 1)[0].strip()
    found = _NAME.match(text)
    if not text or text.startswith(("-", ".", "/")) or found is None or "://" in text[: found.end()]:
        return None
    rest = text[found.end():].strip()
    if rest.startswith("@"):  # a direct URL: its version is what that file holds
        return normalized(found.group(1)), None
    rest = re.split(r"\s--?\w", " " + rest, 1)[0]  # a requirements file's per-line options (`--hash=...`)
    if rest.strip() and rest.strip()[0] not in "=<>!~(":
        return None
    return normalized(found.group(1)), constraint_bound(rest.replace("(", " ").replace(")", " "))
