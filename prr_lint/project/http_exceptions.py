"""PRR103 in the project phase: a FastAPI/Starlette app whose `HTTPException` handler reports.

Starlette hands each raised `HTTPException` to the handler the app registered for its class
(http_handlers.py records `@app.exception_handler(HTTPException)` and `add_exception_handler`). When
that handler logs at error level or calls a project reporter (`if exc.status_code >= 500:
logger.error(...)`), a 5xx `HTTPException` a route raises from an `except` is reported there, with
the detail the route gave it: the route need not report it again.
"""

from __future__ import annotations

from prr_lint.http_handlers import HANDLES_HTTP_EXCEPTION
from prr_lint.project.index import ProjectIndex
from prr_lint.project.reporters import reporter_functions


def http_exception_handler_reports(index: ProjectIndex) -> bool:
    """Some module registers an `HTTPException` handler that reports (see the module docstring)."""
    return index.derived("http-exception-handler-reports", lambda: _handler_reports(index))


def _handler_reports(index: ProjectIndex) -> bool:
    reporters = reporter_functions(index)
    handlers = (tag[len(HANDLES_HTTP_EXCEPTION):] for module in index.modules.values()
                for function in module.functions.values() for tag in function.tags if tag.startswith(HANDLES_HTTP_EXCEPTION))
    return any((index.canonical(name) or name) in reporters for name in handlers)
