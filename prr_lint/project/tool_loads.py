"""The command modules a person's program loads by a computed name: its subcommands (scope.py).

clusterfuzz's `butler.py` parses its command line and runs `importlib.import_module(f"local.butler.{args.command}")`
then `command.execute(args)`: the modules under the literal start of a loader in the program's module (module_loads.py's
mark, read by name_loads.py) are the program's commands, though no call the graph sees ties them to it. When the program is a
tool (a root scope.py keeps: no deployment file runs it), so are the functions of those modules, unless serving
code reaches them or a module of the service (not a test, not the tool's own, not another loaded one) imports
from them. A loader with no literal start (`import_module(name)`) names no module here.
"""

from __future__ import annotations

from typing import Dict, Mapping, Set

from prr_lint.project.name_loads import loaded_by_name
from prr_lint.project.support import test_modules


def loaded_command_roots(analysis, tools: Mapping[str, str], serving: Set[str]) -> Dict[str, str]:
    """Module function -> its reason, for the command modules the tool roots load by name (module docstring)."""
    index = analysis.index
    tests = test_modules(index)
    found: Dict[str, str] = {}
    homes: Dict[str, str] = {}  # the tool's module -> its first root
    for root, why in sorted(tools.items()):
        if why != "batch context":
            homes.setdefault(index.module_of(root), root)
    for home, root in sorted(homes.items()):
        loaded = loaded_by_name(analysis, [home], frozenset()) - tests - {home}  # the mark is the module's own
        if not loaded:
            continue
        used = {seen for name, module in index.modules.items() if name not in loaded and name not in tests and name != home
                for target in module.imports.values() for seen in (target, index.module_of(target))}
        for module in sorted(loaded - used):
            for name in index.modules[module].functions:
                if name.rpartition(".")[0] == module and name not in serving and name not in tools:
                    found.setdefault(name, f"command `{root}` loads by name")
    return found
