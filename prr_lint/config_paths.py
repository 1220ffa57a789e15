"""Values read from a parsed configuration file by a literal key path (`config["bettercap"]["hostname"]`,
`cfg.get("redis", {}).get("host")`): the file half of project/config_paths.py.

A service often parses a configuration file it ships (`toml.load`, `json.load`, `yaml.safe_load`, a `configparser`
parser reading an INI file) into a mapping and reads its sections by literal keys (`parser.get("bitcoin-rpc", "host")`
for an INI parser). Such a read is a configuration key named by its path (`bettercap.hostname`), tied to where the
mapping comes from: a call of a function (`config = utils.load_config(args)`: `from:<function>`), a parser called right
here (`cfg = tomllib.load(fp)`: `from:` the function or module doing it), the one function that fills a module-level
mapping in place (`config = {}`, then `config.update(loaded)` in `read_configuration`: `from:read_configuration`; another
module's such mapping is `from:<its qualified name>`, which the project phase follows to the tie its module records), or
a parameter of the function (`param:<function>/<name>@<position>`, its position among what a call passes), which the
project's calls of the function decide. The key is `config-path:<tie>#<a.b>`; a mapping handed on whole
(`Agent(config=config)`) has the empty path. The project phase looks the path up in the files the tied function loads.
A mapping tied to nothing stays unknown.
"""

from __future__ import annotations

from typing import Dict, Iterator, List, Optional, Set, Tuple
from weakref import WeakKeyDictionary

import libcst as cst

from prr_lint.environment_reads import names_environment
from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import literal_value, statements_within

CONFIG_PATH = "config-path:"
FROM, PARAM, PATH = "from:", "param:", "#"
# Parsers of a configuration file's text into a plain mapping, by the file's format.
PARSERS = {
    "toml": frozenset({"toml.load", "toml.loads", "tomllib.load", "tomllib.loads", "tomli.load", "tomli.loads"}),
    "json": frozenset({"json.load", "json.loads"}),
    "ini": frozenset({"configparser.ConfigParser", "configparser.RawConfigParser", "configparser.SafeConfigParser"}),
    "yaml": frozenset({"yaml.safe_load", "yaml.load", "yaml.full_load", "yaml.unsafe_load", "yaml.safe_load_all", "yaml.load_all",
                       "yaml.full_load_all", "ruamel.yaml.YAML.load", "ruamel.yaml.YAML.load_all"}),
}
_ALL_PARSERS = frozenset(name for names in PARSERS.values() for name in names)
_PARSER_WORDS = ("toml", "json", "yaml", "configparser")  # what a module calling one of them spells
# Of those, the parsers that read a file (not a text handed to them, such as a request's body): a loader calling one
# that names no file the project ships reads the file an installation makes from the shipped ones (project/config_paths.py).
# PyYAML's and ruamel's loaders take a stream or a text alike, with no second function for a text as json has
# (`json.loads`): a service's YAML is its configuration far more often than a body it was sent, so they count as readers.
FILE_PARSERS = frozenset({"toml.load", "tomllib.load", "tomli.load", "json.load"}) | PARSERS["ini"] | PARSERS["yaml"]
# Characters a key of a path may not hold: they separate a call's argument codes, a path's keys or a key's parts.
_RESERVED = frozenset(",=#.|/@: \t\n")
_MAX_HOPS = 6
_FILLS = frozenset({"update", "setdefault"})  # the methods that put items into a mapping in place
_filled: "WeakKeyDictionary[Resolver, Dict[str, Optional[str]]]" = WeakKeyDictionary()


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
    """`config-path:<tie>#<path>` of a key path read from a tied mapping (or an INI parser's option), or of a name
    bound once to such a read (`dashboard_url = config["dashboard"]["url"]`), or of a tied mapping itself (empty path:
    a name bound only to a loader's result); None otherwise."""
    scope = scope or resolver.scope
    read = key_path(node) or ini_option(node, resolver, scope)
    if read is None and isinstance(node, cst.Name):
        bindings = resolver.lookup(node.value, scope) or []
        bound = bindings[0] if len(bindings) == 1 and bindings[0].kind == "value" else None
        if bound is not None and bound.value is not None and bound.scope is not None \
                and (key_path(bound.value) or ini_option(bound.value, resolver, bound.scope)):
            return path_key(bound.value, resolver, bound.scope)
    mapping, keys = read if read is not None else (node, ())
    if not keys and not isinstance(mapping, cst.Name):
        return None
    tie = mapping_tie(mapping, resolver, scope, 0, bool(keys))
    return f"{CONFIG_PATH}{tie}{PATH}{'.'.join(keys)}" if tie is not None else None


