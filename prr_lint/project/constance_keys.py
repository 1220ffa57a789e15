"""What keeps a django-constance key on whatever its `CONSTANCE_CONFIG` default (django_constance.py, project/switches.py).

A `CONSTANCE_CONFIG` built by code prr-lint cannot read (`constance:*`) leaves every key's default unknown, and a
`setattr` of computed names on the config outside tests may set any key. A data migration (a module defining a class
deriving from Django's `Migration`) or a fixture (a JSON, YAML or XML file under a `fixtures` folder, which `loaddata`
reads) that names a key may store a value for it in the database, which is then what the deployment runs with rather
than the `CONSTANCE_CONFIG` default: naming it is enough to keep the key on. A fixture too large to read names every
key. The words are read on the first constance key asked about, once per run.
"""

from __future__ import annotations

import os
from typing import Callable, Dict, FrozenSet, Iterable, List, Optional, Set, Tuple

from prr_lint.django_constance import CONFIG, CONSTANCE, UNREAD
from prr_lint.paths import is_test_path
from prr_lint.project.index import ProjectIndex
from prr_lint.rules.how_it_runs import MIGRATION_BASES
from prr_lint.namespace_writes import COMPUTED
from prr_lint.tree_reads import read_text
from prr_lint.word_counts import WORD

_FIXTURE_SUFFIXES = (".json", ".yaml", ".yml", ".xml")
_FIXTURE_FOLDER = "fixtures"
_MAX_BYTES = 8 << 20
_EVERY = "*"  # a fixture that could not be read


class ConstanceKeys:
    """The project's unread `CONSTANCE_CONFIG`s, computed `setattr`s on the config, and the words of its data migrations
    and fixtures outside tests."""

    def __init__(self, index: ProjectIndex, tests: Set[str], tree_files: Callable[[], Iterable[Tuple[str, str]]]) -> None:
        self._index, self._tests, self._tree_files = index, tests, tree_files
        self._words: Optional[FrozenSet[str]] = None  # read when a key first asks

    def kept_on(self, key: str, values: Dict[str, List[str]], set_attributes: Set[str]) -> bool:
        """A constance key (`constance:K`) whose default is unknown, or that something other than the admin may set;
        `values` and `set_attributes` are SwitchView's (switch_keys.SETS_KEY, SETS_ATTR tags outside tests)."""
        if not key.startswith(CONSTANCE):
            return False
        if values.get(UNREAD) or COMPUTED + CONFIG in set_attributes:
            return True
        key = key[len(CONSTANCE):]
        if self._words is None:
            self._words = self._seed_words()
        return key in self._words or _EVERY in self._words

    def _seed_words(self) -> FrozenSet[str]:
        words: Set[str] = set()
        for name, module in self._index.modules.items():
            if name not in self._tests and _migration(module.classes.values()):  # tests: test_modules, by path too
                words.update(module.words)
        for folder, file in self._tree_files():
            path = os.path.join(folder, file)
            posix = path.replace(os.sep, "/")
            if file.endswith(_FIXTURE_SUFFIXES) and _FIXTURE_FOLDER in posix.split("/")[:-1] and not is_test_path(posix):
                text = read_text(path, _MAX_BYTES)
                words.update(WORD.findall(text) if text is not None else [_EVERY])
        return frozenset(words)


def _migration(bases: Iterable[Tuple[str, ...]]) -> bool:
    """One of the module's classes derives from Django's `Migration` directly."""
    return any(base in MIGRATION_BASES for found in bases for base in found)
