"""What ties a service's log records to the request being served (PRR405): the libraries that do it,
how a project is seen to set one up, and the words that show correlation in a module's text."""

from __future__ import annotations

from typing import Dict, Iterable, Optional, Tuple

# Third-party packages that put a request id (or the request's trace id) on every log record, by
# import name. An empty entry: naming the package anywhere in a module (its middleware class
# imported, a Django MIDDLEWARE string) is taking it into use. Otherwise the set-ups that install the
# correlation, each a group of fully qualified names, as the project's imports resolve them (never a
# local spelling), that must all be used: a function the project calls, or an upper-case Django
# setting a module imports under its own name (Django applies the settings module's names).
CORRELATION_LIBRARIES: Dict[str, Tuple[Tuple[str, ...], ...]] = {
    "asgi_correlation_id": (), "django_guid": (), "log_request_id": (), "flask_request_id": (),
    "starlette_context": (), "django_structlog": (),
    # notifications-utils (GOV.UK Notify): logging's init_app puts RequestIdFilter and SpanIdFilter on
    # every handler it installs (request_id in the format); the id is the one of the request class
    # request_helper.init_app installs (the X-B3-TraceId / X-Amzn-Trace-Id header, or a new one)
    "notifications_utils": (
        ("notifications_utils.logging.flask.init_app", "notifications_utils.request_helper.init_app"),
        ("notifications_utils.logging.init_app", "notifications_utils.request_helper.init_app"),
    ),
    # digitalmarketplace-utils: dmutils.init_app runs request_id.init_app (a request class taking its
    # id from the DM-Request-ID / X-B3-TraceId header, or a new one) and logging.init_app, whose
    # handlers' filter copies that id onto each record
    "dmutils": (("dmutils.init_app",), ("dmutils.flask_init.init_app",),
                ("dmutils.logging.init_app", "dmutils.request_id.init_app")),
    # mitol-django-observability: the formatter of its LOGGING setting, and configure_structlog (which
    # its AppConfig's ready() runs), pass every stdlib record through inject_otel_context, which adds
    # the current span's trace and span id
    "mitol.observability": (("mitol.observability.settings.logging.LOGGING",),
                            ("mitol.observability.logging.configure_structlog",)),
}
# Evidence that request logs carry a request id, searched in each file's text: the libraries used by
# name, log-context binding, OpenTelemetry's log correlation, request-id headers and fields.
CORRELATION_WORDS = tuple(package for package, setups in CORRELATION_LIBRARIES.items() if not setups) + (
    "correlation_id", "request_id", "requestid", "bind_contextvars", "bound_contextvars", "bind_threadlocal",
    "logginginstrumentor", "x-request-id", "x-correlation-id", "x-amzn-trace-id", "x-cloud-trace-context", "traceparent",
    "logs_injection", "set_log_correlation",
    "enable_logs",  # Sentry Logs (`sentry_sdk.init(enable_logs=True)`): each record carries the request's trace id
)
_SET_UP_ROOTS = tuple(f"{package}." for package, setups in CORRELATION_LIBRARIES.items() if setups)


def mentions_request_correlation(source: str) -> bool:
    """The module's text names a request-id library, header or log binding (in any case). Plain
    substring tests of the lowered text: a case-insensitive alternation over every file cost 2 % of
    a run."""
    lowered = source.lower()
    return any(word in lowered for word in CORRELATION_WORDS)


def library_set_up(calls: Iterable[str], imports: Iterable[Tuple[str, str]]) -> Optional[str]:
    """The catalogued library whose set-up the project performs, from the names its calls resolve to
    and its imports (local name, target), or None."""
    used = {call for call in calls if call.startswith(_SET_UP_ROOTS)}
    used.update(target for name, target in imports
                if name.isupper() and target.startswith(_SET_UP_ROOTS) and target.rpartition(".")[2] == name)
    for package, setups in CORRELATION_LIBRARIES.items():
        if any(all(name in used for name in setup) for setup in setups):
            return package
    return None
