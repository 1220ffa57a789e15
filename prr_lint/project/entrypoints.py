"""Serving entry points: what handles requests, found from module summaries (rule catalogue §2.2).

Two halves. The per-file half (`record_call`, `decorator_argument`, `definition_lines`) runs inside
the summary collector during the one walk and records plain facts: handler registrations, hand-offs
and instrumentation calls. The project half (`find_entry_points`) reads only summaries: it resolves
decorators and receivers across modules, follows the class hierarchy, and returns every entry point
with its framework, route and location, plus the batch contexts (Celery tasks, CLI commands ...)
that are not serving code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Dict, Iterable, Iterator, List, Mapping, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.project import frameworks as fw

if TYPE_CHECKING:
    from prr_lint.model import FunctionSummary, ModuleSummary
    from prr_lint.project.index import ProjectIndex
    from prr_lint.resolve import Resolver

_INSTRUMENTATION_ROOTS = frozenset(
    key.split(".", 1)[0] for key in fw.INSTRUMENTATION
)
_REGISTRAR_SUFFIXES = frozenset(key for key in fw.REGISTRARS if key.startswith("."))
_TORNADO_APPS = frozenset({"tornado.web.Application", "tornado.web.Application.add_handlers"})
_TORNADO_URL = frozenset({"tornado.web.url", "tornado.web.URLSpec", "tornado.routing.URLSpec"})

# ----- per-file half -------------------------------------------------------------------------------------


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


_DEF = re.compile(r"^[ \t]*(?:async[ \t]+)?def[ \t]+(\w+)", re.MULTILINE)
# Triple-quoted strings, roughly (a `#` comment holding quotes can fool it: then names mismatch
# and the line is left unknown rather than wrong, as the alignment below checks names).
_TRIPLE_QUOTED = re.compile(r"(\"\"\"|\'\'\')(?:\\.|(?!\1).)*?\1", re.DOTALL)


def definition_lines(source: str, names: Sequence[str]) -> List[Tuple[int, int]]:
    """(line, column) of each `def`, given the function names in source order as the walker met them.

    A regex scan, aligned by name: a `def` line inside a string is skipped because its name does not
    match the next expected one. (0, 0) where no line matches (a `def` split over lines).
    """
    found: List[Tuple[int, int]] = []
    matches = list(_DEF.finditer(source))
    if ('"""' in source or "'''" in source) and matches:
        # Leave out `def` lines inside triple-quoted strings (docstrings with code examples).
        spans = [m.span() for m in _TRIPLE_QUOTED.finditer(source)]
        if spans:
            import bisect

            starts = [start for start, _ in spans]
            kept = []
            for match in matches:
                at = bisect.bisect_right(starts, match.start()) - 1
                if at < 0 or match.start() >= spans[at][1]:
                    kept.append(match)
            matches = kept
    position = 0
    newlines: List[int] = [m.start() for m in re.finditer("\n", source)] if matches else []
    for name in names:
        index = position
        while index < len(matches) and matches[index].group(1) != name:
            index += 1
        if index == len(matches):
            found.append((0, 0))
            continue
        match = matches[index]
        position = index + 1
        start = match.start(1) - len(match.group(0)) + len(match.group(0).lstrip(" \t"))
        line = _bisect(newlines, match.start()) + 1
        line_start = newlines[line - 2] + 1 if line >= 2 else 0
        found.append((line, start - line_start + 1))
    return found


def _bisect(offsets: List[int], value: int) -> int:
    import bisect

    return bisect.bisect_left(offsets, value)


# ----- project half ----------------------------------------------------------------------------------------


@dataclass(frozen=True, order=True)
class EntryPoint:
    """A function or method that a framework calls to serve a request."""

    path: str
    line: int
    qualname: str
    framework: str
    route: str = ""
    how: str = ""  # decorator, registration, base class ...


