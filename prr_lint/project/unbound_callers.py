"""Who calls a function only with arguments that cannot bind to it (unbound.py), for PRR501's dead code
(dead_code.py `_closed`, as a caller that runs nothing of it) and for the callers of a method by its name on a
receiver of no known type (dispatched_callers.py), which run only the methods whose signature the call fits."""

from __future__ import annotations

from typing import AbstractSet, Dict, FrozenSet, Set

from prr_lint.project.param_guards import untyped_call_sites
from prr_lint.project.unbound import binds


def untyped_binding(index, target: str) -> Set[str]:
    """The callers with a call of `target`'s name on a receiver of no known type that may bind to it."""
    return {caller for caller, codes in untyped_call_sites(index).get(target.rpartition(".")[2], ()) if binds(index, target, codes)}


def unbound_callers(graph, tests: AbstractSet[str]) -> Dict[str, FrozenSet[str]]:
    """Project function -> the non-test functions whose every call of it cannot bind: resolved calls, and for a
    method, calls of its name on receivers of no known type."""
    index = graph.index
    found: Dict[str, Set[str]] = {}
    for caller, function in index.functions.items():
        if index.module_of(caller) in tests:
            continue
        for targets in graph.unbound(caller).values():
            for target in targets:
                found.setdefault(target, set()).add(caller)
    untyped = untyped_call_sites(index)
    for name, function in index.functions.items():
        owner, _, local = name.rpartition(".")
        if local in untyped and owner in index.classes:
            callers = {caller for caller, _ in untyped[local] if index.module_of(caller) not in tests}
            idle = callers - untyped_binding(index, name)
            if idle:
                found.setdefault(name, set()).update(idle)
    return {name: frozenset(callers) for name, callers in found.items()}
