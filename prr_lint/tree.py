"""Reading libcst trees cheaply: a node's meaningful children, the nodes below it, a name chain as a string."""

from __future__ import annotations

import dataclasses
import re
from typing import Dict, Iterator, List, Optional, Tuple

import libcst as cst

_FORMATTING_FIELD = re.compile(
    r"whitespace|^(lpar|rpar|leading_lines|lines_after_decorators|header|footer|comma|semicolon|newline|"
    r"equal|colon|dot|lbracket|rbracket|lbrace|rbrace|star|arrow|asynchronous|operator|default_comma)$"
)
# Source order where dataclass field order differs from it and the difference matters to rules.
_FIELD_ORDER: Dict[type, Tuple[str, ...]] = {
    cst.FunctionDef: ("decorators", "name", "params", "returns", "body"),
    cst.ClassDef: ("decorators", "name", "bases", "keywords", "body"),
}
SCOPE_NODES = (cst.FunctionDef, cst.ClassDef, cst.Lambda)
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


def descendants(node: cst.CSTNode, stop_at: Tuple[type, ...] = SCOPE_NODES) -> Iterator[cst.CSTNode]:
    """Every meaningful node below `node`, not entering nested definitions (they run later, if ever)."""
    stack = list(reversed(children(node)))
    while stack:
        current = stack.pop()
        yield current
        if not isinstance(current, stop_at):
            stack.extend(reversed(children(current)))


def dotted_name(expr: cst.BaseExpression) -> Optional[str]:
    """`a.b.c` as a string, or None for anything that is not a plain name chain."""
    parts: List[str] = []
    while isinstance(expr, cst.Attribute):
        parts.append(expr.attr.value)
        expr = expr.value
    if isinstance(expr, cst.Name):
        parts.append(expr.value)
        return ".".join(reversed(parts))
    return None
