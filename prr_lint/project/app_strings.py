"""The strings of a module that may enable a Django app, each with the apps whose membership tests guard it.

disabled_apps.py counts an app as listed when a string names it. Some strings only ask: the app a membership test
tests (`"shop.push" in settings.INSTALLED_APPS`, `apps.is_installed("shop.push")` of `django.apps`, or a call of a
project function that only answers such a test on its parameter, like sharemyhealth's `IsAppInstalled`) and the view
a URL is reversed for (Django's `reverse` or `reverse_lazy`, a name only imports of it bind: `_Names.reverses`; not
any call spelt `reverse`). And a string evaluated only in the body of an `if` whose test is such a test of an app
(alone or as a conjunct of an `and`) runs only when that app is installed: `if IsAppInstalled("shop.push"):
urlpatterns += [path("push/", include("shop.push.urls"))]` includes nothing while no setting lists `shop.push`. Its
`else`, a negated test (`not`) and an `or` with another condition guard nothing, nor does any test in a module with a
star import (it may bind the tested function or `settings` to anything). disabled_apps.py takes the guards only where
every shipped configuration lists the same apps (settings_functions.py `SettingsValues.closed`).

The tested expressions are resolved names, not spellings: `INSTALLED_APPS` of `django.conf.settings` (or of a project
settings module, or a settings module's own at its top level), the local name bound once in the module (an import,
the module's own `def`); the project function is a top-level `def` bound once in its module, whose body is only `if`s,
returns, `pass` and expression statements (a docstring), calls nothing but `is_installed` on its parameter, never
rebinds it, and returns a true value only as the answer of the membership test of its parameter or inside an `if`
that tests it (`_answers_membership`).
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Set, Tuple

from prr_lint.ast_imports import bindings, imported_dotted, imported_names

# Django's URL reversal (and Django REST framework's, which calls it): it looks a view up by name and loads none.
_REVERSING = frozenset({"reverse", "reverse_lazy"})
_REVERSERS = frozenset({f"{module}.{name}" for name in _REVERSING
                        for module in ("django.urls", "django.urls.base", "django.core.urlresolvers", "rest_framework.reverse")}
                       | {"django.shortcuts.reverse"})
_SETTING = "INSTALLED_APPS"
_DJANGO_SETTINGS = "django.conf.settings"
_IS_INSTALLED = "django.apps.apps.is_installed"
_PREDICATE_STATEMENTS = (ast.If, ast.Return, ast.Pass, ast.Expr)


class SharedNames:
    """What the contexts of all the modules of one run share, so that each is worked out once however many modules
    ask: each module's resolved names (`_Names`, by the dotted name it was read by), and for each project function a
    call reaches by a dotted name, whether it only answers a membership test of its parameter."""

    def __init__(self) -> None:
        self.modules: Dict[str, "_Names"] = {}
        self.predicates: Dict[str, bool] = {}


@dataclass(frozen=True)
class ModuleContext:
    """What resolving a module's names needs: its dotted name and the package its relative imports start from, the
    test whether a dotted module name is one of the project's Django settings modules (one that assigns `INSTALLED_APPS`
    at its top level), a reader of another project module by its dotted name: its tree and package (None when the
    project holds no such module), and the caches every module's context of the run shares."""
    name: str
    package: str
    is_settings: Callable[[str], bool]
    read: Callable[[str], Optional[Tuple[ast.Module, str]]]
    shared: SharedNames


def app_strings(tree: ast.Module, context: ModuleContext) -> Iterator[Tuple[str, FrozenSet[str]]]:
    """Each string constant of the module that may enable an app (not an asked app, not a reversed view), stripped,
    with the apps (as spelt) of the membership tests of the `if` bodies it lies in."""
    return _walk(tree, _module_names(tree, context))


def _walk(tree: ast.Module, names: "_Names") -> Iterator[Tuple[str, FrozenSet[str]]]:
    """The strings with their guards, in one walk without recursion (a long `+` chain nests deeply): an asked string is
    marked at its comparison or call (`_asked`), which the walk reaches before its operands."""
    asked: Set[int] = set()
    stack: List[Tuple[ast.AST, FrozenSet[str]]] = [(tree, frozenset())]
    while stack:
        node, guards = stack.pop()
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in asked:
            yield node.value.strip(), guards
        question = _asked(node, names)
        if question is not None:
            asked.add(id(question))
        if isinstance(node, ast.If):
            inner = guards | names.guards(node.test)
            stack += [(node.test, guards)] + [(child, inner) for child in node.body] + [(child, guards) for child in node.orelse]
        else:
            stack += [(child, guards) for child in ast.iter_child_nodes(node)]


