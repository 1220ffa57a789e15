"""Per-file marks of batch contexts that no decorator table can name, recorded during the one walk.

Alembic revisions (`upgrade`/`downgrade` beside `revision`/`down_revision`), APScheduler `add_job`,
`schedule.every(...).do(job)`, Django `pre_migrate`/`post_migrate` receivers, receivers of Django's
autoreloader signals (`file_changed`, `autoreload_started`: only `runserver` reloads), Celery beat entries
(`beat_schedule` dictionaries, `add_periodic_task`), a task decorator's Task base class (`@celery_app.task(base=
ProjectTask)`: a Celery task even where the app's module is generated at install time and cannot be
resolved), and the two halves of an in-house scheduler:
a decorator that stores the decorated function in a module-level registry, and a loop that walks
that registry and sleeps. The project phase (project/entrypoints.py) turns them into batch contexts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterator, Optional

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.entry_marks import binding_key
from prr_lint.frameworks import ITERATES, REGISTERS_INTO
from prr_lint.model import TASK_BASE
from prr_lint.tree import keyword_value, string_value

if TYPE_CHECKING:
    from prr_lint.entry_marks import MarkState
    from prr_lint.model import FunctionSummary, ModuleSummary
    from prr_lint.resolve import Resolver

_MIGRATE_SIGNALS = frozenset({"django.db.models.signals.pre_migrate", "django.db.models.signals.post_migrate"})
_RELOAD_SIGNALS = frozenset({"django.utils.autoreload.file_changed", "django.utils.autoreload.autoreload_started"})
# The batch kind of a receiver of each signal: it runs in `manage.py migrate` or `runserver`, never in a request.
_SIGNAL_KINDS = {**{name: "django-migrate" for name in _MIGRATE_SIGNALS}, **{name: "django-runserver" for name in _RELOAD_SIGNALS}}
_RECEIVERS = frozenset({"django.dispatch.receiver", "django.dispatch.dispatcher.receiver"})
_BEAT_SETTINGS = frozenset({"beat_schedule", "CELERY_BEAT_SCHEDULE", "CELERYBEAT_SCHEDULE", "CELERY_BEATSCHEDULE"})
_REGISTRY_METHODS = frozenset({"append", "add", "insert", "appendleft", "setdefault"})
_TASK_DECORATORS = frozenset({"task", "shared_task"})


def _positional(call: cst.Call, index: int) -> Optional[cst.BaseExpression]:
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    return positional[index] if index < len(positional) else None


def _target(resolver: "Resolver", expr: Optional[cst.BaseExpression]) -> str:
    """The function a job argument names: a function, or a "module:function" string."""
    if isinstance(expr, (cst.Name, cst.Attribute)):
        return resolver.qualified_name(expr) or ""
    return string_value(expr).replace(":", ".")


def _job_keyword(call: cst.Call, name: str) -> Optional[cst.BaseExpression]:
    """The value a call passes as keyword `name`, directly or in a literal dict it spreads (`add_job(id="a",
    **{"func": process, "trigger": "interval"})`)."""
    found = keyword_value(call, name)
    for arg in call.args:
        if found is None and arg.star == "**" and isinstance(arg.value, cst.Dict):
            found = next((element.value for element in arg.value.elements if isinstance(element, cst.DictElement)
                          and string_value(element.key) == name), None)
    return found


def record_module(summary: "ModuleSummary", resolver: "Resolver") -> None:
    """An Alembic revision: module-level `revision` and `down_revision` (its functions are the migration)."""
    bindings = resolver.module_scope.bindings
    if "revision" in bindings and "down_revision" in bindings:
        revision = string_value(bindings["revision"][-1].value)
        for name in ("upgrade", "downgrade"):
            summary.batch_marks.append(("alembic", f"{summary.module}.{name}", revision, 0))


def record_decorators(summary: "ModuleSummary", resolver: "Resolver", function: "FunctionSummary", node: cst.FunctionDef) -> None:
    """`@receiver(post_migrate)`: runs at `migrate`, not in a request (`@receiver(file_changed)`: at `runserver`);
    `@app.task(base=ProjectTask)`: the task's base class (TASK_BASE)."""
    for decorator in node.decorators:
        call = decorator.decorator
        if isinstance(call, cst.Call) and _decorator_word(call.func) in _TASK_DECORATORS:
            base = keyword_value(call, "base")
            base_name = resolver.qualified_name(base) if isinstance(base, (cst.Name, cst.Attribute)) else None
            if base_name:
                summary.batch_marks.append((TASK_BASE, function.qualname, base_name, 0))
        if not isinstance(call, cst.Call) or resolver.qualified_name(call.func) not in _RECEIVERS:
            continue
        signal = _positional(call, 0) or keyword_value(call, "signal")
        name = resolver.qualified_name(signal) if isinstance(signal, (cst.Name, cst.Attribute)) else None
        if name in _SIGNAL_KINDS:
            summary.batch_marks.append((_SIGNAL_KINDS[name], function.qualname, name.rpartition(".")[2], 0))


