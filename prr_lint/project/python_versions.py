"""The Python releases a runtime declaration admits, to the minor version (python2_runtime.py).

A declaration names a release (`3.6`, `py35`, `FROM python:3.6`) or only a major version (`python3`, `py3`,
`Programming Language :: Python :: 3`), which may be any of its releases. Python 3.7 made `async` and `await`
keywords: a project whose every declaration admits only earlier releases runs code that uses them as names
(python2_files.py), and the minor versions tell which declarations do.
"""

from __future__ import annotations

import re
from typing import FrozenSet, Iterable, List, Optional, Tuple

# (3, 6); (3, None): some Python 3, which release unknown.
Version = Tuple[int, Optional[int]]
Versions = FrozenSet[Version]
ASYNC_KEYWORDS: Tuple[int, int] = (3, 7)  # the first release where `async` and `await` are keywords
# Releases a specifier is tested against: each of Python 2's, and Python 3's up to a bound past today's, the last
# of which stands for every later release.
_CANDIDATES: Tuple[Tuple[int, int], ...] = (*((2, minor) for minor in range(8)), *((3, minor) for minor in range(21)))
_LATEST = _CANDIDATES[-1]
_RELEASE = re.compile(r"([23])(?:\.?(\d+))?")  # `3.6.8`, `3.6-dev`, `36` (`py36`, `C:\\Python36`), `3`, `3.x`
_OPERATOR = r"(===?|~=|!=|<=|>=|<|>|\^|~)"  # PEP 440's and Poetry's
_CLAUSE = re.compile(rf"^{_OPERATOR}?\s*v?(\d+(?:\.\d+)*)(\.\*)?$")
_SPACED = re.compile(rf"{_OPERATOR}\s+")  # `>= 3.6`


def release(text: str) -> Version:
    """The release a declaration's version names (`3.6.8`, `py36`'s `36`): the major alone when no minor follows
    (`3`, `3.x`). The text starts with the major version's digit."""
    match = _RELEASE.match(text)
    if match is None:
        raise ValueError(f"no Python version: {text!r}")
    return int(match.group(1)), int(match.group(2)) if match.group(2) else None


def majors(versions: Iterable[Version]) -> FrozenSet[int]:
    """The major versions among `versions` (what python2_runtime.py's Python 2 questions read)."""
    return frozenset(major for major, _ in versions)


def before(versions: Iterable[Version], first: Tuple[int, int]) -> bool:
    """Each version is known to be earlier than the release `first` (Python 2 always is; a bare `3` may be any)."""
    return all(major < first[0] or (minor is not None and (major, minor) < first) for major, minor in versions)


def refined(versions: Iterable[Version]) -> Versions:
    """The releases listed, a bare major standing for its releases only where none of them is listed: the classifier
    `Python :: 3` beside `Python :: 3.6` is a heading, not another release. Only where a bare major is a heading (a
    package's classifiers, one build stage's image): a unit's or a script's `python3` beside `python3.6` is an
    interpreter of its own."""
    found = frozenset(versions)
    listed = {major for major, minor in found if minor is not None}
    return frozenset((major, minor) for major, minor in found if minor is not None or major not in listed)


def specifier_versions(specifier: str) -> Versions:
    """The releases a required-Python specifier admits (`>=2.7, <3`: Python 2's; `>=3.4,<3.7`: 3.4 to 3.6; `^3.6`:
    3.6 and later, some 3), read to the minor version: PEP 440 clauses joined by commas or spaces, Poetry's `^`, `~`,
    bare versions and `||`. A clause it cannot read (`PYTHON_REQUIRES`) admits every release, and so does a specifier
    that admits none: it says nothing of the runtime."""
    admitted = set()
    for alternative in specifier.split("||"):
        clauses = [clause for clause in re.split(r"[,\s]+", _joined(alternative)) if clause and clause != "*"]
        admitted |= {candidate for candidate in _CANDIDATES if all(_admits(clause, candidate) for clause in clauses)}
    if not admitted:
        admitted = set(_CANDIDATES)
    if _LATEST in admitted:  # open above: some Python 3, which release unknown
        admitted = {candidate for candidate in admitted if candidate[0] != _LATEST[0]} | {(_LATEST[0], None)}
    return frozenset(admitted)


def _joined(specifier: str) -> str:
    """`>= 3.6`: an operator and its version as one clause."""
    return _SPACED.sub(r"\1", specifier.strip())


def _admits(clause: str, candidate: Tuple[int, int]) -> bool:
    """Some release of the line `candidate` (3.6: 3.6.0, 3.6.1, ...) meets the clause; an unreadable clause, any."""
    match = _CLAUSE.match(clause)
    if match is None:
        return True
    operator, wildcard = match.group(1) or "==", bool(match.group(3))
    numbers: List[int] = [int(part) for part in match.group(2).split(".")]
    given = tuple((numbers + [0, 0])[:3])
    low, high = (*candidate, 0), (*candidate, 1 << 30)  # the line's first release and one past its last
    if operator in ("==", "===", "!="):
        same = candidate[:len(numbers[:2])] == tuple(numbers[:2]) if wildcard else candidate == given[:2]
        # `!=3.0.*` leaves out the line; `!=3.6.1` one release of it only
        return not (wildcard and len(numbers) <= 2 and same) if operator == "!=" else same
    if operator in (">=", ">"):
        return high > given
    if operator == "<=":
        return low <= given
    if operator == "<":
        return low < given
    return high > given and low < _upper(operator, numbers)


def _upper(operator: str, numbers: List[int]) -> Tuple[int, int, int]:
    """The release a `~=`, `^` or `~` clause stops below (`~=3.6`: 4.0; `~=3.6.1`, `~3.6`: 3.7; `^2.7`: 3.0)."""
    if operator == "~=":
        kept = numbers[:-1] if len(numbers) > 1 else numbers
    elif operator == "~":
        kept = numbers[:2] if len(numbers) > 1 else numbers[:1]
    else:  # `^`: the first non-zero part may not change
        kept = numbers[:next((position for position, part in enumerate(numbers) if part), len(numbers) - 1) + 1]
    bumped = [*kept[:-1], kept[-1] + 1]
    return tuple((bumped + [0, 0])[:3])  # type: ignore[return-value]
