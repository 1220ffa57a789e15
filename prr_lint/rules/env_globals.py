"""Module globals that hold an environment switch, and the call arguments that pass one (PRR501, PRR505).

A settings module often converts its environment switches into plain module globals (`email_ssl =
bool(int(os.getenv("EMAIL_SSL", 0)))` in `config.py`), and a caller passes one on to a parameter that decides a
branch (`sendemail(..., use_ssl=config.email_ssl)` with `def sendemail(..., use_ssl=False): if use_ssl:
smtplib.SMTP_SSL(...)`). The value is the test's truth, not the variable's raw text: `"false"` passed as
`os.getenv("USE_SSL")` is a true string, but `bool(int(...))`, `== "1"` or `.lower() in ("1", "true")` give what
env_eval.py evaluates. So the binding module's summary keeps each such global's `env:NAME~MASK` key
(`ModuleSummary.env_globals`: a name the module binds once to an environment switch, that no function of it
declares `global`: module_env_key), and a call's argument that reads a module's global by a plain
name (the module's own, or one imported from a module of no standard library) or as an attribute of an imported
module is `k` and the global's key `global:<module>.<name>` (rules/param_guards.py). The project phase decides it
as the environment switch when nothing else may rebind the global (project/env_globals.py).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Dict, FrozenSet, Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.kept_switches import name_values
from prr_lint.scopes import Scope
from prr_lint.standard_modules import STANDARD_MODULES
from prr_lint.switch_keys import env_key, is_key
from prr_lint.tree import descendants

# The key a call argument's code carries for a module global read (`kglobal:pkg.config.email_ssl`).
GLOBAL = "global:"
_TESTS = (cst.Call, cst.Comparison, cst.IfExp)  # what an environment switch's value may be (env_eval._is_test)


def env_globals(resolver: Resolver) -> Dict[str, str]:
    """Name -> `env:` key of each lower-case global the module binds once to an environment switch (upper-case ones
    are configuration keys, switch_keys.py). The module is walked for `global` statements only when one is found."""
    found = {name: key for name, bindings in resolver.module_scope.bindings.items()
             if len(bindings) == 1 and bindings[0].kind == "value" and isinstance(bindings[0].value, _TESTS) and not is_key(name)
             for key in [env_key(bindings[0].value, resolver)] if key}
    declared = _declared_global(resolver.module) if found else frozenset()
    return {name: key for name, key in found.items() if name not in declared}


def module_env_key(term: cst.BaseExpression, module: Optional[cst.Module], resolver: Resolver) -> Optional[str]:
    """The environment switch's key of a plain name the module binds once to one (`queue_next = to_bool(os.getenv(
    "QUEUE_NEXT", False))`), unless a function declares it `global`: that function may set it from anything."""
    if not isinstance(term, cst.Name) or module is None or is_key(term.value) or term.value in _declared_global(module):
        return None
    values = name_values(module, term.value)
    return env_key(values[0], resolver) if len(values) == 1 else None


@lru_cache(maxsize=2)
def _declared_global(module: cst.Module) -> FrozenSet[str]:
    """The names some function of the module declares `global`. One walk per module (the cache keys on the node, by identity)."""
    return frozenset(item.name.value for node in descendants(module, stop_at=()) if isinstance(node, cst.Global) for item in node.names)


def global_read(value: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope]) -> Optional[str]:
    """`global:<module>.<name>` of a read of a module's lower-case global (module docstring), looked up in `scope`.
    An attribute of any module outside the standard library counts (`np.float32` too): the file phase cannot tell a
    project module, and a key that names no module's env_globals decides nothing (project/env_globals.py)."""
    scope = scope or resolver.scope
    base = value.value if isinstance(value, cst.Attribute) else value
    if not isinstance(base, cst.Name):
        return None
    bindings = resolver.lookup(base.value, scope) or []
    if base is value and len(bindings) == 1 and bindings[0].kind == "value" and bindings[0].scope is resolver.module_scope:
        own = isinstance(bindings[0].value, _TESTS) and not is_key(base.value)  # as env_globals records them
        return f"{GLOBAL}{resolver.module_name}.{base.value}" if own else None
    if not (bindings and all(binding.kind == "import" for binding in bindings)):
        return None  # `self.interval`, a local's attribute
    qualified = resolver.qualified_name(value, scope)
    module, _, name = (qualified or "").rpartition(".")
    if not module or is_key(name) or module.partition(".")[0] in STANDARD_MODULES:
        return None
    return GLOBAL + qualified  # type: ignore[operator]
