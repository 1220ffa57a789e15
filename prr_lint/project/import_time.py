"""Code that runs only while modules are imported (PRR401): a function that nothing but module top
levels calls, directly or through other such functions, runs once per process, as its module loads.

`register_action_logs()` called at the bottom of its module prints one line per registered plug-in, at
import, whoever imports the module (the service, a test, a loader that imports every module by name):
a start-up line, no request or worker output, and the call graph proves it by its callers alone, not
by which entry points reach the module. That holds only where every edge into the function is a
plain call from import-time code:
* a caller that is a module's top level counts unless that top level is itself the service's work
  (an entry point or a background root, or a `while True:` loop: a script whose top level serves);
  a call from a `__main__` block does not count (`main()` there is a program, not an import);
* a function handed to something that runs it later (`Thread(target=f)`, `atexit`, an executor),
  looked up by name (`getattr(obj, "f")`), nested in another function (a closure an import-time
  factory returns may be a request handler), a method other than `__init__` (a receiver the graph
  cannot type may call it from anywhere), decorated (a decorator may register it), or that loops until
  the process stops is never import-time code; neither is one with no caller at all (what calls it is
  out of the graph's sight);
* an entry point, a background root or a program's root is the service's, whoever else calls it.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Set

from prr_lint.dispatch import BY_NAME
from prr_lint.model import LOOPS_FOREVER
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.index import ProjectIndex


def import_time_only(analysis: ServingAnalysis) -> FrozenSet[str]:
    """The functions only import-time code calls (see the module docstring)."""
    index, graph = analysis.index, analysis.graph
    roots = set(analysis.model.seeds) | set(analysis.model.batch)
    by_name = {name[len(BY_NAME):] for function in index.functions.values() for name in function.calls if name.startswith(BY_NAME)}
    by_name.update(attribute for module in index.modules.values() for attribute in module.by_name)
    callers: Dict[str, Set[str]] = {}
    other_edges: Set[str] = set()  # handed off or looked up by name: run later, by something else
    for caller, function in index.functions.items():
        main_calls = {graph.target(name) for name in index.modules[caller].script_calls} if caller in index.modules else set()
        for name in function.handoffs:
            other_edges.add(graph.target(name) or "")
        for target in map(graph.target, function.calls):
            if target is not None and target != caller:
                callers.setdefault(target, set()).add("" if target in main_calls else caller)
    top_levels = {name for name in index.modules if name in index.functions and name not in roots
                  and LOOPS_FOREVER not in index.functions[name].tags}

    def eligible(name: str) -> bool:
        function = index.functions[name]
        return (name in callers and name not in roots and name not in other_edges and not function.decorators
                and LOOPS_FOREVER not in function.tags and name.rpartition(".")[2] not in by_name and _plain(index, name))

    found: Set[str] = set()
    changed = True
    while changed:  # grow from the top levels until no function joins
        changed = False
        for name, by in callers.items():
            if name not in found and name in index.functions and eligible(name) \
                    and all(caller in top_levels or caller in found for caller in by):
                found.add(name)
                changed = True
    return frozenset(found)


def _plain(index: ProjectIndex, name: str) -> bool:
    """A module function, or a class's `__init__` (an object built at import, `CLIENT = Client()`);
    not a function nested in another, nor another method: a receiver the graph cannot type may call
    it from anywhere."""
    owner, _, short = name.rpartition(".")
    return owner in index.modules or (owner in index.classes and short == "__init__")
