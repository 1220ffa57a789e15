"""PRR2xx: request handling that is not instrumented and monitored (checklist item PRR-MON).

PRR201 and PRR206 are found at an app's construction (or a Django settings module) and settled in
the project phase, which knows every module's instrumentation calls and every entry point.
PRR204 and PRR205 live in metric_rules.py.
"""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.model import Severity
from prr_lint.rules.base import Rule
from prr_lint.rules.degraded import DEGRADED_RULES
from prr_lint.rules.handler_metrics import HANDLER_METRIC_RULES
from prr_lint.rules.instrumentation_examples import INVALID as EXAMPLES_REPORTED, VALID as EXAMPLES_LEFT_ALONE
from prr_lint.rules.metric_rules import MetricCreatedPerRequest, UnboundedMetricLabel
from prr_lint.rules.throwaway_apps import discarded_fallback
from prr_lint.tree import descendants, names_in

_DJANGO_MIDDLEWARE = ("MIDDLEWARE", "MIDDLEWARE_CLASSES")


class AppObjects(Rule):
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

    def django_settings(self, node: cst.CSTNode) -> bool:
        """The first `MIDDLEWARE = [...]` of a module, or of a settings class (a class attribute, or a
        `@property` named MIDDLEWARE): this is the Django app's settings. Assigned twice, one finding.
        A list that extends the one the module inherits (`MIDDLEWARE = MIDDLEWARE + (...)` in a
        `from .base import *` settings module) is those settings', judged where the list is defined."""
        scope = self.ctx.resolver.scope.kind
        if self.ctx.module_name.startswith("django."):  # Django's own defaults, not a project's settings
            return False
        if isinstance(node, cst.Assign):
            if self.ctx.resolver.enclosing_function is not None or scope not in ("module", "class"):
                return False
            targets = {t.target.value for t in node.targets if isinstance(t.target, cst.Name) and t.target.value in _DJANGO_MIDDLEWARE}
            if not targets or names_in(node.value) & targets:
                return False
        elif not (isinstance(node, cst.FunctionDef) and node.name.value in _DJANGO_MIDDLEWARE and self._in_class_body(node)):
            return False
        first = not self.ctx.__dict__.get(f"_{self.code}_middleware")
        self.ctx.__dict__[f"_{self.code}_middleware"] = True
        return first

    def _in_class_body(self, node: cst.FunctionDef) -> bool:
        owner = next((a for a in reversed(self.ctx.ancestors) if a is not node and isinstance(a, (cst.FunctionDef, cst.ClassDef))), None)
        return isinstance(owner, cst.ClassDef)

    def middleware_paths(self, node: cst.CSTNode) -> Tuple[str, ...]:
        """The dotted paths listed in a MIDDLEWARE value, and in the module's other additions to it
        (`MIDDLEWARE += [...]`, a settings hook's `data["MIDDLEWARE"] = [...]`): the project's own may
        record metrics."""
        values = [node, *(n.value for n in descendants(self.ctx.module, stop_at=()) if _adds_middleware(n))]
        return tuple(dict.fromkeys(
            str(child.evaluated_value)
            for value in values
            for child in descendants(value)
            if isinstance(child, cst.SimpleString) and "." in str(child.evaluated_value) and not str(child.evaluated_value).startswith("django.")
        ))

    def constructor_middlewares(self, node: cst.Call) -> Tuple[str, ...]:
        """Project callables in an app constructor's middleware list (`web.Application(middlewares=[guid,
        instrumentation()])`): a middleware, or the factory that builds one."""
        names = []
        for arg in node.args:
            if arg.keyword is None or arg.keyword.value not in _MIDDLEWARE_KEYWORDS:
                continue
            for child in descendants(arg.value):
                target = child.func if isinstance(child, cst.Call) else child
                if isinstance(child, (cst.Call, cst.Name)) and isinstance(target, (cst.Name, cst.Attribute)):
                    name = self.ctx.resolver.qualified_name(target)
                    if name is not None and not name.startswith("builtins."):
                        names.append(name)
        return tuple(dict.fromkeys(names))

    def toggled_middlewares(self, node: cst.Call) -> Tuple[str, ...]:
        """The middlewares of the same app built in the other branch of an `if` (`if OTEL_ENABLED: app =
        Application(middlewares=[metrics()]) else: app = Application()`): an opt-in toggle of one app."""
        chain = [*self.ctx.ancestors, node]
        statement = next((n for n in reversed(chain) if isinstance(n, cst.SimpleStatementLine)), None)
        branch = next((n for n in reversed(chain) if isinstance(n, cst.If)), None)
        assign = chain[-2] if len(chain) > 1 else None
        if statement is None or branch is None or not isinstance(assign, cst.Assign) or len(assign.targets) != 1:
            return ()
        target = cst.Module([]).code_for_node(assign.targets[0].target)
        names = []
        for other in descendants(branch):
            if isinstance(other, cst.Assign) and other is not assign and isinstance(other.value, cst.Call) and len(other.targets) == 1 \
                    and cst.Module([]).code_for_node(other.targets[0].target) == target:
                names.extend(self.constructor_middlewares(other.value))
        return tuple(dict.fromkeys(names))


