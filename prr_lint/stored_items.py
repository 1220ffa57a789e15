"""The values a module stores under a constant key of a mapping (`request["logger"] = child_logger`,
`self.settings.update({"host": host})`, `.update(host=host)`, `.setdefault("host", host)`), for reading the key back
elsewhere in the module: an aiohttp middleware stores a per-request logger in the request, and the handlers and
other middlewares log through `request["logger"]`; a client reads the host its constructor stored
(`self.settings["host"]`, socket_targets.py). What the module assigns to the mapping as a whole (`self.settings =
load()`) is kept under the key None: it may hold any key."""

from __future__ import annotations

from typing import Dict, List, Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver, Scope
from prr_lint.tree import SCOPE_NODES, descendants, dotted_name

Item = Tuple[str, Optional[str]]  # the mapping as spelled (`request`), the key (None: the whole mapping)
_FILLS = frozenset({"update", "setdefault"})


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
                        whole = dotted_name(target.target)
                        stored = item_of(target.target) or ((whole, None) if whole is not None else None)
                        if stored is not None:
                            stores.setdefault(stored, []).append((current.value, scope))
                elif type(current) is cst.Call:
                    for stored, value in _filled(current):
                        stores.setdefault(stored, []).append((value, scope))
    return stores.get(item, [])


def _filled(call: cst.Call) -> List[Tuple[Item, cst.BaseExpression]]:
    """The items `mapping.update({"k": v})`, `mapping.update(k=v)` or `mapping.setdefault("k", v)` stores."""
    func = call.func
    mapping = dotted_name(func.value) if isinstance(func, cst.Attribute) and func.attr.value in _FILLS else None
    if mapping is None:
        return []
    if func.attr.value == "setdefault":  # type: ignore[union-attr]
        key = call.args[0].value if len(call.args) == 2 and call.args[0].keyword is None else None
        text = key.evaluated_value if isinstance(key, cst.SimpleString) else None
        return [((mapping, text), call.args[1].value)] if isinstance(text, str) else []
    found: List[Tuple[Item, cst.BaseExpression]] = []
    for arg in call.args:
        if arg.keyword is not None:
            found.append(((mapping, arg.keyword.value), arg.value))
        elif isinstance(arg.value, cst.Dict) and not arg.star:
            for element in arg.value.elements:
                key = element.key.evaluated_value if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) else None
                found += [((mapping, key), element.value)] if isinstance(key, str) else [((mapping, None), arg.value)]
        else:
            found.append(((mapping, None), arg.value))  # a mapping of keys not known here
    return found
