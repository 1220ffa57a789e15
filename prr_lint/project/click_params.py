"""Click commands known by their parameters: the commands of a group that hangs below a library's.

A project's click group may be attached to a group it imports from a library (`@records.group()` below
invenio-records' `records` group, which the library adds to the Flask CLI). Its decorator then names
nothing of click itself, so neither the group nor the commands below it (`@manage.command()`) look like
click by their decorators (entrypoints.py `_cli_group_command` follows only the project's own groups
up to a click decorator). What the commands carry tells: `@click.option`, `@click.argument` and
`@click.pass_context` work only on a click command. So a function attached by `@owner.command()` or
`@owner.group()` that carries one is a click command, the project function it is attached to is a
click group, and so is every function attached to that group, or to one above it.
"""

from __future__ import annotations

from typing import Dict, Set

from prr_lint import frameworks as fw
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import resolve_name

_ATTACH = ("command", "group")
_PARAMETERS = frozenset({
    "click.option", "click.argument", "click.pass_context", "click.pass_obj", "click.confirmation_option",
    "click.password_option", "click.version_option", "click.decorators.option", "click.decorators.argument",
    "click.decorators.pass_context", "click.decorators.pass_obj",
})


def parameter_commands(index: ProjectIndex) -> Set[str]:
    """The project functions that are click commands or groups by the module docstring's rule."""
    attached: Dict[str, Set[str]] = {}  # owner -> the functions attached to it
    found: Set[str] = set()
    for qualname, function in index.functions.items():
        resolved = [fw.canonical(resolve_name(index, decorator)) for decorator in function.decorators]
        owners = {name.rpartition(".")[0] for name in resolved if name.rpartition(".")[2] in _ATTACH and "." in name}
        for owner in owners:
            attached.setdefault(owner, set()).add(qualname)
        if owners and _PARAMETERS.intersection(resolved):
            found.add(qualname)
    commands = {name for names in attached.values() for name in names}
    while True:
        groups = {owner for owner, names in attached.items() if owner in commands and (owner in found or names & found)}
        more = {name for group in groups for name in attached[group]} | groups
        if more <= found:
            return found
        found |= more
