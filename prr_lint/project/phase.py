"""Runs the project phase: builds the index and settles the findings the per-file phase left pending."""

from __future__ import annotations

from typing import Callable, Dict, List, Sequence, Tuple

from prr_lint.model import FileResult, Finding
from prr_lint.project.index import ProjectIndex
from prr_lint.project.reporters import reporter_functions

Check = Callable[[Tuple[str, ...]], bool]


def _conditions(index: ProjectIndex) -> Dict[str, Callable[[], Check]]:
    """Condition name -> a factory of its check, so each analysis runs only when some finding needs it."""

    def unless_reporter() -> Check:
        reporters = reporter_functions(index)
        return lambda callees: not any(index.canonical(callee) in reporters for callee in callees)

    return {"unless-reporter": unless_reporter}


def settle(results: Sequence[FileResult]) -> Tuple[List[Finding], List[Finding]]:
    """(confirmed findings, confirmed but suppressed findings) from every file's pending ones."""
    pending = [item for result in results for item in result.pending]
    if not pending:
        return [], []
    index = ProjectIndex(result.summary for result in results if result.summary is not None)
    factories = _conditions(index)
    checks: Dict[str, Check] = {}
    confirmed: List[Finding] = []
    suppressed: List[Finding] = []
    for item in pending:
        if item.condition not in checks:
            checks[item.condition] = factories[item.condition]()
        if checks[item.condition](item.subjects):
            (suppressed if item.suppressed else confirmed).append(item.finding)
    return confirmed, suppressed
