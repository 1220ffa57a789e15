"""Django and DRF class-based views nothing refers to: PRR501's dead code (dead_code.py `_unused`).

Entry points find a view class by its base (entrypoints.py `_view_classes`), since the URLconf that
routes it may be built in ways the per-file pass does not follow. But Django serves a class-based
view only through a reference to that very class: `path(..., views.X.as_view())`, `router.register(
..., XViewSet)`, `from app.views.a import X`, a subclass that is itself served, a dotted path in a
string. A copy of a view left behind in another module (BLT's `views/repo.py` `RepoDetailView`, while
`urls.py` imports the one in `views/project.py`) is found by its base all the same, and its calls
were reported as serving code. Here a view is unrouted when every name of it in the project's
service sources resolves to another object:

* an import whose target resolves to another class (`from app.views.project import X`); one the
  index cannot resolve into a project module may be it;
* a name or attribute that resolves elsewhere (unregistered.py `stands_for`), but one looked up in a
  module that star-imports the view's module, however indirectly (`from .repo import *`), may be it,
  since the first star-imported module that has the name is only a guess of the resolver;
* its own body naming itself (`super(X, self)`) is no reference; one in another class's body or
  bases (`view = X`, `class Y(X)`) counts only when that class is not itself an unrouted view;
* any string equal to its name (`getattr(views, "X")`) or a short dotted path that may name it, a
  configuration file's word, a program the index does not hold: it may be.

A module whose object other code takes by a computed name (a file that imports it whole, star-imports
it or names its dotted path, and looks attributes up dynamically: `getattr`, `vars`, `__dict__`,
`inspect`) keeps every view it holds. Only a Django site routes its views itself, and only when the
run holds its root URLconf (a settings module outside the tests names it by `ROOT_URLCONF`; a computed
name, a module that routes Django paths beside the settings) does it see where: a reusable app's
views may be routed by the sites that install it, and a run over part of a site may leave its
URLconf out, so otherwise nothing is unrouted. A class decorator or a metaclass in the
lineage may register the class (unregistered.py `runs_only_when_named`): it stays.
"""

from __future__ import annotations

import ast
import re
from typing import Callable, Dict, Iterable, Mapping, Optional, Set

from prr_lint import frameworks as fw
from prr_lint.module_loads import SETS_PATH
from prr_lint.program_marks import ASSIGNS_INSTALLED_APPS
from prr_lint.project.names import class_ancestors, closure
from prr_lint.project.parsed_trees import TreeOf
from prr_lint.project.unregistered import ParsedSource, parsed_source, runs_only_when_named, stands_for
from prr_lint.word_counts import PATH_WORDS

_ROUTED_BY_REFERENCE = frozenset({"django", "drf"})
_URLCONF_SETTING = "ROOT_URLCONF"
# Outside bases that find no subclass by themselves.
_KNOWN_PACKAGES = ("django.", "rest_framework.", "builtins.", "abc.", "typing.")
_PYTHON_BASES = frozenset({"object", "abc.ABC", "typing.Generic"})
_DJANGO_ROUTES = "django:"  # a registration `path()`/`re_path()`/`url()` records (entry_marks.py)
# Words of a file that may look a module's attributes up by a computed name.
_DYNAMIC_LOOKUPS = ("getattr", "vars", "__dict__", "inspect", "getmembers", "globals")
_LIVE = ""  # a reference that keeps the view live by itself; otherwise the class whose liveness it waits on


def unrouted_views(index, tests: Set[str], files: Mapping[str, Mapping[str, int]], tree_of: TreeOf,
                   configured: Set[str], sources: Optional[Dict[str, Optional[ParsedSource]]] = None) -> Set[str]:
    """The Django/DRF view classes of service modules that nothing in the service refers to (see the
    module doc). `files` holds the words of the non-test sources by root-relative path, `configured`
    the words of the configuration files."""
    if not _django_site(index, tests):
        return set()
    candidates = {cls for cls in index.classes if _view(index, cls) and runs_only_when_named(index, tests, cls)
                  and cls.rpartition(".")[2] not in configured}
    if not candidates:
        return set()
    modules = {summary.path: name for name, summary in index.modules.items()}
    parsed = sources if sources is not None else {}

    def source_of(path: str) -> Optional[ParsedSource]:
        return parsed_source(parsed, tree_of, path, modules.get(path))

    exporters = _exporters(index, {index.module_of(cls) for cls in candidates})
    opened = {home for home, found in exporters.items() if _opened(index, files, found, source_of)}
    candidates = {cls for cls in candidates if index.module_of(cls) not in opened}
    waits: Dict[str, Set[str]] = {cls: set() for cls in candidates}
    live: Set[str] = set()
    for cls in sorted(candidates):
        local = cls.rpartition(".")[2]
        for path in (path for path, words in files.items() if words.get(local)):
            source = source_of(path)
            if source is None:  # a program the index does not hold, or one that does not parse
                live.add(cls)
                break
            owners = set(_references(index, source, cls, exporters[index.module_of(cls)]))
            if _LIVE in owners or owners - candidates:
                live.add(cls)
                break
            waits[cls] |= owners
    changed = True
    while changed:  # a view named only by unrouted views (a base of theirs) is unrouted too
        added = {cls for cls in candidates - live if waits[cls] & live}
        live |= added
        changed = bool(added)
    return candidates - live


