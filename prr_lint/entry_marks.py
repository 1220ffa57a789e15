"""Per-file entry-point marks, recorded by the summary collector during the one walk.

Plain facts about one module, resolved as far as one file allows: handler registrations
(`add_url_rule`, `path()`, `router.register` ...), router prefixes and mounts, hand-offs to threads
and executors, and calls that instrument an app. The project phase (project/entrypoints.py) reads
them from the summaries and decides what serves requests.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Set, Tuple

import libcst as cst

from prr_lint import flow_marks
from prr_lint import frameworks as fw
from prr_lint import router_tables, spawns, worker_waits
from prr_lint.django_views import decorated_view, unwrapped_view
from prr_lint.source_lines import LineFinder
from prr_lint.tree import call_argument, string_value

if TYPE_CHECKING:
    from prr_lint.model import FunctionSummary, ModuleSummary
    from prr_lint.resolve import Resolver

_INSTRUMENTATION_ROOTS = frozenset(
    key.split(".", 1)[0] for key in fw.INSTRUMENTATION
)
_REGISTRAR_SUFFIXES = frozenset(key for key in fw.REGISTRARS if key.startswith("."))
_TORNADO_APPS = frozenset({"tornado.web.Application", "tornado.web.Application.add_handlers"})
_TORNADO_URL = frozenset({"tornado.web.url", "tornado.web.URLSpec", "tornado.routing.URLSpec"})


def decorator_argument(decorator: cst.Decorator) -> str:
    """The first string argument of a decorator call (the route of `@app.get("/x")`), or ""."""
    call = decorator.decorator
    if not isinstance(call, cst.Call):
        return ""
    for arg in call.args:
        if arg.keyword is None and not arg.star:
            return string_value(arg.value)
        if arg.keyword is not None and arg.keyword.value in ("path", "rule", "url"):
            return string_value(arg.value)
    return ""


class MarkState:
    """What one module's marks share during the walk: keys of the objects that calls build (the
    module-level name they are bound to, or a made-up key for an unnamed `Mount(...)` in a list),
    and the registration lines."""

    def __init__(self, module: str, source: str = "") -> None:
        self.module = module
        self.keys: Dict[int, str] = {}
        self.lines = LineFinder(source)
        self.handled: Set[int] = set()  # calls already recorded as part of an enclosing one
        self.waited: Set[int] = set()  # calls whose result is waited on at once (`submit(f).result()`, a `with` item)
        # Django: the route prefix of a `path()` inside `include([...])` lists, by the call's id.
        self.django_prefixes: Dict[int, str] = {}
        self.loops = flow_marks.Loops()
        self._anonymous = 0

    def key_of(self, node: cst.CSTNode) -> str:
        key = self.keys.get(id(node))
        if key is None:
            self._anonymous += 1
            key = self.keys[id(node)] = f"{self.module}.<router {self._anonymous}>"
        return key


def _handler_name(resolver: "Resolver", expr: Optional[cst.BaseExpression]) -> str:
    """What a handler argument names: a function, a class (`V.as_view()`), or an instance's class."""
    if expr is None:
        return ""
    if isinstance(expr, cst.Call):
        expr = unwrapped_view(resolver, expr)
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
    handler = _handler_name(resolver, call_argument(node, position, ""))
    if not handler:
        return False
    positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
    route = next((string_value(arg.value) for i, arg in enumerate(positional) if i != position and string_value(arg.value)), "")
    summary.registrations.append((f"custom:{name}", route, handler, function.qualname, 0))
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


