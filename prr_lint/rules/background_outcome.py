"""PRR106: background work whose outcome is not lost after all. A coroutine or thread whose only work
sits in `try` statements that raise nothing (a keep-alive that stops when the stream closes), a thread
that the function starting it waits for and whose outcome that function checks itself (or whose death
ends the process), and a thread started once per period under an expiring key (a failed run is
started again)."""

from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.handlers import EXITS
from prr_lint.sinks import log_level
from prr_lint.tree import descendants, flat_statements

# Awaited calls that only wait: they raise nothing but cancellation.
_WAITS = frozenset({"asyncio.sleep", "asyncio.wait", "asyncio.tasks.sleep", "asyncio.tasks.wait"})
# A thread's waits: a pause, or a wait on an event that stops it.
_THREAD_WAITS = frozenset({"time.sleep", "threading.Event.wait"})


def guarded_only(function: cst.FunctionDef, resolver: Resolver) -> bool:
    """The coroutine's or thread's work (every call but a wait, a log call or a state test) sits in
    `try` statements whose handlers catch the errors it expects, or everything, and raise nothing
    (`except (StreamClosedError, RuntimeError): return`; what a catch-all does with the error is
    PRR101's to judge); outside them it only waits (`await asyncio.sleep(...)`, `time.sleep(...)`,
    `self._stop.wait(interval)`), tests its own state (`while not self._done.done():`), assigns
    values it needs no call for and returns. Nothing it does can raise out of it."""
    return any(isinstance(node, cst.Try) for node in descendants(function.body)) and _block_guarded(function.body, resolver)


def _block_guarded(suite: cst.BaseSuite, resolver: Resolver) -> bool:
    return all(_statement_guarded(statement, resolver) for statement in flat_statements(suite))


def _statement_guarded(statement: cst.CSTNode, resolver: Resolver) -> bool:
    if isinstance(statement, cst.Try):
        return bool(statement.handlers) and statement.finalbody is None and statement.orelse is None and not any(
            isinstance(node, cst.Raise) for handler in statement.handlers for node in descendants(handler.body))
    if isinstance(statement, cst.While):
        return _tests_state(statement.test) and _block_guarded(statement.body, resolver) and \
            (statement.orelse is None or _block_guarded(statement.orelse.body, resolver))
    if isinstance(statement, cst.If):
        orelse = statement.orelse
        return _tests_state(statement.test) and _block_guarded(statement.body, resolver) and (
            orelse is None or (_statement_guarded(orelse, resolver) if isinstance(orelse, cst.If) else _block_guarded(orelse.body, resolver)))
    if isinstance(statement, (cst.Pass, cst.Break, cst.Continue)):
        return True
    if isinstance(statement, cst.Return):
        return statement.value is None or _call_free(statement.value)
    if isinstance(statement, (cst.Assign, cst.AnnAssign)):
        return statement.value is not None and _call_free(statement.value)
    if isinstance(statement, cst.Expr):
        value = statement.value
        if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
            return True  # a docstring
        if isinstance(value, cst.Await) and isinstance(value.expression, cst.Call):
            return resolver.qualified_name(value.expression.func) in _WAITS
        return isinstance(value, cst.Call) and (log_level(value, resolver) is not None or _thread_wait(value, resolver))
    return False


def _thread_wait(call: cst.Call, resolver: Resolver) -> bool:
    """`time.sleep(...)`, or `wait(...)` on a `threading.Event` (a stop event that ends the loop)."""
    func = call.func
    if resolver.qualified_name(func) in _THREAD_WAITS:
        return True
    return isinstance(func, cst.Attribute) and func.attr.value == "wait" and resolver.instance_type(func.value) == "threading.Event"


def _call_free(expr: cst.BaseExpression) -> bool:
    return not any(isinstance(node, (cst.Call, cst.Await)) for node in (expr, *descendants(expr)))


