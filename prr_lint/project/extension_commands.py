"""Commands a project plugs into another tool's command line through that tool's entry-point group.

A service's distribution may also register commands for a tool its users run: datalad-registry's
`setup.cfg` declares `datalad.extensions = registry = datalad_registry_client:command_suite`, a literal
command suite `(description, [(module, class, command name, API name), ...])` naming classes derived from
datalad's `Interface`; `datalad registry-get-urls` runs one, against the registry, on the user's machine.
The tool loads the group wherever it starts: its command line, and any program that imports its Python
API (`datalad.api` binds each command under its API name, so the deployed Celery worker, which imports
`datalad.api` for `clone`, loads these modules too). It runs a command only when asked for it by name: a
person typing it, a program calling `datalad.api.registry_get_urls(...)` or `getattr(dl, name)`, a
deployment line, a configured hook naming it. So a command class's methods (and the functions nested in
them) are not the service's when

* the group is a known tool's command group (`COMMAND_GROUPS`: its command line, its API module, the
  command base) that a declaration file of the project (the root's or a sub-distribution's) registers an
  object under, bound once at its module's top level to a literal the group's shape reads, and the class it
  names derives from the tool's command base (its resolved ancestors);
* no function of the project but the commands' own (tests aside) reaches the method: serving code, tasks,
  programs, module top levels (the command's own module runs at every import of the tool's API) and the
  other tools keep it;
* no module outside the suite's and the command's modules (tests aside) imports the command's module,
  mentions the class, the command's name or its API name (as the tool derives them, `-` and `_` alike),
  and no launch file names the command or API name (`datalad registry-get-urls` in a crontab, a result
  hook's `call-json`); a command the tool also binds as a method of its objects (datalad's
  `@datasetmethod(name=...)`, `ds.name()`) under a name not read here stays;
* no such module that imports the tool looks up attributes by a computed name (`getattr`) or starts
  processes (`subprocess.run(["datalad", cmd])`): a command picked at run time may be any.

Otherwise everything stays, and so does what is reached from the module's top level, which runs in
every process that imports the tool's API. Helpers the commands call in other modules are left to the
rest of scope.py (they are no tool roots: a helper a service module imports stays).
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from itertools import chain
from pathlib import Path
from typing import Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.distributions import module_distributions
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.names import class_ancestors, import_targets, methods, nested_in_any, resolve_name
from prr_lint.project.scripts import declared_in
from prr_lint.project.support import test_modules
from prr_lint.project.texts import run_text


@dataclass(frozen=True)
class CommandGroup:
    """A tool's entry-point group of commands: `program` its command line, `api` the module that binds each
    command under its API name, `bases` the classes every command derives from, `method_binders` the
    decorators that bind a command as a method of the tool's objects (under the name their `name=` gives)."""

    program: str
    api: str
    bases: FrozenSet[str]
    method_binders: FrozenSet[str]


COMMAND_GROUPS: Dict[str, CommandGroup] = {
    "datalad.extensions": CommandGroup(
        "datalad", "datalad.api", frozenset({"datalad.interface.base.Interface"}),
        frozenset({"datalad.distribution.dataset.datasetmethod", "datalad.interface.base.datasetmethod"})),
}
# Calls that start another process, which may run the tool's command line with a computed command.
_PROCESS_STARTS = ("subprocess.", "os.system", "os.popen", "os.exec", "os.spawn", "os.posix_spawn",
                   "asyncio.create_subprocess", "pexpect.", "sh.", "plumbum.", "datalad.cmd.", "datalad.runner.")
# Words of a lookup by a computed name (a builtin's call is no recorded call: its word is asked).
_LOOKUPS = ("getattr", "attrgetter", "methodcaller", "__getattribute__", "__dict__", "vars")


@dataclass(frozen=True)
class _Command:
    cls: str  # the project class
    names: Tuple[str, ...]  # the class's name, the command's and API names, dataset-method names


def extension_command_functions(analysis) -> Set[str]:
    """The methods (nested functions too) of the project's commands of another tool that nothing of the
    service asks for (see the module docstring)."""
    root = getattr(analysis.settings, "root", None)
    if root is None:
        return set()
    declared = [*declared_in(Path(root)), *chain.from_iterable(module_distributions(analysis).values())]
    registered = [(COMMAND_GROUPS[group], value) for group, _, value in declared if group in COMMAND_GROUPS]
    if not registered:
        return set()
    index = analysis.index
    tests = test_modules(index)
    commands: List[Tuple[CommandGroup, _Command]] = []
    rests: Dict[str, str] = {}  # a suite's module -> its text but the suite's binding
    for group, value in registered:
        module, _, attribute = value.split()[0].partition(":")
        suite = index.module_named(module.strip())
        found_commands, rest = _suite_commands(analysis, group, suite, attribute.strip()) if suite else ([], "")
        commands.extend((group, command) for command in found_commands)
        if suite and found_commands:
            rests[suite] = rest if suite not in rests else ""  # two suites in one module: each names the other's
    if not commands:
        return set()
    homes = {index.module_of(command.cls) for _, command in commands}
    own = homes | set(rests)
    others = [index.modules[name] for name in sorted(index.modules) if name not in own and name not in tests]
    launch = [text for text in map(read_launch_text, analysis.derived("launch-files", tuple)) if text]
    launch += [text for suite, text in rests.items() if suite not in homes]  # what else a suite's module says
    found: Set[str] = set()
    for group, command in commands:
        if _dispatches(index, group, others) or _asked_for(analysis, command, others, launch):
            continue
        found.update(name for name in index.functions if nested_in_any(name, {command.cls}))
    if not found:
        return set()
    seeds = [name for name in index.functions if name not in found and index.module_of(name) not in tests]
    return found - set(breadth_first(analysis.graph, seeds, UNBOUNDED))


