"""The time budget of one file's per-file phase (`file-timeout`, PRR004 analysis-timeout).

The budget is CPU time of the process that analyses the file, not wall-clock time: on a busy
machine (a shared CI runner, a laptop compiling) a file gets less of a core and takes longer by the
clock, and a CI gate whose findings depend on the machine's load is flaky. In CPU seconds a file's
verdict depends on the file.

Two limits enforce it, because no single one can:

- A soft limit in the process that analyses the file: an `ITIMER_PROF` timer (process CPU time,
  user and system) whose SIGPROF handler raises `AnalysisTimeout` (a BaseException, so no rule's
  `except Exception` swallows it). It stops anything that runs Python bytecode, regular
  expressions included (`re` checks for signals while it backtracks), and names the phase it
  stopped. Arming and disarming costs two system calls per file. It is used only where signals can
  be delivered: POSIX, and the main thread.
- A hard limit for native code that never returns to the interpreter: libcst's parser tokenizes
  and parses in Rust and runs no Python code (so no signal handler) until its tree is built. Only
  killing the process stops it. Worker processes are supervised by the parent (`pool.py`), which
  reads a worker's CPU time (`process_cpu`, Linux) and kills and replaces one that overruns the
  budget plus `GRACE`; a worker that uses no CPU (asleep, deadlocked, blocked with signals masked)
  is killed only after a generous wall-clock allowance (`wall_allowance`), which is all there is
  where a process's CPU time cannot be read. With `--jobs 1` files are analysed in the main
  process, where the soft limit applies; the files whose shape is known to make the native parser
  blow up are parsed first in a throw-away child with the file's remaining CPU budget
  (`parse_guard.py`).
"""

from __future__ import annotations

import os
import signal
import threading
import time
from contextlib import contextmanager
from typing import Any, Callable, Iterator, Optional

DEFAULT_FILE_TIMEOUT = 20.0
# CPU seconds past the budget before a process is killed (its own timer normally fires first).
GRACE = 1.0
# Wall-clock seconds a process may take per CPU second of budget before it is taken for stuck.
# A process that gets a quarter of a core (load 8 on 2 cores: a busy CI runner) still finishes a
# file that is within its CPU budget; a truly stuck one (a deadlock, a rule that sleeps with
# signals blocked) costs four budgets of waiting, which is rare enough to pay. On Linux the parent
# also sees the worker's CPU time, and spares one that is still getting CPU past this allowance.
HARD_WALL_FACTOR = 4.0
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


def wall_allowance(cpu_seconds: float) -> float:
    """Wall-clock seconds after which a process with `cpu_seconds` of budget is taken for stuck."""
    return cpu_seconds * HARD_WALL_FACTOR + GRACE


class AnalysisTimeout(BaseException):
    """The file's analysis ran past its budget; raised by the timer's handler inside the analysis."""

    def __init__(self, phase: str, seconds: float) -> None:
        super().__init__(f"{describe(phase)} after {seconds:g} s of CPU time")
        self.phase = phase
        self.seconds = seconds


class PhaseTracker:
    """Which phase the current file is in, for the timeout message.

    `shared` is an optional multiprocessing `RawValue('i')`: a worker writes the phase index there so
    that its parent can name the phase of a worker it had to kill; `cpu` an optional `RawValue('d')`
    where it writes its CPU time at the start of each file, for the parent's hard limit.
    """

    def __init__(self, shared: Optional[Any] = None, cpu: Optional[Any] = None) -> None:
        self.phase = PHASES[0]
        self.started = time.process_time()
        self.seconds = 0.0
        # Set by the timer. The exception it raised may be lost on the way out (cleanup code that
        # raises another one, which a rule's crash handler then catches): the next phase boundary,
        # and the caller at the end, still see that time ran out.
        self.expired = False
        self._shared = shared
        self._cpu = cpu

    def start(self, seconds: float) -> None:
        self.started = time.process_time()
        self.seconds = seconds
        self.expired = False
        if self._cpu is not None:
            self._cpu.value = self.started

    def enter(self, phase: str) -> None:
        if self.expired:
            raise AnalysisTimeout(self.phase, self.seconds)
        self.phase = phase
        if self._shared is not None:
            self._shared.value = PHASES.index(phase)

    def remaining(self) -> Optional[float]:
        """CPU seconds left of the budget, or None without one."""
        if not self.seconds:
            return None
        return max(0.0, self.seconds - (time.process_time() - self.started))


