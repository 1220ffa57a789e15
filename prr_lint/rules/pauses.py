"""Calls that pause a loop, and how long (PRR504's notion of a wait between attempts).

A sleep pauses for its argument. So does a wait on an event with a timeout, the interruptible
sleep of a loop that a stop event ends: `await asyncio.wait_for(stop.wait(), timeout=10)`,
`stop.wait(timeout=10)` on a `threading.Event`, `await asyncio.wait({stop_task}, timeout=10)`
where what it waits for is an event's `wait()`. Nothing sets the event while the loop runs, so
each round waits the whole timeout. The receiver must be an event the resolver can tell
(`asyncio.Event()`, `threading.Event()`, an annotation): `proc.wait()` waits for work, not for
time. A wait with no timeout (`await stop.wait()`) is no pause: it waits for whoever sets it.
A sleep a parameter may replace for tests (`await (sleep or asyncio.sleep)(delay)`) pauses as the sleep does.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

import libcst as cst

import prr_lint.rules.clients as cl
from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import descendants

SLEEPS = frozenset({"time.sleep", "asyncio.sleep", "gevent.sleep", "eventlet.sleep", "trio.sleep", "anyio.sleep"})
EVENTS = frozenset({"asyncio.Event", "asyncio.locks.Event", "threading.Event"})
_EVENT_WAITS = frozenset(f"{event}.wait" for event in EVENTS)
_WAIT_FOR = frozenset({"asyncio.wait_for", "asyncio.tasks.wait_for"})
_WAIT = frozenset({"asyncio.wait", "asyncio.tasks.wait"})
# A constant pause this long (seconds) in a bounded retry loop is left alone (rules/retries.py's class docstring).
PATIENT_PAUSE = 1.0
# A constant pause this long (seconds) makes even an endless retry loop no storm (the same docstring).
DAEMON_PAUSE = 30.0
# Keywords that name a sleep's length (`asyncio.sleep(delay=...)`, `trio.sleep(seconds=...)`).
_SLEEP_KEYWORDS = ("seconds", "delay", "secs")


class Pause(NamedTuple):
    """A pausing call and the expression of its length (None: a sleep given no length)."""

    call: cst.Call
    length: Optional[cst.BaseExpression]


def pause(call: cst.Call, resolver: Resolver) -> Optional[Pause]:
    """The pause `call` makes (see the module doc), or None when it does not pause."""
    name = resolver.qualified_name(call.func)
    args = cl.positional(call)
    if name in SLEEPS or is_sleep(call.func, resolver):
        named = [value for value in (_keyword(call, word) for word in _SLEEP_KEYWORDS) if value is not None]
        return Pause(call, args[0].value if args else named[0] if named else None)
    if name in _WAIT_FOR:
        awaited = args[0].value if args else _keyword(call, "fut")
        timeout = args[1].value if len(args) > 1 else _keyword(call, "timeout")
        return Pause(call, timeout) if event_wait(awaited, resolver) and _given(timeout) else None
    if name in _WAIT:
        awaited = args[0].value if args else _keyword(call, "fs")
        timeout = _keyword(call, "timeout")
        waits = awaited is not None and any(event_wait(node, resolver) for node in descendants(awaited))
        return Pause(call, timeout) if waits and _given(timeout) else None
    if _is_event_method(call, resolver):
        timeout = args[0].value if args else _keyword(call, "timeout")
        return Pause(call, timeout) if _given(timeout) else None
    return None


def is_sleep(value: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> bool:
    """`value` is a sleep, or a parameter `or` a sleep (`sleeper or time.sleep`: tests pass their own)."""
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or) and isinstance(value.left, cst.Name):
        bindings = resolver.lookup(value.left.value, scope) or []
        return bool(bindings) and bindings[-1].kind == "param" and is_sleep(value.right, resolver, scope)
    return resolver.qualified_name(value, scope) in SLEEPS


def event_wait(expr: Optional[cst.BaseExpression], resolver: Resolver) -> bool:
    """`expr` is `<event>.wait()` with no timeout: what `asyncio.wait_for` bounds into a pause."""
    return isinstance(expr, cst.Call) and not expr.args and _is_event_method(expr, resolver)


def _is_event_method(call: cst.Call, resolver: Resolver) -> bool:
    """`<event>.wait(...)` on an object the resolver knows for an event."""
    func = call.func
    if not isinstance(func, cst.Attribute) or func.attr.value != "wait":
        return False
    return resolver.instance_type(func.value) in EVENTS or resolver.qualified_name(func) in _EVENT_WAITS


def _keyword(call: cst.Call, name: str) -> Optional[cst.BaseExpression]:
    arg = cl.keyword(call, name)
    return arg.value if arg is not None else None


def _given(timeout: Optional[cst.BaseExpression]) -> bool:
    return timeout is not None and not cl.is_none(timeout)