def _suite_commands(analysis, group: CommandGroup, module: str, attribute: str) -> Tuple[List[_Command], str]:
    """The commands of the suite `module.attribute` whose classes derive from the group's base (none when the
    suite is no literal bound once at the module's top level), and the module's text without the suite's binding."""
    index = analysis.index
    text = run_text(analysis, index.modules[module].path) or ""
    value, rest = _literal(text, attribute)
    specs = value[1] if isinstance(value, (tuple, list)) and len(value) == 2 and isinstance(value[1], (tuple, list)) else ()
    found: List[_Command] = []
    for spec in specs:
        if not (isinstance(spec, (tuple, list)) and 2 <= len(spec) <= 4 and all(isinstance(part, str) for part in spec)):
            continue
        home = index.module_named(spec[0])
        cls = f"{home}.{spec[1]}"
        if home is None or cls not in index.classes or group.bases.isdisjoint(class_ancestors(index, cls)):
            continue
        if _bound_as_method(index, group, cls):
            continue
        last = spec[0].rpartition(".")[2]
        names = {spec[1], last, *spec[2:]}
        names |= {name.replace("-", "_") for name in names} | {name.replace("_", "-") for name in names}
        found.append(_Command(cls, tuple(sorted(names))))
    return found, rest


def _literal(text: str, attribute: str) -> Tuple[object, str]:
    """The literal value of `attribute`'s one binding at the module's top level (None for anything else), and the
    text without that binding."""
    try:
        tree = ast.parse(text)
    except (SyntaxError, ValueError, RecursionError):
        return None, text
    bindings = [node for node in ast.walk(tree) if isinstance(node, ast.Name) and node.id == attribute
                and isinstance(node.ctx, (ast.Store, ast.Del))]
    bindings += [node for node in ast.walk(tree) if isinstance(node, (ast.Global, ast.Nonlocal)) and attribute in node.names]
    bindings += [node for node in ast.walk(tree) if isinstance(node, (ast.Import, ast.ImportFrom))
                 and any((alias.asname or alias.name.partition(".")[0]) == attribute or alias.name == "*" for alias in node.names)]
    assigned = [node for node in tree.body if isinstance(node, ast.Assign) and len(node.targets) == 1
                and isinstance(node.targets[0], ast.Name) and node.targets[0].id == attribute]
    if len(bindings) != 1 or len(assigned) != 1:
        return None, text
    segment = ast.get_source_segment(text, assigned[0]) or ""
    try:
        return ast.literal_eval(assigned[0].value), text.replace(segment, "", 1) if segment else text
    except (ValueError, TypeError, SyntaxError, RecursionError):
        return None, text


def _bound_as_method(index, group: CommandGroup, cls: str) -> bool:
    """A method of the class bears one of the group's method binders (`@datasetmethod(name=...)`): the command is
    also a method of the tool's objects, under a name the per-file pass does not record."""
    return any(resolve_name(index, decorator) in group.method_binders for method in methods(index, cls)
               for decorator in getattr(index.functions.get(method), "decorators", ()))


def _dispatches(index, group: CommandGroup, others: Iterable) -> bool:
    """A module outside the commands (tests aside) that imports the tool looks attributes up by a computed
    name or starts processes: it may run any of the tool's commands."""
    top = group.program
    for module in others:
        if not any(target.partition(".")[0] == top for target in (*import_targets(module), *module.dotted_imports)):
            continue
        calls = {call for function in module.functions.values() for call in function.calls}
        if any(word in module.words for word in _LOOKUPS) or any(call.startswith(_PROCESS_STARTS) for call in calls):
            return True
    return False


def _asked_for(analysis, command: _Command, others: Iterable, launch: List[str]) -> bool:
    """A module outside the commands (tests aside) imports the command's module or mentions one of its names,
    or a launch file names the command."""
    index = analysis.index
    home = index.module_of(command.cls)
    pattern = re.compile("|".join(rf"(?<![\w-]){re.escape(name)}(?![\w-])" for name in command.names))
    for module in others:
        if any(index.module_of(target) == home for target in (*import_targets(module), *module.dotted_imports)):
            return True
        for name in command.names:
            parts = name.replace("-", "_").split("_") if "-" in name else [name]
            if all(part in module.words for part in parts if part) and ("-" not in name or pattern.search(run_text(analysis, module.path) or "")):
                return True
    return any(pattern.search(text) for text in launch)
