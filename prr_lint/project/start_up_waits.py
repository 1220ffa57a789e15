"""Start-up code that runs once per process: where a bounded wait for a dependency is no retry storm (PRR504).

A process that waits for its database or search cluster before it serves (`check_elastic_empty()`
four times, 30 s apart, then raise; a migration job connecting every half second until a deadline)
makes one attempt at a time, once per process start: a constant pause hammers nothing there, and a
bounded number of attempts ends whether the loop then raises or carries on without the dependency (a
node checking a block explorer three times as it starts). The same loop on a request or in a task runs
once per request or job, beside every other caller.

A function is start-up code when only code that runs once per process reaches it:
* scope.py's start-up code (what app factories, handler registrations and the top level of the
  modules the service imports reach, and no entry point does: `AppSequence(app).start()` in the
  module the WSGI server loads);
* a program's start-up path: what its `__main__` block or console-script function calls, a few calls
  deep (socket_default.py's `program_roots`, `START_UP_DEPTH`);
and nothing that runs repeatedly reaches it: no entry point, batch context (task, scheduled job,
command) or function that loops forever (a consumer's poll loop, a daemon thread).
"""

from __future__ import annotations

from typing import FrozenSet, Set

from prr_lint.model import LOOPS_FOREVER
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.scope import NonServing
from prr_lint.project.socket_default import START_UP_DEPTH, program_roots


def start_up_only(analysis) -> FrozenSet[str]:
    """The functions only a process's start-up reaches (see the module docstring)."""
    index, graph = analysis.index, analysis.graph
    non_serving: NonServing = analysis.derived("non-serving", lambda: NonServing(analysis))
    found: Set[str] = set(non_serving.startup)
    for seeds in program_roots(index, graph, analysis.console_scripts).values():
        found.update(breadth_first(graph, seeds, START_UP_DEPTH))
    forever = {name for name, function in index.functions.items() if LOOPS_FOREVER in function.tags}
    repeated = {*analysis.model.seeds, *(name for name in analysis.model.batch if name in index.functions), *forever}
    return frozenset(found - set(breadth_first(graph, sorted(repeated), UNBOUNDED)))
