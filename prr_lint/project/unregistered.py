"""Classes the deployment never runs: project classes nothing builds, calls or hands over.

A class runs when code builds it, calls one of its methods, or hands the class object to code that
may (an element of a registry list or dict, an argument of `router.register(...)`, a value bound at
module level, a dotted path in a string or a configuration file). A class that service code only
imports, subclasses or reads a plain class attribute of (`OldImporter.pipeline_id` in a data
migration) never runs; a reference inside another class (a base list, `importer = OldImporter` in
its body, a call in its methods) runs it only when that class runs, so a chain of unregistered
classes (an unregistered improver naming an unregistered importer) never runs either.

Some classes run without being named: a class decorator or a metaclass may register them, a base's
`__init_subclass__` may, code may find subclasses itself (`Base.__subclasses__()`), and code that
loads a class by a dotted path it computes (`import_string`, `import_class`, `importlib.import_module`)
may load one the operator's settings name (class_finders.py): a subclass of a found base, a class of a
package a built path loads from, and, beside a loader of a path read whole from configuration, a class
the documentation or a sample configuration names by its dotted path, are never picked; where the finding code cannot be
told (`clazz.__subclasses__()` on a parameter) no class is. A name in `__all__` exports a class and
loads none (kotaemon's library classes the app never configures). A class with an external base may be found by
its framework (a Django model reached through a reverse relation, a command found by its file): it
is picked only when the project registers that kind explicitly (a sibling sharing its external base
is handed over as a value, in a registry or to a registering call) and the base is no tabled
discovered kind (ORM models), or when service code tells its instances apart (`isinstance(result,
StacSaveResult)`, `issubclass`) and builds none: code that expects the project's own kind of value,
which no framework discovers (openeo-geopyspark-driver's `StacSaveResult`, only tests build).
"""

from __future__ import annotations

import ast
import re
from typing import Callable, Dict, Iterable, List, Mapping, Optional, Set, Tuple

from prr_lint.metaclasses import registering_metaclass
from prr_lint.project.class_finders import SCANNING, class_finders
from prr_lint.project.names import class_ancestors, resolve_name
from prr_lint.project.parsed_trees import TreeOf
from prr_lint.word_counts import PATH_WORDS

# External bases whose framework finds subclasses by itself (an ORM's models are reached through
# relations that name no class).
_DISCOVERED_BASES = ("django.db.", "django.contrib.gis.db.", "peewee.", "mongoengine.", "sqlalchemy.", "tortoise.",
                     "odoo.", "openerp.", "scrapy.")
# Class decorators that shape a class and register it nowhere.
_INERT_DECORATORS = frozenset({"dataclasses.dataclass", "attr.s", "attr.attrs", "attr.define", "attr.frozen",
                               "attrs.define", "attrs.frozen", "attr.mutable", "attrs.mutable", "functools.total_ordering",
                               "typing.final", "enum.unique", "pydantic.dataclasses.dataclass"})
# Calls that inspect a class object and run none of its code.
_INSPECTING = frozenset({"isinstance", "issubclass", "super", "type", "getattr", "hasattr", "id", "repr", "str"})
# Configuration files that may name a class by a dotted path (documentation does not load it).
CONFIG_SUFFIXES = (".ini", ".cfg", ".conf", ".toml", ".yaml", ".yml", ".json", ".env", ".sh", "Procfile", "Makefile",
                   "Dockerfile", "Containerfile")
# Files that tell an operator which dotted path to configure: documentation and sample configurations.
DOCUMENTED_SUFFIXES = CONFIG_SUFFIXES + (".rst", ".md", ".txt", ".example", ".sample", ".dist", ".template", ".tmpl")

RUNS = "runs"  # a reference that runs the class; otherwise the class whose running it waits on, or ""
INSPECTED = "inspected"  # `isinstance(result, StacSaveResult)`: code that expects instances, and builds none


