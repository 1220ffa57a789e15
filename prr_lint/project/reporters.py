"""Reporter helpers: project functions that report errors, directly or through other helpers.

A handler that calls `report(exc)`, where `report` (in any module) calls `sentry_sdk.capture_exception`
or logs at error level, has reported its error. Computed once per run by a backward search over
the call graph from the functions that call a report sink themselves.
"""

from __future__ import annotations

from collections import deque
from typing import Dict, FrozenSet, List

from prr_lint.project.index import ProjectIndex
from prr_lint.summary import REPORTS_ERROR


def reporter_functions(index: ProjectIndex) -> FrozenSet[str]:
    callers: Dict[str, List[str]] = {}
    for function in index.functions.values():
        for callee in function.calls:
            resolved = index.canonical(callee)
            if resolved is not None:
                callers.setdefault(resolved, []).append(function.qualname)
    found = {name for name, function in index.functions.items() if REPORTS_ERROR in function.tags}
    queue = deque(found)
    while queue:
        for caller in callers.get(queue.popleft(), ()):
            if caller not in found and not _is_module_level(index, caller):
                found.add(caller)
                queue.append(caller)
    return frozenset(found)


def _is_module_level(index: ProjectIndex, qualname: str) -> bool:
    return qualname in index.modules
