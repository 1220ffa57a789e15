"""Failure responses: the 5xx answers and failing gRPC statuses a handler turns an error into
(PRR103, PRR104)."""

from __future__ import annotations

import re
from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import dotted_name


_5XX_STATUS_NAMES = frozenset(
    {
        "INTERNAL_SERVER_ERROR", "NOT_IMPLEMENTED", "BAD_GATEWAY", "SERVICE_UNAVAILABLE", "GATEWAY_TIMEOUT",
        "HTTP_VERSION_NOT_SUPPORTED", "VARIANT_ALSO_NEGOTIATES", "INSUFFICIENT_STORAGE", "LOOP_DETECTED",
        "NOT_EXTENDED", "NETWORK_AUTHENTICATION_REQUIRED",
    }
)
HTTP_5XX_EXCEPTIONS = frozenset(
    {
        "werkzeug.exceptions.InternalServerError",
        "werkzeug.exceptions.ServiceUnavailable",
        "werkzeug.exceptions.BadGateway",
        "werkzeug.exceptions.GatewayTimeout",
        "werkzeug.exceptions.NotImplemented",
        "aiohttp.web.HTTPInternalServerError",
        "aiohttp.web.HTTPServiceUnavailable",
        "aiohttp.web.HTTPBadGateway",
        "aiohttp.web.HTTPGatewayTimeout",
        "aiohttp.web_exceptions.HTTPInternalServerError",
        "rest_framework.exceptions.APIException",
        "tornado.web.HTTPError",
        "django.http.HttpResponseServerError",
    }
)
HTTP_EXCEPTIONS_WITH_STATUS = frozenset(
    {
        "fastapi.HTTPException",
        "fastapi.exceptions.HTTPException",
        "starlette.exceptions.HTTPException",
        "werkzeug.exceptions.HTTPException",
        "tornado.web.HTTPError",
        "sanic.exceptions.SanicException",
    }
)
ABORT_FUNCTIONS = frozenset({"flask.abort", "werkzeug.exceptions.abort", "quart.abort", "bottle.abort"})
GRPC_FAILURE_CODES = frozenset({"INTERNAL", "UNKNOWN", "UNAVAILABLE", "DEADLINE_EXCEEDED", "DATA_LOSS"})
STATUS_KEYWORDS = ("status", "status_code", "code")


def status_value(expr: cst.BaseExpression, resolver: Resolver) -> Optional[int]:
    """An HTTP status an expression denotes: a literal, `HTTPStatus.X`, `status.HTTP_503_...`."""
    if isinstance(expr, cst.Integer):
        try:
            return int(expr.value)
        except ValueError:
            return None
    name = dotted_name(expr)
    if name is None:
        return None
    last = name.rsplit(".", 1)[-1]
    match = re.match(r"HTTP_(\d{3})(_|$)", last)
    if match:
        return int(match.group(1))
    if last in _5XX_STATUS_NAMES:
        return 500
    return None


def is_5xx(expr: Optional[cst.BaseExpression], resolver: Resolver) -> bool:
    if expr is None:
        return False
    value = status_value(expr, resolver)
    return value is not None and 500 <= value <= 599


def failure_response(node: cst.CSTNode, resolver: Resolver) -> Optional[str]:
    """A short description when `node` turns an error into a 5xx response or a failing gRPC status."""
    if isinstance(node, cst.Return) and isinstance(node.value, cst.Tuple) and len(node.value.elements) >= 2:
        if is_5xx(node.value.elements[1].value, resolver):
            return "returns a 5xx response"
    if isinstance(node, cst.Raise) and node.exc is not None:
        exc = node.exc.func if isinstance(node.exc, cst.Call) else node.exc
        name = resolver.qualified_name(exc) or ""
        if name in HTTP_5XX_EXCEPTIONS and name not in HTTP_EXCEPTIONS_WITH_STATUS:
            return f"raises {name.rsplit('.', 1)[-1]}"
        if name in HTTP_EXCEPTIONS_WITH_STATUS and isinstance(node.exc, cst.Call) and _status_arg(node.exc, resolver):
            return f"raises a 5xx {name.rsplit('.', 1)[-1]}"
    if not isinstance(node, cst.Call):
        return None
    name = resolver.qualified_name(node.func) or dotted_name(node.func) or ""
    last = name.rsplit(".", 1)[-1]
    if name in ABORT_FUNCTIONS or (last == "abort" and node.args and is_5xx(node.args[0].value, resolver)):
        if node.args and is_5xx(node.args[0].value, resolver):
            return "aborts with a 5xx status"
    if name == "django.http.HttpResponseServerError" or last == "HttpResponseServerError":
        return "returns HttpResponseServerError"
    if last in ("abort", "set_code") and isinstance(node.func, cst.Attribute) and node.args:
        code = resolver.qualified_name(node.args[0].value) or dotted_name(node.args[0].value) or ""
        if "StatusCode." in code and code.rsplit(".", 1)[-1] in GRPC_FAILURE_CODES:
            return f"sets the gRPC status {code.rsplit('.', 1)[-1]}"
    if last in ("send_error", "set_status") and node.args and is_5xx(node.args[0].value, resolver):
        return "sends a 5xx status"
    responds = "response" in last.lower() or last in ("jsonify", "Response", "HTTPException")
    if responds and _status_arg(node, resolver, positional=last in ("make_response", "Response")):
        return "returns a 5xx response"
    return None


def _status_arg(call: cst.Call, resolver: Resolver, positional: bool = True) -> bool:
    for index, arg in enumerate(call.args):
        if arg.keyword is not None:
            if arg.keyword.value in STATUS_KEYWORDS and is_5xx(arg.value, resolver):
                return True
        elif positional and index <= 1 and is_5xx(arg.value, resolver):
            return True
    return False
