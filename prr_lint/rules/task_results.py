"""PRR303's reading of a task result: where the result object came from, and whether a wait on it is a
status route's short bounded read.

A handler that queues work and waits for it (`build.delay(x).get(timeout=30)`) runs the work on the
request path again. A status route the client polls does something else: it looks up a task queued by
an earlier request by its id (`AsyncResult(task_id)`, `app.AsyncResult(task_id)`) and asks for its
result with a short timeout (`.get(timeout=2)`), answering "not done yet" when it runs out; that is the
pattern PRR303 recommends. Such a read of a task queued earlier, waiting at most `MAX_STATUS_WAIT`
seconds (a number, a module constant nothing in the module rewrites: fixed_timeout, or the enclosing function's
parameter default), is not reported.
A result the handler queued itself, an unbounded wait or a longer one stays reported.

What a wait is called does not make it one on a task queue; what it waits on does. A call that queues work
(`send`, `enqueue`, `delay`, ...) makes a task result only when its receiver is a task queue's object: of a
class of a task-queue package (`rq.Queue`), made by one of its calls (`django_rq.get_queue()`, `dramatiq.actor
(fn)`), a name of one (`django_rq`, `celery.current_app`), or a local function one of its decorators makes a
task (`@dramatiq.actor`). Celery's own names (`delay`, `apply_async`, `send_task`) also count on a receiver
nothing resolves (a task imported from the module that defines it), but not on an object of another known
class: karapace's `self._producer.send(...)`, a Kafka producer's, returns a delivery future, and
`future.result(timeout)` is the write to the registry's storage, not a wait on a worker.
"""

from __future__ import annotations

from typing import List, NamedTuple, Optional

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.constant_starts import fixed_constant
from prr_lint.resolve import Resolver
from prr_lint.scopes import Binding
from prr_lint.tree import dotted_name

# The longest wait of a status read (seconds): a poll answers within a few seconds; a 5 s or 30 s wait holds
# the request thread as the blocking pattern does (fixtures/fastapi_service's `get(timeout=5)` stays reported).
MAX_STATUS_WAIT = 3.0

HANDOFF, LOOKUP, TYPED = "handoff", "lookup", "typed"
# Calls that queue work and return its result object (Celery's AsyncResult, an RQ Job, a dramatiq Message).
TASK_HANDOFF_METHODS = frozenset({"delay", "apply_async", "send_task", "enqueue", "enqueue_call", "send", "send_with_options"})
# ... of them, the names only Celery's tasks and apps have: they count on a receiver nothing resolves.
_CELERY_HANDOFFS = frozenset({"delay", "apply_async", "send_task"})
_CELERY = "celery"
TASK_QUEUE_PACKAGES = ("celery", "rq", "django_rq", "flask_rq", "flask_rq2", "rq_scheduler", "dramatiq", "huey")
# The waits whose first positional parameter is the timeout (Celery's `get`, `wait`, `join`, ...).
_POSITIONAL_TIMEOUT = ("get", "wait", "join", "join_native")


class TaskResult(NamedTuple):
    """How an expression holds a task result, and the task-queue package of that result (read_result)."""

    origin: str
    package: str


def read_result(expr: cst.BaseExpression, resolver: Resolver) -> Optional[TaskResult]:
    """How `expr` holds a task result and of which package, or None when it is no task result. The origin: HANDOFF
    (what `delay()`, `apply_async()`, `group(...)()` return), LOOKUP (a result built from a task id:
    `AsyncResult(task_id)`), TYPED (a name of a result type). The package: the one its receiver, maker, decorator or
    type resolves to; "celery" for Celery's own hand-offs on a receiver nothing resolves and for an
    `AsyncResult`/`GroupResult` (Celery's names: `task.AsyncResult(task_id)`)."""
    return _read_result(expr, resolver, 0)