def _asked(node: ast.AST, names: "_Names") -> Optional[ast.AST]:
    """What `node` only asks about: the left operand of an `in`/`not in` comparison, the first argument of Django's
    URL reversal or of a membership test of an app."""
    if isinstance(node, ast.Compare) and all(isinstance(op, (ast.In, ast.NotIn)) for op in node.ops):
        return node.left
    if isinstance(node, ast.Call) and node.args and (names.reverses(node.func) or names.tested_app(node) is not None):
        return node.args[0]
    return None


def _module_names(tree: ast.Module, context: ModuleContext) -> "_Names":
    """The module's `_Names`, built once per run: a module read again (its own strings, a function another module's call
    reaches) shares them, as long as it is the same tree (node ids key `_at_top_level`)."""
    known = context.shared.modules.get(context.name)
    if known is None or known.tree is not tree:
        known = context.shared.modules[context.name] = _Names(tree, context)
    return known


class _Names:
    """A module's names resolved as far as membership tests need: imports (relative ones too) and its own functions,
    with whether each of those only answers a membership test (`_locals`, asked once per module however many calls)."""

    def __init__(self, tree: ast.Module, context: ModuleContext) -> None:
        self.context = context
        self.tree = tree
        counts = bindings(tree)
        # A star import may bind any name (the tested function, `settings`): such a module resolves none, tests nothing.
        self.starred = any(isinstance(node, ast.ImportFrom) and any(alias.name == "*" for alias in node.names)
                           for node in ast.walk(tree))
        self.once = set() if self.starred else {name for name, count in counts.items() if count == 1}
        self.bound = {local: dotted for local, dotted in imported_names(tree.body, context.package).items() if local in self.once}
        self.functions = {node.name: node for node in tree.body if isinstance(node, ast.FunctionDef) and node.name in self.once}
        self._counts = counts
        self._in_scopes: Optional[Set[int]] = None
        self._locals: Dict[str, bool] = {}
        self._imports: Optional[Dict[str, List[str]]] = None

    def guards(self, test: ast.AST) -> FrozenSet[str]:
        """The apps an `if` test requires installed: its own membership test's, or its `and` conjuncts'."""
        apps = (self.tested_app(part) for part in _conjuncts(test))
        return frozenset(app for app in apps if app is not None)

    def tested_app(self, node: ast.AST) -> Optional[str]:
        """The app (a literal string) whose installation `node` tests, if it is such a test."""
        if self.starred:
            return None
        if isinstance(node, ast.Compare):
            return _literal(node.left) if _single(node.ops, ast.In) and self.installed_apps(node.comparators[0], node) else None
        if not isinstance(node, ast.Call) or len(node.args) != 1 or node.keywords or _literal(node.args[0]) is None:
            return None
        dotted = imported_dotted(node.func, self.bound)
        if dotted == _IS_INSTALLED or dotted is not None and self._predicate(dotted) \
                or isinstance(node.func, ast.Name) and self._local_predicate(node.func.id):
            return _literal(node.args[0])
        return None

    def reverses(self, func: ast.AST) -> bool:
        """Whether a call of `func` is Django's URL reversal (`django.urls.reverse` or `reverse_lazy`, their older or
        REST framework homes), called by that name (`reverse(...)`, `urls.reverse_lazy(...)`): the name, or the start
        of the attribute chain, is bound only by imports, each of which makes the call Django's (a function's lazy
        `from django.urls import reverse` beside the module's own, a `try` falling back to `django.core.urlresolvers`).
        Any other `reverse` (a list's, a project function, another library's, a name anything else binds too or a star
        import may bind) may load what it is handed."""
        spelt = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if spelt not in _REVERSING:
            return False
        suffix: List[str] = []
        while isinstance(func, ast.Attribute):
            suffix.insert(0, func.attr)
            func = func.value
        imported = self._imported_only(func.id) if isinstance(func, ast.Name) else []
        return bool(imported) and all(".".join([dotted, *suffix]) in _REVERSERS for dotted in imported)

    def _imported_only(self, name: str) -> List[str]:
        """The dotted name each binding of `name` imports, where imports alone bind it, at any depth; empty where
        anything else binds it too, or a star import may."""
        if self._imports is None:
            self._imports = {}
            for node in ast.walk(self.tree):
                if isinstance(node, (ast.Import, ast.ImportFrom)):
                    for local, dotted in imported_names([node], self.context.package).items():
                        self._imports.setdefault(local, []).append(dotted)
        imported = self._imports.get(name, [])
        return imported if not self.starred and len(imported) == self._counts.get(name, 0) else []

    def installed_apps(self, node: ast.AST, at: ast.AST) -> bool:
        """Whether `node` is Django's `INSTALLED_APPS`: `settings.INSTALLED_APPS` of `django.conf`, a settings
        module's, or the bare name in a settings module (`at` lies at its top level, where no function's local hides it)."""
        dotted = imported_dotted(node, self.bound)
        if dotted is not None:
            owner, _, last = dotted.rpartition(".")
            return last == _SETTING and (owner == _DJANGO_SETTINGS or self.context.is_settings(owner))
        return isinstance(node, ast.Name) and node.id == _SETTING and not self.starred and node.id not in self.bound \
            and self.context.is_settings(self.context.name) and self._at_top_level(at)

    def _at_top_level(self, node: ast.AST) -> bool:
        if self._in_scopes is None:
            self._in_scopes = {id(inner) for scope in ast.walk(self.tree)
                               if isinstance(scope, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef))
                               for inner in ast.walk(scope) if inner is not scope}
        return id(node) not in self._in_scopes

    def _predicate(self, dotted: str) -> bool:
        """Whether `dotted` is a project function that only answers a membership test of its parameter (asked once per
        run: the answer depends on the dotted name alone)."""
        predicates = self.context.shared.predicates
        if dotted not in predicates:
            predicates[dotted] = self._answers(dotted)
        return predicates[dotted]

    def _local_predicate(self, name: str) -> bool:
        """Whether `name` is the module's own function that only answers a membership test of its parameter."""
        if name not in self._locals:
            self._locals[name] = name in self.functions and _answers_membership(self.functions[name], self)
        return self._locals[name]

    def _answers(self, dotted: str) -> bool:
        module, _, name = dotted.rpartition(".")
        found = self.context.read(module) if module else None
        if found is None:
            return False
        context = self.context
        owner = _module_names(found[0], ModuleContext(module, found[1], context.is_settings, context.read, context.shared))
        function = owner.functions.get(name)
        return function is not None and _answers_membership(function, owner)