def _django_site(index, tests: Set[str]) -> bool:
    """The run holds a Django site's URLconf: the module a settings module outside the tests names by
    `ROOT_URLCONF`, or, where that name is computed (`'{}.urls'.format(SITE_NAME)`), a settings module
    that lists `INSTALLED_APPS` beside a module that routes Django paths."""
    named, installed = [], False
    for module in index.modules:
        function = index.functions.get(module)
        if module in tests or function is None:
            continue
        installed = installed or ASSIGNS_INSTALLED_APPS in function.tags
        for tag in function.tags:
            setting, _, path = tag[len(SETS_PATH):].partition("=")
            if tag.startswith(SETS_PATH) and setting == _URLCONF_SETTING:
                named.append(path)
    if named:  # below a folder of the run too
        return any(name == path or name.endswith(f".{path}") for path in named for name in index.modules)
    return installed and any(registrar.startswith(_DJANGO_ROUTES) for name, summary in index.modules.items() if name not in tests
                             for registrar, *_ in summary.registrations)


def _view(index, cls: str) -> bool:
    """A module-level class whose lineage has a Django or DRF view base, and no outside base but
    Django's, DRF's and Python's: another package's base may find its subclasses itself (django-oscar
    loads a forked app's `OrderDetailView` by its app label and name, which no project file names)."""
    if index.module_of(cls) != cls.rpartition(".")[0]:
        return False
    ancestors = [fw.canonical(base) for base in class_ancestors(index, cls) if base not in index.classes]
    if not all(base.startswith(_KNOWN_PACKAGES) or base in _PYTHON_BASES for base in ancestors):
        return False
    views = [view for view in (fw.match_prefixed(base, fw.VIEW_BASES) for base in ancestors) if view is not None]
    return bool(views) and views[0][0] in _ROUTED_BY_REFERENCE


def _exporters(index, homes: Iterable[str]) -> Dict[str, Set[str]]:
    """Each module of `homes` with the modules that star-import it, however indirectly: a name
    looked up there may be one of its classes."""
    importers: Dict[str, Set[str]] = {}
    for name, summary in index.modules.items():
        for star in summary.star_imports:
            importers.setdefault(star, set()).add(name)
    return {home: closure(home, lambda name: importers.get(name, ())) for home in homes}


def _opened(index, files: Mapping[str, Mapping[str, int]], exporters: Set[str], source_of: Callable[[str], Optional[ParsedSource]]) -> bool:
    """Some service file takes one of `exporters` whole (imports it as a module, star-imports it or
    names its dotted path in a string, `import_module("app.views.repo")`, maybe computed) and looks
    attributes up by a computed name."""
    for summary in index.modules.values():
        words = files.get(summary.path)
        if not words or not any(words.get(word) for word in _DYNAMIC_LOOKUPS):
            continue
        if {*summary.imports.values(), *summary.star_imports, *summary.dotted_imports} & exporters:
            return True
        named = [module for module in exporters if all(words.get(part) for part in module.split(".")[:-1])]
        source = source_of(summary.path) if named else None
        if named and (source is None or any(_names_module(text, module) for text in source.strings for module in named)):
            return True
    return False


def _names_module(text: str, module: str) -> bool:
    """A string names the dotted path of `module`, or the start of one a computed name may end
    (`f"app.views.{name}"` holds `"app.views."`)."""
    return text.startswith(module) or text.endswith(".") and module.startswith(text)


def _references(index, source: ParsedSource, cls: str, exporters: Set[str]) -> Iterable[str]:
    """The references in `source` that may be `cls`, each as the module-level class whose body holds
    it, or `_LIVE` for one outside any class (an import, module code, a function, a string)."""
    local = cls.rpartition(".")[2]
    summary = index.modules[source.module]
    for bound, target in summary.imports.items():
        if target.rpartition(".")[2] == local and _may_be(index, target, cls, exporters):
            # an import no code of the file uses is a re-export; else it is as live as its uses
            uses = [node for node in source.named.get(bound, ()) if isinstance(node, ast.Name)]
            yield from (source.owners.get(node, _LIVE) for node in uses) if uses else (_LIVE,)
    dotted = re.compile(rf"(^|[\w.]+[.:]){re.escape(local)}\b")
    for text in source.strings:
        if text == local or local in text and len(text.split()) <= PATH_WORDS and any(
                _may_be(index, match.group(0).replace(":", "."), cls, exporters) for match in dotted.finditer(text)):
            yield _LIVE
    for node in source.named.get(local, ()):
        owner = source.owners.get(node, _LIVE)
        if owner != cls and (stands_for(index, source.module, node, cls) or _through_exporter(index, source.module, node, exporters)):
            yield owner


def _may_be(index, dotted: str, cls: str, exporters: Set[str]) -> bool:
    """Whether the dotted name (an import's target, a string's path) may be `cls`: it resolves to it,
    or through a module that exports it, or to nothing while it lies in the project."""
    owner = dotted.rpartition(".")[0]
    if not owner or owner in exporters:
        return True
    found = index.canonical(dotted)
    if found is not None:
        return found == cls
    return any(owner == name or owner.startswith(f"{name}.") or name.startswith(f"{owner}.") for name in index.modules)


def _through_exporter(index, module: str, node: ast.AST, exporters: Set[str]) -> bool:
    """A name looked up in a module that star-imports the view's, or an attribute of such a module."""
    if isinstance(node, ast.Name):
        return module in exporters
    value, parts = node.value, []  # type: ignore[attr-defined]
    while isinstance(value, ast.Attribute):
        parts.append(value.attr)
        value = value.value
    if not isinstance(value, ast.Name):
        return True
    head = index.modules[module].imports.get(value.id, value.id)
    return ".".join([head, *reversed(parts)]) in exporters
