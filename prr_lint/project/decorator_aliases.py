"""Decorators of the project that are a framework's decorator under another name, replaced by it in the index.

kotori's tasks decorate with `@task` from `tasks/util.py`, `def task(f): f.__annotations__ = {}; return
invoke.task(f)`: each is an invoke task as if it were written `@invoke.task`. The per-file phase tags such an
alias with the decorator it hands its function to (prr_lint/decorator_aliases.py); here each decorator name of
every function that resolves to one (through imports and re-exports, and through an alias of an alias) is
replaced by that decorator's name, when the index is built, so entry points, batch contexts, commands and every
other reader of decorators see the framework's decorator, for any framework, without knowing aliases exist.
Only the index's own copies of the summaries change (the per-file results stay as the cache holds them).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any, Dict, List

from prr_lint.decorator_aliases import DECORATES_AS

# The project index (index.py), which runs `unalias_decorators` as it is built: named here only as `Index`, as
# index.py imports this module.
Index = Any
_MAX_HOPS = 5  # an alias of an alias ...; a loop of aliases decorates as nothing known


def unalias_decorators(index: Index) -> None:
    """Put in place of each decorator that is an alias the decorator it stands for."""
    aliases = index.tagged(DECORATES_AS)
    if not aliases:
        return
    for module in list(index.modules.values()):
        changed = {}
        for qualname, function in module.functions.items():
            if not function.decorators:
                continue
            names = tuple(_target(index, aliases, name) for name in function.decorators)
            if names != function.decorators:
                changed[qualname] = replace(function, decorators=names)
        if not changed:
            continue
        for qualname, function in changed.items():
            if index.functions.get(qualname) is module.functions[qualname]:
                index.functions[qualname] = function
        copy = replace(module, functions={**module.functions, **changed})
        if index.modules.get(module.module) is module:
            index.modules[module.module] = copy
        index.by_path[module.path] = copy


def _target(index: Index, aliases: Dict[str, List[str]], name: str) -> str:
    """The decorator `name` stands for: itself unless it resolves to an alias."""
    for _ in range(_MAX_HOPS):
        alias = index.canonical(name)
        if alias not in aliases:
            return name
        name = aliases[alias][0]
    return name
