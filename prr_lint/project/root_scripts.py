"""Root scripts: modules no project module imports that do their work at module level.

A top-level module, a file made to be executed (a `#!` line, wherever it lives), or a file in a folder
of scripts: a folder that is no package to Python (no `__init__.py` in it nor in the folder above:
`fastchat/serve/monitor/dataset_release_scripts/lmsys_chat_1m/approve_all.py`) that no import names. A script run by hand or by a container entrypoint before the server
starts (a wait-for-database loop, an import/export script, a one-off maintainer's loop over an API).
A module that defines an entry point, registers handlers or starts a server or a worker is the
service, and stays; so does one in a folder of scripts that a launch file names (its file or dotted
name: the deployment runs it) or that an import names by its bare name (a program run from that
folder imports its siblings so: `import config`). Folders of scripts count only in a project with
serving entry points: without them nothing is known to serve.
"""

from __future__ import annotations

import posixpath
from typing import Callable, Set, Tuple

from prr_lint.model import RUN_AS_PROGRAM, TOP_LEVEL_WORK
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import imported_modules
from prr_lint.project.script_apps import named_by_launch_files


def _script_folders(index: ProjectIndex) -> Tuple[Set[str], Set[tuple]]:
    """Folders that are no package (neither they nor their parent hold an `__init__.py`, as modules.py
    names them) and that no import names: no import target holds the folder's last two names in a row, or
    starts with a top folder's name
    (`background.celery` in `onyx.background.celery.celery_redis`: a folder below an import root the
    run's naming does not know is imported by a shorter name than its path). Also the names imported."""
    paths = [module.path for module in index.modules.values()]
    packages = {posixpath.dirname(path) for path in paths if posixpath.basename(path) in ("__init__.py", "__init__.pyi")}
    named: Set[tuple] = set()
    for target in {target for module in index.modules.values() for target in module.imports.values()}:
        parts = target.split(".")
        named.update([(parts[0],), *zip(parts, parts[1:])])  # a top folder is named first (`from svc import x`)
    folders = {posixpath.dirname(path) for path in paths}
    return {folder for folder in folders if folder and folder not in packages and posixpath.dirname(folder) not in packages
            and tuple(folder.split("/")[-2:]) not in named}, named


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
    folders, named = _script_folders(index) if analysis.model.seeds else (set(), set())
    launch_files = analysis.derived("launch-files", tuple)
    root = getattr(analysis.settings, "root", None)
    found = set()
    for name, module in candidates.items():
        if "." in name and RUN_AS_PROGRAM not in index.functions[name].tags and (
                posixpath.dirname(module.path) not in folders or (name.rpartition(".")[2],) in named
                or named_by_launch_files(index, module, launch_files, root)):
            continue  # in a package, not made to be executed (no `#!` line), and no script of a folder of scripts
        if not long_running(name):
            found.add(name)
    return found
