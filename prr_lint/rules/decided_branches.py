"""Branches no run can take: the `if` tests whose outcome the code itself fixes (rules/unreachable.py's
second kind of statement that never runs).

A test is decided when it is a literal (`if False:`, `if 0:`), `typing.TYPE_CHECKING` (False at run time), a
local name its function binds once, to a literal, and in no other way (openstates' `get_sessions_dynamically =
False` above `if get_sessions_dynamically: s.post(...)`, kept in place while the hard-coded list below serves):
not rebound, augmented, a loop or `with` target, deleted, `global`, `nonlocal` in a nested function, or bound by
`:=`; or a comparison of the HTTP method of a web framework's request with a string that is not upper case (Flask,
Django, Starlette and aiohttp all give it upper case: `request.method == 'get'` is never true, `!= 'get'` always).
`not`, `and` and `or` of decided terms are decided as Python decides them. A module-level name is no local: other
modules may set it (`mod.FLAG = True`), so module constants are project/switches.py's `const:` keys.
"""

from __future__ import annotations

import ast
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.frameworks import REQUEST_TYPES
from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import descendants, literal_value
from prr_lint.type_imports import TYPE_CHECKING_FLAGS

# Request objects whose `method` is the HTTP method in upper case (the frameworks' own request classes and
# proxies, by the names the resolver gives them).
_UPPER_CASE_METHODS = REQUEST_TYPES | frozenset({"flask.globals.request", "quart.globals.request", "werkzeug.local.request",
                                                 "flask.Request", "flask.wrappers.Request", "werkzeug.wrappers.Request",
                                                 "werkzeug.wrappers.request.Request", "starlette.requests.HTTPConnection"})
_LITERALS = (cst.Integer, cst.Float, cst.SimpleString)
_CONSTANT_NAMES = {"True": True, "False": False, "None": None}
_EQUAL, _NOT_EQUAL = (cst.Equal, cst.Is), (cst.NotEqual, cst.IsNot)
_MISSING = object()
_TYPE_CHECKING = "TYPE_CHECKING"


def _joined(node: cst.BooleanOperation, left: Optional[bool], right: Optional[bool]) -> Optional[bool]:
    """The truth value of `left and right` (`or`), each fixed or None, as Python decides it."""
    deciding = isinstance(node.operator, cst.Or)  # the value that decides alone: True for `or`, False for `and`
    if deciding in (left, right):
        return deciding
    return None if left is None or right is None else not deciding


