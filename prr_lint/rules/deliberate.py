"""Handlers whose silence is a deliberate, visible decision rather than a lost error (issue 9,
judged on services the rules were never tuned on). Shared by PRR101, PRR102 and PRR105:

* explained: the handler only passes, skips, stops or answers a constant (or leaves a constant
  behind), and a comment in it, on its `except` line or right above it says why, or the
  function's docstring documents the fallback (or says a failure must not break the caller); a
  handler quiet but for a log record at any level, in a function so documented or in a module whose
  docstring says failing must not break the caller ("never raises out of `observe`": metrics,
  telemetry); a handler with no record at all needs its own function's docstring or a comment;
  or the handler is one fallback assignment or
  `return` under a comment that says why (`except OSError:  # the error is raised and forwarded later`). A `TODO`/`FIXME`
  or commented-out code explains nothing;
* import time: the `try` runs while the module is imported (no enclosing function): an optional
  feature probed at start-up or a fallback definition (`except ImportError`-like shims), never a
  request's answer;
* warned: a warning-level record reaches central logging like an error does, with or without the
  exception, unless the failure silently turns the function's answer into its default (the `try`
  computes what the function returns, and after the failure the function returns a constant or
  the preset default instead): then a warning without the cause cannot tell an outage from a miss;
* credentials refused: the `try` only asks a mail, FTP or directory server to check the user's
  password and the handler quietly answers the refusal (PRR102): the server's regular answer.
"""

from __future__ import annotations

import re
from typing import Optional, Sequence

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.parse_guard import newest_tree
from prr_lint.rules.handler_context import Handler, TryNode, comments_of
from prr_lint.sinks import log_level
from prr_lint.tree import descendants, flat_statements, handler_name

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]+")
# A comment that says the handler is unfinished explains nothing; nor does commented-out code.
_UNFINISHED = re.compile(r"\b(todo|fixme|xxx|hack)\b", re.IGNORECASE)


def _is_code(comment: str) -> bool:
    """The comment is Python (`log.exception(e)`, `return None`, `type Key = str` whatever the interpreter
    prr-lint runs on: parse_guard.py): commented-out code, not prose."""
    return newest_tree(comment) is not None


def explains(text: str) -> bool:
    """A comment line in `text` is prose: three different words (of two letters or more), not code,
    not a to-do."""
    for line in text.splitlines():
        at = line.find("#")
        if at < 0:
            continue
        comment = line[at + 1:].strip().lstrip("#").strip()
        if _UNFINISHED.search(comment) or _is_code(comment):
            continue
        if len(set(_WORD.findall(comment))) >= 3:
            return True
    return False


def _constant(expr: Optional[cst.BaseExpression]) -> bool:
    if expr is None:
        return True
    if isinstance(expr, (cst.SimpleString, cst.Integer, cst.Float, cst.ConcatenatedString)):
        return True
    if isinstance(expr, cst.Name):
        return expr.value in ("None", "True", "False")
    if isinstance(expr, (cst.List, cst.Tuple, cst.Set, cst.Dict)):
        return not expr.elements
    if isinstance(expr, cst.UnaryOperation):
        return _constant(expr.expression)
    return False


def quiet_fallback(handler: Handler) -> bool:
    """The handler only passes, skips, stops, answers a constant or a plain name (the input, a
    default), or sets a constant: it makes no decision but "carry on without it"."""
    return _quiet(flat_statements(handler.body))


def _quiet(statements: Sequence[cst.CSTNode]) -> bool:
    if not statements:
        return False
    for statement in statements:
        if isinstance(statement, (cst.Pass, cst.Continue, cst.Break)):
            continue
        if isinstance(statement, cst.Return) and (_constant(statement.value) or isinstance(statement.value, cst.Name)):
            continue
        if isinstance(statement, cst.Assign) and _constant(statement.value):
            continue
        if isinstance(statement, cst.Expr) and isinstance(statement.value, (cst.SimpleString, cst.Ellipsis)):
            continue
        return False
    return True


