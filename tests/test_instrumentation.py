"""PRR201, PRR204, PRR205, PRR206 across modules and with their options."""

from __future__ import annotations

import json

from _serving import run, settings_with

ROUTES = "\n@app.get('/orders')\ndef orders():\n    return []\n"


def _codes(result):
    return [(f.rule, f.path, f.span.line) for f in result.findings]


def _flask_service(tmp_path, monkeypatch) -> None:
    """A package `svc` whose Flask app serves one route, as the current directory."""
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "__init__.py").write_text("")
    (tmp_path / "svc" / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n" + ROUTES)
    monkeypatch.chdir(tmp_path)


def _cli_rules(run_cli, *options: str) -> list:
    """The rules of the PRR201 findings `prr-lint check .` reports through the CLI."""
    result = run_cli("check", ".", "--select", "PRR201", "--output-format", "json", *options)
    return [finding["rule"] for finding in json.loads(result.output)["findings"]]


def test_app_instrumented_from_another_module_or_globally_is_covered() -> None:
    app = "from flask import Flask\napp = Flask(__name__)\n" + ROUTES
    assert _codes(run({"svc/app.py": app}, select=("PRR201",))) == [("PRR201", "svc/app.py", 2)]
    targeted = {"svc/app.py": app, "svc/metrics.py": "from prometheus_flask_exporter import PrometheusMetrics\nfrom svc.app import app\nPrometheusMetrics(app)\n"}
    assert _codes(run(targeted, select=("PRR201",))) == []
    other_app = {"svc/app.py": app, "svc/metrics.py": "from flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n"
                 "admin = Flask('admin')\nPrometheusMetrics(admin)\n"}
    assert _codes(run(other_app, select=("PRR201",))) == [("PRR201", "svc/app.py", 2)]
    global_ = {"svc/app.py": app, "svc/otel.py": "from opentelemetry.instrumentation.flask import FlaskInstrumentor\nFlaskInstrumentor().instrument()\n"}
    assert _codes(run(global_, select=("PRR201",))) == []
    auto = {"svc/app.py": app, "svc/__init__.py": "import ddtrace.auto  # noqa: F401\n"}
    assert _codes(run(auto, select=("PRR201",))) == []
    assert _codes(run({"svc/app.py": app}, select=("PRR201",), settings=settings_with(instrumentation={"external": True}))) == []


def test_project_subclass_of_the_app_class_is_the_app_reported_once_at_the_class() -> None:
    base = "from flask import Flask\n\nclass ServiceFlask(Flask):\n    pass\n\nclass AdminFlask(ServiceFlask):\n    pass\n"
    app = "from svc.base import AdminFlask\n\ndef create_app():\n    app = AdminFlask(__name__)\n\n    @app.get('/orders')\n    def orders():\n        return []\n    return app\n"
    files = {"svc/base.py": base, "svc/app.py": app}
    assert _codes(run(files, select=("PRR201", "PRR206"))) == [("PRR201", "svc/base.py", 3), ("PRR206", "svc/base.py", 3)]
    metrics = "from prometheus_flask_exporter import PrometheusMetrics\nfrom svc.app import create_app\nPrometheusMetrics(create_app())\n"
    assert _codes(run({**files, "svc/metrics.py": metrics}, select=("PRR201",))) == []
    # a subclass whose instances serve no routes is not reported
    assert _codes(run({"svc/base.py": base}, select=("PRR201", "PRR206"))) == []


def test_app_factory_and_middleware_forms() -> None:
    factory = ("from flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n\ndef create_app():\n"
               "    app = Flask(__name__)\n    PrometheusMetrics(app)\n\n    @app.get('/x')\n    def x():\n        return 'x'\n    return app\n")
    assert _codes(run({"svc/app.py": factory}, select=("PRR201",))) == []
    starlette = ("from fastapi import FastAPI\nfrom starlette_exporter import PrometheusMiddleware\napp = FastAPI()\n"
                 "app.add_middleware(PrometheusMiddleware)\n" + ROUTES)
    assert _codes(run({"svc/app.py": starlette}, select=("PRR201",))) == []
    grpc_server = ("import grpc\nfrom py_grpc_prometheus.prometheus_server_interceptor import PromServerInterceptor\n"
                   "from svc import p_pb2_grpc\n\nclass S(p_pb2_grpc.PServicer):\n    def Get(self, request, context):\n        pass\n\n"
                   "server = grpc.server(None, interceptors=[PromServerInterceptor()])\n")
    assert _codes(run({"svc/server.py": grpc_server}, select=("PRR201",))) == []


def test_django_settings_middleware() -> None:
    views = {"shop/urls.py": "from django.urls import path\nfrom shop import views\nurlpatterns = [path('orders/', views.orders), path('healthz/', views.health)]\n",
             "shop/views.py": "def orders(request):\n    return None\n\ndef health(request):\n    return None\n"}
    bare = {**views, "shop/settings.py": "MIDDLEWARE = ['django.middleware.common.CommonMiddleware']\n"}
    assert _codes(run(bare)) == [("PRR201", "shop/settings.py", 1)]
    covered = {**views, "shop/settings.py": "MIDDLEWARE = [\n    'django_prometheus.middleware.PrometheusBeforeMiddleware',\n]\n"}
    assert _codes(run(covered)) == []


def test_production_settings_extending_the_base_middleware_with_instrumentation() -> None:
    """The deployed settings module star-imports the base settings and wraps their MIDDLEWARE in
    django_prometheus's middlewares: the base list is instrumented where it runs. One that adds
    something else, or a module that does not take the base list, leaves the finding."""
    views = {"shop/urls.py": "from django.urls import path\nfrom shop import views\nurlpatterns = [path('orders/', views.orders)]\n",
             "shop/views.py": "def orders(request):\n    return []\n",
             "shop/settings.py": "MIDDLEWARE = ('django.middleware.common.CommonMiddleware',)\n"}
    wrap = ("MIDDLEWARE = (\n    ('{0}.middleware.PrometheusBeforeMiddleware',)\n    + MIDDLEWARE\n"
            "    + ('{0}.middleware.PrometheusAfterMiddleware',)\n)\n")
    production = {**views, "shop/production_settings.py": "from .settings import *  # noqa\n" + wrap.format("django_prometheus")}
    assert _codes(run(production, select=("PRR201",))) == []
    chained = {**production, "shop/catalog_settings.py": "from .production_settings import *  # noqa\n"}
    assert _codes(run(chained, select=("PRR201",))) == []
    other = {**views, "shop/production_settings.py": "from .settings import *  # noqa\n" + wrap.format("whitenoise")}
    assert _codes(run(other, select=("PRR201",))) == [("PRR201", "shop/settings.py", 1)]
    unrelated = {**views, "shop/other_settings.py": "from .defaults import *  # noqa\n" + wrap.format("django_prometheus"),
                 "shop/defaults.py": "MIDDLEWARE = ()\n"}
    assert ("PRR201", "shop/settings.py", 1) in _codes(run(unrelated, select=("PRR201",)))


def test_missing_health_endpoint() -> None:
    app = "from flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\napp = Flask(__name__)\nPrometheusMetrics(app)\n"
    assert _codes(run({"svc/app.py": app + ROUTES}, select=("PRR206",))) == [("PRR206", "svc/app.py", 3)]
    health = app + ROUTES + "\n@app.get('/api/readyz')\ndef ready():\n    return 'ok'\n"
    assert _codes(run({"svc/app.py": health}, select=("PRR206",))) == []
    custom = app + "\n@app.get('/status')\ndef status():\n    return 'ok'\n"
    assert _codes(run({"svc/app.py": custom}, select=("PRR206",), settings=settings_with(health={"paths": ("/status",)}))) == []
    grpc_health = ("import grpc\nfrom grpc_health.v1 import health, health_pb2_grpc\nfrom svc import p_pb2_grpc\n\n"
                   "class S(p_pb2_grpc.PServicer):\n    def Get(self, request, context):\n        pass\n\n"
                   "server = grpc.server(None)\nhealth_pb2_grpc.add_HealthServicer_to_server(health.HealthServicer(), server)\n")
    assert _codes(run({"svc/server.py": grpc_health}, select=("PRR206",))) == []
    bare_grpc = ("import grpc\nfrom svc import p_pb2_grpc\n\nclass S(p_pb2_grpc.PServicer):\n    def Get(self, request, context):\n        pass\n\n"
                 "server = grpc.server(None)\np_pb2_grpc.add_PServicer_to_server(S(), server)\n")
    assert _codes(run({"svc/server.py": bare_grpc}, select=("PRR206",))) == [("PRR206", "svc/server.py", 8)]
    # an RPC of the service's own that a probe calls (`Ping`) answers health checks as a HealthServicer does
    ping = bare_grpc.replace("        pass\n\n", "        pass\n\n    def Ping(self, request, context):\n        return None\n\n")
    assert _codes(run({"svc/server.py": ping}, select=("PRR206",))) == []


def test_metric_per_request_only_on_serving_paths() -> None:
    files = {
        "svc/views.py": "from flask import Blueprint\nfrom svc import m\nbp = Blueprint('b', __name__)\n\n@bp.get('/')\ndef i():\n    m.per_request()\n",
        "svc/m.py": "from prometheus_client import Counter, CollectorRegistry\n_C = {}\n\n"
        "def per_request():\n    Counter('a', 'a').inc()\n    Counter('b', 'b', registry=CollectorRegistry())\n"
        "    if 'c' not in _C:\n        _C['c'] = Counter('c', 'c')\n\ndef offline():\n    Counter('d', 'd')\n",
    }
    assert _codes(run(files, select=("PRR204",))) == [("PRR204", "svc/m.py", 5)]


def test_unbounded_labels() -> None:
    source = ("from fastapi import Request\nfrom prometheus_client import Counter\nC = Counter('c', 'c', ['a'])\n\n"
              "def f(request: Request, user):\n    C.labels(request.url.path).inc()\n    C.labels(a=request.method).inc()\n"
              "    C.labels(a=str(user.id)).inc()\n    C.labels(a=request.headers.get('x')).inc()\n")
    assert _codes(run({"svc/a.py": source}, select=("PRR205",))) == [("PRR205", "svc/a.py", 6), ("PRR205", "svc/a.py", 9)]


def test_an_apm_launcher_that_starts_the_service_instruments_it(tmp_path, run_cli, monkeypatch) -> None:
    """pontoon's Procfile runs `newrelic-admin run-program gunicorn ...`: New Relic's agent instruments
    every request. A commented-out launcher line does not count, and a cached run sees the edit."""
    _flask_service(tmp_path, monkeypatch)

    def codes():
        return _cli_rules(run_cli)

    assert codes() == ["PRR201"]
    (tmp_path / "Procfile").write_text("web: newrelic-admin run-program gunicorn svc.app:app\n")
    assert codes() == []
    (tmp_path / "Procfile").write_text("# web: newrelic-admin run-program gunicorn svc.app:app\nweb: gunicorn svc.app:app\n")
    assert codes() == ["PRR201"]
    (tmp_path / "docker").mkdir()
    (tmp_path / "docker" / "Dockerfile").write_text('FROM python:3.12\nCMD ["ddtrace-run", "gunicorn", "svc.app:app"]\n')
    assert codes() == []



def test_programs_imported_from_their_own_roots_keep_their_own_routes(tmp_path, run_cli, monkeypatch) -> None:
    """Two programs, each imported from its own directory, name their modules alike (`app.main`): an
    app answers for the routes under its own import root, not for the other program's."""
    for name in ("orders", "users"):
        package = tmp_path / "services" / name / "app"
        (package / "routers").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "routers" / "__init__.py").write_text("")
        (package / "main.py").write_text(f"from fastapi import FastAPI\nfrom app.routers import {name}\n"
                                         f"app = FastAPI()\napp.include_router({name}.router)\n")
        (package / "routers" / f"{name}.py").write_text("from fastapi import APIRouter\nrouter = APIRouter()\n\n"
                                                       f"@router.get('/{name}')\ndef {name}():\n    return []\n")
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", ".", "--select", "PRR201", "--output-format", "json")
    found = {finding["path"]: finding["message"] for finding in json.loads(result.output)["findings"]}
    assert found["services/orders/app/main.py"].endswith("(/orders)")
    assert found["services/users/app/main.py"].endswith("(/users)")


