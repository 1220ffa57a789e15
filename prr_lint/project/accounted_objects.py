"""Project classes every object of which the service holds only where it calls its methods (PRR501's dead code).

An untyped call `x.send(...)` may run any project method called `send`: the call graph cannot tell what `x`
holds (typed_calls.py keeps such a method alive). That is only so if `x` may hold one of the class's objects. A
plain class (no base, decorator or metaclass) whose every construction in service code is dropped, a call
receiver itself (`Client().ping()`), or bound to a function's local used only as the receiver of method calls
(`api = Client(); api.validate(address)`), and whose name is used for nothing else (not passed, returned, stored,
exported, named by a string; a read of a plain class attribute, `Client.STATS`, is no use of an object, and a call
on the class itself, `Client.make_price(pair)`, calls that method), has no object any other receiver could hold:
untyped calls reach only the methods called on those receivers, what those call through `self.` or a classmethod's
`cls.` (transitively) and dunders. nadine's `MailgunAPI`: a form's local calls `validate_address`; `send` and `get`
are named only by `requests.get(...)`, `dict.get(...)` and other objects' `send(...)` elsewhere. Its subclasses
are objects of it too: they must be accounted for alike (module-level, no base beyond the family, decorator or
metaclass), and what any of them calls counts for all (OpenCEX's `OtcOrdersUpdater`, whose classmethods views call
on the class and whose `OtcOrdersBulkUpdater` a local builds to `start()`: its `get_price` is no gas price cache's).
A method that passes `self` or `cls` on, a classmethod that builds the class or reads its kin (`cls.__subclasses__()`,
`cls.mro()`), an attribute stored on a local or a bound method read without a call leaves the class unaccounted (any
method reachable).
"""

from __future__ import annotations

import ast
from typing import Callable, Dict, FrozenSet, Iterator, List, Mapping, Optional, Set, Tuple

from prr_lint.called_dunders import called_outside_code
from prr_lint.model import FunctionSummary
from prr_lint.project.names import class_ancestors, module_class
from prr_lint.project.parsed_trees import TreeOf

_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef)
# Builtins that read a function's locals by name (Django's `render(request, page, locals())`).
_FRAME_READERS = frozenset({"locals", "vars", "eval", "exec"})
# Attributes that hand out the class or its kin (`cls.__subclasses__()`): calling what they return builds objects.
_CLASS_GETTERS = frozenset({"__class__", "__subclasses__", "__mro__", "__bases__", "__base__", "mro"})


class _Unaccounted(Exception):
    """A use of the class or of one of its objects that may hand an object on."""