def _decorator_word(func: cst.BaseExpression) -> str:
    """The last word of a decorator's callee (`celery_app.task` -> task)."""
    return func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""


def record_call(summary: "ModuleSummary", function: "FunctionSummary", resolver: "Resolver", node: cst.Call,
                name: Optional[str], state: "MarkState") -> None:
    """Scheduled jobs and migration hooks registered by a call, and the in-house registry pattern."""
    if name is not None:
        last = name.rpartition(".")[2]
        if last in fw.SCHEDULER_METHODS:
            # `scheduler.add_job(f, "interval", ...)`: checked against APScheduler in the project phase.
            job = _target(resolver, _positional(node, 0) or _job_keyword(node, "func"))
            if job:
                trigger = string_value(_positional(node, 1) or _job_keyword(node, "trigger"))
                summary.batch_marks.append((f"apscheduler?{name}", job, trigger, state.lines.line_of(last)))
            return
        if name.rpartition(".")[0] in _SIGNAL_KINDS and last == "connect":
            job = _target(resolver, _positional(node, 0) or keyword_value(node, "receiver"))
            if job:
                summary.batch_marks.append((_SIGNAL_KINDS[name.rpartition(".")[0]], job, name.rsplit(".", 2)[1], state.lines.line_of("connect")))
            return
        if last == "update" and name.endswith(".conf.update"):
            beat = keyword_value(node, "beat_schedule")
            if beat is not None:
                record_beat_schedule(summary, beat, state)
    elif isinstance(node.func, cst.Attribute) and node.func.attr.value == "do":
        _schedule_job(summary, resolver, node, state)
    if isinstance(node.func, cst.Attribute) and node.func.attr.value == "add_periodic_task":
        _periodic_task(summary, resolver, node, state)
    if isinstance(node.func, cst.Attribute) and node.func.attr.value in _REGISTRY_METHODS:
        _registers(function, resolver, node.func.value, node.args)


def _periodic_task(summary: "ModuleSummary", resolver: "Resolver", node: cst.Call, state: "MarkState") -> None:
    """`sender.add_periodic_task(30.0, refresh.s(), name=...)`: a Celery beat entry."""
    signature = _positional(node, 1) or keyword_value(node, "sig")
    if isinstance(signature, cst.Call) and isinstance(signature.func, cst.Attribute) and \
            signature.func.attr.value in ("s", "si", "signature"):
        task = resolver.qualified_name(signature.func.value) or ""
        if task:
            summary.batch_marks.append(("celery-beat", task, string_value(keyword_value(node, "name")), state.lines.line_of("add_periodic_task")))


