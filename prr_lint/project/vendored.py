"""Vendored third-party trees: other projects' packages that the service ships and puts on `sys.path`.

Tautulli's and older SickChill's entry scripts run `sys.path.insert(0, os.path.join(base, 'lib'))` before
importing anything, and `lib/` holds copies of cherrypy, requests, apscheduler ...: the service imports
them by their own top-level names, as it would an installed distribution. Their code runs in the
service, but it is not the service's own: its authors do not change it (they upgrade the copy), so the
scoped rules (scope.py) leave it out, as they leave out installed libraries.

A folder counts only by that behaviour: a project module's top level (not test code's, not an
operator script's) adds it to `sys.path`, naming it by a string literal relative to the module's file
(`'lib'`, `os.path.join(here, 'vendor')`); it is no package of the project's own (it has no
`__init__.py`: a test that puts the package `keep/` on the path vendors nothing), and it holds two or more top-level modules or packages. Of those, a package is the
service's own, and stays, when it imports a project module outside the folder (a service's `src/`
put on the path imports its own siblings; third-party code knows nothing of the service), or
defines entry points, registrations or background work. A module that two such folders hold (`common` and
`common/src` both on the path, so `common/src/slack.py` is both `src.slack` and `slack`) is vendored only when
it is from each of them: seen from `common`, its package `src` imports the service's `settings`, which
third-party code never does.
"""

from __future__ import annotations

import posixpath
from pathlib import Path
from typing import Dict, Set

from prr_lint.model import ADDS_TO_SYS_PATH, FunctionSummary
from prr_lint.paths import is_operator_path
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.bundled import bundled_modules  # noqa: F401 (scope.py takes both kinds of copy from here)
from prr_lint.project.support import test_modules
from prr_lint.tree_reads import is_file



def vendored_modules(analysis: ServingAnalysis) -> Set[str]:
    """Project modules that live in a vendored third-party tree (see the module docstring)."""
    return analysis.derived("vendored-modules", lambda: _copies(analysis, False))


def library_copies(analysis: ServingAnalysis) -> Set[str]:
    """`vendored_modules`, and the third-party modules of a folder on the path that is a package of the
    project too (mylar's `lib/`, with its `__init__.py`) when project code outside it imports one of its
    packages by the name the path gives (`from qbittorrent import Client`, not `lib.qbittorrent`): copies
    of other projects' libraries, though the scoped rules keep them as the service's, as the path edit
    onto a package of the project's own (`svc/`, whose modules it imports as `svc.helpers`) does not."""
    return analysis.derived("library-copies", lambda: _copies(analysis, True))


def _copies(analysis: ServingAnalysis, packages: bool) -> Set[str]:
    index = analysis.index
    root = getattr(analysis.settings, "root", None)
    folders: Set[str] = set()
    tests = test_modules(index)
    for name, module in index.modules.items():
        top = index.functions.get(name)
        if top is not None and name not in tests and not is_operator_path(module.path):
            folders |= _added_folders(module.path, top)
    # A folder that is a package itself (`keep/` with its `__init__.py`, holding `keep.api`) is the
    # project's own, whatever a module's path edit makes importable from it.
    packaged = {folder for folder in folders if is_file(Path(root or ".") / folder / "__init__.py")}
    folders -= packaged
    tops: Dict[str, Dict[str, Set[str]]] = {}  # folder -> top-level name -> its modules
    for name, module in index.modules.items():
        for folder in folders | packaged:  # every folder that holds it: `common` and `common/src` both on the path
            if module.path.startswith(folder + "/") and module.path != f"{folder}/__init__.py":
                tops.setdefault(folder, {}).setdefault(module.path[len(folder) + 1:].partition("/")[0], set()).add(name)
    for folder in packaged:
        if not packages or not _imported_by_path_name(index, tops.get(folder, {})):
            tops.pop(folder, None)
    if not tops:
        return set()
    own = _own_modules(analysis)
    found: Set[str] = set()
    kept: Set[str] = set()  # the service's own as seen from some folder on the path
    for folder, packages in tops.items():
        inside = {name for names in packages.values() for name in names}
        for names in packages.values():
            imported = {index.module_of(target) for name in names for target in index.modules[name].imports.values()}
            if len(packages) < 2 or names & own or not all(not target or target in inside for target in imported):
                kept |= names  # one package put on the path is a layout of the service's own (`src/`)
            else:
                found |= names
    return found - kept

def _imported_by_path_name(index, packages: Dict[str, Set[str]]) -> bool:
    """A module outside the folder imports one of its packages by its top-level name (`qbittorrent.Client`,
    which the index resolves through the path edit to `lib.qbittorrent`), not through the folder's package."""
    inside = {name for names in packages.values() for name in names}
    return any(name not in inside and target.partition(".")[0] in packages and index.module_of(target) in inside
               for name, module in index.modules.items() for target in module.imports.values())


def _own_modules(analysis: ServingAnalysis) -> Set[str]:
    """Modules that define entry points, handlers or background work: the service's, wherever they live."""
    found = {name for name, module in analysis.index.modules.items() if module.registrations}
    found.update(module.module for module in map(analysis.module_of, analysis.model.seeds | analysis.model.batch) if module is not None)
    return found


def _added_folders(path: str, top: FunctionSummary) -> Set[str]:
    """The project folders (relative paths) that a module's top level adds to `sys.path` (the summary's
    marks, program_marks.py), named by a string literal relative to the module's own folder."""
    base = posixpath.dirname(path)
    found: Set[str] = set()
    for tag in top.tags:
        if tag.startswith(ADDS_TO_SYS_PATH):
            folder = posixpath.normpath(posixpath.join(base, tag[len(ADDS_TO_SYS_PATH):]))
            if folder not in (".", base) and not folder.startswith(".."):
                found.add(folder)
    return found
