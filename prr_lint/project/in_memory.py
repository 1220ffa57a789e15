"""The pending check of PRR101's in-memory handlers (rules/verdicts.py `IN_MEMORY`): a `try` the file
saw calling only libraries and values in memory is left alone unless one of those calls is in fact the
project's (another top-level package of it, such as a Django app, that the file could not tell)."""

from __future__ import annotations

from typing import Callable, Tuple

from prr_lint.project.index import ProjectIndex
from prr_lint.project.reporters import is_sink_call, raising_functions, reporter_functions
from prr_lint.rules.verdicts import IN_MEMORY


def in_memory_check(index: ProjectIndex) -> Callable[[Tuple[str, ...]], bool]:
    """subjects: the `try`'s library calls, `IN_MEMORY`, then the handler's callees."""
    tops = {module.partition(".")[0] for module in index.modules}
    stops = reporter_functions(index) | raising_functions(index)

    def check(subjects: Tuple[str, ...]) -> bool:
        split = subjects.index(IN_MEMORY) if IN_MEMORY in subjects else len(subjects)
        names, callees = subjects[:split], subjects[split + 1 :]
        if not any(index.canonical(name) is not None or name.partition(".")[0] in tops for name in names):
            return False  # in-memory work: nothing the project runs was reached
        return not any(index.canonical(callee) in stops or is_sink_call(index, callee) for callee in callees)

    return check