def _router_marks(summary: "ModuleSummary", resolver: "Resolver", node: cst.Call, name: str, state: MarkState) -> bool:
    """Router prefixes and mounts a call makes: a router's own prefix (`Blueprint(url_prefix=)`,
    `Namespace("items")`), an API attached to a blueprint (`Api(bp)`, `api.init_app(bp)`), named
    mounts (`api.add_namespace(ns, path=)`, `app.mount("/v1", sub)`, `api.add_router(...)`), and
    handler lists (`Mount("/users", routes=[...])`, Litestar `Router(path=, route_handlers=[...])`)."""
    key = state.keys.get(id(node), "")
    keyword = router_tables.ROUTER_PREFIX_KEYWORDS.get(name)
    if keyword is not None or name == "flask_restx.Api.namespace":
        own = call_argument(node, -1, keyword or "path")
        if own is None and (name in router_tables.ROUTER_NAMED_PREFIX or name == "flask_restx.Api.namespace"):
            label = string_value(call_argument(node, 0, "name"))
            own = cst.SimpleString(repr("/" + label)) if label else None
        if own is None and name in router_tables.ROUTER_POSITIONAL_PREFIX:
            own = call_argument(node, 0, "")
        if key and isinstance(own, (cst.SimpleString, cst.ConcatenatedString)) and string_value(own):
            summary.prefixes.append(("router", key, "", string_value(own)))
    elif key and name.rpartition(".")[2][:1].isupper() and not name.startswith(fw.FRAMEWORK_PACKAGES):
        # `Blueprint("b", __name__, url_prefix="/b")` of a project subclass (maybe re-exported): the
        # project phase checks that the class derives from a router that takes this keyword.
        for keyword in router_tables.PREFIX_KEYWORDS:
            own = string_value(call_argument(node, -1, keyword))
            if own:
                summary.prefixes.append((f"router?{keyword}", key, name, own))
    if name == "flask_restx.Api.namespace" and key and isinstance(node.func, cst.Attribute):
        summary.globals.setdefault(key.rpartition(".")[2], "flask_restx.Namespace")
        summary.prefixes.append(("join", object_key(resolver, node.func.value), key, ""))
        return True
    if name in router_tables.ROUTER_ATTACH or name in router_tables.ROUTER_ATTACH_METHODS:
        parent = call_argument(node, 0, "app")
        child = key if name in router_tables.ROUTER_ATTACH else (object_key(resolver, node.func.value) if isinstance(node.func, cst.Attribute) else "")
        parent_key = object_key(resolver, parent) if isinstance(parent, (cst.Name, cst.Attribute)) else ""
        if child and parent_key:
            summary.prefixes.append(("join", parent_key, child, ""))
        return name in router_tables.ROUTER_ATTACH_METHODS
    mount = router_tables.NAMED_MOUNTS.get(name)
    if mount is not None and isinstance(node.func, cst.Attribute):
        how, child_index, child_keyword, prefix_index, prefix_keyword = mount
        child = call_argument(node, child_index, child_keyword)
        given = call_argument(node, prefix_index, prefix_keyword)
        child_key = _child_key(resolver, state, child)
        owner = object_key(resolver, node.func.value)
        if child_key and owner:
            summary.prefixes.append((how if given is not None else "join", owner, child_key, string_value(given)))
        return True
    listed = router_tables.ROUTER_HANDLER_LISTS.get(name)
    if listed is not None:
        list_keyword, position = listed
        mount_key = state.key_of(node)
        if position == -2:  # every positional argument (`Blueprint.group(bp1, bp2, url_prefix=...)`)
            elements = [arg.value for arg in node.args if arg.keyword is None and not arg.star]
        else:
            listed_value = call_argument(node, position, list_keyword)
            elements = list(_elements(resolver, listed_value))
            if not elements and isinstance(listed_value, (cst.Name, cst.Attribute)):
                elements = [listed_value]  # a route list defined in another module: a router of its own
        if name == "starlette.routing.Mount":
            path = string_value(call_argument(node, 0, "path"))
            if path:
                summary.prefixes.append(("router", mount_key, "", path))
            app = call_argument(node, 2, "app")
            if app is not None:
                elements.append(app)
        for element in elements:
            if isinstance(element, cst.Call) and resolver.qualified_name(element.func) in _ROUTE_CALLS:
                handler = _handler_name(resolver, call_argument(element, 1, "endpoint"))
                if handler:
                    summary.prefixes.append(("route", mount_key, handler, ""))
                continue
            child_key = _child_key(resolver, state, element)
            if child_key:
                summary.prefixes.append(("join", mount_key, child_key, ""))
        return False
    return False


_ROUTE_CALLS = frozenset({"starlette.routing.Route", "starlette.routing.WebSocketRoute"})


def record_route_list(summary: "ModuleSummary", resolver: "Resolver", key: str, value: cst.BaseExpression) -> None:
    """`routes = [Route("/", users), ...]` at module level: the list is a router another module may
    `Mount` (or a Django url list another urlconf may `include`), so its handlers are owned by the
    list's name."""
    if not isinstance(value, (cst.List, cst.Tuple)):
        return
    for element in value.elements:
        item = element.value if isinstance(element, cst.Element) else None
        if not isinstance(item, cst.Call):
            continue
        callee = resolver.qualified_name(item.func)
        handler = ""
        if callee in _ROUTE_CALLS:
            handler = _handler_name(resolver, call_argument(item, 1, "endpoint"))
        elif fw.REGISTRARS.get(fw.canonical(callee or ""), ("",))[0] == "django":
            handler = _handler_name(resolver, call_argument(item, 1, "view"))
        if handler:
            summary.prefixes.append(("route", key, handler, ""))


