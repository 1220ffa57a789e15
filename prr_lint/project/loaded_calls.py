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
"""

from __future__ import annotations

from typing import FrozenSet

from prr_lint.project.param_guards import untyped_call_sites
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
    called = {local for local, sites in untyped_call_sites(index).items()
              if any(index.module_of(caller) not in tests for caller, _ in sites)}
    if not called:
        return frozenset()
    imported = loaded_otherwise(analysis, tests)
    loaders = Loaders(analysis)
    found = set()
    for name, module in index.modules.items():
        if name in tests or name in imported:
            continue
        prefix = f"{name}."
        locals_ = {qualname: qualname[len(prefix):] for qualname in module.functions if qualname.startswith(prefix)}
        if any(local in called for local in locals_.values()) and loaders.may_load(name):
            found.update(qualname for qualname, local in locals_.items() if local in called)
    return frozenset(found)
