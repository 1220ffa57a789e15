"""The pending check of PRR101's (and PRR102's generic errors') handlers whose `try` shows no dependency
by the file's view (rules/verdicts.py `IN_MEMORY`, rules/in_memory.py): the finding stands only when one
of the `try`'s calls is the project's own code and reaches a dependency call through the call graph."""

from __future__ import annotations

from collections import deque
from typing import Callable, Dict, FrozenSet, List, Optional, Tuple

from prr_lint.model import DEPENDENCY_IO
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors, methods_named
from prr_lint.project.reporters import global_object_type
from prr_lint.rules.in_memory import dependency_name
from prr_lint.sinks import UNKNOWN_RECEIVER
from prr_lint.rules.verdicts import IN_MEMORY

Check = Callable[[Tuple[str, ...]], bool]


def dependency_functions(index: ProjectIndex) -> FrozenSet[str]:
    """The project functions that make a dependency call (tagged `DEPENDENCY_IO` by the summary) or call,
    at any depth, a project function that does. A method reaches one when an override in a project
    subclass does: a call of the base's method may run it (a storage backend chosen at run time)."""
    callers: Dict[str, List[str]] = {}
    found = set()
    for function in index.functions.values():
        if DEPENDENCY_IO in function.tags:
            found.add(function.qualname)
        owner, _, method = function.qualname.rpartition(".")
        if owner in index.classes:
            for base in class_ancestors(index, owner):
                callers.setdefault(function.qualname, []).append(f"{base}.{method}")
        for callee in function.calls:
            resolved, typed = _resolved(index, callee)
            if resolved is not None:
                callers.setdefault(resolved, []).append(function.qualname)
            elif dependency_name(typed):
                found.add(function.qualname)  # a method of a module-level client (`redis_store.get(key)`)
    queue = deque(found)
    while queue:
        for caller in callers.get(queue.popleft(), ()):
            if caller not in found:
                found.add(caller)
                queue.append(caller)
    return frozenset(found)


def _resolved(index: ProjectIndex, name: str) -> Tuple[Optional[str], str]:
    """The project function `name` calls, also as a method of a project module-level object of known
    class (`db.create_user` where `db = Database()`), and that object's class ("" when none)."""
    found = index.canonical(name)
    if found is not None:
        return found, ""
    receiver, _, method = name.rpartition(".")
    typed = global_object_type(index, receiver) if receiver else None
    if typed is None:
        return None, ""
    return index.canonical(f"{typed}.{method}"), typed


def in_memory_check(index: ProjectIndex, then: Callable[[str], Check]) -> Check:
    """subjects: the `try`'s calls, `IN_MEMORY`, then the condition the finding waits for next ("" for
    none) and its subjects; `then` gives that condition's check."""
    reaching = dependency_functions(index)

    def reaches(name: str) -> bool:
        if name.startswith(UNKNOWN_RECEIVER):  # every project method of that name reaches one
            found = methods_named(index, name[len(UNKNOWN_RECEIVER):])
            return bool(found) and all(method in reaching for method in found)
        found, typed = _resolved(index, name)
        if found is None:
            return dependency_name(typed)
        return found in reaching or f"{found}.__init__" in reaching

    def check(subjects: Tuple[str, ...]) -> bool:
        split = subjects.index(IN_MEMORY)
        calls, condition, rest = subjects[:split], subjects[split + 1], subjects[split + 2 :]
        if not any(reaches(name) for name in calls):
            return False  # nothing the `try` calls reaches a dependency: no outage is hidden
        return not condition or then(condition)(rest)

    return check
