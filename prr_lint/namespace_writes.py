"""What may give any name of an object another value (PRR501/505 switches: project/kept_globals.py, class_constants.py,
loaded_fields.py): a `setattr` of a computed name on it (`setattr(config, key, value)`), or a write through the namespace
`vars()` hands out of it (`vars(config).update(loaded)`, `vars(config)[key] = value`, `namespace = vars(config)`), tagged
`sets-attr:*<what it resolves to>` on the function or module that does it (switch_keys.write_marks). A read of that
namespace (`dict(vars(x))`, `vars(x).items()`, `repr(vars(self))`) gives no name a value.
"""

from __future__ import annotations

from typing import List, Sequence

import libcst as cst

from prr_lint.resolve import Resolver

SETS_ATTR, COMPUTED = "sets-attr:", "*"
# Methods of a mapping that change it.
NAMESPACE_WRITES = frozenset({"update", "setdefault", "pop", "popitem", "clear", "__setitem__", "__delitem__"})


def object_owners(target: cst.BaseExpression, resolver: Resolver) -> List[str]:
    """What an object resolves to: `self` or `cls` in a method, its class; else the class of the instance it
    holds and the name it resolves to (a module, a class, a module's global), both when both resolve, so a
    store through either name meets a `setattr` through the other (loaded_fields.py reads a fill's owners too)."""
    scope = resolver.scope
    if isinstance(target, cst.Name) and target.value == scope.self_name and scope.owner_class is not None:
        return [scope.owner_class.qualname]
    found = [resolver.instance_type(target), resolver.qualified_name(target)]
    return [owner for at, owner in enumerate(found) if owner and owner not in found[:at]]


def computed_setattr(target: cst.BaseExpression, resolver: Resolver) -> List[str]:
    """The tags of a `setattr` of a computed name on `target`."""
    return [SETS_ATTR + COMPUTED + owner for owner in object_owners(target, resolver)]


def namespace_writes(written: Sequence[cst.BaseExpression], resolver: Resolver) -> List[str]:
    """The tags of each `vars(x)` among what a statement writes through or binds: the receiver of a changing method, a
    subscript it stores into, the value it binds."""
    return [tag for value in written if _is_vars(value, resolver) for tag in computed_setattr(value.args[0].value, resolver)]  # type: ignore[attr-defined]


def _is_vars(node: cst.BaseExpression, resolver: Resolver) -> bool:
    return isinstance(node, cst.Call) and len(node.args) == 1 and isinstance(node.func, cst.Name) and node.func.value == "vars" \
        and resolver.qualified_name(node.func) == "builtins.vars"
