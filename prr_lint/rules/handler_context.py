"""Where a handler or a `try` stands: pure parsing, best-effort cleanup, comments that say failing
is fine, operator code, a retry loop, an error handed back to the caller. The PRR1xx rules leave
these alone (rule catalogue §3, false-positive traps)."""

from __future__ import annotations

import re
from typing import Iterable, Sequence, Union

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.paths import is_operator_path
from prr_lint.resolve import Resolver
from prr_lint.rules.how_it_runs import runs_elsewhere
from prr_lint.sinks import log_level
from prr_lint.statement_shapes import ends_first_round
from prr_lint.tree import descendants, dotted_name

Handler = Union[cst.ExceptHandler, cst.ExceptStarHandler]
TryNode = Union[cst.Try, cst.TryStar]

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
    # reading the clock
    "time.time",
    "time.monotonic",
    "time.perf_counter",
    # Django's app registry: models looked up by name in memory, no query
    "django.apps.apps.get_model",
    "django.apps.registry.Apps.get_model",
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
        "splitlines", "__getitem__", "date", "time", "isalnum", "isalpha", "isdigit", "isdecimal", "isnumeric",
        "isspace", "islower", "isupper", "isidentifier",
    }
)
# Project helpers whose name says they parse or convert (`json_loads`, `parse_date`, `to_int`).
PARSE_LIKE = re.compile(
    r"^_?(json_loads?|loads?|parse\w*|\w*_parse|from_json|from_str\w*|decode\w*|(de|un)serializ\w*|literal_eval|"
    r"to_(int|float|bool|date\w*|decimal|str)|coerce\w*|convert\w*|normali[sz]e\w*|validate\w*|"
    r"str2\w*|as_\w+)$"
)
CLEANUP_METHODS = frozenset(
    {
        "close", "aclose", "unlink", "remove", "rmdir", "rmtree", "removedirs", "kill", "terminate",
        "shutdown", "disconnect", "release", "cancel", "stop", "join", "delete", "flush", "cleanup",
        "dispose", "clear", "__exit__", "rollback", "unregister", "unsubscribe", "discard", "wait", "wait_for",
        "wait_closed",  # asyncio StreamWriter: waits for the close it asked for
    }
)
_BEST_EFFORT_WORDS = re.compile(
    r"\b(best[- ]effort|ignore[ds]?|ignoring|not (critical|important|fatal)|non[- ]critical|harmless|"
    r"safe to|optional|don'?t care|no[- ]op|nothing to do|advisory|debug[- ]only|okay|ok\b|fine\b|"
    r"expected|can fail|may fail|might fail|swallow|(should|must|does|do|will)\s*(not|n'?t)\s+break|never break)",
    re.IGNORECASE,
)
DEGRADED_OK = re.compile(r"#\s*prr:\s*degraded-ok", re.IGNORECASE)


def calls_in(body: cst.CSTNode) -> Iterable[cst.Call]:
    return (node for node in descendants(body) if isinstance(node, cst.Call))


def is_pure(body: cst.CSTNode, resolver: Resolver) -> bool:
    """The code calls nothing that can do I/O or run service logic: parsing and conversions only."""
    return all(pure_call(call, resolver.qualified_name(call.func) or "", resolver) for call in calls_in(body))


def pure_call(call: cst.Call, name: str, resolver: Resolver) -> bool:
    """A call that parses, converts or looks up in memory (`name`: its qualified name, or "")."""
    if name.startswith(PURE_MODULES) or log_level(call, resolver) is not None:
        return True  # a log record is no dependency call
    # `d.get(k)` on an untyped value is a lookup; `requests.get(url)` or `session.get(url)` on a
    # module or a typed client (the name resolves) is I/O.
    if isinstance(call.func, cst.Attribute) and call.func.attr.value in PURE_METHODS and (not name or name.startswith("os.environ.")):
        return True
    if PARSE_LIKE.match((name or dotted_name(call.func) or "").rsplit(".", 1)[-1]):
        return True
    # a Django model's options (`Model._meta.get_field(name)`): metadata in memory
    return isinstance(call.func, cst.Attribute) and isinstance(call.func.value, cst.Attribute) and call.func.value.attr.value == "_meta"


def only_cleanup(body: cst.CSTNode, resolver: Resolver) -> bool:
    """Every call closes, removes or releases something (best-effort cleanup); what is computed for
    a cleanup call's arguments (`ctx.__exit__(*sys.exc_info())`) is part of it."""
    found = False
    arguments = set()
    for call in calls_in(body):
        if id(call) in arguments:
            continue
        name = resolver.qualified_name(call.func) or dotted_name(call.func) or ""
        last = name.rsplit(".", 1)[-1]
        if last in CLEANUP_METHODS or name.startswith(("builtins.", "contextlib.")) or name in CLEANUP_GUARDS:
            found = found or last in CLEANUP_METHODS
            if last in CLEANUP_METHODS or name in CLEANUP_GUARDS:
                arguments.update(id(inner) for arg in call.args for inner in [arg.value, *descendants(arg.value)])
            continue
        return False
    return found


# Checks that only decide whether there is something to clean up (`if os.path.exists(tmp): rmtree(tmp)`).
CLEANUP_GUARDS = frozenset({"os.path.exists", "os.path.lexists", "os.path.isdir", "os.path.isfile", "os.path.islink"})
LIFECYCLE_METHODS = frozenset({"__exit__", "__aexit__", "__del__"})


