"""Top-level packages that may start without an import the index sees: what support.py asks before it takes a
package's own `__init__` for test support (a bundled client SDK only the service's tests import).

Inside the project a package runs when a module imports it, which support.py counts. Beside that a package may start:

* on its own: one of its modules builds an app, starts a server or loops until the process stops (unloaded_modules.py
  `serves`), which a deployment may run by a name no file here holds (a package with a `__main__.py` is a program, which
  support.py never takes), or an entry point of the root's or a sub-distribution's declaration files names one (a
  console script `sdk-cli = sdk.cli:main` a crontab runs by its own name, a plug-in its host loads by group);
* by a deployment file, whatever its kind: a launch file runs one of its modules (`python -m sdk.worker`:
  unloaded_files.py `run_pattern`), or any text file of the tree or the run's launch files (hidden folders too,
  `.ebextensions/`; not documentation, stylesheets, lock files, a README, a licence, pip's requirements: `_INERT`,
  `_INERT_TEXT`, unless the run launches it) names its word as a token of its own or as a whole folder of a path
  (word_counts.py `name_tokens`: `gunicorn sdk:app`, `python -c 'import sdk'` in a `Dockerfile.worker`, a systemd
  unit or a `crontab.txt`, `<%! from sdk import Client %>` in a Mako template, `import sdk` in a `.pth`, `handler =
  "sdk.client.handler"` in Terraform, `PYTHONPATH=/srv/app/sdk`, `workingDir: /srv/app/sdk`, a comment too); a
  hostname, an address, a URL or a file's name that holds the word (`www.sdk.com`, `help@sdk.com`,
  `https://example.com/sdk`, `/static/sdk.png`) names none, and a URL blanks only itself (`import
  sdk;sdk.get('https://x.com')`, a compact JSON line). CI pipelines, test runners' files, test paths and Vagrant
  scripts run tests and developers' machines (launchers.py `development_file`): `pytest sdk/test` there starts
  nothing deployed;
* by a name in code: a string literal of a non-test module outside it that names its word by the same rule (the
  summary's `path_starts`: `INSTALLED_APPS = ["sdk"]`, `"django.contrib.admin,sdk"`, `import_module("sdk.client")`,
  `f"sdk.{name}"`, `exec("import sdk")`, `"-msdk.sync"`, `cwd="/srv/app/sdk"`, `"uwsgi --module sdk.wsgi:app"`;
  `"help.sdk.com"` starts with `help`; of a sentence's clause, "email sales at sdk dot com.", only its code, a `-m
  sdk.x`, a path's folder, an `sdk.x:app`, an `import sdk`, and the rest of its string by the rule: `"echo Starting
  the sync. && cd sdk && ./worker.py"`); an import of one of its modules by the end of its dotted name
  that no project module answers (`import client` with `sdk/` on `sys.path`); a loader of a computed name or path
  that may load one of its modules (unloaded_files.py `Loaders`); or Python the index does not hold that names its
  word as a token of its own: a program without a `.py` name (`bin/sdk-shell`), a `.py` file outside the package's
  own folder that did not parse (a Python 2 module of a Python 2 deployment, a program `sdk/bin/sync.py` beside a
  package `sdk/sdk/`) or that the run excludes. When the tree or such a file cannot be read, anything may have
  started it.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Dict, FrozenSet, List, Optional, Set

from prr_lint.model import LOOPS_FOREVER, ModuleSummary
from prr_lint.paths import is_test_path
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.index import ProjectIndex
from prr_lint.project.launchers import development_file
from prr_lint.project.live_modules import spelled
from prr_lint.project.project_tree import ProjectTree, project_tree, read_tree
from prr_lint.project.support import test_modules
from prr_lint.project.texts import read_bounded
from prr_lint.project.unloaded_files import deployment_names, shared_loaders
from prr_lint.project.unloaded_modules import entry_point_modules, serves
from prr_lint.tree_reads import list_folder
from prr_lint.word_counts import name_tokens

# Files that start nothing, whatever words they hold: documentation, stylesheets, lock files, pictures, and text files
# of those kinds by their whole names (`_INERT_TEXT`: `README.txt`, `LICENSE.txt`, `CHANGES.txt`, `runtime.txt`; pip's
# `requirements*.txt`, `constraints*.txt` and `requirements/*.txt`), not by a name's start (`news_digest_cron.txt`).
# Every other text file may (a `Dockerfile.worker`, a systemd unit, a PM2 or Nomad file, a `.wsgi` script, a Mako
# template's `<%! import %>`, a `.pyx` or `.pth`, a Terraform handler, a `crontab.txt` a Dockerfile installs), so every
# other one is read, and a launch file of the run whatever its kind.
_INERT = (".md", ".rst", ".css", ".less", ".scss", ".sass", ".svg", ".lock", ".map", ".po", ".mo")
_INERT_TEXT = re.compile(r"(?i)(?:.*/)?(?:(?:readme|licen[cs]e|copying|notice|authors|contributors|changelog|changes|"
                         r"history|news|robots|humans|runtime)\.txt|(?:requirements|constraints)(?:[-_.][\w.-]*)?\.txt"
                         r"|requirements/[^/]*\.txt)")
# Hidden folders that deploy nothing: version control, editors, caches, virtual environments.
_NOT_DEPLOYED = frozenset({".git", ".hg", ".svn", ".venv", ".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache",
                           ".idea", ".vscode", ".cache", ".eggs", ".ipynb_checkpoints", ".direnv"})
_UNKNOWN = "*"  # stands in the tokens for a tree that could not be read: any word may be named


def started_by_name(analysis: ServingAnalysis, package: str) -> bool:
    """Whether the project's top-level package `package` may start without a project module importing it (module
    docstring)."""
    index = analysis.index
    members = {name for name in index.modules if name == package or name.startswith(f"{package}.")}
    if members & _running(analysis) or members & analysis.derived("entry-point-modules", lambda: entry_point_modules(analysis)):
        return True
    tests = analysis.derived("test-modules", lambda: test_modules(index))
    outside = [summary for name, summary in index.modules.items() if name not in members and name not in tests]
    if any(package in summary.path_starts for summary in outside) or _bare_import(index, members, outside):
        return True
    named_by, loaders = deployment_names(analysis, analysis.derived("launch-files", tuple)), shared_loaders(analysis)
    words = standing_words(analysis)
    if not named_by.known or package in named_by.script_words or _UNKNOWN in words \
            or any(not _own_module(analysis, package, path) for path in words.get(package, ())):
        return True
    file_names = {f"{package}.py"} | {os.path.basename(index.modules[name].path.replace(os.sep, "/")) for name in members}
    return any(named_by.launch_runs(file_name) for file_name in sorted(file_names)) or any(loaders.may_load(name) for name in sorted(members))


def _own_module(analysis: ServingAnalysis, package: str, path: str) -> bool:
    """Whether the tree-relative `path` is a `.py` file in the package's own folder (a module of it that did not
    parse): it names the package, and starts nothing. Its folder, not the top folder (`sdk/bin/sync.py` beside a
    package `sdk/sdk/` is a program outside it)."""
    root = project_tree(analysis).root
    folder = os.path.relpath(os.path.dirname(os.path.join(root, analysis.index.modules[package].path)), root)
    return path.endswith(".py") and path.startswith(os.path.normpath(folder) + os.sep)


def _running(analysis: ServingAnalysis) -> FrozenSet[str]:
    """The modules one of whose functions builds an app, starts a server or loops until the process stops: computed
    once per run, however many packages ask."""
    index = analysis.index
    return analysis.derived("started-packages-running", lambda: frozenset(
        index.module_of(name) for name, function in index.functions.items()
        if LOOPS_FOREVER in function.tags or serves(index, function)))


def _bare_import(index: ProjectIndex, members: Set[str], outside: List[ModuleSummary]) -> bool:
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


def standing_words(analysis: ServingAnalysis) -> Dict[str, FrozenSet[str]]:
    """The words standing as tokens or path segments of their own (word_counts.py `name_tokens`, the rule a string of
    code is read by) in the project tree's text files that are no documentation or other inert kind (`_INERT`,
    `_INERT_TEXT`), no `.py` module the index holds (the summaries read those), no test and no development file,
    and in the run's launch files whatever their kind (hidden folders too: `.ebextensions`), each with the paths of
    the files that name it (a package's own module that did not parse names the package, and starts
    nothing: `started_by_name` leaves those out); `_UNKNOWN` when the tree or such a `.py` file cannot be read. Read
    once per run, and only when a package asks."""
    return analysis.derived("standing-words", lambda: _standing_words(analysis))


def _standing_words(analysis: ServingAnalysis) -> Dict[str, FrozenSet[str]]:
    tree = project_tree(analysis)
    if not tree.known:
        return {_UNKNOWN: frozenset()}
    held = {os.path.normpath(summary.path) for summary in analysis.index.by_path.values()}
    paths = {os.path.normpath(os.path.join(folder, name)) for folder, name in tree.files()}
    launched = {os.path.normpath(os.path.join(tree.root, path)) for path in analysis.derived("launch-files", tuple)}
    paths.update(launched)
    hidden = _hidden_files(tree)
    if hidden is None:
        return {_UNKNOWN: frozenset()}
    paths.update(hidden)
    found: Dict[str, Set[str]] = {}
    for path in sorted(paths):
        relative = os.path.normpath(os.path.relpath(path, tree.root))
        python = path.endswith(".py")
        inert = path.endswith(_INERT) or _INERT_TEXT.fullmatch(relative.replace(os.sep, "/")) is not None
        if (python and (relative in held or path in held)) or (inert and path not in launched) \
                or is_test_path(relative.replace(os.sep, "/")) or development_file(path, tree.root):
            continue
        text = read_bounded(path)  # a file too large to be hand-written configures nothing by hand
        if text is None and python:
            return {_UNKNOWN: frozenset()}
        for word in name_tokens(text) if text is not None and "\0" not in text else ():
            found.setdefault(word, set()).add(relative)
    return {word: frozenset(places) for word, places in found.items()}


def _hidden_files(tree: ProjectTree) -> Optional[Set[str]]:
    """The files in hidden folders of the tree, which the project tree does not walk (`.ebextensions/01.config`, a
    `.platform` hook), but a version control's, an editor's, a cache's or a virtual environment's (`_NOT_DEPLOYED`);
    None when such a folder's tree is past the bounds. Read through tree_reads, as every project-phase read is."""
    found: Set[str] = set()
    for folder in {folder for folder, _ in tree.files()} | {str(tree.root)}:
        listed = list_folder(folder)
        for name in listed.folders if listed is not None else ():
            if not name.startswith(".") or name in _NOT_DEPLOYED:
                continue
            hidden = read_tree(tree.root, Path(folder) / name)
            if not hidden.known:
                return None
            found.update(os.path.normpath(os.path.join(inner, file_name)) for inner, file_name in hidden.files())
    return found
