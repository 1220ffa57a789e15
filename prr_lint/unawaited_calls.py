"""Calls made as statements without `await`, as the summary records them for the project phase.

Calling a coroutine function only builds a coroutine object; its body runs when something awaits
it or hands it to an event loop (`asyncio.run`, `create_task`, `run_until_complete`, `gather`). A
call whose value is a statement of its own (`warm_cache(key)` in a Flask view) drops the object:
the body never runs (Python warns "coroutine ... was never awaited"). Whether the callee is a
coroutine function is known only once every module is indexed (project/unawaited.py).
"""

from __future__ import annotations

from typing import Tuple

import libcst as cst

from prr_lint.resolve import Resolver


def unawaited_call(node: cst.Expr, resolver: Resolver) -> Tuple[str, ...]:
    """The callee of a call that is the whole statement (`notify(x)`, not `await notify(x)`), by the
    name the summary records it under among the function's calls; () for anything else."""
    value = node.value
    if type(value) is not cst.Call:
        return ()
    name = resolver.qualified_name(value.func)
    return (name,) if name is not None and not name.startswith("builtins.") else ()
