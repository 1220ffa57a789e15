"""Decorators of the project that only wrap the function they decorate and register it nowhere.

`@async_maker def send_async_email(...)` binds the name to a wrapper that starts a thread running the
function when it is called: nothing but a call of that name can run it, as under `@lru_cache` (the
library decorators of project/wrapped.py `LIBRARY_WRAPPERS`). Read from the decorator's body: a module
`def` of one parameter that hands the function only to code of a nested function (a call of it,
`Thread(target=f)`, `executor.submit(f, ...)`, `f.__name__`), which runs when the wrapper runs and
so only when something calls the decorated name, and returns that nested function or the parameter
untouched. Any other use of the parameter or of the nested function in the decorator's own body (an
assignment, a registry's `.append(f)`, `setattr`, a call of anything with it, a default value, a
decorator of the nested function but `functools.wraps`) may store it: such a decorator is no
wrapper, nor is one that is decorated itself, bound more than once, async, a generator, or that holds
a class, a lambda or a `global`/`nonlocal`. A factory (`def deco(arg): def inner(f): ...; return
inner`) is judged by the function it returns, the same way. The tags are made at the `def`; the
project phase reads them with how each decorated function uses the decorator, bare or called (the
summary's decorators do not say).
"""

from __future__ import annotations

from typing import Dict, List, Optional, Set

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import KindOf, statements_within

# The tag of a module function that only wraps what it decorates, + the way it is used: `PLAIN` as
# `@deco`, `FACTORY` as `@deco(...)`.
WRAPS_ONLY = "wraps-only:"
PLAIN, FACTORY = "plain", "factory"
# The tag of a decorated module function, + how its `def` uses each decorator, in order: `BARE` for a name
# (`@deco`), `CALLED` for a call (`@deco(...)`, whose decorator is what the call returns). The summary lists
# only the decorators it can name, and those of the last `def` of a name: when the counts differ, or a module
# defines the function twice, the uses are unknown.
DECORATOR_USES = "decorator-uses:"
BARE, CALLED = "b", "c"
# Decorators of a nested function that keep the decorated function only as the wrapper's metadata.
_METADATA = frozenset({"functools.wraps"})
# Statements and expressions of a decorator's own body this reading does not follow: may store anything.
_IS_DEF, _IS_RETURN = KindOf(cst.FunctionDef), KindOf(cst.Return)
_IS_OPAQUE = KindOf(cst.ClassDef, cst.Lambda, cst.Global, cst.Nonlocal, cst.Yield, cst.Await)  # asked of every node visited


