"""PRR303's reading of a task result: where the result object came from, and whether a wait on it is a
status route's short bounded read.

A handler that queues work and waits for it (`build.delay(x).get(timeout=30)`) runs the work on the
request path again. A status route the client polls does something else: it looks up a task queued by
an earlier request by its id (`AsyncResult(task_id)`, `app.AsyncResult(task_id)`) and asks for its
result with a short timeout (`.get(timeout=2)`), answering "not done yet" when it runs out; that is the
pattern PRR303 recommends. Such a read of a task queued earlier, waiting at most `MAX_STATUS_WAIT`
seconds (a number, a module constant or the enclosing function's parameter default), is not reported.
A result the handler queued itself, an unbounded wait or a longer one stays reported.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.resolve import Resolver

# The longest wait of a status read (seconds): a poll answers within a few seconds; a 5 s or 30 s wait holds
# the request thread as the blocking pattern does (fixtures/fastapi_service's `get(timeout=5)` stays reported).
MAX_STATUS_WAIT = 3.0

HANDOFF, LOOKUP, TYPED = "handoff", "lookup", "typed"
# The waits whose first positional parameter is the timeout (Celery's `get`, `wait`, `join`, ...).
_POSITIONAL_TIMEOUT = ("get", "wait", "join", "join_native")


def result_origin(expr: cst.BaseExpression, resolver: Resolver, depth: int = 0) -> Optional[str]:
    """How `expr` holds a task result: HANDOFF (what `delay()`, `apply_async()`, `group(...)()` return),
    LOOKUP (a result built from a task id: `AsyncResult(task_id)`), TYPED (a name of a result type); None
    when it is no task result."""
    if depth > 3:
        return None
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in fw.TASK_HANDOFF_METHODS:
            return HANDOFF
        if isinstance(func, cst.Call):  # group(...)()
            inner = resolver.qualified_name(func.func) or ""
            return HANDOFF if inner in ("celery.group", "celery.chord", "celery.chain") else None
        name = resolver.qualified_name(func) or ""
        found = name in fw.ASYNC_RESULT_TYPES or name.endswith(".AsyncResult") or name.endswith(".GroupResult")
        return LOOKUP if found else None
    if isinstance(expr, cst.Name):
        bindings = resolver.lookup(expr.value)
        if bindings and bindings[-1].kind in ("value", "alias") and bindings[-1].value is not None:
            origin = result_origin(bindings[-1].value, resolver, depth + 1)
            if origin is not None:
                return origin
        typed = resolver.instance_type(expr)
        if typed is not None and (typed in fw.ASYNC_RESULT_TYPES or typed.endswith(".AsyncResult")):
            return TYPED
    return None


def bounded_status_read(node: cst.Call, origin: Optional[str], function: Optional[cst.FunctionDef], resolver: Resolver) -> bool:
    """A wait on a task looked up by its id, for at most MAX_STATUS_WAIT seconds."""
    if origin != LOOKUP or not isinstance(node.func, cst.Attribute):
        return False
    timeout = next((arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value == "timeout"), None)
    if timeout is None and node.func.attr.value in _POSITIONAL_TIMEOUT and node.args and node.args[0].keyword is None \
            and not node.args[0].star:
        timeout = node.args[0].value
    seconds = _seconds(timeout, function, resolver) if timeout is not None else None
    return seconds is not None and 0 < seconds <= MAX_STATUS_WAIT


def _seconds(expr: cst.BaseExpression, function: Optional[cst.FunctionDef], resolver: Resolver) -> Optional[float]:
    """A number written there, held by a module constant, or the default of a parameter of `function`
    that its body never rebinds."""
    if isinstance(expr, (cst.Integer, cst.Float)):
        return float(expr.evaluated_value)
    if not isinstance(expr, cst.Name):
        return None
    bindings = resolver.lookup(expr.value)
    if not bindings or len(bindings) != 1:
        return None
    binding = bindings[0]
    if binding.kind == "value" and binding.scope is not None and binding.scope.kind == "module" and isinstance(binding.value, (cst.Integer, cst.Float)):
        return float(binding.value.evaluated_value)
    if binding.kind == "param" and function is not None:
        params = function.params
        for param in (*params.posonly_params, *params.params, *params.kwonly_params):
            if param.name.value == expr.value and isinstance(param.default, (cst.Integer, cst.Float)):
                return float(param.default.evaluated_value)
    return None
