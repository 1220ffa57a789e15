"""Dead code: module functions that no Python source of the project names, and the helpers beside
them that only they call.

A module function that no other source line of the project mentions is dead: a developer's
`do_test()` nobody calls any more, a `hello()` demo; it is not the running service. A name counts as
mentioned when it is a word of a non-test module's text, strings and comments included, beyond its
own definitions: a callable a settings string names, a function handed over as a value
(`Thread(target=do_import)`), one found again by `getattr(module, "name")` are all mentioned, which
the call graph alone would miss. Python programs without a `.py` name (`bin/rucio-auditor`, a
`#!` line that names python) and Pando simplates (`.spt`, Python pages) count too: a daemon they start is the service. Only module functions
can be unnamed: a method may be called by a framework through its base class (a serializer's
`to_representation`), and a class may be registered by subclassing (a web.py page, a plugin base's
`__init_subclass__`). A decorated function is registered by its decorator (a route, a signal
receiver, a plugin hook) and a dunder is called by Python: neither is ever dead here.

PRR401 asks more closely (its first set): a word counts only in a file that can reach the function's
module (its own file, by code and strings but not comments and docstrings, or a file that names the
module), so another class's `timer` method does not keep `utils.timer` alive; decorators that only
wrap (`@contextmanager`, `lru_cache`) register nothing; and a class's methods are dead when its
module names it once and only dead code builds it, or when it is a plain class (no base but
`object`, no decorator, no metaclass) nothing names at all.

Words are counted in the per-file pass, which holds the source and the tree (word_counts.py),
and kept in the module summaries (and so in the cache): the project phase only merges them and reads
no module again, only the few Python programs the index does not hold.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from itertools import chain
from typing import Callable, Dict, Iterable, Iterator, List, Mapping, Optional, Set, Tuple

from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.support import test_modules
from prr_lint.word_counts import tokenized_words, word_counts
_SKIPPED_DIRS = frozenset({"node_modules", "site-packages", "__pycache__", "venv"})
_MAX_SCRIPT = 1 << 18
# Decorators that wrap a function and register it nowhere: a module function they decorate is dead
# when nothing names it (PRR401: `@contextmanager def show_queries()`, a developer's tool).
_WRAPPERS = frozenset({"contextlib.contextmanager", "contextlib.asynccontextmanager", "functools.lru_cache",
                       "functools.cache", "functools.wraps"})


def _python_scripts(root: Path) -> Iterator[str]:
    """Files without a suffix whose `#!` line names python, and Pando simplates (`.spt`): Python the
    index does not hold."""
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if not name.startswith(".") and name not in _SKIPPED_DIRS]
        for name in files:
            if name.endswith(".spt"):
                yield os.path.join(folder, name)
                continue
            if "." in name:
                continue
            path = os.path.join(folder, name)
            if not os.path.isfile(path) or os.path.getsize(path) > _MAX_SCRIPT:
                continue
            with open(path, "rb") as handle:
                first = handle.readline(200)
            if first.startswith(b"#!") and b"python" in first:
                yield path


def _script_words(root: Path) -> Optional[Dict[str, Mapping[str, int]]]:
    """How often each word occurs in each program the index does not hold, by its root-relative path
    as a module's; None when one cannot be read (a name it holds is unknown, so nothing may be called
    dead)."""
    counts: Dict[str, Mapping[str, int]] = {}
    for path in _python_scripts(root):
        try:
            counts[os.path.relpath(path, root).replace(os.sep, "/")] = word_counts(Path(path).read_text(encoding="utf-8", errors="replace"))
        except OSError:
            return None
    return counts


def _totals(files: Iterable[Mapping[str, int]], names: Set[str]) -> Counter:
    """How often each of `names` occurs in all of `files` together."""
    total: Counter = Counter()
    for words in files:
        for word in names.intersection(words):
            total[word] += words[word]
    return total


def dead_functions(analysis, serving: Set[str]) -> Tuple[Set[str], Set[str]]:
    """Unnamed module functions with their nested functions, and the module's own helpers every
    project caller of which is dead; never one that `serving` code or background work reaches.
    Second, those of them that no test names either: code the tests still exercise is kept working
    and may be wired in again."""
    index = analysis.index
    tests = test_modules(index)
    root = getattr(analysis.settings, "root", None)
    base = Path(root) if root is not None else Path(".")
    scripts = _script_words(base)
    # A module that is no file under the root (source handed over in memory, on stdin) leaves the
    # tree unknown: nothing may be called dead.
    if scripts is None or not all(os.path.isfile(base / module.path) for module in index.modules.values()):
        return set(), set()
    # root-relative path -> the file's words
    files: Dict[str, Mapping[str, int]] = {module.path: module.words for name, module in index.modules.items() if name not in tests}
    files.update(scripts)
    names = {qualname.rpartition(".")[2] for module in index.modules.values() for qualname in chain(module.functions, module.classes)}
    counts = _totals(files.values(), names)
    tested = _totals((index.modules[name].words for name in tests), names)
    # How often each word is defined: a `def f` or `class f` line mentions f once itself.
    defined: Counter = Counter()
    test_defined: Counter = Counter()
    own: Dict[str, Counter] = {}  # file -> the words its own definitions mention
    for name, module in index.modules.items():
        local = Counter(qualname.rpartition(".")[2] for qualname in chain(module.functions, module.classes))
        (test_defined if name in tests else defined).update(local)
        own[module.path] = local
    untested = _closed(analysis, serving, tests, lambda local, module: counts[local] <= defined[local] and tested[local] <= test_defined[local])
    # PRR401: only a file that can reach the module names its function: the module's own file, or one
    # that names the module (`import utils`, `from .utils import timer`, "pkg.utils.timer"); a word
    # elsewhere is another thing of the same name (a `querylog.timer()` method beside a dead `utils.timer`).
    where: Dict[str, List[str]] = {}
    for path, words in files.items():
        for word in names.intersection(words):
            where.setdefault(word, []).append(path)

    code: Dict[str, Counter] = {}

    def mentions(local: str, module: str) -> int:
        summary = index.modules[module]
        home, word = summary.path, module.rpartition(".")[2]
        found = sum(files[path][local] for path in where.get(local, ()) if path != home and files[path].get(word))
        if found or not files.get(home, {}).get(local):
            return found
        # its own file: code and strings, not comments and docstrings ("A quick timer.")
        if local in summary.code_words:
            return summary.code_words[local] - own.get(home, Counter())[local]
        if home not in code:  # a class of another module of the same name: its file, tokenized
            code[home] = tokenized_words((base / home).read_text(encoding="utf-8", errors="replace"))
        return code[home][local] - own.get(home, Counter())[local]

    def single_use(cls: str) -> Optional[bool]:
        """Whether a module-level class of a non-test module is named once beyond its definition;
        None for a plain class (no bases, no decorators, no metaclass) named nowhere at all."""
        module, _, local = cls.rpartition(".")
        if module not in index.modules or module in tests:
            return False
        named = mentions(local, module)
        home = files.get(index.modules[module].path, {})
        if named <= 0 and not home.get("metaclass") and not index.modules[module].class_decorators.get(cls):
            return None if local in index.modules[module].plain_classes else False
        return named == 1

    dead = _closed(analysis, serving, tests, lambda local, module: mentions(local, module) <= 0, single_use)
    return dead, untested


def _closed(analysis, serving: Set[str], tests: Set[str], unnamed: Callable[[str, str], bool],
            single_use: Optional[Callable[[str], bool]] = None) -> Set[str]:
    """The module functions `unnamed` picks with their nested functions and their module's helpers
    only they call, none reached by serving code or background work; with `single_use` (a class its
    module names once, beyond its definition), the methods of such a class that only dead code builds
    (`with Timer(name):` in the wrapper of an unused decorator)."""
    index, graph = analysis.index, analysis.graph
    batch = sorted(name for name in analysis.model.batch if name in index.functions)
    live = serving | set(breadth_first(graph, batch, UNBOUNDED))
    wrappers = _WRAPPERS if single_use is not None else frozenset()
    candidates: Dict[str, str] = {}  # module function -> its module
    for name, module in index.modules.items():
        if name in tests:
            continue
        prefix = f"{name}."
        for qualname, function in module.functions.items():
            local = qualname[len(prefix):] if qualname.startswith(prefix) else ""
            if not local or "." in local or local.startswith("__") or not set(function.decorators) <= wrappers:
                continue
            if unnamed(local, name):
                candidates[qualname] = name
    if single_use is not None:  # a plain class nothing names: its methods (`__init__` included) never run
        candidates.update((f"{cls}.", cls.rpartition(".")[0]) for cls in index.classes if single_use(cls) is None)
    if not candidates:
        return set()
    prefixes = tuple(f"{name}." if not name.endswith(".") else name for name in candidates)
    dead = {name for name in index.functions if (name in candidates or name.startswith(prefixes)) and name not in live}
    # Helpers of the same module that only dead code calls are dead too (a fixpoint over callers).
    callers = {name: found - {name} for name, found in graph.callers().items()}  # a recursive call keeps nothing alive
    homes = set(candidates.values())
    # A class of those modules built once, in dead code, and named nowhere else: its methods too.
    classes = [name for name in index.classes if name.rpartition(".")[0] in homes and single_use is not None and single_use(name)]
    changed = True
    while changed:
        added = {
            name for name, found in callers.items()
            if found and name not in dead and name not in live and found <= dead and name.rpartition(".")[0] in homes
        }
        for cls in classes:
            if callers.get(f"{cls}.__init__") and callers[f"{cls}.__init__"] <= dead:
                added.update(name for name in index.functions if name.startswith(f"{cls}.") and name not in dead and name not in live)
        dead |= added
        changed = bool(added)
    return dead
