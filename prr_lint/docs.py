"""The rule reference (docs/rules.md), built from the rules themselves so it cannot drift.

`prr-lint rules --format markdown` prints it; a test checks the committed file matches. Each
rule's heading is its bare code, so that links to a published copy (`docs-url`, see doc_links)
land on it as `...#prr101`.
"""

from __future__ import annotations

from typing import List

from prr_lint.checklist import ITEMS
from prr_lint.registry import Registry
from prr_lint.reporters.common import doc_markdown


# What the entry-point search recognises per framework, and what it does not (README and docs/rules.md).
FRAMEWORK_COVERAGE = (
    ("Flask, Quart", "`route`/verb decorators (`methods=` read), `add_url_rule`, `View`/`MethodView` classes, "
     "`before_request` and error handlers (serving, not routes); blueprint `url_prefix` at construction (also of a project "
     "`Blueprint` subclass) or `register_blueprint` (an f-string of module constants too), also in a loop over a "
     "parameter that callers fill with module-level tuples of blueprints (`for bp in blueprints: "
     "app.register_blueprint(bp, url_prefix=...)`)",
     "`app.view_functions[...] = f`; blueprint lists built at run time (entry-point plugins, configuration); one route "
     "per handler (a `Resource` added twice is listed with its first route)"),
    ("flask-restx, flask-restplus, flask-restful", "verb methods of `Resource`s routed with `Namespace.route`/`Api.route` "
     "or `add_resource` (inherited verbs too); `add_namespace(path=)`, `api.namespace()`, `Namespace` default paths, "
     "`Api(blueprint, prefix=)`, `init_app`", "a `Resource` never routed (a base class); `api.add_resource` on an "
     "`Api` built inside a function and used from another module"),
    ("flask-smorest", "`Blueprint.route` and the verb shortcuts (`@blp.get`, `@blp.post` ...) on `MethodView`s and "
     "functions, also on a project `Blueprint` subclass (re-exported too) with its own `url_prefix`; "
     "`Api.register_blueprint(url_prefix=)`", ""),
    ("FastAPI, Starlette", "verb decorators, `add_api_route`, `Route`/`WebSocketRoute`, `HTTPEndpoint`; `APIRouter(prefix=)`, "
     "`include_router(prefix=)`, `Mount(path, routes=...)` (also a route list from another module), `Router`, "
     "`app.mount(path, sub_app)`", "`Host` routing; routes added in a loop"),
    ("Django, DRF", "`path`/`re_path`/`url` views, class-based views (bases re-exported by `from .x import *` too), "
     "`include()` prefixes, routes with a leading `/`; `APIView`, viewsets with `@action`, `@api_view`, router "
     "registrations, also on a project `DefaultRouter` subclass from another package; a registered viewset's actions "
     "wherever attribute lookup finds them (plain mixins too) and the methods its router class maps verbs to "
     "(`{'put': 'bulk_update'}`); a project subclass of a GraphQL view routed by `path()` (its `dispatch`)",
     "`urlpatterns +=` built by helper functions in other packages; routes a project registry generates at start-up "
     "(`@register_model_view` read by `get_model_urls()`: those views are listed by their base class, without a "
     "route); a router's conditional verb mapping applies to every viewset it registers that has the method"),
    ("Django Ninja", "`NinjaAPI`/`Router` verb decorators, `add_router(prefix, router)` (also by dotted string), "
     "`path(prefix, api.urls)`", "ninja-extra controllers' routes"),
    ("Litestar", "`@get`/`@post`/`@route` handlers, `Controller` classes with `path`, `Router(path=, route_handlers=)`",
     "routes given as `path=[...]` lists (listed without a route)"),
    ("Sanic", "route decorators on apps and blueprints, `add_route(handler, uri)`, `HTTPMethodView`, "
     "`app.blueprint(bp, url_prefix=)`, `Blueprint.group`", ""),
    ("Falcon", "`on_<verb>` responders of resources passed to `add_route` (`on_<verb>_<suffix>` with `suffix=`), `add_sink`",
     "responders of a resource never added"),
    ("aiohttp, Tornado, gRPC", "`RouteTableDef`, `add_get` and friends, `web.View`; `RequestHandler`s; the methods of "
     "servicers deriving from a generated `foo_pb2_grpc.FooServicer` that are its RPCs (those the generated class "
     "declares, else the `rpc`s of `service Foo` in the project's `foo.proto`; all public methods when neither is "
     "found: project/grpc_rpcs.py)", ""),
    ("graphene, graphene-django", "`resolve_<field>` methods (inherited too) and `resolver=` functions of types reachable "
     "from `graphene.Schema(query=, mutation=, subscription=, types=)`; a mutation's `mutate`, "
     "`mutate_and_get_payload` or `perform_mutate`; endpoint `GraphQLView.as_view(schema=)`",
     "types referred to by dotted strings; fields added at run time"),
    ("strawberry, strawberry-django", "`@strawberry.field`/`@strawberry.mutation` methods and `resolver=` functions of types "
     "reachable from `strawberry.Schema(...)` through field annotations and return types (star-imported types too), "
     "also types built by `create_type`/`merge_types`; root-type fields whose resolver the library generates "
     "(`x: T = strawberry_django.field()`), listed by their class attribute; a `Query` merged from per-app query "
     "classes by inheritance; `auto_camel_case=False`; FastAPI `GraphQLRouter`, Django/Flask `GraphQLView` (and "
     "project subclasses given `schema=`), ASGI `GraphQL` endpoints",
     "`strawberry.lazy` annotations; types reached only through unions; query classes added at run time "
     "(`*registry[...]` bases)"),
    ("Ariadne", "`@query.field(...)`/`set_field` on `QueryType`/`MutationType`/`ObjectType` bindables passed to "
     "`make_executable_schema`; ASGI/WSGI `GraphQL(schema)` endpoints", "resolvers bound by `fallback_resolvers` or "
     "snake-case conversion"),
    ("Slack Bolt", "`app.event`/`command`/`action`/`message`/`shortcut`/`view`/`options` listeners (serving)", ""),
    ("PasteDeploy (OpenStack's `api-paste.ini`)", "factories an `*.ini` names (`paste.app_factory`/`paste.filter_factory`/"
     "`paste.composite_factory` keys, `use = call:pkg.mod:obj` in `[app:]`/`[filter:]`/`[composite:]` sections) or the "
     "`paste.*_factory` entry-point groups of setup.cfg/pyproject.toml declare, and the `__call__` of the class each builds "
     "(the class of a `Class.factory` classmethod, a class the factory function constructs): the WSGI app or middleware "
     "every request passes (`project/paste_apps.py`)",
     "controllers a router dispatches to by a routes mapper (`mapper.resource(..., controller=...)`); factories outside "
     "the project (`egg:Paste#urlmap`, `oslo_middleware`)"),
    ("Pecan", "`@expose` (also `pecan.decorators.expose`) and WSME `@wsexpose` methods, a generic handler's "
     "`@index.when(method=...)` variants (RestController verbs are exposed methods too); a controller's `_lookup`, `_default` "
     "and `_route` and a `PecanHook`'s `on_route`/`before`/`after`/`on_error` (serving, not routes)",
     "routes (the object path from the root controller the configuration names); a project wrapper around `expose`"),
    ("CherryPy", "`@cherrypy.expose` methods and functions, `exposed = True` (in a project that imports CherryPy) on a "
     "function or on a class (its upper-case MethodDispatcher verbs, and those of classes derived from it), `RoutesDispatcher.connect(name, route, controller=, action=)` (also through a project "
     "subclass; `action` defaults to `index`), with its route", "routes of the object tree (`cherrypy.tree.mount`); "
     "tools and plugins (`cherrypy.tools`, `cherrypy.engine`)"),
    ("BlackSheep", "`@get`/`@post` ... (`blacksheep`'s default router, `blacksheep.server.controllers` on controller "
     "methods), an app's `router`/`controllers_router` and a `Router()`'s verbs, 1.x `@app.route`, `add_<verb>`/`add` "
     "registrations; `Controller` routes under their `route` attribute (or a base's), an `APIController`'s under `/api/<class name>`; "
     "`app.middlewares.append(fn)` and `@app.exception_handler` (serving, not routes); `@app.on_start`/`after_start`/"
     "`on_stop`/`lifespan` (start-up code the service runs)", "`app.on_start += fn`; a prefix a `route()`, `version()` or "
     "`class_name()` method works out; routes a controller inherits from an `@abstract()` base"),
    ("Twisted, Pando, WebOb/Paste, `http.server`/`socketserver`", "-",
     "their resources, controllers and handlers; a project that serves through one (or runs an app through "
     "uvicorn/gunicorn/waitress that prr-lint cannot see) and has no recognised entry point holds back PRR101-PRR103, "
     "PRR105, PRR401, PRR402 and PRR404 with a warning (`frameworks.UNRECOGNISED_SERVERS`, see Scope)"),
    ("batch contexts (never entry points)", "Celery/Dramatiq/RQ/Huey/arq tasks and Celery beat entries, Airflow/Prefect/"
     "Dagster/Luigi code, mrjob (Hadoop) jobs, click/typer and Django management commands, Pecan commands (`pecan <name>`, named in `[pecan.command]` entry "
     "points), Alembic revisions, Django "
     "`pre_migrate`/`post_migrate` receivers, APScheduler jobs (on a scheduler of known type, or an untyped one "
     "given an APScheduler trigger, `interval`/`cron`/`date`, in a module that imports APScheduler; the function "
     "directly or in a spread dict, `add_job(**{\"func\": f, ...})`) and `schedule` jobs, in-house schedulers (a registry "
     "decorator whose registry a sleeping loop walks)", "jobs scheduled from configuration files (crontabs, YAML)"),
)


