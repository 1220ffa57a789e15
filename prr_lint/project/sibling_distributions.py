"""Sibling distributions: a client SDK, a CLI or a dev tool shipped in the service's repository.

awx ships `awxkit/` (the API client and CLI, with its own setup.py) beside `awx/`; baserow ships
`changelog/` (a typer tool with its own setup.py). They are packaged and installed on their own; the
running service never imports them, so a print or a swallowed error there is the client's business,
not the service's: the scoped rules (scope.py) leave them out in the `serving` scope.

A folder counts by behaviour: it holds its own packaging file (setup.py, setup.cfg, or a
pyproject.toml with a `[project]` table or setuptools configuration, an Ansible collection's
galaxy.yml) other than the project root's, and it is not the service when no module outside it
imports any of its modules (test code aside: tests may drive the client; so is another such
distribution, awx's collection importing awxkit), it holds no serving entry point, no handler registration and no
background work (commands aside), and nothing in it starts a server or loops until the process
stops. A library the service imports (opal-common under opal-server) or a distribution that serves
(copr's frontend, backend and dist-git, each with a setup.py and a daemon of its own) stays. Only in a
project whose serving entry points prr-lint sees elsewhere: without them, the unrecognised service
may be any of its distributions.
"""

from __future__ import annotations

import posixpath
import sys
from pathlib import Path
from typing import Callable, Dict, List, Optional, Set

from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.cli_programs import COMMAND_KINDS
from prr_lint.project.support import test_modules

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python < 3.11 only
    import tomli as tomllib


def sibling_distribution_modules(analysis: ServingAnalysis, long_running: Callable[[List[str]], bool]) -> Set[str]:
    """Project modules in sibling distributions that are not the service (see the module docstring);
    `long_running` tells whether functions start a server or never stop."""
    root = getattr(analysis.settings, "root", None)
    index, model = analysis.index, analysis.model
    if root is None or not model.seeds:
        return set()
    members = _distributions(Path(root), [module.path for module in index.modules.values()])
    if not members:
        return set()
    by_folder: Dict[str, Set[str]] = {}
    for name, module in index.modules.items():
        folder = members.get(module.path)
        if folder is not None:
            by_folder.setdefault(folder, set()).add(name)
    tests = test_modules(index)
    commands = {context.qualname for context in model.batch_contexts if context.kind in COMMAND_KINDS}
    working = model.seeds | (model.batch - commands)
    serving = {module.module for module in map(analysis.module_of, working) if module is not None}
    candidates: Dict[str, Set[str]] = {}
    for folder, names in by_folder.items():
        if names & serving or any(index.modules[name].registrations for name in names) or serving <= names:
            continue
        functions = sorted(name for name in index.functions if index.module_of(name) in names)
        if not long_running(functions):
            candidates[folder] = names
    # Imports from another distribution that is not the service do not count (awx's Ansible collection
    # imports awxkit; nothing of the service imports either): settle them together.
    changed = True
    while changed:
        changed = False
        for folder, names in list(candidates.items()):
            if not _imported_from_outside(analysis, names | _installed_names(analysis, folder, names), tests | _other(candidates, folder)):
                continue
            del candidates[folder]
            changed = True
    return {name for names in candidates.values() for name in names}


def _installed_names(analysis: ServingAnalysis, folder: str, names: Set[str]) -> Set[str]:
    """The names the distribution's modules are imported by once installed: their path below the folder
    (`awxkit/awxkit/api.py` is `awxkit.api`), or below its `src/` folder (`src/pkg/mod.py` is `pkg.mod`)."""
    found: Set[str] = set()
    for name in names:
        parts = analysis.index.modules[name].path[len(folder) + 1:].rpartition(".")[0].split("/")
        parts = parts[:-1] if parts[-1] == "__init__" else parts
        found.update(".".join(parts[start:]) for start in ((0, 1) if parts[0] == "src" and len(parts) > 1 else (0,)))
    return found - {""}


def _other(candidates: Dict[str, Set[str]], folder: str) -> Set[str]:
    """The modules of the candidate distributions other than `folder`'s."""
    return {name for other, names in candidates.items() if other != folder for name in names}


def _imported_from_outside(analysis: ServingAnalysis, names: Set[str], aside: Set[str]) -> bool:
    """Whether a module outside `names` and `aside` (test code, other clients) imports one of them or a name from one."""
    index = analysis.index
    for module in index.modules.values():
        if module.module in names or module.module in aside:
            continue
        for target in module.imports.values():
            while target:
                if target in names:
                    return True
                target = target.rpartition(".")[0]
    return False


def _distributions(root: Path, paths: List[str]) -> Dict[str, str]:
    """Module path -> the innermost folder below the root that holds a packaging file of its own."""
    packaged: Dict[str, bool] = {}
    found: Dict[str, str] = {}
    for path in paths:
        folder = posixpath.dirname(path)
        while folder and folder != ".":
            if folder not in packaged:
                packaged[folder] = _packages(root / folder)
            if packaged[folder]:
                found[path] = folder
                break
            folder = posixpath.dirname(folder)
    return found


def _packages(folder: Path) -> bool:
    """Whether `folder` holds a packaging file: setup.py, setup.cfg, an Ansible collection's galaxy.yml,
    or a pyproject.toml that declares a project or configures setuptools (not only linters)."""
    if any((folder / name).is_file() for name in ("setup.py", "setup.cfg", "galaxy.yml")):
        return True
    data = _toml(folder / "pyproject.toml")
    return data is not None and ("project" in data or "setuptools" in data.get("tool", {}))


def _toml(path: Path) -> Optional[dict]:
    try:
        return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else None
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
