"""A logging handler the same function adds and removes again (PRR402, PRR404): a temporary capture of
one unit of work's records (a task's log saved beside its result), added beside the service's own
handlers and taken away when the work ends. It neither replaces the logging configuration nor
becomes where the service's logs go, so configuring it is no competing setup and its file no log sink.
"""

from __future__ import annotations

from typing import FrozenSet, Optional, Set

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.tree import descendants

_CONFIGURING = frozenset({"setFormatter", "setLevel", "addFilter"})


def _temporary_names(function: cst.FunctionDef) -> FrozenSet[str]:
    """Names of handlers the function removes (`logger.removeHandler(h)`), and of the formatters it
    gives them (`h.setFormatter(fmt)`)."""
    calls = [n for n in descendants(function) if isinstance(n, cst.Call) and isinstance(n.func, cst.Attribute)]
    removed: Set[str] = {
        call.args[0].value.value
        for call in calls
        if call.func.attr.value == "removeHandler" and call.args and isinstance(call.args[0].value, cst.Name)
    }
    formatters = {
        call.args[0].value.value
        for call in calls
        if call.func.attr.value == "setFormatter" and isinstance(call.func.value, cst.Name) and call.func.value.value in removed
        and call.args and isinstance(call.args[0].value, cst.Name)
    }
    return frozenset(removed | formatters)


def _assigned_name(ctx: FileContext) -> Optional[str]:
    """The name the current call is assigned to (`h = logging.FileHandler(...)`)."""
    parent = ctx.ancestors[-1] if ctx.ancestors else None
    if isinstance(parent, cst.Assign) and len(parent.targets) == 1 and isinstance(parent.targets[0].target, cst.Name):
        return parent.targets[0].target.value
    return None


def temporary_handler_call(ctx: FileContext, node: cst.Call) -> bool:
    """`node` builds, configures or adds a handler that the enclosing function removes again, or builds
    the formatter of one."""
    function = next(ctx.functions(), None)
    if function is None:
        return False
    store = ctx.__dict__.setdefault("_temporary_handlers", {})
    if id(function) not in store:
        store[id(function)] = _temporary_names(function)
    names = store[id(function)]
    if not names:
        return False
    func = node.func
    if isinstance(func, cst.Attribute) and func.attr.value in _CONFIGURING:
        return isinstance(func.value, cst.Name) and func.value.value in names
    if isinstance(func, cst.Attribute) and func.attr.value == "addHandler":
        return bool(node.args) and isinstance(node.args[0].value, cst.Name) and node.args[0].value.value in names
    return _assigned_name(ctx) in names
