"""Whether a module global keeps the one value its module's top level binds, in every deployment (PRR501's
project/switches.py `_bound_blank`, `LOKI_URL = None`; project/env_globals.py, `email_ssl = bool(int(os.getenv(...)))`).

Python rebinds a module's global through the module object as well as by assignment, so the global is kept only when
code outside tests gives none of these: an attribute store of that name on any receiver (`config.email_ssl = True`:
ModuleSummary.attribute_stores, as class_constants.py counts them), a `setattr` of it or of a computed name on the
module, or a write through `vars(config)` (the switch view's `set_attributes`: namespace_writes.py), a `__dict__`
anywhere (`config.__dict__.update(loaded)`: the receiver is not recorded), and in the binding module a star import or a
builtin that reads or writes its namespace by computed names (`globals()`, `vars().update(...)`,
`exec(open("local_config.py").read())`, Python 2's `execfile`). The words are counted as code (ModuleSummary.words less
prose_words): a mention in a comment or docstring rebinds nothing.
"""

from __future__ import annotations

from typing import Collection, FrozenSet

from prr_lint.model import ModuleSummary
from prr_lint.project.index import ProjectIndex
from prr_lint.project.support import test_modules
from prr_lint.rules.subscriber_clients import NAME_READERS
from prr_lint.namespace_writes import COMPUTED

_NAMESPACE_WRITERS = NAME_READERS | {"execfile"}
_DICT = "__dict__"


def kept_global(index: ProjectIndex, set_attributes: Collection[str], module_name: str, name: str) -> bool:
    """Nothing outside tests may give `module_name`'s global `name` another value than its top level binds (module docstring)."""
    module = index.modules[module_name]
    if module.star_imports or any(_in_code(module, word) for word in _NAMESPACE_WRITERS):
        return False
    if name in set_attributes or COMPUTED + module_name in set_attributes:
        return False
    stored = stored_attributes(index)
    return name not in stored and _DICT not in stored


def stored_attributes(index: ProjectIndex) -> FrozenSet[str]:
    """The attribute names code outside tests stores, and `__dict__` when such code names it (once per index)."""
    return index.derived("stored-attributes", lambda: _stored(index))


def _stored(index: ProjectIndex) -> FrozenSet[str]:
    tests = test_modules(index)
    found = set()
    for module_name, module in index.modules.items():
        if module_name not in tests:
            found.update(name for name, count in module.attribute_stores.items() if count)
            found.update([_DICT] if _in_code(module, _DICT) else [])
    return frozenset(found)


def _in_code(module: ModuleSummary, word: str) -> bool:
    return module.words.get(word, 0) > module.prose_words.get(word, 0)
