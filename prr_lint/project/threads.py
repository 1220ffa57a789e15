"""PRR106 in the project phase: whether a thread's target reports its own failures, seen from every
module's summary. A target may do so itself, through a reporter helper its handler calls, or by handing
its work to project functions that do: a daemon whose body only sets up, calls `run_daemon(...)` (whose
loop catches, counts and logs every failure) and tears down has its failures reported there."""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Optional, Tuple

from prr_lint.model import DELEGATES_TO, FAILURE_HANDLER_CALLS, REPORTS_IN_LOOP, REPORTS_OWN_FAILURES, SETS_THREAD_EXCEPTHOOK, FunctionSummary
from prr_lint.project.index import ProjectIndex
from prr_lint.project.reporters import is_sink_call, reporter_functions

_MAX_DEPTH = 4


class BackgroundWork:
    """Answers, per project function (remembered), whether running it loses no failure."""

    def __init__(self, index: ProjectIndex, reporters: FrozenSet[str]) -> None:
        self.index = index
        self.reporters = reporters
        self._reports: Dict[str, bool] = {}
        self._loops: Dict[str, bool] = {}

    def reports(self, function: FunctionSummary, depth: int = 0) -> bool:
        """Its top-level `try` reports (itself or through a reporter helper), or it only sets up
        around a call of a project function that runs a reporting loop, or every call it makes goes
        to a project function that reports."""
        if function.qualname not in self._reports:
            self._reports[function.qualname] = False  # a cycle reports nothing
            handler_calls = [tag[len(FAILURE_HANDLER_CALLS):] for tag in function.tags if tag.startswith(FAILURE_HANDLER_CALLS)]
            found = REPORTS_OWN_FAILURES in function.tags or self.any_reporter(handler_calls)
            if not found and depth < _MAX_DEPTH:
                callees = self._delegates(function)
                found = any(callee is not None and self.runs_reporting_loop(callee, depth + 1) for callee in callees) or (
                    bool(callees) and all(callee is not None and self.reports(callee, depth + 1) for callee in callees))
            self._reports[function.qualname] = found
        return self._reports[function.qualname]

    def runs_reporting_loop(self, function: FunctionSummary, depth: int = 0) -> bool:
        """Its work runs in a loop whose handler reports each failure (itself, in the nested function
        it returns, or in the project function it only sets up around)."""
        if function.qualname not in self._loops:
            self._loops[function.qualname] = False
            found = REPORTS_IN_LOOP in function.tags
            if not found and depth < _MAX_DEPTH:
                found = any(callee is not None and self.runs_reporting_loop(callee, depth + 1) for callee in self._delegates(function))
            self._loops[function.qualname] = found
        return self._loops[function.qualname]

    def any_reporter(self, callees) -> bool:
        return any(self.index.canonical(callee) in self.reporters or is_sink_call(self.index, callee) for callee in callees)

    def _delegates(self, function: FunctionSummary) -> Tuple[Optional[FunctionSummary], ...]:
        """The functions it calls when it has no work loop of its own (None for a call that is not of
        a project function: a library's, a class's)."""
        return tuple(self.index.function(tag[len(DELEGATES_TO):]) for tag in function.tags if tag.startswith(DELEGATES_TO))


def thread_reports_check(index: ProjectIndex) -> Callable[[Tuple[str, ...]], bool]:
    """PRR106's `unless-thread-reports` check on (target, *callees): True (keep the finding) unless
    some module sets `threading.excepthook`, the target (a project function, when named) reports its
    own failures (see `BackgroundWork.reports`), or one of the callees of its handlers is a reporter
    helper. A named target that is not a project function is not judged (dropped)."""
    if any(SETS_THREAD_EXCEPTHOOK in function.tags for function in index.functions.values()):
        return lambda subjects: False
    work = BackgroundWork(index, reporter_functions(index))

    def check(subjects: Tuple[str, ...]) -> bool:
        target, callees = (subjects[0], subjects[1:]) if subjects else ("", ())
        if target:
            function = index.function(target)
            if function is None or work.reports(function):
                return False
        return not work.any_reporter(callees)

    return check
