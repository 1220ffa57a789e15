"""One traversal of a module's tree that drives every enabled rule (batched visitors).

libcst's own visitor machinery rebuilds every node on the way back up, which doubles the cost of
a walk (DESIGN.md §6). This walker reads each node's child fields directly, skips pure formatting
fields (whitespace, parentheses, commas), and dispatches by node type to the `visit_<Node>` and
`leave_<Node>` methods of all rules at once. It keeps the ancestor stack and tells the resolver
which scope it is in, so rules need no parent or scope metadata.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Callable, Dict, List, Optional, Sequence, Tuple, Type

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import SCOPE_NODES, children

if TYPE_CHECKING:
    from prr_lint.rules.base import Rule

Handler = Callable[[cst.CSTNode], object]
_DEFINITIONS = (cst.FunctionDef, cst.ClassDef)
_SCOPES = frozenset(SCOPE_NODES)


class RuleCrash(Exception):
    """A rule raised; carries the rule so the engine can name it in an internal-error finding."""

    def __init__(self, rule: "Rule", error: BaseException) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.rule = rule
        self.error = error


@lru_cache(maxsize=None)
def visitor_methods(rule_class: type) -> Tuple[Tuple[bool, type, str], ...]:
    """(is a leave method, node type, method name) for each `visit_<Node>`/`leave_<Node>` of a rule
    class; read once per class, not once per file."""
    found = []
    for attribute in dir(rule_class):
        if attribute.startswith(("visit_", "leave_")):
            node_type = getattr(cst, attribute[len("visit_") :], None)
            if not (isinstance(node_type, type) and issubclass(node_type, cst.CSTNode)):
                raise TypeError(f"{rule_class.__name__}.{attribute} names no libcst node type")
            found.append((attribute.startswith("leave_"), node_type, attribute))
    return tuple(found)


def _dispatch_tables(rules: Sequence["Rule"]) -> Tuple[Dict[type, List[Tuple["Rule", Handler]]], Dict[type, List[Tuple["Rule", Handler]]]]:
    visit: Dict[type, List[Tuple["Rule", Handler]]] = {}
    leave: Dict[type, List[Tuple["Rule", Handler]]] = {}
    for rule in rules:
        for is_leave, node_type, attribute in visitor_methods(type(rule)):
            table = leave if is_leave else visit
            table.setdefault(node_type, []).append((rule, getattr(rule, attribute)))
    return visit, leave


def walk(
    module: cst.Module,
    rules: Sequence["Rule"],
    resolver: Resolver,
    ancestors: List[cst.CSTNode],
    on_statement: Optional[Callable[[cst.CSTNode, int], object]] = None,
) -> List[RuleCrash]:
    """Visit every meaningful node once, calling all rules; a rule that raises is dropped, not fatal.
    `on_statement` is told of each statement of the module or of a definition's body, and its depth,
    before its visit (the engine places findings by the statement they were reported in)."""
    visit, leave = _dispatch_tables(rules)
    crashes: List[RuleCrash] = []

    def drop(rule: "Rule", error: Exception) -> None:
        """A crashed rule leaves the dispatch tables (new lists: a loop over the old one goes on)."""
        crashes.append(RuleCrash(rule, error))
        for table in (visit, leave):
            for node_type, handlers in table.items():
                table[node_type] = [entry for entry in handlers if entry[0] is not rule]

    # The stack holds the nodes still to visit and, above each visited node's children, a None:
    # popping it leaves the node, which is then the last of the ancestors. The handler loops are
    # written out here, not in a helper: this loop runs for every node of every file.
    stack: List[Optional[cst.CSTNode]] = [module]
    while stack:
        node = stack.pop()
        if node is None:
            node = ancestors[-1]
            node_type: Type[cst.CSTNode] = type(node)
            handlers = leave.get(node_type)
            if handlers:
                for rule, handler in handlers:
                    try:
                        handler(node)
                    except Exception as error:  # reported as PRR003 by the engine  # noqa: BLE001
                        drop(rule, error)
            ancestors.pop()
            if node_type in _SCOPES:
                resolver.leave()
            continue
        node_type = type(node)
        if node_type in _SCOPES:  # exact types: isinstance against libcst's ABCs costs more
            resolver.enter(node)
        if on_statement is not None and (
            len(ancestors) == 1
            or (len(ancestors) > 2 and type(ancestors[-1]) is cst.IndentedBlock and type(ancestors[-2]) in _DEFINITIONS)
        ):
            on_statement(node, len(ancestors))
        handlers = visit.get(node_type)
        if handlers:
            for rule, handler in handlers:
                try:
                    handler(node)
                except Exception as error:  # reported as PRR003 by the engine  # noqa: BLE001
                    drop(rule, error)
        ancestors.append(node)
        stack.append(None)
        stack.extend(reversed(children(node)))
    return crashes
