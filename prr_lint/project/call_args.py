"""The argument codes of the index's functions' calls (`call-args:<callee>=<codes>` tags, rules/param_guards.py).

Read from the index's table of tags by kind (ProjectIndex.tagged), sorted once per run: the checks that weigh
what calls pass (report switches, start-up bindings) ask for every function, and few carry such tags.
"""

from __future__ import annotations

from typing import List, Tuple

from prr_lint.project.index import ProjectIndex
from prr_lint.rules.param_guards import CALL_ARGS


def passed_arguments(index: ProjectIndex, qualname: str) -> List[Tuple[str, str]]:
    """(callee, argument codes as written) of each of the function's `call-args:` tags, in order."""
    return [(callee, codes) for callee, _, codes in (rest.partition("=") for rest in index.tagged(CALL_ARGS).get(qualname, ()))]
