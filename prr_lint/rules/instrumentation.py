"""PRR2xx: request handling that is not instrumented and monitored (checklist item PRR-MON).

PRR201 and PRR206 are found at an app's construction (or a Django settings module) and settled in
the project phase, which knows every module's instrumentation calls and every entry point.
PRR204 is settled by serving reachability; PRR205 is per file.
"""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule
from prr_lint.rules.degraded import DEGRADED_RULES
from prr_lint.tree import descendants

_DJANGO_MIDDLEWARE = ("MIDDLEWARE", "MIDDLEWARE_CLASSES")


class _AppObjects(Rule):
    """Finds app and server objects: (framework, key of the variable that holds it)."""

    def app_at(self, node: cst.Call) -> Optional[Tuple[str, str]]:
        name = self.ctx.resolver.qualified_name(node.func)
        framework = fw.APP_CONSTRUCTORS.get(name or "")
        if framework is None:
            return None
        return framework, self._assigned_key()

    def app_class(self, node: cst.ClassDef) -> Optional[Tuple[str, str]]:
        """(framework, key) when the project subclasses a framework's app class directly
        (`class CTFdFlask(Flask)`): its instances are the app, wherever they are built. A subclass of
        that subclass is the same app, reported once at the first one."""
        for base in node.bases:
            if base.keyword is None:
                framework = fw.APP_CONSTRUCTORS.get(fw.canonical(self.ctx.resolver.base_class_name(base.value) or ""))
                if framework is not None and framework != "grpc":
                    return framework, f"class:{self.ctx.resolver.scope.qualname}"
        return None

    def _assigned_key(self) -> str:
        parent = self.ctx.ancestors[-1] if self.ctx.ancestors else None
        target = None
        if isinstance(parent, cst.Assign) and len(parent.targets) == 1:
            target = parent.targets[0].target
        elif isinstance(parent, cst.AnnAssign):
            target = parent.target
        if not isinstance(target, cst.Name):
            return ""
        scope = self.ctx.resolver.scope
        return f"{scope.qualname}.{target.value}" if scope.qualname else target.value

    def instrumented_in_arguments(self, node: cst.Call) -> bool:
        """`Starlette(middleware=[Middleware(PrometheusMiddleware)])`, `grpc.server(interceptors=[...])`."""
        resolver = self.ctx.resolver
        for arg in node.args:
            for child in (arg.value, *descendants(arg.value)):
                if isinstance(child, (cst.Name, cst.Attribute)):
                    name = resolver.qualified_name(child)
                    if name is not None and fw.instrumentation_family(name) is not None:
                        return True
        return False

    def django_settings(self, node: cst.Assign) -> bool:
        """A module-level `MIDDLEWARE = [...]`: this module is the Django app's settings."""
        if self.ctx.resolver.enclosing_function is not None or self.ctx.resolver.scope.kind != "module":
            return False
        if self.ctx.module_name.startswith("django."):  # Django's own defaults, not a project's settings
            return False
        return any(isinstance(t.target, cst.Name) and t.target.value in _DJANGO_MIDDLEWARE for t in node.targets)


