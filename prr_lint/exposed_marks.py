"""Per-file marks of CherryPy's `exposed = True`, which no decorator table can name.

CherryPy routes a request by walking attributes from a root object to an exposed method
(project/object_dispatch.py decides what serves, and only in a project that imports CherryPy).
`exposed = True` is what `@cherrypy.expose` does: in a class body (the class is exposed: its
MethodDispatcher verbs serve) or on a function the same scope defines (`index.exposed = True`).
Which binding the name is needs the module's own scopes, so it is marked here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

if TYPE_CHECKING:
    from prr_lint.model import ModuleSummary
    from prr_lint.resolve import Resolver


def record_assign(summary: "ModuleSummary", resolver: "Resolver", node: cst.Assign) -> None:
    """Add to `summary.exposed` what the assignment exposes, if anything."""
    exposed = _exposed_object(resolver, node)
    if exposed is not None:
        summary.exposed.append(exposed)


def _exposed_object(resolver: "Resolver", node: cst.Assign) -> Optional[str]:
    """The class (`exposed = True` in its body) or function (`index.exposed = True`, the function defined in
    the same scope) an assignment exposes; None for any other assignment."""
    if not (isinstance(node.value, cst.Name) and node.value.value == "True"):
        return None
    scope = resolver.scope
    for target in (t.target for t in node.targets):
        if isinstance(target, cst.Name) and target.value == "exposed" and scope.kind == "class":
            return scope.qualname
        if isinstance(target, cst.Attribute) and target.attr.value == "exposed" and isinstance(target.value, cst.Name):
            bindings = resolver.lookup(target.value.value)
            if bindings and bindings[-1].kind == "def" and bindings[-1].scope is scope:
                return f"{scope.qualname}.{target.value.value}"
    return None
