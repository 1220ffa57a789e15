"""Request context that serving code attaches to its log records itself (PRR405), read in the module walk.

Log-context binding: a `logging.LoggerAdapter` (or a subclass) built with data taken from the request
(`LoggerAdapter(log, build_info(request))`, where `build_info` reads `request.META`), a structlog logger
bound to it (`log.bind(path=request.path)`), or a `logging.Filter`/`Formatter` subclass whose methods
read the framework's request global (`record.url = flask.request.url`): every record written through it
carries the request it belongs to. The module is evidence for the whole project, as a correlation-id
middleware is.
"""

from __future__ import annotations

from typing import Iterator, Optional, Sequence, Set

import libcst as cst

from prr_lint.frameworks import REQUEST_TYPES
from prr_lint.resolve import Resolver
from prr_lint.rules.log_marks import REQUEST_ATTRIBUTES, REQUEST_GLOBALS, URL_ATTRIBUTES, request_parameters
from prr_lint.tree import descendants, keyword_value

ADAPTER = "logging.LoggerAdapter"
_RECORD_HOOKS = frozenset({"logging.Filter", "logging.Formatter"})
_BINDERS = frozenset({"bind", "new"})  # structlog's BoundLogger methods that return a logger with context
# Request-context lookups that hand out the request being served (django-crum and the like).
_REQUEST_GETTERS = frozenset({"crum.get_current_request"})
# Attributes a request's data is read through, beyond those only a request has.
_DATA_ATTRIBUTES = REQUEST_ATTRIBUTES | URL_ATTRIBUTES | frozenset({"remote_addr", "headers", "user", "method", "client"})


def hook_reads_request(node: cst.ClassDef, bases: Sequence[str], resolver: Resolver) -> bool:
    """A log filter or formatter class whose methods read the request being served (Flask's
    `request`, `crum.get_current_request()`): each record it sees gets that request's data."""
    return any(base in _RECORD_HOOKS for base in bases) and any(
        isinstance(inner, (cst.Name, cst.Attribute)) and resolver.qualified_name(inner) in REQUEST_GLOBALS | _REQUEST_GETTERS
        for inner in descendants(node.body, ()))


def binds_request(node: cst.Call, name: Optional[str], resolver: Resolver, ancestors: Sequence[cst.CSTNode]) -> bool:
    """`node` builds a logger that adds data of the current request to every record: a LoggerAdapter
    whose `extra` (second argument) holds it, or a structlog `bind`/`new` given it."""
    if name == ADAPTER or _adapter_class(node.func, resolver):
        extra = node.args[1].value if len(node.args) > 1 and node.args[1].keyword is None else keyword_value(node, "extra")
        values = [extra] if extra is not None else []
    elif (isinstance(node.func, cst.Attribute) and node.func.attr.value in _BINDERS
          and (name or resolver.made_by(node.func.value) or "").startswith("structlog")):
        values = [arg.value for arg in node.args]
    else:
        return False
    function = next((n for n in reversed(ancestors) if isinstance(n, cst.FunctionDef)), None)
    requests = _request_names(function, resolver) if function is not None else set()
    return any(_carries_request(value, resolver, requests) for value in values)


def _adapter_class(func: cst.BaseExpression, resolver: Resolver) -> bool:
    """`func` names a class of the module that subclasses `logging.LoggerAdapter`."""
    definition = resolver.definition(func)
    return isinstance(definition, cst.ClassDef) and any(
        resolver.base_class_name(base.value) == ADAPTER for base in definition.bases if base.keyword is None)


def _request_names(function: cst.FunctionDef, resolver: Resolver) -> Set[str]:
    """The parameters of `function` that hold a request: annotated with a request type, used as one
    in its body, or handed on to a function of the module that uses it as one."""
    params = (*function.params.posonly_params, *function.params.params, *function.params.kwonly_params)
    found = {param.name.value for param in params if param.annotation is not None
             and resolver.qualified_name(param.annotation.annotation) in REQUEST_TYPES}
    return found | request_parameters(function) | {
        name for call in descendants(function.body) if isinstance(call, cst.Call) for name in _handed_requests(call, resolver)}


def _handed_requests(call: cst.Call, resolver: Resolver) -> Iterator[str]:
    """The names `call` hands a function of the module in the position of a parameter it uses as a request."""
    definition = resolver.definition(call.func)
    if not isinstance(definition, cst.FunctionDef):
        return
    used = request_parameters(definition)
    params = [param.name.value for param in definition.params.params]
    for position, arg in enumerate(call.args):
        target = arg.keyword.value if arg.keyword is not None else params[position] if position < len(params) else None
        if target in used and isinstance(arg.value, cst.Name):
            yield arg.value.value


def _carries_request(value: cst.BaseExpression, resolver: Resolver, requests: Set[str]) -> bool:
    """`value` holds data of the request: a request parameter, the request global or what it returns,
    an attribute of a request read off anything, or a module helper handed the request."""
    for inner in (value, *descendants(value)):
        if isinstance(inner, cst.Name) and inner.value in requests:
            return True
        if isinstance(inner, (cst.Name, cst.Attribute)) and resolver.qualified_name(inner) in REQUEST_GLOBALS | _REQUEST_GETTERS:
            return True
        if isinstance(inner, cst.Attribute) and inner.attr.value in _DATA_ATTRIBUTES and isinstance(inner.value, cst.Name) \
                and inner.value.value in requests:
            return True
        if isinstance(inner, cst.Call) and any(True for _ in _handed_requests(inner, resolver)):
            return True
    return False
