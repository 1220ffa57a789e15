"""A urllib3 `Retry` whose backoff is set after it is built (PRR504).

`adapter = HTTPAdapter(max_retries=Retry(retries))`, then, before each request,
`adapter.max_retries.backoff_factor = random.random() * max_backoff`: the policy pauses between
attempts (a jittered factor, here) although its constructor names no `backoff_factor`. The object is
followed from the constructor to where it is kept (a name, or an adapter's `max_retries`) and the
enclosing function (or module) is searched for an assignment to that holder's `backoff_factor`.
Also the classes a tenacity retry condition names (`retry=retry_if_exception_type(...)`).
"""

from __future__ import annotations

from typing import List, Optional, Sequence

import libcst as cst

import prr_lint.rules.clients as cl
from prr_lint.resolve import Resolver
from prr_lint.tree import descendants, dotted_name

_ADAPTER_KEYWORD = "max_retries"
_RETRY_ON_TYPE = frozenset({"tenacity.retry_if_exception_type", "tenacity.retry.retry_if_exception_type"})


def _holder(call: cst.Call, ancestors: Sequence[cst.CSTNode]) -> Optional[str]:
    """Where the object `call` builds is kept, as written: `retry`, `self.retry`, `adapter.max_retries`."""
    chain = [*ancestors, call]
    suffix = ""
    position = len(chain) - 1
    parent = chain[position - 1] if position > 0 else None
    if isinstance(parent, cst.Arg) and parent.keyword is not None and parent.keyword.value == _ADAPTER_KEYWORD:
        suffix, position = f".{_ADAPTER_KEYWORD}", position - 2  # the adapter's call
        parent = chain[position - 1] if position > 0 else None
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and parent.value is chain[position]:
        target = dotted_name(parent.targets[0].target)
        return target + suffix if target is not None else None
    return None


def backoff_set_later(call: cst.Call, ancestors: Sequence[cst.CSTNode], scope: cst.CSTNode) -> bool:
    """Code in `scope` assigns a `backoff_factor` other than 0 on the object `call` builds (see the
    module doc)."""
    holder = _holder(call, ancestors)
    if holder is None:
        return False
    wanted = f"{holder}.backoff_factor"
    return any(isinstance(node, cst.Assign) and not _zero(node.value)
               and any(dotted_name(target.target) == wanted for target in node.targets) for node in descendants(scope))


def _zero(value: cst.BaseExpression) -> bool:
    return isinstance(value, (cst.Integer, cst.Float)) and value.evaluated_value == 0


def retried_classes(call: cst.Call, resolver: Resolver) -> List[Optional[cst.BaseExpression]]:
    """The classes of a tenacity call's `retry=retry_if_exception_type(...)`, else none."""
    arg = cl.keyword(call, "retry")
    condition = arg.value if arg is not None else None
    if not isinstance(condition, cst.Call) or resolver.qualified_name(condition.func) not in _RETRY_ON_TYPE:
        return []
    args = cl.positional(condition)
    value = args[0].value if args else None
    return [element.value for element in value.elements] if isinstance(value, cst.Tuple) else [value]