def framework_table() -> str:
    """The recognised/not recognised table, as the README and docs/rules.md show it."""
    rows = ["| framework | recognised | not recognised |", "|---|---|---|"]
    rows.extend(f"| {name} | {found} | {missing or '-'} |" for name, found, missing in FRAMEWORK_COVERAGE)
    return "\n".join(rows)


def rule_reference(registry: Registry) -> str:
    parts: List[str] = [
        "# prr-lint rules",
        "Generated by `prr-lint rules --format markdown` from the rules' own documentation; do not edit by hand.",
        "| code | name | severity | checklist | summary |\n|---|---|---|---|---|\n"
        + "\n".join(
            f"| [{rule.code}](#{rule.code.lower()}) | {rule.name} | {rule.severity.value} | "
            f"{', '.join(rule.checklist)} | {rule.summary} |"
            for rule in registry
        ),
    ]
    parts.append("## Serving entry points\n\nThe serving rules (PRR2xx, PRR3xx) and `scope = \"serving\"` stand on "
                 "the entry points `prr-lint entrypoints` lists (`--batch` adds the batch contexts); test code (tests/ "
                 "folders, `test_*.py`, `conftest.py`) is never listed, and files it could not analyse are named on "
                 "stderr. In a run over a whole project, the handlers of a module the service never loads (a router "
                 "module no module imports: its `include_router` commented out) serve no route, and no rule that starts "
                 "from request handlers (PRR2xx, PRR3xx, PRR504, PRR505, PRR507, the scope) starts from them; when that "
                 "would leave no handler at all, all stay (project/served_routes.py).\n\n" + framework_table())
    for rule in registry:
        body = doc_markdown(rule).split("\n\n", 1)[1]  # drop its own title: the code heading replaces it
        items = "; ".join(f"{item} ({ITEMS[item].title})" if item in ITEMS else item for item in rule.checklist)
        enabled = "" if rule.default_enabled else " · opt-in"
        parts.append(f"## {rule.code}")
        parts.append(f"**{rule.name}** · {rule.severity.value}{enabled} · {items}")
        parts.append(body.replace("\n## ", "\n### ").rstrip())
    return "\n\n".join(parts) + "\n"
