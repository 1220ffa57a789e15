"""Switches kept in a name or an attribute (PRR401): output in the body of an `if` that tests

- an attribute a class sets only in `__init__` (or as a class-level default) to values that are
  each off unless someone turns them on: `False`, an environment switch (`self.dry_run =
  os.environ.get("TELEMETRY_DRY_RUN") == "1"`), a framework debug switch, an `__init__` parameter
  that defaults to `False`, or a choice between these and a parameter that defaults to `None`
  (`env_switch if dry_run is None else dry_run`). A usage or telemetry client that prints its
  payload in a dry-run mode instead of sending it is the usual case: the default run sends;
- a terminal test kept for later: a name (module constant or local) or attribute bound once to an
  expression that calls `isatty()` (`INTERACTIVE = sys.stdin.isatty()`, then `if INTERACTIVE:`):
  the output is for a person at a terminal, as under `if sys.stdout.isatty():` itself; and the
  code after an early exit taken unless a terminal is attached (`if not sys.stdout.isatty(): return`).

The `else` branch is what runs by default, and stays reported.
"""

from __future__ import annotations

from collections import OrderedDict
from functools import lru_cache
from typing import Dict, FrozenSet, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.resolve import Resolver
from prr_lint.rules.debug_output import is_off_switch
from prr_lint.tree import KindOf, any_step, descendants


def kept_switch_on(ctx: FileContext, node: cst.CSTNode) -> bool:
    """`node` is in the body of an `if` (or conditional expression) testing a kept switch."""
    chain = [*ctx.ancestors, node]

    def holds(at: int) -> bool:
        parent, child = chain[at - 1], chain[at]
        if isinstance(parent, (cst.If, cst.IfExp)) and child is parent.body:
            return any(_kept_switch(term, chain[:at - 1], ctx) for term in _terms(parent.test))
        return isinstance(parent, cst.IndentedBlock) and _after_terminal_check(parent, child)

    return any_step(chain, ctx.__dict__.setdefault("_kept_switches", {}), holds)


def _after_terminal_check(block: cst.IndentedBlock, child: cst.CSTNode) -> bool:
    """An earlier statement of `block` leaves unless a terminal is attached (`if not
    sys.stdout.isatty(): return`), so `child` runs only for a person at a terminal."""
    for statement in block.body:
        if statement is child:
            return False
        body = statement.body.body if isinstance(statement, cst.If) and isinstance(statement.body, cst.IndentedBlock) else []
        if isinstance(statement, cst.If) and statement.orelse is None and body and isinstance(body[-1], cst.SimpleStatementLine) \
                and isinstance(body[-1].body[-1], (cst.Return, cst.Raise)) and isinstance(statement.test, cst.UnaryOperation) \
                and isinstance(statement.test.operator, cst.Not) and _calls_isatty(statement.test.expression):
            return True
    return False


def _terms(test: cst.BaseExpression) -> List[cst.BaseExpression]:
    if isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And):
        return _terms(test.left) + _terms(test.right)
    return [test]


def _kept_switch(term: cst.BaseExpression, outer: Sequence[cst.CSTNode], ctx: FileContext) -> bool:
    if isinstance(term, cst.Name):
        functions = [n for n in reversed(outer) if isinstance(n, cst.FunctionDef)]
        scope = functions[0] if functions else ctx.module
        values = name_values(scope, term.value)
        if not values and functions:
            values = name_values(ctx.module, term.value)
        return len(values) == 1 and _calls_isatty(values[0])
    if isinstance(term, cst.Attribute) and isinstance(term.value, cst.Name) and term.value.value == "self":
        cls = next((n for n in reversed(outer) if isinstance(n, cst.ClassDef)), None)
        return cls is not None and _off_attribute(cls, term.attr.value, ctx.resolver, ctx.module)
    return False


def name_values(scope: cst.CSTNode, name: str) -> List[Optional[cst.BaseExpression]]:
    """The values `scope` binds the plain name to, not entering nested definitions."""
    return list(_bindings(scope).get(name, ()))


Bindings = Dict[str, List[Optional[cst.BaseExpression]]]
# The bindings of the scopes asked about last, by identity (each entry keeps its scope alive, so an id
# is not reused while cached). Every guarded call of a long function asks about the names of its
# guards: walking the function per name cost 20 s of CPU on a 2,400-line module with one long function.
_RECENT: "OrderedDict[int, Tuple[cst.CSTNode, Bindings]]" = OrderedDict()
_RECENT_LIMIT = 16


def _bindings(scope: cst.CSTNode) -> Bindings:
    """Every plain name `scope` binds, with the value of each binding (None where there is no single
    one: a tuple target, a loop, a parameter), in source order."""
    cached = _RECENT.get(id(scope))
    if cached is not None and cached[0] is scope:
        _RECENT.move_to_end(id(scope))
        return cached[1]
    found: Bindings = {}
    for node in descendants(scope):
        if not _BINDS[type(node)]:
            continue
        if isinstance(node, cst.Assign):
            single = len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Name)
            names = {n for t in node.targets for n in _target_names(t.target)}
            value: Optional[cst.BaseExpression] = node.value if single else None
        elif isinstance(node, (cst.AnnAssign, cst.AugAssign, cst.For, cst.NamedExpr)):
            names = set(_target_names(node.target))
            value = node.value if isinstance(node, cst.AnnAssign) else None
        elif isinstance(node, cst.Global):
            names, value = {n.name.value for n in node.names}, None
        else:  # a parameter
            names, value = {node.name.value}, None
        for name in names:
            found.setdefault(name, []).append(value)
    _RECENT[id(scope)] = (scope, found)
    if len(_RECENT) > _RECENT_LIMIT:
        _RECENT.popitem(last=False)
    return found