_MIDDLEWARE_KEYWORDS = frozenset({"middlewares", "middleware", "interceptors"})


def _adds_middleware(node: cst.CSTNode) -> bool:
    """`MIDDLEWARE += [...]` or `settings["MIDDLEWARE"] = [...]` / `data["MIDDLEWARE"] = [...]`."""
    if isinstance(node, cst.AugAssign):
        return isinstance(node.target, cst.Name) and node.target.value in _DJANGO_MIDDLEWARE
    if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Subscript):
        target = node.targets[0].target
        key = target.slice[0].slice if len(target.slice) == 1 else None
        return isinstance(key, cst.Index) and isinstance(key.value, cst.SimpleString) and key.value.evaluated_value in _DJANGO_MIDDLEWARE
    return False


class AppWithoutRequestInstrumentation(AppObjects):
    """An app or server that no request metrics or tracing reaches.

    What it does
        Reports a Flask/Quart, FastAPI/Starlette, aiohttp, Tornado, Sanic, Falcon, BlackSheep app or a gRPC
        server (and a Django settings module) when nothing in the project registers app-level
        instrumentation for it: Prometheus exporters and middleware (`PrometheusMetrics(app)`,
        `Instrumentator().instrument(app)`, `starlette_exporter`, `django_prometheus`, `blacksheep_prometheus`,
        `py_grpc_prometheus` interceptors, an installed extension whose `init_app(app)` hooks every
        request into Prometheus: gds-metrics' `GDSMetrics`, digitalmarketplace-utils' `DMGDSMetrics`, also
        when another module of the project builds the extension object, or a project subclass whose own
        `init_app` registers the library's request hooks, `app.before_request(self.before_request)`),
        python-dockerflow's request summary (its Django `DockerflowMiddleware`, when the settings module
        formats records with `dockerflow.logging.JsonLogFormatter`, which keeps the path, status and
        duration a plain formatter drops; its ASGI `MozlogRequestSummaryLogger`, which installs that
        formatter itself; not the Flask extension, whose summary logger the project configures), OpenTelemetry instrumentors and middleware (BlackSheep's own `use_open_telemetry(app, ...)` too; and its auto-instrumentation, which
        patches every installed instrumentor when imported, `import ddtrace.auto` alike: `from
        opentelemetry.instrumentation.auto_instrumentation import sitecustomize` in a gunicorn `post_fork`
        hook counts wherever the project runs it), Datadog,
        New Relic, Elastic APM, X-Ray, OpenCensus (its Django MIDDLEWARE class, also added under a
        setting's toggle, `FlaskMiddleware(app)`: Azure Application Insights' request tracing), or OpenStack's OSProfiler set up from the service's config
        (`osprofiler.initializer.init_from_conf`, also on the module an optional import returns,
        `importutils.try_import("osprofiler.initializer")`: its WSGI middleware, which the
        service's paste pipeline loads by entry-point name, traces each request). Reported once, at the app's construction, listing the
        entry points it leaves uncovered; apps with no entry points are not reported, nor is an app
        a function builds only when its caller hands it none (`app = app or Flask(__name__)`, `if app is
        None: app = Flask(...)`) and then drops, neither returning, storing nor serving it: an asset-bundling
        helper that a build script calls without the served app builds one for its app context only. A project
        subclass of a framework's app class (`class CTFdFlask(Flask)`, in any module) is the app:
        reported once, at the class, and the routes of its instances are its entry points.
        An app's entry points are its own program's: those under the directory its package is
        imported from (a repository holding several programs, each its own import root, can name
        two modules alike, `app.main`; a program that declares no route of its own does not take
        those of another program that builds its own app), and none declared on an app that another
        module builds and does not mount on it (separate Flask programs `service/*/main.py` of one package).
        An app that declares its routes itself (`@APP.route` on a module-level app) and on which
        nothing is mounted or registered (no blueprint, router or include) serves those routes
        alone: a docs server module beside the main app, which a factory builds and registers the
        blueprints on, is reported for its own routes, not the main app's.

        Instrumentation of the project's own counts: a middleware (added with `add_middleware`
        or registered by its decorator form, `@app.middleware("http")`: a call and a decorator register
        the same hook, as `@app.before_request` does `app.before_request(f)`, and are judged alike,
        or listed in Django's `MIDDLEWARE`) whose code records a metric or a span within three
        calls (prometheus_client, statsd, datadog, ddtrace, OpenTelemetry, or a module-level
        metric object of the project, or a method called on an object a metrics or tracing library
        built, whatever its class and name: `metrics = markus.get_metrics(__name__)` then
        `metrics.timing(...)`, a dict of prometheus_client metrics `METRICS["requests"].labels(...).inc()`,
        in the module or imported from another (a logger that a logging library built is none), or a function that reads a clock and hands a value to a
        metric verb, `counter`/`timer`/`histogram`/`observe`/`incr` ... or `send` on a metrics
        object, of any object: the project's own wrapper whose provider a plugin picks at run time, or
        that writes each request's access record tied to its request id: it reads a clock before and after
        handing the request on and logs, in a module that binds a request id to its records,
        `logger.contextualize(request_id=...)`, which log-based metrics count; a timed log line with no
        request id stays reported),
        a request hook (`@app.after_request`, also on an app a `configure(app)` function is handed)
        that times the request into such a metric, a middleware (or the factory that builds one)
        listed in an app constructor's `middlewares=[...]` (also when the same app is built with it
        in one branch of an `if` and without it in the other: an opt-in toggle), a project middleware that a settings
        hook adds (`data["MIDDLEWARE"] = [...]`, `MIDDLEWARE += [...]`), a hook or middleware that a function registers on
        an app it is handed (an extension's `init_app(self, app)` calling `app.after_request(count)`,
        for whatever app calls it) and that records such a metric, tornado's `log_function=` setting
        (called after every request; named anywhere in the module that builds the app, often in a
        settings dict handed in with `**`) when it records such a metric, a tornado handler base
        class whose `prepare()`/`on_finish()` (called around every request) time requests into such a metric or, as a
        middleware does, record a metric or open a span within three calls (a Zipkin request span, `aiozipkin`/`py_zipkin`,
        through the project's tracer class), Sentry with performance tracing
        on (`sentry_sdk.init(traces_sample_rate=...)`, `traces_sampler=`: its web framework
        integrations trace every request, a gRPC server only with `GRPCIntegration()`; without it
        Sentry reports errors only, which is no request metric; a library's set-up whose code does so counts,
        funding-service-design-utils' `init_sentry()`, but a project library whose code is not in the
        repository is not read and its function's name shows nothing), and an APM agent the project imports, at module level or
        inside the function that uses it (`newrelic`, `ddtrace`, `elasticapm`), or a library that annotates the agent's request
        transaction (edx-django-utils' `monitoring` functions and MIDDLEWARE classes), or an APM launcher a `Procfile`,
        `Dockerfile`, compose or Kubernetes manifest, shell script, supervisor/uwsgi config or systemd unit starts it under
        (`ddtrace-run`, `newrelic-admin run-program`, `opentelemetry-instrument`), or an agent with such a launcher that the
        deployment declares and no code needs to import (`newrelic`, `ddtrace`, `elastic-apm`, `opentelemetry-distro` ...):
        in a requirements file that is not a development, test, docs or constraints one, in `pyproject.toml`, Poetry,
        Pipfile or `setup.cfg` dependencies outside a development group or extra, or `pip install`ed by a Dockerfile; a
        declared agent covers the apps under the directory that declares it (the parent of a `requirements/` directory),
        a launcher the whole repository (these files are read once, each up to 1 MiB). OpenTelemetry's
        distributions are judged by their own module, not the shared `opentelemetry` namespace: an instrumentor
        (`opentelemetry-instrumentation-fastapi`) or `opentelemetry-distro` declared as a runtime dependency that no
        service code imports is loaded only by the `opentelemetry-instrument` launcher's auto-instrumentation,
        and code that only calls the API (`trace.get_tracer`, `metrics.get_meter`: no-ops until the launcher's
        distro configures an SDK) leaves it to the launcher, named or not in the repository (yente's docs tell
        operators to add it); service code that sets OpenTelemetry up by hand (configures the SDK,
        `opentelemetry.sdk` providers, or imports an instrumentor) is judged by what it calls, and test code
        that builds an in-memory tracer says nothing. Nor is an app reported whose every deployment is a
        managed request-serving platform that records each request's count, latency and response code
        itself: Google Cloud Run (`gcloud run deploy` or `services replace`, also a Cloud Build step's
        `entrypoint: gcloud` with `args: ["run", "deploy", ...]`, the `deploy-cloudrun` action, a Knative
        `serving.knative.dev` Service manifest; not `gcloud run jobs`), Google App Engine (`gcloud app
        deploy`, an `app.yaml` with a Python `runtime:`) or AWS App Runner (`aws apprunner
        create-service`/`update-service`, an `apprunner.yaml`, `AWS::AppRunner::Service`), read from the
        deployment files, CI pipelines included, and covering the repository's apps as a launcher does; a Kubernetes workload (`kind: Deployment` ...), a compose file
        that is not a development one (by its name, or building only from a development Dockerfile,
        `Dockerfile.develop`), a Procfile, a systemd unit, a `proxy_pass` or a command deploying elsewhere
        (`kubectl apply`, `helm upgrade`, `aws ecs update-service`, `fly deploy` ...) keeps the app reported.
        A sub-app mounted on an instrumented app (`app.mount(path,
        sub)`, `app.host(host, sub)`) passes through its middleware. One finding per served route
        set: a root app that only mounts, the apps it mounts, or `MIDDLEWARE` assigned twice give
        one finding; a module at the repository's top level counts with the tree whose routes it
        serves (a `server.py` whose root app mounts the `app/api/v2` app through a project method,
        `app_svc.register_subapp("/api/v2", make_app())` calling `add_subapp`, serves the same
        routes: reported once, at the sub-app). An app that owns no route and only mounts other objects (`app.mount("/api/v1",
        api)`, `frontend.mount("/", StaticFiles(...))`) is not reported: each app it mounts is
        judged on its own middleware. An app whose every route only hands out files, templates,
        redirects or aborts (`send_from_directory`, `render_template`, `redirect`: a web UI bundle
        mounted into a daemon's server), or only serialise a document of module data and call nothing else than
        project functions of the module that do the same (a version-discovery app answering `/` with
        `json.dumps(VERSIONS)`, beside the API app of a paste pipeline), runs no code of the service and is not reported; nor is one whose every route answers health probes (a
        worker's liveness sidecar serving `/health`): the orchestrator that probes it sees its failures; nor
        is an app in a program the service starts itself as a child process (`subprocess.Popen(["python",
        f"service/{name}/main.py"])` in a module that is not a test, beside an app the project serves
        outside every program it starts): a model or thumbnail helper the backend calls on localhost is no
        surface users reach, its callers' instrumentation sees its failures (a top-level program it
        starts, a development reloader restarting `run.py`, is the service itself and stays reported); nor is
        an app run as an internal sidecar container: its program directory (below the repository's root)
        holds a compose file whose services only `expose` their ports (none published with `ports:`), and
        other project code calls it by such a service's host name (`"http://bbot_analyzer:5001/run"`); nor is
        a Flask/Quart app that is a command-line tool's web UI: the project starts it only with the
        development server (`app.run(...)`) inside a function, the mode an option runs (`nettacker
        --start-api`), never at a module's top level or `__main__` block nor as a console script of its own
        (`svc-server = "svc.run:main"`), and nothing deploys a production
        server (no launch file names gunicorn, uwsgi, uvicorn, waitress ..., no module starts one or is a
        `wsgi`/`asgi` module): it serves the person who started it; nor
        is a Flask/Quart app that only Werkzeug's debugger serves: its module's main block runs `app.run(debug=True)`
        (the interactive debugger runs code a visitor types, no deployment serves it), no other module names
        the module (an import, `"pkg.app:app"` handed to gunicorn) and no launch file points a server at it
        (`module:app`): a mock or a local tool that a development compose file starts with `python app.py`; nor is
        an app that every development-server start of the project serves with the debugger on by a literal
        (`app.run(debug=True)` in a `server.py` that imports the app its package builds, `run_simple(...,
        use_debugger=True)` on a factory's app) when nothing serves one otherwise: no launch file but a dependency list
        names a production server (gunicorn, uwsgi, waitress, uvicorn, with `--reload` too ...), no module starts or
        names one, and no start sets `debug` from the environment or leaves it off (that may be how production runs
        it): the debugger runs any code a visitor types into an error page, so no production deployment runs it (a
        console for testing other services, deployed on demand); a reloader alone is no such evidence; nor is
        an app only a module's `__main__` block builds (there, or in a function only that block calls) or serves (a
        module-level app no other module imports or names), when a launch file starts a production server, names
        neither the file nor the module (`python mock/listen.py`, `-m svc.agent`), and the project serves routes
        outside it: a frontend mock run by hand, or a sandbox agent the service launches itself and calls (its
        callers see its failures); the only program of a project, or one a launch file or console script names, stays reported
        (a bare file name, `FLASK_APP=app.py` or `app:app`, names the file beside the launch file when there is one; the
        word `app` of a label names nothing); the scoped rules leave out such a module's code too (project/script_app_code.py);
        nor is an app whose routes its module declares and whose every server start there binds a loopback address
        (`uvicorn.Config(app=create_app(), host="127.0.0.1")` run in a thread), when no launch file names the module, no
        other module imports it, its app or the function building it, and the project serves routes outside it: a
        helper only processes of its own host reach (a file viewer a sandbox agent starts); nor is one whose
        routes its module declares and whose every server start there takes a literal port (`app.run(host=
        "0.0.0.0", port=9001)`) that another module of the project, not a test, calls on loopback
        (`"localhost:9001"`), when the project serves routes outside it: a model helper the deployment
        starts beside the API, whose caller sees its failures (a port the command line sets is no such
        evidence: a controller whose default address, `http://localhost:21001`, a client names). An app
        whose routes wear a decorator of the project's own that records a metric or a span within three calls
        (a wrapper timing each request into a `Summary`, turned on by a `--metrics` flag) has request
        instrumentation on the routes the project chose (PRR202 is about handlers left out).
        Django settings written as a class (a `MIDDLEWARE` class attribute or
        property) are settings too; a settings module extending the MIDDLEWARE it imports
        (`MIDDLEWARE = MIDDLEWARE + (...)`) is judged in the module that defines the list, and
        when it wraps that list in request instrumentation (`("django_prometheus.middleware.
        PrometheusBeforeMiddleware",) + MIDDLEWARE + (...)` in a production settings module that
        star-imports the base settings, directly or through other settings modules), the base
        list is instrumented where it is deployed and is not reported. A settings module that another
        one, defining its own `MIDDLEWARE`, star-imports only under an `if` (`if DEVELOPMENT_MODE: from
        .dev_settings import *`) is an overlay a switch turns on: the finding about those routes is
        reported at the importing module's list, the one the deployment serves (a `try:` alone, a
        `local_settings` deployments use, is no switch).

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
        `instrumentation.external = true` for a launcher no such file shows;
        `instrumentation.approved` for in-house instrumentation functions.
        Off by default (opt-in through `select`). Whether requests are measured is often decided
        outside the repository: the platform records every request (Cloud Run or Lambda behind
        API Gateway, deployed by a workflow kept in another repository), a shared library's set-up
        turns tracing on, or the deployment's secrets switch OpenTelemetry on per environment. On
        services it was not tuned on, 101 of its 162 findings (62 %) were judged worth changing,
        over eight measurements (m24-m31).

    References
        PRR-MON: "Are all user-visible request failures well instrumented and monitored, with
        suitable alerting configured?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR201"
    name = "app-without-request-instrumentation"
    severity = Severity.WARNING
    checklist = ("PRR-MON",)
    summary = "An app or server has no request metrics or tracing registered"
    default_enabled = False
    service_only = True
    VALID = EXAMPLES_LEFT_ALONE
    INVALID = EXAMPLES_REPORTED

    def visit_Call(self, node: cst.Call) -> None:
        found = self.app_at(node)
        if found is None or self.instrumented_in_arguments(node) or discarded_fallback(node, self.ctx.ancestors):
            return  # instrumented where built, or built for a build script's app context only (throwaway_apps.py)
        framework, key = found
        what = "gRPC server" if framework == "grpc" else f"{framework} app"
        hooks = (*self.constructor_middlewares(node), *self.toggled_middlewares(node), *self._request_log_functions(framework))
        subjects = (framework, key, *dict.fromkeys(hooks))
        self.report(node, f"this {what} has no request metrics or tracing", "uninstrumented-app", subjects)

    def _request_log_functions(self, framework: str) -> Tuple[str, ...]:
        """Tornado's `log_function=` setting, anywhere in the module that builds the app (often in a
        settings dict handed in with `**`): tornado calls it after every request, so it instruments the
        app when it records a metric (jupyterhub's `log_request` times requests into a Histogram;
        binderhub's only writes the access log, and stays reported)."""
        if framework != "tornado" or "log_function" not in self.ctx.source:
            return ()
        names = []
        for child in descendants(self.ctx.module, ()):
            if isinstance(child, cst.Arg) and child.keyword is not None and child.keyword.value == "log_function":
                value = child.value
            elif isinstance(child, cst.DictElement) and isinstance(child.key, cst.SimpleString) \
                    and child.key.evaluated_value == "log_function":
                value = child.value
            else:
                continue
            name = self.ctx.resolver.qualified_name(value) if isinstance(value, (cst.Name, cst.Attribute)) else None
            if name is not None:
                names.append(name)
        return tuple(names)

    def visit_ClassDef(self, node: cst.ClassDef) -> None:
        found = self.app_class(node)
        if found is not None:
            framework, key = found
            message = f"the {framework} app class `{node.name.value}` has no request metrics or tracing"
            self.report(node.name, message, "uninstrumented-app", (framework, key))

    def visit_Assign(self, node: cst.Assign) -> None:
        self._django(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        self._django(node)

    def _django(self, node: cst.CSTNode) -> None:
        if self.django_settings(node) and not self._instrumented_settings():
            self.report(
                node, "the Django MIDDLEWARE has no request metrics or tracing", "uninstrumented-app",
                ("django", self.ctx.module_name, *self.middleware_paths(node)),
            )


    def _instrumented_settings(self) -> bool:
        """The settings module names request instrumentation, or a middleware writing each request's
        summary record together with the formatter that keeps the record's fields (dockerflow's)."""
        source = self.ctx.source
        return any(marker in source for marker in fw.DJANGO_INSTRUMENTATION) or any(
            middleware in source and formatter in source for middleware, formatter in fw.DJANGO_SUMMARY_LOGS.items())


INSTRUMENTATION_RULES = [AppWithoutRequestInstrumentation, *HANDLER_METRIC_RULES, *DEGRADED_RULES, MetricCreatedPerRequest, UnboundedMetricLabel]
