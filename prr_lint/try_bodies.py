"""What the `try` statements around a node do with what it raises (model.RAISES, model.CAUGHT_CALL).

A raise in a `try` body whose own handler takes the class (`except UpstreamError as exc:
_log_failure(exc); raise`) leaves the function only after that handler ran: the handler decides how
it leaves (raise_marks.py). A call in a `try` body whose handlers take every exception and raise none
(`except Exception: logger.warning(..., exc_info=True); return False`) lets nothing it raises reach
the caller's caller (project/contained_raises.py).
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.handlers import BROAD_EXCEPTIONS, caught_names
from prr_lint.tree import KindOf, descendants

# Asked of every ancestor of many nodes: type look-ups, not isinstance against libcst's ABCs (tree.KindOf).
_IS_TRY = KindOf(cst.Try, cst.TryStar)
_IS_BOUNDARY = KindOf(cst.FunctionDef, cst.Lambda, cst.ClassDef)
Tries = Tuple[cst.BaseCompoundStatement, ...]


def enclosing_try_bodies(ancestors: Sequence[cst.CSTNode], above: Optional[Dict[int, Tries]] = None) -> Tries:
    """The `try` statements whose body holds the node the walker visits (its `ancestors`), innermost
    first, within the function being walked. `above` (per file walked): for each ancestor by id, the
    ones above it, which its own path decides. Each node's walk up stops at one already answered: an
    `elif` is an `if` in the one before, so every call in a long chain has thousands of ancestors."""
    known = {} if above is None else above
    start = len(ancestors) - 1
    while start > 0 and id(ancestors[start]) not in known:
        start -= 1
    tries = known.get(id(ancestors[start]), ()) if ancestors else ()
    for at in range(start + 1, len(ancestors)):
        node = ancestors[at - 1]
        node_type = type(node)
        if _IS_BOUNDARY[node_type]:
            tries = ()
        elif _IS_TRY[node_type] and ancestors[at] is node.body:
            tries = (node, *tries)
        known[id(ancestors[at])] = tries
    return () if ancestors and _IS_BOUNDARY[type(ancestors[-1])] else tries


def catching_handler(ancestors: Sequence[cst.CSTNode], raised: str, resolver: Resolver) -> Optional[cst.ExceptHandler]:
    """The handler of an enclosing `try` that takes a raise of class `raised`: one naming the class, or
    the first handler when it takes every exception (a handler before it may take a base class)."""
    for statement in enclosing_try_bodies(ancestors):
        for position, handler in enumerate(statement.handlers):
            caught = caught_names(handler, resolver)
            if raised in caught or (position == 0 and BROAD_EXCEPTIONS.intersection(caught)):
                return handler
    return None


def swallowed_here(ancestors: Sequence[cst.CSTNode], resolver: Resolver, known: Dict[int, bool],
                   above: Dict[int, Tries]) -> bool:
    """An enclosing `try` takes every exception the node raises and raises none again (`known`: the
    answer per `try` of the file walked, by id, as every call of its body asks; `above` as for
    enclosing_try_bodies)."""
    for statement in enclosing_try_bodies(ancestors, above):
        if id(statement) not in known:
            known[id(statement)] = _swallows_all(statement, resolver)
        if known[id(statement)]:
            return True
    return False


def _swallows_all(statement: cst.BaseCompoundStatement, resolver: Resolver) -> bool:
    handlers: List[cst.ExceptHandler] = list(statement.handlers)
    broad = any(BROAD_EXCEPTIONS.intersection(caught_names(handler, resolver)) for handler in handlers)
    return broad and not any(isinstance(node, cst.Raise) for handler in handlers for node in descendants(handler.body))
