"""The cross-module call graph and what serving code reaches (rule catalogue §2.4).

Built from module summaries only. Edges: calls by resolved name, including `self`/`cls` methods up
the class hierarchy and methods on typed receivers (module-level objects too, through the index's
record of their classes); methods on receivers whose class only the project knows, typed by
project/receivers.py from what the summaries record (prr_lint/receivers.py): what a project factory or
method returns (`get_emailer().send_email_template(...)`, `client = self.context.get_repo_client();
client.diff()`), what an attribute annotated or set in the class or a project base class holds
(`context: AutofixContext`, `self.client = client` from an `__init__` parameter), what callers pass to a
parameter of no annotation; constructors to `__init__`; hand-offs that stay on the serving host
(`executor.submit(f)`, `Thread(target=f)`, `run_in_executor`, `to_thread`, `partial`); a function
to the functions and lambdas nested in it, but those it registers as command-line commands (`CallGraph.unnest`); and a call by name (`getattr(engine, "fetch_traits")`) to
every module-level project function of that name. A task-queue hand-off (`task.delay()`, `apply_async`)
resolves to no project function and so adds no edge, nor does a coroutine function's call whose coroutine is
dropped (unawaited.py), nor a call whose arguments cannot bind to the target's signature (unbound.py). Unresolved calls are dropped: the graph
under-approximates, which keeps findings precise. project/analysis.py searches it from the entry points;
PRR301 searches a view without hand-offs to a new process (project/spawns.py).
"""

from __future__ import annotations

from collections import deque
from typing import Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

from prr_lint.dispatch import BY_NAME
from prr_lint.model import UNREAD_DEF
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import resolve_name
from prr_lint.project.receivers import Receivers
from prr_lint.project.unawaited import idle_calls
from prr_lint.project.unbound import UnboundCalls


class GraphView:
    """A view of the call graph whose edges a subclass derives from it (`_derive`), each worked out
    once: the graphs that rules search with other edges (PRR505's direct calls, PRR301's on-host calls)."""

    def __init__(self, graph: "CallGraph") -> None:
        self.graph = graph
        self._edges: Dict[str, Tuple[str, ...]] = {}

    def callees(self, qualname: str) -> Tuple[str, ...]:
        edges = self._edges.get(qualname)
        if edges is None:
            edges = self._edges[qualname] = self._derive(qualname)
        return edges

    def _derive(self, qualname: str) -> Tuple[str, ...]:
        raise NotImplementedError


