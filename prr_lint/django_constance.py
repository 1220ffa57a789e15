"""django-constance: a setting kept in the database and edited in the admin, whose shipped value is its default in
the `CONSTANCE_CONFIG` setting.

`from constance import config` (under any name) then `config.K` or `getattr(config, "K")` reads the key `constance:K`
(`constance_read`), whatever else spells K. Its value as shipped is the first item of K's entry in a `CONSTANCE_CONFIG`
dict literal (`"K": (False, "Enable ...")`: `setting_entries`), in the settings module or one it imports it from; what
an admin later stores in the database is a run-time choice, as a django-flags condition is (django_flags.py). Code
outside tests writing `config.K = v` or `setattr(config, "K", v)` gives K the value `v` (switch_keys.write_marks). A
`CONSTANCE_CONFIG` built any other way (a call, `**` of another dict, `.update(...)`, an item stored) is `UNREAD`: its
keys' defaults are unknown, and every key stays on. The project phase also turns K on for a data migration or a fixture
that names it, a shipped file giving K a value, or a `setattr` of computed names on the config (project/switches.py,
project/constance_keys.py).
"""

from __future__ import annotations

from typing import Callable, List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import string_value

CONSTANCE = "constance:"  # a key read from constance's config: `constance:K`
UNREAD = CONSTANCE + "*"  # a `CONSTANCE_CONFIG` whose keys' defaults prr-lint cannot read
CONFIG = "constance.config"  # the object the reads and writes go through
SETTING = "CONSTANCE_CONFIG"


def constance_read(term: cst.BaseExpression, resolver: Resolver, is_key: Callable[[str], bool]) -> Optional[str]:
    """`constance:K` of `config.K` or `getattr(config, "K"[, default])` on constance's config object, for a K that
    `is_key`; None for any other term. A default only answers for a K that `CONSTANCE_CONFIG` lacks, which then has no
    value and stays on. The receiver is resolved last: every attribute a guard tests asks (`self.x`, `settings.K`)."""
    if isinstance(term, cst.Attribute):
        holder, key = term.value, term.attr.value
    elif isinstance(term, cst.Call) and 2 <= len(term.args) <= 3 and not any(arg.keyword or arg.star for arg in term.args) \
            and resolver.qualified_name(term.func) == "builtins.getattr":
        holder, key = term.args[0].value, string_value(term.args[1].value)
    else:
        return None
    return CONSTANCE + key if key and is_key(key) and resolver.qualified_name(holder) == CONFIG else None


def config_entries(held: Sequence[Tuple[str, cst.BaseExpression, List[str]]],
                   pairs: Sequence[Tuple[str, Optional[cst.BaseExpression]]]) -> List[Tuple[str, Optional[cst.BaseExpression]]]:
    """The values a statement gives constance keys (None: on): a write through the config (`config.K = v`, `setattr(config,
    "K", v)`; `held`: the keys switch_keys.write_marks finds given a value, the value, and what holds it), and the defaults
    a value given `CONSTANCE_CONFIG` gives its keys (`pairs`: the keys given a value, and the value)."""
    entries: List[Tuple[str, Optional[cst.BaseExpression]]] = [(CONSTANCE + key, value) for key, value, owners in held if CONFIG in owners]
    return entries + [entry for key, value in pairs if key == SETTING and value is not None for entry in setting_entries(value)]


def setting_entries(value: cst.BaseExpression) -> List[Tuple[str, Optional[cst.BaseExpression]]]:
    """What a value given `CONSTANCE_CONFIG` gives each key: (`constance:K`, its default) for each entry of a dict
    literal, None for an entry that is no tuple or list literal; nothing for a copy of another `CONSTANCE_CONFIG`
    (`CONSTANCE_CONFIG = CONSTANCE_CONFIG` after importing it, `**base.CONSTANCE_CONFIG`), read where it is built; and
    (`UNREAD`, None) for anything else."""
    if _is_setting(value):
        return []
    if not isinstance(value, cst.Dict):
        return [(UNREAD, None)]
    entries: List[Tuple[str, Optional[cst.BaseExpression]]] = []
    for element in value.elements:
        if isinstance(element, cst.StarredDictElement):
            entries += [] if _is_setting(element.value) else [(UNREAD, None)]
            continue
        key = string_value(element.key) if isinstance(element.key, cst.SimpleString) else ""
        entry = element.value
        default = entry.elements[0].value if isinstance(entry, (cst.Tuple, cst.List)) and entry.elements else None
        entries.append((CONSTANCE + key, default) if key else (UNREAD, None))
    return entries


def _is_setting(value: cst.BaseExpression) -> bool:
    """A name or attribute spelled `CONSTANCE_CONFIG`: the setting itself, imported or read from the settings."""
    return isinstance(value, cst.Name) and value.value == SETTING or isinstance(value, cst.Attribute) and value.attr.value == SETTING
