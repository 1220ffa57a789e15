"""PRR103: a Django view's 5xx answer that Django itself logs. Django's `log_response` logs every
response with status >= 500 on the `django.request` logger at ERROR ("Internal Server Error: /path").
When the project's `LOGGING` setting routes that logger to a handler that writes somewhere in
production, and the handler answers one specific, non-builtin exception class with a response that
says what failed, the logged status and path name the failure: nothing is lost. A builtin class
(`KeyError`, `OSError`) may come from any line of the `try`, and a bare status says nothing, so those
stay reported; so does every 5xx in a project whose `LOGGING` leaves `django.request` to Django's
defaults (a console handler only under DEBUG, and `mail_admins`)."""

from __future__ import annotations

from typing import Any, Dict

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.rules.handlers import BROAD_EXCEPTIONS, HandlerFacts
from prr_lint.tree import descendants

DJANGO_RESPONSES = ("django.http.", "rest_framework.response.")
# Handler classes that write nowhere an operator reads in production.
_SILENT_HANDLERS = ("AdminEmailHandler", "NullHandler")
_UNKNOWN = object()


def names_its_failure(facts: HandlerFacts, ctx: FileContext) -> bool:
    """Every caught class is a specific, non-builtin one (`ProviderNotSupports`, `ProgrammingError`)
    and every Django/DRF response the handler returns carries a body (`Response("provider does not
    support SMS", status=500)`): the 5xx that `django.request` logs for this path means this failure."""
    if not facts.caught or any(name.startswith("builtins.") or name in BROAD_EXCEPTIONS for name in facts.caught):
        return False
    responses = [
        node.value for node in descendants(facts.handler.body)
        if isinstance(node, cst.Return) and isinstance(node.value, cst.Call)
        and (ctx.resolver.qualified_name(node.value.func) or "").startswith(DJANGO_RESPONSES)
    ]
    return bool(responses) and all(_has_body(call) for call in responses)


def _has_body(call: cst.Call) -> bool:
    body = next((arg.value for arg in call.args if arg.keyword is None), None)
    if body is None:
        body = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value in ("content", "data")), None)
    if body is None or (isinstance(body, cst.Name) and body.value == "None"):
        return False
    return not (isinstance(body, cst.SimpleString) and not body.evaluated_value)


def logs_django_requests(node: cst.Assign) -> bool:
    """A module-level `LOGGING = {...}` (Django's setting, a `dictConfig` dict) that routes
    `django.request` (itself, through `django`, or through the root logger) to a handler that is not
    `mail_admins`, a `NullHandler`, or one filtered by `RequireDebugTrue`."""
    if len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name) or node.targets[0].target.value != "LOGGING":
        return False
    config = _literal(node.value)
    if not isinstance(config, dict):
        return False
    loggers = _dict(config.get("loggers"))
    if config.get("disable_existing_loggers", True) is not False and not ({"django", "django.request"} & loggers.keys()):
        return False  # dictConfig disables the logger Django created before it
    handlers, filters = _dict(config.get("handlers")), _dict(config.get("filters"))

    def writes(name: Any) -> bool:
        spec = _dict(handlers.get(name))
        kind = spec.get("class", spec.get("()", _UNKNOWN))
        if isinstance(kind, str) and kind.endswith(_SILENT_HANDLERS):
            return False
        names = spec.get("filters", [])
        return not (isinstance(names, list) and any(
            "RequireDebugTrue" in str(_dict(filters.get(f)).get("()", "")) for f in names if isinstance(f, str)))

    for name in ("django.request", "django"):
        logger = _dict(loggers.get(name))
        if any(writes(handler) for handler in _list(logger.get("handlers"))):
            return True
        if logger.get("propagate", True) is False:
            return False
    root = _dict(config.get("root", loggers.get("")))
    return any(writes(handler) for handler in _list(root.get("handlers")))


def _dict(value: Any) -> Dict[Any, Any]:
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    return value if isinstance(value, list) else []


def _literal(expr: cst.BaseExpression) -> Any:
    """The value of a literal (dict, list, tuple, string, True/False/None); `_UNKNOWN` for anything else."""
    if isinstance(expr, cst.Dict):
        result = {}
        for element in expr.elements:
            if isinstance(element, cst.DictElement):
                key = _literal(element.key)
                if isinstance(key, str):
                    result[key] = _literal(element.value)
        return result
    if isinstance(expr, (cst.List, cst.Tuple)):
        return [_literal(element.value) for element in expr.elements if isinstance(element, cst.Element)]
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        value = expr.evaluated_value
        return value if isinstance(value, str) else _UNKNOWN
    if isinstance(expr, cst.Name) and expr.value in ("True", "False", "None"):
        return {"True": True, "False": False, "None": None}[expr.value]
    return _UNKNOWN
