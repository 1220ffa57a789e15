"""Handlers whose error still surfaces somewhere, recognised by behaviour (issue 9, session 4):

* the handler redoes the `try` body's work outside any `try` (a retry once, or the create half of
  a get-or-create calling the same `save`): if the dependency is down, the second call raises;
* the error is shown to the user who asked: the bound exception (or text made from it) goes into
  a user-facing error channel (a Django message at warning or error level, a form error, a Flask flash
  of category warning or error, a raised validation error);
* recovery work inside the handler of another failure that re-raises or reports it (releasing
  locks, removing a temporary upload): the first error surfaces;
* the failure recorded (a list of errors, a counter, the exception kept on a result) and the
  record tested later by a branch that raises or reports it (after the loop), or the attribute it
  was kept in raised by another method of the class;
* a single-row look-up miss: the `try` body only looks one row up (`Model.objects.get(...)`,
  `.earliest()`/`.latest()` of a queryset, which raise when there is none) and computes in memory,
  and the handler only sets a default: the row may not exist; a database that is down fails the
  request's other queries.

Decided on calls and what the handler does with the error, never on names of functions or files.
"""

from __future__ import annotations

from typing import Dict, Iterator, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.context import CLASSES, FileContext
from prr_lint.rules.handler_context import Handler, TryNode, returned_later
from prr_lint.rules.first_rows import first_row_miss
from prr_lint.rules.handlers import analyse_handler
from prr_lint.rules.silent_by_design import IO_PREFIXES
from prr_lint.sinks import reports_error
from prr_lint.tree import descendants, dotted_name, flat_statements, string_value

# Methods that raise when no single row matches (Django's DoesNotExist).
ROW_LOOKUPS = frozenset({"get", "earliest", "latest"})
# A user-facing error channel: Django messages, form errors, Flask flashes.
# (at warning level or above: the one notion of "reported" the errors rules share, here for the user)
MESSAGE_ERROR = frozenset(f"django.contrib.messages.{module}{level}" for module in ("", "api.") for level in ("error", "warning"))
MESSAGE_ADD = frozenset({"django.contrib.messages.add_message", "django.contrib.messages.api.add_message"})
MESSAGE_ERROR_LEVELS = frozenset(f"django.contrib.messages.{module}{level}" for module in ("", "constants.") for level in ("ERROR", "WARNING"))
FLASH = frozenset({"flask.flash", "flask.helpers.flash"})
FLASH_ERROR_CATEGORIES = frozenset({"error", "danger", "alert-danger", "warning", "alert-warning"})
VALIDATION_ERRORS = ("ValidationError",)


