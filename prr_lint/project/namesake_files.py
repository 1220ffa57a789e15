"""Files of one module name in several import roots: those their own service never loads.

A repository may hold several services, each deployed from a folder of its own that is its import root
(modules.py: a folder whose name is no identifier), whose packages share a name: foi-flow's
`historical-search-api/request_api/` and `request-management-api/request_api/`. The index keeps one module
per name (index.py; every file by path), so a judgement by name (unloaded_modules.py) takes an import in one
service for a load of its namesake in the other, and judges the findings of the file it does not hold as the
other's. A process imports a dotted name from its own import root, so such a file is loaded only by a module of
that root or of a folder above it (a script at the top, which may put either root on `sys.path`).

Never loaded is a file of such a name that unloaded_modules.py's tests leave open (no program, no module a
framework loads by convention, none a deployment file, a loader, an entry point or a setting's package may
load, a deployment file a regular package's member only by its file name or path, none that loops, builds an app or starts a server) and that no non-test module of those roots loads: by
an import that spells its dotted name or one below it (`from request_api.services.external.keycloakadminservice
import KeycloakAdminService`), or by its word in code where, in a regular package, a name-like string holds
the package's word too (a dotted path in a setting: live_modules.py `names_member`). A commented-out
`#app.config.from_object('request_api.utils.cache.Config')` loads nothing. The judgement applies where
unloaded_modules.py's does: a run over a whole project whose entry points or deployed program are known.
"""

from __future__ import annotations

import os
from typing import Dict, FrozenSet, List, Set

from prr_lint.model import LOOPS_FOREVER, Finding, ModuleSummary
from prr_lint.paths import is_test_path
from prr_lint.project.import_words import foreign_module_names
from prr_lint.project.live_modules import names_member, spelled
from prr_lint.project.router_modules import launched_router
from prr_lint.project.support import test_modules
from prr_lint.project.unloaded_files import DeploymentNames, code_count, deployment_names, shared_loaders
from prr_lint.project.unloaded_modules import entry_point_modules, in_unloaded_module, loads_known, may_go_unloaded, serves, set_packages


def in_unloaded_file(analysis, finding: Finding) -> bool:
    """Whether the finding is in a module the service never loads: by its name (unloaded_modules.py), or in a file
    whose module name another import root's file holds too that nothing of its own roots loads (module docstring)."""
    return in_unloaded_module(analysis, finding.context) or finding.path in analysis.derived("unloaded-namesakes", lambda: _unloaded(analysis))


def import_root(summary: ModuleSummary) -> str:
    """The folder (root-relative, `/`-separated, '' for the project root) its module name is counted from: a file
    outside any package is named by its path from the project root, and so may import from any folder below it."""
    folders = summary.path.replace(os.sep, "/").split("/")[:-1]
    named = summary.module.count(".") + (os.path.basename(summary.path) == "__init__.py") if summary.module else 0
    return "/".join(folders[:len(folders) - named])


def _unloaded(analysis) -> FrozenSet[str]:
    """The files of shared module names that their own roots never load (module docstring)."""
    index = analysis.index
    holders: Dict[str, List[ModuleSummary]] = {}
    for summary in index.by_path.values():
        holders.setdefault(summary.module, []).append(summary)
    shared = [summary for summaries in holders.values() if len({import_root(summary) for summary in summaries}) > 1
              for summary in summaries]
    launch_files = analysis.derived("launch-files", tuple)
    if not shared or not loads_known(analysis):
        return frozenset()
    tests = test_modules(index)
    scripts, walked = entry_point_modules(analysis), tuple(f"{package}." for package in set_packages(index, tests))
    named_by, loaders = deployment_names(analysis, launch_files), shared_loaders(analysis)
    open_to = {summary.path: summary for summary in shared
               if not _test(summary, tests) and summary.module not in scripts and not summary.module.startswith(walked)
               and may_go_unloaded(summary) and not _launched(index, named_by, summary)
               and not loaders.may_load(summary.module) and not any(
                   LOOPS_FOREVER in function.tags or serves(index, function) for function in summary.functions.values())}
    by_name: Dict[str, List[ModuleSummary]] = {}
    for summary in open_to.values():
        by_name.setdefault(summary.module, []).append(summary)
    stems: Dict[str, List[str]] = {}
    for name in by_name:
        stems.setdefault(name.rpartition(".")[2], []).append(name)
    loaded = set()
    for importer in index.by_path.values():
        if _test(importer, tests):
            continue
        home, imported = import_root(importer), spelled(importer)
        names = imported.intersection(by_name)
        names.update(name for stem in stems.keys() & importer.words.keys() for name in stems[stem]
                     if code_count(importer, stem) - foreign_module_names(index, importer, stem, {name}) > 0)
        for name in names:
            loaded.update(summary.path for summary in by_name[name] if summary.path != importer.path
                          and _above(home, import_root(summary)) and _loads(index, importer, imported, summary))
    return frozenset(open_to.keys() - loaded)


def _test(summary: ModuleSummary, tests) -> bool:
    return summary.module in tests or is_test_path(summary.path)


def _above(folder: str, root: str) -> bool:
    """`folder` is `root` or a folder above it."""
    return not folder or folder == root or root.startswith(folder + "/")


def _launched(index, named_by: DeploymentNames, summary: ModuleSummary) -> bool:
    """A launch or deployment file may load the file: a member of a regular package by its file name or its dotted or
    folder path (router_modules.py `launched_router`: pip's `--no-cache-dir` names no `request_api/utils/cache.py`),
    another by its word too (unloaded_files.py `DeploymentNames.names`)."""
    file_name = os.path.basename(summary.path)
    return launched_router(named_by, summary.module, file_name) if _regular(index, summary) else named_by.names(file_name)


def _regular(index, summary: ModuleSummary) -> bool:
    """The file lies in a regular package: an `__init__.py` beside it."""
    package = os.path.dirname(summary.path.replace(os.sep, "/"))
    return f"{package}/__init__.py" in index.by_path if package else False


def _loads(index, importer: ModuleSummary, imported: Set[str], summary: ModuleSummary) -> bool:
    """The importer spells the module's dotted name (or one below it: `imported`) in an import, or names its word in
    code and, for a member of a regular package, the package's word in code and a name-like string."""
    name = summary.module
    if name in imported:
        return True
    return not _regular(index, summary) or names_member(importer, name.rpartition(".")[0].rpartition(".")[2])
