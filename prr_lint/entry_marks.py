"""Per-file entry-point marks, recorded by the summary collector during the one walk.

Plain facts about one module, resolved as far as one file allows: handler registrations
(`add_url_rule`, `path()`, `router.register` ...), router prefixes and mounts, hand-offs to threads
and executors, and calls that instrument an app. The project phase (project/entrypoints.py) reads
them from the summaries and decides what serves requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Tuple

import libcst as cst

from prr_lint import frameworks as fw

if TYPE_CHECKING:
    from prr_lint.model import FunctionSummary, ModuleSummary
    from prr_lint.resolve import Resolver

_INSTRUMENTATION_ROOTS = frozenset(
    key.split(".", 1)[0] for key in fw.INSTRUMENTATION
)
_REGISTRAR_SUFFIXES = frozenset(key for key in fw.REGISTRARS if key.startswith("."))
_TORNADO_APPS = frozenset({"tornado.web.Application", "tornado.web.Application.add_handlers"})
_TORNADO_URL = frozenset({"tornado.web.url", "tornado.web.URLSpec", "tornado.routing.URLSpec"})


def _string(expr: Optional[cst.BaseExpression]) -> str:
    if isinstance(expr, cst.SimpleString):
        value = expr.evaluated_value
        return value if isinstance(value, str) else ""
    if isinstance(expr, cst.ConcatenatedString):
        value = expr.evaluated_value
        return value if isinstance(value, str) else ""
    return ""


def decorator_argument(decorator: cst.Decorator) -> str:
    """The first string argument of a decorator call (the route of `@app.get("/x")`), or ""."""
    call = decorator.decorator
    if not isinstance(call, cst.Call):
        return ""
    for arg in call.args:
        if arg.keyword is None and not arg.star:
            return _string(arg.value)
        if arg.keyword is not None and arg.keyword.value in ("path", "rule", "url"):
            return _string(arg.value)
    return ""


def _argument(call: cst.Call, index: int, keyword: str) -> Optional[cst.BaseExpression]:
    if keyword:
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == keyword:
                return arg.value
    if index < 0:
        return None
    positional = [arg for arg in call.args if arg.keyword is None and not arg.star]
    return positional[index].value if index < len(positional) else None


def _handler_name(resolver: "Resolver", expr: Optional[cst.BaseExpression]) -> str:
    """What a handler argument names: a function, a class (`V.as_view()`), or an instance's class."""
    if expr is None:
        return ""
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in ("as_view", "as_asgi", "as_wsgi"):
            return resolver.qualified_name(func.value) or ""
        return resolver.qualified_name(func) or ""
    if isinstance(expr, (cst.Name, cst.Attribute)):
        typed = resolver.instance_type(expr)
        if typed is not None and not isinstance(expr, cst.Name):
            return typed
        name = resolver.qualified_name(expr)
        if name is None and typed is not None:
            return typed
        return name or ""
    return ""


def binding_key(resolver: "Resolver", expr: Optional[cst.BaseExpression]) -> str:
    """A name for the object a variable holds, the same in every module that refers to it.

    `app` bound at the top of `svc.web` is `svc.web.app`, there and wherever it is imported; bound
    inside `create_app` it is `svc.web.create_app.app`. Attribute chains count as their root name
    (`app.wsgi_app` is `app`).
    """
    while isinstance(expr, (cst.Attribute, cst.Subscript)):
        expr = expr.value
    if not isinstance(expr, cst.Name):
        return ""
    bindings = resolver.lookup(expr.value)
    if not bindings:
        return ""
    binding = bindings[-1]
    if binding.kind == "import":
        return binding.target or ""
    scope = binding.scope
    if scope is None:
        return ""
    return f"{scope.qualname}.{expr.value}" if scope.qualname else expr.value


def extra_registrars(sections: Optional[Mapping[str, object]]) -> Dict[str, Tuple[str, int]]:
    """`entrypoints.extra-registrars` keyed by the registrar's last name part: -> (FQN, handler index)."""
    section = sections.get("entrypoints") if sections else None
    configured = section.get("extra-registrars") if isinstance(section, Mapping) else None
    if not configured:
        return {}
    return {fqn.rpartition(".")[2]: (fqn, int(position)) for fqn, position in dict(configured).items()}


def _record_extra_registrar(summary: "ModuleSummary", function: "FunctionSummary", resolver: "Resolver", node: cst.Call,
                            name: str, position: int) -> bool:
    handler = _handler_name(resolver, _argument(node, position, ""))
    if not handler:
        return False
    positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
    route = next((_string(arg.value) for i, arg in enumerate(positional) if i != position and _string(arg.value)), "")
    summary.registrations.append((f"custom:{name}", route, handler, function.qualname))
    return True


def object_key(resolver: "Resolver", expr: Optional[cst.BaseExpression]) -> str:
    """The object an expression names, the same in every module: `views.bp` where `views` is
    `svc.views` is `svc.views.bp`, `router` bound at the top of `shop.urls` is `shop.urls.router`."""
    parts: List[str] = []
    while isinstance(expr, cst.Attribute):
        parts.append(expr.attr.value)
        expr = expr.value
    if not isinstance(expr, cst.Name):
        return ""
    root = binding_key(resolver, expr)
    return ".".join([root, *reversed(parts)]) if root else ""


def route_owner(resolver: "Resolver", decorator: cst.Decorator) -> str:
    """The router of a route decorator (`bp` of `@bp.get("/x")`), as an object key, or ""."""
    target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
    if isinstance(target, cst.Attribute) and target.attr.value in fw.ROUTE_DECORATOR_SUFFIXES:
        return object_key(resolver, target.value)
    return ""


