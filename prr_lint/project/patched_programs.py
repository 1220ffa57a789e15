"""PRR501: a default timeout a program's start-up patches into requests bounds what only that program reaches.

tapiriik's sync worker, `sync_worker.py`, a file run as a program, calls `patch_requests_with_default_timeout(timeout=60)`
at its top level (requests_default.py: it replaces `requests.Session.request`), then imports and runs the sync.
The web app and the Celery rollback worker never run the patch but import the same service modules, so the
import-based rule covers none of them. By reach: a function is covered when the calls a module's top level
makes after the call that runs the patch reach it (through a function's own calls after the patch too: `main()`
patching, then working) and nothing else does: no serving entry point, batch context, command, script,
long-running program, task, registered function, start-up code, loop the program does not reach, top level of
another module (import-time code, which may run before the patch or in a process without it), nor a function
that nothing reaches (job_reach.py walks the graph as for time-limited jobs; a method called on a receiver of no
known type stands for every project method of that name). What the top level itself runs before the patch, or
reaches only through a call it cannot resolve, is not covered. A test module's patch covers nothing.

Order: the patch must come before the calls it covers in the program's own code; where the program imports
the modules it calls does not matter (tapiriik imports `tapiriik.sync` after patching, others import first),
as their functions run later, when the program calls them.
"""

from __future__ import annotations

from typing import Callable, FrozenSet, Optional, Set, Tuple

from prr_lint.model import LOOPS_FOREVER
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import CallGraph, breadth_first
from prr_lint.project.job_reach import entry, overrides, reach, registered, unplaced_callers
from prr_lint.project.support import test_modules
from prr_lint.project.untyped_calls import UntypedView

# scope.py's commands, scripts and programs, and its start-up code (`NonServing`, which reaches this module).
Placed = Tuple[FrozenSet[str], FrozenSet[str]]


def patched_program_reach(analysis: ServingAnalysis, patches: Set[str], depth: int, placed: Callable[[], Placed]) -> FrozenSet[str]:
    """The functions only calls made after a module top level ran one of `patches` (within `depth` calls) reach;
    `placed`: scope.py's commands, scripts and programs (`NonServing` roots, programs, scheduled) and start-up code."""
    index, graph = analysis.index, analysis.graph
    tests = test_modules(index)
    starts: Set[str] = set()
    patching: Set[str] = set()
    for name in sorted(index.modules):
        after = _after_patch(graph, name, patches, depth) if name in index.functions and name not in tests else None
        if after is not None:
            patching.add(name)
            starts |= after
    if not starts:
        return frozenset()
    roots, startup = placed()
    untyped, overriding = UntypedView(graph), overrides(index)
    reached = reach(index, untyped, starts, overriding)
    own = {target for name in patching for call in index.modules[name].script_calls for target in graph.targets(call)}
    programs = roots - own  # the patching program's `__main__` calls aside
    others = {*analysis.model.seeds, *analysis.model.batch, *programs, *registered(analysis, set()),
              *(context.qualname for context in analysis.model.batch_contexts),
              *(name for name, function in index.functions.items() if LOOPS_FOREVER in function.tags and name not in reached),
              *(name for name in index.modules if name in index.functions and name not in tests and name not in patching)}
    others = {name for other in others for name in entry(index, other)}
    elsewhere = reach(index, untyped, others, overriding) | startup
    elsewhere |= reach(index, untyped, unplaced_callers(index, untyped, reached, elsewhere, overriding, set()), overriding)
    return frozenset(name for name in reached if name not in elsewhere and name not in index.modules)


def _after_patch(graph: CallGraph, name: str, patches: Set[str], depth: int) -> Optional[Set[str]]:
    """What the function runs after its first call that runs one of `patches` (within `depth` calls): the
    targets of its later calls, and what that call runs after the patch; None when no call runs one."""
    function = graph.index.functions[name]
    for at, call in enumerate(function.calls):
        targets = [target for target in graph.targets(call) if target != name]
        if patches.intersection(targets):
            later = set()
        elif depth > 1 and any(patches.intersection(breadth_first(graph, [target], depth - 1)) for target in targets):
            inner = [_after_patch(graph, target, patches, depth - 1) for target in targets]
            if any(found is None for found in inner) or len(targets) > 1:
                return None  # it may run another function, which patches later or not at all
            later = set(inner[0] or ())
        else:
            continue
        return later | {target for other in function.calls[at + 1:] for target in graph.targets(other)}
    return None
