"""The lowest version of a distribution the project admits for one module, as the project's own files state it: a
library whose default changed (redis-py 8.0 gave its clients a 5 s socket and connect timeout) behaves by the
version the deployment installs.

A folder's files are asked in order of authority, and the first that names the distribution decides: the lock files
(`uv.lock`, `poetry.lock`, `Pipfile.lock`'s `default` packages, `pdm.lock`: the version installed), then the
requirements files (`requirements*.txt`, and the `.txt` files of a `requirements/` folder), then pyproject.toml's
`[project] dependencies` and `[tool.poetry.dependencies]`, then setup.cfg's `install_requires`, then a literal
`install_requires=[...]` list of setup.py's `setup()` call. Where a source names it more than once (a lock that
resolves two versions for two Pythons, `requirements.txt` beside `requirements-dev.txt`), the lowest counts, and a
mention without a lower bound makes it unknown (version_bounds.py says what each constraint admits). A file that
cannot be read or parsed says nothing, never stops the run (DESIGN.md §7).

Two folders govern a module: the root, and the nearest folder above the module that declares a distribution of its
own or installs one (a pyproject.toml with `[project]` or `[tool.poetry]`, a setup.py calling `setup()`, a setup.cfg
with `[options]`, a requirements or lock file): a monorepo's `webapp/pyproject.toml` pins the redis its
`webapp/pkg/server.py` runs with (docassemble). A setup.py that calls no `setup()` is a module, not a declaration.
Where that folder says nothing of the distribution the root's decides, as for a module outside any sub-distribution.
Where both state a lower bound the higher holds, because both hold in any environment the module runs in that a
resolver built: the sub-distribution's own requirement is checked wherever it is installed, and a root requirements
file or lock that installs it (`-e ./webapp` beside `redis==7.4.0` under its `redis>=8`) is resolved together with
it, pip and uv stopping on the conflict rather than installing 7.4; a root pin of `redis>=7` beside it installs 8 or
later. A root floor above the sub-distribution's counts too, as it did before sub-distributions were asked: the
root's files are taken to install every distribution of the repository (a uv workspace's one root `uv.lock`).
Not modelled: an install that skips resolution (`pip install --no-deps`, a stale lock under `uv sync --frozen`), and
folders between the nearest one and the root.

Read lazily: nothing until a finding asks, each file once per run (each folder's sources cached), and a lock file is
parsed only when its text names the distribution at all.
"""

from __future__ import annotations

import ast
import configparser
import json
import re
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

from prr_lint.project.scripts import literal_lines, load_toml, read_declaration, setup_keywords
from prr_lint.project.version_bounds import Version, at_least, constraint_bound, highest, lowest, normalized, parse_version, requirement
from prr_lint.project.distributions import relative
from prr_lint.tree_reads import list_folder

_MAX_FILE = 1 << 25  # a lock file of a large project runs to a few MiB
_LOCKS = ("uv.lock", "poetry.lock", "Pipfile.lock", "pdm.lock")
_SOURCES = (*_LOCKS, "requirements", "pyproject.toml", "setup.cfg", "setup.py")  # in order of authority
# What one source says: (distribution, lower bound or None) for each mention.
Mentions = List[Tuple[str, Optional[Version]]]


class PinnedVersions:
    """Answers `lower_bound(distribution, module)` for one project root."""

    def __init__(self, root: Optional[str]) -> None:
        self.root = Path(root) if root is not None else None
        self._folders: Dict[str, _Folder] = {}
        self._nearest: Dict[str, str] = {}  # a module's folder -> the nearest folder at or above it that declares ("": the root)

    def lower_bound(self, distribution: str, module: Optional[str] = None) -> Optional[Version]:
        """The lowest version of `distribution` that the files governing `module` (a path in the project; None: the
        root's alone) admit: the higher of its nearest distribution's bound and the root's; None when neither states one."""
        name = normalized(distribution)
        return highest(self._folder(folder).lower_bound(name) for folder in dict.fromkeys((self._declaring(module), "")))

    def names(self, distribution: str, module: Optional[str] = None) -> bool:
        """A file governing `module` (as `lower_bound`) names `distribution`, at any version or none."""
        name = normalized(distribution)
        return any(self._folder(folder).names(name) for folder in dict.fromkeys((self._declaring(module), "")))

    def admits_only_from(self, distribution: str, version: str, module: Optional[str] = None) -> bool:
        """Every version of `distribution` the project admits for `module` is `version` or later."""
        bound, floor = self.lower_bound(distribution, module), parse_version(version)
        return bound is not None and floor is not None and at_least(bound, floor)

    def _folder(self, folder: str) -> _Folder:
        if folder not in self._folders:
            self._folders[folder] = _Folder(self.root / folder if self.root is not None else None)
        return self._folders[folder]

    def _declaring(self, module: Optional[str]) -> str:
        """The nearest folder above `module`, below the root, that declares a distribution; "" for none."""
        if module is None or self.root is None:
            return ""
        folder = relative(module, self.root).rpartition("/")[0]
        walked: List[str] = []
        while folder and not folder.startswith("..") and folder not in self._nearest:
            if self._folder(folder).declares():
                self._nearest[folder] = folder
                break
            walked.append(folder)
            folder = folder.rpartition("/")[0]
        found = self._nearest.get(folder, "")
        self._nearest.update(dict.fromkeys(walked, found))
        return found


