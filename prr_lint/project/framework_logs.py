"""PRR104 in the project phase: an error handler answering only 5xx, registered on an object its module
cannot type (condition `unless-framework-logs-5xx`).

`def configure_exception(api): @api.errorhandler(Exception) ...` with the app module calling
`configure_exception(Api(app))`: the project types the receiver (project/receivers.py: what the callers
pass the parameter, what a factory returns, a project subclass). When every class it may be is one whose
error dispatch logs a 5xx answer (rules/framework_reports.py: flask-restx's `Api`), the handler loses
nothing and the finding goes; otherwise (a Flask app, nothing typed) the condition the finding carried
before decides.

Subjects: the receiver expression, the next condition ("" for none), then its subjects.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, Optional

from prr_lint import frameworks as fw
from prr_lint.model import FRAMEWORK_LOGS_5XX, Finding, Pending
from prr_lint.project.callgraph import CallGraph
from prr_lint.project.names import class_ancestors
from prr_lint.rules.framework_reports import HANDLER_OWNERS

Judge = Callable[[Pending], Optional[Finding]]


def framework_logs_conditions(project, judge: Judge) -> Dict[str, Callable[[], Judge]]:
    """`judge` settles the condition the finding carries next."""

    def build() -> Judge:
        index = project.index
        receivers = CallGraph(index).receivers.seeing(HANDLER_OWNERS)

        def logs(owner: str) -> bool:
            classes = receivers.types(owner)
            return bool(classes) and all(
                any(fw.canonical(name) in HANDLER_OWNERS for name in (cls, *class_ancestors(index, cls))) for cls in classes
            )

        def check(item: Pending) -> Optional[Finding]:
            owner, condition, rest = item.subjects[0], item.subjects[1], item.subjects[2:]
            if logs(owner):
                return None
            return judge(replace(item, condition=condition, subjects=rest)) if condition else item.finding

        return check

    return {FRAMEWORK_LOGS_5XX: build}
