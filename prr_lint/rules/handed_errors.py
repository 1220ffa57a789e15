"""Calls that hand the caught exception itself to a callee: what a first-party callee the tree does not hold may report.

A handler's callee that the project phase cannot see (its code is not in the tree) might report the error only
when it receives that error: the except clause's `as e` name, the exception parameter of a registered handler
(`def on_error(error)`, Starlette's `(request, exc)`), or the exception being handled as a value
(`sys.exc_info()`, `sys.exception()`, Twisted's `Failure()`: error_channels.py `captures_current`), passed as an
argument as it is (positionally, by keyword or unpacked: `*sys.exc_info()`). Text made from it (`str(e)`,
`f"{e}"`, `e.args`) has lost its traceback, and a name that may be bound again is another value: one the handler
binds (`e = None`, `for e in errors`, a comprehension, walrus or `del` target, a nested `except ... as e`), or one
a `global` or `nonlocal` anywhere in the module declares (a nested function called in between may rebind it; the
resolver's binding records list none of these, as last_binding.py notes, so the body is walked for them). Nor
is `sys.exc_info()` read inside a nested except clause (the inner error). None of these hands the error on. A call
that does is tagged `hands-error:<callee>` among the handler's callees; the project phase reads the tag
(project/reporters.py `is_sink_call`, with project/submodules.py saying which callees are first-party code the
tree lacks).
"""

from __future__ import annotations

from typing import Collection, Optional, Set, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.error_channels import captures_current
from prr_lint.tree import KindOf, descendants, listed, names_in

HANDS_ERROR = "hands-error:"
_HANDLERS = (cst.ExceptHandler, cst.ExceptStarHandler)
_DECLARES = KindOf(cst.Global, cst.Nonlocal)


class HandedError:
    """Which calls of a handler's `body` hand it the caught exception itself; `names`: the names that hold it
    (the `as` name, the registered handler's exception parameter). Walks the body only once a call passes an
    argument that may be the exception."""

    def __init__(self, body: cst.CSTNode, names: Collection[str], resolver: Resolver) -> None:
        self.body, self.names, self.resolver = body, frozenset(name for name in names if name), resolver
        self._rebound: Optional[Set[str]] = None
        self._inner: Optional[Set[int]] = None

    def callees(self, call: cst.Call, name: str) -> Tuple[str, ...]:
        """`(hands-error:<name>,)` when `call`, of the callee `name`, is handed the exception; else ()."""
        return (HANDS_ERROR + name,) if any(self._is_error(arg) for arg in call.args) else ()

    def _is_error(self, arg: cst.Arg) -> bool:
        value = arg.value
        if arg.star == "**":
            return False
        if isinstance(value, cst.Name) and not arg.star:
            return value.value in self.names and value.value not in self.rebound()
        if captures_current(value, self.resolver):
            return id(value) not in self.inner()
        return False

    def rebound(self) -> Set[str]:
        """Names the body binds (assignments, loop and comprehension targets, `as` names, imports, definitions,
        `del`), and those a `global` or `nonlocal` anywhere in the module declares (a nested function, wherever it
        is defined, may rebind the name when the body calls it): any of them may no longer hold the exception where
        a call reads it."""
        if self._rebound is None:
            self._rebound = {item.name.value for node in listed(self.resolver.module, _DECLARES, self.resolver.listed)
                             for item in node.names}
            for node in descendants(self.body):
                self._rebound |= _bound(node)
        return self._rebound

    def inner(self) -> Set[int]:
        """The nodes inside except clauses nested in the body: `sys.exc_info()` there is the inner error."""
        if self._inner is None:
            self._inner = {id(node) for handler in descendants(self.body) if isinstance(handler, _HANDLERS)
                           for node in descendants(handler)}
        return self._inner


def _bound(node: cst.CSTNode) -> Set[str]:
    """The names one node binds."""
    if isinstance(node, cst.Assign):
        return set().union(*(names_in(target.target) for target in node.targets))
    if isinstance(node, (cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor, cst.NamedExpr, cst.Del)):
        return names_in(node.target)
    if isinstance(node, cst.AsName):
        return names_in(node.name)
    if isinstance(node, cst.ImportAlias) and node.asname is None:
        return names_in(node.name) if isinstance(node.name, cst.Name) else {str(_first(node.name))}
    if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
        return {node.name.value}
    if isinstance(node, (cst.MatchAs, cst.MatchStar)) and node.name is not None:
        return {node.name.value}
    if isinstance(node, cst.MatchMapping) and node.rest is not None:
        return {node.rest.value}
    return set()


def _first(name: cst.BaseExpression) -> str:
    """The first part of a dotted import name (`import a.b` binds `a`)."""
    while isinstance(name, cst.Attribute):
        name = name.value
    return name.value if isinstance(name, cst.Name) else ""


def caught_parameter(function: cst.FunctionDef, position: int) -> Tuple[str, ...]:
    """The name of the positional parameter at `position`, where the framework hands a registered handler the
    exception (Flask's `errorhandler` and DRF: the first; Starlette's `exception_handler`: the second); () when
    the function has none there."""
    params = (*function.params.posonly_params, *function.params.params)
    return (params[position].name.value,) if position < len(params) else ()
