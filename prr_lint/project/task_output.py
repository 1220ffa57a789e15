"""PRR401 in the project phase: output that only Celery tasks produce is logging already.

A Celery worker redirects `sys.stdout` and `sys.stderr` to its logger by default
(`worker_redirect_stdouts`, at WARNING): a `print()` or `traceback.print_exc()` in a task, or in a
helper only tasks reach, becomes a log record of the `celery.redirected` logger, shipped with the
worker's other logs. Such output is dropped with the out-of-scope findings, unless some module of the
project turns the redirection off (task_stdout.py), or the function is also reached from a request
handler, the service's start-up code or another tool (a command, a script, an RQ job), where the
output goes to the terminal.
"""

from __future__ import annotations

from typing import FrozenSet, Sequence, Set

from prr_lint.model import KEEPS_TASK_STDOUT, Finding
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import breadth_first
from prr_lint.project.names import enclosing_function
from prr_lint.project.scope import NonServing

_UNBOUNDED = 1 << 30


def celery_only(analysis: ServingAnalysis) -> FrozenSet[str]:
    """The functions that Celery tasks reach and nothing else does, when the worker redirects output."""
    index = analysis.index
    tasks = sorted({context.qualname for context in analysis.model.batch_contexts
                    if context.kind.startswith("celery") and context.qualname in index.functions})
    if not tasks or any(KEEPS_TASK_STDOUT in function.tags for module in index.modules.values()
                        for function in module.functions.values()):
        return frozenset()
    non_serving: NonServing = analysis.derived("non-serving", lambda: NonServing(analysis))
    others = sorted(root for root in non_serving.roots if root not in tasks)
    elsewhere = non_serving.serving | set(breadth_first(analysis.graph, others, _UNBOUNDED)) | non_serving.startup
    return frozenset(name for name in breadth_first(analysis.graph, tasks, _UNBOUNDED) if name not in elsewhere)


def task_output(analysis: ServingAnalysis, findings: Sequence[Finding]) -> Set[int]:
    """Positions in `findings` of PRR401 findings in code only Celery tasks run."""
    candidates = [position for position, finding in enumerate(findings) if finding.rule == "PRR401"]
    if not candidates:
        return set()
    only_tasks = analysis.derived("celery-only", lambda: celery_only(analysis))
    return {position for position in candidates if enclosing_function(analysis.index, findings[position].context) in only_tasks}
