"""PRR204 and PRR205: metrics that break under load, a metric created per request and an unbounded
label value (checklist item PRR-MON)."""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule
from prr_lint.statement_shapes import block_leaves


class MetricCreatedPerRequest(Rule):
    """A metric is created inside code that runs on every request.

    What it does
        Reports `prometheus_client` `Counter`, `Gauge`, `Histogram`, `Summary`, `Info` and `Enum`
        constructed on the default registry (no `registry=` argument), and OpenTelemetry
        `meter.create_*` calls, inside a function that a request handler reaches, unless the
        function is memoised (`functools.lru_cache`/`cache`) or the construction sits under an
        `if` (a guard such as `if name not in METRICS`) or after one that leaves the function (`if name in
        METRICS: return`, a guard clause). In the default `scope = "serving"` one in dead
        code (what no service source names, PRR501's dead code: project/dead_code.py) is left out: no
        process runs it.

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
        # a guard clause: the counters are made once per process, the first call that finds them missing
        Example(
            "from flask import Blueprint\nfrom prometheus_client import Counter\nbp = Blueprint('b', __name__)\nMETRICS = {}\n\n"
            "def setup_metrics():\n    if 'logins_total' in METRICS:\n        return\n"
            "    METRICS['logins_total'] = Counter('logins_total', 'Logins')\n"
            "    METRICS['logouts_total'] = Counter('logouts_total', 'Logouts')\n\n"
            "@bp.post('/login')\ndef login():\n    setup_metrics()\n    METRICS['logins_total'].inc()\n"
        ),
    )
    INVALID = (
        Example(
            "from flask import Blueprint\nfrom prometheus_client import Counter\nbp = Blueprint('b', __name__)\n\n"
            "def count(name):\n    Counter(name, 'per request').inc()  # expect: PRR204\n\n"
            "@bp.post('/checkout')\ndef checkout():\n    count('checkouts_total')\n"
        ),
        # an `if` before it that does not leave the function guards nothing
        Example(
            "import logging\nfrom flask import Blueprint\nfrom prometheus_client import Counter\nbp = Blueprint('b', __name__)\nMETRICS = {}\n\n"
            "def setup_metrics():\n    if 'logins_total' in METRICS:\n        logging.info('metrics again')\n"
            "    METRICS['logins_total'] = Counter('logins_total', 'Logins')  # expect: PRR204\n\n"
            "@bp.post('/login')\ndef login():\n    setup_metrics()\n"
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
        chain = (*self.ctx.ancestors, node)
        for position in range(len(chain) - 2, -1, -1):
            ancestor = chain[position]
            if isinstance(ancestor, cst.If) or isinstance(ancestor, cst.IndentedBlock) and _after_guard_clause(ancestor, chain[position + 1]):
                return
            if isinstance(ancestor, cst.FunctionDef):
                if any(self._memoiser(d) for d in ancestor.decorators):
                    return
                break
        self.report(node, f"`{label}()` creates a metric on every call", "serving-reachable", (function.qualname, label))

    def _memoiser(self, decorator: cst.Decorator) -> bool:
        target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
        return self.ctx.resolver.qualified_name(target) in fw.MEMOISERS


def _after_guard_clause(block: cst.IndentedBlock, statement: cst.CSTNode) -> bool:
    """`statement` of `block` follows an `if` whose body ends by leaving the function (`if name in METRICS: return`):
    it runs only when that guard lets it, as under an `if`."""
    for earlier in block.body:
        if earlier is statement:
            return False
        if isinstance(earlier, cst.If) and block_leaves(earlier.body):
            return True
    return False


# The condition of a label of the request's path (`request.path`, Starlette's `request.url.path`): the project
# phase drops it when only views with literal routes reach the function (project/literal_routes.py).
LITERAL_ROUTES = "unless-literal-routes"
_PATHS = frozenset({"path", "path_info"})

# Calls that return a new value every time: a label of one is a new time series per call.
_FRESH_VALUES = frozenset({
    "uuid.uuid1", "uuid.uuid4", "time.time", "time.time_ns", "datetime.datetime.now",
    "datetime.datetime.utcnow", "datetime.datetime.today", "datetime.date.today",
})


class UnboundedMetricLabel(Rule):
    """A metric label takes an unbounded value.

    What it does
        Reports `.labels(...)` on a `prometheus_client` metric when a label value is the text of a
        caught exception (`str(exc)`), a request attribute that users control (`request.path`,
        `.url`, `.args`, `.headers`, `.query_params` ...) of `flask.request` or of a parameter
        annotated as a Starlette/FastAPI, Django, DRF or aiohttp request, a fresh value per call
        (`uuid.uuid4()`, `time.time()`, `datetime.now()`), or an f-string that formats one of these.
        An f-string is judged by what it formats, not by being an f-string: one that formats a
        peer's configured `ip:port`, a class's identity (`type(handler).__name__`) or any other
        value of unknown origin is as bounded as that value would be on its own, and is not
        reported (a label that is a variable is not reported either). The request's path
        (`request.path`, `request.url.path`) is as bounded as the routes that reach it: in a Flask,
        Quart, FastAPI or Starlette view whose every route decorator names a literal rule (no
        converter or path parameter, `@app.route("/v1/create")`), or in a function only such views
        call, it has one value per rule and is not reported (unless some router prefix of the
        project has a parameter); in a request hook or error handler
        (they see every path, 404s included), a view routed by a call or by its class, a Django
        view, or a function code uses as a value or module code calls, it is
        (project/literal_routes.py). In the default `scope = "serving"` a label in dead code (what no service source names, a package's re-export and
        tests aside: PRR501's dead code, project/dead_code.py) is left out: no process makes its series.

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
    summary = "A metric label value is unbounded (exception text, request path/args, a fresh id)"
    triggers = ("labels",)
    service_only = True
    VALID = (
        Example(
            "from flask import request\nfrom prometheus_client import Counter\nREQUESTS = Counter('r', 'r', ['method'])\n\n"
            "def count():\n    REQUESTS.labels(method=request.method).inc()\n"
        ),
        # the handler's fully qualified class name: one value per handler class
        Example(
            "from prometheus_client import Histogram\nDURATION = Histogram('d', 'd', ['handler'])\n\n"
            "def log_request(handler):\n    DURATION.labels(handler=f'{handler.__class__.__module__}.{type(handler).__name__}')"
            ".observe(handler.request.request_time())\n"
        ),
        # a configured peer's endpoint: as bounded as the peers themselves
        Example(
            "from prometheus_client import Counter\nBLOCKS = Counter('blocks', 'b', ['peer'])\n\n"
            "def on_block(peers):\n    for endpoint in peers:\n        BLOCKS.labels(f'{endpoint.ip}:{endpoint.port}').inc()\n"
        ),
        Example(
            "from prometheus_client import Counter\nREQUESTS = Counter('r', 'r', ['handler'])\n\n"
            "def count(handler):\n    REQUESTS.labels(handler=f'{type(handler).__name__}:{handler.name}').inc()\n"
        ),
        # the path of a view with two literal rules, in it or in a helper only it calls: two values at most
        Example(
            "from flask import Blueprint, request\nfrom prometheus_client import Counter\nbp = Blueprint('uploads', __name__)\n"
            "REJECTED = Counter('uploads_rejected', 'Rejected uploads', ['path'])\n\n"
            "def reject():\n    REJECTED.labels(path=request.path).inc()\n    return 'rejected', 422\n\n"
            "@bp.route('/v2/upload', methods=['POST'])\n@bp.route('/v2/import', methods=['POST'])\ndef upload():\n"
            "    if not request.data:\n        return reject()\n    REJECTED.labels(path=request.path).inc()\n    return 'ok'\n"
        ),
        Example(
            "from fastapi import APIRouter, Request\nfrom prometheus_client import Counter\nrouter = APIRouter(prefix='/api')\n"
            "SEEN = Counter('seen', 'Seen', ['path'])\n\n@router.get('/status')\nasync def status(request: Request):\n"
            "    SEEN.labels(path=request.url.path).inc()\n    return {}\n"
        ),
    )
    INVALID = (
        # an f-string of the request's path, of a fresh id
        Example(
            "from flask import request\nfrom prometheus_client import Counter\nREQUESTS = Counter('r', 'r', ['route'])\n\n"
            "def count():\n    REQUESTS.labels(route=f'{request.method} {request.path}').inc()  # expect: PRR205\n"
        ),
        Example(
            "import uuid\nfrom prometheus_client import Counter\nJOBS = Counter('j', 'j', ['job'])\n\n"
            "def start():\n    JOBS.labels(job=f'job-{uuid.uuid4()}').inc()  # expect: PRR205\n"
        ),
        Example(
            "from flask import request\nfrom prometheus_client import Counter\nREQUESTS = Counter('r', 'r', ['path'])\n\n"
            "def count():\n    REQUESTS.labels(path=request.path).inc()  # expect: PRR205\n"
        ),
        # a rule with a converter, a request hook (it sees every path, 404s too), a helper such a view also calls
        Example(
            "from flask import Blueprint, request\nfrom prometheus_client import Counter\nbp = Blueprint('items', __name__)\n"
            "HITS = Counter('hits', 'Hits', ['path'])\n\ndef count():\n    HITS.labels(path=request.path).inc()  # expect: PRR205\n\n"
            "@bp.route('/items')\ndef items():\n    count()\n    return []\n\n"
            "@bp.route('/items/<item_id>')\ndef item(item_id):\n    HITS.labels(path=request.path).inc()  # expect: PRR205\n"
            "    count()\n    return {}\n\n"
            "@bp.before_request\ndef seen():\n    HITS.labels(path=request.path).inc()  # expect: PRR205\n"
        ),
        Example(
            "from fastapi import APIRouter, Request\nfrom prometheus_client import Counter\nrouter = APIRouter()\n"
            "SEEN = Counter('seen', 'Seen', ['path'])\n\n@router.get('/orders/{order_id}')\n"
            "async def order(order_id: int, request: Request):\n    SEEN.labels(path=request.url.path).inc()  # expect: PRR205\n"
            "    return {}\n"
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
        found = [(arg, unbounded) for arg in node.args if (unbounded := self._unbounded(arg.value)) is not None]
        if not found:
            return
        arg, (why, routed) = next(((arg, unbounded) for arg, unbounded in found if not unbounded[1]), found[0])
        label = f"`{arg.keyword.value}`" if arg.keyword is not None else "a label"
        message = f"{label} takes {why}: every distinct value is a new time series"
        function = self.ctx.resolver.enclosing_function
        if routed and function is not None:  # the request's path: as many values as the routes that reach it
            self.report(node, message, LITERAL_ROUTES, (function.qualname,))
        else:
            self.report(node, message)

    def _is_metric(self, expr: cst.BaseExpression) -> bool:
        resolver = self.ctx.resolver
        typed = resolver.instance_type(expr)
        return typed in fw.METRIC_CLASSES

    def _unbounded(self, value: cst.BaseExpression) -> Optional[Tuple[str, bool]]:
        """Why the value has no bound, and whether it is the request's path (bounded by the routes that reach
        the function: project/literal_routes.py), or None: an f-string is judged by the values it formats, so
        `f"{peer.ip}:{peer.port}"` is as bounded as the peer and `f"{request.path}"` is not."""
        if isinstance(value, cst.FormattedString):
            found = []
            for part in value.parts:
                if isinstance(part, cst.FormattedStringExpression):
                    text = self._exception_text(part.expression)
                    unbounded = (text, False) if text is not None else self._unbounded(part.expression)
                    if unbounded is not None:
                        found.append((f"an f-string of {unbounded[0]}", unbounded[1]))
            return next((item for item in found if not item[1]), found[0] if found else None)
        if isinstance(value, cst.Call):
            name = self.ctx.resolver.qualified_name(value.func)
            if name in _FRESH_VALUES:
                return f"`{name}()`, a new value on every call", False
            if name == "builtins.str" and value.args:
                inner = value.args[0].value
                text = self._exception_text(inner)
                return (text, False) if text is not None else self._request_attribute(inner)
            if isinstance(value.func, cst.Attribute):
                return self._request_attribute(value.func.value)
            return None
        return self._request_attribute(value)

    def _exception_text(self, expr: cst.BaseExpression) -> Optional[str]:
        if isinstance(expr, cst.Name) and self._caught(expr.value):
            return "the text of an exception"
        return None

    def _caught(self, name: str) -> bool:
        bindings = self.ctx.resolver.lookup(name)
        return bool(bindings) and bindings[-1].kind == "other" and any(
            isinstance(node, cst.ExceptHandler) for node in self.ctx.ancestors
        )

    def _request_attribute(self, expr: cst.BaseExpression) -> Optional[Tuple[str, bool]]:
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
            return f"`request.{first}`, which users control", first in _PATHS or chain[-2:] == ["path", "url"]
        return None
