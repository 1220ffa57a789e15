"""Answers of a recursive walk over one module's bindings, remembered for as long as its resolver lives.

A walk that follows every binding of a name to the bindings of the names it is bound to, hop after hop, branches at
each hop: a generated parser binds `self._offset` hundreds of times, to itself and to names bound to it, and such a
walk six hops deep never ends (PRR004 at the file-timeout). Remembered per (arguments), it visits each node once per
hop count, and its answers stay exactly those of the unremembered walk.
"""

from __future__ import annotations

from functools import wraps
from typing import Any, Callable, Dict, Tuple, TypeVar
from weakref import WeakKeyDictionary

Walk = TypeVar("Walk", bound=Callable[..., Any])
_PLAIN = (str, int, bool, type(None))


def remembered(walk: Walk) -> Walk:
    """`walk(first, resolver, *rest)` remembered per resolver, keyed by the identity of node and scope arguments and
    the value of plain ones; each entry keeps its arguments alive, so no id is reused while it is remembered."""
    answers: "WeakKeyDictionary[Any, Dict[Tuple[Any, ...], Tuple[Tuple[Any, ...], Any]]]" = WeakKeyDictionary()

    @wraps(walk)
    def remembering(first: Any, resolver: Any, *rest: Any) -> Any:
        memo = answers.get(resolver)
        if memo is None:
            memo = answers[resolver] = {}
        arguments = (first, *rest)
        key = tuple(value if isinstance(value, _PLAIN) else id(value) for value in arguments)
        found = memo.get(key)
        if found is None:
            found = memo[key] = (arguments, walk(first, resolver, *rest))
        return found[1]

    return remembering  # type: ignore[return-value]
