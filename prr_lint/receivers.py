"""Receiver expressions: what the per-file pass records of objects whose class only the project knows.

The resolver types a receiver from what its own module shows (resolve.py). An object that a project
factory of another module makes (`get_emailer().send_email_template(...)`), that a method returns
(`repo_client = self.context.get_repo_client(...)`), that an attribute annotated in a base class of
another module holds (`self.context`), or that a caller passes in, has no class there. The module
summary records such objects as receiver expressions, which project/receivers.py types from every
module's summary:

* `pkg.mod.Cls`: an instance of that class (a Django ORM row too, `Feed.objects.get(pk=pk)`: orm_rows.py); any
  other qualified name is what it holds (a module-level object, an imported one by the name it is imported
  as, or `pkg.mod.Cls.attr`: the attribute `attr` of an instance of `Cls`);
* `<expr>()`: what calling `<expr>` returns (`pkg.mail.get_emailer()`, `pkg.Step.context.get_repo_client()`);
* `<expr>.attr`: that attribute of what `<expr>` holds;
* `[<function>:<position>:<name>]`: what a parameter of no annotation holds, from the arguments the
  function's callers pass (`self` is position 0; -1 is keyword-only);
* `?` (UNKNOWN): a value nothing tells, kept among an attribute's values because it may replace what
  the others give (a `None` placeholder is no value: it replaces nothing another module sets).

An argument's position is marked `^` when the call names the callee on what holds it, a class or a module
(`Base.__init__(self, client)`): no instance is bound there, so a plain method gets `self` among the arguments.

Arguments are left out (`f(x).m` is `f().m`). The summary keeps, per function, what it returns
(`returns`), its method calls on receivers of no known class (`chained`), and the receiver expressions of
the arguments it passes to named callees (`arguments`); per class, what its attributes hold (`attributes`):
what its body and methods give them, and what any code of the module stores on the class by a name
(`Handler.session = requests.Session()` in a start-up module, `cls.session = ...`), keyed by that name,
which the project phase resolves to the class (project/receivers.py).
"""

from __future__ import annotations

from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint import orm_rows
from prr_lint.model import FunctionSummary
from prr_lint.resolve import Resolver
from prr_lint.scopes import Binding, Scope
from prr_lint.tree import chain_root, descendants, statements_within

PARAMETER = "["
CALLED = "()"
NAMED_ON_OWNER = "^"
UNKNOWN = "?"
# The settings section through which the project phase hands a file's resolver what class attributes hold
# ("<class>.<attribute>" as the file names it -> a library class), typed from stores elsewhere (project/attribute_types.py).
ATTRIBUTE_TYPES_SECTION = "_attribute-types"
_DEPTH = 8  # name -> value -> name ... links followed for one expression (`x = x.next()` loops)
_PER_ATTRIBUTE = 4
_TYPING = ("typing.", "typing_extensions.")
_SELF_TYPES = frozenset({"typing.Self", "typing_extensions.Self"})


def held(resolver: Resolver, expr: cst.BaseExpression, scope: Scope, depth: int = 0) -> Optional[str]:
    """The receiver expression of the object `expr` holds, or None when nothing tells."""
    kind = type(expr)
    if depth > _DEPTH:
        return None
    if kind is cst.Await:
        return held(resolver, expr.expression, scope, depth + 1)
    typed = resolver.instance_type(expr, scope)
    if typed is not None:
        return None if typed.startswith("builtins.") else typed
    if kind is cst.Call:
        callee = resolver.qualified_name(expr.func, scope)
        row = orm_rows.fetched(resolver, expr, callee, scope)  # `Feed.objects.get(pk=pk)`: a Feed
        if row is not None:
            return row
        if callee is None:
            callee = held(resolver, expr.func, scope, depth + 1) if type(expr.func) is cst.Attribute else None
        return callee + CALLED if callee is not None and not callee.startswith("builtins.") else None
    if kind is cst.Attribute:
        owner = held(resolver, expr.value, scope, depth + 1)
        return f"{owner}.{expr.attr.value}" if owner is not None else None
    if kind is cst.Subscript:
        return orm_rows.subscripted(resolver, expr, scope)
    if kind is cst.Name:
        bindings = resolver.lookup(expr.value, scope) or []
        if len(bindings) == 2 and bindings[1].value is not None and chain_root(bindings[1].value) == expr.value:
            # `client = client.inventory` (a parameter narrowed once): its value reads the binding before it
            owner = _bound(resolver, bindings[0], expr.value, depth)
            return _rebuilt(owner, bindings[1].value) if owner is not None else None
        return _bound(resolver, bindings[-1], expr.value, depth) if bindings else None
    return None


