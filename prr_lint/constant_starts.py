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

from typing import FrozenSet, List, NamedTuple, Optional, Set, Tuple

import libcst as cst

from prr_lint.per_resolver import remembered
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
    """The module may bind `name` where a scope's bindings do not show it (module docstring). PRR303 asks it of each
    wait's timeout and backoff list: the module's nodes are read once (`_module_writes`), the answer once per name."""
    writes = _module_writes(resolver.module, resolver)
    return _written(name, resolver) or any(resolver.qualified_name(node) == _SYS_MODULES for node in writes.modules)


class _Writes(NamedTuple):
    """What the module's nodes show of writes that no binding records (`rebound_unseen`)."""

    any_name: bool  # a star import, a namespace builtin's call, `__dict__`, `sys.modules`: any name may be written
    names: FrozenSet[str]  # named by `global`/`nonlocal`, an assignment expression's or comprehension's target, an attribute
    texts: Tuple[str, ...]  # the strings: a name spelled in one (`setattr(me, "_prefix", p)`)
    modules: Tuple[cst.CSTNode, ...]  # a `modules` name or attribute that may be `sys.modules`, resolved where asked


@remembered  # one walk of the module, not one per question (per_resolver.py)
def _module_writes(module: cst.Module, resolver: Resolver) -> _Writes:
    any_name = bool(resolver.module_scope.star_imports)
    names: Set[str] = set()
    texts: List[str] = []
    modules: List[cst.CSTNode] = []
    for node in listed(module, _REBINDERS, resolver.listed):
        if isinstance(node, (cst.Global, cst.Nonlocal)):
            names.update(item.name.value for item in node.names)
        else:
            target = node.target  # type: ignore[attr-defined]
            names.update(found.value for found in (target, *descendants(target, ())) if isinstance(found, cst.Name))
    for node in listed(module, _SPELLINGS, resolver.listed):
        if isinstance(node, cst.Call):
            any_name |= isinstance(node.func, cst.Name) and node.func.value in _NAMESPACE_BUILTINS
        elif isinstance(node, cst.Attribute):
            names.add(node.attr.value)
            any_name |= node.attr.value == _DICT or node.attr.value == "modules" and isinstance(node.value, cst.Name) \
                and node.value.value == "sys"
            modules += [node] if node.attr.value == "modules" else []
        elif isinstance(node, cst.Name):
            any_name |= node.value == _DICT
            modules += [node] if node.value == "modules" else []
        else:
            texts.append(node.value if isinstance(node, cst.FormattedStringText) else string_value(node))  # type: ignore[arg-type]
    return _Writes(any_name, frozenset(names), tuple(texts), tuple(modules))


@remembered
def _written(name: str, resolver: Resolver) -> bool:
    """`name` is one the module's nodes may write whatever the scope (`_Writes`' first three readings)."""
    writes = _module_writes(resolver.module, resolver)
    return writes.any_name or name in writes.names or any(name in text for text in writes.texts)