def record_call(summary: "ModuleSummary", function: "FunctionSummary", resolver: "Resolver", node: cst.Call, name: str,
                extra: Optional[Mapping[str, Tuple[str, int]]] = None) -> None:
    """Registrations, hand-offs and instrumentation made by one call (the callee already resolved)."""
    last = "." + name.rpartition(".")[2]
    if extra:
        configured = extra.get(last[1:])
        if configured is not None and _record_extra_registrar(summary, function, resolver, node, name, configured[1]):
            return
    registrar = fw.REGISTRARS.get(name)
    if registrar is None and last in _REGISTRAR_SUFFIXES and _owner_plausible(resolver, node, last):
        registrar = fw.REGISTRARS[last]
    if registrar is not None:
        framework, index, keyword, route_index = registrar
        argument = _argument(node, index, keyword)
        route = _string(_argument(node, route_index, "")) if route_index >= 0 else ""
        if framework == "django" and isinstance(argument, cst.Call) and resolver.qualified_name(argument.func) in fw.DJANGO_INCLUDES:
            target = _argument(argument, 0, "arg")
            included = _string(target) or (object_key(resolver, target.value) if isinstance(target, cst.Attribute) else "")
            if included:  # `include("shop.urls")`, `include(router.urls)`
                summary.prefixes.append(("include", summary.module, included, route))
            return
        handler = _handler_name(resolver, argument)
        if handler:
            summary.registrations.append((f"{framework}:{name}", route, handler, function.qualname))
            if isinstance(node.func, cst.Attribute):
                owner = object_key(resolver, node.func.value)
                if owner:
                    summary.prefixes.append(("route", owner, handler, ""))
        return
    mount = fw.ROUTER_MOUNTS.get(last)
    if mount is not None and isinstance(node.func, cst.Attribute):
        how, keyword = mount
        child = _argument(node, 0, "blueprint" if how == "replace" else "router")
        given = _argument(node, -1, keyword)
        owner, child_key = object_key(resolver, node.func.value), object_key(resolver, child)
        if child_key:
            # Flask without `url_prefix=` keeps the blueprint's own prefix: a join with nothing.
            summary.prefixes.append((how if given is not None else "join", owner, child_key, _string(given)))
        return
    if fw.GRPC_ADD_SERVICER.search(name):
        handler = _handler_name(resolver, _argument(node, 0, "servicer"))
        summary.registrations.append((f"grpc:{name}", "", handler, function.qualname))
        return
    if name in _TORNADO_APPS:
        _record_tornado(summary, function, resolver, _argument(node, 0 if name.endswith("Application") else 1, "handlers"))
    handoff = fw.HANDOFFS.get(name) or fw.HANDOFF_SUFFIXES.get(last)
    if handoff is not None:
        target = _argument(node, *handoff)
        if isinstance(target, cst.Call) and name == "asyncio.create_task":
            target = target.func
        target_name = resolver.qualified_name(target) if isinstance(target, (cst.Name, cst.Attribute)) else None
        if target_name is not None:
            function.handoffs.append(target_name)
    root = name.split(".", 1)[0]
    if root in _INSTRUMENTATION_ROOTS:
        family = fw.instrumentation_family(name)
        if family is not None:
            target = _argument(node, 0, "app")
            summary.instrumentation.append((name, family, binding_key(resolver, target)))
            return
    if last in (".add_middleware", ".add_interceptor", ".middleware", ".add_wsgi_middleware"):
        for arg in node.args:
            arg_name = resolver.qualified_name(arg.value) if isinstance(arg.value, (cst.Name, cst.Attribute)) else None
            family = fw.instrumentation_family(arg_name) if arg_name else None
            if family is not None and isinstance(node.func, cst.Attribute):
                summary.instrumentation.append((arg_name or "", family, binding_key(resolver, node.func.value)))


def _owner_plausible(resolver: "Resolver", node: cst.Call, suffix: str) -> bool:
    """A suffix registrar (`x.add_url_rule`) counts when x is typed from its framework, or untyped
    (an app imported from another module, checked again in the project phase)."""
    if not isinstance(node.func, cst.Attribute):
        return False
    owner_type = resolver.instance_type(node.func.value)
    prefixes = fw.REGISTRAR_OWNERS.get(suffix, ())
    if owner_type is None:
        # `.register` and `.add_route` are common names: untyped receivers only for the specific ones.
        return suffix not in (".register", ".add_route") or "router" in (resolver.qualified_name(node.func.value) or "").lower()
    return any(owner_type.startswith(prefix) for prefix in prefixes)


def _record_tornado(summary: "ModuleSummary", function: "FunctionSummary", resolver: "Resolver", handlers) -> None:
    if not isinstance(handlers, (cst.List, cst.Tuple)):
        return
    for element in handlers.elements:
        value = element.value
        if isinstance(value, cst.Call):
            callee = resolver.qualified_name(value.func)
            if callee not in _TORNADO_URL:
                continue
            route, handler = _argument(value, 0, "pattern"), _argument(value, 1, "handler")
        elif isinstance(value, cst.Tuple) and len(value.elements) >= 2:
            route, handler = value.elements[0].value, value.elements[1].value
        else:
            continue
        name = _handler_name(resolver, handler)
        if name:
            summary.registrations.append(("tornado:tornado.web.Application", _string(route), name, function.qualname))
