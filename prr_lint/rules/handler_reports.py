"""What a registered error handler's function does about the error it is handed (PRR104): reports it, logs it below
the report level, or calls what the project phase judges (reporter helpers, and first-party code the tree lacks
that is handed the error itself: rules/handed_errors.py)."""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.rules.handed_errors import HandedError, caught_parameter
from prr_lint.rules.handlers import min_level
from prr_lint.rules.report_calls import argument_callee, global_callees, report_level
from prr_lint.sinks import custom_logger_method
from prr_lint.stack_output import guarded_calls
from prr_lint.tree import descendants


def function_reports(function: cst.FunctionDef, ctx: FileContext, position: int = 0) -> Tuple[bool, Tuple[str, ...]]:
    """(reports or re-raises, callees that might be reporter helpers); `position`: the positional parameter the
    framework hands the exception in (rules/handed_errors.py `caught_parameter`)."""
    callees = []
    guarded = guarded_calls(function.body)
    handed = HandedError(function.body, caught_parameter(function, position), ctx.resolver)
    for node in descendants(function.body):
        if isinstance(node, cst.Raise):
            return True, ()
        if isinstance(node, cst.Call):
            if report_level(node, ctx.resolver, lambda: id(node) in guarded) >= min_level(ctx):  # the decision PRR101 and PRR103 make
                return True, ()
            name = ctx.resolver.qualified_name(node.func)
            if name is not None and not name.startswith("builtins."):
                callees.extend((name, argument_callee(node, name, ctx.resolver)))  # what it passes: a helper's switch
                callees.extend(handed.callees(node, name))  # the error itself, to first-party code the tree may lack
            callees.extend(global_callees(node, ctx.resolver))  # a name start-up code may rebind
            callees.extend(custom_logger_method(node, ctx.resolver))  # `LOG.e(e)`: maybe a reporting method
    return False, tuple(dict.fromkeys(callees))


def logged_below(function: cst.FunctionDef, ctx: FileContext) -> Optional[str]:
    """The highest level a handler that reports nothing logs at, when it logs at all (`log.warning(...)`): its
    message says so, as a log line at that level is there for a reader who takes it for a report."""
    levels = [report_level(node, ctx.resolver) for node in descendants(function.body) if isinstance(node, cst.Call)]
    highest = max(levels, default=0)
    return next((name for name, value in _LEVEL_WORDS if value == highest), None) if highest else None


_LEVEL_WORDS = (("trace", 5), ("debug", 10), ("info", 20), ("success", 25), ("warning", 30))
