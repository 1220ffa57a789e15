"""Router tables: how routers get their route prefix and how they are mounted on apps and on each other.

Data only, read by the per-file marks (entry_marks.py, router_mounts.py) and by the project phase's
route prefixes (project/routes.py). Names are matched after the resolver has followed imports and
aliases, as in frameworks.py.
"""

from __future__ import annotations

from typing import Dict, Tuple

# Router constructors -> the keyword that sets their own route prefix.
ROUTER_PREFIX_KEYWORDS: Dict[str, str] = {
    "flask.Blueprint": "url_prefix", "flask.blueprints.Blueprint": "url_prefix", "quart.Blueprint": "url_prefix",
    "sanic.Blueprint": "url_prefix", "fastapi.APIRouter": "prefix", "fastapi.routing.APIRouter": "prefix",
    "flask_smorest.Blueprint": "url_prefix", "flask_restx.Api": "prefix", "flask_restful.Api": "prefix",
    "flask_restx.Namespace": "path", "litestar.Router": "path", "sanic.Blueprint.group": "url_prefix",
}
PREFIX_KEYWORDS = tuple(sorted(set(ROUTER_PREFIX_KEYWORDS.values())))
# Routers whose prefix defaults to "/" + their name (the first argument) when the keyword is absent.
ROUTER_NAMED_PREFIX = frozenset({"flask_restx.Namespace"})
# Routers whose prefix is their first positional argument when the keyword is absent.
ROUTER_POSITIONAL_PREFIX = frozenset({"litestar.Router"})
# Constructors that attach the new router to the app or blueprint given as the first argument
# (`Api(blueprint)`: the API's routes sit under the blueprint's prefix), and the methods that do the same later.
ROUTER_ATTACH = frozenset({"flask_restx.Api", "flask_restful.Api", "flask_smorest.Api"})
ROUTER_ATTACH_METHODS = frozenset({f"{owner}.init_app" for owner in ROUTER_ATTACH})
# Constructors whose handler list (keyword, or positional index) puts handlers and routers under them.
ROUTER_HANDLER_LISTS: Dict[str, Tuple[str, int]] = {
    "litestar.Router": ("route_handlers", 1), "litestar.Litestar": ("route_handlers", 0),
    "starlette.routing.Router": ("routes", 0), "starlette.routing.Mount": ("routes", 1),
    "sanic.Blueprint.group": ("", -2),
}
# Mounting a router on an app or router -> (how its own prefix combines, the keyword of the mount's prefix):
# Flask's `url_prefix=` replaces the blueprint's own, FastAPI's `prefix=` goes before the router's.
ROUTER_MOUNTS: Dict[str, Tuple[str, str]] = {".register_blueprint": ("replace", "url_prefix"),
                                             ".include_router": ("join", "prefix")}
# Mounts by full name -> (how the child's own prefix combines, child argument index, its keyword,
# prefix argument index (-1: keyword only), prefix keyword): `api.add_router("/items", router)`,
# `app.mount("/v1", subapp)`, `api.add_namespace(ns, path="/items")`, `app.blueprint(bp, url_prefix=...)`.
# "replace": a prefix given replaces the child's own; "join": it goes before it.
NAMED_MOUNTS: Dict[str, Tuple[str, int, str, int, str]] = {
    **{f"{owner}.add_router": ("join", 1, "router", 0, "prefix") for owner in ("ninja.NinjaAPI", "ninja.Router")},
    **{f"{owner}.mount": ("join", 1, "app", 0, "path") for owner in ("fastapi.FastAPI", "fastapi.APIRouter",
                                                                     "starlette.applications.Starlette",
                                                                     "starlette.routing.Router")},
    # Starlette's `app.host("api.example.com", sub)`: a mount by host name, no path prefix.
    **{f"{owner}.host": ("join", 1, "app", -1, "_no_prefix") for owner in ("fastapi.FastAPI", "starlette.applications.Starlette",
                                                                          "starlette.routing.Router")},
    "flask_restx.Api.add_namespace": ("replace", 0, "ns", -1, "path"),
    "sanic.Sanic.blueprint": ("replace", 0, "blueprint", -1, "url_prefix"),
    "flask_smorest.Api.register_blueprint": ("replace", 0, "blp", -1, "url_prefix"),
}
