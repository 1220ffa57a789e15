"""What a SQLAlchemy `session.query(...)` chain turns into: a SQL construct, or a Query that may run.

`Session.query()` makes no round trip: the Query it returns talks to the database only when it is
run (`.all()`, `.first()`, iterated, ...). A chain of building methods that ends in `.subquery()`,
`.cte()`, `.exists()` or `.statement` yields a construct for another statement to embed; that
statement's execution is what blocks, and it is reported where it is built. A chain that ends in a
method that runs the Query, taken but not called (`session.query(X).filter(...).all`), runs where the
code it is handed to calls it (`asyncio.to_thread(...)`: on a worker thread).
"""

from __future__ import annotations

from typing import Optional, Sequence, Tuple

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


# Methods of a Query that run it.
_RUNNERS = frozenset({"all", "first", "one", "one_or_none", "scalar", "count", "get", "delete", "update"})


def builds_construct_only(node: cst.Call, ancestors: Sequence[cst.CSTNode]) -> bool:
    """`node` (a `session.query(...)` call) heads a chain of building methods that ends in a SQL
    construct (`session.query(X).filter(...).subquery()`); `ancestors` are the nodes above it,
    innermost last. A chain that runs the query, or whose Query escapes, may block."""
    end = _chain_end(node, ancestors)
    return end is not None and end[0].attr.value in _CONSTRUCTS


def handed_runner(node: cst.Call, ancestors: Sequence[cst.CSTNode]) -> Optional[Tuple[cst.Call, cst.Attribute]]:
    """The call that `node`'s chain of building methods is handed to as a method that runs the Query,
    uncalled (`asyncio.to_thread(session.query(X).filter(...).all)`), with that method; None otherwise."""
    end = _chain_end(node, ancestors)
    if end is None or end[0].attr.value not in _RUNNERS or end[1] < 2:
        return None
    method, index = end
    argument, call = ancestors[index - 1], ancestors[index - 2]
    if isinstance(argument, cst.Arg) and argument.value is method and isinstance(call, cst.Call) \
            and any(given is argument for given in call.args):
        return call, method
    return None


def _chain_end(node: cst.Call, ancestors: Sequence[cst.CSTNode]) -> Optional[Tuple[cst.Attribute, int]]:
    """The first attribute of the chain `node` heads that is not a building method called, with its
    index in `ancestors`; None when the Query is not the receiver of an attribute (kept, returned)."""
    current: cst.CSTNode = node
    index = len(ancestors) - 1
    while index >= 0:
        parent = ancestors[index]
        if not isinstance(parent, cst.Attribute) or parent.value is not current:
            return None
        above = ancestors[index - 1] if index > 0 else None
        if parent.attr.value not in _BUILDERS or not isinstance(above, cst.Call) or above.func is not parent:
            return parent, index
        current, index = above, index - 2
    return None
