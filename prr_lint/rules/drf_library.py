"""DRF exception handlers of installed libraries that report a server error themselves (PRR104): where a configured
handler returns such a handler's answer, whether a project subclass's method keeps the report it makes, and what the
project's modules tell the project phase about the library (its settings, hooks replaced by `setattr`).

drf-standardized-errors' handler (rules/framework_reports.py `REPORTING_DRF_HANDLERS`) answers every error and, for a
server fault, reports it before it returns. A configured handler that returns that answer as it is, handed its own
`(exc, context)`, has reported at that return: the call ran. What it returns elsewhere is its own answer, judged as
any (drf_handlers.py `drf_swallows`): a 5xx of its own before or instead of the call reports nothing. The called
name must name the library on every binding (an import, a def or a class: a fallback `def exception_handler` beside
`try: from ... import exception_handler`, or `cls = Quiet; if c: cls = ExceptionHandler`, may call the other); the
handler has no decorator (a wrapper may answer instead), and neither rebinds its error nor stores on it
(`exc.status_code = 400`: the library keys its report on that status). Which class answers is settled in the
project phase (project/drf_library.py): the module function runs the class the library's settings name,
`X(exc, context).run()` runs X's. Here each method of a class that may decide the report (`REPORT_HOOKS`) is
tagged when it keeps it (`LIBRARY_HOOK_KEEPS`; an override with no tag drops it): `__init__`, `run` and
`report_exception` keep it when a statement of their own body (in no block), before anything returns, calls the
base's own with their own arguments (`super().report_exception(exc, response)`); the conversions when every answer
is the base's conversion of the error (`convert_known_exceptions` may answer the error itself, as the base does for
the rest) or is given under `if isinstance(exc, C)` for specific classes (a client's error, as drf_handlers.py reads
a DRF handler's 4xx answer for C: no broad class, no dependency's failure, no name bound to a tuple). A decorated,
async or generator override, one that rebinds a parameter or stores on one, sets `self.exc` (what `run()` starts
from, also by `setattr`) or stores a `status_code`, or a hook's name bound by anything but a `def`, drops it. Any
other method that stores a `status_code` (`get_response` lowering it) is tagged `LIBRARY_HOOK_DROPS`.
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.last_binding import rebound_unlisted
from prr_lint.library_types import canonical
from prr_lint.model import DRF_HANDLER_CLASS, LIBRARY_HOOK_BOUND, LIBRARY_HOOK_DROPS, LIBRARY_HOOK_KEEPS, LIBRARY_HOOK_STORED
from prr_lint.resolve import Resolver
from prr_lint.rules.drf_handlers import delegates, guards_specific_class
from prr_lint.rules.framework_reports import REPORT_HOOKS, REPORTING_DRF_HANDLERS
from prr_lint.scopes import Scope
from prr_lint.statement_shapes import block_leaves
from prr_lint.tree import descendants, dotted_name
from prr_lint.word_counts import bound_attributes

HOOKS = frozenset(hook for hooks in REPORT_HOOKS.values() for hook in hooks)
SETTING, CLASS_KEY = "DRF_STANDARDIZED_ERRORS", "EXCEPTION_HANDLER_CLASS"
UNKNOWN_CLASS = "?"  # a setting of the class that is not a literal: no class is known to keep the report


def library_answers(function: cst.FunctionDef, ctx: FileContext) -> Dict[cst.Return, Tuple[str, ...]]:
    """The handler's returns of a reporting library handler's answer as it is, with what answers there: the
    library function's name, or every class whose `run()` it may call (the project phase checks that each is such a
    class). None of them when the handler is decorated (what runs is the wrapper) or may rebind its error or store on
    it (`exc = ValidationError(...)`, `exc.status_code = 400`: the library would answer, and report, that one)."""
    resolver, scope = ctx.resolver, ctx.resolver.scope
    params = [param.name.value for param in function.params.params]
    if function.decorators or not params or not _unbound(function, params[0], resolver, scope):
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
    which, by a plain assignment, is one of those (`response = exception_handler(exc, context)`). The called name is
    read on every binding (`_every_name`)."""
    if isinstance(value, cst.Call):
        names = _every_name(value.func, resolver, scope)
        if names and all(name in REPORTING_DRF_HANDLERS for name in names) and delegates(value, function):
            return names
        func = value.func
        if (isinstance(func, cst.Attribute) and func.attr.value == "run" and not value.args
                and isinstance(func.value, cst.Call) and delegates(func.value, function)):
            made = _every_name(func.value.func, resolver, scope)
            return made if not any(name.startswith("builtins.") for name in made) else ()
        return ()
    if not isinstance(value, cst.Name) or rebound_unlisted(scope, value.value):
        return ()
    bindings = resolver.lookup(value.value, scope) or []
    if not bindings or any(binding.scope is not scope or binding.kind != "value" or binding.item_of is not None
                           or not isinstance(binding.value, cst.Call) for binding in bindings):
        return ()
    answers = [_answered_by(binding.value, function, resolver, scope) for binding in bindings if binding.value is not None]
    return tuple(dict.fromkeys(subject for answer in answers for subject in answer)) if all(answers) else ()


