"""Report sinks: calls that put an error in front of people (rule catalogue §2.5).

A handler that reaches one of these has reported its error:

* a logging call at the minimum report level or above (`error` by default; `exception`,
  `critical`, `fatal`, `log(logging.ERROR, ...)`) on a logger, or a log function called with a level
  constant first (`logger(logging.ERROR, ...)` where `logger=logging.log` is a parameter). Loggers are recognised by the type
  the resolver gives their receiver (`logging.getLogger`, `structlog.get_logger`, `loguru.logger`,
  Flask's `app.logger` / `current_app.logger`, `self.log = ...` set in a method, an annotation,
  the configured `logger-objects` / `logger-factories`, a logger a library exposes by name such as
  tornado's `tornado.log.app_log` / `gen_log` / `access_log`, also as re-exported by another module of the
  library, `tornado.http1connection.gen_log`), and the module-level `logging.error(...)`
  forms. An annotated assignment types its name by the value, as the plain one does
  (`log: Logger = structlog.get_logger()`); an annotation alone types it by the class it names, and
  a class named like a logger (`Logger`, `AuditLogger`) counts when it is a project alias. Where typing fails (a logger imported from another module, a parameter without an
  annotation), a receiver *named* like a logger counts (ruff's heuristic: the name starts with
  `log` or ends with `logger`/`logging`). A mapping's item under a constant key (`request["logger"]`)
  is a logger when the module assigns a logger to that item (`request["logger"] = child_logger` in
  an aiohttp middleware that makes a logger per request);
* an error tracker (Sentry, Rollbar, Bugsnag, New Relic, Google Error Reporting, Elastic APM,
  Airbrake, Honeybadger), including Sentry's scope and hub forms; where the receiver cannot be typed (a
  raven `Client` or Sentry `Hub` handed around as a parameter or attribute), a call of one of raven's or
  Sentry's capture methods (`captureException`, `captureMessage`, `capture_exception`, ...) counts when
  the project imports that library;
* a library function that logs the error being handled at error level (Twisted's `log.err()`, Flask's
  `app.log_exception(error)`), also
  when a project module re-exports it (`from twisted.python.log import err` in the project's `log.py`);
* tracing: `span.record_exception(...)`, `span.set_status(Status(StatusCode.ERROR))`, ddtrace's
  `span.set_exc_info(...)`, AWS X-Ray's `add_exception(...)`;
* the traceback written to the process's stderr or stdout, which are collected with its logs
  (`traceback.print_exc()`, `sys.stderr.write(traceback.format_exc())`; stack_output.py), at error level,
  unless only an `if` runs it (a debug switch's output);
* the configured `report-sinks` (`[tool.prr-lint.errors]`), by qualified name.

Project functions that call one of these, or a reporting function of a library's error-tracker module
(`nylas.logging.sentry.sentry_alert`: tracker_wrappers.py), are reporter helpers; the project phase
finds them (prr_lint/project/reporters.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable, FrozenSet, Mapping, Optional, Tuple

import libcst as cst

from prr_lint.handed_levels import parameter_default
from prr_lint.resolve import Resolver, Scope
from prr_lint.stack_output import writes_stack
from prr_lint.stored_items import item_of, stored_values
from prr_lint.tree import dotted_name, literal_value

LOGGER_TYPES = frozenset({"logging.Logger", "logging.LoggerAdapter", "logging.RootLogger", "structlog.BoundLogger",
                          "structlog.stdlib.BoundLogger", "structlog.types.BindableLogger", "loguru.Logger", "loguru._logger.Logger"})
# twisted.logger.Logger.failure: the current Failure with its traceback, at critical
LEVELS = {"trace": 5, "debug": 10, "info": 20, "msg": 20, "success": 25, "warning": 30, "warn": 30, "error": 40, "exception": 40,
          "critical": 50, "fatal": 50, "failure": 50}
# Logger methods that hand back a logger (loguru's `opt`/`bind`/`patch`, structlog's `bind`/`new`/`unbind`, the standard
# library's `getChild`): what their result logs, the logger logs.
_LOGGER_COPIES = frozenset({"opt", "bind", "patch", "new", "unbind", "try_unbind", "getChild"})
_LEVEL_CONSTANTS = {f"logging.{name.upper()}": value for name, value in LEVELS.items()}
_LEVEL_NAMES = {name.upper(): value for name, value in LEVELS.items()}
WARNING = LEVELS["warning"]
ERROR = LEVELS["error"]
CRITICAL = LEVELS["critical"]
LEVEL_KNOB = {"warning": WARNING, "error": ERROR, "critical": CRITICAL}

# `logging.Logger` instances a library exposes by name at module level: importing one gives a logger whose
# construction the resolver never sees (`from tornado.log import app_log`).
LIBRARY_LOGGERS = frozenset(
    {
        "tornado.log.app_log",
        "tornado.log.gen_log",
        "tornado.log.access_log",
        "celery.utils.log.logger",
        "celery.utils.log.task_logger",
        "celery.utils.log.worker_logger",
        "django.utils.log.request_logger",
        "uvicorn.config.logger",
        "gunicorn.glogging.logger",
    }
)
_LIBRARY_LOGGER_NAMES = frozenset((name.split(".", 1)[0], name.rsplit(".", 1)[-1]) for name in LIBRARY_LOGGERS)

ERROR_TRACKERS = frozenset(
    {
        "sentry_sdk.capture_exception",
        "sentry_sdk.capture_message",
        "sentry_sdk.capture_event",
        "sentry_sdk.api.capture_exception",
        "sentry_sdk.api.capture_message",
        "raven.Client.captureException",
        "raven.Client.captureMessage",
        "raven.base.Client.captureException",
        "raven.base.Client.captureMessage",
        "rollbar.report_exc_info",
        "rollbar.report_message",
        "bugsnag.notify",
        "newrelic.agent.notice_error",
        "newrelic.agent.record_exception",
        "google.cloud.error_reporting.Client.report_exception",
        "google.cloud.error_reporting.Client.report",
        "elasticapm.Client.capture_exception",
        "elasticapm.capture_exception",
        "airbrake.notify",
        "honeybadger.honeybadger.notify",
        "honeybadger.honeybadger.notify_exception",
        "opentelemetry.trace.Span.record_exception",
    }
)
# Sentry's scope and hub forms: `sentry_sdk.Hub.current.capture_exception`, `scope.capture_exception`.
# Library functions that log the error being handled at error level: Twisted's `log.err()` emits the current
# failure as an error event, which the process's log observers write out (and forward to Sentry, when set up).
# Flask's `app.log_exception(exc_info)` logs the error being handled on `app.logger` at error level (what Flask itself
# does for an unhandled exception), so an error handler calling it has reported the error.
ERROR_LOG_FUNCTIONS = frozenset({"twisted.python.log.err", "twisted.python.log.deferr", "flask.Flask.log_exception",
                                 "flask.app.Flask.log_exception", "flask.current_app.log_exception",
                                 "flask.globals.current_app.log_exception"})
REPORT_FUNCTIONS = ERROR_TRACKERS | ERROR_LOG_FUNCTIONS
# Functions that call the function they are handed (after a context argument) with the rest.
CALLS_ITS_ARGUMENT = frozenset({"twisted.python.log.callWithContext", "twisted.python.context.call"})
_SENTRY_METHODS = ("capture_exception", "capture_message", "capture_event")
# The capture methods of error-tracking clients, by the library's import root. A call of one on a
# receiver the analysis cannot type (a raven `Client` passed around as `raven_client`) reports, when
# the project imports that library: a library-API fallback for untyped receivers (project/reporters.py).
TRACKER_CLIENT_METHODS = {
    "raven": frozenset({"captureException", "captureMessage"}),
    "sentry_sdk": frozenset(_SENTRY_METHODS),
}
# Span methods whose name alone says an error is recorded (OpenTelemetry, ddtrace, AWS X-Ray).
TRACE_ERROR_METHODS = frozenset({"record_exception", "set_exc_info", "add_exception"})
_ERROR_STATUS = frozenset(
    {
        "opentelemetry.trace.StatusCode.ERROR",
        "opentelemetry.trace.status.StatusCode.ERROR",
        "opentelemetry.trace.Status.ERROR",
    }
)


@dataclass(frozen=True)
class SinkConfig:
    """The `[tool.prr-lint.errors]` knobs that decide what counts as reporting."""

    min_level: int = ERROR
    report_sinks: FrozenSet[str] = frozenset()
    logger_objects: FrozenSet[str] = frozenset()
    logger_factories: FrozenSet[str] = frozenset()

    @classmethod
    def from_options(cls, options: Mapping[str, Mapping[str, Any]]) -> "SinkConfig":
        errors = options.get("errors", {}) if options else {}
        return cls(
            min_level=LEVEL_KNOB.get(str(errors.get("min-report-level", "error")), ERROR),
            report_sinks=frozenset(errors.get("report-sinks", ())),
            logger_objects=frozenset(errors.get("logger-objects", ())),
            logger_factories=frozenset(errors.get("logger-factories", ())),
        )


DEFAULT_CONFIG = SinkConfig()


def configure(resolver: Resolver, options: Mapping[str, Mapping[str, Any]]) -> SinkConfig:
    """Attach the sink configuration to a file's resolver, so every user of it (rules and the module
    summary) agrees on what reports, whatever rules run: the engine calls it before the walk."""
    config = getattr(resolver, "sink_config", None)
    if config is None:
        config = SinkConfig.from_options(options)
        resolver.sink_config = config  # type: ignore[attr-defined]
        resolver.add_types(dict.fromkeys(config.logger_factories, "logging.Logger"),
                           dict.fromkeys(config.logger_objects, "logging.Logger"))
    return config


def config_of(resolver: Resolver) -> SinkConfig:
    return getattr(resolver, "sink_config", None) or DEFAULT_CONFIG


def looks_like_logger_name(name: str) -> bool:
    """ruff's fallback heuristic, for receivers whose type is unknown: `log`, `logger`, `_log`,
    `self.logger`, `app_logging` ..."""
    last = name.rsplit(".", 1)[-1].lstrip("_").lower()
    return last.startswith("log") or last.endswith(("logger", "logging"))


def is_logger(receiver: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> bool:
    """True when `receiver` (in `scope`, by default the current one) holds a logger (or is the
    `logging` module itself)."""
    typed = resolver.instance_type(receiver, scope)
    if typed is not None:
        return is_logger_type(typed)
    if type(receiver) is cst.Call and type(receiver.func) is cst.Attribute and receiver.func.attr.value in _LOGGER_COPIES:
        return is_logger(receiver.func.value, resolver, scope)  # `logger.opt(exception=error).error(...)`
    item = item_of(receiver)
    if item is not None:  # `request["logger"]`: the module stores a logger there (stored_items.py)
        return any(type(value) is not cst.Subscript and is_logger(value, resolver, stored_in)
                   for value, stored_in in stored_values(resolver, item))
    name = resolver.qualified_name(receiver, scope)
    if name == "logging" or (name is not None and (name in resolver.extra_object_types or is_library_logger(name))):
        return True
    spelled = dotted_name(receiver)
    if spelled is None:
        return False
    # Typing failed: a name that is known to be something else is not a logger, whatever it is called;
    # one bound to None is a placeholder another module sets at start-up (`utils.log = JsonLogger(...)`), typed by its
    # spelling whatever that sets; what a call through such a name itself runs is startup_bindings.py's question.
    if name is not None and ((name.startswith("builtins.") and name != "builtins.None") or _is_known_non_logger(name)):
        return False
    return looks_like_logger_name(spelled)


def is_library_logger(name: str) -> bool:
    """`name` is a logger a library exposes at module level, where it is defined or re-exported by another
    module of the same library (`tornado.http1connection.gen_log` is `tornado.log.gen_log`, imported there)."""
    return name in LIBRARY_LOGGERS or (name.split(".", 1)[0], name.rsplit(".", 1)[-1]) in _LIBRARY_LOGGER_NAMES


def is_logger_type(typed: str) -> bool:
    """A logging library's logger class, or a class named as one (`Logger`, `AuditLogger`,
    `LoggerAdapter`): an annotation often names a project alias (`Logger = structlog.stdlib.BoundLogger`
    in another module) that a single file cannot see through."""
    if typed in LOGGER_TYPES:
        return True
    return typed.rsplit(".", 1)[-1].endswith(("Logger", "LoggerAdapter"))


def _is_known_non_logger(name: str) -> bool:
    top = name.split(".", 1)[0]
    return top in {"math", "numpy", "np", "cmath", "os", "sys", "json"}


def log_level(call: cst.Call, resolver: Resolver) -> Optional[int]:
    """The level a logging call logs at, or None when the call is not logging."""
    func = call.func
    if not isinstance(func, cst.Attribute) or (func.attr.value != "log" and func.attr.value not in LEVELS):
        return _log_function_level(call, resolver) or _dispatched_level(call, resolver) or _chosen_level(call, resolver)
    method = func.attr.value
    if method != "log" and method not in LEVELS:
        return None
    if method == "msg" and resolver.qualified_name(func) == TWISTED_MSG:
        return _twisted_msg_level(call)
    if not is_logger(func.value, resolver):
        return None
    if method == "log":
        return level_argument(call, resolver)
    return LEVELS[method]


def _chosen_level(call: cst.Call, resolver: Resolver) -> Optional[int]:
    """`log = logger.warning if status < 500 else logger.error; log(...)`: a logger method picked by a
    condition logs at the higher of the two levels when the condition asks for it (an HTTP error handler
    that logs every 5xx at error)."""
    if type(call.func) is not cst.Name:
        return None
    bindings = resolver.lookup(call.func.value)
    chosen = bindings[-1].value if bindings and bindings[-1].kind in ("alias", "value") else None
    if not isinstance(chosen, cst.IfExp):
        return None
    levels = [LEVELS[branch.attr.value] for branch in (chosen.body, chosen.orelse)
              if isinstance(branch, cst.Attribute) and branch.attr.value in LEVELS and is_logger(branch.value, resolver)]
    return max(levels) if len(levels) == 2 else None


def _dispatched_level(call: cst.Call, resolver: Resolver) -> Optional[int]:
    """`self._log("error", ...)` where the class's `_log(self, level, ...)` logs through
    `getattr(<logger>, level)`: the caller names the level (a plugin base class's `log_error`)."""
    func = call.func
    scope = resolver.enclosing_function
    if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and scope is not None
            and scope.owner_class is not None and func.value.value == scope.self_name):
        return None
    named = [(position, text) for position, arg in enumerate(call.args)
             if arg.keyword is None and isinstance(arg.value, cst.SimpleString) and (text := str(literal_value(arg.value)).lower()) in LEVELS]
    if not named:
        return None
    method = next((item for item in scope.owner_class.node.body.body
                   if isinstance(item, cst.FunctionDef) and item.name.value == func.attr.value), None)
    if method is None:
        return None
    params = [param.name.value for param in method.params.params][1:]  # after `self`
    for position, level in named:
        if position < len(params) and _dispatches_on(method, params[position], resolver):
            return LEVELS[level]
    return None


