"""PRR104 in the project phase: a raise that no request carries to the app's handler of its class.

A function whose every caller calls it in a `try` that takes every exception and raises none
(`try: await provision(org) except Exception: logger.error(..., exc_info=True); return False`: the
summary's `CAUGHT_CALL` tags, try_bodies.py), or is itself such a function, raises nothing past those
callers: a registered handler for a project class silences none of its raises. A function with no
caller but tests, an entry point, one a module uses as a value (`Depends(load)`, `run_in_executor(None, job)`:
name_uses.py, by name) or one defined inside another runs where callers cannot be seen, and keeps its raises.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet

from prr_lint.model import CAUGHT_CALL
from prr_lint.paths import is_test_path
from prr_lint.project.analysis import ServingAnalysis

_MAX_DEPTH = 12


def contained_check(analysis: ServingAnalysis) -> Callable[[str], bool]:
    """Whether what the project function raises stays within its callers (module docstring)."""
    index, graph = analysis.index, analysis.graph
    callers = graph.callers()
    # the last identifier of every name some module uses as a value (name_uses.py): a namesake counts too
    values: FrozenSet[str] = frozenset(name for module in index.modules.values() for name in module.value_uses)
    known: Dict[str, bool] = {}

    def in_tests(caller: str) -> bool:
        """A test calling the function to exercise it runs in no request."""
        module = index.modules.get(index.module_of(caller))
        return module is not None and is_test_path(module.path)

    def caught_by(caller: str, function: str) -> bool:
        """Every call `caller` makes that runs `function` sits in such a `try`."""
        summary = index.functions.get(caller)
        if summary is None:
            return False
        calls = sum(1 for name in (*summary.calls, *summary.chained) if function in graph.targets(name))
        caught = sum(1 for tag in summary.tags if tag.startswith(CAUGHT_CALL) and function in graph.targets(tag[len(CAUGHT_CALL):]))
        return calls > 0 and caught >= calls

    def contained(function: str, depth: int = 0) -> bool:
        if function in known:
            return known[function]
        parent = function.rpartition(".")[0]
        if (depth > _MAX_DEPTH or function in analysis.model.seeds or function.rpartition('.')[2] in values
                or (parent in index.functions and parent not in index.modules)):
            return False
        known[function] = False  # a cycle through `function` keeps it: nothing proves it caught
        found = [caller for caller in sorted(callers.get(function, ())) if not in_tests(caller)]
        known[function] = bool(found) and all(caught_by(caller, function) or contained(caller, depth + 1) for caller in found)
        return known[function]

    return contained
