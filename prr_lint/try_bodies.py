"""What the `try` statements around a node do with what it raises (model.RAISES, model.CAUGHT_CALL).

A raise in a `try` body whose own handler takes the class (`except UpstreamError as exc:
_log_failure(exc); raise`) leaves the function only after that handler ran: the handler decides how
it leaves (raise_marks.py). A call in a `try` body whose handlers take every exception and raise none
(`except Exception: logger.warning(..., exc_info=True); return False`) lets nothing it raises reach
the caller's caller (project/contained_raises.py).
"""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Sequence

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.handlers import BROAD_EXCEPTIONS, caught_names
from prr_lint.tree import KindOf, descendants

# Asked of every ancestor of many nodes: type look-ups, not isinstance against libcst's ABCs (tree.KindOf).
_IS_TRY = KindOf(cst.Try, cst.TryStar)
_IS_BOUNDARY = KindOf(cst.FunctionDef, cst.Lambda, cst.ClassDef)


def enclosing_try_bodies(ancestors: Sequence[cst.CSTNode]) -> Iterator[cst.BaseCompoundStatement]:
    """The `try` statements whose body holds the node the walker visits (its `ancestors`), innermost
    first, within the function being walked."""
    for at in range(len(ancestors) - 1, -1, -1):
        node = ancestors[at]
        node_type = type(node)
        if _IS_BOUNDARY[node_type]:
            return
        if _IS_TRY[node_type] and at + 1 < len(ancestors) and ancestors[at + 1] is node.body:
            yield node


def catching_handler(ancestors: Sequence[cst.CSTNode], raised: str, resolver: Resolver) -> Optional[cst.ExceptHandler]:
    """The handler of an enclosing `try` that takes a raise of class `raised`: one naming the class, or
    the first handler when it takes every exception (a handler before it may take a base class)."""
    for statement in enclosing_try_bodies(ancestors):
        for position, handler in enumerate(statement.handlers):
            caught = caught_names(handler, resolver)
            if raised in caught or (position == 0 and BROAD_EXCEPTIONS.intersection(caught)):
                return handler
    return None


def swallowed_here(ancestors: Sequence[cst.CSTNode], resolver: Resolver, known: Dict[int, bool]) -> bool:
    """An enclosing `try` takes every exception the node raises and raises none again (`known`: the
    answer per `try` of the file walked, by id, as every call of its body asks)."""
    for statement in enclosing_try_bodies(ancestors):
        if id(statement) not in known:
            known[id(statement)] = _swallows_all(statement, resolver)
        if known[id(statement)]:
            return True
    return False


def _swallows_all(statement: cst.BaseCompoundStatement, resolver: Resolver) -> bool:
    handlers: List[cst.ExceptHandler] = list(statement.handlers)
    broad = any(BROAD_EXCEPTIONS.intersection(caught_names(handler, resolver)) for handler in handlers)
    return broad and not any(isinstance(node, cst.Raise) for handler in handlers for node in descendants(handler.body))