_current: Optional[PhaseTracker] = None


def _on_timer(signum: int, frame: Any) -> None:
    tracker = _current
    if tracker is not None:
        tracker.expired = True
        raise AnalysisTimeout(tracker.phase, tracker.seconds)


def timers_work() -> bool:
    """Whether the soft limit can run here: POSIX CPU-time interval timers, on the main thread."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def limit(tracker: PhaseTracker, seconds: float) -> Iterator[PhaseTracker]:
    """Runs the block under the soft limit (when `timers_work()`); `tracker` names the phase."""
    global _current
    tracker.start(seconds)
    tracker.enter(PHASES[0])
    if not seconds or not timers_work():
        yield tracker
        return
    previous = signal.signal(signal.SIGPROF, _on_timer)
    _current = tracker
    # Someone else's CPU timer (a sampling profiler, say) is put back afterwards, less the time spent here.
    outer, interval = signal.setitimer(signal.ITIMER_PROF, seconds)
    try:
        yield tracker
    finally:
        _current = None  # a signal that arrives from here on does nothing
        signal.setitimer(signal.ITIMER_PROF, 0)
        signal.signal(signal.SIGPROF, previous)
        if outer:
            spent = time.process_time() - tracker.started
            signal.setitimer(signal.ITIMER_PROF, max(0.001, outer - spent), interval)


class Watch:
    """The hard limit on another process analysing one file, which started at `started` (monotonic
    wall time) with `before()` CPU seconds used already: it is to be killed past `budget + GRACE` CPU
    seconds, or past its `wall_allowance` while it gets no CPU at all. The caller checks `overrun`
    no earlier than `due`; in between the process cannot have reached its CPU limit, since it uses
    at most one CPU second per wall second."""

    def __init__(self, pid: int, budget: float, started: float, before: Callable[[], float] = lambda: 0.0) -> None:
        self.pid, self.budget, self.started, self._before = pid, budget, started, before
        # The CPU time last seen and when it was first seen at that value: no change for GRACE
        # seconds means the process gets no CPU (a starved one still gets some every second).
        self._seen: Optional[float] = None
        self._seen_at = started
        self.due = started + budget + GRACE

    def overrun(self, now: float) -> Optional[str]:
        """"cpu" or "wall" when the process is to be killed; otherwise None, and `due` moves on."""
        if now < self.due:
            return None
        total = process_cpu(self.pid)
        used = None if total is None else max(0.0, total - self._before())
        if used is not None and used > self.budget + GRACE:
            return "cpu"
        if used != self._seen:
            self._seen, self._seen_at = used, now
        backstop = self.started + wall_allowance(self.budget)
        if now >= backstop and (used is None or now - self._seen_at >= GRACE):
            return "wall"  # asleep, deadlocked or blocked, not merely starved by a busy machine
        wall_due = backstop if now < backstop else max(now, self._seen_at + GRACE)
        self.due = wall_due if used is None else min(wall_due, now + max(0.01, self.budget + GRACE - used))
        return None


_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") and "SC_CLK_TCK" in os.sysconf_names else 100


def process_cpu(pid: int) -> Optional[float]:
    """CPU seconds (user and system) used by process `pid` and its running children (a worker's
    parse_guard child), from /proc; None where they cannot be read (not Linux)."""
    total = _stat_cpu(pid)
    if total is None:
        return None
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as handle:
            children = [int(child) for child in handle.read().split()]
    except (OSError, ValueError):  # a kernel without the list: the process's own time only
        children = []
    return total + sum(_stat_cpu(child) or 0.0 for child in children)


def _stat_cpu(pid: int) -> Optional[float]:
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        # After the command name: utime and stime are fields 14 and 15 of proc(5), in clock ticks.
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):  # not Linux, or the process is gone
        return None
