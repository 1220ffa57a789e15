"""PRR202: an entry point with no handler-level instrumentation (PRR-MON), settled in the project phase."""

from __future__ import annotations

import libcst as cst

from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule


GRANULARITY_HANDLER = (("instrumentation", (("granularity", "handler"),)),)


class HandlerWithoutInstrumentation(Rule):
    """A request handler that records no metric or span of its own.

    What it does
        With `instrumentation.granularity = "handler"` (off by default), reports every entry point
        (a route, view method, servicer method or GraphQL resolver) that neither records a metric
        or span itself (`Counter.inc()`, `Histogram.time()` as a call or decorator,
        `tracer.start_as_current_span`, statsd, ddtrace, New Relic) nor calls a function that
        does, whether or not its app has app-level instrumentation. Under the default
        `granularity = "app"`, app-level instrumentation is enough and PRR201 judges it.

    Why is this bad?
        Without per-handler request counts, error counts and latency, a failing or slow route
        hides in the app's totals: an alert cannot say which user journey broke, and an SLO
        cannot be set per route.

    Example
        @app.post("/checkout")
        def checkout():
            return orders.place()

    Use instead
        @app.post("/checkout")
        @CHECKOUT_LATENCY.time()
        def checkout():
            return orders.place()

    Options
        `instrumentation.granularity` (`app`, the default, or `handler`, which turns the rule on);
        `instrumentation.external = true` turns it off.

    References
        PRR-MON: "Are all user-visible request failures well instrumented and monitored, with
        suitable alerting configured?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR202"
    name = "handler-without-instrumentation"
    severity = Severity.WARNING
    checklist = ("PRR-MON",)
    summary = "A request handler records no metric or span of its own (granularity = handler)"
    service_only = True
    VALID = (
        Example(
            "from flask import Blueprint\nfrom prometheus_client import Histogram\nbp = Blueprint('b', __name__)\n"
            "LATENCY = Histogram('checkout_seconds', 'Checkout latency')\n\n"
            "@bp.post('/checkout')\n@LATENCY.time()\ndef checkout():\n    return 'ok'\n",
            options=GRANULARITY_HANDLER,
        ),
        Example(
            "from flask import Blueprint\nfrom opentelemetry import trace\nbp = Blueprint('b', __name__)\n"
            "tracer = trace.get_tracer(__name__)\n\n"
            "def place():\n    with tracer.start_as_current_span('place'):\n        return 'ok'\n\n"
            "@bp.post('/checkout')\ndef checkout():\n    return place()\n",
            options=GRANULARITY_HANDLER,
        ),
        Example(
            "from flask import Blueprint\nbp = Blueprint('b', __name__)\n\n@bp.post('/checkout')\ndef checkout():\n"
            "    return 'ok'\n"
        ),
    )
    INVALID = (
        Example(
            "from flask import Blueprint\nbp = Blueprint('b', __name__)\n\n"
            "@bp.post('/checkout')\ndef checkout():  # expect: PRR202\n    return 'ok'\n\n"
            "def helper():\n    return 1\n",
            options=GRANULARITY_HANDLER,
        ),
    )

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if self.ctx.section("instrumentation").get("granularity") != "handler":
            return
        function = self.ctx.resolver.scope  # the walker has entered the function's scope
        self.report(node.name, "this request handler records no metric or span of its own", "uninstrumented-handler",
                    (function.qualname,))


HANDLER_METRIC_RULES = (HandlerWithoutInstrumentation,)
