"""Root scripts: modules no project module imports that do their work at module level.

A top-level module, a file made to be executed (a `#!` line, wherever it lives), or a file in a folder
of scripts: a folder that is no package to Python (no `__init__.py` in it nor in the folder above:
`fastchat/serve/monitor/dataset_release_scripts/lmsys_chat_1m/approve_all.py`) and of whose modules
no project module imports any. A script run by hand or by a container entrypoint before the server
starts (a wait-for-database loop, an import/export script, a one-off maintainer's loop over an API).
A module that defines an entry point, registers handlers or starts a server or a worker is the
service, and stays; so does one in a folder of scripts that a launch file names (its file or dotted
name): the deployment runs it.
"""

from __future__ import annotations

import posixpath
from typing import Callable, Iterable, Set

from prr_lint.model import RUN_AS_PROGRAM, TOP_LEVEL_WORK
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.names import imported_modules
from prr_lint.project.script_apps import named_by_launch_files


def _script_folders(paths: Iterable[str], imported_paths: Set[str]) -> Set[str]:
    """Folders that are no package (neither they nor their parent hold an `__init__.py`, as
    modules.py names them) and that hold no module a project module imports."""
    packages = {posixpath.dirname(path) for path in paths if posixpath.basename(path) in ("__init__.py", "__init__.pyi")}
    folders = {posixpath.dirname(path) for path in paths}
    return {folder for folder in folders if folder and folder not in packages and posixpath.dirname(folder) not in packages
            and not any(posixpath.dirname(path) == folder for path in imported_paths)}


def root_scripts(analysis: ServingAnalysis, long_running: Callable[[str], bool]) -> Set[str]:
    """The root scripts of the project (see the module docstring)."""
    index = analysis.index
    imported = imported_modules(index)
    with_entries = {analysis.module_of(name).module for name in analysis.model.seeds if analysis.module_of(name)}
    candidates = {}
    for name, module in index.modules.items():
        top = index.functions.get(name)
        if top is not None and TOP_LEVEL_WORK in top.tags and name not in imported and name not in with_entries \
                and not module.registrations:
            candidates[name] = module
    if not candidates:
        return set()
    folders = _script_folders([module.path for module in index.modules.values()],
                              {index.modules[name].path for name in imported if name in index.modules})
    launch_files = analysis.derived("launch-files", tuple)
    root = getattr(analysis.settings, "root", None)
    found = set()
    for name, module in candidates.items():
        if "." in name and RUN_AS_PROGRAM not in index.functions[name].tags and (
                posixpath.dirname(module.path) not in folders or named_by_launch_files(index, module, launch_files, root)):
            continue  # in a package, not made to be executed (no `#!` line), and not a script of a folder of scripts
        if not long_running(name):
            found.add(name)
    return found