@dataclass
class Options:
    """`[tool.prr-lint.entrypoints]` knobs, with defaults."""

    extra_decorators: Tuple[str, ...] = ()
    extra_base_classes: Tuple[str, ...] = ()
    extra_registrars: Mapping[str, int] = None  # type: ignore[assignment]
    lambda_handlers: Tuple[str, ...] = ()
    batch_contexts: Tuple[str, ...] = ()

    @classmethod
    def from_section(cls, section: Optional[Mapping[str, object]]) -> "Options":
        section = section or {}
        return cls(
            tuple(section.get("extra-decorators", ()) or ()),
            tuple(section.get("extra-base-classes", ()) or ()),
            dict(section.get("extra-registrars", {}) or {}),
            tuple(section.get("lambda-handlers", ()) or ()),
            tuple(section.get("batch-contexts", ()) or ()),
        )


@dataclass
class ServingModel:
    entry_points: List[EntryPoint]
    # Every function that frameworks call while serving (entry points and view-class hooks).
    seeds: Set[str]
    # Functions and classes that are batch or CLI code.
    batch: Set[str]


def _module_of(index: "ProjectIndex", qualname: str) -> Optional["ModuleSummary"]:
    name = qualname
    while name:
        if name in index.modules:
            return index.modules[name]
        name = name.rpartition(".")[0]
    return None


def resolve_name(index: "ProjectIndex", name: str, _depth: int = 0) -> str:
    """A name with any project-level prefix replaced by what it refers to.

    `svc.app.app.route`, where `svc.app` binds `app = Flask(...)`, becomes `flask.Flask.route`;
    `svc.api.views.ReportView` becomes the class it re-exports. External names come back unchanged.
    """
    canonical = index.canonical(name)
    if canonical is not None:
        return canonical
    if _depth > 6:
        return name
    owner, _, attribute = name.rpartition(".")
    if not owner:
        return name
    module = index.modules.get(owner)
    if module is not None:
        if attribute in module.globals:
            return module.globals[attribute]
        target = module.imports.get(attribute)
        if target is not None and target != name:
            return resolve_name(index, target, _depth + 1)
        return name
    resolved_owner = resolve_name(index, owner, _depth + 1)
    if resolved_owner != owner:
        return resolve_name(index, f"{resolved_owner}.{attribute}", _depth + 1)
    return name


def class_ancestors(index: "ProjectIndex", class_name: str) -> List[str]:
    """Every base of a project class, transitively; external bases by their resolved names."""
    seen: List[str] = []
    stack = [class_name]
    visited: Set[str] = set()
    while stack:
        current = stack.pop()
        if current in visited:
            continue
        visited.add(current)
        for base in index.classes.get(current, ()):
            resolved = resolve_name(index, base)
            if resolved not in seen:
                seen.append(resolved)
            if resolved in index.classes:
                stack.append(resolved)
    return seen


def _methods(index: "ProjectIndex", class_name: str) -> Iterator[str]:
    """The methods defined in a class body (a class -> methods table, built once per index)."""
    table = getattr(index, "_methods_by_class", None)
    if table is None:
        table = {}
        for name in index.functions:
            owner = name.rpartition(".")[0]
            if owner in index.classes:
                table.setdefault(owner, []).append(name)
        index._methods_by_class = table  # type: ignore[attr-defined]
    return iter(table.get(class_name, ()))


def _short(name: str) -> str:
    return name.rpartition(".")[2]


