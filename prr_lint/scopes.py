"""One binding table per scope, built from a scan of the scope's statements only (expressions are
never walked): what each name is bound to (an import, a def, a class, an assignment, a parameter),
and which names a statement takes items out of.
The resolver (resolve.py) builds each scope lazily and answers its questions from these tables.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Dict, Iterator, List, Optional, Union

import libcst as cst

from prr_lint.reaching import Layout
from prr_lint.tree import KindOf, descendants, dotted_name

_TYPE_ALIAS = getattr(cst, "TypeAlias", None)  # PEP 695 `type X = ...`, in libcst versions that parse it
_REMOVES = frozenset({"pop", "popitem", "clear", "remove", "discard"})
# Asked of every statement and assignment target of every scope: type look-ups, not isinstance against
# libcst's ABCs (tree.KindOf); most small statements (calls, returns) bind nothing and pass every test.
_IS_SMALL, _IS_DEF, _IS_CLASS, _IS_FOR = KindOf(cst.BaseSmallStatement), KindOf(cst.FunctionDef), KindOf(cst.ClassDef), KindOf(cst.For)
_IS_TRY, _IS_WITH, _IS_MATCH = KindOf(cst.Try, cst.TryStar), KindOf(cst.With), KindOf(cst.Match)
_IS_SEQUENCE, _IS_STARRED, _IS_CALL = KindOf(cst.Tuple, cst.List), KindOf(cst.StarredElement), KindOf(cst.Call)
_BINDS_SMALL = KindOf(cst.Import, cst.ImportFrom, cst.Assign, cst.AnnAssign, cst.AugAssign, cst.Del, cst.Global,
                      *filter(None, [_TYPE_ALIAS]))


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
    # A plain assignment on a line of a def's own body (in no block): that line's index in the body; else -1.
    line: int = -1
    # What the name is an item of: the iterable a `for` loop runs over (`item` -1), or the value a tuple
    # assignment unpacks (`item` the name's position): orm_rows.py types rows by it.
    item_of: Optional[cst.BaseExpression] = None
    item: int = -1
    # The statement that binds it, by its place in its scope's Layout (reaching.py); -1 for a parameter.
    at: int = -1


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
    # Modules whose names `from m import *` binds here (module scope only), in source order.
    star_imports: List[str] = field(default_factory=list)
    # A `def`'s named parameters: name -> position (`self` counts; -1 for keyword-only ones).
    parameters: Dict[str, int] = field(default_factory=dict)
    # Its parameters' defaults: name -> the default's expression (handed_levels.py).
    defaults: Dict[str, cst.BaseExpression] = field(default_factory=dict)
    # Names a statement may take items out of (`del d[key]`, `d.pop(key)`, `d.clear()`): a container bound
    # to a non-empty literal may be empty later.
    emptied: set = field(default_factory=set)
    # Its statements laid out (reaching.py), and the one whose bindings `collect` is recording.
    layout: Layout = field(default_factory=Layout)
    cursor: int = -1
    # What its statements write that `bindings` does not list (last_binding.py), read once when first asked.
    writes: Optional[Any] = field(default=None, compare=False, repr=False)

    def bind(self, name: str, binding: Binding) -> None:
        binding.scope = self
        binding.at = self.cursor
        self.bindings.setdefault(name, []).append(binding)


def _assign_targets(target: cst.BaseExpression) -> Iterator[cst.BaseExpression]:
    if _IS_SEQUENCE[type(target)]:
        for element in target.elements:
            yield from _assign_targets(element.value)
    elif _IS_STARRED[type(target)]:
        yield from _assign_targets(target.value)
    else:
        yield target


def _unpacked_positions(target: cst.BaseExpression) -> Dict[int, int]:
    """`a, b = value`: id of each name -> its position, up to a starred one (after it, positions are unknown)."""
    found: Dict[int, int] = {}
    for position, element in enumerate(target.elements if isinstance(target, (cst.Tuple, cst.List)) else ()):
        if isinstance(element, cst.StarredElement):
            break
        found[id(element.value)] = position
    return found


def _removes_from(value: Optional[cst.CSTNode]) -> Optional[str]:
    """The name a statement's own call takes items out of (`d.pop(key)`, `item = queue.pop()`)."""
    if _IS_CALL[type(value)] and isinstance(value.func, cst.Attribute) and isinstance(value.func.value, cst.Name) \
            and value.func.attr.value in _REMOVES:
        return value.func.value.value
    return None


