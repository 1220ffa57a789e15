"""PRR502 in the project phase: whether a call's receiver is a generated gRPC stub built elsewhere in
the project. A service often builds its stub once, in a helper or a cached factory
(`@functools.cache def get_stub(): return FooStub(grpc.insecure_channel(uri))`), and other modules
call methods on what it returns, or on a parameter annotated with the stub class re-exported by the
helper's module; a file alone cannot tell that these are stubs."""

from __future__ import annotations

from typing import Callable, Tuple

from prr_lint.project.index import ProjectIndex
from prr_lint.rules.clients import RETURNS_GRPC_STUB, is_stub_class

# Re-exports followed from one project module to the next, at most.
_MAX_HOPS = 8


def imported_as(index: ProjectIndex, name: str) -> str:
    """What `name` stands for once the project's own imports are followed (`svc.triton.FooStub`,
    imported there from `protos.foo_pb2_grpc`, is `protos.foo_pb2_grpc.FooStub`)."""
    for _ in range(_MAX_HOPS):
        owner, _, attribute = name.rpartition(".")
        module = index.modules.get(owner)
        target = module.imports.get(attribute) if module is not None else None
        if not target or target == name:
            break
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