def _answers_membership(function: ast.FunctionDef, names: _Names) -> bool:
    """`def installed(app): if app: if app in settings.INSTALLED_APPS: return True; return False`: undecorated, its
    statements only `if`s, returns, `pass` and expression statements (a docstring: with no call but `is_installed(app)`
    and no lambda, `:=`, `yield` or `await` anywhere, such a statement calls and binds nothing else), its first
    parameter never rebound; each return gives a false constant or nothing, the membership test of the parameter, or
    anything within the body of an `if` whose test (or a conjunct of it) is that membership test. It is then true only
    when the app is installed."""
    parameters = function.args.posonlyargs + function.args.args
    if function.decorator_list or not parameters:
        return False
    parameter = parameters[0].arg
    for node in ast.walk(function):
        if node is not function and isinstance(node, (ast.stmt, ast.Lambda, ast.NamedExpr, ast.Yield, ast.YieldFrom,
                                                      ast.Await)) and not isinstance(node, _PREDICATE_STATEMENTS):
            return False
        if isinstance(node, ast.Call) and not _asks_parameter(node, parameter, names):
            return False
        if isinstance(node, ast.Name) and node.id == parameter and not isinstance(node.ctx, ast.Load):
            return False
    return all(_guarded_return(statement, parameter, names, False) for statement in function.body)


def _guarded_return(statement: ast.stmt, parameter: str, names: _Names, tested: bool) -> bool:
    """Whether every return within `statement` gives true only when the parameter is installed (`tested`: within the
    body of an `if` that tests it)."""
    if isinstance(statement, ast.Return):
        value = statement.value
        return tested or value is None or isinstance(value, ast.Constant) and not value.value \
            or _asks_parameter(value, parameter, names)
    if isinstance(statement, ast.If):
        inner = tested or any(_asks_parameter(test, parameter, names) for test in _conjuncts(statement.test))
        return all(_guarded_return(child, parameter, names, inner) for child in statement.body) \
            and all(_guarded_return(child, parameter, names, tested) for child in statement.orelse)
    return True


def _asks_parameter(node: ast.AST, parameter: str, names: _Names) -> bool:
    """`parameter in settings.INSTALLED_APPS` or `apps.is_installed(parameter)`."""
    if isinstance(node, ast.Compare):
        return _single(node.ops, ast.In) and _is_name(node.left, parameter) and names.installed_apps(node.comparators[0], node)
    return isinstance(node, ast.Call) and len(node.args) == 1 and not node.keywords and _is_name(node.args[0], parameter) \
        and imported_dotted(node.func, names.bound) == _IS_INSTALLED


def _conjuncts(test: ast.AST) -> List[ast.AST]:
    if isinstance(test, ast.BoolOp) and isinstance(test.op, ast.And):
        return [part for value in test.values for part in _conjuncts(value)]
    return [test]


def _single(ops: List[ast.cmpop], kind: type) -> bool:
    return len(ops) == 1 and isinstance(ops[0], kind)


def _is_name(node: ast.AST, name: str) -> bool:
    return isinstance(node, ast.Name) and node.id == name


def _literal(node: ast.AST) -> Optional[str]:
    return node.value.strip() if isinstance(node, ast.Constant) and isinstance(node.value, str) else None
