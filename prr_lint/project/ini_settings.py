"""Whether a PasteDeploy app's setting (`ini-setting:redis.url`, ini_settings.py) is a loopback address: the project
half, asked by PRR501's project/switches.py `loopback`.

The app takes its settings from the INI file its server is started with, so the files the project ships in that
format are the configuration it runs, as a Django project's settings modules are: `development.ini`, a production
template an installer renders (`production.ini.jinja2`), a sample (`app.ini.sample`). The setting is loopback when
those files give it a value at least once (an option line: a commented-out one gives none) and every value they and
the launch files give it is a loopback address (`redis.url = redis://localhost:6379/0`), and the code gives it none
but loopback ones (`settings["redis.url"] = ...`,
switch_keys.write_marks), nor spells it anywhere else (`("REDIS_URL", "redis.url")` in a table a loop copies the
environment into: `handed_on`). A template expression (`redis.url = {{ redis_url }}`), an interpolation (`%(redis)s`), a
blank or another host leaves it to the deployment, and so does a compose file that runs the project's own code in a
container of its own, where a loopback address is that container.
"""

from __future__ import annotations

import ast
import os
from typing import Callable, Collection, Iterable, List, Sequence, Tuple

from prr_lint.loopback_hosts import loopback_address
from prr_lint.paths import is_test_path
from prr_lint.ini_settings import INI_SETTING
from prr_lint.project.index import ProjectIndex
from prr_lint.project.parsed_trees import TreeOf, tree_reader
from prr_lint.project.project_tree import project_tree
from prr_lint.project.shipped_values import shipped_values
from prr_lint.project.switches import project_switches
from prr_lint.switch_keys import LOOPBACK
from prr_lint.tree_reads import read_text

def ini_setting_check(project) -> Callable[[str], bool]:
    """Whether the configuration key `ini-setting:k.k` is loopback (the module docstring), from the project's switch
    view (its code's writes, launch files, compose containment: project/switches.py); the INI files are read once."""
    texts: List[List[str]] = []

    def loopback(key: str) -> bool:
        switches, analysis, name = project_switches(project), project.analysis(), key[len(INI_SETTING):]
        if not texts:
            texts.append(ini_texts(project_tree(analysis).files()))
        return setting_loopback(name, switches.values.get(name, []), texts[0], switches.texts, switches.contained) \
            and not handed_on(project.index, switches.tests, tree_reader(analysis), name)

    return loopback


_FORMATS = frozenset({"ini", "cfg", "conf"})  # the INI format's suffixes, last or before a template's or sample's own
_MAX_BYTES = 1 << 20


def ini_texts(files: Iterable[Tuple[str, str]]) -> List[str]:
    """The texts of the tree's INI files, templates and samples (`files`: (folder, name)), outside tests."""
    texts = []
    for folder, name in files:
        parts = name.lower().split(".")
        path = os.path.join(folder, name)
        if len(parts) > 1 and _FORMATS & set(parts[-2:]) and not is_test_path(path.replace(os.sep, "/")):
            texts.append(read_text(path, _MAX_BYTES) or "")
    return texts


def setting_loopback(key: str, written: Sequence[str], ini: Sequence[str], launch: Sequence[str], contained: bool) -> bool:
    """The shipped INI files' texts (`ini`) give the setting `key` a value, every one a loopback address, and so does
    every value the launch files spell (`launch`, shipped_values.py, a comment's too) and the code gives it
    (`written`, switch_keys.value_kind); no compose file runs the code in a container of its own (`contained`)."""
    values = [value for text in ini for value in _option_values(text, key)]
    return bool(values) and not contained and all(kind == LOOPBACK for kind in written) \
        and all(value.split() and loopback_address(value.split()[0]) for value in [*values, *shipped_values(launch, key)])


def _option_values(text: str, key: str) -> List[str]:
    """The values an INI text's option lines give `key` (`key = value` or `key: value`, the name in any case); a
    comment (`# key = value`, `; ...`) gives none. Split on the first delimiter, as configparser does."""
    if key not in text.lower():
        return []
    found = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped[0] in "#;[":
            continue
        cut = min((at for at in (stripped.find("="), stripped.find(":")) if at > 0), default=-1)
        if cut > 0 and stripped[:cut].strip().lower() == key:
            found.append(stripped[cut + 1:].strip().lower())
    return found


def handed_on(index: ProjectIndex, tests: Collection[str], tree_of: TreeOf, key: str) -> bool:
    """Some service module spells `key` in a string literal other than an item read or written by it (`x["k.k"]`,
    `x.get("k.k")`, `x.setdefault("k.k", v)`, a dict's `"k.k": v`: the writes are tagged): it may be handed to code that
    gives the setting a value. Only a module whose literals hold every word of the key (ModuleSummary.string_words) is
    parsed; one that does not parse may."""
    words = set(key.split("."))
    for name, summary in index.modules.items():
        if name in tests or is_test_path(summary.path) or not words <= summary.string_words:
            continue
        tree = tree_of(summary.path)
        if tree is None:
            return True
        placed = {id(node.slice) for node in ast.walk(tree) if isinstance(node, ast.Subscript)}
        placed |= {id(node.args[0]) for node in ast.walk(tree) if isinstance(node, ast.Call) and node.args
                   and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "setdefault")}
        placed |= {id(item) for node in ast.walk(tree) if isinstance(node, ast.Dict) for item in node.keys if item is not None}
        if any(isinstance(node, ast.Constant) and node.value == key and id(node) not in placed for node in ast.walk(tree)):
            return True
    return False
