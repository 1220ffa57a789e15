"""PRR501: a Celery time limit, the deadline of a whole background job.

A Celery task run under a time limit cannot hang on a socket forever: the hard limit (`time_limit`)
kills the prefork child blocked in the read, the soft limit (`soft_time_limit`) raises
`SoftTimeLimitExceeded` inside the blocked call. Celery sets none by default. A limit comes from

* the task: `@app.task(time_limit=...)`, `@shared_task(soft_time_limit=...)`, or a `time_limit` /
  `soft_time_limit` attribute of its class: a task class, a project base class it inherits from, the
  `base=` of its decorator or the app's `task_cls` (task_bases.py);
* every send of the task: `task.apply_async(..., soft_time_limit=...)`, `task.s(...).set(time_limit=...)`,
  or its class's `apply_async` override putting a limit into the options it passes on (task_bases.py; a
  send's limit replaces the task's). A task Celery beat schedules, or any task when the project sends
  some by name, is not counted;
* the app, for every task: `app.conf.update(task_time_limit=...)`, `app.conf.task_soft_time_limit =
  ...`, `Celery(..., task_time_limit=...)`, a `{"task_time_limit": ...}` configuration mapping, a
  lowercase `task_time_limit = ...` in a configuration module, a Django setting
  `CELERY_TASK_TIME_LIMIT` / `CELERY_TASK_SOFT_TIME_LIMIT` when some module loads settings with
  `namespace="CELERY"`, the old `CELERYD_TASK_TIME_LIMIT` / `CELERYD_TASK_SOFT_TIME_LIMIT`, or every
  worker command line of the deployment's launch files passing `--time-limit` or `--soft-time-limit`
  (celery_workers.py: `celery ... worker`, `celery multi start`, a systemd unit's continued `ExecStart`, the
  `CELERYD_OPTS` of Celery's init script or unit).

The task's own value replaces the app's of the same kind; the earlier of the hard and the soft limit is
the deadline. A limit may name a constant another project module binds (deadline_values.py). Settings variants (`settings/prod.py`, `settings/staging.py`) may each set the app's limit:
the longest counts, as any of them may be the deployed one. It counts only when its value is known (a number, arithmetic on numbers, a module
constant, a Django setting `settings.X` bound at a module's top level, an environment lookup's default)
and at most `MAX_SECONDS`: a limit of half an hour, an hour or two days still lets one hung provider pin
a worker that long (judged true on real services: 30 min, 1 h, 48 h).

A call is then covered when time-limited tasks reach it and nothing else does: no serving entry point,
command, script, long-running program or loop, no function a project decorator registers that nothing calls (`@json_api(blueprint, "/v1/start")`:
a route the framework rules do not know), no FastAPI dependency (injected.py), no task without a limit, no remote-control command
(`@control_command`: a broadcast runs it in the worker's main process, under no task's limit), nor
start-up code. A reached
method stands for its overrides in project subclasses too (a task that calls `plugin.start()`, whose
`self.run()` each plugin overrides), on both sides: an override a view reaches the same way stays. A
method reached on a named class (`UnittestStep(request).invoke()`, inherited from `PipelineStep`) runs
that class's methods for what it calls on `self` (`self._invoke()`), so a view running another step
does not reach this one's `_invoke`. Reach goes through Django ORM rows as the call graph does: `doc =
Document.objects.get(pk=pk); doc.process()` and `for feed in Feed.objects.filter(...): feed.sync()` run the
model's methods (prr_lint/orm_rows.py types the rows), so a view's `get_object_or_404(Feed, pk=pk).sync()`
reaches `sync` too. A call on a receiver of no known type (`self.api_client.get_measurements()`, the client
picked from a table of drivers filled by name) stands for every project method of that name, on both sides
(untyped_calls.py).
Code that nothing reaches is not covered, whatever the app's limit: it may still be request code; so what
such code calls is run elsewhere too (a driver's request helper that a setup form, which a view builds from a
table, calls through `get_stations`, beside the task's `get_measurements`). Under the serving scope, code no
process runs (PRR501's dead code, scope.py `NonServing.dead`: no service source names it, and the decorator that
wraps it registers nothing) is neither: a report sender nothing queues or names beside the senders a view queues
runs their client in no process, unless a configuration file names it, a computed lookup (`getattr(module,
name)`, `globals()`, a method dispatched by `getattr(self, ...)`) may reach it, or it is a gunicorn hook
(unseen_runs.py).

django-q kills a task after its cluster's `timeout` (`Q_CLUSTER = {"timeout": 240}`, or the dict a
settings function returns; no timeout by default) or the task's own (`async_task(f, timeout=30)`), so
a function django-q runs, every send of it with a known timeout and none synchronous (queued, scheduled,
chained or iterated: django_q_deadline.py), is time-limited the same way, and so is a management command
every `call_command("name")` of which is in such a task, when no deployment file names the command.
RQ kills a job past its timeout (180 s unless the job or its queue sets another): a function only RQ
runs, with a known timeout, is time-limited the same way (rq_deadline.py). Airflow stops a task at its
`execution_timeout`: what only such tasks' `execute`, python callables and `@task` functions run in their
main thread is time-limited too, and the other operators' are code run elsewhere (airflow_deadline.py).
Airflow parses a DAG file under `dagbag_import_timeout`: what only the top level of a DAG module (and the
`@dag` functions it calls) runs in its main thread is time-limited too, unless the deployment lifts that limit;
such a module's top level is then no start-up code (dag_parsing.py, `NonServing.startup_apart`).
A plug-in job platform (Cortex, Shuffle) runs the methods of a project class deriving its SDK class under
its own limit: they are time-limited jobs too (platform_jobs.py).
"""

