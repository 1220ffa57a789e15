"""Per-item outcomes collected for the caller (PRR101, m14 class 4): a `for` loop over items whose
handler stores which item failed and why in a collection the function answers (`errored[file] =
e.args[0]`, `errors.append(MoveError(id=item.id, error=str(e)))` ... `return moved, errors`). Each
item's failure goes back, with its cause, to whoever asked for the batch (an import summary, a bulk
move's response): the batch goes on, and the answer is the report. Stays reported: a collection that
is not answered (or only as `len(...)`), a message that does not say which item failed
(`errors.append(str(e))`), only the item kept (`failed.append(item)`), and an item whose work commits
a transaction in the `try` while the handler does not roll it back (the session is left failed for
the next items: more than this item's outcome).

Decided on what the handler and its function do with the error, never on names.
"""

from __future__ import annotations

from typing import Optional, Set

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.rules.error_answers import carried
from prr_lint.rules.handler_context import Handler, TryNode
from prr_lint.tree import descendants, dotted_name

# Methods that add an element to a collection.
ADDERS = frozenset({"append", "add", "insert", "extend", "setdefault"})
EMPTY_FACTORIES = frozenset({"list", "dict", "set", "defaultdict", "collections.defaultdict", "OrderedDict",
                             "collections.OrderedDict"})


def _names_in(expr: cst.CSTNode) -> Set[str]:
    """The variables `expr` reads (not attribute or keyword names: `item.id`, `error=...`)."""
    nodes = (expr, *descendants(expr))
    skipped = {id(node.attr) for node in nodes if isinstance(node, cst.Attribute)}
    skipped |= {id(node.keyword) for node in nodes if isinstance(node, cst.Arg) and node.keyword is not None}
    return {node.value for node in nodes if isinstance(node, cst.Name) and id(node) not in skipped}


def _mentions(expr: cst.CSTNode, names: Set[str]) -> bool:
    return bool(_names_in(expr) & names)


def _loop_items(ctx: FileContext) -> Set[str]:
    """The names the innermost `for` around the handler's `try` binds for each item (none outside one)."""
    for node in reversed(ctx.ancestors):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return set()
        if isinstance(node, cst.For):
            return _names_in(node.target)
    return set()


def _stored_cause(handler: cst.ExceptHandler, bound: str, items: Set[str]) -> Set[str]:
    """The local collections the handler stores an item's outcome in: which item (the loop's names) and
    its cause (the bound exception, or a name the handler made from it, `error = e.args[0]`), as a key
    and its value (`errored[file] = error`) or together in one element (`MoveError(id=item.id, error=str(e))`)."""
    cause = {bound}
    for node in descendants(handler.body):
        if isinstance(node, cst.Assign) and _mentions(node.value, cause):
            cause |= {t.target.value for t in node.targets if isinstance(t.target, cst.Name)}
    stored = set()
    for node in descendants(handler.body):
        if isinstance(node, cst.Assign) and len(node.targets) == 1 and isinstance(node.targets[0].target, cst.Subscript):
            target = node.targets[0].target
            if isinstance(target.value, cst.Name) and _mentions(node.value, cause) and _mentions(target.slice[0], items):
                stored.add(target.value.value)
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in ADDERS \
                and isinstance(node.func.value, cst.Name) \
                and any(_mentions(arg.value, cause) and _mentions(arg.value, items) for arg in node.args):
            stored.add(node.func.value.value)
    return stored


def _commits_unrolled(try_node: TryNode, handler: cst.ExceptHandler) -> bool:
    """The item's work commits a transaction in the `try` and the handler does not roll it back."""
    def calls(node: cst.CSTNode, method: str) -> bool:
        return any(isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == method
                   for call in descendants(node))
    return calls(try_node.body, "commit") and not calls(handler.body, "rollback")


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


def collects_item_outcome(ctx: FileContext, try_node: TryNode, handler: Handler) -> bool:
    """The handler, in a `for` loop, stores which item failed and why in a local collection the function
    returns (see the module docstring)."""
    if not isinstance(handler, cst.ExceptHandler) or handler.name is None or not isinstance(handler.name.name, cst.Name):
        return False
    function: Optional[cst.FunctionDef] = next(ctx.functions(), None)
    items = _loop_items(ctx)
    if function is None or not items or _commits_unrolled(try_node, handler):
        return False
    stored = {name for name in _stored_cause(handler, handler.name.name.value, items) if _made_empty(function, name)}
    return bool(stored) and any(
        isinstance(node, cst.Return) and node.value is not None and carried(ctx, node.value, stored)
        for node in descendants(function.body)
    )
