"""Modules the running service never loads: nothing imports them, names them or can load them.

A module runs only when something loads it: an import or a dotted path in the project's code, a
deployment file that runs it, a loader that computes its name or walks its folder, or a framework
that finds it by convention. A module none of these reaches is not the service, whatever it
holds: a flask-restx resource module the app's explicit import list leaves out (its `@api.route`
registers nothing when the module is never imported), a retired copy of a module only its old
tests import, a library module of functions nothing calls. Scoped rules leave out their findings
there (project/scope.py), in a run over a whole project with entry points or a program its deployment runs.

The test is PRR000's for a file the service never loads (unloaded_files.py), on a parsed module:
no other non-test module but an unmounted router (below) names its file name's word in code or a name-like
string (prose does not count, nor does a function's local or parameter of that name, a variable whatever it spells:
CaeliCrawler's `rate_limiter = RateLimiter(redis)` beside an unimported `core/rate_limiter.py`; nor the path of another module an import spells: `from bxcommon.rpc.provider.cloud_wss_provider
import CloudWssProvider` names another distribution's module, import_words.py), no launch or deployment file and no Python program the index does not hold names it, its
name is an identifier and no package's `__init__`, no computed-name loader, folder walk or load by
path of the project may load it, no entry point of the root's or a sub-distribution's declaration
files names it (a console script, a plug-in its host loads by group), and it builds no app, starts no server and
loops forever nowhere (the app module a deployment kept in another repository serves). Kept too, because a framework loads
them by convention without naming them: the modules Django and its ecosystem discover in an
installed app (`_DISCOVERED`), those under `templatetags/`, `management/commands/` or `migrations/`,
Airflow DAG files (Airflow parses every file of its DAG folder that mentions both "airflow" and
"dag"), the modules of a package a setting names by its dotted path (Scrapy's `SPIDER_MODULES =
["proj.spiders"]` loads every module under it; Django's `INSTALLED_APPS` only the `_DISCOVERED` ones),
and programs: modules that do work at their top level (a script a platform runs by path, a
page of a multi-page app), have a `#!` line or a `__main__` block (a worker a deployment kept in
another repository starts), which root_scripts.py and the tool scopes judge instead. A router module (it
binds an `APIRouter`, a `Blueprint`, a `RouteTableDef` ...) is named only by what loads it, an import or a
dotted path (router_modules.py): an app mounts its router through an import, so a stray word of its name
elsewhere keeps nothing, nor does its word in a launch file but in its file name or dotted path (a route's URL
holds it), a computed-name loader or folder walk keeps it only when an app may mount what it loads
(`mountable`: a walk that imports worker modules mounts no router), and its handlers serve no route that any
rule starts from (served_routes.py). The modules of a
Django app no shipped settings lists are never loaded either (disabled_apps.py).

An unmounted router module loads nothing either: a helper module only such routers import (Talchain ISL's
`user_storage`, imported only by the `preferences` router whose `include_router` is commented out), or only
modules only they import, runs no more than the router does (`_never_loaded`). Only from routers: a module
nothing names may still be loaded by what the project does not hold (a Django `urls.py` whose settings live
elsewhere), and what it imports stays loaded. Modules of a cycle naming each other stay loaded, but plug-ins: a
plug-in of a loader that imports what its shipped configuration lists is never loaded when no list names it
(configured_plugins.py), whatever it runs at its top level or loops on, unless a loaded module names it (its
unlisted fellows, which may name each other, do not), a launch file names it, or a loader but the configured loader's own loads by name may
load it; so is what only such plug-ins name. A datapackage-pipelines processor no loaded spec names (pipeline_specs.py) is
such a plug-in too, its `__main__` block (dpp's way of running it) and a file name no identifier is (`set-revision.py`,
which a module may spell in a string: unloaded_files.py `spellers`) included; not one that serves; the specs' words
name nothing for it (pipeline_specs.py resolves their steps), and any loader of the project may still load it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import AbstractSet, Dict, FrozenSet, Mapping, Sequence, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint.model import LOOPS_FOREVER, RUN_AS_PROGRAM, TOP_LEVEL_WORK
from prr_lint.module_loads import LOADS_MODULES_BY_NAME, LOADS_SPELLED_MODULES, SETS_PATH
from prr_lint.module_walks import WALKS_MODULES
from prr_lint.project.configured_plugins import configured_plugins
from prr_lint.project.disabled_apps import disabled_app_modules
from prr_lint.project.distributions import module_distributions
from prr_lint.project.names import calls_app_constructor, enclosing_function
from prr_lint.project.pipeline_specs import pipeline_specs
from prr_lint.project.router_modules import launched_router, mountable, router_loaders, router_modules
from prr_lint.project.scripts import declared_in
from prr_lint.project.support import test_modules
from prr_lint.project.unloaded_files import deployment_names, namers, shared_loaders, spellers

# Module names a framework imports from every installed app without any project code naming them:
# Django (`admin` autodiscovery, `apps`, `models`), Celery's `autodiscover_tasks`, django-modeltranslation's
# `translation`, django-haystack's `search_indexes`, django-cms/wagtail hooks.
_DISCOVERED = frozenset({"admin", "apps", "models", "tasks", "translation", "search_indexes", "cms_plugins", "cms_apps",
                         "wagtail_hooks", "signals", "receivers", "checks"})
_CONVENTION_FOLDERS = ("templatetags", "management/commands", "migrations")
_INSTALLED_APPS = "INSTALLED_APPS="  # Django imports only the `_DISCOVERED` modules of the packages it names


def in_unloaded_module(analysis, context: str) -> bool:
    """Whether a finding whose context is `context` is in a module the service never loads, in a project with
    entry points, or with a program its deployment runs (`python bot.py` in its Dockerfile: a discord.py bot, whose
    commands are no entry points known here) that loads modules by name through loaders read here (`load_extension`
    over its list of cogs). Without either nothing is known to load anything (sir-lancebot's deployed bot loads its
    extensions through a library's walk) but the plug-ins a configured loader loads (configured_plugins.py)."""
    unloaded = known_unloaded(analysis)
    module = analysis.module_of(enclosing_function(analysis.index, context))
    return module is not None and (module.module in unloaded or analysis.model.seeds and module.module in disabled_app_modules(analysis))


def known_unloaded(analysis) -> FrozenSet[str]:
    """`unloaded_modules` where something is known to load the project's modules (`in_unloaded_module`), once per run."""
    return _known(analysis)[0]


def unmounted_unloaded(analysis) -> FrozenSet[str]:
    """Of `known_unloaded`, the unmounted router modules, the plug-ins no shipped list names, and the modules only they
    load (`_never_loaded`): never loaded whatever the project does not hold may load, so neither is what only they
    import or build (unrun_builds.py)."""
    return _known(analysis)[1]


def loads_known(analysis) -> bool:
    """Something is known to load the project's modules: serving entry points, or a program a launch file runs."""
    return bool(analysis.model.seeds) or launched_program(analysis, analysis.derived("launch-files", tuple))


def _known(analysis) -> Tuple[FrozenSet[str], FrozenSet[str]]:
    launch_files = analysis.derived("launch-files", tuple)
    return analysis.derived("unloaded-modules", lambda: _unloaded(analysis, launch_files))


def _unloaded(analysis, launch_files: Sequence[str]) -> Tuple[FrozenSet[str], FrozenSet[str]]:
    """`unloaded_modules` where loads are known; elsewhere its plug-ins that no shipped list names, since their
    loader's shipped configuration is what loads them (configured_plugins.py: a bot its console script starts)."""
    if loads_known(analysis):
        return unloaded_modules(analysis, launch_files)[:2]
    plugins = configured_plugins(analysis).unlisted or pipeline_specs(analysis).unlisted  # a loader's or dpp's, unnamed
    found = unloaded_modules(analysis, launch_files)[2] if plugins else frozenset()
    return found, found


def unloaded_modules(analysis, launch_files: Sequence[str]) -> Tuple[FrozenSet[str], FrozenSet[str], FrozenSet[str]]:
    """The project modules the service never loads (module docstring), of them the unmounted routers and what only
    they load, and the unlisted plug-ins and what only they load (`_never_loaded`)."""
    index = analysis.index
    tests = test_modules(index)
    configured = configured_plugins(analysis)
    specs = pipeline_specs(analysis)
    processors = specs.unlisted  # dpp processors no loaded spec names: run by path, as programs, or not at all
    scripts = entry_point_modules(analysis) | (serving_modules(index, analysis.model.seeds) - configured.unlisted)
    unlisted = configured.unlisted | processors  # plug-ins whose loop or server runs only once their loader imports them
    walked = tuple(f"{package}." for package in set_packages(index, tests))
    candidates = {name: _file_name(module) for name, module in index.modules.items()
                  if name not in tests and name not in scripts and not name.startswith(walked)
                  and (may_go_unloaded(module) or name in unlisted and (not module.script_calls or name in processors))}
    if not candidates:
        return frozenset(), frozenset(), frozenset()
    routers = router_modules(index, set(candidates))  # named only by what loads them (router_modules.py)
    homes: Dict[str, Set[str]] = {}  # stem -> the candidates of that stem, whose namesakes an import may spell
    for name, file_name in candidates.items():
        if name not in routers:
            homes.setdefault(file_name[:-3], set()).add(name)
    named = namers(index, set(homes), tests, homes, most=None)
    loading = router_loaders(index, routers, tests)
    users = {name: loading.get(name, set()) if name in routers else named.get(file_name[:-3], set()) - {name}
             for name, file_name in candidates.items()}
    for name, file_name in candidates.items():  # a processor's file name no word spells (`set-revision.py`)
        if name in processors and not file_name[:-3].isidentifier():
            users[name] |= spellers(index, file_name[:-3], tests) - {name}
    named_by = deployment_names(analysis, launch_files)
    loaders = shared_loaders(analysis)
    mounted = mountable(index, routers, tests)  # the routers an app may mount once a loader loads them
    open_to = {name for name, file_name in candidates.items()  # what nothing outside the project's modules loads
               if not (launched_router(named_by, name, file_name) if name in routers
                       else named_by.names(file_name, besides=specs.specs if name in processors else frozenset()))
               and not (loaders.may_load(name, besides=configured.loaders) if name in configured.unlisted
                        else loaders.may_load(name) and (name in mounted or name not in routers))}
    return _never_loaded(open_to, users, routers, unlisted)


def _file_name(module) -> str:
    """The module's file name; a package's `__init__.py` by its folder's (`_chatbridge.py`), the word that names it."""
    path = module.path.replace(os.sep, "/")
    folder, file_name = os.path.split(path)
    return f"{os.path.basename(folder)}.py" if file_name == "__init__.py" else file_name


def may_go_unloaded(module) -> bool:
    """Whether nothing but a load of its own may run the parsed module (module docstring): a `.py` file of an
    identifier's name, no package's `__init__`, no module a framework loads by convention, no program (work at its top
    level, a `#!` line, a `__main__` block) and no Airflow DAG file."""
    file_name = os.path.basename(module.path.replace(os.sep, "/"))
    stem = file_name[:-3]
    top = module.functions.get(module.module)
    return file_name.endswith(".py") and stem != "__init__" and stem.isidentifier() and not convention_module(module.path) \
        and not (top is not None and (TOP_LEVEL_WORK in top.tags or RUN_AS_PROGRAM in top.tags)) and not module.script_calls \
        and not (module.words.get("airflow") and (module.words.get("dag") or module.words.get("DAG")))


def launched_program(analysis, launch_files: Sequence[str]) -> bool:
    """A deployment file runs a non-test module of the project as a program (`CMD ["python", "bot.py"]`), and some
    non-test module loads modules by name through a loader whose names are read (module_loads.py, module_walks.py)."""
    named_by, tests = deployment_names(analysis, launch_files), test_modules(analysis.index)
    if not any(tag == LOADS_SPELLED_MODULES or tag.startswith((LOADS_MODULES_BY_NAME, WALKS_MODULES))
               for name in analysis.index.modules if name not in tests for tag in getattr(analysis.index.functions.get(name), "tags", ())):
        return False
    return any(name not in tests and (file_name := os.path.basename(module.path.replace(os.sep, "/")))[:-3] in named_by.words
               and named_by.launch_runs(file_name) for name, module in analysis.index.modules.items())


def _never_loaded(candidates: Set[str], users: Mapping[str, Set[str]], routers: Set[str],
                  unlisted: AbstractSet[str]) -> Tuple[FrozenSet[str], FrozenSet[str], FrozenSet[str]]:
    """The candidates no module loads, and those only unmounted router modules load, or modules only they load:
    a helper module only an unmounted router imports runs no more than the router does. Only from routers,
    whose judgement an import decides: a module only a module named by no word loads (a Django `urls.py` the
    settings of another repository name) may still run. A cycle of modules naming each other stays loaded, but
    among the plug-ins no shipped configuration lists (configured_plugins.py): those only such plug-ins name (a
    plug-in package's `__init__` and the core module it imports, which imports it back) are never loaded either. Second, the unmounted
    routers, those plug-ins and the modules grown from them; third, those plug-ins and the modules grown from them alone."""
    unnamed = {name for name in candidates if not users[name]}
    plugins = candidates & unlisted
    shrunk = True
    while shrunk:  # the largest set of unlisted plug-ins named only among themselves
        kept = {name for name in plugins if users[name] <= plugins}
        shrunk = kept != plugins
        plugins = kept
    found = _grown(candidates - unnamed, users, unnamed & routers | plugins)
    return frozenset(unnamed | found), frozenset(found), frozenset(_grown(candidates - unnamed, users, plugins) if plugins else ())


def _grown(candidates: Set[str], users: Mapping[str, Set[str]], found: Set[str]) -> Set[str]:
    """`found` and the candidates only modules of it load, repeatedly."""
    grown = True
    while grown:
        more = {name for name in candidates - found if users[name] <= found}
        found = found | more
        grown = bool(more)
    return found


def convention_module(path: str) -> bool:
    """A module a framework imports by convention, which no project code names (`_DISCOVERED`, `_CONVENTION_FOLDERS`)."""
    folder, file_name = os.path.split(path.replace(os.sep, "/"))
    return file_name[:-3] in _DISCOVERED or any(f"/{part}/" in f"/{folder}/" for part in _CONVENTION_FOLDERS)


def entry_point_modules(analysis) -> Set[str]:
    """The modules an entry point of the root's or a sub-distribution's declaration files names (a console
    script, a plug-in `alerta_gitlab:GitlabPlugin` its host loads by group): distributions.py judges those."""
    index, root = analysis.index, getattr(analysis.settings, "root", None)
    if root is None:
        return set()
    declared = [entry for entries in module_distributions(analysis).values() for entry in entries]
    targets = {target.partition(":")[0] for _, _, target in [*declared, *declared_in(Path(root))]}
    return {name for name in index.modules if any(name == target or name.endswith("." + target) for target in targets)}


def set_packages(index, tests: FrozenSet[str]) -> Set[str]:
    """The project packages a setting of a non-test module names by their dotted path (`SPIDER_MODULES =
    ["proj.spiders"]`): the library the setting configures may load any module under them."""
    paths = {tag[len(SETS_PATH):] for module in index.modules if module not in tests
             for tag in getattr(index.functions.get(module), "tags", ()) if tag.startswith(SETS_PATH) and not tag.startswith(SETS_PATH + _INSTALLED_APPS)}
    return {path for path in (entry.partition("=")[2] for entry in paths)
            if path in index.modules and index.modules[path].path.replace(os.sep, "/").endswith("/__init__.py")}


def serving_modules(index, handlers: FrozenSet[str] = frozenset()) -> Set[str]:
    """Modules that build an app, start a server or loop until the process stops: the service itself, which a
    deployment kept elsewhere may start by a name no file here holds (`gunicorn api:app`). Given the request
    `handlers`, not for a loop its own router module's routes run (a request handler, or a function another of
    its module calls: a websocket's receive loop, a clean-up task a start-up hook spawns): that loop runs only
    while an app serves the router (router_modules.py)."""
    routed = router_modules(index, set(index.modules)) if handlers else set()
    own_calls = {call for name, function in index.functions.items() if index.module_of(name) in routed
                 for call in function.calls if index.module_of(call) == index.module_of(name)}
    found: Set[str] = set()
    for name, function in index.functions.items():
        module = index.module_of(name)
        if LOOPS_FOREVER in function.tags and not (module in routed and (name in handlers or name in own_calls)) or serves(index, function):
            found.add(module)
    return found


def serves(index, function) -> bool:
    """The function builds an app or starts a server: its module is the service (`serving_modules`)."""
    return calls_app_constructor(index, function.calls) or any(call in fw.SERVER_STARTS or call.endswith(fw.SERVER_START_SUFFIXES) for call in function.calls)
