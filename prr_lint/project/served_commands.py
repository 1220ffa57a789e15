"""The other subcommands of a command-line program whose one subcommand is the service.

A package often ships one program whose `serve` subcommand starts the server (blueapi's Dockerfile:
`ENTRYPOINT ["blueapi"]`, `CMD ["serve"]`) beside subcommands a person types against that server
(`blueapi login`, `blueapi controller run`), with the client library and the token cache they use in
the same package. The server's process imports all of it (the program's module is its way in), and
the client classes are imported by name by the client library's other modules, so neither "a module
serving code does not import" nor "reached only by commands" (scope.py) nor "a client class only a
tool builds" (client_classes.py) sees it. What the process runs is known here: one subcommand.

So, for a click group (or a typer app) one of whose commands is the service (a program that starts a
server or loops until stopped, or one the deployment runs by name: scope.py's programs and scheduled
roots, schedules.py), what its other commands reach (nested groups too, `controller` -> `run`) is
not the service when nothing the service runs reaches it: not serving code (routes, start-up), not
the serving subcommand's own reach (the server it starts, the workers and threads it hands work to),
not the group callbacks above it (`main`, which loads the configuration for every subcommand), not
background tasks or loops. A subcommand whose name the deployment's files hold where its program's
name is unknown stays too. Both reaches follow calls on receivers of no known type by the method's
name (`config.list_exporters()` on the configuration a decorator hands the command: untyped_calls.py).
Kept as well, since the call graph does not follow a value: every method of a class that code builds
or calls a method of (and of its bases), and a class or function that a module whose code the service
runs imports and names again (a callback it registers), other than to build it in a function the
service does not run (`ClientService(channel)` in the configuration's `list_exporters`). The service's
wider reach (service_reach.py) is not asked: it counts the framework subclasses any imported module
names, and the server's process imports the whole program (the client library's `AuthBase`).
"""

from __future__ import annotations

import re
from typing import Dict, Iterable, Set

from prr_lint.model import LOOPS_FOREVER
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.names import class_ancestors
from prr_lint.project.schedules import subcommand_text
from prr_lint.project.service_reach import command_roots
from prr_lint.project.subcommands import SUBCOMMAND_KINDS, TYPER_CALLBACK, TYPER_COMMAND, command_line, groups_above
from prr_lint.project.support import test_modules
from prr_lint.project.untyped_calls import UntypedView


def sibling_command_functions(analysis, roots: Dict[str, str], served: Iterable[str], serving: Set[str]) -> Set[str]:
    """The functions only the non-serving subcommands of a served program reach (see the module
    docstring). `roots` are scope.py's tool roots, `served` its programs and the roots the deployment
    runs (schedules.py), `serving` what serving code reaches (scope.py)."""
    index, graph = analysis.index, analysis.graph
    kinds: Dict[str, Set[str]] = {}
    for context in analysis.model.batch_contexts:
        kinds.setdefault(context.qualname, set()).add(context.kind)
    commands = {name for name, found in kinds.items() if found <= SUBCOMMAND_KINDS and name in index.functions}
    served = sorted(name for name in served if name in commands)
    if not served:
        return set()
    chains = {name: groups_above(analysis, name) for name in commands}
    tops = {chains[name][-1] for name in served}
    above = {group for name in served for group in chains[name][1:] if isinstance(group, str)}
    above.update(name for name in commands if TYPER_CALLBACK in index.functions[name].decorators
                 and (index.module_of(name), TYPER_COMMAND) in tops)
    siblings = [name for name in sorted(roots) if name in commands and name not in above and chains[name][-1] in tops]
    text = subcommand_text(analysis)  # a name the deployment may run it by, though not after the program's: the service's
    siblings = [name for name in siblings if not (text and (pattern := command_line(analysis, name, bare=True)) and re.search(pattern, text))]
    if not siblings:
        return set()
    background = {name for name in analysis.model.batch if name in index.functions and name not in command_roots(analysis)}
    background.update(name for name, function in index.functions.items() if LOOPS_FOREVER in function.tags)
    view = UntypedView(graph)  # calls on receivers of no known type, by the method's name (untyped_calls.py)
    kept = set(breadth_first(view, sorted({*serving, *served, *above, *background}), UNBOUNDED))
    held = _held(analysis, kept, {index.module_of(name) for name in siblings})
    found: Set[str] = set()
    for name in breadth_first(view, siblings, UNBOUNDED):
        if name not in kept and name not in held and _owner(index, name) not in held and name not in index.modules:
            found.update(inner for inner in index.nested(name) if inner not in kept)
    return found


def _owner(index, name: str) -> str:
    """The class a method (or a function nested in one) is defined in ("" when none)."""
    while name and name not in index.classes:
        name = name.rpartition(".")[0]
    return name


def _held(analysis, kept: Set[str], commands: Set[str]) -> Set[str]:
    """Classes and functions the service may hold or hand on as values: a class whose method or
    constructor `kept` code calls (and its bases), and what a module that runs `kept` code imports by
    name and names again (`app.add_middleware(Auth)`, `HANDLERS = {"x": on_x}`); not the commands'
    own modules, nor tests."""
    index, graph = analysis.index, analysis.graph
    found: Set[str] = set()
    for name in kept:
        function = index.functions.get(name)
        if name.rpartition(".")[0] in index.classes:
            found.add(name.rpartition(".")[0])
        for call in function.calls if function is not None else ():
            target = graph.target(call) or ""
            found.update(cls for cls in (index.canonical(call), target.rpartition(".")[0]) if cls in index.classes)
    found.update(base for cls in list(found) for base in class_ancestors(index, cls) if base in index.classes)
    running = {index.module_of(name) for name in kept if name not in index.modules} - commands - test_modules(index)
    for module in sorted(running):
        summary = index.modules.get(module)
        for local, target in summary.imports.items() if summary is not None else ():
            named = index.canonical(target)
            if named is not None and summary.words.get(local, 0) > 1 + _called_elsewhere(summary, index, named, kept) \
                    and index.module_of(named) != module:
                found.add(named)
    return found


def _called_elsewhere(summary, index, named: str, kept: Set[str]) -> int:
    """How many of the module's mentions of `named` are calls of it (a class built) made by functions the service
    does not run: a client class the module's other methods build is no value the service holds."""
    return sum(1 for function in summary.functions.values() if function.qualname not in kept and function.qualname != summary.module
               for call in function.calls if index.canonical(call) == named)