def _every_name(expr: cst.BaseExpression, resolver: Resolver, scope: Scope) -> Tuple[str, ...]:
    """Every dotted name `expr` (`name`, `module.name`) may refer to, by each binding of its first name, each of
    which is an import, a def or a class; none when one is anything else (an assignment, a loop's target), or the
    scope rebinds it unlisted: the resolver's one name is the last binding's, which another may precede."""
    head = expr
    while isinstance(head, cst.Attribute):
        head = head.value
    dotted = dotted_name(expr)
    if not isinstance(head, cst.Name) or dotted is None or rebound_unlisted(scope, head.value):
        return ()
    bindings = resolver.lookup(head.value, scope) or []
    heads = [resolver.binding_name(binding) if binding.kind in ("import", "def", "class") else None for binding in bindings]
    if not heads or None in heads:
        return ()
    rest = dotted[len(head.value):]
    return tuple(dict.fromkeys(canonical(f"{name}{rest}") for name in heads if name))


def _unbound(function: cst.FunctionDef, name: str, resolver: Resolver, scope: Scope) -> bool:
    """The parameter `name` holds what the caller passed, as it was, wherever it is read: nothing in the function
    rebinds it, nor stores on it (`exc.status_code = 400`, `setattr(exc, ...)`)."""
    bindings = resolver.lookup(name, scope) or []
    return (all(binding.kind == "param" for binding in bindings) and not rebound_unlisted(scope, name)
            and not any(_stores_on(node, name) for node in descendants(function.body)))


def _stores_on(node: cst.CSTNode, name: str, attribute: Optional[str] = None) -> bool:
    """`node` stores an attribute (`attribute`, or any) on the object the name `name` holds: `name.a = ...`,
    `name.a.b += ...`, `setattr(name, "a", ...)` (any `setattr` on it whose name is no literal)."""
    if isinstance(node, cst.Call):
        stored = _setattr_name(node)
        target = node.args[0].value if stored is not None else None
        return (isinstance(target, cst.Name) and target.value == name
                and (attribute is None or stored in (attribute, "")))
    return any(_root(target) == name and (attribute is None or target.attr.value == attribute)
               for target in bound_attributes(_targets(node)))


def _stores_status(node: cst.CSTNode) -> bool:
    """`node` stores a `status_code` on anything (`exc.status_code = 400`, `setattr(e, "status_code", 200)`): the
    status drf-standardized-errors' report keys on."""
    if isinstance(node, cst.Call):
        return _setattr_name(node) in ("status_code", "")
    return any(target.attr.value == "status_code" for target in bound_attributes(_targets(node)))


def _targets(node: cst.CSTNode) -> List[cst.BaseExpression]:
    if isinstance(node, cst.Assign):
        return [target.target for target in node.targets]
    if isinstance(node, (cst.AugAssign, cst.AnnAssign)):
        return [node.target]
    return []


def _root(expr: cst.BaseExpression) -> Optional[str]:
    while isinstance(expr, (cst.Attribute, cst.Subscript)):
        expr = expr.value
    return expr.value if isinstance(expr, cst.Name) else None


def _setattr_name(call: cst.Call) -> Optional[str]:
    """The attribute name a `setattr(obj, "name", value)` call stores ("" when it is no literal), or None for
    another call."""
    if not (isinstance(call.func, cst.Name) and call.func.value == "setattr" and len(call.args) == 3):
        return None
    name = call.args[1].value
    value = name.evaluated_value if isinstance(name, cst.SimpleString) else None
    return value if isinstance(value, str) else ""


