"""What a function's or a loop's statements guarantee, read from its tree alone: a loop that runs
until the process stops, a block that always leaves, a `raise` in an `if`'s own branch. The module
summary (summary.py) tags functions with these; a function that never returns is rules/never_returning.py's."""

from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

from prr_lint.context import is_main_guard
from prr_lint.tree import descendants, flat_statements, statements_within


def loops_forever(node: cst.While) -> bool:
    """`while True:` (or `while 1:`) with no `break` or `return` of its own: it runs until the process
    stops. A `break` of an inner loop leaves only that loop. A loop that reads the terminal each turn
    (`line = input(prompt)`) is an interactive console a person quits with Ctrl+C, not a service's loop."""
    test = node.test
    if not ((isinstance(test, cst.Name) and test.value == "True") or (isinstance(test, cst.Integer) and test.value == "1")):
        return False
    return not any(
        isinstance(statement, (cst.Break, cst.Return))
        for statement in statements_within(node, stop_at=(cst.FunctionDef, cst.ClassDef, cst.For, cst.While))
    ) and not _reads_terminal(node)


class _TerminalReads(cst.CSTVisitor):
    """Finds an `input(...)` call outside nested functions and classes."""

    def __init__(self) -> None:
        self.found = False

    def visit_Call(self, node: cst.Call) -> Optional[bool]:
        self.found = self.found or (isinstance(node.func, cst.Name) and node.func.value == "input")
        return not self.found

    def visit_FunctionDef(self, node: cst.FunctionDef) -> Optional[bool]:
        return False

    def visit_ClassDef(self, node: cst.ClassDef) -> Optional[bool]:
        return False


def _reads_terminal(node: cst.While) -> bool:
    reads = _TerminalReads()
    node.body.visit(reads)
    return reads.found


def ends_first_round(loop: cst.CSTNode) -> bool:
    """Every path through the loop's body leaves the loop (`return`, `raise`, `break`) and none
    reaches a `continue`: the body runs once, whatever happened in it, so the loop repeats nothing
    (`while True: try: ... except WatchError: pass` followed by `return False` in the loop)."""
    body = getattr(loop, "body", None)
    if not isinstance(body, cst.BaseSuite):
        return False
    own = descendants(body, stop_at=(cst.FunctionDef, cst.ClassDef, cst.Lambda, cst.For, cst.While))
    return not any(isinstance(node, cst.Continue) for node in own) and block_leaves(body)


def block_leaves(suite: cst.BaseSuite) -> bool:
    """Run in order, the block's statements always leave it: a `return`, `raise` or `break`, or an `if`/`try` all of
    whose ways do (`if name in METRICS: return`'s body)."""
    return _block_leaves(flat_statements(suite))


def _block_leaves(statements: Sequence[cst.CSTNode]) -> bool:
    """One of the statements, run in order, always leaves."""
    return any(_leaves(statement) for statement in statements)


def _leaves(statement: cst.CSTNode) -> bool:
    if isinstance(statement, (cst.Return, cst.Raise, cst.Break)):
        return True
    if isinstance(statement, cst.If):
        return _block_leaves(flat_statements(statement.body)) and _branch_leaves(statement.orelse)
    if isinstance(statement, (cst.Try, cst.TryStar)):
        if statement.finalbody is not None and _block_leaves(flat_statements(statement.finalbody.body)):
            return True
        normal = [*flat_statements(statement.body), *(flat_statements(statement.orelse.body) if statement.orelse else ())]
        return _block_leaves(normal) and all(_block_leaves(flat_statements(h.body)) for h in statement.handlers)
    # a nested loop may not run, and its `break` leaves only itself; a `with` may suppress the error
    return False


def _branch_leaves(orelse: Optional[cst.CSTNode]) -> bool:
    if isinstance(orelse, cst.If):
        return _leaves(orelse)
    return isinstance(orelse, cst.Else) and _block_leaves(flat_statements(orelse.body))


def in_branch(node: cst.If, statement: cst.Raise) -> bool:
    """`statement` is a statement of the `if`'s own body or `else` (the check raises it), not one
    nested deeper in a loop, a `with` or a `try`."""
    blocks = [node.body]
    if isinstance(node.orelse, cst.Else):
        blocks.append(node.orelse.body)
    return any(
        isinstance(line, cst.SimpleStatementLine) and any(small is statement for small in line.body)
        for block in blocks for line in getattr(block, "body", ())
    )


def top_level_work(module: cst.Module) -> bool:
    """The module's top level loops or calls something outside its `__main__` block (TOP_LEVEL_WORK)."""
    for statement in module.body:
        if isinstance(statement, (cst.For, cst.While)):
            return True
        if isinstance(statement, (cst.If, cst.Try, cst.With)) and not (isinstance(statement, cst.If) and is_main_guard(statement.test)):
            if any(isinstance(n, (cst.For, cst.While)) or (isinstance(n, cst.Expr) and isinstance(n.value, cst.Call))
                   for n in descendants(statement)):
                return True
        if isinstance(statement, cst.SimpleStatementLine) and any(
            isinstance(small, cst.Expr) and isinstance(small.value, cst.Call) for small in statement.body
        ):
            return True
    return False
