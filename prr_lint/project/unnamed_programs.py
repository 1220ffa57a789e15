"""Programs without a `.py` name that nothing names: whether the service meets their syntax errors (PRR000).

A `#!` python program without a `.py` name that fails on a Python 2 line (a `tools/live_monitor` beside the service's `main.py`) is no module
the index holds, so no import shows it is loaded: a command runs it. Whose command is the question syntax_scope.py
asks of every unparseable file, and the answer for a `.py` file applies here too: a program is the service's
only where something of the project starts it. Such a program's syntax error is left out only where all of these
hold, each read from the whole tree rather than guessed from the program's name or folder:

* the service has a start of its own (live_modules.py `started_modules`: an entry point, a server or loop, a task,
  a program a launch file names); without one the program may be the project's only program, its start;
* no file of the project but the program itself names its file name as a token (`tools/live_monitor`,
  `"live_monitor"`): no launch file, systemd unit, crontab, Dockerfile or Procfile, no shell script with or without
  a suffix (`obplayer_check`), no module's code, comment or string, no README telling an operator to run it, no
  symbolic link to it; hidden folders are read too (an `.ebextensions` command, an OpenShift `.s2i/bin/run`), but
  version control, caches and virtualenvs, and a UTF-16 text (a PowerShell script) as text;
* no deployment text (a launch file, a file of a hidden folder, a Makefile, a Debian `.install`, a PowerShell or
  batch script, a `#!` program without a suffix) runs its folder whole: one that spells a folder of its path
  (`for t in /app/tools/*`, `run-parts /app/tools`, `COPY tools/ /usr/local/bin/` beside a command it computes),
  one in the program's own folder that globs a relative path (`"$(dirname "$0")"/*`) or calls `run-parts` or
  `find`, or, for a program at the root, one with any glob, `run-parts` or `find`;
* a file that is itself such an unnamed program does not count as naming or running one (a usage line's own
  name, one standalone tool's `prog='other_tool'`), as an unloaded module's import is no evidence (live_modules.py);
* no distribution ships it (script_files.py `distribution_ships`: `scripts=["tools/live_monitor"]`, or a
  `scripts=` setup.py computes);
* it is no launcher of the project's code: it imports no project module or package (any name part of a `.py` file
  of the tree, `from . import x` too), loads nothing by a name or path it computes (`importlib`, `__import__`,
  `runpy`, `exec`, a `sys.path` edit), and names no other program of the project (a `.py`, `.sh` or `#!` file name,
  or the name of a top-level module or package: `subprocess.run(["python3", "-m", "svc"])`);
* no module loads files by a path it computes or by the program's file name (unloaded_files.py `Loaders`), and no
  live module that starts programs (`subprocess`, `os.exec*`, `os.system`) names a folder of the program's path in
  its code or a name-like string (a `Path.iterdir` walk, a listing in one function and the run in another, a
  request's `<name>`, a git-style `radio-<sub>` dispatch, all of `tools/`); a program at the root, any such module.
  The index does not tell a literal command from a computed one, so any start counts.

A program any of these names, ships or runs stays reported; so does every program of a tree too large to read, or
of a project whose text cannot be read (a file past `_MAX_TEXT` or not text names nothing, which is the one
reading this trusts).
"""

from __future__ import annotations

import os
import re
from typing import AbstractSet, Dict, Iterator, List, Mapping, Optional, Set, Tuple

from prr_lint.project.live_modules import LoadEvidence
from prr_lint.project.project_tree import SKIPPED_DIRS, ProjectTree, project_tree
from prr_lint.project.script_files import distribution_ships
from prr_lint.project.unloaded_files import DeploymentNames, code_count, run_pattern, shared_loaders
from prr_lint.stamps import is_launch_file
from prr_lint.tree_reads import list_folder, read_bytes, real_path
from prr_lint.word_counts import WORD

