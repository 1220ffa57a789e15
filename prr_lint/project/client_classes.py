"""Client classes a project ships inside its own package for its users and its operator commands.

A service often packages the Python client of its own API beside the server (xinference's
`xinference/client/restful/restful_client.py` `Client`, whose `launch_model`, `list_models` ... only
the `xinference` operator command and users' programs call). The methods of such a class that no
code of the service calls are not the service's: the deployed server never runs them. A class is
taken as such a client when

* a tool (a console script, a command, a `__main__` program: project/scope.py's roots, and the
  functions of their modules) builds it or calls its methods, or nothing outside tests uses it and a package's
  `__init__` a command's module imports from re-exports it (a public class for users: xinference's
  `AsyncClient`), or only tests build it or call its methods and no other module imports it or its
  module, nor may any loader of the project load it (medusa's gRPC `Client`, which only the
  integration test steps use: test code; not a plug-in a folder walk loads), and
* it is a plain module-level class of a non-test module (no decorator, only project bases, no
  project subclass, no method a framework calls: no entry point, seed or task), and
* every function of the service that builds it calls one of its methods there (built for that
  call: the worker's `RESTfulClient(url)._get_supervisor_internal_address()`), returns no instance
  of it, and no module builds one at import (a shared instance anything may call), and every module
  of the service that imports it calls it (one that only imports it may use it as a value; a
  package `__init__` or another module of imports alone re-exports it; so does the `__init__` of a
  package a distribution installs, whose imports are its API: distributions.py `published_packages`).
  An instance a module builds at import and binds to a name is used by the calls made through it
  (`from svc.hooks_env import api_client; api_client.get_current_attributes(...)` in a user's hook
  the hooks service runs), wherever they are made, but a tool's calls through it are the tool's uses
  (OpenCEX's interactive `add_token` command asking `kucoin_data_source.is_pair_exists(...)` of the
  data source a task polls); one no call goes through may be used as a value, and keeps the class whole.

When a deployment file runs one of the project's programs (coreemu's systemd unit runs `core-daemon`,
the gRPC server), the tool roots it does not run (schedules.py `undeployed_tools`: the `core-gui`,
`core-cli` and `core-player` console scripts) are its users' programs: their uses of a client count as
a command's however deep, in code they reach and the service does not, and in the modules of that code
the service reaches none of (the GUI's `CoreClient`, which keeps a `CoreGrpcClient` and calls it from
callbacks the call graph does not follow). A client the server or a deployed program also calls stays.

A program outside the packages the project's distributions install, that none of their modules
imports, is a user's program, not the service, when those packages hold every serving entry point:
an example script or a CI script that builds the published client (fedn's `examples/*/` programs
calling `APIClient.get_clients`, a monitor that loops until stopped) uses it as a command does.

Its methods stay when the service calls them (serving code, a long-running program, a task, any
function that is no tool's and no test's; not a Celery task nothing sends, dead_code.py `unsent`, that no code may
call in place either (unsent_tasks.py `called_in_place`: also a call of its name on a receiver that resolves to no
project function) and the service does not reach: invoice-factory's `CEIDGAdapter`, which its module's `__main__` demo
and a task only an unsent task sends call), or when the constructor does and the service builds it,
and so does everything those reach: the worker's constructor check `_check_cluster_authenticated`.
Without serving code nothing is known of what the service calls, and nothing is left out.
"""

from __future__ import annotations

from typing import AbstractSet, Dict, Iterable, Set, Tuple

from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.cli_programs import command_kind
from prr_lint.project.distributions import published_packages
from prr_lint.project.names import class_ancestors, methods, module_class, nested_in_any
from prr_lint.project.self_calls import reach_as_self
from prr_lint.project.support import test_modules
from prr_lint.project.unloaded_files import shared_loaders
from prr_lint.project.unsent_tasks import called_in_place


def client_scope(analysis, functions: Set[str], roots: Dict[str, str], serving: Set[str], programs: Iterable[str],
                 undeployed: Set[str], deployed=None, idle: AbstractSet[str] = frozenset()) -> Set[str]:
    """`functions` (the tools' code, scope.py) with the methods of client classes the service does not
    call, and without those it calls: a command that starts the worker the service deploys (a
    `worker` console script not seen serving) reaches them too, and they stay. `undeployed` are the tool
    roots no deployment file runs while it runs another program (schedules.py `undeployed_tools`); `deployed`
    the graph the programs' reach is searched in (without the subcommands no deployment file runs); `idle` the
    Celery tasks nothing sends (dead_code.py `unsent`)."""
    dropped, called = _client_methods(analysis, roots, serving, programs, undeployed, deployed or analysis.graph, idle)
    return (functions - called) | dropped


