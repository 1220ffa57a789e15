"""Click groups a program loads by name: the subcommands of a `click.MultiCommand` that imports them.

A program may find its subcommands at run time instead of attaching them: buildgrid's `bgd` is
`@click.command(cls=App)`, and `App.get_command(name)` imports
`buildgrid._app.commands.cmd_<name>` and returns that module's `cli` group. No decorator and no
`add_command` ties `bgd execute` or `bgd server` to `bgd`, so each looks like a program of its own,
and the server's siblings are not seen as such (served_commands.py).

The tie is read from what the program's module does: it defines a subclass of click's group
classes (`click.MultiCommand`, `click.Group`, ...) and imports modules by a computed name whose
literal start is a package prefix (module_loads.py's mark). Its one top-level click command or group
is the program; the top-level click groups and commands of the project's modules under that prefix
are its subcommands. A module with more than one top-level click command or group is left alone:
which one the custom class is is not known.
"""

from __future__ import annotations

from typing import Dict, List, Set

from prr_lint.module_loads import ENDING, LOADS_MODULES_BY_NAME, SETTING
from prr_lint.project.names import class_ancestors

_GROUP_CLASSES = frozenset({
    "click.MultiCommand", "click.Group", "click.CommandCollection",
    "click.core.MultiCommand", "click.core.Group", "click.core.CommandCollection",
})
_TOP_DECORATORS = frozenset({"click.command", "click.group", "click.core.command", "click.core.group"})


def loaded_groups(analysis) -> Dict[str, str]:
    """Top-level click command or group -> the program whose group class loads its module by name (indexed once)."""
    return analysis.derived("click-loaded-groups", lambda: _build(analysis))


def _build(analysis) -> Dict[str, str]:
    index = analysis.index
    tops: Dict[str, List[str]] = {}  # module -> its top-level click commands and groups
    for name, function in index.functions.items():
        if _TOP_DECORATORS.intersection(function.decorators):
            tops.setdefault(index.module_of(name), []).append(name)
    loaders: Dict[str, Set[str]] = {}  # module with a click group class -> the prefixes it loads
    for name in index.classes:
        module = index.module_of(name)
        if module in tops and _GROUP_CLASSES.intersection(class_ancestors(index, name)) and module in index.functions:
            loaders[module] = {tag[len(LOADS_MODULES_BY_NAME):] for tag in index.functions[module].tags
                               if tag.startswith(LOADS_MODULES_BY_NAME)}
    found: Dict[str, str] = {}
    for module, prefixes in sorted(loaders.items()):
        prefixes = {prefix for prefix in prefixes if prefix and not prefix.startswith((ENDING, SETTING))}
        if len(tops[module]) != 1 or not prefixes:
            continue
        program = tops[module][0]
        for other, names in tops.items():
            if other != module and any(other.startswith(prefix) for prefix in prefixes):
                found.update((name, program) for name in names)
    return found
