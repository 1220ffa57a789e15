"""What the running service reaches: the positive evidence PRR401 asks for before it reports output.

A `print` is a problem for the review only where the deployed service runs it: a request handler, a
background task, a consumer, a long-running worker, and what they call. Code beside the service (a
command-line tool, a git hook, a test double, a demo, a build step, code compiled for the browser)
prints to a terminal someone is looking at. Leaving such code out one kind at a time never ends (every
repository has a kind of its own); asking for the service's reach instead is one rule. On the services
judged earlier it kept 13 of 16 true findings and none of 11 false ones, and the 3 it lost were
request handlers registered through a project Blueprint subclass, now seeds here.

The reach is an unbounded search of the call graph (not through `__main__` blocks or one-off modes)
from:
* the serving seeds of scope.py (entry points, start-up code that builds the app, the top level of
  modules serving code imports);
* background tasks (Celery, RQ, Dramatiq ... `ServingModel.batch`): their helpers run in the
  service's workers;
* programs that are the service: a console script or `__main__` call that starts a server or loops
  until the process stops, and every function that loops forever (a consumer's poll loop);
* every function of the modules a program imports by a computed name (`importlib.import_module(
  f"jobs.{name}")`, module_loads.py): the job modules a worker picks from its configuration, the
  provider plug-ins an API loads; a name with no literal start may be any module, and then nothing
  is left out;
* every function of a module imported by a name that resolves to no project module but ends its
  name (`import databaseFunctions` for `lib/databaseFunctions.py`, found through a `PYTHONPATH`
  the deployment sets): the call graph cannot see who calls it;
* the decorated methods of a project subclass of a framework's app or router class (`class
  AuthModule(WebsiteModule)` where `WebsiteModule(flask.Blueprint)` registers its methods marked
  `@route(...)`): the class wires its own handlers.

It is used only in a run over a whole project that has entry points; a run over named files (a
pre-commit hook) sees too little of the call graph, and a project without entry points is left to
the hold-back (no_entry_points.py).
"""

from __future__ import annotations

from typing import Dict, Iterable, Optional, Set

from prr_lint import frameworks as fw
from prr_lint.model import LOOPS_FOREVER
from prr_lint.module_loads import LOADS_MODULES_BY_NAME
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.main_blocks import ImportedView
from prr_lint.project.names import class_ancestors, methods, project_module

_WIRING_CLASSES = frozenset({*fw.APP_CONSTRUCTORS, *fw.ROUTER_PREFIX_KEYWORDS})


def service_reach(analysis: ServingAnalysis, serving_seeds: Iterable[str], one_off) -> Set[str]:
    """Every function the running service reaches (see the module docstring); `serving_seeds` are
    scope.py's serving seeds and the programs that are the service."""
    index = analysis.index
    seeds = set(serving_seeds)
    seeds.update(name for name in analysis.model.batch if name in index.functions)
    seeds.update(name for name, function in index.functions.items() if LOOPS_FOREVER in function.tags)
    seeds.update(_self_wired_handlers(analysis))
    seeds.update(_functions_of(analysis, _imported_by_another_root(analysis)))
    view = ImportedView(analysis.graph, one_off)
    reached = set(breadth_first(view, sorted(seeds), UNBOUNDED))
    loaded = _loaded_by_name(analysis, reached)
    if loaded is None:
        return set(index.functions)
    if loaded - reached:
        reached = set(breadth_first(view, sorted(seeds | loaded), UNBOUNDED))
    return reached


def _loaded_by_name(analysis: ServingAnalysis, reached: Set[str]) -> Optional[Set[str]]:
    """Every function of the project modules that a module the service runs imports by a computed
    name (a command-line tool's loader loads nothing into the service); None when such a name has
    no literal start (any module may be loaded)."""
    index = analysis.index
    running = {module.module for module in map(analysis.module_of, reached) if module is not None}
    prefixes = {tag[len(LOADS_MODULES_BY_NAME):] for name in running if name in index.functions
                for tag in index.functions[name].tags if tag.startswith(LOADS_MODULES_BY_NAME)}
    if "" in prefixes:
        return None
    return _functions_of(analysis, {name for name in index.modules if any(f".{p}" in f".{name}" for p in prefixes)})


def _imported_by_another_root(analysis: ServingAnalysis) -> Set[str]:
    """Project modules some module imports by the end of their name only (a folder the deployment
    puts on the path: `import databaseFunctions` for the module `lib.databaseFunctions`)."""
    index = analysis.index
    by_suffix: Dict[str, Set[str]] = {}
    for name in index.modules:
        parts = name.split(".")
        for start in range(1, len(parts)):
            by_suffix.setdefault(".".join(parts[start:]), set()).add(name)
    found: Set[str] = set()
    for module in index.modules.values():
        for target in module.imports.values():
            if project_module(index, target) is not None:
                continue
            while target:
                found |= by_suffix.get(target, set())
                target = target.rpartition(".")[0]
    return found


def _functions_of(analysis: ServingAnalysis, modules: Set[str]) -> Set[str]:
    if not modules:
        return set()
    return {name for name in analysis.index.functions
            if (module := analysis.module_of(name)) is not None and module.module in modules}


def _self_wired_handlers(analysis: ServingAnalysis) -> Set[str]:
    """Decorated methods of project subclasses of a framework's app or router class."""
    index = analysis.index
    found: Set[str] = set()
    for cls in index.classes:
        if not any(fw.canonical(base) in _WIRING_CLASSES for base in class_ancestors(index, cls)):
            continue
        for method in methods(index, cls):
            function = index.functions.get(method)
            if function is not None and function.decorators:
                found.add(method)
    return found
