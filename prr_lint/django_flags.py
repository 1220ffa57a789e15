"""django-flags: a flag is a configuration key whose shipped default is its entry in the `FLAGS` setting.

`flag_enabled("K")` and `flag_state("K")` are true only when one of the flag's conditions holds. A flag declared
with no conditions (`FLAGS = {"K": []}`) is off: switch_keys.write_marks reads that dict entry as the key's value
(an empty collection, `off`), and a non-empty list of conditions as `on`. A guard on either call reads the key K
(switch_keys.read_key). Conditions can also be set at run time (the admin's database rows); the shipped default
decides, unless code outside tests turns the flag on (`enable_flag("K")`, a `FlagState` row it creates): that is
a value `on` for K (`flag_writes`).
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import call_argument, string_value

_READERS = frozenset({"flags.state.flag_enabled", "flags.state.flag_state"})
_ENABLERS = frozenset({"flags.state.enable_flag"})
_STATE_MODEL = "flags.models.FlagState"
_CREATES = frozenset({"create", "get_or_create", "update_or_create"})


def flag_read(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """The flag name a call of django-flags' `flag_enabled`/`flag_state` reads, when it is spelled as a literal."""
    if resolver.qualified_name(call.func, resolver.module_scope) not in _READERS:
        return None
    return string_value(call_argument(call, 0, "flag_name")) or None


def flag_writes(call: cst.Call, name: str) -> List[str]:
    """The flags a call turns on for the deployment: `enable_flag("K")`, or a `FlagState` row created for "K"
    (`FlagState.objects.create(name="K", ...)`); `name` is the call's qualified name."""
    if name in _ENABLERS:
        flag = string_value(call_argument(call, 0, "flag_name"))
    elif name.startswith(_STATE_MODEL + ".") and name.rpartition(".")[2] in _CREATES:
        flag = string_value(call_argument(call, None, "name"))
    else:
        return []
    return [flag] if flag else []