def _dispatches_on(method: cst.FunctionDef, param: str, resolver: Resolver) -> bool:
    """`method` logs through `getattr(<logger>, param)`."""
    stack: list = [method.body]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value == "getattr" and len(node.args) >= 2 \
                and isinstance(node.args[1].value, cst.Name) and node.args[1].value.value == param:
            spelled = dotted_name(node.args[0].value)
            return spelled is not None and looks_like_logger_name(spelled)
        if not isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            stack.extend(node.children)
    return False


# Twisted's legacy log has no levels: every `log.msg` reaches the observers (twistd.log), an error
# is flagged with `isError=True`. A message there stands where a warning stands elsewhere.
TWISTED_MSG = "twisted.python.log.msg"


def _twisted_msg_level(call: cst.Call) -> int:
    flagged = any(arg.keyword is not None and arg.keyword.value == "isError" and not (
        isinstance(arg.value, (cst.Name, cst.Integer)) and arg.value.value in ("False", "0")) for arg in call.args)
    return ERROR if flagged else WARNING


def _log_function_level(call: cst.Call, resolver: Resolver) -> Optional[int]:
    """A log function called with a `logging` level first: `logging.log` itself, or a callable named like
    a logger (a parameter `logger=logging.log`, `self.logger` typed `Callable[..., None]`) handed a level
    constant, `logger(logging.ERROR, "delivery failed", exc_info=True)`. The level constant is what tells
    it from any other call, so a literal number does not count here."""
    if not call.args or call.args[0].keyword is not None or not isinstance(call.args[0].value, (cst.Attribute, cst.Name)):
        return None
    spelled = dotted_name(call.func)  # `logging.log` and `log` are spelled like loggers too
    if spelled is None or not looks_like_logger_name(spelled):
        return None  # a cheap test first: this runs for every call
    return _LEVEL_CONSTANTS.get(resolver.qualified_name(call.args[0].value) or "")