def wrapper_tags(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """The tags of a module function's `def` (in the resolver's scope of it) about decorating: how it uses its
    decorators, or, undecorated, how it wraps what it decorates if it only wraps."""
    scope = resolver.scope
    if scope.parent is None or scope.parent.kind != "module":
        return []
    if node.decorators:
        return [DECORATOR_USES + "".join(CALLED if isinstance(decorator.decorator, cst.Call) else BARE for decorator in node.decorators)]
    if not undecorated_module_def(node, scope) or not _shaped(node):
        return []
    return [WRAPS_ONLY + use for use, wraps in ((PLAIN, _only_wraps), (FACTORY, _returns_wrapping)) if wraps(node, resolver)]


def undecorated_module_def(node: cst.FunctionDef, scope) -> bool:
    """`node` (`scope` its own) is a module function's `def`, undecorated, not async and bound once at the module's
    top: one that may stand for a decorator (a wrapper here, an alias in decorator_aliases.py)."""
    return scope.parent is not None and scope.parent.kind == "module" and not node.decorators and node.asynchronous is None \
        and len(scope.parent.bindings.get(node.name.value, ())) == 1


def _shaped(node: cst.FunctionDef) -> bool:
    """Cheaply, before its body is read: `node` defines a function in its own block or returns a name there."""
    return isinstance(node.body, cst.IndentedBlock) and any(
        isinstance(statement, cst.FunctionDef) or isinstance(statement, cst.SimpleStatementLine)
        and any(isinstance(small, cst.Return) and isinstance(small.value, cst.Name) for small in statement.body)
        for statement in node.body.body)


def _only_wraps(node: cst.FunctionDef, resolver: Resolver) -> bool:
    """`node` is a decorator that only wraps: its one parameter reaches nothing but its nested functions'
    code, and it returns one of them or the parameter."""
    params = node.params
    if params.posonly_params or params.kwonly_params or params.star_kwarg is not None \
            or not isinstance(params.star_arg, cst.MaybeSentinel) or len(params.params) != 1 or params.params[0].default is not None:
        return False
    name = params.params[0].name.value
    if not _returns_only(node, {name}):
        return False  # its statements tell, without a visit of every expression
    body = _Body(name, resolver)
    node.body.visit(body)
    return body.only_wraps()


def _returns_wrapping(node: cst.FunctionDef, resolver: Resolver) -> bool:
    """`node` is a decorator factory whose every return is a nested function that only wraps."""
    if not _returns_only(node, set()):
        return False  # it returns no function it defines: its statements tell, without a visit of every expression
    body = _Body("", resolver)
    node.body.visit(body)
    return body.returns_nested() and all(_only_wraps(body.nested[name], resolver) for name in body.returned)


def _returns_only(node: cst.FunctionDef, names: Set[str]) -> bool:
    """Whether the function has a `return` of its own (not of a nested function's), and each returns a bare name: one
    of `names` or of the functions it defines. A wrapper returns nothing else; its body's visit (`_Body`) finds the
    same, only after reading every expression."""
    returned, defined = [], set(names)
    for statement in statements_within(node):
        kind = type(statement)
        if _IS_RETURN[kind]:
            returned.append(statement.value)
        elif _IS_DEF[kind]:
            defined.add(statement.name.value)
    return bool(returned) and all(isinstance(value, cst.Name) and value.value in defined for value in returned)


class _Body(cst.CSTVisitor):
    """A decorator's own body (its nested functions' code aside): where it uses its parameter `name` and
    the names of its nested functions, and what it returns."""

    def __init__(self, name: str, resolver: Resolver) -> None:
        self.name = name
        self.resolver = resolver
        self.nested: Dict[str, cst.FunctionDef] = {}
        self.returned: Set[str] = set()
        self.uses: List[str] = []  # the names of `name` and of nested functions used elsewhere than a return
        self.opaque = False
        self._skipped: Set[int] = set()  # ids of Name nodes that name no variable (an attribute, a keyword)

    def on_visit(self, node: cst.CSTNode) -> bool:
        if _IS_OPAQUE[type(node)]:
            self.opaque = True
            return False
        return super().on_visit(node)

    def visit_FunctionDef(self, node: cst.FunctionDef) -> bool:
        self.opaque |= node.name.value in self.nested  # which of two is returned depends on the run
        self.nested[node.name.value] = node
        for decorator in node.decorators:  # `@functools.wraps(f)`; any other may register the nested function
            call = decorator.decorator
            self.opaque |= not isinstance(call, cst.Call) or self.resolver.qualified_name(call.func) not in _METADATA \
                or not all(isinstance(arg.value, cst.Name) for arg in call.args)
        node.params.visit(self)  # defaults run here
        self.opaque |= not _only_called(node.body, self.name)
        return False

    def visit_Return(self, node: cst.Return) -> bool:
        if isinstance(node.value, cst.Name):
            self.returned.add(node.value.value)
            return False
        self.opaque = True
        return False

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._skipped.add(id(node.attr))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._skipped.add(id(node.keyword))

    def visit_Name(self, node: cst.Name) -> None:
        if id(node) not in self._skipped:
            self.uses.append(node.value)

    def only_wraps(self) -> bool:
        """The parameter and the nested functions are used only in returns, and one of them is returned."""
        kept = set(self.nested) | {self.name}
        return not self.opaque and bool(self.returned) and self.returned <= kept and kept.isdisjoint(self.uses)

    def returns_nested(self) -> bool:
        """Only nested functions are returned, and they are used nowhere else."""
        return not self.opaque and bool(self.returned) and self.returned <= set(self.nested) and set(self.nested).isdisjoint(self.uses)


def _only_called(body: cst.BaseSuite, name: str) -> bool:
    """Code that runs only when the wrapper does uses `name` only to call it, hand it to a call or read an attribute of it."""
    if not name:
        return True
    uses = _Uses(name)
    body.visit(uses)
    return uses.all <= len(uses.allowed)


class _Uses(cst.CSTVisitor):
    """The uses of a name in a nested function's code, and those that call it, hand it to a call or read an attribute of it."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.all = 0
        self.allowed: Set[int] = set()
        self._stored: Set[int] = set()  # ids of assignment and `del` targets
        self._skipped: Set[int] = set()

    def _named(self, node: Optional[cst.CSTNode]) -> bool:
        return isinstance(node, cst.Name) and node.value == self.name

    def visit_Call(self, node: cst.Call) -> None:
        self.allowed.update(id(part) for part in [node.func, *(arg.value for arg in node.args)] if self._named(part))

    def visit_Attribute(self, node: cst.Attribute) -> None:
        self._skipped.add(id(node.attr))
        if self._named(node.value) and id(node) not in self._stored:
            self.allowed.add(id(node.value))

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._skipped.add(id(node.keyword))

    def visit_AssignTarget(self, node: cst.AssignTarget) -> None:
        self._stored.add(id(node.target))

    def visit_AugAssign(self, node: cst.AugAssign) -> None:
        self._stored.add(id(node.target))

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        self._stored.add(id(node.target))

    def visit_Del(self, node: cst.Del) -> None:
        self._stored.add(id(node.target))

    def visit_Name(self, node: cst.Name) -> None:
        if node.value == self.name and id(node) not in self._skipped:
            self.all += 1
