"""Whether a PasteDeploy app's setting (`ini-setting:redis.url`, setting_keys.py) is a loopback address: the project
half, asked by PRR501's project/switches.py `loopback`.

The app takes its settings from the INI file its server is started with, so the files the project ships in that
format are the configuration it runs, as a Django project's settings modules are: `development.ini`, a production
template an installer renders (`production.ini.jinja2`), a sample (`app.ini.sample`). The setting is loopback when
those files give it a value at least once (an option line: a commented-out one gives none) and every value they and
the launch files give it is a loopback address (`redis.url = redis://localhost:6379/0`), and the code gives it none
but loopback ones (`settings["redis.url"] = ...`, switch_keys.write_marks), nor spells it anywhere else
(`("REDIS_URL", "redis.url")` in a table a loop copies the environment into: `handed_on`). A template expression
(`redis.url = {{ redis_url }}`), an interpolation (`%(redis)s`), a blank or another host leaves it to the deployment,
and so does a compose file that runs the project's own code in a container of its own, where a loopback address is
that container. Read as the `A` of `A or B` (`settings.get("redis.url") or "redis://localhost:6379/0"`,
socket_targets._either), a blank value passes too: the client then takes B, which the file phase found loopback.
"""

from __future__ import annotations

import ast
import re
from typing import Collection, List, Set

from prr_lint.loopback_hosts import loopback_address
from prr_lint.paths import is_test_path
from prr_lint.project.config_files import config_format
from prr_lint.project.index import ProjectIndex
from prr_lint.project.parsed_trees import TreeOf, tree_reader
from prr_lint.project.project_tree import project_tree
from prr_lint.project.shipped_values import sample_texts, shipped_values
from prr_lint.switch_keys import BLANK, LOOPBACK

_TEMPLATE = re.compile(r"\.(?:jinja2|j2)$")  # a template an installer renders into the file (`production.ini.jinja2`)


def ini_setting_loopback(project, view, key: str, blank: bool) -> bool:
    """Whether the setting `key` (`redis.url`) is loopback (the module docstring); `view` is the project's SwitchView
    (its code's writes, launch files, compose containment: project/switches.py), `blank` whether a blank value passes.
    The INI files are read once a run, and first: a key no file gives needs nothing else."""
    analysis = project.analysis()
    texts = analysis.derived("ini-texts", lambda: sample_texts(project_tree(analysis).files(), ini_file))
    values = [value for text in texts for value in _option_values(text, key)]
    if not values or view.contained:
        return False  # no shipped file gives it one (the deployment's own INI file may), or localhost is a container
    kinds = (LOOPBACK, BLANK) if blank else (LOOPBACK,)
    words = [value.split()[0] if value.split() else "" for value in [*values, *shipped_values(view.texts, key)]]
    return all(kind in kinds for kind in view.values.get(key, [])) \
        and all(loopback_address(word) if word else blank for word in words) \
        and not handed_on(project.index, view.tests, tree_reader(analysis), key)


def ini_file(name: str) -> bool:
    """An INI file, its template or its sample by name (`development.ini`, `production.ini.jinja2`, `app.ini.sample`,
    `setup.cfg`), not a Python module named like the format (Sphinx's `conf.py`)."""
    return config_format(_TEMPLATE.sub("", name.lower())) == "ini"


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
        placed: Set[int] = set()  # the literals in an item's place, and (one walk) those that spell the key
        spelled: List[int] = []
        for node in ast.walk(tree):
            if isinstance(node, ast.Subscript):
                placed.add(id(node.slice))
            elif isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Attribute) and node.func.attr in ("get", "setdefault"):
                placed.add(id(node.args[0]))
            elif isinstance(node, ast.Dict):
                placed.update(id(item) for item in node.keys if item is not None)
            elif isinstance(node, ast.Constant) and node.value == key:
                spelled.append(id(node))
        if any(found not in placed for found in spelled):
            return True
    return False
