"""A Django setting's nested entry by its literal key path (`settings.RQ_QUEUES["default"]["HOST"]`).

Django settings often nest a client's address in a dict (`RQ_QUEUES = {"default": {"HOST": "localhost", ...}}`,
`CACHES`, `CHANNEL_LAYERS`): a read of such an entry is the key `K#a.b` (the setting, then the path of literal keys
inside it), which names neither a key of its own nor a field, so switch_keys.config_read does not name it. The file phase
reads it (`setting_path`), and tags each value a statement gives an entry (`entry_marks`): every string leaf of a
dict literal assigned to the setting, every item assigned by a literal path (`RQ_QUEUES["default"]["HOST"] = ...`), and
an entry below which the project cannot read (`K#a.*`: a computed value, a `**` spread, a key that is no literal). A
write of the setting that is no dict literal (`RQ_QUEUES = env.dict(...)`) is counted against the dict literal writes
(`K#`): the project phase keeps a path loopback only when every write of the setting was read, no entry above the path
is unknown, and every value of the path is loopback (project/switches.py `loopback`).
"""

from __future__ import annotations

from typing import Callable, List, Optional, Tuple

import libcst as cst

from prr_lint.config_paths import literal_keys
from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.switch_keys import ON, SETS_KEY, function_local, target_key, value_kind

PATH = "#"  # between a setting's name and the dotted path of keys inside it
ANY = "*"  # as the last key of a path: any entry below it may hold any value
_DJANGO_SETTINGS = "django.conf.settings."
_MAX_LEAVES = 64  # a larger literal (a table of data, not a client's settings) is tagged as unknown below its top
_MAX_DEPTH = 4
_FILLS = frozenset({"append", "extend", "insert", "update", "add", "setdefault"})  # what fills an entry in place


def setting_path(node: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> Optional[str]:
    """`K#a.b` of a read of a Django setting's entry by literal keys (`settings.K["a"]["b"]`, `settings.K.get("a",
    {}).get("b")`, mixes); None for any other value."""
    read = literal_keys(node)
    if read is None or not read[1] or not isinstance(read[0], cst.Attribute):
        return None
    qualified = resolver.qualified_name(read[0], scope) or ""
    if not qualified.startswith(_DJANGO_SETTINGS) or "." in qualified[len(_DJANGO_SETTINGS):]:
        return None
    return qualified[len(_DJANGO_SETTINGS):] + PATH + ".".join(read[1])


def entry_marks(node: cst.CSTNode, resolver: Resolver) -> List[str]:
    """`sets-key:K#a.b=<kind>` (switch_keys.SETS_KEY, value_kind) of each entry an assignment or a fill in place gives
    a setting; an unknown entry is on."""
    if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value in _FILLS:
        return [f"{SETS_KEY}{entry}={ON}" for entry in filled_entries(node.func.value, target_key)]
    if not isinstance(node, cst.Assign):
        return []
    def setting(root: cst.BaseExpression) -> Optional[str]:
        return None if function_local(root, resolver) else target_key(root)
    entries = [entry for target in node.targets for entry in assigned_entries(target.target, setting(target.target), node.value, setting)]
    return [f"{SETS_KEY}{entry}={ON if value is None else value_kind(value, resolver)}" for entry, value in entries]


def assigned_entries(target: cst.BaseExpression, key: Optional[str], value: cst.BaseExpression,
                     key_of: Callable[[cst.BaseExpression], Optional[str]]) -> List[Tuple[str, Optional[cst.BaseExpression]]]:
    """The entries an assignment gives a setting: `K = {...}` (`key`, the setting its target names) and
    `K["a"]["b"] = value` (`key_of` names the setting of the target's root: switch_keys.target_key)."""
    item = item_path(target, key_of)
    return (written_paths(key, value) if key else []) + (assigned_item(item[0], item[1], value) if item else [])


def filled_entries(receiver: cst.BaseExpression, key_of: Callable[[cst.BaseExpression], Optional[str]]) -> List[str]:
    """`K#a.*` of a setting's entry filled in place (`RQ_QUEUES["default"].update(...)`): any entry below it."""
    item = item_path(receiver, key_of)
    return [entry_key(item[0], item[1], True)] if item else []


def written_paths(key: str, value: cst.BaseExpression) -> List[Tuple[str, Optional[cst.BaseExpression]]]:
    """(`K#a.b`, its value; None for a value that is unknown, on) of each entry a dict literal assigned to the setting
    `key` gives, with `K#` (no value) counting the write as read; [] for a value that is no dict literal."""
    if not isinstance(value, cst.Dict):
        return []
    return [(key + PATH, None), *assigned_item(key, (), value)]


def item_path(target: cst.BaseExpression, key_of: Callable[[cst.BaseExpression], Optional[str]]) -> Optional[Tuple[str, Tuple[str, ...]]]:
    """(the setting, its path) of an assignment's target `K["a"]["b"]` (`settings.K["a"]`), the setting a key
    (`key_of`: switch_keys.target_key)."""
    read = literal_keys(target) if isinstance(target, cst.Subscript) else None
    if read is None or not read[1]:
        return None
    key = key_of(read[0])
    return (key, read[1]) if key else None


def assigned_item(key: str, path: Tuple[str, ...], value: cst.BaseExpression) -> List[Tuple[str, Optional[cst.BaseExpression]]]:
    """The entries an assignment of `value` to the item at `path` of the setting `key` gives."""
    leaves = _leaves(value, path, len(path)) if isinstance(value, cst.Dict) else [(path, value), (path, None)]
    if len(leaves) > _MAX_LEAVES:
        leaves = [(path, None)]
    return [(entry_key(key, each, entry is None), entry) for each, entry in leaves]


def entry_key(key: str, path: Tuple[str, ...], below: bool = False) -> str:
    """`K#a.b`, or `K#a.b.*` (`below`: any entry under it); `K#*` for any entry of the setting."""
    return key + PATH + ".".join((*path, ANY) if below else path)


def _leaves(value: cst.Dict, path: Tuple[str, ...], depth: int) -> List[Tuple[Tuple[str, ...], Optional[cst.BaseExpression]]]:
    """(path, value) of each string leaf of a dict literal, (path, None) where an entry below the path is unknown
    (a computed value, a spread, a key that is no literal); other literals (numbers, `None`, booleans) name no address."""
    found: List[Tuple[Tuple[str, ...], Optional[cst.BaseExpression]]] = []
    for element in value.elements:
        key = element.key.evaluated_value if isinstance(element, cst.DictElement) and isinstance(element.key, cst.SimpleString) else None
        if not isinstance(key, str) or not key or PATH in key or "." in key or "*" in key:
            return [(path, None)]
        inner = element.value
        if isinstance(inner, cst.Dict) and depth < _MAX_DEPTH:
            found += _leaves(inner, (*path, key), depth + 1)
        elif isinstance(inner, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
            found.append(((*path, key), inner))
        elif not isinstance(inner, (cst.Integer, cst.Float, cst.Name)) or isinstance(inner, cst.Name) \
                and inner.value not in ("None", "True", "False"):
            found += [((*path, key), inner), ((*path, key), None)]
    return found