class CallGraph:
    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        self._edges: Dict[str, Tuple[str, ...]] = {}
        self._targets: Dict[str, Tuple[str, ...]] = {}
        self._named_targets: Dict[str, Optional[str]] = {}
        self.receivers = Receivers(index, self._named)
        self._nested: Dict[str, List[str]] = {}
        self._module_level: Optional[Dict[str, List[str]]] = None
        self._callers: Optional[Dict[str, FrozenSet[str]]] = None
        self.coroutine_calls: Dict[Tuple[str, bool], bool] = {}  # (called name, stored) -> runs only coroutine functions (unawaited.py)
        self.run_words: Optional[FrozenSet[str]] = None  # identifiers that may run a stored coroutine (unawaited.py)
        self._unbound: Dict[str, Dict[str, FrozenSet[str]]] = {}
        self._unbound_calls = UnboundCalls(self)
        for qualname, function in index.functions.items():
            parent = qualname.rpartition(".")[0]
            # a nested `def` nothing names is never run by its parent (unread_defs.py)
            if parent in index.functions and parent not in index.modules and UNREAD_DEF not in function.tags:
                self._nested.setdefault(parent, []).append(qualname)

    def unnest(self, names: Iterable[str]) -> None:
        """No edge from the functions `names` are nested in to them: what they are defines them for a framework
        to call (a command-line command), not to run them. Before any search of the graph."""
        for name in names:
            siblings = self._nested.get(name.rpartition(".")[0])
            if siblings is not None and name in siblings:
                siblings.remove(name)

    def target(self, name: str) -> Optional[str]:
        """The project function a called name runs, or None (also when it may run several)."""
        found = self.targets(name)
        return found[0] if len(found) == 1 else None

    def targets(self, name: str) -> Tuple[str, ...]:
        """The project functions a called name, or a receiver expression's method (`chained`), may run: through
        a module-level name bound in alternative branches, each branch's (ProjectIndex.alternatives)."""
        found = self._targets.get(name)
        if found is None:
            named = self._named(name)
            found = (named,) if named is not None else self.receivers.targets(name)
            others = [target for other in self.index.alternatives(name) if (target := self._named(other)) is not None]
            if others:
                found = tuple(dict.fromkeys((*found, *others)))
            self._targets[name] = found
        return found

    def _named(self, name: str) -> Optional[str]:
        """The project function a name runs by what it names: a function, a class's `__init__`, a method
        through the class hierarchy or a module-level instance."""
        if name in self._named_targets:
            return self._named_targets[name]
        index = self.index
        found = index.canonical(name)
        if found is None:
            resolved = resolve_name(index, name)
            found = index.canonical(resolved) if resolved != name else None
        if found is not None and found in index.modules:
            found = _rebound_by_package(index, found)
        if found is not None and found in index.classes:
            found = index._method(found, "__init__", set())
        if found is not None and found not in index.functions:
            found = None
        self._named_targets[name] = found
        return found

    def unbound(self, qualname: str) -> Dict[str, FrozenSet[str]]:
        """Called name -> the targets no call of it in `qualname` can bind to, which it runs nothing of (unbound.py),
        worked out once: every view of the graph skips them."""
        found = self._unbound.get(qualname)
        if found is None:
            found = self._unbound[qualname] = self._unbound_calls.of(qualname) if qualname in self.index.functions else {}
        return found

    def callers(self) -> Dict[str, FrozenSet[str]]:
        """Project function -> the project functions (module top levels included) with a call that
        resolves to it: the reverse of the resolved calls (not of hand-offs or nesting), built once."""
        if self._callers is None:
            found: Dict[str, Set[str]] = {}
            for caller, function in self.index.functions.items():
                idle, unbound = idle_calls(self, function), self.unbound(caller)
                for name in dict.fromkeys((*function.calls, *function.chained)):  # a name called twice adds the caller once
                    for target in self.targets(name) if name not in idle else ():
                        if target not in unbound.get(name, ()):
                            found.setdefault(target, set()).add(caller)
            self._callers = {name: frozenset(names) for name, names in found.items()}
        return self._callers

    def nested(self, qualname: str) -> Tuple[str, ...]:
        """The functions defined in `qualname`'s body that it may run (not those it registers as commands)."""
        return tuple(self._nested.get(qualname, ()))

    def by_name(self, attribute: str) -> List[str]:
        """The module-level project functions named `attribute`: what a call by that name may run."""
        if self._module_level is None:
            self._module_level = {}
            for qualname in self.index.functions:
                parent, _, short = qualname.rpartition(".")
                if parent in self.index.modules:
                    self._module_level.setdefault(short, []).append(qualname)
        return self._module_level.get(attribute, [])

    def callees(self, qualname: str) -> Tuple[str, ...]:
        edges = self._edges.get(qualname)
        if edges is None:
            function = self.index.functions.get(qualname)
            found: Dict[str, None] = {}
            if function is not None:
                idle = idle_calls(self, function)  # a coroutine made and dropped runs nothing (unawaited.py)
                calls = [name for name in function.calls if name not in idle] if idle else function.calls
                unbound = self.unbound(qualname)  # a call that cannot bind runs nothing (unbound.py)
                for name in (*calls, *function.chained, *function.handoffs):
                    if name.startswith(BY_NAME):
                        found.update(dict.fromkeys(self.by_name(name[len(BY_NAME):])))
                        continue
                    skipped = unbound.get(name, ())
                    found.update((target, None) for target in self.targets(name) if target != qualname and target not in skipped)
                for nested in self._nested.get(qualname, ()):
                    found[nested] = None
            edges = self._edges[qualname] = tuple(found)
        return edges


# A depth no call chain reaches: breadth_first(graph, seeds, UNBOUNDED) searches the whole graph.
UNBOUNDED = 1 << 30


def breadth_first(graph: CallGraph, seeds: Sequence[str], max_depth: int,
                  limit: Optional[int] = None) -> Dict[str, Tuple[Optional[str], int]]:
    """Reached function -> (predecessor, depth); seeds have no predecessor and depth 0. With `limit`, the search stops
    once it has reached more functions than that (a caller that then gives up need not pay for the rest)."""
    reached: Dict[str, Tuple[Optional[str], int]] = {}
    queue: deque = deque()
    for seed in sorted(seeds):
        if seed not in reached:
            reached[seed] = (None, 0)
            queue.append(seed)
    while queue and (limit is None or len(reached) <= limit):
        current = queue.popleft()
        depth = reached[current][1]
        if depth >= max_depth:
            continue
        for callee in graph.callees(current):
            if callee not in reached:
                reached[callee] = (current, depth + 1)
                queue.append(callee)
    return reached


def _rebound_by_package(index: ProjectIndex, module: str) -> Optional[str]:
    """What a call of a submodule's name runs: a module is not callable, but a package whose `__init__` imports a
    name from its submodule of the same name (`from .generate_pdf import generate_pdf`) rebinds the attribute, so
    `map_generation.generate_pdf(...)` and `from map_generation import generate_pdf` call the function. Otherwise the
    module itself (its top level), as before."""
    package, _, attribute = module.rpartition(".")
    bound = index.modules[package].imports.get(attribute) if package in index.modules else None
    if not bound or bound == module:
        return module
    found = index.canonical(bound)
    return found if found is not None and found not in index.modules else module