def _leading_comments(node: cst.CSTNode) -> str:
    return "\n".join(line.comment.value for line in getattr(node, "leading_lines", ()) if line.comment is not None)


def explained(ctx: FileContext, try_node: TryNode, handler: Handler) -> bool:
    """A quiet handler with a comment that says why (in the handler, on or right above its `except`
    line), or in a function whose docstring documents the fallback. A comment above the `try` is
    about the `try` (why it has no timeout ...), not its handler."""
    if quiet_fallback(handler):
        return explains(comments_of(ctx, handler)) or documents_fallback(ctx)
    if recorded_quiet_fallback(ctx, handler):
        # quiet but for a log record at any level: the function's or the module's docstring may say so
        function = next(ctx.functions(), None)
        docstring = function.get_docstring() if function is not None else None
        return _says_quiet(docstring) or _never_breaks(ctx.module.get_docstring())
    # one fallback statement (`content_types = ContentType.objects.none()`) under a comment saying why
    statements = flat_statements(handler.body)
    return len(statements) == 1 and isinstance(statements[0], (cst.Assign, cst.Return)) and explains(comments_of(ctx, handler))


_DOCUMENTED_FALLBACK = re.compile(
    r"\b(falls?\s+back|fallback|best[- ]effort|silently|ignor(e|es|ed|ing)\b|skipp?(ed|ing|s)?\b|"
    r"returns? (an? )?(empty|none|default|the original)|(if|when) [^.]{0,80}\b(fails?|unavailable|not (accessible|available)|cannot))",
    re.IGNORECASE,
)


# A contract that failing must not break the caller ("never raises out of `observe`", "failing to
# record a metric must not break the operation", "results in False rather than an exception").
_NEVER_BREAKS = re.compile(
    r"\bnever raises?\b|\b(must|should|will|does) (not|never) (break|raise)\b|rather than (raising|an exception)",
    re.IGNORECASE,
)


def _never_breaks(docstring: Optional[str]) -> bool:
    return bool(docstring) and _NEVER_BREAKS.search(docstring) is not None


# What a failure's log record leaves out: "invalid files are skipped", "errors are ignored", "best effort".
_SKIPPED = re.compile(r"\b(are|is|get|gets) (skipped|ignored)\b|\bbest[- ]effort\b", re.IGNORECASE)


def _says_quiet(docstring: Optional[str]) -> bool:
    """The function's docstring says failures are skipped or ignored on purpose, or must not break the
    caller (narrower than `documents_fallback`: "if we fail to decode the JSON, we pass on" is about one
    failure, not every one the handler catches)."""
    return _never_breaks(docstring) or (bool(docstring) and _SKIPPED.search(docstring) is not None)


def documents_fallback(ctx: FileContext) -> bool:
    """The enclosing function's docstring says what happens on failure ("Falls back to `fallback`
    when the model call fails", "return an empty list if the database is not accessible") or that a
    failure must not break the caller ("results in False rather than an exception")."""
    function = next(ctx.functions(), None)
    docstring = function.get_docstring() if function is not None else None
    return bool(docstring) and (_DOCUMENTED_FALLBACK.search(docstring) is not None or _never_breaks(docstring))


def recorded_quiet_fallback(ctx: FileContext, handler: Handler) -> bool:
    """A quiet fallback (see `quiet_fallback`) that also writes a log record, at any level: the failure
    leaves a trace where someone debugging it looks."""
    statements = flat_statements(handler.body)
    logs = [statement for statement in statements if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call)
            and log_level(statement.value, ctx.resolver) is not None]
    rest = [statement for statement in statements if not any(statement is log for log in logs)]
    return bool(logs) and (not rest or _quiet(rest))


def explained_block(ctx: FileContext, node: cst.CSTNode) -> bool:
    """`with suppress(...)` (an implicit `pass`) with a comment on it, in it or right above it."""
    return explains(comments_of(ctx, node)) or explains(_leading_comments(node))


