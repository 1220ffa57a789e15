"""Plug-ins of a desktop GUI program: modules its plug-in manager loads, beside a service.

A project may ship a desktop client beside its server (King Phisher's GTK client, `python -m
king_phisher.client`, beside `KingPhisherServer`), and with it plug-ins the client's manager finds in a
folder and loads by path (`data/client/king_phisher/plugins/check_for_updates.py`, `class
Plugin(plugins.ClientPlugin)`, which asks GitHub for a newer release when the user logs in). No module
imports a plug-in, so scope.py keeps it as something that may load it; what loads it is the GUI.

A program is a desktop GUI when what it reaches builds a GUI application and runs its event loop
(desktop_programs.py). A module no project module imports (tests aside) whose every class derives
from a project class defined in a module that GUI runs code of or imports from one it does, and the service
does not (neither serving code, the service's programs nor what the deployment runs) is the GUI's plug-in: its
functions are not the service's, unless the service reaches them.
"""

from __future__ import annotations

from typing import Iterable, Set

from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.desktop_programs import builds_gui, desktop_program
from prr_lint.project.names import class_ancestors, imported_modules, nested_in_any
from prr_lint.project.support import test_modules


def gui_plugin_functions(analysis, roots: Iterable[str], service: Iterable[str]) -> Set[str]:
    """The functions of the plug-in modules of the desktop GUIs among the tool `roots`; `service` are the
    serving code, the service's programs and what the deployment runs (scope.py)."""
    index, graph = analysis.index, analysis.graph
    if not any(builds_gui(index, function) for function in index.functions.values()):
        return set()  # no GUI anywhere: nothing to walk
    guis = sorted(root for root in roots if desktop_program(analysis, [root], index.modules))
    if not guis:
        return set()
    kept = set(breadth_first(graph, sorted(service), UNBOUNDED))
    gui_modules = _with_imports(index, breadth_first(graph, guis, UNBOUNDED)) - _with_imports(index, kept)
    skipped = imported_modules(index) | test_modules(index)
    classes: dict = {}
    for name in index.classes:
        classes.setdefault(index.module_of(name), []).append(name)
    plugins = {module for module, names in classes.items() if module and module not in skipped and module in index.modules
               and all(_gui_based(index, name, gui_modules) for name in names)}
    return {name for name in index.functions if (name in plugins or nested_in_any(name, plugins)) and name not in kept}


def _with_imports(index, functions: Iterable[str]) -> Set[str]:
    """The modules of `functions` and the project modules they import: the GUI's manager runs in a callback
    (`do_startup`) the call graph does not follow, in a module the program's own imports."""
    modules = {index.module_of(name) for name in functions}
    return modules | {found for module in modules if module in index.modules
                      for target in index.modules[module].imports.values()
                      for found in (target, index.module_of(target)) if found in index.modules}


def _gui_based(index, cls: str, gui_modules: Set[str]) -> bool:
    return any(base in index.classes and index.module_of(base) in gui_modules for base in class_ancestors(index, cls))
