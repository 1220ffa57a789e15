"""Whole routes: router and `include()` prefixes joined onto the routes the entry-point search found."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Dict, List, Mapping, Optional, Tuple

from prr_lint import frameworks as fw
from prr_lint import router_tables
from prr_lint.flow_marks import PARAM
from prr_lint.paths import is_test_path
from prr_lint.project.flows import Flows
from prr_lint.project.index import ProjectIndex
from prr_lint.model import MOUNT_KINDS
from prr_lint.project.model import EntryPoint
from prr_lint.project.names import class_ancestors, lineage, resolve_name

_PREFIXED_FRAMEWORKS = frozenset({"flask", "quart", "fastapi", "sanic", "django", "drf", "flask-restx", "flask-restful",
                                  "flask-smorest", "ninja", "litestar", "starlette", "blacksheep"})
_DJANGO = "django:"  # a router mounted by a Django urlconf module (`path("api/", api.urls)`)


def _object(index: ProjectIndex, name: str, depth: int = 0) -> str:
    """An object key with re-exports followed (`svc.api.bp` imported from `svc.api.views`)."""
    owner, _, attribute = name.rpartition(".")
    module = index.modules.get(owner)
    if module is not None and depth < 6:
        target = module.imports.get(attribute)
        if target and target != name:
            return _object(index, target, depth + 1)
    return name


def _router_class(index: ProjectIndex, name: str, keyword: str) -> bool:
    """`name` is a project subclass of a router class whose own prefix is given as `keyword`."""
    cls = resolve_name(index, name)
    return cls in index.classes and any(
        router_tables.ROUTER_PREFIX_KEYWORDS.get(fw.canonical(base)) == keyword for base in class_ancestors(index, cls))


def join(prefix: str, route: str, framework: str) -> str:
    if not prefix:
        return route
    if framework in ("django", "drf"):
        return prefix + (route[1:] if route.startswith("^") and prefix else route)
    if framework == "fastapi":
        return prefix.rstrip("/") + route if route.startswith("/") or not route else f"{prefix.rstrip('/')}/{route}"
    return "/".join((prefix.rstrip("/"), route.lstrip("/"))) if route else prefix


class RouteTree:
    """Routers, their own prefixes and where they are mounted, from every module's prefix marks. A mount is (kind,
    parent, prefix, `<module>:<position of its mark>`), the mark's place naming it to its `switched-mount:` tag."""

    def __init__(self, index: ProjectIndex) -> None:
        self.index = index
        self.own: Dict[str, str] = {}
        self.mounts: Dict[str, List[Tuple[str, str, str, str]]] = {}
        self.owners: Dict[str, str] = {}
        self.held: Dict[str, List[str]] = {}  # a handler -> every router its routes hang on (switched_handlers.py)
        self.includes: Dict[str, List[Tuple[str, str]]] = {}
        for module in index.modules.values():
            if is_test_path(module.path):
                continue  # a test's routers and urlconfs mount nothing the service serves
            for at, (kind, owner, child, prefix) in enumerate(getattr(module, "prefixes", ())):
                if kind == "router":
                    self.own[owner] = prefix
                elif kind.startswith("router?") and _router_class(index, child, kind[len("router?"):]):
                    self.own[owner] = prefix
                elif kind in MOUNT_KINDS:
                    self.mounts.setdefault(_object(index, child), []).append((kind, _object(index, owner), prefix, f"{module.module}:{at}"))
                elif kind == "route":
                    handler = resolve_name(index, child) if child not in index.functions else child
                    self.owners.setdefault(handler, _object(index, owner))
                    self.held.setdefault(handler, []).append(_object(index, owner))
                elif kind == "include":
                    self.includes.setdefault(_object(index, child), []).append((module.module, prefix))

        self._api_controllers()
        looped = [child for child in self.mounts if child.startswith(PARAM)]
        if looped:
            flows = Flows(index)
            for child in looped:
                for target in flows.objects(child):
                    self.mounts.setdefault(_object(index, target), []).extend(self.mounts[child])

    def _api_controllers(self) -> None:
        """BlackSheep controllers: one without a `route` of its own takes its nearest base's (a class attribute,
        inherited); an `APIController` with none serves under `/api/<class name, lower case>`. A route a method
        works out (`route()`, `version()` or `class_name()` overridden) is left unknown."""
        index, declared = self.index, dict(self.own)
        for cls in index.classes:
            ancestors = class_ancestors(index, cls)
            if cls in declared or not {fw.BLACKSHEEP_CONTROLLER, fw.BLACKSHEEP_API_CONTROLLER} & set(ancestors):
                continue
            bases = lineage(index, cls)
            if any(f"{base}.{method}" in index.functions for base in bases for method in ("route", "version", "class_name")):
                continue
            inherited = next((declared[base] for base in bases if base in declared), None)
            if inherited is not None:
                self.own[cls] = inherited
            elif fw.BLACKSHEEP_API_CONTROLLER in ancestors:
                self.own[cls] = "/api/" + cls.rpartition(".")[2].lower()

    def router(self, name: str) -> str:
        """A router's object key, re-exports followed, as `mounts`, `owners` and `held` name it."""
        return _object(self.index, name)

    def empty(self) -> bool:
        return not (self.own or self.mounts or self.includes)

    def router_prefix(self, router: str, depth: int = 0) -> str:
        """The whole prefix of a router: its own, under its mount's, under its parent's ..."""
        if router.startswith(_DJANGO):
            return self.include_prefix(router[len(_DJANGO):], depth + 1)
        router = _object(self.index, router)
        parents = sorted(self.mounts.get(router, ())) if depth < 8 else []
        if not parents:
            return self.own.get(router, "")
        kind, parent, prefix, _ = parents[0]
        base = join(self.router_prefix(parent, depth + 1), prefix, "fastapi")
        return base if kind == "replace" else join(base, self.own.get(router, ""), "fastapi")

    def include_prefix(self, target: str, depth: int = 0) -> str:
        """The route prefix under which Django `include()`s a urlconf module (or a router's urls)."""
        found_includes = sorted(self.includes.get(target, ())) if depth < 8 else []
        if not found_includes:
            owner = target.rpartition(".")[0]
            index = self.index
            return self.include_prefix(owner, depth + 1) if target not in index.modules and owner in index.modules else ""
        module, prefix = found_includes[0]
        return join(self.include_prefix(module, depth + 1), prefix, "django")


