"""The one binding a read of a function's local name gets when a plain line of the def's own body rebinds it last
(`url = API_PREFIX + url`): that line always runs before the read, so the parameter's value (a caller's path) never
reaches it. socket_targets.py judges a host by it alone, where every binding would otherwise have to be loopback.

Only where the resolver's bindings tell the whole story: the read is in the def itself (a closure may run before the
line), and nothing the bindings do not list rebinds the name (a walrus, a nested def's `nonlocal`)."""

from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Binding, Scope
from prr_lint.tree import descendants


def reaching_bindings(name: cst.Name, resolver: Resolver, scope: Optional[Scope]) -> Tuple[List[Binding], bool]:
    """The name's bindings, or only the last (True) when it is a plain line of the def's own body (in no block) that
    reaches this read, the read is in that def, and no walrus or `nonlocal` rebinds the name there."""
    scope = scope or resolver.scope
    bindings = resolver.lookup(name.value, scope) or []
    last = bindings[-1] if len(bindings) > 1 and bindings[-1].kind == "value" and bindings[-1].line >= 0 else None
    if last is None or last.scope is not scope or resolver.reaching_all(name, scope) != [last] or rebound_unlisted(scope, name.value):
        return bindings, False
    return [last], True


def rebound_unlisted(scope: Scope, name: str) -> bool:
    """A walrus in the def, or a `nonlocal` in a def nested in it, rebinds `name`: bindings the scope does not list
    (rules/drf_library.py asks it too)."""
    layout = scope.layout
    return any(isinstance(node, cst.NamedExpr) and isinstance(node.target, cst.Name) and node.target.value == name
               or isinstance(node, cst.Nonlocal) and any(each.name.value == name for each in node.names)
               for statement, parent in zip(layout.statements, layout.parents) if parent < 0
               for node in descendants(statement, ()))
