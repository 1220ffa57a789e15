"""The project modules the service's computed-name loaders may load (module_loads.py, module_walks.py).

A loader's literal start names the modules under it (`importlib.import_module(f"jobs.{name}")`), a
literal end the modules ending so, a Django setting the dotted paths the project's settings assign it,
and a walk over a plug-in folder the modules its guard admits. A name with none of these (a loop over
`settings.PLUGINS.split(",")`, a folder of the user's own tools) is taken to load a module only a name
can load: one no module beyond tests imports (by its name or by the end of it), that is no program
(a `__main__` block, a `#!` line) and defines no command-line command. Those are what such a loader exists for (a plug-in a settings
string names); a module the project imports is loaded by its import, and its functions are reached
through calls the call graph follows, or not at all (a client SDK beside the server, an operator's
script the service never runs: cve-search's `bin/cve_refs.py` beside `lib.Authentication`'s
`import_module("lib.authenticationMethods.%s" % method)`).
"""

from __future__ import annotations

from typing import FrozenSet, Iterable, Set

from prr_lint.model import RUN_AS_PROGRAM
from prr_lint.module_loads import ENDING, LOADS_MODULES_BY_NAME, SETS_PATH, SETTING
from prr_lint.module_walks import WALKS_MODULES, admits, parse_walk
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.support import test_modules
from prr_lint.project.walked_modules import loaded_otherwise, may_load, walked_name


def loaded_by_name(analysis: ServingAnalysis, running: Iterable[str], nameless: FrozenSet[str]) -> Set[str]:
    """The project modules that the computed-name loaders in `running` (module top levels and
    functions the service runs) may load; `nameless` are those a name with no literal start may load
    (`only_by_name`)."""
    index = analysis.index
    marks = {tag for name in running if name in index.functions for tag in index.functions[name].tags
             if tag.startswith((LOADS_MODULES_BY_NAME, WALKS_MODULES))}
    found: Set[str] = set()
    for mark in sorted(marks):
        if mark.startswith(WALKS_MODULES):
            walk = parse_walk(mark)
            pool = index.modules if walk is not None and (walk[0] is not None or walk[2] is not None) else nameless
            found.update(name for name in pool if walk is None or (
                (seen := walked_name(walk, name)) is not None and admits(walk[1], seen, _package(index, name)) is not False))
            continue
        prefix = mark[len(LOADS_MODULES_BY_NAME):]
        if prefix.startswith(SETTING):
            paths = setting_values(analysis, prefix[len(SETTING):])
            found.update(name for path in paths for name in (path, path.rpartition(".")[0]) if name in index.modules)
            found.update(() if paths else nameless)  # a setting the source does not spell
        elif prefix and prefix != ENDING:
            found.update(name for name in index.modules if may_load(prefix, name))
        else:
            found.update(nameless)
    return found


def only_by_name(analysis: ServingAnalysis, elsewhere: FrozenSet[str]) -> FrozenSet[str]:
    """The modules only a computed name can load: no module but tests imports them (nor an entry
    point group or console script names them), they are not in `elsewhere` (modules something other
    than an import statement loads or runs: a module imported by the end of its name, a command's
    module) and no program."""
    index = analysis.index
    tests = test_modules(index)
    loaded = loaded_otherwise(analysis, tests)
    return frozenset(name for name, module in index.modules.items()
                     if name not in loaded and name not in tests and name not in elsewhere and not module.script_calls
                     and RUN_AS_PROGRAM not in getattr(index.functions.get(name), "tags", ()))


def setting_values(analysis: ServingAnalysis, setting: str) -> Set[str]:
    """The dotted paths the project's modules assign to the setting `setting` at their top level."""
    mark = f"{SETS_PATH}{setting}="
    return {tag[len(mark):] for module in analysis.index.modules for tag in getattr(analysis.index.functions.get(module), "tags", ())
            if tag.startswith(mark)}


def _package(index, name: str) -> bool:
    return index.modules[name].path.endswith("__init__.py")
