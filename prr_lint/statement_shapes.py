"""What a function's or a loop's statements guarantee, read from its tree alone: a loop that runs
until the process stops, a function that always raises or ends in a call, a `raise` in an `if`'s own
branch. The module summary (summary.py) tags functions with these."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.context import is_main_guard
from prr_lint.tree import descendants, statements_within


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


def always_raises(node: cst.FunctionDef) -> bool:
    """The body ends in `raise` and no statement of it returns; not an abstract stub (`raise
    NotImplementedError`), which an override replaces."""
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    last = body[-1] if body else None
    if not (isinstance(last, cst.SimpleStatementLine) and isinstance(last.body[-1], cst.Raise)):
        return False
    raised = last.body[-1].exc
    raised = raised.func if isinstance(raised, cst.Call) else raised
    if isinstance(raised, cst.Name) and raised.value == "NotImplementedError":
        return False
    return not any(isinstance(statement, cst.Return) for statement in statements_within(node))


def ending_call(node: cst.FunctionDef) -> Optional[cst.Call]:
    """The call the function's last statement makes (`return self.fail(msg)`, `abort(msg)`) when no
    other statement returns: the function raises whenever that callee always does."""
    body = node.body.body if isinstance(node.body, cst.IndentedBlock) else ()
    last = body[-1].body[-1] if body and isinstance(body[-1], cst.SimpleStatementLine) else None
    call = last.value if isinstance(last, (cst.Return, cst.Expr)) else None
    if not isinstance(call, cst.Call):
        return None
    returns = [statement for statement in statements_within(node) if isinstance(statement, cst.Return)]
    return call if returns in ([], [last]) else None



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
