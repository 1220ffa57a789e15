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

from typing import AbstractSet, Callable, Dict, List, Mapping, NamedTuple, Optional, Set, Tuple

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
    theirs handed to a library among the reasons), and which of their methods it may call by name.

    Answered per class asked about: a class is hooked when the lineage of one of its subclasses (itself included)
    is, so only those lineages are judged. dead_code.py's commented-out candidates ask of a handful of classes,
    where judging every lineage's loads costs a third of a second on the standard library."""

    def __init__(self, index, loaded: Callable[[str], bool], dotted: Callable[[str], bool], handed: AbstractSet[str],
                 interfaces: Interfaces, aliases: Optional[Mapping[str, str]] = None) -> None:
        """`loaded`: a string names the class; `dotted`: one spells a dotted path to it."""
        # `opened`: not by a bare name alone
        self._loads = (lambda cls: cls in handed or loaded(cls), lambda cls: cls in handed or dotted(cls))
        self.interfaces = interfaces
        self._index, self._aliases = index, aliases
        self._lines: Dict[str, _Line] = {}
        self._answers: Dict[Tuple[str, int], bool] = {}
        self._subclasses: Optional[Dict[str, List[str]]] = None

    def __contains__(self, cls: str) -> bool:
        return self._hooked(cls, 0)

    def may_call(self, cls: str, local: str) -> bool:
        """Code outside the project may call the method `local` of `cls` by its name: `cls` is hooked, and,
        when only a bare name loads its family, the family declares no interface or `local` is part of it."""
        if not self._hooked(cls, 0) or self._hooked(cls, 1):
            return self._hooked(cls, 0)
        entries = self.interfaces.entries(cls)
        return entries is None or local in entries

    def _hooked(self, cls: str, which: int) -> bool:
        found = self._answers.get((cls, which))
        if found is None:
            loaded = self._loads[which]
            found = self._answers[(cls, which)] = any(_holds(self._line(subclass), subclass, loaded, True)
                                                      for subclass in self._subclasses_of(cls))
        return found

    def _line(self, cls: str) -> _Line:
        found = self._lines.get(cls)
        if found is None:
            found = self._lines[cls] = _line(self._index, cls, self._aliases)
        return found

    def _subclasses_of(self, cls: str) -> List[str]:
        """The project classes whose lineage holds `cls`, itself included: from every lineage, walked once."""
        if self._subclasses is None:
            index, aliases, self._subclasses = self._index, self._aliases, {}
            for name in index.classes:
                for member in _lineage(index, name, aliases):
                    if member in index.classes:
                        self._subclasses.setdefault(member, []).append(name)
        return self._subclasses.get(cls, [])


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
    found: Set[str] = set()
    for cls in index.classes:
        line = _line(index, cls, aliases)
        if _holds(line, cls, loaded, base_loads):
            found.update(line.members)
    return found


class _Line(NamedTuple):
    """What a class's lineage says of calls from outside: its project classes, whether all its external bases are
    known bases (whose framework calls only their own API), and whether a member may register the class."""
    members: Tuple[str, ...]
    known: bool
    opens: bool


def _lineage(index, cls: str, aliases: Optional[Mapping[str, str]]) -> List[str]:
    return lineage(index, cls, aliases) if aliases is not None else [cls, *class_ancestors(index, cls)]


def _line(index, cls: str, aliases: Optional[Mapping[str, str]]) -> _Line:
    line = _lineage(index, cls, aliases)
    external = {name for name in line if name not in index.classes and name not in INERT_BASES}
    return _Line(tuple(name for name in line if name in index.classes), bool(external) and external <= KNOWN_BASES,
                 any(_opens(index, name) for name in line))


def _holds(line: _Line, cls: str, loaded: Callable[[str], bool], base_loads: bool) -> bool:
    """Code outside the project may call into the lineage of `cls`: a member may register it, or a string loads a
    member (with `base_loads`, a base too) of a lineage not only of known bases."""
    return line.opens or not line.known and any((base_loads or name == cls) and loaded(name) for name in line.members)


def _opens(index, name: str) -> bool:
    if name in INERT_BASES or name in KNOWN_BASES:
        return False
    if name not in index.classes:
        return True
    module = index.modules.get(index.module_of(name))
    decorators = {decorator for decorator, _ in module.class_decorators.get(name, ())} if module is not None else set()
    return module is None or bool(decorators - _PLAIN_CLASSES) or registering_metaclass(module, name)