def test_a_program_with_no_routes_of_its_own_does_not_borrow_another_programs(tmp_path, run_cli, monkeypatch) -> None:
    """Two agents, each imported from its own directory, build a Starlette app in `broker.py`: one
    only mounts an ASGI callable (no entry point of its own), the other declares a route. The first
    is not reported with the second's route; the second still is."""
    def broker(routes: str) -> str:
        return ("from starlette.applications import Starlette\nfrom starlette.routing import Mount, Route\n\n"
                "async def mcp(scope, receive, send):\n    pass\n\n"
                "async def patch(request):\n    return None\n\n"
                f"def build_app():\n    return Starlette(routes=[Mount('/mcp', app=mcp){routes}])\n")
    for name, routes in (("diagnosis", ""), ("fixer", ", Route('/revision/{rev}/patch', patch)")):
        package = tmp_path / "agents" / name / "agents_ns" / name
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "broker.py").write_text(broker(routes))
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", ".", "--select", "PRR201", "--output-format", "json")
    found = {finding["path"]: finding["message"] for finding in json.loads(result.output)["findings"]}
    assert list(found) == ["agents/fixer/agents_ns/fixer/broker.py"]
    assert found["agents/fixer/agents_ns/fixer/broker.py"].endswith("(/revision/{rev}/patch)")


