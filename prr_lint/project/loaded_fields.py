"""Attributes every shipped configuration turns on (PRR501's `not:field:<name>@<owner>` keys, loaded_fields.py).

`if settings.cache_tls_enabled: Redis(ssl=True, ...) else: Redis(...)`: the `else` runs only while the attribute is false.
It never runs when:
- the owner is a project class, or a module-level object of one (`settings = make_settings()`, as its module's
  summary types it), and its lineage defines no `__setattr__`, `__getattr__` or `__getattribute__`;
- every value the project stores in an attribute of that name, on any object, is one item of a loaded configuration
  file by its key path (`self.cache_tls_enabled = data["cache_tls_enabled"]`: attribute_hosts.py's tags), each such
  store tagged (ModuleSummary.attribute_stores counts them), and nothing binds the name otherwise (a class body, a
  literal `setattr`, a loop's target) nor may bind any name on any object (attribute_binds.py);
- no `setattr` of a computed name may put anything but an environment variable's value in an object of the class's
  lineage (loaded_fields.py `fill_marks`);
- that item is true as shipped (project/config_paths.py `on`), and no deployment file gives the attribute's name, in
  either case and under any prefix (`RELAY_CACHE_TLS_ENABLED=`), a value other than a true word.
"""

from __future__ import annotations

from typing import Callable, Collection, List, Optional, Set

from prr_lint.attribute_binds import ANY
from prr_lint.attribute_hosts import attribute_values
from prr_lint.config_paths import CONFIG_PATH
from prr_lint.env_eval import TRUE_WORDS
from prr_lint.loaded_fields import FILLS_ATTR
from prr_lint.project.filled_settings import FilledSettings
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import lineage
from prr_lint.settings_fields import FIELD, OWNER
from prr_lint.socket_targets import CONFIG_KEY
from prr_lint.switch_keys import COMPUTED

_DYNAMIC = ("__setattr__", "__getattr__", "__getattribute__")


def field_on(index: ProjectIndex, tests: Collection[str], key: str, set_attributes: Collection[str],
             item_on: Callable[[str], bool], words: Callable[[str], List[str]]) -> bool:
    """The `field:<name>@<owner>` attribute is true in every shipped configuration (module docstring); `item_on` judges
    a `config-path:` key (project/config_paths.py `on`), `words` gives the values the deployment files give a name."""
    name, _, owner = key[len(FIELD):].partition(OWNER)
    cls = _owner_class(index, owner)
    if cls is None or name in set_attributes or any(f"{base}.{method}" in index.functions for base in lineage(index, cls) for method in _DYNAMIC):
        return False
    items: Set[str] = set()
    fills: Set[str] = set()
    for module_name, module in index.modules.items():
        if module_name in tests:
            continue
        tags = module.functions[module_name].tags if module_name in module.functions else []
        if ANY in module.bound_names or name in module.bound_names:
            return False
        stored = [kind for _, attribute, kind in attribute_values(tags) if attribute == name]
        if len(stored) != module.attribute_stores.get(name, 0):
            return False  # a store no tag describes (`a.x, b.y = ...`)
        items.update(stored)
        fills.update(COMPUTED + tag[len(FILLS_ATTR):] for tag in tags if tag.startswith(FILLS_ATTR))
    if len(items) != 1 or not next(iter(items)).startswith(CONFIG_KEY + CONFIG_PATH) or FilledSettings(index, fills).holds(cls):
        return False
    shipped = words(name) + words(name.upper())
    return item_on(next(iter(items))[len(CONFIG_KEY):]) and all(word in TRUE_WORDS for word in shipped)


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
