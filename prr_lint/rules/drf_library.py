"""DRF exception handlers of installed libraries that report a server error themselves (PRR104): where a configured
handler returns such a handler's answer, and whether a project subclass's method keeps the report it makes.

drf-standardized-errors' handler (rules/framework_reports.py `REPORTING_DRF_HANDLERS`) answers every error and, for a
server fault, reports it before it returns. A configured handler that returns that answer as it is, handed its own
`(exc, context)`, has reported at that return: the call ran. What it returns elsewhere is its own answer, judged as
any (drf_handlers.py `drf_swallows`): a 5xx of its own before or instead of the call reports nothing. Which class
answers is settled in the project phase (project/drf_library.py): the module function runs the subclass the library's
settings name, `X(exc, context).run()` runs X's. Here each method of a subclass that may decide the report
(`REPORT_HOOKS`) is judged on its own, and tagged when it may drop it: `__init__`, `run` and `report_exception` keep
it when a statement of their own body (in no block), before anything returns, calls the base's own with their own
arguments (`super().report_exception(exc, response)`); the conversions when every answer is the base's conversion
of the error (`convert_known_exceptions` may answer the error itself, as the base does for the rest) or is given
under `if isinstance(exc, C)` for specific classes (a client's error, as drf_handlers.py reads a DRF handler's 4xx
answer for C: no broad class, no dependency's failure). A decorated, async or generator override, one that rebinds
a parameter or sets `self.exc` (what `run()` starts from), or a hook's name bound by anything but a `def`, may drop it.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.model import LIBRARY_HOOK_BOUND, LIBRARY_HOOK_DROPS
from prr_lint.resolve import Resolver
from prr_lint.rules.drf_handlers import delegates, guards_specific_class
from prr_lint.rules.framework_reports import REPORT_HOOKS, REPORTING_DRF_HANDLERS
from prr_lint.scopes import Scope
from prr_lint.statement_shapes import block_leaves
from prr_lint.tree import descendants

HOOKS = frozenset(hook for hooks in REPORT_HOOKS.values() for hook in hooks)


def library_answers(function: cst.FunctionDef, ctx: FileContext) -> Dict[cst.Return, Tuple[str, ...]]:
    """The handler's returns of a reporting library handler's answer as it is, with what answers there: the
    library function's name, or the class whose `run()` it calls (the project phase checks that it is such a
    class). None of them when the handler may rebind its error (`exc = ValidationError(...)`: the library would
    answer that one)."""
    resolver, scope = ctx.resolver, ctx.resolver.scope
    params = [param.name.value for param in function.params.params]
    if not params or not _unbound(function, params[0], resolver, scope):
        return {}
    found = {}
    for node in descendants(function.body):
        if isinstance(node, cst.Return) and node.value is not None:
            subjects = _answered_by(node.value, function, resolver, scope)
            if subjects:
                found[node] = subjects
    return found


def _answered_by(value: cst.BaseExpression, function: cst.FunctionDef, resolver: Resolver, scope: Scope) -> Tuple[str, ...]:
    """`exception_handler(exc, context)` of the table, `X(exc, context).run()`, or a local name every binding of
    which, by a plain assignment, is one of those (`response = exception_handler(exc, context)`)."""
    if isinstance(value, cst.Call):
        name = resolver.qualified_name(value.func, scope)
        if name in REPORTING_DRF_HANDLERS and delegates(value, function):
            return (name,)
        func = value.func
        if (isinstance(func, cst.Attribute) and func.attr.value == "run" and not value.args
                and isinstance(func.value, cst.Call) and delegates(func.value, function)):
            made = resolver.qualified_name(func.value.func, scope)
            return (made,) if made and not made.startswith("builtins.") else ()
        return ()
    if not isinstance(value, cst.Name) or _rebound_unlisted(function, value.value):
        return ()
    bindings = resolver.lookup(value.value, scope) or []
    if not bindings or any(binding.scope is not scope or binding.kind != "value" or binding.item_of is not None
                           or not isinstance(binding.value, cst.Call) for binding in bindings):
        return ()
    answers = [_answered_by(binding.value, function, resolver, scope) for binding in bindings if binding.value is not None]
    return tuple(dict.fromkeys(subject for answer in answers for subject in answer)) if all(answers) else ()


def _unbound(function: cst.FunctionDef, name: str, resolver: Resolver, scope: Scope) -> bool:
    """The parameter `name` holds what the caller passed wherever it is read: nothing in the function rebinds it."""
    bindings = resolver.lookup(name, scope) or []
    return all(binding.kind == "param" for binding in bindings) and not _rebound_unlisted(function, name)


def _rebound_unlisted(function: cst.FunctionDef, name: str) -> bool:
    """A binding of `name` the scope's bindings do not tell apart from an assignment, or do not list: a walrus,
    `with ... as name`, a `global` or a nested def's `nonlocal`."""
    for node in descendants(function.body, ()):
        if isinstance(node, cst.NamedExpr) and isinstance(node.target, cst.Name) and node.target.value == name:
            return True
        if isinstance(node, cst.WithItem) and node.asname is not None and any(
                isinstance(target, cst.Name) and target.value == name for target in descendants(node.asname, ())):
            return True
        if isinstance(node, (cst.Global, cst.Nonlocal)) and any(item.name.value == name for item in node.names):
            return True
    return False


