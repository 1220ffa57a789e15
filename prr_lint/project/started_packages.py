"""Top-level packages that may start without an import the index sees: what support.py asks before it takes a
package's own `__init__` for test support (a bundled client SDK only the service's tests import).

Inside the project a package runs when a module imports it, which support.py counts. Beside that a package may start:

* on its own: one of its modules builds an app, starts a server or loops until the process stops (unloaded_modules.py
  `serves`), which a deployment may run by a name no file here holds (a package with a `__main__.py` is a program, which
  support.py never takes), or an entry point of the root's or a sub-distribution's declaration files names one (a
  console script `sdk-cli = sdk.cli:main` a crontab runs by its own name, a plug-in its host loads by group);
* by a deployment or configuration file: a launch file runs one of its modules (`python -m sdk.worker`, `cd sdk &&
  python worker.py`: unloaded_files.py `run_pattern`), or a launch or configuration file (`.ini`, `.cfg`, `.toml`,
  `.yaml`, `.json`, `.env`, `.sh`, a `Procfile`, `Dockerfile` or `Makefile`, a file without a suffix) names its word
  as a token of its own (`gunicorn sdk:app`, `celery -A sdk worker`, `DJANGO_SETTINGS_MODULE=sdk.settings`,
  `sdk/worker.py`, `sdk-cli = sdk.cli:main`, a comment too); a hostname, an address or a path below another folder
  that holds the word (`www.sdk.com`, `help@sdk.com`, `https://example.com/sdk`) names none. CI pipelines, test
  runners' files, test paths and Vagrant scripts run tests and developers' machines (launchers.py
  `development_file`): `pytest sdk/test` there starts nothing deployed;
* by a name in code: a string literal of a non-test module outside it whose module path starts with its word
  (`INSTALLED_APPS = ["sdk"]`, `import_module("sdk.client")`, `MIDDLEWARE = ["sdk.middleware.Timing"]`,
  `f"sdk.{name}"`, or a command line in any string, `"celery -A sdk worker"`, `"python sdk/client.py"`: the summary's
  `path_starts`; `"help.sdk.com"` starts with `help`, and prose names no module but such a command); an
  import of one of its modules by the end of its dotted name that no project module answers (`import client`
  with `sdk/` on `sys.path`); a loader of a computed name or path that may load one of its modules (unloaded_files.py
  `Loaders`); or Python the index does not hold that names its word as a token of its own: a program without a
  `.py` name (`bin/sdk-shell`), a module outside it that did not parse (a Python 2 module of a Python 2 deployment)
  or that the run excludes. When the tree or such a file cannot be read, anything may have started it.
"""

from __future__ import annotations

import os
import re
from typing import Dict, FrozenSet, List, Set

from prr_lint.model import LOOPS_FOREVER, ModuleSummary
from prr_lint.paths import is_test_path
from prr_lint.project.launchers import development_file
from prr_lint.project.live_modules import spelled
from prr_lint.project.project_tree import project_tree
from prr_lint.project.support import test_modules
from prr_lint.project.texts import read_bounded
from prr_lint.project.unloaded_files import deployment_names, shared_loaders
from prr_lint.project.unloaded_modules import entry_point_modules, serves
from prr_lint.project.unregistered import CONFIG_SUFFIXES

# A word standing as a token of its own: not inside a dotted name, an address, a path below a folder or a hyphenated word.
_TOKEN = re.compile(r"(?<![\w.@/-])[A-Za-z_]\w*(?![\w-])")
_UNKNOWN = "*"  # stands in the tokens for a tree that could not be read: any word may be named


def started_by_name(analysis, package: str) -> bool:
    """Whether the project's top-level package `package` may start without a project module importing it (module
    docstring)."""
    index = analysis.index
    members = {name for name in index.modules if name == package or name.startswith(f"{package}.")}
    if any(index.module_of(name) in members and (LOOPS_FOREVER in function.tags or serves(index, function))
           for name, function in index.functions.items()) or members & entry_point_modules(analysis):
        return True
    tests = test_modules(index)
    outside = [summary for name, summary in index.modules.items() if name not in members and name not in tests]
    if any(package in summary.path_starts for summary in outside) or _bare_import(index, members, outside):
        return True
    named_by, loaders = deployment_names(analysis, analysis.derived("launch-files", tuple)), shared_loaders(analysis)
    words = standing_words(analysis)
    if not named_by.known or package in named_by.script_words or _UNKNOWN in words or words.get(package, set()) - {package}:
        return True
    file_names = {f"{package}.py"} | {os.path.basename(index.modules[name].path.replace(os.sep, "/")) for name in members}
    return any(named_by.launch_runs(file_name) for file_name in sorted(file_names)) or any(loaders.may_load(name) for name in sorted(members))


def _bare_import(index, members: Set[str], outside: List[ModuleSummary]) -> bool:
    """A module outside the package imports one of its modules by the end of its dotted name (`import client`,
    `from resources.user import User`) that no project module answers: a folder of the package on `sys.path` (a
    `sys.path.insert`, a `PYTHONPATH`) loads it so. Not a name the importer's own package answers (`from config import
    config` in `app/__init__.py`: Python 2's implicit relative import of `app/config.py`)."""
    tails = {".".join(parts[start:]) for parts in (name.split(".") for name in members) for start in range(1, len(parts))}
    for summary in outside:
        home = summary.module if os.path.basename(summary.path.replace(os.sep, "/")) == "__init__.py" else summary.module.rpartition(".")[0]
        if any(name not in index.modules and f"{home}.{name}" not in index.modules for name in spelled(summary) & tails):
            return True
    return False


def standing_words(analysis) -> Dict[str, FrozenSet[str]]:
    """The words standing as tokens of their own (`_TOKEN`) in the launch and configuration files of the project tree
    and in its `.py` files the index does not hold, tests and development files aside, each with where it stands: ''
    for a launch or configuration file, the top folder of a `.py` file (a package's own module that did not parse
    names the package, and starts nothing); `_UNKNOWN` when the tree or such a `.py` file cannot be read. Read once
    per run, and only when a package asks."""
    return analysis.derived("standing-words", lambda: _standing_words(analysis))


def _standing_words(analysis) -> Dict[str, FrozenSet[str]]:
    tree = project_tree(analysis)
    if not tree.known:
        return {_UNKNOWN: frozenset()}
    held = {os.path.normpath(summary.path) for summary in analysis.index.by_path.values()}
    found: Dict[str, Set[str]] = {}
    for folder, name in tree.files():
        path = os.path.join(folder, name)
        relative = os.path.relpath(path, tree.root).replace(os.sep, "/")
        python = name.endswith(".py") and os.path.normpath(relative) not in held and os.path.normpath(path) not in held
        if not (python or name.endswith(CONFIG_SUFFIXES) or "." not in name) or is_test_path(relative) \
                or development_file(path, tree.root):
            continue
        text = read_bounded(path)  # a file too large to be hand-written configures nothing by hand
        if text is None and python:
            return {_UNKNOWN: frozenset()}
        where = relative.partition("/")[0] if python and "/" in relative else ""
        for word in _TOKEN.findall(text) if text is not None and "\0" not in text else ():
            found.setdefault(word, set()).add(where)
    return {word: frozenset(places) for word, places in found.items()}
