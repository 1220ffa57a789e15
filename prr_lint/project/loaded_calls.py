"""Module functions a plug-in's loader calls by name: the functions of a module only a computed-name
or by-path loader loads, that code calls on a receiver of no known type.

A server that imports its plug-ins by a computed name keeps each module object in a table and calls
the function every plug-in defines through it (misp-modules: `importlib.import_module(name)` into
`MODULES_HANDLERS`, then `MODULES_HANDLERS[name].handler(q)`). No file that can reach a plug-in's module
names it, so by its words the plug-in's `handler` would be dead (dead_code.py); the untyped call of its
name is its call. Only in such modules: a module some file imports is reached through that import and
the calls the graph follows, and a call of the name on an unknown receiver elsewhere is some other
object's (fixcore's `config_handler.delete_config(...)` beside a `config.delete_config` nothing loads).
Which modules a loader may load is unloaded_files.py's `Loaders` (a literal start or end, a plug-in
folder walk, a name computed whole, a load by path); which ones a file imports, walked_modules.py's
`loaded_otherwise`. Calls in tests, and loaders in tests, count for nothing.

A loader whose name the command line gives (`import_module(".utilities." + sys.argv[1], package="svc")`,
then `module.main(sys.argv[2:])`: module_loads.py) runs the subcommand the person or the deployment types,
not every module it could load: such a loader loads a module only when a deployment command names it as
that word (`./utility applications.wsgi` names `svc.applications.wsgi`; ORES's `precached` daemon, which
no deployment file starts, is no service), a dotted tail of its name past the loader's literal start (past
its literal end too: `import_module(args.app + ".tasks")`); with no deployment file nothing is known, and
it may load any. A call on what such a loader returned (`module.main(...)`) is a call of that module
alone, whatever other loaders may load; and a loader no code runs, in a module function nothing names
(ORES's `import_from_path` helper), loads nothing (`Loaders`' `running`).
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Set

from prr_lint.module_loads import CALLS_COMMAND_LINE_MODULE, ENDING
from prr_lint.project.deployed_subcommands import COMMAND_WORD
from prr_lint.project.param_guards import untyped_call_sites
from prr_lint.project.schedules import Deployment
from prr_lint.project.support import test_modules
from prr_lint.project.unloaded_files import Loaders
from prr_lint.project.walked_modules import loaded_otherwise


def loaded_calls(analysis) -> FrozenSet[str]:
    """The module functions of modules only a computed-name or by-path loader loads (no non-test file
    imports them) whose name a non-test function calls on a receiver of no known type; built once."""
    return analysis.derived("loaded-calls", lambda: _loaded_calls(analysis))


def _loaded_calls(analysis) -> FrozenSet[str]:
    index = analysis.index
    tests = test_modules(index)
    called = _called(index, tests)
    if not called:
        return frozenset()
    imported = loaded_otherwise(analysis, tests)
    loaders = Loaders(analysis, running=True)
    found = set()
    for name, module in index.modules.items():
        if name in tests or name in imported:
            continue
        prefix = f"{name}."
        locals_ = {qualname: qualname[len(prefix):] for qualname in module.functions
                   if qualname.startswith(prefix) and qualname[len(prefix):] in called}
        if not locals_:
            continue
        if _picked(analysis, loaders, name):
            found.update(locals_)
        elif any(called[local] for local in locals_.values()) and loaders.may_load(name, command_line=False):
            # a call of the name on a receiver no command line picked may be on a module any other loader loaded
            found.update(qualname for qualname, local in locals_.items() if called[local])
    return frozenset(found)


def loaded_functions(analysis, local: str) -> FrozenSet[str]:
    """The module functions named `local` of the modules only a computed-name or by-path loader loads (tests
    aside): what `module.<local>` may be on a module object such a loader returned (project/join_deadline.py)."""
    modules = analysis.derived("loadable-modules", lambda: _loadable(analysis))
    return frozenset(qualname for qualname in (f"{module}.{local}" for module in modules) if qualname in analysis.index.functions)


def _loadable(analysis) -> FrozenSet[str]:
    """The non-test modules no non-test file imports that a loader code runs may load."""
    index = analysis.index
    tests = test_modules(index)
    imported = loaded_otherwise(analysis, tests)
    loaders = Loaders(analysis, running=True)
    return frozenset(name for name in index.modules if name not in tests and name not in imported
                     and (_picked(analysis, loaders, name) or loaders.may_load(name, command_line=False)))


def _called(index, tests) -> Dict[str, bool]:
    """Name -> whether some non-test call of it on a receiver of no known type is on one other than the module a
    loader whose name the command line gives returned, for each name some non-test code calls so."""
    picked = {name: {tag[len(CALLS_COMMAND_LINE_MODULE):] for tag in index.functions[name].tags if tag.startswith(CALLS_COMMAND_LINE_MODULE)}
              for name in index.modules if name in index.functions}
    found: Dict[str, bool] = {}
    for local, sites in untyped_call_sites(index).items():
        owners = [owner for owner in (index.module_of(caller) for caller, _ in sites) if owner not in tests]
        if owners:
            found[local] = any(local not in picked.get(owner, ()) for owner in owners)
    return found


def _picked(analysis, loaders: Loaders, module: str) -> bool:
    """A loader whose name the command line gives may load the module, and the deployment's commands name it (or
    there is no deployment file to tell)."""
    prefixes = loaders.command_line_loads(module)
    if not prefixes:
        return False
    words = analysis.derived("deployment-command-words", lambda: _command_words(analysis))
    return words is None or any(_tails(module, prefix) & words for prefix in prefixes)


def _command_words(analysis) -> Optional[Set[str]]:
    """The words of the deployment's commands (schedules.Deployment: the launch files a deployment runs, not
    development ones); None when there is none."""
    deployment: Deployment = analysis.derived("deployment", lambda: Deployment(analysis))
    return set(COMMAND_WORD.findall(deployment.text)) if deployment.text else None


def _tails(module: str, prefix: str) -> Set[str]:
    """The words a command may name the module by to a loader of this literal start: the dotted tails of its
    name past the start (`svc.utilities.precached` past `svc.`: `utilities.precached`, `precached`), and past
    a literal end, without it."""
    if prefix.startswith(ENDING):
        end = prefix[len(ENDING):]
        module, prefix = (module[:-len(end)] if end and module.endswith(end) else module), ""
    parts = module[len(prefix):].split(".") if module.startswith(prefix) else module.split(".")
    return {".".join(parts[start:]) for start in range(len(parts)) if parts[start:] != [""]}
