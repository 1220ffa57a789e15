"""PRR501: a process-wide default timeout for requests, patched into `requests.adapters`.

requests has no setting for a default timeout, but `HTTPAdapter.send` builds each request's urllib3
timeout by calling `TimeoutSauce(connect=..., read=...)`, a name it looks up in `requests.adapters`
at every send. A module whose top level replaces it (`requests.adapters.TimeoutSauce = CustomTimeout`,
a subclass filling in a missing connect or read timeout; rules/clients.py says what counts) changes
it for the whole process from the moment it is imported, for every session and module function.

A requests call is covered when its module's import runs that patch: the patching module is in the
call module's import closure (what it imports through any chain, and its parent packages, which
Python imports first: the usual place is a package `__init__` that the package's commands import), or
a program (a `__main__` block or console script) imports both. A patch in a module no process of the
call imports covers nothing.

A session can carry its default too: a project function that mounts a timeout-setting adapter on the
session it returns (rules/clients.py) makes only bounded sessions, so a call on a parameter injected
from it (FastAPI's `session: requests.Session = Depends(get_remote_session)`) is bounded.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Iterable, Set

from prr_lint.model import PATCHES_REQUESTS_TIMEOUT
from prr_lint.rules.clients import RETURNS_TIMEOUT_SESSION
from prr_lint.project.callgraph import CallGraph
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import import_closure
from prr_lint.project.socket_default import program_roots


def requests_default_check(index: ProjectIndex, graph: CallGraph, console_scripts: Iterable[str]) -> Callable[[str], bool]:
    """Whether the requests calls of a function (or module top level), by qualified name, run in a
    process that patched requests' default timeout (module docstring)."""
    patchers = frozenset(name for name, function in index.functions.items()
                         if name in index.modules and PATCHES_REQUESTS_TIMEOUT in function.tags)
    return runs_module_check(index, graph, console_scripts, patchers)


def runs_module_check(index: ProjectIndex, graph: CallGraph, console_scripts: Iterable[str], patchers: FrozenSet[str]) -> Callable[[str], bool]:
    """Whether the process running a function (or module top level) imports one of the modules
    `patchers`: one is in its module's import closure, or a program imports both (module docstring)."""
    if not patchers:
        return lambda context: False
    closures: Dict[str, Set[str]] = {}
    programs = [closure for closure in (import_closure(index, module) for module in program_roots(index, graph, console_scripts))
                if closure & patchers]
    loaded: FrozenSet[str] = frozenset(module for closure in programs for module in closure)

    def covered(context: str) -> bool:
        module = index.module_of(context)
        if not module:
            return False
        if module not in closures:
            closures[module] = import_closure(index, module)
        return bool(closures[module] & patchers) or module in loaded

    return covered


def injects_timeout_session(index: ProjectIndex, graph: CallGraph, factory: str) -> bool:
    """The factory a session parameter is injected from returns sessions with a mounted default timeout."""
    target = graph.target(factory) or factory
    function = index.functions.get(target)
    return function is not None and RETURNS_TIMEOUT_SESSION in function.tags
