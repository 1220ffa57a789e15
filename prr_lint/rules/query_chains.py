"""What a SQLAlchemy `session.query(...)` chain turns into: a SQL construct, or a Query that may run.

`Session.query()` makes no round trip: the Query it returns talks to the database only when it is
run (`.all()`, `.first()`, iterated, ...). A chain of building methods that ends in `.subquery()`,
`.cte()`, `.exists()` or `.statement` yields a construct for another statement to embed; that
statement's execution is what blocks, and it is reported where it is built.
"""

from __future__ import annotations

from typing import Sequence

import libcst as cst

# Query methods that return another Query without running anything.
_BUILDERS = frozenset(
    {
        "filter", "filter_by", "where", "join", "outerjoin", "select_from", "order_by", "group_by", "having",
        "options", "limit", "offset", "slice", "distinct", "with_entities", "add_columns", "add_column",
        "add_entity", "correlate", "params", "execution_options", "enable_eagerloads", "with_for_update",
        "union", "union_all", "intersect", "intersect_all", "except_", "except_all", "populate_existing",
        "with_parent", "with_labels", "set_label_style", "prefix_with", "suffix_with", "with_hint",
        "reset_joinpoint", "autoflush", "yield_per", "enable_assertions", "with_session",
    }
)
# Methods and attributes of a Query that give a Core construct, never a result.
_CONSTRUCTS = frozenset({"subquery", "cte", "exists", "scalar_subquery", "as_scalar", "label", "statement", "selectable"})


def builds_construct_only(node: cst.Call, ancestors: Sequence[cst.CSTNode]) -> bool:
    """`node` (a `session.query(...)` call) heads a chain of building methods that ends in a SQL
    construct (`session.query(X).filter(...).subquery()`); `ancestors` are the nodes above it,
    innermost last. A chain that runs the query, or whose Query escapes, may block."""
    current: cst.CSTNode = node
    index = len(ancestors) - 1
    while index >= 0:
        parent = ancestors[index]
        if not isinstance(parent, cst.Attribute) or parent.value is not current:
            return False
        name = parent.attr.value
        if name in _CONSTRUCTS:
            return True
        above = ancestors[index - 1] if index > 0 else None
        if name not in _BUILDERS or not isinstance(above, cst.Call) or above.func is not parent:
            return False
        current, index = above, index - 2
    return False
