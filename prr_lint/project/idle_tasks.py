"""PRR303 in the project phase: a short bounded wait on a Celery task whose body does nothing (condition
`unless-idle-task`, rules/idle_tasks.py `IDLE_TASK`).

remo's admin view queues `check_celery.delay()`, a task of another module whose body is a docstring and `pass`,
and waits `.get(timeout=5)` for it: the wait probes the queue and its workers, no work runs on the request path.
The finding goes when the task's name resolves to exactly one project function (no alternative binding in a
branch, ProjectIndex.alternatives) tagged `IDLE_BODY`, in the one indexed module of its dotted name (two import
roots may each hold `svc.jobs`: the name may be the other's); its app, when it names one, is a module-level name
its module tags a plain Celery app (rules/celery_apps.py), in the one module of that name; and no module writes
the task's name through its module (`svc.jobs.ping = svc.jobs.heavy`, session_patches.py PATCHES_GLOBAL).
Otherwise the condition it carried before decides.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Callable, Dict, Optional

from prr_lint.model import Finding, Pending
from prr_lint.rules.celery_apps import CELERY_APP
from prr_lint.rules.idle_tasks import IDLE_BODY, IDLE_TASK
from prr_lint.rules.session_patches import PATCHES_GLOBAL

Judge = Callable[[Pending], Optional[Finding]]


def idle_task_conditions(project, judge: Judge) -> Dict[str, Callable[[], Judge]]:
    """`judge` settles the condition the finding carries next."""

    def build() -> Judge:
        index = project.index

        def check(item: Pending) -> Optional[Finding]:
            task, condition, rest = item.subjects[0], item.subjects[1], item.subjects[2:]
            if _idle(index, task):
                return None
            return judge(replace(item, condition=condition, subjects=rest))

        return check

    return {IDLE_TASK: build}


def _idle(index, task: str) -> bool:
    function = index.canonical(task)
    summary = index.functions.get(function) if function is not None else None
    apps = [tag[len(IDLE_BODY):] for tag in summary.tags if tag.startswith(IDLE_BODY)] if summary is not None else []
    if len(apps) != 1 or index.alternatives(task):
        return False
    module, _, name = function.rpartition(".")
    return _only_module(index, module) and not _written(index, module, name) and (not apps[0] or _plain_app(index, apps[0]))


def _plain_app(index, app: str) -> bool:
    module, _, name = app.rpartition(".")
    top = index.functions.get(module)
    return _only_module(index, module) and top is not None and CELERY_APP + name in top.tags


def _only_module(index, module: str) -> bool:
    return module in index.modules and sum(summary.module == module for summary in index.by_path.values()) == 1


def _written(index, module: str, name: str) -> bool:
    """Whether some module gives `module.name` another value through the module object."""
    for tags in index.tagged(PATCHES_GLOBAL).values():
        for tag in tags:
            origins, attribute, _ = json.loads(tag)
            if attribute == name and any(origin == module or origin.endswith(".") and module.startswith(origin)
                                         for origin in origins):
                return True
    return False
