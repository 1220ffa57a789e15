"""Handler-level instrumentation touchpoints (rule catalogue §2.6): a metric mutation, a span or a
timer, in a call or a decorator. Shared by the summary (which tags functions that have one, for
PRR202) and PRR203 (a degraded answer is counted when its handler has one)."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.resolve import Resolver

METRIC_PACKAGES = ("prometheus_client.", "statsd.", "datadog.", "opentelemetry.", "ddtrace.", "newrelic.", "aiodogstatsd.",
                   "markus.", "elasticapm.", "aws_xray_sdk.", "sentry_sdk.tracing", "sentry_sdk.start_span",
                   "sentry_sdk.start_transaction")
METRIC_MUTATORS = frozenset({"inc", "dec", "observe", "set", "labels", "incr", "increment", "decrement", "count", "timing",
                             "gauge", "histogram", "distribution", "add", "record", "set_status", "record_exception",
                             "time", "timer", "timed", "count_exceptions", "start_as_current_span", "start_span", "trace",
                             "wrap", "function_trace", "capture_span", "in_progress", "track_inprogress"})


def is_touchpoint(call: cst.Call, resolver: Resolver, name: Optional[str] = None) -> bool:
    """A call that records a metric or a span: on a `prometheus_client` metric, a statsd or
    OpenTelemetry/ddtrace/New Relic object, or any function of those packages (`name`: the
    callee's resolved name, when the caller has it)."""
    name = (name if name is not None else resolver.qualified_name(call.func)) or ""
    if name.startswith(METRIC_PACKAGES):
        return True
    if not isinstance(call.func, cst.Attribute) or call.func.attr.value not in METRIC_MUTATORS:
        return False
    receiver = call.func.value
    if isinstance(receiver, cst.Call) and isinstance(receiver.func, cst.Attribute):
        receiver = receiver.func.value  # `.labels(...).inc()`
    typed = resolver.instance_type(receiver) or resolver.qualified_name(receiver) or ""
    return typed in fw.METRIC_CLASSES or typed.startswith(METRIC_PACKAGES)


def decorator_touchpoint(decorator: cst.Decorator, resolver: Resolver) -> bool:
    """`@REQUEST_TIME.time()`, `@tracer.start_as_current_span("x")`, `@statsd.timed(...)`, `@tracer.wrap()`."""
    expr = decorator.decorator
    if isinstance(expr, cst.Call):
        return is_touchpoint(expr, resolver)
    name = resolver.qualified_name(expr) or ""
    return name.startswith(METRIC_PACKAGES)
