"""Objects a metrics or tracing library built: a call on one records a metric or a span.

The resolver names `metrics.timing(...)` only when it knows the class of `metrics`; an object a
library's factory returns (`metrics = markus.get_metrics(__name__)`, `statsd = get_client()`), or a
dict of prometheus_client metrics (`METRICS["requests"].labels(...).inc()`), has none. What the object
is does not matter here, only which library made it: a call on it goes into that library, so the
summary records it as `<factory>.<method>` (`markus.get_metrics.timing`), and the checks that look
for calls into metric packages (PRR201's middleware, a request hook) see it."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.touchpoints import METRIC_PACKAGES

# Metric clients, tracers and APM agents (touchpoints.py), and the request tracers a middleware uses.
METRIC_LIBRARIES = tuple(dict.fromkeys((*METRIC_PACKAGES, "aioprometheus.", "prometheus_async.", "django_statsd.",
                                        "aiozipkin.", "py_zipkin.")))
_CHAIN = 6  # receivers followed through calls, subscripts and attributes: `M["x"].labels(...).inc`


def library_made(resolver: Resolver, expr: cst.BaseExpression, scope: Optional[Scope] = None) -> Optional[str]:
    """The metrics-library call that built the object a name (or `self.<attribute>`) holds, or the
    first such call in the dict, list or tuple literal it is bound to; None otherwise."""
    made = resolver.made_by(expr, scope)
    if made is not None and made.startswith(METRIC_LIBRARIES):
        return made
    bindings = resolver.lookup(expr.value, scope) if isinstance(expr, cst.Name) else None
    value = bindings[-1].value if bindings and bindings[-1].kind == "value" else None
    if isinstance(value, cst.Dict):
        items = [element.value for element in value.elements if isinstance(element, cst.DictElement)]
    elif isinstance(value, (cst.List, cst.Tuple)):
        items = [element.value for element in value.elements if isinstance(element, cst.Element)]
    else:
        return None
    for item in items:
        name = resolver.qualified_name(item.func, bindings[-1].scope) if isinstance(item, cst.Call) else None
        if name is not None and name.startswith(METRIC_LIBRARIES):
            return name
    return None


def metric_object_call(resolver: Resolver, func: cst.BaseExpression) -> Optional[str]:
    """`<factory>.<method>` for a method call on an object a metrics library built (`metrics.timing`,
    `METRICS["duration"].labels(...).observe`), or None."""
    if not isinstance(func, cst.Attribute):
        return None
    receiver: cst.BaseExpression = func.value
    for _ in range(_CHAIN):
        if isinstance(receiver, cst.Name) or (isinstance(receiver, cst.Attribute) and isinstance(receiver.value, cst.Name)):
            made = library_made(resolver, receiver)
            if made is not None:
                return f"{made}.{func.attr.value}"
        if isinstance(receiver, cst.Call):
            receiver = receiver.func
        elif isinstance(receiver, (cst.Subscript, cst.Attribute)):
            receiver = receiver.value
        else:
            return None
    return None
