"""Module globals an environment switch fills, as a caller passes one (the project half of rules/env_globals.py).

A call's argument `k<global:pkg.config.email_ssl>` passes the switch `env:EMAIL_SSL~MASK` that the module
`pkg.config` binds the global to once (ModuleSummary.env_globals, found through a module that imports it under
the same name), when nothing outside tests may give the global another value: no attribute store of that name on
any receiver (`config.email_ssl = True`: ModuleSummary.attribute_stores), no `setattr` of it, nor of computed names
on the module (switch_keys.SETS_ATTR), no star import or `globals()` in the binding module. The shipped
configuration then decides it as it decides the switch (project/switches.py).
"""

from __future__ import annotations

from typing import FrozenSet, Optional

from prr_lint.project.index import ProjectIndex
from prr_lint.project.support import test_modules
from prr_lint.rules.env_globals import GLOBAL
from prr_lint.switch_keys import COMPUTED, SETS_ATTR

_HOPS = 3  # how many re-exports (`from .config import email_ssl` in a package's `__init__`) are followed


def global_switch(index: ProjectIndex, key: str) -> Optional[str]:
    """The `env:` key a `global:<module>.<name>` key's global holds, when nothing else may rebind it (module docstring)."""
    module_name, _, name = key[len(GLOBAL):].rpartition(".")
    for _ in range(_HOPS + 1):
        module_name = index.module_named(module_name) or ""  # as Python finds it: a folder on sys.path too
        module = index.modules.get(module_name)
        if module is None:
            return None
        if name in module.env_globals:
            rebound = index.derived("rebound-globals", lambda: _rebound(index))
            if name in rebound or COMPUTED + module_name in rebound or module.star_imports or module.code_words.get("globals"):
                return None
            return module.env_globals[name]
        module_name, _, name = module.imports.get(name, "").rpartition(".")
    return None


def _rebound(index: ProjectIndex) -> FrozenSet[str]:
    """The attribute names code outside tests stores or `setattr`s, and `*<module>` for a `setattr` of a computed name."""
    tests = test_modules(index)
    found = set()
    for name, module in index.modules.items():
        if name in tests:
            continue
        found.update(module.attribute_stores)
        top = module.functions.get(name)
        found.update(tag[len(SETS_ATTR):] for tag in (top.tags if top is not None else ()) if tag.startswith(SETS_ATTR))
    return frozenset(found)
