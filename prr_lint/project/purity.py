"""In-memory project functions: those that call nothing but in-memory work and other in-memory project
functions, however deep (`query(result, path)` walking a parsed JSON document, `to_string(value)`).
A `try` body that only parses and calls such helpers cannot meet a dependency (PRR101)."""

from __future__ import annotations

from typing import Callable, Dict

from prr_lint.model import BEYOND_MEMORY
from prr_lint.project.callgraph import CallGraph
from prr_lint.project.index import ProjectIndex


def in_memory_functions(index: ProjectIndex) -> Callable[[str], bool]:
    """Whether a called name runs an in-memory project function. A cycle through other functions, a name that is no project
    function (a class without `__init__`, an unresolved import) or a deeper chain than the limit is
    not known to be in memory: the finding stays."""
    graph = CallGraph(index)
    answers: Dict[str, bool] = {}

    def in_memory(qualname: str, depth: int) -> bool:
        if qualname in answers:
            return answers[qualname]
        function = index.functions.get(qualname)
        if function is None or BEYOND_MEMORY in function.tags or depth > _MAX_DEPTH:
            return False
        answers[qualname] = False  # while in progress: a cycle is not known to be in memory
        package = qualname.partition(".")[0] + "."
        found = True
        for call in function.calls:
            if call.startswith(package):
                target = graph.target(call)
                if target == qualname:
                    continue  # plain recursion (a tree walk) decides nothing
                if target is None or not in_memory(target, depth + 1):
                    found = False
                    break
        answers[qualname] = found
        return found

    def check(name: str) -> bool:
        target = graph.target(name)
        return target is not None and in_memory(target, 0)

    return check


_MAX_DEPTH = 8
