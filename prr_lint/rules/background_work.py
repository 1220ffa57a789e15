"""What a function run in the background does with its own failures (PRR106, per file and in the module
summary): it reports them in a top-level `try` (maybe around a loop, so its work survives them), hands
the exception back to whoever waits for it, or leaves its work to project functions that do (only the
project phase can tell: project/threads.py)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import chain
from typing import Iterator, List, Optional, Set, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.handed_errors import HandedError
from prr_lint.rules.handlers import BROAD_EXCEPTIONS, caught_names
from prr_lint.sinks import ERROR, LEVELS, WARNING, config_of, is_logger, log_level, reports_error
from prr_lint.tree import SCOPE_NODES, KindOf, descendants, flat_statements, handler_name, statement_blocks

# A queue, future, list or cache the exception is handed to: another side reads it there.
HAND_OFF_METHODS = frozenset({"put", "put_nowait", "set", "set_exception", "append", "appendleft"})
# Asyncio calls that only set up or run an event loop: `run_forever` raises nothing a task raises
# (the loop's exception handler logs those), only a stop ends it.
_LOOP_SETUP = frozenset({"asyncio.new_event_loop", "asyncio.get_event_loop", "asyncio.set_event_loop"})
_LOOP_METHODS = frozenset({"run_forever", "close", "stop", "is_running"})
# The statement kinds top_level_tries asks about for every statement of every function body, and the kinds the
# walks below ask of every node they meet.
_IS_TRY, _IS_LOOP, _IS_IF = KindOf(cst.Try, cst.TryStar), KindOf(cst.While, cst.For), KindOf(cst.If)
_IS_CALL, _IS_RAISE, _IS_ASSIGN = KindOf(cst.Call), KindOf(cst.Raise), KindOf(cst.Assign)
_IS_SCOPE, _IS_COMPOUND = KindOf(*SCOPE_NODES), KindOf(cst.BaseCompoundStatement)
_IS_DEF, _IS_RETURN = KindOf(cst.FunctionDef), KindOf(cst.Return)
_HOLDS_WORK = KindOf(cst.While, cst.For, cst.With, cst.Try, cst.TryStar)


@dataclass(frozen=True)
class WorkFailures:
    """How a function's failures come out: whether a handler reports (in a work loop), and the calls
    of the handlers that do not (a reporter helper may be among them). What a function with no work
    loop of its own hands its work to is recorded by the summary's walk (summary.py, `drains`)."""

    reports: bool
    in_loop: bool
    callees: Tuple[str, ...]


def report_threshold(resolver: Resolver) -> int:
    """The log level that counts as seen: a warning with the exception reaches the logs that people
    read (unless the configuration asks for more than the default error level)."""
    configured = config_of(resolver).min_level
    return min(configured, WARNING) if configured <= ERROR else configured


def work_failures(function: cst.FunctionDef, resolver: Resolver, depth: int = 0) -> WorkFailures:
    """A `try` at the function's top level, or in a top-level loop, `with` or `try`, whose handler
    reports (or hands the exception back); or a factory's returned nested function that does
    (`def deco(f): def run(): while ...: try: f() except Exception: log...; return run`). A function
    with no failure to lose (`cannot_lose`) counts as reporting: nothing of it reaches stderr."""
    if cannot_lose(function, resolver):
        return WorkFailures(True, False, ())
    threshold = report_threshold(resolver)
    callees: List[str] = []
    reports = in_loop = False
    for node, looped in top_level_tries(function):
        for handler in node.handlers:
            if _handler_reports(handler, function, resolver, threshold):
                reports = True
                in_loop = in_loop or looped
                continue
            bound = handler_name(handler)
            handed = HandedError(handler.body, (bound,) if bound is not None else (), resolver)
            for inner in descendants(handler.body):
                if isinstance(inner, cst.Call):
                    name = call_name(inner, resolver)
                    if name is not None and not name.startswith("builtins."):
                        callees.extend((name, *handed.callees(inner, name)))  # the error itself, to code the tree may lack
    if not in_loop and depth < 3:
        wrapper = _returned_function(function)
        if wrapper is not None:
            inner_failures = work_failures(wrapper, resolver, depth + 1)
            reports, in_loop = reports or inner_failures.reports, inner_failures.in_loop
    return WorkFailures(reports, in_loop, () if reports else tuple(dict.fromkeys(callees)))


