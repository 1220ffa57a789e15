"""Command classes: the methods of a class that parses the process's command line (part of the
`scope = "serving"` filter, scope.py `NonServing.leaves_output`).

PRR401 leaves out output in such methods: it answers the person who typed the command (modoboa's
`Command`, which `modoboa-admin.py deploy` runs; carbon's Twisted `usage.Options`). Which classes
those are is read from the summaries alone (the argparse/optparse calls of a class's lineage, a
Twisted options base); scope.py only says what counts as long-running.
"""

from __future__ import annotations

from typing import Callable, Dict, List

from prr_lint.project.names import class_ancestors, resolve_name
from prr_lint.rules.how_it_runs import ARGUMENT_PARSERS

_OPTIONS_CLASS = "twisted.python.usage.Options"  # Twisted's command-line parser, subclassed per program


def command_classes(index, long_running: Callable[[str], bool]) -> Dict[str, str]:
    """The methods of command classes: a project class whose methods (or a project base's) build
    an argparse/optparse parser and parse the command line with it (`self._parser =
    ArgumentParser()`, `self._parser.parse_args(cmdline)`: modoboa's `Command`, which
    `modoboa-admin.py deploy` runs), or a Twisted `usage.Options` (carbon's `start|stop|status`
    action), unless one of them starts a server or loops forever (`long_running`)."""
    methods: Dict[str, List[str]] = {}
    for name in index.functions:
        owner = name.rpartition(".")[0]
        if owner in index.classes:
            methods.setdefault(owner, []).append(name)
    parsing = set()
    for cls, names in methods.items():
        calls = {call for name in names for call in index.functions[name].calls}
        if calls & ARGUMENT_PARSERS and any(call.endswith((".parse_args", ".parse_known_args")) for call in calls) \
                or any(resolve_name(index, base) == _OPTIONS_CLASS for base in index.classes.get(cls, ())):
            parsing.add(cls)
    found: Dict[str, str] = {}
    for cls in sorted(methods) if parsing else ():
        lineage = [cls, *(base for base in class_ancestors(index, cls) if base in methods)]
        if not parsing & set(lineage):
            continue
        own = [name for base in lineage for name in methods[base]]
        if not any(long_running(name) for name in own):
            found.update((name, f"command class `{cls}`") for name in methods[cls])
    return found
