"""What a local name of a function holds at a statement of its body, for rules/param_guards.py.

`headers = {"X-Auth-Token": token}` then `delete_request_json(url, headers=headers)`: the call passes a non-empty
dict as surely as if it were written in place; `method = method.upper()` then `if method == "GET":` tests the
caller's value ignoring case. Only plain `name = value` statements of the function body's own top level count,
the last one before the statement asked about; a name bound in any other way (in a branch or loop, by unpacking,
`for`, `with ... as`, `+=`, `global`, `del`) holds nothing known. A container literal stays known only while
nothing may change whether it is empty: an empty one that anything is put into or called on, a non-empty one
that anything is deleted, popped or cleared from, is not.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.tree import descendants

_SHRINKS = frozenset({"pop", "popitem", "clear", "remove", "discard"})
_FOLDS = frozenset({"upper", "lower", "casefold"})
FOLDED = "folded"  # the value is the parameter's own, case-folded


class LocalValues:
    """The top-level `name = value` statements of one function, and the names bound or changed otherwise."""

    def __init__(self, function: cst.FunctionDef) -> None:
        self.function = function
        self._top: Dict[str, List[Tuple[int, cst.BaseExpression]]] = {}
        self.other: Set[str] = set()
        self.grown: Set[str] = set()
        self.shrunk: Set[str] = set()
        body = function.body.body if isinstance(function.body, cst.IndentedBlock) else ()
        plain: Set[int] = set()
        self._positions = {id(statement): position for position, statement in enumerate(body)}
        for position, statement in enumerate(body):
            single = _plain_assignment(statement)
            if single is not None:
                self._top.setdefault(single[0], []).append((position, single[1]))
                plain.add(id(statement.body[0]))  # type: ignore[attr-defined]
        for node in descendants(function.body):
            self._note(node, plain)

    def _note(self, node: cst.CSTNode, plain: Set[int]) -> None:
        if isinstance(node, cst.Assign) and id(node) not in plain:
            for target in node.targets:
                self._bind(target.target)
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.For, cst.CompFor)):
            self._bind(node.target)
        elif isinstance(node, (cst.AsName, cst.NamedExpr)):
            self._bind(node.name if isinstance(node, cst.AsName) else node.target)
        elif isinstance(node, (cst.Global, cst.Nonlocal)):
            self.other |= {item.name.value for item in node.names}
        elif isinstance(node, cst.Del):
            self._delete(node.target)
        elif isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            self.other.add(node.name.value)
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and isinstance(node.func.value, cst.Name):
            name = node.func.value.value
            (self.shrunk if node.func.attr.value in _SHRINKS else self.grown).add(name)

    def _bind(self, target: cst.CSTNode) -> None:
        """Note the names `target` binds; an item stored into or deleted from a name changes what it holds."""
        if isinstance(target, cst.Name):
            self.other.add(target.value)
        elif isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
            self.grown.add(target.value.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._bind(element.value)
        elif isinstance(target, cst.StarredElement):
            self._bind(target.value)

    def _delete(self, target: cst.CSTNode) -> None:
        """`del name` unbinds it; `del name[key]` may empty it."""
        if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
            self.shrunk.add(target.value.value)
        elif isinstance(target, (cst.Tuple, cst.List)):
            for element in target.elements:
                self._delete(element.value)
        else:
            self._bind(target)

    def statement(self, chain: Sequence[cst.CSTNode]) -> int:
        """The index in the body of the top-level statement `chain` (the function, then what is below it) passes
        through; -1 when it passes through none."""
        if len(chain) < 3 or chain[1] is not self.function.body:
            return -1
        return self._positions.get(id(chain[2]), -1)

    def value(self, name: str, statement: int) -> Optional[cst.BaseExpression]:
        """The value of the last top-level `name = value` before the body's statement at index `statement`;
        None when the name is bound in any other way or not before it."""
        if name in self.other:
            return None
        before = [value for position, value in self._top.get(name, ()) if position < statement]
        return before[-1] if before else None

    def rebound(self, name: str) -> bool:
        """Whether the function binds `name` anywhere."""
        return name in self.other or name in self._top

    def changes(self, name: str, empty: bool) -> bool:
        """Whether something may change whether the container `name` holds is empty."""
        return name in (self.grown | self.shrunk if empty else self.shrunk)

    def folded(self, name: str, statement: int) -> bool:
        """The parameter `name` is only ever rebound by a top-level `name = name.upper()` (or `.lower()`)
        before the statement at index `statement`: a test of it compares the caller's value ignoring case."""
        bindings = self._top.get(name, ())
        return name not in self.other and bool(bindings) and all(position < statement and _folds(value, name)
                                                                 for position, value in bindings)


def _plain_assignment(statement: cst.CSTNode) -> Optional[Tuple[str, cst.BaseExpression]]:
    if not (isinstance(statement, cst.SimpleStatementLine) and len(statement.body) == 1):
        return None
    small = statement.body[0]
    if isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name):
        return small.targets[0].target.value, small.value
    return None


def _folds(value: cst.BaseExpression, name: str) -> bool:
    return (isinstance(value, cst.Call) and not value.args and isinstance(value.func, cst.Attribute)
            and value.func.attr.value in _FOLDS and isinstance(value.func.value, cst.Name) and value.func.value.value == name)