def _bound(resolver: Resolver, binding: Binding, name: str, depth: int) -> Optional[str]:
    """The receiver expression of what the binding of `name` holds."""
    if binding.scope is None:
        return None
    if binding.kind == "param":
        return _parameter(resolver, binding, name)
    if binding.item_of is not None:  # `for feed in Feed.objects.filter(...)`, `feed, created = ...get_or_create()`
        return orm_rows.item_type(resolver, binding)
    if binding.kind == "import" and binding.target:
        return binding.target  # what another module binds: `from svc import app`, then `register(app.cli)`
    if binding.kind in ("value", "alias") and type(binding.value) in (cst.Call, cst.Await, cst.Attribute, cst.Name, cst.Subscript):
        return held(resolver, binding.value, binding.scope, depth + 1)
    return None


def _rebuilt(owner: str, expr: cst.BaseExpression) -> str:
    """`expr`'s attribute chain on `owner` instead of its root name."""
    attributes: List[str] = []
    while type(expr) is cst.Attribute:
        attributes.append(expr.attr.value)
        expr = expr.value
    return ".".join([owner, *reversed(attributes)])


def decorator_receiver(resolver: Resolver, decorator: cst.Decorator, scope: Scope) -> Optional[str]:
    """The receiver expression of a decorator that is a method of what an expression holds
    (`@app.cli.command()` -> "[pkg.register:0:app].cli.command"), evaluated in `scope` (the one
    around the `def`); None for a plain name or an owner nothing tells."""
    target = decorator.decorator.func if type(decorator.decorator) is cst.Call else decorator.decorator
    if type(target) is not cst.Attribute:
        return None
    owner = held(resolver, target.value, scope)
    return f"{owner}.{target.attr.value}" if owner is not None else None


def _parameter(resolver: Resolver, binding: Binding, name: str) -> Optional[str]:
    """An annotated parameter's class; an unannotated named one's `[function:position:name]` (not `self`'s)."""
    scope = binding.scope
    assert scope is not None
    if binding.annotation is not None:
        return _annotated(resolver, binding.annotation, scope)
    position = scope.parameters.get(name)
    if position is None or scope.kind != "function" or name == scope.self_name:
        return None
    return f"{PARAMETER}{scope.qualname}:{position}:{name}]"


def _annotated(resolver: Resolver, annotation: cst.BaseExpression, scope: Scope) -> Optional[str]:
    """The class an annotation names, forward references and `Self` included; None for `Any` and the like."""
    found = resolver.annotation_type(annotation, scope, strings=True)
    if found in _SELF_TYPES:
        owner = scope.parent if scope.kind == "function" else scope
        return owner.qualname if owner is not None and owner.kind == "class" else None
    return None if found is None or found.startswith(_TYPING) else found


def returned(resolver: Resolver, node: cst.FunctionDef, scope: Scope) -> str:
    """What calling the function gives: the class its return annotation names, else the one receiver
    expression every `return` but `return None` gives (not a parameter's: that depends on the call); ""
    when unknown."""
    if node.returns is not None:
        return _annotated(resolver, node.returns.annotation, scope) or ""
    values = [statement.value for statement in statements_within(node) if isinstance(statement, cst.Return)]
    if any(value is None for value in values):
        return ""
    found = {held(resolver, value, scope) for value in values if not (type(value) is cst.Name and value.value == "None")}
    only = found.pop() if len(found) == 1 else None
    return only if only is not None and not only.startswith(PARAMETER) else ""


def attribute_types(resolver: Resolver, class_name: str) -> Dict[str, Tuple[str, ...]]:
    """"<class>.<attribute>" -> what the attribute may hold, from its annotations (in the class body or on
    `self.x: T`) and the values the class body and the methods give it; UNKNOWN last when one of those
    values is neither a `None` placeholder nor anything known."""
    found: Dict[str, Tuple[str, ...]] = {}
    for name, bindings in resolver.class_attributes(class_name).items():
        exprs: List[str] = []
        unknown = False
        for binding in bindings:
            scope = binding.scope
            if scope is None:
                continue
            annotated = _annotated(resolver, binding.annotation, scope) if binding.annotation is not None else None
            value = held(resolver, binding.value, scope) if binding.value is not None else None
            exprs.extend(expr for expr in (annotated, value) if expr is not None and expr not in exprs)
            unknown = unknown or annotated is None and value is None and binding.value is not None and not _is_none(binding.value)
        if exprs or unknown:
            found[f"{class_name}.{name}"] = (*exprs[:_PER_ATTRIBUTE], *((UNKNOWN,) if unknown else ()))
    return found


