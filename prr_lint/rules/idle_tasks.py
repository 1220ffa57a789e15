"""PRR303's worker health probe: a bounded wait on a task that does nothing.

An admin view that queues `check_celery.delay()`, whose task body is only a docstring and `pass`, and waits
`investigator.get(timeout=5)` before answering "Worker timeout" or "Celery is OK" (remo's `UserAdmin.check_celery`)
runs no work on the request path: the wait is the probe of the queue and its workers, and it is bounded. The task
is usually defined in another module, so the two halves meet in the project phase:

- `IDLE_BODY` tags a module-level function (model's FunctionSummary.tags, def_tags.py) whose body does nothing:
  only a docstring, `pass`, `...`, a `return` of a constant or None, and log calls whose arguments call nothing;
  every decorator registers it as a task (a task queue's own, or a Celery app's `.task`: another decorator may work
  around it); and the module binds its name once (a later `def` or assignment would make the name another function).
- `idle_task_wait` names the task a wait on a Celery result waits for when the result comes from the task's own
  `delay()`/`apply_async()` (HANDOFF, task_results.py), the name bound once where it is used, and the wait has a
  finite timeout (a number, a module constant, a parameter default the function keeps). The finding then goes
  pending on `IDLE_TASK` (project/idle_tasks.py), which drops it when the name resolves to one project function
  tagged `IDLE_BODY`. A task queued by name (`send_task("...")`), an unresolved or rebound one, a task that works,
  and a wait without a timeout (or `timeout=None`) stay reported.
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.rules.task_results import HANDOFF, TASK_QUEUE_PACKAGES, wait_seconds
from prr_lint.sinks import log_level
from prr_lint.tree import descendants

IDLE_BODY = "idle-body"
# The pending condition; subjects: the task's qualified name, the next condition, its subjects.
IDLE_TASK = "unless-idle-task"
# The calls that queue the task they are called on (Celery's): `send_task` names its task by a string instead.
_OWN_HANDOFFS = ("delay", "apply_async")


def idle_body_tags(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """[IDLE_BODY] for a module-level task whose body does nothing (see the module doc), in the resolver's scope of it."""
    outer = resolver.scope.parent
    if outer is None or outer is not resolver.module_scope or len(outer.bindings.get(node.name.value) or ()) != 1:
        return []
    lines = node.body.body if isinstance(node.body, cst.IndentedBlock) else [node.body]
    if not all(isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite)) for line in lines):
        return []  # a compound statement (`if`, `for`, `with`, `try`) is more than nothing
    if not all(_registers_task(decorator.decorator, resolver, outer) for decorator in node.decorators):
        return []
    return [IDLE_BODY] if all(_does_nothing(small, resolver) for line in lines for small in line.body) else []


def _registers_task(decorator: cst.BaseExpression, resolver: Resolver, outer: Scope) -> bool:
    """`@shared_task`, `@app.task(bind=True)`, `@dramatiq.actor`: a task queue's registration, which runs nothing more."""
    target = decorator.func if isinstance(decorator, cst.Call) else decorator
    name = resolver.qualified_name(target, outer) or ""
    if name.split(".", 1)[0] in TASK_QUEUE_PACKAGES:
        return True
    return isinstance(target, cst.Attribute) and target.attr.value == "task"


def _does_nothing(small: cst.BaseSmallStatement, resolver: Resolver) -> bool:
    if isinstance(small, cst.Pass):
        return True
    if isinstance(small, cst.Return):
        return small.value is None or _constant(small.value)
    if not isinstance(small, cst.Expr):
        return False
    value = small.value
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString, cst.Ellipsis)):
        return True
    return isinstance(value, cst.Call) and log_level(value, resolver) is not None and not any(
        isinstance(part, cst.Call) for arg in value.args for part in (arg.value, *descendants(arg.value)))


def _constant(value: cst.BaseExpression) -> bool:
    if isinstance(value, (cst.Integer, cst.Float, cst.SimpleString, cst.ConcatenatedString)):
        return True
    return isinstance(value, cst.Name) and value.value in ("None", "True", "False")


def idle_task_wait(node: cst.Call, origin: Optional[str], function: Optional[cst.FunctionDef], resolver: Resolver) -> Optional[str]:
    """The qualified name of the task a finite wait `node` waits on, when its result is what that task's own
    `delay()`/`apply_async()` returned; None otherwise."""
    if origin != HANDOFF or not isinstance(node.func, cst.Attribute) or wait_seconds(node, function, resolver) is None:
        return None
    handoff = _handoff(node.func.value, resolver)
    if handoff is None or not isinstance(handoff.func, cst.Attribute) or handoff.func.attr.value not in _OWN_HANDOFFS:
        return None
    task = handoff.func.value
    root = task
    while isinstance(root, cst.Attribute):
        root = root.value
    if not isinstance(root, cst.Name) or len(resolver.lookup(root.value) or ()) != 1:
        return None
    return resolver.qualified_name(task)


def _handoff(expr: cst.BaseExpression, resolver: Resolver) -> Optional[cst.Call]:
    """The call that made the result `expr` holds: the call itself, or the value of a name bound once."""
    if isinstance(expr, cst.Name):
        bindings = resolver.lookup(expr.value) or ()
        expr = bindings[0].value if len(bindings) == 1 and bindings[0].kind == "value" else None
    return expr if isinstance(expr, cst.Call) else None
