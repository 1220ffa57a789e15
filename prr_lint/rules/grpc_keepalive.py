"""PRR502: whether a channel a module builds sends HTTP/2 keepalive pings, and the subject that asks the
project phase for a method's kind.

A streaming-response RPC (`unary_stream`, `stream_stream`: a subscription, a tunnel, a session) is kept
open for as long as the stream lives; a deadline would only cut it. What ends it when the peer dies is
keepalive on its channel (`("grpc.keepalive_time_ms", ms)` among the channel's options): the client
pings, and a ping left unanswered fails the stream. The options are followed through a name that holds
them (a module constant, a local list) and through a function of the module that builds them, a few
steps deep.
"""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver

KEEPALIVE_OPTION = "grpc.keepalive_time_ms"
# PRR502's subject for a call on a stub method whose kind the project phase looks up in the generated
# stub (project/grpc_stubs.py): the finding is dropped when the method streams its responses.
STREAMING_METHOD = "grpc-method:"
# Names and helpers followed from an `options=` argument to what builds it.
_MAX_STEPS = 3


def sends_keepalive(options: cst.BaseExpression, resolver: Resolver, module: cst.Module, steps: int = _MAX_STEPS) -> bool:
    """Whether a channel's `options` expression sets `grpc.keepalive_time_ms`, directly, through a name
    bound in the module, or through a module function that builds the options."""
    if KEEPALIVE_OPTION in module.code_for_node(options):
        return True
    if steps == 0:
        return False
    held = options.func if isinstance(options, cst.Call) else options
    if not isinstance(held, cst.Name):
        return False
    for binding in resolver.lookup(held.value) or []:
        if binding.kind == "def" and binding.node is not None and KEEPALIVE_OPTION in module.code_for_node(binding.node):
            return True
        if binding.kind in ("value", "alias") and binding.value is not None and sends_keepalive(binding.value, resolver, module, steps - 1):
            return True
    return False


def method_subject(stub_class: Optional[str], method: str) -> Tuple[str, ...]:
    """The subject naming `<stub class>.<method>` for the project phase, or none when the call is a
    `.future()`/`.with_call()` form (only unary-response methods have them) or the class is unknown."""
    if not stub_class or "." in method:
        return ()
    return (f"{STREAMING_METHOD}{stub_class}.{method}",)