def _is_decorated_with(node: cst.FunctionDef, name: str) -> bool:
    return any(dotted_name(d.decorator) == name for d in node.decorators)


def _captures(pattern: cst.MatchPattern) -> Iterator[str]:
    """The names a `case` pattern binds (`case {"kind": kind, **rest}`, `case [first, *others]`)."""
    for node in (pattern, *descendants(pattern)):
        name = node.rest if isinstance(node, cst.MatchMapping) else getattr(node, "name", None)
        if isinstance(node, (cst.MatchAs, cst.MatchStar, cst.MatchMapping)) and isinstance(name, cst.Name):
            yield name.value


class ScopeBuilder:
    """Builds the scopes of one module (relative imports resolve against its package)."""

    def __init__(self, package: str) -> None:
        self.package = package
        self.built: List[Scope] = []

    def release(self, *more: Scope) -> None:
        """Unlink the scopes built (and `more`) from their bindings and classes, each of which points back at its scope:
        once a file's analysis ends, its tree, which they hold, is then freed by reference counting, not left to the
        cyclic collector to find (about a tenth of the per-file phase's CPU on the standard library)."""
        for scope in (*self.built, *more):
            scope.class_info = scope.owner_class = None
            for bindings in scope.bindings.values():
                for binding in bindings:
                    binding.scope = None

    def build(self, node: Union[cst.FunctionDef, cst.ClassDef, cst.Lambda], parent: Scope) -> Scope:
        """The scope a def, class or lambda opens inside `parent`, with its bindings."""
        if isinstance(node, cst.ClassDef):
            qualname = self._definition_name(parent, node.name.value)
            info = ClassInfo(qualname, node)
            scope = Scope("class", qualname, parent, class_info=info)
            info.scope = scope
            self.built.append(scope)
            self.collect(scope, node)
            return scope
        if isinstance(node, cst.Lambda):
            scope = Scope("function", parent.qualname + ".<lambda>", parent)
            self.built.append(scope)
            self._bind_params(scope, node.params)
            return scope
        qualname = self._definition_name(parent, node.name.value)
        scope = Scope("function", qualname, parent)
        self.built.append(scope)
        positional = list(node.params.posonly_params) + list(node.params.params)
        scope.parameters = {**{p.name.value: -1 for p in node.params.kwonly_params},
                            **{p.name.value: at for at, p in enumerate(positional)}}
        scope.defaults = {p.name.value: p.default for p in (*positional, *node.params.kwonly_params) if p.default is not None}
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
        self.collect(scope, node)
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

    def collect(self, scope: Scope, node: cst.CSTNode) -> None:
        """Binds in `scope` the names that the statements of a module, class or function body bind,
        through every nested block (statements only, never expressions)."""
        body = node.body.body if isinstance(node, cst.FunctionDef) and isinstance(node.body, cst.IndentedBlock) else ()
        lines = {id(small): at for at, line in enumerate(body) if isinstance(line, cst.SimpleStatementLine) for small in line.body}
        for at, stmt in enumerate(scope.layout.lay_out(node)):
            scope.cursor = at
            kind = type(stmt)
            if _IS_SMALL[kind]:
                self._collect_small(scope, stmt, lines.get(id(stmt), -1))
            elif _IS_DEF[kind]:
                scope.bind(stmt.name.value, Binding("def", self._definition_name(scope, stmt.name.value), node=stmt))
            elif _IS_CLASS[kind]:
                scope.bind(stmt.name.value, Binding("class", self._definition_name(scope, stmt.name.value), node=stmt))
            elif _IS_FOR[kind]:
                for target in _assign_targets(stmt.target):
                    self._bind_target(scope, target, None, item_of=stmt.iter if target is stmt.target else None)
            elif _IS_TRY[kind]:
                for handler in stmt.handlers:
                    if handler.name is not None and isinstance(handler.name.name, cst.Name):
                        scope.bind(handler.name.name.value, Binding("other"))
            elif _IS_WITH[kind]:
                for item in stmt.items:
                    if item.asname is not None:
                        for target in _assign_targets(item.asname.name):
                            self._bind_target(scope, target, item.item)
            elif _IS_MATCH[kind]:
                for case in stmt.cases:
                    for name in _captures(case.pattern):
                        scope.bind(name, Binding("other"))
        scope.cursor = -1

    @staticmethod
    def _definition_name(scope: Scope, name: str) -> str:
        return f"{scope.qualname}.{name}" if scope.qualname else name

    def _collect_small(self, scope: Scope, small: cst.BaseSmallStatement, line: int = -1) -> None:
        removed = _removes_from(getattr(small, "value", None))
        if removed is not None:
            scope.emptied.add(removed)
        if not _BINDS_SMALL[type(small)]:
            return
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
            if base is not None and isinstance(small.names, cst.ImportStar):
                if base not in scope.star_imports:
                    scope.star_imports.append(base)
                return
            if base is None:
                return
            for alias in small.names:
                name = dotted_name(alias.name) or ""
                local = name
                if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
                    local = alias.asname.name.value
                scope.bind(local, Binding("import", target=f"{base}.{name}" if base else name))
        elif isinstance(small, cst.Assign):
            for assign_target in small.targets:  # `a = b = value` binds each target to the one value
                positions = _unpacked_positions(assign_target.target)
                for target in _assign_targets(assign_target.target):
                    whole = target is assign_target.target
                    position = positions.get(id(target), -1)
                    self._bind_target(scope, target, small.value if whole else None, line=line if whole else -1,
                                      item_of=small.value if position >= 0 else None, item=position)
        elif isinstance(small, cst.AnnAssign):
            self._bind_target(scope, small.target, small.value, small.annotation.annotation, line)
        elif isinstance(small, cst.AugAssign):
            self._bind_target(scope, small.target, None)
        elif isinstance(small, cst.Del):
            scope.emptied.update(target.value.value for target in _assign_targets(small.target)
                                 if isinstance(target, cst.Subscript) and isinstance(target.value, cst.Name))
        elif isinstance(small, cst.Global):
            for item in small.names:
                scope.global_names.add(item.name.value)
        elif _TYPE_ALIAS is not None and isinstance(small, _TYPE_ALIAS):
            scope.bind(small.name.value, Binding("other"))  # type: ignore[attr-defined]

    def _import_from_module(self, node: cst.ImportFrom) -> Optional[str]:
        return import_from_module(node, self.package)

    def _bind_target(
        self,
        scope: Scope,
        target: cst.BaseExpression,
        value: Optional[cst.BaseExpression],
        annotation: Optional[cst.BaseExpression] = None,
        line: int = -1,
        item_of: Optional[cst.BaseExpression] = None,
        item: int = -1,
    ) -> None:
        if isinstance(target, cst.Name):
            if value is not None and dotted_name(value) is not None:
                scope.bind(target.value, Binding("alias", value=value, annotation=annotation, line=line))
            else:
                scope.bind(target.value, Binding("value", value=value, annotation=annotation, line=line, item_of=item_of, item=item))


def import_from_module(node: cst.ImportFrom, package: str) -> Optional[str]:
    """The absolute dotted name of the module a `from ... import` reads, in a module of `package`."""
    dots = len(node.relative)
    module = dotted_name(node.module) if node.module is not None else ""
    if dots == 0:
        return module
    package_parts = package.split(".") if package else []
    if dots - 1 > len(package_parts):
        return None
    base_parts = package_parts[: len(package_parts) - (dots - 1)]
    if module:
        base_parts.append(module)
    return ".".join(base_parts)
