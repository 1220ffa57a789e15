"""DRF exception handlers (PRR104): the shapes of `REST_FRAMEWORK["EXCEPTION_HANDLER"]` functions
and whether they answer errors DRF would re-raise for Django to log."""

from __future__ import annotations

from typing import AbstractSet, List, Optional

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.resolve import Resolver
from prr_lint.rules.guards import split
from prr_lint.rules.handlers import BROAD_EXCEPTIONS, is_dependency_error
from prr_lint.rules.responses import STATUS_KEYWORDS, status_value
from prr_lint.statement_shapes import block_leaves
from prr_lint.tree import descendants, dotted_name


DRF_EXCEPTION_HANDLER = "rest_framework.views.exception_handler"
_BROAD = BROAD_EXCEPTIONS | {"builtins.object"}  # `isinstance(exc, object)` holds for every error


def calls_drf(function: cst.FunctionDef, ctx: FileContext) -> bool:
    return any(
        isinstance(node, cst.Call) and ctx.resolver.qualified_name(node.func) == DRF_EXCEPTION_HANDLER
        for node in descendants(function.body)
    )


def reraises_some(function: cst.FunctionDef) -> bool:
    """The handler returns None on some path (`return None`, a bare `return`, or its body's end): DRF re-raises
    those errors for Django to log, as it does where its own handler returns None."""
    if not block_leaves(function.body):
        return True
    return any(isinstance(node, cst.Return) and (node.value is None or isinstance(node.value, cst.Name) and node.value.value == "None")
               for node in descendants(function.body))


def drf_swallows(function: cst.FunctionDef, ctx: FileContext, reraising: bool = False, handed: AbstractSet[cst.Return] = frozenset()) -> bool:
    """A DRF exception handler (it calls `rest_framework.views.exception_handler`, or, `reraising`, hands some
    errors back to DRF by returning None: dora-back's copy of DRF's handler) that returns a response of its own
    where DRF's returns None, i.e. for errors that are not `APIException`s: DRF would re-raise those and Django
    would log them. `handed`: its returns of a reporting library handler's answer (rules/drf_library.py), which
    answers every error and reports a server fault itself; the handler then answers on its own only at its
    other returns."""
    resolver = ctx.resolver
    from_drf = set()
    uses_drf = False
    for node in descendants(function.body):
        if isinstance(node, cst.Call) and resolver.qualified_name(node.func) == DRF_EXCEPTION_HANDLER:
            uses_drf = True
        if isinstance(node, cst.Assign) and isinstance(node.value, cst.Call):
            if resolver.qualified_name(node.value.func) == DRF_EXCEPTION_HANDLER:
                from_drf.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))
    if not uses_drf and not reraising and not handed:
        return False
    answered = _client_error_answers(function, ctx)
    for node in descendants(function.body):
        if not isinstance(node, cst.Return) or node.value is None or node in answered or node in handed:
            continue
        value = node.value
        if isinstance(value, cst.Name) and (value.value == "None" or value.value in from_drf):
            continue
        if isinstance(value, cst.Call) and (resolver.qualified_name(value.func) == DRF_EXCEPTION_HANDLER or delegates(value, function)):
            continue
        return True
    return False


def _client_error_answers(function: cst.FunctionDef, ctx: FileContext) -> set:
    """Returns of a 4xx response under `if isinstance(exc, C) [and ...]` for a specific class C that is no
    dependency failure (`ProtectedError`, a delete that `on_delete=PROTECT` refused, answered 400): the
    handler answers that class as the client's error, as `@app.exception_handler(C)` answering 4xx does,
    and silences nothing a server fault raises (DRF re-raises the rest for Django to log). So is a response
    with the status the error carries (`status=exc.http_status_code or 400`): the code that raised it chose
    the answer, as DRF answers an `APIException` with its `status_code`."""
    params = function.params.params
    if not params:
        return set()
    exc = params[0].name.value
    found: set = set()
    for node in descendants(function.body):
        if isinstance(node, cst.If) and guards_specific_class(node.test, exc, ctx.resolver):
            found.update(ret for ret in descendants(node.body) if isinstance(ret, cst.Return) and _client_error(ret.value, ctx, exc))
    return found


