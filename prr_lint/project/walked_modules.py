"""Plug-in modules the walk that would load them leaves out: not the service.

A module no project module imports is counted as a way into the service: something loads it (a
framework's plug-in mechanism, a settings string, a walk over its folder). When the project's only
way to load it is a walk over a plug-in folder (`pkgutil.walk_packages`, module_walks.py) whose
guard rejects the module's walked name (`if not info.ispkg and "deprecated" not in info.name:
importlib.import_module(info.name)`), nothing loads it and its code never runs (yeti's
`plugins/analytics/deprecated/*.py`, skipped by its Celery worker's plug-in walk).

Kept as the service: a module a service module imports, or an entry point, a console script or any
other computed-name loader (module_loads.py) may load; a package (importing its modules runs it); a
program (a `__main__` block, a `#!` line) or a module that defines entry points; and a module
outside the walk: under a literal prefix the walk spells (`prefix="svc.plugins."`), else in a
top-level package where the walk admits some other module nothing imports (the plug-ins it does load).
"""

from __future__ import annotations

from typing import List, Optional, Set, Tuple

from prr_lint.model import RUN_AS_PROGRAM
from prr_lint.module_loads import ENDING, LOADS_MODULES_BY_NAME, SETTING
from prr_lint.module_walks import WALKS_MODULES, admits, parse_walk
from prr_lint.project.scripts import entry_point_groups
from prr_lint.project.support import test_modules

Walk = Tuple[Optional[str], list, Optional[str]]  # prefix, guard, infix (module_walks.py)


def unwalked_modules(analysis) -> Set[str]:
    """The modules only a walk would load and whose name its guard rejects (see the module docstring)."""
    index = analysis.index
    tests = test_modules(index)
    walks: List[Walk] = []
    loaders: List[str] = []  # the other computed-name loaders' marks
    for name in index.modules:
        top = index.functions.get(name)
        for tag in top.tags if top is not None and name not in tests else ():
            walk = parse_walk(tag) if tag.startswith(WALKS_MODULES) else None
            walks += [walk] if walk is not None else []
            loaders += [tag[len(LOADS_MODULES_BY_NAME):]] if tag.startswith(LOADS_MODULES_BY_NAME) else []
    if not walks or any(not prefix or prefix.startswith(SETTING) for prefix in loaders):
        return set()  # no walk, or a loader that may load any module (no literal start, a setting)
    loaded = loaded_otherwise(analysis, tests)
    candidates = {name for name, module in index.modules.items()
                  if name not in tests and name not in loaded and not module.path.endswith("__init__.py")
                  and not module.script_calls and RUN_AS_PROGRAM not in getattr(index.functions.get(name), "tags", ())
                  and not any(may_load(prefix, name) for prefix in loaders)}
    admitted = {name.partition(".")[0] for name in candidates
                if any(prefix is None and infix is None and admits(guard, name, False) for prefix, guard, infix in walks)}
    rejected = {name for name in candidates if "." in name and _rejected(walks, name, admitted)}
    return {name for name in rejected if not _named_elsewhere(index, tests, name)}


def _rejected(walks: List[Walk], name: str, admitted: Set[str]) -> bool:
    """A walk covers `name` (its literal prefix or infix is in the name, or, with neither, the walk
    admits a module of the name's top-level package) and every walk that may load it rejects it."""
    top = name.partition(".")[0]
    if not any(walked_name(walk, name) is not None and (walk[0] is not None or walk[2] is not None or top in admitted) for walk in walks):
        return False
    return all(admits(walk[1], seen, False) is False for walk in walks if (seen := walked_name(walk, name)) is not None)


def walked_name(walk: Walk, name: str) -> Optional[str]:
    """The name the walk's guard tests for the module `name` (after the infix, when the loader
    builds the name: `f"{package}.private.{modname}"`); None when the walk cannot load it."""
    prefix, _, infix = walk
    if infix is not None:
        return f".{name}".rpartition(infix)[2] if infix in f".{name}" else None
    return name if prefix is None or name.startswith(prefix) else None


def _named_elsewhere(index, tests: Set[str], name: str) -> bool:
    """Another non-test module holds the words of the module's name and its package's (`import
    svc.plugins.old`, which binds only `svc`, or "svc.plugins.old" in a settings string)."""
    package, _, local = name.rpartition(".")
    parent = package.rpartition(".")[2]
    return any(other != name and module.words.get(local) and module.words.get(parent)
               for other, module in index.modules.items() if other not in tests)


def may_load(prefix: str, name: str) -> bool:
    """Whether a computed-name loader with this literal start (or ENDING and end) may load `name`."""
    return name.endswith(prefix[len(ENDING):]) if prefix.startswith(ENDING) else f".{prefix}" in f".{name}"


def loaded_otherwise(analysis, tests: Set[str]) -> Set[str]:
    """Project modules (and their packages) a non-test module imports, entry points register, a
    console script runs, or that define entry points of their own."""
    index = analysis.index
    names = [target for name, module in index.modules.items() if name not in tests
             for target in (*module.imports.values(), *module.star_imports)]
    names += [module for modules in entry_point_groups(getattr(analysis.settings, "root", None)).values() for module in modules]
    names += [target.partition(":")[0] for target in analysis.console_scripts]
    found = {index.module_of(name) for name in analysis.model.seeds}
    for target in names:
        while target:
            found.add(target)
            target = target.rpartition(".")[0]
    return found