def hook_tags(function: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """For a method: `LIBRARY_HOOK_KEEPS` when it is named as a hook of a reporting handler class (`report_exception`,
    `convert_unhandled_exceptions` ...) and keeps the report (few do: the project phase reads an untagged override
    as dropping it); `LIBRARY_HOOK_DROPS` when it is any other method and stores a `status_code`. The project phase
    reads them where the class is on the way from such a class's subclass to it (project/drf_library.py)."""
    name = function.name.value
    scope = resolver.scope
    owner = scope.parent
    if owner is None or owner.kind != "class":
        return []
    if name in HOOKS:
        return [LIBRARY_HOOK_KEEPS] if _keeps(function, resolver, scope) else []
    return [LIBRARY_HOOK_DROPS] if any(_stores_status(node) for node in descendants(function.body)) else []


def class_hook_tags(scope: Scope) -> List[str]:
    """`LIBRARY_HOOK_BOUND<class>` for a class body that binds a hook's name other than by one `def`
    (`report_exception = staticmethod(noop)`, an import; two defs, one under `if`: the method's summary is of one of
    them): what runs there is not judged, so it may drop the report."""
    bound = any(len(bindings) > 1 or bindings[0].kind != "def" for name in HOOKS for bindings in [scope.bindings.get(name)] if bindings)
    return [LIBRARY_HOOK_BOUND + scope.qualname] if bound else []


def library_module_tags(module: cst.Module, source: str) -> List[str]:
    """What the project phase reads of a module about drf-standardized-errors: `DRF_HANDLER_CLASS<dotted path>` for
    each class its settings name (`DRF_STANDARDIZED_ERRORS = {"EXCEPTION_HANDLER_CLASS": "pkg.mod.Handler"}`), with
    `UNKNOWN_CLASS` for any other mention of either word (a dict that is no literal, `**` in it, a store of the key
    elsewhere, an assignment in a block); `LIBRARY_HOOK_STORED<hook>` for `setattr(obj, "report_exception", f)`."""
    tags = []
    if "setattr" in source and any(hook in source for hook in HOOKS):
        tags.extend(LIBRARY_HOOK_STORED + name for node in descendants(module) if isinstance(node, cst.Call)
                    for name in [_setattr_name(node)] if name in HOOKS)
    if SETTING not in source and CLASS_KEY not in source:
        return tags
    found: List[str] = []
    assignments = keys = 0
    for line in module.body:
        for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
            if (isinstance(small, cst.Assign) and len(small.targets) == 1 and isinstance(small.targets[0].target, cst.Name)
                    and small.targets[0].target.value == SETTING):
                assignments += 1
                classes = _class_settings(small.value)
                keys += len(classes or ())
                found.extend(classes if classes is not None else [UNKNOWN_CLASS])
    if source.count(SETTING) != assignments or source.count(CLASS_KEY) != keys:
        found.append(UNKNOWN_CLASS)
    return tags + [DRF_HANDLER_CLASS + name for name in dict.fromkeys(found)]


def _class_settings(value: cst.BaseExpression) -> Optional[List[str]]:
    """The class paths a literal settings dict gives `EXCEPTION_HANDLER_CLASS` (`UNKNOWN_CLASS` for one that is no
    literal string), or None for a value that is no dict literal of literal keys."""
    if not isinstance(value, cst.Dict):
        return None
    found = []
    for element in value.elements:
        if not isinstance(element, cst.DictElement) or not isinstance(element.key, cst.SimpleString):
            return None
        if element.key.evaluated_value == CLASS_KEY:
            path = element.value.evaluated_value if isinstance(element.value, cst.SimpleString) else None
            found.append(path if isinstance(path, str) and path else UNKNOWN_CLASS)
    return found


def _keeps(function: cst.FunctionDef, resolver: Resolver, scope: Scope) -> bool:
    """The override keeps the base class's report: `__init__`, `run` and `report_exception` call the base's own,
    handed their own arguments, before anything returns; the conversions answer with the base's conversion of the
    error (`convert_known_exceptions` with the error itself too), or convert only specific classes under
    `if isinstance(exc, C)` (no broad class, no dependency's failure: as a DRF handler's 4xx answer for C,
    drf_handlers.py). No decorator, no `yield`, no parameter rebound or stored on, no `self.exc = ...` (what `run()`
    starts from), no `status_code` stored."""
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
    return (not any(isinstance(node, (cst.Yield, cst.Await)) or _stores_on(node, names[0], "exc") or _stores_status(node)
                    for node in inner)
            and all(_unbound(function, name, resolver, scope) for name in names[1:])
            and all(binding.kind == "param" for binding in resolver.lookup(names[0], scope) or []))


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