def cannot_lose(function: cst.FunctionDef, resolver: Resolver) -> bool:
    """The function (a coroutine, a thread's target) has no exception to lose: it only logs before it
    returns (a feature switched off), or its whole body is one `try` whose handlers raise nothing
    (`try: await ws.receive() except WSServerHandshakeError: pass`; what a catch-all does with the
    error is PRR101's to judge), or its work starts in a `try` that catches every error (below)."""
    statements = flat_statements(function.body)
    if statements and isinstance(statements[0], cst.Expr) and isinstance(statements[0].value, (cst.SimpleString, cst.ConcatenatedString)):
        statements = statements[1:]
    if _work_caught(statements, resolver):
        return True
    if len(statements) == 1 and isinstance(statements[0], cst.Try) and not statements[0].finalbody:
        handlers = statements[0].handlers
        return bool(handlers) and not any(isinstance(node, cst.Raise) for h in handlers for node in descendants(h.body)) \
            and statements[0].orelse is None
    logged = False  # (a body of only `pass` is a stub standing for work, not a switched-off feature)
    for statement in statements:
        if isinstance(statement, cst.Return):
            return True
        if isinstance(statement, cst.Pass):
            continue
        if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call) and log_level(statement.value, resolver) is not None:
            logged = True
            continue
        return False
    return logged


def _work_caught(statements: List[cst.CSTNode], resolver: Resolver) -> bool:
    """The first statement that calls anything (logging aside) is a `try` that does work (a call) and
    whose handler catches every error (`except Exception`, bare `except`) and raises nothing: the work
    fails into that handler, not to stderr, and what follows hands the outcome over or cleans up (`try:
    result = db.checkpoint() except Exception as e: result = str(e)`, then `task.complete(result)`). A
    `try` that only awaits a future (`await reply_future`) guards none of the work that follows it."""
    for statement in statements:
        if isinstance(statement, (cst.Try, cst.TryStar)):
            return any(_IS_CALL[type(node)] for node in descendants(statement.body)) and any(
                any(name in BROAD_EXCEPTIONS for name in caught_names(handler, resolver))
                and not any(_IS_RAISE[type(node)] for node in descendants(handler.body))
                for handler in statement.handlers
            )
        if any(_IS_CALL[type(node)] and log_level(node, resolver) is None for node in chain((statement,), descendants(statement))):
            return False
    return False


def top_level_tries(function: cst.FunctionDef) -> Iterator[Tuple[cst.CSTNode, bool]]:
    """(each `try` at the top level or inside a top-level loop, `with` or `try`; whether a loop holds it),
    and each `try` of a top-level `if` branch that calls nothing outside its `try` statements: they guard all the
    work of that branch (`if prio > -3: url = ...; try: urlopen(url) except Exception: log.warning(...)`)."""
    for statement in flat_statements(function.body):
        statement_type = type(statement)
        if _IS_TRY[statement_type]:
            yield statement, False
        if _HOLDS_WORK[statement_type]:
            yield from _tries_within(statement, _IS_LOOP[statement_type])
        if _IS_IF[statement_type]:
            yield from ((node, False) for node in _guarded_branch_tries(statement))


def _guarded_branch_tries(statement: cst.If) -> Iterator[cst.CSTNode]:
    """The `try` statements of each branch of the `if` (its `elif`s and `else` too) whose other statements
    call nothing."""
    branch: Optional[cst.CSTNode] = statement
    while branch is not None:
        block = branch.body if isinstance(branch, (cst.If, cst.Else)) else None
        if block is not None:
            statements = flat_statements(block)
            tries = [node for node in statements if isinstance(node, (cst.Try, cst.TryStar))]
            if tries and all(isinstance(node, (cst.Try, cst.TryStar)) or not any(
                    isinstance(call, cst.Call) for call in (node, *descendants(node))) for node in statements):
                yield from tries
        branch = branch.orelse if isinstance(branch, cst.If) else None


