"""Methods a constructor runs on the new object: `self.setValue(default)` in `__init__`.

A registry of settings often applies a value in its class's setter (`def setValue(self, v): ...;
socket.setdefaulttimeout(v)`) and its base class's `__init__` runs that setter with the default it is
given: constructing the setting at a module's top level then applies it when the module is imported.
The tag says which method `__init__` runs on `self`, which of its own parameters it passes (the value),
and which parameter, when one guards the call (`if setDefault:` with `setDefault=True`), must stay true
for the call to run. The project phase (project/socket_default.py) reads the construction's argument
codes (rules/param_guards.py's `call-args:`) against it.
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.param_guards import parameter_slot

# Function tag of an `__init__`: `init-runs:<method>:<value>:<guard>`, <value> `<name>@<position>` of the
# parameter passed as the call's first argument, <guard> `<name>@<position>` of the parameter (default True)
# an `if <name>:` around the call tests, or "" when the call runs unconditionally.
INIT_RUNS = "init-runs:"


def init_runs(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """INIT_RUNS tags of a method `__init__` for each `self.<method>(<parameter>)` statement of its body's top
    level, or of an `if <parameter>:` there (no `else`) whose parameter defaults to True."""
    scope = resolver.scope
    if node.name.value != "__init__" or scope.owner_class is None or not scope.self_name or not isinstance(node.body, cst.IndentedBlock):
        return []
    tags: List[str] = []
    for statement in node.body.body:
        guard = ""
        body = [statement]
        if isinstance(statement, cst.If) and statement.orelse is None and isinstance(statement.test, cst.Name):
            slot = parameter_slot(node, statement.test.value, is_method=True)
            if slot is None or slot[1] != "T" or not isinstance(statement.body, cst.IndentedBlock):
                continue
            guard, body = f"{statement.test.value}@{slot[0]}", list(statement.body.body)
        for line in body:
            tag = _self_call(line, node, scope.self_name)
            tags += [f"{INIT_RUNS}{tag}:{guard}"] if tag else []
    return tags


def _self_call(statement: cst.BaseStatement, function: cst.FunctionDef, self_name: str) -> Optional[str]:
    """`<method>:<name>@<position>` of a statement `self.<method>(<parameter>)`."""
    if not isinstance(statement, cst.SimpleStatementLine) or len(statement.body) != 1 or not isinstance(statement.body[0], cst.Expr):
        return None
    call = statement.body[0].value
    if not isinstance(call, cst.Call) or not isinstance(call.func, cst.Attribute) or len(call.args) != 1:
        return None
    owner, arg = call.func.value, call.args[0]
    if not (isinstance(owner, cst.Name) and owner.value == self_name) or arg.keyword or arg.star or not isinstance(arg.value, cst.Name):
        return None
    slot = parameter_slot(function, arg.value.value, is_method=True)
    return f"{call.func.attr.value}:{arg.value.value}@{slot[0]}" if slot is not None else None
