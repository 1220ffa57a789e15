"""Error answers that carry the cause: the handler's failure goes back to whoever asked as an
explicit "it failed, because ..." result, not as a fallback value that passes for an answer.

* a `(success, description)` result whose flag is False and whose text is made from the bound
  exception (`description = f"Failed to get user list: {e}"; return False, description`, or the
  flag preset to False before the `try` and the pair returned after it): a connection test answers
  the admin who asked with the reason.

Decided on what the handler and its function do with the error, never on names.
"""

from __future__ import annotations

from typing import Optional, Set

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.rules.handler_context import Handler, TryNode
from prr_lint.tree import descendants

TEXT_BUILDERS = frozenset({"str", "repr", "format"})


def _mentions(expr: cst.CSTNode, name: str) -> bool:
    return any(isinstance(node, cst.Name) and node.value == name for node in (expr, *descendants(expr)))


def _text_of(expr: cst.BaseExpression, bound: str) -> bool:
    """`expr` is text made from the bound exception: an f-string, `str(e)`, `"..." % e`, `"...".format(e)`,
    a concatenation with a string."""
    if not _mentions(expr, bound):
        return False
    if isinstance(expr, cst.FormattedString):
        return True
    if isinstance(expr, cst.Call):
        func = expr.func
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        return name in TEXT_BUILDERS
    if isinstance(expr, cst.BinaryOperation):
        return any(isinstance(side, (cst.SimpleString, cst.FormattedString, cst.ConcatenatedString)) or _text_of(side, bound)
                   for side in (expr.left, expr.right))
    return False


def _is_false(expr: cst.BaseExpression) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "False"


def _assigned(node: cst.CSTNode, name: str) -> Optional[cst.BaseExpression]:
    if isinstance(node, cst.Assign) and any(isinstance(t.target, cst.Name) and t.target.value == name for t in node.targets):
        return node.value
    return None


def _flag_false_at_handler(function: cst.FunctionDef, try_node: TryNode, handler: Handler, flag: str) -> bool:
    """The handler sets `flag` to False, or the last assignment of `flag` before the `try` (in source
    order, outside the `try` body) sets it to False and the handler leaves it alone."""
    in_handler = [value for node in descendants(handler.body) if (value := _assigned(node, flag)) is not None]
    if in_handler:
        return all(_is_false(value) for value in in_handler)
    last: Optional[cst.BaseExpression] = None
    for node in descendants(function.body):
        if node is try_node:
            break
        value = _assigned(node, flag)
        if value is not None:
            last = value
    return last is not None and _is_false(last)


def returns_error_tuple(ctx: FileContext, try_node: TryNode, handler: Handler) -> bool:
    """The function answers `(False, text made from the bound exception)` for this failure: returned
    in the handler, or kept in names the handler assigns and returned after it with the flag still False."""
    if not isinstance(handler, cst.ExceptHandler) or handler.name is None or not isinstance(handler.name.name, cst.Name):
        return False
    function = next(ctx.functions(), None)
    if function is None:
        return False
    bound = handler.name.name.value
    carriers: Set[str] = set()
    for node in descendants(handler.body):
        if isinstance(node, cst.Assign) and _text_of(node.value, bound):
            carriers.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))

    def answers(ret: cst.Return, in_handler: bool) -> bool:
        value = ret.value
        if not isinstance(value, cst.Tuple) or len(value.elements) != 2:
            return False
        flag, text = (element.value for element in value.elements)
        carries = _text_of(text, bound) if in_handler else False
        carries = carries or (isinstance(text, cst.Name) and text.value in carriers)
        if not carries:
            return False
        if _is_false(flag):
            return True
        return isinstance(flag, cst.Name) and _flag_false_at_handler(function, try_node, handler, flag.value)

    handler_returns = [node for node in descendants(handler.body) if isinstance(node, cst.Return)]
    if handler_returns:
        return all(answers(ret, True) for ret in handler_returns)
    if not carriers:
        return False
    after = False
    for node in descendants(function.body):
        if node is try_node:
            after = True
        elif after and isinstance(node, cst.Return) and not _inside(node, try_node):
            return answers(node, False)
    return False


def _inside(node: cst.CSTNode, outer: cst.CSTNode) -> bool:
    return any(child is node for child in descendants(outer))