_MAX_TEXT = 1 << 20  # a file larger is data (a media file, a bundle), read as naming nothing
_MAX_HIDDEN = 5000  # files of hidden folders read; past it the tree's names are unknown and every program stays
_TOKEN = re.compile(r"[\w.-]+")  # a file name as a command spells it: the `run.py` of `./tools/run.py`
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n#;]+)", re.MULTILINE)
_FROM = re.compile(r"^[ \t]*from[ \t]+([\w.]+)[ \t]+import\b", re.MULTILINE)
_PATH_EDIT = re.compile(r"\bsys\s*\.\s*path\b")
# Words of a program that may load code by a computed name or path: it may load the project's.
_LOADING_WORDS = frozenset({"__import__", "importlib", "import_module", "runpy", "run_path", "run_module", "imp",
                            "load_source", "execfile", "exec", "pkgutil", "addsitedir"})
_SPAWNS = ("subprocess.", "os.system", "os.popen", "os.exec", "os.spawn", "os.posix_spawn", "os.startfile",
           "asyncio.create_subprocess_", "pty.spawn", "pexpect.")
# Hidden folders that hold no deployment: version control, caches, editors' settings, virtualenvs.
_NOT_DEPLOYMENT = frozenset({".git", ".hg", ".svn", ".bzr", ".tox", ".nox", ".venv", ".mypy_cache", ".pytest_cache",
                             ".ruff_cache", ".pytype", ".hypothesis", ".cache", ".eggs", ".idea", ".vscode", ".direnv",
                             ".ipynb_checkpoints", ".npm", ".yarn", ".gradle"})
_DEPLOYMENT_NAMES = frozenset({"Makefile", "makefile", "GNUmakefile", "Justfile", "justfile"})
_DEPLOYMENT_SUFFIXES = (".mk", ".install", ".ps1", ".psm1", ".bat", ".cmd", ".service", ".timer", ".config")
_PYTHON_LISTS = re.compile(r"\b(?:listdir|scandir|iterdir|i?glob|rglob|walk)\b|run-parts")
_PYTHON_SPAWNS = re.compile(r"\b(?:subprocess|system|popen|exec\w*|spawn\w*|startfile|pexpect)\b")
_UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")
_FOLDER_RUN = re.compile(r"\brun-parts\b|\bfind\b")  # runs or lists every file of a folder it is handed
_GLOB = re.compile(r"\S*\*\S*")  # a word of a command with a `*`: a glob


def unnamed_programs(analysis, programs: Mapping[int, str], left_out: AbstractSet[str], evidence: LoadEvidence,
                     named_by: DeploymentNames) -> Set[int]:
    """Of `programs` (finding position -> root-relative path of a program without a `.py` name that fails on a
    Python 2 line), those nothing of the project names, ships or runs (module docstring). `left_out`: the
    root-relative paths of other programs syntax_scope.py leaves out already, which name nothing either."""
    root = analysis.settings.root
    tree = project_tree(analysis)
    loaders = shared_loaders(analysis)
    if not programs or root is None or not evidence.started or not tree.known or loaders.by_path:
        return set()
    top = os.fspath(root)
    spawning, spawned = _spawned_folders(analysis, evidence)
    candidates = {path for path in set(programs.values())
                  if os.path.basename(path) not in loaders.files and not named_by.runners(os.path.basename(path), copies=True)
                  and not (spawned.intersection(_folders(path)) or spawning and not _folders(path))
                  and not distribution_ships(top, os.path.join(top, path))}
    reading = _TreeReading(tree, top, candidates, named_by)
    if not reading.known:
        return set()
    out = {path for path in candidates if not reading.linked(path) and not reading.loads_code(path)}
    # Only an unnamed program names another: what is left is what nothing else names, the largest such set.
    while kept := {path for path in out if (reading.namers(path) | reading.named_programs(path)) - out - left_out - {path}}:
        out -= kept
    return {position for position, path in programs.items() if path in out}


def _folders(path: str) -> List[str]:
    """The folders of a root-relative path (`tools/live_monitor`: `tools`)."""
    return path.split("/")[:-1]


def _spawned_folders(analysis, evidence: LoadEvidence) -> Tuple[bool, Set[str]]:
    """Whether a live module starts programs, and the words such modules name in code or a name-like string
    (`"tools"`): one may run any program of a folder so named, by a name it lists or computes."""
    index = analysis.index
    spawners = {index.module_of(name) for name, function in index.functions.items()
                if index.module_of(name) in evidence.live and any(call.startswith(_SPAWNS) for call in function.calls)}
    return bool(spawners), {word for module in spawners if (summary := index.modules.get(module)) is not None
                            for word in summary.words if code_count(summary, word) > 0}


