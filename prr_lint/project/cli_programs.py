"""Modules only command-line programs load: the code of a CLI shipped beside the service (a
`pkg-client` distribution's commands and their API bindings, a `svc-init` process manager).

A module's top level runs in every process that imports it, directly or through other modules. So a
module that only the import closures of command-line programs hold (a console script's target, a
`__main__` block, click/typer/invoke/Django commands: scope.py's command roots; a module nothing
imports that parses the command line itself) is loaded by no other
process and runs only in those programs, however its functions are called (argparse dispatch, command
classes, methods the call graph does not follow). Every other module that no project module imports
is counted as a way into the service (something loads it by path, by a settings string or by a
framework's plug-in mechanism), and so are modules that define entry points, register handlers or
hold background work, with whatever they import. Tests import command code to test it, and do not count.

A program is a command-line program only when it is a command (click, typer, flask-script, cliff
...) or builds its own argparse/optparse parser or registers oslo.config command-line options
(`CONF.register_cli_opts`, `cfg.SubCommandOpt`: `glance-replicator`) (a launcher that only reads a configuration file may be the service's), and
nothing it reaches, however deep, starts a server or loops until the process stops: a service started
by its own console script is the service. A script nothing imports that reads `sys.argv` and hands it
on from its `__main__` block (`dispatch(sys.argv[1:])`, the parser built by the project's dispatcher) is
one too, unless a deployment file runs it (schedules.py: a crontab line, not a CI pipeline). Its closure
goes only through modules of its own top-level package: a loose tool (`tools/visualize.py`) claims no
library module of the service's, but for those it imports by their own name (`import ops.iam`, a
dispatcher's subcommand module) that no other module imports and no loader of the project may load.
A plain `import a.b.c` loads `a.b.c` (`ModuleSummary.dotted_imports`), not only the `a` it binds.

A module loads what it imports and the project modules whose functions it calls, also through an
import inside a function (Nominatim's subcommands import `..tools.add_osm_data` in their `run`). A
launcher (a module that loads nothing but programs: `nominatim-cli.py` at the root, a script that
builds the parser for a man page) is no other way in. A subcommand that starts a server or loops
forever (`nominatim serve`, dispatched as `args.command.run(args)`, which the call graph does not
follow from the program's roots) runs service code: the modules of what it reaches stay.
"""

from __future__ import annotations

import posixpath
from collections import deque
from typing import Callable, Dict, Iterable, List, Optional, Protocol, Set

from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.plugin_loads import LOADS_ENTRY_POINTS
from prr_lint.project.index import ProjectIndex
from prr_lint.project.scripts import entry_point_groups
from prr_lint.project.support import test_modules
from prr_lint.rules.how_it_runs import ARGUMENT_PARSERS

# Batch kinds that are command-line programs an operator runs (not background work of the service).
COMMAND_KINDS = frozenset({"click", "typer", "flask-cli", "quart-cli", "django-command", "invoke", "nox", "flask-script", "cliff", "pecan-command"})
# Those whose modules make a program here: not a Django management command, the way a Django service
# runs its scheduled jobs (a hang there stalls the job, whatever else imports its modules).
_PROGRAM_KINDS = COMMAND_KINDS - {"django-command"}
# Calls that load a Python file by its path.
PATH_LOADERS = frozenset({"importlib.util.spec_from_file_location", "runpy.run_path", "importlib.machinery.SourceFileLoader"})
# oslo.config's own command-line parser: options registered for the command line (a positional
# `command` option, a `SubCommandOpt`) make the program parse argv through `CONF(sys.argv[1:])`.
_OSLO = "oslo_config."
_OSLO_CLI_CALLS = (".register_cli_opts", ".register_cli_opt", ".SubCommandOpt")


class DispatcherScripts(Protocol):
    """dispatcher_scripts.py's answers, handed in by scope.py (it reads the deployment, above this module)."""

    def programs(self, excluded: Set[str]) -> Dict[str, List[str]]: ...

    def imported_by_name(self, programs: Set[str], edges: Dict[str, Set[str]], tests: Set[str]) -> Set[str]: ...


def command_kind(analysis: ServingAnalysis, root: str) -> bool:
    """Whether the batch contexts of `root`'s module are all command-line commands."""
    return _module_kinds(analysis).get(analysis.index.module_of(root), {""}) <= COMMAND_KINDS


