"""Methods that only code beside the service uses: every place that can call them is not the service.

The call graph follows `self.download()` and `Dependency.install_multiple()`, not `dependency.install()`
on an object of unknown type: a method called so has no caller in the graph, and a command that
reaches it through such a call (`for dependency in cls.get_all(): dependency.install()`, a Django
management command run at image build that downloads the JavaScript packages) leaves it looking like
code nobody can place. The class is often imported by the service too (every app declares its
dependencies as instances), so its methods may be called by anything that holds an instance.

Here a method's users are read from the source: the graph's callers and hand-offs, and every
attribute use of its name (`x.install(...)`, `x.gravatar_exists`) in the project's non-test Python,
placed in the function around it (a use `self.name` inside a class outside the method's class family
is another method). A method is not the service when it has users and every one of them is code that
is not the service itself (a command, its helpers, dead code; a fixpoint, so the helpers such a
method calls through `self` follow it). A method nothing uses is kept: a library may call it on an
object it is handed (a gRPC servicer's `GetBalance`, registered by generated code).

Only methods whose class family (the class, its ancestors and descendants) lies wholly in the
project: a framework calls the methods of its own base classes by protocol (`get_queryset`,
`save`), which no source line shows. A method is kept whenever a string literal names it (`getattr(obj,
"install")`, a settings path) or of a template or configuration file
(`{{ user.gravatar_exists }}`, `pkg.mod:Class.install`), or a decorator other than `classmethod`/`staticmethod`/`property`
registers it; dunders are Python's. Files are read once per run, and only when there are candidates.
"""

from __future__ import annotations

import ast
import io
import os
import re
import tokenize
from pathlib import Path
from typing import Dict, FrozenSet, Iterator, List, Optional, Set, Tuple

from prr_lint.model import LOOPS_FOREVER
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.dead_code import dead_functions
from prr_lint.project.names import enclosing_function, resolve_name
from prr_lint.project.service_reach import command_roots
from prr_lint.project.support import test_modules

_PLAIN_DECORATORS = frozenset({"classmethod", "staticmethod", "property", "builtins.classmethod", "builtins.staticmethod",
                               "builtins.property", "functools.cached_property"})
# Non-Python files that may name a method: templates call methods and read properties by name,
# configuration names callables by dotted path.
_TEXT_SUFFIXES = (".html", ".htm", ".jinja", ".jinja2", ".j2", ".tmpl", ".mako", ".xml", ".yaml", ".yml",
                  ".ini", ".cfg", ".toml", ".json", ".conf", ".spt")
_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_BY_NAME = re.compile(r"\b(getattr|hasattr|setattr|attrgetter|methodcaller)\b")
_SKIPPED_DIRS = frozenset({"node_modules", "site-packages", "__pycache__", "venv", ".git"})
_MAX_BYTES = 1 << 20
Use = Tuple[str, bool]  # (enclosing function, through `self`/`cls`)


