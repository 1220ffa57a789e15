"""The values a Flask app's shipped configuration files give its keys (the project half of flask_configs.py;
project/switches.py `loopback` counts them with the code's own values).

`app.config.from_pyfile("default.cfg")` then `from_pyfile("{}.cfg".format(env), silent=True)`, with
`config/default.cfg` and `config/default_container.cfg` shipped: each file the loads name (a formatted name
stands for every shipped file of its folder that it matches, a name the environment gives for every file shipped
there) is read as Python, and each top-level binding of a key (`REDIS_ADDR = 'localhost'`, also under `if`/`try`)
is a value of it: `loopback` for a loopback literal, `blank` for `None` or `""`, `on` for anything else (another
host, an environment read, a computed value).
A file that is not valid Python and spells the key gives it an unknown value (`on`).

A name the tree does not ship (`from_pyfile("development.py")` in an instance folder the deployment fills) reads the
installation's copy of one the folder ships: as with an INI file's samples (project/config_paths.py), the folder's
shipped files of its extension (`*.py`, and their variants: `config.py.example`) stand for it. When some load of the
project (outside tests) is tied to no shipped file (a name from another variable, a file whose folder ships none of
its kind, `from_prefixed_env`, `from_file`), the deployment's own file or environment may set any key: a key the
shipped files give a value then also gets an unknown one (`on`), and is no longer known to be loopback. A load of the
environment itself (`from_prefixed_env()`) may set even a key no file names (`environment`): a read's false default
(`config.get("K", False)`) is then not the value the key has (project/switches.py).
"""

from __future__ import annotations

import ast
import fnmatch
import os
from typing import Dict, List, Set

from prr_lint.flask_configs import ENVIRONMENT, FLASK_CONFIG_FILE, UNTIED
from prr_lint.loopback_hosts import loopback_address
from prr_lint.parse_guard import newest_tree
from prr_lint.paths import is_test_path
from prr_lint.project.index import ProjectIndex
from prr_lint.project.module_level import top_level
from prr_lint.project.project_tree import ProjectTree
from prr_lint.project.support import test_modules
from prr_lint.switch_keys import BLANK, LOOPBACK, ON
from prr_lint.tree_reads import read_text

_MAX_BYTES = 1 << 20


class FlaskConfigs:
    """The shipped files the project's Flask apps load, and whether every load is tied to them (module docstring)."""

    def __init__(self, index: ProjectIndex, tree: ProjectTree) -> None:
        shipped: Dict[str, List[str]] = {}  # a folder -> its files' names
        for folder, name in tree.files():
            shipped.setdefault(os.path.abspath(folder), []).append(name)
        tests = test_modules(index)
        self.files: Set[str] = set()
        self.untied = not tree.known
        self.environment = False  # some load copies keys from the environment itself (`from_prefixed_env()`)
        for name, module in index.modules.items():
            top = module.functions.get(name)
            if top is None or name in tests or is_test_path(module.path):
                continue
            here = os.path.dirname(os.path.join(str(tree.root), module.path))
            for tag in top.tags:
                if not tag.startswith(FLASK_CONFIG_FILE):
                    continue
                pattern = tag[len(FLASK_CONFIG_FILE):]
                found = self._matching(shipped, here, pattern) if pattern not in (UNTIED, ENVIRONMENT) else []
                self.files.update(found)
                self.untied = self.untied or not found
                self.environment = self.environment or pattern == ENVIRONMENT
        self._bindings: Dict[str, Dict[str, List[str]]] = {}

    @staticmethod
    def _matching(shipped: Dict[str, List[str]], here: str, pattern: str) -> List[str]:
        """The shipped files a loaded path names (`*` in its name matching any text); for a name its folder does not
        ship, the folder's files of its extension and their variants, which the installation's copy is made from."""
        path = os.path.abspath(os.path.join(here, *pattern.split("/")))
        folder, name = os.path.split(path)
        extension = os.path.splitext(name)[1]
        files = sorted(shipped.get(folder, ()))
        for patterns in ([name], [f"*{extension}", f"*{extension}.*"] if extension else []):
            found = [file for file in files if any(fnmatch.fnmatchcase(file, each) for each in patterns)]
            if found:
                return [os.path.join(folder, file) for file in found]
        return []

    def values(self, key: str) -> List[str]:
        """The value kinds the loaded files give `key` (switch_keys' `loopback`, `blank`, `on`); with an untied
        load, one more unknown value (`on`) when they give it any."""
        found = [kind for path in sorted(self.files) for kind in self._bound(path).get(key, ())]
        return found + [ON] if found and self.untied else found

    def _bound(self, path: str) -> Dict[str, List[str]]:
        if path not in self._bindings:
            self._bindings[path] = _file_bindings(read_text(path, _MAX_BYTES) or "")
        return self._bindings[path]


def _file_bindings(text: str) -> Dict[str, List[str]]:
    """key -> the kind of each value a Python-syntax configuration file binds it to at its top level."""
    tree = newest_tree(text)
    if tree is None:
        return _unknown_keys(text)
    found: Dict[str, List[str]] = {}
    for statement in top_level(tree.body):
        targets = statement.targets if isinstance(statement, ast.Assign) else [statement.target] \
            if isinstance(statement, ast.AnnAssign) and statement.value is not None else []
        for target in targets:
            if isinstance(target, ast.Name):
                found.setdefault(target.id, []).append(_kind(statement.value))  # type: ignore[union-attr, arg-type]
    return found


def _kind(value: ast.expr) -> str:
    if isinstance(value, ast.Constant) and (value.value is None or value.value == ""):
        return BLANK
    if isinstance(value, ast.Constant) and isinstance(value.value, str) and loopback_address(value.value):
        return LOOPBACK
    return ON


def _unknown_keys(text: str) -> Dict[str, List[str]]:
    """Each name a file that is not Python spells before `=` on a line: a value of it nothing tells."""
    return {line.partition("=")[0].strip(): [ON] for line in text.splitlines() if "=" in line and line.partition("=")[0].strip().isidentifier()}
