"""Request instrumentation of the project's own: a middleware class (or function) that times or
counts requests through a metrics client, directly or through the project's wrapper of one
(PRR201). Found by following the middleware's calls, not by its name: a call into a metrics
package, or a function that reads a clock and hands a value to a metric verb (`counter`, `timer`,
`histogram` ...) of any object, so a wrapper that picks its provider at run time counts too."""

from __future__ import annotations

import re
from typing import Iterable, List, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint.program_marks import EXTENDS_MIDDLEWARE_WITH
from prr_lint.project.callgraph import CallGraph, breadth_first
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors, resolve_name
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
    "aiozipkin.",
    "py_zipkin.",
)
_DEPTH = 3
# A middleware that reads a clock and hands a value to a metric verb times requests, whatever client
# it sends them to (the project's own wrapper of statsd/datadog, a plugin-chosen provider).
CLOCKS = frozenset({"time.perf_counter", "time.time", "time.monotonic", "time.perf_counter_ns", "time.monotonic_ns",
                    "timeit.default_timer", "datetime.datetime.now", "datetime.datetime.utcnow"})
METRIC_VERBS = frozenset({"counter", "timer", "timing", "histogram", "observe", "gauge", "incr", "increment", "inc",
                          "distribution", "record"})


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
    """The functions a middleware named `name` runs: the function itself and the functions it defines
    (a factory's middleware), or a class's methods."""
    canonical = index.canonical(name)
    if canonical is None:
        return []
    nested = [qualname for qualname in index.nested(canonical) if qualname != canonical]
    if canonical in index.functions and canonical not in index.classes:
        return [canonical, *nested]  # a factory's nested middleware (`def instrumentation(): ... return middleware`)
    return nested


def records_request_metrics(index: ProjectIndex, graph: CallGraph, names: Iterable[str]) -> bool:
    """Whether one of the middlewares `names` (project classes or functions) records a metric or a
    span within a few calls, or names a library's instrumentation once resolved through the project
    (`svc.ext.metrics.init_app` where `svc.ext` binds `metrics = GDSMetrics()`)."""
    for name in names:
        if fw.instrumentation_family(resolve_name(index, name)) is not None:
            return True  # a library's instrumentation on an object of another module (`gds_metrics.init_app(app)`)
        roots = _roots(index, name)
        for qualname in breadth_first(graph, roots, _DEPTH) if roots else ():
            function = index.functions.get(qualname)
            if function is not None and (any(_records_metric(index, call) for call in function.calls) or _times(function.calls)):
                return True
        if _logs_timed_requests(index, roots):
            return True
    return False


def _logs_timed_requests(index: ProjectIndex, roots: Iterable[str]) -> bool:
    """The middleware writes a timed access log tied to its request: one of its own functions reads a
    clock twice (before and after handing the request on: `start = time.perf_counter() ... elapsed =
    time.perf_counter() - start`) and writes a log record, in a module that binds a request id to its
    records (`logger.contextualize(request_id=...)`, an `X-Request-ID` header). Each request leaves
    one record with its id, status and latency, which log-based metrics count. Without the request id
    (an INFO line with a status and a duration) it is a log line, not instrumentation."""
    for qualname in roots:
        function = index.functions.get(qualname)
        module = index.functions.get(index.module_of(qualname))
        if function is not None and module is not None and fw.WRITES_LOGS in function.tags \
                and fw.CORRELATES_REQUESTS in module.tags and sum(call in CLOCKS for call in function.calls) >= 2:
            return True
    return False


def _times(calls) -> bool:
    """Reads a clock and records a metric verb on some object: `start = time.perf_counter() ...
    metrics.timer("server.call.elapsed", time.perf_counter() - start)`, `metrics.send("response_time",
    "TIMER", elapsed)` on a metrics object."""
    return any(call in CLOCKS for call in calls) and any(_metric_verb(call) for call in calls)


def _metric_verb(call: str) -> bool:
    receiver, _, verb = call.rpartition(".")
    if call.startswith(("logging.", "builtins.", "time.")):
        return False
    return verb in METRIC_VERBS or (verb in ("send", "submit", "emit") and bool(_METRICS_RECEIVER.search(receiver)))


