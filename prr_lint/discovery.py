"""Which files to lint: the named paths, walked with excludes, .gitignore files and symlink safety.

A walked file is Python by its name (`.py`, `.pyi`), or, with no suffix at all, by its `#!` line
(`bin/crank-market` starting `#!/usr/bin/env python3`: an operator program shipped without a `.py`
name, shebangs.py); a `#!/bin/bash` script is not. Only such files' first bytes are read.

Excluded and ignored directories are pruned, never entered. Matchers are compiled once per run and
.gitignore files are read once per directory, so discovery stays small beside parsing.
Symlinked directories are walked after the real tree, so a file reachable both ways is linted
once under its real path, and a link back into an already walked directory cannot loop.
"""

from __future__ import annotations

import heapq
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Dict, List, NamedTuple, Optional, Sequence, Set, Tuple

from prr_lint.config import Settings
from prr_lint.patterns import gitignore_spec
from prr_lint.shebangs import is_python_program
from prr_lint.stamps import is_deployment_code, is_launch_file

if TYPE_CHECKING:
    import pathspec

PYTHON_SUFFIXES = (".py", ".pyi")
GITIGNORE = ".gitignore"


class DiscoveryError(Exception):
    """A path named on the command line cannot be linted at all; the message is one line."""


@dataclass
class Discovery:
    """What to lint, and what was passed over for a reason the user should hear (never skip silently)."""

    files: List[str] = field(default_factory=list)  # absolute, unique, sorted by relative_path (strings: cheap on warm runs)
    skipped: List[Tuple[str, str]] = field(default_factory=list)  # (path, reason) worth telling the user
    infrastructure: List[str] = field(default_factory=list)  # absolute: read by the project phase, part of a run's key


