"""Which methods of a project class code outside the project may call by name, for PRR501's dead code
(dead_code.py): a framework through an external base (a hook such as `get_queryset` or `emit`), whatever a class
decorator or a registering metaclass registers it with, a loader that finds the class by a string (Django's
`MIDDLEWARE`, a plug-in's name in a configuration file), a library an object of it is handed to
(handed_objects.py: prometheus_client's registry runs each collector's `collect()`).

A family only a loader by a bare name reaches is used through the interface it declares, when it declares one
(interfaces.py): vrops-exporter's collectors, which a configuration lists by name for the service's own loader
(`importlib.import_module(f'collectors.{name}')`), implement `collect`, and their base's `get_datacenters` nothing
calls is no hook. A string that spells a whole dotted path to a class (`"svc.pipelines.Store"`, Django's
`MIDDLEWARE`, Scrapy's `ITEM_PIPELINES`) is what a library's loader takes, and a library calls its own protocol's
names, which the family's interface need not declare (a pipeline's `open_spider`): every public method stays.
"""

from __future__ import annotations

from typing import AbstractSet, Callable, List, Mapping, Optional, Sequence, Set

from prr_lint.metaclasses import registering_metaclass
from prr_lint.project.interfaces import Interfaces
from prr_lint.project.known_bases import INERT_BASES, KNOWN_BASES
from prr_lint.project.names import class_ancestors
from prr_lint.project.unused_names import lineage

# Class decorators that register nothing: they add dunders (`__str__` of Python 2's unicode helper, comparisons) or
# let `isinstance` test a protocol.
_PLAIN_CLASSES = frozenset({"django.utils.encoding.python_2_unicode_compatible", "six.python_2_unicode_compatible",
                            "functools.total_ordering", "typing.runtime_checkable", "typing_extensions.runtime_checkable"})


class Hooks:
    """The classes code outside the project may call into (`hooked_classes`, a string loading them or an object of
    theirs handed to a library among the reasons), and which of their methods it may call by name."""

    def __init__(self, index, loaded: Callable[[str], bool], dotted: Callable[[str], bool], handed: AbstractSet[str],
                 interfaces: Interfaces, aliases: Optional[Mapping[str, str]] = None) -> None:
        """`loaded`: a string names the class; `dotted`: one spells a dotted path to it."""
        # `opened`: not by a bare name alone; both from one walk of each lineage
        self.hooked, self.opened = hooked_by(index, (lambda cls: cls in handed or loaded(cls), lambda cls: cls in handed or dotted(cls)), aliases)
        self.interfaces = interfaces

    def __contains__(self, cls: str) -> bool:
        return cls in self.hooked

    def may_call(self, cls: str, local: str) -> bool:
        """Code outside the project may call the method `local` of `cls` by its name: `cls` is hooked, and,
        when only a bare name loads its family, the family declares no interface or `local` is part of it."""
        if cls not in self.hooked or cls in self.opened:
            return cls in self.hooked
        entries = self.interfaces.entries(cls)
        return entries is None or local in entries


def hooked_classes(index, loaded: Callable[[str], bool], aliases: Optional[Mapping[str, str]] = None,
                   base_loads: bool = True) -> Set[str]:
    """Project classes whose methods code outside the project may call by name: a class with an
    external base (a framework calls its hooks), a decorator or a registering metaclass of its own
    (either may register it),
    or that is `loaded` by name, anywhere in its lineage, and every project base of such a class (a
    mixin's `get_queryset` runs in a view). A lineage whose external bases are all known bases
    (known_bases.py) is loaded by name by their framework (a Django model by its label,
    `"instance.OpenEdXInstance"`), which calls only their own API. With `aliases`, a base the index
    leaves unresolved that a project class answers by a shorter dotted name is that class (unused_names.py).
    Without `base_loads`, the classes something may build without naming them: a string naming a base loads
    the base, not a subclass no file names (chatgpt-on-wechat's `BaiduUnitBot`, whose import is commented
    out, beside a shell script's `echo "WeCom Bot"`); a base's decorator or metaclass may register it."""
    return hooked_by(index, (loaded,), aliases, base_loads)[0]


def hooked_by(index, loads: Sequence[Callable[[str], bool]], aliases: Optional[Mapping[str, str]] = None,
              base_loads: bool = True) -> List[Set[str]]:
    """`hooked_classes` for each predicate of `loads`, walking each class's lineage once for all of them."""
    found: List[Set[str]] = [set() for _ in loads]
    for cls in index.classes:
        line = lineage(index, cls, aliases) if aliases is not None else [cls, *class_ancestors(index, cls)]
        external = {name for name in line if name not in index.classes and name not in INERT_BASES}
        known = bool(external) and external <= KNOWN_BASES
        members = [name for name in line if name in index.classes]
        opens = any(_opens(index, name) for name in line)
        for hooked, loaded in zip(found, loads):
            if opens or not known and any((base_loads or name == cls) and loaded(name) for name in members):
                hooked.update(members)
    return found


def _opens(index, name: str) -> bool:
    if name in INERT_BASES or name in KNOWN_BASES:
        return False
    if name not in index.classes:
        return True
    module = index.modules.get(index.module_of(name))
    decorators = {decorator for decorator, _ in module.class_decorators.get(name, ())} if module is not None else set()
    return module is None or bool(decorators - _PLAIN_CLASSES) or registering_metaclass(module, name)
