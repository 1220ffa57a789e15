"""How many rounds a retry loop makes at most, when its code says so (PRR504 leaves a loop of two alone).

A counted `for _ in range(n)` / `range(a, b)` with literal bounds, or a `while` loop counting a literal
budget: the counter is set once to a number before the loop, the loop's test compares it with a number
(`while retry > 0`), and the loop changes it once, by one, towards the limit (`retry -= 1` in the
handler) in every round that does not leave it. Two rounds is one retry, as `for _ in range(2)`: the budget is the bound, whatever spelling.
"""

from __future__ import annotations

from typing import Optional, Union

import libcst as cst

import prr_lint.rules.clients as cl
from prr_lint.resolve import Resolver
from prr_lint.rules.retry_loops import in_own_loop, retried_handlers
from prr_lint.tree import descendants, flat_statements

Loop = Union[cst.For, cst.While]
# For each comparison with the counter on the left: the counter's step towards the limit, and the
# rounds it allows from `start` to `limit`.
_COUNTS = {
    cst.GreaterThan: (-1, lambda start, limit: start - limit),
    cst.GreaterThanEqual: (-1, lambda start, limit: start - limit + 1),
    cst.LessThan: (1, lambda start, limit: limit - start),
    cst.LessThanEqual: (1, lambda start, limit: limit - start + 1),
}
# The same comparison with the counter on the right (`while 0 < retry`).
_MIRRORED = {cst.LessThan: cst.GreaterThan, cst.LessThanEqual: cst.GreaterThanEqual,
             cst.GreaterThan: cst.LessThan, cst.GreaterThanEqual: cst.LessThanEqual}


def rounds(loop: Loop, resolver: Resolver, scope: cst.CSTNode) -> Optional[int]:
    """The most rounds `loop` makes (see the module doc), else None; `scope` is the function or module around it."""
    if isinstance(loop, cst.For):
        it = loop.iter
        if not isinstance(it, cst.Call) or resolver.qualified_name(it.func) != "builtins.range":
            return None
        args = cl.positional(it)
        if not args or len(args) > 2 or any(not isinstance(arg.value, cst.Integer) for arg in args):
            return None
        values = [arg.value.evaluated_value for arg in args]  # type: ignore[attr-defined]
        return values[0] if len(values) == 1 else values[1] - values[0]
    return _budget(loop, scope)


def _budget(loop: cst.While, scope: cst.CSTNode) -> Optional[int]:
    test = loop.test
    if not isinstance(test, cst.Comparison) or len(test.comparisons) != 1:
        return None
    target = test.comparisons[0]
    operator, left, right = type(target.operator), test.left, target.comparator
    if isinstance(right, cst.Name) and isinstance(left, cst.Integer) and operator in _MIRRORED:
        operator, left, right = _MIRRORED[operator], right, left
    if not isinstance(left, cst.Name) or not isinstance(right, cst.Integer) or operator not in _COUNTS:
        return None
    counter = left.value
    starts = [node.value for node in descendants(scope) if isinstance(node, cst.Assign)
              and any(isinstance(t.target, cst.Name) and t.target.value == counter for t in node.targets)]
    steps = [node for node in descendants(scope) if isinstance(node, (cst.AugAssign, cst.AnnAssign))
             and isinstance(node.target, cst.Name) and node.target.value == counter]
    if len(starts) != 1 or not isinstance(starts[0], cst.Integer) or len(steps) != 1 or not isinstance(steps[0], cst.AugAssign):
        return None
    step = steps[0]
    if not _every_round(loop, step) or not isinstance(step.value, cst.Integer) or step.value.evaluated_value != 1:
        return None
    direction, count = _COUNTS[operator]
    moves = -1 if isinstance(step.operator, cst.SubtractAssign) else 1 if isinstance(step.operator, cst.AddAssign) else 0
    return count(starts[0].evaluated_value, right.evaluated_value) if moves == direction else None


def _every_round(loop: cst.While, step: cst.AugAssign) -> bool:
    """Every round that does not leave the loop runs `step`: no `continue` skips it, and it is a statement of
    the loop's body, or of the one handler of the body's `try` that goes round again, whose body and `else`
    end by leaving."""
    if any(isinstance(node, cst.Continue) for node in in_own_loop(loop.body)):
        return False
    statements = flat_statements(loop.body)
    if any(statement is step for statement in statements):
        return True
    for statement in statements:
        if isinstance(statement, (cst.Try, cst.TryStar)):
            retried = retried_handlers(statement)
            ends = [flat_statements(statement.body), *([flat_statements(statement.orelse.body)] if statement.orelse else [])]
            if len(retried) == 1 and any(inner is step for inner in flat_statements(retried[0].body)) \
                    and all(block and isinstance(block[-1], (cst.Return, cst.Break, cst.Raise)) for block in ends):
                return True
    return False
