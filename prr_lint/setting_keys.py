"""The keys of a PasteDeploy app's settings (`redis.url`, `celery.broker_url`: ini_settings.py) and the writes of
them that module tags record (switch_keys.write_marks), kept apart from switch_keys.py's upper-case keys."""

from __future__ import annotations

import re
from typing import List, Optional, Tuple

import libcst as cst

from prr_lint.tree import literal_value

# two lower-case words at least, joined by dots; no part holds a dot, so no backtracking
_SETTING = re.compile(r"^[a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+$")


def is_setting_key(text: object) -> bool:
    """A PasteDeploy application setting's key: lower-case words joined by dots, `redis.url`."""
    return isinstance(text, str) and bool(_SETTING.match(text))


def setting_writes(node: cst.CSTNode) -> List[Tuple[str, Optional[cst.BaseExpression]]]:
    """(key, value) of each setting `node` gives a value: `x["k.k"] = v`, a dict's `"k.k": v`, and
    `x.setdefault("k.k", v)` (its value the call: on, as switch_keys.value_kind has it)."""
    found: List[Tuple[str, Optional[cst.BaseExpression]]] = []
    if isinstance(node, cst.Assign):
        found += [(key, node.value) for key in map(_item_key, (target.target for target in node.targets)) if key]
    elif isinstance(node, cst.Dict):
        found += [(key, element.value) for element in node.elements if isinstance(element, cst.DictElement)
                  for key in [_literal(element.key)] if key]
    elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "setdefault" and node.args:
        key = _literal(node.args[0].value)
        found += [(key, node)] if key else []
    return found


def _item_key(target: cst.BaseExpression) -> Optional[str]:
    """`k.k` of `x["k.k"]`."""
    part = target.slice[0].slice if isinstance(target, cst.Subscript) and len(target.slice) == 1 else None
    return _literal(part.value) if isinstance(part, cst.Index) else None


def _literal(node: cst.BaseExpression) -> Optional[str]:
    """A setting key's string literal, else None (a literal with no dot is none: not evaluated)."""
    text = literal_value(node) if isinstance(node, cst.SimpleString) and "." in node.value else None
    return text if is_setting_key(text) else None
