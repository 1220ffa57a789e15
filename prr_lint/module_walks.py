"""Plug-in folders a program walks, and the guard that picks which walked module it imports:
`for info in pkgutil.walk_packages(path, prefix): if not info.ispkg and "deprecated" not in info.name:
importlib.import_module(info.name)`.

The walk yields the dotted name of every module under the folder and the loader imports it by that
name, so the name the guard tests is the module's import name. A module the guard rejects (a literal
`"x" in name` test, `name.startswith(...)`/`endswith(...)`, an `ispkg` test, combined by `not`,
`and`, `or`, in an `if` around the import or an `if ...: continue` before it) is never loaded by the
walk: when nothing else imports it, it is not the service (project/walked_modules.py). A loader
that builds the name (`f"{package}.private.{modname}"` for `pkgutil.iter_modules(pkg.__path__)`)
loads only modules whose name holds the literal text before the walked part, and its guard tests
that part. The guard is kept as data (a small JSON tree) in the module's summary tags and evaluated
in the project phase, per module; the walk's import makes no `loads-modules:` mark of its own.
"""

from __future__ import annotations

import json
from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.module_loads import loaded_prefix
from prr_lint.resolve import Resolver
from prr_lint.tree import KindOf, descendants, flat_statements, listed, statement_blocks

# Module mark: a walk over a plug-in folder that imports what it yields, as JSON `[prefix, guard, infix]`:
# the walk's literal name prefix (null when computed), the condition under which it imports a module
# (["all", ...], ["any", ...], ["not", g], ["in", "x"], ["start", [...]], ["end", [...]], ["pkg"], ["?"]
# for a test of anything else) and the text before the walked name in the name it imports (null: the name itself).
WALKS_MODULES = "walks-modules:"
_IS_FOR = KindOf(cst.For)  # asked of every node of the module (tree.KindOf)
_WALKERS = frozenset({"pkgutil.walk_packages", "pkgutil.iter_modules"})
Guard = list
_UNKNOWN: Guard = ["?"]


class _Roles:
    """What the loop target binds: `info` (`info.name`, `info.ispkg`, `info[1]`, `info[2]`) or
    `(finder, name, ispkg)`."""

    def __init__(self, target: cst.BaseExpression) -> None:
        self.item = target.value if isinstance(target, cst.Name) else None
        parts = [element.value for element in target.elements] if isinstance(target, (cst.Tuple, cst.List)) else []
        names = [part.value if isinstance(part, cst.Name) else None for part in parts]
        self.name, self.ispkg = (names[1], names[2]) if len(names) == 3 else (None, None)

    def __bool__(self) -> bool:
        return bool(self.item or self.name)

    def of(self, expr: cst.BaseExpression) -> Optional[str]:
        """"name" or "ispkg" for an expression that is that field of the walked item."""
        if isinstance(expr, cst.Name):
            return "name" if expr.value == self.name else "ispkg" if expr.value == self.ispkg else None
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and expr.value.value == self.item:
            return expr.attr.value if expr.attr.value in ("name", "ispkg") else None
        if isinstance(expr, cst.Subscript) and isinstance(expr.value, cst.Name) and expr.value.value == self.item \
                and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
            index = expr.slice[0].slice.value
            return {"1": "name", "2": "ispkg"}.get(index.value) if isinstance(index, cst.Integer) else None
        return None


def walk_marks(node: cst.For, resolver: Resolver) -> List[str]:
    """One mark per import of the walked name in the body of a loop over `pkgutil.walk_packages`
    or `pkgutil.iter_modules` (see the module docstring)."""
    walk = _walk(node, resolver)
    return [WALKS_MODULES + json.dumps([walk.prefix, guard, infix]) for _, guard, infix in walk.loads] if walk else []


def walked_import(call: cst.Call, resolver: Resolver) -> bool:
    """Whether `call` is the import of a walked name inside such a loop (its mark is the walk's)."""
    return _walk_of(call, resolver) is not None


