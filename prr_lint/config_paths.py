"""Values read from a parsed configuration file by a literal key path (`config["bettercap"]["hostname"]`,
`cfg.get("redis", {}).get("host")`): the file half of project/config_paths.py.

A service often parses a configuration file it ships (`toml.load`, `json.load`, a `configparser` parser reading an INI
file) into a mapping and reads its sections by literal keys (`parser.get("bitcoin-rpc", "host")` for an INI parser). Such a read is a configuration key named by its path (`bettercap.hostname`), tied to where the
mapping comes from: a call of a function (`config = utils.load_config(args)`: `from:<function>`), a parser called right
here (`cfg = tomllib.load(fp)`: `from:` the function or module doing it), or a parameter of the function
(`param:<function>/<name>@<position>`, its position among what a call passes), which the project's calls of the function
decide. The key is `config-path:<tie>#<a.b>`; a mapping handed on whole (`Agent(config=config)`) has the empty path.
The project phase looks the path up in the files the tied function loads. A mapping tied to nothing stays unknown.
"""

from __future__ import annotations

from typing import List, Optional, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import literal_value

CONFIG_PATH = "config-path:"
FROM, PARAM, PATH = "from:", "param:", "#"
# Parsers of a configuration file's text into a plain mapping, by the file's format.
PARSERS = {
    "toml": frozenset({"toml.load", "toml.loads", "tomllib.load", "tomllib.loads", "tomli.load", "tomli.loads"}),
    "json": frozenset({"json.load", "json.loads"}),
    "ini": frozenset({"configparser.ConfigParser", "configparser.RawConfigParser", "configparser.SafeConfigParser"}),
}
_ALL_PARSERS = frozenset(name for names in PARSERS.values() for name in names)
# Of those, the parsers that read a file (not a text handed to them, such as a request's body): a loader calling one
# that names no file the project ships reads the file an installation makes from the shipped ones (project/config_paths.py).
FILE_PARSERS = frozenset({"toml.load", "tomllib.load", "tomli.load", "json.load"}) | PARSERS["ini"]
# Characters a key of a path may not hold: they separate a call's argument codes, a path's keys or a key's parts.
_RESERVED = frozenset(",=#.|/@: \t\n")
_MAX_HOPS = 6


def _key(node: cst.BaseExpression) -> Optional[str]:
    text = literal_value(node) if isinstance(node, cst.SimpleString) else None
    return text if isinstance(text, str) and text and not _RESERVED.intersection(text) else None


def _blank(node: Optional[cst.BaseExpression]) -> bool:
    """No default, `None`, `""`, `{}` or `dict()`: a missing section or key gives no address of its own."""
    if node is None or isinstance(node, cst.Name) and node.value == "None":
        return True
    if isinstance(node, cst.Dict):
        return not node.elements
    if isinstance(node, cst.Call):
        return isinstance(node.func, cst.Name) and node.func.value == "dict" and not node.args
    return isinstance(node, cst.SimpleString) and literal_value(node) == ""


def key_path(node: cst.BaseExpression) -> Optional[Tuple[cst.BaseExpression, Tuple[str, ...]]]:
    """(the mapping, its literal keys) of `m["a"]["b"]`, `m.get("a", {}).get("b")` and mixes, two keys or more."""
    keys: List[str] = []
    while True:
        if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            key, node = _key(node.slice[0].slice.value), node.value
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" \
                and 1 <= len(node.args) <= 2 and not any(arg.keyword or arg.star for arg in node.args) \
                and _blank(node.args[1].value if len(node.args) == 2 else None):
            key, node = _key(node.args[0].value), node.func.value
        else:
            break
        if key is None:
            return None
        keys.insert(0, key)
    return (node, tuple(keys)) if len(keys) >= 2 else None


def ini_option(node: cst.BaseExpression, resolver: Resolver, scope: Scope) -> Optional[Tuple[cst.BaseExpression, Tuple[str, ...]]]:
    """(the parser, (section, option)) of `parser.get("section", "option")` on a name or `self.<attribute>` bound only
    to a `configparser` parser: two literal words and nothing else (a `fallback=` may give another value). A mapping's
    `get(key, default)` has the same shape: only the parser's constructor tells them apart."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"
            and len(node.args) == 2 and not any(arg.keyword or arg.star for arg in node.args)):
        return None
    words = tuple(_key(arg.value) for arg in node.args)
    reader = node.func.value
    if None in words or not isinstance(reader, (cst.Name, cst.Attribute)):
        return None
    bindings = resolver.held_bindings(reader, scope) if isinstance(reader, cst.Attribute) else resolver.lookup(reader.value, scope) or []
    built = bool(bindings) and all(binding.kind == "value" and isinstance(binding.value, cst.Call)
                                   and resolver.qualified_name(binding.value.func, binding.scope) in PARSERS["ini"] for binding in bindings)
    return (reader, (words[0], words[1].lower())) if built else None  # type: ignore[union-attr]  # configparser folds an option's case


def path_key(node: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> Optional[str]:
    """`config-path:<tie>#<path>` of a key path read from a tied mapping (or an INI parser's option), or of a tied
    mapping itself (empty path: a name bound only to a loader's result); None otherwise."""
    read = key_path(node) or ini_option(node, resolver, scope or resolver.scope)
    mapping, keys = read if read is not None else (node, ())
    if not keys and not isinstance(mapping, cst.Name):
        return None
    tie = mapping_tie(mapping, resolver, scope or resolver.scope, 0, bool(keys))
    return f"{CONFIG_PATH}{tie}{PATH}{'.'.join(keys)}" if tie is not None else None


def mapping_tie(value: cst.BaseExpression, resolver: Resolver, scope: Scope, hops: int, parameters: bool = True) -> Optional[str]:
    """Where a mapping comes from (module docstring): every binding of a name (or of `self.<attribute>`) agreeing;
    a parameter only when `parameters` (a parameter handed on whole is the caller's own value, rules/param_guards.py)."""
    if hops > _MAX_HOPS:
        return None
    if isinstance(value, cst.Call):
        called = resolver.qualified_name(value.func, scope)
        if called in _ALL_PARSERS:
            return FROM + scope.qualname
        return FROM + called if called and not called.startswith("builtins.") else None
    if not isinstance(value, (cst.Name, cst.Attribute)):
        return None
    bindings = resolver.held_bindings(value, scope) if isinstance(value, cst.Attribute) else resolver.lookup(value.value, scope) or []
    ties = set()
    for binding in bindings:
        if binding.kind == "param" and isinstance(value, cst.Name) and parameters and binding.scope is not None:
            ties.add(_parameter(value.value, binding.scope))
        elif binding.kind in ("value", "alias") and binding.value is not None and binding.scope is not None:
            ties.add(mapping_tie(binding.value, resolver, binding.scope, hops + 1))
        else:
            return None
    return ties.pop() if len(ties) == 1 and None not in ties else None


def _parameter(name: str, scope: Scope) -> Optional[str]:
    """`param:<function>/<name>@<position>`, the position among what a call passes (a method's first one not counted)."""
    position = scope.parameters.get(name)
    if position is None or scope.kind != "function":
        return None
    first = next((param for param, at in scope.parameters.items() if at == 0), None)
    method = first is not None and (first == scope.self_name or any(b.kind == "class" for b in scope.bindings.get(first, ())))
    if method and position > 0:
        position -= 1
    elif method and position == 0:
        return None
    return f"{PARAM}{scope.qualname}/{name}@{position}"
