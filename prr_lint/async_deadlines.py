"""Awaits an asyncio deadline bounds (PRR501, PRR502; project/async_deadline.py follows them to callees).

A coroutine awaited under a deadline cannot hang past it, whatever its own calls pass: on timeout
`asyncio.wait_for` cancels what it waits on, and a timeout scope cancels the await running inside it.
A call is under a deadline when it is

* the awaitable `asyncio.wait_for` waits on: `await asyncio.wait_for(fetch(), 5)`;
* awaited directly in the body of a timeout scope of the same function: `async with asyncio.timeout(5)`
  (or `timeout_at`), `async_timeout.timeout(5)`, anyio's `fail_after`/`move_on_after`, trio's
  `fail_after`/`move_on_after`/`fail_at`/`move_on_at`;
* gathered by an `asyncio.gather` that is itself under a deadline (cancelling the gather cancels all it
  gathers, whatever `return_exceptions`): an argument of it, an element of a list or comprehension spread
  into it (`gather(*[probe(r) for r in ranks])`), or held in a local name spread into it
  (`coros = [probe(r) for r in ranks]`, or `coros.append(probe(r))`; then, in the block,
  `await asyncio.gather(*coros)`). What is gathered is waited on only there, so where the list is made does not matter;
* the coroutine a task is made of, when that task is what a deadline waits on: `wait_for` or an await in a
  timeout scope, inline (`wait_for(asyncio.create_task(fetch()), 5)`) or through a local name
  (`task = create_task(fetch())`, then `await asyncio.wait_for(task, timeout=...)` or `await task` in the
  block). The task may be made by `asyncio.create_task`/`ensure_future`, or by a project function the
  project phase finds making one (a helper that also keeps the task in a list). A task that escapes the
  deadline (stored, returned, awaited after the block) is not bounded.

A local name counts where each use that may see its binding (`Locals.uses`: the later ones up to a binding
sure to run after it, and earlier ones in a loop around it) goes into such a wait or reads an attribute
(`task.cancel()`); a use of any other kind, or a call of the name, leaves the value unbounded. The same
name may be bound again for other work (a list of launches gathered with no deadline, then the probes).
An await without a deadline of its own (AWAITED) is bounded by whatever bounds its coroutine: gathered
awaits count so too.

The deadline must be finite: a timeout of literal `None`, a name bound only to `None`, or a parameter
of the function without a default other than `None` is none. Anything else counts, a value read from
settings or configuration too (`max(1, settings.pay_wait_seconds)`), a module or class constant, an
attribute: only a literal None means no deadline there. Any finite number counts, however long: unlike a
job runner's limit, which PRR501 takes only up to `deadline_values.MAX_SECONDS`, a timeout the code
puts around its own await is the deadline it chose (a five-minute launch wait is one). Not deadlines:
`asyncio.wait(..., timeout=...)` (it returns, leaving the pending tasks running), anything behind
`asyncio.shield`, a coroutine handed to a thread (`to_thread`, `run_in_executor`: the thread runs on),
and any call that is not awaited here: a blocking call stalls the event loop, so no cancellation reaches it.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

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
# Cancelling a gather cancels every awaitable it gathers (whatever `return_exceptions`).
GATHER = frozenset({"asyncio.gather", "asyncio.tasks.gather"})
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


def call_deadline(node: cst.Call, ancestors: Sequence[cst.CSTNode], resolver: Resolver, known: Optional[Dict[int, "Locals"]] = None,
                  gathers: bool = True) -> Optional[str]:
    """UNDER_DEADLINE, AWAITED, the name of the call that makes a task of it (awaited under a deadline;
    a task maker or not, the project phase decides), or None: not awaited here. `known` keeps, per
    function of the module, its local names and how each is waited on (worked out once); a module
    whose text never says `gather` has no collection to follow (`gathers` False)."""
    return _waited(node, ancestors, _Waits(resolver, {} if known is None else known, gathers), True)


class _Waits:
    """What one question about a call reads: the resolver and the module's functions' local names."""

    def __init__(self, resolver: Resolver, known: Dict[int, "Locals"], gathers: bool) -> None:
        self.resolver = resolver
        self.known = known
        self.gathers = gathers


def _waited(node: cst.CSTNode, ancestors: Sequence[cst.CSTNode], waits: _Waits, first: bool = False) -> Optional[str]:
    """How the awaitable `node` evaluates to is waited on (call_deadline): followed through `gather`, the
    collections and local names that carry it there, and the task made of it. The `first` call asked about
    is not followed through a name it is bound to (a call's result is seldom awaited later)."""
    child: cst.CSTNode = node
    at = len(ancestors) - 1
    while at >= 0 and ((isinstance(ancestors[at], cst.Attribute) and ancestors[at].value is child)
                       or (isinstance(ancestors[at], cst.Call) and ancestors[at].func is child)):  # `stub.Watch(request).read()`
        child, at = ancestors[at], at - 1
    parent = ancestors[at] if at >= 0 else None
    if _awaits(parent, child, ancestors[at - 1] if at > 0 else None):
        return UNDER_DEADLINE if _in_timeout_scope(ancestors[:at], waits.resolver) else AWAITED
    if isinstance(parent, cst.Element) and at > 0 and isinstance(ancestors[at - 1], (cst.List, cst.Tuple)):
        return _gathered(ancestors[:at], waits)  # `gather(*[fetch(a), fetch(b)])`
    if isinstance(parent, (cst.ListComp, cst.GeneratorExp)) and parent.elt is child:
        return _gathered(ancestors[: at + 1], waits)  # `coros = [fetch(a) for a in hosts]`
    if _binds_name(parent, child) and not first:
        return _named(parent, parent.targets[0].target.value, ancestors[:at + 1], waits, False)  # `task = create_task(fetch())`
    outer = ancestors[at - 1] if at > 0 and isinstance(parent, cst.Arg) and parent.keyword is None else None
    if not isinstance(outer, cst.Call):
        return None
    name = waits.resolver.qualified_name(outer.func)
    if name in GATHER and not parent.star:
        return _waited(outer, ancestors[: at - 1], waits)  # cancelling the gather cancels what it gathers
    if not outer.args or outer.args[0] is not parent or parent.star:
        return None
    if name in WAIT_FOR:
        return UNDER_DEADLINE if finite(call_argument(outer, 1, "timeout"), ancestors, waits.resolver) else None
    func = outer.func
    if isinstance(func, cst.Attribute) and func.attr.value == "append" and isinstance(func.value, cst.Name) and waits.gathers:
        return _named(func.value, func.value.value, ancestors[: at - 1], waits, True)  # `coros.append(fetch(a))`
    if name is None or name.startswith(("builtins.", "asyncio.")) and name not in TASK_MAKERS:
        return None  # `shield`, `to_thread`: no task a deadline may cancel
    if _waited(outer, ancestors[: at - 1], waits) == UNDER_DEADLINE:  # the task only a deadline waits on
        return UNDER_DEADLINE if name in TASK_MAKERS else name
    return None


def _binds_name(parent: Optional[cst.CSTNode], child: cst.CSTNode) -> bool:
    """`name = child`."""
    return (isinstance(parent, cst.Assign) and parent.value is child and len(parent.targets) == 1
            and isinstance(parent.targets[0].target, cst.Name))


def _gathered(ancestors: Sequence[cst.CSTNode], waits: _Waits) -> Optional[str]:
    """How the coroutines of the collection `ancestors[-1]` are waited on: spread into a gather
    (`gather(*coros)`), directly or through the local name it is bound to."""
    collection, parent = ancestors[-1], ancestors[-2] if len(ancestors) > 1 else None
    if not waits.gathers:
        return None
    if _binds_name(parent, collection):
        return _named(parent, parent.targets[0].target.value, ancestors[:-1], waits, True)
    if isinstance(parent, cst.Arg) and parent.star == "*" and len(ancestors) > 2 and isinstance(ancestors[-3], cst.Call) \
            and waits.resolver.qualified_name(ancestors[-3].func) in GATHER:
        return _waited(ancestors[-3], ancestors[:-3], waits)
    return None


class Locals:
    """One function's local names bound by `name = value`, each binding (the `Assign`) and each other place
    that names it, in source order with the path down to it (nested definitions not entered), and how each
    binding's value is waited on, worked out once."""

    def __init__(self, function: cst.FunctionDef, ancestors: Sequence[cst.CSTNode]) -> None:
        assigned, handed = set(), set()
        for node in descendants(function.body):
            if isinstance(node, cst.Assign):
                assigned.update(target.target.value for target in node.targets if isinstance(target.target, cst.Name))
            elif isinstance(node, (cst.Arg, cst.Await)) and isinstance(node.value if isinstance(node, cst.Arg) else node.expression, cst.Name):
                handed.add(node.value.value if isinstance(node, cst.Arg) else node.expression.value)
        self.names = assigned & handed  # only a name handed to a call or awaited may be waited on
        self.waited: Dict[int, Optional[str]] = {}
        self._function, self._ancestors = function, ancestors
        self._events: Optional[Dict[str, List[Tuple[cst.CSTNode, Tuple[cst.CSTNode, ...]]]]] = None

    def events(self, name: str) -> List[Tuple[cst.CSTNode, Tuple[cst.CSTNode, ...]]]:
        """The bindings and uses of `name` (one walk of the function, made when first asked)."""
        if name not in self.names:
            return []
        if self._events is None:
            self._events = self._walk()
        return self._events.get(name, [])

    def _walk(self) -> Dict[str, List[Tuple[cst.CSTNode, Tuple[cst.CSTNode, ...]]]]:
        names, events = self.names, {}
        path: List[cst.CSTNode] = [*self._ancestors, self._function.body]
        stack = [(child, len(path)) for child in reversed(children(self._function.body))]
        while stack:
            node, depth = stack.pop()
            del path[depth:]
            parent = path[-1]
            if isinstance(node, cst.Name):
                if node.value not in names or (isinstance(parent, cst.Attribute) and parent.attr is node) \
                        or (isinstance(parent, cst.Arg) and parent.keyword is node):
                    continue
                binds = isinstance(parent, cst.AssignTarget)
                events.setdefault(node.value, []).append((path[-2], tuple(path[:-2])) if binds else (node, tuple(path)))
            elif not isinstance(node, SCOPE_NODES):
                path.append(node)
                stack.extend((child, depth + 1) for child in reversed(children(node)))
        return events

    def binding(self, name: str, anchor: cst.CSTNode) -> int:
        """Where among the events of `name` is the binding the `Assign` `anchor` makes, or the one the use `anchor`
        sees last in source order (-1: none before it)."""
        events = self.events(name)
        at = next((at for at, (node, _) in enumerate(events) if node is anchor), -1)
        while at >= 0 and not isinstance(events[at][0], cst.Assign):
            at -= 1
        return at

    def uses(self, name: str, at: int) -> List[Tuple[cst.CSTNode, Tuple[cst.CSTNode, ...]]]:
        """The uses that may see the binding `at`: those after it up to a binding sure to run after it (one in a
        block around it), and those before it in a loop around it."""
        events = self.events(name)
        path = events[at][1]
        found = [event for event in events[:at] if not isinstance(event[0], cst.Assign)
                 and any(isinstance(node, (cst.For, cst.While)) and any(step is node for step in event[1]) for node in path)]
        for node, steps in events[at + 1:]:
            if isinstance(node, cst.Assign):
                block = next((step for step in reversed(steps) if isinstance(step, (cst.IndentedBlock, cst.SimpleStatementSuite))), None)
                if any(step is block for step in path):
                    break
            else:
                found.append((node, steps))
        return found


def _named(anchor: cst.CSTNode, name: str, ancestors: Sequence[cst.CSTNode], waits: _Waits, many: bool) -> Optional[str]:
    """How the value the local `name` holds at `anchor` (its `Assign`, or a use of it) is waited on: a collection
    of awaitables when `many`, else one; each use that may see that binding is through its attributes
    (`task.cancel()`, `coros.append(...)`) or waited on, the collection only spread into a gather; the weakest of
    those ways, or None. `ancestors` lead to `anchor`."""
    at = next((at for at in range(len(ancestors) - 1, -1, -1) if isinstance(ancestors[at], SCOPE_NODES)), -1)
    function = ancestors[at] if at >= 0 else None
    if not isinstance(function, cst.FunctionDef):
        return None
    local = waits.known.get(id(function))
    if local is None:
        local = waits.known[id(function)] = Locals(function, ancestors[:at + 1])
    bound = local.binding(name, anchor)
    binding = local.events(name)[bound][0] if bound >= 0 else None
    if not isinstance(binding, cst.Assign) or isinstance(binding.value, (cst.List, cst.Tuple, cst.ListComp, cst.GeneratorExp)) != many:
        return None
    if id(binding) not in local.waited:
        local.waited[id(binding)] = None  # while it is worked out: a value waited on through itself is not
        found = set()
        for use, path in local.uses(name, bound):
            parent = path[-1]
            if isinstance(parent, cst.Attribute) and parent.value is use:
                continue
            if (isinstance(parent, cst.Call) and parent.func is use) or (many and not (
                    isinstance(parent, cst.Arg) and parent.star == "*" and isinstance(path[-2], cst.Call)
                    and waits.resolver.qualified_name(path[-2].func) in GATHER)):
                found.add(None)  # called (what it returns is another value), or a collection put to other use
                break
            found.add(_waited(path[-2], path[:-2], waits) if many else _waited(use, path, waits))
        local.waited[id(binding)] = (None if not found or None in found else UNDER_DEADLINE if found == {UNDER_DEADLINE}
                                     else AWAITED if found <= {UNDER_DEADLINE, AWAITED} else found.pop() if len(found) == 1 else None)
    return local.waited[id(binding)]


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
