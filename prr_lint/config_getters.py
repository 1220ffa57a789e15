"""Configuration getters that read one entry of a file they name by an argument (a def tag and a call's key, PRR501).

A service often reads its settings through one helper: `get_config("generic", "storage_db_hostname")` parses
`config/generic.json` (or, missing that, `generic.json.sample`) and returns the entry. The helper names the file by
its parameter and a literal (`f"{config_type}.json.sample"`), and returns the item by its other parameter
(`return sample_config[entry]`). Tagged `gets-config-entry:<file position>/<key position>/<suffix>` (positions
among what a call passes), its calls with literal words are configuration keys: `config-path:entry:<callee>#<words>`,
looked up in the files the words name (project/config_paths.py `entry`). A helper that also returns a computed value
(a call's result, a literal default) is no such getter: the files alone do not decide.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from prr_lint.config_paths import CONFIG_PATH, FILE_PARSERS, PATH
from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import descendants, literal_value, statements_within

GETS_ENTRY = "gets-config-entry:"
ENTRY = "entry:"
_PARSER_WORDS = ("json", "toml", "yaml", "configparser")  # what a module calling a parser spells
_SUFFIXES = (".json", ".toml", ".yaml", ".yml", ".ini", ".cfg", ".conf")


def entry_getter(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """`gets-config-entry:<file position>/<key position>/<suffix>` of a module-level function that calls a parser of a
    file, names the file by a parameter and a literal suffix, and returns only items (or the mapping itself), one of
    them by another parameter; [] otherwise."""
    scope = resolver.scope
    if len(node.params.params) < 2 or resolver.source is not None and not any(word in resolver.source for word in _PARSER_WORDS):
        return []
    if scope.parent is not resolver.module_scope or not any(
            isinstance(call, cst.Call) and resolver.qualified_name(call.func, scope) in FILE_PARSERS for call in descendants(node.body, ())):
        return []
    positions = {param.name.value: at for at, param in enumerate(node.params.params)}
    named = _named_file(node, positions)
    returned = [statement.value for statement in statements_within(node) if isinstance(statement, cst.Return) and statement.value is not None]
    if named is None or not returned or not all(_item_or_mapping(value) for value in returned):
        return []
    keys = {value.slice[0].slice.value.value for value in returned if isinstance(value, cst.Subscript)  # type: ignore[attr-defined]
            and isinstance(value.slice[0].slice, cst.Index) and isinstance(value.slice[0].slice.value, cst.Name)}
    keys = {key for key in keys if key in positions and key != named[0]}
    if len(keys) != 1:
        return []
    return [f"{GETS_ENTRY}{positions[named[0]]}/{positions[keys.pop()]}/{named[1]}"]


def _named_file(node: cst.FunctionDef, positions: dict) -> Optional[Tuple[str, str]]:
    """(the parameter, the suffix) of the one file name the function builds as a parameter and a literal suffix of a
    configuration format (`f"{config_type}.json.sample"`, `config_type + ".json"`)."""
    found = set()
    for value in descendants(node.body, ()):
        parts: List[object] = []
        if isinstance(value, cst.FormattedString):
            parts = [part.expression if isinstance(part, cst.FormattedStringExpression) else part.value for part in value.parts]
        elif isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add) and isinstance(value.right, cst.SimpleString):
            parts = [value.left, literal_value(value.right)]
        if len(parts) == 2 and isinstance(parts[0], cst.Name) and parts[0].value in positions and isinstance(parts[1], str) \
                and parts[1].split(".sample")[0].split(".example")[0].endswith(_SUFFIXES) and "/" not in parts[1]:
            found.add((parts[0].value, parts[1]))
    return found.pop() if len(found) == 1 else None


def _item_or_mapping(value: cst.BaseExpression) -> bool:
    """An item of a mapping by keys (`configs[config_type][entry]`), a mapping by its name or None: no computed value."""
    while isinstance(value, cst.Subscript):
        value = value.value
    return isinstance(value, cst.Name) and value.value not in ("True", "False")  # `None`: no address


def entry_key(call: cst.Call, resolver: Resolver, scope: Scope) -> Optional[str]:
    """`config-path:entry:<callee>#<word>,<word>` of a call of a project function with literal words only
    (`get_config("generic", "storage_db_hostname")`); whether the callee is a getter is the project phase's question."""
    callee = resolver.qualified_name(call.func, scope)
    if not callee or "." not in callee or callee.startswith("builtins.") or len(call.args) < 2:
        return None
    words = [literal_value(arg.value) if isinstance(arg.value, cst.SimpleString) and not arg.keyword and not arg.star else None
             for arg in call.args]
    if not all(isinstance(word, str) and word and all(char.isalnum() or char in "_-" for char in word) for word in words):
        return None
    return f"{CONFIG_PATH}{ENTRY}{callee}{PATH}{','.join(words)}"  # type: ignore[arg-type]
