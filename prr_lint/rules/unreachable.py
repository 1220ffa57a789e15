"""Statements that never run: what follows an unconditional `return`, `raise`, `continue` or `break`
in the same block (askbot's `_check_gravatar`, whose first line is `return 'n'` above an `urlopen`
left in place), or an `if` whose every branch, `else` included, ends that way. Python never executes
them, so a call there waits on nothing, and calls nothing: the module summary (summary.py) records no call
from there, so a helper only such code calls is called by nothing (YYeTsBot's `ban_new_ip`, switched off
by a bare `return` above the `get_old_ips` it would call). Only the block's own statements count: a `return` inside a
`try` or a loop may be skipped by an exception or end only the loop, so it ends nothing after it.
A call of a function that never returns ends its block too (rules/never_returning.py: `sys.exit(1)`, `abort(410)`,
a helper whose body always raises), given the module's resolver.
"""

from __future__ import annotations

from typing import FrozenSet, List, Optional, Sequence

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.development_only import development_only
from prr_lint.rules.never_returning import NeverReturning, never_returning
from prr_lint.tree import statement_blocks

_ENDS = (cst.Return, cst.Raise, cst.Continue, cst.Break)
_BLOCKS = (cst.IndentedBlock, cst.Module, cst.SimpleStatementLine, cst.SimpleStatementSuite)


def _ends(statement: cst.CSTNode) -> bool:
    """Control never leaves `statement` for the next statement of its block."""
    if isinstance(statement, cst.SimpleStatementLine):
        return any(isinstance(small, _ENDS) for small in statement.body)
    while isinstance(statement, cst.If):  # a loop, not recursion: generated code chains thousands of `elif`s
        if statement.orelse is None or not _block_ends(statement.body):
            return False
        if not isinstance(statement.orelse, cst.If):
            return _block_ends(statement.orelse.body)
        statement = statement.orelse
    return False


def _block_ends(block: cst.BaseSuite) -> bool:
    if isinstance(block, cst.SimpleStatementSuite):
        return any(isinstance(small, _ENDS) for small in block.body)
    return any(_ends(statement) for statement in block.body)


def unreachable(chain: Sequence[cst.CSTNode], resolver: Optional[Resolver] = None) -> bool:
    """The last node of `chain` (its ancestors, outermost first, then itself) follows, in some
    enclosing block, a statement that never lets control reach it."""
    ending = never_returning(resolver) if resolver is not None else None
    return any(isinstance(parent, _BLOCKS) and id(child) in _after_end(parent, ending) for parent, child in zip(chain, chain[1:]))


class UnreachableNodes:
    """The statements of a module that never run, found once by a walk of its statements only (not of
    expressions): the module summary asks of every call whether one of them holds it, which costs nothing
    in the many files that have none."""

    def __init__(self, resolver: Optional[Resolver] = None) -> None:
        self._ids: Optional[FrozenSet[int]] = None
        self._resolver = resolver
        self.statements: List[cst.CSTNode] = []  # each statement after a block's end (not those nested in it)

    def holds(self, ancestors: Sequence[cst.CSTNode]) -> bool:
        """Whether a statement that never runs is among `ancestors` (the walker's, the module first)."""
        if not ancestors:
            return False
        if self._ids is None:
            self.find(ancestors[0])  # type: ignore[arg-type]
        return bool(self._ids) and any(id(node) in self._ids for node in ancestors)  # type: ignore[operator]

    def find(self, module: cst.Module) -> "UnreachableNodes":
        if self._ids is None:
            pending: List[cst.CSTNode] = [module]
            ending = never_returning(self._resolver) if self._resolver is not None else None
            while pending:
                block = pending.pop()
                after = _after_end(block, ending)
                for statement in block.body:  # type: ignore[attr-defined]
                    if id(statement) in after:
                        self.statements.append(statement)
                    elif isinstance(statement, cst.SimpleStatementLine):  # `return; cleanup()` on one line
                        ended = _after_end(statement, ending)
                        self.statements.extend(small for small in statement.body if id(small) in ended)
                    elif isinstance(statement, cst.BaseCompoundStatement):
                        pending.extend(statement_blocks(statement))
            self._ids = frozenset(map(id, self.statements))
        return self


def _after_end(block: cst.CSTNode, ending: Optional[NeverReturning] = None) -> FrozenSet[int]:
    """The ids of the statements of `block` that follow one never letting control reach the next."""
    body = block.body  # type: ignore[attr-defined]
    for position, statement in enumerate(body):
        if _ends(statement) or isinstance(statement, _ENDS) or (ending is not None and ending.ends(statement)):
            return frozenset(map(id, body[position + 1:]))
    return frozenset()


def never_run_code(module: cst.Module, nodes: Optional[UnreachableNodes] = None) -> str:
    """The source of the statements that follow a block's end, for the word counts (word_counts.py): a name
    there calls nothing, as in a commented-out line."""
    return "\n".join(module.code_for_node(statement) for statement in (nodes or UnreachableNodes()).find(module).statements)


def never_runs(chain: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """Unreachable, or run only in development (development_only.py)."""
    return unreachable(chain, resolver) or development_only(chain, resolver)
