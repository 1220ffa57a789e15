"""First-party code the tree does not hold: git submodules that are not checked out (their folder missing or empty).

A repository that declares a submodule in its root `.gitmodules` (`[submodule "core"]`, `path = core`) imports the
submodule's code as its own (`from core.app_server import ErrorHandler`), but a checkout without
`--recurse-submodules`, a GitHub source archive or a CI job that does not fetch submodules leaves its folder empty.
The analysis then cannot see what that code does: a call of it is no unknown third-party library, whose API is
modelled or is not a report, but the project's own helper, which may well report (a shared library's error handler
that logs every exception with its traceback). project/reporters.py `is_sink_call` counts such a call as one that may
report when the handler hands it the caught exception itself (rules/handed_errors.py).

Read once per run, through tree_reads.py: only the project root's `.gitmodules` (the root is the config file's
folder, else the `.git` folder's: where git keeps it), parsed as git config (`[submodule "name"]` sections and their
last `path`; the old `[submodule.name]` spelling too; comments, quotes and escapes). A `.gitmodules` in a subfolder
or a vendored dependency describes another repository and is not read. A submodule counts as not checked out only
when its folder is missing or empty, as git leaves it; a folder with any entry is checked out (its Python code is
linted and read as any other; a folder of translations, schemas or protos holds nothing importable, so its name is
not the submodule's code), and so is a file at the path. The package names a path gives: the path dotted, relative
to the project root and to each import root the index's modules are named from (`src/`, a folder above a package:
modules.py), when every part is an identifier; less those whose top-level name something else supplies: a standard
module (`locale`), or a distribution the project declares (pinned_versions.py, by the conventional import names
bundled.py gives: `schema`, `python-i18n` for `i18n`), as the import would then reach the library. A name counts as
absent code only when no indexed module holds it (index.module_of): a module of the tree that answers the name
wins, as the import system would find it.
"""

from __future__ import annotations

import posixpath
import re
from typing import Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from prr_lint.project.bundled import distribution_names
from prr_lint.project.index import ProjectIndex
from prr_lint.project.pinned_versions import PinnedVersions
from prr_lint.standard_modules import STANDARD_MODULES
from prr_lint.tree_reads import is_file, list_folder, read_text

GITMODULES = ".gitmodules"
_MAX_BYTES = 1_000_000
_SECTION = re.compile(r'\[\s*([A-Za-z0-9.-]+)(?:\s+"((?:[^"\\]|\\.)*)")?\s*\]\s*(?:[#;].*)?$')
_ENTRY = re.compile(r"([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$")
_ESCAPES = {"\\": "\\", '"': '"', "n": "\n", "t": "\t", "b": "\b"}


def parse_gitmodules(text: str) -> List[str]:
    """The `path` of each submodule section of a `.gitmodules` text (the last one a section gives), in order."""
    paths: Dict[str, str] = {}
    section: Optional[str] = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line[0] in "#;":
            continue
        if line.startswith("["):
            match = _SECTION.match(line)
            if match is None:
                section = None
                continue
            name, subsection = match.group(1), match.group(2)
            if subsection is not None:
                section = _unescape(subsection) if name.lower() == "submodule" else None
            else:  # `[submodule.core]`: the old spelling of a subsection
                head, dot, rest = name.partition(".")
                section = rest if dot and head.lower() == "submodule" and rest else None
            continue
        entry = _ENTRY.match(line)
        if entry is not None and section is not None and entry.group(1).lower() == "path" and entry.group(2) is not None:
            paths[section] = _value(entry.group(2))
    return [path for path in paths.values() if path]


