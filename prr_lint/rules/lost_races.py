"""Retries of a database write that lost a race (PRR504's retry loops leave them out).

The database answers that a transaction lost a race with another writer: a constraint conflict,
SQLAlchemy's `StaleDataError`, a serialization failure, a deadlock victim, a lock it could not get,
or a transaction it rolled back under the code (a savepoint that is gone, no active transaction).
Nothing is overloaded or down: the next attempt redoes the work against the new state, at once.

A loop retries only such answers when each handler that goes round again either catches only
their classes (`except StaleDataError:`), or catches something wider (`OperationalError`) and goes
round again only under a test of the caught error that names one (`if "Deadlock found" in str(e):
... continue`, `if e.pgcode == "40P01"`), every other error leaving the loop: the handler ends by
raising (`else: raise`) or falls out of the `try` into a statement that leaves the round (`break`).
A tenacity retry whose condition names only such classes retries only lost races too, and so does one
naming a class this module raises, itself or as a subclass of its own, only in handlers of lost races
(`except IntegrityError as exc: raise CodeTaken() from exc`): the class says the write lost a race.
"""

from __future__ import annotations

from typing import List, Optional, Sequence

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.handlers import caught_names, is_data_conflict
from prr_lint.tree import SCOPE_NODES, descendants, flat_statements, handler_name

# Classes whose error says the transaction lost a race or was rolled back under it (see the module doc).
_RACE_CLASSES = frozenset({
    "StaleDataError", "ConcurrentModificationError", "SerializationFailure", "DeadlockDetected", "TransactionRollback",
    "TransactionRollbackError", "LockNotAvailable", "NoActiveSqlTransaction",
})
# Words of the database's message for those answers (MySQL "Deadlock found", "Lock wait timeout",
# PostgreSQL "could not serialize access", SQLite "database is locked", "no such savepoint").
_RACE_WORDS = ("deadlock", "serializ", "lock wait", "could not obtain lock", "database is locked", "savepoint")
# Their codes: SQLSTATE serialization failure, deadlock, lock not available; MySQL deadlock, lock wait.
_RACE_CODES = frozenset({"40001", "40p01", "55p03", "1213", "1205"})  # as lowered
_LEAVES = (cst.Raise, cst.Return, cst.Break)


def is_write_conflict(name: str) -> bool:
    """The error class says the write lost a race (see the module doc): retrying at once redoes the
    work against the new state; nothing failed."""
    return is_data_conflict(name) or name.rsplit(".", 1)[-1] in _RACE_CLASSES


def retries_races_only(handlers: Sequence[cst.ExceptHandler], after: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """Every handler that goes round again does so only on a lost race (module doc); `after` is the
    loop body's statements that follow the `try`."""
    leaves_after = any(isinstance(statement, _LEAVES) for statement in after)
    return bool(handlers) and all(_races_only(handler, leaves_after, resolver) for handler in handlers)


def _races_only(handler: cst.ExceptHandler, leaves_after: bool, resolver: Resolver) -> bool:
    caught = caught_names(handler, resolver)
    if caught and all(is_write_conflict(name) for name in caught):
        return True
    bound = handler_name(handler)
    if bound is None:
        return False
    body = flat_statements(handler.body)
    return not _unguarded_continue(body, bound) and (leaves_after or _ends(body))


def _unguarded_continue(statements: List[cst.CSTNode], bound: str) -> bool:
    """A `continue` among `statements` that no test of the error `bound` for a lost race guards."""
    for statement in statements:
        if isinstance(statement, cst.Continue):
            return True
        if isinstance(statement, cst.If):
            if not _race_test(statement.test, bound) and _unguarded_continue(flat_statements(statement.body), bound):
                return True
            orelse = statement.orelse
            rest = [orelse] if isinstance(orelse, cst.If) else flat_statements(orelse.body) if orelse is not None else []
            if _unguarded_continue(rest, bound):
                return True
        elif not isinstance(statement, (cst.BaseSmallStatement, *SCOPE_NODES)) and any(
            isinstance(inner, cst.Continue) for inner in descendants(statement, stop_at=(*SCOPE_NODES, cst.For, cst.While))
        ):
            return True  # a `continue` in a `with` or `try` of the handler: not worth following
    return False


def _ends(statements: List[cst.CSTNode]) -> bool:
    """Control never runs past the last of `statements`: it leaves or goes round (`if ...: continue`
    `else: raise`)."""
    last: Optional[cst.CSTNode] = statements[-1] if statements else None
    if isinstance(last, (*_LEAVES, cst.Continue)):
        return True
    if not isinstance(last, cst.If) or last.orelse is None:
        return False
    rest = [last.orelse] if isinstance(last.orelse, cst.If) else flat_statements(last.orelse.body)
    return _ends(flat_statements(last.body)) and _ends(rest)


def _race_test(test: cst.BaseExpression, bound: str) -> bool:
    """A test of the caught error (`bound`) that names a lost race by its message or code."""
    nodes = (test, *descendants(test))
    if not any(isinstance(node, cst.Name) and node.value == bound for node in nodes):
        return False
    for node in nodes:
        if isinstance(node, cst.SimpleString):
            text = node.evaluated_value
            text = text.lower() if isinstance(text, str) else ""
            if text in _RACE_CODES or any(word in text for word in _RACE_WORDS):
                return True
        elif isinstance(node, cst.Integer) and node.value in _RACE_CODES:
            return True
    return False


def names_races_only(named: Sequence[Optional[cst.BaseExpression]], module: cst.Module, resolver: Resolver) -> bool:
    """Every class `named` (tenacity's `retry_if_exception_type(...)`) says a write lost a race (module doc)."""
    names = [resolver.qualified_name(expr) if expr is not None else None for expr in named]
    if not names or None in names:
        return False
    translated = [name for name in names if not is_write_conflict(name)]  # type: ignore[arg-type]
    if not translated:
        return True
    nodes = list(descendants(module, stop_at=()))
    classes = set(translated)
    for node in nodes:  # the module's own subclasses of a named class
        if isinstance(node, cst.ClassDef) and any(resolver.qualified_name(base.value) in classes for base in node.bases):
            classes.add(resolver.qualified_name(node.name) or "")
    in_race_handlers = {id(inner) for node in nodes if isinstance(node, cst.ExceptHandler)
                        and caught_names(node, resolver) and all(is_write_conflict(name) for name in caught_names(node, resolver))
                        for inner in descendants(node.body, stop_at=())}
    raises = [node for node in nodes if isinstance(node, cst.Raise) and node.exc is not None
              and resolver.qualified_name(node.exc.func if isinstance(node.exc, cst.Call) else node.exc) in classes]
    return bool(raises) and all(id(node) in in_race_handlers for node in raises)
