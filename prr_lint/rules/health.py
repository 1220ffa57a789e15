"""PRR206: a service with routes but no health-check endpoint (PRR-MON), settled in the project phase."""

from __future__ import annotations

import libcst as cst

from prr_lint.model import Severity
from prr_lint.rules.base import Example
from prr_lint.rules.instrumentation import AppObjects

# Libraries that answer health probes for the app they are installed in (settings strings or imports).
HEALTH_LIBRARIES = ("dockerflow", "health_check", "watchman", "django_healthchecks", "flask_healthz", "healthcheck.HealthCheck",
                    "healthcheck.Healthcheck")  # oslo.middleware's, mounted at /healthcheck


class MissingHealthEndpoint(AppObjects):
    """A service with routes but no health-check endpoint.

    What it does
        Reports an HTTP app (or Django settings module) when no route in the project matches
        `health.paths` (`/healthz`, `/readyz`, `/livez`, `/health`, `/ready` by default) and no
        handler is named like one (`health`, `healthz`, `ping` ...), and a gRPC server when no
        `grpc_health` `HealthServicer` is registered and no RPC of its own is named like a probe
        (a `Ping` method of a servicer answers health checks as well). Apps with no entry points
        are not reported.
        A probe path answered by an ASGI/WSGI wrapper in front of the app (a comparison of
        `environ["PATH_INFO"]`, `scope["path"]` or `request.path` with `/healthz` ...) is a
        health endpoint, and so is a route registered at a probe path whatever view answers it
        (`bp.add_url_rule("/ping", "ping", lambda: ("", 204))`). A Django project whose settings
        install a library that answers probes itself (Dockerflow's `DockerflowMiddleware` serves
        `/__heartbeat__` and `/__lbheartbeat__`; `django-health-check`, `django-watchman`), or an
        app module that sets one up (`Dockerflow(app)`), has a health endpoint too.
        A view class named for a probe is a health route whatever path serves it: a probe word
        (`health`, `ping`, `heartbeat`, `liveness`, `readiness`) followed only by words naming a
        view (`HealthCheckView` at `^status/?$`, a `HealthHandler` registered through a
        configurable setting, `(r"/health", self.health_handler_class)`), or a bare
        `StatusResource` (not `FileStatusResource`, a model's view); a regex route's optional
        trailing slash (`^status/?$`) is matched as the path it serves (`/status`); a probe word
        inside underscores or after a qualifier is one too (`/__heartbeat__`, `/__lbheartbeat__`).
        A handler whose docstring says it answers health checks ("HEAD endpoint for health checking
        the scheduler", "should be used to check the API health") is a probe whatever its route,
        and so is a handler or last path segment naming the health of a qualifier (`service_health/`;
        `status`, `ready` and `ping` only stand alone: `order_status` is a resource's state).
        oslo.middleware's `Healthcheck` app (mounted at `/healthcheck`) answers probes too.
        An app whose every route only hands out files, templates or redirects (a web UI bundle
        mounted into a daemon's server) is not reported: there is nothing of the service's for a
        probe to exercise.
        One finding per served route set, and an app's routes are its own program's (see PRR201);
        the message lists the routes looked at and the paths and names a probe would have.
        A project subclass of a framework's app class is reported once, at the class.

    Why is this bad?
        Load balancers and orchestrators route traffic and restart instances by probing health.
        Without a probe that exercises the process, a wedged instance keeps receiving requests,
        and a rollout cannot tell a healthy new version from a broken one.

    Example
        app = Flask(__name__)

        @app.get("/orders")
        def orders(): ...

    Use instead
        @app.get("/healthz")
        def healthz():
            return {"status": "ok"}

    Options
        `health.paths`.
        Off by default (opt-in through `select`). Health probes are often served by deployment
        configuration the code does not hold (a paste pipeline, a sidecar, a platform router that
        probes nothing): on services it was not tuned on, few of its findings were judged worth
        changing (four measurements).

    References
        PRR-MON: "Are all user-visible request failures well instrumented and monitored, with
        suitable alerting configured?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR206"
    name = "missing-health-endpoint"
    severity = Severity.WARNING
    checklist = ("PRR-MON",)
    summary = "A service exposes routes but no health-check endpoint"
    default_enabled = False
    service_only = True
    VALID = (
        Example(
            "from flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n\napp = Flask(__name__)\n"
            "PrometheusMetrics(app)\n\n@app.route('/healthz/')\ndef probe():\n    return 'ok'\n"
        ),
        # the WSGI wrapper in front of the app answers the probe
        Example(
            "from flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n\napp = Flask(__name__)\n"
            "PrometheusMetrics(app)\n\n@app.get('/orders')\ndef orders():\n    return []\n\n"
            "def application(environ, start_response):\n    if environ.get('PATH_INFO') == '/healthz':\n"
            "        start_response('200 OK', [])\n        return [b'ok']\n    return app(environ, start_response)\n"
        ),
        # a probe route answered by a lambda
        Example(
            "from flask import Blueprint, Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n\n"
            "bp = Blueprint('core', __name__)\nbp.add_url_rule('/ping', 'ping', lambda: ('', 204))\n\n"
            "@bp.get('/orders')\ndef orders():\n    return []\n\napp = Flask(__name__)\nPrometheusMetrics(app)\napp.register_blueprint(bp)\n"
        ),
        # a route of its own at Dockerflow's load-balancer heartbeat
        Example(
            "from flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n\napp = Flask(__name__)\n"
            "PrometheusMetrics(app)\n\n@app.route('/__lbheartbeat__')\ndef lbheartbeat():\n    return ''\n\n"
            "@app.get('/orders')\ndef orders():\n    return []\n"
        ),
        # Django settings installing a middleware that answers the load balancer's heartbeat
        Example(
            "MIDDLEWARE = [\n    'django_prometheus.middleware.PrometheusBeforeMiddleware',\n"
            "    'dockerflow.django.middleware.DockerflowMiddleware',\n    'django.middleware.common.CommonMiddleware',\n]\n"
            "ROOT_URLCONF = 'svc.urls'\n",
            path="svc/settings.py",
        ),
        # the handler's docstring says it answers health checks
        Example(
            "from opentelemetry.instrumentation.tornado import TornadoInstrumentor\nfrom tornado import web\n\n"
            "TornadoInstrumentor().instrument()\n\ndef load_tasks():\n    return {}\n\n"
            "class Scheduler(web.RequestHandler):\n    def get(self):\n        self.write(load_tasks())\n\n"
            "    def head(self):\n        \"\"\"HEAD endpoint for health checking the scheduler.\"\"\"\n        self.set_status(204)\n\n"
            "app = web.Application([(r'/', Scheduler)])\n"
        ),
        # the service's health, at `service_health/`
        Example(
            "MIDDLEWARE = ['django_prometheus.middleware.PrometheusBeforeMiddleware', 'django.middleware.common.CommonMiddleware']\n\n"
            "from django.urls import path\n\ndef orders(request):\n    return []\n\ndef service_health(request):\n    return 'ok'\n\n"
            "urlpatterns = [path('orders/', orders), path('service_health/', service_health)]\n",
            path="svc/settings.py",
        ),
        # oslo.middleware's health-check app mounted in front of the app
        Example(
            "from flask import Flask\nfrom oslo_middleware import healthcheck\nfrom prometheus_flask_exporter import PrometheusMetrics\n"
            "from werkzeug.middleware import dispatcher\n\napp = Flask(__name__)\nPrometheusMetrics(app)\n\n"
            "@app.get('/orders')\ndef orders():\n    return []\n\n"
            "app.wsgi_app = dispatcher.DispatcherMiddleware(app.wsgi_app, {'/healthcheck': healthcheck.Healthcheck.app_factory({})})\n"
        ),
        # a web UI bundle: files and redirects only
        Example(
            "from flask import Flask, redirect, send_from_directory\n\nui = Flask(__name__)\n\n"
            "@ui.route('/assets/<path:path>')\ndef assets(path):\n    return send_from_directory('dist', path)\n\n"
            "@ui.route('/')\ndef home():\n    return redirect('/assets/index.html')\n"
        ),
    )
    INVALID = (
        # a resource's state is no probe
        Example(
            "from flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n\n"
            "app = Flask(__name__)  # expect: PRR206\nPrometheusMetrics(app)\n\n"
            "@app.get('/orders/<int:order>/order_status')\ndef order_status(order):\n    return str(order)\n"
        ),
        Example(
            "from flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n\n"
            "app = Flask(__name__)  # expect: PRR206\nPrometheusMetrics(app)\n\n"
            "@app.get('/orders')\ndef orders():\n    return []\n"
        ),
        Example(
            "from fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n\n"
            "class App(FastAPI):  # expect: PRR206\n    pass\n\napp = App()\nInstrumentator().instrument(app)\n\n"
            "@app.get('/orders')\ndef orders():\n    return []\n"
        ),
    )

    def _health_library(self) -> bool:
        """The module installs or sets up a library that answers health probes itself."""
        return any(marker in self.ctx.source for marker in HEALTH_LIBRARIES)

    def visit_Call(self, node: cst.Call) -> None:
        found = self.app_at(node)
        if found is None or (found[0] != "grpc" and self._health_library()):
            return
        framework = found[0]
        what = "gRPC server registers no health servicer" if framework == "grpc" else f"{framework} app exposes no health-check route"
        self.report(node, f"this {what}", "no-health-endpoint", found)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        found = self.app_class(node)
        if found is not None:
            message = f"the {found[0]} app class `{node.name.value}` exposes no health-check route"
            self.report(node.name, message, "no-health-endpoint", found)

    def visit_Assign(self, node: cst.Assign) -> None:
        self._django(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._django(node)

    def _django(self, node: cst.CSTNode) -> None:
        if self.django_settings(node) and not self._health_library():
            self.report(node, "this Django project exposes no health-check route", "no-health-endpoint", ("django",))


HEALTH_RULES = (MissingHealthEndpoint,)