def level_argument(call: cst.Call, resolver: Resolver) -> Optional[int]:
    """The level a call names first or as `level=` (`log.log(logging.ERROR, ...)`, `log.setLevel("ERROR")`),
    or the default of the function's parameter it passes (handed_levels.py)."""
    level = next((arg.value for arg in call.args if arg.keyword is None or arg.keyword.value == "level"), None)
    return _named_level(level, resolver) or _named_level(parameter_default(level, resolver), resolver) if level is not None else None


def _named_level(level: Optional[cst.BaseExpression], resolver: Resolver) -> Optional[int]:
    if isinstance(level, cst.Integer):
        return int(level.value)
    if isinstance(level, cst.SimpleString):  # loguru: logger.log("ERROR", ...)
        return _LEVEL_NAMES.get(str(level.evaluated_value).upper())
    return _LEVEL_CONSTANTS.get(resolver.qualified_name(level) or "") if level is not None else None


def is_tracker_call(call: cst.Call, resolver: Resolver) -> bool:
    """An error tracker, a span recording an error, a configured report sink, or a name bound to a
    reporter built by wrapping one (`report = functools.partial(log.exception, ...)`)."""
    name = resolver.qualified_name(call.func)
    config = config_of(resolver)
    if isinstance(call.func, cst.Name) and name is None and _bound_to_wrapped_sink(call.func.value, resolver):
        return True
    if name is not None:
        if name in REPORT_FUNCTIONS or name in config.report_sinks:
            return True
        if name.startswith("sentry_sdk.") and name.rsplit(".", 1)[-1] in _SENTRY_METHODS:
            return True
        if name in CALLS_ITS_ARGUMENT and any(is_sink_reference(arg.value, resolver) for arg in call.args[1:3]):
            return True  # `log.callWithContext({"system": ...}, log.err, error, why)` runs `log.err(error, why)`
    func = call.func
    if isinstance(func, cst.Attribute):
        method = func.attr.value
        if method in TRACE_ERROR_METHODS:
            return True
        if method == "set_status" and _mentions_error_status(call, resolver):
            return True
    return False


