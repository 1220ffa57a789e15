"""What an except handler does with its error: the facts the PRR1xx rules share.

One pass over a handler's body (not entering nested definitions) answers: which exceptions it
catches, whether it propagates, reports (and at which level), turns the error into a 5xx or
failing gRPC response, hands the bound exception on to someone else, or falls back; and, about
its `try` body, whether it does anything but pure parsing. Rules decide from these facts, so two
rules never disagree about the same handler ("one problem, one finding").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterable, List, Optional, Sequence, Tuple, Union

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.paths import is_operator_path
from prr_lint.resolve import Resolver, dotted_name
from prr_lint.sinks import (
    LEVELS,
    WARNING,
    config_of,
    configure,
    is_tracker_call,
    log_level,
)
from prr_lint.tree import descendants

Handler = Union[cst.ExceptHandler, cst.ExceptStarHandler]
TryNode = Union[cst.Try, cst.TryStar]

BROAD_EXCEPTIONS = frozenset({"builtins.Exception", "builtins.BaseException"})

# Dependency failures (PRR102): exact names, and prefixes under which every class is one.
DEPENDENCY_ERRORS = frozenset(
    {
        "builtins.TimeoutError",
        "builtins.ConnectionError",
        "builtins.ConnectionRefusedError",
        "builtins.ConnectionResetError",
        "builtins.ConnectionAbortedError",
        "builtins.BrokenPipeError",
        "builtins.OSError",
        "builtins.IOError",
        "builtins.EnvironmentError",
        "socket.timeout",
        "socket.error",
        "socket.gaierror",
        "asyncio.TimeoutError",
        "grpc.RpcError",
        "grpc.aio.AioRpcError",
        "aiohttp.ClientError",
        "aiohttp.ServerTimeoutError",
        "aiohttp.ClientConnectionError",
        "aiohttp.ClientResponseError",
        "httpx.HTTPError",
        "httpx.RequestError",
        "httpx.HTTPStatusError",
        "httpx.TimeoutException",
        "httpx.ConnectError",
        "httpx.TransportError",
        "requests.RequestException",
        "requests.ConnectionError",
        "requests.HTTPError",
        "requests.Timeout",
        "django.db.DatabaseError",
        "sqlalchemy.exc.SQLAlchemyError",
        "sqlalchemy.exc.DBAPIError",
        "sqlalchemy.exc.OperationalError",
        "sqlalchemy.exc.IntegrityError",
        "sqlalchemy.exc.DatabaseError",
        "sqlalchemy.exc.InterfaceError",
        "sqlalchemy.exc.InternalError",
        "sqlalchemy.exc.TimeoutError",
        "sqlalchemy.exc.DisconnectionError",
        "sqlalchemy.exc.ProgrammingError",
        "django.db.IntegrityError",
        "django.db.OperationalError",
        "smtplib.SMTPException",
        "urllib.error.URLError",
        "urllib.error.HTTPError",
    }
)
DEPENDENCY_PREFIXES = (
    "requests.exceptions.",
    "httpx._exceptions.",
    "botocore.exceptions.",
    "boto3.exceptions.",
    "redis.exceptions.",
    "psycopg2.",
    "psycopg.errors.",
    "pymongo.errors.",
    "google.api_core.exceptions.",
    "urllib3.exceptions.",
    "django.db.utils.",
    "kombu.exceptions.",
    "elasticsearch.exceptions.",
    "pika.exceptions.",
)
# Errors about local files: swallowing them around cleanup is best effort, not a degraded response.
FILE_ERRORS = frozenset({"builtins.OSError", "builtins.IOError", "builtins.EnvironmentError"})

# Calls that do no I/O: a try body made only of these is parsing or computing (FP trap).
PURE_MODULES = (
    "builtins.",
    "json.",
    "ast.",
    "re.",
    "datetime.",
    "decimal.",
    "uuid.",
    "base64.",
    "binascii.",
    "urllib.parse.",
    "ipaddress.",
    "dateutil.",
    "math.",
    "string.",
    "struct.",
    "unicodedata.",
    "shlex.",
    "html.",
    "locale.",
    "packaging.",
    "semver.",
    "pytz.",
    "zoneinfo.",
    "email.utils.",
    "operator.",
    "itertools.",
    "functools.",
    "collections.",
    "typing.",
    "enum.",
    "fractions.",
    "textwrap.",
    "hashlib.",
    "hmac.",
    "copy.",
    "inspect.",
    "importlib.metadata.",
    "yaml.safe_load",
    "yaml.load",
    "toml.loads",
    "tomllib.",
    "tomli.",
    "markdown.",
    "jwt.decode",
    "isodate.",
    "pydantic.",
    "jsonschema.",
    "marshmallow.",
    "humanize.",
)
# Method names that parse or convert values (`value.decode()`, `s.split()`, `dt.isoformat()`).
PURE_METHODS = frozenset(
    {
        "decode", "encode", "split", "rsplit", "strip", "lstrip", "rstrip", "lower", "upper", "format",
        "replace", "startswith", "endswith", "join", "get", "keys", "values", "items", "index", "find",
        "isoformat", "strftime", "strptime", "fromisoformat", "fromtimestamp", "timestamp", "parse",
        "loads", "group", "match", "search", "fullmatch", "sub", "findall", "count", "copy", "pop",
        "setdefault", "append", "extend", "add", "update", "to_dict", "dict", "model_dump", "json",
        "parse_obj", "model_validate", "validate", "hex", "total_seconds", "astimezone",
        "normalize", "quantize", "casefold", "title", "capitalize", "zfill", "partition", "rpartition",
        "splitlines", "__getitem__", "date", "time",
    }
)
# Project helpers whose name says they parse or convert (`json_loads`, `parse_date`, `to_int`).
PARSE_LIKE = re.compile(
    r"^_?(json_loads?|loads?|parse\w*|\w*_parse|from_json|from_str\w*|decode\w*|deserializ\w*|literal_eval|"
    r"to_(int|float|bool|date\w*|decimal|str)|coerce\w*|convert\w*|normali[sz]e\w*|validate\w*|"
    r"str2\w*|as_\w+)$"
)
# Functions whose name says failing quietly is their contract (`try_get_user`, `is_available`).
PROBE_FUNCTIONS = re.compile(
    r"^_?(try_|is_|has_|can_|check_|safe_|maybe_|should_|supports_|detect_|probe_|ping)\w*$|\w*_or_none$|\w*_or_default$"
)
# Not `release`: releasing a reservation or a hold in another service is business logic, not cleanup
# (releasing a lock is still recognised by its call, see CLEANUP_METHODS).
CLEANUP_FUNCTIONS = re.compile(
    r"^(__del__|__exit__|__aexit__|close|aclose|cleanup|clean_up|teardown|tear_down|shutdown|stop|dispose|"
    r"terminate|disconnect|_?cleanup\w*|_?close\w*|_?shutdown\w*|_?teardown\w*)$"
)
CLEANUP_METHODS = frozenset(
    {
        "close", "aclose", "unlink", "remove", "rmdir", "rmtree", "removedirs", "kill", "terminate",
        "shutdown", "disconnect", "release", "cancel", "stop", "join", "delete", "flush", "cleanup",
        "dispose", "clear", "__exit__", "rollback", "unregister", "unsubscribe", "discard", "wait",
    }
)
BEST_EFFORT_COMMENT = re.compile(
    r"#.*\b(best[- ]effort|ignore[ds]?|ignoring|not (critical|important|fatal)|non[- ]critical|harmless|"
    r"safe to|optional|don'?t care|no[- ]op|nothing to do|advisory|debug[- ]only|okay|ok\b|fine\b|"
    r"expected|can fail|may fail|might fail|swallow)",
    re.IGNORECASE,
)
DEGRADED_OK = re.compile(r"#\s*prr:\s*degraded-ok", re.IGNORECASE)
# Passing the exception to these does not hand it to anyone who reports it.
NOT_A_CHANNEL = ("builtins.", "warnings.", "traceback.", "pprint.", "sys.", "logging.", "str.", "json.")
EXITS = frozenset({"builtins.exit", "builtins.quit", "sys.exit", "os._exit", "os.abort"})
METRIC_METHODS = frozenset({"inc", "incr", "increment", "count"})

# --- failure responses (PRR103, PRR104) ---

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


# --- handler facts ---


@dataclass
class HandlerFacts:
    handler: Handler
    caught: Tuple[str, ...]  # qualified names; ("builtins.BaseException",) for a bare except
    broad: Optional[str]  # how the handler is broad, for messages; None when it is not
    propagates: bool = False
    report_level: int = 0  # highest level logged (40 = error); 100 for a tracker
    callees: Tuple[str, ...] = ()
    failure: Optional[str] = None
    escapes: bool = False
    handed_on: bool = False  # the bound exception itself escapes: returned, stored or passed on
    fallback: Optional[str] = None
    metric: bool = False
    warns_with_error: bool = False  # a warning-level log that carries the exception or its traceback
    assigned: Tuple[str, ...] = ()  # local names the handler assigns
    assigned_bound: Tuple[str, ...] = ()  # those of them that hold the bound exception (`error = str(e)`)
    body_calls: List[cst.Call] = field(default_factory=list)

    def reported(self, min_level: int) -> bool:
        return self.report_level >= min_level


def caught_names(handler: Handler, resolver: Resolver) -> Tuple[str, ...]:
    if handler.type is None:
        return ("builtins.BaseException",)
    candidates = handler.type.elements if isinstance(handler.type, cst.Tuple) else [handler.type]
    names = []
    for candidate in candidates:
        expr = candidate.value if isinstance(candidate, cst.Element) else candidate
        names.append(resolver.qualified_name(expr) or dotted_name(expr) or "?")
    return tuple(names)


def analyse_handler(handler: Handler, ctx: FileContext) -> HandlerFacts:
    resolver = ctx.resolver
    configure(resolver, ctx.options)
    caught = caught_names(handler, resolver)
    broad = None
    if handler.type is None:
        broad = "a bare `except:`"
    else:
        for name in caught:
            if name in BROAD_EXCEPTIONS:
                broad = f"`except {name.split('.')[-1]}`"
                break
    facts = HandlerFacts(handler, caught, broad)
    bound = handler.name.name.value if handler.name is not None and isinstance(handler.name.name, cst.Name) else None
    callees: List[str] = []
    assigned: List[str] = []
    assigned_bound: List[str] = []
    for node in descendants(handler.body):
        failure = failure_response(node, resolver)
        if failure is not None and facts.failure is None:
            facts.failure = failure
            if isinstance(node, cst.Raise):
                continue
        if isinstance(node, cst.Raise) and facts.failure is None:
            facts.propagates = True
        elif isinstance(node, cst.Call):
            facts.body_calls.append(node)
            if (resolver.qualified_name(node.func) or "") in EXITS:
                facts.propagates = True
            level = _report_level(node, resolver)
            facts.report_level = max(facts.report_level, level)
            if level >= WARNING and bound is not None and any(_mentions(arg.value, bound) for arg in node.args):
                facts.warns_with_error = True
            if level == 0:
                name = resolver.qualified_name(node.func)
                if name is not None and not name.startswith("builtins."):
                    callees.append(name)
                if isinstance(node.func, cst.Attribute) and node.func.attr.value in METRIC_METHODS:
                    facts.metric = True
                if bound is not None and _passes_bound(node, bound, resolver):
                    facts.escapes = facts.handed_on = True
        elif bound is not None and _stores_or_returns_bound(node, bound):
            facts.escapes = facts.handed_on = True
        if isinstance(node, cst.Assign):
            names = [t.target.value for t in node.targets if isinstance(t.target, cst.Name)]
            assigned.extend(name for name in names if _carries_error(name, node.value, bound, resolver))
            if bound is not None and _mentions(node.value, bound):
                assigned_bound.extend(names)
        elif isinstance(node, cst.AnnAssign) and isinstance(node.target, cst.Name) and node.value is not None:
            if _carries_error(node.target.value, node.value, bound, resolver):
                assigned.append(node.target.value)
            if bound is not None and _mentions(node.value, bound):
                assigned_bound.append(node.target.value)
        if isinstance(node, cst.Return) and isinstance(node.value, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)):
            facts.escapes = True  # an error message handed back to the caller
    facts.assigned = tuple(assigned)
    facts.assigned_bound = tuple(assigned_bound)
    if bound is not None:
        facts.assigned += (bound,)
        facts.assigned_bound += (bound,)
    facts.callees = tuple(dict.fromkeys(callees))
    facts.fallback = _fallback(handler)
    return facts


ERROR_NAME = re.compile(r"^_?(err|error|errors|exc|exception|message|msg|reason|failure|problem|status)(_\w+)?$", re.I)


def _carries_error(target: str, value: cst.BaseExpression, bound: Optional[str], resolver: Resolver) -> bool:
    """An assignment in the handler that keeps the error for the caller: `error = str(e)`,
    `error = traceback.format_exc()`, `message = "query interrupted"` (not `eta = None`)."""
    if bound is not None and _mentions(value, bound):
        return True
    if ERROR_NAME.match(target) and not (isinstance(value, cst.Name) and value.value in ("None", "False", "True")):
        return True
    return isinstance(value, cst.Call) and (resolver.qualified_name(value.func) or "").startswith("traceback.format")


def _report_level(call: cst.Call, resolver: Resolver) -> int:
    level = log_level(call, resolver)
    if level is not None:
        # A warning with a traceback attached is a report: it reaches central logging with the stack.
        if level >= WARNING and _has_exc_info(call):
            return max(level, LEVELS["error"])
        return level
    return 100 if is_tracker_call(call, resolver) else 0


def _has_exc_info(call: cst.Call) -> bool:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in ("exc_info", "stack_info"):
            return not (isinstance(arg.value, cst.Name) and arg.value.value in ("False", "None"))
    return False


def _mentions(expr: Optional[cst.CSTNode], name: str) -> bool:
    if expr is None:
        return False
    if isinstance(expr, cst.Name):
        return expr.value == name
    return any(isinstance(node, cst.Name) and node.value == name for node in descendants(expr))


def _passes_bound(call: cst.Call, bound: str, resolver: Resolver) -> bool:
    """The bound exception is handed to another function (not a builtin such as str())."""
    name = resolver.qualified_name(call.func) or ""
    if name.startswith(NOT_A_CHANNEL) or not any(_mentions(arg.value, bound) for arg in call.args):
        return False
    func = call.func
    if isinstance(func, cst.Attribute):
        if func.attr.value in PURE_METHODS - {"append", "add", "extend", "update", "setdefault", "put"}:
            return False
        # `job.fail(e)`, `errors.append(e)`, `future.set_exception(e)`: stored on an object. A module
        # function (`reporting.report(e)`) is a possible reporter helper instead: the project phase decides.
        receiver = resolver.qualified_name(func.value)
        return receiver is None or resolver.instance_type(func.value) is not None
    # `Result(error=e)` builds an object that carries the error; `helper(e)` is for the project phase.
    last = (name or dotted_name(func) or "").rsplit(".", 1)[-1]
    return last[:1].isupper()


def _stores_or_returns_bound(node: cst.CSTNode, bound: str) -> bool:
    if isinstance(node, cst.Return):
        return _mentions(node.value, bound)
    if isinstance(node, cst.Yield):
        return _mentions(node.value, bound)
    if isinstance(node, cst.Assign):
        stored = any(isinstance(t.target, (cst.Attribute, cst.Subscript)) for t in node.targets)
        return stored and _mentions(node.value, bound)
    if isinstance(node, cst.AnnAssign):
        return isinstance(node.target, (cst.Attribute, cst.Subscript)) and _mentions(node.value, bound)
    return False


def _fallback(handler: Handler) -> Optional[str]:
    statements = handler.body.body
    if not statements:
        return None
    last = statements[-1]
    if isinstance(last, cst.SimpleStatementLine) and last.body:
        small = last.body[-1]
        if isinstance(small, cst.Pass):
            return "passes"
        if isinstance(small, cst.Continue):
            return "skips to the next iteration"
        if isinstance(small, cst.Return):
            return "returns a fallback value"
        if isinstance(small, (cst.Assign, cst.AnnAssign, cst.AugAssign)):
            return "carries on with a fallback value"
        if isinstance(small, cst.Break):
            return "stops the loop"
    return None


def is_probe(facts: HandlerFacts, ctx: Optional[FileContext] = None) -> bool:
    """`except Exception: return False`, or a `try_...`/`is_...`/`..._or_none` function: the caller is
    told, by design (a check or probe function)."""
    function = next(ctx.functions(), None) if ctx is not None else None
    if function is not None and PROBE_FUNCTIONS.match(function.name.value):
        return True
    last = facts.handler.body.body[-1] if facts.handler.body.body else None
    if isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], cst.Return):
        value = last.body[-1].value
        return isinstance(value, cst.Name) and value.value in ("False", "True")
    return False


def calls_in(body: cst.CSTNode) -> Iterable[cst.Call]:
    return (node for node in descendants(body) if isinstance(node, cst.Call))


def is_pure(body: cst.CSTNode, resolver: Resolver) -> bool:
    """The code calls nothing that can do I/O or run service logic: parsing and conversions only."""
    for call in calls_in(body):
        name = resolver.qualified_name(call.func) or ""
        if name.startswith(PURE_MODULES):
            continue
        # `d.get(k)` on an untyped value is a lookup; `requests.get(url)` or `session.get(url)` on a
        # module or a typed client (the name resolves) is I/O.
        if isinstance(call.func, cst.Attribute) and call.func.attr.value in PURE_METHODS and (not name or name.startswith("os.environ.")):
            continue
        if PARSE_LIKE.match((name or dotted_name(call.func) or "").rsplit(".", 1)[-1]):
            continue
        return False
    return True


def only_cleanup(body: cst.CSTNode, resolver: Resolver) -> bool:
    """Every call closes, removes or releases something (best-effort cleanup)."""
    found = False
    for call in calls_in(body):
        name = resolver.qualified_name(call.func) or dotted_name(call.func) or ""
        last = name.rsplit(".", 1)[-1]
        if last in CLEANUP_METHODS or name.startswith("builtins."):
            found = found or last in CLEANUP_METHODS
            continue
        return False
    return found


def in_cleanup_function(ctx: FileContext) -> bool:
    function = next(ctx.functions(), None)
    return function is not None and bool(CLEANUP_FUNCTIONS.match(function.name.value))


_SUPPRESSION = re.compile(r"#\s*(prr-lint\s*:|noqa\b|type\s*:|pragma\b|pylint\s*:|nosec\b|fmt\s*:).*$", re.IGNORECASE)


def comments_of(ctx: FileContext, node: cst.CSTNode) -> str:
    """The comments in a node's code, without linter and type-checker directives."""
    code = ctx.module.code_for_node(node)
    return "\n".join(_SUPPRESSION.sub("", line) for line in code.splitlines() if "#" in line)


