"""Blocks a SIGALRM deadline bounds (PRR501; project/alarm_deadline.py follows them to what they run).

A worker process's main thread may put a deadline on a block with an alarm: its context manager installs a
SIGALRM handler that raises, arms `signal.alarm(n)` (or `signal.setitimer(signal.ITIMER_REAL, n)`) and
enters the block. When the alarm fires, the handler raises in the main thread wherever it waits (a socket
read is interrupted by the signal and the handler's exception leaves it, PEP 475), so nothing the block runs
hangs past `n` seconds. pandora's workers are the pattern: `BaseWorker.run` calls each worker's `analyse`
inside `with self._timeout_context(logger):`, a `@contextmanager` that installs a raising handler and calls
`signal.alarm(self.timeout)` before its `yield`.

A context manager arms an alarm (tag `ARMS_ALARM` on the function) when it is a `@contextlib.contextmanager`
generator that, before its first `yield`, installs `signal.signal(signal.SIGALRM, handler)` with a handler of
this module (a function, or a method of the manager's class) that raises, and then arms an alarm with a value
that is not a literal None or 0; or a class's `__enter__` that does the same. Every call made inside a sync
`with` block (not in a nested definition or a generator expression, which may run after the block) is recorded
with the context managers of the blocks around it (`FunctionSummary.alarmed`: (the managers, comma-separated, and the
callee)); the project phase keeps the managers that arm an alarm. A PRR501 finding at a call written in such a block
carries the managers too (subject `ALARM_HELD`): bitbot's `tcpup` calls `socket.create_connection` inside
`with utils.deadline(seconds=5):` itself. An `async` function's blocks are not recorded: a signal does not interrupt
the event loop's waits safely. A handler may also be a lambda whose body is a call of such a raising function
(bitbot's `lambda _1, _2: _raise_deadline()`).
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.async_deadlines import callee_key
from prr_lint.model import IS_ASYNC, FunctionSummary
from prr_lint.resolve import Resolver
from prr_lint.tree import KindOf, descendants

ARMS_ALARM = "arms-alarm"
ALARM_HELD = "alarm-held:"  # + the managers of the sync `with` blocks a PRR501 finding's call is written in (project/alarm_deadline.py)
_CONTEXT_MANAGERS = frozenset({"contextlib.contextmanager"})
_SIGALRM = frozenset({"signal.SIGALRM", "signal.Signals.SIGALRM"})
_ITIMER_REAL = frozenset({"signal.ITIMER_REAL"})
# asked of every ancestor of every call in a module that spells `with `: by exact type (tree.KindOf), not ABC isinstance
_IS_SCOPE, _IS_WITH = KindOf(cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.GeneratorExp), KindOf(cst.With)


class AlarmBlocks:
    """Marks the context managers that arm an alarm, and records the calls made inside `with` blocks."""

    def __init__(self, resolver: Resolver, ancestors: Sequence[cst.CSTNode], source: str) -> None:
        self.resolver = resolver
        self._ancestors = ancestors
        self._alarms = "SIGALRM" in source  # (else no manager here arms one)
        self._withs = "with " in source

    def enter_function(self, node: cst.FunctionDef, function: FunctionSummary) -> None:
        if self._alarms and arms_alarm(self.resolver, node, self._ancestors):
            function.tags.append(ARMS_ALARM)

    def call(self, node: cst.Call, function: FunctionSummary, name: Optional[str]) -> None:
        if not self._withs or IS_ASYNC in function.tags or (key := callee_key(node, name)) is None:
            return
        managers = held_managers(node, self._ancestors, self.resolver)
        if managers:
            function.alarmed.append((",".join(managers), key))


def held_managers(node: cst.CSTNode, ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> List[str]:
    """The context managers (callee keys) of the sync `with` blocks `node` is written in, within its own scope."""
    managers: List[str] = []
    child: cst.CSTNode = node
    for step in reversed(ancestors):
        kind = type(step)
        if _IS_SCOPE[kind]:
            break
        if _IS_WITH[kind] and step.asynchronous is None and child is step.body:
            managers.extend(held for item in step.items if isinstance(item.item, cst.Call)
                            and (held := callee_key(item.item, resolver.qualified_name(item.item.func))) is not None)
        child = step
    return managers


def alarm_subjects(node: cst.Call, ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> Tuple[str, ...]:
    """A PRR501 finding's subject for a call written in sync `with` blocks of a sync function: `ALARM_HELD` and their
    managers (the project phase keeps those that arm an alarm), else ()."""
    scope = next((step for step in reversed(ancestors) if _IS_SCOPE[type(step)]), None)
    if not isinstance(scope, cst.FunctionDef) or scope.asynchronous is not None:
        return ()
    managers = held_managers(node, ancestors, resolver)
    return (ALARM_HELD + ",".join(managers),) if managers else ()


def arms_alarm(resolver: Resolver, node: cst.FunctionDef, ancestors: Sequence[cst.CSTNode]) -> bool:
    """`node` is a context manager that installs a raising SIGALRM handler and then arms an alarm (module doc)."""
    generator = any(resolver.qualified_name(decorator.decorator) in _CONTEXT_MANAGERS for decorator in node.decorators)
    if not generator and node.name.value != "__enter__":
        return False
    owner = next((step for step in reversed(ancestors) if isinstance(step, cst.ClassDef)), None)
    scope = resolver.scope_for(node)
    handled = False
    for inner in descendants(node.body):
        if isinstance(inner, (cst.Yield, cst.Await)):
            return False  # entered the block (or gave up the main thread's turn) with no alarm armed
        if not isinstance(inner, cst.Call):
            continue
        name = resolver.qualified_name(inner.func, scope)
        first = _argument(inner, 0)
        if name == "signal.signal" and first is not None and resolver.qualified_name(first, scope) in _SIGALRM:
            handled = _raises(resolver, _argument(inner, 1), owner)
        elif name == "signal.alarm" and handled and _armed(first):
            return True
        elif name == "signal.setitimer" and handled and first is not None and resolver.qualified_name(first, scope) in _ITIMER_REAL \
                and _armed(_argument(inner, 1)):
            return True
    return False


def _argument(call: cst.Call, position: int) -> Optional[cst.BaseExpression]:
    positional = [arg.value for arg in call.args if arg.keyword is None and not arg.star]
    return positional[position] if position < len(positional) else None


def _armed(value: Optional[cst.BaseExpression]) -> bool:
    """An alarm's value that may be non-zero: anything but a literal 0 or None (a literal 0 cancels the alarm)."""
    if value is None or (isinstance(value, cst.Name) and value.value == "None"):
        return False
    return not (isinstance(value, (cst.Integer, cst.Float)) and float(value.evaluated_value) == 0)


def _raises(resolver: Resolver, handler: Optional[cst.BaseExpression], owner: Optional[cst.ClassDef]) -> bool:
    """The handler is a function of this module, or a method of the manager's class, that raises an exception, or a
    lambda whose body calls one (what it returns is that call's)."""
    if isinstance(handler, cst.Lambda):
        return isinstance(handler.body, cst.Call) and _raises(resolver, handler.body.func, owner)
    found: Optional[cst.CSTNode] = None
    if isinstance(handler, cst.Name):
        found = resolver.definition(handler)
    elif isinstance(handler, cst.Attribute) and isinstance(handler.value, cst.Name) and owner is not None \
            and handler.value.value in ("self", "cls", owner.name.value):
        found = next((statement for statement in owner.body.body if isinstance(statement, cst.FunctionDef)
                      and statement.name.value == handler.attr.value), None)
    return isinstance(found, cst.FunctionDef) and any(isinstance(inner, cst.Raise) and inner.exc is not None for inner in descendants(found.body))
