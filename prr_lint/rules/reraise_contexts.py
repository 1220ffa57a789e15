"""Context managers that re-raise the exception being handled when their block ends: a handler
running its recovery work inside one propagates its error (PRR101, PRR102)."""

from __future__ import annotations

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.handler_context import Handler
from prr_lint.tree import descendants

# oslo.utils: `with excutils.save_and_reraise_exception(): cleanup()` re-raises the saved error on exit.
RERAISING_CONTEXTS = frozenset({"oslo_utils.excutils.save_and_reraise_exception"})


def reraising_context(call: cst.Call, handler: Handler, resolver: Resolver) -> bool:
    """`call` builds a re-raising context in `handler`, not told to keep quiet (`reraise=False`, or
    `ctxt.reraise = False` somewhere in the handler)."""
    if resolver.qualified_name(call.func) not in RERAISING_CONTEXTS:
        return False
    if any(arg.keyword is not None and arg.keyword.value == "reraise" for arg in call.args):
        return False
    return not any(isinstance(node, cst.AssignTarget) and isinstance(node.target, cst.Attribute)
                   and node.target.attr.value == "reraise" for node in descendants(handler.body))