def _child_key(resolver: "Resolver", state: MarkState, child: Optional[cst.BaseExpression]) -> str:
    """The key of a mounted router: a named object, a call building one in place, or a dotted
    string (`api.add_router("/events", "events.api.router")`)."""
    if isinstance(child, (cst.Name, cst.Attribute)):
        return object_key(resolver, child)
    if isinstance(child, cst.Call):
        return state.key_of(child)
    return string_value(child)


def _elements(resolver: "Resolver", expr: Optional[cst.BaseExpression]):
    """The items of a list or tuple literal, also through a name bound to one in the module."""
    if isinstance(expr, cst.Name):
        bindings = resolver.lookup(expr.value)
        expr = bindings[-1].value if bindings and bindings[-1].kind == "value" else None
    if isinstance(expr, (cst.List, cst.Tuple)):
        for element in expr.elements:
            if isinstance(element, cst.Element):
                yield element.value


def record_call(summary: "ModuleSummary", function: "FunctionSummary", resolver: "Resolver", node: cst.Call, name: str,
                extra: Optional[Mapping[str, Tuple[str, int]]] = None, state: Optional[MarkState] = None) -> None:
    """Registrations, hand-offs and instrumentation made by one call (the callee already resolved)."""
    name = fw.canonical(name)
    state = state or MarkState(summary.module)
    last = "." + name.rpartition(".")[2]
    if _router_marks(summary, resolver, node, name, state):
        return
    if extra:
        configured = extra.get(last[1:])
        if configured is not None and _record_extra_registrar(summary, function, resolver, node, name, configured[1]):
            return
    registrar = fw.REGISTRARS.get(name)
    if registrar is None and last in _REGISTRAR_SUFFIXES and _owner_plausible(resolver, node, last):
        registrar = fw.REGISTRARS[last]
    if registrar is not None:
        framework, index, keyword, route_index = registrar
        argument = call_argument(node, index, keyword)
        route = string_value(call_argument(node, route_index, "")) if route_index >= 0 else ""
        if framework == "django":
            route = _django_join(state.django_prefixes.get(id(node), ""), route)
        if framework == "django" and isinstance(argument, cst.Attribute) and argument.attr.value == "urls":
            # `path("api/", api.urls)`: a Django Ninja API (or any URL-providing object) mounted here.
            summary.prefixes.append(("join", f"django:{summary.module}", object_key(resolver, argument.value), route))
            return
        if framework == "django" and isinstance(argument, cst.Call) and resolver.qualified_name(argument.func) in fw.DJANGO_INCLUDES:
            target = call_argument(argument, 0, "arg")
            if isinstance(target, cst.Tuple) and target.elements and isinstance(
                    target.elements[0].value, (cst.List, cst.Tuple, cst.Name, cst.Attribute)):
                target = target.elements[0].value  # `include(([...], "app_name"))`, `include((api_patterns, "api"))`
            if isinstance(target, (cst.List, cst.Tuple)):
                _nested_urls(summary, resolver, state, target, route)
                return
            included = string_value(target) or (object_key(resolver, target.value) if isinstance(target, cst.Attribute) else "")
            if not included and isinstance(target, cst.Name):  # `include(api_patterns)`, `include(shop_urls)`
                included = object_key(resolver, target)
            if included:  # `include("shop.urls")`, `include(router.urls)`
                summary.prefixes.append(("include", summary.module, included, route))
            return
        wrapped = decorated_view(resolver, argument) if framework == "django" else None
        for handler in dict.fromkeys(name for name in (_handler_name(resolver, argument), _handler_name(resolver, wrapped)) if name):
            line = state.lines.line_of(last[1:], handler.rpartition(".")[2])
            keyword, default = fw.METHOD_KEYWORDS.get(framework, ("", ""))
            suffix = (string_value(call_argument(node, -1, keyword)) or default) if keyword else ""
            registrar = f"{framework}/{suffix}:{name}" if suffix else f"{framework}:{name}"
            summary.registrations.append((registrar, route, handler, function.qualname, line))
            if name in fw.HOOK_REGISTRARS and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Attribute):
                _record_hook(summary, resolver, node.func.value, handler)  # `app.middlewares.append(metrics)`: of `app`
            if isinstance(node.func, cst.Attribute):
                owner = object_key(resolver, node.func.value)
                if owner:
                    summary.prefixes.append(("route", owner, handler, ""))
        return
    mount = router_tables.ROUTER_MOUNTS.get(last)
    if mount is not None and isinstance(node.func, cst.Attribute):
        how, keyword = mount
        child = call_argument(node, 0, "blueprint" if how == "replace" else "router")
        given = call_argument(node, -1, keyword)
        owner = object_key(resolver, node.func.value)
        child_key = flow_marks.looped_parameter(summary, resolver, state.loops, child) or _child_key(resolver, state, child)
        if child_key:
            # Flask without `url_prefix=` keeps the blueprint's own prefix: a join with nothing.
            prefix = flow_marks.constant_string(resolver, given)
            summary.prefixes.append((how if given is not None else "join", owner, child_key, prefix))
        return
    if fw.GRPC_ADD_SERVICER.search(name):
        handler = _handler_name(resolver, call_argument(node, 0, "servicer"))
        summary.registrations.append((f"grpc:{name}", "", handler, function.qualname, 0))
        return
    if name in _TORNADO_APPS:
        _record_tornado(summary, function, resolver, call_argument(node, 0 if name.endswith("Application") else 1, "handlers"))
    spawn, waited = spawns.spec_of(summary, name), id(node) in state.waited
    handoff = fw.HANDOFFS.get(name) or (None if spawn else fw.HANDOFF_SUFFIXES.get(last))
    if spawn is not None and not (waited and handoff):
        spawns.record(function, resolver, call_argument(node, *spawn), waited)
    worker_waits.record_call(function, resolver, node, name, waited)  # a script's fanned-out work (worker_waits.py)
    if handoff is not None:
        target = call_argument(node, *handoff)
        if isinstance(target, cst.Call) and name == "asyncio.create_task":
            target = target.func
        target_name = resolver.qualified_name(target) if isinstance(target, (cst.Name, cst.Attribute)) else None
        if target_name is not None:
            function.handoffs.append(target_name)
            if name not in fw.HANDOFFS and not waited:
                function.handoff_calls.append((name, handoff[0], target_name))
    root = name.split(".", 1)[0]
    if name == "sentry_sdk.init" and _sentry_traces(node):
        # a transaction per request, with status and duration, for the web frameworks Sentry's
        # integrations hook by default (gRPC servers only with an explicit `GRPCIntegration()`)
        grpc = "GRPCIntegration" in cst.Module([]).code_for_node(node)
        families = {family for family in fw.APP_CONSTRUCTORS.values() if family != "grpc" or grpc} | {"django"}
        summary.instrumentation.extend((name, family, "") for family in sorted(families))
        return
    if root in _INSTRUMENTATION_ROOTS:
        family = fw.instrumentation_family(name)
        if family is not None:
            target = call_argument(node, 0, "app")
            summary.instrumentation.append((name, family, binding_key(resolver, target)))
            return
    if last in _HOOKS and isinstance(node.func, cst.Attribute):
        for arg in node.args:
            arg_name = resolver.qualified_name(arg.value) if isinstance(arg.value, (cst.Name, cst.Attribute)) else None
            if arg_name:
                _record_hook(summary, resolver, node.func, arg_name)
    elif last == ".init_app" and isinstance(node.func, cst.Attribute) and call_argument(node, 0, "app") is not None:
        # `metrics.init_app(app)` on an object another module builds (`gds_metrics = DMGDSMetrics()`):
        # the project phase resolves the object and looks the method up in the instrumentation table
        summary.instrumentation.append((name, "?", binding_key(resolver, call_argument(node, 0, "app"))))


