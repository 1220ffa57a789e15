"""Where a handled error still ends up, by behaviour (issue 9, fresh-services classes): channels
that are not logging but that an SRE or the user who asked still sees (the traceback printed to
the process's output is a report itself: stack_output.py).

* a message appended to a list the function returns (`warnings.append("Cannot compute ...")`):
  the caller gets the failure as part of the answer;
* the handler answering what the function answers anyway when the look-up finds nothing (the
  stored value, the raw id): a display fallback that shows faithful data;
* a parse error of the request's own values turned into an error answer, with no project code in
  the `try` that could hide a bug behind the same class;
* the error as a Twisted value: a `Failure()` (the current exception) handed to a function or kept for
  one, or `defer.fail(e)` returned, which its waiter's errbacks get.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.context import CLASSES, FileContext
from prr_lint.resolve import Resolver
from prr_lint.rules.handler_context import Handler
from prr_lint.tree import SCOPE_NODES, descendants, flat_statements, handler_name

# Calls that build an object carrying the exception being handled (`twisted.python.failure.Failure()`
# with no argument captures the current one): handing it on hands the error on.
CURRENT_EXCEPTION = frozenset({"twisted.python.failure.Failure", "sys.exc_info", "sys.exception"})
# A failed Deferred: whoever waits on it gets the exception through its errback chain.
DEFERRED_FAILURES = frozenset({"twisted.internet.defer.fail"})


def captures_current(expr: cst.BaseExpression, resolver: Resolver) -> bool:
    """`expr` is `Failure()`, `sys.exc_info()` or `sys.exception()`: the exception the handler is handling, as a value."""
    return isinstance(expr, cst.Call) and not expr.args and (resolver.qualified_name(expr.func) or "") in CURRENT_EXCEPTION


def fails_deferred(call: cst.Call, bound: Optional[str], resolver: Resolver) -> bool:
    """`defer.fail(e)` (or `defer.fail()`, the current exception): the Deferred's errbacks get the error,
    as a raise would reach the caller."""
    if (resolver.qualified_name(call.func) or "") not in DEFERRED_FAILURES:
        return False
    first = call.args[0].value if call.args else None
    return first is None or (isinstance(first, cst.Name) and first.value == bound)


MESSAGE_METHODS = frozenset({"append", "extend", "add", "insert"})
STRINGS = (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)
# Errors of converting a value: from a request's own values, a refusal of the input.
PARSE_ERRORS = frozenset({"builtins.ValueError", "builtins.TypeError", "builtins.KeyError", "decimal.InvalidOperation",
                          "json.JSONDecodeError", "json.decoder.JSONDecodeError"})


def message_list(call: cst.Call) -> Optional[str]:
    """The local list a literal message is added to (`warnings.append("Cannot compute X")`), if any."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.attr.value in MESSAGE_METHODS):
        return None
    values = [arg.value for arg in call.args]
    if values and all(isinstance(value, STRINGS) or (isinstance(value, cst.List) and value.elements
                      and all(isinstance(e.value, STRINGS) for e in value.elements)) for value in values[-1:]):
        return func.value.value
    return None


def _code(ctx: FileContext, node: cst.CSTNode) -> str:
    return "".join(ctx.module.code_for_node(node).split())


def _answers(node: cst.BaseExpression) -> list:
    """The values an expression may answer: both branches of a conditional expression."""
    if isinstance(node, cst.IfExp):
        return [*_answers(node.body), *_answers(node.orelse)]
    return [node]


def _local_names(function: cst.FunctionDef) -> set:
    """The function's parameters and the names its loops and comprehensions bind."""
    names = {param.name.value for param in (*function.params.posonly_params, *function.params.params,
                                            *function.params.kwonly_params)}
    for node in descendants(function.body, stop_at=()):
        if isinstance(node, (cst.For, cst.CompFor)) and isinstance(node.target, cst.Name):
            names.add(node.target.value)
    return names - {"self", "cls"}