def route_tree(index: ProjectIndex) -> RouteTree:
    """The run's one RouteTree (entry points' prefixes, GraphQL endpoints, switched mounts)."""
    return index.derived("route-tree", lambda: RouteTree(index))


def prefix_routes(index: ProjectIndex, found: Dict[str, EntryPoint], registered_in: Mapping[str, str],
                  keys: Optional[Mapping[str, str]] = None) -> None:
    """Full routes: router prefixes (Flask `url_prefix`, FastAPI `prefix`, flask-restx namespaces and
    `Api(blueprint)`, Ninja `add_router`, Starlette `Mount`, Litestar routers and controllers, at
    construction and at mount time) and Django `include()` prefixes, joined onto each route.
    `keys` names, per entry point, the object whose prefix applies (a routed class)."""
    keys = keys or {}
    tree = route_tree(index)
    for qualname, entry in list(found.items()):
        if entry.framework not in _PREFIXED_FRAMEWORKS:
            continue
        key = keys.get(qualname, qualname)
        owner = tree.owners.get(key) or tree.owners.get(key.rpartition(".")[0], "")
        if entry.framework in ("django", "drf"):
            module = registered_in.get(key) or registered_in.get(key.rpartition(".")[0], "")
            if not (module or owner):
                continue  # a view found by its base class, routed nowhere that was seen
            prefix = tree.include_prefix(owner) if owner else tree.include_prefix(module)
            found[qualname] = replace(entry, route=_django_path(join(prefix, entry.route, entry.framework)))
            continue
        if tree.empty():
            continue
        if owner:
            prefix = tree.router_prefix(owner)
        else:  # a handler or controller listed in a router (Litestar `route_handlers`, a mounted app)
            node = next((k for k in (key, key.rpartition(".")[0]) if k in tree.mounts or k in tree.own), "")
            prefix = tree.router_prefix(node) if node else ""
        if prefix:
            found[qualname] = replace(entry, route=join(prefix, entry.route, entry.framework))


def _django_path(route: str) -> str:
    """A Django route as the request path reads (`/login/`; a regex route `^api/$` as `/api/$`)."""
    return "/" + route[1:] if route.startswith("^") else ("/" + route if not route.startswith("/") else route)


_WORDS = re.compile(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+")
# A view class named for a health check: a probe word, maybe after other words (`KubernetesHealthHandler`),
# followed only by words naming the kind of view (`HealthCheckView`, `PingResource`).
_PROBE_WORDS = frozenset({"health", "healthz", "healthcheck", "heartbeat", "liveness", "readiness", "ping"})
_VIEW_WORDS = frozenset({"check", "checks", "view", "handler", "resource", "endpoint", "api", "controller", "probe"})


def health_view(entry: EntryPoint) -> bool:
    """The entry point's view class is a health check by its name: `HealthHandler` (binderhub registers
    `(r"/health", self.health_handler_class)`, a configurable class the route search cannot follow),
    `HealthCheckView` served at `^status/?$`, a bare `StatusResource` (not `FileStatusResource`, a
    model's CRUD view)."""
    owner = entry.qualname.rsplit(".", 2)
    if len(owner) < 3 or not owner[1][:1].isupper():
        return False
    words = [word.lower() for word in _WORDS.findall(owner[1])]
    for position, word in enumerate(words):
        if word in _PROBE_WORDS or (word == "status" and position == 0):
            rest = words[position + 1:]
            return all(other in _VIEW_WORDS for other in rest) and (word != "status" or bool(rest))
    return False
