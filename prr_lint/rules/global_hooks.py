"""App-wide hooks whose catch-all is PRR104's (rules/verdicts.py): an aiohttp `@web.middleware` function and
the methods of a gRPC server interceptor.

A middleware's `try` is app-wide only when it wraps the call of the next handler, the middleware's last
parameter (`await handler(request)`), by its name, a name bound from it (`call = partial(handler, request)`)
or a function of the middleware that calls it. A `try` that wraps something else (decoding a session cookie
before the handler runs outside it) catches no request's error: an app's failure passes it by, on to the
middleware that reports it or to aiohttp, which logs it. Its handler is judged as any other (PRR101 to PRR103).
"""

from __future__ import annotations

from typing import Optional, Set

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.rules.handler_context import TryNode
from prr_lint.tree import descendants

AIOHTTP_MIDDLEWARE = frozenset({"aiohttp.web.middleware", "aiohttp.web_middlewares.middleware"})
GRPC_INTERCEPTORS = frozenset({"grpc.ServerInterceptor", "grpc.aio.ServerInterceptor"})


def global_hook(ctx: FileContext, try_node: TryNode) -> Optional[str]:
    """Describes the app-wide hook the current `try` is in: an aiohttp `@web.middleware` function whose next
    handler the `try` wraps, or any method (and the wrappers nested in it) of a `grpc.ServerInterceptor`
    subclass (module docstring)."""
    resolver = ctx.resolver
    for node in reversed(ctx.ancestors):
        if isinstance(node, cst.FunctionDef):
            for decorator in node.decorators:
                target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
                if resolver.qualified_name(target) in AIOHTTP_MIDDLEWARE:
                    return f"aiohttp middleware `{node.name.value}`" if _wraps_handler(node, try_node) else None
        elif isinstance(node, cst.ClassDef):
            if any(resolver.qualified_name(base.value) in GRPC_INTERCEPTORS for base in node.bases if base.keyword is None):
                return f"gRPC server interceptor `{node.name.value}`"
    return None


def _wraps_handler(middleware: cst.FunctionDef, try_node: TryNode) -> bool:
    """The `try`'s body names the middleware's next handler (its last parameter), a name bound from it or a
    function nested in the middleware that names one; a middleware without parameters is given the benefit."""
    params = [*middleware.params.posonly_params, *middleware.params.params]
    if not params:
        return True
    carriers = {params[-1].name.value}
    while True:  # the names that carry the handler, to a fixpoint
        found = set(carriers)
        for node in descendants(middleware, stop_at=()):
            if isinstance(node, cst.FunctionDef) and node is not middleware and carriers & _names(node):
                found.add(node.name.value)
            elif isinstance(node, cst.Assign) and carriers & _names(node.value):
                found |= {target.target.value for target in node.targets if isinstance(target.target, cst.Name)}
        if found == carriers:
            return bool(carriers & _names(try_node.body))
        carriers = found


def _names(root: cst.CSTNode) -> Set[str]:
    """The names read or bound anywhere below `root`, nested functions and lambdas too."""
    return {node.value for node in descendants(root, stop_at=()) if isinstance(node, cst.Name)}