def is_sink_reference(expr: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> bool:
    """`expr` names a report sink as a value, not a call: `sentry_sdk.capture_exception`,
    `log.exception` or `log.error` on a logger, a configured `report-sinks` function."""
    if not isinstance(expr, (cst.Name, cst.Attribute)):
        return False
    name = resolver.qualified_name(expr, scope)
    config = config_of(resolver)
    if name is not None and (name in REPORT_FUNCTIONS or name in config.report_sinks):
        return True
    if name is not None and name.startswith("sentry_sdk.") and name.rsplit(".", 1)[-1] in _SENTRY_METHODS:
        return True
    if isinstance(expr, cst.Attribute) and LEVELS.get(expr.attr.value, 0) >= config.min_level:
        return is_logger(expr.value, resolver, scope)
    return False


def wraps_sink(value: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None, depth: int = 0) -> bool:
    """`value` is a call that is handed a report sink (`iffy(cond, sentry_sdk.capture_exception)`,
    `functools.partial(log.exception, "job failed")`): what it builds passes errors to that sink."""
    if not isinstance(value, cst.Call) or depth > 2:
        return False
    for arg in value.args:
        if is_sink_reference(arg.value, resolver, scope) or wraps_sink(arg.value, resolver, scope, depth + 1):
            return True
    return False


def _bound_to_wrapped_sink(name: str, resolver: Resolver) -> bool:
    bindings = resolver.lookup(name)
    if not bindings or bindings[-1].kind != "value":
        return False
    return wraps_sink(bindings[-1].value, resolver, bindings[-1].scope) if bindings[-1].value is not None else False


def _mentions_error_status(call: cst.Call, resolver: Resolver) -> bool:
    stack = [arg.value for arg in call.args]
    while stack:
        expr = stack.pop()
        if isinstance(expr, cst.Call):
            stack.extend(arg.value for arg in expr.args)
        elif isinstance(expr, (cst.Name, cst.Attribute)):
            name = resolver.qualified_name(expr) or ""
            if name in _ERROR_STATUS or (name.endswith("StatusCode.ERROR") and "opentelemetry" in name):
                return True
    return False


# How a method called on a receiver of unknown kind is named ("?.exception_occurred"): the project phase
# asks whether every project method of that name reaches a dependency (in-memory evidence) or reports
# (a handler's callee, prr_lint/project/reporters.py).
UNKNOWN_RECEIVER = "?."

# Prefix of a handler's callee that names a method of a logger that is not a logging method
# (`log.error_or_exception(ex)`): the project phase knows whether a project Logger subclass defines it
# and logs at error level in it (prr_lint/project/reporters.py).
LOGGER_METHOD = "logger-method:"


def custom_logger_method(call: cst.Call, resolver: Resolver) -> Tuple[str, ...]:
    """(`LOGGER_METHOD` + the method's name,) when `call` calls a method outside the logging API's levels
    on a logger: a project Logger subclass (installed with `logging.setLoggerClass`) may define it."""
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value in LEVELS or func.attr.value == "log":
        return ()
    if not is_logger(func.value, resolver) or resolver.qualified_name(func.value) == "logging":
        return ()
    return (LOGGER_METHOD + func.attr.value,)


def patched_logger_method(node: cst.Assign, resolver: Resolver) -> Optional[str]:
    """(`LOGGER_METHOD` + the name) when a module-level `logging.Logger.e = logging.Logger.exception`
    gives every logger of the process a new name for a reporting method: `log.e(err)` then reports."""
    value = node.value
    if not (isinstance(value, cst.Attribute) and LEVELS.get(value.attr.value, 0) >= ERROR
            and _names_logger_class(value.value, resolver)):
        return None
    for target in node.targets:
        if isinstance(target.target, cst.Attribute) and _names_logger_class(target.target.value, resolver):
            return LOGGER_METHOD + target.target.attr.value
    return None


def _names_logger_class(expr: cst.BaseExpression, resolver: Resolver) -> bool:
    name = resolver.qualified_name(expr)
    return name is not None and name in LOGGER_TYPES


def reports_error(call: cst.Call, resolver: Resolver, min_level: Optional[int] = None) -> bool:
    """True when the call logs at the minimum report level or above, or hands the error to an error
    tracker, a span, a configured sink or the process's stderr."""
    level = log_level(call, resolver)
    return (sink_level(call, resolver) if level is None else level) >= (config_of(resolver).min_level if min_level is None else min_level)


def unguarded() -> bool:
    """No `if` guards the call (the default of `sink_level`)."""
    return False


def sink_level(call: cst.Call, resolver: Resolver, guarded: Callable[[], bool] = unguarded) -> int:
    """The level of a report that is no log call: 100 for an error tracker or a span, error for the
    traceback written to the process's output unless only an `if` runs it (stack_output.py), else 0.
    `guarded` is asked only of a call that writes the stack: finding the `if` walks its ancestors."""
    return 100 if is_tracker_call(call, resolver) else ERROR if writes_stack(call, resolver) and not guarded() else 0


# ----- logging configuration (PRR402 and the module summary) -----

LOGGING_CONFIG_CALLS = {
    "logging.basicConfig": "logging.basicConfig()",
    "logging.config.dictConfig": "logging.config.dictConfig()",
    "logging.config.fileConfig": "logging.config.fileConfig()",
    "logging.config.listen": "logging.config.listen()",
    "structlog.configure": "structlog.configure()",
    "structlog.configure_once": "structlog.configure_once()",
    "logging.Formatter": "logging.Formatter()",
}

def logging_configuration(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """A label when `call` configures logging (handlers, formatters, levels of the whole process)."""
    name = resolver.qualified_name(call.func) or ""
    if name in LOGGING_CONFIG_CALLS:
        return LOGGING_CONFIG_CALLS[name]
    func = call.func
    if isinstance(func, cst.Attribute):
        method = func.attr.value
        if method == "addHandler" and is_logger(func.value, resolver):
            handler = call.args[0].value if call.args else None
            if isinstance(handler, cst.Call) and (resolver.qualified_name(handler.func) or "").endswith("NullHandler"):
                return None  # the library convention, not configuration
            return "Logger.addHandler()"
        if method == "setFormatter" and name.startswith("logging."):
            return "Handler.setFormatter()"
        if method == "add" and resolver.instance_type(func.value) == "loguru.Logger":
            return "loguru logger.add()"
    return None
