"""App-wide hooks whose catch-all is PRR104's (rules/verdicts.py): an aiohttp `@web.middleware` function and
the methods of a gRPC server interceptor.

A hook's `try` is app-wide only when it wraps the call of the next handler. In a middleware that is its last
parameter (`await handler(request)`); in a gRPC interceptor, what `intercept_service`'s `continuation` gives:
the method handler (`handler = continuation(details)`) and the behaviours it holds (`handler.unary_unary`), handed
to a wrapper however the class builds it (a nested function, another method: `self._wrap(handler.unary_unary)`, a
wrapper factory handed to a method that calls it with the behaviour). The `try` wraps the next handler when its
body names a carrier of it: the handler itself, a name bound from it (`call = partial(handler, request)`), a
parameter a carrier is passed to, or a function of the hook that names one. What calling the next handler
returns (the response) carries nothing. A `try` that wraps something else (decoding a session cookie before the
handler runs outside it, turning a message into text for a log line) catches no request's error: an app's
failure passes it by, on to whatever reports it, or to aiohttp or gRPC, which log it. Its handler is judged as
any other (PRR101 to PRR103).
"""

from __future__ import annotations

from typing import Dict, FrozenSet, List, Optional, Set, Tuple, Union

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.rules.handler_context import TryNode
from prr_lint.tree import descendants

AIOHTTP_MIDDLEWARE = frozenset({"aiohttp.web.middleware", "aiohttp.web_middlewares.middleware"})
GRPC_INTERCEPTORS = frozenset({"grpc.ServerInterceptor", "grpc.aio.ServerInterceptor"})
Hook = Union[cst.FunctionDef, cst.ClassDef]


def global_hook(ctx: FileContext, try_node: TryNode) -> Optional[str]:
    """Describes the app-wide hook whose next handler the current `try` wraps: an aiohttp `@web.middleware`
    function or a `grpc.ServerInterceptor` subclass (module docstring); None for any other `try`."""
    resolver = ctx.resolver
    for node in reversed(ctx.ancestors):
        if isinstance(node, cst.FunctionDef):
            for decorator in node.decorators:
                target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
                if resolver.qualified_name(target) in AIOHTTP_MIDDLEWARE:
                    params = _positional(node)
                    seeds = frozenset({params[-1].name.value}) if params else None
                    return f"aiohttp middleware `{node.name.value}`" if _wraps_next(ctx, node, seeds, frozenset(), try_node) else None
        elif isinstance(node, cst.ClassDef):
            if any(resolver.qualified_name(base.value) in GRPC_INTERCEPTORS for base in node.bases if base.keyword is None):
                seeds = _continuation(node)
                return f"gRPC server interceptor `{node.name.value}`" if _wraps_next(ctx, node, seeds, seeds or frozenset(), try_node) else None
    return None


def _positional(function: cst.FunctionDef) -> List[cst.Param]:
    return [*function.params.posonly_params, *function.params.params]


def _continuation(interceptor: cst.ClassDef) -> Optional[FrozenSet[str]]:
    """The name of `intercept_service`'s `continuation` (its first parameter after `self`); None when the class
    does not define the method (a base class of the project's does)."""
    for statement in interceptor.body.body:
        if isinstance(statement, cst.FunctionDef) and statement.name.value == "intercept_service":
            params = _positional(statement)
            return frozenset({params[1].name.value}) if len(params) > 1 else None
    return None


def _wraps_next(ctx: FileContext, hook: Hook, seeds: Optional[FrozenSet[str]], factories: FrozenSet[str],
                try_node: TryNode) -> bool:
    """The `try`'s body names a carrier of the hook's next handler (module docstring); a hook whose next handler
    is not known (no parameters) is given the benefit. The carriers are found once per hook."""
    if seeds is None:
        return True
    cache: Dict[int, Set[str]] = ctx.__dict__.setdefault("_prr104_carriers", {})
    if id(hook) not in cache:
        cache[id(hook)] = _carriers(hook, seeds, factories)
    return bool(cache[id(hook)] & _names(try_node.body))


