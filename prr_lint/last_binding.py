"""The one binding a read of a function's local name gets when a plain line of the def's own body rebinds it last
(`url = API_PREFIX + url`): that line always runs before the read, so the parameter's value (a caller's path) never
reaches it. socket_targets.py judges a host by it alone, where every binding would otherwise have to be loopback.

Only where the resolver's bindings tell the whole story: the read is in the def itself (a closure may run before the
line), and nothing the bindings do not list rebinds the name (a walrus, a nested def's `nonlocal`). Nor do they list
what changes the items of the object a name holds (`items_changed`): a parameter never rebound still holds the
caller's object, but not what the caller put in it."""

from __future__ import annotations

from itertools import chain
from typing import FrozenSet, Iterator, List, NamedTuple, Optional, Set, Tuple

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
    return name in _writes(scope).unlisted


# Methods of the built-in containers that put items in or take them out (`d.update(x)`, `items.pop()`, `s -= t`'s
# `__isub__`): a container the caller passed empty or not may no longer be so, nor equal to what it passed.
_CHANGES_ITEMS = frozenset({
    "append", "extend", "insert", "update", "setdefault", "pop", "popitem", "clear", "remove", "add", "discard",
    "difference_update", "intersection_update", "symmetric_difference_update", "__setitem__", "__delitem__",
    "__iadd__", "__imul__", "__ior__", "__iand__", "__isub__", "__ixor__"})


def items_changed(scope: Scope, name: str) -> bool:
    """The def (a def nested in it too: a closure shares the object) may put items in the object `name` holds or take
    them out: an item or slice target (`opts["k"] = v`, `items[:] = []`, `items[0:0] += [1]`, `for opts[k] in ...`,
    `with ... as opts[k]`), `del opts[k]`, a statement the scope marks as emptying it (scopes.py `emptied`), or a
    changing method of it, called or only looked up (`opts.update(x)`, `add = seen.add`). A truth test or a comparison
    with an empty container then no longer tests the caller's value. Passing the object to other code is not seen."""
    return name in scope.emptied or name in _writes(scope).items


class _Writes(NamedTuple):
    unlisted: FrozenSet[str]  # names a walrus or a nested def's `nonlocal` rebinds
    items: FrozenSet[str]  # names whose items an item target, `del` or a changing method may change


def _writes(scope: Scope) -> _Writes:
    """What the def's statements (nested defs included) write that its bindings do not list, read in one walk and kept
    on the scope: asked once per guard or switch, a walk per question took 20 s on a view of 4,000 lines."""
    if scope.writes is None:
        unlisted: Set[str] = set()
        items: Set[str] = set()
        layout = scope.layout
        for statement, parent in zip(layout.statements, layout.parents):
            if parent >= 0:
                continue
            for node in chain((statement,), descendants(statement, ())):
                if isinstance(node, cst.NamedExpr) and isinstance(node.target, cst.Name):
                    unlisted.add(node.target.value)
                elif isinstance(node, cst.Nonlocal):
                    unlisted.update(each.name.value for each in node.names)
                elif isinstance(node, cst.Attribute) and node.attr.value in _CHANGES_ITEMS and isinstance(node.value, cst.Name):
                    items.add(node.value.value)
                items.update(target.value.value for target in _targets(node)
                             if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name))
        scope.writes = _Writes(frozenset(unlisted), frozenset(items))
    return scope.writes


def _targets(node: cst.CSTNode) -> Iterator[cst.BaseExpression]:
    """The targets a node stores to or deletes, unpacked (`a, opts[k] = ...`)."""
    if isinstance(node, (cst.AssignTarget, cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor, cst.Del)):
        found: List[cst.BaseExpression] = [node.target]
    elif isinstance(node, cst.WithItem) and node.asname is not None:
        found = [node.asname.name]  # type: ignore[list-item]
    else:
        return
    while found:
        target = found.pop()
        if isinstance(target, (cst.Tuple, cst.List)):
            found += [element.value for element in target.elements]
        elif isinstance(target, cst.StarredElement):
            found.append(target.value)
        else:
            yield target
