"""The call graph with the calls on receivers of no known type: `config.list_exporters()` may run any
project method named `list_exporters`.

A click command receives its objects as parameters a decorator fills in (`@opt_config def get_exporters(config,
...)`), so the graph, which follows only calls it can type, stops at the command. Asked whether the other
subcommands of a served program reach a function (served_commands.py), a view that follows such calls by
the method's name answers for both sides alike: what those commands may reach and what the service may
reach, so that a method the service may call by its name stays. Names every builtin container, string,
file or socket also has (`get`, `items`, `read`, `connect`) are not followed: such a call is mostly a dict's
or a file's, and would tie every `get` of the project to every caller of `dict.get`. A method of an attribute that
holds no type the graph knows (`self.api_client.get_measurements()` after `self.api_client = drivers[kind](self)`)
is such a call too. PRR501's Celery time limits reach through this view on both sides (task_deadline.py).
"""

from __future__ import annotations

import io
from collections import Counter
import socket
from typing import Dict, FrozenSet, List, Tuple

from prr_lint.project.callgraph import CallGraph
from prr_lint.project.names import class_ancestors, methods, methods_named
from prr_lint.project.param_guards import untyped_call_sites

_BUILTIN_METHODS: FrozenSet[str] = frozenset(
    name for kind in (dict, list, set, frozenset, tuple, str, bytes, int, float, object, io.IOBase, io.TextIOBase, socket.socket)
    for name in dir(kind))


class UntypedView:
    """`graph` plus an edge from each function to the project methods named as its untyped calls are."""

    def __init__(self, graph: CallGraph) -> None:
        self.graph = graph
        self.index = graph.index
        self._names = untyped_names(graph.index)
        self._edges: Dict[str, Tuple[str, ...]] = {}

    def target(self, name: str):
        return self.graph.target(name)

    def callees(self, qualname: str) -> Tuple[str, ...]:
        found = self._edges.get(qualname)
        if found is None:
            found = self._edges[qualname] = self._derive(qualname)
        return found

    def _derive(self, qualname: str) -> Tuple[str, ...]:
        edges = self.graph.callees(qualname)
        names = [*self._names.get(qualname, ()), *self._attribute_calls(qualname)]
        if not names:
            return edges
        inherited = self._inherited(qualname)
        return (*edges, *(method for name in names
                          for method in ([inherited[name]] if name in inherited else methods_named(self.index, name))))

    def inherited_calls(self, qualname: str) -> Tuple[str, ...]:
        """The base methods among `qualname`'s edges that its `super().name()` calls run: they run on the
        caller's own object, so a search keeps its class as `self` (task_deadline.py `_reach`)."""
        names = [*self._names.get(qualname, ()), *self._attribute_calls(qualname)]
        inherited = self._inherited(qualname) if names else {}
        return tuple(inherited[name] for name in names if name in inherited)

    def _inherited(self, qualname: str) -> Dict[str, str]:
        """Method name -> the nearest base's method of that name, for `qualname`'s class: an untyped call of one in
        a method is mostly `super().name()`, which runs that base's (seer's `RootCauseStep._invoke` calling
        `super()._invoke()` runs `AutofixPipelineStep._invoke`), not every step's."""
        owner = qualname.rpartition(".")[0]
        found: Dict[str, str] = {}
        for base in class_ancestors(self.index, owner) if owner in self.index.classes else ():
            for method in methods(self.index, base):
                found.setdefault(method.rpartition(".")[2], method)
        return found

    def _attribute_calls(self, qualname: str) -> List[str]:
        """The method names `qualname` calls on an attribute of a project object that holds no known type
        (`self.api_client.get_measurements()` after `self.api_client = DRIVERS[kind](self)`), or on what a project
        function returns when its type is unknown (tapiriik's `Service.FromID("dropbox")._getClient(rec)`, the
        service looked up in a table): the call resolves to nothing, so it is as untyped as a call on a parameter."""
        function = self.index.functions.get(qualname)
        found: List[str] = []
        for called in function.calls if function is not None else ():
            receiver, _, method = called.rpartition(".")
            owner = receiver.rpartition(".")[0]
            returned = self.index.canonical(receiver) in self.index.functions and receiver not in self.index.modules
            if ((returned or owner in self.index.classes and receiver not in self.index.functions and receiver not in self.index.classes)
                    and method not in _BUILTIN_METHODS and not self.graph.targets(called)):
                found.append(method)
        return found


def untyped_names(index) -> Dict[str, Counter]:
    """Caller -> how often it calls each method name on a receiver of no known type, names every builtin
    container, string, file or socket also has left out (built once)."""

    def build() -> Dict[str, Counter]:
        found: Dict[str, Counter] = {}
        for name, sites in untyped_call_sites(index).items():
            if name not in _BUILTIN_METHODS:
                for caller, _ in sites:
                    counts = found.get(caller)
                    if counts is None:  # not `setdefault`: a Counter made for every site costs more than the count
                        counts = found[caller] = Counter()
                    counts[name] += 1
        return found

    return index.derived("untyped-names", build)
