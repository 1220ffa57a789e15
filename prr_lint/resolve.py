"""A lean name resolver: what a name or attribute chain refers to, and what object a receiver holds.

libcst's ScopeProvider and QualifiedNameProvider cost more than the parse itself and still do not type receivers
(DESIGN.md §6, rule catalogue §2.1). This resolver builds one binding table per scope, lazily, from a scan of that
scope's statements only (expressions are never walked: scopes.py), and answers two questions:

* `qualified_name(expr)`: the dotted name an expression refers to, through imports, aliases and local definitions
  (`rq.get` -> `requests.get`; a local `def print` -> `svc.api.print`, not the builtin; a method on a typed receiver
  -> `requests.Session.get`).
* `instance_type(expr)`: the class of the object an expression holds, from its constructor or factory call, an
  annotation, a `with ... as` item, or `self.x = ...` in a method (read in the method or in a function nested in it,
  whose `self` is the method's unless it has its own).
"""

from __future__ import annotations

import builtins
from typing import Any, Callable, Dict, List, Optional, Tuple, Union

import libcst as cst

from prr_lint.library_types import FACTORY_TYPES, KNOWN_OBJECT_TYPES, RETURNS_FIRST_ARGUMENT, canonical
from prr_lint.scopes import Binding, ClassInfo, Scope, ScopeBuilder
from prr_lint.tree import statements_within

BUILTIN_NAMES = frozenset(dir(builtins))
# Calls that import a module named by a string and return it.
# Links of an attribute or call chain from which the inner ones are answered first (real chains have a handful).
LONG_CHAIN = 64
# Nested attribute lookups under one outermost (real classes: dozens); `self.a = self.b` for 8 attributes: 8! orders.
ATTRIBUTE_STEPS = 5000
_MODULE_IMPORTERS = frozenset({"importlib.import_module", "oslo_utils.importutils.try_import", "oslo_utils.importutils.import_module"})


