"""PRR402 in the project phase: whether a logging configuration competes with another one.

A repository often holds several programs (the server, a daemon, a job script, a docs generator), each
configuring logging once as it starts. Logging configuration is per process, so a program's own
start-up is the single bootstrap of its process: the top level of a module no project module imports
(it runs only as a program, or is loaded once by name), and a function that only such top levels (or
`__main__` blocks) call, directly or through other functions only they call. The `main()` of such a
module that no project code calls is its program's entry point too: a launcher outside the Python
tree runs it (a `bin/` script, a console-script declaration: `st2-trigger-refire` calls
`trigger_re_fire.main()`), once per process. A configuration anywhere else competes as soon as another
module configures logging too in the same process: not the top level of a program module that does
not import it (directly or through other modules). An app factory competes with nothing when the only
other configuration is a deployment script that nothing imports, run as its own process."""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Tuple

from prr_lint.project.analysis import call_graph
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import import_closure, imported_modules
from prr_lint.model import CONFIGURES_LOGGING
from prr_lint.project.reporters import logging_configuring_modules
from prr_lint.project.support import test_modules

# Calls between a program's top level and the function that configures its logging, at most.
_MAX_HOPS = 3


class ProgramStartUp:
    """Which functions run only as part of some program's start-up (see the module docstring)."""

    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        imported = imported_modules(index) | test_modules(index)
        # A module that registers handlers serves requests or tasks: it is loaded by a framework, not run.
        self.programs = frozenset(
            name for name, module in index.modules.items() if name not in imported and not module.registrations
        )
        self._callers = call_graph(index).callers()  # the serving analysis's graph: its callers are built once
        self._closures: Dict[str, FrozenSet[str]] = {}

    def loads(self, program: str, module: str) -> bool:
        """The program module imports `module`, directly or through other project modules."""
        if program not in self._closures:
            self._closures[program] = frozenset(import_closure(self.index, program))
        return module in self._closures[program]

    def only_at_start(self, context: str, hops: int = 0) -> bool:
        """`context` (a module's top level or a function) runs only as some program starts."""
        if context in self.index.modules:
            return context in self.programs
        callers = self._callers.get(context, frozenset())
        if not callers:
            module, _, name = context.rpartition(".")
            return name == "main" and module in self.programs  # a program's entry point, run by a launcher script
        return hops < _MAX_HOPS and all(self.only_at_start(caller, hops + 1) for caller in callers)


def sole_logging_config_check(index: ProjectIndex) -> Callable[[Tuple[str, ...]], bool]:
    """PRR402's `unless-sole-logging-config` check on (module, enclosing function or module): True (keep
    the finding) when another module configures logging too and the configuration is not a program's
    own start-up."""
    configuring = logging_configuring_modules(index)
    start_up = ProgramStartUp(index)

    def check(subjects: Tuple[str, ...]) -> bool:
        module = subjects[0]
        return not start_up.only_at_start(subjects[-1]) and any(
            other != module and not _own_process(index, start_up, other, module) for other in configuring)

    return check


def _own_process(index: ProjectIndex, start_up: ProgramStartUp, program: str, module: str) -> bool:
    """`program` configures logging only in its own start-up (the top level of a module nothing
    imports, or what only it calls) and never loads `module`: the two configure different processes."""
    return program in start_up.programs and not start_up.loads(program, module) and all(
        start_up.only_at_start(function.qualname)
        for function in index.modules[program].functions.values() if CONFIGURES_LOGGING in function.tags)