def merge_attributes(table: Dict[str, Tuple[str, ...]], found: Dict[str, Tuple[str, ...]]) -> None:
    """Adds `found` to `table`, keeping what both say of an attribute."""
    for key, exprs in found.items():
        known = table.get(key, ())
        table[key] = (*known, *(expr for expr in exprs if expr not in known))


def stored_attributes(table: Dict[str, Tuple[str, ...]], resolver: Resolver, targets: Iterable[cst.BaseExpression],
                      value: cst.BaseExpression, ancestors: Sequence[cst.CSTNode], mounts: bool) -> None:
    """Records in `table` what an assignment stores on a class it names (`Handler.session = requests.Session()`,
    `cls.session = ...`; not on `self` or another instance): "<name>.<attribute>" -> what the value holds, or
    UNKNOWN when nothing tells, or when the function or module the assignment is in (below `ancestors`) mounts
    an adapter on it (looked for when the module `mounts` some): the session may carry a default timeout. A
    `None` is a placeholder."""
    if _is_none(value):
        return
    scope = resolver.scope
    around = next((node for node in reversed(ancestors) if type(node) in (cst.FunctionDef, cst.Lambda)), resolver.module) if mounts else None
    for target in targets:
        owner = target.value if type(target) is cst.Attribute else None
        if type(owner) not in (cst.Name, cst.Attribute) or resolver.instance_type(owner, scope) is not None:
            continue
        name = resolver.qualified_name(owner, scope)
        if name is None or name.startswith("builtins."):
            continue
        expr = held(resolver, value, scope)
        if expr is None or around is not None and _mounts_on(around, (value, target)):
            expr = UNKNOWN
        merge_attributes(table, {f"{name}.{target.attr.value}": (expr,)})


def _mounts_on(around: cst.CSTNode, receivers: Tuple[cst.BaseExpression, ...]) -> bool:
    """`around` calls `<receiver>.mount(...)` on one of `receivers`."""
    return any(type(node) is cst.Call and type(node.func) is cst.Attribute and node.func.attr.value == "mount"
               and any(node.func.value.deep_equals(receiver) for receiver in receivers) for node in descendants(around))


def _is_none(expr: cst.BaseExpression) -> bool:
    return type(expr) is cst.Name and expr.value == "None"


def record_call(function: FunctionSummary, resolver: Resolver, node: cst.Call, name: Optional[str]) -> None:
    """A method call on a receiver of no known class (`chained`), or the receiver expressions of what a
    call of a named callee passes (`arguments`)."""
    scope = resolver.scope
    if name is None:
        if type(node.func) is cst.Attribute:
            receiver = held(resolver, node.func.value, scope)
            if receiver is not None:
                function.chained.append(f"{receiver}.{node.func.attr.value}")
        return
    if name.startswith("builtins."):
        return
    mark: Optional[str] = None
    for position, arg in enumerate(node.args):
        if arg.star:
            if arg.keyword is None and arg.star == "*":
                break  # the positions after `*args` are unknown
            continue
        if type(arg.value) in (cst.Name, cst.Attribute, cst.Call, cst.Await):
            expr = held(resolver, arg.value, scope) or _class_object(resolver, arg.value, scope)
            if expr is None:
                continue
            if arg.keyword is not None:
                function.arguments.append((name, arg.keyword.value, expr))
                continue
            if mark is None:
                mark = NAMED_ON_OWNER if _named_on_owner(resolver, node, name, scope) else ""
            function.arguments.append((name, f"{mark}{position}", expr))


def _class_object(resolver: Resolver, expr: cst.BaseExpression, scope: Scope) -> Optional[str]:
    """The class a bare name of a class this module defines passes (`register_converter(HexConverter, "hex")`), by
    its qualified name as an imported class's is (`held`): what the callee builds, or a library's hooks run on."""
    binding = resolver.reaching(expr, scope) if type(expr) is cst.Name else None
    return binding.target if binding is not None and binding.kind == "class" and type(binding.node) is cst.ClassDef else None


def _named_on_owner(resolver: Resolver, node: cst.Call, name: str, scope: Scope) -> bool:
    """The call names its callee on the class or module that defines it (`Base.__init__(...)`, `mod.f(...)`),
    not on an instance."""
    func = node.func
    return (type(func) is cst.Attribute and resolver.instance_type(func.value, scope) is None
            and resolver.qualified_name(func.value, scope) == name.rpartition(".")[0])
