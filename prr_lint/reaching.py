"""Which of a name's bindings in one scope reach a point of that scope: the bindings of the nearest
preceding statement that binds it, every alternative of it.

A scope's bindings are listed in source order (scopes.py), and the resolver used to answer from the last
one: a `stub` rebound further down a view (`stub = RouterStub(...)` after `stub = LightningStub(...);
stub.GetInfo()`) named the later stub at the earlier call, and a module-level `if LND: Node = LNDNode elif
CLN: Node = CLNNode` was CLNNode alone. Here a scope's statements are laid out once (scopes.py builds the
layout while it collects the bindings: each statement's enclosing statement and block), and a use in a
statement is answered from the nearest statement before it in its own block or an enclosing one that binds
the name: a simple statement gives its binding, a compound one each binding that ends one of its blocks
(`if`/`elif`/`else` branches, `try` body and handlers, `match` cases), recursively. A block of the same
`if` or `match`, or another handler of the same `try`, is an alternative to the use's own and never
reaches it. No data flow beyond that: the nearest binding statement is enough, and a binding further up
that a branch without one lets through is left out. Each search is bounded by the bindings it skips and the
nesting depth; answers for a statement are remembered per name.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from typing import Dict, List, Protocol, Sequence, Tuple, TypeVar

import libcst as cst

from prr_lint.tree import DEFINITIONS, SCOPE_NODES, KindOf, descendants, flat_statements, statement_blocks


class _Placed(Protocol):
    at: int  # the statement that binds, by its place in the Layout (_ROOT: before them all, a parameter)


Binding = TypeVar("Binding", bound=_Placed)  # scopes.Binding, which imports this module
_IS_COMPOUND = KindOf(cst.BaseCompoundStatement)
_STOPS = KindOf(*DEFINITIONS)
_EXCLUSIVE_BLOCKS = KindOf(cst.If, cst.Match)  # every two blocks are alternatives
_IS_TRY = KindOf(cst.Try, cst.TryStar)
_OWN_NODES = (*SCOPE_NODES, cst.BaseSuite)  # a statement's own expressions: not its blocks, not nested scopes
_ROOT = -1


@dataclass
class Layout:
    """A scope's statements in source order (small statements split out of their lines), and for each
    its enclosing statement (_ROOT at the top), which of that statement's blocks holds it, and the last
    statement nested in it."""

    statements: List[cst.CSTNode] = field(default_factory=list)
    parents: List[int] = field(default_factory=list)
    blocks: List[int] = field(default_factory=list)
    ends: List[int] = field(default_factory=list)
    starts: List[int] = field(default_factory=list)  # the first statement of each one's block
    uses: Dict[int, int] = field(default_factory=dict)  # id of a Name node -> its statement (`used_at`)
    _walked: int = _ROOT  # the last statement whose Name nodes `uses` holds
    _ends_of: Dict[Tuple[str, int], list] = field(default_factory=dict)
    _positions: Dict[str, List[int]] = field(default_factory=dict)

    def lay_out(self, node: cst.CSTNode) -> List[cst.CSTNode]:
        """Lays out the statements of a module's, class's or function's body (not entering definitions)."""
        # (enclosing statement, its items, the next item's index, the statement laid out for the item before)
        stack: List[Tuple[int, List[Tuple[int, cst.CSTNode]], int, int]] = [(_ROOT, _items(node), 0, _ROOT)]
        while stack:
            parent, items, at, previous = stack.pop()
            if at == len(items):
                if parent != _ROOT:
                    self.ends[parent] = len(self.statements) - 1
                continue
            here = len(self.statements)
            stack.append((parent, items, at + 1, here))
            block, statement = items[at]
            self.starts.append(self.starts[previous] if at and items[at - 1][0] == block else here)
            self.statements.append(statement)
            self.parents.append(parent)
            self.blocks.append(block)
            self.ends.append(here)
            kind = type(statement)
            if _IS_COMPOUND[kind] and not _STOPS[kind]:
                stack.append((here, _items(statement), 0, _ROOT))
        return self.statements

    def used_at(self, name: cst.Name, last: int) -> int:
        """The statement a Name node of this scope is in, for a name last bound in statement `last`. Past the
        top-level statement that holds `last`, every use reads what that statement ends with: only the statements
        up to its end are walked (once, on from where the last question stopped), and a node past them, or of no
        statement (one a rule built), is answered as one after every statement (len(statements))."""
        top = last
        while top != _ROOT and self.parents[top] != _ROOT:
            top = self.parents[top]
        end = self.ends[top] if top != _ROOT else _ROOT
        while self._walked < end:
            self._walked += 1
            for node in descendants(self.statements[self._walked], _OWN_NODES):
                if type(node) is cst.Name:
                    self.uses[id(node)] = self._walked
        return self.uses.get(id(name), len(self.statements))

    def reaching(self, name: str, bindings: Sequence[Binding], at: int) -> List[Binding]:
        """The bindings (of one name, in this scope, in source order) that reach statement `at`."""
        path: Dict[int, int] = {}  # each statement around `at` -> its block that holds `at`
        current = at if at < len(self.statements) else _ROOT
        while current != _ROOT:
            parent = self.parents[current]
            if parent != _ROOT:
                path[parent] = self.blocks[current]
            current = parent
        positions = self._positions_of(name, bindings)
        below = bisect_left(positions, at)  # bindings[:below] are before `at`
        while below > 0:
            position = positions[below - 1]
            if position == _ROOT or position in path:  # a parameter, or a header around the use (`for x in`)
                return [binding for binding in bindings if binding.at == position]
            top = position
            while self.parents[top] != _ROOT and self.parents[top] not in path:
                top = self.parents[top]
            parent = self.parents[top]
            if parent == _ROOT or not self._alternatives(parent, self.blocks[top], path[parent]):
                return self.ends_of(name, bindings, top)
            # in a branch the use is not in: skip the branch (for an `if` or `match`, every branch before)
            skip_to = parent + 1 if _EXCLUSIVE_BLOCKS[type(self.statements[parent])] else self.starts[top]
            below = bisect_left(positions, skip_to, 0, below)
        return []

    def ends_of(self, name: str, bindings: Sequence[Binding], top: int) -> List[Binding]:
        """The bindings that statement `top` (_ROOT: the whole scope) leaves the name with: its own, or
        the last binding statement of each of its blocks', recursively."""
        key = (name, top)
        found = self._ends_of.get(key)
        if found is not None:
            return found
        positions = self._positions_of(name, bindings)
        start, end = (0, len(positions)) if top == _ROOT else \
            (bisect_left(positions, top), bisect_left(positions, self.ends[top] + 1))
        found = [binding for binding in bindings[start:end] if binding.at == top]
        last: Dict[int, int] = {}  # block of `top` -> the last statement in it that holds a binding
        for binding in bindings[start:end]:
            child = binding.at
            if child == top:
                continue
            while self.parents[child] != top:
                child = self.parents[child]
            last[self.blocks[child]] = child
        for child in last.values():
            found.extend(self.ends_of(name, bindings, child))
        self._ends_of[key] = found
        return found

    def _positions_of(self, name: str, bindings: Sequence[Binding]) -> List[int]:
        found = self._positions.get(name)
        if found is None:
            found = self._positions[name] = [binding.at for binding in bindings]
        return found

    def _alternatives(self, parent: int, one: int, other: int) -> bool:
        """Whether two blocks of statement `parent` never both run: branches of an `if` or cases of a
        `match`; two handlers of a `try`, or a handler and its `else`."""
        if one == other:
            return False
        statement = self.statements[parent]
        if _EXCLUSIVE_BLOCKS[type(statement)]:
            return True
        if _IS_TRY[type(statement)]:
            handlers = len(statement.handlers)
            after = handlers + (1 if statement.orelse is not None else 0)
            return 1 <= one <= after and 1 <= other <= after and (one <= handlers or other <= handlers)
        return False


def _items(node: cst.CSTNode) -> List[Tuple[int, cst.CSTNode]]:
    """(block index, statement) for the statements directly in `node`'s blocks, in source order."""
    return [(block, statement) for block, suite in enumerate(statement_blocks(node)) for statement in flat_statements(suite)]