def test_apps_of_one_package_keep_the_routes_declared_on_them() -> None:
    """Separate Flask programs of one package (`service/a/main.py`, `service/b/main.py`), each building
    its own app: one app's routes, its health route among them, are not another's."""
    def program(routes: str) -> str:
        return "from flask import Flask\napp = Flask(__name__)\n" + routes
    health = "\n@app.get('/health')\ndef health():\n    return 'ok'\n"
    files = {"service/__init__.py": "", "service/a/__init__.py": "", "service/a/main.py": program(ROUTES + health),
             "service/b/__init__.py": "", "service/b/main.py": program(ROUTES)}
    findings = run(files, select=("PRR201", "PRR206")).findings
    assert [(f.rule, f.path) for f in findings if f.rule == "PRR206"] == [("PRR206", "service/b/main.py")]
    assert next(f.message for f in findings if f.rule == "PRR201" and f.path == "service/b/main.py").endswith("(/orders)")


def test_root_app_mounting_a_sub_app_through_a_wrapper_method_is_one_finding() -> None:
    """The top-level server builds a root app and mounts the v2 app through a project method that
    calls `add_subapp`: both serve the v2 routes, one problem, reported once (at the sub-app)."""
    files = {
        "app/__init__.py": "",
        "app/api/__init__.py": "",
        "app/api/v2/__init__.py": "from aiohttp import web\n\nasync def agents(request):\n    return web.json_response([])\n\n"
                                  "def make_app():\n    app = web.Application()\n    app.router.add_get('/agents', agents)\n    return app\n",
        "app/service/__init__.py": "",
        "app/service/app_svc.py": "class AppService:\n    def __init__(self, application):\n        self.application = application\n\n"
                                  "    def register_subapp(self, path, app):\n        self.application.add_subapp(path, app)\n",
        "server.py": "from aiohttp import web\nimport app.api.v2\nfrom app.service.app_svc import AppService\n\n"
                     "def main():\n    app_svc = AppService(application=web.Application())\n"
                     "    app_svc.register_subapp('/api/v2', app.api.v2.make_app())\n    web.run_app(app_svc.application)\n",
    }
    assert _codes(run(files, select=("PRR201",))) == [("PRR201", "app/api/v2/__init__.py", 7)]


