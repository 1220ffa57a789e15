"""PRR204 and PRR205: metrics that break under load, a metric created per request and an unbounded
label value (checklist item PRR-MON)."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule


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


# A class's identity: one value per class of the program.
_CLASS_NAMES = frozenset({"__name__", "__qualname__", "__module__"})


class UnboundedMetricLabel(Rule):
    """A metric label takes an unbounded value.

    What it does
        Reports `.labels(...)` on a `prometheus_client` metric when a label value is an f-string,
        `str()` of a caught exception, or a request attribute that users control (`request.path`,
        `.url`, `.args`, `.headers`, `.query_params` ...) of `flask.request` or of a parameter
        annotated as a Starlette/FastAPI, Django, DRF or aiohttp request. An f-string that formats
        only a class's identity (`f"{handler.__class__.__module__}.{type(handler).__name__}"`, the
        handler's qualified class name) is bounded by the program's classes and is not reported.

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
        # the handler's fully qualified class name: one value per handler class
        Example(
            "from prometheus_client import Histogram\nDURATION = Histogram('d', 'd', ['handler'])\n\n"
            "def log_request(handler):\n    DURATION.labels(handler=f'{handler.__class__.__module__}.{type(handler).__name__}')"
            ".observe(handler.request.request_time())\n"
        ),
    )
    INVALID = (
        # the class's name, and the handler's own text beside it
        Example(
            "from prometheus_client import Counter\nREQUESTS = Counter('r', 'r', ['handler'])\n\n"
            "def count(handler):\n    REQUESTS.labels(handler=f'{type(handler).__name__}:{handler.name}').inc()  # expect: PRR205\n"
        ),
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
            return None if self._names_a_class(value) else "an f-string"
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

    def _names_a_class(self, value: cst.FormattedString) -> bool:
        """Every value the f-string formats is a class's identity (`type(handler).__name__`,
        `handler.__class__.__module__`): bounded by the number of classes in the program, the
        fully qualified handler or error class chosen as a label to keep cardinality low."""
        parts = [part.expression for part in value.parts if isinstance(part, cst.FormattedStringExpression)]
        return bool(parts) and all(self._class_identity(part) for part in parts)

    def _class_identity(self, expr: cst.BaseExpression) -> bool:
        if not (isinstance(expr, cst.Attribute) and expr.attr.value in _CLASS_NAMES):
            return False
        owner = expr.value
        if isinstance(owner, cst.Attribute) and owner.attr.value == "__class__":
            return True
        return isinstance(owner, cst.Call) and self.ctx.resolver.qualified_name(owner.func) == "builtins.type" and len(owner.args) == 1

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
