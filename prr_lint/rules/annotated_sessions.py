"""PRR501, per-file half: sessions typed only by an annotation naming `requests.Session`.

A `def download(session: Session, url)` or `self.session = session` stored from such a parameter tells the
call's session class only by its annotation, which names the base class whatever object the caller hands
in: in icloudpd every session is a `PyiCloudSession`, whose `request` fills in a missing timeout, handed
down through parameters annotated `Session`. The project phase decides whether every session the service
makes is of such a class (project/annotated_sessions.py); this module gives it two marks:

* the finding subject ANNOTATED_SESSION on a session call whose receiver's class comes only from such
  annotations: a parameter annotated so (with no default building a session), a name or `self.<attribute>`
  every binding of which holds such a parameter (or a `None` placeholder, or a bare annotated declaration),
  or an attribute of a class of another module that the project phase typed from what its stores give it
  (project/attribute_types.py), which a construction in service code cannot give under that decision; a
  binding of any other value (a library's `make_session()`, `requests.Session()`) leaves it out;
* the function tag SESSION_PARAMETER + "<position>:<name>" on each parameter annotated `requests.Session`,
  whose callers' arguments the project phase looks at.
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.clients import REQUESTS_SESSION, is_none
from prr_lint.scopes import Scope

ANNOTATED_SESSION = "annotated-session"
SESSION_PARAMETER = "session-param:"
_DEPTH = 4


def annotated_only(resolver: Resolver, expr: cst.BaseExpression, scope: Optional[Scope] = None, depth: int = 0) -> bool:
    """The session `expr` holds is typed `requests.Session` only by annotations (module docstring)."""
    scope = scope or resolver.scope
    if depth > _DEPTH:
        return False
    bindings = resolver.held_bindings(expr, scope)
    if not bindings:
        return _typed_by_stores(resolver, expr, scope)
    for binding in bindings:
        where = binding.scope or scope
        if binding.kind == "param":
            default = where.defaults.get(expr.value) if isinstance(expr, cst.Name) else None
            if not _names_session(resolver, binding.annotation, where) or default is not None and not is_none(default):
                return False
        elif binding.kind in ("value", "alias"):
            value = binding.value
            if value is None and not _names_session(resolver, binding.annotation, where):
                return False
            if value is not None and not is_none(value) and not (
                    isinstance(value, (cst.Name, cst.Attribute)) and annotated_only(resolver, value, where, depth + 1)):
                return False
        else:
            return False
    return True


def _typed_by_stores(resolver: Resolver, expr: cst.BaseExpression, scope: Scope) -> bool:
    """`library.session` on an instance of a class of another module, typed `requests.Session` by the project
    phase from the values the project gives the attribute (resolver's extra object types)."""
    if not isinstance(expr, cst.Attribute):
        return False
    owner = resolver.instance_type(expr.value, scope)
    if owner is None or resolver.class_attributes(owner):
        return False
    return resolver.extra_object_types.get(f"{owner}.{expr.attr.value}") == REQUESTS_SESSION


def _names_session(resolver: Resolver, annotation: Optional[cst.BaseExpression], scope: Scope) -> bool:
    return annotation is not None and resolver.annotation_type(annotation, scope) == REQUESTS_SESSION


def session_parameters(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """The tags of the function's parameters annotated `requests.Session` (module docstring), in the
    resolver's scope of the function."""
    scope = resolver.scope
    params = node.params
    return [f"{SESSION_PARAMETER}{scope.parameters[param.name.value]}:{param.name.value}"
            for param in (*params.posonly_params, *params.params, *params.kwonly_params)
            if param.annotation is not None and param.name.value in scope.parameters
            and _names_session(resolver, param.annotation.annotation, scope)]