def marked_best_effort(ctx: FileContext, try_node: cst.CSTNode, handler: Handler) -> bool:
    """A comment says failing here is fine (`# best effort`, `# ignore`, `# not critical` ...)."""
    text = comments_of(ctx, handler)
    if not text:
        body = try_node.body if isinstance(try_node, (cst.Try, cst.TryStar)) else None
        text = comments_of(ctx, body) if body is not None else ""
    return bool(BEST_EFFORT_COMMENT.search(text))


def not_service_code(ctx: FileContext) -> bool:
    """Operator tools, scripts, migrations: not the service (besides tests, which the engine skips)."""
    return is_operator_path(ctx.path) or ctx.in_main_guard() or ctx.in_cli_command() or in_command(ctx)


def is_dependency_error(name: str, extra: Sequence[str] = ()) -> bool:
    return name in DEPENDENCY_ERRORS or name.startswith(DEPENDENCY_PREFIXES) or name in extra


def min_level(ctx: FileContext) -> int:
    return config_of(ctx.resolver).min_level


def returned_later(ctx: FileContext, names: Sequence[str]) -> bool:
    """One of `names` (assigned in the handler) is returned by the enclosing function: the error is
    handed back to the caller (`error = str(e)` ... `return data, error`)."""
    function = next(ctx.functions(), None)
    if function is None or not names:
        return False
    wanted = set(names)
    for node in descendants(function.body):
        if isinstance(node, cst.Return) and node.value is not None:
            if any(isinstance(n, cst.Name) and n.value in wanted for n in [node.value, *descendants(node.value)]):
                return True
    return False


