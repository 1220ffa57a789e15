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

`requests.Session.request` is such a name too: `requests.get` and every session method send through
it. A project function that replaces it with one filling in a missing timeout (rules/session_patches.py;
open-zaak's `setup_env() -> monkeypatch_requests()`, run by wsgi.py, the Celery app and manage.py)
patches the process that runs it, which the call graph cannot tie to Django's modules (loaded by name
from settings). So a patch made in a function counts when the top level of a non-test module (a
wsgi/asgi or Celery app module, settings, a `__main__` block) reaches it within START_UP_DEPTH calls,
and then covers every requests call but those of the modules a program (a `__main__` block or console
script) imports whose start-up does not run it. A patch only tests or request handlers run covers nothing.

A session can carry its default too: a project function that mounts a timeout-setting adapter on the
session it returns (rules/clients.py) makes only bounded sessions, so a call on a parameter injected
from it (FastAPI's `session: requests.Session = Depends(get_remote_session)`) is bounded.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Iterable, Set

from prr_lint.model import PATCHES_REQUESTS_TIMEOUT
from prr_lint.rules.clients import RETURNS_TIMEOUT_SESSION
from prr_lint.project.callgraph import CallGraph, breadth_first
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import import_closure
from prr_lint.project.socket_default import START_UP_DEPTH, program_roots
from prr_lint.project.support import test_modules


def requests_default_check(index: ProjectIndex, graph: CallGraph, console_scripts: Iterable[str]) -> Callable[[str], bool]:
    """Whether the requests calls of a function (or module top level), by qualified name, run in a
    process that patched requests' default timeout (module docstring)."""
    tagged = {name for name, function in index.functions.items() if PATCHES_REQUESTS_TIMEOUT in function.tags}
    by_import = runs_module_check(index, graph, console_scripts, frozenset(tagged.intersection(index.modules)))
    tests = test_modules(index)
    at_start = {name for name in tagged.difference(index.modules) if index.module_of(name) not in tests}
    if not at_start:
        return by_import
    starts = sorted(name for name in index.modules if name in index.functions and name not in tests)
    if not at_start.intersection(breadth_first(graph, starts, START_UP_DEPTH)):
        return by_import
    others: Set[str] = set()
    for module, seeds in program_roots(index, graph, console_scripts).items():
        if not at_start.intersection(breadth_first(graph, seeds, START_UP_DEPTH)):
            others |= import_closure(index, module)
    return lambda context: by_import(context) or bool(index.module_of(context)) and index.module_of(context) not in others


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
