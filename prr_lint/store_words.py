"""Words a configuration store holds: the file half of string switches (`if self.influxdb == "Yes":`).

An app's own key-value store (`self.cbpi.config`, `app.settings`) often keeps a feature's switch as a word the
operator picks (`"Yes"`/`"No"`), not a boolean. A guard that compares what a read of the store returns to one
word (`config.get("INFLUXDB", "No") == "Yes"`) runs only when the store holds that word. The file phase tags each
call on a store that hands it a key and a value (`config.add("INFLUXDB", "No", ...)` seeding it, `config.get(
"INFLUXDB", "No")` defaulting it, `config.set("INFLUXDB", v)`): `says-key:K=<word>` for a string literal, `says-key:K=*`
for anything else (the deployment or the code decides); a `None` or `""` is a blank and says nothing. The guard's
key is `equals:K~<word>` (rules/word_switches.py), off when every word the project and its shipped files give K is
another word (project/word_switches.py). configparser's `parser.get(section, option)` is no such store: its first two
arguments are names, not a key and a value.
"""

from __future__ import annotations

from typing import List, Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.switch_keys import config_holder, string_text

# Module tag: a call on a configuration store gives key K a value (module docstring).
SAYS_KEY, ANY_WORD = "says-key:", "*"
# Guard key of `<read of K> == "<word>"`: `equals:K~<word>`.
EQUALS, WORD = "equals:", "~"
_CONFIGPARSER = "configparser."


def store_key(call: cst.Call, resolver: Resolver) -> Optional[str]:
    """K of a call on a configuration store whose first argument names the key (`config.get("K", ...)`)."""
    func = call.func
    if not (isinstance(func, cst.Attribute) and config_holder(func.value) and call.args) or call.args[0].keyword or call.args[0].star:
        return None
    return None if _ini_parser(func.value, resolver) else _key(call.args[0].value)


def _ini_parser(receiver: cst.BaseExpression, resolver: Resolver) -> bool:
    """The receiver is a configparser object: the module's name for one, or a local bound once to one."""
    if (resolver.qualified_name(receiver) or "").startswith(_CONFIGPARSER):
        return True
    if not isinstance(receiver, cst.Name):
        return False
    bindings = resolver.lookup(receiver.value) or []
    values = [binding.value for binding in bindings if binding.kind == "value"]
    return len(bindings) == 1 and len(values) == 1 and isinstance(values[0], cst.Call) \
        and (resolver.qualified_name(values[0].func) or "").startswith(_CONFIGPARSER)


def _key(node: cst.BaseExpression) -> Optional[str]:
    """A configuration key by the convention every framework shares, one word too: upper case (`INFLUXDB`)."""
    key = string_text(node)
    return key if key and key.isidentifier() and key.isupper() else None


def store_read(node: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """K of a read of the store by its key, with no default or one (`config.get("K", "No")`)."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"):
        return None
    positional = [arg for arg in node.args if arg.keyword is None]
    return store_key(node, resolver) if len(positional) == len(node.args) and 1 <= len(positional) <= 2 else None


def said_words(node: cst.CSTNode, resolver: Resolver) -> List[str]:
    """SAYS_KEY tags of a call handing a store a key and a value, or of a dict's entries by such keys (`{"INFLUXDB":
    "Yes"}`, which may fill a store) (module docstring)."""
    if isinstance(node, cst.Dict):
        return [tag for element in node.elements if isinstance(element, cst.DictElement)
                for key in [_key(element.key)] if key for tag in _said(key, element.value)]
    key = store_key(node, resolver) if isinstance(node, cst.Call) else None
    if key is None or len(node.args) < 2 or node.args[1].keyword or node.args[1].star:  # type: ignore[union-attr]
        return []
    return _said(key, node.args[1].value)  # type: ignore[union-attr]


def constant_words(node: cst.Assign) -> List[str]:
    """`says-key:K=*` of a module-level assignment to a name spelt like a key (`INFLUXDB = os.environ.get(...)`): a
    loader may copy the module's constants into the store (Flask's `from_object`), so the key may hold any word."""
    return [f"{SAYS_KEY}{target.target.value}={ANY_WORD}" for target in node.targets
            if isinstance(target.target, cst.Name) and target.target.value.isupper()]


def _said(key: str, value: cst.BaseExpression) -> List[str]:
    word = string_text(value)
    if word == "" or isinstance(value, cst.Name) and value.value == "None":
        return []  # a blank to fill in
    return [f"{SAYS_KEY}{key}={word if word is not None else ANY_WORD}"]
