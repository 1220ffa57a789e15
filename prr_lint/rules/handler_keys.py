"""What a module's registered error handlers are keyed on (PRR104): the classes the other handlers take ahead of one
(a subclass one of them takes does not reach a handler of its base), and the werkzeug class a Flask/Quart handler
keyed on a constant code of 501-505 stands for (rules/error_codes.py; its abort sites are judged in
project/handled_raises.py). Each key is read in the scope of the call that registers it."""

from __future__ import annotations

from typing import Iterator, List, Optional, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.receivers import held
from prr_lint.rules.error_codes import ABORTED_CLASSES, status_code
from prr_lint.rules.handler_scopes import FLASK_REGISTRARS, STARLETTE_REGISTRARS, HandlerScope, handler_scope
from prr_lint.scopes import Scope
from prr_lint.tree import dotted_name


def handled_classes(ctx: FileContext, scope: HandlerScope) -> Tuple[str, ...]:
    """The classes the module's other registered error handlers take ahead of one of `scope` (`@app.exception_handler(NotFoundError)`,
    `app.register_error_handler(NotFound, f)`): a subclass one of them takes does not reach a handler of its base. A
    handler that takes other requests' errors (a blueprint's own beside the app's) leaves the subclass to it elsewhere."""
    found = []
    resolver = ctx.resolver
    for node, where in _calls_in_scope(ctx):
        if (isinstance(node.func, cst.Attribute) and node.args
                and node.func.attr.value in FLASK_REGISTRARS | STARLETTE_REGISTRARS and not isinstance(node.args[0].value, cst.Integer)):
            receiver = node.func.value
            other = handler_scope(node.func.attr.value, held(resolver, receiver, where), receiver)
            name = resolver.qualified_name(node.args[0].value, where) or dotted_name(node.args[0].value)
            if name and other is not None and other.outranks_for(scope):
                found.append(name)
    return tuple(dict.fromkeys(found))


def _calls_in_scope(ctx: FileContext) -> Iterator[Tuple[cst.Call, Scope]]:
    """The module's calls in the source's order, each with the scope it runs in (also registrations inside an app
    factory, and a decorator's call, which runs where its `def` is)."""
    resolver = ctx.resolver
    pending: List[Tuple[cst.CSTNode, Scope]] = [(ctx.module, resolver.module_scope)]
    while pending:
        node, where = pending.pop()
        if isinstance(node, (cst.FunctionDef, cst.ClassDef)):
            inner = resolver.scope_for(node, where)
            pending.append((node.body, inner))
            pending.extend((decorator, where) for decorator in reversed(node.decorators))
            continue
        pending.extend((child, where) for child in reversed(node.children))
        if isinstance(node, cst.Call):
            yield node, where


def aborted_class(function: cst.FunctionDef, caught: cst.BaseExpression, ctx: FileContext, where: Scope) -> Optional[str]:
    """The werkzeug class of the code (501-505) a Flask/Quart handler is registered for, named by a constant
    (`CUSTOM_ERROR = 505`; a literal code is not judged at all), when each registration of the function the module
    shows is for a code other than 500 (rules/error_codes.py): what reaches it is then the service's own `abort`
    of that code, whose sites the project phase judges. None when the function is also registered for 500, a class,
    or a key the module does not resolve, or its name is an argument of any other call: it may take the errors nobody
    raised on purpose. Read are the calls that hand it on by its name; a registration of it under another name
    (`for code, f in {500: custom}.items(): bp.register_error_handler(code, f)`) is not seen."""
    code = status_code(caught, ctx.resolver, where)
    if code not in ABORTED_CLASSES:
        return None
    decorators = {id(decorator.decorator) for decorator in function.decorators}
    codes = []
    name = function.name.value
    for call, at in _calls_in_scope(ctx):  # each key read in the scope of the call that registers it
        handed = any(isinstance(arg.value, cst.Name) and arg.value.value == name for arg in call.args)
        registrar = call.func.attr.value if isinstance(call.func, cst.Attribute) else None
        if id(call) in decorators and registrar in FLASK_REGISTRARS | STARLETTE_REGISTRARS and call.args:
            key = call.args[0].value
        elif (registrar in ("register_error_handler", "add_exception_handler") and len(call.args) >= 2
              and isinstance(call.args[1].value, cst.Name) and call.args[1].value.value == name):
            key = call.args[0].value  # by the function's name, in any scope: a namesake's registration counts too
        elif handed:  # handed to anything else (`bp.errorhandler(500)(custom)`, `partial(custom)`): it may take any key
            return None
        else:
            continue
        codes.append(code if key is caught else status_code(key, ctx.resolver, at))
    return ABORTED_CLASSES[code] if all(value is not None and value != 500 for value in codes) else None
