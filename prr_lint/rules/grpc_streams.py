"""PRR502: gRPC calls the code keeps open on purpose, judged by how their caller consumes them.

A streaming subscription (`for event in stub.Watch(request)`, `next(stream)` in a producer loop) and
a long-poll that a background generator re-issues as soon as it answers are meant to stay open until
something happens: a per-call deadline would only cut them, and keepalive or idle timeouts guard the
transport. A stream read until it yields the one answer a request waits for (a `return` inside the
loop), or collected into a response (a comprehension, `list(...)`), is a bounded call and stays
reported. Only a stream can be iterated or read with `next()` (or grpc.aio's `stream.read()`), so the
consumption itself shows the method's kind; the generated stub is often not in the project (a protos
package, protos generated at build time).

A client stream only written, item after item in a loop that runs for ever, and never awaited for its
reply nor half-closed (`stream = stub.SyncUsers()`, then `await stream.write(update)` for each update a
`while True` loop takes from a queue) is a push channel: nothing waits on it but the writes, and it is
meant to stay open for the life of the connection. It is PUSHED: kept open only when its channel sends
keepalive pings, which fail a write to a dead peer (rules/grpc_deadlines.py asks). Only a call made with
a request stream has `write()`, so the use shows the kind here too. A stream awaited for its reply
(`await stream`), closed with `done_writing()`, or written outside such a loop stays reported.

A stream kept in a local is followed to its uses: handed to a function or method of the module, that
function's parameter is followed the same way (indexify's reconnect loop passes each new stream to
`_process_desired_states_stream`, which reads it with `anext` in a `while True` loop). Some uses
consume nothing and say nothing of the kind: the call object's other methods (`stream.cancel()` in a
`finally`), a test against None, and a placeholder `stream = None` bound before the call.
"""

from __future__ import annotations

from typing import Iterator, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.rules.retry_loops import forever, in_own_loop
from prr_lint.tree import SCOPE_NODES, children, descendants, dotted_name

OPEN = "open"  # kept open: iterated or read item by item for as long as it runs
HANDED = "handed"  # returned to the caller, which decides how it is consumed
PUSHED = "pushed"  # a client stream written for ever and never awaited for its reply: open if its channel sends keepalive
BOUNDED = "bounded"  # read until one answer, or collected into one
_COLLECTORS = frozenset({"list", "tuple", "sorted", "set", "dict"})
_READS = frozenset({"next", "anext"})
_ITERS = frozenset({"iter", "aiter"})
_READ_METHOD = "read"  # grpc.aio's read of one message from a streaming call: `await stream.read()`
_WRITE_METHOD = "write"  # grpc.aio's write of one request message to a client-streaming call
_CLOSE_METHOD = "done_writing"  # ends the request stream: the reply follows, and is what the caller waits for
# Calls that pace a loop: a loop that pauses between calls polls; one without lets the call wait.
_PAUSES = ("sleep", "wait", "wait_for")
# Locals and parameters followed from the call (`responses = stub.Feed(r)`, `stream = iter(responses)`,
# `self._drain(responses)`), at most.
_MAX_HOPS = 3
NEUTRAL = "neutral"  # a use that consumes nothing: `stream.cancel()`, `stream is None`
Ancestry = Tuple[cst.CSTNode, ...]


def consumption(call: cst.Call, ancestors: Sequence[cst.CSTNode]) -> Optional[str]:
    """OPEN, PUSHED, HANDED or None (bounded, or not known) for a stub call, from its ancestors (the file's first)."""
    function = next((node for node in reversed(ancestors) if isinstance(node, cst.FunctionDef)), None)
    module = ancestors[0] if ancestors and isinstance(ancestors[0], cst.Module) else None
    use = _use(call, tuple(ancestors), function, module)
    return use if use in (OPEN, PUSHED, HANDED) else None


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
        _use(node, ancestry, function, module)
        for node, ancestry, function in _walk(module, (module,), None)
        if isinstance(node, cst.Call) and _names(node.func, name)
    ]
    uses = [use for use in uses if use != NEUTRAL]
    return bool(uses) and all(use == OPEN for use in uses)


