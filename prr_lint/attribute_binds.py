"""The attribute names a module may bind on an object other than by assigning `x.name = ...` (which
ModuleSummary.attribute_stores counts): what project/absent_attributes.py needs to tell that no code binds an
attribute, so that `hasattr(self, "name")` is false everywhere (rules/attribute_guards.py).

A class body binds each name it gives a value (`name = ...`, `name: T = v`, `name += ...`, an import, a loop's or a
`with`'s target, in nested blocks too), each of its `def`s and classes; `setattr(x, "name", v)` (or a
`__setattr__` call) binds the literal name, and `for x.name in ...` / `with ... as x.name` the attribute. A name a class
body only annotates (`name: T`) binds nothing, unless the class makes fields of annotations (a dataclass, a pydantic
model, attrs, a NamedTuple, a TypedDict): the class and the name are kept, for the project phase to judge the class.
Some code may bind any name on the objects of a class, and then `*<class>` is recorded: a `setattr` or `__setattr__`
of a computed name on `self` in its method, on the class or on an object of it (resolve.py `instance_type`), or the
class defining `__setattr__`, `__getattr__` or `__getattribute__`. Some may bind any name on any object, and then `*`
is: such a `setattr` on an object of no known kind, a star import in a class body, a write through an object's
`__dict__` or `vars(x)` (any use but reading it or handing it to a call), or a mention of `setattr`, `__setattr__` or
`__dict__` (a comment's too) that none of these accounts for (`setter = setattr`). A `setattr` on a function object
(`setattr(wrapper, MARKER, True)`) gives no object of a class anything.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Dict, List, Optional, Sequence, Set

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import KindOf

if TYPE_CHECKING:
    from prr_lint.model import ModuleSummary

ANY = "*"
# `=<qualified name>*<what _targets says>`: a `setattr` whose name is another module's constant (project phase reads it).
CONSTANT = "="
# What a class defining one of these may answer for any name.
_DYNAMIC_METHODS = frozenset({"__setattr__", "__getattr__", "__getattribute__"})
# Methods of a mapping that only read it: `obj.__dict__.items()` binds nothing.
_READS = frozenset({"items", "keys", "values", "get", "copy"})
_CAPITALS = re.compile(r"_*[A-Z][A-Z0-9_]*\Z")
# Types that say nothing of what an object is.
_UNTYPED = frozenset({"typing.Any", "builtins.object", "object"})
# The words whose every mention is accounted for, or the module may bind any name.
_WATCHED = ("setattr", "__setattr__", "__dict__")
# What holds an attribute a loop's or a `with`'s target binds (`for self.a, self.b in ...`, `with x as self.handle`).
_IN_TARGET, _LOOP, _AS = KindOf(cst.Element, cst.StarredElement, cst.Tuple, cst.List), KindOf(cst.For, cst.CompFor), KindOf(cst.AsName)


class AttributeBinds:
    """One module's record, filled while the summary walks it (summary.py), written into the summary at its end."""

    def __init__(self, ancestors: Sequence[cst.CSTNode]) -> None:
        self._ancestors = ancestors  # the walker's: the visited node is not on it yet
        self.names: Set[str] = set()
        self.annotated: Dict[str, List[str]] = {}  # class qualname -> the names its body only annotates
        self.opaque: List[str] = []  # classes with a base that resolves to nothing (`class P(namedtuple(...))`)
        self._seen = {word: 0 for word in _WATCHED}

    def class_body(self, node: cst.ClassDef, qualname: str, resolved_bases: int) -> None:
        """The names a class statement's body binds, and whether each of its bases resolved."""
        if resolved_bases != sum(1 for arg in node.bases if arg.keyword is None) or any(arg.star for arg in node.bases):
            self.opaque.append(qualname)
        pending: List[cst.CSTNode] = list(node.body.body)
        while pending:
            statement = pending.pop()
            if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
                name = statement.name.value
                self.names.add(ANY + qualname if name in _DYNAMIC_METHODS else name)
                self._seen["__setattr__"] += name == "__setattr__"
            elif isinstance(statement, (cst.SimpleStatementLine, cst.SimpleStatementSuite)):
                pending.extend(statement.body)
            elif isinstance(statement, cst.BaseCompoundStatement):
                targets = [statement.target] if isinstance(statement, cst.For) else \
                    [item.asname.name for item in statement.items if item.asname is not None] if isinstance(statement, cst.With) else []
                for target in targets:
                    self.names.update(_target_names(target))
                pending.extend(_blocks(statement))
            else:
                self._small(statement, qualname)

    def _small(self, small: cst.CSTNode, qualname: str) -> None:
        if isinstance(small, cst.Assign):
            for target in small.targets:
                self.names.update(_target_names(target.target))
        elif isinstance(small, (cst.AugAssign, cst.AnnAssign)):
            if isinstance(small, cst.AnnAssign) and small.value is None:
                if isinstance(small.target, cst.Name):
                    self.annotated.setdefault(qualname, []).append(small.target.value)
            else:
                self.names.update(_target_names(small.target))
        elif isinstance(small, (cst.Import, cst.ImportFrom)):
            if isinstance(small.names, cst.ImportStar):
                self.names.add(ANY)
                return
            for alias in small.names:
                bound = alias.asname.name if alias.asname is not None else alias.name
                self.names.update(_target_names(bound) or [_first_part(bound)])

    def call(self, node: cst.Call, resolver: Resolver) -> None:
        """`setattr(x, "name", v)`, `object.__setattr__(self, "name", v)`, `super().__setattr__("name", v)` (a name bound
        once to a string literal counts as that literal); of a computed name, what `x` may be (`_targets`); a write
        through `vars(x)`."""
        func = node.func
        called = func.value if isinstance(func, cst.Name) else func.attr.value if isinstance(func, cst.Attribute) else ""
        if called == "vars" and node.args and not self._read(node):
            self.names.add(ANY)
        if called not in ("setattr", "__setattr__"):
            return
        self._seen[called] += 1
        position = 0 if called == "__setattr__" and isinstance(func, cst.Attribute) and isinstance(func.value, cst.Call) else 1
        args = node.args
        if len(args) <= position or any(arg.star or arg.keyword for arg in args):
            self.names.add(ANY)
            return
        name = _literal(args[position].value, resolver)
        if name is not None:
            self.names.add(name)
            return
        target = args[0].value if position else cst.Name(resolver.scope.self_name or "")
        targets = _targets(target, resolver)
        constant = resolver.qualified_name(args[position].value) if isinstance(args[position].value, (cst.Name, cst.Attribute)) else None
        if constant and not constant.startswith("builtins."):
            # another module's constant (`setattr(fn, HOOK, f)`): its string, if it is one, else what `_targets` says
            self.names.update(CONSTANT + constant + (bound or ANY) for bound in targets or [""])
        else:
            self.names.update(targets)

    def attribute(self, node: cst.Attribute) -> None:
        """`x.__dict__`: a write through it may bind any name (`self.__dict__.update(kwargs)`); `for self.item in ...`,
        `with open(p) as self.handle`: the attribute a loop's or a `with`'s target binds, in a tuple too."""
        if node.attr.value == "__dict__":
            self._seen["__dict__"] += 1
            if not self._read(node):
                self.names.add(ANY)
        child: cst.CSTNode = node
        for parent in reversed(self._ancestors):  # most attributes stop at their parent (type look-ups: tree.KindOf)
            if not _IN_TARGET[type(parent)]:
                if _LOOP[type(parent)] and parent.target is child or _AS[type(parent)] and parent.name is child:  # type: ignore[attr-defined]
                    self.names.add(node.attr.value)
                return
            child = parent

    def _read(self, node: cst.CSTNode) -> bool:
        """The mapping `node` gives is only read: handed to a call (`dict(vars(x))`, `f(**obj.__dict__)`), iterated, or
        asked a reading method (`obj.__dict__.items()`)."""
        parent = self._ancestors[-1] if self._ancestors else None
        if isinstance(parent, (cst.Arg, cst.For, cst.CompFor)):
            return True
        grand = self._ancestors[-2] if len(self._ancestors) > 1 else None
        return isinstance(parent, cst.Attribute) and parent.value is node and parent.attr.value in _READS \
            and isinstance(grand, cst.Call) and grand.func is parent

    def record(self, summary: "ModuleSummary", resolver: Resolver) -> None:
        """Into the summary at the end of the walk (its words counted): a watched word mentioned more often than the
        calls and attributes met account for may bind any name."""
        if any(summary.words.get(word, 0) > seen for word, seen in self._seen.items()):
            self.names.add(ANY)
        summary.string_constants, summary.bound_names, summary.opaque_classes = _constants(resolver), frozenset(self.names), self.opaque
        summary.annotated_names = {owner: tuple(names) for owner, names in self.annotated.items()}