def walk_prefix(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """The literal name prefix of the walk whose loop imports the walked name itself by `call`
    (`prefix="svc.plugins."`: the modules under it), or None."""
    walk = _walk_of(call, resolver)
    return walk.prefix if walk is not None and any(found is call and infix is None for found, _, infix in walk.loads) else None


def _walk_of(call: cst.Call, resolver: Resolver) -> Optional["_Walk"]:
    for node in listed(resolver.module, _IS_FOR, resolver.listed):
        if (walk := _walk(node, resolver)) is not None and any(found is call for found, _, _ in walk.loads):
            return walk
    return None


def parse_walk(mark: str) -> Optional[Tuple[Optional[str], Guard, Optional[str]]]:
    """A walk mark's prefix, guard and infix; None for a mark that does not read back."""
    try:
        prefix, guard, infix = json.loads(mark[len(WALKS_MODULES):])
    except (ValueError, TypeError, RecursionError):
        return None
    return (prefix if isinstance(prefix, str) else None), guard, (infix if isinstance(infix, str) else None)


def admits(guard: Guard, name: str, ispkg: bool) -> Optional[bool]:
    """Whether the walk imports the module `name`: True, False, or None when the guard depends on
    something else."""
    kind, args = (guard[0], guard[1:]) if isinstance(guard, list) and guard else ("?", [])
    if kind in ("all", "any"):
        values = [admits(part, name, ispkg) for part in args]
        decisive = kind == "any"
        if decisive in values:
            return decisive
        return None if None in values else not decisive
    if kind == "not":
        value = admits(args[0], name, ispkg) if args else None
        return None if value is None else not value
    if kind == "pkg":
        return ispkg
    literals = tuple(item for item in (args[0] if args and isinstance(args[0], list) else args) if isinstance(item, str))
    if kind == "in" and literals:
        return literals[0] in name
    if kind in ("start", "end") and literals:
        return name.startswith(literals) if kind == "start" else name.endswith(literals)
    return None


class _Walk:
    """The imports of the walked name in a walk loop's body: (call, guard, infix), where `infix` is
    None when the call imports the walked name itself, else the literal text before it in the name
    the call builds (`f"{package}.private.{modname}"`: ".private.")."""

    def __init__(self, roles: _Roles, resolver: Resolver, prefix: Optional[str]) -> None:
        self.roles, self.resolver, self.prefix = roles, resolver, prefix
        self.assigned: Dict[str, cst.BaseExpression] = {}  # local name -> its value, in the loop body
        self.loads: List[Tuple[cst.Call, Guard, Optional[str]]] = []

    def block(self, suite: cst.BaseSuite, conditions: Sequence[Guard]) -> None:
        skips: List[Guard] = []
        for statement in flat_statements(suite):
            here = [*conditions, *skips]
            if isinstance(statement, cst.If):
                self.branch(statement, here)
                if statement.orelse is None and isinstance(flat_statements(statement.body)[-1], cst.Continue):
                    skips.append(["not", _condition(statement.test, self.roles)])
            elif isinstance(statement, cst.BaseCompoundStatement) and not isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                for block in statement_blocks(statement):
                    self.block(block, here)
            elif not isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                self.simple(statement, here)

    def branch(self, node: cst.If, conditions: Sequence[Guard]) -> None:
        test = _condition(node.test, self.roles)
        self.block(node.body, [*conditions, test])
        if isinstance(node.orelse, cst.If):
            self.branch(node.orelse, [*conditions, ["not", test]])
        elif isinstance(node.orelse, cst.Else):
            self.block(node.orelse.body, [*conditions, ["not", test]])

    def simple(self, statement: cst.CSTNode, conditions: Sequence[Guard]) -> None:
        if isinstance(statement, cst.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0].target, cst.Name):
            self.assigned[statement.targets[0].target.value] = statement.value
        for node in descendants(statement):
            if isinstance(node, cst.Call) and node.args and loaded_prefix(node, self.resolver, constants=False) == "":
                infix = self.infix(node.args[0].value)
                if infix != "":
                    self.loads.append((node, ["all", *conditions], infix or None))

    def infix(self, expr: cst.BaseExpression) -> Optional[str]:
        """None for the walked name itself; the text before it for `f"...{name}"`; "" for any
        other name."""
        if isinstance(expr, cst.Name) and expr.value in self.assigned and self.roles.of(expr) is None:
            expr = self.assigned[expr.value]
        if self.roles.of(expr) == "name":
            return None
        parts = expr.parts if isinstance(expr, cst.FormattedString) else ()
        if len(parts) >= 2 and isinstance(parts[-1], cst.FormattedStringExpression) and self.roles.of(parts[-1].expression) == "name" \
                and isinstance(parts[-2], cst.FormattedStringText) and "." in parts[-2].value:
            return parts[-2].value
        return ""


def _walk(node: cst.For, resolver: Resolver) -> Optional[_Walk]:
    if not isinstance(node.iter, cst.Call) or resolver.qualified_name(node.iter.func) not in _WALKERS:
        return None
    roles = _Roles(node.target)
    if not roles:
        return None
    walk = _Walk(roles, resolver, _prefix(node.iter, resolver))
    walk.block(node.body, ())
    return walk if walk.loads else None


def _condition(expr: cst.BaseExpression, roles: _Roles) -> Guard:
    """The test `expr` as a guard tree over the walked name; ["?"] for anything else."""
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
        return ["not", _condition(expr.expression, roles)]
    if isinstance(expr, cst.BooleanOperation):
        kind = "all" if isinstance(expr.operator, cst.And) else "any"
        return [kind, _condition(expr.left, roles), _condition(expr.right, roles)]
    if roles.of(expr) == "ispkg":
        return ["pkg"]
    if isinstance(expr, cst.Comparison) and len(expr.comparisons) == 1:
        target = expr.comparisons[0]
        literal = _literals(expr.left)
        if len(literal) == 1 and roles.of(target.comparator) == "name" and isinstance(target.operator, (cst.In, cst.NotIn)):
            test = ["in", literal[0]]
            return test if isinstance(target.operator, cst.In) else ["not", test]
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and roles.of(expr.func.value) == "name" \
            and expr.func.attr.value in ("startswith", "endswith") and len(expr.args) == 1:
        literals = _literals(expr.args[0].value)
        if literals:
            return ["start" if expr.func.attr.value == "startswith" else "end", literals]
    return _UNKNOWN


def _literals(expr: cst.BaseExpression) -> List[str]:
    """`"x"` -> ["x"]; `("x", "y")` -> ["x", "y"]; [] for anything else."""
    items = [element.value for element in expr.elements] if isinstance(expr, cst.Tuple) else [expr]
    values = [item.evaluated_value if isinstance(item, cst.SimpleString) else None for item in items]
    return [value for value in values if isinstance(value, str)] if all(isinstance(v, str) for v in values) else []


def _prefix(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """The walk's name prefix when the source spells it: a literal, or `pkg.__name__ + "."`."""
    value = next((arg.value for position, arg in enumerate(call.args)
                  if (arg.keyword.value == "prefix" if arg.keyword is not None else position == 1)), None)
    if isinstance(value, cst.SimpleString) and isinstance(value.evaluated_value, str):
        return value.evaluated_value
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add) and isinstance(value.left, cst.Attribute) \
            and value.left.attr.value == "__name__" and _literals(value.right) == ["."]:
        module = resolver.qualified_name(value.left.value)
        return f"{module}." if module else None
    return None
