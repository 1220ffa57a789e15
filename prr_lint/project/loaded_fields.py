"""Attributes every shipped configuration turns on (PRR501's `not:field:<name>@<owner>` keys, loaded_fields.py).

`if settings.cache_tls_enabled: Redis(ssl=True, ...) else: Redis(...)`: the `else` runs only while the attribute is false.
It never runs when:
- the owner is a project class, or a module-level object of one (`settings = make_settings()`, as its module's
  summary types it), and its lineage defines no `__setattr__`, `__getattr__` or `__getattribute__`;
- every value the project stores in an attribute of that name, on any object, is one item of a loaded configuration
  file by its key path (`self.cache_tls_enabled = data["cache_tls_enabled"]`: attribute_hosts.py's tags), each such
  store tagged (ModuleSummary.attribute_stores counts them), and nothing binds the name otherwise (a class body, a
  literal `setattr`, a loop's target) nor may bind any name on any object (attribute_binds.py);
- no `setattr` of a computed name may put anything but an environment override in an object of the class's lineage
  (loaded_fields.py `fill_marks`);
- that item is true as shipped (project/config_paths.py `on`), and no deployment file gives the attribute's name, in
  either case and under any prefix (`RELAY_CACHE_TLS_ENABLED=`), a value other than a true word; none at all when an
  override parses the variable's value (`parses-attr:`).
"""

from __future__ import annotations

from typing import Callable, Collection, Dict, List, Optional, Set

from prr_lint.attribute_binds import ANY
from prr_lint.attribute_hosts import attribute_values
from prr_lint.config_paths import CONFIG_PATH
from prr_lint.env_eval import TRUE_WORDS
from prr_lint.loaded_fields import FILLS_ATTR, PARSES_ATTR
from prr_lint.project.filled_settings import FilledSettings
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import lineage
from prr_lint.settings_fields import FIELD, OWNER
from prr_lint.socket_targets import CONFIG_KEY
from prr_lint.namespace_writes import COMPUTED

_DYNAMIC = ("__setattr__", "__getattr__", "__getattribute__")


class LoadedFields:
    """What the project's modules outside tests say of attributes, whatever the key: read once, on the first key asked."""

    def __init__(self, index: ProjectIndex, tests: Collection[str], set_attributes: Collection[str],
                 item_on: Callable[[str], bool], shipped: Callable[[str], List[str]]) -> None:
        """`item_on` judges a `config-path:` key (project/config_paths.py `on`); `shipped` gives the values the
        deployment files give a name, in either case (project/switches.py)."""
        self.index, self.tests, self.set_attributes = index, tests, set_attributes
        self._item_on, self._shipped = item_on, shipped
        self._read = False
        self._bound: Set[str] = set()  # the names any module binds otherwise (ANY: any name)
        self._stored: Dict[str, Set[str]] = {}  # an attribute -> the kinds of value stored in it
        self._untagged: Set[str] = set()  # attributes a store no tag describes sets (`a.x, b.y = ...`)
        self._filled = self._parsed = FilledSettings(index, ())

    def on(self, key: str) -> bool:
        """The `field:<name>@<owner>` attribute is true in every shipped configuration (module docstring)."""
        self._read_modules()
        name, _, owner = key[len(FIELD):].partition(OWNER)
        cls = _owner_class(self.index, owner)
        if cls is None or name in self.set_attributes or ANY in self._bound or name in self._bound or name in self._untagged \
                or any(f"{base}.{method}" in self.index.functions for base in lineage(self.index, cls) for method in _DYNAMIC):
            return False
        items = self._stored.get(name, set())
        if len(items) != 1 or not next(iter(items)).startswith(CONFIG_KEY + CONFIG_PATH) or self._filled.holds(cls):
            return False
        words = self._shipped(name)
        return self._item_on(next(iter(items))[len(CONFIG_KEY):]) and all(word in TRUE_WORDS for word in words) \
            and not (words and self._parsed.holds(cls))

    def _read_modules(self) -> None:
        if self._read:
            return
        self._read = True
        fills: Set[str] = set()
        parses: Set[str] = set()
        for module_name, module in self.index.modules.items():
            if module_name in self.tests:
                continue
            self._bound |= module.bound_names
            tags = module.functions[module_name].tags if module_name in module.functions else []
            counts: Dict[str, int] = {}
            for _, attribute, kind in attribute_values(tags):
                self._stored.setdefault(attribute, set()).add(kind)
                counts[attribute] = counts.get(attribute, 0) + 1
            self._untagged |= {name for name in {*counts, *module.attribute_stores} if counts.get(name, 0) != module.attribute_stores.get(name, 0)}
            fills |= {COMPUTED + tag[len(FILLS_ATTR):] for tag in tags if tag.startswith(FILLS_ATTR)}
            parses |= {COMPUTED + tag[len(PARSES_ATTR):] for tag in tags if tag.startswith(PARSES_ATTR)}
        self._filled, self._parsed = FilledSettings(self.index, fills), FilledSettings(self.index, parses)


def _owner_class(index: ProjectIndex, owner: str) -> Optional[str]:
    """The project class `owner` names, or the class of the module-level object it names (through imports and the
    folders on sys.path, as the index resolves names)."""
    found = index.canonical(owner)
    if found in index.classes:
        return found
    path, _, name = owner.rpartition(".")
    module = index.module_named(path)
    typed = index.modules[module].globals.get(name) if module else None
    found = index.canonical(typed) if typed else None
    return found if found in index.classes else None
