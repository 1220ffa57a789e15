"""Whether a function's decorators only wrap it, registering it nowhere: then only a call of its name runs it.

A decorator only wraps when a library table names it (dead_code.py `_WRAPPERS`: `lru_cache`,
`tenacity.retry`) or when it is a module function of the project that its summary tags so, for the
way the function uses it: bare (`@async_maker`) or called, as a factory (`@retrying(3)`); see
wrapper_defs.py. A name that resolves to nothing the project defines, a method, or a project
function without the tag may register what it decorates.
"""

from __future__ import annotations

from typing import AbstractSet

from prr_lint.model import FunctionSummary
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import resolve_name
from prr_lint.wrapper_defs import BARE, CALLED, DECORATOR_USES, FACTORY, PLAIN, WRAPS_ONLY

# How a `def` uses a decorator -> how the decorator must wrap: a name is the decorator, a call makes it.
_USES = {BARE: PLAIN, CALLED: FACTORY}


def only_wrapped(index: ProjectIndex, function: FunctionSummary, table: AbstractSet[str]) -> bool:
    """Every decorator of `function` is one of `table` or a project decorator that only wraps."""
    found = [tag[len(DECORATOR_USES):] for tag in function.tags if tag.startswith(DECORATOR_USES)]
    uses = found[0] if len(found) == 1 else ""
    if len(uses) != len(function.decorators):  # one the summary could not name, or two `def`s: which is which is unknown
        uses = "?" * len(function.decorators)
    return all(name in table or _wraps(index, name, _USES.get(use, "")) for name, use in zip(function.decorators, uses))


def _wraps(index: ProjectIndex, name: str, use: str) -> bool:
    """`name` resolves to a module function of the project that only wraps when used as `use`."""
    resolved = resolve_name(index, name)
    decorator = index.functions.get(resolved)
    return bool(use) and decorator is not None and resolved.rpartition(".")[0] in index.modules and WRAPS_ONLY + use in decorator.tags
