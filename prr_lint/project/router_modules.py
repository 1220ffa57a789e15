"""Router modules: a module whose routes hang on a router object of its own serves them only when an app
mounts that router, and an app reaches the object only by importing the module.

A FastAPI `APIRouter`, a Flask, Quart or Sanic `Blueprint`, a flask-smorest `Blueprint`, a flask-restx
`Namespace`, a Litestar `Router` or an aiohttp `RouteTableDef` registers its handlers on itself; an app
serves them once it includes the router (`app.include_router(orders.router)`, `app.register_blueprint(bp)`,
`app.add_routes(routes)`). So, unlike a module of functions another module may call by any means, a
router module nothing imports is not served: its routes are dead, whatever other module happens to hold
its file name's word (a variable `legacy`, a parameter `items`). unloaded_modules.py judges such a module
as any other (no launch file runs it, no computed-name loader or folder walk may load it: plug-in loading
keeps it), but asks of the project's other modules only whether they *load* it:

* a non-test module imports it, by any spelling (`from svc.routers import legacy`, `from .legacy import
  router`, a plain `import svc.routers.legacy`);
* a non-test module of its own package names its word (a relative reference: `__all__ = ["legacy"]` in the
  package's `__init__`, which a star import turns into an import), or a non-test module elsewhere names its
  word and its package's (a dotted path in a string: `import_string("svc.routers.legacy:router")`).

A launch file runs one by its path: its file name (`legacy.py`), or its dotted or slashed path from its package
on (`svc.routers.legacy:router`, `routers/legacy`); the word alone names no router module there, for a
route's URL holds it too (`curl $HOST/api/v1/legacy/items` in a client-generating script). A module of no
package is run by its word (`python -m legacy`), and a program the index does not hold (no `.py` name) names it
by the words of both (its text is not kept).

A computed-name loader or a folder walk that may load a router module keeps it only when what it loads can
be mounted (`mountable`): the project mounts a router its code computes somewhere (`app.include_router(
module.router)` of a module `import_module` returned, a router of a loop over a registry: router_mounts.py),
or the router module mounts one itself (a `setup(app)` hook the loader calls). An app whose every mount
names its router by import (`app.include_router(video_router)`) serves no router a walk imports for its
actors or plug-ins: importing the module runs its top level, and its routes hang on an object no app holds.

A module that builds an app itself, starts a server or has a `__main__` block is no router module here
(unloaded_modules.py keeps it as a program), nor does a forever loop its own routes run make it one
(`serving_modules`: a websocket handler's receive loop, a clean-up task its start-up hook spawns).
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, Set

from prr_lint import frameworks as fw
from prr_lint.router_mounts import MOUNTS_ROUTER, mounts_computed

# The classes of router objects an app mounts (frameworks.py `ROUTER_PREFIX_KEYWORDS` holds their prefixes).
ROUTER_CLASSES = frozenset({
    "fastapi.APIRouter", "fastapi.routing.APIRouter", "flask.Blueprint", "flask.blueprints.Blueprint", "quart.Blueprint",
    "sanic.Blueprint", "flask_smorest.Blueprint", "flask_restx.Namespace", "litestar.Router",
    "aiohttp.web.RouteTableDef", "aiohttp.web_routedef.RouteTableDef",
})


def router_modules(index, candidates: Set[str]) -> Set[str]:
    """The modules among `candidates` that bind a router object at their top level."""
    return {name for name in candidates if any(fw.canonical(kind) in ROUTER_CLASSES for kind in index.modules[name].globals.values())}


def router_loaders(index, routers: Set[str], tests: FrozenSet[str]) -> Dict[str, Set[str]]:
    """router module -> the other non-test modules that load it (module docstring); every parsed module asks, also
    one the index holds only by its file (two programs' `app.main`, each importing its own routers)."""
    found: Dict[str, Set[str]] = {}
    if not routers:
        return found
    for module in index.by_path.values():
        name = module.module
        if name in tests:
            continue
        # every dotted prefix of what it imports: `from svc.routers.legacy import router` loads svc.routers.legacy
        imported = {target[:end] for target in {*module.imports.values(), *module.dotted_imports}
                    for end in [*(at for at, char in enumerate(target) if char == "."), len(target)]}
        for router in routers:
            package, _, stem = router.rpartition(".")
            if router != name and (router in imported or _names(module, stem) and (
                    package in (name, name.rpartition(".")[0]) or not package or _names(module, package.rpartition(".")[2]))):
                found.setdefault(router, set()).add(name)
    return found


def _names(module, word: str) -> bool:
    """The module names the word in code or a name-like string, not only in prose (comments, messages)."""
    return module.words.get(word, 0) > module.prose_words.get(word, 0)


def launched_router(named_by, router: str, file_name: str) -> bool:
    """Whether a launch file or a program the index does not hold runs the router module (module docstring);
    `named_by` is the run's unloaded_files.DeploymentNames."""
    package, _, stem = router.rpartition(".")
    parent = package.rpartition(".")[2]
    if not named_by.known or any(file_name in text for text in named_by.launch):
        return True
    if not parent:
        return stem in named_by.words
    path = re.compile(rf"(?<![\w-]){re.escape(parent)}[./]{re.escape(stem)}(?![\w-])")
    # only the texts that hold the path are searched: a pattern that opens with a lookbehind gets no fast scan from `re`
    spellings = (f"{parent}.{stem}", f"{parent}/{stem}")
    return any(any(each in text for each in spellings) and path.search(text) for text in named_by.launch) \
        or {parent, stem} <= named_by.script_words


def mountable(index, routers: Set[str], tests: FrozenSet[str]) -> Set[str]:
    """The router modules an app may mount once a computed-name loader or a walk loads them (module docstring):
    all when a non-test module mounts a router its code computes, else those that mount a router themselves."""
    if mounts_computed(index, tests.__contains__):
        return set(routers)
    return routers & {index.module_of(name) for name in index.tagged(MOUNTS_ROUTER)}