from __future__ import annotations

import re
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.model import LOOPS_FOREVER, Pending
from prr_lint.project.airflow_deadline import AirflowTasks, MainThreadCalls, airflow_limited, uses_airflow
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.celery_workers import HARD, SOFT, Limits, worker_limits
from prr_lint.project.dag_parsing import dag_parsing
from prr_lint.project.deadline_values import MAX_SECONDS, Sources, known_seconds
from prr_lint.project.django_q_deadline import django_q_limited, uses_django_q
from prr_lint.project.index import ProjectIndex
from prr_lint.project.injected import injected_dependencies
from prr_lint.project.lambda_deadline import lambda_limited
from prr_lint.project.names import class_ancestors, enclosing_function
from prr_lint.project.platform_jobs import platform_jobs
from prr_lint.project.rq_deadline import rq_limited, uses_rq
from prr_lint.project.job_reach import entry, overrides, reach, registered, unplaced_callers
from prr_lint.project.scope import NonServing
from prr_lint.project.task_bases import app_task_class, declared_bases, sent_limits
from prr_lint.project.texts import job_text
from prr_lint.project.untyped_calls import UntypedView
from prr_lint.project.unseen_runs import may_run_unseen
from prr_lint.tree import descendants

_APP_KEYS = {"task_time_limit": HARD, "task_soft_time_limit": SOFT,
             "CELERYD_TASK_TIME_LIMIT": HARD, "CELERYD_TASK_SOFT_TIME_LIMIT": SOFT}
_NAMESPACED_KEYS = {"CELERY_TASK_TIME_LIMIT": HARD, "CELERY_TASK_SOFT_TIME_LIMIT": SOFT}
_TASK_KEYS = {"time_limit": HARD, "soft_time_limit": SOFT}
_NAMESPACE = re.compile(r"namespace\s*=\s*['\"]CELERY['\"]")
# Remote-control commands a worker runs on a broadcast (`app.control.broadcast("name")`): its
# consumer runs them in the main process, outside every task's limit.
_CONTROL_COMMANDS = frozenset({"celery.worker.control.control_command", "celery.worker.control.inspect_command"})
_SENDS = frozenset({"delay", "apply_async", "s", "si", "signature", "apply", "map", "starmap", "chunks"})


