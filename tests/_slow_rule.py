"""A rule plug-in that is slow on purpose, for the time-budget tests (never registered for real).

On a module whose text holds `SLOW` it burns CPU (the CPU timer interrupts it); on `NAP` it
sleeps a second, using no CPU, which no CPU budget counts; on `STUCK` it blocks SIGPROF and
SIGALRM and sleeps, like native code that never returns to the interpreter, so only killing its
process stops it (the parent's wall-clock backstop); on `SPIN` it blocks them and burns CPU, so
only the parent's reading of its CPU time stops it; on `DIE` it kills its own process, like a
crash in native code; on `MASK` its cleanup raises another exception while the timeout unwinds
(the walker catches that as a crash).
"""

from __future__ import annotations

import os
import signal
import time

from prr_lint.model import Severity
from prr_lint.registry import Registry
from prr_lint.rules import BUILTIN_RULES
from prr_lint.rules.base import Example, Rule

NAP_SECONDS = 1.0


def burn(seconds: float = 60.0) -> None:
    """A busy loop of Python bytecode for `seconds` of CPU time."""
    deadline = time.process_time() + seconds
    while time.process_time() < deadline:
        pass


class Slow(Rule):
    """Slow on purpose (tests only)."""

    code = "PRR998"
    name = "slow-on-purpose"
    severity = Severity.WARNING
    checklist = ("PRR-CHG",)
    summary = "Slow on purpose"
    VALID = (Example("x = 1\n"),)
    needs_invalid_examples = False

    def visit_Module(self, node) -> None:
        source = self.ctx.source
        if "SLOW" in source:
            burn()
        if "NAP" in source:
            time.sleep(NAP_SECONDS)
        if "STUCK" in source:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGPROF, signal.SIGALRM})
            time.sleep(60)
        if "SPIN" in source:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGPROF, signal.SIGALRM})
            burn()
        if "DIE" in source:
            os.kill(os.getpid(), signal.SIGKILL)
        if "MASK" in source:
            try:
                burn()
            finally:
                raise ValueError("cleanup failed")  # replaces the timeout on its way out


SLOW_REGISTRY = Registry([*BUILTIN_RULES, Slow])
