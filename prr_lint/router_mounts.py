"""Router mounts whose router the code computes: what lets a module loaded by a computed name serve its routes.

A router module (a FastAPI `APIRouter`, a Flask `Blueprint`, an aiohttp `RouteTableDef` ...) registers its
handlers on its own router object, and they serve only once an app mounts that object. An app that imports
its routers mounts them by name (`app.include_router(video_router)`, `app.register_blueprint(views.bp)`);
one that loads its router modules by a computed name or a folder walk mounts what it took out of them
(`app.include_router(module.router)` of a module `import_module` returned, a router from a loop over a
registry, `getattr(module, "bp")`). So each mount call is marked on its function with the key of the router
it mounts, or `?` when the code computes it: project/router_modules.py lets a computed-name loader keep a
router module no module imports only when the project mounts a computed router somewhere, or the router
module mounts one itself (a `setup(app)` hook the loader calls).
"""

from __future__ import annotations

from typing import Callable, Dict, List, Optional, Tuple

import libcst as cst

from prr_lint import router_tables
from prr_lint.module_loads import LOADERS
from prr_lint.resolve import Resolver
from prr_lint.tree import call_argument

# Function mark: a call that mounts a router, with the object key of the router it mounts or COMPUTED.
MOUNTS_ROUTER = "mounts-router:"
COMPUTED = "?"
# The methods that mount a router on an app or another router -> (position, keyword) of the mounted router,
# from router_tables.py's mounts (`include_router`, `register_blueprint`, `add_namespace`, `mount` ...), and
# aiohttp's `add_routes(routes)`.
_MOUNTED: Dict[str, Tuple[int, str]] = {
    **{name.rpartition(".")[2]: (index, keyword) for name, (_, index, keyword, _, _) in router_tables.NAMED_MOUNTS.items()},
    **{suffix[1:]: (0, "blueprint" if how == "replace" else "router") for suffix, (how, _) in router_tables.ROUTER_MOUNTS.items()},
    "add_routes": (0, "routes"),
}
_ATTACHED = "flask_restx.Api.namespace"  # a router made on the API that serves it
_TAKEN_OUT = LOADERS | {"builtins.getattr", "getattr"}  # calls whose result is a module or a value taken out of one
_MAX_DEPTH = 4


def mount_marks(resolver: Resolver, node: cst.Call, called: Optional[str]) -> List[str]:
    """The mark of a call that mounts a router (module docstring): a mount method, a constructor's handler list
    the code computes (Litestar's `route_handlers=[module.router for ...]`), a flask-restx `api.namespace(...)`
    made on the API it serves; none for any other call. `called`: the name the call resolves to."""
    if called == _ATTACHED:
        return [MOUNTS_ROUTER]
    if called in router_tables.ROUTER_HANDLER_LISTS:  # it mounts a router the code computes; its own handlers mount nothing
        keyword, index = router_tables.ROUTER_HANDLER_LISTS[called]
        child = call_argument(node, index, keyword) if keyword else None
        return [MOUNTS_ROUTER + COMPUTED] if child is not None and computed(resolver, child) else []
    child = call_argument(node, *_MOUNTED[node.func.attr.value]) \
        if isinstance(node.func, cst.Attribute) and node.func.attr.value in _MOUNTED else None
    if child is None:
        return []
    if computed(resolver, child):
        return [MOUNTS_ROUTER + COMPUTED]
    return [MOUNTS_ROUTER + ((resolver.qualified_name(child) if isinstance(child, (cst.Name, cst.Attribute)) else None) or "")]


def computed(resolver: Resolver, expr: Optional[cst.BaseExpression], depth: int = 0) -> bool:
    """Whether the code computes the object: a parameter, a loop or `with` target, an item, an attribute of a
    module a loader returned, what `getattr` or a function returns; not an import, a definition or an object
    a class builds."""
    if expr is None or depth > _MAX_DEPTH:
        return True
    if isinstance(expr, (cst.List, cst.Tuple)):
        return any(not isinstance(element, cst.Element) or computed(resolver, element.value, depth + 1) for element in expr.elements)
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    if isinstance(expr, cst.Call):  # a class builds one (`StaticFiles(...)`); a function may return any (`import_string`)
        called = resolver.qualified_name(expr.func) or ""
        return called in _TAKEN_OUT or not called.rpartition(".")[2][:1].isupper()
    if not isinstance(expr, cst.Name):
        return True
    bindings = resolver.lookup(expr.value)
    if not bindings:
        return False  # a builtin or a name a star import binds: an import by name
    binding = bindings[-1]
    if binding.kind in ("import", "def", "class"):
        return False
    if binding.kind in ("alias", "value") and binding.item_of is None:
        return computed(resolver, binding.value, depth + 1)
    return True


def mounts_computed(index, is_test: Callable[[str], bool]) -> bool:
    """Whether a function of a module that is no test (`is_test` of its module's name) mounts a router its code
    computes (`mounts-router:?`): that mount may be any router's (project/router_modules.py, project/switched_handlers.py)."""
    return any(COMPUTED in marks and not is_test(index.module_of(name)) for name, marks in index.tagged(MOUNTS_ROUTER).items())


def mount_call(called: str) -> bool:
    """Whether a call of `called` (a resolved name) is one whose router argument the summary records as a mount,
    or as the blueprint an API attaches to (entry_marks.py's prefix marks)."""
    return called.rpartition(".")[2] in _MOUNTED or called == _ATTACHED or called in router_tables.ROUTER_HANDLER_LISTS \
        or called in router_tables.ROUTER_ATTACH or called in router_tables.ROUTER_ATTACH_METHODS
