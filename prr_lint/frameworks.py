"""Registries of fully qualified names: what serves requests, what is batch, what instruments an app.

Data only (rule catalogue §2.2, §2.3, §2.6). Names are matched after the resolver and the project
index have followed imports, aliases, re-exports and typed receivers, so `bp.get` on a
`flask.Blueprint` arrives here as `flask.Blueprint.get`. Where a family has many classes under one
module (DRF generics, Django generic views), a prefix ending in "." matches them all.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, Optional, Tuple, TypeVar

T = TypeVar("T")

HTTP_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "trace")
_ROUTE_VERBS = (*HTTP_VERBS, "route")


def _methods(owners: Iterable[str], names: Iterable[str]) -> Dict[str, str]:
    return {f"{owner}.{name}": "" for owner in owners for name in names}


def _tagged(framework: str, names: Dict[str, str]) -> Dict[str, str]:
    return {name: framework for name in names}


# ----- entry points -----------------------------------------------------------------------------------

# Slack Bolt listener decorators: `@app.command("/deploy")` serves a request from Slack.
SLACK_LISTENERS = ("event", "command", "action", "message", "shortcut", "view", "options", "function")

# Other spellings of framework names -> the one the tables use (`flask_restplus` is flask-restx's
# predecessor with the same API; classes are also importable from their defining modules).
FRAMEWORK_ALIASES: Dict[str, str] = {
    "flask_restplus.": "flask_restx.", "flask_restx.namespace.": "flask_restx.", "flask_restx.api.": "flask_restx.",
    "flask_restx.resource.": "flask_restx.", "flask_restful.Resource": "flask_restful.Resource",
    "flask_smorest.blueprint.": "flask_smorest.", "ninja.main.NinjaAPI": "ninja.NinjaAPI", "ninja.router.Router": "ninja.Router",
    "falcon.app.App": "falcon.App", "falcon.asgi.app.App": "falcon.asgi.App", "falcon.API": "falcon.App",
    "falcon.asgi.App": "falcon.App", "sanic.app.Sanic": "sanic.Sanic", "sanic.blueprints.Blueprint": "sanic.Blueprint",
    "litestar.app.Litestar": "litestar.Litestar", "litestar.router.Router": "litestar.Router",
    "litestar.controller.Controller": "litestar.Controller", "starlite.": "litestar.",
    "slack_bolt.app.App": "slack_bolt.App", "slack_bolt.app.app.App": "slack_bolt.App",
    "slack_bolt.async_app.AsyncApp": "slack_bolt.async_app.AsyncApp", "slack_bolt.app.async_app.AsyncApp": "slack_bolt.async_app.AsyncApp",
    "starlette.applications.Starlette": "starlette.applications.Starlette", "fastapi.applications.FastAPI": "fastapi.FastAPI",
    "fastapi.routing.APIRouter": "fastapi.APIRouter",
    # BlackSheep: the module-level `get`, `Router` ... are re-exported from `blacksheep.server.routing`
    "blacksheep.server.routing.": "blacksheep.", "blacksheep.server.application.Application": "blacksheep.Application",
    **{f"blacksheep.server.{name}": f"blacksheep.{name}" for name in ("Application", "Router", "RoutesRegistry")},
}


_ALIAS_ROOTS = frozenset(alias.split(".", 1)[0] for alias in FRAMEWORK_ALIASES)


@lru_cache(maxsize=8192)
def canonical(name: str) -> str:
    """`name` with a framework alias replaced (`flask_restplus.Api.route` -> `flask_restx.Api.route`).
    Called for every resolved call: names outside the aliased packages return at once."""
    if name.split(".", 1)[0] not in _ALIAS_ROOTS:
        return name
    for alias, target in FRAMEWORK_ALIASES.items():
        if name == alias or (alias.endswith(".") and name.startswith(alias)):
            return target + name[len(alias):] if alias.endswith(".") else target
        if not alias.endswith(".") and name.startswith(alias + "."):
            return target + name[len(alias):]
    return name


# BlackSheep's route verbs and the router objects that have them (an app's `router`, the registry of its
# controllers' routes, a `Router()` handed to `Application(router=...)`).
BLACKSHEEP_VERBS = (*HTTP_VERBS, "connect", "ws", "route")
BLACKSHEEP_ROUTERS = ("blacksheep.Router", "blacksheep.RoutesRegistry", "blacksheep.Application.router",
                      "blacksheep.Application.controllers_router")
BLACKSHEEP_CONTROLLER, BLACKSHEEP_API_CONTROLLER = (f"blacksheep.server.controllers.{base}" for base in ("Controller", "APIController"))
# Decorators of application events a framework runs in the service process at start and stop (not per
# request): start-up code the service reaches (project/framework_entries.py), no entry point.
APP_EVENT_DECORATORS = frozenset(f"blacksheep.Application.{event}" for event in (
    "on_start", "after_start", "on_stop", "lifespan", "on_middlewares_configuration"))

# Decorator FQN -> framework: the decorated function handles requests.
ENTRY_DECORATORS: Dict[str, str] = {
    **_tagged("flask", _methods(("flask.Flask", "flask.Blueprint", "flask.app.Flask", "flask.blueprints.Blueprint",
                                  "flask.sansio.scaffold.Scaffold"), (*_ROUTE_VERBS, "before_request", "errorhandler"))),
    **_tagged("quart", _methods(("quart.Quart", "quart.Blueprint"), (*_ROUTE_VERBS, "websocket", "before_request"))),
    **_tagged(
        "fastapi",
        _methods(
            ("fastapi.FastAPI", "fastapi.APIRouter", "fastapi.applications.FastAPI", "fastapi.routing.APIRouter"),
            (*HTTP_VERBS, "api_route", "websocket", "middleware", "exception_handler"),
        ),
    ),
    **_tagged("starlette", _methods(("starlette.applications.Starlette", "starlette.routing.Router"), ("route", "websocket_route"))),
    "rest_framework.decorators.api_view": "drf",
    **_tagged("aiohttp", _methods(("aiohttp.web.RouteTableDef", "aiohttp.web_routedef.RouteTableDef"), (*_ROUTE_VERBS, "view"))),
    "aiohttp.web.middleware": "aiohttp",
    **_tagged("ninja", _methods(("ninja.NinjaAPI", "ninja.Router"), (*HTTP_VERBS, "api_operation"))),
    **_tagged("sanic", _methods(("sanic.Sanic", "sanic.Blueprint"), (*_ROUTE_VERBS, "websocket"))),
    **_tagged("bottle", {**_methods(("bottle.Bottle",), _ROUTE_VERBS), **{f"bottle.{v}": "" for v in _ROUTE_VERBS}}),
    "pyramid.view.view_config": "pyramid",
    "functions_framework.http": "functions-framework",
    **_tagged("azure-functions", _methods(("azure.functions.FunctionApp",), ("route",))),
    **_tagged("litestar", {f"{package}.{verb}": "" for package in ("litestar", "litestar.handlers", "starlite")
                            for verb in (*HTTP_VERBS, "route", "websocket")}),
    **_tagged("flask-restx", _methods(("flask_restx.Namespace", "flask_restx.Api"), ("route",))),
    # A flask-smorest Blueprint is a flask.Blueprint: the verb shortcuts (`@blp.get("/")`) are inherited.
    **_tagged("flask-smorest", _methods(("flask_smorest.Blueprint",), _ROUTE_VERBS)),
    **_tagged("slack-bolt", _methods(("slack_bolt.App", "slack_bolt.async_app.AsyncApp"), SLACK_LISTENERS)),
    # Object dispatch: an exposed method serves the path of the attributes leading to it (project/object_dispatch.py);
    # WSME's `wsexpose` exposes through pecan.expose.
    **_tagged("pecan", {"pecan.expose": "", "pecan.decorators.expose": "", "wsmeext.pecan.wsexpose": ""}),
    "cherrypy.expose": "cherrypy",
    **_tagged("blacksheep", {
        # the default router's verbs (`from blacksheep import get`: 2.x; a controller's `@get()` from the
        # controllers module: 1.x and 2.x), an app's or a `Router()`'s, and 1.x's `@app.route(pattern, methods)`
        **{f"{owner}.{verb}": "" for owner in ("blacksheep", "blacksheep.server.controllers", "blacksheep.router")
           for verb in BLACKSHEEP_VERBS},
        **_methods(BLACKSHEEP_ROUTERS, BLACKSHEEP_VERBS),
        **_methods(("blacksheep.Application",), ("route", "exception_handler")),  # a hook: HOOK_NAMES
    }),
}
# Decorators of hooks the framework runs while serving (error handlers, middleware): serving code,
# but not routes of their own.
HOOK_NAMES = frozenset({"before_request", "after_request", "teardown_request", "errorhandler", "exception_handler",
                        "middleware"})
# Decorators whose first string argument is the route.
ROUTE_DECORATOR_SUFFIXES = frozenset((*_ROUTE_VERBS, "api_route", "websocket", "websocket_route", "view", "api_operation", "ws"))

# The methods a DRF router routes on a viewset (besides `@action`s and verbs its router maps).
VIEWSET_ACTIONS = (*HTTP_VERBS, "list", "create", "retrieve", "update", "partial_update", "destroy")
# Base class (or "module." prefix) -> (framework, methods that are entry points; empty = every public method).
VIEW_BASES: Dict[str, Tuple[str, Tuple[str, ...]]] = {
    "flask.views.MethodView": ("flask", HTTP_VERBS),
    "flask.views.View": ("flask", ("dispatch_request",)),
    "quart.views.MethodView": ("quart", HTTP_VERBS),
    "starlette.endpoints.HTTPEndpoint": ("starlette", HTTP_VERBS),
    "starlette.endpoints.WebSocketEndpoint": ("starlette", ("on_connect", "on_receive", "on_disconnect")),
    "django.views.View": ("django", HTTP_VERBS),
    "django.views.generic.": ("django", HTTP_VERBS),
    "django.views.generic.base.View": ("django", HTTP_VERBS),
    "rest_framework.views.APIView": ("drf", HTTP_VERBS),
    "rest_framework.generics.": ("drf", HTTP_VERBS),
    "rest_framework.viewsets.": ("drf", VIEWSET_ACTIONS),
    "aiohttp.web.View": ("aiohttp", HTTP_VERBS),
    "tornado.web.RequestHandler": ("tornado", (*HTTP_VERBS, "prepare")),
    "tornado.websocket.WebSocketHandler": ("tornado", ("open", "on_message", "on_close")),
    "grpc.ServerInterceptor": ("grpc", ("intercept_service",)),
    "grpc.aio.ServerInterceptor": ("grpc", ("intercept_service",)),
    "ninja.ControllerBase": ("ninja", ()),
    "sanic.views.HTTPMethodView": ("sanic", HTTP_VERBS),
    # A GraphQL view serves every verb in `dispatch`: a project subclass's override is its handler.
    **{view: ("django", (*HTTP_VERBS, "dispatch")) for view in (
        "strawberry.django.views.GraphQLView", "strawberry.django.views.AsyncGraphQLView",
        "graphene_django.views.GraphQLView", "ariadne.contrib.django.views.GraphQLView")},
    "strawberry.flask.views.GraphQLView": ("flask", ("dispatch_request",)),
}
# View bases whose subclasses serve only once routed (`@ns.route`, `api.add_resource`): a Resource
# that is never registered is a base or dead code, not an entry point. Framework by the registrar.
ROUTED_VIEW_BASES: Dict[str, Tuple[str, ...]] = {
    "flask_restx.Resource": HTTP_VERBS, "flask_restful.Resource": HTTP_VERBS,
}
# Falcon responders: `on_get`, `on_post` ... (`on_get_<suffix>` when registered with `suffix=`).
FALCON_RESPONDER = re.compile(r"^on_(get|post|put|patch|delete|head|options|websocket)(?:_(\w+))?$")
# Package -> the class attribute that prefixes the routes of its class-based routers (Litestar
# `Controller.path`, BlackSheep `Controller.route`).
CONTROLLER_PATH_ATTRIBUTES: Dict[str, str] = {"litestar": "path", "starlite": "path", "blacksheep": "route"}
# gRPC servicers: classes deriving from a generated `*_pb2_grpc.<Name>Servicer`.
GRPC_SERVICER_BASE = re.compile(r"(^|\.)\w*_pb2_grpc\.\w+Servicer$")
GRPC_HEALTH_SERVICER = re.compile(r"^grpc_health\.v1\.health\.(aio\.)?HealthServicer$")
# Decorators inside view classes that mark extra entry methods (DRF viewset actions).
ACTION_DECORATORS = frozenset({"rest_framework.decorators.action", "rest_framework.decorators.detail_route",
                               "rest_framework.decorators.list_route"})

# Registrar call FQN (or ".method" suffix for calls on app objects) -> (framework, handler argument index,
# handler keyword, route argument index or -1).
REGISTRARS: Dict[str, Tuple[str, int, str, int]] = {
    ".add_url_rule": ("flask", 2, "view_func", 0),
    ".add_api_route": ("fastapi", 1, "endpoint", 0),
    ".add_api_websocket_route": ("fastapi", 1, "endpoint", 0),
    ".add_websocket_route": ("starlette", 1, "endpoint", 0),
    "starlette.routing.Route": ("starlette", 1, "endpoint", 0),
    "starlette.routing.WebSocketRoute": ("starlette", 1, "endpoint", 0),
    "django.urls.path": ("django", 1, "view", 0),
    "django.urls.re_path": ("django", 1, "view", 0),
    "django.conf.urls.url": ("django", 1, "view", 0),
    "django.urls.conf.path": ("django", 1, "view", 0),
    "django.urls.conf.re_path": ("django", 1, "view", 0),
    ".register": ("drf", 1, "viewset", 0),
    **{f".add_{verb}": ("aiohttp", 1, "handler", 0) for verb in (*HTTP_VERBS, "route", "view")},
    **{f"aiohttp.web.{verb}": ("aiohttp", 1, "handler", 0) for verb in (*HTTP_VERBS, "route", "view")},
    "aiohttp.web.RouteDef": ("aiohttp", 2, "handler", 1),
    ".add_route": ("aiohttp", 1, "handler", 0),
    **{f"{owner}.add_resource": ("flask-restx", 0, "resource", 1) for owner in ("flask_restx.Api", "flask_restx.Namespace")},
    "flask_restful.Api.add_resource": ("flask-restful", 0, "resource", 1),
    "sanic.Sanic.add_route": ("sanic", 0, "handler", 1),
    "sanic.Blueprint.add_route": ("sanic", 0, "handler", 1),
    "falcon.App.add_route": ("falcon", 1, "resource", 0),
    "falcon.App.add_sink": ("falcon", 0, "sink", 1),
    # CherryPy's RoutesDispatcher (a project subclass's own `connect` too): the controller's `action=` method serves
    **{name: ("cherrypy", 2, "controller", 1) for name in ("cherrypy.dispatch.RoutesDispatcher.connect", ".connect")},
    "litestar.Litestar.register": ("litestar", 0, "value", -1),
    # BlackSheep: `app.router.add_get("/x", handler)`, `router.add("GET", "/x", handler)`
    **{f"{owner}.add_{verb}": ("blacksheep", 1, "handler", 0) for owner in BLACKSHEEP_ROUTERS for verb in BLACKSHEEP_VERBS
       if verb != "route"},
    **{f"{owner}.add": ("blacksheep", 2, "handler", 1) for owner in BLACKSHEEP_ROUTERS},
    # a middleware (`app.middlewares.append(fn)`) runs around every request: serving code, no route
    "blacksheep.Application.middlewares.append": ("blacksheep", 0, "fn", -1),
}
# Registrars whose handler runs on every request as a hook, not as the handler of a route.
HOOK_REGISTRARS = frozenset({"blacksheep.Application.middlewares.append"})
# Registrar's framework -> the keyword naming the method of a registered class that serves, and its default:
# Falcon's responder `suffix=`, a Routes `action=` (Routes' own default is "index").
METHOD_KEYWORDS: Dict[str, Tuple[str, str]] = {"falcon": ("suffix", ""), "cherrypy": ("action", "index")}
# Receiver types for the suffix registrars, so `registry.register(...)` on an unrelated object is not one.
# Packages of the web frameworks whose registrars the tables name.
FRAMEWORK_PACKAGES = ("flask.", "quart.", "fastapi.", "starlette.", "aiohttp.", "django.", "rest_framework.", "tornado.",
                      "falcon.", "flask_restx.", "flask_restful.", "flask_restplus.", "sanic.", "litestar.", "ninja.",
                      "flask_smorest.", "cherrypy.", "blacksheep.")
REGISTRAR_OWNERS: Dict[str, Tuple[str, ...]] = {
    ".add_url_rule": ("flask.", "quart."),
    ".add_api_route": ("fastapi.",),
    ".add_api_websocket_route": ("fastapi.",),
    ".add_websocket_route": ("starlette.", "fastapi."),
    ".register": ("rest_framework.routers.",),
    ".add_route": ("aiohttp.", "falcon."),
    ".connect": ("cherrypy.",),
    **{f".add_{verb}": ("aiohttp.",) for verb in (*HTTP_VERBS, "route", "view")},
}
# Objects whose `.urls` a Django `path()` mounts (Django Ninja).
DJANGO_MOUNTED_URLS = frozenset({"ninja.NinjaAPI"})
DJANGO_INCLUDES = frozenset({"django.urls.include", "django.conf.urls.include", "django.urls.conf.include"})
GRPC_ADD_SERVICER = re.compile(r"(^|\.)\w*_pb2_grpc\.add_(\w+)Servicer_to_server$")

# ----- batch contexts: code that is not serving --------------------------------------------------------

BATCH_DECORATORS: FrozenSet[str] = frozenset(
    {
        "celery.Celery.task", "celery.shared_task", "celery.app.base.Celery.task", "celery.task",
        "celery.app.shared_task", "dramatiq.actor", "huey.Huey.task", "huey.RedisHuey.task", "huey.Huey.periodic_task",
        "rq.decorators.job", "rq.job", "airflow.decorators.task", "airflow.decorators.dag", "airflow.decorators.task_group",
        "prefect.flow", "prefect.task", "dagster.op", "dagster.asset", "dagster.job", "dagster.graph", "dagster.sensor",
        "dagster.schedule", "click.command", "click.group", "click.decorators.command", "click.decorators.group",
        "click.Group.command", "click.Group.group", "typer.Typer.command", "typer.Typer.callback", "arq.cron",
        "invoke.task", "invoke.tasks.task", "locust.task", "nox.session", "nox.registry.session_decorator",
        "flask.Flask.cli.command", "flask.Flask.cli.group", "flask.Blueprint.cli.command", "flask.Blueprint.cli.group",
        "flask.cli.AppGroup.command", "flask.cli.AppGroup.group", "flask.cli.FlaskGroup.command", "flask.cli.FlaskGroup.group",
        "quart.Quart.cli.command",
    }
)
BATCH_BASES: Tuple[str, ...] = (
    "django.core.management.base.BaseCommand", "django.core.management.BaseCommand", "django.core.management.base.LabelCommand",
    "django.core.management.base.AppCommand", "luigi.Task", "celery.Task", "celery.app.task.Task", "airflow.models.BaseOperator", "airflow.models.baseoperator.BaseOperator",
    "mrjob.job.MRJob",  # a Hadoop job: its `__main__` block runs it (`MRWordCount.run()`), Hadoop calls its mapper
    # load generators run against the service, not in it
    "locust.User", "locust.HttpUser", "locust.FastHttpUser", "locust.TaskSet", "locust.SequentialTaskSet",
    # command classes of command-line frameworks (a project base derived from one counts for its subclasses)
    "flask_script.Command", "flask_script.commands.Command", "cliff.command.Command",
    "pecan.commands.base.BaseCommand", "pecan.commands.BaseCommand",  # `pecan <name> config.py`, named in `[pecan.command]`
)

# Methods that schedule a job on a scheduler (APScheduler 3 and 4), confirmed by the receiver's type.
SCHEDULER_METHODS = frozenset({"add_job", "add_schedule"})
SCHEDULER_PACKAGES = ("apscheduler.", "flask_apscheduler.")
# Decorators of scheduled jobs -> batch kind (matched by package prefix and method name).
SCHEDULED_JOB_DECORATORS: Dict[Tuple[str, str], str] = {
    ("apscheduler.", "scheduled_job"): "apscheduler", ("flask_apscheduler.", "task"): "apscheduler",
    ("schedule.", "repeat"): "schedule",
}
# Function tags of the in-house scheduler pattern (prr_lint/batch_marks.py): "registers-into:<registry>"
# (stores a parameter in a module-level container) and "iterates:<registry>" (loops over one).
REGISTERS_INTO = "registers-into:"
ITERATES = "iterates:"
# Calls that wait in a scheduling loop: with a loop over a registry, they make it a scheduler.
SLEEPS = frozenset({"time.sleep", "asyncio.sleep", "gevent.sleep", "threading.Event.wait", "trio.sleep", "anyio.sleep",
                    "threading.Timer"})

# The method that runs a batch class (a management command's `handle`, a LabelCommand's `handle_label` ...).
BATCH_MAIN_METHODS = ("handle", "run", "execute", "handle_label", "handle_app_config")
# Kind of batch context by package, where the package name is not the kind.
BATCH_KINDS: Dict[str, str] = {"django": "django-command", "rq": "rq", "arq": "arq", "flask": "flask-cli", "quart": "quart-cli",
                               "flask_script": "flask-script", "pecan": "pecan-command"}

# Calls that start a server or a long-running worker: a command or script that makes one (directly or a
# few calls down) is the service itself, not an operator tool (`scope = "serving"`, project/scope.py).
SERVER_STARTS: FrozenSet[str] = frozenset(
    {
        "uvicorn.run", "uvicorn.Server.serve", "uvicorn.Server.run", "hypercorn.asyncio.serve", "hypercorn.trio.serve",
        "waitress.serve", "werkzeug.serving.run_simple", "flask.Flask.run", "flask.app.Flask.run", "quart.Quart.run",
        "sanic.Sanic.run", "aiohttp.web.run_app", "bottle.run", "bottle.Bottle.run", "tornado.ioloop.IOLoop.start",
        "grpc.server", "grpc.aio.server", "asyncio.start_server", "asyncio.start_unix_server",
        "celery.Celery.worker_main", "celery.Celery.start", "dramatiq.Worker", "rq.Worker", "rq.worker.Worker",
        "kafka.KafkaConsumer", "confluent_kafka.Consumer", "aiokafka.AIOKafkaConsumer",
        "gunicorn.app.base.BaseApplication.run", "gunicorn.app.wsgiapp.run", "cheroot.wsgi.Server.start",
    }
)
# Libraries that serve requests through entry points prr-lint does not recognise (Twisted resources,
# WebOb/Paste WSGI apps, a bare `http.server` handler, CherryPy or Pecan handlers exposed some other way) or that run an app it
# cannot see: a project that uses one and has no recognised entry point is a service it cannot see into
# (project/no_entry_points.py). A module path and everything below it.
UNRECOGNISED_SERVERS: Tuple[str, ...] = (
    "twisted.web", "twisted.internet", "klein", "cherrypy", "pecan", "pando", "webob", "paste", "eventlet.wsgi",
    "gevent.pywsgi", "werkzeug.serving", "werkzeug.wrappers", "wsgiref.simple_server", "http.server", "socketserver",
    "xmlrpc.server", "uvicorn", "gunicorn", "waitress", "hypercorn", "cheroot",
)
SERVER_START_SUFFIXES: Tuple[str, ...] = (".serve_forever", ".wait_for_termination", ".run_forever", ".worker_main",
                                          ".start_consuming", ".run_app")

# ----- batch / offline systems (PRR301, PRR302) -----------------------------------------------------------

_BQ = "google.cloud.bigquery.Client"
BATCH_CALLS: FrozenSet[str] = frozenset(
    {
        *(f"{_BQ}.{m}" for m in ("query", "query_and_wait", "load_table_from_uri", "load_table_from_file",
                                   "load_table_from_dataframe", "load_table_from_json", "extract_table", "list_rows",
                                   "copy_table")),
        "google.cloud.bigquery.client.Client.query",
        "pandas_gbq.read_gbq", "pandas_gbq.to_gbq", "pandas.read_gbq",
        "databricks.sql.connect", "pyathena.connect", "redshift_connector.connect",
        "snowflake.connector.connect", "trino.dbapi.connect", "prestodb.dbapi.connect", "pyhive.hive.connect",
        "pyhive.presto.connect", "impala.dbapi.connect",
        "luigi.build", "luigi.run", "prefect.deployments.run_deployment",
        "dask.compute", "dask.dataframe.read_csv", "dask.dataframe.read_parquet", "dask.dataframe.read_sql_table",
        "ray.get", "ray.init", "hdfs.InsecureClient", "pyarrow.fs.HadoopFileSystem",
        "pyspark.SparkContext", "pyspark.sql.SparkSession.builder.getOrCreate",
    }
)
# Module prefixes whose every call is batch (user-extensible through `batch.modules`).
BATCH_PREFIXES: Tuple[str, ...] = (
    "google.cloud.bigquery_storage", "google.cloud.dataproc", "apache_beam.", "awswrangler.athena.",
    "awswrangler.redshift.", "airflow.api.client.", "airflow_client.client.", "snowflake.snowpark.Session",
    "pyspark.sql.SparkSession.", "pyspark.sql.DataFrame.", "pyspark.sql.dataframe.DataFrame.", "distributed.Client",
    "dask.distributed.Client",
)
# Constructors that open a batch client: they connect or check credentials when called (PRR302 at import).
# A boto3 client (BOTO3_FACTORIES) is no such constructor: it builds a local object and sends nothing
# (missing credentials raise only when a request is signed).
BATCH_CLIENTS: FrozenSet[str] = frozenset(
    {
        _BQ, "google.cloud.bigquery.client.Client", "snowflake.connector.connect", "pyspark.SparkContext",
        "pyspark.sql.SparkSession.builder.getOrCreate", "databricks.sql.connect", "trino.dbapi.connect",
        "prestodb.dbapi.connect", "pyhive.hive.connect", "pyhive.presto.connect", "pyathena.connect",
        "distributed.Client", "dask.distributed.Client", "ray.init", "snowflake.snowpark.Session.builder.create",
    }
)
# boto3 services that are batch systems: `boto3.client("athena")`; their clients are receivers of PRR301's calls.
BATCH_AWS_SERVICES = frozenset({"athena", "emr", "emr-serverless", "glue", "redshift-data", "batch", "datapipeline"})
BOTO3_FACTORIES = frozenset({"boto3.client", "boto3.resource", "boto3.Session.client", "boto3.session.Session.client",
                             "boto3.Session.resource"})
# Metadata-only calls that are fine on a serving path (user-extensible through `batch.allow-calls`).
ALLOWED_BATCH_CALLS = frozenset({f"{_BQ}.get_table", f"{_BQ}.get_dataset", f"{_BQ}.get_job"})
OPTIN_PANDAS = frozenset({"pandas.read_sql", "pandas.read_sql_query", "pandas.read_sql_table", "polars.read_database"})

# ----- task queues (PRR303) ----------------------------------------------------------------------------

ASYNC_RESULT_TYPES = frozenset(
    {"celery.result.AsyncResult", "celery.result.GroupResult", "celery.result.ResultSet", "rq.job.Job", "rq.Job"}
)
BLOCKING_WAITS = frozenset({"get", "wait", "join", "join_native", "result", "collect"})

# Calls that run a function on the serving host later (edge to the function), with the argument index
# (or keyword) that holds it.
HANDOFFS: Dict[str, Tuple[int, str]] = {
    "concurrent.futures.Executor.submit": (0, "fn"),
    "concurrent.futures.ThreadPoolExecutor.submit": (0, "fn"),
    "concurrent.futures.ProcessPoolExecutor.submit": (0, "fn"),
    "concurrent.futures.thread.ThreadPoolExecutor.submit": (0, "fn"),
    "asyncio.AbstractEventLoop.run_in_executor": (1, "func"),
    "asyncio.to_thread": (0, "func"),
    "threading.Thread": (-1, "target"),
    "threading.Timer": (1, "function"),
    "functools.partial": (0, "func"),
    "asyncio.create_task": (-1, ""),
    "fastapi.BackgroundTasks.add_task": (0, "func"),
    "starlette.background.BackgroundTasks.add_task": (0, "func"),
    "starlette.background.BackgroundTask": (0, "func"),
    "loguru.Logger.add": (0, "sink"),  # a loguru sink that is a function runs on every record the service logs
}
HANDOFF_SUFFIXES: Dict[str, Tuple[int, str]] = {".submit": (0, "fn"), ".run_in_executor": (1, "func"), ".add_task": (0, "func")}

# ----- apps and instrumentation (PRR201, PRR206) ---------------------------------------------------------------

APP_CONSTRUCTORS: Dict[str, str] = {
    "flask.Flask": "flask", "flask.app.Flask": "flask", "quart.Quart": "quart", "fastapi.FastAPI": "fastapi",
    "fastapi.applications.FastAPI": "fastapi", "starlette.applications.Starlette": "starlette",
    "aiohttp.web.Application": "aiohttp", "tornado.web.Application": "tornado", "grpc.server": "grpc",
    "grpc.aio.server": "grpc", "sanic.Sanic": "sanic", "falcon.App": "falcon", "falcon.API": "falcon",
    "bottle.Bottle": "bottle", "litestar.Litestar": "litestar", "blacksheep.Application": "blacksheep",
}
# Framework of an app -> the entry-point frameworks whose routes it serves.
APP_ROUTE_FAMILIES: Dict[str, Tuple[str, ...]] = {
    "flask": ("flask",), "quart": ("quart",), "fastapi": ("fastapi", "starlette"), "starlette": ("starlette",),
    "aiohttp": ("aiohttp",), "tornado": ("tornado",), "grpc": ("grpc",), "django": ("django", "drf", "ninja"),
    "sanic": ("sanic",), "falcon": ("falcon",), "bottle": ("bottle",), "litestar": ("litestar",),
    "blacksheep": ("blacksheep",),
}
# Entry-point framework -> the app family whose instrumentation covers it (PRR202).
ENTRY_APP_FAMILY: Dict[str, str] = {
    "flask-restx": "flask", "flask-restful": "flask", "flask-smorest": "flask", "drf": "django", "ninja": "django",
    "graphene": "*", "strawberry": "*", "ariadne": "*",
}
# Instrumentation call or class FQN (or "module." prefix) -> framework it covers ("*" = every framework).
INSTRUMENTATION: Dict[str, str] = {
    "prometheus_flask_exporter.": "flask",
    "prometheus_fastapi_instrumentator.": "fastapi",
    "starlette_exporter.": "starlette", "starlette_prometheus.": "starlette",
    "py_grpc_prometheus.": "grpc", "grpc_prometheus.": "grpc",
    # gds-metrics (and digitalmarketplace-utils' subclass): `init_app(app)` times every request into Prometheus
    "gds_metrics.GDSMetrics.init_app": "flask", "dmutils.metrics.DMGDSMetrics.init_app": "flask",
    # ... and its request hooks, which a project subclass's own `init_app` registers (`app.before_request(
    # self.before_request)`): before_request starts the timer that teardown_request observes
    "gds_metrics.GDSMetrics.before_request": "flask",
    # funding-service-design-utils: init_sentry() runs `sentry_sdk.init(integrations=[FlaskIntegration()],
    # traces_sampler=...)`, a transaction per request (the library's code, not the function's name, shows it)
    "fsd_utils.init_sentry": "flask", "fsd_utils.sentry.init_sentry": "flask",
    "fsd_utils.sentry.init_sentry.init_sentry": "flask",
    # python-dockerflow's ASGI middleware writes a JSON `request.summary` record of each request (path,
    # status, duration `t`) through the JSON formatter it installs; its Django middleware: DJANGO_SUMMARY_LOGS
    "dockerflow.fastapi.middleware.MozlogRequestSummaryLogger": "*",
    "aiohttp_prometheus_exporter.": "aiohttp",
    "prometheus_async.aio.web.": "aiohttp",
    "opentelemetry.instrumentation.flask.": "flask",
    "opentelemetry.instrumentation.fastapi.": "fastapi",
    "opentelemetry.instrumentation.starlette.": "starlette",
    "opentelemetry.instrumentation.django.": "django",
    "opentelemetry.instrumentation.grpc.GrpcInstrumentorServer": "grpc",
    "opentelemetry.instrumentation.grpc.server_interceptor": "grpc",
    "opentelemetry.instrumentation.grpc.aio_server_interceptor": "grpc",
    "opentelemetry.instrumentation.asgi.": "*",
    "opentelemetry.instrumentation.wsgi.": "*",
    "opentelemetry.instrumentation.aiohttp_server.": "aiohttp",
    "opentelemetry.instrumentation.tornado.": "tornado",
    # BlackSheep's own OpenTelemetry middleware (`use_open_telemetry(app, ...)`), and blacksheep-prometheus's
    "blacksheep.server.otel.": "blacksheep", "blacksheep_prometheus.": "blacksheep",
    "opentelemetry.instrumentation.auto_instrumentation.": "*",
    "ddtrace.patch_all": "*", "ddtrace.patch": "*",
    "ddtrace.auto": "*",
    "newrelic.agent.initialize": "*",
    "newrelic.agent.WSGIApplicationWrapper": "*",
    "newrelic.agent.wsgi_application": "*",
    "elasticapm.contrib.flask.": "flask",
    "elasticapm.contrib.starlette.": "starlette",
    "elasticapm.contrib.django": "django",
    "elasticapm.contrib.aiohttp.": "aiohttp",
    "elasticapm.contrib.tornado.": "tornado",
    "aws_xray_sdk.ext.flask.": "flask", "opencensus.ext.flask.": "flask", "aws_xray_sdk.ext.django": "django",
    "aws_xray_sdk.core.patch_all": "*",
    # OpenStack's profiler: set up from the service's config, it traces each request through the WSGI
    # middleware the service's pipeline loads by entry-point name
    "osprofiler.initializer.init_from_conf": "*",
    "osprofiler.web.": "*",
}
# Module function tags: the module holds such evidence; the function writes log records.
CORRELATES_REQUESTS = "correlates-requests"
# Function tag: the function records a metric or a span itself (prr_lint/touchpoints.py; PRR202).
INSTRUMENTED_HANDLER = "instrumented-handler"
DRF_ACTION = "drf-action:"  # prefix: "detail:<url_path>" or "list:<url_path>" of an `@action`
ROUTE_METHODS = "route-methods:"  # prefix: the methods a route decorator names (`methods=["POST"]`), "POST,PUT"
WRITES_LOGS = "writes-logs"

# Modules whose import instruments every app in the process.
IMPORT_INSTRUMENTATION = frozenset({"ddtrace.auto", "opentelemetry.instrumentation.auto_instrumentation.sitecustomize"})
# Django MIDDLEWARE / INSTALLED_APPS strings that instrument every view.
DJANGO_INSTRUMENTATION = ("django_prometheus", "opentelemetry.instrumentation.django", "elasticapm.contrib.django",
                          "ddtrace.contrib.django", "newrelic", "aws_xray_sdk.ext.django", "scout_apm.django", "opencensus.ext.django")
# Django MIDDLEWARE that writes each request's summary record (python-dockerflow's: path, status, duration,
# request id in the `extra` fields), instrumentation when the settings format records with the library's
# JSON formatter, which keeps those fields; a plain formatter drops them and leaves a bare message.
DJANGO_SUMMARY_LOGS = {"dockerflow.django.middleware.DockerflowMiddleware": "dockerflow.logging.JsonLogFormatter"}
# prometheus_client and OpenTelemetry metric constructors (PRR204).
METRIC_CLASSES = frozenset(
    {f"prometheus_client.{name}" for name in ("Counter", "Gauge", "Histogram", "Summary", "Info", "Enum")}
    | {f"prometheus_client.metrics.{name}" for name in ("Counter", "Gauge", "Histogram", "Summary", "Info", "Enum")}
)
METRIC_FACTORY_METHODS = frozenset({"create_counter", "create_histogram", "create_up_down_counter",
                                    "create_observable_gauge", "create_observable_counter", "create_gauge"})
METER_TYPES = frozenset({"opentelemetry.metrics.Meter", "opentelemetry.metrics._internal.Meter"})
MEMOISERS = frozenset({"functools.lru_cache", "functools.cache", "functools.cached_property", "builtins.property"})
# Request attributes that make a label value unbounded (PRR205).
REQUEST_TYPES = frozenset({"flask.request", "quart.request", "fastapi.Request", "starlette.requests.Request",
                           "django.http.HttpRequest", "django.http.request.HttpRequest", "aiohttp.web.Request",
                           "rest_framework.request.Request"})
UNBOUNDED_REQUEST_ATTRIBUTES = frozenset({"path", "url", "full_path", "args", "headers", "query_params", "path_info",
                                          "query_string", "remote_addr", "client", "base_url", "cookies", "GET"})


def match_prefixed(name: str, table: Dict[str, T]) -> Optional[T]:
    """`table[name]`, or the value of a key ending in "." that `name` starts with (a whole package)."""
    found = table.get(name)
    if found is not None:
        return found
    for key, value in table.items():
        if key.endswith(".") and name.startswith(key):
            return value
    return None


def instrumentation_family(name: str) -> Optional[str]:
    """The framework an instrumentation FQN covers ("*" for all), or None when it is not one."""
    return match_prefixed(name, INSTRUMENTATION)