def _carriers(hook: Hook, seeds: FrozenSet[str], factories: FrozenSet[str]) -> Set[str]:
    """The names that carry the hook's next handler, from `seeds` to a fixpoint: a call of one of `factories`
    gives the next handler (`continuation(details)`), a call of any other carrier its answer."""
    defs, methods = _definitions(hook)
    carriers: Set[str] = set(seeds)
    holds: Dict[str, Set[str]] = {}  # a parameter -> the functions of the hook handed to it (`fn=metrics_wrapper`)
    while True:
        found = set(carriers)
        for node in descendants(hook, stop_at=()):
            if isinstance(node, cst.FunctionDef) and node is not hook and carriers & _names(node):
                found.add(node.name.value)
            elif isinstance(node, (cst.Assign, cst.AnnAssign)) and node.value is not None and _carries(node.value, carriers, factories):
                targets = [target.target for target in node.targets] if isinstance(node, cst.Assign) else [node.target]
                found |= {target.value for target in targets if isinstance(target, cst.Name)}
            elif isinstance(node, cst.Call):
                for function, skip in _callees(node.func, defs, methods, holds):
                    for param, value in _bound(node, function, skip):
                        if _carries(value, carriers, factories):
                            found.add(param)
                        elif isinstance(value, cst.Name) and value.value in defs:
                            holds.setdefault(param, set()).add(value.value)
        if found == carriers:
            return carriers
        carriers = found


def _definitions(hook: Hook) -> Tuple[Dict[str, List[cst.FunctionDef]], Set[int]]:
    """The functions defined in the hook by name, and (by id) those that are methods called on an instance."""
    defs: Dict[str, List[cst.FunctionDef]] = {}
    methods: Set[int] = set()
    for node in (hook, *descendants(hook, stop_at=())):
        if isinstance(node, cst.FunctionDef):
            defs.setdefault(node.name.value, []).append(node)
        elif isinstance(node, cst.ClassDef):
            methods |= {id(statement) for statement in node.body.body if isinstance(statement, cst.FunctionDef)
                        and not any(_decorator_name(d.decorator) == "staticmethod" for d in statement.decorators)}
    return defs, methods


def _decorator_name(decorator: cst.BaseExpression) -> str:
    return decorator.value if isinstance(decorator, cst.Name) else ""


def _callees(func: cst.BaseExpression, defs: Dict[str, List[cst.FunctionDef]], methods: Set[int],
             holds: Dict[str, Set[str]]) -> List[Tuple[cst.FunctionDef, int]]:
    """The hook's functions a call may run, each with the number of its leading parameters the call does not pass:
    `wrap(...)` a nested function or one handed to the parameter `wrap`, `self.wrap(...)` a method (its `self`)."""
    if isinstance(func, cst.Name):
        names = {func.value, *holds.get(func.value, ())}
        return [(function, 0) for name in names for function in defs.get(name, ())]
    if isinstance(func, cst.Attribute):
        return [(function, 1 if id(function) in methods else 0) for function in defs.get(func.attr.value, ())]
    return []


def _bound(call: cst.Call, function: cst.FunctionDef, skip: int) -> List[Tuple[str, cst.BaseExpression]]:
    """(parameter name, value) for each argument of the call that lands on a named parameter of `function`."""
    positional = _positional(function)[skip:]
    named = {param.name.value for param in (*positional, *function.params.kwonly_params)}
    bound: List[Tuple[str, cst.BaseExpression]] = []
    for index, arg in enumerate(call.args):
        if arg.star:
            break
        if arg.keyword is None and index < len(positional):
            bound.append((positional[index].name.value, arg.value))
        elif arg.keyword is not None and arg.keyword.value in named:
            bound.append((arg.keyword.value, arg.value))
    return bound


def _carries(value: cst.CSTNode, carriers: Set[str], factories: FrozenSet[str]) -> bool:
    """The value holds the next handler or something that calls it: a carrier, a call of a factory, a call
    handed a carrier (`partial(handler, request)`), a lambda naming one, an attribute of one; not the answer
    of a call of one (`response = handler(request)`)."""
    if isinstance(value, cst.Name):
        return value.value in carriers
    if isinstance(value, cst.Attribute):
        return _carries(value.value, carriers, factories)
    if isinstance(value, cst.Call):
        if isinstance(value.func, cst.Name) and value.func.value in factories:
            return True
        return any(_carries(arg.value, carriers, factories) for arg in value.args)
    if isinstance(value, cst.Lambda):
        return bool(carriers & _names(value.body))
    return any(_carries(child, carriers, factories) for child in value.children)


def _names(root: cst.CSTNode) -> Set[str]:
    """The names read or bound anywhere below `root`, nested functions and lambdas too."""
    return {node.value for node in descendants(root, stop_at=()) if isinstance(node, cst.Name)}
