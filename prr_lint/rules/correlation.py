"""PRR405: an app whose request logs carry no request id (PRR-LOG), settled in the project phase."""

from __future__ import annotations

import libcst as cst

from prr_lint.log_correlation import mentions_request_correlation
from prr_lint.model import Severity
from prr_lint.rules.base import Example
from prr_lint.rules.instrumentation import AppObjects


class RequestLogsWithoutCorrelation(AppObjects):
    """An HTTP app whose serving code logs, but whose log records carry no request id.

    What it does
        Reports a Flask/Quart, FastAPI/Starlette, aiohttp, Tornado, Sanic, Falcon, Litestar app
        (and a Django settings module) once, at its construction, when code a request handler
        reaches writes log records (above DEBUG, and not only under a debug, opt-in or environment
        switch as PRR401 reads them, `def generate(prompt, verbose=False): if verbose: log.info(...)`:
        such records are off unless an operator turns them on, so they leave nothing to correlate;
        an `exception` record on an error path counts like any other, its traceback says what failed,
        not for which request) and nothing in the project ties records to a request:
        no correlation-id middleware (`asgi_correlation_id.CorrelationIdMiddleware`, `django_guid`,
        `log_request_id`, `starlette_context`, `django_structlog`; a request-id filter a paste configuration
        declares, `[filter:request_id] paste.filter_factory = oslo_middleware:RequestId.factory`, whose id
        oslo.log writes into every record; project/paste_apps.py), no set-up of a library whose
        initialisation installs request-id log correlation, matched by the names the project's imports
        resolve to (the catalogue in prr_lint/log_correlation.py: notifications-utils'
        `notifications_utils.logging.flask.init_app` (or `.logging.init_app`) together with
        `notifications_utils.request_helper.init_app`; digitalmarketplace-utils' `dmutils.init_app`,
        or `dmutils.logging.init_app` with `dmutils.request_id.init_app`; mitol-django-observability's
        `LOGGING` setting imported from `mitol.observability.settings.logging`, or its
        `configure_structlog`; the library imported for anything else does not count), no log-context binding
        (`structlog.contextvars.bind_contextvars`; a `logging.LoggerAdapter` built with the request's
        data, its `extra` holding the request or what a helper of the module reads from it, as a
        decorator handing each view `LoggerAdapter(log, request_info(request))` does; a structlog
        logger bound to it, `log.bind(path=request.url.path)`; a `logging.Filter`/`Formatter`
        subclass whose methods read the request being served, Flask's `request`), no OpenTelemetry `LoggingInstrumentor`, no
        ddtrace log injection, no log formatter or filter (a `logging.Formatter`/`logging.Filter` subclass)
        whose methods read the current span (`trace.get_current_span()`: a JSON formatter adding the
        request's trace_id and span_id to each record), and no code that reads or sets a request-id header (`X-Request-ID`,
        `traceparent` ...) or a `request_id` field, and no Sentry Logs (`sentry_sdk.init(...,
        enable_logs=True)` sends each record with the trace id of the request it belongs to; Sentry
        with performance tracing on and its `LoggingIntegration` configured in the same module
        makes each record a breadcrumb of the request's transaction), and no New Relic agent (8.0 and
        later forward every record with the trace and span id of the transaction it was written in,
        logs in context being on by default): one the deployment runs the service under
        (`newrelic-admin run-program` in a Procfile, Dockerfile, script ...) or declares as a runtime
        dependency for the app's tree (as PRR201 reads them), or whose package the project imports
        (`newrelic.agent.initialize()` in the WSGI module). Nor when every record the
        serving code writes is at or above the level from which the package's `sentry_sdk.init`
        turns records into error events (`LoggingIntegration`'s `event_level`, ERROR by default):
        Sentry's web-framework integration attaches the request being served (URL, method, user)
        and its transaction to each such event, so no record is left for a request id to tie
        together; one record below that level (an INFO line) keeps the finding. Nor when every
        such record prints the request it was written for, as an access-log line does: the request
        object an aiohttp, Django, Sanic or Falcon handler is handed (its first parameter, or a
        parameter the code reads a request attribute such as `match_info` or `GET` from; aiohttp
        and Django print a request as its method and path), Flask's `request`, or its URL (`.path`,
        `.url`), or a per-request id the function made (a local bound to `uuid.uuid4()`,
        `secrets.token_hex()` or a helper of the module returning one, or that of the handler a
        generator is nested in: `key = str(uuid.uuid4())` then `log.info("chat %s", key)` in each
        record); one record that does not name its request (a path variable, a constant message,
        an id made once at import, which is the process's) keeps the finding.
        gRPC servers are not checked, nor an app in a program the service starts itself as a child
        process (as PRR201 reads them: a helper it calls on localhost, whose caller logs the request).
        The serving code is the app's own: of several module-level apps of one framework in a
        package, an app whose routes are all declared on it (nothing mounted on it) answers for
        what those routes reach; when routes of another app framework are served too (a Django
        admin mounted beside a FastAPI app), only its own framework's routes count (none, when
        all the project's routes are the other app's); and one route
        set is reported once (a development settings module extending the base settings, a
        second app object serving the same routes).

    Why is this bad?
        During an incident, the logs of one failing request are scattered among thousands of
        others: without a request id in every record they cannot be pulled together, nor joined
        to the trace, the error report and the upstream caller's logs. A standard format for
        request debugging logs is one of the frameworks a PRR looks for.

    Example
        app = FastAPI()

        @app.get("/orders")
        def orders():
            log.info("listing orders")

    Use instead
        app = FastAPI()
        app.add_middleware(CorrelationIdMiddleware)   # and the log filter that adds the id

    Options
        `instrumentation.external = true` when a launcher (`opentelemetry-instrument` with log
        correlation, `ddtrace-run` with log injection) adds trace ids to log records.
        Off by default (opt-in through `select`). Whether records need a request id is often
        decided outside the repository: a shared library's `init_app` installs the filter that
        stamps it, the platform's router adds the trace header, or the app writes so few records
        per request that each names what it is about. On services it was not tuned on, 29 of its
        51 findings (57 %) were judged worth changing, over seven measurements.

    References
        PRR-LOG: "A standard format for request debugging logs" (Site Reliability Engineering,
        ch. 32, "Frameworks"); Mercari's production readiness checklist: "Log with Request ID".
    """

    code = "PRR405"
    name = "request-logs-without-correlation"
    severity = Severity.WARNING
    checklist = ("PRR-LOG",)
    summary = "Serving code logs, but no request id or trace context is attached to its log records"
    default_enabled = False
    service_only = True
    VALID = (
        Example(
            "import logging\nfrom asgi_correlation_id import CorrelationIdMiddleware\nfrom fastapi import FastAPI\n"
            "from prometheus_fastapi_instrumentator import Instrumentator\nlog = logging.getLogger(__name__)\n\n"
            "app = FastAPI()\nInstrumentator().instrument(app)\napp.add_middleware(CorrelationIdMiddleware)\n\n"
            "@app.get('/healthz')\ndef health():\n    log.info('probe')\n    return 'ok'\n"
        ),
        Example(
            "from fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n\n"
            "app = FastAPI()\nInstrumentator().instrument(app)\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        # a JSON formatter stamping each record with the current span's trace id
        Example(
            "import json\nimport logging\nfrom fastapi import FastAPI\nfrom opentelemetry import trace\n"
            "from prometheus_fastapi_instrumentator import Instrumentator\nlog = logging.getLogger(__name__)\n\n"
            "class JSONLogFormatter(logging.Formatter):\n    def format(self, record):\n"
            "        context = trace.get_current_span().get_span_context()\n"
            "        return json.dumps({'message': record.getMessage(), 'trace': trace.format_trace_id(context.trace_id)})\n\n"
            "app = FastAPI()\nInstrumentator().instrument(app)\n\n"
            "@app.get('/healthz')\ndef health():\n    log.info('probe')\n    return 'ok'\n"
        ),
        # Sentry Logs: every record reaches Sentry with the trace id of its request
        Example(
            "import logging\nimport sentry_sdk\nfrom fastapi import FastAPI\n"
            "log = logging.getLogger(__name__)\n\nsentry_sdk.init(dsn='https://key@sentry.example/1', traces_sample_rate=1.0, enable_logs=True)\n"
            "app = FastAPI()\n\n@app.get('/healthz')\ndef health():\n    log.info('probe')\n    return 'ok'\n"
        ),
        # Sentry's tracing with its logging integration: records are breadcrumbs of the request's transaction
        Example(
            "import logging\nimport sentry_sdk\nfrom fastapi import FastAPI\nfrom sentry_sdk.integrations.logging import LoggingIntegration\n"
            "log = logging.getLogger(__name__)\n\n"
            "sentry_sdk.init(dsn='https://key@sentry.example/1', traces_sample_rate=1.0,\n"
            "                integrations=[LoggingIntegration(level=logging.DEBUG, event_level=logging.ERROR)])\n"
            "app = FastAPI()\n\n@app.get('/healthz')\ndef health():\n    log.info('probe')\n    return 'ok'\n"
        ),
        # every request-path record is at Sentry's event level (ERROR by default): each becomes an
        # error event carrying the request it was written in
        Example(
            "import logging\nimport sentry_sdk\nfrom fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"
            "log = logging.getLogger(__name__)\n\nsentry_sdk.init(dsn='https://key@sentry.example/1')\n"
            "app = FastAPI()\nInstrumentator().instrument(app)\n\n"
            "@app.get('/healthz')\ndef health():\n    try:\n        return probe()\n    except OSError:\n"
            "        log.exception('probe failed')\n        return 'down'\n"
        ),
        Example(
            "import logging\nimport sentry_sdk\nfrom fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"
            "from sentry_sdk.integrations.logging import LoggingIntegration\nlog = logging.getLogger(__name__)\n\n"
            "sentry_sdk.init(dsn='https://key@sentry.example/1', integrations=[LoggingIntegration(event_level=logging.WARNING)])\n"
            "app = FastAPI()\nInstrumentator().instrument(app)\n\n"
            "@app.get('/healthz')\ndef health():\n    log.warning('probe')\n    return 'ok'\n"
        ),
        # each record prints the request it belongs to (method and path), like an access-log line
        Example(
            "import logging\nfrom aiohttp import web\nfrom aiohttp_prometheus_exporter.middleware import prometheus_middleware_factory\n"
            "log = logging.getLogger(__name__)\n\n\nasync def health(request):\n    log.info(f'health {request}')\n"
            "    return web.Response(text='ok')\n\n\nasync def package(rqst):\n    log.info('package %s', rqst.path)\n"
            "    return web.json_response({'name': rqst.match_info['name']})\n\n\n"
            "app = web.Application(middlewares=[prometheus_middleware_factory()])\n"
            "app.router.add_get('/healthz', health)\napp.router.add_get('/pkg/{name}', package)\n"
        ),
        # run under New Relic's agent: its logs in context tie each record to the request's transaction
        Example(
            "import logging\nimport newrelic.agent\nfrom fastapi import FastAPI\n"
            "from prometheus_fastapi_instrumentator import Instrumentator\nlog = logging.getLogger(__name__)\n\n"
            "newrelic.agent.initialize('newrelic.ini')\napp = FastAPI()\nInstrumentator().instrument(app)\n\n"
            "@app.get('/healthz')\ndef health():\n    log.info('probe')\n    return 'ok'\n"
        ),
        # a LoggerAdapter built with the request's data (a helper reads it): every record names its request
        Example(
            "import logging\nfrom fastapi import FastAPI, Request\nfrom prometheus_fastapi_instrumentator import Instrumentator\n\n"
            "def request_info(request):\n    return {'params': dict(request.path_params), 'client': request.client}\n\n"
            "def get_logger(name, request=None):\n    return logging.LoggerAdapter(logging.getLogger(name), request_info(request))\n\n"
            "app = FastAPI()\nInstrumentator().instrument(app)\n\n"
            "@app.get('/orders/{order}')\ndef orders(order: int, request: Request):\n"
            "    get_logger(__name__, request).info('listing orders')\n    return 'ok'\n"
            "\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        # a log filter that copies the request being served onto each record
        Example(
            "import logging\nfrom flask import Flask, has_request_context, request\nfrom prometheus_flask_exporter import PrometheusMetrics\n"
            "log = logging.getLogger(__name__)\n\nclass RequestFilter(logging.Filter):\n    def filter(self, record):\n"
            "        record.url = request.url if has_request_context() else '-'\n        return True\n\n"
            "app = Flask(__name__)\nPrometheusMetrics(app)\n\n"
            "@app.get('/orders')\ndef orders():\n    log.info('listing orders')\n    return 'ok'\n"
            "\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        # each handler makes a per-request id (here through a helper) and prints it in every record it writes,
        # a nested generator's too; the backend's record is written only when the caller turns `verbose` on
        Example(
            "import logging\nimport uuid\nfrom fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"
            "log = logging.getLogger(__name__)\n\ndef new_id():\n    return uuid.uuid4().hex\n\n"
            "def generate(prompt, verbose=False):\n    if verbose:\n        log.info('generating for %s', prompt)\n    return [prompt]\n\n"
            "app = FastAPI()\nInstrumentator().instrument(app)\n\n"
            "@app.post('/chat')\ndef chat(prompt: str):\n    request_key = new_id()\n    log.info('chat %s', request_key)\n"
            "    def stream():\n        yield from generate(prompt)\n        log.info(f'chat {request_key} finished')\n    return list(stream())\n\n"
            "@app.post('/embed')\ndef embed(text: str):\n    key = str(uuid.uuid4())\n    log.warning('embed %s: %d chars', key, len(text))\n    return []\n"
            "\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        # digitalmarketplace-utils' init_app installs a request class carrying the request id and a log
        # filter copying it onto every record
        Example(
            "import logging\nfrom dmutils import init_app\nfrom flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n"
            "log = logging.getLogger(__name__)\n\napp = Flask(__name__)\ninit_app(app, object())\nPrometheusMetrics(app)\n\n"
            "@app.get('/orders')\ndef orders():\n    log.info('listing orders')\n    return 'ok'\n"
            "\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        # the serving code logs at DEBUG only, below the default level
        Example(
            "import logging\nfrom fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"
            "log = logging.getLogger(__name__)\n\napp = FastAPI()\nInstrumentator().instrument(app)\n\n"
            "@app.get('/healthz')\ndef health():\n    log.debug('probe')\n    return 'ok'\n"
        ),
    )
    INVALID = (
        # notifications-utils' log filter without its request helper: the records read an id no request carries
        Example(
            "import logging\nfrom flask import Flask\nfrom notifications_utils.logging import flask as utils_logging\n"
            "from prometheus_flask_exporter import PrometheusMetrics\nlog = logging.getLogger(__name__)\n\n"
            "app = Flask(__name__)  # expect: PRR405\nutils_logging.init_app(app)\nPrometheusMetrics(app)\n\n"
            "@app.get('/orders')\ndef orders():\n    log.info('listing orders')\n    return 'ok'\n"
            "\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        # the second handler's record names a path variable, not the request it was written for
        Example(
            "import logging\nfrom aiohttp import web\nfrom aiohttp_prometheus_exporter.middleware import prometheus_middleware_factory\n"
            "log = logging.getLogger(__name__)\n\n\nasync def health(request):\n    log.info(f'health {request}')\n"
            "    return web.Response(text='ok')\n\n\nasync def package(request):\n    name = request.match_info['name']\n"
            "    log.info('package %s', name)\n    return web.json_response({'name': name})\n\n\n"
            "app = web.Application(middlewares=[prometheus_middleware_factory()])  # expect: PRR405\n"
            "app.router.add_get('/healthz', health)\napp.router.add_get('/pkg/{name}', package)\n"
        ),
        # a WARNING record is below Sentry's default event level: it reaches no event, and carries no id
        Example(
            "import logging\nimport sentry_sdk\nfrom fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"
            "log = logging.getLogger(__name__)\n\nsentry_sdk.init(dsn='https://key@sentry.example/1')\n"
            "app = FastAPI()  # expect: PRR405\nInstrumentator().instrument(app)\n\n"
            "@app.get('/healthz')\ndef health():\n    log.error('store unreachable')\n    log.warning('probe')\n    return 'ok'\n"
        ),
        # Sentry's logging integration without tracing: records reach Sentry with error events only
        Example(
            "import logging\nimport sentry_sdk\nfrom fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"
            "from sentry_sdk.integrations.logging import LoggingIntegration\nlog = logging.getLogger(__name__)\n\n"
            "sentry_sdk.init(dsn='https://key@sentry.example/1', integrations=[LoggingIntegration(level=logging.INFO)])\n"
            "app = FastAPI()  # expect: PRR405\nInstrumentator().instrument(app)\n\n"
            "@app.get('/healthz')\ndef health():\n    log.info('probe')\n    return 'ok'\n"
        ),
        # the adapter's extra is constant: it names the service, not the request
        Example(
            "import logging\nfrom fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"
            "log = logging.LoggerAdapter(logging.getLogger(__name__), {'service': 'orders'})\n\n"
            "app = FastAPI()  # expect: PRR405\nInstrumentator().instrument(app)\n\n"
            "@app.get('/orders')\ndef orders():\n    log.info('listing orders')\n    return 'ok'\n"
            "\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        # an id made once at import is the process's, not a request's
        Example(
            "import logging\nimport uuid\nfrom fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"
            "log = logging.getLogger(__name__)\nRUN = str(uuid.uuid4())\n\n"
            "app = FastAPI()  # expect: PRR405\nInstrumentator().instrument(app)\n\n"
            "@app.get('/orders')\ndef orders():\n    log.info('listing orders %s', RUN)\n    return 'ok'\n"
            "\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        # the handler makes a request id, but one of its records leaves it out
        Example(
            "import logging\nimport uuid\nfrom fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"
            "log = logging.getLogger(__name__)\n\n"
            "app = FastAPI()  # expect: PRR405\nInstrumentator().instrument(app)\n\n"
            "@app.post('/chat')\ndef chat(prompt: str):\n    key = uuid.uuid4()\n    log.info('chat %s', key)\n"
            "    log.info('chat with %d chars', len(prompt))\n    return 'ok'\n"
            "\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        # the `else` of a verbose switch is what runs by default: its record is the service's
        Example(
            "import logging\nfrom fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"
            "log = logging.getLogger(__name__)\n\ndef generate(prompt, verbose=False):\n    if verbose:\n"
            "        log.info('generating for %s', prompt)\n    else:\n        log.info('generating')\n    return [prompt]\n\n"
            "app = FastAPI()  # expect: PRR405\nInstrumentator().instrument(app)\n\n"
            "@app.post('/chat')\ndef chat(prompt: str):\n    return generate(prompt)\n"
            "\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        # only exception records on error paths, the failure swallowed: nothing ties them to the request that failed
        Example(
            "import logging\nfrom flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n"
            "log = logging.getLogger(__name__)\n\napp = Flask(__name__)  # expect: PRR405\nPrometheusMetrics(app)\n\n"
            "@app.post('/mail')\ndef mail():\n    try:\n        send()\n    except OSError as err:\n"
            "        log.exception(err)\n    return 'ok'\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
        ),
        # two apps in one module: the short-link app's own routes log nothing, the main app's do
        Example(
            "import logging\nfrom flask import Flask\nfrom prometheus_flask_exporter import PrometheusMetrics\n"
            "log = logging.getLogger(__name__)\n\napp = Flask(__name__)  # expect: PRR405\nlinks = Flask('links')\n"
            "PrometheusMetrics(app)\nPrometheusMetrics(links)\n\n"
            "@app.get('/orders')\ndef orders():\n    log.info('listing orders')\n    return 'ok'\n\n"
            "@app.get('/healthz')\ndef health():\n    return 'ok'\n\n"
            "@links.get('/<name>')\ndef follow(name):\n    return name\n"
        ),
        Example(
            "import logging\nfrom fastapi import FastAPI\nfrom prometheus_fastapi_instrumentator import Instrumentator\n"
            "log = logging.getLogger(__name__)\n\napp = FastAPI()  # expect: PRR405\nInstrumentator().instrument(app)\n\n"
            "@app.get('/healthz')\ndef health():\n    log.info('probe')\n    return 'ok'\n"
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        found = self.app_at(node)
        if found is None or found[0] == "grpc" or mentions_request_correlation(self.ctx.source):
            return
        framework, key = found
        self.report(node, f"the {framework} app's request logs carry no request id", "no-request-correlation", (framework, key))

    def visit_Assign(self, node: cst.Assign) -> None:
        if self.django_settings(node) and not mentions_request_correlation(self.ctx.source):
            self.report(node, "the Django project's request logs carry no request id", "no-request-correlation", ("django",))


CORRELATION_RULES = (RequestLogsWithoutCorrelation,)
