"""The project modules the running service loads, by positive evidence: what PRR000 asks of an unparseable file.

A syntax error breaks the service only when Python meets it: a module the service imports. Asking that
nothing names a broken file before leaving it out never ends (an any-name `import_module(args.x)` of a
developer's script may load anything; a word of its name occurs somewhere), so the question is turned
around: which modules does the service load? The roots are what runs: the modules of the entry points and
background tasks, the modules that build an app, start a server or loop forever, those an entry point
declaration names (a console script), those a launch or deployment file names (a Dockerfile's `CMD python
worker.py`), and the modules a framework discovers by convention (Django's `models`, `admin`, `apps` ...,
`templatetags/`, `management/commands/`). From them the closure follows every import (dotted, relative or
star) to the project modules it spells and to the packages above them, whose `__init__.py` runs first.

A module only a module outside this closure imports (a research module only an unimported experiment
imports, a retired pipeline only `incomplete_tests/` import) is no evidence: its importer never runs either.
"""

from __future__ import annotations

import os
from typing import Dict, FrozenSet, Iterable, Mapping, Sequence, Set

from prr_lint.module_loads import LOADS_FILE
from prr_lint.module_walks import WALKS_MODULES, admits, parse_walk
from prr_lint.program_marks import PATH_EDITS
from prr_lint.project.support import test_modules
from prr_lint.project.unloaded_files import deployment_names, namers
from prr_lint.project.unloaded_modules import convention_module, entry_point_modules, serving_modules
from prr_lint.project.walked_modules import walked_name


def live_modules(analysis, launch_files: Sequence[str], run_only: bool = False) -> FrozenSet[str]:
    """The modules the service loads (module docstring), computed once per run. `run_only`: a launch file makes a
    module a root only by running it (its file name as a token, `-m pkg.mod`, `mod:app`), not by its bare word."""
    return analysis.derived("live-modules-run" if run_only else "live-modules",
                            lambda: _closure(analysis.index, _roots(analysis, launch_files, run_only)))


def spelled(summary) -> Set[str]:
    """Each dotted name a module's imports spell, and every package name above it; not what only imports Python 2
    makes spell (`if PY2: import lib.zipfile as zipfile`: python2_gates.py), which no Python 3 run loads."""
    found: Set[str] = set()
    python2 = set(summary.python2_imports)
    for path in (*summary.imports.values(), *summary.dotted_imports, *summary.star_imports):
        if path in python2:
            continue
        parts = path.split(".")
        found.update(".".join(parts[:end]) for end in range(1, len(parts) + 1))
    return found


def _spelled_modules(index, summary) -> Set[str]:
    """The project modules a module's imports load: each dotted name an import spells, and the packages above it."""
    return {name for name in spelled(summary) if name in index.modules}


def started_modules(analysis, launch_files: Sequence[str], run_only: bool = False) -> FrozenSet[str]:
    """The modules something starts, not a framework's discovery: entry points, tasks, servers, declared programs and
    those a launch file names (with `run_only`, runs). Without any, what the service's start is is unknown: a program
    the index does not hold may be it (unnamed_programs.py)."""
    def started() -> FrozenSet[str]:
        index = analysis.index
        tests = test_modules(index)
        named_by = deployment_names(analysis, launch_files)
        launched = named_by.launch_runs if run_only else named_by.launch_names
        functions: Iterable[str] = (*analysis.model.seeds, *analysis.model.batch)
        roots = {index.module_of(name) for name in functions if name in index.functions}
        roots |= serving_modules(index) | entry_point_modules(analysis)
        roots |= {name for name, module in index.modules.items() if name not in tests and launched(os.path.basename(module.path))}
        return frozenset(name for name in roots if name is not None and name not in tests)
    return analysis.derived("started-modules-run" if run_only else "started-modules", started)


def _roots(analysis, launch_files: Sequence[str], run_only: bool = False) -> Set[str]:
    """The modules that run without a project import: those something starts (`started_modules`) and what a
    framework discovers."""
    tests = test_modules(analysis.index)
    return set(started_modules(analysis, launch_files, run_only)) | {
        name for name, module in analysis.index.modules.items() if name not in tests and convention_module(module.path)}


