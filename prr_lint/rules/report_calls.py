"""Whether a call reports an error: the one decision PRR101 to PRR104 make for each call of a
handler, and the module summary for the project's reporter helpers (catalogue §2.5, sinks.py)."""

from __future__ import annotations

from typing import Callable, Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.sinks import LEVELS, log_level, sink_level, unguarded


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


def _has_exc_info(call: cst.Call) -> bool:
    for arg in call.args:
        if arg.keyword is not None and arg.keyword.value in ("exc_info", "stack_info"):
            return not (isinstance(arg.value, cst.Name) and arg.value.value in ("False", "None"))
    return False
