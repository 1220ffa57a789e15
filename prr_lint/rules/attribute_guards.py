"""Branches guarded by a test that an object has an attribute no code binds: `if hasattr(self, "v2_adapter") and
self.v2_adapter: ...` where nothing ever gives any object a `v2_adapter` (a mixin's bare annotation `v2_adapter: Any`
binds nothing).

A term `hasattr(X, "name")`, or `getattr(X, "name", <false literal>)` tested for truth, with a literal name (no dunder),
on the first parameter of a method (`self`, `cls`: its class) or on an object of a known class (resolve.py
`instance_type`), is the guard key `has-attr:<name>@<class>`. The project phase (project/absent_attributes.py) finds the
key false in every run when no code of the project binds an attribute of that name and the class's family is the
project's own. What such a key guards never runs: the body of an `if` one of whose `and` terms it is (an `else` beside
it or not), the `else` (or `elif`) of an `if not X [or not Y]` with X such a term, and, in a function, what follows
`if not X [or ...]: return|raise` (rules/guards.py). PRR501 findings there go as under a switch every configuration
leaves off (rules/config_switches.py `guard_keys`, project/switches.py); the calls such a block makes leave the call
graph, its attribute reads stop counting as uses of their names and its words become prose (rules/never_returning.py
`record_never_run`, project/never_returns.py), so a method only it names is dead (project/dead_code.py).
"""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.guards import exit_terms, negated_terms, split
from prr_lint.scopes import Scope
from prr_lint.switch_keys import is_false
from prr_lint.tree import DEFINITIONS, statement_blocks

HAS_ATTR, OWNER = "has-attr:", "@"
_TESTS = {"hasattr": 2, "getattr": 3}  # the builtin and its number of arguments


def mentions_attribute_test(words: Dict[str, int]) -> bool:
    """Whether a module's text can hold such a term at all (the walks below run only then)."""
    return bool(words.get("hasattr") or words.get("getattr"))


def has_attr_key(term: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> Optional[str]:
    """`has-attr:<name>@<class>` of `hasattr(X, "name")` or `getattr(X, "name", None)` (see the module docstring)."""
    if not isinstance(term, cst.Call) or not isinstance(term.func, cst.Name) or _TESTS.get(term.func.value) != len(term.args):
        return None
    if any(arg.keyword is not None or arg.star for arg in term.args):
        return None
    if len(term.args) == 3 and not is_false(term.args[2].value):
        return None
    literal = term.args[1].value
    name = literal.evaluated_value if isinstance(literal, cst.SimpleString) else None
    if not isinstance(name, str) or not name.isidentifier() or name.startswith("__") and name.endswith("__"):
        return None
    scope = scope or resolver.scope
    if resolver.qualified_name(term.func, scope) != f"builtins.{term.func.value}":
        return None
    target = term.args[0].value
    if isinstance(target, cst.Name) and target.value == scope.self_name and scope.owner_class is not None:
        owner: Optional[str] = scope.owner_class.qualname
    else:
        owner = resolver.instance_type(target, scope)
    return f"{HAS_ATTR}{name}{OWNER}{owner}" if owner else None


def else_terms(chain: Sequence[cst.CSTNode]) -> Iterator[Tuple[cst.BaseExpression, int]]:
    """`X` of each `not X` of an `if not X [or not Y]:` whose `else` (or `elif`) holds the last node of `chain`."""
    for i, (parent, child) in enumerate(zip(chain, chain[1:])):
        if isinstance(parent, cst.If) and child is parent.orelse:
            yield from ((term, i) for term in negated_terms(parent.test))


def guarded_statements(module: cst.Module, resolver: Resolver) -> Tuple[Dict[int, Tuple[str, ...]], Set[int]]:
    """The statements such keys keep from running, by id, with their keys (not those nested in them), and the ids of
    the compound statements that hold them: a walk of the module's statements, not of its expressions."""
    guarded: Dict[int, Tuple[str, ...]] = {}
    holding: Set[int] = set()
    pending: List[Tuple[cst.CSTNode, Scope, Tuple[cst.CSTNode, ...]]] = [(module, resolver.module_scope, ())]
    while pending:
        block, scope, owners = pending.pop()
        body = block.body if isinstance(block.body, (list, tuple)) else ()  # type: ignore[attr-defined]
        after: Tuple[str, ...] = ()
        for statement in body:
            if after:
                guarded[id(statement)] = after
                holding.update(map(id, owners))
            if isinstance(statement, cst.If):
                branch: Optional[cst.CSTNode] = statement
                while isinstance(branch, cst.If):  # an `elif` chain: a loop, not recursion
                    _mark(branch.body, _keys(split(branch.test, cst.And), resolver, scope), guarded, holding, (*owners, statement))
                    _mark(branch.orelse, _keys(negated_terms(branch.test), resolver, scope), guarded, holding, (*owners, statement))
                    pending.append((branch.body, scope, (*owners, statement)))
                    branch = branch.orelse
                if isinstance(branch, cst.Else):
                    pending.append((branch.body, scope, (*owners, statement)))
                if scope.kind == "function":
                    after = tuple(sorted({*after, *_keys(exit_terms(statement), resolver, scope)}))
            elif isinstance(statement, cst.BaseCompoundStatement):
                inner = resolver.scope_for(statement, scope) if isinstance(statement, DEFINITIONS) else scope
                pending.extend((found, inner, (*owners, statement)) for found in statement_blocks(statement))
    return guarded, holding


def _keys(terms: Sequence[cst.BaseExpression], resolver: Resolver, scope: Scope) -> List[str]:
    return [key for term in terms for key in [has_attr_key(term, resolver, scope)] if key]


def _mark(branch: Optional[cst.CSTNode], keys: List[str], guarded: Dict[int, Tuple[str, ...]], holding: Set[int],
          owners: Tuple[cst.CSTNode, ...]) -> None:
    """Each statement of the branch (an `if`'s block, an `else`'s, an `elif`) runs only if none of `keys` is false."""
    if branch is None or not keys:
        return
    for suite in statement_blocks(branch) if isinstance(branch, cst.If) else [branch.body] if isinstance(branch, cst.Else) else [branch]:
        for statement in suite.body:  # type: ignore[attr-defined]
            guarded[id(statement)] = tuple(sorted({*guarded.get(id(statement), ()), *keys}))
    holding.update(map(id, owners))
