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
from settings). So a patch made in a function counts when the top level of a non-test module that may
start the service's own processes (a wsgi/asgi or Celery app module, settings: one a project module imports,
or one in a package that has no `__main__` block, or a root file that builds the app a server loads or that a
launch file names: patch_sites.py `starts_service`) reaches it within START_UP_DEPTH calls, and then covers
every requests call but those of the modules a program (a `__main__` block or console script) imports whose
start-up does not run it. A file outside every package that nothing imports (tapiriik's `sync_worker.py`)
is run as a program of its own: its patch covers only what that program alone reaches (below). A patch only tests or request handlers run covers nothing.
A patch filling in a parameter of the patching function (`patch_requests_with_default_timeout(timeout)`)
counts only when every call of that function outside tests passes a finite number (param_guards.py reads
the calls; `timeout=None` or a computed value bounds nothing). A patch that does not last (patch_sites.py `undone`:
a generator or context manager, or a module that assigns `Session.request` anything but a checked patch) counts nowhere, and
one filling in a global, setting or environment value (`patch-timeout-unknown`), or with no checked value (a
`TimeoutSauce` or `partialmethod` patch), only in the process-wide rule. And a patch that only some programs' start-up
runs (tapiriik's sync worker, beside a web app that never runs it) covers what only those programs reach
(patched_programs.py).

A session can carry its default too: a project function that mounts a timeout-setting adapter on the
session it returns (rules/clients.py) makes only bounded sessions, so a call on a parameter injected
from it (FastAPI's `session: requests.Session = Depends(get_remote_session)`) is bounded.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Iterable, Mapping, Sequence, Set

from prr_lint.model import PATCHES_REQUESTS_TIMEOUT
from prr_lint.rules.clients import RETURNS_TIMEOUT_SESSION
from prr_lint.rules.session_patches import PATCH_TIMEOUT_LITERAL, PATCH_TIMEOUT_PARAMETER, PATCH_TIMEOUT_UNKNOWN
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import CallGraph, breadth_first
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import enclosing_function, import_closure, imported_modules
from prr_lint.project.param_guards import ParamGuards
from prr_lint.project.parsed_trees import TreeOf
from prr_lint.project.patch_sites import inline_code_functions, starts_service, undone
from prr_lint.project.patched_programs import Placed, patched_program_reach
from prr_lint.project.socket_default import START_UP_DEPTH, program_roots
from prr_lint.project.support import test_modules


def requests_default_check(analysis: ServingAnalysis, placed: Callable[[], Placed], launch_files: Sequence[str],
                           tree_of: TreeOf) -> Callable[[str], bool]:
    """Whether the requests calls of a function (or module top level), by qualified name, run in a
    process that patched requests' default timeout (module docstring; `placed`: patched_programs.py's; `tree_of`:
    patch_sites.py's source reader)."""
    index, graph, console_scripts = analysis.index, analysis.graph, analysis.console_scripts
    tagged = {name for name, function in index.functions.items() if PATCHES_REQUESTS_TIMEOUT in function.tags}
    by_import = runs_module_check(index, graph, console_scripts, frozenset(tagged.intersection(index.modules)))
    tests = test_modules(index)
    guards = ParamGuards(graph, analysis.model.seeds)
    def trusted(name: str) -> bool:  # a checked patch elsewhere keeps a default timeout (patch_sites.py `_restores`)
        return _checked(index.functions[name].tags) and _finite(guards, name)

    at_start = {name for name in tagged.difference(index.modules)
                if index.module_of(name) not in tests and _finite(guards, name) and not undone(analysis, tree_of, name, trusted)}
    if not at_start:
        return by_import
    known = {name for name in at_start if _checked(index.functions[name].tags)}
    inline = inline_code_functions(analysis, launch_files) if known else set()
    only = patched_program_reach(analysis, known, START_UP_DEPTH, placed, tree_of, inline) if known else frozenset()
    programs, imported = program_roots(index, graph, console_scripts), imported_modules(index)
    shared = [name for name in index.modules if name in index.functions and name not in tests and _shared(analysis, name, imported, programs, launch_files)]
    if not at_start.intersection(breadth_first(graph, shared, START_UP_DEPTH)):
        return lambda context: by_import(context) or enclosing_function(index, context) in only
    others: Set[str] = set()
    for module, seeds in programs.items():
        if not at_start.intersection(breadth_first(graph, seeds, START_UP_DEPTH)):
            others |= import_closure(index, module)
    return lambda context: by_import(context) or bool(index.module_of(context)) and index.module_of(context) not in others \
        or enclosing_function(index, context) in only


def _shared(analysis: ServingAnalysis, module: str, imported: Set[str], programs: Mapping[str, object], launch_files: Sequence[str]) -> bool:
    """The module's top level may start the service's own processes, not only a program of its own: another module
    imports it, it sits in a package and is no program, or it is the app a launch file names or a server loads."""
    return module in imported or ("." in module and module not in programs) or starts_service(analysis, module, launch_files)


def _finite(guards: ParamGuards, patcher: str) -> bool:
    """Every parameter of the patching function that gives the timeout is a finite number at every call of it
    outside tests, and some call is known (module docstring)."""
    for tag in guards.graph.index.functions[patcher].tags:
        if tag.startswith(PATCH_TIMEOUT_PARAMETER):
            name, _, rest = tag[len(PATCH_TIMEOUT_PARAMETER):].partition("@")
            position, _, default = rest.partition("/")
            values = guards.given(patcher, name, int(position), default) if position.lstrip("-").isdigit() else None
            if not values or not all(_seconds(value) for value in values):
                return False
    return True


def _checked(tags: Sequence[str]) -> bool:
    """The patch's value was checked: a literal or a parameter every call gives a finite number (`_finite`), never
    an unknown value; a `TimeoutSauce` or `partialmethod` patch carries neither tag, so only the process-wide rule
    trusts it (rules/session_patches.py)."""
    return PATCH_TIMEOUT_UNKNOWN not in tags and any(tag == PATCH_TIMEOUT_LITERAL or tag.startswith(PATCH_TIMEOUT_PARAMETER) for tag in tags)


def _seconds(code: str) -> bool:
    """A call's value code (rules/param_guards.py) is a finite, positive number."""
    try:
        return code.startswith("n") and 0 < float(code[1:].replace("_", "")) < float("inf")
    except ValueError:
        return False


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
