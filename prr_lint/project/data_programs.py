"""Python programs the project installs as data: files the service hands out, not code it runs.

A file without a `.py` name is linted when its `#!` line runs Python (discovery.py), as a program. When
packaging installs it as data (setup.py's `data_files`, pyproject.toml's `[tool.setuptools.data-files]`:
installed_files.py `data_file_sources`) and not as a script, nothing imports it (it has no `.py` name), no
deployment command runs it and no loader of the project's other modules may load it by path, the service never
runs it: it reads the file and hands out its bytes to a machine that runs it there (ztpserver installs
`actions/*` and `client/bootstrap` to `/usr/share/ztpserver`, serves them at `/actions/<name>` and
`/bootstrap`, and the switch's bootstrap downloads and runs them). None of its code is the service, for any
scoped rule.

A program packaging installs as a script (`scripts=`, setup.cfg `scripts`) or a deployment command runs
stays the service's, and so does every data program when one of the other non-test modules loads files by a
path it computes with no literal folder (`SourceFileLoader(name, path)` of a parameter), or by one whose literal
folders include the program's folder (ztpserver's `os.path.join(data_root, "plugins", plugin)` may load what
`plugins/*` installs, not an action).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import FrozenSet, Optional, Set

from prr_lint.module_loads import FILE_LOADERS, LOADS_FILE, LOADS_FILE_IN
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.installed_files import data_file_sources
from prr_lint.project.names import imported_modules
from prr_lint.project.schedules import Deployment
from prr_lint.project.script_files import shipped_paths
from prr_lint.project.support import test_modules
from prr_lint.tree_reads import real_path

_FILE_LOADERS = frozenset(FILE_LOADERS)


def data_programs(analysis: ServingAnalysis) -> FrozenSet[str]:
    """The modules of `#!` programs without a `.py` name that packaging installs as data and the service never
    runs (module docstring)."""
    root = getattr(analysis.settings, "root", None)
    index = analysis.index
    unsuffixed = {name: module.path.replace(os.sep, "/") for name, module in index.modules.items()
                  if "." not in os.path.basename(module.path)}
    if root is None or not unsuffixed:
        return frozenset()
    installed = data_file_sources(os.fspath(root), unsuffixed.values())
    scripts = {os.path.relpath(path, real_path(root)).replace(os.sep, "/") for path in shipped_paths(Path(root))}
    imported = analysis.derived("imported-modules", lambda: imported_modules(index))
    tests = test_modules(index)
    data = {name for name, path in unsuffixed.items()
            if path in installed and path not in scripts and name not in imported and name not in tests}
    if not data:
        return frozenset()
    folders = _loaded_folders(analysis, data | tests)
    if folders is None:
        return frozenset()
    deployment: Deployment = analysis.derived("deployment", lambda: Deployment(analysis))
    return frozenset(name for name in data if _folder(unsuffixed[name]) not in folders and not deployment.runs_program(name))


def _loaded_folders(analysis: ServingAnalysis, apart: Set[str]) -> Optional[Set[str]]:
    """The literal folder names of the paths the modules but `apart` load files by (module_loads.py
    `LOADS_FILE_IN`); None when one of them may load any file (its path computed with no literal folder)."""
    index = analysis.index
    owners = {index.module_of(name) for name, function in index.functions.items() if not _FILE_LOADERS.isdisjoint(function.calls)}
    owners |= {name for name, top in index.functions.items() if name in index.modules and any(tag.startswith(LOADS_FILE) for tag in top.tags)}
    folders: Set[str] = set()
    for owner in sorted(owner for owner in owners if owner and owner not in apart):
        top = index.functions.get(owner)
        tags = top.tags if top is not None else ()
        computed = [tag[len(LOADS_FILE_IN):] for tag in tags if tag.startswith(LOADS_FILE_IN)]
        spelled = [tag for tag in tags if tag.startswith(LOADS_FILE) and tag != LOADS_FILE]
        if "" in computed or not (computed or spelled):
            return None
        folders.update(word for found in computed for word in found.split("/"))
    return folders


def _folder(path: str) -> str:
    """The name of the folder a root-relative path is in ("" at the root)."""
    return path.rpartition("/")[0].rpartition("/")[2]
