"""Whether a configuration store's word switch is off (`equals:K~<word>`, rules/word_switches.py): the project half of
store_words.py.

`if self.influxdb == "Yes":` after `self.influxdb = self.cbpi.config.get("INFLUXDB", "No")` never runs as shipped when
every word the project gives INFLUXDB is another one: the calls handing the store the key a value (its read's default
`"No"`, a seed `config.add("INFLUXDB", "No", ...)`: `says-key:` tags, one at least, none computed), the deployment files,
the configuration samples, and every configuration file the tree ships that names the key. A JSON file (or its sample) is read as JSON:
the key's value, or the record it holds (`"INFLUXDB": {"value": "No", "options": [...]}`), which says the word when one
of its own scalar fields is the word (the choices it lists are not its fields). A file of another format that names the
key gives what its `K = v` / `K: v` lines say; one that names it in no such line, or a JSON file that cannot be read,
leaves the word unknown. A value the code gives the key in any other way (`INFLUX_MODE = mode`, a class attribute or
module constant of its name, which a loader such as Flask's `from_object` copies into a store) is not known to be a word:
the switch stays on. `X != "No"` (`not:equals:K~No`, also past `if X == "No": return`) never runs as shipped when
every word is that one, exactly (`"no"` is another word to `!=`), and every record has it among its fields.
"""

from __future__ import annotations

import json
import os
from typing import Callable, Collection, Dict, Iterable, List, Optional, Sequence, Set, Tuple, Union

from prr_lint.paths import is_test_path
from prr_lint.project.shipped_values import SAMPLE_SUFFIXES, shipped_values
from prr_lint.store_words import ANY_WORD, EQUALS, SAYS_KEY, WORD
from prr_lint.switch_keys import NEGATED
from prr_lint.tree_reads import read_text

# A word a file or the code gives the key, or the own scalar fields of a JSON record it holds (one of which is its value).
Said = Union[str, Tuple[str, ...]]
_FORMATS = (".json", ".yaml", ".yml", ".toml", ".ini", ".cfg", ".conf", ".env")
_MAX_BYTES = 1 << 20


class StoreWords:
    """The words the project gives each configuration store key, read when a key first asks.

    `tests`: the test modules, whose calls do not count; `files`: the tree's (folder, name); `known(K)`: no code gives K a
    value but through the store's calls (a blank aside) and nothing fills what holds it by computed names; `deployed(K)`:
    what the deployment files give K."""

    def __init__(self, index, tests: Collection[str], files: Iterable[Tuple[str, str]], known: Callable[[str], bool],
                 deployed: Callable[[str], List[str]]) -> None:
        self.said: Dict[str, List[str]] = {}
        self._bound: Set[str] = set()  # class attributes and module constants (`ENV = "development"`): what `from_object` loads
        for name, module in index.modules.items():
            top = module.functions.get(name)
            if top is None or name in tests or is_test_path(module.path):
                continue
            self._bound.update(module.bound_names, module.string_constants)
            for tag in top.tags:
                if tag.startswith(SAYS_KEY):
                    key, _, word = tag[len(SAYS_KEY):].partition("=")
                    self.said.setdefault(key, []).append(word)
        self._files = list(files)
        self._known, self._deployed = known, deployed
        self._texts: Optional[List[Tuple[str, str]]] = None
        self._parsed: Dict[int, object] = {}
        self._off: Dict[str, bool] = {}

    def off(self, key: str) -> bool:
        """`equals:K~W`: no word the project gives K is W; `not:equals:K~W`: every one is (module docstring)."""
        if key not in self._off:
            negated = key.startswith(NEGATED)
            name, _, word = key[len(NEGATED if negated else "") + len(EQUALS):].partition(WORD)
            words = self._words(name)
            self._off[key] = words is not None and (only_said(words, word) if negated else never_said(words, word))
        return self._off[key]

    def _words(self, key: str) -> Optional[List[Said]]:
        """Every word the project gives the key, or None when something may give it another."""
        said = self.said.get(key, [])
        if not said or ANY_WORD in said or key in self._bound or not self._known(key):
            return None
        shipped = self._shipped(key)
        return None if shipped is None else [*said, *shipped, *self._deployed(key)]

    def _shipped(self, key: str) -> Optional[List[Said]]:
        """The words the tree's configuration files and samples naming `key` give it, or None when one names it in a way
        not read."""
        if self._texts is None:
            paths = [(name, os.path.join(folder, name)) for folder, name in self._files]
            self._texts = [(name, read_text(path, _MAX_BYTES) or "") for name, path in paths if (name.endswith(_FORMATS) or name.startswith(".env")
                           or name.endswith(SAMPLE_SUFFIXES)) and not is_test_path(path.replace(os.sep, "/"))]
        found: List[Said] = []
        for at, (name, text) in enumerate(self._texts):
            if key not in text:
                continue
            given = self._json_words(at, text, key) if ".json" in name else _line_words(text, key)
            if given is None:
                return None
            found += given
        return found

    def _json_words(self, at: int, text: str, key: str) -> Optional[List[Said]]:
        if at not in self._parsed:
            try:
                self._parsed[at] = json.loads(text)
            except (ValueError, RecursionError):
                self._parsed[at] = None
        data = self._parsed[at]
        return None if data is None else _record_words(data, key)


def _record_words(data: object, key: str) -> Optional[List[Said]]:
    """The words a parsed JSON document gives `key`: its scalar value, or the scalar fields of the record it holds."""
    found: List[Said] = []
    pending = [data]
    while pending:
        node = pending.pop()
        items = node.items() if isinstance(node, dict) else enumerate(node) if isinstance(node, list) else ()
        for name, value in items:
            if name == key:
                if isinstance(value, list):
                    return None  # a list of values: not one word
                if isinstance(value, dict):
                    found.append(tuple(_word(field) for field in value.values() if field is not None and not isinstance(field, (dict, list))))
                elif value is not None:
                    found.append(_word(value))
            elif isinstance(value, (dict, list)):
                pending.append(value)
    return found


def _word(value: object) -> str:
    return json.dumps(value) if isinstance(value, bool) else str(value)


def _line_words(text: str, key: str) -> Optional[List[Said]]:
    """The values a non-JSON file's `K = v` / `K: v` lines give `key`; None when it names the key otherwise (a
    section, a nested block, a mapping or list) or gives it an empty value there."""
    words = shipped_values([text], key, lower=False)
    return list(words) if words and all(word and word[0] not in "{[" for word in words) else None


def never_said(words: Sequence[Said], word: str) -> bool:
    """No word is `word` (in any case) and no record has it among its fields: `X == word` never holds as shipped."""
    word = word.lower()
    return not any(word in ({field.lower() for field in said} if isinstance(said, tuple) else {said.lower()}) for said in words)


def only_said(words: Sequence[Said], word: str) -> bool:
    """Every word is `word` and every record has it among its fields: `X != word` never holds as shipped."""
    return all(word in said if isinstance(said, tuple) else said == word for said in words)
