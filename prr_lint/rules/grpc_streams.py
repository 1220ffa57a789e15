"""PRR502: gRPC calls the code keeps open on purpose, judged by how their caller consumes them.

A streaming subscription (`for event in stub.Watch(request)`, `next(stream)` in a producer loop) and
a long-poll that a background generator re-issues as soon as it answers are meant to stay open until
something happens: a per-call deadline would only cut them, and keepalive or idle timeouts guard the
transport. A stream read until it yields the one answer a request waits for (a `return` inside the
loop), or collected into a response (a comprehension, `list(...)`), is a bounded call and stays
reported. Only a stream can be iterated or read with `next()`, so the consumption itself shows the
method's kind; the generated stub is often not in the project (a protos package, protos generated
at build time).
"""

from __future__ import annotations

from typing import Iterator, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.rules.retry_loops import forever, in_own_loop
from prr_lint.tree import SCOPE_NODES, children, dotted_name

OPEN = "open"  # kept open: iterated or read item by item for as long as it runs
HANDED = "handed"  # returned to the caller, which decides how it is consumed
BOUNDED = "bounded"  # read until one answer, or collected into one
_COLLECTORS = frozenset({"list", "tuple", "sorted", "set", "dict"})
_READS = frozenset({"next", "anext"})
# Calls that pace a loop: a loop that pauses between calls polls; one without lets the call wait.
_PAUSES = ("sleep", "wait", "wait_for")
# Locals followed from the call (`responses = stub.Feed(r)`, `stream = iter(responses)`), at most.
_MAX_HOPS = 2
Ancestry = Tuple[cst.CSTNode, ...]


def consumption(call: cst.Call, ancestors: Sequence[cst.CSTNode]) -> Optional[str]:
    """OPEN, HANDED or None (bounded, or not known) for a stub call, from its ancestors (the file's first)."""
    function = next((node for node in reversed(ancestors) if isinstance(node, cst.FunctionDef)), None)
    use = _use(call, tuple(ancestors), function)
    return None if use == BOUNDED else use


def long_poll(call: cst.Call, ancestors: Sequence[cst.CSTNode]) -> bool:
    """A call a generator re-issues for ever, yielding each answer, with no pause between calls
    (`while True: invoice = await stub.WaitAnyInvoice(request); yield invoice`): the call itself
    waits for the next event, and a deadline would only cut it. A loop that sleeps between calls polls."""
    loop = next((node for node in reversed(ancestors) if isinstance(node, (cst.For, cst.While, *SCOPE_NODES))), None)
    if not isinstance(loop, cst.While) or not forever(loop):
        return False
    inner = list(in_own_loop(loop.body))
    if not any(isinstance(node, cst.Yield) for node in inner):
        return False
    return not any(isinstance(node, cst.Call) and node is not call and _pauses(node) for node in inner)


def callers_keep_open(name: str, module: cst.Module) -> bool:
    """Every call of the module's function `name` (`name(...)`, `self.name(...)`) keeps the stream it
    returns open, and there is one: the function hands its stream to a subscriber."""
    uses = [
        _use(node, ancestry, function)
        for node, ancestry, function in _walk(module, (module,), None)
        if isinstance(node, cst.Call) and _names(node.func, name)
    ]
    return bool(uses) and all(use == OPEN for use in uses)


def _use(value: cst.BaseExpression, ancestors: Ancestry, function: Optional[cst.FunctionDef], hops: int = _MAX_HOPS
         ) -> Optional[str]:
    parent = ancestors[-1] if ancestors else None
    if isinstance(parent, cst.Await):
        return _use(parent, ancestors[:-1], function, hops)
    if isinstance(parent, cst.Arg) and len(ancestors) > 1:
        return _argument_use(parent, ancestors[:-1], function, hops)
    if isinstance(parent, cst.CompFor) and parent.iter is value:
        return BOUNDED
    if isinstance(parent, cst.For) and parent.iter is value:
        return BOUNDED if _returns_inside(parent) else OPEN
    if isinstance(parent, cst.Return):
        return HANDED
    target = parent.targets[0].target if isinstance(parent, cst.Assign) and len(parent.targets) == 1 else None
    if isinstance(target, cst.Name) and function is not None and hops > 0:
        return _local_use(target.value, parent.value, function, hops - 1)  # type: ignore[union-attr]
    return None


