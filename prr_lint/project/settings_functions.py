"""What the code adds to `INSTALLED_APPS`, and whether it is literal: a name a settings function is handed is read
through every call of that function.

disabled_apps.py judges no app switched off when the settings build `INSTALLED_APPS` from anything but literal strings
and other settings' names: the deployment may then list any app. A name in an addition is another setting's list (a
module-level name) unless a function binds it. sharemyhealth's settings define `def _enable_conditional(application):
global INSTALLED_APPS; try: __import__(application); INSTALLED_APPS += (application,) ...` and call it at their top
level only with literal strings (`_enable_conditional('djmongo')`): the apps it may add are those strings, listed apps.
So a parameter of a function defined once, undecorated, at a module's top level, which the function never rebinds, is
literal when every use of the function's name in the non-test sources is a call passing it a literal string (or
leaving it a literal default), as a plain name, an attribute (`settings._enable_conditional(...)`) or an import of it
under its own name. Any other use (the function passed as a value, imported under another name, named in a string,
another definition of that name, a call spreading `*args` or `**kwargs`), any other local, and a parameter of a nested
function, a lambda or a method leave the addition computed. A class body's names are settings too (django-configurations'
`class Dev(Configuration): INSTALLED_APPS = BASE_APPS + [...]`).
"""

from __future__ import annotations

import ast
from collections import Counter
from typing import Callable, Dict, Iterable, Iterator, List, NamedTuple, Optional, Set, Tuple

from prr_lint.ast_imports import bindings

_SETTING = "INSTALLED_APPS"
_LIST_CHANGES = frozenset({"append", "extend", "insert"})
_SCOPES = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)
_FUNCTIONS = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)
# Calls that may bind any name of a settings module: its names' values are then unknown.
_ANY_NAME = frozenset({"exec", "execfile", "globals", "locals", "vars", "setattr"})

Change = Tuple[ast.AST, Tuple[ast.AST, ...]]  # what is added, and the scopes (functions, classes) it lies in, outermost first
TreesNaming = Callable[[str], Optional[Iterable[ast.Module]]]  # the non-test trees whose text holds a word (None: one unread)


def setting_changes(tree: ast.AST, name: str = _SETTING, attributes: bool = True) -> List[Change]:
    """What a module assigns or adds to `INSTALLED_APPS` (or another name; as an attribute too unless not `attributes`:
    `=`, `+=`, `.append`, `.extend`, `.insert`), with the scopes each lies in."""
    values: List[Change] = []
    stack: List[Tuple[ast.AST, Tuple[ast.AST, ...]]] = [(tree, ())]
    while stack:
        node, scopes = stack.pop()
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            values += [(node.value, scopes)] if any(_is_setting(target, name, attributes) for target in targets) else []
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _LIST_CHANGES \
                and _is_setting(node.func.value, name, attributes):
            values.append((ast.Tuple(elts=list(node.args[-1:]), ctx=ast.Load()), scopes))
        inner = scopes + (node,) if isinstance(node, _SCOPES) else scopes
        stack += [(child, inner) for child in ast.iter_child_nodes(node)]
    return values


def _is_setting(node: ast.AST, name: str = _SETTING, attributes: bool = True) -> bool:
    return isinstance(node, ast.Name) and node.id == name \
        or attributes and isinstance(node, ast.Attribute) and node.attr == name