# Registrations of a function an app runs around every request, as a call (`app.add_middleware(M)`,
# `app.before_request(f)`) or as a decorator (`@app.middleware("http")`, `@app.after_request`): Flask/Quart
# request hooks wrap every request as a middleware does.
_HOOKS = frozenset({".add_middleware", ".add_interceptor", ".middleware", ".add_wsgi_middleware", ".before_request",
                    ".after_request"})


def _record_hook(summary: "ModuleSummary", resolver: "Resolver", registrar: cst.Attribute, hook: str) -> None:
    """A library's instrumentation middleware counts for its framework; one of the project's own ("?")
    when the project phase finds it records a metric or a span. On an app handed in (`def init_app(self,
    app)` of an extension) it is for any app."""
    owner = "" if is_parameter(resolver, registrar.value) else binding_key(resolver, registrar.value)
    summary.instrumentation.append((hook, fw.instrumentation_family(hook) or "?", owner))


def record_decorated_hooks(summary: "ModuleSummary", resolver: "Resolver", node: cst.FunctionDef, qualname: str) -> None:
    """`@app.middleware("http")`, `@app.before_request` on `qualname`: the same registration as
    `app.middleware("http")(f)`, judged the same way."""
    for decorator in node.decorators:
        target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
        if isinstance(target, cst.Attribute) and "." + target.attr.value in _HOOKS:
            _record_hook(summary, resolver, target, qualname)