def find_entry_points(index: "ProjectIndex", options: Optional[Options] = None) -> ServingModel:
    options = options or Options()
    extra_decorators = set(options.extra_decorators)
    batch_decorators = fw.BATCH_DECORATORS | set(options.batch_contexts)
    batch_bases = (*fw.BATCH_BASES, *options.batch_contexts)
    found: Dict[str, EntryPoint] = {}
    seeds: Set[str] = set()
    batch: Set[str] = set()

    def add(qualname: str, framework: str, route: str, how: str) -> None:
        seeds.add(qualname)
        if qualname in found:
            existing = found[qualname]
            if route and not existing.route:
                found[qualname] = EntryPoint(existing.path, existing.line, qualname, existing.framework, route, existing.how)
            return
        module = _module_of(index, qualname)
        function = index.functions.get(qualname)
        found[qualname] = EntryPoint(module.path if module else "", function.line if function else 0, qualname, framework, route, how)

    # Decorated functions.
    for qualname, function in index.functions.items():
        for position, decorator in enumerate(function.decorators):
            resolved = resolve_name(index, decorator) if decorator not in fw.ENTRY_DECORATORS else decorator
            if resolved in batch_decorators or decorator in batch_decorators or _cli_group_command(index, resolved):
                batch.add(qualname)
                break
            framework = fw.ENTRY_DECORATORS.get(resolved) or ("custom" if resolved in extra_decorators or decorator in extra_decorators else None)
            if framework is not None and _short(resolved) in fw.HOOK_NAMES:
                seeds.add(qualname)
                continue
            if framework is not None:
                route = function.decorator_args[position] if position < len(function.decorator_args) else ""
                if _short(resolved) not in fw.ROUTE_DECORATOR_SUFFIXES and framework != "drf":
                    route = ""
                add(qualname, framework, route, f"@{_short(resolved)}")
                break

    # Classes: views, servicers, handlers by base class; batch commands and tasks.
    for class_name in index.classes:
        ancestors = class_ancestors(index, class_name)
        if any(base in batch_bases for base in ancestors):
            batch.add(class_name)
            batch.update(_methods(index, class_name))
            continue
        view = None
        for base in ancestors:
            view = fw.match_prefixed(base, fw.VIEW_BASES)
            if view is None and base in options.extra_base_classes:
                view = ("custom", ())
            if view is None and fw.GRPC_SERVICER_BASE.search(base):
                view = ("grpc", ())
            if view is not None:
                break
        if view is None:
            continue
        framework, verbs = view
        service = ""
        if framework == "grpc":
            base_name = next((b for b in ancestors if fw.GRPC_SERVICER_BASE.search(b)), "")
            service = base_name.rpartition(".")[2][: -len("Servicer")]
        for method in sorted(_methods(index, class_name)):
            name = _short(method)
            if name.startswith("_"):
                continue
            function = index.functions[method]
            is_action = any(resolve_name(index, d) in fw.ACTION_DECORATORS for d in function.decorators)
            if not verbs or name in verbs or is_action:
                how = "servicer" if framework == "grpc" else ("@action" if is_action else "view method")
                add(method, framework, f"{service}/{name}" if service else "", how)
            else:
                seeds.add(method)  # a hook the framework calls while serving (get_queryset ...)

    # Registrations: add_url_rule, path(), Route(), router.register, add_get, add_XServicer_to_server ...
    extra_registrars = {resolve_name(index, fqn) for fqn in (options.extra_registrars or {})}
    registered_in: Dict[str, str] = {}  # handler -> the module that registered it (Django include prefixes)
    for module in index.modules.values():
        for registrar, route, handler, _where in module.registrations:
            framework, _, call = registrar.partition(":")
            if framework == "custom":
                if call not in extra_registrars and resolve_name(index, call) not in extra_registrars:
                    continue
            elif framework == "grpc" or not _registered_on_framework(index, call):
                continue
            target = resolve_name(index, handler)
            registered_in.setdefault(target, module.module)
            if target in index.functions:
                add(target, framework, route, "registered")
            elif target in index.classes and framework == "custom":
                for method in sorted(_methods(index, target)):
                    if not _short(method).startswith("_"):
                        add(method, framework, route, "registered")
            elif target in index.classes:
                for method in sorted(_methods(index, target)):
                    if method in found:
                        if route and not found[method].route:
                            existing = found[method]
                            found[method] = EntryPoint(existing.path, existing.line, method, existing.framework, route, existing.how)
    for handler in options.lambda_handlers:
        target = resolve_name(index, handler)
        if target in index.functions:
            add(target, "lambda", "", "lambda-handlers")
    for qualname in list(found):
        if qualname in batch:
            del found[qualname]
            seeds.discard(qualname)
    _prefix_routes(index, found, registered_in)
    return ServingModel(sorted(found.values()), seeds, batch)