def _outside_try(body: cst.CSTNode, raises: bool = False) -> Iterator[cst.CSTNode]:
    """The calls (or with `raises`, the `raise` statements) of `body` that no nested `try` guards."""
    wanted = cst.Raise if raises else cst.Call
    stack = [body]
    while stack:
        node = stack.pop()
        for child in descendants(node, stop_at=(cst.Try, cst.TryStar, cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            if isinstance(child, wanted):
                yield child
            if isinstance(child, (cst.Try, cst.TryStar)):
                if child.orelse is not None:
                    stack.append(child.orelse)
                if child.finalbody is not None:
                    stack.append(child.finalbody)


def _spelling(ctx: FileContext, call: cst.Call) -> Optional[str]:
    """How a method call on a receiver is spelled (`cl.save`, `User.objects.get`); None for plain
    function calls (`str(e)`) and for logging, which do not redo any work."""
    if not isinstance(call.func, cst.Attribute):
        return None
    name = ctx.resolver.qualified_name(call.func) or ""
    if name.startswith(("builtins.", "logging.")) or (name and not _project(ctx, name) and not name.startswith(IO_PREFIXES)):
        return None  # a library function that does no I/O (`json.dumps`) redoes nothing that can fail again
    return _chain(call.func)


def _chain(expr: cst.BaseExpression) -> Optional[str]:
    """`qs.filter(a=1).count` as `qs.filter().count`: the receiver and the methods, not their
    arguments (a retry may ask another way: `filter(date__range=r)` then `filter(time__range=r)`)."""
    parts = []
    while isinstance(expr, (cst.Attribute, cst.Call)):
        if isinstance(expr, cst.Call):
            parts.append("()")
            expr = expr.func
        else:
            parts.append("." + expr.attr.value)
            expr = expr.value
    if not isinstance(expr, cst.Name):
        return None
    return expr.value + "".join(reversed(parts))


def _project(ctx: FileContext, name: str) -> bool:
    top = ctx.module_name.partition(".")[0]
    return bool(top) and (name == top or name.startswith(top + "."))


def redoes_work(ctx: FileContext, try_node: TryNode, handler: Handler) -> bool:
    """The handler calls, outside any `try`, a method the `try` body called (same receiver, same
    methods, perhaps other arguments): a retry once, a query asked another way, or get-or-create's
    create half saving what the `try` would have saved.
    If the failure was a dependency's, the second call raises it."""
    tried = {_spelling(ctx, call) for call in descendants(try_node.body) if isinstance(call, cst.Call)}
    tried.discard(None)
    return any(_spelling(ctx, call) in tried for call in _outside_try(handler.body))


def _bound(handler: Handler) -> Optional[str]:
    if handler.name is not None and isinstance(handler.name.name, cst.Name):
        return handler.name.name.value
    return None


def _mentions_any(expr: cst.CSTNode, names: Set[str]) -> bool:
    if isinstance(expr, cst.Name) and expr.value in names:
        return True
    return any(isinstance(node, cst.Name) and node.value in names for node in descendants(expr))


def shown_to_user(ctx: FileContext, handler: Handler) -> bool:
    """The bound exception, or text made from it, goes into a user-facing error channel: the user
    who asked sees the cause (a credential test of a form, a delete refused by related rows)."""
    bound = _bound(handler)
    if bound is None:
        return False
    carriers = {bound}
    for node in descendants(handler.body):
        if isinstance(node, cst.Assign) and _mentions_any(node.value, carriers):
            carriers.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))
    for node in descendants(handler.body):
        if isinstance(node, cst.Raise) and node.exc is not None and isinstance(node.exc, cst.Call):
            name = ctx.resolver.qualified_name(node.exc.func) or dotted_name(node.exc.func) or ""
            if name.endswith(VALIDATION_ERRORS) and any(_mentions_any(arg.value, carriers) for arg in node.exc.args):
                return True
        if isinstance(node, cst.Call) and _user_error_call(ctx, node, carriers):
            return True
    return False


def _user_error_call(ctx: FileContext, call: cst.Call, carriers: Set[str]) -> bool:
    args = [arg.value for arg in call.args]
    if not any(_mentions_any(arg, carriers) for arg in args):
        return False
    name = ctx.resolver.qualified_name(call.func) or ""
    if name in MESSAGE_ERROR:
        return True
    if name in MESSAGE_ADD:
        level = call.args[1].value if len(call.args) > 1 else None
        return level is not None and ctx.resolver.qualified_name(level) in MESSAGE_ERROR_LEVELS
    if name in FLASH:
        category = next((arg.value for arg in call.args if arg.keyword is not None and arg.keyword.value == "category"), None)
        if category is None and len(call.args) > 1 and call.args[1].keyword is None:
            category = call.args[1].value
        return string_value(category) in FLASH_ERROR_CATEGORIES
    return isinstance(call.func, cst.Attribute) and call.func.attr.value == "add_error"


def _row_lookup(call: cst.Call) -> bool:
    """`X.objects.get(...)`, `X.objects.filter(...).get(...)`, `qs.earliest(...)`, `qs.latest(...)`."""
    if not isinstance(call.func, cst.Attribute) or call.func.attr.value not in ROW_LOOKUPS:
        return False
    if call.func.attr.value != "get":
        return True
    receiver = call.func.value
    while isinstance(receiver, (cst.Call, cst.Attribute)):
        if isinstance(receiver, cst.Attribute) and receiver.attr.value == "objects":
            return True
        receiver = receiver.func if isinstance(receiver, cst.Call) else receiver.value
    return False


