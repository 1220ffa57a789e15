"""FastAPI and Starlette route registrations of one module, in the order each router tries them (per file).

Starlette's router, and so FastAPI's, answers a request with the first route whose path pattern and method
match, and never falls through to a later one (a parameter the handler rejects is a 422, an exception its
dependency raises an error answer). So on one router a later route every path of which an earlier route of the
same method matches never runs: `@router.get("/errors")` after `@router.get("/{upload_id}")` (a plain parameter
matches any one segment, whatever the handler's annotation of it says). The per-file pass records each
registration with what it knows of it; project/shadowed_routes.py decides which handlers never run.

Recorded (`ModuleSummary.route_order`): (group, handler, path, methods, block, kind) in the order the
registrations run; kind CALLED for the calls `registrations` holds too (`add_api_route`, `Route(...)`). A group
is one router object as one scope's statements register on it: a router bound once, to a `FastAPI()`,
`APIRouter()` (without a `route_class` of its own, which may match differently), `Starlette()` or `Router()`,
registered on by decorators, `add_api_route`, `add_route` or a decorator called on the handler, or a literal
list of `Route(...)`s. The block is where the registration statement sits in that scope, as the path of its
enclosing blocks (an `if` or `try` body may not run: what it registers answers first only for the routes
registered in it, or in blocks it encloses). Methods are "GET,POST", or DEFAULT_METHODS for a Starlette route
without `methods=` (a function's GET and HEAD, a class's every method: the project phase tells which). What
leaves any of this unknown is recorded with block UNKNOWN, which neither shadows nor is shadowed: a computed
path or method list, a loop, a router bound more than once, made elsewhere, or reordered
(`router.routes.sort(...)`), a websocket route. Flask and werkzeug order rules by specificity and Django is no
Starlette router: neither is recorded.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import call_argument, concatenated_value, statement_blocks

UNKNOWN = "?"  # the block of a registration nothing may be decided on
DEFAULT_METHODS = "*"  # a Starlette route without `methods=`
CALLED = "call"  # a registration `ModuleSummary.registrations` also holds
RouteRecord = Tuple[str, str, str, str, str, str]

_ROUTERS = frozenset({"fastapi.FastAPI", "fastapi.APIRouter", "starlette.applications.Starlette", "starlette.routing.Router"})
_ROUTE_LISTS = _ROUTERS | {"starlette.routing.Mount"}  # their `routes=` list
_ROUTER_NAMES = tuple(name.rpartition(".")[2] for name in _ROUTE_LISTS)
_ROUTE = "starlette.routing.Route"
_VERBS = frozenset({"get", "post", "put", "patch", "delete", "head", "options", "trace"})
# Router methods that register a route: FastAPI's take `methods=` (GET without it), Starlette's too (a function's
# GET and HEAD, a class's every method, without it); a websocket route is another kind of route: not decided.
_FASTAPI_ROUTES = frozenset({"api_route", "add_api_route"})
_STARLETTE_ROUTES = frozenset({"route", "add_route"})
_WEBSOCKETS = frozenset({"websocket", "websocket_route", "add_api_websocket_route", "add_websocket_route"})
_REGISTERS = _VERBS | _FASTAPI_ROUTES | _STARLETTE_ROUTES | _WEBSOCKETS
# What reorders a router's `routes` or a route list, or takes routes out of it.
_REORDERS = frozenset({"sort", "reverse", "remove", "pop", "clear"})


def may_build_router(source: str) -> bool:
    """A group needs a router or route list the module itself builds, so its class's name is in the source: a
    module that names none of them records nothing, and is not walked (the text pre-filter of DESIGN.md §6)."""
    return any(name in source for name in _ROUTER_NAMES)


def route_order(module: cst.Module, resolver: Resolver) -> List[RouteRecord]:
    """The module's route registrations (module docstring), in the order they run within each group."""
    walk = _Walk(resolver)
    walk.body(module.body, resolver.module_scope, "")
    return [(group, handler, path, methods, UNKNOWN if walk.router_of.get(group) in walk.reordered else block, kind)
            for group, handler, path, methods, block, kind in walk.found]


