"""Which Debian source packages are the project's own: the root's `debian/`, and a skeleton its build copies there.

dpkg-buildpackage builds the source package whose `debian/` folder lies in the folder it runs in: a project's own
is `debian/` at its root. Some projects keep that packaging elsewhere and copy it into place when they build
(rpki.net's `buildtools/build-debian-packages.py`: `shutil.copytree("buildtools/debian-skeleton", "debian")`).
Such a skeleton is the root's packaging too, when the copy is the project's own and lands in the root's `debian/`:

* the copy is in a project file: not at a test path, not inside a sub-distribution (a folder below the root with
  its own setup.py, setup.cfg or pyproject.toml packages itself); a Python file whose code (not a comment nor a
  string) calls `shutil.copytree` with two string literals, or a shell script or makefile that runs `cp -r` (`-R`,
  `-a`) on two literal paths;
* its destination is `debian` and its source a folder of the project holding `control` and `rules`, both read from
  the root: the working directory where the source is found. A script in a subfolder whose own folder holds the
  source too may run there and build that folder's package instead, and a makefile runs in its own folder: they
  count only at the root;
* the skeleton is a project folder by the same test as the copying file.

A script that also copies into `debian/` (or somewhere not written out) from a path built at run time
(`copytree(os.path.join(HERE, "pkg"), "debian")`, `cp -r $(PKG) debian`) shows no skeleton: which copy runs is
unknown. A `debian/` folder of a sub-distribution packages that subtree, not the service, and is not read; nor is
one of a test. Every other project folder holding a `control` file (a skeleton nothing copies, a stale one, a
vendored library's with no distribution of its own) is read as a veto only: one that admits Python 3 keeps the
findings, since the build may be the one that uses it, and reading more for Python 3 only keeps findings.
"""

from __future__ import annotations

import ast
import os
import re
import shlex
import tokenize
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, NamedTuple, Optional, Sequence, Set, Tuple

from prr_lint.paths import is_test_path
from prr_lint.project.debian_control import CONTROL, RULES, debian_python
from prr_lint.project.image_commands import SEPARATORS
from prr_lint.project.python_versions import Versions, majors
from prr_lint.project.scripts import SCRIPT_DECLARATIONS, declares_distribution
from prr_lint.project.texts import read_bounded
from prr_lint.source_tokens import SourceTokens
from prr_lint.tree_reads import is_file, is_folder, list_folder

DEBIAN = "debian"
_TESTS = "tests"  # autopkgtest's folder in a source package
_HISTORY = ("changelog", "copyright")
_SHELL_SUFFIXES = (".sh", ".bash")
_MAKEFILES = ("Makefile", "makefile", "GNUmakefile")
_IMPORTS_SHUTIL = re.compile(r"^[ \t]*import[ \t]+(?:[\w.]+[ \t]*,[ \t]*)*shutil[ \t]*(?:,|#|$)", re.MULTILINE)
_FROM_SHUTIL = re.compile(r"^[ \t]*from[ \t]+shutil[ \t]+import[^\n#]*\bcopytree\b", re.MULTILINE)
_SKIPPED = frozenset({tokenize.NL, tokenize.NEWLINE, tokenize.COMMENT, tokenize.INDENT, tokenize.DEDENT})


class DebianFolder(NamedTuple):
    """A source package's folder (absolute), and the project file that copies it into the root's `debian/` (None for
    the root's own `debian/`). `veto`: a package of the project's nothing shows to be the one built (a skeleton no
    literal copy brings into place), read only for Python 3 (module docstring)."""

    folder: str
    copied_by: Optional[str]
    veto: bool = False