def unserved_methods(analysis, outside: Set[str], serving: Set[str]) -> Set[str]:
    """The project methods that have users, every one in `outside` (code that is not the service) or
    dead code; none that `serving` code, background work, an entry point or a loop that runs until
    the process stops reaches."""
    index = analysis.index
    commands = command_roots(analysis)
    work = sorted(name for name in analysis.model.batch if name in index.functions and name not in commands)
    live = serving | set(breadth_first(analysis.graph, work, UNBOUNDED)) | set(analysis.model.seeds)
    live.update(name for name, function in index.functions.items() if LOOPS_FOREVER in function.tags)
    outside = outside | dead_functions(analysis, serving)[1]
    tests = test_modules(index)
    families = _families(index)
    candidates: Dict[str, str] = {}  # method -> its class
    for cls, family in families.items():
        if family is None or index.module_of(cls) in tests:
            continue
        for name, function in index.modules[index.module_of(cls)].functions.items():
            owner, _, local = name.rpartition(".")
            if owner == cls and name not in live and not local.startswith("__") \
                    and set(function.decorators) <= _PLAIN_DECORATORS:
                candidates[name] = cls
    if not candidates:
        return set()
    words = {name.rpartition(".")[2] for name in candidates}
    base = Path(getattr(analysis.settings, "root", None) or ".")
    sources = {name: base / module.path for name, module in index.modules.items() if name not in tests}
    uses, named = _uses(index, sources, words)
    for word in _text_words(base, words):
        named.setdefault(word, set()).add(frozenset())
    callers = analysis.graph.callers()
    handed: Dict[str, Set[str]] = {}
    for name, function in index.functions.items():
        for target in map(analysis.graph.target, function.handoffs):
            if target is not None:
                handed.setdefault(target, set()).add(name)
    users: Dict[str, Set[str]] = {}
    for method, cls in candidates.items():
        local = method.rpartition(".")[2]
        family = {member.rpartition(".")[2] for member in families[cls] or ()}
        if any(not file_words or family & file_words for file_words in named.get(local, ())):
            continue  # looked up by name
        found = set(callers.get(method, ())) | handed.get(method, set())
        found.update(where for where, own in uses.get(local, ()) if not own or _owner(index, where) in families[cls])
        if found - {method}:  # a method no code uses may be called by a library it is handed to
            users[method] = found - {method}
    # The greatest fixpoint: methods that only each other use (`install` -> `_install` -> `install` of a
    # nested dependency) go together when nothing else enters them.
    gone = set(users)
    changed = True
    while changed:
        kept = {method for method in gone if not users[method] <= outside | gone}
        gone -= kept
        changed = bool(kept)
    entered: Set[str] = set()  # ... and that code outside the service enters
    changed = True
    while changed:
        added = {method for method in gone - entered if users[method] & (outside | entered)}
        entered |= added
        changed = bool(added)
    return entered


def _families(index) -> Dict[str, Optional[Set[str]]]:
    """Project class -> its family (itself, ancestors, descendants), or None when one of them has a base
    outside the project (a framework's class, whose methods the framework calls by protocol)."""
    ancestors = {cls: [base for base in _ancestors(index, cls) if base not in ("object", "builtins.object")] for cls in index.classes}
    descendants: Dict[str, Set[str]] = {}
    for cls, bases in ancestors.items():
        for base in bases:
            descendants.setdefault(base, set()).add(cls)
    families: Dict[str, Optional[Set[str]]] = {}
    for cls, bases in ancestors.items():
        family = {cls, *bases, *descendants.get(cls, ())}
        closed = all(all(base in index.classes for base in ancestors.get(member, ())) for member in family if member in index.classes)
        families[cls] = family if closed and all(member in index.classes for member in family) else None
    return families


def _ancestors(index, cls: str) -> List[str]:
    """Every base of a project class, transitively, project ones by their index names (a base imported
    as `mayan.apps.common.X` is the index's `Mayan-EDMS.mayan.apps.common.X`)."""
    found: List[str] = []
    stack = [cls]
    while stack:
        for base in index.classes.get(stack.pop(), ()):
            resolved = resolve_name(index, base)
            resolved = index.canonical(resolved) or _by_suffix(index).get(resolved) or resolved
            if resolved not in found:
                found.append(resolved)
                stack.append(resolved)
    return found


def _by_suffix(index) -> Dict[str, str]:
    """Dotted suffix -> the one project class whose name ends so (a project whose root folder is a
    package prefixes every module name; its absolute imports name the rest)."""
    cached = getattr(index, "_classes_by_suffix", None)
    if cached is None:
        counts: Dict[str, List[str]] = {}
        for name in index.classes:
            parts = name.split(".")
            for start in range(1, len(parts) - 1):
                counts.setdefault(".".join(parts[start:]), []).append(name)
        cached = {suffix: names[0] for suffix, names in counts.items() if len(names) == 1}
        index._classes_by_suffix = cached
    return cached


def _owner(index, function: str) -> str:
    """The class a method belongs to ("" for a module function or top level)."""
    owner = function.rpartition(".")[0]
    while owner and owner not in index.classes:
        if owner in index.modules:
            return ""
        owner = owner.rpartition(".")[0]
    return owner