class _Walk:
    """The statements of the module and of every function body in it, in order."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self.found: List[RouteRecord] = []
        self.router_of: Dict[str, str] = {}  # group -> the router (or list) it registers on
        self.reordered: Set[str] = set()  # routers and route lists reordered or cut
        self._lists = 0

    def body(self, statements: Sequence[cst.BaseStatement], scope: Scope, block: str) -> None:
        for position, statement in enumerate(statements):
            inner = block if block == UNKNOWN else f"{block}/{position}"
            if isinstance(statement, cst.SimpleStatementLine):
                for small in statement.body:
                    self._small(small, scope, block)
            elif isinstance(statement, cst.FunctionDef):
                self._decorators(statement, scope, block)
                self.body(_statements(statement.body), self.resolver.scope_for(statement, scope), "")
            elif isinstance(statement, (cst.For, cst.While)):  # routes added in a loop: maybe many, maybe none
                for suite in statement_blocks(statement):
                    self.body(_statements(suite), scope, UNKNOWN)
            elif not isinstance(statement, cst.ClassDef):
                for index, suite in enumerate(statement_blocks(statement)):
                    self.body(_statements(suite), scope, inner if inner == UNKNOWN else f"{inner}.{index}")

    def _small(self, small: cst.BaseSmallStatement, scope: Scope, block: str) -> None:
        if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
            self._call(small.value, scope, block)
        elif isinstance(small, (cst.Assign, cst.AnnAssign, cst.AugAssign)) and small.value is not None:
            targets = [target.target for target in small.targets] if isinstance(small, cst.Assign) else [small.target]
            for target in targets:  # `router.routes = [...]`, `routes[0] = ...`: reordered
                if isinstance(target, (cst.Attribute, cst.Subscript)):
                    self._reorders(target, scope)
            if isinstance(small.value, (cst.List, cst.Tuple)) and len(targets) == 1 and isinstance(targets[0], cst.Name):
                self._route_list(small.value, scope, block, self._bound_once(targets[0], scope))
            elif isinstance(small.value, cst.Call):  # `app = Starlette(routes=[...])`: the list is `app`'s
                bound = self._bound_once(targets[0], scope) if len(targets) == 1 and isinstance(targets[0], cst.Name) else ""
                self._call(small.value, scope, block, bound)
        elif isinstance(small, cst.Del):
            self._reorders(small.target, scope)

    def _reorders(self, expr: cst.BaseExpression, scope: Scope) -> None:
        """`router.routes.sort(...)`, `routes.pop()`, `del routes[0]`, `router.route_class = ...`: the router or route
        list `expr` starts from may try its routes in another order (`app.state.db = ...` changes no route)."""
        links: List[cst.BaseExpression] = []
        while isinstance(expr, (cst.Attribute, cst.Subscript)):
            links.append(expr)
            expr = expr.value
        routes = any(isinstance(link, cst.Attribute) and link.attr.value in ("routes", "route_class") for link in links)
        if isinstance(expr, cst.Name) and (routes or not links or len(links) == 1 and isinstance(links[0], cst.Subscript)):
            self.reordered.add(self._key(expr, scope))

    def _call(self, call: cst.Call, scope: Scope, block: str, bound: str = "") -> None:
        func = call.func
        if isinstance(func, cst.Attribute) and func.attr.value in _REORDERS:
            self._reorders(func.value, scope)
            return
        if isinstance(func, cst.Call) and isinstance(func.func, cst.Attribute):  # `router.get("/x")(handler)`
            handler = self._name(call_argument(call, 0, ""), scope)
            if handler:
                self._register(func, handler, scope, block)
            return
        if isinstance(func, cst.Attribute) and func.attr.value in ("add_api_route", "add_route"):
            handler = self._name(call_argument(call, 1, "endpoint"), scope)
            if handler:
                self._register(call, handler, scope, block)
            return
        name = fw.canonical(self.resolver.qualified_name(func, scope) or "")
        if name in _ROUTE_LISTS:
            listed = call_argument(call, 1 if name == "starlette.routing.Mount" else None, "routes")
            if isinstance(listed, (cst.List, cst.Tuple)):
                self._lists += 1
                self._route_list(listed, scope, block, bound or f"<routes {self._lists}>")

    def _decorators(self, node: cst.FunctionDef, scope: Scope, block: str) -> None:
        """A def's route decorators register it from the innermost out, when the `def` statement runs; the innermost
        one registers the plain function (a Starlette route's default methods are then a function's)."""
        handler = self.resolver.scope_for(node, scope).qualname
        for position, decorator in enumerate(reversed(node.decorators)):
            if isinstance(decorator.decorator, cst.Call):
                self._register(decorator.decorator, handler, scope, block, plain=position == 0)

    def _register(self, call: cst.Call, handler: str, scope: Scope, block: str, plain: bool = False) -> None:
        """A registration on a router: `router.get(path)`, `router.api_route(path, methods=[...])`,
        `router.add_api_route(path, handler)` ...; anything else is no registration. `plain`: the handler is a
        `def` no decorator wraps."""
        func = call.func
        if not isinstance(func, cst.Attribute) or func.attr.value not in _REGISTERS:
            return
        verb, router = func.attr.value, self._router(func.value, scope)
        path = _literal(call_argument(call, 0, "path"))
        given = call_argument(call, -1, "methods")
        if verb in _VERBS:
            methods: Optional[str] = verb.upper()
        elif given is None:
            methods = "GET" if verb in _FASTAPI_ROUTES else "GET,HEAD" if plain else DEFAULT_METHODS
        else:
            methods = _methods(given)
            methods = methods + ",HEAD" if methods and verb in _STARLETTE_ROUTES and "GET" in methods.split(",") else methods
        known = router and path is not None and methods and verb not in _WEBSOCKETS and not any(arg.star for arg in call.args)
        group = f"{scope.qualname}|{router}"
        self.router_of[group] = router
        kind = CALLED if verb == "add_api_route" else ""
        self.found.append((group, handler, path or "", methods or "", block if known else UNKNOWN, kind))

    def _route_list(self, listed: cst.BaseExpression, scope: Scope, block: str, key: str) -> None:
        """`[Route("/", home), Route("/{name}", user, methods=["POST"]), ...]`: a router's routes, in its order."""
        group = f"{scope.qualname}|{key or UNKNOWN}"
        self.router_of[group] = key
        for element in getattr(listed, "elements", ()):
            item = element.value if isinstance(element, cst.Element) else None
            if not isinstance(item, cst.Call):
                continue
            name = fw.canonical(self.resolver.qualified_name(item.func, scope) or "")
            if name != _ROUTE:
                self._call(item, scope, block)  # a `Mount(...)` of routes of its own
                continue
            handler = self._name(call_argument(item, 1, "endpoint"), scope)
            path, given = _literal(call_argument(item, 0, "path")), call_argument(item, -1, "methods")
            methods = DEFAULT_METHODS if given is None else _methods(given)
            if methods and methods != DEFAULT_METHODS and "GET" in methods.split(","):
                methods += ",HEAD"
            if handler:
                known = key and path is not None and methods and not any(arg.star for arg in item.args)
                self.found.append((group, handler, path or "", methods or "", block if known else UNKNOWN, CALLED))

    def _router(self, expr: cst.BaseExpression, scope: Scope) -> str:
        """The key of the router `expr` names when it is bound once, to a router this module makes with Starlette's
        matching; "" otherwise."""
        if not isinstance(expr, cst.Name):
            return ""
        bindings = self.resolver.lookup(expr.value, scope)
        if not bindings or len(bindings) != 1 or bindings[0].kind != "value" or not isinstance(bindings[0].value, cst.Call):
            return ""
        made = bindings[0].value
        if fw.canonical(self.resolver.qualified_name(made.func, bindings[0].scope) or "") not in _ROUTERS:
            return ""
        if any(arg.star or arg.keyword is not None and arg.keyword.value == "route_class" for arg in made.args):
            return ""
        return self._key(expr, scope)

    def _bound_once(self, name: cst.Name, scope: Scope) -> str:
        bindings = self.resolver.lookup(name.value, scope)
        return self._key(name, scope) if bindings and len(bindings) == 1 else ""

    def _key(self, name: cst.Name, scope: Scope) -> str:
        bindings = self.resolver.lookup(name.value, scope)
        owner = bindings[-1].scope if bindings else None
        return f"{owner.qualname if owner is not None else ''}.{name.value}"

    def _name(self, expr: Optional[cst.BaseExpression], scope: Scope) -> str:
        return (self.resolver.qualified_name(expr, scope) or "") if isinstance(expr, (cst.Name, cst.Attribute)) else ""


def _literal(expr: Optional[cst.BaseExpression]) -> Optional[str]:
    """A route path spelled as a string literal; None for anything computed."""
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        value = concatenated_value(expr)
        return value if isinstance(value, str) else None
    return None


def _methods(expr: cst.BaseExpression) -> str:
    """`["get", "POST"]` -> "GET,POST"; "" when the list is computed."""
    if not isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
        return ""
    names = [_literal(element.value) if isinstance(element, cst.Element) else None for element in expr.elements]
    return ",".join(name.upper() for name in names) if names and all(names) else ""  # type: ignore[union-attr]


def _statements(suite: cst.BaseSuite) -> Sequence[cst.BaseStatement]:
    if isinstance(suite, cst.IndentedBlock):
        return suite.body
    return [cst.SimpleStatementLine(body=suite.body)] if isinstance(suite, cst.SimpleStatementSuite) else []