def _library_call(ctx: FileContext, call: cst.Call) -> bool:
    """A call into a library (not the project) that is no ORM method: date arithmetic, a timezone."""
    name = ctx.resolver.qualified_name(call.func)
    if name is None or _project(ctx, name):
        return False
    return not name.startswith(("django.db.", "sqlalchemy.")) or name.endswith(".DoesNotExist")


def lookup_miss(ctx: FileContext, try_node: TryNode, handler: Handler) -> bool:
    """The `try` body only looks single rows up (and computes in memory from them: attributes,
    library date arithmetic) and the handler only sets a default (a constant, a name, a library
    value such as `timezone.now()`), perhaps with a debug record: the judged meaning is "the row
    may not exist". More work in the `try` (several queries, remote calls, `.first()`, which cannot
    miss) keeps the finding."""
    if first_row_miss(ctx, try_node, handler):
        return True
    return _only_row_lookups(ctx, try_node) and all(_sets_default(ctx, statement) for statement in flat_statements(handler.body))


def _only_row_lookups(ctx: FileContext, try_node: TryNode) -> bool:
    lookups = [node for node in descendants(try_node.body) if isinstance(node, cst.Call) and _row_lookup(node)]
    if not lookups:
        return False
    covered = {id(node) for lookup in lookups for node in descendants(lookup)} | {id(lookup) for lookup in lookups}
    for node in descendants(try_node.body):
        if isinstance(node, cst.Call) and id(node) not in covered and not _library_call(ctx, node):
            return False
        if isinstance(node, (cst.Return, cst.Yield, cst.Await, cst.For, cst.While, cst.With)):
            return False
    return True


def row_miss_answered(ctx: FileContext, try_node: TryNode, caught: Sequence[str]) -> bool:
    """PRR103: the `try` only looks single rows up, the handler catches only the ORM's "no such row"
    (`Platform.DoesNotExist`, `ObjectDoesNotExist`) and answers a status: the status is the
    designed reply to a value the client sent that names no row (a webhook's unknown platform
    answered 501), not a server failure. A template or file not found stays reported."""
    if not caught or not all(name.rsplit(".", 1)[-1] in ROW_MISSES for name in caught):
        return False
    return _only_row_lookups(ctx, try_node)


ROW_MISSES = frozenset({"DoesNotExist", "ObjectDoesNotExist", "NoResultFound"})


def _sets_default(ctx: FileContext, statement: cst.CSTNode) -> bool:
    if isinstance(statement, cst.Pass):
        return True
    if isinstance(statement, cst.Assign):
        value = statement.value
        if isinstance(value, cst.Call):
            return _library_call(ctx, value) and not value.args
        return isinstance(value, (cst.Name, cst.SimpleString, cst.Integer, cst.Float, cst.List, cst.Dict, cst.Tuple)) and not any(
            isinstance(node, cst.Call) for node in descendants(value)
        )
    if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call):
        func = statement.value.func
        return isinstance(func, cst.Attribute) and func.attr.value == "debug"
    return False


def _enclosing_function(ctx: FileContext) -> Optional[cst.FunctionDef]:
    return next(ctx.functions(), None)


