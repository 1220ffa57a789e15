"""Decorator factories that run what they decorate only while the configuration key their argument names is on.

`@skip_if_flag_disabled("INTEGRATION_ENABLED_X") def on_save(...)` binds `on_save` to a wrapper that calls it only
under `if flag_state(flag_name):`: the feature runs only while the key its argument names is on, whoever calls or
registers it. Read from the factory's own body: a module `def` of one parameter, never rebound, that returns its one
nested decorator; the decorator takes the function and returns its one nested wrapper (bare, through
`functools.wraps(f)(wrapper)` or decorated with `@functools.wraps(f)`); in the wrapper the function is only called
(or its dunder metadata read), and each call runs only under a key read through the factory's parameter
(config_switches.guard_keys, with the parameter standing for the literal PLACEHOLDER). The factory's tag
`switch-decorator:<keys>` spells those keys with PLACEHOLDER; the project phase puts each decorated `def`'s literal
argument in its place (project/switch_decorators.py).
"""

from __future__ import annotations

from typing import Iterator, List, Optional, Set, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.config_switches import guard_keys
from prr_lint.rules.subscriber_clients import is_read
from prr_lint.tree import assigned_in, children

SWITCH_DECORATOR = "switch-decorator:"
PLACEHOLDER = "PRR_DECORATED_KEY"  # a key by the convention (switch_keys.is_key), so the guard readers take it
_WRAPS = "functools.wraps"
# The function's own metadata, which a wrapper copies (`wrapper.__name__ = func.__name__`) without running it.
_METADATA_ATTRIBUTES = frozenset({"__name__", "__qualname__", "__doc__", "__module__", "__dict__", "__wrapped__", "__annotations__"})


