"""What the running service reaches: the positive evidence PRR401 asks for before it reports.

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
  service's workers; not command-line commands (a Django management command, a click command):
  a helper only they call prints for whoever typed the command;
* the hooks a framework runs at start-up for every project subclass (Django's `AppConfig.ready()`),
  and the functions a `@receiver(signal)` connects in a module the service imports;
* the overriding methods of the project classes reached code instantiates (`registry.register(
  ExportJobType())`): whoever holds the instance calls them through the base's interface;
* programs that are the service: a console script or `__main__` call that starts a server or loops
  until the process stops, and every function that loops forever (a consumer's poll loop);
* every function of the modules a program imports by a computed name (`importlib.import_module(
  f"jobs.{name}")`, module_loads.py): the job modules a worker picks from its configuration, the
  provider plug-ins an API loads; with no literal start, a literal end names the modules that end
  so (`plugin + ".config.settings.settings"`), a Django setting the project's settings assign a
  dotted path (`import_string(settings.STORAGE)`) names that path's module, a walk over a plug-in
  folder the modules its guard admits (module_walks.py); a name with none of these (a loop over
  `settings.PLUGINS.split(",")`) loads a module only a name can load: one nothing but tests
  imports (also by the end of its name) that is no program or command module (name_loads.py),
  not the whole project (a client SDK the server never imports, an operator's script beside the
  loader, a vendored tool's stage its `__main__` imports);
* every function of a module that a module the service runs imports by a name that resolves to no
  project module but ends its name (`import databaseFunctions` for `lib/databaseFunctions.py`,
  found through a `PYTHONPATH` the deployment sets): the call graph cannot see who calls it; a
  tool's own sibling import (`from handler import ChangelogHandler` in a changelog script) is not,
  nor a name that does not occur in the module (`from litellm import AuthenticationError`), nor
  one a module ending so imports itself (`import litellm` in `providers/litellm.py`, a wrapper named
  after the library it wraps): that name is the library's;
* the decorated methods of a project subclass of a framework's app or router class (`class
  AuthModule(WebsiteModule)` where `WebsiteModule(flask.Blueprint)` registers its methods marked
  `@route(...)`): the class wires its own handlers.
* what a framework invokes without a call the graph sees (framework_entries.py): the callables a
  settings module's dotted paths name (middleware, auth backends, storages, health checks), the
  settings module itself (one that assigns `INSTALLED_APPS`), a
  connexion specification's `operationId` handlers, registered template tags; and, as the reach
  grows, the methods of the framework subclasses that code it runs imports or builds (a form, an auth
  backend, a Wagtail block, a Celery `Task`), the top level of the modules it runs and of what they
  import, and the functions an unmodelled framework object's decorator registers there. Measured for
  PRR501 on set G, the reach keeps 122 of its 137 true findings (the call graph alone, 99): too few for
  PRR501 to ask for it, so PRR501 keeps its scope rules (scope.py).

It is used only in a run over a whole project that has entry points; a run over named files (a
pre-commit hook) sees too little of the call graph, and a project without entry points is left to
the hold-back (no_entry_points.py).
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Iterable, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint import router_tables
from prr_lint.model import LOOPS_FOREVER
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.cli_programs import COMMAND_KINDS
from prr_lint.project.framework_entries import fixed_entries, reached_entries
from prr_lint.project.main_blocks import ImportedView
from prr_lint.project.name_loads import loaded_by_name, only_by_name
from prr_lint.project.names import class_ancestors, lineage, methods, project_module
from prr_lint.project.support import test_modules

_SIGNAL_RECEIVERS = frozenset({"django.dispatch.receiver", "django.dispatch.dispatcher.receiver"})
_STARTUP_HOOKS = {"django.apps.AppConfig": ("ready",), "django.apps.config.AppConfig": ("ready",)}
_WIRING_CLASSES = frozenset({*fw.APP_CONSTRUCTORS, *router_tables.ROUTER_PREFIX_KEYWORDS})


def service_reach(analysis: ServingAnalysis, serving_seeds: Iterable[str], one_off) -> Set[str]:
    """Every function the running service reaches (see the module docstring); `serving_seeds` are
    scope.py's serving seeds and the programs that are the service."""
    index = analysis.index
    seeds = set(serving_seeds)
    commands = command_roots(analysis)
    seeds.update(name for name in analysis.model.batch if name in index.functions and name not in commands)
    seeds.update(name for name, function in index.functions.items() if LOOPS_FOREVER in function.tags)
    seeds.update(_self_wired_handlers(analysis) | _startup_hooks(analysis) | fixed_entries(analysis))
    view = ImportedView(analysis.graph, one_off)
    importers, always = _suffix_importers(analysis)
    tests = test_modules(index)
    nameless = only_by_name(analysis, frozenset({index.module_of(root) for root in commands}
                                                | {name for name, by in importers.items() if not by <= tests}))
    reached: Set[str] = set()
    while True:  # until what the reach loads by name and the classes it builds add nothing
        reached = set(breadth_first(view, sorted(seeds), UNBOUNDED))
        running = {module.module for module in map(analysis.module_of, reached) if module is not None}
        loaded = _functions_of(analysis, loaded_by_name(analysis, running, nameless))
        by_another_root = always | {name for name, by in importers.items() if by & running}
        more = (loaded | _built_methods(analysis, reached) | _receivers(analysis, running)
                | _functions_of(analysis, by_another_root) | reached_entries(analysis, reached, running, commands)) - seeds
        if not more - reached:
            return reached
        seeds |= more


