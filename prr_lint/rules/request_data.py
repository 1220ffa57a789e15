"""Where a collection comes from, for PRR507's fan-out check: the request, a handler's parameter, a
database query, or something of fixed size.

Only positive evidence counts: a collection read from the request object (`request.json`,
`await request.json()`, `request.args.getlist(...)`, `request.data`, `request.POST` ...), from a
parameter of the enclosing function, or from a query that returns every matching row
(`.fetchall()`, asyncpg `fetch("SELECT ...")`, Django `objects.all()/filter(...)`, SQLAlchemy
`query(...).all()`). A slice with an upper bound or a `.limit(...)` makes it bounded; literals,
`range(...)`, loop variables (a chunk) and attributes of `self` are not request-sized.
"""

from __future__ import annotations

import re
from typing import Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver

REQUEST_OBJECTS = frozenset({"flask.request", "quart.request", "werkzeug.local.request"})
_REQUEST_PARAMS = frozenset({"request", "req"})
_REQUEST_DATA = frozenset(
    {"json", "get_json", "data", "form", "args", "values", "files", "GET", "POST", "FILES", "query_params",
     "body", "query", "media", "get_media", "json_body", "match_info", "post", "query_string"}
)
_WRAPPERS = frozenset({"builtins.list", "builtins.set", "builtins.tuple", "builtins.sorted", "builtins.enumerate",
                       "builtins.reversed", "builtins.frozenset", "builtins.dict"})
_DJANGO_QUERIES = frozenset({"all", "filter", "exclude", "values", "values_list", "order_by", "select_related",
                             "prefetch_related", "distinct"})
_SELECT = re.compile(r"\bselect\b", re.IGNORECASE)
_MAX_HOPS = 4
# (kind, what): kind is "request", "param" or "query"; `what` is how the collection is shown.
Origin = Tuple[str, str]


def origin(resolver: Resolver, expr: cst.BaseExpression, hops: int = 0) -> Optional[Origin]:
    """Where the collection `expr` (in the current scope) comes from, when it is request-sized."""
    text = resolver.module.code_for_node(expr)
    node = expr
    query = False
    first_attribute: Optional[str] = None
    while True:
        if isinstance(node, cst.Await):
            node = node.expression
        elif isinstance(node, cst.Subscript):
            if any(_bounded_slice(element.slice) for element in node.slice):
                return None
            node = node.value
        elif isinstance(node, cst.Attribute):
            first_attribute = node.attr.value
            node = node.value
        elif isinstance(node, cst.Call):
            callee = resolver.qualified_name(node.func)
            if callee in _WRAPPERS and node.args:
                node = node.args[0].value
                continue
            if not isinstance(node.func, cst.Attribute):
                return None
            method = node.func.attr.value
            if method == "limit":
                return None
            query = query or _is_query(resolver, node, method, text)
            node = node.func
        else:
            break
    if query:
        return ("query", text)
    if not isinstance(node, cst.Name):
        return None
    name = node.value
    if resolver.qualified_name(node) in REQUEST_OBJECTS:
        return ("request", text) if first_attribute in _REQUEST_DATA else None
    bindings = resolver.lookup(name)
    if not bindings:
        return None
    binding = bindings[-1]
    function = resolver.enclosing_function
    if binding.kind == "param" and binding.scope is function and function is not None:
        if name in ("self", "cls") or name == function.self_name:
            return None
        if name in _REQUEST_PARAMS:
            return ("request", text) if first_attribute in _REQUEST_DATA else None
        return ("param", name if node is expr else text)
    if binding.kind in ("value", "alias") and binding.value is not None and binding.scope is function and hops < _MAX_HOPS:
        found = origin(resolver, binding.value, hops + 1)
        if found is not None:
            return found[0], text if found[0] != "param" else found[1]
    return None


def _bounded_slice(element: cst.BaseSlice) -> bool:
    return isinstance(element, cst.Slice) and element.upper is not None


def _is_query(resolver: Resolver, call: cst.Call, method: str, text: str) -> bool:
    """A call that returns every row a query matches."""
    if method == "fetchall":
        return True
    if method == "fetch" and call.args:
        first = call.args[0].value
        return isinstance(first, cst.SimpleString) and bool(_SELECT.search(first.value))
    if method in _DJANGO_QUERIES and ".objects." in text:
        return True
    return method == "all" and any(word in text for word in (".query(", ".scalars(", ".execute("))
