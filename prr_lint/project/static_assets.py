"""Python files a Django app ships as static assets: downloads the server hands out, never runs.

Django's staticfiles app finder collects every file under an app's `static/` folder and serves it as
bytes (`{% static "submitservice/submit.py" %}`): oioioi's submit client lives there, and the app's page
tells users to download it and run it on their own machine. Its `urlopen` waits on the user's network,
not in the service, for every rule (compare browser_code.py, Python compiled for the browser).

A `.py` file below `<app>/static/` of a Django app (a package whose `apps` module defines an `AppConfig`,
disabled_apps.py) is such an asset unless the project loads or runs it after all: any module (tests too)
imports it by its dotted name (Python 3 imports the folders without `__init__.py` as namespace packages) or
by a shorter name from a folder below `static/` put on the path (`import submit`, `from submitservice
import submit`); a computed-name loader, folder walk or load by path may load it; or a launch or deployment
file names it (a command that runs it, a copy an image may run); or a non-test module that loads the literal names
it spells (`import_module("client")`) spells its name. A `STATICFILES_DIRS` folder is not read here.
"""

from __future__ import annotations

import os
from typing import FrozenSet, List

from prr_lint.module_loads import LOADS_SPELLED_MODULES
from prr_lint.project.disabled_apps import app_packages
from prr_lint.project.support import test_modules
from prr_lint.project.unloaded_files import code_count, deployment_names, shared_loaders

_STATIC = "static"


def static_assets(analysis) -> FrozenSet[str]:
    """The modules of Django apps' static folders nothing imports, loads or runs (module docstring), once per run."""
    return analysis.derived("static-assets", lambda: frozenset(_assets(analysis)))


def _assets(analysis) -> List[str]:
    index = analysis.index
    tests = test_modules(index)
    apps = app_packages(index, tests)
    folders = {_folder(index.modules[f"{app}.apps"].path) + f"/{_STATIC}/" for app in apps if f"{app}.apps" in index.modules}
    candidates = {name: (path, folder) for name, module in index.modules.items()
                  if (path := module.path.replace(os.sep, "/")).endswith(".py") for folder in folders if path.startswith(folder)}
    if not candidates:
        return []
    named_by = deployment_names(analysis, analysis.derived("launch-files", tuple))
    loaders = shared_loaders(analysis)
    found = []
    for name, (path, folder) in candidates.items():
        file_name = path.rpartition("/")[2]
        if named_by.names(file_name) or named_by.runners(file_name, copies=True) or loaders.may_load_by_start(name):
            continue
        below = path[len(folder):-3].split("/")  # the names a path entry below `static/` may give
        if not any(_imports(index, module, name, below) or (other not in tests and _spells(index, module, below[-1]))
                   for other, module in index.modules.items() if other != name):
            found.append(name)
    return found


def _spells(index, module, stem: str) -> bool:
    """Whether the module spells the asset's name in code or a name-like string where a loader may take it: beside
    `static`, a dotted path through the folder a loader of a name computed whole may take (`"app.static.client.submit"`);
    or at all, when the module loads modules by the literal names it spells (`import_module("client")` through a path
    entry below `static/` a setting gives: program_marks.py `LOADS_SPELLED_MODULES`), whose name is a tail of the path."""
    if code_count(module, stem) <= 0:
        return False
    top = index.functions.get(module.module)
    return code_count(module, _STATIC) > 0 or (top is not None and LOADS_SPELLED_MODULES in top.tags)


def _folder(path: str) -> str:
    """The folder of a module's file."""
    return os.path.dirname(path.replace(os.sep, "/"))


def _imports(index, module, name: str, below: List[str]) -> bool:
    """Whether the module imports the asset: a target the index resolves to it, or one spelling a tail of its path below
    `static/` (`submitservice.submit`, `submit`) as a whole name or the start of one (`submit.main`)."""
    for target in (*module.imports.values(), *module.dotted_imports, *module.import_paths):
        if index.module_of(index.canonical(target) or target) == name:
            return True
        parts = target.split(".")
        if any(parts[:len(below) - start] == below[start:] for start in range(len(below))):
            return True
    return False
