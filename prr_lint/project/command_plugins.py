"""Modules a command loads by path: a data migration (`data_updates/00001_users.py`, `class
DataUpdate(BaseDataUpdate)`) that the `data:upgrade` command compiles from its file and runs as
`module.DataUpdate().apply("forwards")`.

No project module imports such a module, so scope.py would count it as a way into the service
(something loads it by name). What loads it is the code of its base class: when every class of the
module derives from a project class that lives beside command-line commands (a module defining
flask-script, click, Django ... commands) and serving code runs none of that base's methods, the
module runs only in that command, its helpers and top level with it.
"""

from __future__ import annotations

from typing import Dict, List, Set

from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.cli_programs import COMMAND_KINDS
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors, imported_modules, methods
from prr_lint.project.support import test_modules


def command_plugin_functions(analysis: ServingAnalysis, serving: Set[str]) -> Set[str]:
    """Every function (and top level) of a module no project module imports whose classes all derive
    from a base defined beside command classes that `serving` code never runs, `serving` aside."""
    index = analysis.index
    command_modules = {index.module_of(context.qualname) for context in analysis.model.batch_contexts if context.kind in COMMAND_KINDS}
    if not command_modules:
        return set()
    classes: Dict[str, List[str]] = {}
    for name in index.classes:
        classes.setdefault(index.module_of(name), []).append(name)
    skipped = imported_modules(index) | test_modules(index)
    modules = {
        module for module, names in classes.items()
        if module and module not in skipped and not index.modules[module].registrations
        and all(_command_plugin(index, name, command_modules, serving) for name in names)
    }
    prefixes = tuple(f"{module}." for module in modules)
    return {name for name in index.functions if (name in modules or name.startswith(prefixes)) and name not in serving}


def _command_plugin(index: ProjectIndex, cls: str, command_modules: Set[str], serving: Set[str]) -> bool:
    bases = [base for base in class_ancestors(index, cls) if base in index.classes and index.module_of(base) in command_modules]
    return any(defined and not serving.intersection(defined) for defined in (list(methods(index, base)) for base in bases))