def unrun_classes(index, tests: Set[str], files: Mapping[str, Mapping[str, int]], tree_of: TreeOf,
                  text_words: Callable[[Tuple[str, ...]], Set[str]], path_ends: Callable[[Tuple[str, ...]], Set[str]],
                  sources: Optional[Dict[str, Optional["ParsedSource"]]] = None) -> Set[str]:
    """Module-level classes of service modules that nothing in the service runs (see the module doc);
    `text_words` reads the words of the project's text files of the given suffixes, `path_ends` the
    names that end a dotted path there; `sources` keeps the files parsed (`parsed`) for a later reader."""
    candidates = {cls for cls in index.classes if runs_only_when_named(index, tests, cls)}
    if not candidates:
        return set()
    modules = {module.path: name for name, module in index.modules.items()}
    parsed = sources if sources is not None else {}

    def source_of(path: str) -> Optional[ParsedSource]:
        return parsed_source(parsed, tree_of, path, modules.get(path))

    finding = []
    for path, words in files.items():
        if any(words.get(word) for word in SCANNING):
            source = source_of(path)
            if source is None:
                return set()
            finding.append((source.module, source.tree))

    def naming(word: str) -> Iterable[Tuple[str, ast.AST]]:
        for path in (path for path, words in files.items() if words.get(word)):
            source = source_of(path)
            if source is not None:
                yield source.module, source.tree

    finders = class_finders(index, finding, naming)
    if finders is None:
        return set()
    documented = path_ends(DOCUMENTED_SUFFIXES) if finders.configured else set()
    candidates = {cls for cls in candidates if cls.rpartition(".")[2] not in documented
                  and not finders.bases.intersection(class_ancestors(index, cls))
                  and not any(cls.startswith(f"{package}.") for package in finders.packages)}
    where: Dict[str, List[str]] = {}
    locals_ = {cls.rpartition(".")[2] for cls in candidates}
    for path, words in files.items():
        for word in locals_.intersection(words):
            where.setdefault(word, []).append(path)
    configured = text_words(CONFIG_SUFFIXES) & locals_
    waits: Dict[str, Set[str]] = {cls: set() for cls in candidates}  # class -> the classes whose running runs it
    handed: Set[str] = set()  # classes handed over as values or built (registry evidence)
    inspected: Set[str] = set()  # classes service code tells instances of by isinstance/issubclass
    running: Set[str] = {cls for cls in candidates if cls.rpartition(".")[2] in configured}
    external = {cls: _external(index, cls) for cls in candidates}
    for cls in sorted(candidates - running):
        for path in where.get(cls.rpartition(".")[2], ()):
            source = source_of(path)
            if source is None:  # a program the index does not hold, or one that does not parse
                running.add(cls)
                break
            for outcome, value in _references(index, source, cls):
                if outcome == RUNS:
                    running.add(cls)
                    handed.update([cls] if value else [])
                    if cls in handed or not external[cls]:
                        break  # settled: no further reference changes what it adds
                elif outcome == INSPECTED:
                    inspected.add(cls)
                elif outcome:
                    waits[cls].add(outcome)
            if cls in running and (cls in handed or not external[cls]):
                break  # nor does another file (nor one that does not parse) change it, so none is parsed for it
    # Registry evidence for classes with external bases: a sibling of their kind is handed over or built.
    registered = set().union(*(external[cls] for cls in handed)) if handed else set()
    running |= {cls for cls in candidates if external[cls] and not external[cls] & registered and cls not in inspected}
    changed = True
    while changed:
        added = {cls for cls in candidates - running if waits[cls] & running or any(w not in candidates for w in waits[cls])}
        running |= added
        changed = bool(added)
    return candidates - running


def runs_only_when_named(index, tests: Set[str], cls: str) -> bool:
    """A module-level class of a service module that nothing registers without naming it."""
    module = index.module_of(cls)
    if module != cls.rpartition(".")[0] or module in tests:
        return False
    ancestors = class_ancestors(index, cls)
    if cls in ancestors:  # `class Command(Command)`: a base the resolver cannot tell from the class
        return False
    for name in (cls, *ancestors):
        if name not in index.classes:
            if name.startswith(_DISCOVERED_BASES):
                return False
            continue
        summary = index.modules.get(index.module_of(name))
        decorators = {decorator for decorator, _ in summary.class_decorators.get(name, ())} if summary else {""}
        if summary is None or decorators - _INERT_DECORATORS or registering_metaclass(summary, name):
            return False
    return True


def _external(index, cls: str) -> Set[str]:
    """The external bases of `cls`'s lineage."""
    return {name for name in class_ancestors(index, cls) if name not in index.classes and name not in ("object", "builtins.object")}


class ParsedSource:
    """One service file's names, attributes and strings, with each name's and attribute's parent and the
    module-level class it is inside, parsed once however many classes it names."""

    def __init__(self, tree: ast.AST, module: str) -> None:
        self.module, self.tree = module, tree
        self.parents: Dict[ast.AST, ast.AST] = {}
        self.owners: Dict[ast.AST, str] = {}
        self.named: Dict[str, List[ast.AST]] = {}  # a name or attribute word -> its nodes
        self.strings: List[str] = []
        named, parents, owners, strings = self.named, self.parents, self.owners, self.strings
        for top in getattr(tree, "body", ()):
            owner = f"{module}.{top.name}" if isinstance(top, ast.ClassDef) else ""
            exported = _exports(top)
            stack = [top]
            while stack:  # every node once; only names and attributes need their parent and owner
                node = stack.pop()
                for child in ast.iter_child_nodes(node):
                    stack.append(child)
                    if isinstance(child, _NAMED):
                        parents[child] = node
                        if owner:
                            owners[child] = owner
                if isinstance(node, ast.Name):
                    named.setdefault(node.id, []).append(node)
                elif isinstance(node, ast.Attribute):
                    named.setdefault(node.attr, []).append(node)
                elif isinstance(node, ast.Constant) and isinstance(node.value, str) and not exported:
                    strings.append(node.value.strip())


