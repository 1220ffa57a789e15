"""A module's own converter of environment values: `def bool_env(name): return os.environ.get(name, False) ==
"True"` read as `ENABLE_SLACK = bool_env("ENABLE_SLACK")`, or `def convert_to_bool(value): return str(value).lower()
in ("true", "1")` applied to a read (`convert_to_bool(os.getenv("PLEX_QUEUE", False))`). Such a helper's whole body
is one expression of its one parameter, so the call is that expression with the argument in the parameter's place:
switch_keys.env_key evaluates what the helper returns (env_eval.py), as it would the test written out."""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import descendants


def inlined(node: cst.BaseExpression, resolver: Resolver) -> cst.BaseExpression:
    """`node` with each call of a converter of the module (module docstring) written as the expression it returns."""
    for call in [found for found in (node, *descendants(node)) if isinstance(found, cst.Call)]:
        if not isinstance(call.func, cst.Name) or len(call.args) != 1 or call.args[0].keyword or call.args[0].star:
            continue
        body = _returned(call.func.value, resolver)
        if body is not None:
            parameter, returned = body
            written = returned.deep_replace(parameter, call.args[0].value) if parameter is not returned else call.args[0].value
            node = written if call is node else node.deep_replace(call, written)  # type: ignore[assignment]
    return node


def _returned(name: str, resolver: Resolver) -> Optional[Tuple[cst.Name, cst.BaseExpression]]:
    """(the parameter's one use, the returned expression) of `name` when the module binds it once, to a plain
    function of one parameter whose whole body (but a docstring) returns an expression using it once and binding no name of its own."""
    bindings = resolver.lookup(name, resolver.module_scope) or []
    function = bindings[0].node if len(bindings) == 1 and bindings[0].kind == "def" else None
    if not isinstance(function, cst.FunctionDef) or function.asynchronous or function.decorators:
        return None
    params = function.params
    if len(params.params) != 1 or params.posonly_params or params.kwonly_params or params.star_kwarg \
            or not isinstance(params.star_arg, cst.MaybeSentinel) or params.params[0].default is not None:
        return None
    lines = function.body.body if isinstance(function.body, cst.IndentedBlock) else ()
    lines = lines[1:] if lines and _docstring(lines[0]) else lines
    line = lines[0] if len(lines) == 1 and isinstance(lines[0], cst.SimpleStatementLine) and len(lines[0].body) == 1 else None
    returned = line.body[0].value if line is not None and isinstance(line.body[0], cst.Return) else None
    if returned is None:
        return None
    named = params.params[0].name.value
    attributes = {id(found.attr) for found in descendants(returned) if isinstance(found, cst.Attribute)}
    uses = [found for found in (returned, *descendants(returned))
            if isinstance(found, cst.Name) and found.value == named and id(found) not in attributes]
    binds = any(isinstance(found, (cst.Lambda, cst.NamedExpr, cst.CompFor)) for found in descendants(returned))
    return (uses[0], returned) if len(uses) == 1 and not binds else None


def _docstring(line: cst.BaseStatement) -> bool:
    return isinstance(line, cst.SimpleStatementLine) and len(line.body) == 1 and isinstance(line.body[0], cst.Expr) \
        and isinstance(line.body[0].value, (cst.SimpleString, cst.ConcatenatedString))
