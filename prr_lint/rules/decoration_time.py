"""Output of a registration decorator (PRR401): code that runs when a function is decorated, at the
import of the module that defines it, once, like that module's own top level.

A registration decorator hands back the very function it is given (`def wrapped(func): TABLE[name]
= func; return func`), and the decorator factory (`def register_export(name=None):`) returns it:
`@register_export()` runs `wrapped` once per decorated definition, while modules are imported
(a warning about a name registered twice). A wrapper that a decorator returns in place of the
function (`def inner(*args): ...; return inner`) runs on every call, and is not this.
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.tree import SCOPE_NODES, descendants


def in_registration_decorator(ctx: FileContext) -> bool:
    """Output in a decorator that returns the function it registers, which its enclosing factory returns."""
    functions: List[cst.FunctionDef] = list(ctx.functions())  # innermost first
    if len(functions) < 2:
        return False
    decorator, factory = functions[0], functions[1]
    return _returns_its_argument(decorator) and _returns_name(factory, decorator.name.value)


def _returns(function: cst.FunctionDef) -> List[Optional[cst.BaseExpression]]:
    return [node.value for node in descendants(function.body, stop_at=SCOPE_NODES) if isinstance(node, cst.Return)]


def _returns_its_argument(function: cst.FunctionDef) -> bool:
    """Its only parameter is handed back by every `return`: the function it decorates, unchanged."""
    params = function.params
    if len(params.params) != 1 or isinstance(params.star_arg, cst.Param) or params.kwonly_params or params.star_kwarg is not None:
        return False
    name = params.params[0].name.value
    values = _returns(function)
    return bool(values) and all(isinstance(value, cst.Name) and value.value == name for value in values)


def _returns_name(factory: cst.FunctionDef, name: str) -> bool:
    """The factory returns the nested decorator itself (`return wrapped`)."""
    values = _returns(factory)
    return bool(values) and all(isinstance(value, cst.Name) and value.value == name for value in values)
