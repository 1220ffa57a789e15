"""PRR502 in the project phase: whether a call's receiver is a generated gRPC stub built elsewhere in
the project. A service often builds its stub once, in a helper or a cached factory
(`@functools.cache def get_stub(): return FooStub(grpc.insecure_channel(uri))`), and other modules
call methods on what it returns, or on a parameter annotated with the stub class re-exported by the
helper's module; a file alone cannot tell that these are stubs.

It also reads each method's kind from the generated stub the project holds: `__init__` binds every
method to what the channel makes of it (`self.Listen = channel.unary_stream('/pkg.Svc/Listen', ...)`),
which the module summary records among the class's attributes. A call on a method that streams its
responses (`unary_stream`, `stream_stream`) over a channel with keepalive, or one the call's module does
not build, is a long-lived stream, not a call a deadline should bound (rules/grpc_keepalive.py)."""

from __future__ import annotations

import re
from typing import Callable, FrozenSet, Tuple

from prr_lint.project.index import ProjectIndex
from prr_lint.rules.clients import RETURNS_GRPC_STUB, is_stub_class
from prr_lint.rules.grpc_keepalive import STREAMING_METHOD

# Re-exports followed from one project module to the next, at most.
_MAX_HOPS = 8
# What a generated stub's `__init__` binds a streaming-response method to: a method of its channel
# parameter (receivers.py writes a parameter as `[function:position:name]`, a call as `()`).
_STREAMING = re.compile(r"\[[^\]]+\]\.(?:unary_stream|stream_stream)\(\)")


def imported_as(index: ProjectIndex, name: str) -> str:
    """What `name` stands for once the project's own imports are followed (`svc.triton.FooStub`,
    imported there from `protos.foo_pb2_grpc`, is `protos.foo_pb2_grpc.FooStub`); a module a package
    re-exports is followed too (`pkg.foo_pb2_grpc.FooStub`, `pkg/__init__.py` importing it from `.v1`)."""
    for _ in range(_MAX_HOPS):
        owner, _, attribute = name.rpartition(".")
        if not owner:
            return name
        if "." in owner and owner not in index.modules:
            owner = imported_as(index, owner)
        module = index.modules.get(owner)
        target = module.imports.get(attribute) if module is not None else None
        if not target or target == f"{owner}.{attribute}":
            return f"{owner}.{attribute}"
        name = target
    return name


def grpc_stub_check(index: ProjectIndex) -> Callable[[Tuple[str, ...]], bool]:
    """PRR502's `if-grpc-stub` check on (the receiver's class, or the function that made it): True (keep
    the finding) when it is a stub class, or a project function that returns a stub over a channel
    with no default deadline."""

    def check(subjects: Tuple[str, ...]) -> bool:
        if is_stub_class(imported_as(index, subjects[0])):
            return True
        function = index.function(subjects[0])
        return function is not None and RETURNS_GRPC_STUB in function.tags

    return check


def streaming_methods(index: ProjectIndex) -> FrozenSet[str]:
    """The `<module>.<StubClass>.<Method>` of every stub method the project's generated code makes a
    streaming-response call (indexed once per run)."""
    return frozenset(attribute for module in index.by_path.values() for attribute, held in module.attributes.items()
                     if any(_STREAMING.fullmatch(expression) for expression in held))


def streaming_check(index: ProjectIndex) -> Callable[[Tuple[str, ...]], bool]:
    """True (drop the finding) when its subjects name a stub method the generated stub says streams its
    responses; a method of a stub the project does not hold has no known kind and stays."""
    methods = index.derived("grpc-streaming-methods", lambda: streaming_methods(index))

    def check(subjects: Tuple[str, ...]) -> bool:
        for subject in subjects:
            if subject.startswith(STREAMING_METHOD):
                owner, _, method = subject[len(STREAMING_METHOD):].rpartition(".")
                return f"{imported_as(index, owner)}.{method}" in methods
        return False

    return check
