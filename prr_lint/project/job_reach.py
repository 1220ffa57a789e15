"""What only some roots reach: the reach machinery of PRR501's "covered when only these run it" checks.

A time-limited job's calls (task_deadline.py) and a program's calls made after its start-up patched
requests (patched_programs.py) are bounded only when nothing else reaches them. These walk the call graph
the same way for both: a method reached without a known receiver stands for its overrides in project
subclasses, one reached on a named class keeps that class as `self`, and the functions nothing places
that call what the roots reach (`unplaced_callers`) run elsewhere, maybe in a request.
"""

from __future__ import annotations

from typing import Dict, Iterable, Iterator, List, Set, Tuple, Union

from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import CallGraph, GraphView
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors
from prr_lint.project.support import test_modules
from prr_lint.project.untyped_calls import UntypedView


def unplaced_callers(index: ProjectIndex, graph: UntypedView, reached: Set[str], elsewhere: Set[str],
                      overrides: Dict[str, List[str]], tools: Set[str]) -> Set[str]:
    """The functions (not module top levels, which start-up and programs place) outside tests that nothing here
    reaches, which call what the jobs reach: code run where the graph cannot tell (a form a view builds from a
    table, a framework hook), maybe in a request, so what they call is not only the jobs' (a driver's
    `_make_request`, run by its `get_measurements` in a task and by its `get_stations` in a setup wizard's form). What hand-run `tools` reach is placed: out of the serving scope."""
    tests = test_modules(index)
    found: Set[str] = set()
    for name in index.functions:
        if name in reached or name in elsewhere or name in tools or name in index.modules or index.module_of(name) in tests:
            continue  # a module's top level runs at start-up or as a program: NonServing placed it
        callees = graph.callees(name)
        if any(callee in reached and callee not in elsewhere for callee in (*callees, *(o for c in callees for o in overrides.get(c, ())))):
            found.add(name)
    return found


def registered(analysis: ServingAnalysis, tasks: Set[str]) -> Iterator[str]:
    """Module-level functions a project decorator wraps and no call reaches: registered by the project's
    own machinery (a route, a hook), so they run where nothing here can tell, maybe in a request."""
    index = analysis.index
    callers = analysis.graph.callers()
    for name, function in index.functions.items():
        if (function.decorators and name not in tasks and name not in callers and index.module_of(name) == name.rpartition(".")[0]
                and any(index.canonical(decorator) in index.functions for decorator in function.decorators)):
            yield name


def entry(index: ProjectIndex, name: str) -> Iterable[str]:
    """A function, or the methods of a class (a class-based task runs `run`)."""
    if name in index.classes:
        return [method for method in index.functions if method.startswith(f"{name}.") and "." not in method[len(name) + 1:]]
    return (name,)


def overrides(index: ProjectIndex) -> Dict[str, List[str]]:
    """`Base.run` -> the `run` of every project subclass that defines one."""
    by_class: Dict[str, List[str]] = {}
    for name in index.functions:
        by_class.setdefault(name.rpartition(".")[0], []).append(name)
    found: Dict[str, List[str]] = {}
    for cls, bases in index.classes.items():
        methods = by_class.get(cls, []) if bases else []
        if not methods:
            continue
        for base in class_ancestors(index, cls):
            if base in index.classes:
                for method in methods:
                    inherited = f"{base}.{method.rpartition('.')[2]}"
                    if inherited in index.functions:
                        found.setdefault(inherited, []).append(method)
    return found


def reach(index: ProjectIndex, graph: Union[CallGraph, GraphView], starts: Iterable[str], overrides: Dict[str, List[str]]) -> Set[str]:
    """What `starts` reach. A method reached without a known receiver stands for its overrides; one reached
    on a named class (`UnittestStep(request).invoke()`, inherited from `PipelineStep`) keeps that class
    as `self`, so what it calls on `self` (`self._invoke()`) is that class's own, not every subclass's."""
    seen: Set[Tuple[str, str]] = set()
    ancestors: Dict[str, Set[str]] = {}
    stack = [(name, "") for name in starts]
    while stack:
        name, receiver = stack.pop()
        if (name, receiver) in seen:
            continue
        seen.add((name, receiver))
        handled: Set[str] = set()
        stack.extend(_dispatched(index, name, receiver, handled, ancestors))
        owner = receiver or name.rpartition(".")[0]
        for base_method in graph.inherited_calls(name) if isinstance(graph, UntypedView) and owner in index.classes else ():
            stack.append((base_method, owner))  # `super()._invoke()`: the base's, on this object
            handled.add(base_method)
        stack.extend((callee, "") for callee in graph.callees(name) if callee not in handled)
        if not receiver:
            stack.extend((override, override.rpartition(".")[0]) for override in overrides.get(name, ()))
    return {name for name, _ in seen}


def _dispatched(index: ProjectIndex, name: str, receiver: str, handled: Set[str], ancestors: Dict[str, Set[str]]) -> Set[Tuple[str, str]]:
    """The methods `name` calls on a known class, with that class: one named at the call (`Sub(...).run()`
    resolving to `Base.run`), or `receiver` for a call on `self` (`Base._step` -> `Sub._step`); the
    callees they stand for go into `handled`. `ancestors` remembers each class's bases."""

    def bases(cls: str) -> Set[str]:
        if cls not in ancestors:
            ancestors[cls] = set(class_ancestors(index, cls))
        return ancestors[cls]

    function = index.functions.get(name)
    found: Set[Tuple[str, str]] = set()
    for raw in function.calls if function is not None else ():
        target = index.canonical(raw)
        if target is None or target not in index.functions:
            continue
        owner, _, method = raw.rpartition(".")
        defined_in = target.rpartition(".")[0]
        if defined_in not in index.classes:
            continue
        if owner != defined_in and owner in index.classes and defined_in in bases(owner):
            found.add((target, owner))
            handled.add(target)
        elif receiver and owner == defined_in and owner in bases(receiver):
            own = index.canonical(f"{receiver}.{method}")
            if own in index.functions:
                found.add((own, receiver))
                handled.add(target)
    return found
