"""Handlers and routing hooks of the object-dispatch frameworks, Pecan and CherryPy, beyond their decorators.

Both route a request by walking attributes from a root object to an exposed method: `@pecan.expose` and
`@cherrypy.expose` (frameworks.ENTRY_DECORATORS) mark most handlers. What else serves:
- a Pecan generic handler's variant, `@index.when(method="POST")` under `@expose(generic=True) def index`
  (its decorator named per file, exposed_marks.py): it answers that verb on the same path;
- CherryPy's `exposed = True` (exposed_marks.py): on a function it is `@cherrypy.expose`; on a class (as
  `@cherrypy.expose` on a class) the MethodDispatcher calls its upper-case methods, one per HTTP verb.
And what runs while serving, with no route of its own: the `_lookup`, `_default` and `_route` a Pecan controller
(a RestController, or a class with an exposed method) defines, which Pecan calls to find the next object, and the
`on_route`, `before`, `after` and `on_error` of a Pecan hook, which run on every request.
"""

from __future__ import annotations

from typing import Iterator, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint.exposed_marks import GENERIC_VARIANT
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors, decorator_name, lineage, methods

_DISPATCH_METHODS = ("_lookup", "_default", "_route")
_HOOK_METHODS = ("on_route", "before", "after", "on_error")


def exposed_handlers(index: ProjectIndex) -> Iterator[Tuple[str, str, str]]:
    """(method, framework, how) of each handler the tables of decorators do not name."""
    for name, function in index.functions.items():
        if any(decorator.endswith(f".{GENERIC_VARIANT}") and _generic_of_pecan(index, decorator) for decorator in function.decorators):
            yield name, "pecan", f"@{GENERIC_VARIANT}"
    for module in index.modules.values():
        exposed = [*module.exposed, *(name for name, decorators in module.class_decorators.items()
                                      if any(decorator_name(index, d) == "cherrypy.expose" for d, _ in decorators))]
        for name in exposed:
            if name in index.functions:
                yield name, "cherrypy", "exposed"
            elif name in index.classes:  # MethodDispatcher: `GET`, `POST` ... of an exposed object
                yield from ((method, "cherrypy", "exposed") for method in sorted(methods(index, name))
                            if method.rpartition(".")[2].isupper())


def dispatch_hooks(index: ProjectIndex) -> Set[str]:
    """The routing methods of Pecan controllers and the methods of Pecan hooks: serving code, no routes."""
    controllers = {name.rpartition(".")[0] for name, function in index.functions.items()
                   if function.decorators and _pecan_exposed(index, name)}
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


def _pecan_exposed(index: ProjectIndex, method: str) -> bool:
    return any(fw.ENTRY_DECORATORS.get(decorator_name(index, d)) == "pecan" for d in index.functions[method].decorators)


def _generic_of_pecan(index: ProjectIndex, decorator: str) -> bool:
    """`pkg.Root.index.when` where `pkg.Root.index` is a Pecan-exposed method."""
    owner, _, attribute = decorator.rpartition(".")
    return attribute == GENERIC_VARIANT and owner in index.functions and _pecan_exposed(index, owner)