def _sentry_traces(node: cst.Call) -> bool:
    """`sentry_sdk.init(traces_sample_rate=...)` (or `traces_sampler=`, `enable_tracing=True`) not set to
    0/None/False: Sentry's framework integrations trace every request. Without it Sentry reports errors only."""
    for arg in node.args:
        if arg.keyword is not None and arg.keyword.value in ("traces_sample_rate", "traces_sampler", "enable_tracing"):
            value = arg.value
            off = (isinstance(value, cst.Name) and value.value in ("None", "False")) or (
                isinstance(value, (cst.Integer, cst.Float)) and float(value.value) == 0)
            if not off:
                return True
    return False


def is_parameter(resolver: "Resolver", expr: cst.BaseExpression) -> bool:
    """`expr` is a parameter of the enclosing function (the app an extension's `init_app` is handed)."""
    bindings = resolver.lookup(expr.value) if isinstance(expr, cst.Name) else None
    return bool(bindings) and bindings[-1].kind == "param"


def _owner_plausible(resolver: "Resolver", node: cst.Call, suffix: str) -> bool:
    """A suffix registrar (`x.add_url_rule`) counts when x is typed from its framework, or untyped
    or typed as a class of no framework (an app imported from another module, an instance of a
    project subclass of the framework's router, maybe in another top-level package: the project
    phase checks that the method resolves to the framework's)."""
    if not isinstance(node.func, cst.Attribute):
        return False
    owner_type = resolver.instance_type(node.func.value)
    prefixes = fw.REGISTRAR_OWNERS.get(suffix, ())
    if owner_type is None:
        # `.register` and `.add_route` are common names: untyped receivers only for the specific ones.
        receiver = resolver.qualified_name(node.func.value) or object_key(resolver, node.func.value)
        return suffix not in (".register", ".add_route") or "router" in receiver.lower()
    return _project_class(resolver, owner_type) or any(owner_type.startswith(prefix) for prefix in prefixes) or not owner_type.startswith(fw.FRAMEWORK_PACKAGES)


def _django_join(prefix: str, route: str) -> str:
    return prefix + (route[1:] if route.startswith("^") and prefix else route)


def _nested_urls(summary: "ModuleSummary", resolver: "Resolver", state: MarkState, patterns: cst.BaseExpression,
                 prefix: str) -> None:
    """`include([path(...), *router.urls])` under `prefix`: the routes in the list (visited after this
    call) get the prefix, and a router's urls spread into it are included under it."""
    for element in getattr(patterns, "elements", ()):
        value = element.value
        if isinstance(element, cst.StarredElement) and isinstance(value, cst.Attribute) and value.attr.value == "urls":
            included = object_key(resolver, value.value)
            if included:
                summary.prefixes.append(("include", summary.module, included, prefix))
        elif isinstance(value, cst.Call):
            state.django_prefixes[id(value)] = prefix


def _project_class(resolver: "Resolver", type_name: str) -> bool:
    """`type_name` is a class of this module or of one under the same top-level package."""
    top = resolver.module_name.partition(".")[0]
    return bool(top) and type_name.partition(".")[0] == top


def _record_tornado(summary: "ModuleSummary", function: "FunctionSummary", resolver: "Resolver", handlers) -> None:
    if not isinstance(handlers, (cst.List, cst.Tuple)):
        return
    for element in handlers.elements:
        value = element.value
        if isinstance(value, cst.Call):
            callee = resolver.qualified_name(value.func)
            if callee not in _TORNADO_URL:
                continue
            route, handler = call_argument(value, 0, "pattern"), call_argument(value, 1, "handler")
        elif isinstance(value, cst.Tuple) and len(value.elements) >= 2:
            route, handler = value.elements[0].value, value.elements[1].value
        else:
            continue
        name = _handler_name(resolver, handler)
        if name:
            summary.registrations.append(("tornado:tornado.web.Application", string_value(route), name, function.qualname, 0))
