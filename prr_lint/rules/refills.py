"""Puts that run only while a queue is empty (PRR507): a refill, not a work queue growing with requests.

`if not self.teacher_nodes: self.select_teacher_nodes()`, where `select_teacher_nodes` extends the deque
with the known nodes, refills it when it is drained: it never holds more than one batch, whatever the
callers do. A put counts as such a refill when an `if` that tests the same queue for emptiness (`not q`,
`not len(q)`, `len(q) == 0`, `q.empty()`) holds it, or holds every call of its function in the module.
"""

from __future__ import annotations

from typing import Sequence, Set

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.clients import object_key


def emptiness_guards(node: cst.CSTNode, ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> Set[str]:
    """The queues (clients.object_key) whose emptiness a test around `node` requires: `node` is in the
    body of an `if` testing that the queue is empty."""
    found: Set[str] = set()
    chain = [*ancestors, node]
    for position, ancestor in enumerate(chain[:-1]):
        if isinstance(ancestor, cst.If) and chain[position + 1] is ancestor.body:
            tested = _emptied(ancestor.test, resolver)
            key = object_key(resolver, tested) if tested is not None else None
            if key is not None:
                found.add(key)
    return found


def _emptied(test: cst.BaseExpression, resolver: Resolver) -> "cst.BaseExpression | None":
    """The object a test finds empty: `q` of `not q`, `not len(q)`, `len(q) == 0`, `q.empty()`."""
    if isinstance(test, cst.UnaryOperation) and isinstance(test.operator, cst.Not):
        inner = test.expression
        return _length_of(inner, resolver) or inner
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.comparisons[0].operator, cst.Equal):
        right = test.comparisons[0].comparator
        if isinstance(right, cst.Integer) and right.evaluated_value == 0:
            return _length_of(test.left, resolver)
    if isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute) and test.func.attr.value == "empty" and not test.args:
        return test.func.value
    return None


def _length_of(expr: cst.BaseExpression, resolver: Resolver) -> "cst.BaseExpression | None":
    """`q` of `len(q)`, the builtin (not a project function named `len`)."""
    if isinstance(expr, cst.Call) and len(expr.args) == 1 and resolver.qualified_name(expr.func) == "builtins.len":
        return expr.args[0].value
    return None