def _use(value: cst.BaseExpression, ancestors: Ancestry, function: Optional[cst.FunctionDef], module: Optional[cst.Module],
         hops: int = _MAX_HOPS) -> Optional[str]:
    parent = ancestors[-1] if ancestors else None
    if isinstance(parent, cst.Await):
        return _use(parent, ancestors[:-1], function, module, hops)
    if isinstance(parent, cst.Attribute) and parent.value is value:
        return _method_use(parent, ancestors[:-1])
    if isinstance(parent, cst.Arg) and len(ancestors) > 1:
        return _argument_use(parent, ancestors[:-1], function, module, hops)
    if isinstance(parent, cst.CompFor) and parent.iter is value:
        return BOUNDED
    if isinstance(parent, cst.For) and parent.iter is value:
        return BOUNDED if _returns_inside(parent) else OPEN
    if isinstance(parent, cst.Return):
        return HANDED
    if isinstance(parent, cst.Comparison) and parent.left is value and _tests_none(parent):
        return NEUTRAL
    target = parent.targets[0].target if isinstance(parent, cst.Assign) and len(parent.targets) == 1 else None
    if isinstance(parent, cst.AnnAssign) and parent.value is value:
        target = parent.target
    if isinstance(target, cst.Name) and function is not None and hops > 0:
        return _local_use(target.value, parent.value, function, module, hops - 1)  # type: ignore[union-attr]
    return None


def _local_use(name: str, value: Optional[cst.BaseExpression], function: cst.FunctionDef, module: Optional[cst.Module],
               hops: int) -> Optional[str]:
    """How the function consumes the local `name` a stream was assigned to (or the parameter it was
    handed in, `value` None): BOUNDED if any use bounds it, None if one is not known (or the name is
    bound to anything but `value`'s callee or a None placeholder: the stream's reply converted,
    `data = MessageToDict(data)`), else OPEN if any use keeps it open, else PUSHED if a use writes it
    for ever, else HANDED if it is returned, else NEUTRAL if every use consumes nothing."""
    uses = set()
    for node, ancestry, _ in _walk(function.body, (function.body,), function):
        if not isinstance(node, cst.Name) or node.value != name:
            continue
        parent = ancestry[-1]
        binding = ancestry[-2] if isinstance(parent, cst.AssignTarget) else parent if isinstance(parent, cst.AnnAssign) else None
        if binding is not None and getattr(binding, "target", node) is node:
            if not (_placeholder(binding) or _same_callee(binding, value)):
                return None
        elif _binds(parent, node):
            return None
        elif not _names_other(parent, node):
            uses.add(_use(node, ancestry, function, module, hops))
    return next((use for use in (BOUNDED, None, OPEN, PUSHED, HANDED, NEUTRAL) if use in uses), None)


def _same_callee(assign: cst.CSTNode, value: Optional[cst.BaseExpression]) -> bool:
    """`assign` gives its name a call of the same callee as `value` (the stream re-opened)."""
    other = assign.value if isinstance(assign, (cst.Assign, cst.AnnAssign)) else None
    first, second = (node.expression if isinstance(node, cst.Await) else node for node in (other, value))
    return isinstance(first, cst.Call) and isinstance(second, cst.Call) and first.func.deep_equals(second.func)


def _placeholder(assign: cst.CSTNode) -> bool:
    """`stream = None` (`stream: Call | None = None`): the name held before the call opens the stream."""
    value = getattr(assign, "value", None)
    return isinstance(value, cst.Name) and value.value == "None"


def _tests_none(comparison: cst.Comparison) -> bool:
    """`stream is None`, `stream is not None`."""
    return all(isinstance(target.operator, (cst.Is, cst.IsNot)) and isinstance(target.comparator, cst.Name)
               and target.comparator.value == "None" for target in comparison.comparisons)


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


def _write_use(stream: str, ancestors: Ancestry) -> str:
    """`stream.write(item)` in a `while True` loop of its function that does not open the stream again: one
    stream pushed for ever (a `return` on a failed write ends the writer, not a wait for the reply); written
    elsewhere, it says nothing."""
    for node in reversed(ancestors):
        if isinstance(node, SCOPE_NODES):
            break
        if isinstance(node, cst.While) and forever(node):
            return NEUTRAL if _assigns(node, stream) else PUSHED
    return NEUTRAL