def _local_use(name: str, value: cst.BaseExpression, function: cst.FunctionDef, hops: int) -> Optional[str]:
    """How the function consumes the local `name` a stream was assigned to: BOUNDED if any use bounds
    it, None if one is not known (or the name is bound to anything but `value`'s callee: the
    stream's reply converted, `data = MessageToDict(data)`), else OPEN if any use keeps it open,
    else HANDED if it is returned."""
    uses = set()
    for node, ancestry, _ in _walk(function.body, (function.body,), function):
        if not isinstance(node, cst.Name) or node.value != name:
            continue
        parent = ancestry[-1]
        if isinstance(parent, cst.AssignTarget):
            if not _same_callee(ancestry[-2], value):
                return None
        elif _binds(parent, node):
            return None
        elif not _names_other(parent, node):
            uses.add(_use(node, ancestry, function, hops))
    return next((use for use in (BOUNDED, None, OPEN, HANDED) if use in uses), None)


def _same_callee(assign: cst.CSTNode, value: cst.BaseExpression) -> bool:
    """`assign` gives its name a call of the same callee as `value` (the stream re-opened)."""
    other = assign.value if isinstance(assign, cst.Assign) else None
    first, second = (node.expression if isinstance(node, cst.Await) else node for node in (other, value))
    return isinstance(first, cst.Call) and isinstance(second, cst.Call) and first.func.deep_equals(second.func)


def _binds(parent: cst.CSTNode, node: cst.Name) -> bool:
    """`node` is bound here other than by a plain assignment (a loop target, `as`, `+=`, `:=`)."""
    if isinstance(parent, (cst.For, cst.CompFor)):
        return parent.target is node
    if isinstance(parent, (cst.AugAssign, cst.AnnAssign, cst.NamedExpr)):
        return parent.target is node
    return isinstance(parent, (cst.AsName, cst.Param))


def _names_other(parent: cst.CSTNode, node: cst.Name) -> bool:
    """`node` spells an attribute or a keyword (`self.name`, `f(name=...)`), not the local."""
    return (isinstance(parent, cst.Attribute) and parent.attr is node) or (isinstance(parent, cst.Arg) and parent.keyword is node)


def _returns_inside(loop: cst.CSTNode) -> bool:
    """The loop returns its answer from inside: it reads until the one answer comes."""
    return any(isinstance(node, cst.Return) for node in in_own_loop(loop.body))  # type: ignore[attr-defined]


def _read_use(ancestors: Ancestry) -> Optional[str]:
    """`next(stream)` in a `while` loop that returns nothing from inside: read item by item for ever."""
    for node in reversed(ancestors):
        if isinstance(node, SCOPE_NODES):
            break
        if isinstance(node, cst.While):
            return BOUNDED if _returns_inside(node) else OPEN
    return BOUNDED


def _argument_use(arg: cst.Arg, ancestors: Ancestry, function: Optional[cst.FunctionDef], hops: int) -> Optional[str]:
    """The stream as the only argument of a builtin: `iter(stream)` is the stream, `next(stream)` reads
    one item, `list(stream)` collects it into one answer."""
    call = ancestors[-1]
    if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Name) or call.args[0] is not arg or arg.keyword is not None:
        return None
    if call.func.value == "iter":
        return _use(call, ancestors[:-1], function, hops)
    if call.func.value in _READS:
        return _read_use(ancestors[:-1])
    return BOUNDED if call.func.value in _COLLECTORS else None


def _names(func: cst.BaseExpression, name: str) -> bool:
    if isinstance(func, cst.Name):
        return func.value == name
    return isinstance(func, cst.Attribute) and func.attr.value == name and dotted_name(func.value) in ("self", "cls")


def _pauses(call: cst.Call) -> bool:
    callee = dotted_name(call.func) or ""
    return callee.rpartition(".")[2].endswith(_PAUSES)


def _walk(root: cst.CSTNode, ancestors: Ancestry, function: Optional[cst.FunctionDef]
          ) -> Iterator[Tuple[cst.CSTNode, Ancestry, Optional[cst.FunctionDef]]]:
    """Every node below `root` with its ancestors (`root` first, the parent last) and the function it
    runs in; iterative, so a deep expression cannot exhaust the stack."""
    stack = [(child, ancestors, function) for child in reversed(children(root))]
    while stack:
        node, above, inner = stack.pop()
        yield node, above, inner
        below = node if isinstance(node, cst.FunctionDef) else inner
        stack.extend((child, (*above, node), below) for child in reversed(children(node)))
