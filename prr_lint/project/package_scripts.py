"""Folders of scripts inside a package: operator tooling, known by what its files do, not by the folder's name.

A package folder (`svc/maintenance/`, with an `__init__.py`, or without one inside a package: a namespace
package, `svc/end_of_year/` beside `svc/__init__.py`) can hold programs a person runs (`python -m
svc.maintenance.backfill`, `python svc/maintenance/fix_prices.py`) beside the service. Python gives them a
dotted name, so root_scripts.py (folders that are no package) and script_folders.py (folders no import can
reach) do not see them. The folder is one of scripts when, in a project with serving entry points:

* each of its modules (its `__init__` aside) is a program, a `__main__` block or work at its top level, a
  helper its programs import (by a sibling's bare name too: `from promptsearch import PromptSearch` in a program run
  by its path; one only a test imports is no script's), or a module nothing imports that does no work at its top
  level (a leftover of definitions runs nowhere), and at least one has a `__main__` block or
  a `#!` line or is a `__main__.py` (`python -m svc.maintenance`): it holds programs (a folder of pages a framework
  loads does work at its top level, but has none);
* no non-test module outside the folder imports any of them (its `__init__` neither: importing the package
  would run them), nor names one by its dotted path or file path (its word beside the folder's, anywhere in the
  module: `runpy.run_module("svc.maintenance.fix")`, `subprocess.Popen(["python", "svc/maintenance/fix.py"])`);
* none serves: no entry point, background task or handler registration in it, no app it builds, no
  server it starts or loop that runs until the process stops, within three calls, and no console script
  targets it (scope.py judges those programs).

Its modules are then not the service, but for those a launch file runs on a line that is no comment, by its
file name or a dotted name ending in the folder's and its own (a Dockerfile's `CMD python -m
svc.maintenance.fix`: the deployment runs it; a bare word of its name, `pages` in a CMS's YAML data, runs
nothing), or that a computed-name loader may import (unloaded_files.py `Loaders`: a loader of a name computed
whole takes a class or function out of a module, and runs no script that defines neither), and the folder's
modules they import.
"""

from __future__ import annotations

import os
import posixpath
from typing import Callable, Dict, FrozenSet, List, Optional, Set

from prr_lint.model import RUN_AS_PROGRAM, TOP_LEVEL_WORK
from prr_lint.project.names import calls_app_constructor, imported_modules
from prr_lint.project.support import test_modules
from prr_lint.project.unloaded_files import deployment_names, shared_loaders


def package_script_modules(analysis, long_running: Callable[[List[str]], bool]) -> Set[str]:
    """The modules of folders of scripts inside packages (module docstring)."""
    index = analysis.index
    if not analysis.model.seeds:
        return set()
    tests = test_modules(index)
    folders: Dict[str, Set[str]] = {}
    packages: Dict[str, str] = {}  # folder -> its package's module
    for name, module in index.modules.items():
        folder, file_name = posixpath.split(module.path.replace(os.sep, "/"))
        if file_name == "__init__.py":
            packages[folder] = name
        elif file_name.endswith(".py") and name not in tests:
            folders.setdefault(folder, set()).add(name)
    for folder, names in folders.items():  # a namespace package inside a package: its modules' dotted parent
        if folder not in packages and posixpath.dirname(folder) in packages:
            packages[folder] = min(names).rpartition(".")[0]
    unimported = _Unimported(index)
    candidates = {folder: names for folder, names in folders.items() if folder in packages and _programs(index, names, unimported)}
    if not candidates:
        return set()
    users = importers(index, tests)
    served = {module.module for module in map(analysis.module_of, analysis.model.seeds | analysis.model.batch) if module is not None}
    targets = [found for target in analysis.console_scripts if (found := analysis.graph.target(target)) is not None]
    served |= {module.module for module in map(analysis.module_of, targets) if module is not None}
    deployment = deployment_names(analysis, analysis.derived("launch-files", tuple))
    loaders = shared_loaders(analysis)
    found: Set[str] = set()
    for folder, names in candidates.items():
        inside = names | {packages[folder]}
        if any(users.get(name, set()) - inside or packages[folder] in users.get(name, set()) for name in names) \
                or names & served or _named_outside(index, names, packages[folder], tests) or _serves(analysis, names, long_running):
            continue
        run = {name for name in names if _launched(deployment, index.modules[name].path) or loaders.may_load(name)}
        found |= names - _imported_closure(index, run, names)
    return found