def at_import_time(ctx: FileContext) -> bool:
    """No enclosing function: the code runs once, while the module is imported."""
    return not any(isinstance(node, (cst.FunctionDef, cst.Lambda)) for node in ctx.ancestors)


def answers_default(ctx: FileContext, try_node: TryNode) -> bool:
    """The `try` computes the function's answer (returns a computed value, or sets a name the
    function returns), and after a failure the function answers a constant or that name's preset
    value instead: the failure looks like "nothing there" to the caller."""
    function = next(ctx.functions(), None)
    if function is None:
        return False
    computed = any(
        isinstance(node, cst.Return) and not _constant(node.value) for node in descendants(try_node.body)
    )
    names = {t.target.value for node in descendants(try_node.body) if isinstance(node, cst.Assign)
             for t in node.targets if isinstance(t.target, cst.Name)}
    following = _next_statement(ctx, try_node)
    answer = following.body[0] if isinstance(following, cst.SimpleStatementLine) and following.body else None
    if not isinstance(answer, cst.Return):
        return False
    if computed and _constant(answer.value):
        return True
    value = answer.value
    return isinstance(value, cst.Name) and value.value in names and _preset(ctx, try_node, value.value)


def _next_statement(ctx: FileContext, try_node: TryNode) -> Optional[cst.CSTNode]:
    """The statement that runs after the `try` when its handler falls through: the next one in its
    block, or (at the end of a loop's or an `if`'s block) the one after that compound statement."""
    current: cst.CSTNode = try_node
    for node in reversed(ctx.ancestors):
        if node is try_node:
            continue
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return None
        body = getattr(node, "body", None)
        if isinstance(body, (list, tuple)):
            items = list(body)
            for index, statement in enumerate(items):
                if statement is current:
                    if index + 1 < len(items):
                        return items[index + 1]
                    break
        if isinstance(node, (cst.BaseCompoundStatement, cst.SimpleStatementLine)):
            current = node
    return None


def _preset(ctx: FileContext, try_node: TryNode, name: str) -> bool:
    """`name = <constant>` is the statement right before the `try`."""
    function = next(ctx.functions(), None)
    if function is None:
        return False
    for node in [function.body, *descendants(function.body)]:
        body = getattr(node, "body", None)
        if not isinstance(body, (list, tuple)):
            continue
        items = list(body)
        for index, statement in enumerate(items):
            if statement is try_node and index > 0 and isinstance(items[index - 1], cst.SimpleStatementLine):
                small = items[index - 1].body[0]
                return isinstance(small, (cst.Assign, cst.AnnAssign)) and _constant(small.value) and any(
                    isinstance(t, cst.Name) and t.value == name
                    for t in ([x.target for x in small.targets] if isinstance(small, cst.Assign) else [small.target])
                )
    return False


def alternative_path(ctx: FileContext, handler: Handler) -> bool:
    """The handler computes the answer another way, through the project's own code, outside any
    `try` (`except Exception: return self.get_buckets(fallback_query)`, re-reading the row another
    request just created): if the alternative fails too, that error propagates."""
    statements = flat_statements(handler.body)
    last = statements[-1] if statements else None
    if not isinstance(last, cst.Return) or last.value is None:
        return False
    value = last.value.expression if isinstance(last.value, cst.Await) else last.value
    while isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and isinstance(value.func.value, cst.Call):
        value = value.func.value  # `cls.query.filter(...).one()`: judged at the innermost call
    if not isinstance(value, cst.Call) or any(isinstance(node, (cst.Try, cst.TryStar)) for node in descendants(handler.body)):
        return False
    name = ctx.resolver.qualified_name(value.func)
    top = ctx.module_name.partition(".")[0]
    if name is None:
        receiver = value.func
        while isinstance(receiver, cst.Attribute):
            receiver = receiver.value
        return isinstance(receiver, cst.Name) and receiver.value in ("self", "cls")
    return bool(top) and (name == top or name.startswith(top + "."))


