"""Whether a project function's return is a switch that is off (`returns:` keys, rules/returned_switches.py).

`host = get_varnish_host(); if host is None: return` runs on only when the helper returns something; the helper's
`returns-when:`/`returns-read:` tags list, for each of its returns of something other than `None`, the keys any one of
which, if off, keeps that return from running (or makes its value a false one). The key is off when the helper is a
module-level function of the project (a method may be overridden, a name not the project's is a library's), outside
tests, and each of its tags has a key that is off. An `is not None` test (`returns-set:`) is settled only by
`returns-when:` tags: a returned key's off value may be `False`, which is not `None`.
"""

from __future__ import annotations

from typing import Callable

from prr_lint.project.index import ProjectIndex
from prr_lint.switch_keys import RETURNS, RETURNS_READ, RETURNS_SET, RETURNS_WHEN


def returned_off(index: ProjectIndex, key: str, off: Callable[[str], bool]) -> bool:
    """The helper a `returns:`/`returns-set:` key names returns something other than `None` only under keys that are off."""
    set_test = key.startswith(RETURNS_SET)
    name = key[len(RETURNS_SET if set_test else RETURNS):]
    name = name if name in index.functions else index.canonical(name) or name
    function = index.functions.get(name)
    if function is None or index.module_of(name) != name.rpartition(".")[0]:
        return False  # not the project's, or a method a subclass may override
    prefixes = (RETURNS_WHEN,) if set_test else (RETURNS_WHEN, RETURNS_READ)
    returns = [tag for tag in function.tags if tag.startswith((RETURNS_WHEN, RETURNS_READ))]
    return bool(returns) and all(tag.startswith(prefixes) and any(off(keys) for keys in tag.partition(":")[2].split("|"))
                                 for tag in returns)
