"""Handlers whose failure is meant to be silent, recognised by behaviour (issue 9, class 5):

* in-memory computation with a default: the `try` body does no I/O and calls no dependency (only
  libraries and values already in memory), and the code carries a default: assigned right before
  the `try` (`lang = "en"; try: lang = detect(text)`) or by the handler (`except: value = fallback`);
* in-memory work left behind (the stricter test of rules/in_memory.py);
* a name that does not resolve: a DNS look-up whose "no such name" error is the answer (PRR102);
* input answered with a client error: the `try` body does no I/O and the handler answers 4xx,
  raises a validation error or validates the input another way;
* (a conflict of the data, `IntegrityError` and its driver equivalents, is no dependency failure
  at all, whatever the handler does: `rules/handlers.py` `is_data_conflict`).

"No I/O" is decided on the calls, never on names of the enclosing function: a call into the
project itself, an awaited call, a known I/O or client library, a method that talks to a
database, a socket or a file, or a call on an object of unknown kind (a client passed in) counts
as I/O; a library function or a method of a library object (a parser, a classifier, a snippet
generator) does not.
"""

from __future__ import annotations

from typing import Optional, Sequence, Set

import libcst as cst

from prr_lint.context import CLASSES, FileContext
from prr_lint.resolve import Resolver
from prr_lint.rules.handler_context import PURE_METHODS, pure_call
from prr_lint.rules.responses import status_value
from prr_lint.tree import descendants, dotted_name, flat_statements as flat_statements_of

IO_PREFIXES = (
    "requests.", "httpx.", "aiohttp.", "urllib.request.", "urllib3.", "http.client.", "socket.", "ssl.", "smtplib.",
    "imaplib.", "ftplib.", "redis.", "sqlalchemy.", "django.db.", "psycopg", "pymongo.", "motor.", "boto3.",
    "botocore.", "grpc.", "subprocess.", "os.", "shutil.", "pathlib.", "io.", "builtins.open", "builtins.input",
    "kombu.", "celery.", "elasticsearch.", "opensearchpy.", "pika.", "kafka.", "confluent_kafka.", "minio.",
    "google.cloud.", "azure.", "stripe.", "openai.", "anthropic.", "asyncio.", "time.sleep", "tempfile.",
    "django.core.mail.", "django.core.cache.", "django.core.files.", "fcntl.", "pycurl.", "flask_sqlalchemy.",
    "peewee.", "tortoise.", "mongoengine.", "sqlmodel.", "databases.", "asyncpg.", "aioredis.", "aiobotocore.",
    "httplib2.", "ldap", "paramiko.", "pysolr.", "websocket", "zmq.",
)
# File objects that live in memory: no I/O.
IN_MEMORY_FILES = frozenset({"io.BytesIO", "io.StringIO"})
# Path arithmetic: string work, no file system access.
PATH_ARITHMETIC = frozenset(
    f"os.path.{name}" for name in ("join", "isabs", "expanduser", "commonprefix", "commonpath", "basename", "dirname",
                                   "normpath", "normcase", "splitext", "split", "relpath")
)
# Verbs that talk to a server or a database whatever object they are called on.
STRONG_IO_METHODS = frozenset(
    {
        "execute", "executemany", "commit", "query", "send", "sendall", "recv", "request", "post", "put", "patch",
        "fetch", "fetchone", "fetchall", "save", "publish", "delay", "apply_async", "urlopen", "connect", "upload",
        "download", "raw_connection", "ping", "invoke",
    }
)
IO_METHODS = frozenset(
    {
        "execute", "executemany", "fetch", "fetchone", "fetchall", "query", "commit", "rollback", "save", "send",
        "sendall", "recv", "request", "post", "put", "patch", "connect", "publish", "delay", "apply_async",
        "urlopen", "read", "write", "open", "delete", "upload", "download", "invoke", "filter", "create",
        "get_or_create", "update_or_create", "refresh_from_db", "bulk_create", "exists", "first", "last",
        "raw_connection", "ping", "head", "flush", "sync", "scan", "insert", "upsert", "remove", "unlink",
    }
)
CLIENT_ERROR_EXCEPTIONS = ("ValidationError", "BadRequest", "ParseError", "NotFound", "PermissionDenied",
                           "SuspiciousOperation", "Http404", "RequestValidationError", "UnprocessableEntity")
# Telling the user who sent the input what was wrong with it.
USER_ERROR_MESSAGES = frozenset({"django.contrib.messages.error", "django.contrib.messages.api.error"})


