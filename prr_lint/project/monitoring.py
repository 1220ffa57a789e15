"""Project-phase conditions of the app-level logging and per-handler instrumentation rules.

* `no-request-correlation` (PRR405; subjects: framework): serving code writes log records and
  nothing in the project attaches a request id or trace context to them.
* `uninstrumented-handler` (PRR202; subjects: function): with `instrumentation.granularity =
  "handler"`, the function is an entry point with no handler-level touchpoint of its own or in a
  function it calls directly.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Optional

from prr_lint import frameworks as fw
from prr_lint.model import Finding, Pending
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import breadth_first
from prr_lint.project.model import setting

Rewriter = Callable[[Pending], Optional[Finding]]


def _top_package(finding: Finding) -> str:
    """The top-level package of the code that reported (a repository can hold several services)."""
    return finding.context.split(".")[0]


def request_correlation(analysis: ServingAnalysis, settings) -> Rewriter:
    index = analysis.index
    external = bool(setting(settings, "instrumentation", "external", False))
    correlated = any(
        fw.CORRELATES_REQUESTS in index.functions[module.module].tags
        for module in index.modules.values() if module.module in index.functions
    )

    reached_from_routes = breadth_first(analysis.graph, sorted(e.qualname for e in analysis.model.entry_points),
                                        analysis.max_depth)

    def check(item: Pending) -> Optional[Finding]:
        if external or correlated:
            return None
        top = _top_package(item.finding)
        writers = sorted(
            name for name in reached_from_routes
            if name.split(".")[0] == top and name in index.functions and fw.WRITES_LOGS in index.functions[name].tags
        )
        if not writers:
            return None
        shown = ", ".join(analysis.label(name) for name in writers[:3]) + (f" and {len(writers) - 3} more" if len(writers) > 3 else "")
        message = (f"{item.finding.message}: serving code writes log records ({shown}) and no correlation-id middleware, "
                   "log-context binding or trace-context injection ties them to a request")
        return replace(item.finding, message=message, related=tuple(analysis.location(name) for name in writers[:10]))

    return check


def handler_instrumentation(analysis: ServingAnalysis, settings) -> Rewriter:
    index = analysis.index
    per_handler = setting(settings, "instrumentation", "granularity", "app") == "handler"
    external = bool(setting(settings, "instrumentation", "external", False))

    def instrumented(name: str) -> bool:
        function = index.functions.get(name)
        if function is None:
            return False
        return fw.INSTRUMENTED_HANDLER in function.tags or any(
            fw.INSTRUMENTED_HANDLER in index.functions[callee].tags for callee in analysis.graph.callees(name)
            if callee in index.functions
        )

    def check(item: Pending) -> Optional[Finding]:
        entry = analysis.entry_by_name.get(item.subjects[0])
        if not per_handler or external or entry is None or instrumented(entry.qualname):
            return None
        route = f" {entry.route}" if entry.route else ""
        return replace(item.finding, message=f"{item.finding.message} ({entry.framework} entry point{route})")

    return check
