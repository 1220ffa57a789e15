"""A module's own converter of environment values: `def bool_env(name): return os.environ.get(name, False) ==
"True"` read as `ENABLE_SLACK = bool_env("ENABLE_SLACK")`, or `def convert_to_bool(value): return str(value).lower()
in ("true", "1")` applied to a read (`convert_to_bool(os.getenv("PLEX_QUEUE", False))`). Such a helper's whole body
is one expression of its one parameter, so the call is that expression with the argument in the parameter's place:
switch_keys.env_key evaluates what the helper returns (env_eval.py), as it would the test written out."""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from prr_lint.path_values import returned_value
from prr_lint.resolve import Resolver
from prr_lint.tree import descendants


def inlined(node: cst.BaseExpression, resolver: Resolver) -> cst.BaseExpression:
    """`node` with each call of a converter of the module (module docstring) written as the expression it returns;
    `node` itself when it calls none (a rewrite makes new nodes, which callers' caches by identity do not know)."""
    if not any(isinstance(found, cst.Call) and _converted(found, resolver) for found in (node, *descendants(node))):
        return node
    return node.visit(_Inliner(resolver))  # type: ignore[return-value]


class _Inliner(cst.CSTTransformer):
    """One pass, inner calls first: each converter's call becomes its returned expression of the argument."""

    def __init__(self, resolver: Resolver) -> None:
        super().__init__()
        self.resolver = resolver

    def visit_Lambda(self, node: cst.Lambda) -> bool:
        return False  # its parameters may shadow a converter's name, and the resolver's scope is not its own

    def leave_Call(self, original_node: cst.Call, updated_node: cst.Call) -> cst.BaseExpression:
        converted = _converted(updated_node, self.resolver)
        if converted is None:
            return updated_node
        parameter, returned = converted
        argument = updated_node.args[0].value
        return argument if parameter is returned else returned.deep_replace(parameter, argument)  # type: ignore[return-value]


def _converted(call: cst.Call, resolver: Resolver) -> Optional[Tuple[cst.Name, cst.BaseExpression]]:
    """(the parameter's one use, the returned expression) of the converter `call` calls with one plain argument."""
    if not isinstance(call.func, cst.Name) or len(call.args) != 1 or call.args[0].keyword or call.args[0].star:
        return None
    return _returned(call.func.value, resolver)


def _returned(name: str, resolver: Resolver) -> Optional[Tuple[cst.Name, cst.BaseExpression]]:
    """(the parameter's one use, the returned expression) of `name` when, where the call is, it is the module's one
    binding, to a plain function of one parameter whose whole body (but a docstring) returns an expression using it once
    and binding no name of its own. A parameter or local of the calling function by that name is something else."""
    bindings = resolver.lookup(name) or []
    function = bindings[0].node if len(bindings) == 1 and bindings[0].kind == "def" and bindings[0].scope is resolver.module_scope else None
    if not isinstance(function, cst.FunctionDef) or function.asynchronous or function.decorators:
        return None
    params = function.params
    if len(params.params) != 1 or params.posonly_params or params.kwonly_params or params.star_kwarg \
            or not isinstance(params.star_arg, cst.MaybeSentinel) or params.params[0].default is not None:
        return None
    returned = returned_value(function)
    if returned is None:
        return None
    named = params.params[0].name.value
    attributes = {id(found.attr) for found in descendants(returned) if isinstance(found, cst.Attribute)}
    uses = [found for found in (returned, *descendants(returned))
            if isinstance(found, cst.Name) and found.value == named and id(found) not in attributes]
    binds = any(isinstance(found, (cst.Lambda, cst.NamedExpr, cst.CompFor)) for found in descendants(returned))
    return (uses[0], returned) if len(uses) == 1 and not binds else None
