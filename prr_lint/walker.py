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
    dropped: set = set()

    def call(handlers: Optional[List[Tuple["Rule", Handler]]], node: cst.CSTNode) -> None:
        if not handlers:
            return
        for rule, handler in handlers:
            if id(rule) in dropped:
                continue
            try:
                handler(node)
            except Exception as error:  # reported as PRR003 by the engine  # noqa: BLE001
                dropped.add(id(rule))
                crashes.append(RuleCrash(rule, error))

    stack: List[Tuple[cst.CSTNode, bool]] = [(module, False)]
    while stack:
        node, leaving = stack.pop()
        node_type: Type[cst.CSTNode] = type(node)
        if leaving:
            call(leave.get(node_type), node)
            ancestors.pop()
            if node_type in SCOPE_NODES:
                resolver.leave()
            continue
        if node_type in SCOPE_NODES:  # exact types: isinstance against libcst's ABCs costs more
            resolver.enter(node)
        if on_statement is not None and (
            len(ancestors) == 1
            or (len(ancestors) > 2 and type(ancestors[-1]) is cst.IndentedBlock and type(ancestors[-2]) in _DEFINITIONS)
        ):
            on_statement(node, len(ancestors))
        call(visit.get(node_type), node)
        ancestors.append(node)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(children(node)))
    return crashes