def task_covered(
    analysis: ServingAnalysis, launch_files: Sequence[str], job_for: Callable[[str], Optional[object]], deployment_code: Sequence[str] = (),
) -> FrozenSet[str]:
    """The functions whose outbound calls only time-limited Celery, django-q or RQ jobs, or Lambda handlers, run (module docstring)."""
    index = analysis.index
    tasks = {context.qualname for context in analysis.model.batch_contexts if context.kind.startswith("celery")}
    queued = uses_django_q(index)
    root = getattr(analysis.settings, "root", None)
    lambdas = lambda_limited(index, launch_files, job_for, deployment_code, str(root) if root else "")  # an AWS Lambda's timeout (lambda_deadline.py)
    rq, airflow = uses_rq(index), uses_airflow(index)
    plugins = platform_jobs(index, analysis.graph)  # a plug-in job platform's limit (platform_jobs.py)
    if not tasks and not queued and not lambdas and not rq and not airflow and not plugins:
        return frozenset()
    sources = Sources({module.path: job_text(job_for(module.path)) for module in index.modules.values()}, index)
    limited: Set[str] = (django_q_limited(analysis, sources, launch_files) if queued else set()) | lambdas | plugins  # django_q_deadline.py
    dags = airflow_limited(index, sources) if airflow else AirflowTasks(set(), set(), set())  # execution_timeout (airflow_deadline.py)
    limited |= rq_limited(index, sources) if rq else set()  # an RQ job's timeout (rq_deadline.py)
    parsed = dag_parsing(index, launch_files, deployment_code) if airflow else set()  # dagbag_import_timeout (dag_parsing.py)
    app, by_name = _app_limits(sources, launch_files, root), _task_limits(index, sources)
    scheduled = {context.qualname for context in analysis.model.batch_contexts if context.kind == "celery-beat"}
    sent_limited = _sent_with_limits(index, sources, tasks - scheduled) if tasks else set()
    bases, default_base = declared_bases(index), app_task_class(index, sources) if tasks else None
    by_send = not _sends_by_name(index)  # a send by name skips the task class's `apply_async`
    for task in tasks:
        limits = dict(app)
        owners = [owner for owner in (task, task.rpartition(".")[0]) if owner in index.classes]  # a class-based task's `run`: its class
        classes = owners or [bases.get(task, default_base or "")]  # a task function: its `base=`, or the app's `task_cls`
        for owner in [task, *owners]:
            for kind, value in by_name.get(owner, {}).items():
                limits.setdefault(f"task-{kind}", value)
        for name in (ancestor for cls in classes if cls in index.classes for ancestor in (cls, *class_ancestors(index, cls))):
            for kind, value in by_name.get(name, {}).items():
                limits.setdefault(f"task-{kind}", value)
        for kind, value in sent_limits(index, sources, classes).items() if by_send and task not in scheduled else ():
            limits[f"task-{kind}"] = value  # a send's options replace the task's attributes
        hard = limits.get(f"task-{HARD}", limits.get(HARD))
        soft = limits.get(f"task-{SOFT}", limits.get(SOFT))
        deadline = min((value for value in (hard, soft) if value is not None), default=None)
        if (deadline is not None and 0 < deadline <= MAX_SECONDS) or task in sent_limited:
            limited.add(task)
    if not limited and not dags.starts and not parsed:
        return frozenset()
    starts = {name for task in limited for name in entry(index, task)}
    non_serving: NonServing = analysis.derived("non-serving", lambda: NonServing(analysis))
    by_dags = dags.starts | dags.inner  # batch code by its operator class, run under the task's timeout
    # Under the serving scope a hand-run tool's path (a management command no deployment file names) is out of
    # scope: it cannot keep a job's call uncovered (COSMOS' `load_urls_from_api` calling its time-limited task). The
    # model's batch lists such commands too, hence the filter below as well as the roots'.
    serving_only = getattr(analysis.settings, "scope", "serving") == "serving"
    tools = {name for other in non_serving.roots for name in entry(index, other)} if serving_only else set()
    # So is code no process runs (PRR501's dead code, which the serving scope leaves out: no service source names it):
    # a function a project decorator wraps or nothing reaches runs a job's callee nowhere when it is dead (clerk's
    # `send_weekly_report_slack`, under a wrapping `@sentry_task` and queued by nothing, beside the queued senders).
    # The dead set reads names in Python sources only: one a configuration file names, a computed lookup may reach
    # or gunicorn calls as a hook may run all the same, and stays a possible caller (unseen_runs.py).
    unseen = may_run_unseen(analysis, sources) if serving_only else None
    unrun = (lambda name: non_serving.dead(name, "PRR501") and not unseen(name)) if unseen is not None else (lambda name: False)
    batch = {name for other in (*non_serving.roots, *non_serving.programs, *(name for name in analysis.model.batch if name in index.functions))
             for name in entry(index, other) if name not in by_dags and name not in parsed and name not in tools}
    others = {*analysis.model.seeds, *batch, *dags.elsewhere, *injected_dependencies(index, sources),
              *(name for name, function in index.functions.items()
                if LOOPS_FOREVER in function.tags or _CONTROL_COMMANDS.intersection(function.decorators)),
              *(name for name in registered(analysis, tasks) if not unrun(name))}
    others = {name for other in others if other not in limited for name in entry(index, other)}
    overriding = overrides(index)
    apart = frozenset(parsed & index.modules.keys())  # DAG files, loaded under the parse limit (the run's start-up set without)
    graph = UntypedView(analysis.graph)  # a call on a receiver of no known type, by the method's name, on both sides
    # Start-up code runs outside every job's limit, but a module only Lambda functions load starts inside one: AWS
    # stops a function's init phase too (lambda_deadline.py), so what its import runs (`handler = create_app()`) is bounded.
    startup = non_serving.startup_apart(apart) if apart else non_serving.startup
    elsewhere = reach(index, graph, others - starts, overriding) | {name for name in startup if name not in lambdas}
    reached = reach(index, graph, starts, overriding) | reach(index, MainThreadCalls(analysis.graph), dags.starts | parsed, overriding)
    tool_reach = reach(index, graph, tools - starts, overriding) if tools else set()
    unplaced = {name for name in unplaced_callers(index, graph, reached, elsewhere, overriding, tool_reach) if not unrun(name)}
    elsewhere |= reach(index, graph, unplaced, overriding)
    return frozenset(name for name in reached if name not in elsewhere and name not in index.modules)


