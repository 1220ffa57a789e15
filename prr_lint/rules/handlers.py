"""What an except handler does with its error: the facts the PRR1xx rules share.

One pass over a handler's body (not entering nested definitions) answers: which exceptions it
catches, whether it propagates, reports (and at which level), turns the error into a 5xx or
failing gRPC response, hands the bound exception on to someone else, or falls back. Rules decide
from these facts (and from where the handler stands: rules/handler_context.py), so two rules never
disagree about the same handler ("one problem, one finding").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.resolve import Resolver
from prr_lint.rules.error_channels import captures_current, fails_deferred, fallback_of, message_list
from prr_lint.rules.handed_errors import HandedError
from prr_lint.rules.handler_context import PURE_METHODS, Handler
from prr_lint.rules.reraise_contexts import reraising_context
from prr_lint.rules.silent_by_design import yes_no_probe
from prr_lint.rules.responses import failure_response
from prr_lint.stack_output import guarded_calls
from prr_lint.rules.report_calls import argument_callee, global_callees, report_level
from prr_lint.sinks import LEVELS, UNKNOWN_RECEIVER, WARNING, config_of, custom_logger_method
from prr_lint.tree import descendants, dotted_name, flat_statements, handler_name

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
        "sqlalchemy.exc.DatabaseError",
        "sqlalchemy.exc.InterfaceError",
        "sqlalchemy.exc.InternalError",
        "sqlalchemy.exc.TimeoutError",
        "sqlalchemy.exc.DisconnectionError",
        "sqlalchemy.exc.ProgrammingError",
        "django.db.OperationalError",
        "django.db.InterfaceError",
        "smtplib.SMTPException",
        "smtplib.SMTPServerDisconnected",
        "smtplib.SMTPConnectError",
        "smtplib.SMTPResponseException",
        "smtplib.SMTPAuthenticationError",
        "imaplib.IMAP4.error",
        "imaplib.IMAP4.abort",
        "imaplib.IMAP4_SSL.error",
        "imaplib.IMAP4_SSL.abort",
        "poplib.error_proto",
        "ftplib.Error",
        "ftplib.all_errors",
        "ssl.SSLError",
        "http.client.HTTPException",
        "socket.herror",
        "urllib.error.URLError",
        "urllib.error.HTTPError",
        "httpx.NetworkError",
        "httpx.ConnectTimeout",
        "httpx.ReadTimeout",
        "httpx.WriteTimeout",
        "httpx.PoolTimeout",
        "httpx.ReadError",
        "httpx.RemoteProtocolError",
        "requests.ConnectTimeout",
        "requests.ReadTimeout",
        "aiohttp.ClientConnectorError",
        "aiohttp.ClientOSError",
        "aiohttp.ClientPayloadError",
        "aiohttp.ServerDisconnectedError",
        "redis.RedisError",
        "redis.ConnectionError",
        "redis.TimeoutError",
        "elasticsearch.ConnectionError",
        "elasticsearch.ConnectionTimeout",
        "elasticsearch.TransportError",
        # Stripe: the base class and the failures of the API itself, not the answers to a bad request
        # (`InvalidRequestError`, `PermissionError`, `CardError` are how a probe or a payment says no).
        "stripe.StripeError",
        "stripe.APIError",
        "stripe.APIConnectionError",
        "stripe.RateLimitError",
        "stripe.error.StripeError",
        "stripe.error.APIError",
        "stripe.error.APIConnectionError",
        "stripe.error.RateLimitError",
        "openai.APIError",
        "openai.APIConnectionError",
        "openai.APITimeoutError",
        "openai.RateLimitError",
        "openai.InternalServerError",
        "anthropic.APIError",
        "anthropic.APIConnectionError",
        "anthropic.APITimeoutError",
        "anthropic.RateLimitError",
        "anthropic.InternalServerError",
        "googleapiclient.errors.HttpError",
        "google.auth.exceptions.TransportError",
        "slack_sdk.errors.SlackApiError",
        "twilio.base.exceptions.TwilioRestException",
        "confluent_kafka.KafkaException",
        "ldap.LDAPError",
        "paramiko.SSHException",
        "pycurl.error",
        "minio.error.S3Error",
        "asyncpg.PostgresError",
        "asyncpg.InterfaceError",
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
    "aiohttp.client_exceptions.",
    "asyncpg.exceptions.",
    "pymysql.err.",
    "kafka.errors.",
    "opensearchpy.exceptions.",
    "pymemcache.exceptions.",
    "ldap3.core.exceptions.",
    "paramiko.ssh_exception.",
    "azure.core.exceptions.",
    "hvac.exceptions.",
    "amqp.exceptions.",
)
# Errors about local files: swallowing them around cleanup is best effort, not a degraded response.
FILE_ERRORS = frozenset({"builtins.OSError", "builtins.IOError", "builtins.EnvironmentError"})

# Functions whose name says failing quietly is their contract (`try_get_user`, `is_available`).
PROBE_FUNCTIONS = re.compile(
    r"^_?(try_|is_|has_|can_|check_|safe_|maybe_|should_|supports_|detect_|probe_|ping)\w*$|\w*_or_none$|\w*_or_default$"
)
# Passing the exception to these does not hand it to anyone who reports it.
NOT_A_CHANNEL = ("builtins.", "warnings.", "traceback.", "pprint.", "sys.", "logging.", "str.", "json.")
EXITS = frozenset({"builtins.exit", "builtins.quit", "sys.exit", "os._exit", "os.abort"})
METRIC_METHODS = frozenset({"inc", "incr", "increment", "count"})


_METRIC_RECEIVER = re.compile(r"metric|stat|prometheus|datadog|counter|telemetry", re.I)
_FAILURE_WORD = re.compile(r"error|fail|exception|exc\b|\berr\b", re.I)


def counts_failure(call: cst.Call, resolver: Resolver) -> bool:
    """A metric that counts the failure: a metric method (`inc`, `incr`, `send`, `counter` ... on a
    metrics client or the project's wrapper of one) whose metric, by its name or its receiver's,
    is about errors (`metrics.send(f"{fn}.geterror", "counter", 1)`, `FAILURES.inc()`). An alert can
    fire on it: counting the failure reports it."""
    if not isinstance(call.func, cst.Attribute):
        return False
    method = call.func.attr.value
    receiver = dotted_name(call.func.value) or resolver.qualified_name(call.func.value) or ""
    if method not in METRIC_METHODS and not (method in _METRIC_SENDS and _METRIC_RECEIVER.search(receiver)):
        return False
    texts = [receiver.rpartition(".")[2]]
    if isinstance(call.func.value, cst.Call):  # `SYNC_TOTAL.labels(status="fail").inc()`: the labels say what is counted
        labels = call.func.value
        texts.append((dotted_name(labels.func) or "").rpartition(".")[0].rpartition(".")[2])
        texts.extend(str(arg.value.evaluated_value) for arg in labels.args if isinstance(arg.value, cst.SimpleString))
    for arg in call.args[:1]:
        value = arg.value
        if isinstance(value, cst.SimpleString):
            texts.append(str(value.evaluated_value))
        elif isinstance(value, cst.FormattedString):
            texts.extend(part.value for part in value.parts if isinstance(part, cst.FormattedStringText))
    return any(_FAILURE_WORD.search(text) for text in texts)


_METRIC_SENDS = frozenset({"send", "counter", "timing", "gauge", "histogram", "observe", "increment", "incr", "inc", "count"})


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
    counts_failure: bool = False  # a metric that counts this failure (`statsd.incr("sync.error")`)
    warns_with_error: bool = False  # a warning-level log that carries the exception or its traceback
    assigned: Tuple[str, ...] = ()  # local names the handler assigns
    assigned_bound: Tuple[str, ...] = ()  # those of them that hold the bound exception (`error = str(e)`)
    body_calls: List[cst.Call] = field(default_factory=list)

    def reported(self, min_level: int) -> bool:
        return self.report_level >= min_level


def raised_after_report(handler: Handler, resolver: Resolver) -> bool:
    """The handler reports its error (error level, a traceback at info or above, a tracker) before
    whatever it raises: the raised exception carries an error that is already in central logging."""
    guarded = guarded_calls(handler.body)
    for node in descendants(handler.body):
        if isinstance(node, cst.Call) and report_level(node, resolver, lambda: id(node) in guarded) >= LEVELS["error"]:
            return True
    return False


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
    bound = handler_name(handler)
    callees: List[str] = []
    assigned: List[str] = []
    assigned_bound: List[str] = []
    effects = {id(node.value) for node in descendants(handler.body) if isinstance(node, cst.Expr)}  # calls as statements
    guarded = guarded_calls(handler.body)
    handed = HandedError(handler.body, (bound,) if bound is not None else (), resolver)  # to first-party code the tree lacks?
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
            listed = message_list(node)
            if listed is not None:
                assigned.append(listed)  # a message for the caller in a list the function may return
            if (resolver.qualified_name(node.func) or "") in EXITS or reraising_context(node, handler, resolver):
                facts.propagates = True
            if bound is not None and isinstance(node.func, cst.Attribute) and node.func.attr.value == "set_exception" \
                    and any(_mentions(arg.value, bound) for arg in node.args):
                facts.propagates = True  # a future's `result()` raises it for whoever waits on it
            level = report_level(node, resolver, lambda: id(node) in guarded)
            if level == 0 and id(node) in effects and _records_traceback(node, resolver):
                level = LEVELS["error"]  # the stack is kept in the product's own record (an audit log)
            facts.report_level = max(facts.report_level, level)
            # the exception in the message, or a name assigned from it (`error = f"... {e}"; log.warning(error)`)
            if level >= WARNING and bound is not None and any(
                    _mentions(arg.value, name) for arg in node.args for name in (bound, *assigned_bound)):
                facts.warns_with_error = True
            if level == 0:
                name = resolver.qualified_name(node.func)
                if name is not None and not name.startswith("builtins."):
                    callees.extend((name, argument_callee(node, name, resolver), *handed.callees(node, name)))  # what it passes: a switch, the error
                elif name is None and isinstance(node.func, (cst.Attribute, cst.Name)):  # maybe a project reporter
                    callees.append(UNKNOWN_RECEIVER + (node.func.attr if isinstance(node.func, cst.Attribute) else node.func).value)
                callees.extend(custom_logger_method(node, resolver))  # maybe a project Logger subclass's reporter
                callees.extend(global_callees(node, resolver))  # a name start-up code may rebind
                if isinstance(node.func, cst.Attribute) and node.func.attr.value in METRIC_METHODS:
                    facts.metric = True
                if counts_failure(node, resolver):
                    facts.metric = facts.counts_failure = True
                if (bound is not None and _passes_bound(node, bound, resolver)) or any(
                        captures_current(arg.value, resolver) for arg in node.args):  # or `self._finished(Failure())`
                    facts.escapes = facts.handed_on = True
            facts.propagates = facts.propagates or fails_deferred(node, bound, resolver)
        elif bound is not None and _stores_or_returns_bound(node, bound):
            facts.escapes = facts.handed_on = True
        if isinstance(node, cst.Assign):
            names = [t.target.value for t in node.targets if isinstance(t.target, cst.Name)]
            if names and captures_current(node.value, resolver):  # `failure = Failure()`: kept like `except ... as failure`
                assigned_bound.extend(names)
                facts.escapes = facts.handed_on = True
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
    facts.fallback = fallback_of(handler)
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


TRACEBACK_TEXT = frozenset({"traceback.format_exc", "traceback.format_exception", "traceback.format_tb"})


def _records_traceback(call: cst.Call, resolver: Resolver) -> bool:
    """The call hands the formatted traceback to the project's code (`emit_log(..., stderr=
    traceback.format_exc())`, a call made for its effect): the error is recorded with its stack, not
    dropped. A call whose value the handler uses (`return jsonify(trace=traceback.format_exc()), 500`)
    builds the answer: the stack goes to the client, not to a record."""
    name = resolver.qualified_name(call.func) or ""
    if name.startswith(NOT_A_CHANNEL):
        return False
    for arg in call.args:
        value = arg.value
        if isinstance(value, cst.Call) and resolver.qualified_name(value.func) in TRACEBACK_TEXT:
            return True
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


def is_probe(facts: HandlerFacts, ctx: Optional[FileContext] = None) -> bool:
    """`except Exception: return False`, or a `try_...`/`is_...`/`..._or_none` function: the caller is
    told, by design (a check or probe function)."""
    function = next(ctx.functions(), None) if ctx is not None else None
    if function is not None and (PROBE_FUNCTIONS.match(function.name.value) or yes_no_probe(function, facts.handler)):
        return True
    statements = flat_statements(facts.handler.body)
    if statements and isinstance(statements[-1], cst.Return):
        value = statements[-1].value
        return isinstance(value, cst.Name) and value.value in ("False", "True")
    return False

# A dependency's answer that the thing asked for is not there (an index, a blob, a key, a row):
# an expected outcome the caller handles, not a failure of the dependency.
# A search server refusing the query itself (HTTP 400: a malformed or invalid query): an answer
# about the query, not an outage (connection and transport errors stay dependency failures).
QUERY_REFUSED = frozenset({"elasticsearch.exceptions.RequestError", "elasticsearch.RequestError",
                           "elasticsearch.BadRequestError", "elasticsearch.exceptions.BadRequestError",
                           "opensearchpy.exceptions.RequestError", "opensearchpy.RequestError"})
# The DB-API's ProgrammingError and its SQLSTATE subclasses for a missing or duplicate table, type or
# column: the statement does not fit the schema (not migrated yet, a probe at start-up), no outage;
# a database that is down raises OperationalError or InterfaceError.
SCHEMA_ERROR = re.compile(r"^(ProgrammingError|Undefined(Table|Column|Object|Function)|Duplicate(Table|Object|Column|Schema))$")
DATABASE_LIBRARIES = ("psycopg2.", "psycopg.", "sqlalchemy.", "django.db.", "pymysql.", "MySQLdb.", "sqlite3.", "mysql.")
# The database refusing a statement's values or the role's access, answering rather than failing:
# SQLSTATE class 22 (the DB-API's DataError: a value that does not fit its type or column, a division
# by zero) and 42501 (insufficient privilege, where per-user database roles do the authorisation).
# The drivers spell them with or without an `Error` suffix (asyncpg's `DataError`,
# `InsufficientPrivilegeError`; psycopg's `errors.InsufficientPrivilege`).
STATEMENT_REFUSED = frozenset({
    "Data", "InsufficientPrivilege", "InvalidTextRepresentation", "NumericValueOutOfRange", "DivisionByZero",
    "StringDataRightTruncation", "InvalidDatetimeFormat", "DatetimeFieldOverflow", "InvalidParameterValue",
})
NOT_FOUND_ANSWER = re.compile(r"(NotFound|DoesNotExist|NoSuch[A-Za-z]*|NotExist)(Error|Exception|Fault)?$")
# Not-found answers spelled otherwise: HashiCorp Vault's 404 for a secret path (hvac).
NOT_FOUND_CLASSES = frozenset({"hvac.exceptions.InvalidPath"})
# requests refusing a URL it was handed before any I/O (no scheme, an unknown scheme, a malformed URL):
# bad input, usually the user's, not a dependency failure.
REFUSED_INPUT = frozenset(
    f"requests.{module}{name}" for module in ("", "exceptions.")
    for name in ("MissingSchema", "InvalidSchema", "InvalidURL", "URLRequired")
)


# A conflict of the data (SQLSTATE class 23: a unique, foreign-key, not-null or check constraint;
# MongoDB's duplicate key; Redis's WatchError, a watched key another client changed before EXEC): a
# race with another writer or a row deleted meanwhile, the database answering, not failing. An
# outage raises OperationalError/InterfaceError (or a timeout) instead.
DATA_CONFLICT = re.compile(
    r"^(Integrity(Constraint)?(Error|Violation(Error)?)|(Unique|ForeignKey|NotNull|Check|Exclusion|Restrict)Violation(Error)?"
    r"|DuplicateKeyError|WatchError)$"
)


def is_data_conflict(name: str) -> bool:
    """`IntegrityError` and its driver equivalents (`psycopg2.errors.UniqueViolation`,
    `asyncpg.exceptions.UniqueViolationError`, ...): the data conflicts, no dependency failed."""
    return bool(DATA_CONFLICT.match(name.rsplit(".", 1)[-1]))


def is_statement_refused(name: str) -> bool:
    """A database driver's error for a value or an access the database refused (`STATEMENT_REFUSED`)."""
    last = name.rsplit(".", 1)[-1]
    return name.startswith(DATABASE_LIBRARIES + ("asyncpg.",)) and (last[:-5] if last.endswith("Error") else last) in STATEMENT_REFUSED


def is_dependency_error(name: str, extra: Sequence[str] = ()) -> bool:
    """A failure of a dependency: what is configured as one, or a library's error for an outage or a
    failed call; neither "not found", a data conflict (see `is_data_conflict`), a statement that does not
    fit the schema (`SCHEMA_ERROR`) nor a value or access the database refused (`is_statement_refused`) is one."""
    if name in extra:
        return True
    if NOT_FOUND_ANSWER.search(name.rsplit(".", 1)[-1]) or name in NOT_FOUND_CLASSES or name in REFUSED_INPUT or is_data_conflict(name) or name in QUERY_REFUSED \
            or (name.startswith(DATABASE_LIBRARIES) and SCHEMA_ERROR.match(name.rsplit(".", 1)[-1])) or is_statement_refused(name):
        return False
    return name in DEPENDENCY_ERRORS or name.startswith(DEPENDENCY_PREFIXES)


def min_level(ctx: FileContext) -> int:
    return config_of(ctx.resolver).min_level
