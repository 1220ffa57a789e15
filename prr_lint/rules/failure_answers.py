"""Answers of an `except` handler that tell the user of the failure (PRR203): not a fallback that
pretends success, whatever it returns."""

from __future__ import annotations

import re
from typing import Optional, Sequence

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import descendants, handler_name

_FAILURE_TEXT = re.compile(
    r"\b(could ?n[o']t|cannot|can't|unable|failed|failure|errors?|unavailable|missing|denied|refused|timed out|not (available|installed|sanitized|found|be))\b",
    re.IGNORECASE,
)
_TRANSLATIONS = frozenset({"_", "N_", "gettext", "gettext_lazy", "ugettext", "ugettext_lazy", "lazy_gettext", "pgettext"})


def answers_exception_text(handler: cst.ExceptHandler, assigned_bound: Sequence[str]) -> bool:
    """A `return` answers with the caught exception's own text (`return self.redirect_to_error(str(e))`,
    directly or through a local assigned from it): the user is shown the failure itself."""
    bound = handler_name(handler)
    names = set(assigned_bound) | ({bound} if bound else set())
    return bool(names) and any(
        isinstance(name, cst.Name) and name.value in names
        for node in descendants(handler.body) if isinstance(node, cst.Return) and node.value is not None
        for name in (node.value, *descendants(node.value))
    )


def answers_failure_text(handler: cst.ExceptHandler, resolver: Resolver) -> bool:
    """A `return` answers a text that names the failure (`gettext("[HTML removed: could not be
    sanitized]")`, a module constant `_EXECUTION_ERROR = N_("Execution permissions missing")`)."""
    return any(
        _failure_text(node.value, resolver, 0)
        for node in descendants(handler.body) if isinstance(node, cst.Return) and node.value is not None
    )


def _failure_text(expr: Optional[cst.BaseExpression], resolver: Resolver, depth: int) -> bool:
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        text = expr.evaluated_value
        return isinstance(text, str) and _FAILURE_TEXT.search(text) is not None
    if isinstance(expr, cst.Call) and expr.args:
        func = expr.func
        name = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        return name in _TRANSLATIONS and _failure_text(expr.args[0].value, resolver, depth)
    if isinstance(expr, cst.Name) and depth < 2:
        bindings = resolver.lookup(expr.value)
        last = bindings[-1] if bindings else None
        return last is not None and last.kind == "value" and _failure_text(last.value, resolver, depth + 1)
    return False


def per_item_result(ancestors: Sequence[cst.CSTNode], handler: cst.ExceptHandler) -> bool:
    """The try handles one item of a `for` loop, and the item's failure goes into a result the function
    returns, keyed by the item (`ret[serial] = res` after `except: res = False`; `failed.append(item)`):
    a per-item batch result, reported to the caller in the response, not a degraded answer."""
    loop = function = None
    for node in reversed(ancestors):
        if isinstance(node, (cst.FunctionDef, cst.Lambda, cst.ClassDef)):
            function = node if isinstance(node, cst.FunctionDef) else None
            break
        if loop is None and isinstance(node, cst.For):
            loop = node
    if loop is None or function is None:
        return False
    items = {name.value for name in (loop.target, *descendants(loop.target)) if isinstance(name, cst.Name)}
    markers = {target.target.value for node in descendants(handler.body) if isinstance(node, cst.Assign)
               for target in node.targets if isinstance(target.target, cst.Name)}
    stored = set()
    for node in descendants(loop.body):
        container, key, value = _store(node)
        if container is None or not (_mentions(key, items) or _mentions(value, items)):
            continue
        if _inside(node, handler) or _mentions(value, markers):
            stored.add(container)
    return bool(stored) and any(
        isinstance(node, cst.Return) and _mentions(node.value, stored) for node in descendants(function.body)
    )


def _store(node: cst.CSTNode):
    """(container, key, value) of `c[key] = value`, `c.append(value)`, `c.add(value)`; Nones otherwise."""
    if isinstance(node, cst.Assign) and len(node.targets) == 1:
        target = node.targets[0].target
        if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name):
            return target.value.value, target, node.value
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in ("append", "add") \
            and isinstance(node.func.value, cst.Name) and node.args:
        return node.func.value.value, None, node.args[0].value
    return None, None, None


def _mentions(expr: Optional[cst.CSTNode], names) -> bool:
    return expr is not None and any(isinstance(n, cst.Name) and n.value in names for n in (expr, *descendants(expr)))


def _inside(node: cst.CSTNode, handler: cst.ExceptHandler) -> bool:
    return any(child is node for child in descendants(handler.body))