def time_limited_check(project) -> Callable[[Pending], bool]:
    """Whether a pending finding's call is in code only time-limited jobs run (`task_covered`): the same
    set PRR501 uses (wrappers.py), computed once a run, only when a finding asks."""
    found: List[FrozenSet[str]] = []

    def check(item: Pending) -> bool:
        if not found:
            analysis = project.analysis()
            found.append(analysis.derived("task-covered", lambda: task_covered(analysis, project.launch_files, project.job_for, project.deployment_code)))
        return bool(found[0]) and enclosing_function(project.index, item.finding.context) in found[0]

    return check


def _sent_with_limits(index: ProjectIndex, sources: Sources, tasks: Iterable[str]) -> Set[str]:
    """The tasks every send of which gives a limit: `task.apply_async(..., soft_time_limit=60)`,
    `task.s(...).set(time_limit=60)`. Sends are counted from the resolved calls of every function;
    a task sent by name (`send_task`) anywhere, or never sent, is left out."""
    if _sends_by_name(index):
        return set()
    sends: Dict[str, int] = {}
    for function in index.functions.values():
        for call in function.calls:
            owner, _, method = call.rpartition(".")
            if method in _SENDS and owner in tasks:
                sends[owner] = sends.get(owner, 0) + 1
    if not sends:
        return set()
    limited: Dict[str, int] = {}
    for path, text in sources.texts.items():
        tree = sources.tree(path) if text is not None and "time_limit" in text else None
        if tree is None:
            continue
        constants = sources.bindings(path)
        for node in descendants(tree, stop_at=()):
            func = node.func if isinstance(node, cst.Call) else None
            if not isinstance(func, cst.Attribute) or func.attr.value not in ("apply_async", "set"):
                continue
            receiver = func.value.func if isinstance(func.value, cst.Call) else func.value
            receiver = receiver.value if isinstance(receiver, cst.Attribute) and receiver.attr.value in _SENDS else receiver
            name = receiver.attr.value if isinstance(receiver, cst.Attribute) else receiver.value if isinstance(receiver, cst.Name) else ""
            values = [known_seconds(arg.value, constants, sources) for arg in node.args if arg.keyword is not None and arg.keyword.value in _TASK_KEYS]
            if name and values and all(value is not None and 0 < value <= MAX_SECONDS for value in values):
                limited[name] = limited.get(name, 0) + 1
    return {task for task, count in sends.items() if limited.get(task.rpartition(".")[2], 0) >= count}