def _tries_within(node: cst.CSTNode, looped: bool) -> Iterator[Tuple[cst.CSTNode, bool]]:
    """The `try` statements in `node`'s blocks, however deep (statements only: no `try` is ever inside an
    expression, so the walk never enters one; nested definitions run later and are left out)."""
    for suite in statement_blocks(node):
        for statement in flat_statements(suite):
            kind = type(statement)
            if _IS_SCOPE[kind]:
                continue
            if _IS_TRY[kind]:
                yield statement, looped
            if _IS_COMPOUND[kind]:
                yield from _tries_within(statement, looped or _IS_LOOP[kind])


def _handler_reports(handler: cst.CSTNode, function: cst.FunctionDef, resolver: Resolver, threshold: int) -> bool:
    for inner in descendants(handler.body):
        if isinstance(inner, cst.Call) and (
            reports_error(inner, resolver, threshold) or _aliased_log_call(inner, function, resolver, threshold)
        ):
            return True
    return hands_back(handler, function, resolver)


def _aliased_log_call(call: cst.Call, function: cst.FunctionDef, resolver: Resolver, threshold: int) -> bool:
    """`log_func(...)` where the function set `log_func = logger.error` (maybe lowered to `logger.info`
    for a message it expects): a logging method at the report level picked before the call."""
    if not isinstance(call.func, cst.Name):
        return False
    for value in _assigned_values(function, call.func.value):
        if (isinstance(value, cst.Attribute) and LEVELS.get(value.attr.value, 0) >= threshold
                and is_logger(value.value, resolver)):
            return True
    return False


def hands_back(handler: cst.ExceptHandler, function: cst.FunctionDef, resolver: Resolver) -> bool:
    """The handler catches every error and hands it (or its text) to another side: puts it on a queue
    or a future that is not the function's own (`result_queue.put((None, error))`), or stores it in a
    shared object (`self.error = e`, `state["error"] = str(e)` on a dict the handler then passes on,
    such as `cache.set(key, state)`). One that catches only a library's error hands back nothing for
    the others: the waiting side sees no error, an empty success."""
    if handler.name is None or not isinstance(handler.name.name, cst.Name):
        return False
    if not any(name in BROAD_EXCEPTIONS for name in caught_names(handler, resolver)):
        return False
    caught = handler.name.name.value
    local = _local_names(function)
    body = list(descendants(handler.body))
    passed_on = {
        arg_name.value
        for node in body if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute)
        for arg in node.args for arg_name in _names_in(arg.value)
    }
    for node in body:
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in HAND_OFF_METHODS:
            root = _root_name(node.func.value)
            if root is not None and root not in local and any(caught in _name_values(arg.value) for arg in node.args):
                return True
        if isinstance(node, (cst.Assign, cst.AugAssign)) and caught in _name_values(node.value):
            targets = [target.target for target in node.targets] if isinstance(node, cst.Assign) else [node.target]
            for target in targets:
                if isinstance(target, (cst.Subscript, cst.Attribute)):
                    root = _root_name(target.value)
                    if root is not None and (root not in local or root in passed_on):
                        return True
    return False


def only_runs_event_loop(function: cst.FunctionDef, resolver: Resolver) -> bool:
    """The thread only creates an asyncio event loop and runs it forever (maybe in a `try` whose
    `finally` stops it: `if loop.is_running(): loop.stop()`): what its tasks raise goes to the loop's
    exception handler (asyncio logs it), not out of the thread."""
    statements = list(_loop_statements(function.body, resolver))
    return None not in statements and any(
        isinstance(call.func, cst.Attribute) and call.func.attr.value == "run_forever" for call in statements)


def _loop_statements(suite: cst.BaseSuite, resolver: Resolver) -> Iterator[Optional[cst.Call]]:
    """The loop calls of a block that only sets up, runs, tests and stops an event loop; None for any
    other statement."""
    for statement in flat_statements(suite):
        if isinstance(statement, (cst.Global, cst.Nonlocal, cst.Pass)):
            continue
        if isinstance(statement, cst.Try) and not statement.handlers and statement.orelse is None:
            yield from _loop_statements(statement.body, resolver)
            if statement.finalbody is not None:
                yield from _loop_statements(statement.finalbody.body, resolver)
            continue
        if isinstance(statement, cst.If) and statement.orelse is None and isinstance(statement.test, cst.Call):
            yield statement.test if _loop_call(statement.test, resolver) else None
            yield from _loop_statements(statement.body, resolver)
            continue
        value = statement.value if isinstance(statement, (cst.Assign, cst.Expr)) else None
        yield value if isinstance(value, cst.Call) and _loop_call(value, resolver) else None