def mapping_tie(value: cst.BaseExpression, resolver: Resolver, scope: Scope, hops: int, parameters: bool = True) -> Optional[str]:
    """Where a mapping comes from (module docstring): every binding of a name (or of `self.<attribute>`) agreeing;
    a parameter or another module's mapping only when `parameters` (a parameter handed on whole is the caller's own
    value, rules/param_guards.py)."""
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
        elif binding.kind == "value" and binding.scope is resolver.module_scope and isinstance(value, cst.Name) \
                and _blank(binding.value):
            ties.add(filled_mappings(resolver).get(value.value))
        elif binding.kind in ("value", "alias") and binding.value is not None and binding.scope is not None:
            ties.add(mapping_tie(binding.value, resolver, binding.scope, hops + 1))
        elif binding.kind == "import" and binding.target and isinstance(value, cst.Name) and parameters:
            ties.add(FROM + binding.target)  # another module's mapping: the project phase reads its tie (ModuleSummary.mapping_ties)
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


def filled_mappings(resolver: Resolver) -> Dict[str, Optional[str]]:
    """The module's top-level mappings bound once to a blank one (`config = {}`) and filled in place by a single
    function (`config.clear(); config.update(new_config)`, `config[key] = value`): name -> `from:<that function>`, a
    loader as a call of it would be; None when the module's own top level or another function fills it too, or a
    fill puts in what the environment gives (`config["redis"] = os.environ["REDIS_URL"]`). A fill another module makes
    is not seen."""
    found = _filled.get(resolver)
    if found is None:
        parses = resolver.source is None or any(word in resolver.source for word in _PARSER_WORDS)  # a filler parses itself
        blank = {name for name, bindings in resolver.module_scope.bindings.items() if parses
                 and len(bindings) == 1 and bindings[0].kind == "value" and bindings[0].value is not None and _blank(bindings[0].value)
                 and not isinstance(bindings[0].value, (cst.Name, cst.SimpleString))}
        fillers: Dict[str, Set[Optional[str]]] = {}
        for scope, name, values in _fills(resolver, resolver.module, resolver.module_scope, blank):
            environment = any(names_environment(value, resolver, scope) for value in values)
            fillers.setdefault(name, set()).add(None if environment or scope.kind != "function" else scope.qualname)
        found = _filled[resolver] = {name: FROM + next(iter(by)) if len(by) == 1 and None not in by else None  # type: ignore[operator]
                                     for name, by in fillers.items()}
    return found


def _fills(resolver: Resolver, node: cst.CSTNode, scope: Scope, names: Set[str]) -> Iterator[Tuple[Scope, str, List[cst.BaseExpression]]]:
    """(scope, mapping, the values it puts in) of each statement under `node`, in `scope` and the definitions nested in
    it, that fills one of the module-level mappings `names` in place."""
    for statement in statements_within(node) if names else ():
        if isinstance(statement, (cst.FunctionDef, cst.ClassDef)):
            yield from _fills(resolver, statement, resolver.scope_for(statement, scope), names)
            continue
        if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call) \
                and isinstance(statement.value.func, cst.Attribute) and statement.value.func.attr.value in _FILLS:
            root, values = _root(statement.value.func.value), [arg.value for arg in statement.value.args]
        elif isinstance(statement, cst.Assign):
            root = next((_root(target.target) for target in statement.targets
                         if isinstance(target.target, cst.Subscript) and _root(target.target) in names), None)
            values = [statement.value]
        elif isinstance(statement, (cst.AugAssign, cst.AnnAssign)) and isinstance(statement.target, cst.Subscript) and statement.value:
            root, values = _root(statement.target), [statement.value]
        else:
            continue
        if root in names and resolver.lookup(root, scope) is resolver.module_scope.bindings.get(root):
            yield scope, root, values


def _root(node: cst.BaseExpression) -> Optional[str]:
    """The name `m["a"]["b"]` (or `m` itself) is an item of."""
    while isinstance(node, cst.Subscript):
        node = node.value
    return node.value if isinstance(node, cst.Name) else None