class AppWithoutRequestInstrumentation(_AppObjects):
    """An app or server that no request metrics or tracing reaches.

    What it does
        Reports a Flask/Quart, FastAPI/Starlette, aiohttp, Tornado, Sanic, Falcon app or a gRPC
        server (and a Django settings module) when nothing in the project registers app-level
        instrumentation for it: Prometheus exporters and middleware (`PrometheusMetrics(app)`,
        `Instrumentator().instrument(app)`, `starlette_exporter`, `django_prometheus`,
        `py_grpc_prometheus` interceptors), OpenTelemetry instrumentors and middleware, Datadog,
        New Relic, Elastic APM or X-Ray. Reported once, at the app's construction, listing the
        entry points it leaves uncovered; apps with no entry points are not reported. A project
        subclass of a framework's app class (`class CTFdFlask(Flask)`, in any module) is the app:
        reported once, at the class, and the routes of its instances are its entry points.

    Why is this bad?
        Without request counts, error rates and latency per route, user-visible failures are
        invisible until users complain: there is nothing to alert on and no SLO to measure. App-
        level instrumentation covers every handler at once, including the ones added later.

    Example
        app = Flask(__name__)

    Use instead
        app = Flask(__name__)
        PrometheusMetrics(app)

    Options
        `instrumentation.external = true` when the service runs under `opentelemetry-instrument`,
        `ddtrace-run` or a similar launcher; `instrumentation.approved` for in-house
        instrumentation functions.

    References
        PRR-MON: "Are all user-visible request failures well instrumented and monitored, with
        suitable alerting configured?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR201"
    name = "app-without-request-instrumentation"
    severity = Severity.WARNING
    checklist = ("PRR-MON",)
    summary = "An app or server has no request metrics or tracing registered"
    service_only = True
    VALID = (
        Example(
            "from flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n\napp = Flask(__name__)\n"
            "PrometheusMetrics(app)\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        Example(
            "from fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n\n"
            "app = FastAPI()\nInstrumentator().instrument(app).expose(app)\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        Example("from flask import Flask\n\napp = Flask(__name__)\n"),
        Example(
            "from flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n\n"
            "class ServiceFlask(Flask):\n    pass\n\napp = ServiceFlask(__name__)\nPrometheusMetrics(app)\n\n"
            "@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
    )
    INVALID = (
        # a project subclass of the framework's app class is the app
        Example(
            "from flask import Flask\n\nclass ServiceFlask(Flask):  # expect: PRR201\n    pass\n\n"
            "app = ServiceFlask(__name__)\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        Example(
            "from flask import Flask\n\napp = Flask(__name__)  # expect: PRR201\n\n"
            "@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        found = self.app_at(node)
        if found is None or self.instrumented_in_arguments(node):
            return
        framework, key = found
        what = "gRPC server" if framework == "grpc" else f"{framework} app"
        self.report(node, f"this {what} has no request metrics or tracing", "uninstrumented-app", (framework, key))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        found = self.app_class(node)
        if found is not None:
            framework, key = found
            message = f"the {framework} app class `{node.name.value}` has no request metrics or tracing"
            self.report(node.name, message, "uninstrumented-app", (framework, key))

    def visit_Assign(self, node: cst.Assign) -> None:
        if self.django_settings(node) and not any(marker in self.ctx.source for marker in fw.DJANGO_INSTRUMENTATION):
            self.report(
                node, "the Django MIDDLEWARE has no request metrics or tracing", "uninstrumented-app",
                ("django", self.ctx.module_name),
            )


class MissingHealthEndpoint(_AppObjects):
    """A service with routes but no health-check endpoint.

    What it does
        Reports an HTTP app (or Django settings module) when no route in the project matches
        `health.paths` (`/healthz`, `/readyz`, `/livez`, `/health`, `/ready` by default) and no
        handler is named like one (`health`, `healthz`, `ping` ...), and a gRPC server when no
        `grpc_health` `HealthServicer` is registered. Apps with no entry points are not reported.
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

    References
        PRR-MON: "Are all user-visible request failures well instrumented and monitored, with
        suitable alerting configured?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR206"
    name = "missing-health-endpoint"
    severity = Severity.WARNING
    checklist = ("PRR-MON",)
    summary = "A service exposes routes but no health-check endpoint"
    service_only = True
    VALID = (
        Example(
            "from flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n\napp = Flask(__name__)\n"
            "PrometheusMetrics(app)\n\n@app.route('/healthz/')\ndef probe():\n    return 'ok'\n"
        ),
    )
    INVALID = (
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

    def visit_Call(self, node: cst.Call) -> None:
        found = self.app_at(node)
        if found is None:
            return
        framework = found[0]
        what = "gRPC server registers no health servicer" if framework == "grpc" else f"{framework} app exposes no health-check route"
        self.report(node, f"this {what}", "no-health-endpoint", (framework,))

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        found = self.app_class(node)
        if found is not None:
            message = f"the {found[0]} app class `{node.name.value}` exposes no health-check route"
            self.report(node.name, message, "no-health-endpoint", (found[0],))

    def visit_Assign(self, node: cst.Assign) -> None:
        if self.django_settings(node):
            self.report(node, "this Django project exposes no health-check route", "no-health-endpoint", ("django",))


class MetricCreatedPerRequest(Rule):
    """A metric is created inside code that runs on every request.

    What it does
        Reports `prometheus_client` `Counter`, `Gauge`, `Histogram`, `Summary`, `Info` and `Enum`
        constructed on the default registry (no `registry=` argument), and OpenTelemetry
        `meter.create_*` calls, inside a function that a request handler reaches, unless the
        function is memoised (`functools.lru_cache`/`cache`) or the construction sits under an
        `if` (a guard such as `if name not in METRICS`).

    Why is this bad?
        A Prometheus metric registers itself on creation: the second request raises a
        duplicated-timeseries error, turning every request after the first into a failure; with a
        custom registry, the series is reset on every request and never accumulates.

    Example
        def checkout(order):
            Counter("checkouts_total", "Checkouts").inc()

    Use instead
        CHECKOUTS = Counter("checkouts_total", "Checkouts")

        def checkout(order):
            CHECKOUTS.inc()

    Options
        None yet.

    References
        PRR-MON: "Are all user-visible request failures well instrumented and monitored, with
        suitable alerting configured?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR204"
    name = "metric-created-per-request"
    severity = Severity.ERROR
    checklist = ("PRR-MON",)
    summary = "A Prometheus/OpenTelemetry metric is created on every request"
    service_only = True
    VALID = (
        Example(
            "from flask import Blueprint\nfrom prometheus_client import Counter\nbp = Blueprint('b', __name__)\n"
            "CHECKOUTS = Counter('checkouts_total', 'Checkouts')\n\n@bp.post('/checkout')\ndef checkout():\n"
            "    CHECKOUTS.inc()\n"
        ),
        Example(
            "import functools\nfrom flask import Blueprint\nfrom prometheus_client import Counter\nbp = Blueprint('b', __name__)\n\n"
            "@functools.lru_cache(maxsize=None)\ndef counter(name):\n    return Counter(name, name)\n\n"
            "@bp.post('/checkout')\ndef checkout():\n    counter('checkouts_total').inc()\n"
        ),
    )
    INVALID = (
        Example(
            "from flask import Blueprint\nfrom prometheus_client import Counter\nbp = Blueprint('b', __name__)\n\n"
            "def count(name):\n    Counter(name, 'per request').inc()  # expect: PRR204\n\n"
            "@bp.post('/checkout')\ndef checkout():\n    count('checkouts_total')\n"
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        function = self.ctx.resolver.enclosing_function
        if function is None:
            return
        resolver = self.ctx.resolver
        name = resolver.qualified_name(node.func)
        if name in fw.METRIC_CLASSES:
            if any(arg.keyword is not None and arg.keyword.value == "registry" for arg in node.args):
                return
            label = name
        elif isinstance(node.func, cst.Attribute) and node.func.attr.value in fw.METRIC_FACTORY_METHODS:
            receiver = resolver.instance_type(node.func.value)
            if receiver not in fw.METER_TYPES and not (name or "").startswith("opentelemetry.metrics."):
                return
            label = f"meter.{node.func.attr.value}"
        else:
            return
        for ancestor in reversed(self.ctx.ancestors):
            if isinstance(ancestor, cst.If):
                return
            if isinstance(ancestor, cst.FunctionDef):
                if any(self._memoiser(d) for d in ancestor.decorators):
                    return
                break
        self.report(node, f"`{label}()` creates a metric on every call", "serving-reachable", (function.qualname, label))

    def _memoiser(self, decorator: cst.Decorator) -> bool:
        target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
        return self.ctx.resolver.qualified_name(target) in fw.MEMOISERS


class UnboundedMetricLabel(Rule):
    """A metric label takes an unbounded value.

    What it does
        Reports `.labels(...)` on a `prometheus_client` metric when a label value is an f-string,
        `str()` of a caught exception, or a request attribute that users control (`request.path`,
        `.url`, `.args`, `.headers`, `.query_params` ...) of `flask.request` or of a parameter
        annotated as a Starlette/FastAPI, Django, DRF or aiohttp request.

    Why is this bad?
        Every distinct label value is a new time series. Paths with IDs, query strings, headers
        and exception messages have no bound: memory in the service and the metrics backend grows
        with traffic until scraping fails, and the metric cannot be aggregated. Use the route
        template, the method and a status or error class instead.

    Example
        REQUESTS.labels(path=request.path).inc()

    Use instead
        REQUESTS.labels(route=request.url_rule.rule).inc()

    Options
        None yet.

    References
        PRR-MON: "Are all user-visible request failures well instrumented and monitored, with
        suitable alerting configured?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR205"
    name = "unbounded-metric-label"
    severity = Severity.WARNING
    checklist = ("PRR-MON",)
    summary = "A metric label value is unbounded (f-string, exception text, request path/args)"
    triggers = ("labels",)
    service_only = True
    VALID = (
        Example(
            "from flask import request\nfrom prometheus_client import Counter\nREQUESTS = Counter('r', 'r', ['method'])\n\n"
            "def count():\n    REQUESTS.labels(method=request.method).inc()\n"
        ),
    )
    INVALID = (
        Example(
            "from flask import request\nfrom prometheus_client import Counter\nREQUESTS = Counter('r', 'r', ['path'])\n\n"
            "def count():\n    REQUESTS.labels(path=request.path).inc()  # expect: PRR205\n"
        ),
        Example(
            "from prometheus_client import Counter\nERRORS = Counter('e', 'e', ['error'])\n\ndef run(job):\n    try:\n"
            "        job()\n    except Exception as exc:\n        ERRORS.labels(f'{exc}').inc()  # expect: PRR205\n        raise\n"
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        if not (isinstance(node.func, cst.Attribute) and node.func.attr.value == "labels"):
            return
        if not self._is_metric(node.func.value):
            return
        for arg in node.args:
            why = self._unbounded(arg.value)
            if why is not None:
                label = f"`{arg.keyword.value}`" if arg.keyword is not None else "a label"
                self.report(node, f"{label} takes {why}: every distinct value is a new time series")
                return

    def _is_metric(self, expr: cst.BaseExpression) -> bool:
        resolver = self.ctx.resolver
        typed = resolver.instance_type(expr)
        return typed in fw.METRIC_CLASSES

    def _unbounded(self, value: cst.BaseExpression) -> Optional[str]:
        resolver = self.ctx.resolver
        if isinstance(value, cst.FormattedString):
            return "an f-string"
        if isinstance(value, cst.Call):
            if resolver.qualified_name(value.func) == "builtins.str" and value.args:
                inner = value.args[0].value
                if isinstance(inner, cst.Name) and self._caught(inner.value):
                    return "the text of an exception"
                return self._request_attribute(inner)
            if isinstance(value.func, cst.Attribute):
                return self._request_attribute(value.func.value)
            return None
        return self._request_attribute(value)

    def _caught(self, name: str) -> bool:
        bindings = self.ctx.resolver.lookup(name)
        return bool(bindings) and bindings[-1].kind == "other" and any(
            isinstance(node, cst.ExceptHandler) for node in self.ctx.ancestors
        )

    def _request_attribute(self, expr: cst.BaseExpression) -> Optional[str]:
        chain = []
        while isinstance(expr, (cst.Attribute, cst.Subscript, cst.Call)):
            if isinstance(expr, cst.Attribute):
                chain.append(expr.attr.value)
                expr = expr.value
            elif isinstance(expr, cst.Call):
                expr = expr.func
            else:
                expr = expr.value
        if not isinstance(expr, cst.Name) or not chain:
            return None
        first = chain[-1]
        if first not in fw.UNBOUNDED_REQUEST_ATTRIBUTES:
            return None
        resolver = self.ctx.resolver
        if resolver.qualified_name(expr) in fw.REQUEST_TYPES or resolver.instance_type(expr) in fw.REQUEST_TYPES:
            return f"`request.{first}`, which users control"
        return None


INSTRUMENTATION_RULES = [AppWithoutRequestInstrumentation, *DEGRADED_RULES, MetricCreatedPerRequest, UnboundedMetricLabel,
                         MissingHealthEndpoint]