def _loop_call(call: cst.Call, resolver: Resolver) -> bool:
    """`asyncio.new_event_loop()`, or `loop.run_forever()` / `self._loop.stop()` and the like."""
    func = call.func
    return resolver.qualified_name(func) in _LOOP_SETUP or (
        isinstance(func, cst.Attribute) and func.attr.value in _LOOP_METHODS and isinstance(func.value, (cst.Name, cst.Attribute)))


def unwrap_partial(expr: cst.BaseExpression, resolver: Resolver) -> cst.BaseExpression:
    """The function a `functools.partial(f, ...)` runs, written inline or bound to a name first
    (`run = functools.partial(f, key)`; `executor.submit(run)`); anything else as it is."""
    for _ in range(3):
        value = expr
        if isinstance(value, cst.Name):
            bindings = resolver.lookup(value.value)
            if bindings and bindings[-1].kind == "value" and bindings[-1].value is not None:
                value = bindings[-1].value
        if not (isinstance(value, cst.Call) and value.args and resolver.qualified_name(value.func) == "functools.partial"):
            return expr
        expr = value.args[0].value
    return expr


def call_name(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """The qualified name of what `call` calls; in a function nested in a method, `self.init_engine()`
    is the method of the class whose `self` the closure reads."""
    name = resolver.qualified_name(call.func)
    func = call.func
    if name is None and isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        bindings = resolver.lookup(func.value.value)
        scope = bindings[-1].scope if bindings else None
        if scope is not None and bindings[-1].kind == "param" and scope.self_name == func.value.value and scope.owner_class is not None:
            return f"{scope.owner_class.qualname}.{func.attr.value}"
    return name


def drains(loop: cst.CSTNode) -> bool:
    """The loop only drains an iterator (`for _ in daemon(): pass`): the work is the iterator's."""
    statements = flat_statements(loop.body)
    return all(isinstance(statement, (cst.Pass, cst.Continue)) or (
        isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Ellipsis)) for statement in statements)


def _returned_function(function: cst.FunctionDef) -> Optional[cst.FunctionDef]:
    """The nested function a factory or decorator returns (`return _run`)."""
    nested = {statement.name.value: statement for statement in flat_statements(function.body) if _IS_DEF[type(statement)]}
    for statement in flat_statements(function.body):
        if _IS_RETURN[type(statement)] and isinstance(statement.value, cst.Name):
            return nested.get(statement.value.value)
    return None


def _assigned_values(function: cst.FunctionDef, name: str) -> Iterator[cst.BaseExpression]:
    for node in descendants(function):
        if _IS_ASSIGN[type(node)] and any(isinstance(t.target, cst.Name) and t.target.value == name for t in node.targets):
            yield node.value


def _local_names(function: cst.FunctionDef) -> Set[str]:
    """Names the function itself binds by assignment (its parameters come from the caller: shared)."""
    found: Set[str] = set()
    for node in descendants(function):
        targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else \
            [node.target] if isinstance(node, (cst.AnnAssign, cst.AugAssign)) else []
        for target in targets:
            if isinstance(target, (cst.Name, cst.Tuple, cst.List)):
                found.update(name.value for name in _names_in(target))
    declared = {name.name.value for node in descendants(function) if isinstance(node, (cst.Global, cst.Nonlocal)) for name in node.names}
    return found - declared


def _root_name(expr: cst.BaseExpression) -> Optional[str]:
    while isinstance(expr, (cst.Attribute, cst.Subscript)):
        expr = expr.value
    return expr.value if isinstance(expr, cst.Name) else None


def _names_in(expr: cst.BaseExpression) -> List[cst.Name]:
    """The names an expression reads (not the attribute names of `a.b`)."""
    if isinstance(expr, cst.Name):
        return [expr]
    attributes = {id(node.attr) for node in descendants(expr) if isinstance(node, cst.Attribute)}
    if isinstance(expr, cst.Attribute):
        attributes.add(id(expr.attr))
    return [node for node in descendants(expr) if isinstance(node, cst.Name) and id(node) not in attributes]


def _name_values(expr: cst.BaseExpression) -> Set[str]:
    return {name.value for name in _names_in(expr)}