def debian_folders(root: str, files: Iterable[Tuple[str, str]]) -> List[DebianFolder]:
    """The project's own Debian source packages: the root's `debian/` when it holds a control file, then each skeleton
    a project file copies there (module docstring). `files` are the project tree's (folder, file name)."""
    root = os.path.abspath(os.fspath(root))
    own = os.path.join(root, DEBIAN)
    found = [DebianFolder(own, None)] if is_file(os.path.join(own, CONTROL)) else []
    names: Dict[str, Set[str]] = {}
    for folder, name in files:
        names.setdefault(os.path.abspath(folder), set()).add(name)
    skeletons = {folder for folder, held in names.items()
                 if {CONTROL, RULES} <= held and folder != own and project_folder(root, folder)}
    copied: Dict[str, str] = {}
    own_folders: Dict[str, bool] = {}
    for folder, held in sorted(names.items()) if skeletons else ():
        for name in sorted(held):
            path = os.path.join(folder, name)
            if not _script(name) or is_test_path(os.path.relpath(path, root).replace(os.sep, "/")):
                continue
            if not own_folders.setdefault(folder, project_folder(root, folder)):
                continue
            for skeleton in _copied(root, folder, name, path):
                if skeleton in skeletons:
                    copied.setdefault(skeleton, path)
    others = sorted(folder for folder, held in names.items()
                    if CONTROL in held and folder != own and folder not in copied and project_folder(root, folder))
    return [*found, *(DebianFolder(skeleton, script) for skeleton, script in sorted(copied.items())),
            *(DebianFolder(folder, None, veto=True) for folder in others)]


def _copied(root: str, folder: str, name: str, path: str) -> List[str]:
    """The folders a project file's literal copies bring into the root's `debian/`; none when the file also copies
    into `debian` (or somewhere not written out) from a path built at run time (`copytree(os.path.join(HERE, ...),
    "debian")`, `cp -r $(PKG) debian`): then which of its copies runs is unknown."""
    landed: List[str] = []
    for source, destination in _copies(name, path):
        if destination is None or (source is None and os.path.normpath(destination) == DEBIAN):
            return []
        skeleton = _landing(root, folder, name, source, destination) if source is not None else None
        landed.extend([skeleton] if skeleton is not None else [])
    return landed


def debian_declarations(root: Optional[str], folders: Sequence[DebianFolder]) -> List[Tuple[Versions, str]]:
    """The Python each of the project's Debian source packages builds for (debian_control.py), and where it says so
    (`debian/control: X-Python-Version: 2.7`): packaging declarations for python2_runtime.py. A `veto` folder counts
    only when it admits Python 3."""
    found: List[Tuple[Versions, str]] = []
    for folder, copied_by, veto in folders:
        control = read_bounded(os.path.join(folder, CONTROL))
        python = debian_python(control, read_bounded(os.path.join(folder, RULES)), _other_files(folder)) if control else None
        if python is None or (veto and 3 not in majors(python.versions)):
            continue
        where = os.path.join(folder, python.file)
        shown = os.path.relpath(where, root) if root else where
        if copied_by is not None:
            shown += f", copied to {DEBIAN}/ by {os.path.relpath(copied_by, root) if root else copied_by}"
        found.append((python.versions, f"{shown}: {python.shown}"))
    return found


def _other_files(folder: str) -> List[Tuple[str, str]]:
    """The package folder's other files and those of its `tests/` (maintainer scripts, `svc.init`, `svc.service`,
    autopkgtest's `tests/control`), as (name from the folder, text): where a python3 shows the package runs Python 3.
    The changelog and copyright are history and licence, not what the package runs."""
    found: List[Tuple[str, str]] = []
    for sub in ("", _TESTS):
        listed = list_folder(os.path.join(folder, sub)) if sub == "" or is_folder(os.path.join(folder, sub)) else None
        for name in sorted(listed.files) if listed is not None else ():
            if sub == "" and name in (CONTROL, RULES, *_HISTORY):
                continue
            text = read_bounded(os.path.join(folder, sub, name))
            found.extend([(os.path.join(sub, name), text)] if text is not None else [])
    return found


def _script(name: str) -> bool:
    """A Python file, shell script or makefile: where a build copies its packaging into place."""
    return name.endswith((".py", *_SHELL_SUFFIXES)) or _makefile(name)


def _copies(name: str, path: str) -> List[Tuple[Optional[str], Optional[str]]]:
    """The (source, destination) pairs a script copies a folder between, each None where it is not a literal."""
    text = read_bounded(path)
    if text is None or DEBIAN not in text:
        return []
    return list(_python_copies(text) if name.endswith(".py") else _shell_copies(text))


def _makefile(name: str) -> bool:
    """A makefile's name (`Makefile`, `GNUmakefile`, `Makefile.deb`, `debian.mk`): it runs in its own folder."""
    return name in _MAKEFILES or name.startswith("Makefile.") or name.endswith(".mk")


