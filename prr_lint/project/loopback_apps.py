"""Apps that only ever listen on the loopback interface, beside the deployed service (PRR201).

A module that builds an app, declares all of its routes itself, and starts every server it starts on
a loopback address (`uvicorn.Config(app=app, host="127.0.0.1")` run in a thread, `app.run(host=
"localhost")`) serves processes of its own host only: a file viewer the sandbox agent starts for its
browser. When no launch file and no other module names the module and the project serves routes outside it, no user
reaches it through the deployment; the local process that calls it sees its failures. A module that
also binds another address, or has no server start of its own, is not one.

A model helper the deployment starts beside the service on a fixed port (`app.run(host="0.0.0.0",
port=9001)`) that other code of the project calls on loopback (`LOCAL_EMBED_SERVICE_URL =
"localhost:9001"`) is one too, whatever address it binds: its caller, on the same host, is the
service, whose instrumentation sees the helper's failures. A port read from the command line or the
environment (`port=args.port`) is no such evidence: a controller whose default address a client
names (`--controller-address http://localhost:21001`) may be deployed anywhere.
"""

from __future__ import annotations

import re
from typing import Callable, Dict, FrozenSet, Iterable, List, Mapping, Optional, Set

import libcst as cst

from prr_lint.project.index import ProjectIndex
from prr_lint.project.support import test_modules
from prr_lint.project.texts import job_text, parsed
from prr_lint.tree import descendants

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# The keyword a server start takes its address by (uvicorn, hypercorn, aiohttp, Flask: `host`; tornado: `address`).
_ADDRESS_KEYWORDS = frozenset({"host", "address"})
_SERVER_CALLS = frozenset({"run", "Config", "run_app", "listen", "serve", "run_simple", "make_server", "TCPSite"})


def _server_starts(tree: cst.Module) -> List[cst.Call]:
    return [node for node in descendants(tree, ()) if isinstance(node, cst.Call)
            and (node.func.attr.value if isinstance(node.func, cst.Attribute) else getattr(node.func, "value", "")) in _SERVER_CALLS]


def _addresses(tree: cst.Module) -> list:
    """The address literal each server start of the module binds (None when not a literal)."""
    found = []
    for node in _server_starts(tree):
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in _ADDRESS_KEYWORDS:
                value = arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else None
                found.append(value if isinstance(value, str) else None)
    return found


def _ports(tree: cst.Module) -> List[Optional[str]]:
    """The `port=` of each server start of the module: its digits when a literal, else None."""
    return [arg.value.value if isinstance(arg.value, cst.Integer) else None
            for node in _server_starts(tree) for arg in node.args if arg.keyword is not None and arg.keyword.value == "port"]


_LOOPBACK_PORT = re.compile(r"(?:localhost|127\.0\.0\.1):(\d{2,5})(?!\d)")


def loopback_callers(index: ProjectIndex, job_for: Callable[[str], Optional[object]]) -> Dict[str, FrozenSet[str]]:
    """Port -> the paths of the project's modules (not its tests) that address it on loopback
    (`"localhost:9001"`), from the texts the run already holds. Computed once per run by the caller."""
    tests = test_modules(index)
    callers: Dict[str, Set[str]] = {}
    for name, module in index.modules.items():
        job = job_for(module.path) if name not in tests else None
        data = getattr(job, "data", b"")
        if isinstance(data, bytes) and (b"localhost:" in data or b"127.0.0.1:" in data):  # decode only these
            for port in _LOOPBACK_PORT.findall(job_text(job) or ""):
                callers.setdefault(port, set()).add(module.path)
    return {port: frozenset(paths) for port, paths in callers.items()}


def loopback_called(index: ProjectIndex, path: str, job_for: Callable[[str], Optional[object]], own_routes: Iterable[str],
                    served: Iterable[str], callers: Callable[[], Mapping[str, FrozenSet[str]]]) -> bool:
    """The app at `path`, whose routes all lie in its module, beside routes the project serves elsewhere,
    is started only on fixed ports that other modules of the project call on loopback (`callers()`,
    from loopback_callers; module docstring)."""
    if not _beside_the_service(index, path, own_routes, served):
        return False
    tree = parsed(job_text(job_for(path)) or "")
    ports = _ports(tree) if tree is not None else []
    return bool(ports) and None not in ports and all(callers().get(port, frozenset()) - {path} for port in ports)


def _beside_the_service(index: ProjectIndex, path: str, own_routes: Iterable[str], served: Iterable[str]) -> bool:
    """The app's routes all lie in its module, and the project serves routes outside it."""
    routes = list(own_routes)
    return index.by_path.get(path) is not None and bool(routes) and all(route == path for route in routes) \
        and any(other != path for other in served)


def loopback_only(index: ProjectIndex, path: str, job_for: Callable[[str], Optional[object]],
                  own_routes: Iterable[str], served: Iterable[str], named: Callable[[], bool]) -> bool:
    """The app at `path`, whose routes (`own_routes`: their paths) all lie in its module, is served on
    loopback only, beside routes the project serves elsewhere, and `named()` (a launch file or another
    module names the module) does not hold (module docstring)."""
    if not _beside_the_service(index, path, own_routes, served):
        return False
    tree = parsed(job_text(job_for(path)) or "")
    addresses = _addresses(tree) if tree is not None else []
    return bool(addresses) and all(address in LOOPBACK for address in addresses) and not named()
