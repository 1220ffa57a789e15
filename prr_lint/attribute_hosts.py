"""What the project stores in an object's attribute, as a host (module tags read by PRR501's project phase).

A service often keeps its configuration on an object of its own class: `Config.readConfig` loads a YAML file and
`_read_pycsw` sets `self.csw_service_url = conf.get("csw_service_url", self.csw_service_url)`, `__init__` having set it
to `None`; a client in another module reads `self._conf.csw_service_url`, its object given by a base class. The
client's module cannot tell the object's class, so the call names the attribute (socket_targets.loopback_through: a
qualified name that is no module's constant), and the project phase judges it by every value the project stores in an
attribute of that name (project/constant_targets.py): each assignment `X.<attr> = value` (on `self` in a method, on
any other object anywhere) and each class body's `<attr> = value` is tagged with what its value is
loopback through (a configuration key, a loaded file's item by its key path), as a blank (`None`, `""`: no address
yet), or as another value.
"""

from __future__ import annotations

from typing import List, Optional, Tuple, Union

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.socket_targets import loopback_through
from prr_lint.switch_keys import is_false

# module tag: `<owner>.<attribute>=<kind>`, the owner a class (`?` for an object the code does not type), the kind
# the names the value is loopback through joined by `,`, or one of these
SETS_ATTRIBUTE = "sets-attribute:"
BLANK_VALUE, OTHER_VALUE = "-", "!"
UNTYPED = "?"


def attribute_marks(node: Union[cst.Assign, cst.AnnAssign], resolver: Resolver) -> List[str]:
    """The `SETS_ATTRIBUTE` tag of an assignment to one attribute (or to a name in a class body); [] for any other."""
    if node.value is None:
        return []
    target = node.target if isinstance(node, cst.AnnAssign) else node.targets[0].target if len(node.targets) == 1 else None
    found = _owner(target, resolver) if target is not None else None
    if found is None:
        return []
    owner, attribute = found
    if is_false(node.value):
        kind = BLANK_VALUE
    else:
        through = loopback_through(node.value, resolver, resolver.scope)
        kind = OTHER_VALUE if through is None else ",".join(through)
    return [f"{SETS_ATTRIBUTE}{owner}.{attribute}={kind}"]


def _owner(target: cst.BaseExpression, resolver: Resolver) -> Optional[Tuple[str, str]]:
    """(the class, the attribute) an assignment's target sets: `self.x` in a method, `x` in a class body; `?` for an
    attribute of another object (a module's own names at its top level are its constants, socket_targets.target_marks)."""
    scope = resolver.scope
    if scope.kind == "class" and isinstance(target, cst.Name):
        return scope.qualname, target.value
    if not isinstance(target, cst.Attribute):
        return None
    receiver = target.value
    if isinstance(receiver, cst.Name) and receiver.value == scope.self_name and scope.owner_class is not None:
        return scope.owner_class.qualname, target.attr.value
    return UNTYPED, target.attr.value


def attribute_values(tags: List[str]) -> List[Tuple[str, str, str]]:
    """(owner, attribute, kind) of each `SETS_ATTRIBUTE` tag."""
    found = []
    for tag in tags:
        if tag.startswith(SETS_ATTRIBUTE):
            target, _, kind = tag[len(SETS_ATTRIBUTE):].partition("=")
            owner, _, attribute = target.rpartition(".")
            found.append((owner, attribute, kind))
    return found
