"""The value a function's parameter holds when its callers leave it out: a logging helper that takes
the level it logs at (`def log_failure(failure, *, level="ERROR"): logger.log(level.upper(), ...)`)
logs at its default level for every call that passes none (sinks.level_argument)."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver

# Calls on a string that leave the level it names as it was.
_SAME_LEVEL = frozenset({"upper", "lower", "strip"})


def parameter_default(expr: cst.BaseExpression, resolver: Resolver) -> Optional[cst.BaseExpression]:
    """The default of the enclosing function's parameter `expr` names (`level`, `level.upper()`), or None
    when `expr` is no such parameter or it has no default."""
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in _SAME_LEVEL and not expr.args:
        expr = expr.func.value
    scope = resolver.enclosing_function
    if not isinstance(expr, cst.Name) or scope is None:
        return None
    bindings = resolver.lookup(expr.value)
    if not bindings or len(bindings) != 1 or bindings[0].kind != "param" or bindings[0].scope is not scope:
        return None  # a parameter rebound in the body holds what the body gives it
    return scope.defaults.get(expr.value)
