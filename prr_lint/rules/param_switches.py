"""A parameter with a default as a switch: the key of `if ping:` in `def __init__(self, endpoint, ping=False)`.

A function's own parameter tested for truth is a switch its callers turn: `ClientComposition(endpoint)`
leaves `ping` at `False`, and the Ping calls under `if ping:` never run; `Preloader(enable_queries=False)` turns
off the queries `def __init__(self, enable_queries=True)` makes under `if enable_queries:` (irrd's signalling
preloader), for every call that passes it so (PRR505 counts the calls on the event loop: project/blocking.py). The guard's key is
`param:<function>/<name>@<position>/<default>` (switch_keys.PARAM: the function's qualified name, the
parameter's position among a call's positional arguments, -1 when keyword-only, and the code of its default,
rules/param_guards.py), given only for a plain parameter the function never rebinds (not `global`, not
assigned, not a loop target, no walrus, no nested def's `nonlocal`) nor changes the items of (`opts["retry"] = True`,
`opts.update(x)`: last_binding.py; the caller's `{}` is then no longer empty), with a default, tested where the function itself runs (not in a nested definition). The project phase says whether every call leaves it so
(project/param_switches.py).
"""

from __future__ import annotations

from typing import Optional, Sequence

import libcst as cst

from prr_lint.last_binding import items_changed, rebound_unlisted
from prr_lint.resolve import Resolver
from prr_lint.rules.param_guards import parameter_slot
from prr_lint.switch_keys import PARAM

_STATIC = "staticmethod"


def param_key(term: cst.BaseExpression, outer: Sequence[cst.CSTNode], resolver: Resolver, filled: bool = False) -> Optional[str]:
    """The `param:` key of a term that tests a parameter of the function around it (`outer`: the nodes above
    the term's statement, outermost first) for truth, when the parameter has a default; `filled`: the term is the
    caller's value of a parameter the function fills in later when it is empty (guards.py), rebound or not."""
    if not isinstance(term, cst.Name):
        return None
    at = next((i for i in range(len(outer) - 1, -1, -1) if isinstance(outer[i], (cst.FunctionDef, cst.ClassDef, cst.Lambda))), None)
    function = outer[at] if at is not None else None
    if not isinstance(function, cst.FunctionDef):
        return None
    scope = resolver.scope_for(function)
    bindings = scope.bindings.get(term.value, ())
    if not bindings or len(bindings) != 1 and not filled or bindings[0].kind != "param" or term.value in scope.global_names \
            or rebound_unlisted(scope, term.value) or items_changed(scope, term.value):
        return None  # rebound or filled: no longer what the caller passed
    static = any(isinstance(d.decorator, cst.Name) and d.decorator.value == _STATIC for d in function.decorators)
    is_method = scope.parent is not None and scope.parent.kind == "class" and not static
    slot = parameter_slot(function, term.value, is_method)
    if slot is None or not slot[1]:
        return None  # no default: every call passes one
    return f"{PARAM}{scope.qualname}/{term.value}@{slot[0]}/{slot[1]}"


def tests_parameter(test: cst.BaseExpression, function: Optional[cst.CSTNode]) -> bool:
    """The test of an `if` in `function` is, or joins with `and`/`or`/`not`, a bare parameter with a default (a
    cheap first look, before `param_key`: `if timeout is None:` is no switch)."""
    if not isinstance(function, cst.FunctionDef):
        return False
    p = function.params
    names = {param.name.value for param in (*p.posonly_params, *p.params, *p.kwonly_params) if param.default is not None}
    stack = [test]
    while names and stack:
        term = stack.pop()
        if isinstance(term, cst.Name) and term.value in names:
            return True
        if isinstance(term, cst.BooleanOperation):
            stack += [term.left, term.right]
        elif isinstance(term, cst.UnaryOperation) and isinstance(term.operator, cst.Not):
            stack.append(term.expression)
    return False
