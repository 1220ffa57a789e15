"""Module-level names the project may rebind at start-up, and the calls that go through them: the per-file marks
(project/startup_bindings.py joins them).

A module may call through a name that start-up code sets: `the_log = default_log` with a setter `def set_log(writer):
global the_log; the_log = writer` that a launcher calls with a function of its own (`set_log(syslog_message)`), or a
placeholder another module assigns (`report = None`; `utils.report = sentry_report`: rules/session_patches.py marks
that assignment). A call through such a name may run the function it is bound to here or any the project binds to it:

* `sets-global:<name>@<position>` on a module function that stores the parameter at that position, unchanged, in a
  global it declares;
* `hands-function:<callee>@<position>=<qualified name>` on a function whose call hands a function by name, as a
  positional argument, to a callee that may be such a setter;
* `through-global:<module>.<name>` on a function that calls a module-level name bound to None or to another name
  (`the_log(message)`), with the call's `call-args:<module>.<name>=...` (rules/param_guards.py).

These answer which functions a call through the name runs, as only the functions bound tell whether it reports. A
method called on a placeholder object (`log = None` that the launcher sets: `utils.log = JsonLogger(app.logger)`, then
`log.error(...)`) is another question, the receiver's type, which sinks.is_logger answers per file: a None binding
tells nothing, so the name is typed by its spelling as any untyped logger is, and the method names the level, whatever
start-up code stores there (an object a call builds names no function to follow).
"""

from __future__ import annotations

from typing import Callable, List

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import assigned_in, descendants

SETS_GLOBAL = "sets-global:"
HANDS_FUNCTION = "hands-function:"
THROUGH_GLOBAL = "through-global:"
_HANDED_KINDS = frozenset({"def", "import"})


def setter_tags(function: cst.FunctionDef, scope: Scope) -> List[str]:
    """The `sets-global:` tags of a module function (module docstring)."""
    if not scope.global_names or (scope.parent is not None and scope.parent.kind == "class"):
        return []
    positional = [param.name.value for param in (*function.params.posonly_params, *function.params.params)]
    stored = [node for node in descendants(function.body) if isinstance(node, cst.Assign) and isinstance(node.value, cst.Name)
              and node.value.value in positional]
    rebound = assigned_in(function.body) if stored else set()
    return [f"{SETS_GLOBAL}{target.target.value}@{positional.index(node.value.value)}" for node in stored
            if node.value.value not in rebound for target in node.targets
            if isinstance(target.target, cst.Name) and target.target.value in scope.global_names]


def handed_function_tags(call: cst.Call, resolver: Resolver, callee: str) -> List[str]:
    """The `hands-function:` tags of a call of `callee` (module docstring): a bare name that a `def` or an import binds."""
    found = []
    for position, arg in enumerate(call.args):
        if arg.keyword is not None or arg.star:
            break
        bindings = resolver.lookup(arg.value.value) if isinstance(arg.value, cst.Name) else None
        name = resolver.qualified_name(arg.value) if bindings and bindings[-1].kind in _HANDED_KINDS else None
        if name is not None and not name.startswith("builtins."):
            found.append(f"{HANDS_FUNCTION}{callee}@{position}={name}")
    return found


def through_global_tags(call: cst.Call, resolver: Resolver, call_args: Callable[[str], str]) -> List[str]:
    """`through-global:<module>.<name>` and the call's `call-args:` under that name, for a call in a function of a
    module-level name bound to None or to another name (module docstring); `call_args` makes the latter."""
    func = call.func
    if type(func) is not cst.Name or resolver.enclosing_function is None:
        return []
    bindings = resolver.lookup(func.value)
    if not bindings or bindings[-1].scope is not resolver.module_scope or not any(
            binding.kind == "alias" or (binding.kind == "value" and isinstance(binding.value, cst.Name) and binding.value.value == "None")
            for binding in bindings):
        return []
    name = f"{resolver.module_name}.{func.value}"
    return [THROUGH_GLOBAL + name, *filter(None, [call_args(name)])]
