"""Where project exceptions are raised and how (PRR103's per-file mark, model.RAISES).

A raise is tagged on its function with the exception's name and how it leaves: inside an `if` branch
("checked"), plain ("bare"), after the handler around it reported the error ("reported"), or from a
handler that did not, with what it caught and the project calls it made first (a helper that logs the
error may report it: the project phase decides). A raise in a `try` body whose own handler takes the
class leaves through that handler: "reported" when it reports (`except UpstreamError as exc:
_log_failure(exc); raise`), with the handler's project calls otherwise (try_bodies.py). The summary
walk (summary.py) holds the enclosing `if` statements, handlers and nodes; reading the raise against
them is this module's job.

A werkzeug `abort(code)` (flask's, quart's, flask-restful's ...) raises the class of its code: it is tagged
`abort:<code>` (`abort:?` when the code is not a constant the file shows: `abort(status)`), with the same
reading of how it leaves, for the handlers keyed on a code (rules/error_codes.py, project/handled_raises.py).
Another call that may abort (a project module's `abort`, `ns.abort`, `current_app.aborter`, an `Aborter`) is
tagged `abort:?`, and a raise of an object the file cannot name (`raise err`, not a handler's own `e`) `raise:?`:
no class, so the other readings skip them, and a handler keyed on a code keeps its finding.
"""

from __future__ import annotations

from typing import List, Optional, Sequence

import libcst as cst

from prr_lint.model import OWN_STATE_ERRORS, RAISED_VIA, RAISES
from prr_lint.resolve import Resolver
from prr_lint.rules.error_codes import ABORTED_CLASSES, WERKZEUG_ABORTS, may_abort, status_code
from prr_lint.rules.handlers import caught_names, raised_after_report
from prr_lint.statement_shapes import in_branch
from prr_lint.tree import descendants
from prr_lint.try_bodies import catching_handler


def raise_tag(resolver: Resolver, node: cst.Raise, ifs: Sequence[cst.If], handlers: Sequence[cst.ExceptHandler],
              ancestors: Sequence[cst.CSTNode] = ()) -> Optional[str]:
    """The tag of a raise of a project exception (or of a builtin one about the object's own state),
    given the enclosing `if` statements, except handlers and nodes; None for a bare `raise` or another builtin."""
    if node.exc is None:
        return None
    exc = node.exc.func if isinstance(node.exc, cst.Call) else node.exc
    name = resolver.qualified_name(exc)
    if name is None:  # `err = HTTPVersionNotSupported(); raise err`: what it raises is not known (`raise e` of a handler's `e` is known)
        caught = isinstance(exc, cst.Name) and any(_binds(handler, exc.value) for handler in handlers)
        return None if caught else f"{RAISES}{RAISED_UNKNOWN}|{_how(resolver, node, RAISED_UNKNOWN, ifs, handlers, ancestors)}"
    if name.startswith("builtins.") and name not in OWN_STATE_ERRORS:
        return None
    return f"{RAISES}{name}|{_how(resolver, node, name, ifs, handlers, ancestors)}"


RAISED_UNKNOWN = "raise:?"  # the name a raise of an object the file cannot name is tagged with (no class: other readings skip it)


def _binds(handler: cst.ExceptHandler, name: str) -> bool:
    return handler.name is not None and isinstance(handler.name.name, cst.Name) and handler.name.name.value == name


ABORTED = "abort:"  # the name an `abort(code)` is tagged with: ABORTED + the code, or ABORTED_UNKNOWN
ABORTED_UNKNOWN = ABORTED + "?"


def abort_tag(resolver: Resolver, node: cst.Call, name: Optional[str], ifs: Sequence[cst.If],
              handlers: Sequence[cst.ExceptHandler], ancestors: Sequence[cst.CSTNode] = ()) -> Optional[str]:
    """The tag of a call of werkzeug's `abort` (`name`: the callee resolved) with a code of 501-505 or one the file
    does not show; None for another call or code (a 4xx, a 500: their handlers are not judged by sites)."""
    if name in WERKZEUG_ABORTS:
        given = next((arg for arg in node.args if arg.keyword is None or arg.keyword.value == "code"), None)
        code = status_code(given.value, resolver) if given is not None and not given.star else None
    elif may_abort(node.func, name, resolver):  # `helpers.abort(505)`, `ns.abort(505)`, `current_app.aborter(505)`
        code = None
    else:
        return None
    if code is not None and code not in ABORTED_CLASSES:
        return None
    raised = ABORTED_CLASSES[code] if code is not None else "werkzeug.exceptions.HTTPException"
    tagged = ABORTED_UNKNOWN if code is None else f"{ABORTED}{code}"
    return f"{RAISES}{tagged}|{_how(resolver, node, raised, ifs, handlers, ancestors)}"


def _how(resolver: Resolver, node: cst.CSTNode, name: str, ifs: Sequence[cst.If], handlers: Sequence[cst.ExceptHandler],
         ancestors: Sequence[cst.CSTNode]) -> str:
    """How a raise of `name` at `node` leaves (see the module docstring)."""
    how = "checked" if ifs and in_branch(ifs[-1], node) else "bare"
    if handlers:
        handler = handlers[-1]
        if raised_after_report(handler, resolver):
            how = "reported"
        else:
            how = "from:" + ",".join(caught_names(handler, resolver)) + RAISED_VIA + ",".join(_handler_callees(resolver, handler))
    own = catching_handler(ancestors, name, resolver)
    if own is not None and how != "reported":
        if raised_after_report(own, resolver):
            how = "reported"
        else:
            how, _, via = how.partition(RAISED_VIA)
            callees = [callee for callee in via.split(",") if callee] + _handler_callees(resolver, own)
            how += RAISED_VIA + ",".join(dict.fromkeys(callees)) if callees else ""
    return how


def _handler_callees(resolver: Resolver, handler: cst.ExceptHandler) -> List[str]:
    """Project calls of the handler before the raise: a helper that logs the error reports it
    (`_log_error(exc, "registering failed"); raise RequestFailed(exc)`), the project phase decides."""
    names = (resolver.qualified_name(n.func) for n in descendants(handler.body) if isinstance(n, cst.Call))
    return list(dict.fromkeys(name for name in names if name and not name.startswith("builtins.")))[:8]