def _target_names(target: cst.BaseExpression) -> List[str]:
    return [n.value for n in (target, *descendants(target)) if _IS_NAME[type(n)]] if not isinstance(target, cst.Attribute) else []


# The statements and parts that bind a plain name; every node of a scope is asked (a type look-up, not
# isinstance: libcst's classes are ABCs, and a failing isinstance goes through ABCMeta.__instancecheck__).
_BINDS = KindOf(cst.Assign, cst.AnnAssign, cst.AugAssign, cst.For, cst.NamedExpr, cst.Global, cst.Param)
_IS_NAME = KindOf(cst.Name)


def _calls_isatty(value: Optional[cst.BaseExpression]) -> bool:
    return value is not None and any(
        isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute) and n.func.attr.value == "isatty" for n in (value, *descendants(value))
    )


def _off_attribute(cls: cst.ClassDef, attribute: str, resolver: Resolver, module: cst.Module) -> bool:
    """Every value the class gives `self.<attribute>` is off by default, all of them set in `__init__`
    or the class body, or every one of them tests a terminal."""
    values = class_writes(cls, attribute)
    if not values or attribute in outside_writes(module):
        return False
    if all(_calls_isatty(value) for _, value in values):
        return True
    return all((function is None or function.name.value == "__init__") and _off_value(value, function, resolver, module) for function, value in values)


def class_writes(cls: cst.ClassDef, attribute: str) -> List[Tuple[Optional[cst.FunctionDef], Optional[cst.BaseExpression]]]:
    """(the method, or None for the class body; the value) of each value the class gives `self.<attribute>`: what its
    methods assign (self_assignments) and what its body binds to that name (a default every instance starts with)."""
    body = cls.body.body if isinstance(cls.body, cst.IndentedBlock) else ()
    values: List[Tuple[Optional[cst.FunctionDef], Optional[cst.BaseExpression]]] = []
    for statement in body:
        if isinstance(statement, cst.FunctionDef):
            values.extend((statement, value) for value in self_assignments(statement, attribute))
        elif isinstance(statement, cst.SimpleStatementLine):
            values.extend((None, small.value) for small in statement.body if isinstance(small, (cst.Assign, cst.AnnAssign))
                          and attribute in [t.value for t in plain_targets(small)])
    return values


@lru_cache(maxsize=2)
def outside_writes(module: cst.Module) -> FrozenSet[str]:
    """The attributes the module sets on some object other than `self` (`client.dry_run = True`): switches
    turned on from outside the class. One walk per module (the cache keys on the node, by identity)."""
    return frozenset(
        target.attr.value
        for node in descendants(module, stop_at=()) if isinstance(node, (cst.Assign, cst.AnnAssign))
        for target in ([t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target])
        if isinstance(target, cst.Attribute) and not (isinstance(target.value, cst.Name) and target.value.value == "self")
    )


def plain_targets(small: cst.BaseSmallStatement) -> List[cst.Name]:
    targets = [t.target for t in small.targets] if isinstance(small, cst.Assign) else [small.target]  # type: ignore[attr-defined]
    return [t for t in targets if isinstance(t, cst.Name)]


def self_assignments(function: cst.FunctionDef, attribute: str) -> List[Optional[cst.BaseExpression]]:
    """The values `function` assigns to `<first parameter>.<attribute>` (None for `+=`, tuple targets, loops)."""
    return _attribute_writes(function).get(attribute, [])


_WRITES = KindOf(cst.Assign, cst.AnnAssign, cst.AugAssign, cst.For, cst.NamedExpr)


@lru_cache(maxsize=256)
def _attribute_writes(function: cst.FunctionDef) -> Dict[str, List[Optional[cst.BaseExpression]]]:
    """Every attribute `function` writes, with the values as self_assignments gives them, read in one walk:
    a class's switch keys ask about each `self.<flag>` its methods test, each time of every method (the
    cache keys on the node, which hashes by identity and stays alive in it, so its id is its own)."""
    first = function.params.params[0].name.value if function.params.params else None
    found: Dict[str, List[Optional[cst.BaseExpression]]] = {}
    for node in descendants(function.body, stop_at=()):
        if not _WRITES[type(node)]:
            continue
        pairs = [(t.target, node.value) for t in node.targets] if isinstance(node, cst.Assign) else \
            [(node.target, node.value if isinstance(node, cst.AnnAssign) else None)] if isinstance(node, (cst.AnnAssign, cst.AugAssign)) else \
            [(node.target, None)]
        for target, value in pairs:
            for attr in (target, *descendants(target)):
                if isinstance(attr, cst.Attribute):
                    mine = isinstance(attr.value, cst.Name) and attr.value.value == first
                    found.setdefault(attr.attr.value, []).append(value if mine and attr is target else None)
    return found


def _off_value(value: Optional[cst.BaseExpression], init: Optional[cst.FunctionDef], resolver: Resolver, module: cst.Module) -> bool:
    if value is None:
        return False
    if isinstance(value, cst.Name) and value.value == "False":
        return True
    if isinstance(value, cst.IfExp):
        return all(_off_value(branch, init, resolver, module) or _none_default(branch, init) for branch in (value.body, value.orelse))
    return is_off_switch(value, resolver, [init] if init is not None else [], module)


def _none_default(value: cst.BaseExpression, init: Optional[cst.FunctionDef]) -> bool:
    """A parameter of `__init__` that defaults to `None` (the caller did not choose: the other branch decides)."""
    if init is None or not isinstance(value, cst.Name):
        return False
    params = (*init.params.params, *init.params.kwonly_params)
    return any(p.name.value == value.value and isinstance(p.default, cst.Name) and p.default.value in ("None", "False") for p in params)