def _constants(resolver: Resolver) -> Dict[str, str]:
    """The module's constants in capitals bound once to a string that is a name (`_HOOK = "_registration_hook"`), which
    another module's `setattr` may use."""
    constants: Dict[str, str] = {}
    for name, bindings in resolver.module_scope.bindings.items():
        value = bindings[0].value if len(bindings) == 1 and bindings[0].kind == "value" else None
        if isinstance(value, cst.SimpleString) and _CAPITALS.match(name):
            text = value.evaluated_value
            if isinstance(text, str) and text.isidentifier():
                constants[name] = text
    return constants


def _literal(node: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """A string literal's text, or that of the one string literal a name is bound to (`_MARKER = "_throttled"`)."""
    if isinstance(node, cst.Name):
        bindings = resolver.lookup(node.value) or []
        node = bindings[0].value if len(bindings) == 1 and bindings[0].kind == "value" and bindings[0].value is not None else node
    value = node.evaluated_value if isinstance(node, cst.SimpleString) else None
    return value if isinstance(value, str) else None


def _targets(target: cst.BaseExpression, resolver: Resolver) -> List[str]:
    """What a `setattr` of a computed name on `target` may give any attribute: `*<class>` for `self` or `cls` in a method
    of the class, a class or an object of a known class; nothing for a function (`setattr(wrapper, key, True)`); `*` for
    an object of no known kind."""
    scope = resolver.scope
    if isinstance(target, cst.Name) and target.value == scope.self_name and scope.owner_class is not None:
        return [ANY + scope.owner_class.qualname]
    known = resolver.instance_type(target) or resolver.qualified_name(target)
    if known is None or known in _UNTYPED:
        return [ANY]
    bindings = resolver.lookup(target.value) if isinstance(target, cst.Name) else None
    if bindings and all(binding.kind == "def" for binding in bindings):
        return []  # a function object: no instance of a class
    return [ANY + known]


def _target_names(target: cst.BaseExpression) -> List[str]:
    """The plain names an assignment target binds (`a`, `a, (b, *c)`); none for `x.a` or `x[0]`."""
    if isinstance(target, cst.Name):
        return [target.value]
    if isinstance(target, (cst.Tuple, cst.List)):
        return [name for element in target.elements for name in _target_names(element.value)]
    if isinstance(target, cst.StarredElement):
        return _target_names(target.value)
    return []


def _first_part(dotted: cst.BaseExpression) -> str:
    """`a` of `import a.b.c`, which binds `a`."""
    while isinstance(dotted, cst.Attribute):
        dotted = dotted.value
    return dotted.value if isinstance(dotted, cst.Name) else ""


def _blocks(statement: cst.BaseCompoundStatement) -> List[cst.CSTNode]:
    """The statements of a compound statement's blocks (`if`/`else`, `try`/`except`/`finally`, loops, `with`)."""
    found: List[cst.CSTNode] = []
    pending: List[Optional[cst.CSTNode]] = [statement]
    while pending:
        node = pending.pop()
        if node is None:
            continue
        if isinstance(node, cst.BaseSuite):
            found.extend(node.body)
            continue
        pending.append(getattr(node, "body", None))
        pending.append(getattr(node, "orelse", None))
        pending.append(getattr(node, "finalbody", None))
        pending.extend(getattr(node, "handlers", ()))
        pending.extend(getattr(node, "cases", ()))  # `match`
    return found
