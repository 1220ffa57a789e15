"""A call made only when the switch it is handed is on (PRR506's development servers).

`if reload: uvicorn.run(app, reload=reload) else: server.run()`: the `uvicorn.run` runs only with the
reloader on, whatever the switch is called and wherever its value comes from (`--dev`, a setting), so
it is the development start and the other branch is production's. Known by behaviour: the branch's
test is the very expression handed to the flag keyword (`if args.debug:` with `reload=args.debug`),
alone or as one operand of an `and`, or negated with the call in the `else` branch.
"""

from __future__ import annotations

from typing import Iterable, Optional, Sequence

import libcst as cst

from prr_lint.tree import dotted_name, keyword_value


def taken_only_when_on(call: cst.Call, flags: Iterable[str], ancestors: Sequence[cst.CSTNode]) -> bool:
    """`call` lies in a branch that runs only when the value of one of its `flags` keywords is true."""
    values = [value for value in (keyword_value(call, flag) for flag in flags) if value is not None and not _constant(value)]
    if not values:
        return False
    for position, node in enumerate(ancestors[:-1]):
        if not isinstance(node, cst.If):
            continue
        below = ancestors[position + 1]
        if below is node.body and any(_tests_true(node.test, value) for value in values):
            return True
        if below is node.orelse and any(_negates(node.test, value) for value in values):
            return True
    return False


def _constant(value: cst.BaseExpression) -> bool:
    """`True`, `False` or `None`: no switch a branch can test."""
    return isinstance(value, cst.Name) and value.value in ("True", "False", "None")


def _tests_true(test: cst.BaseExpression, value: cst.BaseExpression) -> bool:
    """`test` is true only when `value` is: `value` itself, or an operand of an `and`."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _tests_true(test.left, value) or _tests_true(test.right, value)
    return _same(test, value)


def _negates(test: cst.BaseExpression, value: cst.BaseExpression) -> bool:
    """`test` is `not value`: its `else` branch runs only when `value` is true."""
    return isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not) and _same(test.expression, value)


def _same(left: cst.BaseExpression, right: cst.BaseExpression) -> bool:
    named: Optional[str] = dotted_name(left)
    return named == dotted_name(right) if named is not None else left.deep_equals(right)
