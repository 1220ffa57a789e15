"""Awaits an asyncio deadline bounds (PRR501, PRR502; project/async_deadline.py follows them to callees).

A coroutine awaited under a deadline cannot hang past it, whatever its own calls pass: on timeout
`asyncio.wait_for` cancels what it waits on, and a timeout scope cancels the await running inside it.
A call is under a deadline when it is

* the awaitable `asyncio.wait_for` waits on: `await asyncio.wait_for(fetch(), 5)`;
* awaited directly in the body of a timeout scope of the same function: `async with asyncio.timeout(5)`
  (or `timeout_at`), `async_timeout.timeout(5)`, anyio's `fail_after`/`move_on_after`, trio's
  `fail_after`/`move_on_after`/`fail_at`/`move_on_at`;
* the coroutine a task is made of, when that task is what `wait_for` waits on: inline
  (`wait_for(asyncio.create_task(fetch()), 5)`) or through a name the function uses for nothing else but
  its attributes (`task = create_task(fetch())`, then `await asyncio.wait_for(task, timeout=...)`). The
  task may be made by `asyncio.create_task`/`ensure_future`, or by a project function the project phase
  finds making one (a helper that also keeps the task in a list).

The deadline must be finite: a timeout of literal `None`, a name bound only to `None`, or a parameter
of the function without a default other than `None` is none. Anything else counts, a value read from
settings or configuration too (`max(1, settings.pay_wait_seconds)`): only a literal None means no
deadline there. Not deadlines: `asyncio.wait(..., timeout=...)` (it returns, leaving the pending tasks
running), anything behind `asyncio.shield`, a coroutine handed to `gather` or a thread (`to_thread`,
`run_in_executor`: the thread runs on), and any call that is not awaited here: a blocking call stalls
the event loop, so no cancellation reaches it.
"""

from __future__ import annotations

from collections import Counter
from typing import Dict, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.model import UNTYPED_CALL
from prr_lint.resolve import Resolver
from prr_lint.tree import SCOPE_NODES, call_argument, children, descendants

AWAITED = ""  # awaited directly, with no deadline of its own here: a deadline over the caller reaches it
UNDER_DEADLINE = "deadline"
# The subject of a PRR501/PRR502 finding whose call is awaited directly in a coroutine, and PRR502's
# condition for one: the project phase drops it when every caller bounds that coroutine (project/async_deadline.py).
AWAITED_CALL = "awaited-in-coroutine"
UNLESS_CALLERS_DEADLINE = "unless-callers-deadline"
WAIT_FOR = frozenset({"asyncio.wait_for", "asyncio.tasks.wait_for"})
# Library calls that make a task of the coroutine they are given.
TASK_MAKERS = frozenset({"asyncio.create_task", "asyncio.tasks.create_task", "asyncio.ensure_future", "asyncio.tasks.ensure_future",
                         "asyncio.TaskGroup.create_task", "asyncio.AbstractEventLoop.create_task", "asyncio.BaseEventLoop.create_task"})
# Timeout scopes -> the parameter that holds their delay or deadline (always the first).
_SCOPES: Dict[str, str] = {
    "asyncio.timeout": "delay", "asyncio.timeouts.timeout": "delay", "asyncio.timeout_at": "when", "asyncio.timeouts.timeout_at": "when",
    "async_timeout.timeout": "timeout", "async_timeout.timeout_at": "deadline",
    "anyio.fail_after": "delay", "anyio.move_on_after": "delay",
    "trio.fail_after": "seconds", "trio.move_on_after": "seconds", "trio.fail_at": "deadline", "trio.move_on_at": "deadline",
}


def callee_key(node: cst.Call, name: Optional[str]) -> Optional[str]:
    """How the module summary names the callee: its resolved name, or `?.method` on a receiver of no known type."""
    if name is not None:
        return None if name.startswith("builtins.") else name
    return UNTYPED_CALL + node.func.attr.value if isinstance(node.func, cst.Attribute) else None