def _project_name(ctx: FileContext, name: str) -> bool:
    top = ctx.module_name.partition(".")[0]
    return bool(top) and (name == top or name.startswith(top + "."))


def does_io(ctx: FileContext, body: cst.CSTNode, base_class_io: bool = False) -> bool:
    """Whether the code may do I/O or call a dependency (see the module docstring). With
    `base_class_io`, a `super().method()` call counts as I/O too (a permission check of a library
    base may query the database); only a lenient override that passes its input through is sure to
    be mere conversion."""
    resolver = ctx.resolver
    for node in descendants(body):
        if isinstance(node, cst.Await):
            return True
        if not isinstance(node, cst.Call):
            continue
        if base_class_io and _calls_super(ctx, node):
            return True
        name = resolver.qualified_name(node.func) or ""
        if name in IN_MEMORY_FILES or name in PATH_ARITHMETIC:
            continue
        if name.startswith(IO_PREFIXES) or (name and _project_name(ctx, name)):
            return True
        if name and not (isinstance(node.func, cst.Attribute) and node.func.attr.value in STRONG_IO_METHODS):
            continue  # a library function or a method of a typed library object
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in IO_METHODS:
            return True
        if isinstance(node.func, cst.Call) or (isinstance(node.func, cst.Name) and library_object(ctx, node.func)):
            continue  # calling what a call returned (judged at that call), here or where the name was bound
        if isinstance(node.func, cst.Attribute) and (
            node.func.attr.value in PURE_METHODS or library_object(ctx, node.func.value)
        ):
            continue
        return True  # a function or an object of unknown kind (a client passed in?): may do I/O
    return False


def _calls_super(ctx: FileContext, call: cst.Call) -> bool:
    func = call.func
    return isinstance(func, cst.Attribute) and isinstance(func.value, cst.Call) and \
        ctx.resolver.qualified_name(func.value.func) == "builtins.super"


def library_object(ctx: FileContext, receiver: cst.BaseExpression) -> bool:
    """The receiver is what a library call returned: `gen.snippet_from_doc(doc).to_html()` where `gen =
    tantivy.SnippetGenerator.create(...)`, or a chained call on such a result."""
    if isinstance(receiver, cst.Call):
        return True  # judged at the inner call
    if not isinstance(receiver, cst.Name):
        return False
    bindings = ctx.resolver.lookup(receiver.value) or []
    made = [b.value for b in bindings if getattr(b, "value", None) is not None and isinstance(b.value, cst.Call)]
    for value in made:
        if _library_base_call(ctx, value):
            return True
        name = ctx.resolver.qualified_name(value.func) or ""
        if name and not name.startswith(IO_PREFIXES) and not _project_name(ctx, name):
            return True
    return False


