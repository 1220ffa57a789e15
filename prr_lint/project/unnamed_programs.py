"""Programs without a `.py` name that nothing names: whether the service meets their syntax errors (PRR000).

A `#!` python program without a `.py` name (a `tools/live_monitor` beside the service's `main.py`) is no module
the index holds, so no import shows it is loaded: a command runs it. Whose command is the question syntax_scope.py
asks of every unparseable file, and the answer for a `.py` file applies here too: a program is the service's
only where something of the project starts it. Such a program's syntax error is left out only where all of these
hold, each read from the whole tree rather than guessed from the program's name or folder:

* the service has a start of its own (live_modules.py `started_modules`: an entry point, a server or loop, a task,
  a program a launch file names); without one the program may be the project's only program, its start;
* no file of the project but the program itself names its file name as a token (`tools/live_monitor`,
  `"live_monitor"`): no launch file, systemd unit, crontab, Dockerfile or Procfile, no shell script with or without
  a suffix (`obplayer_check`), no module's code, comment or string, no README telling an operator to run it, no
  symbolic link to it; a file that is itself such an unnamed program does not count (a usage line's own name,
  one standalone tool's `prog='other_tool'`), as an unloaded module's import is no evidence (live_modules.py);
* no distribution ships it (script_files.py `distribution_ships`: `scripts=["tools/live_monitor"]`);
* it is no launcher of the project's code: it imports no project module or package (any name part of a `.py` file
  of the tree, `from . import x` too), loads nothing by a name or path it computes (`importlib`, `__import__`,
  `runpy`, `exec`, a `sys.path` edit), and names no other program of the project (a `.py`, `.sh` or `#!` file name,
  or the name of a top-level module or package: `subprocess.run(["python3", "-m", "svc"])`);
* no live module loads files by a path it computes or by the program's file name (module_loads.py `LOADS_FILE`),
  and none that has a function listing a folder and starting programs (a `run-parts` of `hooks/`) names a folder of
  the program's path in its code or a name-like string.

A program any of these names, ships or runs stays reported; so does every program of a tree too large to read, or
of a project whose text cannot be read (a file past `_MAX_TEXT` or not text names nothing, which is the one
reading this trusts).
"""

from __future__ import annotations

import os
import re
from typing import AbstractSet, Dict, Iterator, Mapping, Optional, Set, Tuple

from prr_lint.module_loads import LOADS_FILE
from prr_lint.project.live_modules import LoadEvidence
from prr_lint.project.project_tree import ProjectTree, project_tree
from prr_lint.project.script_files import distribution_ships
from prr_lint.project.unloaded_files import DeploymentNames, code_count
from prr_lint.tree_reads import read_bytes, real_path
from prr_lint.word_counts import WORD

_MAX_TEXT = 1 << 20  # a file larger is data (a media file, a bundle), read as naming nothing
_TOKEN = re.compile(r"[\w.-]+")  # a file name as a command spells it: the `run.py` of `./tools/run.py`
_IMPORT = re.compile(r"^[ \t]*import[ \t]+([^\n#;]+)", re.MULTILINE)
_FROM = re.compile(r"^[ \t]*from[ \t]+([\w.]+)[ \t]+import\b", re.MULTILINE)
_PATH_EDIT = re.compile(r"\bsys\s*\.\s*path\b")
# Words of a program that may load code by a computed name or path: it may load the project's.
_LOADING_WORDS = frozenset({"__import__", "importlib", "import_module", "runpy", "run_path", "run_module", "imp",
                            "load_source", "execfile", "exec", "pkgutil", "addsitedir"})
_SPAWNS = ("subprocess.", "os.system", "os.popen", "os.exec", "os.spawn", "os.posix_spawn", "asyncio.create_subprocess_")
_LISTS = frozenset({"os.listdir", "os.scandir", "os.walk", "glob.glob", "glob.iglob"})


