"""PRR303 in the project phase: a bounded wait on a task whose body does nothing (condition `unless-idle-task`,
rules/idle_tasks.py `IDLE_TASK`).

remo's admin view queues `check_celery.delay()`, a task of another module whose body is a docstring and `pass`,
and waits `.get(timeout=5)` for it: the wait probes the queue and its workers, no work runs on the request path.
The finding goes when the task's name resolves to exactly one project function (no alternative binding in a
branch, ProjectIndex.alternatives) tagged `IDLE_BODY`; otherwise the condition it carried before decides.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, Optional

from prr_lint.model import Finding, Pending
from prr_lint.rules.idle_tasks import IDLE_BODY, IDLE_TASK

Judge = Callable[[Pending], Optional[Finding]]


def idle_task_conditions(project, judge: Judge) -> Dict[str, Callable[[], Judge]]:
    """`judge` settles the condition the finding carries next."""

    def build() -> Judge:
        index = project.index

        def check(item: Pending) -> Optional[Finding]:
            task, condition, rest = item.subjects[0], item.subjects[1], item.subjects[2:]
            function = index.canonical(task)
            summary = index.functions.get(function) if function is not None else None
            if summary is not None and IDLE_BODY in summary.tags and not index.alternatives(task):
                return None
            return judge(replace(item, condition=condition, subjects=rest))

        return check

    return {IDLE_TASK: build}