def command_program_functions(analysis: ServingAnalysis, commands: List[str], runs_forever: Callable[[List[str]], bool],
                              starts_server: Callable[[str], bool], scripts: Optional[DispatcherScripts] = None) -> Set[str]:
    """Every function (and module top level) of a module only command-line programs load; `commands`
    are the command roots, `runs_forever` tells whether roots start a server or never stop,
    `starts_server` whether one function itself starts a server or loops forever; `scripts` finds
    the dispatcher scripts and the modules only they import by name (dispatcher_scripts.py).

    A module no project module imports whose function builds an argparse/optparse parser and parses
    the command line is a program too (its `main` run by a dispatcher script that imports it by
    name, `socorro-cmd signature`, or by a console script declared where prr-lint does not read)."""
    index = analysis.index
    kinds = _module_kinds(analysis)
    parsers: Dict[str, List[str]] = {}  # module -> its functions that build a parser and parse argv
    for name, function in index.functions.items():
        if ARGUMENT_PARSERS.intersection(function.calls) or any(call.startswith(_OSLO) and call.endswith(_OSLO_CLI_CALLS) for call in function.calls):
            parsers.setdefault(index.module_of(name), []).append(name)
    by_module: Dict[str, List[str]] = {}
    for root in commands:
        by_module.setdefault(index.module_of(root), []).append(root)
    for context in analysis.model.batch_contexts:  # a sibling command that serves makes the module the service's
        if index.module_of(context.qualname) in by_module and context.qualname in index.functions:
            by_module[index.module_of(context.qualname)].append(context.qualname)
    tests = test_modules(index)
    edges = _edges(index, entry_point_groups(getattr(analysis.settings, "root", None)))
    imported = {target for name, targets in edges.items() if name not in tests for target in targets if not _within(name, target)}
    for module, names in parsers.items():
        if module not in imported and module not in tests and any(_parses_argv(index.functions[name].calls) for name in names):
            by_module.setdefault(module, []).extend(names)
    for module, roots in (scripts.programs(imported | tests) if scripts is not None else {}).items():
        parsers.setdefault(module, [])
        by_module.setdefault(module, []).extend(roots)
    service = {index.module_of(name) for name in analysis.model.seeds} | {
        name for name, module in index.modules.items() if module.registrations or not kinds.get(name, set()) <= COMMAND_KINDS}
    programs = {
        name for name, roots in by_module.items()
        if name and name not in service and (kinds.get(name, set()) & _PROGRAM_KINDS or name in parsers) and not runs_forever(roots)
    }
    claimed = scripts.imported_by_name(programs, edges, tests) if scripts is not None else set()
    modules = command_only_modules(index, edges, programs, service, tests, claimed)
    # A subcommand that serves (`nominatim serve`, dispatched as `args.command.run(args)`, which the
    # call graph does not follow to the program's roots): what it runs is the service's.
    starters = sorted(name for name in index.functions if index.module_of(name) in modules and starts_server(name))
    modules -= {index.module_of(name) for name in breadth_first(analysis.graph, starters, UNBOUNDED)} if starters else set()
    return {name for name in index.functions if index.module_of(name) in modules}


def _parses_argv(calls: Iterable[str]) -> bool:
    return any(call.endswith((".parse_args", ".parse_known_args")) for call in calls)


def _module_kinds(analysis: ServingAnalysis) -> Dict[str, Set[str]]:
    """Module -> the kinds of the batch contexts it defines."""
    kinds: Dict[str, Set[str]] = {}
    for context in analysis.model.batch_contexts:
        kinds.setdefault(analysis.index.module_of(context.qualname), set()).add(context.kind)
    return kinds


def _closure(edges: Dict[str, Set[str]], starts: Iterable[str], package: str = "", parents: bool = True,
             folder: Callable[[str], bool] = lambda name: False) -> Set[str]:
    """The project modules whose top level runs when `starts` are imported (packages included);
    with `package`, only through the modules of that top-level package or those `folder` accepts;
    without `parents`, not through a module's own packages (a program run by its path imports no
    package of its own)."""
    found: Set[str] = set()
    queue = deque(name for name in starts if name in edges)
    found.update(queue)
    while queue:
        current = queue.popleft()
        for target in edges.get(current, ()):
            if parents or not _within(current, target):
                if target not in found and (not package or target.partition(".")[0] == package or folder(target)):
                    found.add(target)
                    queue.append(target)
    return found


def _within(module: str, package: str) -> bool:
    """`package` is one of `module`'s own packages: a plug-in package its own submodules import is
    still loaded by name from outside (OctoPrint's `plugins.softwareupdate`), a way in."""
    return module.startswith(package + ".")