class SettingsValues:
    """The values the settings add to `INSTALLED_APPS` (module -> its changes, `setting_changes`; module -> its tree),
    read once per run: each scope's bindings, each class's or module's writes of its names and the strings each
    settings function's calls pass are worked out once, however many values and names ask (`literal_additions`, then
    `closed`, read the same values)."""

    def __init__(self, changes: Dict[str, List[Change]], trees: Dict[str, ast.Module], naming: TreesNaming) -> None:
        self.changes, self.trees, self.naming = changes, trees, naming
        self._bindings: Dict[ast.AST, Dict[str, int]] = {}
        self._bound: Dict[ast.AST, Dict[str, int]] = {}
        self._declared: Dict[ast.AST, Set[str]] = {}
        self._writes: Dict[ast.AST, _Writes] = {}
        self._passed: Dict[Tuple[ast.AST, int], Optional[List[str]]] = {}

    def literal_additions(self) -> Optional[List[str]]:
        """The literal strings the settings functions' calls pass (`"djmongo"`), when every change of `INSTALLED_APPS`
        is literal: strings, other settings' names (also unpacked) and parameters read through their calls; None when
        any is not."""
        passed: List[str] = []
        for module, values in self.changes.items():
            for value, scopes in values:
                if not self._literal(value, scopes, self.trees[module], True, passed):
                    return None
        return passed

    def closed(self) -> bool:
        """Whether every shipped configuration lists the same apps, as far as the settings' code tells (the caller
        checks their imports): every change of `INSTALLED_APPS` is literal, the names it adds bound only to literal
        strings (`_closed_name`), no settings module that changes it runs `exec` or writes its names by `globals()` or
        `setattr`, and no code hands Django a list of its own (`settings.configure(INSTALLED_APPS=...)`,
        `override_settings(...)`, `modify_settings(...)`, a `"INSTALLED_APPS"` key)."""
        for module, values in self.changes.items():
            tree = self.trees[module]
            if values and any(isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in _ANY_NAME
                              for node in ast.walk(tree)):
                return False
            # Each value starts its own set of the names being read: they are keyed by name alone, and one name may be
            # another class's or the module's in another value.
            if not all(self._literal(value, scopes, tree, True, [], set()) for value, scopes in values):
                return False
        return not any(isinstance(node, ast.keyword) and node.arg == _SETTING
                       or isinstance(node, ast.Constant) and node.value == _SETTING
                       for tree in self.trees.values() for node in ast.walk(tree))

    def _literal(self, node: ast.AST, scopes: Tuple[ast.AST, ...], tree: ast.Module, calls: bool, passed: List[str],
                 closed: Optional[Set[str]] = None) -> bool:
        """Whether a value added to `INSTALLED_APPS` is literal: strings, other settings' names, parameters read
        through their calls (where `calls`: a whole value, not one unpacked); given `closed` (the names already being
        read), another setting's name only when bound to literals."""
        parts = _parts(node)
        if parts is not None:  # a loop, not a generator: a chain of names recurses one frame less deep per name
            for part in parts:
                if not self._literal(part, scopes, tree, calls, passed, closed):
                    return False
            return True
        if isinstance(node, ast.Constant):
            return isinstance(node.value, str)
        if isinstance(node, ast.Name):
            return self._name_literal(node.id, scopes, tree, calls, passed, closed)
        return isinstance(node, ast.Starred) and isinstance(node.value, ast.Name) \
            and self._name_literal(node.value.id, scopes, tree, False, passed, closed)

    def _name_literal(self, name: str, scopes: Tuple[ast.AST, ...], tree: ast.Module, calls: bool, passed: List[str],
                      closed: Optional[Set[str]]) -> bool:
        """A module-level name (another setting) is literal (given `closed`, when bound only to literals:
        `_closed_name`); a function's parameter when its calls pass literals (where `calls`); any other name a scope
        binds is not."""
        functions = [scope for scope in scopes if not isinstance(scope, ast.ClassDef)]  # a class body's names are settings
        if not functions:
            return closed is None or self._closed_name(name, scopes, tree, calls, closed)
        bound = [scope for scope in functions if name in self._bound_in(scope)]
        if not bound or bound == [functions[-1]] and name in self._globals(functions[-1]):
            return closed is None or self._closed_name(name, (), tree, calls, closed)  # read from the module
        function = scopes[0]
        if not calls or len(scopes) != 1 or not isinstance(function, ast.FunctionDef) or function not in tree.body \
                or function.decorator_list or self._bindings_of(function).get(name) != 1 \
                or self._bindings_of(tree).get(function.name) != 1:
            return False
        position = _parameters(function).index(name) if name in _parameters(function) else None
        found = self._passed_to(function, position) if position is not None else None
        if found is None:
            return False
        passed += found
        return True

    def _closed_name(self, name: str, scopes: Tuple[ast.AST, ...], tree: ast.Module, calls: bool, closed: Set[str]) -> bool:
        """Whether a settings name (of the innermost class body binding it, else of the module) is bound only to
        literals: every binding of it there is an assignment, `+=` or list change of a literal value, outside functions.
        An import (a local settings module), a loop's target, an unpacking, a subscript store, a binding in a function,
        or no binding at all (a star import's) leaves it open. `INSTALLED_APPS` itself: each of its changes is read on
        its own."""
        if name == _SETTING or name in closed:
            return True
        closed.add(name)
        owner = next((scope for scope in reversed(scopes)
                      if isinstance(scope, ast.ClassDef) and name in self._bindings_of(scope)), tree)
        writes = self._writes_of(owner)
        assigned = writes.assigned.get(name, 0)
        if not assigned or assigned != self._bindings_of(owner).get(name, 0) or name in writes.stored:
            return False
        outer = scopes[:scopes.index(owner)] if owner in scopes else ()  # the owner's own changes start with it
        return all(not any(isinstance(scope, _FUNCTIONS) for scope in inner)
                   and self._literal(value, outer + inner, tree, calls, [], closed) for value, inner in writes.changes.get(name, ()))

    def _bindings_of(self, scope: ast.AST) -> Dict[str, int]:
        if scope not in self._bindings:
            self._bindings[scope] = bindings(scope)
        return self._bindings[scope]

    def _bound_in(self, function: ast.AST) -> Dict[str, int]:
        """The names a function binds: its parameters and what its body binds (a nested scope's too, as a shadow)."""
        if function not in self._bound:
            arguments = function.args
            named = [argument.arg for argument in arguments.posonlyargs + arguments.args + arguments.kwonlyargs]
            named += [argument.arg for argument in (arguments.vararg, arguments.kwarg) if argument is not None]
            body = function.body if isinstance(function.body, list) else [ast.Expr(value=function.body)]
            self._bound[function] = {**bindings(ast.Module(body=body, type_ignores=[])), **{name: 1 for name in named}}
        return self._bound[function]

    def _globals(self, function: ast.AST) -> Set[str]:
        """The names a `global` statement declares anywhere in the function."""
        if function not in self._declared:
            self._declared[function] = {declared for node in ast.walk(function) if isinstance(node, ast.Global)
                                        for declared in node.names}
        return self._declared[function]

    def _writes_of(self, owner: ast.AST) -> "_Writes":
        if owner not in self._writes:
            self._writes[owner] = _name_writes(owner)
        return self._writes[owner]

    def _passed_to(self, function: ast.FunctionDef, position: int) -> Optional[List[str]]:
        """`_passed`, once per function and parameter (`literal_additions` and `closed` read the same values)."""
        if (function, position) not in self._passed:
            self._passed[(function, position)] = _passed(function, position, self.naming)
        return self._passed[(function, position)]