def task_wait(node: cst.Call, resolver: Resolver) -> Optional[TaskResult]:
    """The task result the call `node` waits on when it is a wait PRR303 reads: a blocking wait (fw.BLOCKING_WAITS) or
    dramatiq's `get_result(block=True)` (without it, it reads a stored result or raises), on what read_result reads
    as a task result; None for any other call. The rule and the degrading wait's count of a function's waits
    (degrading_waits.py) ask it: one test of what a wait is."""
    func = node.func
    if not isinstance(func, cst.Attribute) or not (func.attr.value in fw.BLOCKING_WAITS or func.attr.value == "get_result"
                                                   and _blocks(node)):
        return None
    return read_result(func.value, resolver)


def _blocks(call: cst.Call) -> bool:
    """dramatiq's `message.get_result(block=True)`."""
    return any(arg.keyword is not None and arg.keyword.value == "block" and dotted_name(arg.value) == "True" for arg in call.args)


def _read_result(expr: cst.BaseExpression, resolver: Resolver, depth: int) -> Optional[TaskResult]:
    """read_result, `depth` bindings away from the expression asked about."""
    if depth > 3:
        return None
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in TASK_HANDOFF_METHODS:
            package = _queue_package(func, resolver)
            return TaskResult(HANDOFF, package) if package is not None else None
        if isinstance(func, cst.Call):  # group(...)()
            inner = resolver.qualified_name(func.func) or ""
            return TaskResult(HANDOFF, _CELERY) if inner in ("celery.group", "celery.chord", "celery.chain") else None
        name = resolver.qualified_name(func) or ""
        found = name in fw.ASYNC_RESULT_TYPES or name.endswith(".AsyncResult") or name.endswith(".GroupResult")
        return TaskResult(LOOKUP, _package(name) or _CELERY) if found else None
    if isinstance(expr, cst.Name):
        for binding in _bindings_read(expr, resolver):
            if binding.kind in ("value", "alias") and binding.value is not None:
                read = _read_result(binding.value, resolver, depth + 1)
                if read is not None:
                    return read
        typed = resolver.instance_type(expr)
        if typed is not None and (typed in fw.ASYNC_RESULT_TYPES or typed.endswith(".AsyncResult")):
            return TaskResult(TYPED, _package(typed) or _CELERY)
    return None


def _bindings_read(name: cst.Name, resolver: Resolver) -> List[Binding]:
    """The bindings a read of `name` may get: those that reach it (reaching.py: `result = fetch(url)` read by
    `result.get("next")` before `result = fetch.delay(...)` further down is a dict, not a task result), or every binding
    of the scope when a loop holds the read, where one further down reaches it on the next turn."""
    scope = resolver.scope
    bindings = resolver.lookup(name.value, scope) or []
    if len(bindings) < 2:
        return bindings
    if bindings[-1].scope is not scope:  # a name of the module or an enclosing function: as reaching_all reads it
        return resolver.reaching_all(name, scope)
    layout = scope.layout
    statement = layout.used_at(name, bindings[-1].at)
    while 0 <= statement < len(layout.statements):
        if isinstance(layout.statements[statement], (cst.For, cst.While)):
            return bindings
        statement = layout.parents[statement]
    return resolver.reaching_all(name, scope)


def _queue_package(func: cst.Attribute, resolver: Resolver) -> Optional[str]:
    """The task queue's package `receiver.method(...)` (a method of TASK_HANDOFF_METHODS) is called on an object of;
    "celery" for Celery's own names on a receiver nothing resolves; None when it is no task queue's object."""
    receiver = func.value
    typed = resolver.instance_type(receiver)
    if typed is not None:
        return _package(typed)
    maker = resolver.qualified_name(receiver.func) if isinstance(receiver, cst.Call) else resolver.made_by(receiver)
    package = _package(maker) or _package(resolver.qualified_name(receiver))
    if package is not None:
        return package
    definition = resolver.definition(receiver)
    if isinstance(definition, cst.FunctionDef):
        package = next((found for found in (
            _package(resolver.qualified_name(d.decorator.func if isinstance(d.decorator, cst.Call) else d.decorator))
            for d in definition.decorators) if found is not None), None)
        if package is not None:
            return package
    return _CELERY if func.attr.value in _CELERY_HANDOFFS else None