def _built_methods(analysis: ServingAnalysis, reached: Set[str]) -> Set[str]:
    """The overriding methods (and those they override, and special methods) of the project classes
    reached code instantiates: whoever holds the instance calls them through the base class's
    interface (`registry.register(ExportJobType())`, whose `before_delete` a task runs through
    `registry.get(kind).before_delete(job)`), a call the graph cannot follow to its receiver."""
    index = analysis.index
    found: Set[str] = set()
    built: Set[str] = set()
    for name in reached:
        for call in index.functions[name].calls if name in index.functions else ():
            cls = index.canonical(call)
            if cls is not None and cls in index.classes and cls not in built:
                built.add(cls)
                owners = lineage(index, cls)
                names = [name.rpartition(".")[2] for owner in owners for name in methods(index, owner)]
                found.update(name for owner in owners for name in methods(index, owner)
                             if names.count(name.rpartition(".")[2]) > 1 or name.endswith("__"))
    return found


def command_roots(analysis: ServingAnalysis) -> FrozenSet[str]:
    """Batch roots that are command-line commands (a Django management command, a click command), not
    background work: what only they run prints to the terminal of whoever typed the command. A
    method of a command class takes its class's kind."""
    return analysis.derived("command-roots", lambda: frozenset(_command_roots(analysis)))


def _command_roots(analysis: ServingAnalysis) -> Set[str]:
    index = analysis.index
    kinds: Dict[str, Set[str]] = {}
    for context in analysis.model.batch_contexts:
        kinds.setdefault(context.qualname, set()).add(context.kind)
    by_class: Dict[str, Set[str]] = {}
    for name, marks in kinds.items():
        owner = name.rpartition(".")[0]
        if owner in index.classes:
            by_class.setdefault(owner, set()).update(marks)
    found = set()
    for name in analysis.model.batch:
        marks = kinds.get(name, set()) | by_class.get(name.rpartition(".")[0], set())
        if marks and marks <= COMMAND_KINDS:
            found.add(name)
    return found


def _suffix_importers(analysis: ServingAnalysis) -> Tuple[Dict[str, Set[str]], Set[str]]:
    """Project modules imported by the end of their name only (a folder the deployment puts on the
    path: `import databaseFunctions` for the module `lib.databaseFunctions`), each with the modules
    that import it so: the reach takes those a module the service runs imports; and the modules
    only tests import so, which it always takes (a consumer callback a deployment names,
    `pagure_events:loop`, which the tests exercise, unless it is a program). Not a command-line
    tool's sibling import (a changelog script's `from handler import X`)."""
    index = analysis.index
    tests = test_modules(index)
    by_suffix: Dict[str, Set[str]] = {}
    for name in index.modules:
        parts = name.split(".")
        for start in range(1, len(parts)):
            by_suffix.setdefault(".".join(parts[start:]), set()).add(name)
    foreign = _foreign_suffixes(index)
    importers: Dict[str, Set[str]] = {}
    for module in index.modules.values():
        for target in module.imports.values():
            if project_module(index, target) is not None:
                continue
            attribute = ""
            while target:
                for name in by_suffix.get(target, ()) if target not in foreign else ():
                    if _binds(index, name, attribute):
                        importers.setdefault(name, set()).add(module.module)
                target, _, attribute = target.rpartition(".")
    tools = {index.module_of(root) for root in command_roots(analysis)}
    tools.update(name for name, module in index.modules.items() if module.script_calls)  # a program's
    return importers, {name for name, by in importers.items() if by <= tests and name not in tools}


def _foreign_suffixes(index) -> Set[str]:
    """Names a project module imports that end its own name (`import litellm` in `providers/litellm.py`,
    a wrapper named after the library it wraps): they name another distribution, not a project module."""
    found: Set[str] = set()
    for module in index.modules.values():
        for target in module.imports.values():
            while target:
                if f".{module.module}".endswith(f".{target}") and project_module(index, target) is None:
                    found.add(target)
                target = target.rpartition(".")[0]
    return found


def _binds(index, module: str, attribute: str) -> bool:
    """Whether the project module `module` may hold `attribute` (`from litellm import AuthenticationError`):
    a submodule, a word of its text, or anything when it star-imports."""
    summary = index.modules[module]
    return not attribute or f"{module}.{attribute}" in index.modules or attribute in summary.words or bool(summary.star_imports)


def _functions_of(analysis: ServingAnalysis, modules: Set[str]) -> Set[str]:
    if not modules:
        return set()
    return {name for name in analysis.index.functions
            if (module := analysis.module_of(name)) is not None and module.module in modules}


def _receivers(analysis: ServingAnalysis, running: Set[str]) -> Set[str]:
    """Functions a decorator connects to a signal (`@receiver(view_loaded)`) in modules the service
    runs (`running`): the sender runs them, through the signal."""
    index = analysis.index
    return {name for name, function in index.functions.items()
            if _SIGNAL_RECEIVERS.intersection(function.decorators) and index.module_of(name) in running}


def _startup_hooks(analysis: ServingAnalysis) -> Set[str]:
    """The hooks a framework runs at the service's start for every project subclass: Django's
    `AppConfig.ready()` (where apps register their types: `registry.register(ExportJobType())`)."""
    index = analysis.index
    return {f"{cls}.{hook}" for cls in index.classes for base in class_ancestors(index, cls)
            for hook in _STARTUP_HOOKS.get(base, ()) if f"{cls}.{hook}" in index.functions}


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
