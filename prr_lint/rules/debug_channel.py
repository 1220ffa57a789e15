"""The development channel of a message (PRR401): `if settings.DEBUG or settings.TESTING: write it
out, else: deliver it` (`sys.stdout.write(message)` ... `else: mail_admins(subject, message)`). The
test turns on with the framework's debug switch, so the branch is what a developer's or a test
run does; the `else` branch hands the same values to the production channel, and is what runs in
production. Without that `else`, the other alternatives of the `or` may be on in production, and
the output stays reported.
"""

from __future__ import annotations

from typing import Set

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.rules.debug_output import is_debug_switch
from prr_lint.tree import any_step, descendants


def _alternatives(test: cst.BaseExpression) -> list:
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.Or):
        return _alternatives(test.left) + _alternatives(test.right)
    return [test]


def _argument_names(block: cst.CSTNode) -> Set[str]:
    """Names handed to calls of `block` as values."""
    return {
        node.value
        for call in descendants(block) if isinstance(call, cst.Call)
        for arg in call.args
        for node in (arg.value, *descendants(arg.value)) if isinstance(node, cst.Name)
    }


def development_channel(ctx: FileContext, node: cst.CSTNode) -> bool:
    """`node` is in the body of an `if` whose test is an `or` with a debug switch, and whose `else`
    hands the values the body writes out to another call."""
    chain = [*ctx.ancestors, node]

    def holds(at: int) -> bool:
        parent, child = chain[at - 1], chain[at]
        if not (isinstance(parent, cst.If) and child is parent.body and isinstance(parent.orelse, cst.Else)):
            return False
        alternatives = _alternatives(parent.test)
        return len(alternatives) > 1 and any(is_debug_switch(term, ctx.resolver, ctx.module) for term in alternatives) \
            and bool(_argument_names(parent.body) & _argument_names(parent.orelse.body))

    return any_step(chain, ctx.__dict__.setdefault("_debug_channels", {}), holds)