def _library_base_call(ctx: FileContext, call: cst.Call) -> bool:
    """`super().method(...)` in a class whose bases are all library classes: the library's own code."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Call)
            and ctx.resolver.qualified_name(func.value.func) == "builtins.super"):
        return False
    owner = ctx.nearest(CLASSES)
    if owner is None or not owner.bases:
        return False
    for base in owner.bases:
        name = ctx.resolver.qualified_name(base.value) or ""
        if not name or _project_name(ctx, name) or name.startswith(IO_PREFIXES) or ctx.resolver.definition(base.value) is not None:
            return False
    return True


def _assigned(body: cst.CSTNode) -> Set[str]:
    """Names the code binds or fills in (`x = ...`, `x: T = ...`, `x[k] = ...`, `x += ...`)."""
    names: Set[str] = set()
    nodes = [body] if isinstance(body, cst.SimpleStatementLine) else []
    for node in [*nodes, *descendants(body)]:
        targets = []
        if isinstance(node, cst.Assign):
            targets = [t.target for t in node.targets]
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign)):
            targets = [node.target]
        for target in targets:
            while isinstance(target, (cst.Subscript, cst.Attribute)) and not isinstance(target, cst.Name):
                target = target.value
            if isinstance(target, cst.Name):
                names.add(target.value)
    return names


def _sibling(ctx: FileContext, try_node: cst.CSTNode, step: int) -> Optional[cst.CSTNode]:
    ancestors = ctx.ancestors
    block = ancestors[-1] if ancestors and ancestors[-1] is not try_node else (ancestors[-2] if len(ancestors) > 1 else None)
    body = list(getattr(block, "body", ()))
    for index, statement in enumerate(body):
        if statement is try_node:
            return body[index + step] if 0 <= index + step < len(body) else None
    return None


def _previous_statement(ctx: FileContext, try_node: cst.CSTNode) -> Optional[cst.CSTNode]:
    return _sibling(ctx, try_node, -1)


def _next_statement(ctx: FileContext, try_node: cst.CSTNode) -> Optional[cst.CSTNode]:
    return _sibling(ctx, try_node, 1)


def has_default(ctx: FileContext, node: cst.CSTNode, body: cst.CSTNode, handler: Optional[cst.ExceptHandler]) -> bool:
    """The code keeps going with a default: a name the block sets was assigned just before it, or
    the handler assigns one."""
    previous = _previous_statement(ctx, node)
    before = _assigned(previous) if previous is not None else set()
    return bool(before & _assigned(body)) or (handler is not None and bool(_assigned(handler.body)))


def in_memory_with_default(ctx: FileContext, node: cst.CSTNode, body: cst.CSTNode, handler: Optional[cst.ExceptHandler]) -> bool:
    """In-memory work (nothing in `body` does I/O) whose failure leaves a default: shared by a `try`
    (`handler`) and `with suppress(...)` (no handler: an implicit `pass`). The default is set before
    the block or by the handler, the handler passes the input through or answers a constant, the
    statement after the block answers a constant; or, with a handler that only passes or skips, the
    block answers when it works and the code after it is the regular answer, or the block is a
    loop's whole body (the item is skipped)."""
    if does_io(ctx, body):
        return False
    if handler is not None and passes_input_through(ctx, handler):
        return True
    if does_io(ctx, body, base_class_io=True):
        return False
    if has_default(ctx, node, body, handler) or default_after(ctx, node, handler):
        return True
    if handler is not None and returns_constant(handler):
        return True
    quiet = handler is None or all(isinstance(statement, (cst.Pass, cst.Continue)) for statement in flat_statements_of(handler.body))
    return quiet and (any(isinstance(child, cst.Return) for child in descendants(body)) or _whole_loop_body(ctx, node))


def _whole_loop_body(ctx: FileContext, node: cst.CSTNode) -> bool:
    ancestors = [a for a in ctx.ancestors if a is not node]
    if len(ancestors) < 2 or not isinstance(ancestors[-2], cst.For):
        return False
    return len(getattr(ancestors[-1], "body", ())) == 1


def returns_constant(handler: cst.ExceptHandler) -> bool:
    """The handler is `return None` or `return <literal>`: the documented answer for input the
    library cannot map (`get_territory_currencies(country)` failing means no currency)."""
    body = flat_statements_of(handler.body)
    return len(body) == 1 and isinstance(body[0], cst.Return) and body[0].value is not None and _constant_fallback(handler)


def passes_input_through(ctx: FileContext, handler: cst.ExceptHandler) -> bool:
    """The handler answers the function's own input unchanged (`return name`, or a plain lookup on
    it such as `match.group(0)`): a lenient conversion that leaves what it cannot convert as it was."""
    function = next(ctx.functions(), None)
    if function is None:
        return False
    params = {param.name.value for param in (*function.params.posonly_params, *function.params.params, *function.params.kwonly_params)}
    returns = [node for node in descendants(handler.body) if isinstance(node, cst.Return)]
    return bool(returns) and all(node.value is not None and _of_input(node.value, params) for node in returns)


def _of_input(expr: cst.BaseExpression, params: Set[str]) -> bool:
    if isinstance(expr, cst.Name):
        return expr.value in params and expr.value not in ("self", "cls")
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value in PURE_METHODS | {"groupdict"}:
        return _of_input(expr.func.value, params) and all(
            _of_input(arg.value, params) or isinstance(arg.value, (cst.SimpleString, cst.Integer)) for arg in expr.args
        )
    return False


def default_after(ctx: FileContext, node: cst.CSTNode, handler: Optional[cst.ExceptHandler]) -> bool:
    """The handler only passes (or there is none: `suppress`) and the statement right after the block
    returns a constant default (`try: ... return parsed  except Exception: pass` then `return None`)."""
    body = flat_statements_of(handler.body) if handler is not None else [cst.Pass()]
    if not body or not all(isinstance(statement, cst.Pass) for statement in body):
        return False
    following = _next_statement(ctx, node)
    small = following.body[0] if isinstance(following, cst.SimpleStatementLine) and following.body else None
    return isinstance(small, cst.Return) and (
        small.value is None or isinstance(small.value, (cst.SimpleString, cst.Integer, cst.Float))
        or (isinstance(small.value, cst.Name) and small.value.value in ("None", "False", "True"))
    )


