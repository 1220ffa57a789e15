"""A lean name resolver: what a name or attribute chain refers to, and what object a receiver holds.

libcst's ScopeProvider and QualifiedNameProvider cost more than the parse itself and still do not
type receivers (DESIGN.md §6, rule catalogue §2.1). This resolver builds one binding table per
scope, lazily, from a scan of that scope's statements only (expressions are never walked), and
answers two questions:

* `qualified_name(expr)`: the dotted name an expression refers to, through imports, aliases and
  local definitions (`rq.get` -> `requests.get`; a local `def print` -> `svc.api.print`, not the
  builtin; a method on a typed receiver -> `requests.Session.get`).
* `instance_type(expr)`: the class of the object an expression holds, from its constructor or
  factory call, an annotation, a `with ... as` item, or `self.x = ...` in a method.
"""

from __future__ import annotations

import builtins
from dataclasses import dataclass, field
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Union

import libcst as cst

BUILTIN_NAMES = frozenset(dir(builtins))

# Factories whose result is an instance of a known class.
FACTORY_TYPES: Dict[str, str] = {
    "logging.getLogger": "logging.Logger",
    "logging.getLoggerClass": "logging.Logger",
    "structlog.get_logger": "structlog.BoundLogger",
    "structlog.getLogger": "structlog.BoundLogger",
    "structlog.stdlib.get_logger": "structlog.BoundLogger",
    "requests.session": "requests.Session",
    "requests.sessions.session": "requests.Session",
    "asyncio.get_event_loop": "asyncio.AbstractEventLoop",
    "asyncio.get_running_loop": "asyncio.AbstractEventLoop",
    "asyncio.new_event_loop": "asyncio.AbstractEventLoop",
    "structlog.wrap_logger": "structlog.BoundLogger",
    "celery.utils.log.get_task_logger": "logging.Logger",
    "structlog.stdlib.BoundLogger.bind": "structlog.BoundLogger",
    "structlog.BoundLogger.bind": "structlog.BoundLogger",
    "structlog.BoundLogger.new": "structlog.BoundLogger",
    "logging.Logger.getChild": "logging.Logger",
    "loguru.Logger.bind": "loguru.Logger",
    "loguru.Logger.opt": "loguru.Logger",
    "logging.LoggerAdapter": "logging.LoggerAdapter",
    "opentelemetry.trace.get_current_span": "opentelemetry.trace.Span",
    "opentelemetry.trace.get_tracer": "opentelemetry.trace.Tracer",
    "opentelemetry.trace.Tracer.start_as_current_span": "opentelemetry.trace.Span",
    "opentelemetry.trace.Tracer.start_span": "opentelemetry.trace.Span",
    "concurrent.futures.ThreadPoolExecutor": "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.ProcessPoolExecutor": "concurrent.futures.ProcessPoolExecutor",
}

# Module-level objects and attributes whose class is known without seeing their construction.
KNOWN_OBJECT_TYPES: Dict[str, str] = {
    "loguru.logger": "loguru.Logger",
    "flask.current_app.logger": "logging.Logger",
    "flask.Flask.logger": "logging.Logger",
    "quart.current_app.logger": "logging.Logger",
    "quart.Quart.logger": "logging.Logger",
    "logging.root": "logging.Logger",
}

# Re-exports: the name users import -> the canonical public name rules match on.
CANONICAL_NAMES: Dict[str, str] = {
    "requests.sessions.Session": "requests.Session",
    "requests.api.get": "requests.get",
    "httpx._client.Client": "httpx.Client",
    "httpx._client.AsyncClient": "httpx.AsyncClient",
    "urllib3.poolmanager.PoolManager": "urllib3.PoolManager",
    "concurrent.futures.thread.ThreadPoolExecutor": "concurrent.futures.ThreadPoolExecutor",
    "concurrent.futures.process.ProcessPoolExecutor": "concurrent.futures.ProcessPoolExecutor",
    "loguru._logger.Logger": "loguru.Logger",
    "structlog.stdlib.BoundLogger": "structlog.BoundLogger",
    "opentelemetry.trace.span.Span": "opentelemetry.trace.Span",
    "opentelemetry.trace.status.StatusCode": "opentelemetry.trace.StatusCode",
    "opentelemetry.trace.status.Status": "opentelemetry.trace.Status",
}


