"""What a framework's error dispatch reports by itself, the one table PRR103 and PRR104 read.

flask-restx's (and its predecessor flask-restplus's) `Api.handle_error` runs the handler registered for
the error (`@api.errorhandler(E)`, a Namespace's `@ns.errorhandler(E)` too: the Api collects them), takes
the status of its answer (500 when the answer names none) and, for a status of 500 or more, calls
`current_app.log_exception(exc_info)`: the error is logged, traceback and all, before the answer goes
out. The same `handle_error` takes an HTTPException a flask-restx or flask-restful `Resource` method
raises (`abort(500, ...)`) and logs it so. A handler registered on the Flask app itself
(`app.errorhandler`) answers through Flask's `handle_user_exception`, which logs nothing.

Both `Api` classes also put their `error_router` in front of the app's `handle_user_exception` and
`handle_exception`: an error raised while one of their resources serves the request goes to their
`handle_error` (which logs a 5xx) before any handler registered on the Flask app or a blueprint is asked
(project/restful_routes.py).

drf-standardized-errors (from 0.9.0, its first public release, to 0.16.0) gives DRF an exception handler that answers
every error itself: `drf_standardized_errors.handler.exception_handler(exc, context)` returns
`EXCEPTION_HANDLER_CLASS(exc, context).run()`, the class its settings name (`ExceptionHandler` by default; the
library asserts a subclass). `run()` converts every error that is no `APIException` into a 500 `APIException`
(`convert_unhandled_exceptions`) and then calls `report_exception`, which for a 5xx sends Django's
`got_request_exception` signal (where Sentry's Django integration captures the error in flight) and logs the answer
through the `django.request` logger at error level with the exception attached, as Django does for an error that
reaches it. In DEBUG it returns None for such errors, which DRF re-raises. A handler that returns its answer reports
through it (rules/drf_library.py), unless the class that answers (the settings' for the function) overrides a method
that decides the report, or a hook is replaced, or the project holds a copy of the library (project/drf_library.py).
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.resolve import Resolver
from prr_lint.rules.responses import is_5xx
from prr_lint.tree import SCOPE_NODES, descendants

# Framework class -> what its error dispatch logs: "handler" (the 5xx answer of an error handler registered
# on an object of the class), "resource" (a 5xx HTTPException raised in a method of a subclass).
LOGS_5XX = {
    "flask_restx.Api": "handler",
    "flask_restx.Namespace": "handler",
    "flask_restx.Resource": "resource",
    "flask_restful.Resource": "resource",
}
# The Api classes whose `error_router` takes every error of their resources (the entry-point framework they route).
ROUTING_APIS = {"flask_restful.Api": "flask-restful", "flask_restx.Api": "flask-restx"}
# Installed libraries' DRF exception handlers that answer every error and report a server error themselves:
# the function -> the base class whose `run()` does it (the function runs the subclass the library's settings name).
REPORTING_DRF_HANDLERS = {"drf_standardized_errors.handler.exception_handler": "drf_standardized_errors.handler.ExceptionHandler"}
# Such a base class -> the methods through which a subclass decides the report: what `run()` is handed, `run()`
# itself, the report, and the conversions that pick the status the report keys on (`is_server_error(exc.status_code)`).
# `should_not_handle` (True: None, which DRF re-raises for Django to log), the formatting, the response and its headers
# leave it as it is.
REPORT_HOOKS = {
    "drf_standardized_errors.handler.ExceptionHandler": (
        "__init__", "run", "report_exception", "convert_known_exceptions", "convert_unhandled_exceptions"),
}
HANDLER_OWNERS = frozenset(name for name, what in LOGS_5XX.items() if what == "handler")
RESOURCE_BASES = frozenset(name for name, what in LOGS_5XX.items() if what == "resource")


def answers_only_5xx(function: cst.FunctionDef, resolver: Resolver) -> bool:
    """Every `return` of the handler gives a body with a 5xx status (`return body, 500`), or a plain
    dict or list that flask-restx answers with 500: such an answer goes through the Api's logging."""
    values = [node.value for node in descendants(function.body, stop_at=SCOPE_NODES) if isinstance(node, cst.Return)]
    return bool(values) and all(_5xx_answer(value, resolver) for value in values)


def _5xx_answer(value: Optional[cst.BaseExpression], resolver: Resolver) -> bool:
    if isinstance(value, (cst.Dict, cst.List)):
        return True
    return isinstance(value, cst.Tuple) and len(value.elements) >= 2 and is_5xx(value.elements[1].value, resolver)


def handler_owner_logs(owner: str) -> Optional[bool]:
    """For the receiver expression of an error handler's registration (prr_lint/receivers.py `held`): True
    when it is an object whose dispatch logs a 5xx answer, False for another framework's, None when only
    the project can type it (a parameter, what a factory returns, a project class)."""
    name = fw.canonical(owner)
    if name in HANDLER_OWNERS:
        return True
    return False if name.startswith(fw.FRAMEWORK_PACKAGES) else None