def answers_client_error(handler: cst.ExceptHandler, resolver: Resolver) -> bool:
    """The handler answers 4xx (raises a validation/4xx error, aborts or responds with a 4xx status),
    or validates the input another way (calls a validator)."""
    for node in descendants(handler.body):
        if isinstance(node, cst.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, cst.Call) else node.exc
            name = resolver.qualified_name(exc) or dotted_name(exc) or ""
            if name.rsplit(".", 1)[-1] in CLIENT_ERROR_EXCEPTIONS:
                return True
        if isinstance(node, cst.Call):
            name = resolver.qualified_name(node.func) or dotted_name(node.func) or ""
            if name in USER_ERROR_MESSAGES or name.rsplit(".", 1)[-1] in ("form_invalid", "add_error"):
                return True  # the form is shown again with the error: the user's input was refused
            callee = node.func.func if isinstance(node.func, cst.Call) else None
            validator = resolver.qualified_name(callee) if callee is not None else None
            if (validator or "").startswith("django.core.validators.") or name.startswith("django.core.validators."):
                return True
            if _status_4xx(node, resolver, name):
                return True
        if _returns_4xx_tuple(node, resolver):
            return True
    return False


def answers_4xx_status(handler: cst.ExceptHandler, resolver: Resolver) -> bool:
    """The handler answers with a 4xx status (a response, `abort`, a `(body, status)` tuple): unlike
    a flash message and a redirect, the failed status is counted by the service's HTTP metrics."""
    for node in descendants(handler.body):
        if isinstance(node, cst.Call) and _status_4xx(node, resolver, resolver.qualified_name(node.func) or dotted_name(node.func) or ""):
            return True
        if _returns_4xx_tuple(node, resolver):
            return True
    return False


def _returns_4xx_tuple(node: cst.CSTNode, resolver: Resolver) -> bool:
    """`return body, 404`: a Flask-style (body, status) answer with a 4xx status."""
    if not (isinstance(node, cst.Return) and isinstance(node.value, cst.Tuple) and len(node.value.elements) >= 2):
        return False
    value = status_value(node.value.elements[1].value, resolver)
    return value is not None and 400 <= value <= 499


def _status_4xx(call: cst.Call, resolver: Resolver, name: str) -> bool:
    last = name.rsplit(".", 1)[-1]
    candidates = []
    if last == "abort" and call.args:
        candidates.append(call.args[0].value)
    if "response" in last.lower() or last in ("Response", "JSONResponse", "jsonify", "HTTPException"):
        candidates.extend(arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value in ("status", "status_code"))
    for value in candidates:
        status = status_value(value, resolver)
        if status is not None and 400 <= status <= 499:
            return True
    return False


def client_input(ctx: FileContext, try_node: cst.Try, handler: cst.ExceptHandler) -> bool:
    """Input parsing answered with a client error: nothing in the `try` does I/O."""
    return not does_io(ctx, try_node.body) and answers_client_error(handler, ctx.resolver)


LOCAL_IO = ("subprocess.", "os.", "builtins.open", "pathlib.", "shutil.which", "platform.")


def import_time_probe(ctx: FileContext, try_node: cst.Try, handler: cst.ExceptHandler) -> bool:
    """Reading an optional value from the local environment while the module is imported: the `try`
    runs a local program or reads a local file (`git rev-parse HEAD` for a version string) and
    nothing else that does I/O, the handler gives a constant, and the function runs only from the
    module's top level (directly or through its other functions). A failure there changes a value
    shown to operators and cannot degrade a response."""
    function = next(ctx.functions(), None)
    if function is None or not _constant_fallback(handler):
        return False
    local = False
    for node in descendants(try_node.body):
        if isinstance(node, cst.Call):
            name = ctx.resolver.qualified_name(node.func) or ""
            if name.startswith(LOCAL_IO):
                local = True
            elif does_io(ctx, node):
                return False
    return local and function.name.value in _import_time_functions(ctx)


def _constant_fallback(handler: cst.ExceptHandler) -> bool:
    for node in flat_statements_of(handler.body):
        if isinstance(node, cst.Pass):
            continue
        if isinstance(node, cst.Return) and (node.value is None or isinstance(node.value, (cst.SimpleString, cst.Integer))
                                             or (isinstance(node.value, cst.Name) and node.value.value in ("None", "False", "True"))):
            continue
        return False
    return True


