"""Calls whose coroutine may be dropped, as the summary records them for the project phase.

Calling a coroutine function only builds a coroutine object; its body runs when something awaits
it or hands it to an event loop (`asyncio.run`, `create_task`, `run_until_complete`, `gather`). A
call whose value is a statement of its own (`warm_cache(key)` in a Flask view) drops the object:
the body never runs (Python warns "coroutine ... was never awaited"). One stored as it is under an
attribute or a global (`crud.conn = crud.connect()` in a start-up hook) runs only if some code awaits,
drives or hands on what that name holds. Whether the callee is a coroutine function, and whether any
module runs what is stored, is known only once every module is indexed (project/unawaited.py).
"""

from __future__ import annotations

from typing import Optional, Sequence, Tuple

import libcst as cst

from prr_lint.resolve import Resolver

# A coroutine's own methods that run its body (`pending.send(None)`); `close()` runs none of it.
DRIVERS = frozenset({"send", "throw", "__await__"})


def unawaited_call(node: cst.Expr, resolver: Resolver) -> Tuple[str, ...]:
    """The callee of a call that is the whole statement (`notify(x)`, not `await notify(x)`), by the
    name the summary records it under among the function's calls; () for anything else."""
    return _callee(node.value, resolver)


def stored_call(targets: Sequence[cst.BaseExpression], value: Optional[cst.BaseExpression],
                resolver: Resolver) -> Tuple[Tuple[str, str], ...]:
    """(callee, stored name) of a call whose value one assignment target keeps as it is: an attribute
    (`self.pending = refresh()`) or a global (at module or class level, or declared `global`), by the
    target's last identifier. A function's local (`pending = refresh(); await pending`) is followed by
    no one here: it stays a call that may run. () for anything else."""
    if len(targets) != 1 or type(value) is not cst.Call:
        return ()
    target = targets[0]
    if type(target) is cst.Attribute:
        word = target.attr.value
    elif type(target) is cst.Name and (resolver.scope.kind != "function" or target.value in resolver.scope.global_names):
        word = target.value
    else:
        return ()
    return tuple((callee, word) for callee in _callee(value, resolver))


def driven(node: cst.Call) -> Optional[cst.BaseExpression]:
    """What a call of a coroutine's own running method drives (`pending` of `pending.send(None)`), or None."""
    func = node.func
    return func.value if type(func) is cst.Attribute and func.attr.value in DRIVERS else None


def _callee(value: cst.BaseExpression, resolver: Resolver) -> Tuple[str, ...]:
    if type(value) is not cst.Call:
        return ()
    name = resolver.qualified_name(value.func)
    return (name,) if name is not None and not name.startswith("builtins.") else ()
