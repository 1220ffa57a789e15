"""Statements that never run: what follows an unconditional `return`, `raise`, `continue` or `break`
in the same block (askbot's `_check_gravatar`, whose first line is `return 'n'` above an `urlopen`
left in place), or an `if` whose every branch, `else` included, ends that way. Python never executes
them, so a call there waits on nothing. Only the block's own statements count: a `return` inside a
`try` or a loop may be skipped by an exception or end only the loop, so it ends nothing after it.
"""

from __future__ import annotations

from typing import Sequence

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.development_only import development_only

_ENDS = (cst.Return, cst.Raise, cst.Continue, cst.Break)


def _ends(statement: cst.CSTNode) -> bool:
    """Control never leaves `statement` for the next statement of its block."""
    if isinstance(statement, cst.SimpleStatementLine):
        return any(isinstance(small, _ENDS) for small in statement.body)
    if isinstance(statement, cst.If):
        return statement.orelse is not None and _block_ends(statement.body) and (
            _ends(statement.orelse) if isinstance(statement.orelse, cst.If) else _block_ends(statement.orelse.body))
    return False


def _block_ends(block: cst.BaseSuite) -> bool:
    if isinstance(block, cst.SimpleStatementSuite):
        return any(isinstance(small, _ENDS) for small in block.body)
    return any(_ends(statement) for statement in block.body)


def unreachable(chain: Sequence[cst.CSTNode]) -> bool:
    """The last node of `chain` (its ancestors, outermost first, then itself) follows, in some
    enclosing block, a statement that never lets control reach it."""
    for parent, child in zip(chain, chain[1:]):
        if isinstance(parent, (cst.IndentedBlock, cst.Module, cst.SimpleStatementLine, cst.SimpleStatementSuite)):
            for statement in parent.body:
                if statement is child:
                    break
                if _ends(statement) or isinstance(statement, _ENDS):
                    return True
    return False


def never_runs(chain: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """Unreachable, or run only in development (development_only.py)."""
    return unreachable(chain) or development_only(chain, resolver)
