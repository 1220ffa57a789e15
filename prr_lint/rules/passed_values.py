"""The number a parameter stands for, read for PRR504's pause lengths (`time.sleep(retry_interval)`).

Its default (`def fetch(url, retry_delay=2)`), or, for a parameter with none, what every call of the
function in its module passes: a number, or a parameter of the caller with a number for default
(`_bind(sock, attempts, interval)` called only from `def options(..., interval=3)`). The smallest of
them is the shortest pause the function is ever asked for. A function no call of its module reaches,
one a call passes something else to, or one also handed on as a value (`pool.submit(_fetch, url, 10,
0.1)`), is of unknown length: code out of sight may pass anything.
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import descendants


def parameter_number(function: cst.FunctionDef, name: str, module: cst.Module, resolver: Resolver) -> Optional[float]:
    """The number parameter `name` of `function` stands for at its shortest (module doc), else None."""
    param = _param(function, name)
    if param is None:
        return None
    if param.default is not None:
        return _number(param.default)
    bindings = resolver.lookup(function.name.value, resolver.module_scope) or []
    if len(bindings) != 1 or bindings[0].node is not function:
        return None  # a method, a nested function or a name bound twice: its calls are not all in sight
    calls = _calls(module, function.name.value)
    if len(_uses(module, function)) != len(calls):
        return None  # also handed over as a value (`executor.submit(_fetch, url, 10, 0.1)`): called out of sight
    position = next((i for i, p in enumerate(function.params.params) if p is param), None)
    passed: List[Optional[float]] = []
    for caller, call in calls:
        if any(arg.star for arg in call.args):
            return None
        value = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == name), None)
        positional = [arg for arg in call.args if arg.keyword is None]
        if value is None and position is not None and position < len(positional):
            value = positional[position].value
        passed.append(_passed(value, caller))
    return min(passed) if passed and all(number is not None for number in passed) else None  # type: ignore[type-var]


def _param(function: cst.FunctionDef, name: str) -> Optional[cst.Param]:
    return next((p for p in (*function.params.params, *function.params.kwonly_params) if p.name.value == name), None)


def _calls(module: cst.Module, name: str) -> List[tuple]:
    """(the function around it, or None where that is not a function, the call) for each call of the
    name `name` in the module."""
    calls = {id(node): node for node in descendants(module, stop_at=()) if isinstance(node, cst.Call)
             and isinstance(node.func, cst.Name) and node.func.value == name}
    callers: dict = {}
    for definition in descendants(module, stop_at=()):
        if isinstance(definition, cst.FunctionDef):
            callers.update((id(node), definition) for node in descendants(definition.body) if id(node) in calls)
    return [(callers.get(key), call) for key, call in calls.items()]


def _uses(module: cst.Module, function: cst.FunctionDef) -> List[cst.Name]:
    """The module's reads of the function's name: each a call's callee, or a value handed on."""
    return [node for node in descendants(module, stop_at=()) if isinstance(node, cst.Name)
            and node.value == function.name.value and node is not function.name]


def _passed(value: Optional[cst.BaseExpression], caller: Optional[cst.FunctionDef]) -> Optional[float]:
    """A number passed, or the caller's parameter of a number for default."""
    if isinstance(value, cst.Name) and caller is not None:
        param = _param(caller, value.value)
        return _number(param.default) if param is not None and param.default is not None else None
    return _number(value)


def _number(value: Optional[cst.BaseExpression]) -> Optional[float]:
    return float(value.evaluated_value) if isinstance(value, (cst.Integer, cst.Float)) else None
