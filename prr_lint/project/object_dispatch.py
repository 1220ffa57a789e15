"""Handlers and routing hooks of the object-dispatch frameworks, Pecan and CherryPy, beyond their decorators.

Both route a request by walking attributes from a root object to an exposed method: `@pecan.expose` and
`@cherrypy.expose` (frameworks.ENTRY_DECORATORS) mark most handlers. What else serves:
- a Pecan generic handler's variant, `@index.when(method="POST")` under `@expose(generic=True) def index`:
  it answers that verb on the same path;
- CherryPy's `exposed = True` (exposed_marks.py), in a project that imports CherryPy (elsewhere the word is
  anyone's): on a function it is `@cherrypy.expose`; on a class it is `@cherrypy.expose` on the class, and
  the MethodDispatcher calls the upper-case methods, one per HTTP verb, of it and of every class derived from it.
And what runs while serving, with no route of its own: the `_lookup`, `_default` and `_route` a Pecan controller
(a RestController, or a class with an exposed method) defines, which Pecan calls to find the next object, and the
`on_route`, `before`, `after` and `on_error` of a Pecan hook, which run on every request.
"""

from __future__ import annotations

from typing import AbstractSet, Iterator, Set, Tuple

from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors, lineage, methods

_GENERIC_VARIANT = "when"  # Pecan's `expose(generic=True)` gives the exposed function a `when` decorator
_DISPATCH_METHODS = ("_lookup", "_default", "_route")
_HOOK_METHODS = ("on_route", "before", "after", "on_error")


def exposed_handlers(index: ProjectIndex, pecan: AbstractSet[str], classes: AbstractSet[str]) -> Iterator[Tuple[str, str, str]]:
    """(method, framework, how) of each handler the tables of decorators do not name. `pecan`: the methods
    Pecan's decorators expose; `classes`: the classes `@cherrypy.expose` decorates (both found by
    entrypoints.py, which resolves every decorator once)."""
    for name, function in index.functions.items():
        if any(_generic_of(decorator, pecan) for decorator in function.decorators):
            yield name, "pecan", f"@{_GENERIC_VARIANT}"
    exposed = set(classes)
    for module in index.modules.values() if _imports_cherrypy(index) else ():
        for name in module.exposed:
            if name in index.functions:
                yield name, "cherrypy", "exposed"
            elif name in index.classes:
                exposed.add(name)
    for class_name in sorted(index.classes) if exposed else ():
        bases = lineage(index, class_name)
        if exposed.isdisjoint(bases):
            continue
        # MethodDispatcher: `GET`, `POST` ... where attribute lookup finds them (an inherited verb serves too)
        verbs = {method.rpartition(".")[2] for base in bases for method in methods(index, base)}
        found = (index._method(class_name, verb, set()) for verb in sorted(verbs) if verb.isupper())
        yield from ((method, "cherrypy", "exposed") for method in found if method is not None)


def dispatch_hooks(index: ProjectIndex, pecan: AbstractSet[str]) -> Set[str]:
    """The routing methods of Pecan controllers and the methods of Pecan hooks: serving code, no routes.
    `pecan`: the methods Pecan's decorators expose."""
    controllers = {name.rpartition(".")[0] for name in pecan}
    found: Set[str] = set()
    for class_name in index.classes:
        ancestors = class_ancestors(index, class_name)
        hook = any(base.startswith("pecan.hooks.") for base in ancestors)
        if not hook and not any(base.startswith("pecan.rest.") for base in ancestors) \
                and not any(name in controllers for name in lineage(index, class_name)):
            continue
        own = {method.rpartition(".")[2]: method for name in reversed(lineage(index, class_name)) for method in methods(index, name)}
        found.update(own[name] for name in (_HOOK_METHODS if hook else _DISPATCH_METHODS) if name in own)
    return found


def _generic_of(decorator: str, pecan: AbstractSet[str]) -> bool:
    """`pkg.Root.index.when` where `pkg.Root.index` is a Pecan-exposed method."""
    owner, _, attribute = decorator.rpartition(".")
    return attribute == _GENERIC_VARIANT and owner in pecan


def _imports_cherrypy(index: ProjectIndex) -> bool:
    """Some module imports CherryPy: only then is `exposed = True` CherryPy's (once per index)."""
    return index.derived("imports-cherrypy", lambda: any(
        name == "cherrypy" or name.startswith("cherrypy.") for module in index.modules.values() for name in module.imports.values()))