def _outside(function: cst.FunctionDef, handler: Handler) -> Iterator[cst.CSTNode]:
    """The nodes of `function` that are not in `handler`."""
    stack = [function.body]
    while stack:
        node = stack.pop()
        for child in descendants(node, stop_at=(cst.ExceptHandler, cst.ExceptStarHandler, cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            yield child
            if isinstance(child, (cst.ExceptHandler, cst.ExceptStarHandler)) and child is not handler:
                stack.append(child)


def raised_later(ctx: FileContext, handler: Handler, carriers: Sequence[str]) -> bool:
    """The handler keeps the error in a variable (`error = QueryError(str(e)); error.__cause__ = e`)
    that the function raises later, in a `finally` or after some bookkeeping (`raise error`)."""
    function = _enclosing_function(ctx)
    names = set(carriers) - {_bound(handler)}
    if function is None or not names:
        return False
    return any(
        isinstance(node, cst.Raise) and node.exc is not None and _mentions_any(node.exc, names)
        for node in _outside(function, handler)
    )


# The calls that hand an error to whoever awaits a result (asyncio's and concurrent.futures'
# `Future.set_exception`, Twisted's `Deferred.errback`): the waiter's `await`/`result()` raises it.
WAITER_DELIVERY = frozenset({"set_exception", "errback"})
# Twisted's capture of the exception being handled (`Failure()`, `errback()` with no argument).
CURRENT_FAILURE = frozenset({"twisted.python.failure.Failure"})


def _delivers(call: cst.Call, carriers: Set[str]) -> bool:
    """`future.set_exception(e)`, `d.errback(failure)` or `d.errback()` (the exception being handled)."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and func.attr.value in WAITER_DELIVERY):
        return False
    if not call.args:
        return func.attr.value == "errback"
    return _mentions_any(call.args[0].value, carriers)


def _current_failure(ctx: FileContext, call: cst.Call) -> bool:
    return not call.args and ctx.resolver.qualified_name(call.func) in CURRENT_FAILURE


def _delivering_functions(ctx: FileContext) -> Dict[str, int]:
    """The module's functions that deliver one of their parameters to a waiter, by name, with the
    parameter's position (`def _deliver(task, result, exception): ... set_exception(exception)`,
    also from a closure it schedules: `loop.call_soon_threadsafe(_set)`)."""
    if "_prr1_delivering" in ctx.__dict__:
        return ctx.__dict__["_prr1_delivering"]
    cache: Dict[str, int] = {}
    for function in descendants(ctx.module, stop_at=()):
        if not isinstance(function, cst.FunctionDef):
            continue
        deliveries = [
            node for node in descendants(function.body, stop_at=())
            if isinstance(node, cst.Call) and node.args and isinstance(node.func, cst.Attribute)
            and node.func.attr.value in WAITER_DELIVERY
        ]
        if not deliveries:
            continue
        params = [param.name.value for param in function.params.params]
        if params and params[0] in ("self", "cls"):
            params = params[1:]  # called as `self._error(failure)`
        position = next((at for at, param in enumerate(params) if any(_delivers(call, {param}) for call in deliveries)), None)
        if position is not None:
            cache[function.name.value] = position
    ctx.__dict__["_prr1_delivering"] = cache
    return cache


def delivered_to_waiter(ctx: FileContext, handler: Handler, carriers: Sequence[str], function: Optional[cst.FunctionDef] = None) -> bool:
    """The error goes to the caller waiting for the work's result, which raises it: the handler
    errbacks a Deferred or sets a Future's exception with it (or with a `Failure()` of it, kept in a
    list the function raises from later), or keeps it in a variable that the function hands, after
    the `try`, to such a call or to a function of the module that makes one. `function` is the one
    holding the handler (by default the innermost one being visited; PRR106 asks of a thread's target)."""
    names = set(carriers)
    bound = _bound(handler)
    if bound is not None:
        names.add(bound)
    delivering = _delivering_functions(ctx)
    for node in descendants(handler.body, stop_at=(cst.FunctionDef, cst.ClassDef, cst.Lambda)):
        if not isinstance(node, cst.Call):
            continue
        failure = [arg.value for arg in node.args if isinstance(arg.value, cst.Call) and _current_failure(ctx, arg.value)]
        if _delivers(node, names) or _to_delivering(node, names, delivering) or (
            failure and isinstance(node.func, cst.Attribute) and node.func.attr.value == "errback"
        ):
            return True
        if failure and _callee(node) in delivering:
            return True  # `self._error(Failure())`
        if failure and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Name):
            names.add(node.func.value.value)  # `failures.append(Failure())`
    function = function if function is not None else _enclosing_function(ctx)
    names.discard(bound)
    if function is None or not names:
        return False
    later = list(_outside(function, handler))
    for _ in range(3):  # follow `exception = conn_exception` hand-overs
        for node in later:
            if isinstance(node, cst.Assign) and _mentions_any(node.value, names):
                names.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))
    for node in later:
        if not isinstance(node, cst.Call):
            continue
        if (node.args and _delivers(node, names)) or _to_delivering(node, names, delivering):
            return True
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value == "raiseException" and _mentions_any(func.value, names):
            return True  # `failures.pop().raiseException()`: Twisted's raise of a kept failure
    return False


