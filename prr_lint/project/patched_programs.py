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
known type stands for every project method of that name). What the program runs before the patch, at any level
(`main(): perform_sync(); patch(); perform_sync()`), is elsewhere; so is what it reaches only through a call it
cannot resolve. Only a patch that surely runs counts: each call on the way is a plain statement of its function
(patch_sites.py; not under `if`, `try`, a loop or `with`). Only the roots of the patching module's own `__main__`
block are the program's: a console script or command running the same function starts it unpatched. A test
module's patch covers nothing.

Order: the patch must come before the calls it covers in the program's own code; where the program imports
the modules it calls does not matter (tapiriik imports `tapiriik.sync` after patching, others import first),
as their functions run later, when the program calls them.
"""

from __future__ import annotations

from typing import Callable, FrozenSet, Mapping, Optional, Set, Tuple

from prr_lint.model import LOOPS_FOREVER
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import CallGraph, breadth_first
from prr_lint.project.job_reach import entry, overrides, reach, registered, unplaced_callers
from prr_lint.project.parsed_trees import TreeOf
from prr_lint.project.patch_sites import passed_before, unconditional_call
from prr_lint.project.support import test_modules
from prr_lint.project.untyped_calls import UntypedView

# scope.py's commands, scripts and programs with why each is one, and its start-up code (`NonServing`, which reaches
# this module).
Placed = Tuple[Mapping[str, str], FrozenSet[str]]
# NonServing's reason for a root a module's `__main__` block calls (scope.py).
MAIN_SCRIPT = "`__main__` script"


def patched_program_reach(analysis: ServingAnalysis, patches: Set[str], depth: int, placed: Callable[[], Placed],
                          tree_of: TreeOf, inline: Set[str]) -> FrozenSet[str]:
    """The functions only calls made after a module top level ran one of `patches` (within `depth` calls) reach;
    `placed`: scope.py's commands, scripts and programs (`NonServing` roots, programs, scheduled, each with why it
    is one) and start-up code; `tree_of` reads a module's source again (patch_sites.py); `inline`: what a launch
    file's `python -c` code may run, unpatched (patch_sites.py `inline_code_functions`)."""
    index, graph = analysis.index, analysis.graph
    tests = test_modules(index)
    starts: Set[str] = set()
    before: Set[str] = set()
    chain: Set[str] = set()  # the functions between a top level and its patch (`main()`): the program's own start, and
    # a caller of one of them that nothing places may run the work unpatched (`unplaced_callers`)
    patching: Set[str] = set()
    for name in sorted(index.modules):
        found = _after_patch(analysis, tree_of, name, patches, depth, chain) if name in index.functions and name not in tests else None
        if found is not None:
            patching.add(name)
            before |= found[0]
            starts |= found[1]
    if not starts:
        return frozenset()
    roots, startup = placed()
    untyped, overriding = UntypedView(graph), overrides(index)
    reached = reach(index, untyped, starts, overriding)
    programs_elsewhere = {name for name, why in roots.items() if not (why == MAIN_SCRIPT and name in _own_scripts(analysis, patching))}
    import_time = {name for name in index.modules if name in index.functions and name not in tests and name not in patching}
    unreached_loops = {name for name, function in index.functions.items() if LOOPS_FOREVER in function.tags and name not in reached}
    others = {*analysis.model.seeds, *analysis.model.batch, *programs_elsewhere, *registered(analysis, set()),
              *(context.qualname for context in analysis.model.batch_contexts), *unreached_loops, *import_time, *before, *inline}
    others = {name for other in others for name in entry(index, other)}
    elsewhere = reach(index, untyped, others, overriding) | startup
    elsewhere |= reach(index, untyped, unplaced_callers(index, untyped, reached | chain, elsewhere, overriding, set()), overriding)
    return frozenset(name for name in reached if name not in elsewhere and name not in index.modules)


def _own_scripts(analysis: ServingAnalysis, patching: Set[str]) -> Set[str]:
    """What only the patching modules' own `__main__` blocks call: a function another module's block also calls
    starts a program without the patch (a console script or command is kept by its reason, `MAIN_SCRIPT` aside)."""
    index, graph = analysis.index, analysis.graph
    def called(modules) -> Set[str]:
        return {target for name in modules for call in index.modules[name].script_calls for target in graph.targets(call)}
    return called(patching) - called(set(index.modules) - patching)


def _after_patch(analysis: ServingAnalysis, tree_of: TreeOf, name: str, patches: Set[str], depth: int,
                 chain: Set[str]) -> Optional[Tuple[Set[str], Set[str]]]:
    """What the function runs before and after its first call that runs one of `patches` (within `depth` calls):
    the targets of its calls on either side, and what that call runs before and after the patch; None when no
    call runs one, or the call (or the patch inside it) may not run (patch_sites.py: under a branch, loop or `with`).
    Adds the functions it goes through to the patch to `chain`."""
    graph = analysis.graph
    function = graph.index.functions[name]
    for at, call in enumerate(function.calls):
        targets = [target for target in graph.targets(call) if target != name]
        through: Set[str] = set()
        if patches.intersection(targets):
            inner: Tuple[Set[str], Set[str]] = (set(), set())
        elif depth > 1 and any(patches.intersection(breadth_first(graph, [target], depth - 1)) for target in targets):
            if len(targets) > 1:
                return None  # it may run another function, which patches later or not at all
            found = _after_patch(analysis, tree_of, targets[0], patches, depth - 1, through)
            if found is None:
                return None
            inner = found
            through.add(targets[0])
        else:
            continue
        if not unconditional_call(analysis, tree_of, name, targets[0] if len(targets) == 1 else ""):
            return None
        chain |= through
        earlier = {target for other in function.calls[:at] for target in graph.targets(other) if target != name}
        earlier |= passed_before(analysis, tree_of, name, targets[0])  # a thread's target, a callback: may run before it
        later = {target for other in function.calls[at + 1:] for target in graph.targets(other)}
        return earlier | inner[0], later | inner[1]
    return None
