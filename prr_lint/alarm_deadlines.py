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

An alarm fires once: it bounds only what runs before it has fired or been cancelled (`held_managers`). So a block does
not hold a call in an except handler or a `finally` inside it, nor one that a `try` inside it may reach after swallowing
the alarm (before the call, or in a loop around it, with a handler that neither raises nor returns); and a block run
before the call inside it (also in an earlier round of a loop) is listed ahead of it marked `CANCELS`: if its manager
arms an alarm, leaving it cancels the timer (bitbot's ends with `setitimer(ITIMER_REAL, 0, 0)`). Not looked at: a
function called before the call that swallows the alarm or runs an alarm block of its own, and a `signal.alarm(0)`
written in the block.
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
CANCELS = "!"  # + the manager of a block run before the call inside a block around it: leaving, it may cancel that one's alarm
# asked of every ancestor of every call in a module that spells `with `: by exact type (tree.KindOf), not ABC isinstance
_IS_SCOPE, _IS_WITH = KindOf(cst.FunctionDef, cst.Lambda, cst.ClassDef, cst.GeneratorExp), KindOf(cst.With)
_IS_AFTER_ALARM = KindOf(cst.ExceptHandler, cst.ExceptStarHandler, cst.Finally)  # may run once the alarm has fired
_IS_BLOCK, _IS_LOOP, _IS_TRY = KindOf(cst.IndentedBlock), KindOf(cst.For, cst.While), KindOf(cst.Try, cst.TryStar)


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
        managers = held_managers(node, self._ancestors, self.resolver)[0]
        if managers:
            function.alarmed.append((",".join(managers), key))


def held_managers(node: cst.CSTNode, ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> Tuple[List[str], Optional[cst.CSTNode]]:
    """The context managers (callee keys) of the sync `with` blocks `node` is written in, within its own scope, whose
    alarm may still be armed when it runs (module doc), innermost first, each block's preceded by those of the blocks
    run before `node` inside it (marked `CANCELS`); and the scope the walk stopped at (None: the module). What ran before
    is read only at a block with managers (AlarmBlocks asks of every call in a module that spells `with `)."""
    managers: List[str] = []
    passed: List[Tuple[cst.CSTNode, cst.CSTNode]] = []  # (ancestor, its child toward `node`) since the last such block
    live = True  # no handler, `finally` or swallowing `try` below: an alarm of the blocks further out may be armed
    child: cst.CSTNode = node
    for step in reversed(ancestors):
        kind = type(step)
        if _IS_SCOPE[kind]:
            return managers, step
        if live and _IS_AFTER_ALARM[kind]:
            live = False
        elif live and _IS_WITH[kind] and child is step.body and (held := _managers(step, resolver)):
            swallowed, cancels = _ran_before([earlier for pair in passed for earlier in _earlier(*pair)], resolver)
            live = not swallowed
            managers.extend([CANCELS + cancel for cancel in cancels] + held if live else [])
            passed = []
        elif live:
            passed.append((step, child))
        child = step
    return managers, None


def _managers(node: cst.With, resolver: Resolver) -> List[str]:
    """The callee keys of a sync `with` statement's context managers that are calls."""
    return [held for item in node.items if isinstance(item.item, cst.Call)
            and (held := callee_key(item.item, resolver.qualified_name(item.item.func))) is not None] if node.asynchronous is None else []


def _earlier(step: cst.CSTNode, child: cst.CSTNode) -> Sequence[cst.CSTNode]:
    """What inside `step` may run before `child` does: the statements before it in a block, the body of a loop it is
    in (an earlier round; not before a `for`'s iterable, read once first), the body of a `try` whose `else` it is."""
    kind = type(step)
    if _IS_BLOCK[kind]:
        return step.body[:step.body.index(child)]
    if _IS_LOOP[kind]:
        return () if child is getattr(step, "iter", None) else (step.body,)
    return (step.body,) if _IS_TRY[kind] and child is step.orelse else ()


# A `with` block that swallows what its body raises, as a handler that falls through does.
_SUPPRESS = "contextlib.suppress"


def _ran_before(statements: Sequence[cst.CSTNode], resolver: Resolver) -> Tuple[bool, List[str]]:
    """Whether a `try` among `statements` may swallow the alarm (a handler that neither raises nor returns: the
    alarm's exception may come wrapped, as requests does an interrupted read; a `contextlib.suppress` block), and the managers of their `with`
    blocks (each may arm and, leaving, cancel the one alarm timer). Worked out once per statement, kept on the resolver."""
    swallowed, cancels = False, []
    for statement in statements:
        entry = resolver.alarm_effects.get(id(statement))
        if entry is None:
            inner = (statement, *descendants(statement))
            managers = tuple(held for node in inner if _IS_WITH[type(node)] for held in _managers(node, resolver))
            entry = resolver.alarm_effects[id(statement)] = (
                statement, _SUPPRESS in managers or any(_IS_TRY[type(node)] and any(map(_falls_through, node.handlers)) for node in inner),
                managers)
        swallowed = swallowed or entry[1]
        cancels.extend(entry[2])
    return swallowed, list(dict.fromkeys(cancels))


def _falls_through(handler: cst.CSTNode) -> bool:
    """An except handler whose last statement neither raises nor returns: what follows its `try` runs after it."""
    last = handler.body.body[-1]
    if isinstance(last, cst.SimpleStatementLine):
        last = last.body[-1]
    return not isinstance(last, (cst.Raise, cst.Return))


def alarm_subjects(node: cst.Call, ancestors: Sequence[cst.CSTNode], resolver: Resolver) -> Tuple[str, ...]:
    """A PRR501 finding's subject for a call written in sync `with` blocks of a sync function: `ALARM_HELD` and their
    managers (the project phase keeps those that arm an alarm), else ()."""
    managers, scope = held_managers(node, ancestors, resolver)
    if not managers or not isinstance(scope, cst.FunctionDef) or scope.asynchronous is not None:
        return ()
    return (ALARM_HELD + ",".join(managers),)


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