class AccountedObjects:
    """Which methods an untyped call may reach, per project class, worked out once per class asked."""

    def __init__(self, index, tests: Set[str], files: Mapping[str, Mapping[str, int]], tree_of: TreeOf,
                 named: Callable[[str], bool]) -> None:
        """`files`: the service's files' words (root-relative path -> counts); `named`: a string, a text file or
        a library hand-off names the class (it may be loaded or held outside the code read here)."""
        self.index, self.tests, self.tree_of, self.named = index, tests, tree_of, named
        # and a test module service code imports (earkweb's solrclient.py, which ends in a TestCase): its code runs too
        imported = {index.module_of(target) for name, module in index.modules.items() if name not in tests
                    for target in module.imports.values()}
        self.files = {**files, **{index.modules[name].path: index.modules[name].words for name in tests & imported}}
        self.modules = {module.path: name for name, module in index.modules.items()}
        self.subclasses: Dict[str, List[str]] = {}  # class -> its project subclasses, however deep
        for cls in sorted(index.classes):
            for base in class_ancestors(index, cls):
                self.subclasses.setdefault(base, []).append(cls)
        self.known: Dict[str, Optional[FrozenSet[str]]] = {}
        self.methods: Dict[str, Dict[str, FunctionSummary]] = {}  # class -> its methods by name
        for name, function in index.functions.items():
            owner, _, local = name.rpartition(".")
            if owner in index.classes:
                self.methods.setdefault(owner, {})[local] = function
        # the words of the service's strings a loader may be handed (word_counts.py `literal_words`)
        self.strung = frozenset().union(*(module.string_words for name, module in index.modules.items() if name not in tests))
        self.shapes: Dict[str, Tuple[Dict[ast.AST, ast.AST], Set[ast.AST]]] = {}  # path -> its tree's parents, annotations

    def may_reach(self, cls: str, local: str) -> bool:
        """An untyped call of `local` may run `cls`'s method of that name."""
        reached = self.reached(cls)
        return reached is None or local in reached

    def reached(self, cls: str) -> Optional[FrozenSet[str]]:
        """The method names of `cls` an untyped call may reach; None when its objects are not all accounted for."""
        if cls not in self.known:
            try:
                self.known[cls] = self._reached(cls)
            except _Unaccounted:
                self.known[cls] = None
        return self.known[cls]

    def _reached(self, cls: str) -> FrozenSet[str]:
        index, home, local = self.index, self.index.module_of(cls), cls.rpartition(".")[2]
        summary = index.modules.get(home)
        if summary is None or local not in summary.plain_classes:
            raise _Unaccounted
        family = [cls, *self.subclasses.get(cls, ())]
        members = frozenset(family)
        for member in family:
            self._check_member(member, members)
        methods = {name: function for member in family for name, function in self.methods.get(member, {}).items()}
        if "__getattr__" in methods or "__getattribute__" in methods:
            raise _Unaccounted
        locals_ = frozenset(member.rpartition(".")[2] for member in family)
        called: Set[str] = set()
        for path, words in self.files.items():
            spelled = locals_.intersection(words)
            if not spelled:
                continue
            module = self.modules.get(path)
            tree = self.tree_of(path) if module is not None else None
            if tree is None:
                raise _Unaccounted  # a program the index does not hold, or a file that does not parse
            if path not in self.shapes:
                self.shapes[path] = _parents(tree), _annotations(tree)
            called |= _called_on_objects(tree, *self.shapes[path], spelled, frozenset(methods), module, members)
        through_self: Dict[str, Set[str]] = {}
        for member in family:
            definition = _class_definition(self.tree_of(index.modules[index.module_of(member)].path), member.rpartition(".")[2])
            if definition is None:
                raise _Unaccounted
            for name, read in _self_calls(definition).items():  # a subclass's `self.x` may be a base's method, and back
                through_self.setdefault(name, set()).update(read)
        reached = {name for name in methods if called_outside_code(name)} | called
        pending = list(reached)
        while pending:
            for name in through_self.get(pending.pop(), ()):
                if name not in reached:
                    reached.add(name)
                    pending.append(name)
        return frozenset(reached)

    def _check_member(self, member: str, family: FrozenSet[str]) -> None:
        """A class of the family (the plain class, then its subclasses) is accounted for only when it is a
        module-level class of a service module, with no ancestor beyond the family, no decorator or metaclass, and no
        string, text file or library hand-off naming it."""
        summary = module_class(self.index, member, self.tests)
        if summary is None or member.rpartition(".")[2] in self.strung or self.named(member) or member in summary.metaclasses \
                or not family.issuperset(class_ancestors(self.index, member)):
            raise _Unaccounted


def _parents(tree: ast.AST) -> Dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _annotations(tree: ast.AST) -> Set[ast.AST]:
    """Nodes inside annotations: a parameter or variable typed as the class holds no object of it here."""
    roots: List[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.arg) and node.annotation is not None:
            roots.append(node.annotation)
        elif isinstance(node, _FUNCTIONS) and node.returns is not None:
            roots.append(node.returns)
        elif isinstance(node, ast.AnnAssign):
            roots.append(node.annotation)
    return {inner for root in roots for inner in ast.walk(root)}


def _called_on_objects(tree: ast.Module, parents: Mapping[ast.AST, ast.AST], typed: Set[ast.AST], locals_: FrozenSet[str],
                       methods: FrozenSet[str], module: str, family: FrozenSet[str]) -> Set[str]:
    """The method names `module` calls on objects of the classes named `locals_` (of the family) or on the classes
    themselves, in one walk; raises `_Unaccounted` on any other use of those names (or of a name an import binds one
    to) but as a base of a class of the `family` (the qualified names of the class and its subclasses): a namesake
    elsewhere is no member."""
    names = set(locals_) | {alias.asname for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                            for alias in node.names if alias.name in locals_ and alias.asname}
    called: Set[str] = set()
    for node in ast.walk(tree):
        if node in typed:
            continue
        if isinstance(node, ast.Name) and node.id in names or isinstance(node, ast.Attribute) and node.attr in names:
            owner = parents.get(node)
            if not (isinstance(owner, ast.ClassDef) and node in owner.bases and parents.get(owner) is tree
                    and f"{module}.{owner.name}" in family):
                called |= _class_use(node, parents, methods)
    return called