def unnamed_programs(analysis, programs: Mapping[int, str], left_out: AbstractSet[str], evidence: LoadEvidence,
                     named_by: DeploymentNames) -> Set[int]:
    """Of `programs` (finding position -> root-relative path of an unparseable program without a `.py` name), those
    nothing of the project names, ships or runs (module docstring). `left_out`: the root-relative paths of other
    programs syntax_scope.py leaves out already, which name nothing either."""
    root: Optional[str] = getattr(analysis.settings, "root", None)
    tree = project_tree(analysis)
    if not programs or root is None or not evidence.started or not tree.known or _runs_any(analysis, evidence):
        return set()
    top = os.fspath(root)
    loaded, run_folders = _loaded_file_names(analysis, evidence), _run_folders(analysis, evidence)
    candidates = {path for path in set(programs.values())
                  if os.path.basename(path) not in loaded and run_folders.isdisjoint(path.split("/")[:-1])
                  and not distribution_ships(top, os.path.join(top, path))
                  and not any(_runs(os.path.basename(path), text) for text in named_by.whole.values())}
    reading = _TreeReading(tree, top, {os.path.basename(path) for path in candidates})
    out = {path for path in candidates if not reading.linked(path) and not reading.loads_code(path)}
    # Only an unnamed program names another: what is left is what nothing else names, the largest such set.
    while kept := {path for path in out if (reading.namers(path) | reading.named_programs(path)) - out - left_out - {path}}:
        out -= kept
    return {position for position, path in programs.items() if path in out}


def _runs(file_name: str, text: str) -> bool:
    """A text names the file as a command does: its file name as a token (`tools/live_monitor`, `live_monitor.log`)."""
    return re.search(rf"(?<![\w.-]){re.escape(file_name)}(?![\w-])", text) is not None


def _runs_any(analysis, evidence) -> bool:
    """A live module loads files by a path it computes: it may run any program of the tree, named or not."""
    return any(LOADS_FILE in getattr(analysis.index.functions.get(name), "tags", ()) for name in evidence.live)


def _run_folders(analysis, evidence) -> Set[str]:
    """The folder words a live module names in code or a name-like string (`"hooks"`) where a function of it lists a
    folder and starts programs: a `run-parts` of that folder may run any program in it, named or not."""
    index = analysis.index
    runners = {index.module_of(name) for name, function in index.functions.items()
               if index.module_of(name) in evidence.live and not _LISTS.isdisjoint(function.calls)
               and any(call.startswith(_SPAWNS) for call in function.calls)}
    return {word for module in runners if (summary := index.modules.get(module)) is not None
            for word in summary.words if code_count(summary, word) > 0}


def _loaded_file_names(analysis, evidence) -> Set[str]:
    """The file names live modules load by a literal path (`runpy.run_path("tools/report")`)."""
    names: Set[str] = set()
    for name in evidence.live:
        top = analysis.index.functions.get(name)
        names.update(tag[len(LOADS_FILE):] for tag in getattr(top, "tags", ()) if tag.startswith(LOADS_FILE))
    return names


class _TreeReading:
    """The project's files read once for the programs asked about: which files name each program's file name, which
    programs of the project each program names, which other paths lead to it."""

    def __init__(self, tree: ProjectTree, root: str, file_names: Set[str]) -> None:
        self.root = root
        self._namers: Dict[str, Set[str]] = {name: set() for name in file_names}  # file name -> paths of files naming it
        self._links: Dict[str, Set[str]] = {}  # real path -> root-relative paths of the files and links that lead to it
        self._texts: Dict[str, str] = {}  # root-relative path -> text, for the programs asked about
        self.programs: Dict[str, Set[str]] = {}  # a program file name of the project -> its root-relative paths
        self.code_parts: Set[str] = set()  # every folder and module name of a `.py` file's path
        self.top_paths: Dict[str, Set[str]] = {}  # a top-level module's or package's name -> its `.py` files' paths
        for path, name in _files(tree, root):
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
            if name in file_names:
                self._texts[path] = text
            for file_name in file_names:
                if file_name in text and _runs(file_name, text):
                    self._namers[file_name].add(path)
        self._named_programs: Dict[str, Set[str]] = {}

    def _text(self, path: str) -> Optional[str]:
        data = read_bytes(os.path.join(self.root, path), _MAX_TEXT)
        return None if data is None or b"\0" in data else data.decode("utf-8", "replace")

    def namers(self, path: str) -> Set[str]:
        """The files that name the program's file name (its own text too)."""
        return self._namers.get(os.path.basename(path), set())

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
