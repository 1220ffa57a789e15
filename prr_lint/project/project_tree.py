"""The folders of the project tree that the project phase reads other files from (templates, configuration,
Python scripts without a suffix), walked once per run.

Where the walk starts: the project root (README: the config file's folder, else the `.git` folder's, else
the working directory) when every linted module lies under it, else the deepest folder holding every
module: `prr-lint check /src/svc` run from `/tmp` or a home folder reads the service's tree, not the
working directory's, which holds nothing of it. A root that holds the modules but is too large to read
(the working directory `/` or a home folder, with no config file or `.git` above it) is no project either:
the walk then starts at the modules' folder, so `prr-lint check /src/svc` reads the same tree from `/` as
from `/src/svc`.

The walk follows symlinked directories: a project reached through a link (`prr-lint check svc` beside
`svc -> /src/svc`, or a root whose folders are links) reads the same files as a run on the real tree, or
code that a template or script names would look dead in one run and not the other. Each folder is walked
once, so that a link loop or a second link to a walked folder adds nothing. A tree of more than
`MAX_FOLDERS` folders or `MAX_FILES` files (a root whose links lead into /usr) is not read at all: what
its files name is then unknown and the callers call nothing dead, a bounded cost rather than a walk of
minutes or a silent half-read. Folders are walked in name order, and listed through tree_reads.py, so
a cached run knows when one gains or loses a file."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable, Iterator, List, Optional, Set, Tuple

from prr_lint.tree_reads import list_folder

SKIPPED_DIRS = frozenset({"node_modules", "site-packages", "__pycache__", "venv"})
MAX_FOLDERS = 20_000
MAX_FILES = 100_000

Folder = Tuple[str, Tuple[str, ...]]  # a folder's path and its file names


class ProjectTree:
    """The folders under the walk's top, each with its file names; `folders` is None when the tree was
    too large to read."""

    def __init__(self, root: Path, folders: Optional[Tuple[Folder, ...]], top: Optional[Path] = None) -> None:
        self.root = root  # paths the callers report are relative to it
        self.folders = folders
        self.top = top or root  # where the walk started

    @property
    def known(self) -> bool:
        return self.folders is not None

    def files(self) -> Iterator[Tuple[str, str]]:
        """(folder, file name) of every file of a known tree."""
        for folder, names in self.folders or ():
            for name in names:
                yield folder, name


def walk_top(root: Path, module_paths: Iterable[str]) -> Path:
    """Where the walk starts: `root` when every module path is root-relative, else the deepest folder
    holding every module."""
    paths = list(module_paths)
    if not any(os.path.isabs(path) for path in paths):
        return root
    return modules_folder(root, paths)


def modules_folder(root: Path, module_paths: Iterable[str]) -> Path:
    """The deepest folder holding every module (`root` when there is none)."""
    folders = [os.path.dirname(os.path.join(root, path)) for path in module_paths]
    return Path(os.path.commonpath(folders)) if folders else root


def read_tree(root: Path, top: Path, max_folders: Optional[int] = None, max_files: Optional[int] = None) -> ProjectTree:
    """The tree under `top` but hidden and dependency folders, or an unknown tree past the bounds (by default
    MAX_FOLDERS and MAX_FILES)."""
    max_folders = MAX_FOLDERS if max_folders is None else max_folders
    max_files = MAX_FILES if max_files is None else max_files
    seen: Set[Tuple[int, int]] = set()
    folders: List[Folder] = []
    file_count = 0
    pending = [str(top)]
    while pending:
        folder = pending.pop()
        listed = list_folder(folder)
        if listed is None or listed.identity in seen:
            continue
        file_count += len(listed.files)
        if len(seen) >= max_folders or file_count > max_files:
            return ProjectTree(root, None, top)
        seen.add(listed.identity)
        folders.append((folder, listed.files))
        pending.extend(os.path.join(folder, name) for name in reversed(listed.folders)
                       if not name.startswith(".") and name not in SKIPPED_DIRS)
    return ProjectTree(root, tuple(folders), top)


def project_tree(analysis) -> ProjectTree:
    """The run's project tree, read once and shared by every reader of the project phase."""
    return analysis.derived("project-tree", lambda: _read(analysis))


def _read(analysis) -> ProjectTree:
    """The tree from walk_top, or from the modules' folder when a root that holds them is too large to read."""
    root = _root(analysis)
    paths = [module.path for module in analysis.index.modules.values()]
    top = walk_top(root, paths)
    tree = read_tree(root, top)
    if tree.known or top != root:
        return tree
    own = modules_folder(root, paths)
    return read_tree(root, own) if own != root else tree


def tree_top(analysis) -> Path:
    """Where the run's tree walk started."""
    return project_tree(analysis).top


def _root(analysis) -> Path:
    return Path(getattr(analysis.settings, "root", None) or ".")
