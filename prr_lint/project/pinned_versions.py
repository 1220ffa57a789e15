"""The lowest version of a distribution the project admits, as its own files state it: a library whose
default changed (redis-py 8.0 gave its clients a 5 s socket and connect timeout) behaves by the version the
deployment installs.

The files of the project root are asked in order of authority, and the first that names the distribution
decides: the lock files (`uv.lock`, `poetry.lock`, `Pipfile.lock`'s `default` packages, `pdm.lock`: the version
installed), then the requirements files (`requirements*.txt`, and the `.txt` files of a `requirements/`
folder), then pyproject.toml's `[project] dependencies` and `[tool.poetry.dependencies]`, then setup.cfg's
`install_requires`, then a literal `install_requires=[...]` list of setup.py's `setup()` call. Where a source
names it more than once (a lock that resolves two versions for two Pythons, `requirements.txt` beside
`requirements-dev.txt`), the lowest counts, and a mention without a lower bound makes it unknown
(version_bounds.py says what each constraint admits). A file that cannot be read or parsed says nothing,
never stops the run (DESIGN.md §7).

Read lazily: nothing until a finding asks, each file once per run, and a lock file is parsed only when its text
names the distribution at all.
"""

from __future__ import annotations

import ast
import configparser
import json
import re
from pathlib import Path
from typing import Callable, Dict, Iterator, List, Optional, Tuple

from prr_lint.project.scripts import literal_lines, load_toml, read_declaration, setup_keywords
from prr_lint.project.version_bounds import Version, at_least, constraint_bound, lowest, normalized, parse_version, requirement
from prr_lint.tree_reads import list_folder

_MAX_FILE = 1 << 25  # a lock file of a large project runs to a few MiB
_LOCKS = ("uv.lock", "poetry.lock", "Pipfile.lock", "pdm.lock")
# What one source says: (distribution, lower bound or None) for each mention.
Mentions = List[Tuple[str, Optional[Version]]]


class PinnedVersions:
    """Answers `lower_bound(distribution)` for one project root."""

    def __init__(self, root: Optional[str]) -> None:
        self.root = Path(root) if root is not None else None
        self._texts: Dict[str, Optional[str]] = {}
        self._sources: Dict[str, Mentions] = {}

    def lower_bound(self, distribution: str) -> Optional[Version]:
        """The lowest version of `distribution` the most authoritative source that names it admits; None
        when none names it or that one admits any version."""
        name = normalized(distribution)
        for source in (*_LOCKS, "requirements", "pyproject.toml", "setup.cfg", "setup.py"):
            mentions = [bound for found, bound in self._mentions(source, name) if found == name]
            if mentions:
                return lowest(mentions)
        return None

    def admits_only_from(self, distribution: str, version: str) -> bool:
        """Every version of `distribution` the project admits is `version` or later."""
        bound, floor = self.lower_bound(distribution), parse_version(version)
        return bound is not None and floor is not None and at_least(bound, floor)

    def _text(self, name: str) -> Optional[str]:
        if name not in self._texts:
            self._texts[name] = read_declaration(self.root / name, _MAX_FILE) if self.root is not None else None
        return self._texts[name]

    def _mentions(self, source: str, name: str) -> Mentions:
        """A lock file is parsed once, and only if its text names the distribution; the others once."""
        if source in _LOCKS:
            text = self._text(source)
            if text is None or not re.search(r'"' + re.escape(name).replace(r"\-", "[-_.]") + r'"', text, re.I):
                return []
        if source not in self._sources:
            self._sources[source] = list(_READERS[source](self))
        return self._sources[source]


def _locked(pins: PinnedVersions, file: str) -> Iterator[Tuple[str, Optional[Version]]]:
    """`[[package]] name = "redis" version = "8.0.0"` of uv.lock, poetry.lock and pdm.lock."""
    packages = load_toml(pins._text(file)).get("package")
    for package in packages if isinstance(packages, list) else ():
        name, version = (package.get("name"), package.get("version")) if isinstance(package, dict) else (None, None)
        if isinstance(name, str) and isinstance(version, str):
            yield normalized(name), parse_version(version)


def _pipfile_lock(pins: PinnedVersions) -> Iterator[Tuple[str, Optional[Version]]]:
    """Pipfile.lock's `"default": {"redis": {"version": "==8.0.0"}}`: what a deployment installs (not `develop`)."""
    try:
        data = json.loads(pins._text("Pipfile.lock") or "{}")
    except (ValueError, RecursionError):  # a malformed lock pins nothing
        return
    packages = data.get("default") if isinstance(data, dict) else None
    for name, package in packages.items() if isinstance(packages, dict) else ():
        version = package.get("version") if isinstance(package, dict) else None
        yield normalized(str(name)), constraint_bound(version) if isinstance(version, str) else None


def _requirements(pins: PinnedVersions) -> Iterator[Tuple[str, Optional[Version]]]:
    """The requirement lines of the root's `requirements*.txt` and of a `requirements/` folder's `.txt` files."""
    if pins.root is None:
        return
    listed, folder = list_folder(pins.root), list_folder(pins.root / "requirements")
    names = [name for name in listed.files if name.startswith("requirements") and name.endswith(".txt")] if listed else []
    names += [f"requirements/{name}" for name in folder.files if name.endswith(".txt")] if folder else []
    for name in sorted(names):
        yield from _lines(pins._text(name))


def _lines(text: Optional[str]) -> Iterator[Tuple[str, Optional[Version]]]:
    """The requirements of some lines, a line ending in `\\` continued on the next (pip-compile's `--hash`es)."""
    for line in (text or "").replace("\\\n", " ").splitlines():
        found = requirement(line)
        if found is not None:
            yield found


def _pyproject(pins: PinnedVersions) -> Iterator[Tuple[str, Optional[Version]]]:
    """`[project] dependencies` (PEP 508 strings) and `[tool.poetry.dependencies]` (`redis = "^8.0"`, or a table
    or a list of tables with a `version`)."""
    data = load_toml(pins._text("pyproject.toml"))
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


def _setup_cfg(pins: PinnedVersions) -> Iterator[Tuple[str, Optional[Version]]]:
    parser = configparser.ConfigParser(interpolation=None)
    try:
        parser.read_string(pins._text("setup.cfg") or "")
        text = parser.get("options", "install_requires", fallback="")
    except configparser.Error:  # a malformed setup.cfg requires nothing
        return
    yield from _lines(text)


def _setup_py(pins: PinnedVersions) -> Iterator[Tuple[str, Optional[Version]]]:
    """A literal `install_requires=["redis>=8"]` of the `setup()` call; a list built at run time says nothing."""
    for keyword in setup_keywords(pins._text("setup.py")):
        if keyword.arg == "install_requires" and isinstance(keyword.value, (ast.List, ast.Tuple)):
            yield from _lines("\n".join(literal_lines(keyword.value)))


_READERS: Dict[str, Callable[[PinnedVersions], Iterator[Tuple[str, Optional[Version]]]]] = {
    **{lock: (lambda pins, lock=lock: _locked(pins, lock)) for lock in ("uv.lock", "poetry.lock", "pdm.lock")},
    "Pipfile.lock": _pipfile_lock, "requirements": _requirements, "pyproject.toml": _pyproject,
    "setup.cfg": _setup_cfg, "setup.py": _setup_py,
}
