"""The project phase's guard (DESIGN.md §7, bad input): a step that raises costs its own part only.

Each step of the project phase (the search for timeout-forwarding wrappers, each pending-finding
check, each scope filter) runs through `PhaseGuard.run`. When it raises (any Exception, RecursionError
included), the run goes on with the step's fallback, the failure is recorded, and the runner reports
it as a PRR003 finding: the run is not cached and exits 2. A step that failed once is not tried again.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from traceback import walk_tb
from typing import Callable, List, Set, TypeVar

T = TypeVar("T")
_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
_LONGEST = 300  # characters of an exception's message kept in the report
# Appended to the message of a pending finding whose project check crashed (project/phase.py `settle`).
UNCONFIRMED = "(unconfirmed: the project-phase check that confirms or drops this finding crashed, see PRR003)"


class Unfinished(Exception):
    """Raised by a step that needs what another, crashed step did not finish."""


@dataclass(frozen=True)
class Failure:
    """A project-phase step that raised: what it was, the error, what the run did instead, and the
    file it concerned ("" when it concerned the whole project)."""

    step: str
    error: str
    outcome: str
    path: str = ""
    crashed: bool = True  # False: it could not run (Unfinished)

    @property
    def message(self) -> str:
        return f"the project phase's {self.step} {'crashed' if self.crashed else 'could not run'}: {self.error}; {self.outcome}"


class PhaseGuard:
    """Runs the project phase's steps and keeps the failures of those that raise."""

    def __init__(self) -> None:
        self.failures: List[Failure] = []
        self._failed: Set[str] = set()

    def run(self, step: str, call: Callable[[], T], fallback: T, outcome: str, path: str = "") -> T:
        """`call()`, or `fallback` when it raises or the step already failed."""
        if step in self._failed:
            return fallback
        try:
            return call()
        except Exception as error:  # reported as PRR003 by the runner  # noqa: BLE001
            self.fail(step, error, outcome, path)
            return fallback

    def fail(self, step: str, error: BaseException, outcome: str, path: str = "") -> None:
        self._failed.add(step)
        unfinished = isinstance(error, Unfinished)
        self.failures.append(Failure(step, str(error) if unfinished else describe(error), outcome, path, not unfinished))

    def failed(self, step: str) -> bool:
        return step in self._failed


def describe(error: BaseException) -> str:
    """`RecursionError: maximum recursion depth exceeded (prr_lint/project/index.py:88)`: the type,
    the message on one line, and the innermost line of prr-lint's own code it was raised in."""
    text = " ".join(str(error).split())
    text = text if len(text) <= _LONGEST else text[: _LONGEST - 3] + "..."
    where = ""
    for frame, line in walk_tb(error.__traceback__):
        filename = frame.f_code.co_filename
        if filename.startswith(_PACKAGE + os.sep):
            where = f"{os.path.relpath(filename, os.path.dirname(_PACKAGE))}:{line}".replace(os.sep, "/")
    head = f"{type(error).__name__}: {text}" if text else type(error).__name__
    return f"{head} ({where})" if where else head
