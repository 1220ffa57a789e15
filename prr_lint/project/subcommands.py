"""The subcommands of a click or typer program: the group each is attached to, and the names a
deployment's command line calls it by.

A click command is attached to its group by the group's decorator (`@main.command(name="serve")`,
`@controller.command()` below `@main.group()`) or by the group's `add_command` (`jmp.add_command(run)`
in the program's module, the command defined in a module of its own) or by the program's group class that
imports it by name (loaded_commands.py), a typer command by its app's
(`@app.command()`); a
group's callback (the click group function, a typer app's `@app.callback()`) runs before each of its
commands. A command goes by its function's name, with dashes for underscores, or by the name its
decorator gives; the program by its console scripts whose target is the program's own group, or by a
module whose `__main__` block calls it: `-m` and its name, or its file's name (a script setup.py's `scripts=`
installs, `svc-admin run` in a systemd unit for `scripts/svc-admin`).
"""

from __future__ import annotations

import re
from typing import Dict, Hashable, List, Optional, Set

from prr_lint.project.loaded_commands import loaded_groups
from prr_lint.project.texts import run_text
from prr_lint.receivers import NAMED_ON_OWNER

TYPER_COMMAND = "typer.Typer.command"
TYPER_CALLBACK = "typer.Typer.callback"  # runs before every command of its app
SUBCOMMAND_KINDS = frozenset({"click", "typer"})
_ATTACH = ("command", "group")  # click's `@group.command()` / `@group.group()`
_ADD = "add_command"  # click's `group.add_command(command)`
_NAME = re.compile(r"""(?:\.(?:command|group)\(\s*|\bname\s*=\s*)["']([\w:.-]+)["']""")
# Between a program's name and its subcommand's on a command line: options and their values, group
# names, an exec form's quotes, commas and brackets, a YAML list's dashes, a Dockerfile's `CMD` after
# its `ENTRYPOINT`. The two classes share no character, so a match costs the length of the words it spans.
_SEPARATOR = r"""["',\[\]\s]+"""
_WORD = r"""[^"',\[\]\s]+"""
_GAP = 6  # words allowed between the program's name and the subcommand's


def group_of(analysis, name: str) -> Optional[Hashable]:
    """The group a command is attached to: a click group's function, or (module, typer) for a typer
    app's commands; None for a group of its own (`@click.group()`)."""
    index = analysis.index
    for decorator in index.functions[name].decorators if name in index.functions else ():
        if decorator == TYPER_COMMAND:
            return index.module_of(name), TYPER_COMMAND
        group, _, attach = decorator.rpartition(".")
        if attach in _ATTACH and index.canonical(group) in index.functions:
            return index.canonical(group)
    return _added(analysis).get(name) or loaded_groups(analysis).get(name)


def _added(analysis) -> Dict[str, str]:
    """Command -> the click group whose `add_command` attaches it, both project functions (indexed once)."""
    def build() -> Dict[str, str]:
        index = analysis.index
        found: Dict[str, str] = {}
        for function in index.functions.values():
            for callee, slot, value in function.arguments:
                group, _, method = callee.rpartition(".")
                if method == _ADD and slot.lstrip(NAMED_ON_OWNER) == "0" and (group := index.canonical(group)) in index.functions:
                    command = index.canonical(value)
                    if command in index.functions and command != group:
                        found.setdefault(command, group)
        return found
    return analysis.derived("click-added-commands", build)


def groups_above(analysis, name: str) -> List[Hashable]:
    """`name` and the groups above it, the program's own group (or typer app) last."""
    chain: List[Hashable] = [name]
    while isinstance(chain[-1], str) and (parent := group_of(analysis, chain[-1])) is not None and parent not in chain:
        chain.append(parent)
    return chain


def command_line(analysis, name: str, bare: bool = False) -> str:
    """A pattern for a command line that runs the subcommand `name` (a regular expression that runs in
    linear time): one of the program's names, a few words, then one of the subcommand's names; with
    `bare`, the subcommand's name alone when the program's is unknown (else "": no pattern)."""
    top = groups_above(analysis, name)[-1]
    graph, index = analysis.graph, analysis.index

    def runs_program(target: Optional[str]) -> bool:
        return target == top or (isinstance(top, tuple) and target is not None and index.module_of(target) == top[0])

    programs = sorted(re.escape(script) for target, script in analysis.console_scripts.items() if runs_program(graph.target(target) or target))
    for module in index.modules.values():
        if any(runs_program(graph.target(call) or call) for call in module.script_calls):
            programs.extend(_main_names(module.module, module.path))
    if not programs and not bare:
        return ""
    return _pattern(analysis, name, programs)


def _main_names(module: str, path: str) -> List[str]:
    """Patterns for the ways a command line runs a module whose `__main__` block calls the program: `-m package`,
    and its file, by path or on PATH (`python svc/cli.py`, the `bin/svc-admin` that setup.py's `scripts=` installs
    or an image copies, run as `svc-admin`): the file name program_runs.py ties to the project's file."""
    package = module[: -len(".__main__")] if module.endswith(".__main__") else module
    found = [rf"-m\s+{re.escape(package)}"] if all(part.isidentifier() for part in package.split(".")) else []
    file_name = path.replace("\\", "/").rpartition("/")[2]
    return found + ([rf"(?:[\w.-]*/)*{re.escape(file_name)}"] if file_name and file_name != "__main__.py" else [])


def app_command_line(analysis, name: str) -> str:
    """A pattern for a command line that runs `name` as a command of a Flask or Quart app's CLI: `flask`
    (or `quart`), a few words (options, the app, the groups above it: `flask --app svc users sync`,
    exec form too), then one of its names. A click group the app attaches (`app.cli.add_command(data)`)
    is run so too."""
    return _pattern(analysis, name, [r"(?:[\w.-]*/)*(?:flask|quart)"])  # `/app/.venv/bin/flask` too


def _pattern(analysis, name: str, programs: List[str]) -> str:
    names = "|".join(sorted(map(re.escape, _names(analysis, name))))
    lead = f"(?:{'|'.join(programs)})(?:{_SEPARATOR}{_WORD}){{0,{_GAP}}}?{_SEPARATOR}" if programs else ""
    return rf"(?<![\w/.-]){lead}(?:{names})(?![\w.:=-])"


def _names(analysis, name: str) -> Set[str]:
    """The names a subcommand goes by (see the module docstring), its decorators read from the text."""
    local = name.rpartition(".")[2]
    names = {local, local.replace("_", "-")}
    function = analysis.index.functions[name]
    module = analysis.module_of(name)
    text = _module_text(analysis, module.path) if module is not None and function.line else None
    lines = text.splitlines()[: function.line - 1] if text else []
    block: List[str] = []
    while lines and lines[-1].strip() and not lines[-1].lstrip().startswith(("def ", "async def ", "class ")):
        block.append(lines.pop())
    names.update(_NAME.findall("\n".join(block)))
    return names


def _module_text(analysis, path: str) -> Optional[str]:
    """A module's text: the run's source (read once at discovery), or the file under the root."""
    texts: Dict[str, Optional[str]] = analysis.derived("subcommand-texts", dict)
    if path not in texts:
        texts[path] = run_text(analysis, path)
    return texts[path]
