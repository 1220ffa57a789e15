"""The start of a computed module name a constant spells: lmfdb's `verify/__init__.py` binds `_prefix =
'lmfdb.verify.'` once and imports `importlib.import_module(_prefix + other_thing + tablename)`, which loads only
modules under `lmfdb.verify.`, as the literal `'lmfdb.verify.' + ...` would (module_loads.py `loaded_prefix`).

A name counts only when it holds one string wherever the load may read it: every binding the lookup finds is a
plain assignment of a string literal, all of the same text, and nothing in the module rebinds the name where the
scopes cannot see it (a `global` or `nonlocal` statement, an assignment expression, a comprehension's loop
variable, a star import). Anything else (a parameter, an import, a loop variable, `+=`, a second value) may hold
any name: the start stays unknown and the load may load any module, as before. Read per file, a write from another
module (`verify._prefix = ...`) is not seen: a module's constant is taken for its own.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import KindOf, descendants, listed, string_value

_REBINDERS = KindOf(cst.Global, cst.Nonlocal, cst.NamedExpr, cst.CompFor)


def constant_start(node: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> str:
    """The text of the constant a computed name starts with (`_prefix + name`, `f"{_prefix}{name}"`); "" when it
    starts with anything else or the constant may hold another value (module docstring)."""
    while isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        node = node.left
    if isinstance(node, cst.FormattedString) and node.parts and isinstance(node.parts[0], cst.FormattedStringExpression):
        first = node.parts[0]
        node = first.expression if first.format_spec is None and first.conversion is None else node
    if not isinstance(node, cst.Name):
        return ""
    bindings = resolver.lookup(node.value, scope) or []
    values = {string_value(binding.value) if binding.kind == "value" and binding.item_of is None else "" for binding in bindings}
    value = values.pop() if len(values) == 1 else ""
    return value if value and not _rebound_unseen(node.value, resolver) else ""


def _rebound_unseen(name: str, resolver: Resolver) -> bool:
    """The module may bind `name` where a scope's bindings do not show it (module docstring)."""
    if resolver.module_scope.star_imports:
        return True
    for node in listed(resolver.module, _REBINDERS, resolver.listed):
        if isinstance(node, (cst.Global, cst.Nonlocal)) and any(item.name.value == name for item in node.names):
            return True
        target = node.target if isinstance(node, (cst.NamedExpr, cst.CompFor)) else None
        if target is not None and any(isinstance(found, cst.Name) and found.value == name for found in (target, *descendants(target, ()))):
            return True
    return False