_METRICS_RECEIVER = re.compile(r"metric|statsd|stats\b", re.I)
# Request hooks an app calls around every request (`@app.after_request`): one that times the request
# and records it instruments the app it is registered on.
REQUEST_HOOKS = frozenset({"after_request", "before_request", "teardown_request", "after_app_request", "before_app_request"})
TORNADO_HOOKS = frozenset({"prepare", "on_finish"})
TORNADO_HANDLER = "tornado.web.RequestHandler"


def timing_request_hooks(index: ProjectIndex) -> List[Tuple[str, str, str]]:
    """Instrumentation hits (name, family, target) of request hooks that time requests and record a
    metric (`@app.after_request` reading `g.start` and calling `metrics.send("response_time", ...)`).
    The hook's app is often a parameter of a `configure(app)` function, so the hit is for the
    framework of the hook's decorator when it resolves, and for any app otherwise. Tornado calls a
    handler class's `prepare()` and `on_finish()` around every request: a base handler class whose
    hooks time requests into a metric instruments the tornado apps its subclasses serve."""
    hits: List[Tuple[str, str, str]] = []
    for name, function in index.functions.items():
        owner, _, method = name.rpartition(".")
        if method in TORNADO_HOOKS and owner in index.classes and TORNADO_HANDLER in class_ancestors(index, owner):
            if _times(function.calls) or any(_metric_verb(call) for call in function.calls) and _clock_nearby(index, name):
                hits.append((name, "tornado", ""))
            continue
        hooks = [decorator for decorator in function.decorators if decorator.rpartition(".")[2] in REQUEST_HOOKS]
        if hooks and (_times(function.calls) or any(_metric_verb(call) for call in function.calls) and _clock_nearby(index, name)):
            family = hooks[0].split(".", 1)[0] if hooks[0].split(".", 1)[0] in ("flask", "quart", "bottle") else "*"
            hits.append((name, family, ""))
    return hits


def recording_tornado_hooks(index: ProjectIndex, graph: CallGraph) -> List[Tuple[str, str, str]]:
    """Instrumentation hits of tornado handler hooks (`prepare()`, `on_finish()`, called around every
    request) that record a metric or open a span within a few calls, as a middleware does: a base
    handler whose `prepare()` starts a Zipkin request span through the project's tracer class."""
    return [(name, "tornado", "") for name in index.functions
            if name.rpartition(".")[2] in TORNADO_HOOKS and name.rpartition(".")[0] in index.classes
            and TORNADO_HANDLER in class_ancestors(index, name.rpartition(".")[0]) and records_request_metrics(index, graph, [name])]


def _clock_nearby(index: ProjectIndex, name: str) -> bool:
    """A sibling hook (same enclosing function) reads the clock: `before_request` stores the start."""
    owner = name.rpartition(".")[0]
    return any(
        other.rpartition(".")[0] == owner and any(call in CLOCKS for call in function.calls)
        for other, function in ((other, index.functions[other]) for other in index.nested(owner)) if other not in (name, owner)
    )


def extended_with_instrumentation(index: ProjectIndex, settings: str) -> bool:
    """Some settings module star-imports `settings` (directly or through other settings modules)
    and extends the MIDDLEWARE it took from it with request instrumentation (program_marks.py):
    a production settings module wrapping the base list in django_prometheus's middlewares. The
    deployed settings are the extending module's, so the base list is instrumented where it runs."""
    for module in index.modules.values():
        tags = index.functions[module.module].tags if module.module in index.functions else ()
        if any(tag.startswith(EXTENDS_MIDDLEWARE_WITH) for tag in tags) and settings in _star_closure(index, module.module):
            return True
    return False


def _star_closure(index: ProjectIndex, module: str) -> Set[str]:
    seen: Set[str] = set()
    queue = [module]
    while queue:
        current = index.modules.get(queue.pop())
        for imported in current.star_imports if current is not None else ():
            if imported not in seen:
                seen.add(imported)
                queue.append(imported)
    return seen
