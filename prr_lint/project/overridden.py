"""Base-class methods no object the project builds can run (PRR501's dead code, dead_code.py).

A project class the project never builds itself runs its methods only on instances of its
subclasses; a method every project subclass overrides then runs only through `super().name(...)`
or `Base.name(self, ...)`. h2ogpt's own `ImageCaptionLoader` (a copy of LangChain's) is built only as
`H2OImageCaptionLoader`, which overrides `load` and `_get_captions_and_metadata`: the base's
`_get_captions_and_metadata` never runs, whatever framework calls `load`. hepcrawl's
`InspireAPIPushPipeline` is built only by a test; its settings load the subclass by a dotted path, whose
`close_spider` does not call the base's: the base's `requests.post` never runs.

Never built: no service call resolves to the class (a test's aside) and no service source names it but
as a base of a subclass or in an import (a value handed on, `isinstance`, a dotted string: all may build
it); nothing may register it or a subclass (a class decorator, a metaclass, an ORM base: unregistered.py);
the top package of a distribution imports neither it nor a subclass (its API: another distribution may
subclass them). Overridden: every project subclass finds the method on a class below the base. No
`super().name` or `Base.name`: in each file that defines a subclass, every code mention of the name is a
definition or a call the resolver typed (`Base.name(self)` is one, and keeps the method alive as any
call does); a `super()` call of another method (`super().open_spider(...)`) runs that one, and a helper it
shares with the dead method keeps that caller (dead_code.py counts a call of its name on an untyped
receiver, `super()` too, as a caller: dispatched_callers.py); and every project caller of the method is
such a method itself.
"""

from __future__ import annotations

import ast
from typing import AbstractSet, Dict, List, Mapping, Optional, Set

from prr_lint.called_dunders import called_outside_code
from prr_lint.project.names import class_ancestors, defined_named, resolve_name
from prr_lint.project.parsed_trees import TreeOf
from prr_lint.project.unregistered import ParsedSource, parsed_source, runs_only_when_named, stands_for

_PLAIN = frozenset({"builtins.staticmethod", "builtins.classmethod", "builtins.property"})


def overridden_methods(index, graph, tests: Set[str], files: Mapping[str, Mapping[str, int]], tree_of: TreeOf,
                       sources: Optional[Dict[str, Optional[ParsedSource]]] = None,
                       published: AbstractSet[str] = frozenset()) -> Set[str]:
    """Methods of unbuilt project classes that every project subclass overrides, no `super()` call
    reaches and only such methods call; `sources` holds files already parsed (unregistered.py),
    `published` the distributions' top packages (distributions.py `published_packages`)."""
    parsed = sources if sources is not None else {}
    lineages = {cls: class_ancestors(index, cls) for cls in index.classes}
    subclasses: Dict[str, List[str]] = {}
    for cls, ancestors in lineages.items():
        if index.module_of(cls) not in tests:
            for base in ancestors:
                subclasses.setdefault(base, []).append(cls)
    built: List[Set[str]] = []  # every project class a service call builds, found once
    candidates: Set[str] = set()
    for cls, subs in subclasses.items():
        if cls not in index.classes or not all(runs_only_when_named(index, tests, name) for name in (cls, *subs)):
            continue
        methods = [name for name in _methods(index, cls) if _plain(index, name)]
        found = [name for name in methods if all(_overrides(index, lineages, sub, cls, name.rpartition(".")[2]) for sub in subs)]
        if not found:
            continue
        if not built:
            built.append({index.canonical(call) for name, function in index.functions.items() if index.module_of(name) not in tests
                          for call in function.calls})
        if cls in built[0] or _exported(index, published, {cls, *subs}) or not _unnamed(index, cls, files, tree_of, parsed):
            continue
        # a `super()` call in a subclass may run it: the call graph does not see such calls
        candidates.update(name for name in found if _typed(index, subs, name.rpartition(".")[2], files))
    callers = graph.callers()
    changed = True
    while changed:  # only such methods call them
        kept = {name for name in candidates if all(caller in candidates or index.module_of(caller) in tests
                                                    for caller in callers.get(name, ()))}
        changed, candidates = kept != candidates, kept
    return candidates


def _exported(index, published: AbstractSet[str], classes: Set[str]) -> bool:
    """A distribution's top package imports one of `classes`: another distribution may build or subclass it."""
    return any(resolve_name(index, target) in classes for module in published if module in index.modules
               for target in index.modules[module].imports.values())


def _methods(index, cls: str) -> List[str]:
    prefix = f"{cls}."
    return [name for name in index.modules[index.module_of(cls)].functions if name.startswith(prefix) and "." not in name[len(prefix):]]


def _plain(index, name: str) -> bool:
    """Not a dunder or `_sunder_` Python or a library calls (called_dunders.py), no registering decorator."""
    local = name.rpartition(".")[2]
    return local.isidentifier() and not called_outside_code(local) \
        and set(index.functions[name].decorators) <= _PLAIN


def _overrides(index, lineages: Mapping[str, List[str]], sub: str, cls: str, local: str) -> bool:
    """`sub` finds `local` on a class between itself and `cls` (a project class deriving from `cls`)."""
    return any(name in lineages and name != cls and cls in lineages[name] and f"{name}.{local}" in index.functions
               for name in (sub, *lineages[sub]))


def _unnamed(index, cls: str, files: Mapping[str, Mapping[str, int]], tree_of: TreeOf, sources: Dict[str, Optional[ParsedSource]]) -> bool:
    """No service source names `cls` but as a base or in an import."""
    local = cls.rpartition(".")[2]
    modules = {summary.path: name for name, summary in index.modules.items()}
    for path, words in files.items():
        module = modules.get(path)
        summary = index.modules.get(module) if module else None
        if not words.get(local) or summary is not None and words[local] <= summary.prose_words.get(local, 0):
            continue
        source = parsed_source(sources, tree_of, path, module)
        if source is None or any(text == local or text.endswith((f".{local}", f":{local}")) for text in source.strings):
            return False
        for node in source.named.get(local, ()):
            parent = source.parents.get(node)
            if stands_for(index, module, node, cls) and not (isinstance(parent, ast.ClassDef) and node in parent.bases):
                return False
    return True


def _typed(index, subs: List[str], local: str, files: Mapping[str, Mapping[str, int]]) -> bool:
    """In each file that defines a subclass, every code mention of `local` is a definition or a call
    the resolver typed: an untyped one may be `super().local(...)`."""
    for module in {index.module_of(sub) for sub in subs}:
        summary = index.modules[module]
        code = files.get(summary.path, {}).get(local, 0) - summary.prose_words.get(local, 0)
        defined = len(defined_named(summary, local))
        called = sum(1 for function in summary.functions.values() for call in function.calls if call.rpartition(".")[2] == local)
        if code > defined + called:
            return False
    return True