class _Folder:
    """The sources of one folder, each file read once."""

    def __init__(self, path: Optional[Path]) -> None:
        self.path = path
        self._texts: Dict[str, Optional[str]] = {}
        self._sources: Dict[str, Mentions] = {}
        self._trees: Dict[str, Any] = {}  # each declaration file parsed once
        self._requirements: Optional[List[str]] = None

    def lower_bound(self, name: str) -> Optional[Version]:
        """The lowest version of the (normalized) distribution the folder's most authoritative source that names it
        admits; None when none names it or that one admits any version."""
        for source in _SOURCES:
            mentions = [bound for found, bound in self._mentions(source, name) if found == name]
            if mentions:
                return lowest(mentions)
        return None

    def names(self, name: str) -> bool:
        """Some source of the folder names the (normalized) distribution."""
        return any(found == name for source in _SOURCES for found, _ in self._mentions(source, name))

    def declares(self) -> bool:
        """The folder declares a distribution or installs one: a lock or requirements file, a pyproject.toml with
        `[project]` or `[tool.poetry]`, a setup.cfg with `[options]`, a setup.py calling `setup()`."""
        listed = list_folder(self.path) if self.path is not None else None
        if listed is None:
            return False
        if any(name in _LOCKS for name in listed.files) or self.requirements_files():
            return True
        pyproject = self.pyproject() if "pyproject.toml" in listed.files else {}
        tool = pyproject.get("tool")
        return ("project" in pyproject or (isinstance(tool, dict) and "poetry" in tool)
                or ("setup.cfg" in listed.files and self.setup_cfg().has_section("options"))
                or ("setup.py" in listed.files and any(True for _ in self.setup_calls())))

    def requirements_files(self) -> List[str]:
        """The folder's `requirements*.txt` and the `.txt` files of its `requirements/` folder, relative to it."""
        if self._requirements is None:
            listed = list_folder(self.path) if self.path is not None else None
            inner = list_folder(self.path / "requirements") if listed is not None and "requirements" in listed.folders else None
            names = [name for name in listed.files if name.startswith("requirements") and name.endswith(".txt")] if listed else []
            names += [f"requirements/{name}" for name in inner.files if name.endswith(".txt")] if inner else []
            self._requirements = sorted(names)
        return self._requirements

    def pyproject(self) -> Dict[str, object]:
        return self._parsed("pyproject.toml", load_toml)

    def setup_cfg(self) -> configparser.ConfigParser:
        return self._parsed("setup.cfg", _config)

    def setup_calls(self) -> List[ast.keyword]:
        """The keywords of setup.py's `setup()` calls."""
        return self._parsed("setup.py", lambda text: list(setup_keywords(text)))

    def _parsed(self, name: str, parse: Callable[[Optional[str]], Any]) -> Any:
        if name not in self._trees:
            self._trees[name] = parse(self.text(name))
        return self._trees[name]

    def text(self, name: str) -> Optional[str]:
        if name not in self._texts:
            self._texts[name] = read_declaration(self.path / name, _MAX_FILE) if self.path is not None else None
        return self._texts[name]

    def _mentions(self, source: str, name: str) -> Mentions:
        """A lock file is parsed once, and only if its text names the distribution; the others once."""
        if source in _LOCKS:
            text = self.text(source)
            if text is None or not re.search(r'"' + re.escape(name).replace(r"\-", "[-_.]") + r'"', text, re.I):
                return []
        if source not in self._sources:
            self._sources[source] = list(_READERS[source](self))
        return self._sources[source]