def next_candidate(ctx: FileContext, try_node: TryNode, handler: Handler) -> bool:
    """Trying candidates in turn: the `try` sits in a `for` loop that it leaves on success (`break`
    or `return`), the handler moves on to the next candidate, and running out of candidates is
    dealt with (the loop's `else`, or a `raise` right after the loop, perhaps under an `if`): a failed candidate is not a
    failure (a port in use, an auth method the server refuses)."""
    loop = None
    for node in reversed(ctx.ancestors):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.While)):
            return False
        if isinstance(node, cst.For):
            loop = node
            break
    if loop is None or not any(isinstance(node, (cst.Break, cst.Return)) for node in descendants(try_node.body)):
        return False
    if not all(isinstance(s, (cst.Pass, cst.Continue, cst.Assign)) for s in flat_statements(handler.body)):
        return False
    if loop.orelse is not None:
        return True
    after = statement_after(ctx, loop)
    if isinstance(after, cst.If) and after.orelse is None:  # `if key is None: raise ValueError(...)`
        after = after.body.body[0] if after.body.body else None
    return isinstance(after, cst.SimpleStatementLine) and isinstance(after.body[0], cst.Raise) or isinstance(after, cst.Raise)


def statement_after(ctx: FileContext, node: cst.CSTNode) -> Optional[cst.CSTNode]:
    for ancestor in reversed(ctx.ancestors):
        items = getattr(ancestor, "body", None)
        if isinstance(items, (list, tuple)) and any(item is node for item in items):
            items = list(items)
            index = next(i for i, item in enumerate(items) if item is node)
            return items[index + 1] if index + 1 < len(items) else None
    return None


def raises_itself(ctx: FileContext, try_node: TryNode, caught: Sequence[str]) -> bool:
    """The `try` body raises the very class the handler catches (`raise DatabaseError()` to abort
    a transaction on a validation error): the handler catches the code's own signal, not a
    dependency's failure."""
    for node in descendants(try_node.body):
        if isinstance(node, cst.Raise) and node.exc is not None:
            exc = node.exc.func if isinstance(node.exc, cst.Call) else node.exc
            if ctx.resolver.qualified_name(exc) in caught:
                return True
    return False


def shown_to_author(ctx: FileContext, try_node: TryNode, handler: Handler) -> bool:
    """A template render that fails, with the exception's text put in what the user sees
    (`format_html(..., e)`, `messages.error(request, f"... {e}")`, an error message for the page):
    a user-authored template (a custom link, an export template) is reported to whoever looks at
    the page, the author who can fix it."""
    bound = handler_name(handler)
    if bound is None or not _renders(try_node.body):
        return False
    for node in descendants(handler.body):
        if isinstance(node, cst.Call) and any(
            isinstance(inner, cst.Name) and inner.value == bound for arg in node.args for inner in [arg.value, *descendants(arg.value)]
        ):
            return True
        if isinstance(node, cst.FormattedStringExpression) and any(
            isinstance(inner, cst.Name) and inner.value == bound for inner in [node.expression, *descendants(node.expression)]
        ):
            return True
    return False


def _renders(body: cst.CSTNode) -> bool:
    for node in descendants(body):
        if isinstance(node, cst.Call):
            func = node.func
            name = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
            if name.lstrip("_").startswith("render") or name == "from_string":
                return True
    return False


def optional_local_file(ctx: FileContext, try_node: TryNode, handler: Handler) -> bool:
    """A quiet handler around reading one local file (`with open(path) as f: return f.read()`,
    the path built with `os.path`): an optional override file that is absent is the answer "none"
    (quay's `ssl.cert`). A storage backend's `open` or any other call is not a local file."""
    if not quiet_fallback(handler):
        return False
    opened = set()
    for node in descendants(try_node.body):
        if isinstance(node, cst.WithItem) and isinstance(node.item, cst.Call) and isinstance(node.asname, cst.AsName) \
                and isinstance(node.asname.name, cst.Name) and ctx.resolver.qualified_name(node.item.func) == "builtins.open":
            opened.add(node.asname.name.value)
    found = False
    for node in descendants(try_node.body):
        if not isinstance(node, cst.Call):
            continue
        name = ctx.resolver.qualified_name(node.func) or ""
        if name == "builtins.open":
            found = True
        elif name.startswith("os.path."):
            continue
        elif not (isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Name) and node.func.value.value in opened
                  and node.func.attr.value in ("read", "readlines", "readline")):
            return False
    return found