class _Writes(NamedTuple):
    """A class body's or module's writes of each name, read in one walk: per name, what `setting_changes` gives for it
    (`attributes=False`), the assignments to it (`=`, `+=`, annotated, at any depth), and whether a subscript stores
    into it."""
    changes: Dict[str, List[Change]]
    assigned: Dict[str, int]
    stored: Set[str]


def _name_writes(owner: ast.AST) -> _Writes:
    """`_Writes` of `owner`: the walk of `setting_changes`, for every name at once (so each name's changes come in the
    same order)."""
    changes: Dict[str, List[Change]] = {}
    assigned: Dict[str, int] = Counter()
    stored: Set[str] = set()
    stack: List[Tuple[ast.AST, Tuple[ast.AST, ...]]] = [(owner, ())]
    while stack:
        node, scopes = stack.pop()
        if isinstance(node, (ast.Assign, ast.AugAssign, ast.AnnAssign)):
            targets = [target.id for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
                       if isinstance(target, ast.Name)]
            assigned.update(targets)
            for name in dict.fromkeys(targets) if node.value is not None else ():
                changes.setdefault(name, []).append((node.value, scopes))
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _LIST_CHANGES \
                and isinstance(node.func.value, ast.Name):
            changes.setdefault(node.func.value.id, []).append((ast.Tuple(elts=list(node.args[-1:]), ctx=ast.Load()), scopes))
        elif isinstance(node, ast.Subscript) and not isinstance(node.ctx, ast.Load) and isinstance(node.value, ast.Name):
            stored.add(node.value.id)
        inner = scopes + (node,) if isinstance(node, _SCOPES) else scopes
        stack += [(child, inner) for child in ast.iter_child_nodes(node)]
    return _Writes(changes, assigned, stored)


