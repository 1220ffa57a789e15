"""The traceback written to the process's own output streams: a report (catalogue §2.5, sinks.py).

A service's stderr and stdout are collected with its logs (the container runtime, systemd's journal,
the platform's log shipping), so `traceback.print_exc()` in an error handler puts the error and its
stack where the service's logs are read, as `log.exception()` would, only without a level. Written
into an object of the program's own (`print_exc(file=buffer)`, a `StringIO` a formatter returns) or
formatted into the answer (`jsonify(trace=traceback.format_exc())`), the stack reaches no log.
Printed only in the body of an `if`, it is a developer's output as often as not (`if debug_api:
print(traceback.format_exc())`, a switch a deployment leaves off): the callers pass such a call as
guarded (`guarded_calls`), and it reports nothing. A log call is judged without its condition.
"""

from __future__ import annotations

from typing import FrozenSet, Optional
from weakref import WeakKeyDictionary

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import descendants

# `traceback` functions that print a traceback, with the position of their `file` parameter.
TRACEBACK_PRINTS = {"traceback.print_exc": 1, "traceback.print_exception": 4, "traceback.print_tb": 2,
                    "traceback.print_last": 1}
PROCESS_STREAMS = frozenset({"sys.stderr", "sys.stdout", "sys.__stderr__", "sys.__stdout__"})
STREAM_WRITES = frozenset({f"{stream}.write" for stream in PROCESS_STREAMS})
# Text without which no call resolves to a `traceback.format_*` function: the module's and the function's names,
# spelled in the module (an import, then a call or an alias) or in the module's own name (the functions it defines).
_SPELLINGS = ("traceback", "format_")
_may_format: "WeakKeyDictionary[Resolver, bool]" = WeakKeyDictionary()


def _file_argument(call: cst.Call, position: int) -> Optional[cst.BaseExpression]:
    for index, arg in enumerate(call.args):
        if (arg.keyword is not None and arg.keyword.value == "file") or (arg.keyword is None and arg.star == "" and index == position):
            return arg.value
    return None


def _to_process_stream(call: cst.Call, position: int, resolver: Resolver) -> bool:
    """No `file` argument (the default, stderr or stdout), or one naming the process's own stream."""
    target = _file_argument(call, position)
    return target is None or (isinstance(target, cst.Name) and target.value == "None") \
        or resolver.qualified_name(target) in PROCESS_STREAMS


def formats_traceback(expr: cst.BaseExpression, resolver: Resolver, hops: int = 2) -> bool:
    """`traceback.format_exc()`, also inside a join or an f-string, or a local name one of whose bindings that reach
    it holds one (`trace = traceback.format_exc()` before `sys.stderr.write(trace)`): the text of a traceback.
    Asked of every argument of every call: a module that cannot spell the call is answered by one text search."""
    if not _formats_at_all(resolver):
        return False
    for node in (expr, *descendants(expr)):
        if isinstance(node, cst.Call) and (resolver.qualified_name(node.func) or "").startswith("traceback.format_"):
            return True
        if hops and isinstance(node, cst.Name) and _holds_traceback(node, resolver, hops - 1):
            return True
    return False


def _formats_at_all(resolver: Resolver) -> bool:
    """Whether the module's text (or its name) spells both `_SPELLINGS`, searched once per module."""
    found = _may_format.get(resolver)
    if found is None:
        source = resolver.source
        found = _may_format[resolver] = source is None or all(word in source or word in resolver.module_name for word in _SPELLINGS)
    return found


def _holds_traceback(name: cst.Name, resolver: Resolver, hops: int) -> bool:
    """A local name of the current function that a binding reaching it gave the text of a traceback."""
    scope = resolver.enclosing_function
    bindings = resolver.reaching_all(name) if scope is not None else []
    return any(binding.scope is scope and binding.kind in ("value", "alias") and binding.value is not None
               and formats_traceback(binding.value, resolver, hops) for binding in bindings)


def writes_stack(call: cst.Call, resolver: Resolver) -> bool:
    """`traceback.print_exc()` (to stderr, or `file=sys.stderr`/`sys.stdout`), `print(traceback.format_exc())`
    without a `file` of the program's own, `sys.stderr.write(traceback.format_exc())`: the stack goes
    to the process's output, which is collected with its logs."""
    name = resolver.qualified_name(call.func) or ""
    if name in TRACEBACK_PRINTS:
        return _to_process_stream(call, TRACEBACK_PRINTS[name], resolver)
    if name == "builtins.print":
        return _to_process_stream(call, -1, resolver) and _formats_any(call, resolver)
    return name in STREAM_WRITES and _formats_any(call, resolver)


def writes_output(call: cst.Call, resolver: Resolver) -> bool:
    """`print(...)` without a `file` of the program's own, `sys.stderr.write(...)`: a message on the
    process's output, collected with its logs (a caller telling its operator a dependency failed)."""
    name = resolver.qualified_name(call.func) or ""
    return (name == "builtins.print" and _to_process_stream(call, -1, resolver)) or name in STREAM_WRITES


def _formats_any(call: cst.Call, resolver: Resolver) -> bool:
    return any(formats_traceback(arg.value, resolver) for arg in call.args if arg.keyword is None)


def guarded_calls(root: cst.CSTNode) -> FrozenSet[int]:
    """The ids of the calls under `root` (not in nested definitions) that run only when an `if` holds."""
    return frozenset(id(call) for node in descendants(root) if isinstance(node, (cst.If, cst.IfExp))
                     for call in descendants(node) if isinstance(call, cst.Call))