def _client_methods(analysis, roots: Dict[str, str], serving: Set[str], programs: Iterable[str],
                    undeployed: Set[str], deployed, idle: AbstractSet[str]) -> Tuple[Set[str], Set[str]]:
    """The methods (nested functions included) of client classes the service does not call (see the
    module docstring), and those it calls. `roots` are the tool roots (scope.py), `serving` what
    serving code reaches and `programs` the long-running programs; what tasks reach is the service's, but for a task
    nothing sends (`idle`) and no code may call in place, whose calls are no one's where the service does not reach it (invoice-factory's
    `check_company_status`, only an unsent task's body sends it: its `CEIDGAdapter` is its `__main__` demo's).
    A tool's use is one in the module of a command root (not deeper: what a command starts may be a
    worker that serves), or, for the users' programs no deployment file runs while it
    runs the service's, in code they reach and the service does not, or in a module of such code none
    of whose code the service reaches (a GUI's session class, whose callbacks the graph does not follow)."""
    index, graph, model = analysis.index, analysis.graph, analysis.model
    if not model.seeds:
        return set(), set()
    tests = test_modules(index)
    outside = _outside_service(analysis, tests)  # users' programs beside the installed packages
    tasks = [root for root, why in roots.items() if why == "batch context" and not command_kind(analysis, root)]
    idle = set(idle) - called_in_place(index, tests, idle) if idle else set()  # one some code may run in place is started
    started = [name for name in sorted(tasks) + sorted(programs) if index.module_of(name) not in outside and name not in idle]
    service = serving | set(reach_as_self(analysis, started, UNBOUNDED, deployed))  # a base's `self.worker_run()` runs the program's override
    unrun = {name for name in index.functions if (name in idle or nested_in_any(name, idle)) and name not in service} if idle else set()
    homes = {index.module_of(root) for root in roots if root not in tasks}
    reach = set(breadth_first(graph, sorted(undeployed), UNBOUNDED)) - service
    served = {index.module_of(name) for name in service}
    users = homes | {index.module_of(name) for name in reach} - served
    tools = ({name for user in users if user in index.modules for name in index.modules[user].functions} | reach) - service
    tools |= {name for name in index.functions if index.module_of(name) in outside} - service
    published = published_packages(analysis)
    hooked = set(model.seeds) | set(model.batch) | {entry.qualname for entry in model.entry_points}
    subclassed = {base for cls in index.classes for base in class_ancestors(index, cls)}
    candidates = {cls for cls in index.classes if _plain(index, cls, tests) and cls not in subclassed
                  and not hooked.intersection(methods(index, cls))}
    instances = _instance_calls(analysis, candidates, tests, tools)
    used_by_tools: Set[str] = set()
    used: Dict[str, Set[str]] = {}  # class -> the methods of it non-tool code calls
    shared: Set[str] = set()  # built at import, returned or kept beyond the call
    calling: Set[Tuple[str, str]] = set()  # (module, class) of a non-tool call
    tested: Set[str] = set()  # classes test code builds or calls
    for caller, function in index.functions.items():
        if index.module_of(caller) in tests:
            tested.update(owner for call in function.calls if (owner := (graph.target(call) or "").rpartition(".")[0]) in candidates)
            continue
        if caller in unrun:
            continue
        calls: Dict[str, Set[str]] = {}
        built: Set[str] = set()
        for call in function.calls:
            target = graph.target(call)
            owner = target.rpartition(".")[0] if target else ""
            if owner not in candidates or caller.startswith(f"{owner}."):
                continue
            calls.setdefault(owner, set()).add(target)
            if index.canonical(call) == owner:
                built.add(owner)
        for owner, targets in calls.items():
            if caller in tools:
                used_by_tools.add(owner)
                continue
            calling.add((index.module_of(caller), owner))
            used.setdefault(owner, set()).update(targets - ({f"{owner}.__init__"} if owner in built else set()))
            if owner in built and caller in index.modules and (caller, owner) in instances:
                used[owner].update(instances[(caller, owner)])  # a module's instance: the calls through it are its uses
            elif owner in built and (caller in index.modules or targets == {f"{owner}.__init__"}
                                     or any(graph.target(name) == f"{owner}.__init__" for name in function.returned)):
                shared.add(owner)
            elif owner in built:
                used[owner].add(f"{owner}.__init__")
    public = _reexported(index, homes)
    for name, module in index.modules.items():  # a service module importing it and calling none of it: a value
        if name not in tests and name not in users and name not in published and name not in outside \
                and len(module.functions) + len(module.classes) > 1:  # no re-export, nor a published package's API
            shared.update(cls for cls in map(index.canonical, module.imports.values())
                          if cls in candidates and (name, cls) not in calling and index.module_of(cls) != name)
    found: Set[str] = set()
    called: Set[str] = set()
    loaders = shared_loaders(analysis)  # a folder walk or a computed name may load the module: a plug-in
    test_only = {cls for cls in tested - used_by_tools - set(used) - _imported_outside_tests(index, tested, tests)
                 if not loaders.may_load(index.module_of(cls))}
    for cls in candidates - shared:
        if cls not in used_by_tools and cls not in test_only and (cls in used or cls not in public):
            continue
        own = set(index.nested(cls)) - {cls}
        reached = set(breadth_first(graph, sorted(used.get(cls, ())), UNBOUNDED))
        kept = (reached | service) & own
        prefixes = tuple(f"{name}." for name in kept)
        found.update(name for name in own if name not in kept and not name.startswith(prefixes))
        called.update(name for name in reached if name in own or name.startswith(prefixes))
    return found, called


