"""Per-file marks of routers that reach a mount through parameters: `for bp in blueprints:
app.register_blueprint(bp, url_prefix=f"/api/{API_VERSION}")` in a function whose `blueprints` its
callers pass (`configure_blueprints(app, blueprints)`, `create_app(blueprints=LEMUR_BLUEPRINTS)`).

Recorded in the summary's prefix marks, so the project phase (project/flows.py) can tell which
routers a parameter holds:

* ("items", collection, element, ""): a module-level tuple or list of named objects;
* ("flow", "param:<function>:<name or #index>", source, ""): a call passes `source` (a collection,
  an object, or a parameter of the calling function as "param:<function>:<name>") for that parameter;
* ("params", function, "a,b,c", ""): a function's positional parameters, to match positional arguments.

A router mounted from a loop over a parameter is keyed "param:<function>:<name>" in the mount mark.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Iterator, List, Optional, Set

import libcst as cst

from prr_lint.tree import string_value

if TYPE_CHECKING:
    from prr_lint.model import ModuleSummary
    from prr_lint.resolve import Resolver
    from prr_lint.scopes import Binding, Scope

PARAM = "param:"


class Loops:
    """The `for` loops the walk is inside: loop variable -> what it iterates over."""

    def __init__(self) -> None:
        self.targets: Dict[str, List[cst.BaseExpression]] = {}

    def enter(self, node: cst.For) -> None:
        if isinstance(node.target, cst.Name):
            self.targets.setdefault(node.target.value, []).append(node.iter)

    def leave(self, node: cst.For) -> None:
        if isinstance(node.target, cst.Name) and self.targets.get(node.target.value):
            self.targets[node.target.value].pop()


def record_items(summary: "ModuleSummary", key: str, value: cst.BaseExpression, element_key) -> None:
    """`BLUEPRINTS = (health, api_keys_bp)` at module level: a collection of named objects
    (`element_key` names each as every module does, through imports)."""
    elements = [element.value for element in getattr(value, "elements", ())]
    if elements and all(isinstance(element, (cst.Name, cst.Attribute)) for element in elements):
        for element in elements:
            target = element_key(element)
            if target:
                summary.prefixes.append(("items", key, target, ""))


def looped_parameter(summary: "ModuleSummary", resolver: "Resolver", loops: Loops,
                     child: Optional[cst.BaseExpression]) -> str:
    """"param:<function>:<name>" when `child` is the variable of a loop over a parameter of the
    enclosing function (then that function's parameters are recorded too), else ""."""
    if not isinstance(child, cst.Name) or not loops.targets.get(child.value):
        return ""
    iterated = loops.targets[child.value][-1]
    scope = resolver.enclosing_function
    if scope is None or not isinstance(iterated, cst.Name):
        return ""
    bindings = resolver.lookup(iterated.value) or []
    if not any(binding.kind == "param" and binding.scope is scope for binding in bindings):
        return ""
    _record_params(summary, scope)
    return f"{PARAM}{scope.qualname}:{iterated.value}"


def record_flows(summary: "ModuleSummary", resolver: "Resolver", node: cst.Call, callee: str) -> None:
    """What a call passes for each parameter when it is a module-level collection or a parameter of
    the calling function (those are all a looped mount needs to follow)."""
    if not any(isinstance(arg.value, (cst.Name, cst.BinaryOperation)) for arg in node.args):
        return
    scope = resolver.enclosing_function
    position = 0
    for arg in node.args:
        if arg.star:
            return
        slot = arg.keyword.value if arg.keyword is not None else f"#{position}"
        if arg.keyword is None:
            position += 1
        for source in sorted(set(_sources(resolver, arg.value, scope, set()))):
            if source.startswith(PARAM):
                if scope is None or not callee.startswith(resolver.module_name + "."):
                    continue  # parameters are followed to functions of the same module only
                _record_params(summary, scope)
            mark = ("flow", f"{PARAM}{callee}:{slot}", source, "")
            if mark not in summary.prefixes:
                summary.prefixes.append(mark)


def _sources(resolver: "Resolver", expr: cst.BaseExpression, scope: Optional["Scope"], seen: Set[int]) -> Iterator[str]:
    """Collections, objects and parameters an argument may hold: a name (through every assignment of
    it in the function, `blueprints = blueprints + DEFAULT_BLUEPRINTS` too) or `a + b`."""
    pending = [expr]  # a stack, not recursion: `a + b + ...` nests once per term
    while pending:
        current = pending.pop()
        if isinstance(current, cst.BinaryOperation) and isinstance(current.operator, cst.Add):
            pending += (current.right, current.left)
            continue
        if not isinstance(current, cst.Name) or id(current) in seen:
            continue
        seen.add(id(current))
        bindings: List["Binding"] = resolver.lookup(current.value) or []
        local = [binding for binding in bindings if scope is not None and binding.scope is scope]
        if not local:  # a module-level tuple or list (whose items `record_items` names)
            last = bindings[-1] if bindings else None
            if last is not None and last.scope is not None and last.scope.kind == "module" and isinstance(last.value, (cst.Tuple, cst.List)):
                yield f"{resolver.module_name}.{current.value}"
            continue
        values = []
        for binding in local:
            if binding.kind == "param":
                yield f"{PARAM}{scope.qualname}:{current.value}"
            elif binding.value is not None:
                values.append(binding.value)
        pending.extend(reversed(values))


def _record_params(summary: "ModuleSummary", scope: "Scope") -> None:
    names = [name for name, bindings in scope.bindings.items() if bindings[0].kind == "param"]
    if scope.self_name is not None and names and names[0] == scope.self_name:
        names = names[1:]
    mark = ("params", scope.qualname, ",".join(names), "")
    if mark not in summary.prefixes:
        summary.prefixes.append(mark)


def constant_string(resolver: "Resolver", expr: Optional[cst.BaseExpression]) -> str:
    """A string literal, or an f-string of literals and module-level constants (`f"/api/{API_VERSION}"`)."""
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        return string_value(expr)
    if not isinstance(expr, cst.FormattedString):
        return ""
    parts = []
    for part in expr.parts:
        if isinstance(part, cst.FormattedStringText):
            parts.append(part.value)
            continue
        if not isinstance(part, cst.FormattedStringExpression) or part.format_spec or part.conversion:
            return ""
        value = _constant(resolver, part.expression)
        if value is None:
            return ""
        parts.append(value)
    return "".join(parts)


def _constant(resolver: "Resolver", expr: cst.BaseExpression) -> Optional[str]:
    if isinstance(expr, cst.Integer):
        return expr.value
    if isinstance(expr, cst.SimpleString):
        value = expr.evaluated_value
        return value if isinstance(value, str) else None
    if isinstance(expr, cst.Name):
        bindings = resolver.lookup(expr.value, resolver.module_scope)
        if bindings and len(bindings) == 1 and bindings[0].kind == "value" and bindings[0].value is not None \
                and isinstance(bindings[0].value, (cst.Integer, cst.SimpleString)):
            return _constant(resolver, bindings[0].value)
    return None