def regular_fallback(ctx: FileContext, handler: cst.ExceptHandler) -> bool:
    """The handler's one statement answers (returns, or assigns to the same target) a value made from
    data, not a constant, that the function also answers outside any handler: what it shows when the
    look-up finds nothing (`return proj if proj is not None else str(project_id)` ... `except
    Exception: return str(project_id)`, the stored `entry.object_repr` of an audit record). The
    failure degrades to the function's own faithful fallback, not to a silent default."""
    body = flat_statements(handler.body)
    function = next(ctx.functions(), None)
    if len(body) != 1 or function is None:
        return False
    statement = body[0]
    if isinstance(statement, cst.Return) and statement.value is not None:
        target, value = None, statement.value
    elif isinstance(statement, cst.Assign) and len(statement.targets) == 1:
        target, value = _code(ctx, statement.targets[0].target), statement.value
    else:
        return False
    local = _local_names(function)
    if isinstance(value, (cst.Name, *STRINGS)) or not any(
        isinstance(node, cst.Name) and node.value in local for node in descendants(value)
    ):
        return False  # a constant, a bare name or a module's call (`abort(404)`) is no data shown as it was stored
    wanted = _code(ctx, value)
    for kind, answer_target, answer in _miss_answers(function):
        if (kind == "return") == (target is None) and (target is None or _code(ctx, answer_target) == target):
            if answer is not value and _code(ctx, answer) == wanted:
                return True
    return False


def _miss_answers(function: cst.FunctionDef) -> list:
    """What the function answers on a conditional path outside any handler: a branch of a conditional
    expression returned or assigned, or a return or assignment right in an `if`'s block. (An answer
    the `try` gives unconditionally is its success, not its miss.)"""
    found: list = []

    def add(statement: cst.CSTNode, whole: bool) -> None:
        value = getattr(statement, "value", None)
        if value is None or not (whole or isinstance(value, cst.IfExp)):
            return
        if isinstance(statement, cst.Return):
            found.extend(("return", None, answer) for answer in _answers(value))
        elif isinstance(statement, cst.Assign) and len(statement.targets) == 1:
            found.extend(("assign", statement.targets[0].target, answer) for answer in _answers(value))

    for node in descendants(function.body, stop_at=(*SCOPE_NODES, cst.ExceptHandler)):
        if isinstance(node, cst.If):
            blocks = [node.body, node.orelse.body if isinstance(node.orelse, cst.Else) else None]
            for block in blocks:
                for statement in flat_statements(block) if isinstance(block, cst.IndentedBlock) else ():
                    add(statement, True)
        elif isinstance(node, (cst.Return, cst.Assign)) and isinstance(node.value, cst.IfExp):
            add(node, False)
    return found


# Library code that converts values: what it raises is about the value it was given.
CONVERTERS = ("builtins.", "decimal.", "json.", "datetime.", "uuid.", "re.", "ipaddress.", "urllib.parse.", "base64.",
              "dateutil.", "django.utils.dateparse.")


def _may_hide_bug(ctx: FileContext, call: cst.Call) -> bool:
    """A call into code that may raise the caught class for a bug: the class's own method, or any
    named function but a library converter (the project's, or one whose origin is unknown). A
    method of a value (`queryset.filter(...)`, `request.query_params.get(...)`) is the value's."""
    func = call.func
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in ("self", "cls"):
        return True
    root = func.value if isinstance(func, cst.Attribute) else None
    while isinstance(root, cst.Attribute):
        root = root.value
    if isinstance(root, cst.Name) and root.value in ("self", "cls"):
        return False  # a method of a value the object holds (`self.request.query_params.get`, `self.queryset.filter`)
    name = ctx.resolver.qualified_name(func)
    if name is None:
        return not isinstance(func, cst.Attribute)
    return not name.startswith(CONVERTERS)


def rejects_input(ctx: FileContext, try_node: cst.CSTNode, caught: tuple) -> bool:
    """Every caught class is a conversion error (`ValueError`, `InvalidOperation`, a `ValidationError`)
    and the `try` only converts values with library code (`Decimal(request.data["amount"])`,
    `json.loads(param)`, a queryset filter built from a query parameter): the error answer refuses
    the client's input and loses nothing. A project call in the `try` may raise the same class for
    a bug, so it stays reported."""
    if not caught or not all(name in PARSE_ERRORS or name.rsplit(".", 1)[-1] == "ValidationError" for name in caught):
        return False
    body = getattr(try_node, "body", None)
    for node in descendants(body) if body is not None else ():
        if isinstance(node, cst.Await) or (isinstance(node, cst.Call) and _may_hide_bug(ctx, node)):
            return False
    return True


