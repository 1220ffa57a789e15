"""PRR303's worker health probe: a short bounded wait on a Celery task that does nothing.

An admin view that queues `check_celery.delay()`, whose task body is only a docstring and `pass`, and waits
`investigator.get(timeout=5)` before answering "Worker timeout" or "Celery is OK" (remo's `UserAdmin.check_celery`)
runs no work on the request path: the wait is the probe of the queue and its workers, and it is short. The task
is usually defined in another module, so the two halves meet in the project phase:

- `IDLE_BODY` tags a module-level function that takes no parameters and whose body does nothing: only a docstring
  (no f-string in it), `pass`, `...`, a `return` of a constant or None, and calls of a standard library, Celery or
  structlog logger with literal or plain-name arguments. Its one decorator is a plain Celery registration
  (rules/celery_apps.py), whose app the tag carries for the project phase to check; its module binds its name once,
  and no `global`, star import or `globals()` call can bind it again.
- `idle_task_wait` names the task a wait on a Celery result waits for when the result comes from the task's own
  `delay()`/`apply_async()` (HANDOFF, task_results.py), the task's and the result's names bound once where they are
  used and named by no `global` or `nonlocal`, no loop around the wait, and the timeout a fixed number
  (task_results.fixed_timeout: written there or a module constant nothing in the module rewrites), above 0 and at
  most `PROBE_WAIT`. The finding then goes pending on `IDLE_TASK`
  (project/idle_tasks.py). A parameter's default is no bound: a route may fill the parameter (`/check/<int:wait>`).
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Set

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.celery_apps import module_rebinds, task_registration
from prr_lint.rules.task_results import HANDOFF, fixed_timeout
from prr_lint.sinks import LEVELS

IDLE_BODY = "idle-body:"
# The pending condition; subjects: the task's qualified name, the next condition, its subjects.
IDLE_TASK = "unless-idle-task"
# The longest wait a health probe makes: remo waits 5 seconds; a probe answers within seconds or reports the workers
# down. A longer wait (`timeout=3600`) holds the request as long as real work would.
PROBE_WAIT = 10.0
# The calls that queue the task they are called on (Celery's): `send_task` names its task by a string instead.
_OWN_HANDOFFS = ("delay", "apply_async")
# What builds a standard logger: its level methods only format and hand the record to the configured handlers.
_LOGGER_FACTORIES = frozenset({"logging.getLogger", "celery.utils.log.get_task_logger", "celery.utils.log.get_logger",
                               "structlog.get_logger", "structlog.getLogger"})
_LOOPS = (cst.While, cst.For, cst.ListComp, cst.SetComp, cst.DictComp, cst.GeneratorExp)


def idle_body_tags(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """[IDLE_BODY + the app] for a module-level task whose body does nothing (see the module doc)."""
    outer = resolver.scope.parent
    name = node.name.value
    if outer is None or outer is not resolver.module_scope or len(outer.bindings.get(name) or ()) != 1 \
            or len(node.decorators) != 1 or _has_parameters(node.params):
        return []
    app = task_registration(node.decorators[0].decorator, resolver)
    lines = node.body.body if isinstance(node.body, cst.IndentedBlock) else [node.body]
    if app is None or not all(isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite)) for line in lines):
        return []  # a compound statement (`if`, `for`, `with`, `try`) is more than nothing
    declared, opaque = module_rebinds(resolver)
    if opaque or name in declared:
        return []
    return [IDLE_BODY + app] if all(_does_nothing(small, resolver, declared) for line in lines for small in line.body) else []


def _has_parameters(params: cst.Parameters) -> bool:
    return bool(params.params or params.posonly_params or params.kwonly_params
                or isinstance(params.star_arg, cst.Param) or params.star_kwarg)


def _does_nothing(small: cst.BaseSmallStatement, resolver: Resolver, declared: Set[str]) -> bool:
    if isinstance(small, cst.Pass):
        return True
    if isinstance(small, cst.Return):
        return small.value is None or _constant(small.value)
    if not isinstance(small, cst.Expr):
        return False
    value = small.value
    if isinstance(value, cst.Ellipsis) or _string(value):
        return True
    return isinstance(value, cst.Call) and _standard_log(value, resolver, declared)


def _string(value: cst.BaseExpression) -> bool:
    """A string literal: no f-string, alone or in an implicit concatenation, runs code as it is built."""
    if isinstance(value, cst.ConcatenatedString):
        return _string(value.left) and _string(value.right)
    return isinstance(value, cst.SimpleString)


def _constant(value: cst.BaseExpression) -> bool:
    if isinstance(value, (cst.Integer, cst.Float)) or _string(value):
        return True
    return isinstance(value, cst.Name) and value.value in ("None", "True", "False")


def _standard_log(call: cst.Call, resolver: Resolver, declared: Set[str]) -> bool:
    """`log.info("ping %s", name)` on a module-level logger a standard factory built, or `logging.info(...)`: literal
    or plain-name arguments only (an attribute may be a property that works, a call works); `declared`: the names a
    `global` or `nonlocal` of the module may rebind (celery_apps.module_rebinds)."""
    func = call.func
    if not isinstance(func, cst.Attribute) or (func.attr.value != "log" and func.attr.value not in LEVELS) \
            or not isinstance(func.value, cst.Name):
        return False
    if not all(not arg.star and (isinstance(arg.value, cst.Name) or _constant(arg.value)) for arg in call.args):
        return False
    scope = resolver.module_scope
    if resolver.qualified_name(func.value, scope) == "logging":
        return True
    bindings = resolver.lookup(func.value.value, scope) or ()
    made = bindings[0].value if len(bindings) == 1 and bindings[0].kind == "value" else None
    return isinstance(made, cst.Call) and resolver.qualified_name(made.func, scope) in _LOGGER_FACTORIES \
        and func.value.value not in declared


def idle_task_wait(node: cst.Call, origin: Optional[str], ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> Optional[str]:
    """The qualified name of the task a short bounded wait `node` waits on, when its result is what that task's own
    `delay()`/`apply_async()` returned (module docstring); None otherwise."""
    if origin != HANDOFF or not isinstance(node.func, cst.Attribute) or any(isinstance(above, _LOOPS) for above in ancestors):
        return None
    fixed = fixed_timeout(node, resolver)  # a parameter's default is no bound, a constant nothing rewrites is one
    if fixed is None or not 0 < fixed.seconds <= PROBE_WAIT:
        return None
    declared, opaque = module_rebinds(resolver)
    if opaque:
        return None
    result = node.func.value
    handoff = _handoff(result, resolver)
    if handoff is None or not isinstance(handoff.func, cst.Attribute) or handoff.func.attr.value not in _OWN_HANDOFFS:
        return None
    task = handoff.func.value
    root = task
    while isinstance(root, cst.Attribute):
        root = root.value
    if not isinstance(root, cst.Name) or len(resolver.lookup(root.value) or ()) != 1 or root.value in declared \
            or isinstance(result, cst.Name) and result.value in declared:
        return None
    return resolver.qualified_name(task)


def _handoff(expr: cst.BaseExpression, resolver: Resolver) -> Optional[cst.Call]:
    """The call that made the result `expr` holds: the call itself, or the value of a name bound once."""
    if isinstance(expr, cst.Name):
        bindings = resolver.lookup(expr.value) or ()
        expr = bindings[0].value if len(bindings) == 1 and bindings[0].kind == "value" else None
    return expr if isinstance(expr, cst.Call) else None
