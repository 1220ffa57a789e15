"""The RPCs of a gRPC servicer: of a class deriving from a generated `foo_pb2_grpc.FooServicer`, only the
methods that base declares are handlers the server dispatches requests to.

A servicer class often carries more public methods than its service has RPCs: a worker that is its own
servicer (`class MigrationWorker(migration_worker_pb2_grpc.MigrationWorkerServicer)`) also has the setup
its constructor calls, the calls of its other roles, helpers. Those run where the code calls them, not
in a request; taking them for handlers makes what they reach serving code (a `ray.init()` in a method the
constructor calls once). The generated base names the RPCs: its methods when the generated module is in
the project, else the `rpc` lines of `service Foo { ... }` in the project's `foo.proto` (the file
`foo_pb2_grpc.py` is generated from). When neither is found the service's RPCs are unknown and every
public method stays a handler, as before. The entry points are found from summaries alone
(entrypoints.py); the methods this module finds no RPC for are dropped from the serving model once,
before anything is derived from it (phase.py, ServingAnalysis.unserve).
"""

from __future__ import annotations

import os
import re
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint.project.names import class_ancestors, methods
from prr_lint.project.project_tree import project_tree
from prr_lint.tree_reads import read_text

_MAX_PROTO = 1 << 20
_COMMENTS = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_SERVICE = re.compile(r"\bservice\s+(\w+)\s*\{")
_RPC = re.compile(r"\brpc\s+(\w+)\s*\(")


def non_rpc_methods(analysis) -> FrozenSet[str]:
    """The servicer methods taken for gRPC handlers that no servicer base of their class declares."""
    index = analysis.index
    dropped: Set[str] = set()
    for entry in analysis.model.entry_points:
        if entry.framework != "grpc" or entry.how != "servicer":
            continue
        owner, _, name = entry.qualname.rpartition(".")
        declared: Set[str] = set()
        for base in class_ancestors(index, owner):
            if not fw.GRPC_SERVICER_BASE.search(base):
                continue
            rpcs = _declared(analysis, base)
            if rpcs is None:
                break
            declared |= rpcs
        else:
            if declared and name not in declared:
                dropped.add(entry.qualname)
    return frozenset(dropped)


def _declared(analysis, base: str) -> Optional[FrozenSet[str]]:
    """The RPC names of generated servicer class `base` (`pkg.foo_pb2_grpc.FooServicer`), or None unknown."""
    index = analysis.index
    if base in index.classes:
        return frozenset(method.rpartition(".")[2] for method in methods(index, base))
    module, _, servicer = base.rpartition(".")
    stem = module.rpartition(".")[2][: -len("_pb2_grpc")]
    services = analysis.derived("grpc-proto-services", lambda: _proto_services(analysis))
    return services.get((stem, servicer[: -len("Servicer")]))


def _proto_services(analysis) -> Dict[Tuple[str, str], FrozenSet[str]]:
    """(proto file stem, service name) -> its RPC names, over every `.proto` file of the tree (read once)."""
    found: Dict[Tuple[str, str], FrozenSet[str]] = {}
    for folder, name in project_tree(analysis).files():
        if not name.endswith(".proto"):
            continue
        text = read_text(os.path.join(folder, name), _MAX_PROTO)
        for service, rpcs in _services(text or "").items():
            key = (name[: -len(".proto")], service)
            found[key] = found.get(key, frozenset()) | rpcs
    return found


def _services(text: str) -> Dict[str, FrozenSet[str]]:
    """The services a proto file defines, each with the names of its `rpc`s (options' braces skipped)."""
    text = _COMMENTS.sub("", text)
    services: Dict[str, FrozenSet[str]] = {}
    for match in _SERVICE.finditer(text):
        depth, end = 1, match.end()
        while depth and end < len(text):
            depth += {"{": 1, "}": -1}.get(text[end], 0)
            end += 1
        body = text[match.end():end]
        rpcs: List[str] = _RPC.findall(body)
        services[match.group(1)] = services.get(match.group(1), frozenset()) | frozenset(rpcs)
    return services