class DecidedTests:
    """Whether an `if` test is decided, for one module (the names each function rebinds in expressions, found once)."""

    def __init__(self, resolver: Resolver) -> None:
        self.resolver = resolver
        self._rebound: Dict[int, FrozenSet[str]] = {}

    def dead_branch(self, node: cst.If, child: cst.CSTNode, enclosing: Sequence[cst.CSTNode]) -> bool:
        """`child` (the body or the `orelse` of `node`) never runs; `enclosing`: the definitions around `node`, outermost first."""
        if child is not node.body and child is not node.orelse:
            return False
        taken = self.outcome(node.test, enclosing)
        return taken is not None and taken == (child is node.orelse)

    def outcome(self, test: cst.BaseExpression, enclosing: Sequence[cst.CSTNode]) -> Optional[bool]:
        """True or False when every run of `test` gives that truth value; None when it may vary. A stack, not
        recursion: generated tests chain thousands of `and`s."""
        found: Dict[int, Optional[bool]] = {}
        pending: List[Tuple[cst.BaseExpression, bool]] = [(test, False)]
        while pending:
            node, expanded = pending.pop()
            negation = isinstance(node, cst.UnaryOperation) and isinstance(node.operator, cst.Not)
            if not negation and not isinstance(node, cst.BooleanOperation):
                found[id(node)] = self._term(node, enclosing)
            elif not expanded:
                pending.append((node, True))
                pending.extend([(node.expression, False)] if negation else [(node.left, False), (node.right, False)])  # type: ignore[attr-defined]
            elif negation:
                inner = found[id(node.expression)]  # type: ignore[attr-defined]
                found[id(node)] = None if inner is None else not inner
            else:
                found[id(node)] = _joined(node, found[id(node.left)], found[id(node.right)])  # type: ignore[arg-type, attr-defined]
        return found[id(test)]

    def _term(self, test: cst.BaseExpression, enclosing: Sequence[cst.CSTNode]) -> Optional[bool]:
        """The truth value of a test that is no `not`, `and` or `or`, when it is fixed."""
        if isinstance(test, cst.Comparison):
            return self._method_test(test, enclosing)
        value = self._value(test, enclosing)
        return None if value is _MISSING else bool(value)

    def _value(self, expr: cst.BaseExpression, enclosing: Sequence[cst.CSTNode]) -> object:
        """The literal value `expr` always holds, or `_MISSING`."""
        if isinstance(expr, cst.Name):
            if expr.value in _CONSTANT_NAMES:
                return _CONSTANT_NAMES[expr.value]
            bound = self._local_constant(expr.value, enclosing)
            if bound is not None:
                return self._value(bound, ())
        if isinstance(expr, _LITERALS):
            try:
                return literal_value(expr) if isinstance(expr, cst.SimpleString) else ast.literal_eval(expr.value)
            except (ValueError, SyntaxError):
                return _MISSING
        spelt = expr.value if isinstance(expr, cst.Name) else expr.attr.value if isinstance(expr, cst.Attribute) else None
        if spelt == _TYPE_CHECKING and self.resolver.qualified_name(expr, self._scope(enclosing)) in TYPE_CHECKING_FLAGS:
            return False  # resolved only where it may be the flag: most tests name something else
        return _MISSING

    def _local_constant(self, name: str, enclosing: Sequence[cst.CSTNode]) -> Optional[cst.BaseExpression]:
        """The literal the innermost function binds `name` to, when that is its only binding."""
        function = enclosing[-1] if enclosing else None
        if not isinstance(function, cst.FunctionDef):
            return None
        scope = self._scope(enclosing)
        bindings = scope.bindings.get(name, ()) if scope is not None else ()
        if len(bindings) != 1 or name in scope.global_names or bindings[0].kind not in ("value", "alias"):  # type: ignore[union-attr]
            return None
        value = bindings[0].value
        if not (isinstance(value, _LITERALS) or isinstance(value, cst.Name) and value.value in _CONSTANT_NAMES):
            return None
        return None if name in self._rebound_in(function) else value

    def _rebound_in(self, function: cst.FunctionDef) -> FrozenSet[str]:
        """The names `function` may bind beyond its statements' bindings: `:=` targets, `del` targets, a nested
        function's `nonlocal` names."""
        found = self._rebound.get(id(function))
        if found is None:
            names = set()
            for node in descendants(function, stop_at=()):
                if isinstance(node, cst.NamedExpr) and isinstance(node.target, cst.Name):
                    names.add(node.target.value)
                elif isinstance(node, cst.Nonlocal):
                    names.update(item.name.value for item in node.names)
                elif isinstance(node, cst.Del):
                    names.update(target.value for target in descendants(node.target, stop_at=()) if isinstance(target, cst.Name))
                    if isinstance(node.target, cst.Name):
                        names.add(node.target.value)
            found = self._rebound[id(function)] = frozenset(names)
        return found

    def _scope(self, enclosing: Sequence[cst.CSTNode]) -> Scope:
        """The resolver's scope of the innermost of `enclosing` (the module's when empty)."""
        scope = self.resolver.module_scope
        for node in enclosing:
            scope = self.resolver.scope_for(node, scope)  # type: ignore[arg-type]
        return scope

    def _method_test(self, test: cst.Comparison, enclosing: Sequence[cst.CSTNode]) -> Optional[bool]:
        """`request.method == 'get'` (never true) or `!=` (always true) on a framework's request."""
        if len(test.comparisons) != 1:
            return None
        target = test.comparisons[0]
        equal = isinstance(target.operator, _EQUAL)
        if not equal and not isinstance(target.operator, _NOT_EQUAL):
            return None
        for method, text in ((test.left, target.comparator), (target.comparator, test.left)):
            if isinstance(method, cst.Attribute) and method.attr.value == "method" and isinstance(text, cst.SimpleString):
                value = literal_value(text)
                if isinstance(value, str) and value != value.upper() and self._upper_case_request(method.value, enclosing):
                    return not equal
        return None

    def _upper_case_request(self, receiver: cst.BaseExpression, enclosing: Sequence[cst.CSTNode]) -> bool:
        scope = self._scope(enclosing)
        return self.resolver.qualified_name(receiver, scope) in _UPPER_CASE_METHODS \
            or self.resolver.instance_type(receiver, scope) in _UPPER_CASE_METHODS
