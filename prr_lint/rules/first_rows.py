"""A first-item look-up miss (PRR101/PRR203, through resurfaces.lookup_miss): `try: return qs[0]` with
`except: return None` answers "none yet" for an empty result; the IndexError is the expected path."""

from __future__ import annotations

import libcst as cst

from prr_lint.context import CLASSES, FileContext
from prr_lint.rules.handler_context import Handler, TryNode
from prr_lint.tree import descendants, flat_statements

# Queryset methods that build a query without running it (Django): indexing the result runs it.
QUERYSET_BUILDERS = frozenset({"all", "filter", "exclude", "order_by", "defer", "only", "select_related",
                               "prefetch_related", "annotate", "distinct", "reverse", "values", "values_list", "using"})


def first_row_miss(ctx: FileContext, try_node: TryNode, handler: Handler) -> bool:
    """The `try` only takes the first item of a local value or of a queryset (`return qs[0]`, `row =
    Check.objects.filter(...).order_by('-id')[0]`, `return self.pending()[0]` where the own method
    builds a queryset) and the handler only answers None or a default: the IndexError of an empty
    result is the expected "none yet", not a swallowed failure."""
    statements = list(flat_statements(try_node.body))
    if len(statements) != 1:
        return False
    statement = statements[0]
    value = statement.value if isinstance(statement, (cst.Return, cst.Assign)) else None
    if not (isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index)
            and isinstance(value.slice[0].slice.value, cst.Integer) and value.slice[0].slice.value.value == "0"):
        return False
    if not (_local_value(value.value) or _queryset(value.value) or _own_queryset_method(ctx, value.value)):
        return False
    return all(_answers_none(statement) for statement in flat_statements(handler.body))


def _local_value(expr: cst.BaseExpression) -> bool:
    while isinstance(expr, cst.Attribute):
        expr = expr.value
    return isinstance(expr, cst.Name)


def _queryset(expr: cst.BaseExpression) -> bool:
    """A Django queryset chain: `Model.objects.filter(...).order_by(...)`, `self.ack_set.all()`."""
    manager = False
    while isinstance(expr, (cst.Call, cst.Attribute)):
        if isinstance(expr, cst.Call):
            if not (isinstance(expr.func, cst.Attribute) and expr.func.attr.value in QUERYSET_BUILDERS):
                return False
            expr = expr.func.value
            continue
        manager = manager or expr.attr.value == "objects" or expr.attr.value.endswith("_set")
        expr = expr.value
    return manager


def _own_queryset_method(ctx: FileContext, expr: cst.BaseExpression) -> bool:
    """`self.name()` with no arguments, where the enclosing class's `name` returns a queryset it builds."""
    if not (isinstance(expr, cst.Call) and not expr.args and isinstance(expr.func, cst.Attribute)
            and isinstance(expr.func.value, cst.Name) and expr.func.value.value == "self"):
        return False
    owner = ctx.nearest(CLASSES)
    method = next((node for node in flat_statements(owner.body) if isinstance(node, cst.FunctionDef)
                   and node.name.value == expr.func.attr.value), None) if owner is not None else None
    if method is None:
        return False
    built = {target.target.value for node in descendants(method.body) if isinstance(node, cst.Assign) and _queryset(node.value)
             for target in node.targets if isinstance(target.target, cst.Name)}
    returns = [node.value for node in descendants(method.body) if isinstance(node, cst.Return)]
    return bool(returns) and all(value is not None and (_queryset(value) or (isinstance(value, cst.Name) and value.value in built))
                                 for value in returns)


def _answers_none(statement: cst.CSTNode) -> bool:
    """`return`, `return None`, `pass`, or a constant or plain name assigned (`row = None`)."""
    if isinstance(statement, cst.Pass):
        return True
    if isinstance(statement, cst.Return):
        return statement.value is None or (isinstance(statement.value, cst.Name) and statement.value.value == "None")
    return isinstance(statement, cst.Assign) and isinstance(statement.value, (cst.Name, cst.SimpleString, cst.Integer))
