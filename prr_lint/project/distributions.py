"""Distributions packaged inside the repository beside the service: their own console scripts,
optional plug-ins the deployment does not install, and the helpers user_packages.py judges user packages with.

A monorepo often ships more than one distribution: a directory below the root with its own
`setup.py`, `setup.cfg` or `pyproject.toml` that declares one (not one of linters' settings alone: GeoSight's
`django_project/setup.cfg` of `[flake8]`, scripts.py `declares_distribution`) (StackStorm's `st2client/setup.py` declares the `st2`
operator command, `st2 = st2client.shell:main`). Its console scripts, and the script files it ships
(Nominatim's `nominatim-db` installs `scripts/nominatim`, script_files.py), are command-line programs as the
root's are (project/scope.py takes them as tool roots, so a client method only the `st2` command
reaches is operator tooling while the methods the server's own code calls stay).

A sub-distribution that only registers objects into plug-in groups (`entry_points={"alerta.plugins":
["gitlab = alerta_gitlab:GitlabIssue"]}`), declares no console script, whose modules no module
outside it imports, and that no deployment file beside it names (by its directory or its
distribution name: a Dockerfile's `pip install contrib/plugins/gitlab`, a requirements line
`alerta-gitlab`) is an optional plug-in: the service loads it only where someone installs it, and the
deployment in the repository does not. One inside a package (its parent directory holds an
`__init__.py`) is installed with that package, and stays. One that registers a pytest plug-in (`pytest11`) is a test
framework's plug-in (an integration-test suite's page models), whatever CI script installs it. Its code is not the service (project/scope.py). The deployment
files read are the launch files (stamps.is_launch_file) in the root and in the directories between
the root and the plug-in.

A sub-distribution its users install (a client SDK beside the server) is a user package: see
user_packages.py, which uses the helpers below. A command any of the project's distributions registers
into another tool's command group (`datalad.extensions`), installed or not, is judged by what asks for
it by name: extension_commands.py.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Set, Tuple

from prr_lint.modules import is_source_root
from prr_lint.project.script_files import script_file_targets
from prr_lint.project.scripts import SCRIPT_DECLARATIONS, SCRIPTS_GROUPS, declared_in, declares_distribution, distribution_name
from prr_lint.project.live_lines import read_launch_text
from prr_lint.stamps import is_container_file, is_launch_file
from prr_lint.tree_reads import is_file, list_folder

TEST_RUNNER_GROUPS = frozenset({"pytest11"})  # the plug-ins pytest loads into a test run


def relative(path: str, root: Path) -> str:
    path = path.replace("\\", "/")
    if os.path.isabs(path):
        path = os.path.relpath(path, root).replace("\\", "/")
    return path


def sub_distributions(root: Optional[Path], paths: Iterable[str]) -> Dict[str, List[Tuple[str, str, str]]]:
    """Directories below the root (relative, `/`-separated) holding a declaration file, each with the
    entry points (group, name, `pkg.mod:attr`) it declares; only the ancestors of `paths` are looked at."""
    if root is None:
        return {}
    directories: Set[str] = set()
    for path in paths:
        directory = relative(path, root).rpartition("/")[0]
        while directory and directory not in directories and not directory.startswith(".."):
            directories.add(directory)
            directory = directory.rpartition("/")[0]
    found: Dict[str, List[Tuple[str, str, str]]] = {}
    for directory in sorted(directories):
        folder = Path(root) / directory
        if _declares(folder):
            found[directory] = list(declared_in(folder))
    return found


def _declares(folder: Path) -> bool:
    """The folder holds a declaration file that declares a distribution (scripts.py `declares_distribution`): asked
    first of its listing, which the project tree's walk has recorded already for the run cache (tree_reads.py),
    rather than of each file's stat."""
    listed = list_folder(folder)
    return listed is not None and any(name in listed.files and declares_distribution(folder, name) for name in SCRIPT_DECLARATIONS)


def module_distributions(analysis) -> Dict[str, List[Tuple[str, str, str]]]:
    """`sub_distributions` of the folders that hold the project's modules, read once per run."""
    root = getattr(analysis.settings, "root", None)
    return analysis.derived("module-distributions", lambda: sub_distributions(
        Path(root) if root is not None else None, [module.path for module in analysis.index.modules.values()]))


def packaged(analysis) -> bool:
    """The project declares a distribution: a declaration file at the root or in a folder holding its
    modules (`module_distributions`). One that declares none installs nothing another project imports."""
    root = getattr(analysis.settings, "root", None)
    return root is None or _declares(Path(root)) or bool(module_distributions(analysis))


def publishes(analysis, folder: str) -> bool:
    """A distribution of the project may install `folder` (absolute, or relative to the root): a declaration file at
    the root or in a folder above it declares one (`module_distributions`), whose `find_packages()` is taken to
    take the folder in. Unknown without a root."""
    root = getattr(analysis.settings, "root", None)
    if root is None:
        return True
    directory = relative(folder, Path(root))
    return _declares(Path(root)) or any(directory == above or directory.startswith(above + "/")
                                        for above in module_distributions(analysis))


def sub_distribution_scripts(root: Optional[Path], paths: Iterable[str]) -> Dict[str, str]:
    """The programs the distributions install: the console scripts the sub-distributions declare and
    what the script files of the root and of the sub-distributions call (script_files.py): target
    `pkg.mod.func` -> script name."""
    if root is None:
        return {}
    distributions = sub_distributions(root, paths)
    found: Dict[str, str] = dict(script_file_targets(Path(root)))
    for directory in distributions:
        for target, name in script_file_targets(Path(root) / directory).items():
            found.setdefault(target, name)
    for entries in distributions.values():
        for group, name, value in entries:
            module, _, attribute = value.split()[0].partition(":")
            if group in SCRIPTS_GROUPS and module.strip() and attribute.strip():
                found.setdefault(f"{module.strip()}.{attribute.strip()}", name)
    return found


