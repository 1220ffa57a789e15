"""The time budget of one file's per-file phase (`file-timeout`, PRR004 analysis-timeout).

Two limits enforce it, because no single one can:

- A soft limit in the process that analyses the file: an `ITIMER_REAL` alarm whose handler raises
  `AnalysisTimeout` (a BaseException, so no rule's `except Exception` swallows it). It stops anything
  that runs Python bytecode, regular expressions included (`re` checks for signals while it
  backtracks), and names the phase it stopped. Arming and disarming costs two system calls per
  file. It is used only where signals can be delivered: POSIX, and the main thread.
- A hard limit for native code that never returns to the interpreter: libcst's parser tokenizes
  and parses in Rust and runs no Python code (so no signal handler) until its tree is built. Only
  killing the process stops it. Worker processes are supervised by the parent (`pool.py`), which
  kills and replaces a worker that overruns the budget plus a grace period, reading the phase the
  worker was in from shared memory. With `--jobs 1` files are analysed in the main process, where
  the soft limit applies; the files whose shape is known to make the native parser blow up are
  parsed first in a throw-away child with the file's remaining budget (`parse_guard.py`).
"""

from __future__ import annotations

import signal
import threading
import time
from contextlib import contextmanager
from typing import Any, Iterator, Optional

DEFAULT_FILE_TIMEOUT = 20.0
# The per-file phase, in order; an index into this tuple is what a worker shares with its parent.
PHASES = ("decode", "parse", "walk", "place", "suppress")
_DESCRIPTIONS = {
    "decode": "decoding the file",
    "parse": "parsing",
    "walk": "walking the tree for the rules and the module summary",
    "place": "placing the findings",
    "suppress": "applying suppressions",
}


def describe(phase: str) -> str:
    return _DESCRIPTIONS.get(phase, phase)


class AnalysisTimeout(BaseException):
    """The file's analysis ran past its budget; raised by the alarm handler inside the analysis."""

    def __init__(self, phase: str, seconds: float) -> None:
        super().__init__(f"{describe(phase)} after {seconds:g} s")
        self.phase = phase
        self.seconds = seconds


class PhaseTracker:
    """Which phase the current file is in, for the timeout message.

    `shared` is an optional multiprocessing `RawValue('i')`: a worker writes the phase index there so
    that its parent can name the phase of a worker it had to kill.
    """

    def __init__(self, shared: Optional[Any] = None) -> None:
        self.phase = PHASES[0]
        self.started = time.monotonic()
        self.seconds = 0.0
        # Set by the alarm. The exception it raised may be lost on the way out (cleanup code that
        # raises another one, which a rule's crash handler then catches): the next phase boundary,
        # and the caller at the end, still see that time ran out.
        self.expired = False
        self._shared = shared

    def enter(self, phase: str) -> None:
        if self.expired:
            raise AnalysisTimeout(self.phase, self.seconds)
        self.phase = phase
        if self._shared is not None:
            self._shared.value = PHASES.index(phase)

    def remaining(self) -> Optional[float]:
        """Seconds left of the budget, or None without one."""
        if not self.seconds:
            return None
        return max(0.0, self.seconds - (time.monotonic() - self.started))


_current: Optional[PhaseTracker] = None


def _on_alarm(signum: int, frame: Any) -> None:
    tracker = _current
    if tracker is not None:
        tracker.expired = True
        raise AnalysisTimeout(tracker.phase, tracker.seconds)


def alarms_work() -> bool:
    """Whether the soft limit can run here: POSIX interval timers, on the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def limit(tracker: PhaseTracker, seconds: float) -> Iterator[PhaseTracker]:
    """Runs the block under the soft limit (when `alarms_work()`); `tracker` names the phase."""
    global _current
    tracker.started = time.monotonic()
    tracker.seconds = seconds
    tracker.expired = False
    tracker.enter(PHASES[0])
    if not seconds or not alarms_work():
        yield tracker
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    _current = tracker
    # Someone else's timer (a test runner's, say) is put back afterwards, less the time spent here.
    outer, _ = signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield tracker
    finally:
        _current = None  # an alarm that fires from here on does nothing
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if outer:
            signal.setitimer(signal.ITIMER_REAL, max(0.001, outer - (time.monotonic() - tracker.started)))
