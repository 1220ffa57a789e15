"""The status codes that werkzeug-based apps (Flask, Quart) key error handlers on and `abort` with (PRR104).

A handler registered for a code (`bp.register_error_handler(CUSTOM_ERROR, f)` with `CUSTOM_ERROR = 505`)
is registered for the werkzeug class that code stands for (`default_exceptions[505]`,
`HTTPVersionNotSupported`): Flask calls it for an instance of that class or of a subclass, raised while a
request of the views it covers runs. For 501 to 505 neither Flask nor werkzeug raise the class
themselves: an unhandled exception becomes `InternalServerError` (500) only. What reaches such a handler is
what the service raises deliberately: `abort(505, ...)`, `raise HTTPVersionNotSupported()` or a subclass.
The project phase judges those sites (project/handled_raises.py); this module reads the codes, and
raise_marks.py tags each `abort` with the code it was given.

4xx codes are left out: werkzeug raises them itself (routing's 404 and 405, a body's 400, 413, 415) and
so do extensions (a limiter's 429, a login manager's 401), where the project shows no site; and 500 is the
code every unexpected error gets.
"""

from __future__ import annotations

import http
from typing import Optional
from weakref import WeakKeyDictionary

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import KindOf, listed

# `abort` of werkzeug and of the frameworks and extensions that hand the code on to werkzeug's `Aborter`.
WERKZEUG_ABORTS = frozenset({
    "flask.abort", "flask.helpers.abort", "werkzeug.abort", "werkzeug.exceptions.abort", "quart.abort",
    "quart.helpers.abort", "flask_restful.abort", "flask_restx.abort", "flask_restx.errors.abort", "flask_restplus.abort",
    "flask_restplus.errors.abort", "flask_smorest.abort",
})

# The names an `abort` goes by where the code cannot follow it to one of WERKZEUG_ABORTS: a project module's
# re-export (`from svc.errors import abort`), a namespace's or an api's (`ns.abort(505)`, flask-restx's
# `Namespace.abort` calls `flask_restx.errors.abort`), the app's `current_app.aborter`, an `Aborter` instance.
ABORT_NAMES = frozenset({"abort", "aborter"})
ABORTER = "werkzeug.exceptions.Aborter"
_ABORTER_CLASS = ABORTER.rpartition(".")[2]
_spells_aborter: "WeakKeyDictionary[Resolver, bool]" = WeakKeyDictionary()


def may_abort(func: cst.BaseExpression, name: Optional[str], resolver: Resolver) -> bool:
    """Whether a call of `func` (resolved to `name`, when known) may be a werkzeug abort other than the known ones:
    its resolved or spelled last name is `abort` or `aborter`, or it is an instance of werkzeug's `Aborter`
    (`fail = Aborter()`, `fail(505)`). Such a call's code is not judged: it may raise any code's class. The summary
    asks it of every call: the type is looked up only in a module that can hold an `Aborter` (`_may_hold_aborter`)."""
    spelled = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else None
    if spelled in ABORT_NAMES or (name is not None and name.rpartition(".")[2] in ABORT_NAMES):
        return True
    return name is None and _may_hold_aborter(resolver) and resolver.instance_type(func) == ABORTER


def _may_hold_aborter(resolver: Resolver) -> bool:
    """Whether an object of the module may be typed as werkzeug's `Aborter`: the resolver types an object by a
    constructor call, an annotation or a class attribute the module spells (each spells `Aborter`: its text is
    searched once per module; no text known, it may), or by a type the run configures or the project phase gives
    other modules' objects (`Resolver.add_types`, asked each time: it may add some after the first call)."""
    spelled = _spells_aborter.get(resolver)
    if spelled is None:
        spelled = _spells_aborter[resolver] = resolver.source is None or _ABORTER_CLASS in resolver.source
    return spelled or ABORTER in resolver.extra_object_types.values() or ABORTER in resolver.extra_factory_types.values()


# The codes whose class only the service raises (see the module docstring), and werkzeug's class for each.
ABORTED_CLASSES = {
    501: "werkzeug.exceptions.NotImplemented",
    502: "werkzeug.exceptions.BadGateway",
    503: "werkzeug.exceptions.ServiceUnavailable",
    504: "werkzeug.exceptions.GatewayTimeout",
    505: "werkzeug.exceptions.HTTPVersionNotSupported",
}


def status_code(expr: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> Optional[int]:
    """The integer an expression certainly is: a literal, `http.HTTPStatus.X`, or a name of the module (or of
    the function) that every assignment binds to one integer literal (`CUSTOM_ERROR = 505`). None for
    anything else: a name also bound otherwise (a parameter, a second value, a `global` write in a function),
    imported from another module, or computed."""
    if isinstance(expr, cst.Integer):
        return _int(expr)
    name = resolver.qualified_name(expr, scope)
    if name is not None and name.startswith("http.HTTPStatus."):
        member = name[len("http.HTTPStatus."):]
        return int(http.HTTPStatus[member]) if member in http.HTTPStatus.__members__ else None
    if not isinstance(expr, cst.Name):
        return None
    bindings = resolver.lookup(expr.value, scope or resolver.scope) or []
    if any(binding.scope is resolver.module_scope for binding in bindings) and _declared_global(expr.value, resolver):
        return None  # a function may rebind it (`global CUSTOM_ERROR`)
    values = {_int(binding.value) if binding.kind == "value" and isinstance(binding.value, cst.Integer) else None
              for binding in bindings}
    return values.pop() if len(values) == 1 else None


_GLOBALS = KindOf(cst.Global)


def _declared_global(name: str, resolver: Resolver) -> bool:
    return any(item.name.value == name for node in listed(resolver.module, _GLOBALS, resolver.listed) for item in node.names)


def _int(node: cst.Integer) -> Optional[int]:
    try:
        return int(node.value, 0)
    except ValueError:
        return None
