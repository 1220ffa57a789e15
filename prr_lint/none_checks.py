"""Callers that raise on an empty result: `self._redis = self._init_redis_client(...)` followed by
`if self._redis is None: raise RuntimeError("Unable to connect to redis database")`, or that report
it at error level there. A retry loop that gives up by returning None (PRR107) hands its failure to
such a caller, which tells the failure from an answer; the project phase (project/vanishing.py)
matches a function's callers to these tags by the called name. A caller whose `if` only writes a message
on the process's output (`if block is None: print("could not reach the oracle. Ignoring."); return`)
gets tags of their own: that tells the failure where the output speaks to the operator (start-up code, a
command: what PRR401 leaves alone), not in the service's own code, where it is no report.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.sinks import reports_error
from prr_lint.stack_output import writes_output
from prr_lint.tree import CallAssignments, KindOf, called_word, descendants, dotted_name

# Function tag prefixes: "raises-on-none:<called name>" on a function that raises (or reports) when
# that call's result is None; "raises-on-falsy:<called name>" when it is falsy (`if not client:`).
RAISES_ON_NONE = "raises-on-none:"
RAISES_ON_FALSY = "raises-on-falsy:"
PRINTS_ON = {RAISES_ON_NONE: "prints-on-none:", RAISES_ON_FALSY: "prints-on-falsy:"}  # the `if` only prints a message
_IS_RAISE, _IS_CALL = KindOf(cst.Raise), KindOf(cst.Call)  # asked of every node of a block (tree.KindOf)
_FALSY = frozenset({"False", "0", "[]", "{}", "()", '""', "''"})


def none_checked_calls(resolver: Resolver, statements: CallAssignments) -> List[str]:
    """Tags for the calls whose result this function keeps in a name or attribute, then tests for
    None or falsiness in an `if` whose body raises or reports at error level (or only prints: PRINTS_ON);
    `statements`: the function's call assignments and `if` statements (tree.call_assignments)."""
    kept: Dict[str, str] = {}
    for target, call in statements.assigned:
        name = dotted_name(target)
        called = called_word(call)
        if name and called:
            kept[name] = called
    found: Set[str] = set()
    for test in statements.tests if kept else ():
        reported = _raises_or_reports(test.body, resolver)
        if not reported and not any(_IS_CALL[type(node)] and writes_output(node, resolver) for node in descendants(test.body)):
            continue
        for prefix, tested in _empty_tests(test.test):
            if tested in kept:
                found.add((prefix if reported else PRINTS_ON[prefix]) + kept[tested])
    return sorted(found)


def _empty_tests(test: cst.BaseExpression) -> List[Tuple[str, str]]:
    """(tag prefix, tested expression) of each test for an empty result in `test` (`x is None`,
    `x == None`, `not x`, any of them joined by `or`)."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
        return [*_empty_tests(test.left), *_empty_tests(test.right)]
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        tested = dotted_name(test.expression)
        return [(RAISES_ON_FALSY, tested)] if tested else []
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        tested = dotted_name(test.left)
        if tested and isinstance(target.operator, (cst.Is, cst.Equal)) and _is_none(target.comparator):
            return [(RAISES_ON_NONE, tested)]
    return []


def _is_none(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


def _raises_or_reports(body: cst.BaseSuite, resolver: Resolver) -> bool:
    for node in descendants(body):
        if _IS_RAISE[type(node)] or (_IS_CALL[type(node)] and reports_error(node, resolver)):
            return True
    return False


def accepted(value: Optional[str]) -> Tuple[str, ...]:
    """The tag prefixes whose test catches a give-up value (its source; None for a bare `return` or the
    end of the function): None by both tests, another empty constant (`[]`, `False`) by `not x` only."""
    if value in (None, "None"):
        return RAISES_ON_NONE, RAISES_ON_FALSY
    return (RAISES_ON_FALSY,) if value in _FALSY else ()
