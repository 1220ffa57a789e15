"""A guard on an attribute of an environment table module, evaluated (PRR501's switches, env_tables.py).

`env-attr:llumnix.envs.METRICS_OUTPUT_TARGET~<test>` is off when the module `llumnix.envs` answers its
attributes from a table (a module `__getattr__`, and the entry `env-entry:METRICS_OUTPUT_TARGET=<expression>`
among its tags), and the test, with the entry's expression in place of `_value` (`"eas" in
os.getenv("LLUMNIX_METRICS_OUTPUT_TARGET", "logger").split(",")`), is an environment switch that is off
(`env:NAME~MASK`, project/switches.py: false while the variable is unset, and no deployment file sets it to a
value that turns it on). A module with no such entry, or a test env_eval.py cannot evaluate, is on.
"""

from __future__ import annotations

from typing import Callable

import libcst as cst

from prr_lint.env_eval import env_switch
from prr_lint.env_tables import ENV_ATTR, ENV_ENTRY, VALUE, decode
from prr_lint.project.index import ProjectIndex
from prr_lint.switch_keys import ENV, ENV_MASK
from prr_lint.tree import descendants


def attribute_off(index: ProjectIndex, key: str, env_off: Callable[[str], bool]) -> bool:
    """The table entry the key's attribute names makes its test an environment switch that `env_off`."""
    qualified, _, encoded = key[len(ENV_ATTR):].partition("~")
    module, _, name = qualified.rpartition(".")
    summary = index.modules.get(module)
    top = summary.functions.get(module) if summary is not None else None
    if top is None or f"{module}.__getattr__" not in index.functions:
        return False
    entries = [tag[len(ENV_ENTRY) + len(name) + 1:] for tag in top.tags if tag.startswith(f"{ENV_ENTRY}{name}=")]
    body = decode(entries[0]) if len(entries) == 1 else None
    test = decode(encoded)
    if body is None or test is None:
        return False
    holes = [node for node in descendants(test) if isinstance(node, cst.Name) and node.value == VALUE]
    if len(holes) != 1:
        return False
    found = env_switch(test.deep_replace(holes[0], body))  # type: ignore[arg-type]
    return found is not None and env_off(f"{ENV}{found[0]}{ENV_MASK}{found[1]}")
