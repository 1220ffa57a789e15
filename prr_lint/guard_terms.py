"""The terms of an `if` test that decide it: what stands under `not`, `and` and `or`.

Switch readers (rules/switched_calls.py, rules/returned_switches.py) ask whether some term of a test reads a
configuration key, a loaded file's item or a helper's value; one walk serves them all. A loop, not recursion:
a generated test may chain thousands of `and`s.
"""

from __future__ import annotations

from typing import Iterator

import libcst as cst


def guard_terms(test: cst.BaseExpression, none_tests: bool = False) -> Iterator[cst.BaseExpression]:
    """Each term of `test` under `not`, `and`, `or`, left to right; with `none_tests`, `X` of `X is None` and
    `X is not None` too (a helper's value tested for its off state)."""
    pending = [test]
    while pending:
        term = pending.pop()
        while isinstance(term, cst.UnaryOperation) and isinstance(term.operator, cst.Not):
            term = term.expression
        if isinstance(term, cst.BooleanOperation):
            pending += [term.right, term.left]
        elif none_tests and _none_test(term):
            pending.append(term.left)
        else:
            yield term


def _none_test(term: cst.BaseExpression) -> bool:
    return isinstance(term, cst.Comparison) and len(term.comparisons) == 1 \
        and isinstance(term.comparisons[0].operator, (cst.Is, cst.IsNot)) \
        and isinstance(term.comparisons[0].comparator, cst.Name) and term.comparisons[0].comparator.value == "None"