def _closure(index, roots: Set[str]) -> FrozenSet[str]:
    """The roots and every project module their imports load, transitively."""
    found, todo = set(roots), list(roots)
    while todo:
        summary = index.modules.get(todo.pop())
        for name in _spelled_modules(index, summary) - found if summary is not None else ():
            found.add(name)
            todo.append(name)
    return frozenset(found)


class LoadEvidence:
    """Whether the service loads the module of an unparseable file: what PRR000 asks before it reports one."""

    def __init__(self, analysis, launch_files: Sequence[str], run_only: bool = False) -> None:
        index = analysis.index
        self.index = index
        self.live = live_modules(analysis, launch_files, run_only)
        self.started = started_modules(analysis, launch_files, run_only)
        self.run_only = run_only
        self.dead = frozenset(index.modules) - self.live
        self.spelled: Dict[str, Set[str]] = {}  # a dotted name (and each package above it) -> live modules spelling it
        for name in self.live:
            summary = index.modules.get(name)
            parts = name.split(".")
            own = {".".join(parts[:end]) for end in range(1, len(parts) + 1)}  # a module lies in its packages
            for name_spelled in (spelled(summary) | own) if summary else ():
                self.spelled.setdefault(name_spelled, set()).add(name)
        self.path_editors = _path_editors(index)
        self.walks = [walk for name in self.live for tag in getattr(index.functions.get(name), "tags", ())
                      if tag.startswith(WALKS_MODULES) and (walk := parse_walk(tag)) is not None and walk[0]]

    def loaded(self, modules: Mapping[str, str], packages: Set[str]) -> Set[str]:
        """Those of `modules` (module -> its root-relative path) the service loads: a live module imports it (a
        package: lies in it or imports anything in it) in code Python 3 runs, or by a name no project module answers
        that ends its name (a folder the deployment puts on `sys.path`); a live module names its word and its
        package's in code or a name-like string (a settings path `"proj.jobs.sync"`, a loader's `f"proj.jobs.{name}"`
        and the `"sync"` it is given, the package's word in a name-like string: `names_member`; outside a regular
        package its word alone, the name a loader given its folder uses, where that loader can reach the folder:
        `_reaches`); or a live plug-in walk with a literal prefix loads it."""
        homes: Dict[str, Set[str]] = {}
        for module in modules:
            homes.setdefault(module.rpartition(".")[2], set()).add(module)
        named = namers(self.index, set(homes), self.dead, homes, most=None)
        return {module for module, path in modules.items()
                if (module in self.spelled if module in packages
                    else self._loads(module, path, named.get(module.rpartition(".")[2], set()), packages))}

    def _loads(self, module: str, path: str, namers_of_stem: Set[str], packages: Set[str]) -> bool:
        """Whether a live module imports, names or walks into the module (`loaded`); `packages`: those whose
        `__init__.py` does not parse (LazyLibrarian's Python 2 `lib/bs4/`), regular packages all the same."""
        package, _, stem = module.rpartition(".")
        regular = package in self.index.modules or package in packages
        parent = package.rpartition(".")[2]
        parts = module.split(".")
        tails = [".".join(parts[start:]) for start in range(1, len(parts))]  # names no project module answers
        importers = set(self.spelled.get(module, ())).union(
            *(self.spelled.get(tail, ()) for tail in tails if tail not in self.index.modules))
        if any(_names_in_code(self.index.modules[name], stem) for name in importers):
            return True
        summaries = filter(None, map(self.index.modules.get, namers_of_stem))
        answered = answered_elsewhere(self.index, module)
        if any(names_member(summary, parent) if regular else self._named_from(summary, path, parent, stem, answered) for summary in summaries):
            return True
        return any(admits(walk[1], seen, False) is not False for walk in self.walks if (seen := walked_name(walk, module)) is not None)


    def _named_from(self, summary, path: str, parent: str, stem: str, answered: bool) -> bool:
        """Whether a module that names the word of a file outside a regular package can load that file. A file
        at the project root is its word. Below folders whose names are all identifiers (a namespace package: no
        `__init__.py`), Python 3 imports it by its dotted name, which holds its folder's word (`names_member`), or
        by its word alone from that folder on `sys.path` (`_reaches`); a name-like string of its word (`"tool1_wrapper"`)
        may hand it to a loader or runner given the folder, but not a Python 2 leftover (`run_only`), which needs
        an import or run: a Django field name `'current'` loads no `imports/hans_old/current.py`. A live module whose
        code only shares a word (a variable `current`, an attribute `old`) with a file there loads nothing. Below a folder whose name
        is no identifier, no dotted name from the root reaches it: only `_reaches`. A word a project module answers
        (`answered`: roundup's wiki theme `website/wiki/wiki/data/plugin/theme/roundup.py` beside the `roundup` package)
        is that module's in the namer's code and strings, so only its folder's word or a load of the file itself is
        evidence."""
        folders = path.replace(os.sep, "/").split("/")[:-1]
        if not folders:
            return names_member(summary, "")
        if all(folder.isidentifier() for folder in folders) and (
                names_member(summary, parent) or not self.run_only and not answered and stem in summary.string_words):
            return True
        return names_member(summary, "") and self._reaches(summary, path, answered)

    def _reaches(self, summary, path: str, answered: bool) -> bool:
        """Whether a module that names the word of a file in `folders` can load it by that word: a dotted name from
        a `sys.path` folder reaches the file only at or below the last folder whose name is no identifier
        (`content/en/hours-to-seconds/initial.py` is `initial` only with `hours-to-seconds/` on `sys.path`), and its
        word alone only from its own folder. Such a file is loaded by a program in that folder (Python puts a
        script's folder first on `sys.path`), or by one that loads files by path (`runpy.run_path`,
        `spec_from_file_location`, `exec(open(path).read())`: module_loads.py `LOADS_FILE`, that file's name or a
        computed one) or puts a folder on `sys.path`; a module elsewhere that spells `"initial.py"` to read the file
        as text loads nothing. When the word is another project module's (`answered`), a path edit or a load by a
        computed name is that module's, and only a program in the file's folder or a load by its file name remain."""
        folders = path.replace(os.sep, "/").split("/")[:-1]
        unnamed = [position for position, folder in enumerate(folders) if not folder.isidentifier()]
        reach = "/".join(folders[:unnamed[-1] + 1] if unnamed else folders) + "/"
        if summary.path.replace(os.sep, "/").startswith(reach):
            return True
        top = self.index.functions.get(summary.module)
        marks = top.tags if top is not None else ()
        return LOADS_FILE + os.path.basename(path) in marks or not answered and (summary.module in self.path_editors or LOADS_FILE in marks)


