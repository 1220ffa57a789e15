"""One traversal of a module's tree that drives every enabled rule (batched visitors).

libcst's own visitor machinery rebuilds every node on the way back up, which doubles the cost of
a walk (DESIGN.md §6). This walker reads each node's child fields directly, skips pure formatting
fields (whitespace, parentheses, commas), and dispatches by node type to the `visit_<Node>` and
`leave_<Node>` methods of all rules at once. It keeps the ancestor stack and tells the resolver
which scope it is in, so rules need no parent or scope metadata.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Callable, Dict, Iterator, List, Optional, Sequence, Tuple, Type

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.base import Rule

_FORMATTING_FIELD = re.compile(
    r"whitespace|^(lpar|rpar|leading_lines|lines_after_decorators|header|footer|comma|semicolon|newline|"
    r"equal|colon|dot|lbracket|rbracket|lbrace|rbrace|star|arrow|asynchronous|operator|default_comma)$"
)
# Source order where dataclass field order differs from it and the difference matters to rules.
_FIELD_ORDER: Dict[type, Tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "bases", "keywords", "body"),
}
_SCOPE_NODES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
_child_fields_cache: Dict[type, Tuple[str, ...]] = {}


def _child_fields(node_type: type) -> Tuple[str, ...]:
    fields = _child_fields_cache.get(node_type)
    if fields is None:
        fields = _FIELD_ORDER.get(node_type) or tuple(
            f.name for f in dataclasses.fields(node_type) if not _FORMATTING_FIELD.search(f.name)
        )
        _child_fields_cache[node_type] = fields
    return fields


def children(node: cst.CSTNode) -> List[cst.CSTNode]:
    """The child nodes that carry meaning, in source order."""
    found: List[cst.CSTNode] = []
    for name in _child_fields(type(node)):
        value = getattr(node, name)
        if isinstance(value, cst.CSTNode):
            found.append(value)
        elif isinstance(value, (list, tuple)):
            found.extend(item for item in value if isinstance(item, cst.CSTNode))
    return found


def descendants(node: cst.CSTNode, stop_at: Tuple[type, ...] = _SCOPE_NODES) -> Iterator[cst.CSTNode]:
    """Every meaningful node below `node`, not entering nested definitions (they run later, if ever)."""
    stack = list(reversed(children(node)))
    while stack:
        current = stack.pop()
        yield current
        if not isinstance(current, stop_at):
            stack.extend(reversed(children(current)))


Handler = Callable[[cst.CSTNode], object]


class RuleCrash(Exception):
    """A rule raised; carries the rule so the engine can name it in an internal-error finding."""

    def __init__(self, rule: Rule, error: BaseException) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.rule = rule
        self.error = error


def _dispatch_tables(rules: Sequence[Rule]) -> Tuple[Dict[type, List[Tuple[Rule, Handler]]], Dict[type, List[Tuple[Rule, Handler]]]]:
    visit: Dict[type, List[Tuple[Rule, Handler]]] = {}
    leave: Dict[type, List[Tuple[Rule, Handler]]] = {}
    for rule in rules:
        for attribute in dir(type(rule)):
            if attribute.startswith("visit_"):
                table, node_name = visit, attribute[len("visit_") :]
            elif attribute.startswith("leave_"):
                table, node_name = leave, attribute[len("leave_") :]
            else:
                continue
            node_type = getattr(cst, node_name, None)
            if not (isinstance(node_type, type) and issubclass(node_type, cst.CSTNode)):
                raise TypeError(f"{type(rule).__name__}.{attribute} names no libcst node type")
            table.setdefault(node_type, []).append((rule, getattr(rule, attribute)))
    return visit, leave


def walk(module: cst.Module, rules: Sequence[Rule], resolver: Resolver, ancestors: List[cst.CSTNode]) -> List[RuleCrash]:
    """Visit every meaningful node once, calling all rules; a rule that raises is dropped, not fatal."""
    visit, leave = _dispatch_tables(rules)
    crashes: List[RuleCrash] = []
    dropped: set = set()

    def call(handlers: Optional[List[Tuple[Rule, Handler]]], node: cst.CSTNode) -> None:
        if not handlers:
            return
        for rule, handler in handlers:
            if id(rule) in dropped:
                continue
            try:
                handler(node)
            except Exception as error:  # a broken rule must not stop the run  # noqa: BLE001
                dropped.add(id(rule))
                crashes.append(RuleCrash(rule, error))

    stack: List[Tuple[cst.CSTNode, bool]] = [(module, False)]
    while stack:
        node, leaving = stack.pop()
        node_type: Type[cst.CSTNode] = type(node)
        if leaving:
            call(leave.get(node_type), node)
            ancestors.pop()
            if node_type in (cst.FunctionDef, cst.ClassDef, cst.Lambda):
                resolver.leave()
            continue
        if isinstance(node, _SCOPE_NODES):
            resolver.enter(node)
        call(visit.get(node_type), node)
        ancestors.append(node)
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(children(node)))
    return crashes
