"""Programs whose file is the program: a module with a Python `#!` line that does its work at its
top level and that no project module imports (`bin/crank-market`: argparse, then the work, no
`main()` and no `__main__` block). Such a file is run, never imported, so its top level is a
program root as a console script's target or a `__main__` block's call is (scope.py): an operator's
tool unless the deployment runs it (schedules.py, by its file name: an image that puts `bin/` on
`PATH` runs `crank-market`) or it loops until stopped. Discovery finds those without a `.py` name
by their `#!` line (shebangs.py), so the programs of a `bin/` folder are classified like any other.

A program that installs a handler for SIGTERM (`signal.signal(signal.SIGTERM, stop)`) expects a
supervisor to stop it, as a container runtime or systemd does a daemon: it runs until stopped, even
when its loop lies deeper than scope.py looks (rucio's `bin/rucio-hermes` starts threads that
loop in `run_daemon` until a stop event is set). A one-shot operator command has nothing to stop.

A module that does its work at its top level, that no project module imports and that asks the person at the
terminal there (`input("Do you want to delete y/n ? ")`, `getpass()`, `click.confirm`: resolved calls, not a
local function named `input`) is such a program too, `#!` line or not (aleph-vm's `garbage_collector.py` in
its package): it is run, never imported, and waits for an answer that no supervisor or container gives. It
stays an operator's tool unless a deployment command names it: an image with no command of its own that copies it
(started by a command given elsewhere) does not run it, whoever types that command answers (schedules.py).
"""

from __future__ import annotations

from typing import Dict

from prr_lint.model import ASKS_PERSON, RUN_AS_PROGRAM, TOP_LEVEL_WORK, FunctionSummary
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import imported_modules
from prr_lint.project.support import test_modules


INTERACTIVE = "interactive program"  # scope.py's reason for a program that asks at the terminal (schedules.py reads it)


def program_files(index: ProjectIndex) -> Dict[str, str]:
    """The top levels (module names) of the project's program files -> scope.py's reason: `#!` programs, and
    interactive ones (module docstring)."""
    imported, tests = imported_modules(index), test_modules(index)
    found: Dict[str, str] = {}
    for name in sorted(index.modules):
        tags = set(getattr(index.functions.get(name), "tags", ()))
        if name not in imported and name not in tests and TOP_LEVEL_WORK in tags and tags & {RUN_AS_PROGRAM, ASKS_PERSON}:
            found[name] = "`#!` program" if RUN_AS_PROGRAM in tags else INTERACTIVE
    return found


_SIGNAL = "signal.signal"
_TERMINATION = "SIGTERM"


def awaits_termination(index: ProjectIndex, function: FunctionSummary) -> bool:
    """Whether `function` installs a SIGTERM handler: it calls `signal.signal` and its module names
    SIGTERM beyond its prose (comments, messages)."""
    if _SIGNAL not in function.calls:
        return False
    module = index.modules.get(index.module_of(function.qualname) or "")
    return module is not None and module.words.get(_TERMINATION, 0) > module.prose_words.get(_TERMINATION, 0)
