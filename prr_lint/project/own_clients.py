"""PRR502: the client a project ships for its own gRPC service.

A project that serves a gRPC service often ships the Python client of that same service beside it: a
class that wraps the generated stub (coreemu's `CoreGrpcClient`, forseti's `InventoryClient`,
DeepSpeed-MII's `MIIClient`) for its command line, its GUI, its operators' scripts, its tests and its
users' programs. A deadline on those calls is the caller's to choose (`mii.client(name).terminate_server()`
in a user's notebook, `forseti inventory purge` in a cron job's shell script); the review of the
service asks for deadlines on the calls the running service makes.

So a method of such a class is left out of PRR502 when the running service does not reach it. The
class is one that calls a method of, or builds, the stub of a service this project serves: a
servicer it registers (`foo_pb2_grpc.add_FooServicer_to_server(...)`) or a servicer class deriving
from the generated `foo_pb2_grpc.FooServicer` (a service's entry points), whose stub is
`foo_pb2_grpc.FooStub`; not a test double's servicer (a fake of a downstream service the tests
serve). The running service is what PRR401 asks about (service_reach.py): request
handlers, background tasks, long-running programs and workers, what they reach. A command the
deployment runs unattended is no worker: it is the client's user like any other command.

A method the service reaches stays (a load balancer's servicer that forwards to replicas through the
client, a worker that reports to the server), and so does one whose name the service calls on a receiver
of no type the call graph knows (`self.client.generate(...)` on an instance a factory returned): it may be
this client's. A stub of a service the project does not serve (a downstream service) is not this
project's client and stays judged as any call; so are calls outside such classes.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Iterable, Set

from prr_lint import frameworks as fw
from prr_lint.project.grpc_stubs import imported_as
from prr_lint.project.names import class_ancestors, closure, project_module, run_imports
from prr_lint.project.support import test_modules

_GRPC = "grpc:"  # entry_marks.py: the kind of a servicer registration


def served_stubs(analysis) -> FrozenSet[str]:
    """The generated stub classes (`<module>.FooStub`, imports followed) of the gRPC services the project
    serves: the servicers it registers and the generated servicer bases of its gRPC entry points."""
    index = analysis.index
    tests = test_modules(index)  # a test double's servicer serves nothing of the project's
    stubs: Set[str] = set()
    for module in (summary for name, summary in index.modules.items() if name not in tests):
        for kind, *_ in module.registrations:
            added = kind[len(_GRPC):] if kind.startswith(_GRPC) else ""
            if (found := fw.GRPC_ADD_SERVICER.search(added)) is not None:
                stubs.add(f"{added.rpartition('.')[0]}.{found.group(2)}Stub")
    owners = {entry.qualname.rpartition(".")[0] for entry in analysis.model.entry_points
              if entry.framework == "grpc" and entry.how == "servicer" and index.module_of(entry.qualname) not in tests}
    stubs.update(f"{base[:-len('Servicer')]}Stub" for owner in owners for base in class_ancestors(index, owner)
                 if fw.GRPC_SERVICER_BASE.search(base))
    return frozenset(imported_as(index, stub) for stub in stubs)


def own_client_methods(analysis, running: Set[str]) -> FrozenSet[str]:
    """The methods (nested functions too) of the project's clients of its own gRPC services that the
    running service (`running`, service_reach.py) neither reaches nor may call by name."""
    index, graph = analysis.index, analysis.graph
    stubs = served_stubs(analysis)
    if not stubs:
        return frozenset()
    clients = {owner for name, function in index.functions.items()
               if (owner := name.rpartition(".")[0]) in index.classes and _calls_stub(index, function.calls, stubs)}
    if not clients:
        return frozenset()
    importers = _importers(index)
    untyped: Dict[str, Set[str]] = {}  # a client's module -> what the service calls on receivers of no known type where it is imported
    for module in sorted({index.module_of(cls) for cls in clients}):
        holders = closure(module, lambda name: importers.get(name, ()))  # modules whose import runs it
        untyped[module] = {call.rpartition(".")[2] for name in running if name in index.functions and index.module_of(name) in holders
                           for call in index.functions[name].calls if graph.target(call) is None}
    found: Set[str] = set()
    for cls in clients:
        own = [name for name in index.nested(cls) if name != cls]
        kept = {name for name in own if name in running or name.rpartition(".")[2] in untyped[index.module_of(cls)]}
        prefixes = tuple(f"{name}." for name in kept)
        found.update(name for name in own if name not in kept and not name.startswith(prefixes))
    return frozenset(found)


def _importers(index) -> Dict[str, Set[str]]:
    """Project module -> the project modules that import it, or a module below it (which runs it first)."""
    found: Dict[str, Set[str]] = {}
    for name, summary in index.modules.items():
        for target in (*run_imports(summary), *summary.star_imports):
            module = project_module(index, target)
            while module:
                found.setdefault(module, set()).add(name)
                module = module.rpartition(".")[0]
    return found


def _calls_stub(index, calls: Iterable[str], stubs: FrozenSet[str]) -> bool:
    """One of `calls` builds one of `stubs` or calls a method of one."""
    return any(imported_as(index, call) in stubs or imported_as(index, call.rpartition(".")[0]) in stubs
               for call in calls if "Stub" in call)