def _value(text: str) -> str:
    """A git config value: quotes dropped, escapes read, an unquoted `#` or `;` starting a comment, outer blanks
    trimmed."""
    out: List[str] = []
    quoted = False
    index = 0
    while index < len(text):
        char = text[index]
        if char == "\\" and index + 1 < len(text):
            out.append(_ESCAPES.get(text[index + 1], text[index + 1]))
            index += 2
            continue
        if char == '"':
            quoted = not quoted
        elif char in "#;" and not quoted:
            break
        else:
            out.append(char)
        index += 1
    return "".join(out).strip()


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def absent_packages(index: ProjectIndex) -> FrozenSet[str]:
    """The dotted package names of the root's submodules whose code the tree does not hold (read once per run)."""
    return index.derived("absent-submodules", lambda: frozenset(_absent_packages(index)))


def absent_code(index: ProjectIndex, name: str) -> bool:
    """`name` (`core.app_server.ErrorHandler.handle`) is first-party code the tree does not hold: it lies in a
    package of an absent submodule, and no indexed module holds it."""
    packages = absent_packages(index)
    if not packages or not any(name.startswith(package + ".") for package in packages):
        return False
    return not index.module_of(name)


def _absent_packages(index: ProjectIndex) -> Set[str]:
    root = index.root
    if root is None:
        return set()
    text = read_text(posixpath.join(str(root), GITMODULES), _MAX_BYTES)
    paths = [path for path in map(_normalised, parse_gitmodules(text or "")) if path is not None]
    absent = [path for path in paths if not _checked_out(posixpath.join(str(root), path))]
    if not absent:
        return set()
    roots = import_roots((module.path, module.module) for module in index.modules.values())
    names = {name for path in absent for name in _package_names(path, roots)}
    return {name for name in names if not _supplied(name.partition(".")[0], index, str(root))}


def _supplied(top: str, index: ProjectIndex, root: str) -> bool:
    """Something other than the submodule answers the top-level name `top`: a standard module, or a distribution
    that the files governing the root or any linted module declare (the import reaches the installed library)."""
    if top in STANDARD_MODULES:
        return True
    pins = PinnedVersions(root)
    folders = {posixpath.dirname(module.path) for module in index.modules.values()}
    places = [None, *(posixpath.join(folder, "__init__.py") for folder in sorted(folders))]
    return any(pins.names(distribution, place) for distribution in distribution_names(top) for place in places)


def _normalised(path: str) -> Optional[str]:
    """A root-relative path with `/` separators, or None for one that leaves the tree."""
    path = path.replace("\\", "/")
    if path.startswith("/"):
        return None
    parts = [part for part in path.split("/") if part not in ("", ".")]
    return "/".join(parts) if parts and ".." not in parts else None


def _checked_out(folder: str) -> bool:
    """The submodule's path holds something: a folder with any entry, or a file. Only a missing or empty folder is
    a submodule git has not checked out."""
    if is_file(folder):
        return True
    listing = list_folder(folder)
    return listing is not None and bool(listing.folders or listing.files)


def import_roots(modules: Iterable[Tuple[str, str]]) -> Set[str]:
    """The folders (root-relative, "" for the root) that modules, given as (path, dotted name), are named from, as
    modules.py names them: the path's folders less those its dotted name spells (`src/svc/app.py`, `svc.app`: `src`)."""
    roots = set()
    for path, module in modules:
        if posixpath.isabs(path) or path.startswith("../"):  # outside the root
            continue
        folders, _, file_name = path.rpartition("/")
        stem = file_name.rpartition(".")[0] or file_name
        parts = [part for part in folders.split("/") if part] + ([] if stem == "__init__" else [stem])
        names = module.split(".")
        if len(names) <= len(parts) and parts[len(parts) - len(names):] == names:
            roots.add("/".join(parts[:len(parts) - len(names)]))
    return roots


def _package_names(path: str, roots: Iterable[str]) -> Set[str]:
    """The package names `path` gives below the project root and each import root above it."""
    names = set()
    for root in {"", *roots}:
        if root and not path.startswith(root + "/"):
            continue
        parts = (path[len(root) + 1:] if root else path).split("/")
        if all(part.isidentifier() for part in parts):
            names.add(".".join(parts))
    return names
