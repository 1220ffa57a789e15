"""Where a raise goes in its function: the handler of an enclosing `try` that surely takes it, and what may run on
the way there (PRR303's degrading wait, rules/degrading_waits.py).

try_bodies.py answers the same walk for raise marks by qualified class names, through rules/handlers.py; this one sits
below the rules (a rule imports it), and the rule says what a handler takes: YES, NO or MAYBE. A `with` on the way
(its `__exit__` may swap or swallow the error) and an `except*` (a group splits the error) end the reading.
"""

from __future__ import annotations

from typing import Callable, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.tree import KindOf

_IS_TRY = KindOf(cst.Try)
_IS_GIVE_UP = KindOf(cst.With, cst.TryStar)
_IS_BOUNDARY = KindOf(cst.FunctionDef, cst.Lambda, cst.ClassDef)
# What a handler does with a raise of a class (escape_route's `catches`): surely takes it, surely not, may.
YES, NO, MAYBE = "yes", "no", "maybe"


def escape_route(ancestors: Sequence[cst.CSTNode], catches: Callable[[cst.ExceptHandler], str]) -> Optional[Tuple[cst.CSTNode, ...]]:
    """Walking out of the function from the node that ends `ancestors` (its ancestors, outermost first, then itself):
    every block that may run on the way to the first handler of a `try` whose body holds it that `catches` answers YES
    for: the `finally` blocks of the `try` statements it passes (that one's too), the handlers before it that may take
    the raise (MAYBE; NO ones are passed), and, last, that handler. None when no handler in the function surely takes
    the raise, or a `with` or `except*` is on the way."""
    runs: List[cst.CSTNode] = []
    for at in range(len(ancestors) - 2, -1, -1):
        node, below = ancestors[at], ancestors[at + 1]
        kind = type(node)
        if _IS_BOUNDARY[kind] or _IS_GIVE_UP[kind]:
            return None
        if not _IS_TRY[kind]:
            continue
        if node.finalbody is not None:
            runs.append(node.finalbody)
        if below is not node.body:
            continue  # raised in a handler, the `else` or the `finally`: this try's handlers do not take it
        for handler in node.handlers:
            verdict = catches(handler)
            if verdict != NO:
                runs.append(handler)
            if verdict == YES:
                return tuple(runs)
    return None