def test_app_declaring_its_own_routes_is_reported_for_those_alone() -> None:
    """A docs app in its own module declares its routes itself and has nothing registered on it;
    the main app, built in a factory, registers the API blueprint: each finding lists its own routes."""
    files = {
        "svc/__init__.py": "",
        "svc/api.py": "import flask\nAPI = flask.Blueprint('api', __name__)\n\n@API.route('/api/0/users')\ndef users():\n    return []\n",
        "svc/flask_app.py": "import flask\nfrom svc.api import API\n\ndef create_app():\n    app = flask.Flask(__name__)\n"
                            "    app.register_blueprint(API)\n    return app\n",
        "svc/docs_server.py": "import flask\nAPP = flask.Flask(__name__)\n\n@APP.route('/<repo>/')\ndef view_docs(repo):\n    return repo\n",
    }
    found = {f.path: f.message for f in run(files, select=("PRR201",)).findings}
    assert "1 entry point is unmonitored (/<repo>/)" in found["svc/docs_server.py"]
    assert "/api/0/users" not in found["svc/docs_server.py"]


def test_an_apm_agent_the_deployment_declares_instruments_the_apps_under_it(tmp_path, run_cli, monkeypatch) -> None:
    """edX's services declare `newrelic` in their requirements and no code imports it: the deployment
    starts them under `newrelic-admin`. A development or test requirements file does not count, and a
    dependency declared by one program of the repository covers that program's apps, not another's."""
    for name in ("orders", "users"):
        (tmp_path / name / "svc").mkdir(parents=True)
        (tmp_path / name / "svc" / "__init__.py").write_text("")
        (tmp_path / name / "svc" / "app.py").write_text("from flask import Flask\napp = Flask(__name__)\n" + ROUTES)
    monkeypatch.chdir(tmp_path)

    def paths():
        result = run_cli("check", ".", "--select", "PRR201", "--output-format", "json", "--no-cache")
        return sorted(finding["path"] for finding in json.loads(result.output)["findings"])

    assert paths() == ["orders/svc/app.py", "users/svc/app.py"]
    (tmp_path / "orders" / "requirements").mkdir()
    (tmp_path / "orders" / "requirements" / "dev.txt").write_text("pytest\nnewrelic==9.0\n")
    assert paths() == ["orders/svc/app.py", "users/svc/app.py"]
    (tmp_path / "orders" / "requirements" / "optional.txt").write_bytes(b"# agents\xff\nnewrelic  # run by newrelic-admin\n")
    assert paths() == ["users/svc/app.py"]
    (tmp_path / "users" / "pyproject.toml").write_text(
        '[project]\nname = "users"\ndependencies = [\n    "flask>=3",\n]\n\n[project.optional-dependencies]\n'
        'dev = ["ddtrace"]\n')
    assert paths() == ["users/svc/app.py"]
    (tmp_path / "users" / "pyproject.toml").write_text('[tool.poetry.dependencies]\npython = "^3.11"\nddtrace = "^2.0"\n')
    assert paths() == []


