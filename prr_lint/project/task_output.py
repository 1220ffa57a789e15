"""PRR401 in the project phase: output that only Celery tasks produce is logging already, and output
of a class that only a developer's environment switch builds is no service output.

A Celery worker redirects `sys.stdout` and `sys.stderr` to its logger by default
(`worker_redirect_stdouts`, at WARNING): a `print()` or `traceback.print_exc()` in a task, or in a
helper only tasks reach, becomes a log record of the `celery.redirected` logger, shipped with the
worker's other logs. Such output is dropped with the out-of-scope findings, unless some module of the
project turns the redirection off (task_stdout.py), or the function is also reached from a request
handler, the service's start-up code or another program (a script, an RQ job), where the output
goes to a terminal or a log nobody reads. A command-line command that reaches it too (a Django
management command, a click command: `manage.py sync_mongo` and the `email_mongo_sync_status` task
share `mongo_sync_status`) does not keep it: there the output is the command's answer to whoever
typed it, and in the task it is a log record.

A class that the project builds only under an environment switch that is off by default
(rules/switched_modes.py: `elif os.getenv("LOG_USER_ACTIVITY"): logger = FileLogger()`, production
taking another branch) exists only in a developer's local run: its methods' output is left out,
however the call graph reaches them (`logger.log(...)` may be any of the branches' objects). Not when
some construction of the class is unconditional (or in a test module: tests are not counted), when a
project class derives from it, or when the switch is on by default.
"""

from __future__ import annotations

from collections import Counter
from typing import FrozenSet, Sequence, Set

from prr_lint.model import KEEPS_TASK_STDOUT, Finding
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.import_time import import_time_only
from prr_lint.project.names import enclosing_function
from prr_lint.project.scope import NonServing
from prr_lint.project.service_reach import command_roots
from prr_lint.project.support import test_modules
from prr_lint.rules.print_rule import ERROR_OUTPUT
from prr_lint.rules.switched_modes import ENV_BUILT


def celery_only(analysis: ServingAnalysis) -> FrozenSet[str]:
    """The functions that Celery tasks reach and nothing else does but command-line commands, when the
    worker redirects output."""
    index = analysis.index
    tasks = sorted({context.qualname for context in analysis.model.batch_contexts
                    if context.kind.startswith("celery") and context.qualname in index.functions})
    if not tasks or any(KEEPS_TASK_STDOUT in function.tags for module in index.modules.values()
                        for function in module.functions.values()):
        return frozenset()
    non_serving: NonServing = analysis.derived("non-serving", lambda: NonServing(analysis))
    commands = command_roots(analysis)  # a command's output is its answer to whoever typed it
    others = sorted(root for root in non_serving.roots if root not in tasks and root not in commands)
    elsewhere = non_serving.serving | set(breadth_first(analysis.graph, others, UNBOUNDED)) | non_serving.startup
    return frozenset(name for name in breadth_first(analysis.graph, tasks, UNBOUNDED) if name not in elsewhere)


def switched_methods(analysis: ServingAnalysis) -> FrozenSet[str]:
    """The methods of project classes every construction of which is under an environment switch."""
    index = analysis.index
    tests = test_modules(index)
    built: Counter = Counter()  # class -> constructions anywhere outside tests
    switched: Counter = Counter()  # class -> constructions under a switch
    for name, function in index.functions.items():
        if index.module_of(name) not in tests:
            built.update(found for found in map(index.canonical, function.calls) if found in index.classes)
            switched.update(found for found in (index.canonical(tag[len(ENV_BUILT):]) for tag in function.tags
                                                if tag.startswith(ENV_BUILT)) if found in index.classes)
    bases = {base for name, found in index.classes.items() for base in map(index.canonical, found)}
    classes = {cls for cls, count in switched.items() if built[cls] == count and cls not in bases}
    return frozenset(name for name in index.functions if name.rpartition(".")[0] in classes)


def task_output(analysis: ServingAnalysis, findings: Sequence[Finding], whole_project: bool = False) -> Set[int]:
    """Positions in `findings` of PRR401 findings in code only Celery tasks run, in the methods of a
    class only an environment switch builds, and, in a run over a whole project (a run over named
    files does not see every caller), but a printed traceback (an error nobody is alerted to), in
    code only import-time code calls (import_time.py)."""
    candidates = [position for position, finding in enumerate(findings) if finding.rule == "PRR401"]
    if not candidates:
        return set()
    left_out = analysis.derived("celery-only", lambda: celery_only(analysis)) | analysis.derived(
        "env-switched", lambda: switched_methods(analysis))
    at_import = analysis.derived("import-time-only", lambda: import_time_only(analysis)) if whole_project else frozenset()
    found = set()
    for position in candidates:
        name = enclosing_function(analysis.index, findings[position].context)
        if name in left_out or (name in at_import and not findings[position].message.startswith(ERROR_OUTPUT)):
            found.add(position)
    return found
