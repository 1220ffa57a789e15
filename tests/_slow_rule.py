"""A rule plug-in that is slow on purpose, for the time-budget tests (never registered for real).

On a module whose text holds `SLOW` it sleeps (the alarm interrupts it); on `STUCK` it blocks
SIGALRM first, like native code that never returns to the interpreter, so only killing its
process stops it; on `DIE` it kills its own process, like a crash in native code; on `MASK` its
cleanup raises another exception while the timeout unwinds (the walker catches that as a crash).
"""

from __future__ import annotations

import os
import signal
import time

from prr_lint.model import Severity
from prr_lint.registry import Registry
from prr_lint.rules import BUILTIN_RULES
from prr_lint.rules.base import Example, Rule


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
            time.sleep(60)
        if "STUCK" in source:
            signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGALRM})
            time.sleep(60)
        if "DIE" in source:
            os.kill(os.getpid(), signal.SIGKILL)
        if "MASK" in source:
            try:
                time.sleep(60)
            finally:
                raise ValueError("cleanup failed")  # replaces the timeout on its way out


SLOW_REGISTRY = Registry([*BUILTIN_RULES, Slow])