class _TreeReading:
    """The project's files read once for the programs asked about: which files name or run each program, which
    programs of the project each program names, which other paths lead to it. `known` is false where the hidden
    folders hold more than `_MAX_HIDDEN` files."""

    def __init__(self, tree: ProjectTree, root: str, paths: Set[str], named_by: DeploymentNames) -> None:
        self.root = root
        file_names = {os.path.basename(path) for path in paths}
        patterns = {name: run_pattern(name) for name in file_names}
        folders = {word: run_pattern(word) for path in paths for word in _folders(path)}
        self._namers: Dict[str, Set[str]] = {path: set() for path in paths}  # program path -> files naming or running it
        self._links: Dict[str, Set[str]] = {}  # real path -> root-relative paths of the files and links that lead to it
        self._texts: Dict[str, str] = {}  # root-relative path -> text, for the programs asked about
        self.programs: Dict[str, Set[str]] = {}  # a program file name of the project -> its root-relative paths
        self.code_parts: Set[str] = set()  # every folder and module name of a `.py` file's path
        self.top_paths: Dict[str, Set[str]] = {}  # a top-level module's or package's name -> its `.py` files' paths
        hidden = _hidden_files(tree, root)
        self.known = hidden is not None
        for path, name in [*_files(tree, root), *(hidden or ())]:
            self._links.setdefault(real_path(os.path.join(root, path)), set()).add(path)
            text = self._text(path)
            if name.endswith(".py"):
                parts = path[:-3].split("/")
                self.code_parts.update(part for part in parts if part != "__init__")
                self.top_paths.setdefault(parts[0], set()).add(path)
            if name.endswith((".py", ".sh")) or "." not in name and text is not None and text.startswith("#!"):
                self.programs.setdefault(name, set()).add(path)
            if text is None:
                continue
            if path in paths:
                self._texts[path] = text
            named = {name for name, pattern in patterns.items() if name in text and pattern.search(text)}
            for program in paths:
                if os.path.basename(program) in named:
                    self._namers[program].add(path)
            if _deploys(path, name, text):
                runs = {word for word, pattern in folders.items() if word in text and pattern.search(text)}
                for program in paths:
                    if _runs_folder(program, path, text, runs):
                        self._namers[program].add(path)
        for path, text in named_by.whole.items():  # launch files discovery lists in folders the walk skips
            for program in paths:
                if _runs_folder(program, path, text, {word for word, pattern in folders.items() if pattern.search(text)}):
                    self._namers[program].add(path)
        self._named_programs: Dict[str, Set[str]] = {}

    def _text(self, path: str) -> Optional[str]:
        """The file's text; a UTF-16 one (a byte order mark, or a NUL every other byte) decoded; None for binary
        data or a file past `_MAX_TEXT`."""
        data = read_bytes(os.path.join(self.root, path), _MAX_TEXT)
        return _decoded(data) if data is not None else None

    def namers(self, path: str) -> Set[str]:
        """The files that name the program's file name (its own text too) or run its folder whole."""
        return self._namers.get(path, set())

    def linked(self, path: str) -> bool:
        """A symbolic link of the tree leads to the program: a command may run it by the link's name."""
        return bool(self._links.get(real_path(os.path.join(self.root, path)), set()) - {path})

    def loads_code(self, path: str) -> bool:
        """The program imports a project module or package, or loads code by a computed name or path (unread: may)."""
        text = self._texts.get(path)
        if text is None:
            return True
        if _PATH_EDIT.search(text) or not _LOADING_WORDS.isdisjoint(WORD.findall(text)):
            return True
        imported = [match.group(1) for match in _FROM.finditer(text)]
        imported += [item.split(" as ")[0].strip() for match in _IMPORT.finditer(text) for item in match.group(1).split(",")]
        return any(name.startswith(".") or not self.code_parts.isdisjoint(name.split(".")) for name in imported)

    def named_programs(self, path: str) -> Set[str]:
        """The root-relative paths of the project's programs the program's text names: a `.py`, `.sh` or `#!` file by
        its file name, a top-level module or package by its word (`-m svc`)."""
        if path not in self._named_programs:
            text = self._texts.get(path, "")
            tokens = set(_file_tokens(text))
            words = set(WORD.findall(text))
            found = {other for name in tokens if name in self.programs for other in self.programs[name]}
            found |= {other for name in words & set(self.top_paths) for other in self.top_paths[name]}
            self._named_programs[path] = found
        return self._named_programs[path]


