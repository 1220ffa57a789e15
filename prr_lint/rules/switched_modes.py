"""Objects a module builds only under an environment switch: `elif os.getenv("LOG_USER_ACTIVITY"):
logger = FileLogger()` (else a production class, or none).

A developer turns such a mode on for a local run by setting a variable that production leaves unset.
When every construction of a project class is of this kind, its methods run only in that mode, and
their output (a file logger printing its I/O errors) is a developer's; project/task_output.py drops
PRR401 there. The switch must be a flag that is off by default: an environment variable read with no
default (or a false one) and tested for being set, or compared with an "on" value (`== "1"`,
`"true"`) its default is not; `"X" in os.environ`; or such a test `and` something else. A read with a default that turns the branch on
(`os.getenv("STORAGE", "s3") == "s3"`) is the production path, and stays.
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.how_it_runs import built_objects

# FunctionSummary tag: a class built (assigned) in the body of an `if` that tests an environment
# switch that is off by default; tag value = the class as the module names it.
ENV_BUILT = "env-built:"
_READS = frozenset({"os.environ.get", "os.getenv"})
_OFF_DEFAULTS = ("None", "False")
# What a flag compared with a value is turned on by (`== "1"`): a deployment's own value
# (`ENVIRONMENT == "production"`) is no switch.
_ON = frozenset({"1", "true", "yes", "on", "y"})


def env_built_tags(resolver: Resolver, node: cst.If) -> List[str]:
    """ENV_BUILT tags of the objects an `if`/`elif` body builds when its test is such a switch."""
    if not env_switch(node.test, resolver):
        return []
    names = (resolver.qualified_name(call.func) for call in built_objects(node.body))
    return [ENV_BUILT + name for name in names if name and not name.startswith("builtins.")]


def env_switch(test: cst.BaseExpression, resolver: Resolver) -> bool:
    """`os.getenv("X")`, `os.environ.get("X") == "1"`, `"X" in os.environ`, or one of them `and`
    another test."""
    pending = [test]  # a stack, not recursion: `a and b and ...` nests once per operand
    while pending:
        current = pending.pop()
        if isinstance(current, cst.BooleanOperation) and isinstance(current.operator, cst.And):
            pending += (current.right, current.left)
        elif _one_switch(current, resolver):
            return True
    return False


def _one_switch(test: cst.BaseExpression, resolver: Resolver) -> bool:
    """One test of env_switch's: an environment read, or its comparison with an "on" literal."""
    if isinstance(test, cst.Call):
        return _default(test, resolver) == ""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        target = test.comparisons[0]
        if isinstance(target.operator, cst.In):
            return isinstance(test.left, cst.SimpleString) and resolver.qualified_name(target.comparator) == "os.environ"
        if isinstance(target.operator, cst.Equal):
            for read, value in ((test.left, target.comparator), (target.comparator, test.left)):
                default = _default(read, resolver) if isinstance(read, cst.Call) else None
                literal = value.evaluated_value if isinstance(value, cst.SimpleString) else None
                if default is not None and isinstance(literal, str) and literal.lower() in _ON and default.lower() not in _ON:
                    return True
    return False


def _default(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """For an environment read with a literal name: its default as text ("" when there is none or it
    is `None`/`False`), else None."""
    if resolver.qualified_name(call.func) not in _READS or not call.args or not isinstance(call.args[0].value, cst.SimpleString):
        return None
    if len(call.args) == 1:
        return ""
    default = call.args[1].value
    if isinstance(default, cst.Name) and default.value in _OFF_DEFAULTS:
        return ""
    value = default.evaluated_value if isinstance(default, cst.SimpleString) else None
    return value if isinstance(value, str) else None