def switch_decorator_tags(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """The factory's `switch-decorator:` tag, when `node` (a module function, in the resolver's scope of it) is one."""
    scope = resolver.scope
    if scope.parent is None or scope.parent.kind != "module" or node.decorators or node.asynchronous is not None \
            or len(scope.parent.bindings.get(node.name.value, ())) != 1:
        return []  # a factory the module never rebinds (`skip_if_flag_disabled = _plain` would undo it)
    key_param = _only_param(node)
    decorator = _returned_def(node, None, resolver) if key_param else None
    wrapped = _only_param(decorator) if decorator is not None else None
    wrapper = _returned_def(decorator, wrapped, resolver) if decorator is not None and wrapped else None
    if wrapper is None or key_param == wrapped or key_param in _bound(node, decorator, wrapper):  # type: ignore[arg-type]
        return []
    keys = _call_keys(_placed(wrapper, key_param), wrapped, resolver)  # type: ignore[arg-type]
    return [SWITCH_DECORATOR + "|".join(sorted(keys))] if keys else []


def _bound(*functions: cst.FunctionDef) -> Set[str]:
    """What the factory, its decorator and its wrapper bind: assignments and the wrapper's parameters."""
    params = functions[-1].params
    named = [*params.posonly_params, *params.params, *params.kwonly_params, *[p for p in (params.star_arg, params.star_kwarg) if isinstance(p, cst.Param)]]
    return {param.name.value for param in named}.union(*(assigned_in(function.body) for function in functions))


def _only_param(function: cst.FunctionDef) -> Optional[str]:
    """The name of the function's one plain parameter, with no default."""
    params = function.params
    if params.posonly_params or params.kwonly_params or params.star_kwarg is not None or not isinstance(params.star_arg, cst.MaybeSentinel) \
            or len(params.params) != 1 or params.params[0].default is not None:
        return None
    return params.params[0].name.value


def _returned_def(function: cst.FunctionDef, wrapped: Optional[str], resolver: Resolver) -> Optional[cst.FunctionDef]:
    """The one nested `def` the function's body holds (beside a docstring) and then returns: `return inner`, or, with
    the `wrapped` function's name, `return wraps(wrapped)(inner)`; the nested `def` may be decorated only with
    `@wraps(wrapped)`."""
    if not isinstance(function.body, cst.IndentedBlock) or len(function.body.body) < 2:
        return None
    *defs, last = function.body.body
    if len(defs) == 2 and _docstring(defs[0]):
        defs = defs[1:]
    nested = defs[0] if len(defs) == 1 and isinstance(defs[0], cst.FunctionDef) else None
    if nested is None or not all(wrapped and _wraps(decorator.decorator, wrapped, resolver) for decorator in nested.decorators):
        return None
    returned = last.body[0].value if isinstance(last, cst.SimpleStatementLine) and len(last.body) == 1 and isinstance(last.body[0], cst.Return) else None
    if isinstance(returned, cst.Call) and wrapped and _wraps(returned.func, wrapped, resolver) and len(returned.args) == 1:
        returned = returned.args[0].value
    return nested if isinstance(returned, cst.Name) and returned.value == nested.name.value else None


def _docstring(statement: cst.CSTNode) -> bool:
    return isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1 and isinstance(statement.body[0], cst.Expr) \
        and isinstance(statement.body[0].value, (cst.SimpleString, cst.ConcatenatedString))


def _wraps(expr: cst.BaseExpression, wrapped: str, resolver: Resolver) -> bool:
    """`functools.wraps(wrapped)`: keeps the function only as the wrapper's metadata."""
    return isinstance(expr, cst.Call) and len(expr.args) == 1 and isinstance(expr.args[0].value, cst.Name) \
        and expr.args[0].value.value == wrapped and resolver.qualified_name(expr.func, resolver.module_scope) == _WRAPS


def _uses(root: cst.CSTNode, name: str) -> Iterator[Tuple[cst.Name, Tuple[cst.CSTNode, ...]]]:
    """Each read of the plain `name` below `root`, with its ancestors from `root` on (a loop: no recursion limit)."""
    pending: List[Tuple[cst.CSTNode, Tuple[cst.CSTNode, ...]]] = [(root, ())]
    while pending:
        node, above = pending.pop()
        chain = (*above, node)
        for child in children(node):
            if not isinstance(child, cst.Name):
                pending.append((child, chain))
            elif child.value == name and is_read(child, chain[::-1]):
                yield child, chain


class _Placed(cst.CSTTransformer):
    """Each node of `reads` written as the literal PLACEHOLDER key."""

    def __init__(self, reads: Set[int]) -> None:
        self.reads = reads

    def leave_Name(self, original: cst.Name, updated: cst.Name) -> cst.BaseExpression:
        return cst.SimpleString(f'"{PLACEHOLDER}"') if id(original) in self.reads else updated


def _placed(wrapper: cst.FunctionDef, name: str) -> cst.FunctionDef:
    """The wrapper with each read of the factory's parameter `name` written as the PLACEHOLDER key."""
    reads = {id(found) for found, _ in _uses(wrapper, name)}
    return wrapper.visit(_Placed(reads)) if reads else wrapper  # type: ignore[return-value]


def _call_keys(wrapper: cst.FunctionDef, wrapped: str, resolver: Resolver) -> Set[str]:
    """The PLACEHOLDER keys every call of the `wrapped` function in the wrapper runs under; none when the wrapper
    uses it otherwise (hands it on, reads an attribute that may run it) or never calls it."""
    shared: Optional[Set[str]] = None
    for name, chain in _uses(wrapper, wrapped):
        parent = chain[-1]
        if isinstance(parent, cst.Attribute) and parent.attr.value in _METADATA_ATTRIBUTES:
            continue  # `f.__name__`: metadata; `f.__call__(...)` runs it
        if not isinstance(parent, cst.Call) or parent.func is not name:
            return set()
        keys = {key for key in guard_keys(chain, resolver, with_else=True) if PLACEHOLDER in key}
        shared = keys if shared is None else shared & keys
        if not shared:
            return set()
    return shared or set()
