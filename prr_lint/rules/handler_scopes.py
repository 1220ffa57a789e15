"""Whose errors a registered error handler takes (PRR104): the words its message names them by, and which
other handlers of the module outrank it for a subclass (handler_keys.handled_classes).

The object the handler is registered on decides, typed through what built it (receivers.py `held`:
`Api(app)`, `Api(blueprint)`, `Blueprint(...)`, `Namespace(...)`, `api.namespace(...)`), never by its
variable's spelling:
- a Flask/Quart app (`app.errorhandler`), a blueprint's `app_errorhandler`, a FastAPI/Starlette app
  (`exception_handler`, `add_exception_handler`): every view of the app;
- a blueprint's own `errorhandler` / `register_error_handler`: the blueprint's views alone (Flask looks
  the blueprint's handlers up first, for every class of the error's MRO, then the app's);
- a flask-restx (flask-restplus) `Api`: its own resources alone (`Api.error_router` hands an error of any
  other view to Flask's handling), whether the Api is built on the app or on a blueprint;
- a flask-restx `Namespace`: the resources of the Api it is added to (the Api runs its namespaces'
  handlers with its own, `Api._own_and_child_error_handlers`);
- a flask-restful or flask-smorest `Api` has no `errorhandler`: the decorator fails at import, nothing is
  registered.
An object nothing types (a parameter, what a project factory returns) is named as it is written.
"""

from __future__ import annotations

from typing import NamedTuple, Optional

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.tree import dotted_name

FLASK_REGISTRARS = frozenset({"errorhandler", "app_errorhandler", "register_error_handler"})
STARLETTE_REGISTRARS = frozenset({"exception_handler", "add_exception_handler"})
BLUEPRINTS = frozenset({"flask.Blueprint", "flask.blueprints.Blueprint", "quart.Blueprint", "quart.blueprints.Blueprint",
                        "flask_smorest.Blueprint", "apiflask.APIBlueprint"})
RESTX_APIS = frozenset({"flask_restx.Api"})
RESTX_NAMESPACES = frozenset({"flask_restx.Namespace", "flask_restx.Api.namespace()"})
NO_ERROR_HANDLERS = frozenset({"flask_restful.Api", "flask_smorest.Api"})
_APP_PACKAGES = ("flask.", "quart.", "apiflask.")

APP, BLUEPRINT, RESTX_API, RESTX_NAMESPACE, UNKNOWN = "app", "blueprint", "restx-api", "restx-namespace", "unknown"


class HandlerScope(NamedTuple):
    kind: str
    words: str  # whose errors, for the message: "the whole app", "blueprint `bp`'s views" ...
    key: str  # handlers with the same key take the same requests' errors ("" for the app's)

    def outranks_for(self, other: "HandlerScope") -> bool:
        """Whether a handler of this scope takes, before a handler of `other`, every error of a class both
        take (the more specific class winning): only when both take the same requests' errors. An object
        nothing types may be any of them."""
        return self.key == other.key or UNKNOWN in (self.kind, other.kind)


def handler_scope(registrar: str, owner: Optional[str], receiver: cst.BaseExpression) -> Optional[HandlerScope]:
    """The scope of a handler registered by `receiver.<registrar>(...)`, `owner` being what `held` types the
    receiver as; None when the object has no such registrar (nothing is registered)."""
    written = dotted_name(receiver) or cst.Module([]).code_for_node(receiver)
    if registrar in STARLETTE_REGISTRARS or registrar == "app_errorhandler":
        return HandlerScope(APP, "the whole app", "")
    name = fw.canonical(owner) if owner is not None else ""
    if name in NO_ERROR_HANDLERS:
        return None
    if name in BLUEPRINTS:
        return HandlerScope(BLUEPRINT, f"blueprint `{written}`'s views", f"{name}:{written}")
    if name in RESTX_APIS or name in RESTX_NAMESPACES:  # one pool: the Api runs its namespaces' handlers
        words = (f"the resources of flask-restx Api `{written}`" if name in RESTX_APIS
                 else f"the resources of the flask-restx Api that Namespace `{written}` is added to")
        return HandlerScope(RESTX_NAMESPACE if name in RESTX_NAMESPACES else RESTX_API, words, "flask_restx.Api")
    if name.startswith(_APP_PACKAGES):
        return HandlerScope(APP, "the whole app", "")
    return HandlerScope(UNKNOWN, f"the views `{written}` serves", f"?:{written}")
