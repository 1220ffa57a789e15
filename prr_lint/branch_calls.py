"""What else a call may run when the name it goes through is bound in alternative branches.

`if vendor == "lnd": node = LNDNode() else: node = CLNNode()` before `node.pay(invoice)`: the resolver names
the call after one binding (the last of the nearest statement binding `node`: reaching.py), while either
branch's object may be the one called. The summary records the call once more for each other alternative
(summary.py), so the call graph has an edge to each method. Only a call on the name itself or on one attribute
of it (`node()`, `node.pay()`) is spelled again; the alternatives of a module's name read in a function are
what the module ends with (`if LND: Node = LNDNode elif CLN: Node = CLNNode`).
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Binding


def other_callees(resolver: Resolver, func: cst.BaseExpression, named: Optional[str]) -> List[str]:
    """The qualified names a call of `func` runs through the other alternatives of its name (not `named`)."""
    root = func.value if type(func) is cst.Attribute else func
    if type(root) is not cst.Name:
        return []
    bindings = resolver.reaching_all(root)
    found: List[str] = []
    for binding in bindings[:-1] if len(bindings) > 1 else ():
        other = _callee(resolver, binding, func.attr.value if type(func) is cst.Attribute else None)
        if other is not None and other != named and other not in found and not other.startswith("builtins."):
            found.append(other)
    return found


def _callee(resolver: Resolver, binding: Binding, attribute: Optional[str]) -> Optional[str]:
    """What the name called (or its attribute) is under one binding: an object's class's method, else a name's."""
    if attribute is None:
        return resolver.binding_name(binding)
    owner = resolver.binding_type(binding) or resolver.binding_name(binding)
    return f"{owner}.{attribute}" if owner else None
