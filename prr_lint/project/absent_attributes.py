"""Attributes no code of the project binds: the project half of rules/attribute_guards.py.

`hasattr(self, "v2_adapter")` is false in every run when no module outside tests binds an attribute of that name in
any way: no assignment to `x.v2_adapter` (ModuleSummary.attribute_stores), no class body giving the name a value, no
`def` or class of that name in a class, no `setattr` of that literal name (attribute_binds.py); a class body's bare
annotation (`v2_adapter: Any`) binds it only in a class that makes fields of annotations (a dataclass, a pydantic
model, a NamedTuple: any class with a decorator, a metaclass or a base that is not the project's own). Nothing may
bind any name: no `setattr` of a computed name, no write through `__dict__` or `vars()`, no class defining
`__setattr__`, `__getattr__` or `__getattribute__` on an object of no known kind (attribute_binds.py `ANY`), nor on the
class or a class of its family (`*<class>`). And the object's class is the project's
own all the way: the class, every subclass of it and every ancestor of either is a project class with no decorator,
no metaclass but `ABCMeta` and no base but project classes, `object`, `ABC`, `Protocol` or `Generic`, so no library code may bind the name
(a library base's attribute, a framework's injected one). The index asks while it is built (never_returns.py), so
this module reads only the summaries and `canonical`.
"""

from __future__ import annotations

from typing import Any, Dict, FrozenSet, List, Optional, Set

from prr_lint.attribute_binds import ANY, CONSTANT
from prr_lint.paths import is_test_path
from prr_lint.rules.attribute_guards import HAS_ATTR, OWNER

# The project index (index.py), which asks while it is built: named here only as `Index`.
Index = Any
# Library bases that bind no attribute on an object but dunders and these few names of their own.
_PLAIN_BASES = frozenset({"object", "builtins.object", "abc.ABC", "typing.Protocol", "typing.Generic",
                          "typing_extensions.Protocol"})
_BASE_NAMES = frozenset({"_abc_impl", "_is_protocol", "_is_runtime_protocol"})
_PLAIN_METACLASSES = frozenset({"abc.ABCMeta"})


class AbsentAttributes:
    """What the project binds, gathered once per run (`absent_attributes`)."""

    def __init__(self, index: Index) -> None:
        self.index = index
        service = [module for module in index.modules.values() if not is_test_path(module.path)]
        self.bound: Set[str] = set()
        for module in service:
            self.bound.update(module.attribute_stores)
            self.bound.update(self._constant(entry) if entry.startswith(CONSTANT) else entry for entry in module.bound_names)
        self.opaque = {name for module in service for name in module.opaque_classes}
        self.decorated = {name for module in service for name in module.class_decorators}
        self.metaclasses = {name: metaclass for module in service for name, metaclass in module.metaclasses.items()}
        self.annotated: Dict[str, List[str]] = {}  # a name -> the classes whose bodies only annotate it
        for module in service:
            for owner, names in module.annotated_names.items():
                for name in names:
                    self.annotated.setdefault(name, []).append(owner)
        self.classes = {name for module in service for name in module.classes}
        self._subclasses: Optional[Dict[str, List[str]]] = None  # a class -> its direct subclasses, on first use
        self._plain: Dict[str, bool] = {}
        self._dynamic_classes: Optional[List[str]] = None

    def absent(self, key: str) -> bool:
        """The key `has-attr:<name>@<class>` is false in every run (the module docstring)."""
        name, _, owner = key[len(HAS_ATTR):].partition(OWNER)
        if ANY in self.bound or name in self.bound or name in _BASE_NAMES:
            return False
        if not all(self._family_plain(declared) for declared in self.annotated.get(name, ())):
            return False
        owner = self.index.canonical(owner) or owner
        if owner not in self.classes or not self._family_plain(owner):
            return False
        family = self._family(owner)
        return not any(self.index.canonical(dynamic) in family for dynamic in self._dynamic())

    def _constant(self, entry: str) -> str:
        """What `setattr` of another module's constant binds: the constant's string, or what its target may be given."""
        qualified, _, otherwise = entry[len(CONSTANT):].partition(ANY)
        module, _, name = qualified.rpartition(".")
        summary = self.index.modules.get(module)
        value = summary.string_constants.get(name) if summary is not None and not is_test_path(summary.path) else None
        return value or ANY + otherwise

    def _dynamic(self) -> List[str]:
        """The classes some code may give any attribute (`*<class>`)."""
        if self._dynamic_classes is None:
            self._dynamic_classes = [bound[len(ANY):] for bound in self.bound if bound.startswith(ANY) and bound != ANY]
        return self._dynamic_classes

    def _bases(self, name: str) -> List[str]:
        return [self.index.canonical(base) or base for base in self.index.classes.get(name, ())]

    def _family_plain(self, name: str) -> bool:
        """The class, its subclasses and the ancestors of each are plain project classes (`_plain_class`)."""
        found = self._plain.get(name)
        if found is None:
            found = self._plain[name] = all(self._lineage(member) is not None for member in self._descendants(name))
        return found

    def _family(self, name: str) -> Set[str]:
        """The class, its subclasses and the ancestors of each (of a plain family)."""
        return {member for descendant in self._descendants(name) for member in self._lineage(descendant) or ()}

    def _descendants(self, name: str) -> FrozenSet[str]:
        if self._subclasses is None:
            self._subclasses = {}
            for cls in self.classes:
                for base in self._bases(cls):
                    self._subclasses.setdefault(base, []).append(cls)
        seen = {name}
        pending = [name]
        while pending:
            for sub in self._subclasses.get(pending.pop(), ()):
                if sub not in seen:
                    seen.add(sub)
                    pending.append(sub)
        return frozenset(seen)

    def _lineage(self, name: str) -> Optional[Set[str]]:
        """The class and its ancestors when each is a plain project class (no decorator, no metaclass but `ABCMeta`, no
        base that resolves to nothing or is not the project's but `_PLAIN_BASES`); else None."""
        seen: Set[str] = set()
        pending = [name]
        while pending:
            current = pending.pop()
            if current in seen or current in _PLAIN_BASES:
                continue
            seen.add(current)
            if current not in self.classes or current in self.opaque or current in self.decorated \
                    or self.metaclasses.get(current, "abc.ABCMeta") not in _PLAIN_METACLASSES:
                return None
            pending.extend(self._bases(current))
        return seen


def absent_attributes(index: Index) -> AbsentAttributes:
    """The run's one record (the index keeps it)."""
    return index.derived("absent-attributes", lambda: AbsentAttributes(index))