_PREFIXED_FRAMEWORKS = frozenset({"flask", "quart", "fastapi", "sanic", "django", "drf"})


def _object(index: "ProjectIndex", name: str, depth: int = 0) -> str:
    """An object key with re-exports followed (`svc.api.bp` imported from `svc.api.views`)."""
    owner, _, attribute = name.rpartition(".")
    module = index.modules.get(owner)
    if module is not None and depth < 6:
        target = module.imports.get(attribute)
        if target and target != name:
            return _object(index, target, depth + 1)
    return name


def _join(prefix: str, route: str, framework: str) -> str:
    if not prefix:
        return route
    if framework in ("django", "drf"):
        return prefix + (route[1:] if route.startswith("^") and prefix else route)
    if framework == "fastapi":
        return prefix.rstrip("/") + route if route.startswith("/") or not route else f"{prefix.rstrip('/')}/{route}"
    return "/".join((prefix.rstrip("/"), route.lstrip("/"))) if route else prefix


def _prefix_routes(index: "ProjectIndex", found: Dict[str, EntryPoint], registered_in: Mapping[str, str]) -> None:
    """Full routes: router prefixes (Flask `url_prefix`, FastAPI `prefix`, at construction and at
    `register_blueprint`/`include_router`) and Django `include()` prefixes, joined onto each route."""
    own: Dict[str, str] = {}
    mounts: Dict[str, List[Tuple[str, str, str]]] = {}
    owners: Dict[str, str] = {}
    includes: Dict[str, List[Tuple[str, str]]] = {}
    for module in index.modules.values():
        for kind, owner, child, prefix in getattr(module, "prefixes", ()):
            if kind == "router":
                own[owner] = prefix
            elif kind in ("replace", "join"):
                mounts.setdefault(_object(index, child), []).append((kind, _object(index, owner), prefix))
            elif kind == "route":
                owners.setdefault(resolve_name(index, child) if child not in index.functions else child, _object(index, owner))
            elif kind == "include":
                includes.setdefault(_object(index, child), []).append((module.module, prefix))
    if not (own or mounts or includes):
        return

    def router_prefix(router: str, depth: int = 0) -> str:
        parents = sorted(mounts.get(router, ())) if depth < 8 else []
        if not parents:
            return own.get(router, "")
        kind, parent, prefix = parents[0]
        base = _join(router_prefix(parent, depth + 1), prefix, "fastapi")
        return base if kind == "replace" else _join(base, own.get(router, ""), "fastapi")

    def include_prefix(target: str, depth: int = 0) -> str:
        found_includes = sorted(includes.get(target, ())) if depth < 8 else []
        if not found_includes:
            owner = target.rpartition(".")[0]
            return include_prefix(owner, depth + 1) if target not in index.modules and owner in index.modules else ""
        module, prefix = found_includes[0]
        return _join(include_prefix(module, depth + 1), prefix, "django")

    for qualname, entry in list(found.items()):
        if entry.framework not in _PREFIXED_FRAMEWORKS:
            continue
        owner = owners.get(qualname) or owners.get(qualname.rpartition(".")[0], "")
        if entry.framework in ("django", "drf"):
            module = registered_in.get(qualname) or registered_in.get(qualname.rpartition(".")[0], "")
            prefix = include_prefix(owner) if owner else include_prefix(module)
        else:
            prefix = router_prefix(owner) if owner else ""
        if prefix:
            found[qualname] = EntryPoint(entry.path, entry.line, qualname, entry.framework,
                                         _join(prefix, entry.route, entry.framework), entry.how)