def command_only_modules(index: ProjectIndex, edges: Dict[str, Set[str]], programs: Set[str], service: Set[str], tests: Set[str],
                         claimed: Set[str] = frozenset()) -> Set[str]:
    """Modules in the import closure of `programs` (command-line programs' modules) and in no other
    way in: `service` (modules holding entry points, registrations, background work) and every
    module no project module imports, tests and the programs aside. `claimed` are modules of other
    packages only the programs import (`_imported_by_name`): no way in, their closure in their own
    package is the programs' too."""
    if not programs:
        return set()
    # Imported by tests, or by a program of another package (a loose tool importing a plug-in that
    # something else loads by name), a module may still be loaded by name: it is a way in.
    imported = {
        target for name, targets in edges.items() if name not in tests for target in targets
        if not _within(name, target) and (name not in programs or target.partition(".")[0] == name.partition(".")[0])
    }
    ways_in = {name for name in index.modules if name not in imported and name not in tests and name not in programs and name not in claimed}
    ways_in -= _launchers(edges, programs, ways_in)
    loaded = _loaded_by_path(index, programs, ways_in - service)
    homes = {**{program: _home(index, program) for program in programs}, **loaded}
    programs, ways_in = programs | set(loaded), ways_in - set(loaded)
    if not ways_in and not service - programs:
        return set()  # the programs are all there is to run: one of them is the service
    loaded_elsewhere = _closure(edges, ways_in | (service - programs))
    reached: Set[str] = set()
    for program in programs:
        package = program.partition(".")[0]
        reached |= _closure(edges, [program], package, parents=False, folder=lambda name, home=homes[program]: _in(index, name, home))
    for module in claimed:
        reached |= _closure(edges, [module], module.partition(".")[0], parents=False)
    return reached - loaded_elsewhere - tests


def _launchers(edges: Dict[str, Set[str]], programs: Set[str], candidates: Set[str]) -> Set[str]:
    """Of `candidates`, the launchers of programs: modules that load only programs' modules and their
    packages (`nominatim-cli.py`: `from nominatim_db import cli; exit(cli.nominatim())`, or a script
    building the program's parser for its man page). Whatever runs one runs the program: no other way in."""
    return {
        name for name in candidates
        if edges.get(name) and all(target in programs or any(_within(program, target) for program in programs) for target in edges[name])
    }


def _home(index: ProjectIndex, program: str) -> str:
    """The folder of a program's file, which Python puts first on `sys.path` when it runs the file
    (`python qa/__main__.py` imports `utils` from `qa/utils/`); "" at the project root, whose
    top-level packages are the service's."""
    return posixpath.dirname(index.modules[program].path) if program in index.modules else ""


def _in(index: ProjectIndex, name: str, home: str) -> bool:
    return bool(home) and name in index.modules and index.modules[name].path.startswith(home + "/")


def _loaded_by_path(index: ProjectIndex, programs: Set[str], candidates: Set[str]) -> Dict[str, str]:
    """Of `candidates` (modules nothing imports), those in the folder of a program that loads files
    by path (`importlib.util.spec_from_file_location`, `runpy.run_path`): the scenarios a QA
    runner discovers beside itself run in that program only; module -> the loading program's folder."""
    found: Dict[str, str] = {}
    for program in programs:
        own = index.modules[program].functions if program in index.modules else {}
        calls = {call for function in own.values() for call in function.calls}
        if calls & PATH_LOADERS:
            home = _home(index, program)
            found.update((name, home) for name in candidates if _in(index, name, home))
    return found


def _edges(index: ProjectIndex, groups: Dict[str, Set[str]]) -> Dict[str, Set[str]]:
    """Module -> the project modules (and their packages) it imports, by an import statement or by
    loading an entry-point group by name (plugin_loads.py: `ExtensionManager("svc.manage")` imports
    the modules registered under `svc.manage`, `groups`)."""
    edges: Dict[str, Set[str]] = {}
    for module in index.modules.values():
        targets = edges.setdefault(module.module, set())
        top = index.functions.get(module.module)
        plugins = [name for tag in (top.tags if top is not None else ()) if tag.startswith(LOADS_ENTRY_POINTS)
                   for name in sorted(groups.get(tag[len(LOADS_ENTRY_POINTS):], ()))]
        # A project function called is loaded too, also through an import inside a function
        # (`from ..tools import add_osm_data` in a command's `run`), which `imports` does not hold.
        called = {index.module_of(call) for call in {call for function in module.functions.values() for call in function.calls}} - {""}
        for target in (*module.imports.values(), *module.dotted_imports, *module.star_imports, *plugins, *sorted(called)):
            target = _project_name(index, target)
            while target:
                if target in index.modules and target != module.module:
                    targets.add(target)
                target = target.rpartition(".")[0]
        package = module.module.rpartition(".")[0]
        while package:  # importing pkg.mod runs pkg/__init__.py first
            if package in index.modules:
                targets.add(package)
            package = package.rpartition(".")[0]
    return edges


def _project_name(index: ProjectIndex, target: str) -> str:
    """`target` as the project names it: a namespace package (`bodhi/` with no `__init__.py`) leaves
    its name out of the project's module names (`bodhi.client.cli` is module `client.cli`)."""
    name = target
    while name.count(".") > 1 and index.module_of(name) == "":
        name = name.partition(".")[2]
    return name if index.module_of(name) else target