def test_a_declared_agent_that_code_uses_or_that_comes_in_transitively_is_no_launcher(tmp_path, run_cli, monkeypatch) -> None:
    """A pip-compile pin that only another package needs (`# via opentelemetry-instrumentation-logging`)
    and OpenTelemetry packages the project's own code imports or sets up say nothing of a launcher.
    yente (m30 G098) declares opentelemetry-distro and -instrumentation-fastapi and its code only calls
    the API (manual spans, a gauge): no code loads the instrumentor, the launcher's auto-instrumentation does."""
    _flask_service(tmp_path, monkeypatch)

    def codes():
        return _cli_rules(run_cli, "--no-cache")

    (tmp_path / "requirements.txt").write_text("flask==3.0\n    # via -r requirements.in\nopentelemetry-instrumentation==0.45b0\n"
                                               "    # via opentelemetry-instrumentation-logging\n")
    assert codes() == ["PRR201"]
    (tmp_path / "requirements.txt").write_text("opentelemetry-instrumentation-flask==0.45b0\n    # via -r requirements.in\n")
    assert codes() == []
    (tmp_path / "svc" / "tracing.py").write_text("from opentelemetry import trace\n\ntracer = trace.get_tracer(__name__)\n")
    assert codes() == []
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_spans.py").write_text("from opentelemetry.sdk.trace import TracerProvider\n")
    assert codes() == []
    (tmp_path / "svc" / "tracing.py").write_text("from opentelemetry.sdk.trace import TracerProvider\n\nPROVIDER = TracerProvider()\n")
    assert codes() == ["PRR201"]
    (tmp_path / "svc" / "tracing.py").write_text("from opentelemetry.instrumentation.flask import FlaskInstrumentor\n")
    assert codes() == ["PRR201"]


def test_an_agent_installed_by_the_image_instruments_the_service(tmp_path, run_cli, monkeypatch) -> None:
    """`RUN pip install newrelic` in the Dockerfile, or a Kubernetes manifest starting the container
    under `opentelemetry-instrument`: the process runs under the agent."""
    _flask_service(tmp_path, monkeypatch)

    def codes():
        return _cli_rules(run_cli, "--no-cache")

    (tmp_path / "Dockerfile").write_text("FROM python:3.12\nRUN pip install -r requirements.txt\nCMD gunicorn svc.app:app\n")
    assert codes() == ["PRR201"]
    (tmp_path / "Dockerfile").write_text("FROM python:3.12\nRUN pip install --no-cache-dir newrelic gunicorn\n")
    assert codes() == []
    (tmp_path / "Dockerfile").unlink()
    (tmp_path / "deploy").mkdir()
    (tmp_path / "deploy" / "web.yaml").write_text("spec:\n  containers:\n    - command: [opentelemetry-instrument, gunicorn, svc.app:app]\n")
    assert codes() == []


