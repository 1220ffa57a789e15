"""The tests a statement runs under: the one walk that development_only.py (a framework's debug switch)
and config_switches.py (a configuration key every shipped config leaves off) both ask about.

A node runs only when a term holds if it is in the body of an `if` whose `and` terms include it, or
follows, in a function, an early exit taken unless it holds (`if not settings.DEBUG [or ...]: return`), or is in
the `else` of an `if not X [or not Y]:` whose body only logs (`if not K: log.info("K is off") else: work()`).
"""

from __future__ import annotations

from typing import Iterator, List, Sequence, Tuple

import libcst as cst


def split(test: cst.BaseExpression, operator: type) -> List[cst.BaseExpression]:
    """The terms of an `and` (`operator=cst.And`) or an `or` (`cst.Or`), or the test itself."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, operator):
        return split(test.left, operator) + split(test.right, operator)
    return [test]


def _negated(test: cst.BaseExpression) -> List[cst.BaseExpression]:
    """`X` of each term of `not X [or not Y ...]`, all of which hold when the test does not; else none."""
    terms = split(test, cst.Or)
    if all(isinstance(term, cst.UnaryOperation) and isinstance(term.operator, cst.Not) for term in terms):
        return [term.expression for term in terms]  # type: ignore[attr-defined]
    return []


def _exit_terms(statement: cst.CSTNode) -> List[cst.BaseExpression]:
    """`X` of each `not X` term of `if not X [or ...]: return|raise` with no `else`."""
    if not isinstance(statement, cst.If) or statement.orelse is not None or not isinstance(statement.body, cst.IndentedBlock):
        return []
    last = statement.body.body[-1] if statement.body.body else None
    if not (isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], (cst.Return, cst.Raise))):
        return []
    return [term.expression for term in split(statement.test, cst.Or)
            if isinstance(term, cst.UnaryOperation) and isinstance(term.operator, cst.Not)]


# Logging's methods and `print`: a branch made only of their calls says what happened, and does no work.
_LOG_CALLS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "print"})


def _only_logs(orelse: cst.CSTNode) -> bool:
    """An `else` (not an `elif`) whose statements are each a logging call, `print(...)`, `pass`, or a name
    set to `None`/`False` (`else: logger.info("Redis disabled"); client = None`: the feature's off state)."""
    return isinstance(orelse, cst.Else) and _idle(orelse.body)


def _idle(body: cst.BaseSuite) -> bool:
    """A block of only logging calls, `print(...)`, `pass` and names set to `None`/`False`."""
    lines = body.body if isinstance(body, cst.IndentedBlock) else [body]
    smalls = [small for line in lines for small in (line.body if isinstance(line, (cst.SimpleStatementLine, cst.SimpleStatementSuite)) else [line])]
    return all(isinstance(small, cst.Pass) or _resets(small) or isinstance(small, cst.Expr) and isinstance(small.value, cst.Call)
               and _called_name(small.value.func) in _LOG_CALLS for small in smalls)


def _resets(small: cst.CSTNode) -> bool:
    """`name = None`, `self.name: X = False`: a name set to nothing."""
    value = small.value if isinstance(small, (cst.Assign, cst.AnnAssign)) else None
    return isinstance(value, cst.Name) and value.value in ("None", "False")


def _called_name(func: cst.BaseExpression) -> str:
    return func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""


def guarding_terms(chain: Sequence[cst.CSTNode], with_else: bool) -> Iterator[Tuple[cst.BaseExpression, int]]:
    """Each term the last node of `chain` (its ancestors, outermost first, then itself) runs only under,
    with the index in `chain` of the node the term belongs to. `with_else=False` leaves out the body of an
    `if` that has an `else` (and conditional expressions): a choice between two ways, not a switch; an `else`
    that only logs or sets names to `None` (`else: logger.info("X disabled")`) does no work of its own, and
    leaves the `if` a switch."""
    in_function = False
    for i, (parent, child) in enumerate(zip(chain, chain[1:])):
        in_function = in_function or isinstance(parent, cst.FunctionDef)
        if isinstance(parent, (cst.If, cst.IfExp)) and child is parent.body:
            if with_else or (isinstance(parent, cst.If) and (parent.orelse is None or _only_logs(parent.orelse))):
                yield from ((term, i) for term in split(parent.test, cst.And))
        elif isinstance(parent, cst.If) and child is parent.orelse and isinstance(child, cst.Else) and _idle(parent.body):
            # `if not K: log.info("K is off") else: work()`: the `else` is the feature, run only when K is on
            yield from ((term, i) for term in _negated(parent.test))
        elif isinstance(parent, cst.IndentedBlock) and in_function:
            for statement in parent.body:
                if statement is child:
                    break
                yield from ((term, i) for term in _exit_terms(statement))
