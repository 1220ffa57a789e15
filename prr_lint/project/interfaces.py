"""The interfaces a project's class families declare, for PRR501's dead code (dead_code.py).

A project class that declares abstract methods (`@abstractmethod`) declares how code that holds an object of its
family without knowing its class uses it: through those methods. That code may be outside the project (a library
the object is handed to calls `collect()` on each collector it was given, a loader that builds a class by its
name), so a method that implements a base's abstract method may run though the project never names it: it is
never dead for want of a name (`implements`).

A family that code outside the project may reach only because a string names one of its classes (no external base,
class decorator or registering metaclass in the lineage, and no instance handed to a library: dead_code.py
`_hooked_classes`) is used by whatever loads it through the interface it declares (`entries`): the abstract
methods, the methods that call one of them on the family itself (a template method, which a caller runs so that
each subclass's part runs) and every name two classes of the family define (an override, which someone calls
without knowing which class it has). Any other public method of it runs only when code names it, as in a class
nothing loads: vrops-exporter's `BaseCollector.get_datacenters`, beside the `collect` every collector implements;
openWB's vendored `MSDrive.download_item`, beside the `upload_item` its backup calls. A family that declares no
interface keeps every public method: nothing tells which of them its loader calls.
"""

from __future__ import annotations

from typing import Dict, FrozenSet, Optional, Set

from prr_lint.project.names import lineage

# The decorators that declare an abstract method.
_ABSTRACT = frozenset({"abc.abstractmethod", "abc.abstractproperty", "abc.abstractclassmethod", "abc.abstractstaticmethod"})


class Interfaces:
    """The abstract methods of each project class and the interfaces of their families, worked out once per run."""

    def __init__(self, index) -> None:
        self.index = index
        self.declared: Dict[str, Set[str]] = {}  # class -> the names of its abstract methods
        self.defined: Dict[str, Set[str]] = {}  # class -> the names of its methods
        for name, function in index.functions.items():
            owner, _, local = name.rpartition(".")
            if owner in index.classes:
                self.defined.setdefault(owner, set()).add(local)
                if _ABSTRACT.intersection(function.decorators):
                    self.declared.setdefault(owner, set()).add(local)
        self.lineages = {cls: lineage(index, cls) for cls in index.classes}
        self.descendants: Dict[str, Set[str]] = {}
        for cls, line in self.lineages.items():
            for base in line[1:]:
                self.descendants.setdefault(base, set()).add(cls)
        self._entries: Dict[str, Optional[FrozenSet[str]]] = {}

    def implements(self, cls: str, local: str) -> bool:
        """The method `local` of `cls` implements an abstract method a project base of `cls` declares."""
        return any(local in self.declared.get(base, ()) for base in self.lineages.get(cls, [cls])[1:])

    def entries(self, cls: str) -> Optional[FrozenSet[str]]:
        """The names code that holds an object of `cls`'s family (its lineage and the classes derived from it)
        calls through the interface the family declares; None when no class of the family declares one."""
        if cls not in self._entries:
            family = {*self.lineages.get(cls, [cls]), *self.descendants.get(cls, ())}
            declared = set().union(*(self.declared.get(member, ()) for member in family))
            found: Optional[FrozenSet[str]] = None
            if declared:
                names = set(declared)
                seen: Set[str] = set()
                for member in family:
                    for local in self.defined.get(member, ()):
                        if local in seen:
                            names.add(local)  # an override
                        seen.add(local)
                        function = self.index.functions[f"{member}.{local}"]
                        if any(call.rpartition(".")[2] in declared and call.rpartition(".")[0] in family for call in function.calls):
                            names.add(local)  # a template method
                found = frozenset(names)
            self._entries[cls] = found
        return self._entries[cls]
