"""Project-phase conditions of the app-level logging and per-handler instrumentation rules.

* `no-request-correlation` (PRR405; subjects: framework, the variable holding the app): serving code
  writes log records and nothing in the project attaches a request id or trace context to them;
  the serving code is the app's own routes' (`_app_routes`) when the project holds several apps.
* `degraded-answer` (PRR203; subjects: function qualname, label, "logged" when the handler leaves a
  log record or hands the exception on, "calls:<name>" per function the handler calls): the function runs on a serving path (as `serving-reachable`),
  and, when the handler leaves such a record, the service counts failures somewhere (`counts_failures`).
* `uninstrumented-handler` (PRR202; subjects: function): with `instrumentation.granularity =
  "handler"`, the function is an entry point with no handler-level touchpoint of its own or in a
  function it calls directly.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Sequence, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint.log_correlation import library_set_up, mentions_request_correlation
from prr_lint.model import REPORTS_ERROR, Finding, Pending
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import breadth_first
from prr_lint.project.child_apps import is_child_app
from prr_lint.project.model import EntryPoint, setting
from prr_lint.project.probes import is_probe
from prr_lint.rules.degraded import CALLS
from prr_lint.rules.log_marks import LOGS_AT, LOGS_FIRST_PARAMETER, LOGS_WITHOUT_REQUEST, REQUEST_FIRST, SENTRY_LOG_EVENTS

Rewriter = Callable[[Pending], Optional[Finding]]
# Packages that count or report failures: metric clients, tracers and APM agents, error trackers.
COUNTING_ROOTS = frozenset({
    "prometheus_client", "statsd", "datadog", "opentelemetry", "ddtrace", "newrelic", "aiodogstatsd", "markus",
    "elasticapm", "aws_xray_sdk", "scout_apm", "sentry_sdk", "raven", "rollbar", "bugsnag", "django_prometheus",
    "prometheus_flask_exporter", "prometheus_fastapi_instrumentator", "starlette_exporter", "starlette_prometheus",
    "py_grpc_prometheus", "grpc_prometheus", "aiohttp_prometheus_exporter", "prometheus_async",
})


# APM agents, and libraries that annotate an APM agent's request transaction (edx-django-utils'
# monitoring: `set_custom_attribute`, `ignore_transaction`, its MIDDLEWARE classes): a project that uses
# one runs under the agent, whose launcher instruments every app of the process.
APM_AGENTS = ("newrelic.", "ddtrace.", "elasticapm.", "scout_apm.", "edx_django_utils.monitoring.")


def apm_middleware(paths: Iterable[str]) -> bool:
    """A Django MIDDLEWARE entry of an APM agent or of a library that feeds its request transaction."""
    return any(path.startswith(APM_AGENTS) for path in paths)


def probes_only(index, entries: Sequence[EntryPoint], paths: Tuple[str, ...]) -> bool:
    """Every route of the app answers health probes (a worker's liveness sidecar serving `/health`):
    its failures reach the orchestrator that probes it, not users, and there is no request work to measure."""
    return bool(entries) and all(is_probe(entry, paths, index) for entry in entries)


# Functions that render a metrics registry in the Prometheus exposition format (what `/metrics` answers).
EXPOSITION = frozenset({
    "prometheus_client.generate_latest", "prometheus_client.exposition.generate_latest",
    "prometheus_client.openmetrics.exposition.generate_latest", "prometheus_client.exposition.choose_encoder",
    "prometheus_client.openmetrics.exposition.choose_encoder", "aioprometheus.render", "aioprometheus.renderer.render",
})


def _exposes(index, graph, entry: EntryPoint) -> bool:
    """The route's handler, or a function it calls directly, renders a registry for Prometheus."""
    return any(call in EXPOSITION for name in breadth_first(graph, [entry.qualname], 2)
               if name in index.functions for call in index.functions[name].calls)


def exposes_metrics_only(index, graph, entries: Sequence[EntryPoint], paths: Tuple[str, ...]) -> bool:
    """The app is a Prometheus exporter: a route renders a metrics registry (`generate_latest(REGISTRY)`)
    and every other route lies under that route's path (`/metrics/targets`, Prometheus' HTTP service
    discovery) or answers health probes. Its one client is Prometheus, whose scrape (`up`,
    `scrape_duration_seconds`) and discovery metrics already measure every request it answers."""
    exposing = [entry for entry in entries if entry.route and _exposes(index, graph, entry)]
    prefixes = tuple(entry.route.rstrip("/") + "/" for entry in exposing)
    return bool(exposing) and all(
        entry in exposing or (entry.route and entry.route.startswith(prefixes)) or is_probe(entry, paths, index)
        for entry in entries)


def timed_by_decorator(index, graph, entries: Sequence[EntryPoint]) -> bool:
    """A route of the app wears a decorator of the project's own whose wrapper records a metric or a
    span (a wrapper that reads a clock and observes a Summary per request): the app has request
    instrumentation, on the routes the project chose (PRR202 is about handlers left out)."""
    from prr_lint.project.middleware import records_request_metrics

    decorators = {decorator for entry in entries if entry.qualname in index.functions
                  for decorator in index.functions[entry.qualname].decorators}
    return any(records_request_metrics(index, graph, [decorator]) for decorator in sorted(decorators)
               if index.canonical(decorator) in index.functions)


def _top_package(finding: Finding) -> str:
    """The top-level package of the code that reported (a repository can hold several services)."""
    return finding.context.split(".")[0]


def _other_apps(analysis: ServingAnalysis, families: Tuple[str, ...]) -> Set[str]:
    """Entry-point frameworks of the other app frameworks whose app the project constructs (a
    `FastAPI()` beside a Django settings module). Routes of a framework whose app is built elsewhere
    (a Flask blueprint with no `Flask()` in the project), GraphQL resolvers and the like may run
    inside this app, and stay its."""
    built = {fw.APP_CONSTRUCTORS[call] for function in analysis.index.functions.values() for call in function.calls
             if call in fw.APP_CONSTRUCTORS}
    return {name for framework in built for name in fw.APP_ROUTE_FAMILIES.get(framework, (framework,))} - set(families)


def _app_routes(analysis: ServingAnalysis, item: Pending) -> List[str]:
    """The entry points whose logging this app's finding is about. When the project serves routes of
    several framework families (a Django admin mounted beside a FastAPI app), only the app's own
    family's, none when it has none; and of several module-level apps of one family in one package (a main app beside a
    short-link app), one whose routes are all declared on it (`@shortlinkapp.route`, nothing mounted
    on it) answers for those routes alone, not for the writers the main app's routes reach."""
    entries = analysis.model.entry_points
    framework = item.subjects[0] if item.subjects else ""
    families = fw.APP_ROUTE_FAMILIES.get(framework, (framework,))
    family = [e for e in entries if e.framework in families]
    others = _other_apps(analysis, families)
    # (with no route of its own beside another app's, the app serves no project code: a Django admin)
    roots = family if any(e.framework in others for e in entries) else entries
    app = item.subjects[1] if len(item.subjects) > 1 else ""  # `svc.links`: the variable that holds the app
    top = app.split(".")[0]
    apps = {f"{m.module}.{name}" for m in analysis.index.modules.values() if m.module.split(".")[0] == top
            for name, kind in m.globals.items() if fw.APP_CONSTRUCTORS.get(kind) in families}
    prefixes = [p for m in analysis.index.modules.values() for p in m.prefixes]
    if len(apps) < 2 or app not in apps or any(kind != "route" and owner == app for kind, owner, _, _ in prefixes):
        return [e.qualname for e in roots]
    owned = {child for kind, owner, child, _ in prefixes if kind == "route" and owner == app}
    own = [e.qualname for e in roots if e.qualname in owned]
    return own or [e.qualname for e in roots]


_SENTRY_LOGGING = "sentry_sdk.integrations.logging.LoggingIntegration"


def _sentry_breadcrumbs(module) -> bool:
    """Sentry set up with performance tracing (`sentry_sdk.init(traces_sample_rate=...)`, recorded as
    request instrumentation) and its `LoggingIntegration` configured in the same module: each log
    record becomes a breadcrumb of the request's scope, sent with its transaction and its errors."""
    return _SENTRY_LOGGING in module.imports.values() and any(hit[0] == "sentry_sdk.init" for hit in module.instrumentation)


def _sentry_event_level(index, top: str) -> Optional[int]:
    """The level from which the package's Sentry set-up (`sentry_sdk.init` in one of its modules, a
    production settings module) sends records as error events carrying the request they were
    written in; the highest when several modules set it up differently, None without one."""
    levels = [int(tag[len(SENTRY_LOG_EVENTS):]) for module in index.modules.values()
              if module.module.split(".")[0] == top and module.module in index.functions
              for tag in index.functions[module.module].tags if tag.startswith(SENTRY_LOG_EVENTS)]
    return max(levels) if levels else None


def _all_events(index, writers: Sequence[str], level: Optional[int]) -> bool:
    """Every record the serving code writes is at or above Sentry's event level: each is an error
    event with the request (URL, method, user) and its transaction attached, nothing is left for a
    request id to tie together."""
    return level is not None and all(int(tag[len(LOGS_AT):]) >= level for name in writers
                                     for tag in index.functions[name].tags if tag.startswith(LOGS_AT))


def _name_their_request(analysis: ServingAnalysis, writers: Sequence[str]) -> bool:
    """Every record the serving code writes prints the request it was written for (the request
    object a handler is handed, which aiohttp and Django print as method and path, or its URL):
    each stands alone like an access-log line, there is nothing scattered to tie together."""
    handed = {entry.qualname for entry in analysis.model.entry_points if entry.framework in REQUEST_FIRST}
    tags = [analysis.index.functions[name].tags for name in writers]
    return all(LOGS_WITHOUT_REQUEST not in tag for tag in tags) and all(
        name in handed for name, tag in zip(writers, tags) if LOGS_FIRST_PARAMETER in tag)


# New Relic's Python agent (8.0 and later) forwards every log record with the trace and span id of the
# transaction it was written in ("logs in context", on by default): under its launcher or with its
# package imported, each request's records are tied to its transaction.
_LOGS_IN_CONTEXT_AGENT = "newrelic"


def _logs_in_context(index, launcher: Callable[..., Optional[str]], path: str) -> bool:
    """The app runs under an agent that decorates log records with the request's trace context: its
    launcher or declared distribution (`newrelic-admin run-program` in a Procfile), or its package
    imported by the project (`newrelic.agent.initialize()` in the WSGI module)."""
    evidence = launcher(path) or ""
    if _LOGS_IN_CONTEXT_AGENT in evidence.split(": ", 1)[-1]:
        return True
    prefix = _LOGS_IN_CONTEXT_AGENT + "."
    return any(target == _LOGS_IN_CONTEXT_AGENT or target.startswith(prefix)
               for module in index.modules.values() for target in module.imports.values())


def request_correlation(analysis: ServingAnalysis, settings,
                        launcher: Callable[..., Optional[str]] = lambda path=None: None) -> Rewriter:
    index = analysis.index
    external = bool(setting(settings, "instrumentation", "external", False))
    correlated = any(
        fw.CORRELATES_REQUESTS in index.functions[module.module].tags
        for module in index.modules.values() if module.module in index.functions
    ) or any(_sentry_breadcrumbs(module) for module in index.modules.values()) or library_set_up(
        (call for function in index.functions.values() for call in function.calls),
        (item for module in index.modules.values() for item in module.imports.items())) is not None or any(
        mentions_request_correlation(factory.target) for factory in analysis.paste)  # `oslo_middleware:RequestId.factory`

    reached_from: Dict[Tuple[str, ...], Mapping[str, object]] = {}
    reported: Set[Tuple[str, str, Tuple[str, ...]]] = set()

    def check(item: Pending) -> Optional[Finding]:
        if external or correlated or _logs_in_context(index, launcher, item.finding.path):
            return None
        if is_child_app(index, item.finding.path, [entry.path for entry in analysis.model.entry_points]):
            return None  # a helper process the service starts and calls itself (project/child_apps.py)
        top = _top_package(item.finding)
        roots = tuple(sorted(_app_routes(analysis, item)))
        # one finding per served route set: a second settings module (a development one extending the
        # base settings) or a second app object serving the same routes is the same problem
        served = (item.finding.path.split("/", 1)[0], item.subjects[0] if item.subjects else "", roots)
        if served in reported:
            return None
        if roots not in reached_from:
            reached_from[roots] = breadth_first(analysis.graph, list(roots), analysis.max_depth)
        writers = sorted(
            name for name in reached_from[roots]
            if name.split(".")[0] == top and name in index.functions and fw.WRITES_LOGS in index.functions[name].tags
        )
        if (not writers or _all_events(index, writers, _sentry_event_level(index, top))
                or _name_their_request(analysis, writers)):
            return None
        reported.add(served)
        shown = ", ".join(analysis.label(name) for name in writers[:3]) + (f" and {len(writers) - 3} more" if len(writers) > 3 else "")
        message = (f"{item.finding.message}: serving code writes log records ({shown}) and no correlation-id middleware, "
                   "log-context binding or trace-context injection ties them to a request")
        return replace(item.finding, message=message, related=tuple(analysis.location(name) for name in writers[:10]))

    return check


def handler_instrumentation(analysis: ServingAnalysis, settings) -> Rewriter:
    index = analysis.index
    per_handler = setting(settings, "instrumentation", "granularity", "app") == "handler"
    external = bool(setting(settings, "instrumentation", "external", False))

    def instrumented(name: str) -> bool:
        function = index.functions.get(name)
        if function is None:
            return False
        return fw.INSTRUMENTED_HANDLER in function.tags or any(
            fw.INSTRUMENTED_HANDLER in index.functions[callee].tags for callee in analysis.graph.callees(name)
            if callee in index.functions
        )

    def check(item: Pending) -> Optional[Finding]:
        entry = analysis.entry_by_name.get(item.subjects[0])
        if not per_handler or external or entry is None or instrumented(entry.qualname):
            return None
        route = f" {entry.route}" if entry.route else ""
        return replace(item.finding, message=f"{item.finding.message} ({entry.framework} entry point{route})")

    return check


def counts_failures(index) -> bool:
    """The service has a channel that counts or reports failures somewhere: a metric or span recorded
    in some function, app-level instrumentation, or a module importing a metric client, tracer, APM
    agent or error tracker. Read from the index the summaries already hold (no tree walk)."""
    return (
        any(fw.INSTRUMENTED_HANDLER in function.tags for function in index.functions.values())
        or any(hit[1] != "?" for module in index.modules.values() for hit in module.instrumentation)
        or any(target.split(".", 1)[0] in COUNTING_ROOTS for module in index.modules.values() for target in module.imports.values())
    )


def _reports_error(index, name: str) -> bool:
    """A project function that reports an error itself (an error tracker, an error-level log)."""
    function = index.function(name)
    return function is not None and REPORTS_ERROR in function.tags


def degraded_answer(index, settings, launcher: Callable[[], Optional[str]], reachable: Rewriter) -> Rewriter:
    """PRR203, one problem one finding: in a service that counts nothing anywhere (no metric client, no
    tracer, no error tracker: PRR201 is the finding about that), a fallback the handler logs is as
    visible as every other failure of the service, and reporting it per handler restates the missing
    instrumentation. There only a handler that leaves no record at all (no log line, the exception
    handed nowhere) is reported: its failure is invisible even in the logs."""
    counting: List[bool] = []

    def check(item: Pending) -> Optional[Finding]:
        if any(_reports_error(index, subject[len(CALLS):]) for subject in item.subjects[2:] if subject.startswith(CALLS)):
            return None  # handed to the project's own reporter, which sends it to an error tracker
        if "logged" in item.subjects[2:]:
            if not counting:
                external = bool(setting(settings, "instrumentation", "external", False))
                counting.append(external or launcher() is not None or counts_failures(index))
            if not counting[0]:
                return None
        return reachable(item)

    return check
