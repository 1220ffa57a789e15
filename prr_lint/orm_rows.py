"""Django ORM rows: the model instance a manager or QuerySet fetch gives. The per-file pass records such a
row as an instance of its model in receiver expressions (prr_lint/receivers.py), so the call graph runs the
model's method for `doc = Document.objects.get(pk=pk); doc.process()` (what a task reaches: PRR501's
task-deadline section). The resolver's own names stay untyped: the per-file rules read a resolved call
of a library class as a library function (a DRF `Token` row's `delete()` is no in-memory helper).

A row is what `<Model>.objects` (or `_default_manager` / `_base_manager`), through any chain of the
QuerySet methods that return a QuerySet of the same model (`filter`, `exclude`, `order_by`, ...), gives
with `get`, `first`, `last`, `latest`, `earliest`, `create`; item 0 of `get_or_create` /
`update_or_create` (`obj, created = ...`, `...[0]`); an item of such a QuerySet (`qs[0]`), or of
iterating it (`for row in Model.objects.filter(...)`, `list(qs)`, a name bound to a QuerySet);
`get_object_or_404(Model or QuerySet, ...)`, an item of `get_list_or_404(...)`.

The model is the class the manager hangs on, named as the resolver names classes (capitalised, or a
classmethod's `cls`). A class this module defines counts only when its bases may lead to
`django.db.models.Model`: a base from elsewhere may (a project's abstract model), a class with no base
but `object` or builtins is no model (`class Cache: objects = {}`, whose `objects.get(key)` is a dict's).
A class of another module is taken as named: the project phase types it only when it is a project class.
"""

from __future__ import annotations

from typing import List, Optional, Protocol, Set, Tuple

import libcst as cst

from prr_lint.scopes import Binding, Scope

MANAGERS = frozenset({"objects", "_default_manager", "_base_manager"})
ROW_METHODS = frozenset({"get", "first", "last", "latest", "earliest", "create"})
PAIR_METHODS = frozenset({"get_or_create", "update_or_create"})  # (row, created)
QUERYSET_METHODS = frozenset({
    "all", "filter", "exclude", "order_by", "select_related", "prefetch_related", "annotate", "alias", "distinct",
    "reverse", "defer", "only", "using", "select_for_update", "none", "iterator", "union", "intersection", "difference",
})
_ROW_SHORTCUT = "django.shortcuts.get_object_or_404"
_ROWS_SHORTCUT = "django.shortcuts.get_list_or_404"
_LISTS = frozenset({"builtins.list", "builtins.tuple", "builtins.sorted"})
_DEPTH = 12


class Names(Protocol):
    """What this module asks of the resolver (prr_lint.resolve.Resolver)."""

    def qualified_name(self, expr: cst.BaseExpression, scope: Optional[Scope] = None) -> Optional[str]: ...

    def lookup(self, name: str, scope: Optional[Scope] = None) -> Optional[List[Binding]]: ...


def fetched(names: Names, call: cst.Call, callee: Optional[str], scope: Scope) -> Optional[str]:
    """The model of the row a call gives (`Model.objects.filter(...).first()`, `get_object_or_404(Model, pk=1)`);
    `callee` is the name the call resolves to."""
    func = call.func
    if type(func) is cst.Attribute and func.attr.value in ROW_METHODS:
        return _queryset_model(names, func.value, scope, set(), 0)
    if callee == _ROW_SHORTCUT and call.args and call.args[0].keyword is None:
        return _queryset_model(names, call.args[0].value, scope, set(), 0) or _model(names, call.args[0].value, scope)
    return None


def subscripted(names: Names, expr: cst.Subscript, scope: Scope) -> Optional[str]:
    """The model of `Model.objects.get_or_create(...)[0]` or of `qs[0]`."""
    if len(expr.slice) != 1 or type(expr.slice[0].slice) is not cst.Index:
        return None
    index = expr.slice[0].slice.value
    value = expr.value
    if type(value) is cst.Call and type(value.func) is cst.Attribute and value.func.attr.value in PAIR_METHODS:
        return _queryset_model(names, value.func.value, scope, set(), 0) if type(index) is cst.Integer and index.value == "0" else None
    return _queryset_model(names, value, scope, set(), 0)


