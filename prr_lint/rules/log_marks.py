"""What PRR405 needs to know of a service's log records, marked during the module walk.

* Sentry's event level, read from `sentry_sdk.init`: Sentry's `LoggingIntegration` is on by default
  and sends every record at or above its `event_level` (ERROR unless configured) as an event; its
  web-framework integrations (auto-enabled for Django, Flask, FastAPI/Starlette, aiohttp, Tornado,
  Falcon ...) attach the request being served (URL, method, headers, user) and its transaction to
  that event. A request-path record at that level is already tied to its request in the tracker.
* Records that name the request they were written for: one that embeds the request object a
  handler was handed (`log.info(f"get_pkg {request}")`: aiohttp's and Django's requests print as
  their method and path) or its URL stands alone, like an access-log line; so does one that prints
  a fresh random id the function made for the request it serves (`key = str(uuid.uuid4())`).
* Records written only under a debug, opt-in or environment switch (`if verbose:`) are left out, as
  debug records are: nobody reads them in production.
"""

from __future__ import annotations

from typing import Iterator, List, Optional, Sequence, Set

import libcst as cst

from prr_lint.frameworks import WRITES_LOGS
from prr_lint.resolve import Resolver
from prr_lint.rules.switched_output import under_switch
from prr_lint.sinks import LEVELS
from prr_lint.tree import descendants

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


# Function tag prefix: a parameter of the function holds the request (the body reads an attribute
# only a web framework's request object has from it).
REQUEST_PARAMETER = "request-parameter:"
# Function tags: the function writes a record (above debug) that does not name its request; one that
# names it if the function's first parameter is the request.
LOGS_WITHOUT_REQUEST = "logs-without-request"
LOGS_FIRST_PARAMETER = "logs-first-parameter"
# Entry-point frameworks that hand a handler the request as its first argument (after `self`).
REQUEST_FIRST = frozenset({"aiohttp", "django", "drf", "ninja", "sanic", "falcon"})
# Attributes of aiohttp's, Django's and Starlette's request objects that no other common object has.
REQUEST_ATTRIBUTES = frozenset({
    "match_info", "rel_url", "path_qs", "GET", "POST", "META", "FILES", "COOKIES", "path_info", "get_full_path",
    "build_absolute_uri", "resolver_match", "path_params", "query_params",
})
# Attributes of a request that name it: its URL or path.
URL_ATTRIBUTES = frozenset({"url", "path", "uri", "full_path", "path_qs", "rel_url", "path_info", "get_full_path"})
# Request objects frameworks hand out as context globals.
REQUEST_GLOBALS = frozenset({"flask.request", "flask.globals.request", "quart.request", "quart.globals.request"})


def reads_request_attributes(source: str) -> bool:
    """The module's text reads an attribute only a web request has: most modules never do, and
    their functions need no walk for request parameters (asked once per module)."""
    return any("." + attribute in source for attribute in REQUEST_ATTRIBUTES)


def request_parameters(node: cst.FunctionDef) -> Set[str]:
    """The parameters of `node` its body uses as a web request (`request.match_info`, `request.GET`)."""
    names = {param.name.value for param in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params)}
    return {inner.value.value for inner in descendants(node.body)  # a nested function's parameters are its own
            if isinstance(inner, cst.Attribute) and isinstance(inner.value, cst.Name)
            and inner.value.value in names and inner.attr.value in REQUEST_ATTRIBUTES} if names else set()


def _named(expr: cst.CSTNode) -> Iterator[cst.BaseExpression]:
    """The expressions whose text a log call's arguments print: names, and a request's URL attributes."""
    pending = [expr]  # a stack, not recursion: an argument may nest a thousand deep (`a + a + ...`)
    while pending:
        current = pending.pop()
        if isinstance(current, cst.Name):
            yield current
        elif isinstance(current, cst.Attribute):
            if current.attr.value in URL_ATTRIBUTES:
                yield current.value
            yield current
        else:
            pending.extend(reversed(current.children))


def names_its_request(node: cst.Call, resolver: Resolver, parameters: Set[str]) -> str:
    """What a log call prints of the request it was written for: "request" for a parameter in
    `parameters`, a framework's request global (itself or its URL) or a per-request id the function
    made, "first" for the function's
    first parameter (the request when the function is a handler of a framework that hands it one
    first: settled in the project phase), "" for neither."""
    scope = resolver.enclosing_function
    names = [name for name, bindings in scope.bindings.items() if bindings[0].kind == "param"] if scope else []
    first = next((name for name in names if name != scope.self_name), None) if scope else None
    found = ""
    for expr in (named for arg in node.args for named in _named(arg.value)):
        if isinstance(expr, cst.Name) and ((expr.value in names and expr.value in parameters) or holds_request_id(expr, resolver)):
            return "request"
        if resolver.qualified_name(expr) in REQUEST_GLOBALS:
            return "request"
        if isinstance(expr, cst.Name) and expr.value == first:
            found = "first"
    return found


# Calls whose value is a fresh random id: a new one for each request a handler serves.
_ID_MAKERS = frozenset({"uuid.uuid4", "uuid.uuid1", "uuid.uuid7", "secrets.token_hex", "secrets.token_urlsafe", "os.urandom"})


def holds_request_id(expr: cst.Name, resolver: Resolver) -> bool:
    """`expr` is a local of a function (or of the one it is nested in) bound only to a fresh random id:
    the id of the request the function serves (a module-level one would be the process's)."""
    bindings = resolver.lookup(expr.value)
    return bool(bindings) and all(
        binding.kind == "value" and binding.scope is not None and binding.scope.kind == "function"
        and binding.value is not None and _makes_id(binding.value, resolver, 1)
        for binding in bindings)


def _makes_id(value: cst.BaseExpression, resolver: Resolver, depth: int) -> bool:
    """`value` is (text of) a fresh random id: a call of an id maker, or of a module function that returns one."""
    for inner in (value, *descendants(value)):
        if not isinstance(inner, cst.Call):
            continue
        if resolver.qualified_name(inner.func) in _ID_MAKERS:
            return True
        definition = resolver.definition(inner.func) if depth else None
        if isinstance(definition, cst.FunctionDef):
            returned = [node.value for node in descendants(definition.body) if isinstance(node, cst.Return) and node.value is not None]
            if returned and all(_makes_id(result, resolver, depth - 1) for result in returned):
                return True
    return False


def record_log_call(tags: List[str], node: cst.Call, level: Optional[int], resolver: Resolver,
                    ancestors: Sequence[cst.CSTNode]) -> None:
    """Mark in `tags` (the enclosing function's) what PRR405 needs of a log call: that it writes a
    record, at which level, and whether the record names its request. A debug record, or one written
    only under a debug, opt-in or environment switch (`if verbose: log.info(...)`, rules/debug_output.py),
    leaves nothing to correlate: an operator turns it on for a debugging session."""
    if level is None or level <= LEVELS["debug"] or under_switch([*ancestors, node], resolver):
        return
    tags.extend(tag for tag in (WRITES_LOGS, LOGS_AT + str(level)) if tag not in tags)
    if LOGS_WITHOUT_REQUEST not in tags:
        named = names_its_request(node, resolver, {tag[len(REQUEST_PARAMETER):] for tag in tags if tag.startswith(REQUEST_PARAMETER)})
        if named != "request" and (tag := LOGS_FIRST_PARAMETER if named else LOGS_WITHOUT_REQUEST) not in tags:
            tags.append(tag)