_FRAMEWORK_PREFIXES = ("flask.", "quart.", "fastapi.", "starlette.", "aiohttp.", "django.", "rest_framework.",
                       "tornado.", "falcon.")


def _registered_on_framework(index: "ProjectIndex", call: str) -> bool:
    """A registrar recorded on an untyped receiver (an app imported from another module) counts
    once the project index types that receiver as a framework object."""
    if call.startswith(_FRAMEWORK_PREFIXES):
        return True
    owner = call.rpartition(".")[0]
    return bool(owner) and resolve_name(index, owner).startswith(_FRAMEWORK_PREFIXES)


def _cli_group_command(index: "ProjectIndex", decorator: str) -> bool:
    """`@cli.command()` where `cli` is a click group defined in the project."""
    owner, _, attribute = decorator.rpartition(".")
    if attribute not in ("command", "group"):
        return False
    group = index.functions.get(owner)
    return group is not None and any(
        resolve_name(index, d) in fw.BATCH_DECORATORS for d in group.decorators
    )


def entry_point_rows(entry_points: Iterable[EntryPoint]) -> List[Dict[str, object]]:
    return [
        {"framework": e.framework, "route": e.route, "function": e.qualname, "path": e.path, "line": e.line, "how": e.how}
        for e in entry_points
    ]


def collect(paths: Sequence[str], settings, registry, cwd, workers: int = 1):
    """Per-file phase over PATHS (summaries only matter here), then the serving model.

    Returns (ServingAnalysis, number of files). Runs the rules `check` would run plus PRR301, whose
    lack of text triggers makes every service module produce a summary; the cache is shared with
    `check` when PRR301 is enabled there too.
    """
    from prr_lint.discovery import discover
    from prr_lint.engine import Plan, ResultCache, run_files
    from prr_lint.project.callgraph import ServingAnalysis
    from prr_lint.project.index import ProjectIndex
    from prr_lint.runner import CACHE_DIRECTORY, _read_job, enabled_rules

    enabled = tuple(dict.fromkeys((*enabled_rules(settings, registry), "PRR301")))
    plan = Plan(settings, enabled)
    discovery = discover(paths, settings, cwd=cwd)
    jobs = [job for job, _ in (_read_job(path, settings.root) for path in discovery.files) if job is not None]
    results = run_files(jobs, plan, workers, ResultCache(str(settings.root / CACHE_DIRECTORY)))
    index = ProjectIndex(result.summary for result in results if result.summary is not None)
    return ServingAnalysis(index, settings), len(jobs)


def render_listing(analysis, files: int, output_format: str) -> str:
    """`prr-lint entrypoints` output: a table, or JSON (`{"entry_points": [...], "summary": {...}}`)."""
    import json
    from collections import Counter

    entries = analysis.model.entry_points
    counts = Counter(entry.framework for entry in entries)
    summary = {"files": files, "entry_points": len(entries), "by_framework": dict(sorted(counts.items())),
               "batch_contexts": len(analysis.model.batch)}
    if output_format == "json":
        return json.dumps({"entry_points": entry_point_rows(entries), "summary": summary}, indent=2) + "\n"
    rows = [("FRAMEWORK", "ROUTE", "HANDLER", "LOCATION")]
    for entry in entries:
        module = analysis.module_of(entry.qualname)
        short = entry.qualname[len(module.module) + 1:] if module is not None else entry.qualname
        rows.append((entry.framework, entry.route or "-", short, f"{entry.path}:{entry.line}" if entry.line else entry.path))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [f"{r[0]:<{widths[0]}}  {r[1]:<{widths[1]}}  {r[2]:<{widths[2]}}  {r[3]}".rstrip() for r in rows]
    by = ", ".join(f"{name} {count}" for name, count in sorted(counts.items())) or "none"
    lines.append("")
    lines.append(f"{len(entries)} entry points in {files} files ({by}); {len(analysis.model.batch)} batch or CLI functions and classes are not serving code.")
    return "\n".join(lines) + "\n"