def _sends_by_name(index: ProjectIndex) -> bool:
    """Some function sends a task by name (`app.send_task("name")`): not through the task's own `apply_async`."""
    return any(call.endswith("send_task") for function in index.functions.values() for call in function.calls)


def _app_limits(sources: Sources, launch_files: Sequence[str], root: Optional[object]) -> Limits:
    """The app-wide limits: configuration in the code, or every worker command line (celery_workers.py)."""
    limits: Limits = {}
    namespaced = any(text is not None and _NAMESPACE.search(text) for text in sources.texts.values())
    keys = {**_APP_KEYS, **(_NAMESPACED_KEYS if namespaced else {})}
    for path, text in sources.texts.items():
        if text is None or not any(key in text for key in keys):
            continue
        for key, value in _settings(sources, path, keys):
            limits[keys[key]] = max(value, limits.get(keys[key], value))  # the longest of the settings variants
    for kind, value in worker_limits(launch_files, root).items():
        limits.setdefault(kind, value)
    return limits


def _task_limits(index: ProjectIndex, sources: Sources) -> Dict[str, Limits]:
    """Qualified name of a decorated function or class -> the limits its decorator or body sets."""
    found: Dict[str, Limits] = {}
    for name, module in index.modules.items():
        text = sources.texts.get(module.path)
        tree = sources.tree(module.path) if text is not None and "time_limit" in text else None
        if tree is not None:
            _Limits(name, sources.bindings(module.path), found, sources).visit_body(tree)
    return found


class _Limits:
    def __init__(self, module: str, constants: Dict[str, cst.BaseExpression], found: Dict[str, Limits], lookup: Sources) -> None:
        self.module, self.constants, self.found, self.lookup = module, constants, found, lookup

    def visit_body(self, node: cst.CSTNode, prefix: str = "") -> None:
        for statement in getattr(node, "body", ()):
            if isinstance(statement, cst.FunctionDef):
                qualname = f"{prefix or self.module}.{statement.name.value}"
                for decorator in statement.decorators:
                    if isinstance(decorator.decorator, cst.Call):
                        for arg in decorator.decorator.args:
                            self._keep(qualname, arg.keyword.value if arg.keyword else "", arg.value)
            elif isinstance(statement, cst.ClassDef):
                qualname = f"{prefix or self.module}.{statement.name.value}"
                for line in statement.body.body:
                    for small in getattr(line, "body", ()) if isinstance(line, cst.SimpleStatementLine) else ():
                        if isinstance(small, (cst.Assign, cst.AnnAssign)):
                            targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]
                            for target in targets:
                                if isinstance(target, cst.Name) and small.value is not None:
                                    self._keep(qualname, target.value, small.value)
                self.visit_body(statement.body, qualname)
            elif isinstance(statement, cst.IndentedBlock):
                self.visit_body(statement, prefix)

    def _keep(self, qualname: str, key: str, value: cst.BaseExpression) -> None:
        seconds = known_seconds(value, self.constants, self.lookup) if key in _TASK_KEYS else None
        if seconds is not None:
            self.found.setdefault(qualname, {})[_TASK_KEYS[key]] = seconds


def _settings(sources: Sources, path: str, keys: Dict[str, str]) -> Iterable[Tuple[str, float]]:
    """(key, seconds) of every assignment, keyword or mapping entry of the module that sets one of `keys`."""
    tree = sources.tree(path)
    constants = sources.bindings(path)
    found: List[Tuple[str, float]] = []
    for node in descendants(tree, stop_at=()) if tree is not None else ():
        if isinstance(node, cst.Assign):
            targets = [target.target for target in node.targets]
            pairs = [(name.value if isinstance(name, cst.Name) else name.attr.value if isinstance(name, cst.Attribute) else "", node.value)
                     for name in targets]
        elif isinstance(node, cst.Arg) and node.keyword is not None:
            pairs = [(node.keyword.value, node.value)]
        elif isinstance(node, cst.DictElement) and isinstance(node.key, cst.SimpleString):
            pairs = [(node.key.evaluated_value if isinstance(node.key.evaluated_value, str) else "", node.value)]
        else:
            continue
        for key, value in pairs:
            seconds = known_seconds(value, constants, sources) if key in keys else None
            if seconds is not None:
                found.append((key, seconds))
    return found