def hook_tags(function: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """`LIBRARY_HOOK_DROPS` for a method named as a hook of a reporting handler class (`report_exception`,
    `convert_unhandled_exceptions` ...) that may drop the report: the project phase reads it where the class is
    on the way from such a class's subclass to it (a mixin with no base of its own too: project/drf_library.py)."""
    name = function.name.value
    scope = resolver.scope
    owner = scope.parent
    if name not in HOOKS or owner is None or owner.kind != "class":
        return []
    return [] if _keeps(function, resolver, scope) else [LIBRARY_HOOK_DROPS]


def class_hook_tags(scope: Scope) -> List[str]:
    """`LIBRARY_HOOK_BOUND<class>` for a class body that binds a hook's name other than by a `def`
    (`report_exception = staticmethod(noop)`, an import): what runs there is not judged, so it may drop the report."""
    bound = any(binding.kind != "def" for name in HOOKS for binding in scope.bindings.get(name, ()))
    return [LIBRARY_HOOK_BOUND + scope.qualname] if bound else []


def _keeps(function: cst.FunctionDef, resolver: Resolver, scope: Scope) -> bool:
    """The override keeps the base class's report: `__init__`, `run` and `report_exception` call the base's own,
    handed their own arguments, before anything returns; the conversions answer with the base's conversion of the
    error (`convert_known_exceptions` with the error itself too), or convert only specific classes under
    `if isinstance(exc, C)` (no broad class, no dependency's failure: as a DRF handler's 4xx answer for C,
    drf_handlers.py). No decorator, no `yield`, no parameter rebound, no `self.exc = ...` (what `run()` starts from)."""
    params = function.params
    names = [param.name.value for param in params.params]
    if (function.decorators or function.asynchronous is not None or params.posonly_params or params.kwonly_params
            or isinstance(params.star_arg, cst.Param) or params.star_kwarg is not None or not names):
        return False
    hook = function.name.value
    if hook in ("__init__", "run", "report_exception"):
        if not _chains_first(function, hook, names):  # first: most `__init__`s fail here, before any walk
            return False
        inner = list(descendants(function.body))
    elif len(names) == 2 and block_leaves(function.body):
        exc, inner = names[1], list(descendants(function.body))
        guarded = {id(ret) for node in inner if isinstance(node, cst.If) and guards_specific_class(node.test, exc, resolver)
                   for ret in descendants(node.body) if isinstance(ret, cst.Return)}
        if not all(id(node) in guarded or _super_call(node.value, hook, names)
                   or (hook == "convert_known_exceptions" and isinstance(node.value, cst.Name) and node.value.value == exc)
                   for node in inner if isinstance(node, cst.Return)):
            return False
    else:
        return False
    return (not any(isinstance(node, (cst.Yield, cst.Await)) or _sets_error(node, names[0]) for node in inner)
            and all(_unbound(function, name, resolver, scope) for name in names))


def _chains_first(function: cst.FunctionDef, hook: str, names: Sequence[str]) -> bool:
    """A statement of the def's own body (in no block) calls `super().<hook>(<its own arguments>)`, and nothing
    before it returns."""
    before: List[cst.CSTNode] = []
    for statement in function.body.body if isinstance(function.body, cst.IndentedBlock) else ():
        if isinstance(statement, cst.SimpleStatementLine):
            for small in statement.body:
                value = small.value if isinstance(small, (cst.Expr, cst.Assign, cst.AnnAssign, cst.Return)) else None
                if value is not None and _super_call(value, hook, names):
                    return not any(isinstance(node, cst.Return) for earlier in before for node in (earlier, *descendants(earlier)))
                before.append(small)
        else:
            before.append(statement)
    return False


def _super_call(value: Optional[cst.BaseExpression], hook: str, names: Sequence[str]) -> bool:
    """`super().<hook>(a, b)` (or `super(Class, self)....`) handed the method's own arguments after `self`."""
    if not (isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == hook
            and isinstance(value.func.value, cst.Call) and isinstance(value.func.value.func, cst.Name)
            and value.func.value.func.value == "super"):
        return False
    args = [arg.value.value if isinstance(arg.value, cst.Name) and arg.keyword is None and not arg.star else None for arg in value.args]
    return args == list(names[1:])


def _sets_error(node: cst.CSTNode, self_name: str) -> bool:
    """`self.exc = ...` (or `+=`, annotated): the error `run()` converts and reports."""
    if isinstance(node, cst.Assign):
        targets = [target.target for target in node.targets]
    elif isinstance(node, (cst.AugAssign, cst.AnnAssign)):
        targets = [node.target]
    else:
        return False
    return any(isinstance(target, cst.Attribute) and target.attr.value == "exc" and isinstance(target.value, cst.Name)
               and target.value.value == self_name for target in targets)