def relative_path(path: Path, root: Path) -> str:
    """The root-relative `/`-separated path that reports show; a path outside the root stays absolute."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


class _Layer(NamedTuple):
    """One ignore file: `prepend + path[len(strip):]` is a root-relative path made relative to its directory."""

    strip: str
    prepend: str
    spec: pathspec.GitIgnoreSpec


Layers = Tuple[_Layer, ...]


class _Frame(NamedTuple):
    """A directory to walk. `rel` is root-relative, or absolute outside the root; it orders deferred links."""

    rel: str
    path: str
    layers: Layers
    boundary: str  # symlinks may only lead inside this directory
    via_link: bool = False
    offset: int = 0  # excludes match `rel[offset:]`: non-zero in a tree walked on its own (see walk_top)


@lru_cache(maxsize=32)
def _spec(patterns: Tuple[str, ...]) -> pathspec.GitIgnoreSpec:
    return gitignore_spec(patterns)


_LITERAL = re.compile(r"/?[^*?\[\]!#\\\s]+/?\Z")


class _Excludes:
    """`exclude` + `extend-exclude` as one matcher, asked about every entry of the walk.

    Literal patterns, which is what these nearly always are, are looked up in sets, by the path's
    last part for a plain name ('venv', 'build/') and by the whole path for one with a slash inside
    ('docs/generated', anchored at the root as in a .gitignore): every ancestor of a path was matched
    on its own before (the walk never enters an excluded directory, and `path_ignored` asks about
    each one). Patterns with wildcards go to pathspec, which tries them one by one; all patterns do
    when one is a negation ('!'), since their order then matters.
    """

    def __init__(self, patterns: Tuple[str, ...]) -> None:
        literal = not any(pattern.startswith("!") for pattern in patterns)
        self.names: Set[str] = set()
        self.directory_names: Set[str] = set()
        self.paths: Set[str] = set()
        self.directory_paths: Set[str] = set()
        rest = []
        for pattern in patterns:
            text = pattern.strip("/")
            if not (literal and _LITERAL.match(pattern) and text and not set(text.split("/")) & {".", ".."}):
                rest.append(pattern)
            elif "/" in pattern.rstrip("/"):
                (self.directory_paths if pattern.endswith("/") else self.paths).add(text)
            else:
                (self.directory_names if pattern.endswith("/") else self.names).add(text)
        self.spec = _spec(tuple(rest)) if rest else None

    def match(self, key: str) -> bool:
        """Whether a root-relative path (a directory's with a trailing '/') is excluded."""
        path = key.rstrip("/")
        name = path.rpartition("/")[2]
        is_dir = key.endswith("/")
        if name in self.names or path in self.paths or (is_dir and (name in self.directory_names or path in self.directory_paths)):
            return True
        return self.spec is not None and self.spec.match_file(key)


def _read_spec(path: str) -> Optional[pathspec.GitIgnoreSpec]:
    """A compiled ignore file; lines pathspec rejects are dropped, as git ignores them too."""
    try:
        with open(path, encoding="utf-8", errors="surrogateescape") as handle:
            lines = handle.read().splitlines()
    except OSError:  # an unreadable ignore file ignores nothing; the walk goes on
        return None
    try:
        return gitignore_spec(lines)
    except ValueError:
        return gitignore_spec([line for line in lines if _valid_line(line)])


def _valid_line(line: str) -> bool:
    try:
        gitignore_spec([line])
    except ValueError:
        return False
    return True


def _inside(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


def _git_top(root: str) -> Optional[str]:
    """The nearest directory at or above the root that holds `.git`."""
    directory = root
    while True:
        if os.path.lexists(os.path.join(directory, ".git")):
            return directory
        parent = os.path.dirname(directory)
        if parent == directory:
            return None
        directory = parent


class _Walker:
    """One discovery run: compiled matchers, ignore layers, and what has been found so far."""

    def __init__(self, settings: Settings, force_exclude: bool = False) -> None:
        self.root = os.path.realpath(settings.root)
        self.exclude = _Excludes((*settings.exclude, *settings.extend_exclude))
        self.respect_gitignore = settings.respect_gitignore
        self.force_exclude = force_exclude
        self.found: Dict[str, Tuple[str, bool]] = {}  # path -> (sort key, reached through a symlink)
        self.skipped: List[Tuple[str, str]] = []
        self.infrastructure: List[str] = []
        self.visited: Set[Tuple[int, int]] = set()
        self.deferred: List[_Frame] = []  # a heap: symlinked directories, walked after the real tree
        self.queued: Set[str] = set()  # their paths, so overlapping named paths queue each link once
        self._layers: Dict[str, Layers] = {}
        self._outer: Optional[Layers] = None

    # --- matching ---

    def rel(self, path: str) -> str:
        if not _inside(path, self.root):
            return Path(path).as_posix()
        return path[len(self.root) :].lstrip(os.sep).replace(os.sep, "/")

    def ignored(self, rel: str, is_dir: bool, layers: Layers, offset: int = 0) -> bool:
        """Whether `exclude`/`extend-exclude` or the innermost ignore file with a say excludes a path."""
        key = rel + "/" if is_dir else rel
        if self.exclude.match(key[offset:]):
            return True
        for layer in reversed(layers):
            include = layer.spec.check_file(layer.prepend + key[len(layer.strip) :]).include
            if include is not None:
                return include
        return False

    def path_ignored(self, path: str, is_dir: bool) -> bool:
        """`ignored`, also for the path's ancestors below the root: an ignored directory hides all inside it."""
        rel = self.rel(path)
        if not _inside(path, self.root):
            return self.ignored(rel, is_dir, ())
        parts = rel.split("/") if rel else []
        ancestors = ["/".join(parts[:depth]) for depth in range(1, len(parts))]
        if any(self.ignored(ancestor, True, self.layers_for(ancestor)) for ancestor in ancestors):
            return True
        return bool(parts) and self.ignored(rel, is_dir, self.layers_for(rel))

    def layers_for(self, rel: str) -> Layers:
        """The ignore layers that decide about the root-relative path `rel`: those of the directories above it."""
        if not self.respect_gitignore:
            return ()
        if not rel:
            if self._outer is None:
                self._outer = self._outer_layers()
            return self._outer
        return self.layers_inside(rel.rpartition("/")[0])

    def layers_inside(self, rel: str) -> Layers:
        """The ignore layers that decide about entries of the root-relative directory `rel`."""
        if rel not in self._layers:
            self._layers[rel] = self.with_own(self.layers_for(rel), rel)
        return self._layers[rel]

    def with_own(self, layers: Layers, rel: str) -> Layers:
        """`layers` plus the directory's own .gitignore, if it has one."""
        spec = _read_spec(os.path.join(self.root, rel, GITIGNORE))
        return layers if spec is None else (*layers, _Layer(rel + "/" if rel else "", "", spec))

    def _outer_layers(self) -> Layers:
        """`.git/info/exclude` and the .gitignore files from the repository top down to the root's parent."""
        top = _git_top(self.root)
        if top is None:
            return ()
        sources = [(os.path.join(top, ".git", "info", "exclude"), top)]
        directory = self.root
        while directory != top:
            directory = os.path.dirname(directory)
            sources.insert(1, (os.path.join(directory, GITIGNORE), directory))
        layers = []
        for source, base in sources:
            spec = _read_spec(source)
            if spec is not None:
                up = os.path.relpath(self.root, base).replace(os.sep, "/")
                layers.append(_Layer("", "" if up == "." else up + "/", spec))
        return tuple(layers)

    # --- walking ---

    def add_argument(self, argument: str, cwd: str) -> None:
        joined = os.path.abspath(os.path.join(cwd, argument))
        path = os.path.join(os.path.realpath(os.path.dirname(joined)), os.path.basename(joined))
        if not os.path.exists(path):
            raise DiscoveryError(f"{argument}: no such file or directory")
        if os.path.isdir(path):
            ignored = self.path_ignored(path, True)
            if not (ignored and self.force_exclude):
                self.walk_top(path, ignored)
        elif self.force_exclude and self.path_ignored(path, False):
            return
        elif os.path.isfile(path):
            self.found.setdefault(path, (self.rel(path), False))
        else:
            self.skipped.append((self.rel(path), "not a regular file or directory"))

    def walk_top(self, path: str, is_ignored: bool) -> None:
        """Walks a named directory. One outside the root, or excluded, is walked as a tree of its own:
        excludes match below it and only its own .gitignore files apply, or nothing in it would be linted."""
        rel = self.rel(path)
        if not _inside(path, self.root):
            self.walk(_Frame(rel, path, (), os.path.realpath(path), offset=len(rel) + 1))
        elif is_ignored:
            self.walk(_Frame(rel, path, (), self.root, offset=len(rel) + 1))
        else:
            self.walk(_Frame(rel, path, self.layers_for(rel), self.root))

    def walk(self, top: _Frame) -> None:
        stack = [top]
        while stack:
            frame = stack.pop()
            entries = self.scan(frame)
            if entries is None:
                continue
            layers = frame.layers
            if self.respect_gitignore and frame.boundary == self.root and any(e.name == GITIGNORE for e in entries):
                layers = self.with_own(layers, frame.rel)
            prefix = frame.rel + "/" if frame.rel else ""
            for entry in entries:
                child = self.entry(entry, prefix + entry.name, layers, frame)
                if child is not None:
                    stack.append(child)

    def scan(self, frame: _Frame) -> Optional[List[os.DirEntry]]:
        try:
            self.visited.add(_identity(frame.path))
            with os.scandir(frame.path) as iterator:
                return list(iterator)
        except OSError as exc:  # prr-lint: ignore[PRR102] skipped directories are printed as warnings
            self.skipped.append((frame.rel or ".", f"cannot read directory: {exc.strerror or exc}"))
            return None

    def entry(self, entry: os.DirEntry, rel: str, layers: Layers, frame: _Frame) -> Optional[_Frame]:
        """Records a Python file, or returns a directory to walk."""
        try:
            if entry.is_symlink():
                self.link(entry, rel, layers, frame)
            elif entry.is_dir():
                if not self.ignored(rel, True, layers, frame.offset):
                    return frame._replace(rel=rel, path=entry.path, layers=layers)
            elif (
                entry.name.endswith(PYTHON_SUFFIXES)
                and entry.is_file()
                and not self.ignored(rel, False, layers, frame.offset)
            ):
                self.found.setdefault(entry.path, (rel, frame.via_link))
            elif is_deployment_code(entry.name) or (is_launch_file(entry.path) and entry.is_file()):
                self.infrastructure.append(entry.path)
            elif _unsuffixed(entry.name) and entry.is_file() and not self.ignored(rel, False, layers, frame.offset) \
                    and is_python_program(entry.path):
                self.found.setdefault(entry.path, (rel, frame.via_link))
        except OSError as exc:
            self.skipped.append((rel, f"cannot read: {exc.strerror or exc}"))
        return None

    def link(self, entry: os.DirEntry, rel: str, layers: Layers, frame: _Frame) -> None:
        """Follows a symlink only to a target inside the boundary; directories wait until the real tree is done."""
        is_dir = entry.is_dir()
        if not is_dir and not entry.name.endswith(PYTHON_SUFFIXES) and not (_unsuffixed(entry.name) and is_python_program(entry.path)):
            return
        if self.ignored(rel, is_dir, layers, frame.offset):
            return
        if not is_dir and not entry.is_file():
            self.skipped.append((rel, "broken symlink"))
        elif not _inside(os.path.realpath(entry.path), frame.boundary):
            self.skipped.append((rel, "symlink leads outside the project root"))
        elif is_dir:
            if entry.path not in self.queued:
                self.queued.add(entry.path)
                heapq.heappush(self.deferred, frame._replace(rel=rel, path=entry.path, layers=layers, via_link=True))
        else:
            self.found.setdefault(entry.path, (rel, True))

    def follow_links(self) -> None:
        """Walks symlinked directories, in path order, unless their target was walked already."""
        while self.deferred:
            frame = heapq.heappop(self.deferred)
            try:
                identity = _identity(frame.path)
            except OSError as exc:
                self.skipped.append((frame.rel, f"cannot read directory: {exc.strerror or exc}"))
                continue
            if identity in self.visited:
                self.skipped.append((frame.rel, self._revisit_reason(frame.path)))
            else:
                self.walk(frame)

    def _revisit_reason(self, path: str) -> str:
        target = os.path.realpath(path)
        if _inside(os.path.realpath(os.path.dirname(path)), target):
            return "symlink loop"
        return f"symlink to a directory already linted as {self.rel(target) or '.'}"

    def result(self) -> Discovery:
        """Found files in path order; a file reached again through a symlink is linted once."""
        real = {path for path, (_, via_link) in self.found.items() if not via_link}
        files = []
        for path, (key, via_link) in sorted(self.found.items(), key=lambda item: item[1][0]):
            if via_link:
                target = os.path.realpath(path)
                if target in real:
                    self.skipped.append((key, f"same file as {self.rel(target)}"))
                    continue
                real.add(target)
            files.append(path)
        return Discovery(files, sorted(self.skipped), sorted(self.infrastructure))


def _unsuffixed(name: str) -> bool:
    """A file name without a suffix (`crank-market`), which only a `#!` line can make Python."""
    return "." not in name


def _identity(path: str) -> Tuple[int, int]:
    status = os.stat(path)
    return status.st_dev, status.st_ino


def discover(
    paths: Sequence[str], settings: Settings, *, force_exclude: bool = False, cwd: Optional[Path] = None
) -> Discovery:
    """The Python files (*.py, *.pyi, and files without a suffix whose `#!` line runs Python) under
    `paths` (default '.'), relative to cwd.

    A file or directory named explicitly is linted even when excluded or ignored, unless
    `force_exclude` is set (for pre-commit, which names every changed file).
    """
    walker = _Walker(settings, force_exclude)
    base = os.path.realpath(cwd if cwd is not None else os.getcwd())
    for argument in paths or ["."]:
        walker.add_argument(argument, base)
    walker.follow_links()
    return walker.result()


def is_excluded(path: Path, settings: Settings) -> bool:
    """Whether a path, or a directory above it inside the root, is excluded or (when respected) gitignored."""
    absolute = os.path.abspath(path)
    resolved = os.path.join(os.path.realpath(os.path.dirname(absolute)), os.path.basename(absolute))
    return _Walker(settings).path_ignored(resolved, os.path.isdir(resolved))