def _decoded(data: bytes) -> Optional[str]:
    """UTF-8 text, or UTF-16 (a byte order mark, or a NUL byte in every odd or every even place); None for binary data."""
    if data.startswith(_UTF16_MARKS):
        return data.decode("utf-16", "replace")
    if b"\0" not in data:
        return data.decode("utf-8", "replace")
    sample = data[:4096]
    if len(sample) > 1 and set(sample[1::2]) == {0}:
        return data.decode("utf-16-le", "replace")
    if len(sample) > 1 and set(sample[::2]) == {0}:
        return data.decode("utf-16-be", "replace")
    return None


def _deploys(path: str, name: str, text: str) -> bool:
    """A text that may run a folder's programs whole: a launch file, a file of a hidden folder, a Makefile, a Debian
    `.install`, a PowerShell or batch script, a `#!` program without a suffix."""
    return is_launch_file(path) or any(part.startswith(".") for part in path.split("/")[:-1]) \
        or name in _DEPLOYMENT_NAMES or name.endswith(_DEPLOYMENT_SUFFIXES) or "." not in name and text.startswith("#!")


def _runs_folder(program: str, path: str, text: str, spelled: Set[str]) -> bool:
    """The deployment text at `path` (root-relative, or absolute outside the walk) may run the program's folder
    whole: it spells a folder of the program's path (`spelled`: the folder words it spells as tokens); lying in the
    program's folder, it globs a relative path or runs `run-parts` or `find` (a Python program: it lists a folder
    and starts programs); for a program at the root, it globs anything or runs either."""
    folders = _folders(program)
    if not folders:
        return "*" in text or _FOLDER_RUN.search(text) is not None
    if not spelled.isdisjoint(folders):
        return True
    if os.path.dirname(path) != "/".join(folders):
        return False
    if "python" in text.split("\n", 1)[0]:  # a Python program's `*` multiplies: it runs what it lists and starts
        return _PYTHON_LISTS.search(text) is not None and _PYTHON_SPAWNS.search(text) is not None
    return _FOLDER_RUN.search(text) is not None or any(not glob.lstrip("\"'(=`").startswith(("/", "~")) for glob in _GLOB.findall(text))


def _hidden_files(tree: ProjectTree, root: str) -> Optional[List[Tuple[str, str]]]:
    """(root-relative path, file name) of every file of the hidden folders the tree walk skips (`.s2i/bin/run`),
    but version control, caches and virtualenvs; None past `_MAX_HIDDEN` files."""
    found: List[Tuple[str, str]] = []
    pending = [os.path.join(folder, name) for folder, _ in tree.folders or ()
               for name in getattr(list_folder(folder), "folders", ()) if name.startswith(".") and name not in _NOT_DEPLOYMENT]
    seen: Set[Tuple[int, int]] = set()
    while pending:
        folder = pending.pop()
        listed = list_folder(folder)
        if listed is None or listed.identity in seen or "pyvenv.cfg" in listed.files:
            continue
        seen.add(listed.identity)
        found.extend((os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/"), name) for name in listed.files)
        if len(found) > _MAX_HIDDEN:
            return None
        pending.extend(os.path.join(folder, name) for name in listed.folders
                       if name not in _NOT_DEPLOYMENT and name not in SKIPPED_DIRS)
    return found


def _files(tree: ProjectTree, root: str) -> Iterator[Tuple[str, str]]:
    """(root-relative path, file name) of every file of the tree."""
    for folder, name in tree.files():
        yield os.path.relpath(os.path.join(folder, name), root).replace(os.sep, "/"), name


def _file_tokens(text: str) -> Iterator[str]:
    """Each token a command may run a file by (`tools/run.py` gives `tools` and `run.py`), and each shorter name
    before a dot of it (`run.py.bak`: `run`, `run.py`, `run.py.bak`)."""
    for match in _TOKEN.finditer(text):
        pieces = match.group(0).split(".")
        yield from (".".join(pieces[:end]) for end in range(1, len(pieces) + 1))
