"""Report sinks: calls that put an error in front of people (rule catalogue §2.5).

A handler that reaches one of these has reported its error. Loggers are recognised by the type
the resolver gives their receiver, so `log = logging.getLogger(__name__)`, `self.log = ...` and
`current_app.logger` all count, and a variable that merely happens to be called `log` does not.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver

LOGGER_TYPES = frozenset(
    {"logging.Logger", "logging.LoggerAdapter", "structlog.BoundLogger", "loguru.Logger", "logging.RootLogger"}
)
LEVELS = {"debug": 10, "info": 20, "warning": 30, "warn": 30, "error": 40, "exception": 40, "critical": 50, "fatal": 50}
_LEVEL_CONSTANTS = {f"logging.{name.upper()}": value for name, value in LEVELS.items()}
ERROR = LEVELS["error"]

ERROR_TRACKERS = frozenset(
    {
        "sentry_sdk.capture_exception",
        "sentry_sdk.capture_message",
        "sentry_sdk.capture_event",
        "sentry_sdk.api.capture_exception",
        "rollbar.report_exc_info",
        "rollbar.report_message",
        "bugsnag.notify",
        "newrelic.agent.notice_error",
        "google.cloud.error_reporting.Client.report_exception",
        "elasticapm.Client.capture_exception",
        "airbrake.notify",
        "honeybadger.honeybadger.notify",
    }
)


def log_level(call: cst.Call, resolver: Resolver) -> Optional[int]:
    """The level a logging call logs at, or None when the call is not logging."""
    func = call.func
    if not isinstance(func, cst.Attribute):
        return None
    method = func.attr.value
    is_logger = resolver.instance_type(func.value) in LOGGER_TYPES or resolver.qualified_name(func.value) == "logging"
    if not is_logger:
        return None
    if method == "log":
        return _level_argument(call, resolver)
    return LEVELS.get(method)


def _level_argument(call: cst.Call, resolver: Resolver) -> Optional[int]:
    level = next((arg.value for arg in call.args if arg.keyword is None or arg.keyword.value == "level"), None)
    if isinstance(level, cst.Integer):
        return int(level.value)
    if level is not None:
        return _LEVEL_CONSTANTS.get(resolver.qualified_name(level) or "")
    return None


def reports_error(call: cst.Call, resolver: Resolver, min_level: int = ERROR) -> bool:
    """True when the call logs at `min_level` or above, or hands the error to an error tracker."""
    level = log_level(call, resolver)
    if level is not None:
        return level >= min_level
    return resolver.qualified_name(call.func) in ERROR_TRACKERS