def in_retry_loop(ctx: FileContext) -> bool:
    """The try sits in a `while` loop or a counted `for ... in range(...)`: a failure means another
    attempt, not a fallback."""
    for node in reversed(ctx.ancestors):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return False
        if isinstance(node, cst.While):
            return True
        if isinstance(node, cst.For):
            it = node.iter
            return isinstance(it, cst.Call) and dotted_name(it.func) in ("range", "itertools.count", "count")
    return False


CLI_PREFIXES = ("click.", "typer.", "flask.cli.", "quart.cli.")
CLI_RECEIVERS = frozenset({"cli", "manager", "commands", "app.cli", "group"})


def in_command(ctx: FileContext) -> bool:
    """Inside a CLI command registered on a click group the context does not know (`flask.cli.AppGroup`,
    `manager = AppGroup(...)`, `@manager.command()`)."""
    for function in ctx.functions():
        for decorator in function.decorators:
            target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
            if not isinstance(target, cst.Attribute) or target.attr.value not in ("command", "group"):
                continue
            name = ctx.resolver.qualified_name(target) or ""
            if name.startswith(CLI_PREFIXES) or (dotted_name(target.value) or "") in CLI_RECEIVERS:
                return True
    return False


# --- background work that reports its own failures (PRR106; also summarised for the project phase) ---

