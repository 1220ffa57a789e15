"""Per-file marks of the object-dispatch frameworks' handlers that no decorator table can name.

Pecan and CherryPy route a request by walking attributes from a root object to an exposed method
(project/object_dispatch.py decides what serves). Two spellings need the module's own scopes:
- a Pecan generic handler's variant, `@index.when(method="POST")` under `@expose(generic=True) def index`:
  the decorator is an attribute of a method bound earlier in the class body, a name the `def`'s own scope
  cannot see, so it is named here from the class scope (`pkg.Root.index.when`);
- CherryPy's `exposed = True`, which is what `@cherrypy.expose` does: in a class body (the class is exposed:
  its MethodDispatcher verbs serve) or on a function the same scope defines (`index.exposed = True`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

import libcst as cst

if TYPE_CHECKING:
    from prr_lint.resolve import Resolver
    from prr_lint.scopes import Scope

GENERIC_VARIANT = "when"  # Pecan's `expose(generic=True)` gives the exposed function a `when` decorator


def generic_variant(resolver: "Resolver", decorator: cst.Decorator, outer: "Scope") -> Optional[str]:
    """`pkg.Root.index.when` for `@index.when(...)` where `index` is a method of the class being defined; else None."""
    target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
    if outer.kind != "class" or not isinstance(target, cst.Attribute) or target.attr.value != GENERIC_VARIANT \
            or not isinstance(target.value, cst.Name):
        return None
    bindings = resolver.lookup(target.value.value, outer)
    if not bindings or bindings[-1].kind != "def" or bindings[-1].scope is not outer:
        return None
    return f"{outer.qualname}.{target.value.value}.{GENERIC_VARIANT}"


def exposed_object(resolver: "Resolver", node: cst.Assign) -> Optional[str]:
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
                return f"{scope.qualname}.{target.value.value}" if scope.qualname else target.value.value
    return None