def _assigns(loop: cst.While, name: str) -> bool:
    """The loop binds `name` by an assignment (`stream = stub.Push()` each round: a new call per item)."""
    return any(isinstance(node, (cst.AssignTarget, cst.AnnAssign)) and isinstance(node.target, cst.Name) and node.target.value == name
               for node in descendants(loop.body, stop_at=SCOPE_NODES))


def _method_use(attribute: cst.Attribute, ancestors: Ancestry) -> str:
    """`stream.read()` reads one message, as `next(stream)` does; `stream.write(item)` pushes one, and
    `stream.done_writing()` ends the request stream to wait for the reply; the call object's other methods
    (`cancel()`, `code()`, `done()`) and a reply's fields consume nothing."""
    call = ancestors[-1] if ancestors else None
    if not isinstance(call, cst.Call) or call.func is not attribute:
        return NEUTRAL
    if attribute.attr.value == _READ_METHOD and not call.args:
        return _read_use(ancestors[:-1])
    if attribute.attr.value == _WRITE_METHOD and len(call.args) == 1 and isinstance(attribute.value, cst.Name):
        return _write_use(attribute.value.value, ancestors[:-1])
    return BOUNDED if attribute.attr.value == _CLOSE_METHOD else NEUTRAL


def _argument_use(arg: cst.Arg, ancestors: Ancestry, function: Optional[cst.FunctionDef], module: Optional[cst.Module],
                  hops: int) -> Optional[str]:
    """The stream as the only argument of a builtin: `iter(stream)` is the stream, `next(stream)` reads
    one item, `list(stream)` collects it into one answer; handed to a function of the module, what
    that function does with its parameter."""
    call = ancestors[-1]
    if not isinstance(call, cst.Call) or arg.star:
        return None
    func = call.func
    if isinstance(func, cst.Name) and func.value in _ITERS | _READS | _COLLECTORS:
        if call.args[0] is not arg or arg.keyword is not None:
            return None
        if func.value in _ITERS:
            return _use(call, ancestors[:-1], function, module, hops)
        return _read_use(ancestors[:-1]) if func.value in _READS else BOUNDED
    return _handed_use(call, arg, function, module, hops)


def _handed_use(call: cst.Call, arg: cst.Arg, function: Optional[cst.FunctionDef], module: Optional[cst.Module],
                hops: int) -> Optional[str]:
    """OPEN, PUSHED (or NEUTRAL) when every definition the call may run (`drain(stream)`: the module's function;
    `self.drain(stream)`: the method of the caller's class) uses the parameter it gets so; else None."""
    if module is None or hops == 0:
        return None
    func = call.func
    if isinstance(func, cst.Name):
        bodies = [module.body]
    elif isinstance(func, cst.Attribute) and dotted_name(func.value) in ("self", "cls") and function is not None:
        bodies = [owner.body.body for owner in module.body if isinstance(owner, cst.ClassDef)
                  and isinstance(owner.body, cst.IndentedBlock) and any(statement is function for statement in owner.body.body)]
    else:
        return None
    name = func.value if isinstance(func, cst.Name) else func.attr.value
    definitions = [statement for body in bodies for statement in body if isinstance(statement, cst.FunctionDef) and statement.name.value == name]
    uses = set()
    for definition in definitions:
        parameter = _parameter(definition, call, arg, isinstance(func, cst.Attribute))
        uses.add(_local_use(parameter, None, definition, module, hops - 1) if parameter is not None else None)
    return uses.pop() if len(uses) == 1 and uses <= {OPEN, PUSHED, NEUTRAL} else None


def _parameter(definition: cst.FunctionDef, call: cst.Call, arg: cst.Arg, bound: bool) -> Optional[str]:
    """The name of the parameter of `definition` that `arg` of `call` binds (`bound`: called on `self`)."""
    params = definition.params
    positional = [*params.posonly_params, *params.params]
    static = any(isinstance(decorator.decorator, cst.Name) and decorator.decorator.value == "staticmethod"
                 for decorator in definition.decorators)
    if bound and not static:
        positional = positional[1:]
    if arg.keyword is not None:
        named = arg.keyword.value
        return named if any(param.name.value == named for param in (*positional, *params.kwonly_params)) else None
    at = next(at for at, given in enumerate(call.args) if given is arg)
    if any(given.star or given.keyword is not None for given in call.args[:at]) or at >= len(positional):
        return None
    return positional[at].name.value


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
