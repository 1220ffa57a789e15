"""Module constants another module may write: the start of a computed module name such a constant holds is unknown.

A loader whose name starts with a constant its module binds once to one string (`_prefix + table` after `_prefix =
'lmfdb.verify.'`) loads only modules under that string (constant_starts.py), as long as nothing gives the constant
another value. Its own module's writes are read per file; another module may write it through the module object
(`verify._prefix = os.environ["CHECKS"]`, `setattr(verify, "_prefix", p)`, `svc.verify._prefix = ...`, a helper's
`module._prefix = p` handed the module). So the loader's mark carries the constant's name (module_loads.py
STARTS_WITH_CONSTANT), and when any other module outside tests spells that name at all (as code, a string or a
comment: ModuleSummary.words, a superset of every such write), or gives the module's names a value by a computed
`setattr` or through `vars()` (namespace_writes.py SETS_ATTR), the start is taken for unknown again: the loader may
load any module (`loads-modules:` with no prefix, as a name with no literal start), and a session patch of the
modules it loads names none (rules/session_patches.py). Files outside the run (another repository's code that imports
the module and writes the constant, a write by a computed name through `sys.modules` elsewhere) are not seen: a limit.
"""

from __future__ import annotations

import json
from dataclasses import replace
from typing import Any, Dict, FrozenSet, List, Set

from prr_lint.module_loads import LOADS_COMMAND_LINE_MODULES, LOADS_KEYED_MODULES, LOADS_MODULES_BY_NAME, STARTS_WITH_CONSTANT
from prr_lint.namespace_writes import COMPUTED, SETS_ATTR
from prr_lint.paths import is_test_path
from prr_lint.rules.session_patches import PATCHES_GLOBAL

# The project index (index.py), which runs `unpin_written_starts` as it is built: named here only as `Index`, as
# index.py imports this module.
Index = Any


def unpin_written_starts(index: Index) -> None:
    """Take back to unknown the constant starts of the loaders of each module whose constant another module may write
    (module docstring), in the index's own copies of the summaries (the per-file results stay as the cache holds them)."""
    marked = index.tagged(STARTS_WITH_CONSTANT)
    if not marked:
        return
    owners = _computed_setattr_owners(index)
    for qualname, constants in list(marked.items()):
        module = index.modules.get(qualname)  # the marks are the module's own (its top level's tags)
        if module is None:
            continue
        prefixes = {prefix for constant, _, prefix in (entry.partition("=") for entry in constants)
                    if qualname in owners or _spelled_elsewhere(index, qualname, constant)}
        if prefixes:
            _loosen(index, qualname, prefixes)


def written_elsewhere(index: Index, owner: str, constant: str) -> bool:
    """Another module may give the module `owner`'s constant another value, or change its items: it spells the
    name outside tests, or a computed `setattr`/`vars()` may write the module's names (module docstring). PRR303's
    fixed timeouts and backoff lists ask it too (project/degrading_waits.py)."""
    return _spelled_elsewhere(index, owner, constant) or owner in _computed_setattr_owners(index)


def _spelled_elsewhere(index: Index, owner: str, constant: str) -> bool:
    """A module other than `owner`, outside tests, spells the constant's name."""
    return any(name != owner and module.words.get(constant) and not is_test_path(module.path) for name, module in index.modules.items())


def _computed_setattr_owners(index: Index) -> FrozenSet[str]:
    """The objects code outside tests may give any name by a computed `setattr` or through `vars()`: read once per run
    (written_elsewhere asks for each constant of each pending finding). The index builds it as it unpins the starts,
    after never_returns.py has dropped the tags of statements that never run; nothing retags SETS_ATTR after that."""
    return index.derived("computed-setattr-owners", lambda: _read_computed_setattr_owners(index))


def _read_computed_setattr_owners(index: Index) -> FrozenSet[str]:
    found: Set[str] = set()
    for qualname, values in index.tagged(SETS_ATTR).items():
        module = index.modules.get(index.module_of(qualname))
        if module is not None and not is_test_path(module.path):
            found.update(value[len(COMPUTED):] for value in values if value.startswith(COMPUTED))
    return frozenset(found)


def _loosen(index: Index, qualname: str, prefixes: Set[str]) -> None:
    """The module's loaders of those prefixes may load any module, and its session patches of them patch none known."""
    module, function = index.modules[qualname], index.functions[qualname]
    tags = [tag for tag in function.tags if not (tag.startswith(PATCHES_GLOBAL) and _patches_under(tag, prefixes))]
    added: List[str] = []
    for prefix in prefixes:
        added += [LOADS_MODULES_BY_NAME, LOADS_KEYED_MODULES] if LOADS_MODULES_BY_NAME + prefix in tags else []
        added += [LOADS_COMMAND_LINE_MODULES] if LOADS_COMMAND_LINE_MODULES + prefix in tags else []
    tags += [tag for tag in dict.fromkeys(added) if tag not in tags]
    loosened = replace(function, tags=tags)
    functions: Dict = {**module.functions, qualname: loosened}
    index.functions[qualname] = loosened
    index.modules[qualname] = index.by_path[module.path] = replace(module, functions=functions)
    index.retagged(qualname)


def _patches_under(tag: str, prefixes: Set[str]) -> bool:
    """A `patches-global:` mark one of whose origins is one of `prefixes` (or does not read back)."""
    try:
        origins = json.loads(tag[len(PATCHES_GLOBAL):])[0]
    except (ValueError, TypeError, IndexError, KeyError):
        return True
    return not isinstance(origins, list) or any(origin in prefixes for origin in origins)