def refused_candidate(ctx: FileContext, try_node: TryNode, handler: Handler, caught: Sequence[str]) -> bool:
    """Trying candidates in turn against a check of the module's own: the `try` in a `for` loop,
    left on success, calls a function of this module that raises the caught class itself as its
    refusal (`raise Exception("already a duplicate")` outside any handler), and the handler only
    moves on (perhaps with a debug record): a refused candidate is the designed control flow."""
    loop = next((node for node in reversed(ctx.ancestors) if isinstance(node, (cst.For, cst.FunctionDef, cst.Lambda))), None)
    if not isinstance(loop, cst.For) or not any(isinstance(node, (cst.Break, cst.Return)) for node in descendants(try_node.body)):
        return False
    for statement in flat_statements(handler.body):
        quiet_call = isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call) and isinstance(
            statement.value.func, cst.Attribute) and statement.value.func.attr.value in ("debug", "info")
        if not (quiet_call or isinstance(statement, (cst.Pass, cst.Continue))):
            return False
    for node in descendants(try_node.body):
        if isinstance(node, cst.Call):
            callee = ctx.resolver.definition(node.func)
            if isinstance(callee, cst.FunctionDef) and _raises_as_check(ctx, callee, caught):
                return True
    return False


def _raises_as_check(ctx: FileContext, function: cst.FunctionDef, caught: Sequence[str]) -> bool:
    for node in descendants(function.body, stop_at=(cst.ExceptHandler, cst.ExceptStarHandler, cst.FunctionDef, cst.ClassDef, cst.Lambda)):
        if isinstance(node, cst.Raise) and isinstance(node.exc, cst.Call):
            if ctx.resolver.qualified_name(node.exc.func) in caught:
                return True
    return False


# A protocol client's check of the user's credentials, and the libraries that offer one.
CREDENTIAL_CHECKS = frozenset({"login", "simple_bind_s", "simple_bind", "bind_s"})
PROTOCOL_CLIENTS = ("smtplib.", "imaplib.", "poplib.", "ftplib.", "ldap.", "ldap3.")


def credentials_refused(ctx: FileContext, try_node: TryNode, handler: Handler, caught: Sequence[str]) -> bool:
    """The `try` only asks a mail, FTP or directory server to check the user's credentials
    (`smtp.login(username, password)` on an `smtplib.SMTP`), the handler catches that protocol's own
    error and quietly answers the refusal (`return None`, `typ = "NO"`): a rejected password is the
    server's regular answer (an authentication backend's `authenticate()` returns None for it),
    not a dependency failing. Connection errors caught there (`OSError`) stay dependency failures."""
    checks = [
        node for node in descendants(try_node.body)
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in CREDENTIAL_CHECKS
    ]
    if len(checks) != 1 or not caught or not quiet_fallback(handler):
        return False
    check = checks[0]
    receiver = check.func.value  # type: ignore[attr-defined]
    client = ctx.resolver.made_by(receiver) or ctx.resolver.instance_type(receiver) or ""
    library = next((prefix for prefix in PROTOCOL_CLIENTS if client.startswith(prefix)), None)
    if library is None or not all(name.startswith(library) for name in caught):
        return False
    inside = {id(node) for arg in check.args for node in [arg.value, *descendants(arg.value)]}
    others = [n for n in descendants(try_node.body) if isinstance(n, cst.Call) and n is not check and id(n) not in inside]
    return not others


def marked_unfinished(ctx: FileContext, handler: Handler) -> bool:
    """A to-do or fix-me in the handler or on its `except` line (`# TODO(roman): Log error.`): its
    author says the failure is not handled yet, so it is reported whatever the `try` calls."""
    return bool(_UNFINISHED.search(comments_of(ctx, handler)))