_NAMED = (ast.Name, ast.Attribute)


def _exports(node: ast.AST) -> bool:
    """An assignment to `__all__`: its strings export names and load nothing."""
    targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, (ast.AugAssign, ast.AnnAssign)) else []
    return any(isinstance(target, ast.Name) and target.id == "__all__" for target in targets)


def parsed_source(sources: Dict[str, Optional[ParsedSource]], tree_of: TreeOf, path: str, module: Optional[str]) -> Optional[ParsedSource]:
    """The module `module` at root-relative `path`, indexed once into `sources` (None for a file the
    index does not hold, or one that does not parse)."""
    if path not in sources:
        tree = tree_of(path) if module else None
        sources[path] = ParsedSource(tree, module) if tree is not None and module else None
    return sources[path]


def _references(index, source: ParsedSource, cls: str) -> Iterable[Tuple[str, bool]]:
    """How each reference to `cls` in `source` runs it: (RUNS, handed over as a value or built) or (the class
    whose running it waits on, False); plain attribute reads, imports and definitions yield nothing."""
    local = cls.rpartition(".")[2]
    dotted = re.compile(rf"(^|[\w.]+[.:]){re.escape(local)}\b")
    if any(text == local or local in text and len(text.split()) <= PATH_WORDS and _names(index, dotted.finditer(text), cls)
           for text in source.strings):
        yield RUNS, False  # loaded by its name or dotted path (`"pkg.mod:Plugin"`), not prose
    lineage = [cls, *class_ancestors(index, cls)]
    methods = {qualname.rpartition(".")[2] for base in lineage for qualname in _methods(index, base)}
    parents = source.parents
    for node in source.named.get(local, ()):
        if not stands_for(index, source.module, node, cls):
            continue
        parent = parents.get(node)
        owner = source.owners.get(node, "")
        if owner == cls:
            continue  # its own body naming itself
        if isinstance(parent, ast.Attribute) and parent.value is node:
            called = isinstance(parents.get(parent), ast.Call) and parents[parent].func is parent
            if not called and parent.attr not in methods:
                continue  # a plain class attribute read
            yield (owner or RUNS), False
            continue
        if isinstance(parent, ast.Call) and node in parent.args and isinstance(parent.func, ast.Name) \
                and parent.func.id in _INSPECTING:
            yield INSPECTED, False
            continue
        # handed over as a value, or built: either way the project wires that kind itself
        yield (owner or RUNS), not owner and isinstance(parent, (ast.List, ast.Tuple, ast.Set, ast.Dict, ast.keyword, ast.Call))


def _names(index, matches: Iterable["re.Match[str]"], cls: str) -> bool:
    """Whether a dotted path matched in a string may be `cls`: not one whose module path leads to
    another project class of that name (`"pkg.tavily_web_search.WebSearch"` beside `jina_web_search.WebSearch`)."""
    for match in matches:
        found = index.canonical(match.group(0).replace(":", ".")) if match.group(1) else None
        if found is None or found == cls or found not in index.classes:
            return True
    return False


def stands_for(index, module: str, node: ast.AST, cls: str) -> bool:
    """Whether a name or attribute node stands for `cls` (not another class of that name)."""
    if isinstance(node, ast.Name):
        found = index.canonical(f"{module}.{node.id}")
        return found is None or found == cls
    value = node.value  # type: ignore[attr-defined]
    parts: List[str] = []
    while isinstance(value, ast.Attribute):
        parts.append(value.attr)
        value = value.value
    if not isinstance(value, ast.Name):
        return True  # `get_backend().Backend`: it may be
    summary = index.modules[module]
    head = summary.imports.get(value.id, value.id)
    dotted = ".".join([head, *reversed(parts), node.attr])  # type: ignore[attr-defined]
    found = index.canonical(dotted) or resolve_name(index, dotted)
    # `backend.Backend` on a module loaded by a computed name may be it; another class is not
    return found is None or found == cls or found not in index.classes and found not in index.functions


def _methods(index, cls: str) -> Iterable[str]:
    if cls not in index.classes:
        return ()
    prefix = f"{cls}."
    return (name for name in index.modules[index.module_of(cls)].functions if name.startswith(prefix) and "." not in name[len(prefix):])
