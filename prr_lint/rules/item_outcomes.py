"""Per-item outcomes collected for the caller (PRR101, m14 class 4): a loop over items whose
handler stores the error's cause in a collection the function answers (`errored[file] = e.args[0]`,
`errors.append(MoveError(id=item, error=str(e)))` ... `return moved, errors`). Each item's failure
goes back, with its cause, to whoever asked for the batch (an import summary, a bulk move's
response): the batch goes on, and the answer is the report. A collection that is not answered, a
handler that keeps only the item (`failed.append(item)`) or a constant, stays reported.

Decided on what the handler and its function do with the error, never on names.
"""

from __future__ import annotations

from typing import Optional, Set

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.rules.handler_context import Handler
from prr_lint.tree import children, descendants, dotted_name

# Methods that add an element to a collection.
ADDERS = frozenset({"append", "add", "insert", "extend", "setdefault"})
LOOPS = (cst.For, cst.While)
EMPTY_FACTORIES = frozenset({"list", "dict", "set", "defaultdict", "collections.defaultdict", "OrderedDict",
                             "collections.OrderedDict"})


def _mentions(expr: cst.CSTNode, names: Set[str]) -> bool:
    return any(isinstance(node, cst.Name) and node.value in names for node in (expr, *descendants(expr)))


def _in_loop(ctx: FileContext) -> bool:
    """The handler's `try` runs once per item: a loop encloses it inside its function."""
    for node in reversed(ctx.ancestors):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return False
        if isinstance(node, LOOPS):
            return True
    return False


def _stored_cause(handler: cst.ExceptHandler, bound: str) -> Set[str]:
    """The local collections the handler stores the cause in: the bound exception, or a name the
    handler made from it (`error = e.args[0]`), as an element or inside one (`Err(error=str(e))`)."""
    cause = {bound}
    for node in descendants(handler.body):
        if isinstance(node, cst.Assign) and _mentions(node.value, cause):
            cause |= {t.target.value for t in node.targets if isinstance(t.target, cst.Name)}
    stored = set()
    for node in descendants(handler.body):
        if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Subscript):
            target = node.targets[0].target.value
            if isinstance(target, cst.Name) and _mentions(node.value, cause):
                stored.add(target.value)
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in ADDERS \
                and isinstance(node.func.value, cst.Name) and any(_mentions(arg.value, cause) for arg in node.args):
            stored.add(node.func.value.value)
    return stored


def _empty(value: Optional[cst.BaseExpression]) -> bool:
    """`value` makes a new, empty collection: `[]`, `{}`, `dict()`, `defaultdict(list)`."""
    if isinstance(value, (cst.List, cst.Dict, cst.Set)):
        return not value.elements
    return isinstance(value, cst.Call) and dotted_name(value.func) in EMPTY_FACTORIES


def _made_empty(function: cst.FunctionDef, name: str) -> bool:
    """`name` is bound in the function to a new, empty collection (`errors = []`, `found, failed = [], {}`)."""
    for node in descendants(function.body):
        if isinstance(node, cst.AnnAssign) and isinstance(node.target, cst.Name) and node.target.value == name:
            if _empty(node.value):
                return True
        if not isinstance(node, cst.Assign):
            continue
        for target in (t.target for t in node.targets):
            if isinstance(target, cst.Name) and target.value == name and _empty(node.value):
                return True
            if isinstance(target, (cst.Tuple, cst.List)) and isinstance(node.value, (cst.Tuple, cst.List)) \
                    and len(target.elements) == len(node.value.elements):
                if any(isinstance(t.value, cst.Name) and t.value.value == name and _empty(v.value)
                       for t, v in zip(target.elements, node.value.elements)):
                    return True
    return False


def _answered(ctx: FileContext, value: cst.CSTNode, names: Set[str]) -> bool:
    """`value` holds one of `names` itself, not a builtin's reduction of it (`len(errors)`)."""
    stack = [value]
    while stack:
        node = stack.pop()
        if isinstance(node, cst.Call) and (ctx.resolver.qualified_name(node.func) or "").startswith("builtins."):
            continue
        if isinstance(node, cst.Name) and node.value in names:
            return True
        if not isinstance(node, (cst.Lambda, cst.FunctionDef, cst.ClassDef)):
            stack.extend(children(node))
    return False


def collects_item_outcome(ctx: FileContext, handler: Handler) -> bool:
    """The handler, in a loop, stores the cause in a local collection the function returns (see the
    module docstring)."""
    if not isinstance(handler, cst.ExceptHandler) or handler.name is None or not isinstance(handler.name.name, cst.Name):
        return False
    function: Optional[cst.FunctionDef] = next(ctx.functions(), None)
    if function is None or not _in_loop(ctx):
        return False
    stored = {name for name in _stored_cause(handler, handler.name.name.value) if _made_empty(function, name)}
    return bool(stored) and any(
        isinstance(node, cst.Return) and node.value is not None and _answered(ctx, node.value, stored)
        for node in descendants(function.body)
    )