def _uses(index, sources: Dict[str, Path], words: Set[str]) -> Tuple[Dict[str, List[Use]], Dict[str, Set[FrozenSet[str]]]]:
    """Attribute uses of `words` (name -> [(enclosing function, through self)]) in the given modules,
    and the string literals that name them (name -> the word sets of the files that hold a plain
    `"install"`; an empty set for a look-up by name or a dotted path, which names it wherever it is)."""
    uses: Dict[str, List[Use]] = {}
    named: Dict[str, Set[FrozenSet[str]]] = {}
    for module, path in sources.items():
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            for word in words:  # a source that cannot be read may use any of them
                named.setdefault(word, set()).add(frozenset())
            continue
        if not any(word in text for word in words):
            continue
        try:
            tokens = list(tokenize.generate_tokens(io.StringIO(text).readline))
            spans = _spans(ast.parse(text), module)
        except (tokenize.TokenError, SyntaxError, ValueError, RecursionError, MemoryError):
            for word in words:
                if word in text:
                    named.setdefault(word, set()).add(frozenset())
            continue
        file_words: FrozenSet[str] = frozenset()
        for position, token in enumerate(tokens):
            if token.type == tokenize.STRING:
                for word, plain in _looked_up(token, words):
                    if plain and not file_words:
                        file_words = frozenset(_WORD.findall(text))
                    named.setdefault(word, set()).add(file_words if plain else frozenset())
            elif token.type == tokenize.NAME and token.string in words and position and tokens[position - 1].string == ".":
                through = position > 1 and tokens[position - 2].string in ("self", "cls")
                where = enclosing_function(index, _innermost(spans, token.start[0]) or module)
                uses.setdefault(token.string, []).append((where, through))
    return uses, named


def _looked_up(token: tokenize.TokenInfo, words: Set[str]) -> Set[Tuple[str, bool]]:
    """The words a string literal names as an attribute, each with whether the naming is plain
    (`attribute="get_other_data"`, which names a method only beside its class, unlike an icon's
    `symbol="download"`) or certain: a look-up by name on its line (`getattr(obj, "install")`), a
    dotted path ending in it (`"pkg.mod:Class.install"`). Prose ("pip install") names nothing."""
    found = set(words.intersection(_WORD.findall(token.string)))
    if not found:
        return set()
    try:
        value = ast.literal_eval(token.string)
    except (ValueError, SyntaxError, MemoryError, RecursionError):
        return {(word, False) for word in found}  # an f-string or an odd literal: take it as naming them
    if not isinstance(value, str):
        return set()
    by_name = _BY_NAME.search(token.line) is not None
    return {(word, value == word and not by_name) for word in found if value == word or value.endswith((f".{word}", f":{word}"))}


def _spans(tree: ast.AST, module: str) -> List[Tuple[int, int, str]]:
    """(first line, last line, qualified name) of every function in a module, outer ones first."""
    found: List[Tuple[int, int, str]] = []

    def visit(node: ast.AST, prefix: str) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                name = f"{prefix}.{child.name}"
                found.append((child.lineno, getattr(child, "end_lineno", child.lineno) or child.lineno, name))
                visit(child, name)
            elif isinstance(child, ast.ClassDef):
                visit(child, f"{prefix}.{child.name}")
            else:
                visit(child, prefix)

    visit(tree, module)
    return found


def _innermost(spans: List[Tuple[int, int, str]], line: int) -> str:
    best = ""
    for first, last, name in spans:
        if first <= line <= last:
            best = name  # later spans that contain the line are nested deeper
    return best


def _text_words(root: Path, words: Set[str]) -> Set[str]:
    """The words that occur in the project's templates and configuration files."""
    found: Set[str] = set()
    for path in _text_files(root):
        try:
            text = path.read_text(encoding="utf-8", errors="replace")
        except OSError:
            continue
        found.update(word for word in words - found if word in text and re.search(rf"[.:]{word}\b", text))
        if found == words:
            break
    return found


def _text_files(root: Path) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = [name for name in dirs if not name.startswith(".") and name not in _SKIPPED_DIRS]
        for name in files:
            if name.endswith(_TEXT_SUFFIXES):
                path = Path(folder) / name
                try:
                    if path.stat().st_size <= _MAX_BYTES:
                        yield path
                except OSError:
                    continue
