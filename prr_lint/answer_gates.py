"""The per-file marks of code only a person's answer lets run: `if show_yes_no_dialog("Install a model?"):
download(url)`, `if input("Reset the index? ").lower() == "y": reset()`.

A question waits for a person: `input()` raises EOFError when stdin is no terminal (a daemon, a container), click
and rich abort, and a modal dialog needs a desktop. So the body of an `if` whose test cannot be true unless a
question returned is a person's action, whoever calls the function (project/answer_gates.py decides which calls
ask). This module records, per function (def_tags.py), the calls such a test needs and what its body calls
(model.ANSWER_GATE: `needed,...>callee`, one per call), and, when each `return` of a value that may be true needs some
call, those calls per return (model.ANSWER_RETURN): a project function whose every such return needs a question is one
itself (`ask_yes_no`, which shows a Qt box and falls back to `input()`). A builtin other than `input()` (`len`,
`isinstance`) asks nobody, and is not recorded.

A value needs the calls it cannot be worked out without: a call (its receiver's calls too: `input().lower()`),
both sides of a comparison and of an `and`, the left of an `or` (`args.yes or confirm()` is true without asking),
what `not` negates, and a local name bound once, by a plain assignment, in the function. A literal, a parameter or
a name bound twice (`answer = "y"` in an `except EOFError:`) needs nothing.
"""

from __future__ import annotations

from typing import Dict, List, Optional, Set, Tuple

import libcst as cst

from prr_lint.model import ANSWER_GATE, ANSWER_RETURN
from prr_lint.resolve import Resolver
from prr_lint.rules.how_it_runs import asks_person
from prr_lint.tree import descendants

_FALSY = frozenset({"None", "False"})
_DEPTH = 4  # names followed through their assignments (`answer = reply.strip()`, `reply = input()`)


def answer_tags(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """model.ANSWER_GATE and model.ANSWER_RETURN tags of the function `node` (module docstring)."""
    inside = list(descendants(node))  # the walk other readers of the def made, read back
    if not any(isinstance(child, (cst.If, cst.Return)) for child in inside):
        return []
    bound = _Bindings(node, inside)
    gated: Dict[int, Tuple[str, str]] = {}  # a call in a gated body -> (the calls its gate needs, its callee)
    returns: Optional[List[str]] = []  # per `return` of a value that may be true, the calls it needs
    for child in inside:
        if isinstance(child, cst.If):
            needed = _needed(child.test, resolver, bound, _DEPTH)
            for call in descendants(child.body) if needed else ():
                name = resolver.qualified_name(call.func) if isinstance(call, cst.Call) else None
                if name is not None and not name.startswith("builtins.") and id(call) not in gated:
                    gated[id(call)] = (",".join(sorted(needed)), name)
        elif isinstance(child, cst.Return) and child.value is not None and returns is not None and not _falsy(child.value):
            needs = ",".join(sorted(_needed(child.value, resolver, bound, _DEPTH)))
            returns = returns + [needs] if needs else None  # one that needs no call: the function answers nothing
    answers = [ANSWER_RETURN + ";".join(returns)] if returns else []
    return answers + [f"{ANSWER_GATE}{needed}>{name}" for needed, name in gated.values()]


def _needed(expr: cst.BaseExpression, resolver: Resolver, bound: "_Bindings", depth: int) -> Set[str]:
    """The resolved callees `expr` cannot be worked out without (module docstring)."""
    if isinstance(expr, cst.Await):
        return _needed(expr.expression, resolver, bound, depth)
    if isinstance(expr, cst.Call):
        name = resolver.qualified_name(expr.func)
        receiver = _needed(expr.func.value, resolver, bound, depth) if isinstance(expr.func, cst.Attribute) else set()
        return receiver | ({name} if name and (not name.startswith("builtins.") or asks_person(name)) else set())
    if isinstance(expr, cst.Comparison):
        return _needed(expr.left, resolver, bound, depth).union(
            *(_needed(target.comparator, resolver, bound, depth) for target in expr.comparisons))
    if isinstance(expr, cst.BooleanOperation):
        left = _needed(expr.left, resolver, bound, depth)
        return left | _needed(expr.right, resolver, bound, depth) if isinstance(expr.operator, cst.And) else left
    if isinstance(expr, cst.UnaryOperation):
        return _needed(expr.expression, resolver, bound, depth)
    if isinstance(expr, (cst.Attribute, cst.Subscript)):
        return _needed(expr.value, resolver, bound, depth)
    value = bound.value(expr.value) if isinstance(expr, cst.Name) and depth > 0 else None
    return _needed(value, resolver, bound, depth - 1) if value is not None else set()


class _Bindings:
    """The function's names bound once (`_bound_once`), read only when a test or a return uses a name."""

    def __init__(self, node: cst.FunctionDef, inside: List[cst.CSTNode]) -> None:
        self._node, self._inside = node, inside
        self._values: Optional[Dict[str, cst.BaseExpression]] = None

    def value(self, name: str) -> Optional[cst.BaseExpression]:
        if self._values is None:
            self._values = _bound_once(self._node, self._inside)
        return self._values.get(name)


def _bound_once(node: cst.FunctionDef, inside: List[cst.CSTNode]) -> Dict[str, cst.BaseExpression]:
    """Local names a single plain assignment binds, and nothing else in the function (no parameter, loop target,
    `with ... as`, handler name, augmented or second assignment): name -> the value assigned."""
    values: Dict[str, cst.BaseExpression] = {}
    other: Set[str] = {param.name.value for param in (*node.params.posonly_params, *node.params.params, *node.params.kwonly_params)}
    other.update(param.name.value for param in (node.params.star_arg, node.params.star_kwarg) if isinstance(param, cst.Param))
    for child in inside:
        if isinstance(child, cst.Assign) and len(child.targets) == 1 and isinstance(child.targets[0].target, cst.Name):
            name = child.targets[0].target.value
            if name in values:
                other.add(name)
            values.setdefault(name, child.value)
        elif isinstance(child, (cst.Assign, cst.AugAssign, cst.AnnAssign, cst.For, cst.CompFor, cst.NamedExpr)):
            for target in [target.target for target in child.targets] if isinstance(child, cst.Assign) else [child.target]:
                other.update(_names(target))
        elif isinstance(child, cst.AsName) and isinstance(child.name, cst.Name):
            other.add(child.name.value)
        elif isinstance(child, (cst.Global, cst.Nonlocal)):
            other.update(item.name.value for item in child.names)
    return {name: value for name, value in values.items() if name not in other}


def _names(target: cst.BaseExpression) -> List[str]:
    """The local names an assignment target binds (`a`, `a, (b, *c)`; not `self.a` nor `d[k]`)."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, cst.StarredElement):
        return _names(target.value)
    return [name for element in target.elements for name in _names(element.value)] if isinstance(target, (cst.Tuple, cst.List)) else []


def _falsy(expr: cst.BaseExpression) -> bool:
    """A return value that is never true (`return None`, `return False`, `return 0`, `return ""`)."""
    if isinstance(expr, cst.Name):
        return expr.value in _FALSY
    if isinstance(expr, cst.Integer):
        return expr.evaluated_value == 0
    return isinstance(expr, cst.SimpleString) and expr.evaluated_value in ("", b"")
