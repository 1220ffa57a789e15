"""Plug-ins a loader imports only when the shipped configuration lists them.

hangoutsbot's `plugins/__init__.py` lists its plug-in folder, iterates `bot.get_config_option("plugins")`, builds
`"plugins.{}".format(module)` for each name that matches and imports it by that computed name. Its only shipped
configuration, `config.json`, lists nine plug-ins: `catfact.py` beside them is never imported, whatever requests
call it makes, and neither is `image/image_memegenerator.py` when only the `image` package is listed (configured_loads.py
marks the parts). A module holding all those parts loads the plug-ins of the package its built name starts with
(`plugins.` -> the project package `hangupsbot.plugins`) as its configuration says, when of the keys it iterates
the shipped configuration files (samples too, tests aside) give one only, and every value they give it is a list of
names (JSON and TOML documents are read, at any depth; a YAML or INI file giving the key leaves it unknown), one at
least naming a module right in that package's folder (of several such packages, the innermost: the plug-in folder,
not a package around it). A name lists a plug-in whose dotted name ends in it (`image` -> `plugins.image`, the
package's `__init__` only).

unloaded_modules.py takes the unlisted plug-ins for never loaded but what a loaded module imports, a launch file
names, or a loader other than these modules' own loads by name may load (a walk, a load by path, another module's
import by a computed name: unloaded_files.py `Loaders.may_load`). Not judged: a key no shipped file gives (the code
may then load every plug-in, as hangoutsbot does when `plugins` is unset), or one some file gives anything but
a list of names; then each plug-in keeps its findings.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Dict, FrozenSet, List, Optional, Set

from prr_lint.configured_loads import BUILDS_MODULE_NAME, ITERATES_KEYED_LIST, LISTS_FOLDER
from prr_lint.module_loads import LOADS_MODULES_BY_NAME
from prr_lint.project.config_files import config_files, given
from prr_lint.project.project_tree import project_tree
from prr_lint.project.support import test_modules


@dataclass(frozen=True)
class ConfiguredPlugins:
    """The plug-in modules of the packages loaded from a configured list, those the shipped lists name, and the
    loader modules (whose own loads by name are of the names their lists give, and name no plug-in else)."""

    governed: FrozenSet[str] = frozenset()
    listed: FrozenSet[str] = frozenset()
    loaders: FrozenSet[str] = frozenset()

    @cached_property
    def unlisted(self) -> FrozenSet[str]:
        return self.governed - self.listed


def configured_plugins(analysis) -> ConfiguredPlugins:
    """The run's ConfiguredPlugins, read once."""
    return analysis.derived("configured-plugins", lambda: _read(analysis))


def _read(analysis) -> ConfiguredPlugins:
    index, tests = analysis.index, test_modules(analysis.index)
    governed: Set[str] = set()
    listed: Set[str] = set()
    loaders: Set[str] = set()
    files: Optional[Dict[str, List[str]]] = None  # the shipped configuration files, read when a loader is found
    packages: Optional[Dict[str, List[str]]] = None  # package -> the modules under it, listed when a loader is found
    for name in index.modules:
        tags = getattr(index.functions.get(name), "tags", ()) if name not in tests else ()
        if LISTS_FOLDER not in tags or not any(tag.startswith(LOADS_MODULES_BY_NAME) for tag in tags):
            continue
        keys = {tag[len(ITERATES_KEYED_LIST):] for tag in tags if tag.startswith(ITERATES_KEYED_LIST)}
        files = config_files(project_tree(analysis).files()) if files is None else files
        values = [found for found in (given(analysis, files, key) for key in sorted(keys)) if found]
        names = _names(values[0]) if len(values) == 1 else None
        if not names:
            continue
        packages = _package_modules(index) if packages is None else packages
        found: Dict[str, Set[str]] = {}  # package -> the modules the lists name in it
        for start in (tag[len(BUILDS_MODULE_NAME):] for tag in tags if tag.startswith(BUILDS_MODULE_NAME)):
            for package in (package for package in packages if f".{package}.".endswith(f".{start}")):  # `plugins.` -> `hangupsbot.plugins`
                named = {module for module in packages[package]
                         if any(f".{start}{module[len(package) + 1:]}".endswith(f".{value}") for value in names)}
                if any("." not in module[len(package) + 1:] for module in named):  # the folder's own entries are plug-ins
                    found[package] = named
        for package, named in found.items():
            if not any(other.startswith(package + ".") for other in found):  # the plug-in folder, not a package around it
                governed.update(packages[package])
                listed |= named
                loaders.add(name)
    return ConfiguredPlugins(frozenset(governed), frozenset(listed), frozenset(loaders))


def _names(values: List[object]) -> Optional[Set[str]]:
    """The names every value lists, when each is a list of strings; None otherwise (unknown, a blank, a mapping)."""
    if not all(isinstance(value, list) and all(isinstance(item, str) for item in value) for value in values):
        return None
    return {item for value in values for item in value if item}  # type: ignore[union-attr]


def _package_modules(index) -> Dict[str, List[str]]:
    """The project packages (an `__init__.py`) -> the modules under each, at any depth: listed once per run."""
    packages: Dict[str, List[str]] = {name: [] for name, module in index.modules.items()
                                      if module.path.replace("\\", "/").endswith("/__init__.py")}
    for name in index.modules:
        package = name.rpartition(".")[0]
        while package:
            if package in packages:
                packages[package].append(name)
            package = package.rpartition(".")[0]
    return packages
