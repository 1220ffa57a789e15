"""PRR504 in the project phase: the waits and bounds a retry loop gets from the project functions it calls
(condition `unless-called-wait`, rules/called_waits.py `CALLED_WAIT`).

`with Pacer(sleep=1, increment=2, tries=5) as proceed: while proceed(): ...`, `Pacer` in another module: the
call graph resolves each called name (`proceed()` to `Pacer.__call__`) and the summaries' tags say whether
the function always pauses, how long, and whether it raises past a counter or a clock. A name that may run
several functions pauses (or bounds) only when each of them does. The finding goes when the rule's own
tests on pauses and bounds (rules/called_waits.py `left_alone`) leave the loop alone with them; otherwise
the condition the finding carried before decides.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, List, Optional, Set

from prr_lint.model import Finding, Pending
from prr_lint.project.callgraph import CallGraph
from prr_lint.project.names import lineage
from prr_lint.rules.called_waits import (ANY_PAUSE, BOUNDED, BOUNDS, CALLED_WAIT, ENTERED, MAY_BOUND, PAUSES,
                                         PAUSES_VIA, SEPARATOR, left_alone)

Judge = Callable[[Pending], Optional[Finding]]
_DEPTH = 4  # project calls followed from a loop's callee to the function that pauses


class _Waits:
    """What called names do for a loop, from the summaries' tags."""

    def __init__(self, graph: CallGraph) -> None:
        self.graph = graph
        self.index = graph.index

    def pauses(self, called: str, depth: int = 0, seen: Optional[Set[str]] = None) -> Optional[List[str]]:
        """The lengths of the pauses every function `called` may run always takes, or None when one may not pause."""
        seen = seen if seen is not None else set()
        targets = self.graph.targets(called)
        if not targets or depth > _DEPTH:
            return None
        found: List[str] = []
        for target in targets:
            own = self._pauses_of(target, depth, seen)
            if own is None:
                return None
            found += own
        return found

    def _pauses_of(self, function: str, depth: int, seen: Set[str]) -> Optional[List[str]]:
        summary = self.index.functions.get(function)
        if summary is None or function in seen:
            return None
        seen.add(function)
        lengths = [tag[len(PAUSES):] for tag in summary.tags if tag.startswith(PAUSES)]
        for tag in summary.tags:
            if tag.startswith(PAUSES_VIA):
                lengths += self.pauses(tag[len(PAUSES_VIA):], depth + 1, seen) or []
        return lengths or None

    def bounds(self, called: str) -> bool:
        targets = self.graph.targets(called)
        return bool(targets) and all(BOUNDS in getattr(self.index.functions.get(target), "tags", ()) for target in targets)

    def entered_is_self(self, called: str) -> bool:
        """`with X(...) as name`: every class `name` may be gives itself from `__enter__` (`return self`)."""
        owner = called.rpartition(".")[0]
        classes = self.graph.receivers.types(owner)
        for cls in classes:
            enter = self.index._method(cls, "__enter__", set())
            summary = self.index.functions.get(enter) if enter is not None else None
            if summary is None or not summary.returns or not self.graph.receivers.types(summary.returns) <= set(lineage(self.index, cls)):
                return False
        return bool(classes)


def called_wait_conditions(project, judge: Judge) -> Dict[str, Callable[[], Judge]]:
    """`judge` settles the condition the finding carries next."""

    def build() -> Judge:
        waits = _Waits(CallGraph(project.index))

        def check(item: Pending) -> Optional[Finding]:
            bound, own, calls = item.subjects[:3]
            lengths = [length for length in own.split(",") if length]
            bounded = bound == BOUNDED
            for called in calls.split(SEPARATOR):
                may_bound = called.startswith(MAY_BOUND)
                called = called[len(MAY_BOUND):] if may_bound else called
                if called.startswith(ENTERED):
                    called = called[len(ENTERED):]
                    if not waits.entered_is_self(called):
                        continue
                lengths += waits.pauses(called) or []
                bounded = bounded or (may_bound and waits.bounds(called))
            if (bound == ANY_PAUSE and lengths) or (bound != ANY_PAUSE and left_alone(bounded, lengths)):
                return None
            return judge(replace(item, condition=item.subjects[3], subjects=item.subjects[4:]))

        return check

    return {CALLED_WAIT: build}