def item_type(names: Names, binding: Binding) -> Optional[str]:
    """The model of a name a `for` loop binds over rows (`binding.item` -1) or a tuple assignment binds
    to item 0 of `get_or_create` / `update_or_create`."""
    source, scope = binding.item_of, binding.scope
    if source is None or scope is None:
        return None
    if binding.item >= 0:
        func = source.func if isinstance(source, cst.Call) else None
        if binding.item == 0 and isinstance(func, cst.Attribute) and func.attr.value in PAIR_METHODS:
            return _queryset_model(names, func.value, scope, set(), 0)
        return None
    return _rows_model(names, source, scope)


def _rows_model(names: Names, expr: cst.BaseExpression, scope: Scope) -> Optional[str]:
    """The model of the rows iterating `expr` gives: a QuerySet, a list made of one, `get_list_or_404`."""
    if type(expr) is cst.Call and expr.args and expr.args[0].keyword is None and type(expr.func) in (cst.Name, cst.Attribute):
        callee = names.qualified_name(expr.func, scope)
        first = expr.args[0].value
        if callee == _ROWS_SHORTCUT:
            return _queryset_model(names, first, scope, set(), 0) or _model(names, first, scope)
        if callee in _LISTS:
            return _queryset_model(names, first, scope, set(), 0)
    return _queryset_model(names, expr, scope, set(), 0)


def _queryset_model(names: Names, expr: cst.BaseExpression, scope: Scope, following: Set[int], depth: int) -> Optional[str]:
    """The model of the manager or QuerySet `expr` holds; `following` holds the bindings on the way (`qs =
    qs.filter(...)` reads the binding before it)."""
    kind = type(expr)
    if depth > _DEPTH:
        return None
    if kind is cst.Attribute:
        return _model(names, expr.value, scope) if expr.attr.value in MANAGERS else None
    if kind is cst.Call:
        func = expr.func
        if type(func) is cst.Attribute and func.attr.value in QUERYSET_METHODS:
            return _queryset_model(names, func.value, scope, following, depth + 1)
        return None
    if kind is cst.Subscript:
        sliced = len(expr.slice) == 1 and type(expr.slice[0].slice) is cst.Slice
        return _queryset_model(names, expr.value, scope, following, depth + 1) if sliced else None
    if kind is cst.Name:
        bindings = names.lookup(expr.value, scope) or []
        binding = next((b for b in reversed(bindings) if id(b) not in following), None)
        if binding is None or binding.kind not in ("value", "alias") or binding.value is None or binding.scope is None:
            return None
        return _queryset_model(names, binding.value, binding.scope, following | {id(binding)}, depth + 1)
    return None


def _model(names: Names, expr: cst.BaseExpression, scope: Scope) -> Optional[str]:
    """The class `expr` names when it may be a Django model (module docstring)."""
    name = names.qualified_name(expr, scope)
    if name is None or name.startswith("builtins.") or not name.rpartition(".")[2][:1].isupper():
        return None
    defined = _local_class(names, expr, scope)
    return name if defined is None or _may_be_model(names, *defined, 0) else None


def _local_class(names: Names, expr: cst.BaseExpression, scope: Optional[Scope]) -> Optional[Tuple[cst.ClassDef, Optional[Scope]]]:
    """The `class` statement of this module a name refers to, with the scope it is bound in."""
    bindings = names.lookup(expr.value, scope) if isinstance(expr, cst.Name) else None
    binding = bindings[-1] if bindings else None
    return (binding.node, binding.scope) if binding is not None and binding.kind == "class" and isinstance(binding.node, cst.ClassDef) else None


def _may_be_model(names: Names, node: cst.ClassDef, scope: Optional[Scope], depth: int) -> bool:
    """Whether a class of this module may inherit from `django.db.models.Model`: some base is a class of
    another module (not a builtin), or a class of this one that may."""
    for base in node.bases:
        if base.keyword is not None or depth > _DEPTH:
            continue
        defined = _local_class(names, base.value, scope)
        if defined is not None:
            if _may_be_model(names, *defined, depth + 1):
                return True
            continue
        name = names.qualified_name(base.value, scope)
        if name is not None and not name.startswith("builtins."):
            return True
    return False
