"""Module globals an environment switch fills, as a caller passes one (the project half of rules/env_globals.py).

A call's argument `k<global:pkg.config.email_ssl>` passes the switch `env:EMAIL_SSL~MASK` that the module
`pkg.config` binds the global to once (ModuleSummary.env_globals, found through a module that imports it under
the same name), when nothing outside tests may give the global another value (project/kept_globals.py: no attribute
store or `setattr` of it, no `__dict__`, no star import, `globals()`, `vars()` or `exec` in the binding module). The
shipped configuration then decides it as it decides the switch (project/switches.py).
"""

from __future__ import annotations

from typing import Collection, Optional, Protocol

from prr_lint.project.index import ProjectIndex
from prr_lint.project.kept_globals import kept_global
from prr_lint.rules.env_globals import GLOBAL

_HOPS = 3  # how many re-exports (`from .config import email_ssl` in a package's `__init__`) are followed


class Switches(Protocol):
    """What of the run's switch view (project/switches.py SwitchView, which imports this module's users) decides a switch."""

    @property
    def index(self) -> ProjectIndex: ...

    @property
    def set_attributes(self) -> Collection[str]: ...

    def off(self, key: str) -> bool: ...


def global_switch(view: Switches, key: str) -> Optional[str]:
    """The `env:` key a `global:<module>.<name>` key's global holds, when nothing else may rebind it (module docstring)."""
    index = view.index
    module_name, _, name = key[len(GLOBAL):].rpartition(".")
    for _ in range(_HOPS + 1):
        module_name = index.module_named(module_name) or ""  # as Python finds it: a folder on sys.path too
        module = index.modules.get(module_name)
        # each module the name passes through keeps it too: a re-export's star import or `globals()` may rebind it
        if module is None or not kept_global(index, view.set_attributes, module_name, name):
            return None
        if name in module.env_globals:
            return module.env_globals[name]
        module_name, _, name = module.imports.get(name, "").rpartition(".")
    return None
