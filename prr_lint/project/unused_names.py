"""Methods whose name no service code uses, for PRR501's dead code (dead_code.py `_unused`).

The word counts keep a method alive when any word of its name is in a file: a parameter or local of that name
(XAgent's `retrieved_procedure: str` beside an unused method `retrieved_procedure`), a template's placeholder
(`"{{retrieved_procedure}}"`) or the method's own call of a stub's method of the same name (a gRPC client's
`return self._service.get_state(request)`) all count. Here only what can reach a method counts (name_uses.py):
an attribute read, a name-like string, a bare name in a class body, in non-test modules, and a word of a Python
program the index does not hold; never in a distribution below the root that runs nothing of its own (no
`Dockerfile` or `Procfile`: a library the service and others import, whose API is called from outside the
repository: distributions.py `runs_on_its_own`). A function's uses of its own name in its own body count only when it may run
without being named (a framework hook of that name that hands on to our method: `eligible` says which may not).
A method a class body gives to `property()` (`limit = property(get_limit, set_limit)`) is used there only when the
property's name is used (name_uses.py): python-qbittorrent's `global_download_limit` nothing reads keeps
neither `get_global_download_limit` nor its setter alive. A name only functions of that name use among themselves (a process API's `get_log_level` that calls the gRPC
client's `get_log_level`, which calls the stub's) is unused for all of them.

A base class the index cannot resolve is external, and its subclass's public methods may be a framework's
hooks; but a dotted name that ends a project class's qualname (`from base import BaseInstanceStep`, a Python 2
implicit relative import of the module beside it) is that project class (`project_alias`).
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Set

from prr_lint.project.names import class_ancestors


class UnusedNames:
    """Which method names no service code uses, computed once per run from the module summaries."""

    def __init__(self, index, tests: Set[str], programs: Iterable[Mapping[str, int]], eligible: Callable[[str], bool],
                 libraries: Iterable[str] = ()) -> None:
        self.index, self.libraries = index, tuple(f"{folder}/" for folder in libraries)
        self.uses: Counter = Counter()
        self.eligible = eligible
        # name -> (qualname, uses of its own name in its body) per function of that name: `eligible` is asked only of
        # the names asked about (`_own`), as it costs a class lineage's judgement (a handful on a default run)
        self.own_uses: Dict[str, List[tuple]] = {}
        self.own: Dict[str, int] = {}  # name -> its uses in bodies of functions of that name that run only when named
        self.programs = list(programs)
        methods = {qualname.rpartition(".")[2] for qualname in index.functions if qualname.rpartition(".")[0] in index.classes}
        parts: Dict[str, List[str]] = {}  # a class body's property -> the names it is built from
        service = [module for name, module in index.modules.items() if name not in tests]
        for module in service:
            for qualname, count in module.own_uses.items():
                self.own_uses.setdefault(qualname.rpartition(".")[2], []).append((qualname, count))
            for prop, built in module.property_parts.items():
                parts.setdefault(prop, []).extend(built)
        self.uses.update(word_totals((module.method_uses for module in service), methods))
        used = word_totals((module.method_uses for module in service), set(parts))
        for prop, built in parts.items():
            if self._used(prop, used[prop]):
                self.uses.update(word for word in built if word in methods)

    def unused(self, cls: str, local: str) -> bool:
        """No service code may reach the method `local` of `cls` by its name, and its module is no library's."""
        if self._used(local, self.uses[local] - self._own(local)):
            return False
        return not self.index.modules[self.index.module_of(cls)].path.startswith(self.libraries)

    def _own(self, local: str) -> int:
        if local not in self.own:
            self.own[local] = sum(count for qualname, count in self.own_uses.get(local, ()) if self.eligible(qualname))
        return self.own[local]

    def _used(self, word: str, uses: int) -> bool:
        """Service code uses `word` (`uses` times beyond its own body), or a program the index does not hold names it."""
        return uses > 0 or any(words.get(word) for words in self.programs)


def word_totals(files: Iterable[Mapping[str, int]], names: Set[str]) -> Counter:
    """How often each of `names` occurs in all of `files` (word counts) together."""
    total: Counter = Counter()
    for words in files:
        for word in names.intersection(words):
            total[word] += words[word]
    return total


def project_aliases(index) -> Dict[str, str]:
    """Dotted names (two parts or more) that end exactly one project class's qualname -> that class."""
    found: Dict[str, Optional[str]] = {}
    for cls in index.classes:
        parts = cls.split(".")
        for start in range(1, len(parts) - 1):
            tail = ".".join(parts[start:])
            found[tail] = cls if tail not in found else None
    return {tail: cls for tail, cls in found.items() if cls is not None}


def lineage(index, cls: str, aliases: Mapping[str, str]) -> List[str]:
    """`cls` and its ancestors, a base the index leaves unresolved but that names a project class by a shorter
    dotted name (`project_aliases`) replaced by that class and its own ancestors."""
    found: List[str] = [cls]
    stack = [cls]
    while stack:
        for base in class_ancestors(index, stack.pop()):
            target = aliases.get(base, base) if base not in index.classes else base
            if target not in found:
                found.append(target)
                if target != base:
                    stack.append(target)
    return found
