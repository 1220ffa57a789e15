"""Statements that never run: what follows an unconditional `return`, `raise`, `continue` or `break`
in the same block (askbot's `_check_gravatar`, whose first line is `return 'n'` above an `urlopen`
left in place), or an `if` whose every branch, `else` included, ends that way. Python never executes
them, so a call there waits on nothing, and calls nothing: the module summary (summary.py) records no call
from there, so a helper only such code calls is called by nothing (YYeTsBot's `ban_new_ip`, switched off
by a bare `return` above the `get_old_ips` it would call). Only the block's own statements count: a `return` inside a
`try` or a loop may be skipped by an exception or end only the loop, so it ends nothing after it.
The branch of an `if` whose test the code decides never runs either (rules/decided_branches.py: `if False:`, a
local flag bound once to a literal, a lower-case comparison of a framework request's `method`).
A call of a function that never returns ends its block too (rules/never_returning.py: `sys.exit(1)`, `abort(410)`,
a helper whose body always raises), given the module's resolver.
"""

from __future__ import annotations

from typing import FrozenSet, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.decided_branches import DecidedTests
from prr_lint.rules.development_only import development_only
from prr_lint.rules.never_returning import NeverReturning, never_returning
from prr_lint.tree import DEFINITIONS, KindOf, statement_blocks

_ENDS = (cst.Return, cst.Raise, cst.Continue, cst.Break)
# asked of every statement of every block: by exact type (tree.KindOf), not ABC isinstance
_IS_END, _IS_LINE, _IS_IF = KindOf(*_ENDS), KindOf(cst.SimpleStatementLine), KindOf(cst.If)
_BLOCKS = (cst.IndentedBlock, cst.Module, cst.SimpleStatementLine, cst.SimpleStatementSuite)


def _ends(statement: cst.CSTNode) -> bool:
    """Control never leaves `statement` for the next statement of its block."""
    if _IS_LINE[type(statement)]:
        return any(_IS_END[type(small)] for small in statement.body)
    while _IS_IF[type(statement)]:  # a loop, not recursion: generated code chains thousands of `elif`s
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
    enclosing block, a statement that never lets control reach it, or (with the module's `resolver`) lies
    in a branch of an `if` whose test is decided against it."""
    decided = DecidedTests(resolver) if resolver is not None else None
    ending = never_returning(resolver) if resolver is not None else None
    for position, (parent, child) in enumerate(zip(chain, chain[1:])):
        if isinstance(parent, _BLOCKS) and id(child) in _after_end(parent, ending):
            return True
        if decided is not None and isinstance(parent, cst.If) \
                and decided.dead_branch(parent, child, [node for node in chain[:position] if isinstance(node, DEFINITIONS)]):
            return True
    return False


class UnreachableNodes:
    """The statements of a module that never run, found once by a walk of its statements only (not of
    expressions): the module summary asks of every call whether one of them holds it, which costs nothing
    in the many files that have none."""

    def __init__(self, resolver: Optional[Resolver] = None) -> None:
        self._ids: Optional[FrozenSet[int]] = None
        self._decided = DecidedTests(resolver) if resolver is not None else None
        self._resolver = resolver
        # each statement after a block's end, and each block of a branch never taken (not those nested in them)
        self.statements: List[cst.CSTNode] = []

    def holds(self, ancestors: Sequence[cst.CSTNode]) -> bool:
        """Whether a statement that never runs is among `ancestors` (the walker's, the module first)."""
        if not ancestors:
            return False
        if self._ids is None:
            self.find(ancestors[0])  # type: ignore[arg-type]
        return bool(self._ids) and any(id(node) in self._ids for node in ancestors)  # type: ignore[operator]

    def find(self, module: cst.Module) -> "UnreachableNodes":
        if self._ids is None:
            # each block with the definitions around it, outermost first
            pending: List[Tuple[cst.CSTNode, Tuple[cst.CSTNode, ...]]] = [(module, ())]
            ending = never_returning(self._resolver) if self._resolver is not None else None
            while pending:
                block, enclosing = pending.pop()
                after = _after_end(block, ending)
                for statement in block.body:  # type: ignore[attr-defined]
                    if id(statement) in after:
                        self.statements.append(statement)
                    elif isinstance(statement, cst.SimpleStatementLine):  # `return; cleanup()` on one line
                        ended = _after_end(statement, ending)
                        self.statements.extend(small for small in statement.body if id(small) in ended)
                    elif isinstance(statement, cst.If) and self._decided is not None:
                        pending.extend((live, enclosing) for live in self._live_blocks(statement, enclosing))
                    elif isinstance(statement, cst.BaseCompoundStatement):
                        inner = (*enclosing, statement) if isinstance(statement, DEFINITIONS) else enclosing
                        pending.extend((found, inner) for found in statement_blocks(statement))
            self._ids = frozenset(map(id, self.statements))
        return self

    def _live_blocks(self, statement: cst.If, enclosing: Tuple[cst.CSTNode, ...]) -> List[cst.CSTNode]:
        """The blocks of an `if`/`elif`/`else` chain a run may take; those it never takes join `statements`."""
        live: List[cst.CSTNode] = []
        branch: Optional[cst.CSTNode] = statement
        while isinstance(branch, cst.If):  # a loop, not recursion: generated code chains thousands of `elif`s
            taken = self._decided.outcome(branch.test, enclosing)  # type: ignore[union-attr]
            (self.statements if taken is False else live).append(branch.body)
            if taken is True:
                if branch.orelse is not None:
                    self.statements.append(branch.orelse)
                return live
            branch = branch.orelse
        if isinstance(branch, cst.Else):
            live.append(branch.body)
        return live


def _after_end(block: cst.CSTNode, ending: Optional[NeverReturning] = None) -> FrozenSet[int]:
    """The ids of the statements of `block` that follow one never letting control reach the next."""
    body = block.body  # type: ignore[attr-defined]
    for position, statement in enumerate(body):
        if _ends(statement) or _IS_END[type(statement)] or (ending is not None and ending.ends(statement)):
            return frozenset(map(id, body[position + 1:]))
    return frozenset()


def never_run_code(module: cst.Module, nodes: Optional[UnreachableNodes] = None) -> str:
    """The source of the statements that follow a block's end, for the word counts (word_counts.py): a name
    there calls nothing, as in a commented-out line."""
    return "\n".join(module.code_for_node(statement) for statement in (nodes or UnreachableNodes()).find(module).statements)


def never_runs(chain: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """Unreachable, or run only in development (development_only.py)."""
    return unreachable(chain, resolver) or development_only(chain, resolver)
