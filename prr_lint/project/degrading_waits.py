"""PRR303 in the project phase: a bounded, degrading wait (condition `unless-degrading-wait`,
rules/degrading_waits.py `DEGRADING_WAIT`).

Read per file, the wait's bound and handler hold for its module alone. The finding goes when the rest of the project
agrees: no other module outside tests may write a module constant the bound read (a timeout, a backoff list:
project/constant_writes.py `written_elsewhere`, as for a loader's constant start), no name the handlers and
`finally` blocks on the way call is the project's own (a project function may raise: its module, or a module above
it, is indexed), no method they call on an object of unknown class has the name of a project function or method
(`failed.append(...)` on what a helper returned runs project code only if the project defines an `append`), and the wait's function does not reach itself through the call graph (a retry through a helper,
`except TimeoutError: return again(request)` with `def again(r): return view(r)`), within `_DEPTH` calls; a search
that runs past it keeps the finding. Otherwise the condition it carried before decides. The graph drops unresolved
calls: a recursion only through a call nothing resolves is not seen (a limit the rule's docs state).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, Optional

from prr_lint.model import Finding, Pending
from prr_lint.project.callgraph import breadth_first
from prr_lint.project.constant_writes import written_elsewhere
from prr_lint.rules.degrading_waits import DEGRADING_WAIT, METHOD, read_pending

Judge = Callable[[Pending], Optional[Finding]]
_DEPTH = 12  # calls followed from the wait's function looking for itself
_MAX_SEEN = 2000  # functions visited before the search gives up (and keeps the finding)


def degrading_wait_conditions(project, judge: Judge) -> Dict[str, Callable[[], Judge]]:
    """`judge` settles the condition the finding carries next."""

    def build() -> Judge:
        index, graph = project.index, project.analysis().graph
        methods = frozenset(qualname.rpartition(".")[2] for qualname in index.functions)

        def check(item: Pending) -> Optional[Finding]:
            function, module, found, condition, rest = read_pending(item.subjects)
            if not any(written_elsewhere(index, module, constant) for constant in found.constants) \
                    and not any(callee[len(METHOD):] in methods if callee.startswith(METHOD) else _project_name(index, callee)
                                for callee in found.callees) \
                    and not _reaches_itself(graph, function):
                return None
            return judge(replace(item, condition=condition, subjects=rest))

        return check

    return {DEGRADING_WAIT: build}


def _project_name(index, name: str) -> bool:
    """`name` (a dotted name a module imports) is in a project module: it, or a module above it, is indexed."""
    parts = name.split(".")
    return any(".".join(parts[:end]) in index.modules for end in range(len(parts), 0, -1))


def _reaches_itself(graph, function: str) -> bool:
    """The function's calls lead back to it within `_DEPTH` calls, or the search gives up: it reaches more than
    `_MAX_SEEN` functions, or functions `_DEPTH` calls away still call something."""
    last = _DEPTH - 1  # breadth_first's depth counts from the function's callees
    reached = breadth_first(graph, graph.callees(function), last, _MAX_SEEN)
    return function in reached or len(reached) > _MAX_SEEN or any(
        depth == last and graph.callees(name) for name, (_, depth) in reached.items())