def unshipped_plugins(analysis) -> Set[str]:
    """The modules of optional plug-in distributions the deployment does not install (see the module
    docstring)."""
    root = getattr(analysis.settings, "root", None)
    index = analysis.index
    paths = {name: relative(module.path, Path(root)) for name, module in index.modules.items()} if root is not None else {}
    found: Set[str] = set()
    for directory, entries in module_distributions(analysis).items():
        groups = {group for group, _, _ in entries}
        if not groups or groups & SCRIPTS_GROUPS or in_package(Path(root), directory):
            continue
        inside = {name: path[len(directory) + 1:] for name, path in paths.items() if path.startswith(directory + "/")}
        test_plugin = bool(groups & TEST_RUNNER_GROUPS)  # installed where the tests run, whatever names it
        if not inside or _imported_from_outside(index, Path(root), directory, inside) or (not test_plugin and named_by_deployment(Path(root), directory)):
            continue
        found.update(inside)
    return found


def published_packages(analysis) -> Set[str]:
    """The top packages the project's distributions install (a package right inside a folder with a
    `setup.py`, `setup.cfg` or `pyproject.toml`, the root's too, or inside its `src/` folder): what
    their `__init__` imports is the distribution's API, which another distribution may import
    (`from doc_record_service import get_document`), so PRR501's dead code counts it as a use."""
    root = getattr(analysis.settings, "root", None)
    if root is None:
        return set()
    found: Set[str] = set()
    for name, module in analysis.index.modules.items():
        folder, _, filename = relative(module.path, Path(root)).rpartition("/")
        if filename != "__init__.py" or not folder:
            continue
        parent = (Path(root) / folder).parent
        if is_source_root(str(parent)):
            parent = parent.parent
        if _declares(parent):
            found.add(name)
    return found


def runs_on_its_own(folder: Path) -> bool:
    """The distribution's folder holds a `Dockerfile` (or Containerfile) or `Procfile`: it is built and run as a
    service of its own (bcgov's `queue_services/*`), whatever imports it."""
    listed = list_folder(folder)  # an unreadable folder runs nothing
    return listed is not None and any(name == "Procfile" or is_container_file(name) for name in listed.files)


def in_package(root: Path, directory: str) -> bool:
    """The directory lies inside a package (its parent holds an `__init__.py`): whatever installs
    that package installs it (consoleme's `consoleme/default_plugins`, named by the root's entry points)."""
    parent = (root / directory).parent
    return parent != root and (is_file(parent / "__init__.py") or is_file(parent / "__init__.pyi"))


def _imported_from_outside(index, root: Path, directory: str, inside: Dict[str, str]) -> bool:
    """A module outside the distribution imports one of its modules (`_importers`)."""
    return next(_importers(index, root, directory, inside), None) is not None


def _importers(index, root: Path, directory: str, inside: Dict[str, str]) -> Iterator[str]:
    """The modules outside the distribution that import one of its modules, by the name the repository
    layout gives it or by an import name the installed distribution provides (the first part of a
    module's path inside it: `alerta_gitlab` for `contrib/plugins/gitlab/alerta_gitlab.py`; below a
    `src/` folder that is no package, the "src layout": `document_record_service` for
    `src/document_record_service/document_service.py`, not `src`, which a service's own package may be)."""
    tops = {import_top(root, directory, path) for path in inside.values()}
    for name, module in index.modules.items():
        if name not in inside and any(index.module_of(target) in inside or target.split(".", 1)[0] in tops
                                      for target in module.imports.values()):
            yield name


def import_top(root: Path, directory: str, path: str) -> str:
    """The top-level import name a module at `path` (inside the distribution at `directory`) installs as."""
    first, _, rest = path.partition("/")
    if rest and is_source_root(str(root / directory / first)):
        first, _, rest = rest.partition("/")
    return first[: -len(".py")] if not rest and first.endswith(".py") else first


def named_by_deployment(root: Path, directory: str) -> bool:
    """A launch file in the root or between the root and `directory` names the directory, a folder
    that holds it (`COPY plugins /src/plugins` then `pip install` of each folder in it), or the
    distribution."""
    name = distribution_name(root / directory)
    parts = directory.rstrip("/").split("/")
    holders = ["/".join(parts[:depth]) for depth in range(len(parts) - 1, 0, -1)]  # as a path: not `python:3.12`
    patterns = [r"(?<![\w.-])" + re.escape("/".join(parts)) + r"(?![\w.-])"] + [
        r"(?<![\w.-])" + re.escape(folder) + r"(?=/|\s|[\"'\],]|$)" for folder in holders] + (
        [r"(?<![\w.-])" + re.escape(name) + r"(?![\w.-])"] if name else [])
    pattern = re.compile("|".join(patterns), re.I)
    for depth in range(len(parts)):
        folder = root.joinpath(*parts[:depth]) if depth else root
        listed = list_folder(folder)  # an unreadable folder names nothing
        for name in listed.files if listed is not None else ():
            if is_launch_file(os.path.join(folder, name)):
                text = read_launch_text(os.path.join(folder, name))
                if text is not None and pattern.search(text):
                    return True
    return False
