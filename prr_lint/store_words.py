"""Words a configuration store holds: the file half of string switches (`if self.influxdb == "Yes":`).

An app's own key-value store (`self.cbpi.config`, `app.settings`) often keeps a feature's switch as a word the
operator picks (`"Yes"`/`"No"`), not a boolean. A guard that compares what a read of the store returns to one
word (`config.get("INFLUXDB", "No") == "Yes"`) runs only when the store holds that word. The file phase tags each
call on a store that hands it a key and a value (`config.add("INFLUXDB", "No", ...)` seeding it, `config.get(
"INFLUXDB", "No")` defaulting it, `config.set("INFLUXDB", v)`): `says-key:K=<word>` for a string literal, `says-key:K=*`
for anything else (the deployment or the code decides); a `None` or `""` is a blank and says nothing. The guard's
key is `equals:K~<word>` (rules/word_switches.py), off when every word the project and its shipped files give K is
another word (project/word_switches.py).
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.switch_keys import config_holder, string_text

# Module tag: a call on a configuration store gives key K a value (module docstring).
SAYS_KEY, ANY_WORD = "says-key:", "*"
# Guard key of `<read of K> == "<word>"`: `equals:K~<word>`.
EQUALS, WORD = "equals:", "~"


def store_key(call: cst.Call) -> Optional[str]:
    """K of a call on a configuration store whose first argument names the key (`config.get("K", ...)`)."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and config_holder(func.value) and call.args) or call.args[0].keyword or call.args[0].star:
        return None
    return _key(call.args[0].value)


def _key(node: cst.BaseExpression) -> Optional[str]:
    """A configuration key by the convention every framework shares, one word too: upper case (`INFLUXDB`)."""
    key = string_text(node)
    return key if key and key.isidentifier() and key.isupper() else None


def store_read(node: cst.BaseExpression) -> Optional[str]:
    """K of a read of the store by its key, with no default or one (`config.get("K", "No")`)."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"):
        return None
    positional = [arg for arg in node.args if arg.keyword is None]
    return store_key(node) if len(positional) == len(node.args) and 1 <= len(positional) <= 2 else None


def said_words(node: cst.CSTNode) -> List[str]:
    """SAYS_KEY tags of a call handing a store a key and a value, or of a dict's entries by such keys (`{"INFLUXDB":
    "Yes"}`, which may fill a store) (module docstring)."""
    if isinstance(node, cst.Dict):
        return [tag for element in node.elements if isinstance(element, cst.DictElement)
                for key in [_key(element.key)] if key for tag in _said(key, element.value)]
    key = store_key(node) if isinstance(node, cst.Call) else None
    if key is None or len(node.args) < 2 or node.args[1].keyword or node.args[1].star:  # type: ignore[union-attr]
        return []
    return _said(key, node.args[1].value)  # type: ignore[union-attr]


def _said(key: str, value: cst.BaseExpression) -> List[str]:
    word = string_text(value)
    if word == "" or isinstance(value, cst.Name) and value.value == "None":
        return []  # a blank to fill in
    return [f"{SAYS_KEY}{key}={word if word is not None else ANY_WORD}"]
