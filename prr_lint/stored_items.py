"""The values a module stores under a constant key of a mapping (`request["logger"] = child_logger`),
for reading the key back elsewhere in the module: an aiohttp middleware stores a per-request logger
in the request, and the handlers and other middlewares log through `request["logger"]`."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver, Scope
from prr_lint.tree import SCOPE_NODES, descendants, dotted_name

Item = Tuple[str, str]  # the mapping as spelled (`request`), the key


def item_of(expr: cst.BaseExpression) -> Optional[Item]:
    """`request["logger"]`: the mapping's dotted spelling and the constant string key, or None."""
    if type(expr) is not cst.Subscript or len(expr.slice) != 1:
        return None
    index = expr.slice[0].slice
    if not isinstance(index, cst.Index) or not isinstance(index.value, cst.SimpleString):
        return None
    mapping, key = dotted_name(expr.value), index.value.evaluated_value
    return (mapping, key) if mapping is not None and isinstance(key, str) else None


def stored_values(resolver: Resolver, item: Item) -> List[Tuple[cst.BaseExpression, Scope]]:
    """Every value the module assigns to `item`, with the scope the assignment runs in. The module
    is walked once, on the first question (few modules read a logger out of a mapping)."""
    stores: Optional[Dict[Item, List[Tuple[cst.BaseExpression, Scope]]]] = resolver.stored_items
    if stores is None:
        stores = resolver.stored_items = {}
        pending: List[Tuple[cst.CSTNode, Scope]] = [(resolver.module, resolver.module_scope)]
        while pending:
            node, scope = pending.pop()
            for current in descendants(node):
                if isinstance(current, SCOPE_NODES):
                    pending.append((current, resolver.scope_for(current, scope)))
                elif type(current) is cst.Assign:
                    for target in current.targets:
                        stored = item_of(target.target)
                        if stored is not None:
                            stores.setdefault(stored, []).append((current.value, scope))
    return stores.get(item, [])
