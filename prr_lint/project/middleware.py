"""Request instrumentation of the project's own: a middleware class (or function) that times or
counts requests through a metrics client, directly or through the project's wrapper of one
(PRR201). Found by following the middleware's calls, not by its name."""

from __future__ import annotations

from typing import Iterable, List

from prr_lint.project.callgraph import CallGraph, breadth_first
from prr_lint.project.index import ProjectIndex
from prr_lint.project.reporters import global_object_type

# Packages whose calls record a metric or a span.
METRIC_PACKAGES = (
    "prometheus_client.",
    "statsd.",
    "datadog.",
    "ddtrace.",
    "opentelemetry.",
    "aioprometheus.",
    "prometheus_async.",
    "django_statsd.",
    "markus.",
)
_DEPTH = 3


def _records_metric(index: ProjectIndex, call: str) -> bool:
    if call.startswith(METRIC_PACKAGES):
        return True
    receiver = call
    while "." in receiver:  # `HTTP_REQUESTS.labels(...)` on a module-level Counter of another module
        receiver = receiver.rpartition(".")[0]
        typed = global_object_type(index, receiver)
        if typed is not None:
            return typed.startswith(METRIC_PACKAGES)
    return False


def _roots(index: ProjectIndex, name: str) -> List[str]:
    """The functions a middleware named `name` runs: the function itself, or a class's methods."""
    canonical = index.canonical(name)
    if canonical is None:
        return []
    if canonical in index.functions and canonical not in index.classes:
        return [canonical]
    prefix = canonical + "."
    return [qualname for qualname in index.functions if qualname.startswith(prefix)]


def records_request_metrics(index: ProjectIndex, graph: CallGraph, names: Iterable[str]) -> bool:
    """Whether one of the middlewares `names` (project classes or functions) records a metric or a
    span within a few calls."""
    for name in names:
        roots = _roots(index, name)
        for qualname in breadth_first(graph, roots, _DEPTH) if roots else ():
            function = index.functions.get(qualname)
            if function is not None and any(_records_metric(index, call) for call in function.calls):
                return True
    return False