def _schedule_job(summary: "ModuleSummary", resolver: "Resolver", node: cst.Call, state: "MarkState") -> None:
    """`schedule.every(10).minutes.do(job)`: the chain starts at `schedule.every` (or a
    `schedule.Scheduler`'s `every`)."""
    expr: cst.BaseExpression = node.func
    while isinstance(expr, (cst.Attribute, cst.Call)):
        if isinstance(expr, cst.Call):
            callee = resolver.qualified_name(expr.func) or ""
            if callee in ("schedule.every", "schedule.Scheduler.every"):
                job = _target(resolver, _positional(node, 0) or keyword_value(node, "job_func"))
                if job:
                    when = cst.Module([]).code_for_node(node.func.value)
                    summary.batch_marks.append(("schedule", job, when.rpartition("schedule.")[2], state.lines.line_of(".do(")))
                return
            expr = expr.func
        else:
            expr = expr.value


def record_assign(summary: "ModuleSummary", function: "FunctionSummary", resolver: "Resolver", node: cst.Assign,
                  state: "MarkState") -> None:
    """Celery beat schedules assigned at module level, and `REGISTRY[name] = fn` in a decorator."""
    for target in node.targets:
        expr = target.target
        if isinstance(expr, cst.Subscript):
            _registers(function, resolver, expr.value, (cst.Arg(node.value),))
        name = expr.attr.value if isinstance(expr, cst.Attribute) else expr.value if isinstance(expr, cst.Name) else ""
        if name in _BEAT_SETTINGS and resolver.enclosing_function is None:
            record_beat_schedule(summary, node.value, state)


def record_beat_schedule(summary: "ModuleSummary", schedule: cst.BaseExpression, state: "MarkState") -> None:
    """`{"refresh": {"task": "shop.tasks.refresh", "schedule": 300.0}}`: each entry names its task."""
    if not isinstance(schedule, cst.Dict):
        return
    for element in schedule.elements:
        if not isinstance(element, cst.DictElement) or not isinstance(element.value, cst.Dict):
            continue
        entry = string_value(element.key)
        for field in element.value.elements:
            if isinstance(field, cst.DictElement) and string_value(field.key) == "task":
                task = string_value(field.value)
                if task:
                    summary.batch_marks.append(("celery-beat", task, entry, state.lines.line_of(repr(task)[1:-1])))


def record_for(function: "FunctionSummary", resolver: "Resolver", node: cst.For) -> None:
    """`for seconds, job in JOBS:` over a module-level registry (or `JOBS.items()`, `list(JOBS)`)."""
    expr: cst.BaseExpression = node.iter
    while isinstance(expr, cst.Call):
        positional = [arg.value for arg in expr.args if arg.keyword is None]
        if isinstance(expr.func, cst.Attribute):
            expr = expr.func.value
        elif positional:
            expr = positional[0]
        else:
            return  # `entry_points(group=...)`: a call with nothing to iterate over but its own result
        if isinstance(expr, cst.Call) and not expr.args:
            return
    key = _module_level_key(resolver, expr)
    tag = ITERATES + key
    if key and tag not in function.tags:
        function.tags.append(tag)


def _registers(function: "FunctionSummary", resolver: "Resolver", container: cst.BaseExpression, args) -> None:
    """`JOBS.append((seconds, fn))` / `JOBS[name] = fn` with `fn` a parameter of the function."""
    key = _module_level_key(resolver, container)
    if not key:
        return
    if any(_holds_parameter(resolver, arg.value) for arg in args):
        tag = REGISTERS_INTO + key
        if tag not in function.tags:
            function.tags.append(tag)


def _holds_parameter(resolver: "Resolver", expr: cst.BaseExpression) -> bool:
    for item in _items(expr):
        if isinstance(item, cst.Name):
            bindings = resolver.lookup(item.value)
            if bindings and bindings[-1].kind == "param":
                return True
    return False


def _items(expr: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    yield expr
    if isinstance(expr, (cst.Tuple, cst.List)):
        for element in expr.elements:
            yield element.value


def _module_level_key(resolver: "Resolver", expr: cst.BaseExpression) -> str:
    """The registry a name holds, when it is bound at module level (here or imported)."""
    if not isinstance(expr, cst.Name):
        return ""
    bindings = resolver.lookup(expr.value)
    if not bindings:
        return ""
    binding = bindings[-1]
    if binding.kind != "import" and (binding.scope is None or binding.scope.kind != "module"):
        return ""
    return binding_key(resolver, expr)
