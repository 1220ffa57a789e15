"""Code that only a development run executes: the body of an `if` on a framework's debug switch
(Django's `settings.DEBUG`, a Flask or Quart app's `debug`, `app.config["DEBUG"]`, resolved through
imports: rules/debug_output.py), or what follows an early exit taken unless it is on (`if not
settings.DEBUG: return HttpResponseForbidden()`). The frameworks document the switch as off in
production, so an outbound call there (a view that fetches a token from the dev server's own OAuth
endpoint) never waits on a dependency of the deployed service. The `else` branch is what production
runs, and stays. Only the framework switch counts: an opt-in parameter or an environment variable
may well be turned on in production.
"""

from __future__ import annotations

from typing import List, Optional, Sequence

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.debug_output import is_debug_switch


def _split(test: cst.BaseExpression, operator: type) -> List[cst.BaseExpression]:
    """The terms of an `and` (`operator=cst.And`) or an `or` (`cst.Or`), or the test itself."""
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, operator):
        return _split(test.left, operator) + _split(test.right, operator)
    return [test]


def _exits_unless_debug(statement: cst.CSTNode, resolver: Resolver, module: Optional[cst.Module]) -> bool:
    """`if not settings.DEBUG [or ...]: return ...` (or raise), with no `else`: what follows runs
    only when the switch is on."""
    if not isinstance(statement, cst.If) or statement.orelse is not None or not isinstance(statement.body, cst.IndentedBlock):
        return False
    last = statement.body.body[-1] if statement.body.body else None
    if not (isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], (cst.Return, cst.Raise))):
        return False
    return any(isinstance(term, cst.UnaryOperation) and isinstance(term.operator, cst.Not)
               and is_debug_switch(term.expression, resolver, module) for term in _split(statement.test, cst.Or))


def development_only(chain: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """The last node of `chain` (its ancestors, outermost first, then itself) runs only when a
    framework's debug switch is on."""
    module = chain[0] if chain and isinstance(chain[0], cst.Module) else None
    in_function = False
    for parent, child in zip(chain, chain[1:]):
        in_function = in_function or isinstance(parent, cst.FunctionDef)
        if isinstance(parent, (cst.If, cst.IfExp)) and child is parent.body:
            if any(is_debug_switch(term, resolver, module) for term in _split(parent.test, cst.And)):
                return True
        elif isinstance(parent, cst.IndentedBlock) and in_function:
            for statement in parent.body:
                if statement is child:
                    break
                if _exits_unless_debug(statement, resolver, module):
                    return True
    return False