def _plain(index, cls: str, tests: Set[str]) -> bool:
    """A module-level class of a non-test module, undecorated, whose bases are the project's."""
    summary = module_class(index, cls, tests)
    return summary is not None and not summary.registrations \
        and all(index.canonical(base) in index.classes for base in index.classes[cls])


def _reexported(index, homes: Set[str]) -> Set[str]:
    """Project classes a package's `__init__` imports by name, when a command's module imports from
    that package: the public API its operator command and its users program against."""
    packages = {name for name, module in index.modules.items() if module.path.replace("\\", "/").endswith("/__init__.py")}
    used = {found for home in homes if home in index.modules for target in index.modules[home].imports.values()
            for found in (target, index.module_of(target), target.rpartition(".")[0]) if found in packages}
    return {index.canonical(target) for name in used for target in index.modules[name].imports.values()
            if index.canonical(target) in index.classes}


def _outside_service(analysis, tests: Set[str]) -> Set[str]:
    """Modules beside the packages the project installs, when those hold every serving entry point:
    an example or CI program that imports the published client (`from svc import Client`) but that no
    installed module imports is a user's program, not the deployed service, whatever it runs."""
    index = analysis.index
    packages = {name for name in published_packages(analysis) if name in index.modules}
    served = {index.module_of(entry.qualname) for entry in analysis.model.entry_points}

    def installed(module: str) -> bool:
        return any(module == package or module.startswith(f"{package}.") for package in packages)
    if not served or not all(installed(module) for module in served):
        return set()
    imported = {index.module_of(target) for name, module in index.modules.items() if installed(name)
                for target in (*module.imports.values(), *module.star_imports)}
    return {name for name in index.modules if not installed(name) and name not in imported and name not in tests}


def _instance_calls(analysis, candidates: Set[str], tests: Set[str], tools: Set[str]) -> Dict[Tuple[str, str], Set[str]]:
    """(module, class) -> the methods called through an instance of the class the module builds at
    import and binds to a name (`api = Client(url)` in `svc.shared`, called as `svc.shared.api.get(...)`
    by code that imports it, wherever that code lives: the instance is the module's), but by `tools`,
    whose calls are their own uses. Only modules whose instance some call goes through are listed; one
    no call goes through may be used as a value."""
    index, graph = analysis.index, analysis.graph
    found: Dict[Tuple[str, str], Set[str]] = {}
    for caller, function in index.functions.items():
        if index.module_of(caller) in tests:
            continue
        for call in function.calls:
            target = graph.target(call)
            owner, _, _ = (target or "").rpartition(".")
            if owner not in candidates:
                continue
            receiver = call.rpartition(".")[0]
            holder = receiver.rpartition(".")[0]  # `svc.shared` of `svc.shared.api.get`
            if holder in index.modules and receiver not in index.modules and index.canonical(receiver) is None:
                uses = found.setdefault((holder, owner), set())  # listed, though only a tool's call may go through
                if caller not in tools:
                    uses.add(target)
    return found


def _imported_outside_tests(index, classes: Set[str], tests: Set[str]) -> Set[str]:
    """The `classes` a module other than a test imports, by the class's name or its module's (`import
    svc.grpc.client`): the service may use them as values the graph does not follow."""
    found: Set[str] = set()
    for name, module in index.modules.items():
        if name in tests:
            continue
        for target in (*module.imports.values(), *module.star_imports):
            found.update(cls for cls in classes if cls in (target, index.canonical(target)) or index.module_of(cls) == target)
    return found