def listed_strings(tree: ast.Module) -> Iterator[str]:
    """The strings a module's changes of `INSTALLED_APPS` list (`"shop"`, `"shop.apps.ShopConfig"`), also through the
    names of other lists it assigns at its top level (`INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS`: the last such
    assignment of each), each name read once; any other value adds nothing."""
    lists = {target.id: statement.value for statement in tree.body if isinstance(statement, ast.Assign)
             for target in statement.targets if isinstance(target, ast.Name)}
    todo, seen = [value for value, _ in setting_changes(tree)], set()
    while todo:
        node = todo.pop()
        parts = _parts(node)
        if parts is not None:
            todo += parts
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            yield node.value
        elif isinstance(node, ast.Starred):
            todo.append(node.value)
        elif isinstance(node, ast.Name) and node.id in lists and node.id not in seen:
            seen.add(node.id)
            todo.append(lists[node.id])


def _parts(node: ast.AST) -> Optional[List[ast.AST]]:
    """What a list value is built of: a display's elements (list, tuple, set) or a `+`'s operands; None for any other
    value (the walks of `_literal` and `listed_strings` read those themselves)."""
    if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
        return node.elts
    return [node.left, node.right] if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add) else None


def _parameters(function: ast.FunctionDef) -> List[str]:
    return [argument.arg for argument in function.args.posonlyargs + function.args.args]


def _passed(function: ast.FunctionDef, position: int, naming: TreesNaming) -> Optional[List[str]]:
    """The literal strings each use of the function passes for its parameter at `position`: None when a use is no
    such call."""
    trees = naming(function.name)
    if trees is None:
        return None
    found: List[str] = []
    for tree in trees:
        calls = {id(node.func): node for node in ast.walk(tree) if isinstance(node, ast.Call)}
        for node in ast.walk(tree):
            use = _use(node, function)
            if use is None:
                continue
            if use is False:
                return None
            value = _argument(calls.get(id(node)), function, position)
            if value is None:
                return None
            found.append(value)
    return found


def _use(node: ast.AST, function: ast.FunctionDef) -> Optional[bool]:
    """True for a use of the function's name that must be a call, False for one that leaves its argument unknown,
    None for no use (or the definition itself, an import of it by its own name)."""
    name = function.name
    if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)) and node.name == name:
        return None if node is function else False
    if isinstance(node, (ast.Import, ast.ImportFrom)):
        spelt = [alias for alias in node.names if alias.name.rpartition(".")[2] == name or alias.asname == name]
        return False if any(alias.asname not in (None, name) or isinstance(node, ast.Import) for alias in spelt) else None
    if isinstance(node, ast.Name) and node.id == name or isinstance(node, ast.Attribute) and node.attr == name:
        return True if isinstance(node.ctx, ast.Load) else False
    if isinstance(node, ast.Constant) and node.value == name or isinstance(node, ast.arg) and node.arg == name:
        return False
    if isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
        return False
    return None


def _argument(call: Optional[ast.Call], function: ast.FunctionDef, position: int) -> Optional[str]:
    """The literal string `call` passes (or leaves by default) for the parameter at `position`; None otherwise."""
    if call is None or any(isinstance(argument, ast.Starred) for argument in call.args) \
            or any(keyword.arg is None for keyword in call.keywords):
        return None
    parameters = _parameters(function)
    name = parameters[position]
    if position < len(call.args):
        value: Optional[ast.AST] = call.args[position]
    else:
        value = next((keyword.value for keyword in call.keywords if keyword.arg == name), None)
        offset = position - (len(parameters) - len(function.args.defaults))
        value = value if value is not None else function.args.defaults[offset] if offset >= 0 else None
    return value.value.strip() if isinstance(value, ast.Constant) and isinstance(value.value, str) else None
