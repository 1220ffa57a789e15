"""Whether a call reports an error: the one decision PRR101 to PRR104 make for each call of a
handler, and the module summary for the project's reporter helpers (catalogue §2.5, sinks.py).

A helper may write the stack only when a parameter says so (`def log_error(message, print_exception=False):
... if print_exception: traceback.print_exc()`). Its summary carries the switch (`reports-if:`), a handler's
callees carry the arguments of each call (`call-args:`, rules/param_guards.py), and the project phase
(project/reporters.py) counts a call as a report when the value it gives the parameter, passed or left as the
default, holds the test: `log_error(f"API error: {e}", True)` reports, `log_error(msg)` does not. A helper that writes a
parameter to the process's output (`def default_log(message): sys.stderr.write(message + "\\n")`) writes the stack
when it is handed the text of a traceback: its switch tests the value for that (`=x`), so
`default_log(traceback.format_exc())` reports and `default_log(str(e))` does not. A function that passes its own
parameter on to a switch has the switch too (project/reporters.py).
"""

from __future__ import annotations

from typing import Callable, Optional, Sequence, Set, Tuple

import libcst as cst

from prr_lint.model import REPORTS_ERROR, REPORTS_IF
from prr_lint.resolve import Resolver
from prr_lint.rules.param_guards import CALL_ARGS, TRACEBACK_TEXT, call_args_tag, parameter_slot, parameter_test
from prr_lint.sinks import ERROR, LEVELS, config_of, is_tracker_call, log_level, sink_level, unguarded
from prr_lint.stack_output import writes_output
from prr_lint.startup_bindings import through_global_tags
from prr_lint.tree import assigned_in, descendants


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
    switch when it writes the stack under nothing but an `if` on a parameter, or writes a parameter to the
    process's output (module docstring)."""
    if REPORTS_ERROR in tags:
        return ()
    min_level = config_of(resolver).min_level
    if level is not None:
        return (REPORTS_ERROR,) if logged_report_level(call, resolver, level) >= min_level else ()
    if sink_level(call, resolver) < min_level:
        return _output_switch(call, ancestors, tags) if ERROR >= min_level and writes_output(call, resolver) else ()
    at = _guard_at(ancestors)
    if at is None or is_tracker_call(call, resolver):
        return (REPORTS_ERROR,)
    switch = _parameter_switch(ancestors, at)
    return (switch,) if switch is not None and switch not in tags else ()


def argument_callee(call: cst.Call, name: str, resolver: Resolver) -> str:
    """The `call-args:` entry of a handler's call of `name`, with the code of each argument it passes (rules/
    param_guards.py; none when it passes none: a traceback's text is `x`), for the project phase to weigh a
    helper's parameter switch."""
    return call_args_tag(call, name, None, resolver=resolver) or f"{CALL_ARGS}{name}="


def global_callees(call: cst.Call, resolver: Resolver) -> Tuple[str, ...]:
    """`through-global:<module>.<name>` and the call's arguments when a handler calls through a module-level name that
    start-up code may rebind (startup_bindings.py): the project phase asks what the project binds to it."""
    return tuple(through_global_tags(call, resolver, lambda name: call_args_tag(call, name, None, resolver=resolver)))


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


def _output_switch(call: cst.Call, ancestors: Sequence[cst.CSTNode], tags: Sequence[str]) -> Tuple[str, ...]:
    """`reports-if:<param>@<position>:=x:<default>` for each parameter a write to the process's output passes on
    (`sys.stderr.write(message + "\\n")`, `print(message, file=sys.stderr)`) outside any `if` of its function, which
    the function never rebinds: a call handing it the text of a traceback (`x`) writes the stack, as
    `sys.stderr.write(traceback.format_exc())` does (stack_output.py); a message alone reports nothing."""
    start = next((i for i in range(len(ancestors) - 1, -1, -1) if isinstance(ancestors[i], (cst.FunctionDef, cst.Lambda))), None)
    function = ancestors[start] if start is not None else None
    if not isinstance(function, cst.FunctionDef) or _guard_at(ancestors) is not None:
        return ()
    rebound = assigned_in(function.body)
    found = []
    for name in sorted(_names_read(call) - rebound):
        slot = parameter_slot(function, name, _is_method(ancestors, start))
        tag = None if slot is None else f"{REPORTS_IF}{name}@{slot[0]}:={TRACEBACK_TEXT}:{slot[1]}"
        if tag is not None and tag not in tags:
            found.append(tag)
    return tuple(found)


def _names_read(call: cst.Call) -> Set[str]:
    """The bare names the call's positional arguments read (not an attribute's name, not a keyword)."""
    skipped = set()
    names = set()
    for arg in call.args:
        if arg.keyword is not None or arg.star:
            continue
        for node in (arg.value, *descendants(arg.value)):
            if isinstance(node, cst.Attribute):
                skipped.add(id(node.attr))
            elif isinstance(node, cst.Arg) and node.keyword is not None:
                skipped.add(id(node.keyword))
            elif isinstance(node, cst.Name) and id(node) not in skipped:
                names.add(node.value)
    return names


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