def _launched(deployment, path: str) -> bool:
    """A launch file runs the module: by its file name (`python svc/maintenance/fix.py`) or a dotted name
    ending in its folder's and its own (`python -m svc.maintenance.fix`); a `__main__.py` by its package's
    (`python -m svc.maintenance`). A bare word of its name (`pages` in a YAML data file, a comment's
    "compile the static pages") runs nothing."""
    folder, file_name = posixpath.split(path.replace(os.sep, "/"))
    parent = posixpath.basename(folder)
    if file_name == "__main__.py":
        return deployment.names(f"{parent}.py")
    return not deployment.known or file_name[:-3] in deployment.script_words \
        or any(file_name in text or f"{parent}.{file_name[:-3]}" in text for text in deployment.launch)


def _programs(index, names: Set[str], unimported: _Unimported) -> bool:
    """Every module is a program, a helper the folder's programs import, or inert (nothing imports it, by any
    name, and it does no work at its top level: a leftover of definitions runs nowhere), and one is a program
    run by hand (a `__main__` block, a `#!` line, a `__main__.py`)."""
    tags = {name: getattr(index.functions.get(name), "tags", ()) for name in names}
    programs = {name for name in names if index.modules[name].script_calls or TOP_LEVEL_WORK in tags[name] or RUN_AS_PROGRAM in tags[name]}
    by_hand = any(index.modules[name].script_calls or RUN_AS_PROGRAM in tags[name] or name.endswith(".__main__") for name in programs)
    if not by_hand:
        return False
    inert = {name for name in names - programs if unimported.of(name)}
    return _imported_closure(index, programs, names) | inert == names


class _Unimported:
    """Modules no import names, by any name: not their dotted name, nor a word of any import target (a module
    imported by a name the project's naming does not know, `from fsdrive.resolver import Resolver` for
    `client_drive/src/fsdrive/resolver.py`, or a bare sibling's). Read once, when a folder first asks."""

    def __init__(self, index) -> None:
        self.index = index
        self._imported: Optional[FrozenSet[str]] = None
        self._words: Set[str] = set()

    def of(self, name: str) -> bool:
        if self._imported is None:
            self._imported = imported_modules(self.index)
            targets = {target for module in self.index.modules.values() for target in (*module.imports.values(), *module.dotted_imports)}
            self._words = {word for target in targets for word in target.split(".")}
        return name not in self._imported and name.rpartition(".")[2] not in self._words


def importers(index, tests: Set[str]) -> Dict[str, Set[str]]:
    """Project module -> the non-test modules that import it or a name from it."""
    found: Dict[str, Set[str]] = {}
    for name, module in index.modules.items():
        if name in tests:
            continue
        for target in {*module.imports.values(), *module.dotted_imports}:
            while target:
                if target in index.modules:
                    found.setdefault(target, set()).add(name)
                target = target.rpartition(".")[0]
    return found


def _named_outside(index, names: Set[str], package: str, tests: Set[str]) -> bool:
    """A non-test module outside the folder names one of its modules with the folder's word (a dotted or file path)."""
    folder_word = package.rpartition(".")[2]
    stems = {name.rpartition(".")[2] for name in names}
    for name, module in index.modules.items():
        if name in names or name == package or name in tests or not _names(module, folder_word):
            continue
        if any(_names(module, stem) for stem in stems):
            return True
    return False


def _names(module, word: str) -> bool:
    """Any mention counts: a path string is prose to word_counts.py (`"svc/maintenance/fix.py"`)."""
    return bool(word) and word in module.words


def _serves(analysis, names: Set[str], long_running: Callable[[List[str]], bool]) -> bool:
    """A module of the folder registers handlers, builds an app, or starts a server or an endless loop."""
    index = analysis.index
    prefixes = tuple(f"{name}." for name in names)
    functions = sorted(name for name in index.functions if name in names or name.startswith(prefixes))
    return any(index.modules[name].registrations for name in names) or long_running(functions) \
        or any(calls_app_constructor(index, index.functions[function].calls) for function in functions)


def _imported_closure(index, run: Set[str], names: Set[str]) -> Set[str]:
    """`run` and the folder's modules they import, however indirectly (by a sibling's bare name too)."""
    found, todo = set(run), list(run)
    while todo:
        current = todo.pop()
        module = index.modules[current]
        targets = set(_siblings(index, current, names))
        for target in {*module.imports.values(), *module.dotted_imports}:
            while target and target not in names:
                target = target.rpartition(".")[0]
            targets.update([target] if target else [])
        for target in targets - found:
            found.add(target)
            todo.append(target)
    return found


def _siblings(index, name: str, names: Set[str]) -> List[str]:
    """The folder's modules `name`, one of `names`, imports by a bare name (`from promptsearch import PromptSearch`
    in a program run by its path, whose folder Python puts first on `sys.path`)."""
    if name not in names:
        return []
    package = name.rpartition(".")[0]
    module = index.modules[name]
    found = (f"{package}.{target.partition('.')[0]}" for target in {*module.imports.values(), *module.dotted_imports})
    return [target for target in found if target in names and target != name]
