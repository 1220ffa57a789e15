"""The tests a statement runs under: the one walk that development_only.py (a framework's debug switch)
and config_switches.py (a configuration key every shipped config leaves off) both ask about.

A node runs only when a term holds if it is in the body of an `if` whose `and` terms include it, or
follows, in a function, an early exit taken unless it holds (`if not settings.DEBUG [or ...]: return`, `if
settings.FLAG_X is not True: return`, `if host is None: return`: `host is not None`), or past a name filled in when empty and then required (`if host is None: host = helper();
if host is None: return`: `host or helper() is not None`, the caller's value or the filled one), or is in
the `else` of an `if not X [or not Y]:` whose body only logs (`if not K: log.info("K is off") else: work()`).
"""

from __future__ import annotations

from typing import Iterator, List, Optional, Sequence, Tuple

import libcst as cst


def split(test: cst.BaseExpression, operator: type) -> List[cst.BaseExpression]:
    """The terms of an `and` (`operator=cst.And`) or an `or` (`cst.Or`), or the test itself."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, operator):
        return split(test.left, operator) + split(test.right, operator)
    return [test]


def negated_terms(test: cst.BaseExpression) -> List[cst.BaseExpression]:
    """`X` of each term of `not X [or not Y ...]`, all of which hold when the test does not; else none."""
    terms = split(test, cst.Or)
    if all(isinstance(term, cst.UnaryOperation) and isinstance(term.operator, cst.Not) for term in terms):
        return [term.expression for term in terms]  # type: ignore[attr-defined]
    return []


def _exits(statement: cst.CSTNode) -> bool:
    """`if ...: ...; return|raise` with no `else`."""
    if not isinstance(statement, cst.If) or statement.orelse is not None or not isinstance(statement.body, cst.IndentedBlock):
        return False
    last = statement.body.body[-1] if statement.body.body else None
    return isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], (cst.Return, cst.Raise))


def exit_terms(statement: cst.CSTNode) -> List[cst.BaseExpression]:
    """What must hold past `if not X [or Y is None ...]: return|raise` (no `else`): `X` of each `not X` term,
    `Y is not None` of each `Y is None` term, `"a" in Z` of each `"a" not in Z` term."""
    if not _exits(statement):
        return []
    return [term.expression if isinstance(term, cst.UnaryOperation) else term.left if _untrue(term) else _contained(term) if _absent(term)
            else _not_none(term.left)  # type: ignore[union-attr]
            for term in split(statement.test, cst.Or) if isinstance(term, cst.UnaryOperation) and isinstance(term.operator, cst.Not)
            or _untrue(term) or _absent(term) or _tested_name(term, False) is not None]


def _absent(term: cst.BaseExpression) -> bool:
    """`X not in Z`: past an exit on it (`if "github" not in settings.WAFER_SSO: raise Http404()`), `X in Z` holds."""
    return isinstance(term, cst.Comparison) and len(term.comparisons) == 1 and isinstance(term.comparisons[0].operator, cst.NotIn)


def _contained(term: cst.Comparison) -> cst.Comparison:
    return term.with_changes(comparisons=[term.comparisons[0].with_changes(operator=cst.In())])


def exit_comparisons(chain: Sequence[cst.CSTNode]) -> Iterator[Tuple[cst.Comparison, int]]:
    """Each `Z == "W"` or `Z != "W"` term (a string literal on either side) of an early exit before the last node of
    `chain` in a function (`if X == "No": return`): past it, the term is false. The word switches read them
    (rules/word_switches.py); guarding_terms leaves them out, as no other switch is a word."""
    in_function = False
    for i, (parent, child) in enumerate(zip(chain, chain[1:])):
        in_function = in_function or isinstance(parent, cst.FunctionDef)
        for statement in _preceding(parent, child) if in_function else ():
            terms = split(statement.test, cst.Or) if _exits(statement) else []  # type: ignore[attr-defined]
            yield from ((term, i) for term in terms if isinstance(term, cst.Comparison) and len(term.comparisons) == 1
                        and isinstance(term.comparisons[0].operator, (cst.Equal, cst.NotEqual))
                        and any(isinstance(side, cst.SimpleString) for side in (term.left, term.comparisons[0].comparator)))


def _preceding(parent: cst.CSTNode, child: cst.CSTNode) -> Iterator[cst.BaseStatement]:
    """The statements before `child` in the block `parent` (none when `parent` is no block): what ran before it."""
    for statement in parent.body if isinstance(parent, cst.IndentedBlock) else ():
        if statement is child:
            break
        yield statement


def _untrue(term: cst.BaseExpression) -> bool:
    """`X is not True`, `X != True`, `X is False`, `X == False`: past an exit on it, X holds
    (`if settings.FLAG_X is not True: return Response(status=403)`)."""
    if not isinstance(term, cst.Comparison) or len(term.comparisons) != 1 or not isinstance(term.comparisons[0].comparator, cst.Name):
        return False
    operator, literal = term.comparisons[0].operator, term.comparisons[0].comparator.value
    return isinstance(operator, (cst.IsNot, cst.NotEqual)) and literal == "True" or isinstance(operator, (cst.Is, cst.Equal)) and literal == "False"


def _not_none(value: cst.BaseExpression) -> cst.Comparison:
    return cst.Comparison(value, [cst.ComparisonTarget(cst.IsNot(), cst.Name("None"))])


def _tested_name(test: cst.BaseExpression, truth: bool = True) -> Optional[str]:
    """The name `N` of `N is None` (or, with `truth`, of `not N`): a test that holds while N holds nothing."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.comparisons[0].operator, cst.Is) \
            and isinstance(test.comparisons[0].comparator, cst.Name) and test.comparisons[0].comparator.value == "None":
        return test.left.value if isinstance(test.left, cst.Name) else None
    if truth and isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not) and isinstance(test.expression, cst.Name):
        return test.expression.value
    return None


def _filled_term(statement: cst.CSTNode) -> Optional[cst.BaseExpression]:
    """`N or V` of a name filled in when empty and then required: `if N is None: N = V; ...; if N is None: return`
    (`not N` either time). Past it, N holds what it held before (a caller's argument) or V, whichever is set."""
    name = _tested_name(statement.test) if isinstance(statement, cst.If) and statement.orelse is None \
        and isinstance(statement.body, cst.IndentedBlock) else None
    if name is None or not statement.body.body or not _exits(statement.body.body[-1]) \
            or _tested_name(statement.body.body[-1].test) != name:  # type: ignore[attr-defined]
        return None
    values = [small.value for line in statement.body.body[:-1] if isinstance(line, cst.SimpleStatementLine) for small in line.body
              if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name)
              and small.targets[0].target.value == name]
    if len(values) != 1:
        return None
    given = statement.test.left if isinstance(statement.test, cst.Comparison) else statement.test.expression  # type: ignore[attr-defined]
    value = values[0] if isinstance(statement.body.body[-1].test, cst.UnaryOperation) else _not_none(values[0])  # type: ignore[attr-defined]
    return cst.BooleanOperation(given, cst.Or(), value)


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
            yield from ((term, i) for term in negated_terms(parent.test))
        elif in_function:
            for statement in _preceding(parent, child):
                yield from ((term, i) for term in exit_terms(statement))
                filled = _filled_term(statement)
                yield from [(filled, i)] if filled is not None else []