@dataclass
class Binding:
    """One way a name gets bound in a scope.

    `kind` is one of: import, def, class, alias (an assignment of another name), value (an
    assignment of anything else), param, other (loop targets, `except ... as`, deletions).
    """

    kind: str
    target: Optional[str] = None
    value: Optional[cst.BaseExpression] = None
    annotation: Optional[cst.BaseExpression] = None
    scope: Optional["Scope"] = None
    node: Optional[cst.CSTNode] = None


@dataclass
class ClassInfo:
    """A class defined in this module: its qualified name and what its methods set on `self`."""

    qualname: str
    node: cst.ClassDef
    scope: Optional["Scope"] = None
    attributes: Optional[Dict[str, List[Binding]]] = None


@dataclass
class Scope:
    kind: str  # module, class, function
    qualname: str
    parent: Optional["Scope"]
    bindings: Dict[str, List[Binding]] = field(default_factory=dict)
    global_names: set = field(default_factory=set)
    owner_class: Optional[ClassInfo] = None
    self_name: Optional[str] = None
    class_info: Optional[ClassInfo] = None

    def bind(self, name: str, binding: Binding) -> None:
        binding.scope = self
        self.bindings.setdefault(name, []).append(binding)


def dotted_name(expr: cst.BaseExpression) -> Optional[str]:
    """`a.b.c` as a string, or None for anything that is not a plain name chain."""
    parts: List[str] = []
    while isinstance(expr, cst.Attribute):
        parts.append(expr.attr.value)
        expr = expr.value
    if isinstance(expr, cst.Name):
        parts.append(expr.value)
        return ".".join(reversed(parts))
    return None


def _block_statements(body: Union[cst.BaseSuite, Sequence[cst.CSTNode]]) -> Sequence[cst.CSTNode]:
    if isinstance(body, (cst.IndentedBlock, cst.SimpleStatementSuite)):
        return body.body
    return body  # type: ignore[return-value]


