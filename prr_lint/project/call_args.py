"""The argument codes of the index's functions' calls (`call-args:<callee>=<codes>` tags, rules/param_guards.py).

Read from the index's table of tags by kind (ProjectIndex.tagged), sorted once per run: the checks that weigh
what calls pass (report switches, start-up bindings, the commands `call_command` runs) ask for every function,
and few carry such tags.
"""

from __future__ import annotations

from typing import List, Tuple

from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import resolve_name
from prr_lint.rules.param_guards import CALL_ARGS

CALL_COMMAND = "django.core.management.call_command"


def passed_arguments(index: ProjectIndex, qualname: str) -> List[Tuple[str, str]]:
    """(callee, argument codes as written) of each of the function's `call-args:` tags, in order."""
    return [(callee, codes) for callee, _, codes in (rest.partition("=") for rest in index.tagged(CALL_ARGS).get(qualname, ()))]


def called_command_names(index: ProjectIndex, qualname: str) -> List[str]:
    """The management command names the function passes to Django's `call_command` as a literal, one per call:
    what a task or a tool runs by name (schedules.py), and a mention of a task's name that sends nothing
    (unsent_tasks.py)."""
    found = []
    for callee, codes in passed_arguments(index, qualname):
        first = codes.split(",", 1)[0]
        if first.startswith("s") and resolve_name(index, callee) == CALL_COMMAND:
            found.append(first[1:])
    return found