def passes_error(handler: cst.ExceptHandler, resolver: Resolver) -> bool:
    """The bound exception is handed to code that is not a builtin or the traceback module
    (`self.handle_exception(e, log=import_log)`): to the project's own record of the failure."""
    bound = handler_name(handler)
    if bound is None:
        return False
    for node in descendants(handler.body):
        if isinstance(node, cst.Call) and not (resolver.qualified_name(node.func) or "").startswith(("builtins.", "traceback.")):
            if any(isinstance(name, cst.Name) and name.value == bound for arg in node.args
                   for name in (arg.value, *descendants(arg.value))):
                return True
    return False


def fallback_of(handler: Handler) -> Optional[str]:
    """How the handler falls back, for messages (None: it ends otherwise)."""
    statements = flat_statements(handler.body)
    last = statements[-1] if statements else None
    if isinstance(last, cst.Pass):
        return "passes"
    if isinstance(last, cst.Continue):
        return "skips to the next iteration"
    if isinstance(last, cst.Return):
        return "returns a fallback value"
    if isinstance(last, (cst.Assign, cst.AnnAssign, cst.AugAssign)):
        return "carries on with a fallback value"
    if isinstance(last, cst.Break):
        return "stops the loop"
    return None


def persists_failure(ctx: FileContext, handler: Handler) -> bool:
    """The handler hands the bound exception to a function of this module that writes text made from
    it onto a record it then saves (`config.last_failure_error_message = str(exception)` ...
    `config.save()`): the failure is kept as the product's own record of it, where the user who set the
    integration up reads it (a notification backend's last failure shown on its settings page)."""
    bound = handler_name(handler)
    if bound is None:
        return False
    for node in descendants(handler.body):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Name):
            function = ctx.resolver.definition(node.func)
            if not isinstance(function, cst.FunctionDef):
                continue
            params = [param.name.value for param in function.params.params]
            for position, arg in enumerate(node.args):
                if not _names(arg.value, bound):
                    continue
                param = arg.keyword.value if arg.keyword is not None else (params[position] if position < len(params) else None)
                if param is not None and _saves_text_of(function, param):
                    return True
    return False


def _names(expr: cst.CSTNode, name: str) -> bool:
    return (isinstance(expr, cst.Name) and expr.value == name) or any(
        isinstance(node, cst.Name) and node.value == name for node in descendants(expr))


def _saves_text_of(function: cst.FunctionDef, param: str) -> bool:
    """`record.attr = <made from param>` and then `record.save()` on the same name."""
    written = set()
    for node in descendants(function.body):
        if isinstance(node, cst.Assign) and _names(node.value, param):
            for target in node.targets:
                if isinstance(target.target, cst.Attribute) and isinstance(target.target.value, cst.Name):
                    written.add(target.target.value.value)
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "save" \
                and isinstance(node.func.value, cst.Name) and node.func.value.value in written:
            return True
    return False



QUEUE_PUTS = frozenset({"put", "put_nowait"})


def queued_for_raiser(ctx: FileContext, handler: Handler) -> bool:
    """The handler puts the exception (`sys.exc_info()`, or the bound one) on a queue attribute of its
    object (`self.control.put((False, sys.exc_info()))`), and a method of the same class takes from
    that queue and raises: the thread waiting for the work's result raises the error (a run-with-timeout
    helper), so it propagates to the caller."""
    bound = handler_name(handler)
    owner = ctx.nearest(CLASSES)
    if owner is None:
        return False
    for node in descendants(handler.body):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in QUEUE_PUTS:
            queue = _self_attribute(node.func.value)
            carries = any((bound is not None and _names(arg.value, bound)) or any(
                isinstance(inner, cst.Call) and ctx.resolver.qualified_name(inner.func) == "sys.exc_info"
                for inner in (arg.value, *descendants(arg.value))) for arg in node.args)
            if queue is not None and carries and _raises_from(owner, queue):
                return True
    return False


def _self_attribute(expr: cst.BaseExpression) -> Optional[str]:
    """`self.<name>`: the attribute's name."""
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value == "self":
        return expr.attr.value
    return None


def _raises_from(owner: cst.ClassDef, queue: str) -> bool:
    """A method of the class takes from `self.<queue>` (`get`, `get_nowait`) and raises."""
    for statement in owner.body.body:
        if isinstance(statement, cst.FunctionDef):
            nodes = list(descendants(statement.body))
            takes = any(isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
                        and node.func.attr.value in ("get", "get_nowait") and _self_attribute(node.func.value) == queue for node in nodes)
            if takes and any(isinstance(node, cst.Raise) for node in nodes):
                return True
    return False