def deadline_subjects(node: cst.Call, ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> Optional[Tuple[str, ...]]:
    """For a finding at `node`: None when a deadline of its own function bounds it (not reported),
    `(AWAITED_CALL,)` when it is awaited with none (its callers' may bound it), else ()."""
    how = call_deadline(node, ancestors, resolver)
    return None if how == UNDER_DEADLINE else (AWAITED_CALL,) if how == AWAITED else ()


def call_deadline(node: cst.Call, ancestors: Sequence[cst.CSTNode], resolver: Resolver, tasks: Optional[Dict[int, Set[str]]] = None) -> Optional[str]:
    """UNDER_DEADLINE, AWAITED, the name of the call that makes a task of it (awaited under `wait_for`;
    a task maker or not, the project phase decides), or None: not awaited here. `tasks` keeps, per
    function of the module, the names of tasks it awaits under `wait_for` (worked out once)."""
    child: cst.CSTNode = node
    at = len(ancestors) - 1
    while at >= 0 and ((isinstance(ancestors[at], cst.Attribute) and ancestors[at].value is child)
                       or (isinstance(ancestors[at], cst.Call) and ancestors[at].func is child)):  # `stub.Watch(request).read()`
        child, at = ancestors[at], at - 1
    parent = ancestors[at] if at >= 0 else None
    if _awaits(parent, child, ancestors[at - 1] if at > 0 else None):
        return UNDER_DEADLINE if _in_timeout_scope(ancestors[:at], resolver) else AWAITED
    outer = ancestors[at - 1] if at > 0 and isinstance(parent, cst.Arg) and parent.keyword is None else None
    if not isinstance(outer, cst.Call) or not outer.args or outer.args[0] is not parent:
        return None
    name = resolver.qualified_name(outer.func)
    if name in WAIT_FOR:
        return UNDER_DEADLINE if finite(call_argument(outer, 1, "timeout"), ancestors, resolver) else None
    if name is None or name.startswith(("builtins.", "asyncio.")) and name not in TASK_MAKERS:
        return None  # `shield`, `gather`, `to_thread`: no task `wait_for` may cancel
    if _task_awaited_under_deadline(outer, ancestors[: at - 1], resolver, {} if tasks is None else tasks):
        return UNDER_DEADLINE if name in TASK_MAKERS else name
    return None


def _awaits(parent: Optional[cst.CSTNode], child: cst.CSTNode, grandparent: Optional[cst.CSTNode]) -> bool:
    """`await child`, `async with child`, `async for ... in child`."""
    if isinstance(parent, cst.Await):
        return True
    if isinstance(parent, cst.WithItem) and parent.item is child:
        return isinstance(grandparent, cst.With) and grandparent.asynchronous is not None
    return isinstance(parent, cst.For) and parent.iter is child and parent.asynchronous is not None


def _in_timeout_scope(ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """Some `with` of the same function holds a finite timeout scope and the node in its body."""
    for at in range(len(ancestors) - 1, -1, -1):
        block = ancestors[at]
        if isinstance(block, SCOPE_NODES):
            return False
        if isinstance(block, cst.With) and at + 1 < len(ancestors) and ancestors[at + 1] is block.body:
            for item in block.items:
                call = item.item
                keyword = _SCOPES.get(resolver.qualified_name(call.func) or "") if isinstance(call, cst.Call) else None
                if keyword is not None and finite(call_argument(call, 0, keyword), ancestors[:at], resolver):
                    return True
    return False


def _task_awaited_under_deadline(maker: cst.Call, ancestors: Sequence[cst.CSTNode], resolver: Resolver, tasks: Dict[int, Set[str]]) -> bool:
    """The task `maker` returns is what a finite `wait_for` waits on: inline, or through a local name the
    function binds once and uses only so (and for the task's attributes). `tasks` keeps those names per function."""
    parent = ancestors[-1] if ancestors else None
    if isinstance(parent, cst.Arg):
        outer = ancestors[-2] if len(ancestors) > 1 else None
        return _waits_for(outer, parent, ancestors[:-1], resolver)
    if not (isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name)):
        return False
    at = next((at for at in range(len(ancestors) - 1, -1, -1) if isinstance(ancestors[at], SCOPE_NODES)), -1)
    function = ancestors[at] if at >= 0 else None
    if not isinstance(function, cst.FunctionDef):
        return False
    if id(function) not in tasks:
        tasks[id(function)] = _waited_names(function, ancestors[: at + 1], resolver)
    return parent.targets[0].target.value in tasks[id(function)]


def _waited_names(function: cst.FunctionDef, ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> Set[str]:
    """The local names a finite `wait_for` of the function waits on, bound once and used for nothing else
    but their attributes (not handed on, awaited bare, shielded)."""
    waited = {id(call.args[0]): call.args[0].value.value for call in descendants(function.body)
              if isinstance(call, cst.Call) and call.args and isinstance(call.args[0].value, cst.Name)
              and _waits_for(call, call.args[0], ancestors, resolver)}
    if not waited:
        return set()
    names, bound, spoilt = set(waited.values()), Counter(), set()
    for holder in descendants(function.body):
        for child in children(holder):
            if not isinstance(child, cst.Name) or child.value not in names:
                continue
            if isinstance(holder, cst.AssignTarget):
                bound[child.value] += 1
            elif id(holder) not in waited and not (isinstance(holder, cst.Attribute) and holder.value is child):
                spoilt.add(child.value)
    return {name for name in names if bound[name] == 1 and name not in spoilt}


def _waits_for(call: Optional[cst.CSTNode], first: cst.Arg, ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """`call` is a finite `wait_for` whose awaitable is `first`."""
    return (isinstance(call, cst.Call) and bool(call.args) and call.args[0] is first and first.keyword is None
            and resolver.qualified_name(call.func) in WAIT_FOR and finite(call_argument(call, 1, "timeout"), ancestors, resolver))


def finite(value: Optional[cst.BaseExpression], ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> bool:
    """A deadline given, and not None (see the module doc); gevent waits use it too (green_deadlines.py)."""
    if value is None or (isinstance(value, cst.Name) and value.value == "None"):
        return False
    if not isinstance(value, cst.Name):
        return True
    function = next((node for node in reversed(ancestors) if isinstance(node, cst.FunctionDef)), None)
    params = function.params if function is not None else None
    for param in (*params.posonly_params, *params.params, *params.kwonly_params) if params is not None else ():
        if param.name.value == value.value:
            return param.default is not None and not (isinstance(param.default, cst.Name) and param.default.value == "None")
    bindings = resolver.lookup(value.value) or []
    return not bindings or not all(binding.kind == "value" and isinstance(binding.value, cst.Name) and binding.value.value == "None"
                                   for binding in bindings)
