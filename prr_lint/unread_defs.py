"""Nested `def`s whose name nothing reads: they never run, so the call graph takes no edge to them.

A function defined inside another runs only when code calls it by its local name or hands the name on
(`return inner`, `Thread(target=inner)`, `@inner` on another `def`): each of these reads the name. The call
graph took every nested definition as run by its parent; true_nth's `logout` view defines
`delete_facebook_authorization` and calls it only in a commented-out line, so its `requests.delete()` never runs.

A nested `def` is unread when no name anywhere in its module spells it (a namesake in another function keeps
it: that errs toward running; so does a `global` statement naming it, which makes it a module global other modules
may import), it has no decorator (one may register it: `@atexit.register`, `@app.route` in a factory), and the
module reads no name that reaches locals by a string (`locals()`, `vars()`, `eval`, `exec`, a frame's `f_locals`).
"""

from __future__ import annotations

from typing import List, Optional, Set, Tuple

import libcst as cst

from prr_lint.model import UNREAD_DEF, FunctionSummary
from prr_lint.scopes import Scope

# Names through which code may reach a function's locals by a string.
_DYNAMIC = frozenset({"locals", "vars", "eval", "exec", "f_locals", "currentframe", "_getframe", "getframeinfo"})


class UnreadDefs:
    """Collected during the summary walk (summary.py): the names the module reads and its nested `def`s."""

    def __init__(self) -> None:
        self._read: Set[str] = set()
        self._nested: List[Tuple[FunctionSummary, str]] = []

    def name(self, node: cst.Name, parent: Optional[cst.CSTNode]) -> None:
        """Every name but a `def`'s or a class's own, which defines rather than reads it."""
        if not (type(parent) in (cst.FunctionDef, cst.ClassDef) and parent.name is node):  # type: ignore[union-attr]
            self._read.add(node.value)

    def definition(self, node: cst.FunctionDef, scope: Scope, function: FunctionSummary) -> None:
        """A `def` whose scope is `scope`: a candidate when it is an undecorated function's local."""
        if not node.decorators and scope.parent is not None and scope.parent.kind == "function":
            self._nested.append((function, node.name.value))

    def record(self) -> None:
        """Tags each nested `def` the module never reads, at the end of the walk."""
        if self._read & _DYNAMIC:
            return
        for function, name in self._nested:
            if name not in self._read and UNREAD_DEF not in function.tags:
                function.tags.append(UNREAD_DEF)