def guards_specific_class(test: cst.BaseExpression, exc: str, resolver: Resolver) -> bool:
    """The `if` body runs only for specific classes: `isinstance(exc, C)` is the test or one of its `and` terms,
    or such a term is an `or` of such tests alone (`isinstance(exc, A) or isinstance(exc, B)`, as
    `isinstance(exc, (A, B))`); not under `not`, nor an `or` with another test, whose bodies run for other errors
    too. No class may be broad (`Exception`, `object`) or a dependency's failure, nor a name the module binds by
    anything but a class or an import (`CLIENT_ERRORS = (ValueError, Exception)`: a tuple whose classes are not read)."""
    for node in split(test, cst.And):
        tests = [_isinstance_classes(term, exc) for term in split(node, cst.Or)]
        if all(classes is not None for classes in tests):
            names = [name for classes in tests for name in classes or ()]
            if any(isinstance(name, cst.Name) and any(binding.kind not in ("class", "import") for binding in resolver.lookup(name.value) or ())
                   for name in names):
                return False
            qualified = [resolver.qualified_name(name) or dotted_name(name) or "" for name in names]
            return all(name and name not in _BROAD and not is_dependency_error(name) for name in qualified)
    return False


def _isinstance_classes(test: cst.BaseExpression, exc: str) -> Optional[List[cst.BaseExpression]]:
    """The classes of `isinstance(exc, C)` or `isinstance(exc, (A, B))`, or None for another test."""
    if (isinstance(test, cst.Call) and dotted_name(test.func) == "isinstance" and len(test.args) == 2
            and isinstance(test.args[0].value, cst.Name) and test.args[0].value.value == exc):
        classes = test.args[1].value
        return [e.value for e in classes.elements] if isinstance(classes, cst.Tuple) else [classes]
    return None


def _client_error(value: Optional[cst.BaseExpression], ctx: FileContext, exc: str) -> bool:
    """`Response(data, status=status.HTTP_400_BAD_REQUEST)`: a response built with a 4xx status, or with
    the status the caught error carries (`exc.http_status_code`, `exc.status_code or 400`)."""
    if not isinstance(value, cst.Call):
        return False
    for position, arg in enumerate(value.args):
        if (arg.keyword is not None and arg.keyword.value in STATUS_KEYWORDS) or (arg.keyword is None and position == 1):
            if _carried(arg.value, ctx, exc):
                return True
            status = status_value(arg.value, ctx.resolver)
            if status is not None:
                return 400 <= status <= 499
    return False


def _carried(status: cst.BaseExpression, ctx: FileContext, exc: str) -> bool:
    """`exc.<attribute>`, alone or before `or` a 4xx fallback: the status the caught error carries."""
    if isinstance(status, cst.BooleanOperation) and isinstance(status.operator, cst.Or):
        fallback = status_value(status.right, ctx.resolver)
        return fallback is not None and 400 <= fallback <= 499 and _carried(status.left, ctx, exc)
    return isinstance(status, cst.Attribute) and isinstance(status.value, cst.Name) and status.value.value == exc


def drf_exception_handler_setting(node: cst.Assign) -> Optional[str]:
    """The dotted path in `REST_FRAMEWORK = {"EXCEPTION_HANDLER": "pkg.mod.func", ...}`, if this sets it."""
    if len(node.targets) != 1 or dotted_name(node.targets[0].target) != "REST_FRAMEWORK":
        return None
    if not isinstance(node.value, cst.Dict):
        return None
    for element in node.value.elements:
        if (
            isinstance(element, cst.DictElement)
            and isinstance(element.key, cst.SimpleString)
            and element.key.evaluated_value == "EXCEPTION_HANDLER"
            and isinstance(element.value, cst.SimpleString)
        ):
            value = element.value.evaluated_value
            return value if isinstance(value, str) else None
    return None


def drf_handler_shape(function: cst.FunctionDef, ctx: FileContext) -> bool:
    """A module-level `def f(exc, context)` that answers with something of its own (not only what
    another handler it hands `(exc, context)` to answers): what DRF's EXCEPTION_HANDLER setting
    names (the project phase checks that the setting names it)."""
    params = function.params.params
    if ctx.resolver.scope.parent is None or ctx.resolver.scope.parent.kind != "module" or len(params) != 2:
        return False
    if params[0].name.value not in ("exc", "exception", "error", "e") or params[1].name.value != "context":
        return False
    returns = [node for node in descendants(function.body) if isinstance(node, cst.Return) and node.value is not None]
    # `return library_handler(exc, context)` hands every answer on: the handler it names answers (and
    # reports), as DRF's own does when the setting names it directly
    return any(not (isinstance(node.value, cst.Name) and node.value.value == "None")
               and not (isinstance(node.value, cst.Call) and delegates(node.value, function)) for node in returns)


def delegates(call: cst.Call, function: cst.FunctionDef) -> bool:
    """`return other_handler(exc, context)`: the error handed, with the function's own arguments, to
    another handler, which is judged where it is defined."""
    params = [param.name.value for param in function.params.params]
    args = [arg.value.value if isinstance(arg.value, cst.Name) and arg.keyword is None else None for arg in call.args]
    return bool(params) and args == params
