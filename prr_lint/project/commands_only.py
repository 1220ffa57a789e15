"""Code only command-line programs use (part of the `scope = "serving"` filter, scope.py `NonServing`).

Two of the filter's questions look past the tool roots themselves to what they share with the rest
of the project: a module every caller from elsewhere of which calls a command root (`command_modules`:
the importers a `dispatch` runs, a module only commands use is theirs whole), and what only command-line
programs reach wherever it lives (`commands_only`: a library function only `svc search-index check`
calls), unless a module imports it by name and may use it as a value. Both weigh imports, callers and
background work over the whole index; scope.py hands them its tool roots and what serving code reaches.
"""

from __future__ import annotations

from typing import AbstractSet, Dict, FrozenSet, List, Mapping, Optional, Set

from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.command_calls import command_called
from prr_lint.project.reexports import handed_on
from prr_lint.project.self_calls import reach_as_self
from prr_lint.project.service_reach import command_roots
from prr_lint.project.support import test_modules


def command_modules(analysis, roots: Mapping[str, str], serving: Set[str]) -> Set[str]:
    """Every function of a module that only command-line programs use, reached or not (the
    importers a `dispatch` picks by format and runs as `cls(db, dump).migrate()`): the module
    defines a command root (a one-off mode's target, a console script's), other modules call
    into it and every such call is of a command root, no other module imports a name from it (only
    the module itself) and serving code runs none of its functions."""
    index, graph = analysis.index, analysis.graph
    commands = {root for root, why in roots.items() if why != "batch context"}
    modules = {module.module for module in map(analysis.module_of, commands) if module is not None}
    if not modules:
        return set()
    tests = test_modules(index)
    called: Set[str] = set()
    for module in index.modules.values():
        if module.module in tests:
            continue
        for target in module.imports.values():
            if target not in modules:
                modules.discard(index.module_of(target))  # a name imported from it: maybe used as a value
        for function in module.functions.values():
            for target in map(graph.target, function.calls):
                home = index.module_of(target) if target else ""
                if home in modules and home != module.module:
                    if target not in commands:
                        modules.discard(home)
                    called.add(home)
    modules = {module for module in modules & called if not index.modules[module].registrations}  # imported, never called: maybe a value
    return {
        name for name in index.functions
        if index.module_of(name) in modules and name not in index.modules and name not in serving
    } if modules else set()


def commands_only(analysis, why: Mapping[str, str], roots: Set[str], tool_modules: Set[str], serving: Set[str],
                  idle: AbstractSet[str] = frozenset()) -> Set[str]:
    """What only command-line programs reach (a library function that only `svc search-index check`
    calls), wherever it lives: not background work (a task's helpers run in a long-lived worker,
    and their findings stay), and not a function (or a method of a class) that a module other
    than a tool's imports by name: it may be used there as a value (a Jinja filter, a callback)
    the call graph does not follow, but for a package `__init__` that only hands it on (reexports.py); unless it is a function that module calls and every caller
    of it is commands-only itself. So is one a module calls through a module it imports whole
    (bk-monitor's metric collector: `grafana_client.get_all_organization()`, also migrate_grafana's).
    And the methods only such code calls, by calls the graph cannot type too, that nothing else can call
    (command_calls.py: a model's method a management command calls on the rows it loops over); `serving`:
    what serving code reaches; `idle`: tasks nothing sends, no background work (their code runs only where it is
    called: montandon-etl's hand-run command calling its task function)."""
    index, graph = analysis.index, analysis.graph
    batch_commands = command_roots(analysis)  # a console script or a `__main__` block is one too
    commands = [root for root in roots if why[root] != "batch context" or root in batch_commands]
    if not commands:
        return set()
    background = breadth_first(graph, [root for root in roots if root not in commands and root not in idle], UNBOUNDED)
    reached = reach_as_self(analysis, commands, analysis.max_depth)
    # An import can take a reached function out only by naming it, its class or a function it is nested in (`named`),
    # or by a call of the importer (`called_by_importer`): the imports of nothing such are not weighed.
    within = {prefix for name in reached for prefix in _prefixes(name)}
    homes_reached = {index.module_of(name) for name in reached}
    named: Set[str] = set()
    called_by_importer: Set[str] = set()
    # A name imported only to be found by name again (`from .google import fetch_traits` in a plugin
    # module that `getattr(engine, "fetch_traits")` looks into) is a re-export, not a use as a value.
    looked_up = {attribute for module in index.modules.values() for attribute in module.by_name}
    for module in index.modules.values():
        if module.module in tool_modules:
            continue
        called: Optional[Set[Optional[str]]] = None
        handed: Optional[FrozenSet[str]] = None
        for local, target in module.imports.items():
            if local in looked_up:
                continue
            canonical, found = index.canonical(target) or target, graph.target(target) or target
            if target not in within and canonical not in within and found not in within:
                continue
            if handed is None:
                handed = handed_on(analysis, module)  # a package's re-export uses nothing (reexports.py)
            if local in handed:
                continue
            if called is None:
                called = _called(graph, module)
            # A function the importer calls is used by a call the graph follows (zou's
            # plugins_service calling `download_zip_url`); not a class, whose instances the
            # importer holds and whose methods anything may call.
            if found in called and canonical not in index.classes:
                called_by_importer.add(found)
            else:
                named.update((target, canonical, found))
        homes = {index.module_of(target) for target in module.imports.values()} - {module.module}  # `from pkg import client`: its calls
        if homes & homes_reached:
            called = _called(graph, module) if called is None else called
            called_by_importer.update(name for name in called if name in reached and index.module_of(name) in homes)
    found = {
        name for name in reached
        if name not in background and name not in named and not _method_of(index, name, named) and not _nested_in(index, name, named)
    }
    if called_by_importer & found:
        # ... and only when every caller is itself commands-only (a hook the graph does not see
        # served may call it too, or a task that a service module hands to a queue).
        callers: Dict[str, Set[str]] = {}
        tests = test_modules(index)
        for caller, function in index.functions.items():
            if index.module_of(caller) not in tests:
                for target in map(graph.target, function.calls):
                    if target in called_by_importer:
                        callers.setdefault(target, set()).add(caller)
        changed = True
        while changed:  # every caller commands-only itself (not a task a service module dispatches)
            dropped = {name for name in called_by_importer & found if not callers.get(name, set()) <= found}
            changed, found = bool(dropped), found - dropped
    return found | command_called(analysis, found - serving, serving)


def _called(graph, module) -> Set[Optional[str]]:
    """The project functions the module's calls run (None for a call the graph does not resolve to one)."""
    return {graph.target(call) for function in module.functions.values() for call in function.calls}


def _prefixes(name: str) -> List[str]:
    """`name` and every dotted start of it (`a.b.c`: `a`, `a.b`, `a.b.c`)."""
    parts = name.split(".")
    return [".".join(parts[:end]) for end in range(1, len(parts) + 1)]


def _nested_in(index, name: str, functions: Set[str]) -> bool:
    """`name` is nested in one of `functions` (rucio's `http_download_to_file._do_download`): it runs when that does."""
    parts = name.split(".")
    return any((outer := ".".join(parts[:end])) in functions and outer in index.functions and outer not in index.classes
               and outer not in index.modules
               for end in range(1, len(parts)))


def _method_of(index, name: str, classes: Set[str]) -> bool:
    """`name` is a method of one of `classes` (the service imports the class and holds instances)."""
    return (owner := name.rpartition(".")[0]) in index.classes and owner in classes
