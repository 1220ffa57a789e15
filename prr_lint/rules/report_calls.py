"""Whether a call reports an error: the one decision PRR101 to PRR104 make for each call of a
handler, and the module summary for the project's reporter helpers (catalogue §2.5, sinks.py).

A helper may write the stack only when a parameter says so (`def log_error(message, print_exception=False):
... if print_exception: traceback.print_exc()`). Its summary carries the switch (`reports-if:`), a handler's
callees carry the arguments of each call (`call-args:`, rules/param_guards.py), and the project phase
(project/reporters.py) counts a call as a report when the value it gives the parameter, passed or left as the
default, holds the test: `log_error(f"API error: {e}", True)` reports, `log_error(msg)` does not.
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.model import REPORTS_ERROR, REPORTS_IF
from prr_lint.resolve import Resolver
from prr_lint.rules.param_guards import CALL_ARGS, call_args_tag, parameter_slot, parameter_test
from prr_lint.sinks import LEVELS, config_of, is_tracker_call, log_level, sink_level, unguarded
from prr_lint.tree import assigned_in


def report_level(call: cst.Call, resolver: Resolver, guarded: Callable[[], bool] = unguarded) -> int:
    """How the call reports an error, the one decision of PRR101 to PRR104: the level it logs at (an
    info record or above with the traceback attached counts as error), or a report sink's (sinks.py
    `sink_level`: a tracker, the stack written to stderr when no `if` guards the call); 0 for none.
    `guarded` is asked only of a call that writes the stack (finding the `if` walks the call's ancestors)."""
    return logged_report_level(call, resolver, log_level(call, resolver), guarded)


def logged_report_level(call: cst.Call, resolver: Resolver, level: Optional[int], guarded: Callable[[], bool] = unguarded) -> int:
    """`report_level` of a call whose log level (sinks.log_level) the caller has already worked out."""
    if level is not None:
        # A record at info or above with the traceback attached is a report: it reaches central
        # logging with the stack (debug records are usually filtered out before they get there).
        if level >= LEVELS["info"] and _has_exc_info(call):
            return max(level, LEVELS["error"])
        return level
    return sink_level(call, resolver, guarded)


def report_tags(call: cst.Call, resolver: Resolver, level: Optional[int], ancestors: Sequence[cst.CSTNode],
                tags: Sequence[str]) -> Tuple[str, ...]:
    """The summary tags a call gives its function (`tags`: those it has): REPORTS_ERROR when the call reports
    (the stack written under an `if` of the function reports nothing: stack_output.py), else a `reports-if:`
    switch when it writes the stack under nothing but an `if` on a parameter (module docstring)."""
    if REPORTS_ERROR in tags:
        return ()
    min_level = config_of(resolver).min_level
    if level is not None:
        return (REPORTS_ERROR,) if logged_report_level(call, resolver, level) >= min_level else ()
    if sink_level(call, resolver) < min_level:
        return ()
    at = _guard_at(ancestors)
    if at is None or is_tracker_call(call, resolver):
        return (REPORTS_ERROR,)
    switch = _parameter_switch(ancestors, at)
    return (switch,) if switch is not None and switch not in tags else ()


def argument_callee(call: cst.Call, name: str) -> str:
    """The `call-args:` entry of a handler's call of `name`, with the code of each argument it passes (rules/
    param_guards.py; none when it passes none), for the project phase to weigh a helper's parameter switch."""
    return call_args_tag(call, name, None) or f"{CALL_ARGS}{name}="


def _guard_at(ancestors: Sequence[cst.CSTNode]) -> Optional[int]:
    """The index of the nearest `if` (statement or expression) above the call within its function, if any."""
    for index in range(len(ancestors) - 1, -1, -1):
        if isinstance(ancestors[index], (cst.FunctionDef, cst.Lambda)):
            return None
        if isinstance(ancestors[index], (cst.If, cst.IfExp)):
            return index
    return None


def _parameter_switch(ancestors: Sequence[cst.CSTNode], at: int) -> Optional[str]:
    """`reports-if:<param>@<position>:<test>:<default>` when the `if` at `at` is the only one above the call in its
    function, the call is in its body, and its test is a test of a parameter the function never rebinds."""
    guard = ancestors[at]
    start = next((i for i in range(at - 1, -1, -1) if isinstance(ancestors[i], (cst.FunctionDef, cst.Lambda))), None)
    if start is None or not isinstance(guard, cst.If) or at + 1 >= len(ancestors) or ancestors[at + 1] is not guard.body:
        return None
    function = ancestors[start]
    if not isinstance(function, cst.FunctionDef) or any(isinstance(node, (cst.If, cst.IfExp)) for node in ancestors[start + 1:at]):
        return None
    test = parameter_test(guard.test, False)
    if test is None or test[0] in assigned_in(function.body):
        return None
    slot = parameter_slot(function, test[0], _is_method(ancestors, start))
    return None if slot is None else f"{REPORTS_IF}{test[0]}@{slot[0]}:{test[1]}:{slot[1]}"


def _is_method(ancestors: Sequence[cst.CSTNode], at: int) -> bool:
    """The function at `at` is defined in a class body and is no static method: its first parameter is the instance."""
    function = ancestors[at]
    return at >= 2 and isinstance(ancestors[at - 2], cst.ClassDef) and isinstance(function, cst.FunctionDef) and not any(
        isinstance(d.decorator, cst.Name) and d.decorator.value == "staticmethod" for d in function.decorators)


def _has_exc_info(call: cst.Call) -> bool:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in ("exc_info", "stack_info"):
            return not (isinstance(arg.value, cst.Name) and arg.value.value in ("False", "None"))
    return False
