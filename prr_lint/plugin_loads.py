"""Entry-point groups a module loads by name: `ExtensionManager("svc.manage")` (stevedore),
`importlib.metadata.entry_points(group="svc.plugins")`, `pkg_resources.iter_entry_points(...)`,
cliff's `CommandManager("svc.cli")`.

The modules registered under such a group (project/scripts.py `entry_point_groups`) are imported by
the program that loads it, and by nothing else: the `svc-manage` console script's commands, found
through `[project.entry-points."svc.manage"]`, run in that program only (project/cli_programs.py).
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver

# Module mark (the module's own summary tags): prefix of a group the module loads by a literal name.
LOADS_ENTRY_POINTS = "loads-entry-points:"

_STEVEDORE = ("ExtensionManager", "NamedExtensionManager", "EnabledExtensionManager", "DriverManager", "HookManager",
              "DispatchExtensionManager", "NameDispatchExtensionManager")
_STEVEDORE_MODULES = ("extension", "named", "enabled", "driver", "hook", "dispatch")
# Loader -> the keyword that names the group (also the first positional argument, but for `entry_points`).
_LOADERS = {
    **{f"stevedore.{name}": "namespace" for name in _STEVEDORE},
    **{f"stevedore.{module}.{name}": "namespace" for module in _STEVEDORE_MODULES for name in _STEVEDORE},
    "cliff.commandmanager.CommandManager": "namespace",
    "pkg_resources.iter_entry_points": "group",
    "importlib.metadata.entry_points": "group",
    "importlib_metadata.entry_points": "group",
}
_KEYWORD_ONLY = frozenset({"importlib.metadata.entry_points", "importlib_metadata.entry_points"})


def loaded_group(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """The entry-point group `call` loads, when a string literal names it."""
    loader = resolver.qualified_name(call.func)
    keyword = _LOADERS.get(loader or "")
    if keyword is None:
        return None
    for position, arg in enumerate(call.args):
        named = arg.keyword.value if arg.keyword is not None else None
        if named == keyword or (named is None and position == 0 and not arg.star and loader not in _KEYWORD_ONLY):
            value = arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else None
            return value if isinstance(value, str) and value else None
    return None