def _config(text: Optional[str]) -> configparser.ConfigParser:
    """setup.cfg's sections; none of a malformed one."""
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(text or "")
    except configparser.Error:  # a malformed setup.cfg declares and requires nothing
        return configparser.ConfigParser(interpolation=None)
    return parser


def _locked(pins: _Folder, file: str) -> Iterator[Tuple[str, Optional[Version]]]:
    """`[[package]] name = "redis" version = "8.0.0"` of uv.lock, poetry.lock and pdm.lock."""
    packages = load_toml(pins.text(file)).get("package")
    for package in packages if isinstance(packages, list) else ():
        name, version = (package.get("name"), package.get("version")) if isinstance(package, dict) else (None, None)
        if isinstance(name, str) and isinstance(version, str):
            yield normalized(name), parse_version(version)


def _pipfile_lock(pins: _Folder) -> Iterator[Tuple[str, Optional[Version]]]:
    """Pipfile.lock's `"default": {"redis": {"version": "==8.0.0"}}`: what a deployment installs (not `develop`)."""
    try:
        data = json.loads(pins.text("Pipfile.lock") or "{}")
    except (ValueError, RecursionError):  # a malformed lock pins nothing
        return
    packages = data.get("default") if isinstance(data, dict) else None
    for name, package in packages.items() if isinstance(packages, dict) else ():
        version = package.get("version") if isinstance(package, dict) else None
        yield normalized(str(name)), constraint_bound(version) if isinstance(version, str) else None


def _requirements(pins: _Folder) -> Iterator[Tuple[str, Optional[Version]]]:
    """The requirement lines of the folder's `requirements*.txt` and of its `requirements/` folder's `.txt` files."""
    for name in pins.requirements_files():
        yield from _lines(pins.text(name))


def _lines(text: Optional[str]) -> Iterator[Tuple[str, Optional[Version]]]:
    """The requirements of some lines, a line ending in `\\` continued on the next (pip-compile's `--hash`es)."""
    for line in (text or "").replace("\\\n", " ").splitlines():
        found = requirement(line)
        if found is not None:
            yield found


def _pyproject(pins: _Folder) -> Iterator[Tuple[str, Optional[Version]]]:
    """`[project] dependencies` (PEP 508 strings) and `[tool.poetry.dependencies]` (`redis = "^8.0"`, or a table
    or a list of tables with a `version`)."""
    data = pins.pyproject()
    project = data.get("project")
    dependencies = project.get("dependencies") if isinstance(project, dict) else None
    for line in dependencies if isinstance(dependencies, list) else ():
        found = requirement(line) if isinstance(line, str) else None
        if found is not None:
            yield found
    tool = data.get("tool")
    poetry = tool.get("poetry") if isinstance(tool, dict) else None
    table = poetry.get("dependencies") if isinstance(poetry, dict) else None
    for name, value in table.items() if isinstance(table, dict) else ():
        for choice in value if isinstance(value, list) else [value]:
            version = choice.get("version") if isinstance(choice, dict) else choice
            yield normalized(str(name)), constraint_bound(version) if isinstance(version, str) else None


def _setup_cfg(pins: _Folder) -> Iterator[Tuple[str, Optional[Version]]]:
    yield from _lines(pins.setup_cfg().get("options", "install_requires", fallback=""))


def _setup_py(pins: _Folder) -> Iterator[Tuple[str, Optional[Version]]]:
    """A literal `install_requires=["redis>=8"]` of the `setup()` call; a list built at run time says nothing."""
    for keyword in pins.setup_calls():
        if keyword.arg == "install_requires" and isinstance(keyword.value, (ast.List, ast.Tuple)):
            yield from _lines("\n".join(literal_lines(keyword.value)))


_READERS: Dict[str, Callable[[_Folder], Iterator[Tuple[str, Optional[Version]]]]] = {
    **{lock: (lambda pins, lock=lock: _locked(pins, lock)) for lock in ("uv.lock", "poetry.lock", "pdm.lock")},
    "Pipfile.lock": _pipfile_lock, "requirements": _requirements, "pyproject.toml": _pyproject,
    "setup.cfg": _setup_cfg, "setup.py": _setup_py,
}