def _tests_state(test: cst.BaseExpression) -> bool:
    """A condition that reads state: names, attributes and calls without arguments (`future.done()`)."""
    return all(not node.args for node in (test, *descendants(test)) if isinstance(node, cst.Call)) and \
        not any(isinstance(node, cst.Await) for node in (test, *descendants(test)))


def starter_checks_outcome(function: Optional[cst.FunctionDef], thread: cst.Call, resolver: Resolver) -> bool:
    """`t = Thread(target=read_output, ...)`, then at the top level of the same function `t.join()`
    and, after it, an `if` that raises (`if proc.returncode != 0: raise CalledProcessError(...)`):
    the thread is part of its starter's own work, which waits for it and raises on a failed
    outcome itself. A join only in an `except` (on cancellation) or one with nothing checked after
    it (the results the thread filled in returned as they are) observes nothing. Or the starter
    watches the thread's life after starting it: an `if` testing `t.is_alive()` or
    `threading.active_count()` whose body raises or ends the process (`os._exit(...)`), so a thread
    that dies ends its program, whose supervisor sees the exit."""
    if function is None:
        return False
    statements = flat_statements(function.body)
    name = None
    for index, statement in enumerate(statements):
        if name is None:
            if isinstance(statement, cst.Assign) and statement.value is thread and len(statement.targets) == 1 \
                    and isinstance(statement.targets[0].target, cst.Name):
                name = statement.targets[0].target.value
            continue
        if _joins(statement, name):
            return any(isinstance(later, cst.If) and any(isinstance(node, cst.Raise) for node in flat_statements(later.body))
                       for later in statements[index + 1:])
        if any(isinstance(node, cst.If) and _tests_life(node.test, name, resolver) and _ends(node.body, resolver)
               for node in (statement, *descendants(statement))):
            return True
    return False


def _tests_life(test: cst.BaseExpression, name: str, resolver: Resolver) -> bool:
    """The condition asks whether the thread still runs: `t.is_alive()`, `threading.active_count()`."""
    for node in (test, *descendants(test)):
        if isinstance(node, cst.Call):
            func = node.func
            if resolver.qualified_name(func) == "threading.active_count" or (
                    isinstance(func, cst.Attribute) and func.attr.value == "is_alive" and isinstance(func.value, cst.Name)
                    and func.value.value == name):
                return True
    return False


def _ends(body: cst.BaseSuite, resolver: Resolver) -> bool:
    """The block raises or ends the process."""
    return any(isinstance(node, cst.Raise) or (isinstance(node, cst.Call) and resolver.qualified_name(node.func) in EXITS)
               for node in descendants(body))


def _joins(statement: cst.CSTNode, name: str) -> bool:
    if not isinstance(statement, cst.Expr) or not isinstance(statement.value, cst.Call):
        return False
    func = statement.value.func
    return isinstance(func, cst.Attribute) and func.attr.value == "join" and isinstance(func.value, cst.Name) \
        and func.value.value == name


def started_once_per_period(ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """The thread is started under `if cache.add(KEY, True, TIMEOUT):` (or redis `set(KEY, ..., nx=True,
    ex=...)`): a set-if-absent key that expires lets one run start per period, so a run that fails is
    started again when the key expires (housekeeping, a telemetry upload): one period's work is late,
    none is lost for good."""
    for node in ancestors:
        if isinstance(node, cst.If) and any(
                isinstance(call, cst.Call) and _expiring_claim(call, resolver) for call in (node.test, *descendants(node.test))):
            return True
    return False


def _expiring_claim(call: cst.Call, resolver: Resolver) -> bool:
    name = resolver.qualified_name(call.func) or ""
    keywords = {arg.keyword.value for arg in call.args if arg.keyword is not None}
    if name.startswith("django.core.cache.") and name.endswith(".add"):
        return True  # without a timeout, the cache's default one (five minutes unless set otherwise)
    return isinstance(call.func, cst.Attribute) and call.func.attr.value == "set" and "nx" in keywords \
        and bool(keywords & {"ex", "px"})
