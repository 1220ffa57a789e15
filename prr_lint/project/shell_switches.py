"""A start script's branch that an environment switch, which no shipped file turns on, leaves unrun.

signals' compose service runs `initialize.sh`, which loads dummy areas only inside `if [[
${INITIALIZE_WITH_DUMMY_DATA:-0} == 1 ]]; then ... fi`. Unset, the variable is its default `0`, the test
is false, and the branch runs nothing. When no deployment file gives the variable a value that makes the
test true (`INITIALIZE_WITH_DUMMY_DATA=1` in an env file, `ENV` in a Dockerfile, a compose or manifest
environment entry, an `export` in a script), the deployment as shipped never takes the branch: the
`manage.py load_areas` lines inside are a developer's switch, not what the deployment runs (schedules.py).
A value that turns it on, or one that cannot be read (another variable, a template), keeps the branch, and
so does a test of any other shape. Only a switch written with its default (`${NAME:-0}`, `${NAME-0}`) counts:
the script's author said what the variable is when nothing sets it, where a bare `$ROLE` is usually set by an
orchestrator outside the repository (a Helm values file of another repository, a platform's environment). An `if` with an `else` or `elif` keeps all its lines: only a branch with
no alternative is blanked. Lines stay where they were.
"""

from __future__ import annotations

import re
from typing import Iterable, List

from prr_lint.project.shipped_values import shipped_values

# `if [[ ${NAME:-0} == 1 ]]; then`, `if [ "${NAME-0}" -eq 1 ]; then`, one line each; a bare `$NAME` matches too but
# is never blanked (module docstring).
_SWITCH = re.compile(
    r"""^[ \t]*if[ \t]+\[\[?[ \t]+"?\$(?:\{(\w+)(?::?-([\w.-]*))?\}|(\w+))"?[ \t]+(==|=|-eq)[ \t]+["']?([\w.-]*)["']?"""
    r"""[ \t]+\]\]?[ \t]*(?:;[ \t]*then)?[ \t]*$""")
_IF = re.compile(r"^[ \t]*if[ \t]")
_FI = re.compile(r"^[ \t]*fi(?:[ \t;]|$)")
_ELSE = re.compile(r"^[ \t]*(?:else|elif)(?:[ \t;]|$)")
# A substitution with its default, as the shell expands it while the variable is unset: `${K:-1}` ships `1`.
_DEFAULTED = re.compile(r"\$\{\w+:?-([^}\n]*)\}")


def unswitched_text(text: str, others: Iterable[str]) -> str:
    """`text` of a shell script with the bodies of the `if` branches an environment switch that neither it
    nor `others` (the deployment's other files) turns on leaves unrun blanked (module docstring)."""
    lines = text.splitlines()
    if not any(_SWITCH.match(line) for line in lines):
        return text
    shipped = [_DEFAULTED.sub(r"\1", each) for each in (text, *others)]
    blanked = False
    for start, line in enumerate(lines):
        switch = _SWITCH.match(line)
        if switch is None:
            continue
        if switch.group(2) is None:
            continue
        name, default, compared = switch.group(1), switch.group(2), switch.group(5)
        end = _branch_end(lines, start)
        if end is None or _equal(default, compared, switch.group(4)):
            continue
        values = shipped_values(shipped, name, lower=False)
        if all(re.fullmatch(r"[\w.-]*", value) and not _equal(value, compared, switch.group(4)) for value in values):
            lines[start + 1:end] = [""] * (end - start - 1)
            blanked = True
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "") if blanked else text


def _branch_end(lines: List[str], start: int):
    """The line of the `fi` closing the `if` at `start`, or None when it has an `else`/`elif` or no `fi`."""
    depth = 0
    for number in range(start + 1, len(lines)):
        line = lines[number]
        if _IF.match(line):
            depth += 1
        elif _FI.match(line):
            if depth == 0:
                return number
            depth -= 1
        elif depth == 0 and _ELSE.match(line):
            return None
    return None


def _equal(value: str, compared: str, operator: str) -> bool:
    """The test `value OPERATOR compared` holds (`-eq` compares integers; a non-integer fails it, as the shell's test errs)."""
    if operator != "-eq":
        return value == compared
    return value.lstrip("-").isdigit() and compared.lstrip("-").isdigit() and int(value) == int(compared)