REPORTS_OWN_FAILURES = "reports-own-failures"  # summary tag: a top-level try whose handler reports
FAILURE_HANDLER_CALLS = "failure-handler-calls:"  # summary tag prefix: a call in such a handler
SETS_THREAD_EXCEPTHOOK = "sets-threading-excepthook"  # summary tag: `threading.excepthook = ...`


def top_level_try_reports(function: cst.FunctionDef, resolver: Resolver) -> Tuple[bool, Tuple[str, ...]]:
    """(a `try` at the function's top level, or in a top-level loop or `with`, has a handler that
    reports; the project functions such handlers call, which may be reporter helpers)."""
    from prr_lint.sinks import reports_error

    callees: List[str] = []
    for statement in function.body.body:
        nodes = [statement, *descendants(statement)] if isinstance(statement, (cst.While, cst.For, cst.With)) else [statement]
        for node in nodes:
            if not isinstance(node, (cst.Try, cst.TryStar)):
                continue
            for handler in node.handlers:
                for inner in descendants(handler.body):
                    if isinstance(inner, cst.Call):
                        if reports_error(inner, resolver):
                            return True, ()
                        name = resolver.qualified_name(inner.func)
                        if name is not None and not name.startswith("builtins."):
                            callees.append(name)
    return False, tuple(dict.fromkeys(callees))


def sets_thread_excepthook(node: cst.CSTNode, resolver: Resolver) -> bool:
    """`threading.excepthook = hook` (through any import alias)."""
    if isinstance(node, cst.Assign):
        targets = [target.target for target in node.targets]
    elif isinstance(node, (cst.AnnAssign, cst.AugAssign)):
        targets = [node.target]
    else:
        return False
    return any(resolver.qualified_name(target) == "threading.excepthook" for target in targets)

