"""The log level from which Sentry turns records into error events (PRR405), read from `sentry_sdk.init`.

Sentry's `LoggingIntegration` is on by default and sends every record at or above its `event_level`
(ERROR unless configured) as an event; its web-framework integrations (auto-enabled for Django, Flask,
FastAPI/Starlette, aiohttp, Tornado, Falcon ...) attach the request being served (URL, method,
headers, user) and its transaction to that event. A request-path record at that level is therefore
already tied to its request in the error tracker.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.sinks import LEVELS

SENTRY_INIT = "sentry_sdk.init"
LOGGING_INTEGRATION = "sentry_sdk.integrations.logging.LoggingIntegration"
# Module tag prefix: the module calls `sentry_sdk.init` and records from this level on become events.
SENTRY_LOG_EVENTS = "sentry-log-events:"
# Function tag prefix: the function writes a log record at this level (one tag per level above debug).
LOGS_AT = "logs-at:"
_OFF = ("default_integrations", "auto_enabling_integrations")
_CONSTANTS = {f"logging.{name.upper()}": value for name, value in LEVELS.items()}


def _level(value: cst.BaseExpression, resolver: Resolver) -> Optional[int]:
    if isinstance(value, cst.Integer):
        return int(value.value)
    return _CONSTANTS.get(resolver.qualified_name(value) or "")


def sentry_event_level(node: cst.Call, resolver: Resolver) -> Optional[int]:
    """The level from which records become Sentry events with their request attached, for a
    `sentry_sdk.init(...)` call; None when it sends none or the level cannot be read (integrations
    switched off, `event_level=None`, a level computed at run time)."""
    keywords = {arg.keyword.value: arg.value for arg in node.args if arg.keyword is not None}
    if any(isinstance(keywords.get(name), cst.Name) and keywords[name].value == "False" for name in _OFF):
        return None
    integrations = keywords.get("integrations")
    elements = integrations.elements if isinstance(integrations, (cst.List, cst.Tuple)) else ()
    for element in elements:
        call = element.value
        if isinstance(call, cst.Call) and resolver.qualified_name(call.func) == LOGGING_INTEGRATION:
            level = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == "event_level"), None)
            return LEVELS["error"] if level is None else _level(level, resolver)
    return LEVELS["error"]