def _callee(call: cst.Call) -> Optional[str]:
    """The name of a module function or of a method called on `self`/`cls`."""
    func = call.func
    if isinstance(func, cst.Name):
        return func.value
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value in ("self", "cls"):
        return func.attr.value
    return None


def _to_delivering(call: cst.Call, names: Set[str], delivering: Dict[str, int]) -> bool:
    position = delivering.get(_callee(call) or "")
    return position is not None and len(call.args) > position and _mentions_any(call.args[position].value, names)


def reported_later(ctx: FileContext, handler: Handler, carriers: Sequence[str], level: int) -> bool:
    """The handler keeps the error (or text made from it) in a variable that the function logs at
    the report level after the `try` statement (`error_msg = str(err)` ... `log.error("...: %s",
    error_msg)`, the `else` branch returning on success): the failure is reported, only later."""
    function = _enclosing_function(ctx)
    names = set(carriers) - {_bound(handler)}
    if function is None or not names:
        return False
    return any(
        isinstance(node, cst.Call) and reports_error(node, ctx.resolver, level)
        and any(_mentions_any(arg.value, names) for arg in node.args)
        for node in _outside(function, handler)
    )


# Calls that add an item to a collection or a queue: the handler records the failure in it.
RECORDING_METHODS = frozenset({"append", "add", "extend", "insert", "put", "put_nowait", "setdefault"})


def _kept_in(handler: Handler) -> Set[str]:
    """Spellings (`errors`, `failures`, `fetch_result.exception`) the handler records the failure in: a
    collection it adds to, a counter it bumps, or a name or attribute it assigns a value made from the
    bound exception. Nothing when the handler leaves the function (it returns or raises itself); a
    constant assigned (`user = None`, `ok = False`) is a default, no record."""
    bound = _bound(handler)
    found: Set[str] = set()
    for node in descendants(handler.body):
        if isinstance(node, (cst.Return, cst.Raise)):
            return set()
        targets: Sequence[cst.BaseExpression] = ()
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in RECORDING_METHODS:
            targets = (node.func.value,)
        elif isinstance(node, cst.AugAssign):
            targets = (node.target,)
        elif isinstance(node, cst.Assign) and bound is not None and _mentions_any(node.value, {bound, *found}):
            # (through text made from it: `msg = str(e)`, `errors[source] = msg`)
            targets = tuple(target.target.value if isinstance(target.target, cst.Subscript) else target.target
                            for target in node.targets)
        found.update(name for name in map(dotted_name, targets) if name and name != bound)
    return found


def _spells_any(expr: cst.CSTNode, spellings: Set[str]) -> bool:
    return any(isinstance(node, (cst.Name, cst.Attribute)) and dotted_name(node) in spellings
               for node in (expr, *descendants(expr)))