def test_metric_objects_and_extensions_built_in_another_module() -> None:
    views = {"shop/urls.py": "from django.urls import path\nfrom shop import views\nurlpatterns = [path('orders/', views.orders)]\n",
             "shop/views.py": "def orders(request):\n    return None\n",
             "shop/settings.py": "MIDDLEWARE = ['shop.middleware.ResponseMetrics']\n",
             "shop/stats.py": "import markus\nmetrics = markus.get_metrics('shop')\n"}
    middleware = ("from shop.stats import metrics\n\nclass ResponseMetrics:\n    def __init__(self, get_response):\n"
                  "        self.get_response = get_response\n\n    def __call__(self, request):\n"
                  "        response = self.get_response(request)\n        metrics.incr('response')\n        return response\n")
    assert _codes(run({**views, "shop/middleware.py": middleware}, select=("PRR201",))) == []
    logged = {**views, "shop/stats.py": "import structlog\nmetrics = structlog.get_logger('shop')\n"}
    assert _codes(run({**logged, "shop/middleware.py": middleware}, select=("PRR201",))) == [("PRR201", "shop/settings.py", 1)]
    app = ("from flask import Flask\n\ndef create_app():\n    from svc.ext import extension\n    app = Flask(__name__)\n"
           "    extension.init_app(app)\n\n    @app.get('/orders')\n    def orders():\n        return []\n    return app\n")
    gds = {"svc/app.py": app, "svc/ext.py": "from gds_metrics import GDSMetrics\nextension = GDSMetrics()\n"}
    assert _codes(run(gds, select=("PRR201",))) == []
    database = {"svc/app.py": app, "svc/ext.py": "from flask_sqlalchemy import SQLAlchemy\nextension = SQLAlchemy()\n"}
    assert _codes(run(database, select=("PRR201",))) == [("PRR201", "svc/app.py", 5)]


def test_new_relic_logs_in_context_correlate_request_logs(tmp_path, run_cli, monkeypatch) -> None:
    """etools runs under `newrelic-admin run-program`: the agent forwards each log record with the trace
    id of its request (PRR405). `ddtrace-run` injects trace ids only when asked to, so it does not count."""
    (tmp_path / "svc").mkdir()
    (tmp_path / "svc" / "__init__.py").write_text("")
    (tmp_path / "svc" / "app.py").write_text(
        "import logging\nfrom flask import Flask\nlog = logging.getLogger(__name__)\napp = Flask(__name__)\n\n"
        "@app.get('/orders')\ndef orders():\n    log.info('listing orders')\n    return []\n")
    monkeypatch.chdir(tmp_path)

    def codes():
        result = run_cli("check", ".", "--select", "PRR405", "--output-format", "json")
        return [finding["rule"] for finding in json.loads(result.output)["findings"]]

    assert codes() == ["PRR405"]
    (tmp_path / "Procfile").write_text('web: ddtrace-run gunicorn svc.app:app\n')
    assert codes() == ["PRR405"]
    (tmp_path / "Procfile").write_text("web: newrelic-admin run-program gunicorn svc.app:app\n")
    assert codes() == []


def test_library_set_ups_that_instrument_every_request() -> None:
    """Catalogued libraries whose set-up instruments every request, by the names the project's imports
    resolve to: dockerflow's ASGI summary logger (it installs its JSON formatter itself), and
    funding-service-design-utils' init_sentry (its code runs sentry_sdk.init with a traces_sampler),
    imported from its package or its module. A lookalike of the project's own or an unread library
    stays reported."""
    app = "from fastapi import FastAPI\n{imports}\napp = FastAPI()\napp.add_middleware({middleware})\n" + ROUTES
    dockerflow = app.format(imports="from dockerflow.fastapi.middleware import MozlogRequestSummaryLogger",
                            middleware="MozlogRequestSummaryLogger")
    assert _codes(run({"svc/app.py": dockerflow}, select=("PRR201",))) == []
    gzip = app.format(imports="from starlette.middleware.gzip import GZipMiddleware", middleware="GZipMiddleware")
    assert _codes(run({"svc/app.py": gzip}, select=("PRR201",))) == [("PRR201", "svc/app.py", 3)]
    flask = "from flask import Flask\n{imports}\ninit_sentry()\napp = Flask(__name__)\n" + ROUTES
    for imports in ("from fsd_utils import init_sentry", "from fsd_utils.sentry.init_sentry import init_sentry"):
        assert _codes(run({"svc/app.py": flask.format(imports=imports)}, select=("PRR201",))) == []
    own = {"svc/app.py": flask.format(imports="from svc.errors import init_sentry"),
           "svc/errors.py": "import sentry_sdk\n\ndef init_sentry():\n    sentry_sdk.init(dsn='https://key@sentry.example/1')\n"}
    assert _codes(run(own, select=("PRR201",))) == [("PRR201", "svc/app.py", 4)]


