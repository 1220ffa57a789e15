"""What the resolver knows about libraries without reading them: factories whose result has a known
class, module-level objects of a known class, and re-exported names mapped to the public ones."""

from __future__ import annotations

from typing import Dict


# Factories whose result is an instance of a known class.
FACTORY_TYPES: Dict[str, str] = {
    "logging.getLogger": "logging.Logger",
    "logging.getLoggerClass": "logging.Logger",
    "structlog.get_logger": "structlog.BoundLogger",
    "structlog.getLogger": "structlog.BoundLogger",
    "structlog.stdlib.get_logger": "structlog.BoundLogger",
    "requests.session": "requests.Session",
    "requests.sessions.session": "requests.Session",
    "asyncio.get_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.get_running_loop": "asyncio.AbstractEventLoop",
    "asyncio.new_event_loop": "asyncio.AbstractEventLoop",
    "structlog.wrap_logger": "structlog.BoundLogger",
    "celery.utils.log.get_task_logger": "logging.Logger",
    "structlog.stdlib.BoundLogger.bind": "structlog.BoundLogger",
    "structlog.BoundLogger.bind": "structlog.BoundLogger",
    "structlog.BoundLogger.new": "structlog.BoundLogger",
    "logging.Logger.getChild": "logging.Logger",
    "loguru.Logger.bind": "loguru.Logger",
    "loguru.Logger.opt": "loguru.Logger",
    "logging.LoggerAdapter": "logging.LoggerAdapter",
    "opentelemetry.trace.get_current_span": "opentelemetry.trace.Span",
    "opentelemetry.trace.get_tracer": "opentelemetry.trace.Tracer",
    "opentelemetry.trace.Tracer.start_as_current_span": "opentelemetry.trace.Span",
    "opentelemetry.trace.Tracer.start_span": "opentelemetry.trace.Span",
    "concurrent.futures.ThreadPoolExecutor": "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.ProcessPoolExecutor": "concurrent.futures.ProcessPoolExecutor",
}

# Functions that return the object their first argument gives, configured: `app = cors(app, allow_origin="*")`
# still holds the Quart app its routes are declared on (nachet-backend's `@app.post(...)` after it).
RETURNS_FIRST_ARGUMENT = frozenset({"quart_cors.cors"})

# Module-level objects and attributes whose class is known without seeing their construction.
KNOWN_OBJECT_TYPES: Dict[str, str] = {
    "loguru.logger": "loguru.Logger",
    "flask.current_app.logger": "logging.Logger",
    "flask.Flask.logger": "logging.Logger",
    "quart.current_app.logger": "logging.Logger",
    "quart.Quart.logger": "logging.Logger",
    "logging.root": "logging.Logger",
    # flask-celeryext's extension builds the app's Celery object (`FlaskCeleryExt(app).celery`).
    "flask_celeryext.FlaskCeleryExt.celery": "celery.Celery",
    "flask_celeryext.ext.FlaskCeleryExt.celery": "celery.Celery",
}

# Re-exports: the name users import -> the canonical public name rules match on.
CANONICAL_NAMES: Dict[str, str] = {
    "requests.sessions.Session": "requests.Session",
    "requests.api.get": "requests.get",
    "httpx._client.Client": "httpx.Client",
    "httpx._client.AsyncClient": "httpx.AsyncClient",
    "urllib3.poolmanager.PoolManager": "urllib3.PoolManager",
    "concurrent.futures.thread.ThreadPoolExecutor": "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.process.ProcessPoolExecutor": "concurrent.futures.ProcessPoolExecutor",
    "loguru._logger.Logger": "loguru.Logger",
    "structlog.stdlib.BoundLogger": "structlog.BoundLogger",
    "opentelemetry.trace.span.Span": "opentelemetry.trace.Span",
    "opentelemetry.trace.status.StatusCode": "opentelemetry.trace.StatusCode",
    "opentelemetry.trace.status.Status": "opentelemetry.trace.Status",
}


def canonical(name: str) -> str:
    """The public name rules match on for a name users may import from a private module."""
    return CANONICAL_NAMES.get(name, name)