def _assign_targets(target: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    if isinstance(target, (cst.Tuple, cst.List)):
        for element in target.elements:
            yield from _assign_targets(element.value)
    elif isinstance(target, cst.StarredElement):
        yield from _assign_targets(target.value)
    else:
        yield target


def _is_decorated_with(node: cst.FunctionDef, name: str) -> bool:
    return any(dotted_name(d.decorator) == name for d in node.decorators)


class Resolver:
    """Resolves names in one module. The walker tells it which scope it is in."""

    def __init__(self, module: cst.Module, module_name: str, is_package: bool = False) -> None:
        self.module = module
        self.module_name = module_name
        self.package = module_name if is_package else module_name.rpartition(".")[0]
        self.module_scope = Scope("module", module_name, None)
        self._collect(self.module_scope, module.body)
        self.stack: List[Scope] = [self.module_scope]
        self._scopes: Dict[int, Scope] = {}
        self._resolving: set = set()
        # Per-run additions from configuration (`logger-factories`, `logger-objects`): name -> class.
        self.extra_factory_types: Dict[str, str] = {}
        self.extra_object_types: Dict[str, str] = {}
        self.sink_config = None  # set by prr_lint.sinks.configure

    # ----- scope bookkeeping, driven by the walker -----

    @property
    def scope(self) -> Scope:
        return self.stack[-1]

    def scope_for(self, node: Union[cst.FunctionDef, cst.ClassDef, cst.Lambda], parent: Optional[Scope] = None) -> Scope:
        """The scope a definition opens (inside `parent`, by default the current one), built once."""
        key = id(node)
        scope = self._scopes.get(key)
        if scope is None:
            scope = self._build_scope(node, parent or self.scope)
            self._scopes[key] = scope
        return scope

    def enter(self, node: Union[cst.FunctionDef, cst.ClassDef, cst.Lambda]) -> None:
        self.stack.append(self.scope_for(node))

    def leave(self) -> None:
        self.stack.pop()

    @property
    def enclosing_function(self) -> Optional[Scope]:
        for scope in reversed(self.stack):
            if scope.kind == "function":
                return scope
        return None

    def _build_scope(self, node: Union[cst.FunctionDef, cst.ClassDef, cst.Lambda], parent: Scope) -> Scope:
        if isinstance(node, cst.ClassDef):
            qualname = self._definition_name(parent, node.name.value)
            info = ClassInfo(qualname, node)
            scope = Scope("class", qualname, parent, class_info=info)
            info.scope = scope
            self._collect(scope, _block_statements(node.body))
            return scope
        if isinstance(node, cst.Lambda):
            scope = Scope("function", parent.qualname + ".<lambda>", parent)
            self._bind_params(scope, node.params)
            return scope
        qualname = self._definition_name(parent, node.name.value)
        scope = Scope("function", qualname, parent)
        is_method = False
        if parent.kind == "class" and parent.class_info is not None:
            params = list(node.params.posonly_params) + list(node.params.params)
            if params and not _is_decorated_with(node, "staticmethod"):
                is_method = True
                first = params[0].name.value
                if _is_decorated_with(node, "classmethod"):
                    scope.bind(first, Binding("class", target=parent.qualname))
                else:
                    scope.owner_class = parent.class_info
                    scope.self_name = first
                    scope.bind(first, Binding("param"))
        self._bind_params(scope, node.params, skip_first=is_method)
        self._collect(scope, _block_statements(node.body))
        return scope

    def _bind_params(self, scope: Scope, params: cst.Parameters, skip_first: bool = False) -> None:
        ordered = list(params.posonly_params) + list(params.params)
        if skip_first and ordered:
            ordered = ordered[1:]
        others = list(params.kwonly_params)
        for extra in (params.star_arg, params.star_kwarg):
            if isinstance(extra, cst.Param):
                others.append(extra)
        for param in ordered + others:
            annotation = param.annotation.annotation if param.annotation is not None else None
            scope.bind(param.name.value, Binding("param", annotation=annotation))

    # ----- binding collection: statements only, never expressions -----

    def _collect(self, scope: Scope, statements: Iterable[cst.CSTNode]) -> None:
        for stmt in statements:
            if isinstance(stmt, cst.SimpleStatementLine):
                for small in stmt.body:
                    self._collect_small(scope, small)
            elif isinstance(stmt, cst.FunctionDef):
                scope.bind(stmt.name.value, Binding("def", self._definition_name(scope, stmt.name.value), node=stmt))
            elif isinstance(stmt, cst.ClassDef):
                scope.bind(stmt.name.value, Binding("class", self._definition_name(scope, stmt.name.value), node=stmt))
            elif isinstance(stmt, (cst.For,)):
                for target in _assign_targets(stmt.target):
                    self._bind_target(scope, target, None)
                self._collect(scope, _block_statements(stmt.body))
                if stmt.orelse is not None:
                    self._collect(scope, _block_statements(stmt.orelse.body))
            elif isinstance(stmt, cst.If):
                self._collect(scope, _block_statements(stmt.body))
                orelse = stmt.orelse
                while orelse is not None:
                    self._collect(scope, _block_statements(orelse.body))
                    orelse = orelse.orelse if isinstance(orelse, cst.If) else None
            elif isinstance(stmt, cst.While):
                self._collect(scope, _block_statements(stmt.body))
                if stmt.orelse is not None:
                    self._collect(scope, _block_statements(stmt.orelse.body))
            elif isinstance(stmt, (cst.Try, cst.TryStar)):
                self._collect(scope, _block_statements(stmt.body))
                for handler in stmt.handlers:
                    if handler.name is not None and isinstance(handler.name.name, cst.Name):
                        scope.bind(handler.name.name.value, Binding("other"))
                    self._collect(scope, _block_statements(handler.body))
                for extra in (stmt.orelse, stmt.finalbody):
                    if extra is not None:
                        self._collect(scope, _block_statements(extra.body))
            elif isinstance(stmt, cst.With):
                for item in stmt.items:
                    if item.asname is not None:
                        for target in _assign_targets(item.asname.name):
                            self._bind_target(scope, target, item.item)
                self._collect(scope, _block_statements(stmt.body))
            elif isinstance(stmt, cst.Match):
                for case in stmt.cases:
                    self._collect(scope, _block_statements(case.body))

    @staticmethod
    def _definition_name(scope: Scope, name: str) -> str:
        return f"{scope.qualname}.{name}" if scope.qualname else name

    def _collect_small(self, scope: Scope, small: cst.BaseSmallStatement) -> None:
        if isinstance(small, cst.Import):
            for alias in small.names:
                full = dotted_name(alias.name) or ""
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    scope.bind(alias.asname.name.value, Binding("import", target=full))
                else:
                    top = full.split(".")[0]
                    scope.bind(top, Binding("import", target=top))
        elif isinstance(small, cst.ImportFrom):
            base = self._import_from_module(small)
            if base is None or isinstance(small.names, cst.ImportStar):
                return
            for alias in small.names:
                name = dotted_name(alias.name) or ""
                local = name
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    local = alias.asname.name.value
                scope.bind(local, Binding("import", target=f"{base}.{name}" if base else name))
        elif isinstance(small, cst.Assign):
            for assign_target in small.targets:
                for target in _assign_targets(assign_target.target):
                    single = len(small.targets) == 1 and target is assign_target.target
                    self._bind_target(scope, target, small.value if single else None)
        elif isinstance(small, cst.AnnAssign):
            self._bind_target(scope, small.target, small.value, small.annotation.annotation)
        elif isinstance(small, cst.AugAssign):
            self._bind_target(scope, small.target, None)
        elif isinstance(small, cst.Global):
            for item in small.names:
                scope.global_names.add(item.name.value)

    def _import_from_module(self, node: cst.ImportFrom) -> Optional[str]:
        dots = len(node.relative)
        module = dotted_name(node.module) if node.module is not None else ""
        if dots == 0:
            return module
        package_parts = self.package.split(".") if self.package else []
        if dots - 1 > len(package_parts):
            return None
        base_parts = package_parts[: len(package_parts) - (dots - 1)]
        if module:
            base_parts.append(module)
        return ".".join(base_parts)

    def _bind_target(
        self,
        scope: Scope,
        target: cst.BaseExpression,
        value: Optional[cst.BaseExpression],
        annotation: Optional[cst.BaseExpression] = None,
    ) -> None:
        if isinstance(target, cst.Name):
            if value is not None and dotted_name(value) is not None:
                scope.bind(target.value, Binding("alias", value=value, annotation=annotation))
            else:
                scope.bind(target.value, Binding("value", value=value, annotation=annotation))

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

    def definition(self, expr: cst.BaseExpression) -> Optional[cst.CSTNode]:
        """The local `def`/`class` statement a name refers to, if any."""
        if isinstance(expr, cst.Name):
            bindings = self.lookup(expr.value)
            if bindings and bindings[-1].kind in ("def", "class"):
                return bindings[-1].node
        return None

    def qualified_name(self, expr: cst.BaseExpression, scope: Optional[Scope] = None) -> Optional[str]:
        """The dotted name `expr` refers to, or None when it cannot be known statically."""
        scope = scope or self.scope
        if isinstance(expr, cst.Name):
            bindings = self.lookup(expr.value, scope)
            if bindings is None:
                return f"builtins.{expr.value}" if expr.value in BUILTIN_NAMES else None
            return self._binding_name(bindings[-1])
        if isinstance(expr, cst.Attribute):
            attr = expr.attr.value
            receiver_type = self.instance_type(expr.value, scope)
            if receiver_type is not None:
                return _canonical(f"{receiver_type}.{attr}")
            base = self.qualified_name(expr.value, scope)
            if base is not None:
                return _canonical(f"{base}.{attr}")
        return None

    def _binding_name(self, binding: Binding) -> Optional[str]:
        if binding.kind in ("import", "def", "class"):
            return _canonical(binding.target) if binding.target else None
        if binding.kind == "alias" and binding.value is not None:
            key = id(binding)
            if key in self._resolving:
                return None
            self._resolving.add(key)
            try:
                return self.qualified_name(binding.value, binding.scope)
            finally:
                self._resolving.discard(key)
        return None

    def instance_type(self, expr: cst.BaseExpression, scope: Optional[Scope] = None) -> Optional[str]:
        """The class of the object `expr` holds, or None when it is unknown or not an object."""
        scope = scope or self.scope
        if isinstance(expr, cst.Call):
            return self._constructed_type(expr, scope)
        if isinstance(expr, cst.Name):
            bindings = self.lookup(expr.value, scope)
            if bindings is None:
                return None
            if scope.self_name == expr.value and bindings[-1].kind == "param" and scope.owner_class is not None:
                return scope.owner_class.qualname
            return self._binding_type(bindings[-1])
        if isinstance(expr, cst.Attribute):
            owner = self.instance_type(expr.value, scope)
            if owner is not None:
                attribute = self._class_attribute(owner, expr.attr.value)
                if attribute is not None:
                    return attribute
                return self._known_object(f"{owner}.{expr.attr.value}")
            name = self.qualified_name(expr, scope)
            return self._known_object(name) if name else None
        return None

    def _known_object(self, name: str) -> Optional[str]:
        return KNOWN_OBJECT_TYPES.get(name) or self.extra_object_types.get(name)

    def _binding_type(self, binding: Binding) -> Optional[str]:
        key = id(binding)
        if key in self._resolving:
            return None
        self._resolving.add(key)
        try:
            if binding.annotation is not None:
                annotated = self._annotation_type(binding.annotation, binding.scope)
                if annotated is not None:
                    return annotated
            if binding.kind == "import" and binding.target:
                return self._known_object(binding.target)
            if binding.kind in ("alias", "value") and binding.value is not None:
                return self.instance_type(binding.value, binding.scope)
            return None
        finally:
            self._resolving.discard(key)

    def _annotation_type(self, annotation: cst.BaseExpression, scope: Optional[Scope]) -> Optional[str]:
        if isinstance(annotation, cst.Subscript) and len(annotation.slice) == 1:
            outer = self.qualified_name(annotation.value, scope)
            element = annotation.slice[0].slice
            if outer in ("typing.Optional", "typing_extensions.Optional") and isinstance(element, cst.Index):
                return self._annotation_type(element.value, scope)
            return None
        if isinstance(annotation, cst.BinaryOperation) and isinstance(annotation.operator, cst.BitOr):
            for side in (annotation.left, annotation.right):
                if not (isinstance(side, cst.Name) and side.value == "None"):
                    return self._annotation_type(side, scope)
        name = self.qualified_name(annotation, scope)
        if name is None or name.startswith("builtins."):
            return None
        return _canonical(name)

    def _constructed_type(self, call: cst.Call, scope: Scope) -> Optional[str]:
        callee = self.qualified_name(call.func, scope)
        if callee is None:
            return None
        if callee in FACTORY_TYPES:
            return FACTORY_TYPES[callee]
        if callee in self.extra_factory_types:
            return self.extra_factory_types[callee]
        last = callee.rsplit(".", 1)[-1]
        if last[:1].isupper() and not callee.startswith("builtins."):
            return _canonical(callee)
        return None

    def _class_attribute(self, class_name: str, attribute: str) -> Optional[str]:
        info = self._local_class(class_name)
        if info is None:
            return None
        if info.attributes is None:
            info.attributes = self._collect_self_attributes(info)
        bindings = info.attributes.get(attribute)
        if not bindings:
            return None
        for binding in bindings:
            found = self._binding_type(binding)
            if found is not None:
                return found
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
        for stmt in _block_statements(info.node.body):
            if not isinstance(stmt, cst.FunctionDef):
                continue
            method_scope = self.scope_for(stmt, class_scope)
            if method_scope.self_name is None:
                continue
            for small in _walk_simple_statements(_block_statements(stmt.body)):
                targets: List[cst.BaseExpression] = []
                annotation = None
                if isinstance(small, cst.Assign) and len(small.targets) == 1:
                    targets = [small.targets[0].target]
                elif isinstance(small, cst.AnnAssign):
                    targets = [small.target]
                    annotation = small.annotation.annotation
                for target in targets:
                    if (
                        isinstance(target, cst.Attribute)
                        and isinstance(target.value, cst.Name)
                        and target.value.value == method_scope.self_name
                    ):
                        binding = Binding("value", value=small.value, annotation=annotation)
                        binding.scope = method_scope
                        attributes.setdefault(target.attr.value, []).append(binding)
        return attributes



def _walk_simple_statements(statements: Iterable[cst.CSTNode]) -> Iterator[cst.BaseSmallStatement]:
    """Small statements of a block, including those nested in compound statements (not in nested defs)."""
    for stmt in statements:
        if isinstance(stmt, cst.SimpleStatementLine):
            yield from stmt.body
        elif isinstance(stmt, (cst.FunctionDef, cst.ClassDef)):
            continue
        elif isinstance(stmt, cst.BaseCompoundStatement):
            yield from _walk_simple_statements(_block_statements(stmt.body))
            for extra_name in ("orelse", "finalbody"):
                extra = getattr(stmt, extra_name, None)
                if extra is not None:
                    yield from _walk_simple_statements(_block_statements(extra.body))
            for handler in getattr(stmt, "handlers", ()):
                yield from _walk_simple_statements(_block_statements(handler.body))


def _canonical(name: str) -> str:
    return CANONICAL_NAMES.get(name, name)
