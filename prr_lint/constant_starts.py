"""The start of a computed module name a constant spells: lmfdb's `verify/__init__.py` binds `_prefix =
'lmfdb.verify.'` once and imports `importlib.import_module(_prefix + other_thing + tablename)`, which loads only
modules under `lmfdb.verify.`, as the literal `'lmfdb.verify.' + ...` would (module_loads.py `loaded_prefix`).

A name counts only when it holds one string wherever the load may read it: every binding the lookup finds is a
plain assignment of a string literal, all of the same text, and nothing in the module rebinds the name where the
scopes cannot see it: a `global` or `nonlocal` statement, an assignment expression, a comprehension's loop
variable, a star import; a builtin that writes the module's namespace by computed names (`globals()`, `locals()`,
`vars()`, `exec`, `eval`, `execfile`) or a mention of `sys.modules` or `__dict__` (`setattr(sys.modules[__name__],
"_prefix", p)`); the name spelled as an attribute or a string (`me._prefix = p`, `setattr(me, "_prefix", p)`). A
load in a class body, or a comprehension there (which reads the module's name, not the class's), or a name a class
body binds is not read so. Anything else (a parameter, an import, a loop variable, `+=`, a second value) may hold
any name: the start stays unknown and the load may load any module, as before.

Read per file, a write from another module (`verify._prefix = ...`) is not seen here: the loader's mark carries the
constant's name (module_loads.py STARTS_WITH_CONSTANT) and the project phase takes the start back to unknown when
another module may write it (project/constant_writes.py).
"""

from __future__ import annotations

from typing import NamedTuple, Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import KindOf, descendants, listed, string_value

_REBINDERS = KindOf(cst.Global, cst.Nonlocal, cst.NamedExpr, cst.CompFor)
_SPELLINGS = KindOf(cst.Call, cst.Name, cst.Attribute, cst.SimpleString, cst.FormattedStringText)
# Builtins that read or write a module's namespace by computed names.
_NAMESPACE_BUILTINS = frozenset({"globals", "locals", "vars", "exec", "eval", "execfile"})
_DICT = "__dict__"
_SYS_MODULES = "sys.modules"


class ConstantStart(NamedTuple):
    """The constant a computed name starts with, and the one string it holds ("" and "" for none)."""

    name: str
    text: str


_NONE = ConstantStart("", "")


def constant_start(node: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> ConstantStart:
    """The constant a computed name starts with (`_prefix + name`, `f"{_prefix}{name}"`) and its text; `_NONE` when it
    starts with anything else or the constant may hold another value (module docstring)."""
    while isinstance(node, cst.BinaryOperation) and isinstance(node.operator, cst.Add):
        node = node.left
    if isinstance(node, cst.FormattedString) and node.parts and isinstance(node.parts[0], cst.FormattedStringExpression):
        first = node.parts[0]
        node = first.expression if first.format_spec is None and first.conversion is None else node
    scope = scope or resolver.scope
    if not isinstance(node, cst.Name) or scope.kind == "class":
        return _NONE
    bindings = resolver.lookup(node.value, scope) or []
    if any(binding.scope is not None and binding.scope.kind == "class" for binding in bindings):
        return _NONE
    values = {string_value(binding.value) if binding.kind == "value" and binding.item_of is None else "" for binding in bindings}
    value = values.pop() if len(values) == 1 else ""
    return ConstantStart(node.value, value) if value and not rebound_unseen(node.value, resolver) else _NONE


def fixed_constant(name: cst.Name, resolver: Resolver) -> Optional[cst.BaseExpression]:
    """The value of the module constant `name` reads when nothing in the module rewrites it: one plain assignment at
    module level (no loop target, no `+=`, no second binding) that `rebound_unseen` finds no other way to change.
    PRR303's timeouts and backoff lists (task_results.fixed_timeout, rules/degrading_waits.py) ask it; another
    module's writes are the project phase's (project/constant_writes.py `written_elsewhere`)."""
    bindings = resolver.lookup(name.value) or []
    binding = bindings[0] if len(bindings) == 1 else None
    if binding is None or binding.kind != "value" or binding.scope is not resolver.module_scope or binding.item_of is not None \
            or binding.value is None or rebound_unseen(name.value, resolver):
        return None
    return binding.value


def rebound_unseen(name: str, resolver: Resolver) -> bool:
    """The module may bind `name` where a scope's bindings do not show it (module docstring)."""
    if resolver.module_scope.star_imports:
        return True
    for node in listed(resolver.module, _REBINDERS, resolver.listed):
        if isinstance(node, (cst.Global, cst.Nonlocal)) and any(item.name.value == name for item in node.names):
            return True
        target = node.target if isinstance(node, (cst.NamedExpr, cst.CompFor)) else None
        if target is not None and any(isinstance(found, cst.Name) and found.value == name for found in (target, *descendants(target, ()))):
            return True
    return any(_may_write(node, name, resolver) for node in listed(resolver.module, _SPELLINGS, resolver.listed))


def _may_write(node: cst.CSTNode, name: str, resolver: Resolver) -> bool:
    """`node` may give the module's global `name` a value by other means than a binding (module docstring)."""
    if isinstance(node, cst.Call):
        return isinstance(node.func, cst.Name) and node.func.value in _NAMESPACE_BUILTINS
    if isinstance(node, cst.Attribute):
        return node.attr.value in (name, _DICT) or node.attr.value == "modules" and (
            isinstance(node.value, cst.Name) and node.value.value == "sys" or resolver.qualified_name(node) == _SYS_MODULES)
    if isinstance(node, cst.Name):
        return node.value == _DICT or node.value == "modules" and resolver.qualified_name(node) == _SYS_MODULES
    text = node.value if isinstance(node, cst.FormattedStringText) else string_value(node)  # type: ignore[arg-type]
    return name in text