def surfaced_after(ctx: FileContext, handler: Handler, level: int) -> bool:
    """The handler records the failure (`errors.append(str(e))`, `failures += 1`, `result.exception = e`)
    and the function tests that record later with a branch that raises or reports at the report level
    (`if errors: raise ApiError("bulk update failed", 500, errors=errors)`, `if failures > 0:
    logger.error(...)`, `if not result.successful and result.exception is not None: raise
    result.exception`), or another method of the class raises the attribute it was kept in (`raise
    self.last_exception`): the failure surfaces, after the loop or the bookkeeping."""
    function = _enclosing_function(ctx)
    kept = _kept_in(handler) if function is not None else set()
    if not kept:
        return False
    for node in _outside(function, handler):  # text made of the record (`joined = ", ".join(errors.items())`)
        if isinstance(node, cst.Assign) and _spells_any(node.value, kept):
            kept |= {name for target in node.targets if (name := dotted_name(target.target))}
    for node in _outside(function, handler):
        if isinstance(node, cst.If) and _spells_any(node.test, kept) and any(
            isinstance(inner, cst.Raise) or (isinstance(inner, cst.Call) and reports_error(inner, ctx.resolver, level))
            for inner in descendants(node.body)
        ):
            return True
        if isinstance(node, cst.Raise) and node.exc is not None and _spells_any(node.exc, kept):
            return True
    owner = ctx.nearest(CLASSES)
    on_self = {name for name in kept if name.startswith("self.")}
    return owner is not None and bool(on_self) and any(
        isinstance(node, cst.Raise) and node.exc is not None and _spells_any(node.exc, on_self)
        for node in descendants(owner.body, stop_at=(cst.ClassDef, cst.Lambda))
    )


def later_receivers(ctx: FileContext, handler: Handler, carriers: Sequence[str]) -> Tuple[str, ...]:
    """The project functions the function hands the kept error to after the handler
    (`error = e` ... `return self._after_execute(msg, out, error)`): the project phase drops the
    note when one of them reports it."""
    function = _enclosing_function(ctx)
    names = set(carriers) - {_bound(handler)}
    if function is None or not names:
        return ()
    found = []
    for node in _outside(function, handler):
        if isinstance(node, cst.Call) and any(_mentions_any(arg.value, names) for arg in node.args):
            name = ctx.resolver.qualified_name(node.func)
            if name is not None and not name.startswith("builtins."):
                found.append(name)
    return tuple(dict.fromkeys(found))


def outer_failure_surfaces(ctx: FileContext, try_node: TryNode, level: int) -> bool:
    """The `try` is recovery work inside the handler of another failure (releasing locks, removing
    a temporary upload, discarding a half-applied configuration) and that handler re-raises the
    first error, reports it at the report level or hands it on (`error = str(e)` returned to the
    caller, which PRR101 follows on its own): the first error surfaces, and a failed recovery is
    secondary to it."""
    for node in reversed(ctx.ancestors):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return False
        if isinstance(node, (cst.ExceptHandler, cst.ExceptStarHandler)):
            facts = analyse_handler(node, ctx)
            return facts.reported(level) or facts.handed_on or returned_later(ctx, facts.assigned_bound) or any(
                isinstance(inner, cst.Raise) for inner in _outside_try(node.body, raises=True)
            )
    return False


ERROR_KEYS = frozenset({"error", "errors", "error_message"})


def returns_error_result(handler: Handler) -> bool:
    """The handler answers a result that says it failed: a dict with an `error` key holding a
    message (`return {"status": None, "error": _("Connection failed")}`): the caller shows or
    handles the error, no fallback value passes for an answer."""
    for node in descendants(handler.body):
        if isinstance(node, cst.Return) and isinstance(node.value, cst.Dict):
            for element in node.value.elements:
                if isinstance(element, cst.DictElement) and string_value(element.key) in ERROR_KEYS:
                    value = element.value
                    if not (isinstance(value, cst.Name) and value.value in ("None", "False")):
                        return True
    return False


def surfaces_anyway(ctx: FileContext, try_node: TryNode, handler: Handler, level: int) -> bool:
    """Any of the above: the handler's failure is raised again, shown to the user, secondary to a
    failure that surfaces, or a row that is not there (for PRR203 too: none of these is a silently
    degraded answer). An error result (`returns_error_result`) is not among them: after a catch-all
    it carries no cause, so it only settles PRR102's specific dependency errors."""
    return (
        redoes_work(ctx, try_node, handler) or shown_to_user(ctx, handler)
        or lookup_miss(ctx, try_node, handler) or outer_failure_surfaces(ctx, try_node, level)
    )