def _import_time_functions(ctx: FileContext) -> Set[str]:
    """Module-level functions that run while the module is imported and are called from nowhere
    else in it: called by a top-level statement, or only by such functions."""
    cache = ctx.__dict__.get("_import_time_functions")
    if cache is not None:
        return cache
    defs = {statement.name.value: statement for statement in ctx.module.body if isinstance(statement, cst.FunctionDef)}
    callers: dict = {}  # function -> the functions (or "<module>") that call it
    for statement in ctx.module.body:
        # A call in a function counts for that function; one in a class (its methods run later) or a
        # function named without being called (a callback handed on) may run at any time.
        owner = statement.name.value if isinstance(statement, cst.FunctionDef) else \
            "<runtime>" if isinstance(statement, cst.ClassDef) else "<module>"
        called = set()
        for node in descendants(statement, stop_at=()):
            if isinstance(node, cst.Call) and isinstance(node.func, cst.Name) and node.func.value in defs:
                callers.setdefault(node.func.value, set()).add(owner)
                called.add(id(node.func))
        for node in descendants(statement, stop_at=()):
            if isinstance(node, cst.Name) and node.value in defs and id(node) not in called and node is not getattr(statement, "name", None):
                callers.setdefault(node.value, set()).add("<runtime>")
    found: Set[str] = set()
    changed = True
    while changed:
        changed = False
        for name, who in callers.items():
            if name not in found and who and all(caller == "<module>" or caller in found for caller in who):
                found.add(name)
                changed = True
    ctx.__dict__["_import_time_functions"] = found
    return found


def probes_internals(ctx: FileContext, try_node: cst.Try) -> bool:
    """Probing a library's private internals under a `hasattr(obj, "_private")` test: the code checks
    that an optional internal exists before it uses it, and failing only leaves the extra out."""
    for node in reversed(ctx.ancestors):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            return False
        if isinstance(node, cst.If) and node is not try_node:
            test = node.test
            if isinstance(test, cst.Call) and ctx.resolver.qualified_name(test.func) == "builtins.hasattr" and len(test.args) == 2:
                attribute = test.args[1].value
                if isinstance(attribute, cst.SimpleString) and str(attribute.evaluated_value).startswith("_"):
                    return True
    return False


# Name-service look-ups, and the errors by which they answer "no such name".
NAME_LOOKUPS = frozenset(
    {
        "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr", "socket.getaddrinfo",
        "dns.resolver.resolve", "dns.resolver.query", "dns.resolver.Resolver.resolve", "dns.resolver.Resolver.query",
    }
)
NO_SUCH_NAME = frozenset({"socket.gaierror", "socket.herror", "dns.resolver.NXDOMAIN", "dns.resolver.NoAnswer"})


def name_not_found(ctx: FileContext, try_node: cst.CSTNode, caught: Sequence[str]) -> bool:
    """The `try` looks a name up (`socket.gethostbyname(f"{reversed_ip}.{dnsbl}.")`) and computes on
    the answer in memory, and the handler catches only the look-up's "no such name" errors: a name
    that does not resolve is the answer (a DNS blocklist's "not listed"), as a missing row is. A
    connection made in the same `try` (the name resolved to reach a dependency) stays reported."""
    if not caught or not all(name in NO_SUCH_NAME for name in caught):
        return False
    looked_up = False
    for call in (node for node in descendants(try_node.body) if isinstance(node, cst.Call)):
        name = ctx.resolver.qualified_name(call.func) or ""
        if name in NAME_LOOKUPS:
            looked_up = True
        elif not pure_call(call, name, ctx.resolver):
            return False
    return looked_up


def _is_bool(expr: Optional[cst.BaseExpression], value: str) -> bool:
    return isinstance(expr, cst.Name) and expr.value == value


def yes_no_probe(function: cst.FunctionDef, handler: cst.CSTNode) -> bool:
    """A yes/no probe: the function ends in `return False`, the `try` holding the handler answers
    `return True` when its work succeeds, and the handler only passes or moves on (to the next address
    in a loop): the failure is the negative answer (`server_reachable`, a watchdog's HTTP check)."""
    ending = flat_statements_of(function.body)
    if not ending or not isinstance(ending[-1], cst.Return) or not _is_bool(ending[-1].value, "False"):
        return False
    if not isinstance(handler, cst.ExceptHandler) or not all(
            isinstance(statement, (cst.Pass, cst.Continue)) for statement in flat_statements_of(handler.body)):
        return False
    for node in descendants(function.body):
        if isinstance(node, cst.Try) and handler in node.handlers:
            return any(isinstance(found, cst.Return) and _is_bool(found.value, "True") for found in descendants(node.body))
    return False
