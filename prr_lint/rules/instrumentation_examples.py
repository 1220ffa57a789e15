"""PRR201's documented examples (instrumentation.py): what the rule leaves alone (VALID) and what it
reports (INVALID), kept apart so the rule's module stays short. Each is a test and a line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

VALID = (
    # a middleware of the project's own that records request metrics
    Example(
        "import time\nfrom fastapi import FastAPI\nfrom prometheus_client import Histogram\n"
        "LATENCY = Histogram('http_request_seconds', 'latency')\n\n"
        "class TimingMiddleware:\n    def __init__(self, app):\n        self.app = app\n\n"
        "    async def __call__(self, scope, receive, send):\n        start = time.perf_counter()\n"
        "        try:\n            await self.app(scope, receive, send)\n        finally:\n"
        "            LATENCY.observe(time.perf_counter() - start)\n\n"
        "app = FastAPI()\napp.add_middleware(TimingMiddleware)\nadmin = FastAPI()\napp.mount('/admin', admin)\n\n"
        "@app.get('/healthz')\ndef health():\n    return 'ok'\n\n@admin.get('/users')\ndef users():\n    return []\n"
    ),
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
    # request hooks that time every request through a metrics client are request instrumentation
    Example(
        "import time\nfrom flask import Flask, g, request\nfrom statsd import StatsClient\n\nstatsd_client = StatsClient()\n\n"
        "class ServiceFlask(Flask):\n    pass\n\n"
        "def start():\n    g.start = time.time()\n\n"
        "def record(response):\n    statsd_client.timing('requests.' + request.endpoint, time.time() - g.start)\n    return response\n\n"
        "def create_app():\n    app = ServiceFlask(__name__)\n    app.before_request(start)\n    app.after_request(record)\n\n"
        "    @app.get('/healthz')\n    def health():\n        return 'ok'\n    return app\n"
    ),
    # a root app that only mounts; the API app times requests through the project's metrics wrapper
    Example(
        "import time\nfrom fastapi import FastAPI\nfrom starlette.middleware.base import BaseHTTPMiddleware\n"
        "from starlette.staticfiles import StaticFiles\nfrom svc.metrics import provider\n\n"
        "class MetricsMiddleware(BaseHTTPMiddleware):\n    async def dispatch(self, request, call_next):\n"
        "        start = time.perf_counter()\n        response = await call_next(request)\n"
        "        provider.timer('server.call.elapsed', value=time.perf_counter() - start)\n        return response\n\n"
        "app = FastAPI()\nfrontend = FastAPI()\nfrontend.mount('/', StaticFiles(directory='static'))\n"
        "api = FastAPI()\napi.add_middleware(MetricsMiddleware)\n\n@api.get('/healthz')\ndef health():\n    return 'ok'\n\n"
        "app.mount('/api/v1', app=api)\napp.mount('/', app=frontend)\n"
    ),
    # an opt-in toggle: the same app is built with the metrics middleware when it is turned on
    Example(
        "import os, time\nfrom aiohttp import web\nfrom prometheus_client import Histogram\n\nLATENCY = Histogram('request_seconds', 'Latency')\n\n"
        "@web.middleware\nasync def timing(request, handler):\n    start = time.time()\n    try:\n        return await handler(request)\n"
        "    finally:\n        LATENCY.observe(time.time() - start)\n\nasync def health(request):\n    return web.Response(text='ok')\n\n"
        "if os.environ.get('METRICS') == '1':\n    app = web.Application(middlewares=[timing])\nelse:\n    app = web.Application()\n"
        "app.router.add_get('/healthz', health)\n"
    ),
    # Sentry's performance tracing records a transaction per request
    Example(
        "import os\nimport sentry_sdk\nfrom flask import Flask\n\n"
        "sentry_sdk.init(dsn=os.environ['SENTRY_DSN'], traces_sample_rate=float(os.environ.get('TRACE_RATE', '0.1')))\n"
        "app = Flask(__name__)\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
    ),
    # a factory builds the timing middleware the app constructor lists
    Example(
        "import time\nfrom aiohttp import web\nfrom prometheus_client import Histogram\n\n"
        "def timing():\n    latency = Histogram('request_seconds', 'Latency')\n\n    @web.middleware\n"
        "    async def middleware(request, handler):\n        start = time.time()\n        try:\n            return await handler(request)\n"
        "        finally:\n            latency.observe(time.time() - start)\n    return middleware\n\n"
        "async def health(request):\n    return web.Response(text='ok')\n\n"
        "app = web.Application(middlewares=[timing()])\napp.router.add_get('/healthz', health)\n"
    ),
    # a settings hook adds the project's metrics middleware to MIDDLEWARE
    Example(
        "import time\nfrom prometheus_client import Histogram\n\nLATENCY = Histogram('request_seconds', 'Latency')\n\n"
        "class RequestMetrics:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n"
        "    def __call__(self, request):\n        start = time.time()\n        response = self.get_response(request)\n"
        "        LATENCY.observe(time.time() - start)\n        return response\n\n"
        "MIDDLEWARE = ['django.middleware.common.CommonMiddleware']\n\n"
        "def metrics_hook(settings):\n    data = {}\n    if settings.METRICS_ENABLED:\n"
        "        data['MIDDLEWARE'] = ['svc.settings.RequestMetrics']\n    return data\n\n"
        "from django.urls import path\n\ndef orders(request):\n    return []\n\ndef healthz(request):\n    return 'ok'\n\nurlpatterns = [path('orders/', orders), path('healthz/', healthz)]\n",
        path="svc/settings.py",
    ),
    # an extension's init_app registers an after-request hook that counts requests in a metric
    Example(
        "from flask import Flask, request\nfrom prometheus_client import Counter\n\n"
        "REQUESTS = Counter('http_requests_total', 'Requests', ['status'])\n\n"
        "def count(response):\n    REQUESTS.labels(status=response.status_code).inc()\n    return response\n\n"
        "class Metrics:\n    def init_app(self, app):\n        app.after_request(count)\n\n"
        "metrics = Metrics()\n\ndef create_app():\n    app = Flask(__name__)\n    metrics.init_app(app)\n\n"
        "    @app.get('/healthz')\n    def health():\n        return 'ok'\n    return app\n"
    ),
    # an after-request hook on the app a configure function is handed times requests into a metric
    Example(
        "import time\nfrom flask import Flask, g\nfrom svc.extensions import metrics\n\n"
        "def configure_hooks(app):\n    @app.before_request\n    def start():\n        g.start = time.time()\n\n"
        "    @app.after_request\n    def record(response):\n        metrics.send('response_time', 'TIMER', time.time() - g.start)\n        return response\n\n"
        "app = Flask(__name__)\nconfigure_hooks(app)\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n"
    ),
    # tornado's log_function, called after every request, times requests into a metric
    Example(
        "from prometheus_client import Histogram\nfrom tornado import web\n\n"
        "REQUEST_SECONDS = Histogram('request_seconds', 'Latency', ['code'])\n\n"
        "def log_request(handler):\n    REQUEST_SECONDS.labels(code=handler.get_status()).observe(handler.request.request_time())\n\n"
        "class Health(web.RequestHandler):\n    def get(self):\n        self.write('ok')\n\n"
        "settings = dict(log_function=log_request)\napp = web.Application([(r'/healthz', Health)], **settings)\n"
    ),
    # a base handler whose prepare()/on_finish(), which tornado calls around every request, time it into a metric
    Example(
        "import time\nfrom tornado import web\n\n"
        "class BaseHandler(web.RequestHandler):\n    def prepare(self):\n        self.started = time.monotonic()\n\n"
        "    def on_finish(self):\n        self.application.metrics.timing('response.time', time.monotonic() - self.started)\n\n"
        "class Health(BaseHandler):\n    def get(self):\n        self.write('ok')\n\n"
        "app = web.Application([(r'/healthz', Health)])\n"
    ),
    # a base handler whose prepare(), called before every request, opens a Zipkin span through the project's tracer
    Example(
        "import aiozipkin as az\nfrom tornado import web\n\n"
        "class RequestTracer:\n    async def start(self, name):\n"
        "        self.tracer = await az.create('http://zipkin:9411/api/v2/spans', az.create_endpoint('svc'))\n"
        "        self.span = self.tracer.new_trace(sampled=True)\n        self.span.name(name)\n        self.span.start()\n\n"
        "class BaseHandler(web.RequestHandler):\n    async def prepare(self):\n        self.tracing = RequestTracer()\n"
        "        await self.tracing.start(self.request.path)\n\n"
        "class Health(BaseHandler):\n    def get(self):\n        self.write('ok')\n\n"
        "class Orders(BaseHandler):\n    def get(self):\n        self.write('[]')\n\n"
        "app = web.Application([(r'/healthz', Health), (r'/orders', Orders)])\n"
    ),
    # the service's API routes wear a decorator of its own that times each request into a Summary
    Example(
        "from functools import wraps\nfrom timeit import default_timer\nfrom flask import Flask\n"
        "from prometheus_client import Summary\n\nLATENCY = Summary('request_seconds', 'Latency', ['handler'])\n\n"
        "def measured(func):\n    @wraps(func)\n    def wrapper(*args, **kwargs):\n        start = default_timer()\n"
        "        try:\n            return func(*args, **kwargs)\n        finally:\n"
        "            LATENCY.labels(func.__name__).observe(default_timer() - start)\n    return wrapper\n\n"
        "app = Flask(__name__)\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n\n"
        "@app.post('/translate')\n@measured\ndef translate():\n    return {}\n"
    ),
    # a web UI bundle: every route hands out a file or a redirect, no request work to measure
    Example(
        "from flask import Flask, redirect, send_from_directory\n\nui = Flask(__name__)\n\n"
        "@ui.route('/assets/<path:path>')\ndef assets(path):\n    return send_from_directory('dist', path)\n\n"
        "@ui.route('/')\ndef home():\n    return redirect('/assets/index.html')\n"
    ),
    # a version-discovery app: its one route serialises module data, no request work that could fail
    Example(
        "import json\nimport falcon\n\nVERSIONS = {'versions': [{'id': 'v2', 'status': 'CURRENT'}]}\n\n"
        "class Versions:\n    def _document(self, host):\n"
        "        return json.dumps({'versions': [dict(v, href=host) for v in VERSIONS['versions']]})\n\n"
        "    def on_get(self, req, resp):\n        resp.data = self._document(req.url)\n        resp.status = falcon.HTTP_300\n\n"
        "def versions_app(conf=None):\n    app = falcon.App()\n    app.add_route('/', Versions())\n    return app\n",
    ),
    # OpenStack's profiler, set up from the service's config, traces requests through its WSGI middleware
    Example(
        "import osprofiler.initializer\nfrom flask import Flask\n\n"
        "def create_app(conf):\n    osprofiler.initializer.init_from_conf(conf=conf, context={}, project='svc', service='api', host='0.0.0.0')\n"
        "    app = Flask(__name__)\n\n    @app.get('/healthz')\n    def health():\n        return 'ok'\n    return app\n"
    ),
    # OSProfiler imported as an optional dependency and set up from the config: its middleware traces requests
    Example(
        "from flask import Flask\nfrom oslo_utils import importutils\nprofiler_initializer = importutils.try_import('osprofiler.initializer')\n\n"
        "def create_app(conf):\n    profiler_initializer.init_from_conf(conf=conf, context={}, project='svc', service='api', host='h')\n"
        "    app = Flask(__name__)\n\n    @app.get('/healthz')\n    def health():\n        return 'ok'\n    return app\n"
    ),
    # a worker's liveness sidecar: every route answers health probes, which the orchestrator watches
    Example(
        "from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get('/health')\ndef health():\n    return {'status': 'ok'}\n",
        path="svc/worker/healthcheck.py",
    ),
    # a Prometheus exporter: its routes render a registry (and serve its targets beneath), Prometheus's
    # scrape metrics measure every request it answers
    Example(
        "from fastapi import FastAPI, Response\nfrom prometheus_client import REGISTRY, generate_latest\n\n"
        "app = FastAPI()\n\n@app.get('/metrics')\ndef metrics():\n    return Response(content=generate_latest(REGISTRY))\n\n"
        "@app.get('/metrics/targets')\ndef targets():\n    return [{'targets': ['worker:9400']}]\n\n"
        "@app.get('/healthz')\ndef health():\n    return 'ok'\n",
        path="svc/exporter.py",
    ),
    # a library that annotates the APM agent's request transaction: the service runs under the agent
    Example(
        "MIDDLEWARE = [\n    'edx_django_utils.monitoring.DeploymentMonitoringMiddleware',\n"
        "    'django.middleware.common.CommonMiddleware',\n]\n\n"
        "from django.urls import path\n\ndef orders(request):\n    return []\n\ndef healthz(request):\n    return 'ok'\n\n"
        "urlpatterns = [path('orders/', orders), path('healthz/', healthz)]\n",
        path="svc/settings.py",
    ),
    # a development settings module extending the MIDDLEWARE of the base settings it imports
    Example(
        "from svc.settings.base import *  # noqa\n\n"
        "MIDDLEWARE = MIDDLEWARE + (\n    'debug_toolbar.middleware.DebugToolbarMiddleware',\n)\n",
        path="svc/settings/dev.py",
    ),
    # a Django middleware counting requests on what a metrics library's factory built (markus)
    Example(
        "import markus\nfrom django.urls import path\n\nmetrics = markus.get_metrics(__name__)\n\n"
        "class ResponseMetrics:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n"
        "    def __call__(self, request):\n        response = self.get_response(request)\n"
        "        metrics.incr('response', tags=[f'status:{response.status_code}'])\n        return response\n\n"
        "MIDDLEWARE = ['svc.settings.ResponseMetrics', 'django.middleware.common.CommonMiddleware']\n\n"
        "def orders(request):\n    return []\n\ndef healthz(request):\n    return 'ok'\n\n"
        "urlpatterns = [path('orders/', orders), path('healthz/', healthz)]\n",
        path="svc/settings.py",
    ),
    # `@app.middleware("http")`, the decorator form of `add_middleware`, recording into a dict of metrics
    Example(
        "import prometheus_client\nfrom fastapi import FastAPI\n\n"
        "METRICS = {'requests': prometheus_client.Counter('requests', 'requests', ['method', 'status'])}\n"
        "app = FastAPI()\n\n@app.middleware('http')\nasync def count_requests(request, call_next):\n"
        "    response = await call_next(request)\n"
        "    METRICS['requests'].labels(request.method, response.status_code).inc()\n    return response\n\n"
        "@app.get('/healthz')\ndef health():\n    return 'ok'\n\n@app.get('/orders')\ndef orders():\n    return []\n"
    ),
    # an installed extension whose `init_app(app)` hooks every request into Prometheus (gds-metrics)
    Example(
        "from flask import Flask\nfrom gds_metrics import GDSMetrics\n\nmetrics = GDSMetrics()\n\n"
        "def create_app():\n    app = Flask(__name__)\n    metrics.init_app(app)\n\n"
        "    @app.get('/healthz')\n    def health():\n        return 'ok'\n\n"
        "    @app.get('/orders')\n    def orders():\n        return []\n    return app\n"
    ),
    # OpenCensus' tracing middleware, added when Application Insights is configured
    Example(
        "import os\n\nMIDDLEWARE = ('django.middleware.common.CommonMiddleware',)\n"
        "if os.environ.get('APPLICATIONINSIGHTS_CONNECTION_STRING'):\n"
        "    MIDDLEWARE += ('opencensus.ext.django.middleware.OpencensusMiddleware',)\n\n"
        "from django.urls import path\n\ndef orders(request):\n    return []\n\ndef healthz(request):\n    return 'ok'\n\n"
        "urlpatterns = [path('orders/', orders), path('healthz/', healthz)]\n",
        path="svc/settings.py",
    ),
    # OpenTelemetry's auto-instrumentation started from gunicorn's `post_fork` server hook in each worker
    Example(
        "from flask import Flask\n\napp = Flask(__name__)\n\n"
        "def post_fork(server, worker):\n"
        "    from opentelemetry.instrumentation.auto_instrumentation import sitecustomize  # noqa: F401\n\n"
        "@app.get('/healthz')\ndef health():\n    return 'ok'\n\n@app.get('/orders')\ndef orders():\n    return []\n"
    ),
    # a middleware of the project's own writing each request's access record with its request id, status and
    # latency (a clock read before and after the next handler): log-based request metrics
    Example(
        "import os\nimport time\nfrom fastapi import FastAPI\nfrom loguru import logger\n\n"
        "class AccessLog:\n    def __init__(self, app):\n        self.app = app\n\n"
        "    async def __call__(self, scope, receive, send):\n        start = time.perf_counter()\n"
        "        with logger.contextualize(request_id=os.urandom(8).hex()):\n            try:\n"
        "                await self.app(scope, receive, send)\n            finally:\n"
        "                logger.info(f'elapsed={time.perf_counter() - start:.2f}s')\n\n"
        "app = FastAPI()\napp.add_middleware(AccessLog)\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n\n"
        "@app.get('/orders')\ndef orders():\n    return []\n"
    ),
    # a GitHub OAuth mock only Werkzeug's debugger serves (`python3 flaskapp.py` in a development compose file)
    Example(
        "from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n@app.route('/user')\ndef user():\n"
        "    return jsonify({'login': 'dev'})\n\n@app.route('/healthz')\ndef health():\n    return 'ok'\n\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=8082, debug=True)\n",
        path="mock/flaskapp.py",
    ),
    # a shared library's Sentry set-up that turns on request tracing: funding-service-design-utils'
    # init_sentry() runs `sentry_sdk.init(integrations=[FlaskIntegration()], traces_sampler=...)`
    Example(
        "from flask import Flask\nfrom fsd_utils import init_sentry\n\ndef create_app():\n    init_sentry()\n"
        "    app = Flask(__name__)\n\n    @app.get('/healthz')\n    def health():\n        return 'ok'\n\n"
        "    @app.get('/orders')\n    def orders():\n        return []\n    return app\n"
    ),
    # a project subclass of gds-metrics' extension registering the library's request-timing hooks itself
    Example(
        "from flask import Flask\nfrom flask.signals import request_finished\nfrom gds_metrics import GDSMetrics\n\n"
        "class ServiceMetrics(GDSMetrics):\n    def init_app(self, app):\n        app.before_request(self.before_request)\n"
        "        request_finished.connect(self.teardown_request, sender=app)\n\nmetrics = ServiceMetrics()\n\n"
        "def create_app():\n    app = Flask(__name__)\n    metrics.init_app(app)\n\n"
        "    @app.get('/healthz')\n    def health():\n        return 'ok'\n\n"
        "    @app.get('/orders')\n    def orders():\n        return []\n    return app\n"
    ),
    # dockerflow's Django middleware writing each request's JSON summary record (path, status, duration)
    Example(
        "MIDDLEWARE = ['dockerflow.django.middleware.DockerflowMiddleware', 'django.middleware.common.CommonMiddleware']\n"
        "LOGGING = {'version': 1, 'formatters': {'json': {'()': 'dockerflow.logging.JsonLogFormatter'}},\n"
        "           'handlers': {'console': {'class': 'logging.StreamHandler', 'formatter': 'json'}},\n"
        "           'loggers': {'request.summary': {'handlers': ['console'], 'level': 'INFO'}}}\n\n"
        "from django.urls import path\n\ndef orders(request):\n    return []\n\nurlpatterns = [path('orders/', orders)]\n",
        path="svc/settings.py",
    ),
    # an asset-bundling helper that builds a Flask app only when called without one (by a build script)
    # and discards it: the served app is handed in, and its routes are reported where it is built
    Example(
        "from flask import Blueprint, Flask\nfrom flask_assets import Bundle, Environment\n"
        "from prometheus_flask_exporter import PrometheusMetrics\n\norders = Blueprint('orders', __name__)\n\n"
        "@orders.get('/orders')\ndef list_orders():\n    return []\n\n@orders.get('/healthz')\ndef health():\n    return 'ok'\n\n"
        "def init_assets(app=None):\n    app = app or Flask(__name__)\n    with app.app_context():\n"
        "        env = Environment(app)\n        bundle = Bundle('js/all.js', output='js/main.min.js')\n"
        "        env.register('main_js', bundle)\n        return [bundle]\n\n"
        "def create_app():\n    app = Flask(__name__)\n    PrometheusMetrics(app)\n    app.register_blueprint(orders)\n"
        "    init_assets(app)\n    return app\n",
    ),
)
INVALID = (
    # the same app answering from a store: request work nothing measures
    Example(
        "from svc.storage import backups\n"
        "import json\nimport falcon\n\nVERSIONS = {'versions': [{'id': 'v2', 'status': 'CURRENT'}]}\n\n"
        "class Versions:\n    def _document(self, host):\n"
        "        return json.dumps({'versions': [dict(v, href=host) for v in VERSIONS['versions']]})\n\n"
        "    def on_get(self, req, resp):\n        resp.data = json.dumps(backups.list_all())\n        resp.status = falcon.HTTP_300\n\n"
        "def versions_app(conf=None):\n    app = falcon.App()  # expect: PRR201, PRR206\n    app.add_route('/', Versions())\n    return app\n",
        path="svc/versions.py",
    ),
    # a metrics route beside the service's own routes: the orders route is request work nothing measures
    Example(
        "from fastapi import FastAPI, Response\nfrom prometheus_client import REGISTRY, generate_latest\n\n"
        "app = FastAPI()  # expect: PRR201\n\n@app.get('/metrics')\ndef metrics():\n    return Response(content=generate_latest(REGISTRY))\n\n"
        "@app.get('/orders')\ndef orders():\n    return []\n\n"
        "@app.get('/healthz')\ndef health():\n    return 'ok'\n",
        path="svc/api.py",
    ),
    # a middleware logging through what a logging library's factory built: not a metric
    Example(
        "import structlog\nfrom django.urls import path\n\nlog = structlog.get_logger(__name__)\n\n"
        "class RequestLog:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n"
        "    def __call__(self, request):\n        response = self.get_response(request)\n"
        "        log.info('response', status=response.status_code)\n        return response\n\n"
        "MIDDLEWARE = ['svc.settings.RequestLog']  # expect: PRR201, PRR206\n\n"
        "def orders(request):\n    return []\n\nurlpatterns = [path('orders/', orders)]\n",
        path="svc/settings.py",
    ),
    # `@app.middleware("http")` that only sets headers
    Example(
        "from fastapi import FastAPI\n\napp = FastAPI()  # expect: PRR201\n\n@app.middleware('http')\n"
        "async def no_cache(request, call_next):\n    response = await call_next(request)\n"
        "    response.headers['cache-control'] = 'no-store'\n    return response\n\n"
        "@app.get('/healthz')\ndef health():\n    return 'ok'\n\n@app.get('/orders')\ndef orders():\n    return []\n"
    ),
    # OSProfiler's tracer imported for decorators only: nothing sets it up for requests
    Example(
        "from flask import Flask\nfrom oslo_utils import importutils\nprofiler = importutils.try_import('osprofiler.profiler')\n\n"
        "app = Flask(__name__)  # expect: PRR201\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n\n@app.get('/orders')\n@profiler.trace('orders')\ndef orders():\n    return []\n"
    ),
    Example(
        "from flask import Flask, send_file\nfrom svc.reports import export_report\n\napp = Flask(__name__)  # expect: PRR201\n\n"
        "@app.get('/reports/<name>')\ndef report(name):\n    return send_file(export_report(name))\n\n"
        "@app.get('/healthz')\ndef health():\n    return 'ok'\n\n@app.get('/orders')\ndef orders():\n    return []\n"
    ),
    # tornado's log_function only writes the access log
    Example(
        "import logging\nfrom tornado import web\n\nlog = logging.getLogger(__name__)\n\n"
        "def log_request(handler):\n    log.info('%s %s', handler.get_status(), handler.request.uri)\n\n"
        "class Health(web.RequestHandler):\n    def get(self):\n        self.write('ok')\n\n"
        "class Orders(web.RequestHandler):\n    def get(self):\n        self.write('[]')\n\n"
        "settings = dict(log_function=log_request)\napp = web.Application([(r'/healthz', Health), (r'/orders', Orders)], **settings)  # expect: PRR201\n"
    ),
    # a shared library's `init_sentry()` whose code the linter cannot read: the name shows no tracing
    Example(
        "from flask import Flask\nfrom svc_utils import init_sentry\n\ninit_sentry()\n"
        "app = Flask(__name__)  # expect: PRR201\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n\n@app.get('/orders')\ndef orders():\n    return []\n"
    ),
    # a gds-metrics subclass whose own init_app registers none of the library's request hooks
    Example(
        "from flask import Flask\nfrom gds_metrics import GDSMetrics\n\n"
        "class ServiceMetrics(GDSMetrics):\n    def init_app(self, app):\n        app.config['METRICS'] = True\n\n"
        "metrics = ServiceMetrics()\n\ndef create_app():\n    app = Flask(__name__)  # expect: PRR201\n    metrics.init_app(app)\n\n"
        "    @app.get('/healthz')\n    def health():\n        return 'ok'\n\n"
        "    @app.get('/orders')\n    def orders():\n        return []\n    return app\n"
    ),
    # dockerflow's Django middleware with a plain formatter: the summary record's fields are dropped
    Example(
        "MIDDLEWARE = ['dockerflow.django.middleware.DockerflowMiddleware']  # expect: PRR201\n"
        "LOGGING = {'version': 1, 'formatters': {'simple': {'format': '%(message)s'}}}\n\n"
        "from django.urls import path\n\ndef orders(request):\n    return []\n\nurlpatterns = [path('orders/', orders)]\n",
        path="svc/settings.py",
    ),
    # a factory building its app when handed none, and returning it: the app it serves
    Example(
        "from flask import Flask\n\ndef create_app(app=None):\n    if app is None:\n        app = Flask(__name__)  # expect: PRR201\n\n"
        "    @app.get('/healthz')\n    def health():\n        return 'ok'\n\n"
        "    @app.get('/orders')\n    def orders():\n        return []\n    return app\n"
    ),
    # Sentry without performance tracing reports errors only
    Example(
        "import sentry_sdk\nfrom flask import Flask\n\nsentry_sdk.init(dsn='https://key@sentry.example/1', traces_sample_rate=0)\n"
        "app = Flask(__name__)  # expect: PRR201\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n\n@app.get('/orders')\ndef orders():\n    return []\n"
    ),
    # a middleware that reads the clock but only logs, tied to no request id: a log line, not instrumentation
    Example(
        "import logging\nimport time\nfrom fastapi import FastAPI\nfrom starlette.middleware.base import BaseHTTPMiddleware\n"
        "log = logging.getLogger(__name__)\n\nclass TimingMiddleware(BaseHTTPMiddleware):\n"
        "    async def dispatch(self, request, call_next):\n        start = time.perf_counter()\n"
        "        response = await call_next(request)\n        log.info('took %s', time.perf_counter() - start)\n        return response\n\n"
        "app = FastAPI()  # expect: PRR201\napp.add_middleware(TimingMiddleware)\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n\n@app.get('/orders')\ndef orders():\n    return []\n"
    ),
    # a probe route beside the service's own routes: the app does request work
    Example(
        "from fastapi import FastAPI\n\napp = FastAPI()  # expect: PRR201\n\n@app.get('/health')\ndef health():\n    return {'status': 'ok'}\n\n"
        "@app.get('/healthz')\ndef health():\n    return 'ok'\n\n@app.get('/orders')\ndef orders():\n    return []\n",
    ),
    # a decorator of the project's own on the routes that only checks an API key: no metric
    Example(
        "from functools import wraps\nfrom flask import Flask, abort, request\n\n"
        "def keyed(func):\n    @wraps(func)\n    def wrapper(*args, **kwargs):\n"
        "        if request.headers.get('X-Api-Key') != 'k':\n            abort(403)\n        return func(*args, **kwargs)\n"
        "    return wrapper\n\n"
        "app = Flask(__name__)  # expect: PRR201\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n\n"
        "@app.post('/translate')\n@keyed\ndef translate():\n    return {}\n"
    ),
    # MIDDLEWARE assigned twice, and a settings class: one problem, one finding
    Example(
        "MIDDLEWARE = ['django.middleware.common.CommonMiddleware']  # expect: PRR201, PRR206\n"
        "MIDDLEWARE = MIDDLEWARE + ['django.middleware.gzip.GZipMiddleware']\n\n"
        "class Production:\n    MIDDLEWARE = MIDDLEWARE\n\n"
        "from django.urls import path\n\ndef orders(request):\n    return []\n\nurlpatterns = [path('orders/', orders)]\n",
        path="svc/settings.py",
    ),
    # a project subclass of the framework's app class is the app
    Example(
        "from flask import Flask\n\nclass ServiceFlask(Flask):  # expect: PRR201\n    pass\n\n"
        "app = ServiceFlask(__name__)\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n\n@app.get('/orders')\ndef orders():\n    return []\n"
    ),
    Example(
        "from flask import Flask\n\napp = Flask(__name__)  # expect: PRR201\n\n"
        "@app.get('/healthz')\ndef health():\n    return 'ok'\n\n@app.get('/orders')\ndef orders():\n    return []\n"
    ),
)