def _landing(root: str, folder: str, name: str, source: str, destination: str) -> Optional[str]:
    """The skeleton folder a copy brings into the root's `debian/`, or None when it lands elsewhere or its source is
    no folder of the root (module docstring)."""
    if os.path.isabs(source) or os.path.isabs(destination) or os.path.normpath(destination) != DEBIAN:
        return None
    if folder != root and (_makefile(name) or is_folder(os.path.join(folder, source))):
        return None  # it may run in its own folder, and build that folder's package
    skeleton = os.path.normpath(os.path.join(root, source))
    return skeleton if skeleton.startswith(root + os.sep) else None


def project_folder(root: str, folder: str) -> bool:
    """A folder of the project's own: under the root, at no test path, inside no sub-distribution (a folder between
    the root and it, itself included, that declares a distribution of its own)."""
    relative = os.path.relpath(folder, root)
    if relative == os.curdir:
        return True
    if relative.startswith(os.pardir) or is_test_path(relative.replace(os.sep, "/") + "/"):
        return False
    current = folder
    while current != root and current.startswith(root + os.sep):
        listed = list_folder(current)
        if listed is not None and any(name in listed.files and declares_distribution(Path(current), name)
                                      for name in SCRIPT_DECLARATIONS):
            return False
        current = os.path.dirname(current)
    return True


def _python_copies(text: str) -> Iterator[Tuple[Optional[str], Optional[str]]]:
    """`shutil.copytree("a", "b")` (or `copytree` imported from shutil) in code: the tokens, so that neither a comment
    nor a docstring counts; a tokenizer that stops early yields what it read. A call of another shape
    (`copytree(os.path.join(HERE, "pkg"), "debian")`, keyword arguments) is a pair with None for what is not a literal."""
    qualified, bare = _IMPORTS_SHUTIL.search(text) is not None, _FROM_SHUTIL.search(text) is not None
    if not (qualified or bare):
        return
    tokens = [token for token in SourceTokens(text).each(universal_newlines=True) if token.type not in _SKIPPED]
    for position, token in enumerate(tokens):
        if token.type != tokenize.NAME or token.string != "copytree":
            continue
        before = [previous.string for previous in tokens[max(position - 3, 0):position]]
        if before[-2:] == ["shutil", "."] and before[-3:-2] != ["."]:
            called = qualified
        else:
            called = bare and before[-1:] != ["."]
        call = tokens[position + 1:position + 6]
        if not called or not call or call[0].string != "(":
            continue  # not a call: the import, a reference
        if len(call) == 5 and call[2].string == "," and call[4].string in (")", ","):
            yield _literal(call[1]), _literal(call[3])
        else:
            yield None, None  # keyword arguments, an expression, a call cut short


def _literal(token: tokenize.TokenInfo) -> Optional[str]:
    """A plain string literal's value (not an f-string, nor bytes)."""
    if token.type != tokenize.STRING or "f" in token.string[:2].lower():
        return None
    try:
        value = ast.literal_eval(token.string)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def _shell_copies(text: str) -> Iterator[Tuple[Optional[str], Optional[str]]]:
    """`cp -r a b` (`-R`, `-a`, `-rp`, `--recursive`, `--archive`) outside comments, a makefile recipe's `@`/`-`
    prefix too: its two operands, each None where a variable or command builds it (`cp -r $(PKG) debian`); a copy
    of several sources into a folder has no single source (None)."""
    for line in text.splitlines():
        for segment in SEPARATORS.split(line):
            try:
                words = shlex.split(segment, comments=True)
            except ValueError:
                continue
            if not words or words[0].lstrip("@-+") != "cp":
                continue
            options = [word for word in words[1:] if word.startswith("-")]
            operands = [word for word in words[1:] if not word.startswith("-")]
            recursive = any(option in ("--recursive", "--archive") or (not option.startswith("--") and set(option[1:]) & set("rRa"))
                            for option in options)
            if not recursive or not operands:
                continue
            literal = [None if "$" in operand or "`" in operand else operand for operand in operands]
            yield (literal[0] if len(literal) == 2 else None), literal[-1]
