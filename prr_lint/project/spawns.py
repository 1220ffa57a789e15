"""The call graph without hand-offs to another process: PRR301's serving path.

A function handed to a new process (prr_lint/spawns.py), directly or through a project helper whose
parameter goes to `Process(target=...)` (`process_manager.add_task(run, ...)`), runs outside the
request, which returns without waiting; so its edge ends the serving path for PRR301. A function that
joins a process it starts (`p.join()`) waits for it: the view gains the edge (the general graph has
none for `Process(target=f)`).
"""

from __future__ import annotations

from typing import FrozenSet, Set, Tuple

from prr_lint.project.callgraph import CallGraph, GraphView
from prr_lint.spawns import PROCESS_JOINS


class OnHostCalls(GraphView):
    """`graph` minus the edges to functions only handed to another process."""

    def _derive(self, qualname: str) -> Tuple[str, ...]:
        edges = self.graph.callees(qualname)
        function = self.graph.index.functions.get(qualname)
        if function is not None and function.spawned and self._joins(qualname):
            joined = (self.graph.target(name) for name in function.spawned)
            return tuple(dict.fromkeys((*edges, *(name for name in joined if name is not None))))
        if function is not None and (dropped := self._spawned(qualname)):
            return tuple(callee for callee in edges if callee not in dropped)
        return edges

    def _spawned(self, qualname: str) -> FrozenSet[str]:
        """What `qualname` hands to a new process and neither calls nor joins."""
        graph = self.graph
        function = graph.index.functions[qualname]
        if not (function.spawned or function.handoff_calls) or self._joins(qualname):
            return frozenset()
        found: Set[str] = {graph.target(name) or "" for name in function.spawned}
        for callee, position, name in function.handoff_calls:
            helper = graph.target(callee)
            if helper is not None and position in graph.index.functions[helper].spawned_params and not self._joins(helper):
                found.add(graph.target(name) or "")
        found.difference_update(graph.target(name) for name in function.calls)
        found.discard("")
        return frozenset(found)

    def _joins(self, qualname: str) -> bool:
        return bool(PROCESS_JOINS.intersection(self.graph.index.functions[qualname].calls))


def spawns_any(graph: CallGraph) -> bool:
    """Some project function hands work to another process (else the view is the graph itself)."""
    return any(function.spawned or function.handoff_calls for function in graph.index.functions.values())