def best_effort_cleanup(ctx: FileContext, node: cst.CSTNode, body: cst.CSTNode) -> bool:
    """Cleanup by what the code is for, whatever the function is called: a teardown sequence (the
    function answers nothing and calls only close/join/kill-like things besides `node`), or `body`
    only closes, removes or releases things after the function's main effect (an earlier call, a
    `finally` or an except block), in `__exit__`/`__del__`, or in a function that answers nothing and
    is no decorated entry point. A request handler whose main effect is `storage.delete(id)` before
    it answers `{"deleted": id}` is not cleaning up."""
    function = next(ctx.functions(), None)
    if function is not None and _teardown(function, node, ctx.resolver):
        return True
    if not only_cleanup(body, ctx.resolver):
        return False
    if function is None or function.name.value in LIFECYCLE_METHODS:
        return True
    for ancestor in reversed(ctx.ancestors):
        if ancestor is function:
            break
        if isinstance(ancestor, (cst.Finally, cst.ExceptHandler, cst.ExceptStarHandler)) and ancestor is not node:
            return True
    if _effect_before(function, node, ctx.resolver):
        return True
    # A function that answers nothing and is no decorated entry point: a sweep or a close, whose
    # cleanup has no caller waiting on it. A handler that answers after deleting is reported.
    return not function.decorators and not _answers(function)


def _teardown(function: cst.FunctionDef, node: cst.CSTNode, resolver: Resolver) -> bool:
    """A shutdown sequence: the function answers nothing and every call outside `node` closes,
    joins, kills or releases something (`try: conn.send(STOP) except OSError: pass; proc.join()`)."""
    if function.decorators or _answers(function):
        return False
    inside = {id(child) for child in descendants(node)} | {id(node)}
    found = False
    for call in calls_in(function.body):
        if id(call) in inside:
            continue
        name = resolver.qualified_name(call.func) or dotted_name(call.func) or ""
        if name.rsplit(".", 1)[-1] not in CLEANUP_METHODS:
            return False
        found = True
    return found


def _effect_before(function: cst.FunctionDef, node: cst.CSTNode, resolver: Resolver) -> bool:
    """A statement of the function before the one holding `node` calls something that is not
    cleanup: the main effect happened, `node` cleans up after it."""
    for statement in function.body.body if isinstance(function.body, cst.IndentedBlock) else ():
        if statement is node or any(child is node for child in descendants(statement)):
            return False
        for call in calls_in(statement):
            name = resolver.qualified_name(call.func) or dotted_name(call.func) or ""
            if name.rsplit(".", 1)[-1] not in CLEANUP_METHODS and not name.startswith(("builtins.", "logging.")):
                return True
    return False


def _answers(function: cst.FunctionDef) -> bool:
    return any(isinstance(node, cst.Return) and node.value is not None for node in descendants(function.body))


# A directive runs to the end of its line; a coverage pragma's explanation after ` -- ` is prose and stays.
_SUPPRESSION = re.compile(
    r"#\s*(prr-lint\s*:|noqa\b|type\s*:|pragma\b|pylint\s*:|nosec\b|fmt\s*:)((?!\s--\s).)*", re.IGNORECASE
)


def comments_of(ctx: FileContext, node: cst.CSTNode) -> str:
    """The comments in a node's code, without linter and type-checker directives."""
    code = ctx.module.code_for_node(node)
    return "\n".join(_SUPPRESSION.sub("#", line) for line in code.splitlines() if "#" in line)


def says_best_effort(text: str) -> bool:
    """A comment in `text` says failing is fine: the words after the first `#` of a line (one
    search per line, so the time stays linear whatever the text holds)."""
    for line in text.splitlines():
        at = line.find("#")
        if at >= 0 and _BEST_EFFORT_WORDS.search(line, at + 1):
            return True
    return False


def marked_best_effort(ctx: FileContext, try_node: cst.CSTNode, handler: Handler) -> bool:
    """A comment in the handler, in the `try` body or right above the `try` says failing here is fine
    (`# best effort`, `# ignore`, `# not critical`, `# it's ok if we can't` ...)."""
    text = comments_of(ctx, handler)
    if not text:
        body = try_node.body if isinstance(try_node, (cst.Try, cst.TryStar)) else None
        text = comments_of(ctx, body) if body is not None else ""
    # the comment lines right above the `try` (`# copy the stats, but it's ok if we can't`)
    above = "\n".join(line.comment.value for line in getattr(try_node, "leading_lines", ()) if line.comment is not None)
    return says_best_effort(text) or says_best_effort(above)


def not_service_code(ctx: FileContext) -> bool:
    """Operator tools, scripts, migrations: not the service (besides tests, which the engine skips);
    and code that runs elsewhere by how it runs (rules/how_it_runs.py)."""
    return (
        is_operator_path(ctx.path) or ctx.in_main_guard() or ctx.in_cli_command() or in_command(ctx) or runs_elsewhere(ctx)
    )


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
    attempt, not a fallback; not a loop whose every round leaves (ends_first_round), which runs once."""
    for node in reversed(ctx.ancestors):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return False
        if isinstance(node, cst.While):
            return not ends_first_round(node)
        if isinstance(node, cst.For):
            it = node.iter
            counted = isinstance(it, cst.Call) and dotted_name(it.func) in ("range", "itertools.count", "count")
            return counted and not ends_first_round(node)
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
