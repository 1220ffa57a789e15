"""The values shipped INI-style configuration files give `section.key` (PRR501's switches, ini_keys.py).

A service configured by INI files ships its defaults beside the code: `conf/default/api.conf.default`,
`app.ini`, `settings.cfg`, a `.sample`/`.example`/`.dist` copy for the operator to fill in. Each such file
of the project tree outside tests is read once (configparser, no interpolation) and filed under its base
name, the file name before `.conf`/`.ini`/`.cfg` (`api`). A launch script that sets a key with crudini
(`crudini --set conf/reporting.conf mongodb enabled yes`) ships that value too: the installer turns the
feature on. `ini:<base>:<section>.<key>` is off when these give the key at least one value and every one
is a false word or blank (`no`, `off`, `false`, `0`, ``); an empty base (a reader built with no file
name) takes the files of every base. A key no shipped file gives a value names no switch: on. A value that is
only a template expression (`enabled = {{ processing.irma.enabled }}`) is filled in by the installer: it gives
no value, and the project's typed defaults table in code, if it has one, gives the default
(defaults_tables.py, `with_defaults`).
"""

from __future__ import annotations

import ast
import configparser
import os
import re
from typing import Callable, Dict, Iterable, List, Optional, Sequence, Tuple

from prr_lint.ini_keys import IMPORTED
from prr_lint.paths import is_test_path
from prr_lint.project.index import ProjectIndex
from prr_lint.project.parsed_trees import TreeOf
from prr_lint.tree_reads import read_text

_SUFFIX = re.compile(r"^(?P<base>[A-Za-z_][\w-]*)\.(?:conf|ini|cfg)(?:\.(?:default|sample|example|dist|template))?$")
_CRUDINI = re.compile(r"crudini\s+--set\s+(?:--\S+\s+)*['\"]?(?P<file>\S+?)['\"]?\s+['\"]?(?P<section>[\w.-]+)['\"]?\s+"
                      r"['\"]?(?P<key>[\w.-]+)['\"]?\s+['\"]?(?P<value>[^\s'\"]*)")
_TEMPLATE = re.compile(r"^\{\{[^{}]*\}\}$")
_MAX_BYTES = 1_000_000
Values = Dict[Tuple[str, str, str], List[str]]  # (base, section, key) -> the values, lower case


def shipped_ini(files: Iterable[Tuple[str, str]], scripts: Sequence[str]) -> Values:
    """The values of every `section.key` the project's INI files (`files`: (folder, name) of the tree) and
    the crudini calls of its launch `scripts` (their texts) give."""
    values: Values = {}
    for folder, name in files:
        match = _SUFFIX.match(name)
        path = os.path.join(folder, name)
        if match is None or is_test_path(path.replace(os.sep, "/")):
            continue
        parser = configparser.ConfigParser(interpolation=None, strict=False)
        try:
            parser.read_string(read_text(path, _MAX_BYTES) or "")
        except configparser.Error:
            continue
        for section in parser.sections():
            for key, value in parser.items(section, raw=True):
                if not _TEMPLATE.match(value.strip()):  # `{{ processing.irma.enabled }}`: the installer fills it in
                    values.setdefault((match.group("base"), section, key), []).append(value.strip().lower())
    for text in scripts:
        for found in _CRUDINI.finditer(text):
            match = _SUFFIX.match(os.path.basename(found.group("file")))
            if match is not None:
                values.setdefault((match.group("base"), found.group("section"), found.group("key")), []).append(found.group("value").lower())
    return values


def with_defaults(values: Values, defaults: Dict[Tuple[str, str, str], List[str]]) -> Values:
    """The shipped values and, beside them, the defaults a typed table in code gives (defaults_tables.py:
    `false`/`true` words), which apply wherever a file leaves the option to its template or out."""
    merged = {key: list(found) for key, found in values.items()}
    for key, found in defaults.items():
        merged.setdefault(key, []).extend(found)
    return merged


def reader_base(index: ProjectIndex, tree_of: TreeOf, qualified: str) -> Optional[str]:
    """The file name the module-level reader `qualified` (`svc.config.apiconf`) is built with: the one string
    argument of the call its module assigns it once (`apiconf = Config("api")`), "" for none."""
    module, _, name = qualified.rpartition(".")
    summary = index.modules.get(module)
    tree = tree_of(summary.path) if summary is not None else None
    values = [statement.value for statement in (tree.body if tree is not None else ()) if isinstance(statement, ast.Assign)
              and any(isinstance(target, ast.Name) and target.id == name for target in statement.targets)]
    call = values[0] if len(values) == 1 else None
    if not isinstance(call, ast.Call) or call.keywords or len(call.args) > 1:
        return None
    word = call.args[0].value if call.args and isinstance(call.args[0], ast.Constant) else "" if not call.args else None
    return word if isinstance(word, str) and (word == "" or word.isidentifier()) else None


def ini_values(values: Values, key: str, base_of: Callable[[str], Optional[str]]) -> List[str]:
    """The values shipped for `<base>:<section>.<key>` (any base for an empty one; `base_of` says which
    file an imported reader's `@<qualified name>` reads)."""
    base, _, rest = key.partition(":")
    if base.startswith(IMPORTED):
        found = base_of(base[len(IMPORTED):])
        if found is None:
            return []
        base = found
    section, _, option = rest.rpartition(".")
    if base:
        return values.get((base, section, option.lower()), [])
    return [value for (_, shipped_section, shipped_key), found in values.items()
            if shipped_section == section and shipped_key == option.lower() for value in found]