def _package(name: Optional[str]) -> Optional[str]:
    """The task-queue package `name` is of, or None."""
    root = name.split(".", 1)[0] if name is not None else None
    return root if root in TASK_QUEUE_PACKAGES else None


def bounded_status_read(node: cst.Call, origin: Optional[str], function: Optional[cst.FunctionDef], resolver: Resolver) -> bool:
    """A wait on a task looked up by its id, for at most MAX_STATUS_WAIT seconds."""
    if origin != LOOKUP:
        return False
    seconds = wait_seconds(node, function, resolver)
    return seconds is not None and 0 < seconds <= MAX_STATUS_WAIT


def wait_seconds(node: cst.Call, function: Optional[cst.FunctionDef], resolver: Resolver) -> Optional[float]:
    """The timeout the wait `node` gives, `timeout=` or the first positional argument of a Celery wait, in seconds: a
    fixed one (fixed_timeout), or with `function`, the default of a parameter of it that its body never rebinds; None
    without one, for `timeout=None` or one it cannot read."""
    fixed = fixed_timeout(node, resolver)
    if fixed is not None:
        return fixed.seconds
    timeout = wait_timeout(node)
    return _default_seconds(timeout, function, resolver) if isinstance(timeout, cst.Name) and function is not None else None


class FixedTimeout(NamedTuple):
    """A timeout nobody rewrites: its seconds, and the module constant that holds it ("" for a number written there)."""

    seconds: float
    constant: str


def fixed_timeout(node: cst.Call, resolver: Resolver) -> Optional[FixedTimeout]:
    """The timeout of the wait `node` when it is a fixed number: written there, or a module constant bound once to one
    that nothing in the module rewrites (constant_starts.fixed_constant: no `global`, star import, walrus,
    `globals()`, `sys.modules`, attribute or string spelling of it). A parameter's default is none (a route or a
    caller may fill it). The constant goes to the project phase, which drops the reading when another module may
    write it (project/constant_writes.py `written_elsewhere`). The one reading of "a fixed timeout" that PRR303's
    probe (idle_tasks.py), degrading wait (degrading_waits.py) and status read (wait_seconds) share; the status read
    alone does not send the constant to the project phase."""
    timeout = wait_timeout(node)
    if isinstance(timeout, (cst.Integer, cst.Float)):
        return FixedTimeout(float(timeout.evaluated_value), "")
    if not isinstance(timeout, cst.Name):
        return None
    value = fixed_constant(timeout, resolver)
    if not isinstance(value, (cst.Integer, cst.Float)):
        return None
    return FixedTimeout(float(value.evaluated_value), timeout.value)


def wait_timeout(node: cst.Call) -> Optional[cst.BaseExpression]:
    """The expression the wait `node` gives its timeout by, `timeout=` or a Celery wait's first positional argument."""
    if not isinstance(node.func, cst.Attribute):
        return None
    timeout = next((arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value == "timeout"), None)
    if timeout is None and node.func.attr.value in _POSITIONAL_TIMEOUT and node.args and node.args[0].keyword is None \
            and not node.args[0].star:
        timeout = node.args[0].value
    return timeout


def _default_seconds(name: cst.Name, function: cst.FunctionDef, resolver: Resolver) -> Optional[float]:
    """The number a parameter of `function` defaults to, when `name` reads it and the body never rebinds it."""
    bindings = resolver.lookup(name.value)
    if not bindings or len(bindings) != 1 or bindings[0].kind != "param":
        return None
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        if param.name.value == name.value and isinstance(param.default, (cst.Integer, cst.Float)):
            return float(param.default.evaluated_value)
    return None