class Resolver:
    """Resolves names in one module. The walker tells it which scope it is in."""

    def __init__(self, module: cst.Module, module_name: str, is_package: bool = False, source: Optional[str] = None) -> None:
        self.module, self.source = module, source  # the tree, and the text parsed for text pre-filters (None: not known)
        self.module_name = module_name
        self.package = module_name if is_package else module_name.rpartition(".")[0]
        self.module_scope = Scope("module", module_name, None)
        self._builder = ScopeBuilder(self.package)
        self._builder.collect(self.module_scope, module)
        self.stack: List[Scope] = [self.module_scope]
        # The innermost scope and function's, kept as the walker enters and leaves definitions: plain attributes, read for every node.
        self.scope: Scope = self.module_scope
        self.enclosing_function: Optional[Scope] = None
        self._scopes: Dict[int, Scope] = {}
        self._resolving: set = set()
        self._steps = 0  # nested attribute lookups under the outermost one (ATTRIBUTE_STEPS)
        # Per-run additions from configuration (`logger-factories`, `logger-objects`): name -> class.
        self.extra_factory_types: Dict[str, str] = {}
        self.extra_object_types: Dict[str, str] = {}
        # (id of expr, id of scope) -> (expr, scope, answer) for qualified_name and instance_type: the summary and the
        # rules ask about the same call's callee and receiver a dozen times over, and the walk spent more time resolving
        # than anything else but the parse. The entry holds expr and scope, so their ids stay theirs while it lives.
        self._names: Dict[Tuple[int, int], tuple] = {}
        self._types: Dict[Tuple[int, int], tuple] = {}
        self._while_resolving: Dict[tuple, tuple] = {}  # see _memo_key
        self.sink_config = None  # set by prr_lint.sinks.configure
        self.stored_items = None  # built by prr_lint.stored_items on first use
        self.listed: Dict[Tuple[type, ...], List[cst.CSTNode]] = {}  # the module's nodes of some kinds, listed once (tree.listed)
        self.never_returning: Any = None  # built by prr_lint.rules.never_returning on first use
        self.alarm_effects: Dict[int, tuple] = {}  # a statement's (itself, what it does to an armed alarm): alarm_deadlines.py

    # ----- scope bookkeeping, driven by the walker -----

    def scope_for(self, node: Union[cst.FunctionDef, cst.ClassDef, cst.Lambda], parent: Optional[Scope] = None) -> Scope:
        """The scope a definition opens (inside `parent`, by default the current one), built once."""
        key = id(node)
        scope = self._scopes.get(key)
        if scope is None:
            scope = self._builder.build(node, parent or self.scope)
            self._scopes[key] = scope
        return scope

    def enter(self, node: Union[cst.FunctionDef, cst.ClassDef, cst.Lambda]) -> None:
        scope = self.scope = self.scope_for(node)
        self.stack.append(scope)
        if scope.kind == "function":
            self.enclosing_function = scope

    def leave(self) -> None:
        self.stack.pop()
        self.scope = self.stack[-1]
        self.enclosing_function = next((scope for scope in reversed(self.stack) if scope.kind == "function"), None)

    def release(self) -> None:
        """When the file's analysis ends: no cycle then keeps its tree alive (scopes.py `ScopeBuilder.release`)."""
        self.never_returning = None  # it holds the resolver
        self._builder.release(self.module_scope)

    # ----- lookups -----

    def lookup(self, name: str, scope: Optional[Scope] = None) -> Optional[List[Binding]]:
        """The bindings a name refers to in `scope`, following Python's scoping rules."""
        scope = scope or self.scope
        if name in scope.global_names:
            return self.module_scope.bindings.get(name)
        first = True
        current: Optional[Scope] = scope
        while current is not None:
            if first or current.kind != "class":
                found = current.bindings.get(name)
                if found:
                    return found
            first = False
            current = current.parent
        return None

    def reaching(self, name: cst.Name, scope: Optional[Scope] = None) -> Optional[Binding]:
        """The binding a Name node of `scope` reads: the last of `reaching_all`."""
        found = self.reaching_all(name, scope)
        return found[-1] if found else None

    def reaching_all(self, name: cst.Name, scope: Optional[Scope] = None) -> List[Binding]:
        """The bindings a Name node of `scope` may read: those of the nearest statement before it that binds the
        name (reaching.py; a node a rule built reads what the scope ends with); a module's name read in a
        function, those the module ends with; a closure's, the last."""
        scope = scope or self.scope
        bindings = self.lookup(name.value, scope) or []
        if len(bindings) < 2 or bindings[0].at == bindings[-1].at:
            return bindings[-1:]
        if bindings[-1].scope is not scope:  # a function runs after its module's statements have
            module = bindings[-1].scope is self.module_scope
            return self.module_scope.layout.ends_of(name.value, bindings, -1) if module else bindings[-1:]
        return scope.layout.reaching(name.value, bindings, scope.layout.used_at(name, bindings[-1].at)) or bindings[-1:]

    def definition(self, expr: cst.BaseExpression) -> Optional[cst.CSTNode]:
        """The local `def`/`class` statement a name refers to, if any."""
        if isinstance(expr, cst.Name):
            binding = self.reaching(expr)
            if binding is not None and binding.kind in ("def", "class"):
                return binding.node
        return None

    def base_class_name(self, expr: cst.BaseExpression, scope: Optional[Scope] = None) -> Optional[str]:
        """The class a base in a `class` statement names: a generic base (`ModelViewSet[Tag]`,
        `GenericAPIView[Any]`) is the class it subscripts."""
        if isinstance(expr, cst.Subscript):
            expr = expr.value
        return self.qualified_name(expr, scope)

    def add_types(self, factories: Dict[str, str], objects: Dict[str, str]) -> None:
        """Configured factory and object types (sinks.configure, which the engine calls before the walk): answers
        given before may differ now, so the remembered ones are dropped."""
        if factories or objects:
            self.extra_factory_types.update(factories)
            self.extra_object_types.update(objects)
            self._names.clear()
            self._types.clear()
            self._while_resolving.clear()

    def qualified_name(self, expr: cst.BaseExpression, scope: Optional[Scope] = None) -> Optional[str]:
        """The dotted name `expr` refers to, or None when it cannot be known statically. Remembered
        per expression and scope (apart while a binding is being resolved: `_memo_key`)."""
        scope = scope or self.scope
        if not self._resolving:  # the remembered answer, looked up here: this runs a dozen times per call
            entry = self._names.get((id(expr), id(scope)))
            if entry is not None:
                return entry[2]
        return self._links_first(self._names, self._qualified_name, expr, scope)

    def _remembered(self, memo: Dict, compute: Callable[[cst.BaseExpression, Scope], Optional[str]],
                    expr: cst.BaseExpression, scope: Scope) -> Optional[str]:
        """`compute(expr, scope)`, remembered in `memo` by the pair's ids (the entry keeps both alive, so
        neither id is reused), or apart while a binding is being resolved (`_memo_key`)."""
        store, key = self._memo_key(memo, expr, scope)
        entry = store.get(key)
        if entry is None:
            entry = store[key] = (expr, scope, compute(expr, scope))
        return entry[2]

    def _memo_key(self, memo: Dict, expr: cst.BaseExpression, scope: Scope) -> Tuple[Optional[Dict], tuple]:
        """Where the answer for (expr, scope) is kept, and its key. While a binding is being resolved
        answers are cut short, so they are kept apart, by the bindings being resolved too: recomputed,
        `x = x.b.b.b` asked both the type and the name of each link, twice per link (2^links)."""
        if not self._resolving:
            return memo, (id(expr), id(scope))
        return self._while_resolving, (id(memo), id(expr), id(scope), frozenset(self._resolving))

    def _links_first(self, memo: Dict, compute: Callable[[cst.BaseExpression, Scope], Optional[str]],
                     expr: cst.BaseExpression, scope: Scope) -> Optional[str]:
        """`_remembered(...)`; for a chain of LONG_CHAIN links or more (`a.b.b...`, `q.filter().filter()...`),
        after answering for each inner link, innermost first: each link's answer asks for the one
        inside it, so the outer link, asked first, recursed once per link (past 1,000 links a
        RecursionError)."""
        store, key = self._memo_key(memo, expr, scope)
        if key in store:
            return store[key][2]
        links = _inner_links(expr)
        if len(links) >= LONG_CHAIN:
            for link in reversed(links):
                self._remembered(self._names, self._qualified_name, link, scope)
                self._remembered(self._types, self._instance_type, link, scope)
        return self._remembered(memo, compute, expr, scope)

    def _qualified_name(self, expr: cst.BaseExpression, scope: Scope) -> Optional[str]:
        # Exact type tests: libcst's node classes have no subclasses, and isinstance against them
        # (ABCs) costs several times more; these two methods run for most names of every file.
        kind = type(expr)
        if kind is cst.Name:
            binding = self.reaching(expr, scope)
            if binding is None:
                return f"builtins.{expr.value}" if expr.value in BUILTIN_NAMES else self._star_imported(expr.value)
            return self.binding_name(binding)
        if kind is cst.Attribute:
            attr = expr.attr.value
            receiver_type = self.instance_type(expr.value, scope)
            if receiver_type is not None:
                return canonical(f"{receiver_type}.{attr}")
            base = self.qualified_name(expr.value, scope)
            if base is not None:
                return canonical(f"{base}.{attr}")
        return None

    def _star_imported(self, name: str) -> Optional[str]:
        """A name no statement binds, in a module with `from m import *`: bound by the star import.
        With one, it is `m.name`; with several, only the project index knows which module has it,
        so it is this module's `name`, which the index follows through the module's star imports."""
        stars = self.module_scope.star_imports
        if not stars:
            return None
        return canonical(f"{stars[0]}.{name}") if len(stars) == 1 else f"{self.module_name}.{name}"

    def binding_name(self, binding: Binding) -> Optional[str]:
        """The dotted name a binding gives its name: an import's, a definition's, an alias's target."""
        if binding.kind in ("import", "def", "class"):
            return canonical(binding.target) if binding.target else None
        if binding.kind == "value" and type(binding.value) is cst.Call:
            return self._once(binding, lambda: self._imported_module(binding.value, binding.scope))
        if binding.kind == "alias" and binding.value is not None:
            return self._once(binding, lambda: self.qualified_name(binding.value, binding.scope))
        return None

    def _once(self, binding: Binding, resolve: Callable[[], Optional[str]]) -> Optional[str]:
        """`resolve()` unless this binding is already being resolved: a name rebound from itself
        (`item = item.get("key")`, `x = x.split(",")`) names nothing."""
        key = id(binding)
        if key in self._resolving:
            return None
        self._resolving.add(key)
        try:
            return resolve()
        finally:
            self._resolving.discard(key)

    def _imported_module(self, call: cst.Call, scope: Optional[Scope]) -> Optional[str]:
        """`profiler = importutils.try_import("osprofiler.profiler")`, `importlib.import_module("a.b")`:
        the name is that module (or None when an optional one is missing)."""
        if len(call.args) != 1 or type(call.args[0].value) is not cst.SimpleString or call.args[0].keyword is not None:
            return None
        if self.qualified_name(call.func, scope) not in _MODULE_IMPORTERS:
            return None
        module = call.args[0].value.evaluated_value
        return canonical(module) if isinstance(module, str) and module and not module.startswith(".") else None

    def instance_type(self, expr: cst.BaseExpression, scope: Optional[Scope] = None) -> Optional[str]:
        """The class of the object `expr` holds, or None when it is unknown or not an object (remembered as `qualified_name` is)."""
        scope = scope or self.scope
        if not self._resolving:  # as in qualified_name
            entry = self._types.get((id(expr), id(scope)))
            if entry is not None:
                return entry[2]
        return self._links_first(self._types, self._instance_type, expr, scope)

    def _instance_type(self, expr: cst.BaseExpression, scope: Scope) -> Optional[str]:
        kind = type(expr)
        if kind is cst.Call:
            return self._constructed_type(expr, scope)
        if kind is cst.Name:
            binding = self.reaching(expr, scope)
            if binding is None:
                return None
            if binding.kind == "param":
                method = _binding_scope(expr.value, scope)  # a closure's `self` is its enclosing method's
                if method is not None and method.self_name == expr.value and method.owner_class is not None:
                    return method.owner_class.qualname
            return self.binding_type(binding)
        if kind is cst.Attribute:
            owner = self.instance_type(expr.value, scope)
            if owner is not None:
                attribute = self._class_attribute(owner, expr.attr.value)
                if attribute is not None:
                    return attribute
                return self._known_object(f"{owner}.{expr.attr.value}")
            name = self.qualified_name(expr, scope)
            return self._known_object(name) if name else None
        return None

    def made_by(self, expr: cst.BaseExpression, scope: Optional[Scope] = None) -> Optional[str]:
        """The qualified name of the call whose result a name or `self.<attribute>` holds
        (`client = boto3.client("lambda")` -> `boto3.client`), for objects of no known class."""
        for binding in self.held_bindings(expr, scope):
            if binding.kind == "value" and isinstance(binding.value, cst.Call):
                return self.qualified_name(binding.value.func, binding.scope)
        return None

    def held_bindings(self, expr: cst.BaseExpression, scope: Optional[Scope] = None) -> List[Binding]:
        """The bindings that may give what a name (the one that reaches it) or `self.<attribute>` (every
        assignment in the class's methods) holds; [] for any other expression."""
        scope = scope or self.scope
        if isinstance(expr, cst.Name):
            binding = self.reaching(expr, scope)
            return [binding] if binding is not None else []
        if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name) and scope.self_name == expr.value.value:
            owner = scope.owner_class
            return self.class_attributes(owner.qualname).get(expr.attr.value, []) if owner is not None else []
        return []

    def class_attributes(self, class_name: str) -> Dict[str, List[Binding]]:
        """What a class of this module binds in its body and what its methods set on `self`: name -> bindings."""
        info = self._local_class(class_name)
        if info is None:
            return {}
        if info.attributes is None:
            info.attributes = self._collect_self_attributes(info)
        return info.attributes

    def _known_object(self, name: str) -> Optional[str]:
        return KNOWN_OBJECT_TYPES.get(name) or self.extra_object_types.get(name)

    def binding_type(self, binding: Binding) -> Optional[str]:
        key = id(binding)
        if key in self._resolving:
            return None
        self._resolving.add(key)
        try:
            # The value first: `log: Logger = structlog.get_logger()` holds what the factory makes,
            # as the plain assignment does, whatever the annotation names (often a project alias).
            if binding.kind in ("alias", "value") and binding.value is not None:
                constructed = self.instance_type(binding.value, binding.scope)
                if constructed is not None:
                    return constructed
            if binding.annotation is not None:
                annotated = self.annotation_type(binding.annotation, binding.scope)
                if annotated is not None:
                    return annotated
            if binding.kind == "import" and binding.target:
                return self._known_object(binding.target)
            return None
        finally:
            self._resolving.discard(key)

    def annotation_type(self, annotation: cst.BaseExpression, scope: Optional[Scope], strings: bool = False) -> Optional[str]:
        """The class an annotation names (`X`, `Optional[X]`, `X | None`); with `strings`, a forward reference (`"X"`) too."""
        while True:  # a loop, not recursion: `A | None | None ...` nests once per alternative
            if strings and isinstance(annotation, cst.SimpleString):
                annotation = _forward_reference(annotation)
            if isinstance(annotation, cst.Subscript) and len(annotation.slice) == 1:
                outer = self.qualified_name(annotation.value, scope)
                element = annotation.slice[0].slice
                if outer in ("typing.Optional", "typing_extensions.Optional") and isinstance(element, cst.Index):
                    annotation = element.value
                    continue
                return None
            if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
                side = next((side for side in (annotation.left, annotation.right)
                             if not (isinstance(side, cst.Name) and side.value == "None")), None)
                if side is not None:
                    annotation = side
                    continue
            break
        name = self.qualified_name(annotation, scope)
        if name is None or name.startswith("builtins."):
            return None
        return canonical(name)

    def _constructed_type(self, call: cst.Call, scope: Scope) -> Optional[str]:
        callee = self.qualified_name(call.func, scope)
        if callee is None:
            return None
        if callee in RETURNS_FIRST_ARGUMENT:  # `app = cors(app)`: the app it was given
            return self.instance_type(call.args[0].value, scope) if call.args and not call.args[0].keyword and not call.args[0].star else None
        made = (self._factory_type(call.func.value, scope) if isinstance(call.func, cst.Name) else None) \
            or FACTORY_TYPES.get(callee) or self.extra_factory_types.get(callee)
        if made is not None:
            return made
        last = callee.rsplit(".", 1)[-1]
        if last[:1].isupper() and not callee.startswith("builtins."):
            return canonical(callee)
        return None

    def _factory_type(self, name: str, scope: Scope) -> Optional[str]:
        """What a factory function of this module makes: every `return` of the function (outside
        nested definitions) gives an object of one known class (`def make_celery(app): celery =
        Celery(...); ...; return celery`)."""
        bindings = self.lookup(name, scope)
        if not bindings or bindings[-1].kind != "def" or not isinstance(bindings[-1].node, cst.FunctionDef):
            return None
        node = bindings[-1].node
        key = ("factory", id(node))
        if key in self._resolving:
            return None
        self._resolving.add(key)
        try:
            inner = self.scope_for(node, bindings[-1].scope or self.module_scope)
            made = {
                self.instance_type(statement.value, inner)
                for statement in statements_within(node)
                if isinstance(statement, cst.Return) and statement.value is not None
            }
        finally:
            self._resolving.discard(key)
        return made.pop() if len(made) == 1 and None not in made else None

    def _class_attribute(self, class_name: str, attribute: str) -> Optional[str]:
        bindings = self.class_attributes(class_name).get(attribute)
        key = ("attribute", class_name, attribute)
        self._steps = self._steps + 1 if self._resolving else 0
        if not bindings or key in self._resolving or self._steps > ATTRIBUTE_STEPS:
            return None
        # One attribute at a time: its bindings often read it (`self.data = self.data.filter(...)` ten times over), and
        # trying every binding again inside each explores every order of them (minutes on one class) for no new type.
        self._resolving.add(key)
        try:
            for binding in bindings:
                found = self.binding_type(binding)
                if found is not None:
                    return found
        finally:
            self._resolving.discard(key)
        return None

    def _local_class(self, class_name: str) -> Optional[ClassInfo]:
        """The class of this module that `class_name` names, following nested classes."""
        prefix = f"{self.module_name}." if self.module_name else ""
        if not class_name.startswith(prefix):
            return None
        scope = self.module_scope
        for part in class_name[len(prefix) :].split("."):
            bindings = scope.bindings.get(part)
            if not bindings or bindings[-1].kind != "class" or bindings[-1].node is None:
                return None
            scope = self.scope_for(bindings[-1].node, scope)  # type: ignore[arg-type]
        return scope.class_info

    def _collect_self_attributes(self, info: ClassInfo) -> Dict[str, List[Binding]]:
        attributes: Dict[str, List[Binding]] = {}
        class_scope = info.scope
        assert class_scope is not None
        for name, bindings in class_scope.bindings.items():
            attributes.setdefault(name, []).extend(b for b in bindings if b.kind in ("alias", "value"))
        for stmt in statements_within(info.node):
            if not isinstance(stmt, cst.FunctionDef):
                continue
            method_scope = self.scope_for(stmt, class_scope)
            if method_scope.self_name is None:
                continue
            for small in statements_within(stmt):
                targets: List[cst.BaseExpression] = []
                annotation = None
                if isinstance(small, cst.Assign) and len(small.targets) == 1:
                    targets = [small.targets[0].target]
                elif isinstance(small, cst.AnnAssign):
                    targets = [small.target]
                    annotation = small.annotation.annotation
                for target in targets:
                    if isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) \
                            and target.value.value == method_scope.self_name:
                        binding = Binding("value", value=small.value, annotation=annotation)
                        binding.scope = method_scope
                        attributes.setdefault(target.attr.value, []).append(binding)
        return attributes


def _inner_links(expr: cst.BaseExpression) -> List[cst.BaseExpression]:
    """The receivers and callees inside a chain, outermost first: `a.b(c).d` -> `a.b(c)`, `a.b`, `a`."""
    links = []
    while True:
        kind = type(expr)
        if kind is cst.Attribute:
            expr = expr.value
        elif kind is cst.Call:
            expr = expr.func
        else:
            return links
        links.append(expr)


def _binding_scope(name: str, scope: Scope) -> Optional[Scope]:
    """The scope whose binding of `name` a read in `scope` sees (as Resolver.lookup: enclosing class bodies skipped)."""
    current: Optional[Scope] = scope
    while current is not None:
        if (current is scope or current.kind != "class") and current.bindings.get(name):
            return current
        current = current.parent
    return None


def _forward_reference(annotation: cst.SimpleString) -> cst.BaseExpression:
    """The expression a string annotation holds (`"RepoClient"`), or the string itself when it holds none."""
    text = annotation.evaluated_value
    if not isinstance(text, str) or len(text) > 200:
        return annotation
    try:
        return cst.parse_expression(text.strip())
    except Exception:  # not an expression: names no class  # noqa: BLE001
        return annotation