def answered_elsewhere(index, module: str) -> bool:
    """The module's word is the import name of another project module (roundup's wiki theme `website/wiki/wiki/data/
    plugin/theme/roundup.py` beside the `roundup` package): code, strings and launch files that spell the bare word
    name that one."""
    package, _, stem = module.rpartition(".")
    return bool(package) and stem in index.modules


def _path_editors(index) -> FrozenSet[str]:
    """The modules some code of which puts a folder on `sys.path` (`sys.path.insert`, `site.addsitedir`)."""
    return frozenset(module for name, function in index.functions.items()
                     if not PATH_EDITS.isdisjoint(function.calls) and (module := index.module_of(name)) is not None)


def names_member(summary, parent: str) -> bool:
    """A module that names a module's word (`namers`) may load it by name: outside a regular package by the word
    alone (a loader given its folder); inside one (`parent`) only where a name-like string holds the package's word
    (`"lib.zipfile"`, `f"lib.{name}"` handed `"zipfile"`): a package member is imported by its dotted name, so the
    words of code alone (a variable `zipfile`, the `lib` of `from lib.six import PY2` beside `import zipfile`)
    load nothing."""
    return not parent or _names_in_code(summary, parent) and parent in summary.string_words


def _names_in_code(summary, word: str) -> bool:
    """The module names the word in code Python 3 runs: not only in prose nor only in an import only Python 2 makes."""
    return summary.words.get(word, 0) - summary.prose_words.get(word, 0) - summary.python2_words.get(word, 0) > 0