def _class_use(node: ast.expr, parents: Mapping[ast.AST, ast.AST], methods: FrozenSet[str]) -> Set[str]:
    """What a use of the class's name calls on the objects it builds: a construction dropped, called on, or bound
    to a local used only as a receiver; a plain class attribute read calls nothing."""
    parent = parents.get(node)
    if isinstance(parent, ast.Attribute) and parent.value is node and isinstance(parent.ctx, ast.Load) \
            and parent.attr not in methods and not parent.attr.startswith("__") and parent.attr not in _CLASS_GETTERS:
        return set()  # `Client.STATS_TOTAL`
    if isinstance(parent, ast.Attribute) and parent.value is node and parent.attr in methods \
            and isinstance(parents.get(parent), ast.Call) and parents[parent].func is parent:
        return {parent.attr}  # a call on the class itself, `Updater.make_price(pair)`
    if not (isinstance(parent, ast.Call) and parent.func is node):
        raise _Unaccounted
    outer = parents.get(parent)
    if isinstance(outer, ast.Expr):
        return set()
    if isinstance(outer, ast.Attribute) and isinstance(parents.get(outer), ast.Call) and parents[outer].func is outer:
        return {outer.attr}
    target = outer.targets[0] if isinstance(outer, ast.Assign) and len(outer.targets) == 1 else \
        outer.target if isinstance(outer, ast.AnnAssign) else None
    if isinstance(target, ast.Name):
        scope = _scope(outer, parents)
        if isinstance(scope, _FUNCTIONS):
            return _receiver_calls(scope, target.id, parents)
    raise _Unaccounted


def _scope(node: ast.AST, parents: Mapping[ast.AST, ast.AST]) -> Optional[ast.AST]:
    while node in parents:
        node = parents[node]
        if isinstance(node, _SCOPES):
            return node
    return None


def _receiver_calls(function: ast.AST, name: str, parents: Mapping[ast.AST, ast.AST]) -> Set[str]:
    """The methods called on the local `name` of `function`, which it must use only as a call receiver."""
    called: Set[str] = set()
    for node in _walk_scope(function):
        if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names \
                or isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _FRAME_READERS:
            raise _Unaccounted  # a module global, or `render(request, page, locals())` hands every local on
        if isinstance(node, _SCOPES) and any(isinstance(inner, ast.Name) and inner.id == name for inner in ast.walk(node)):
            raise _Unaccounted  # a closure may hand it on
        if isinstance(node, ast.Name) and node.id == name and isinstance(node.ctx, ast.Load):
            attribute = parents.get(node)
            call = parents.get(attribute)
            if not (isinstance(attribute, ast.Attribute) and isinstance(call, ast.Call) and call.func is attribute):
                raise _Unaccounted
            called.add(attribute.attr)
    return called


def _walk_scope(function: ast.AST) -> Iterator[ast.AST]:
    """The nodes of `function`'s own body; nested scopes are yielded but not entered."""
    pending: List[ast.AST] = list(function.body)
    while pending:
        node = pending.pop()
        yield node
        if not isinstance(node, _SCOPES):
            pending.extend(ast.iter_child_nodes(node))


def _class_definition(tree: Optional[ast.Module], local: str) -> Optional[ast.ClassDef]:
    found = [node for node in (tree.body if tree is not None else ()) if isinstance(node, ast.ClassDef) and node.name == local]
    return found[0] if len(found) == 1 else None


def _self_calls(definition: ast.ClassDef) -> Dict[str, Tuple[str, ...]]:
    """Method -> the attributes its body reads on its first parameter or on `super()`; raises `_Unaccounted` when a method uses
    that parameter other than through an attribute (`return self`, `register(self)`), reads its class or kin
    (`self.__class__`, `cls.__subclasses__()`: calling those builds objects) or the class body uses a method's name
    (an alias a caller may call)."""
    found: Dict[str, Tuple[str, ...]] = {}
    methods = {node.name for node in definition.body if isinstance(node, _FUNCTIONS)}
    for statement in definition.body:
        if not isinstance(statement, _FUNCTIONS):
            if any(isinstance(node, ast.Name) and node.id in methods for node in ast.walk(statement)):
                raise _Unaccounted
            continue
        params = statement.args.posonlyargs + statement.args.args
        if not params or any(isinstance(decorator, ast.Name) and decorator.id == "staticmethod" for decorator in statement.decorator_list):
            found[statement.name] = ()
            continue
        own, parents, read = params[0].arg, _parents(statement), []
        for node in ast.walk(statement):
            if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Call) and isinstance(node.value.func, ast.Name) \
                    and node.value.func.id == "super":
                read.append(node.attr)  # a subclass's `super().process_orders()`
            if isinstance(node, ast.Name) and node.id == own:
                attribute = parents.get(node)
                if not isinstance(attribute, ast.Attribute) or attribute.attr in _CLASS_GETTERS:
                    raise _Unaccounted
                read.append(attribute.attr)
        found[statement.name] = tuple(read)
    return found