def test_app_built_only_when_none_is_handed_in_and_discarded_is_no_app() -> None:
    """An asset or set-up helper builds an app of its own only when its caller (a build script) hands it
    none, and drops it: the served app's routes are reported where the served app is built. A helper
    that serves the app it builds, or returns it, builds the service's app."""
    routes = ("from flask import Blueprint\norders = Blueprint('orders', __name__)\n\n@orders.get('/orders')\n"
              "def list_orders():\n    return []\n")
    served = ("from flask import Flask\nfrom svc.assets import init_assets\nfrom svc.routes import orders\n\n"
              "def create_app():\n    app = Flask(__name__)\n    app.register_blueprint(orders)\n    init_assets(app)\n    return app\n")
    helper = ("from flask import Flask\n\ndef init_assets(app=None):\n    if app is None:\n        app = Flask(__name__)\n"
              "    app.config['ASSETS'] = True\n\n    @app.get('/bundle')\n    def bundle():\n        return ''\n{tail}")
    files = {"svc/routes.py": routes, "svc/app.py": served}
    discarded = _codes(run({**files, "svc/assets.py": helper.format(tail="")}, select=("PRR201",)))
    assert discarded == [("PRR201", "svc/app.py", 6)]
    for tail in ("    return app\n", "    import waitress\n    waitress.serve(app, port=8080)\n", "    run_simple('0.0.0.0', 8080, app)\n",
                 "    APPS.append(app)\n", "    self.app: Flask = app\n",
                 "    import threading\n    threading.Thread(target=app.run).start()\n",
                 "    from gevent.pywsgi import WSGIServer\n    WSGIServer(('', 80), app).serve_forever()\n",
                 "    server = make_wsgi(app)\n    server.serve_forever()\n"):
        kept = _codes(run({**files, "svc/assets.py": helper.format(tail=tail)}, select=("PRR201",)))
        assert ("PRR201", "svc/assets.py", 5) in kept, tail


def test_helper_the_service_calls_on_loopback_at_its_fixed_port_is_not_reported() -> None:
    """A model helper started beside the API on a fixed port that the API's code calls on loopback: its
    caller's instrumentation sees its failures. A port the command line sets (a controller whose default
    address a client names) or a fixed port nothing calls on loopback keeps the helper reported."""
    api = ("import requests\nfrom fastapi import FastAPI\nfrom svc.config import EMBED_URL\n\napp = FastAPI()\n\n"
           "@app.post('/ask')\ndef ask(q: str):\n    return requests.post(f'http://{EMBED_URL}/embed', json=[q], timeout=5).json()\n")
    helper = ("import argparse\nimport uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n"
              "@app.post('/embed')\ndef embed(texts: list):\n    return [[0.0] for _ in texts]\n\n"
              "if __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n"
              "    parser.add_argument('--port', type=int, default=9001)\n    args = parser.parse_args()\n"
              "    uvicorn.run(app, host='0.0.0.0', port={port})\n")
    files = {"svc/api.py": api, "svc/config.py": 'EMBED_URL = "localhost:9001"\n'}
    select = ("PRR201",)
    assert _codes(run({**files, "svc/embed_server.py": helper.format(port="9001")}, select=select)) == [("PRR201", "svc/api.py", 5)]
    for port in ("args.port", "9002"):
        found = _codes(run({**files, "svc/embed_server.py": helper.format(port=port)}, select=select))
        assert found == [("PRR201", "svc/api.py", 5), ("PRR201", "svc/embed_server.py", 5)], port
