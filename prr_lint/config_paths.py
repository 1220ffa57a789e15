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
(`Agent(config=config)`) has the empty path. One key read from a tied mapping (`item_key`) is a path too, a module
global kept through the module's own object (`this = sys.modules[__name__]`, `this.scanner = json.load(handle)`) a
mapping like any other. The project phase looks the path up in the files the tied function loads.
A mapping tied to nothing stays unknown.
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, Iterator, List, Optional, Set, Tuple
from weakref import WeakKeyDictionary

import libcst as cst

from prr_lint.environment_reads import names_environment
from prr_lint.per_resolver import remembered
from prr_lint.resolve import Resolver
from prr_lint.scopes import Binding, Scope
from prr_lint.stored_items import stored_values
from prr_lint.tree import children, descendants, dotted_name, literal_value, statements_within

CONFIG_PATH = "config-path:"
FROM, PARAM, PATH = "from:", "param:", "#"
PARSER = "parser:"  # before a tie: an INI parser handed on whole, or a parameter's option read its callers must pass one to
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
_SWITCH_RESERVED = _RESERVED - {" "}  # a switch's key is no argument code (switch_path)
_MAX_HOPS = 6
_FILLS = frozenset({"update", "setdefault"})  # the methods that put items into a mapping in place
_filled: "WeakKeyDictionary[Resolver, Dict[str, Optional[str]]]" = WeakKeyDictionary()


def _key(node: cst.BaseExpression, reserved: FrozenSet[str] = _RESERVED) -> Optional[str]:
    text = literal_value(node) if isinstance(node, cst.SimpleString) else None
    return text if isinstance(text, str) and text and not reserved.intersection(text) else None


def _blank(node: Optional[cst.BaseExpression]) -> bool:
    """No default, `None`, `""`, `{}` or `dict()`: a missing section or key gives no address of its own."""
    if node is None or isinstance(node, cst.Name) and node.value == "None":
        return True
    if isinstance(node, cst.Dict):
        return not node.elements
    if isinstance(node, cst.Call):
        return isinstance(node.func, cst.Name) and node.func.value == "dict" and not node.args
    return isinstance(node, cst.SimpleString) and literal_value(node) == ""


def _false(node: Optional[cst.BaseExpression]) -> bool:
    """A blank default (`_blank`), `False` or `0`: a switch read with it is off while the file leaves the key out."""
    return _blank(node) or isinstance(node, cst.Name) and node.value == "False" or isinstance(node, cst.Integer) and node.evaluated_value == 0


def _read_keys(node: cst.BaseExpression, last: Callable[[Optional[cst.BaseExpression]], bool] = _blank,
               reserved: FrozenSet[str] = _RESERVED) -> Optional[Tuple[cst.BaseExpression, Tuple[str, ...]]]:
    """(the mapping, its literal keys, maybe none) of `m["a"]["b"]`, `m.get("a", {}).get("b")` and mixes; the outermost
    `.get`'s default as `last` allows, every other one blank."""
    keys: List[str] = []
    while True:
        allowed = last if not keys else _blank
        if isinstance(node, cst.Subscript) and len(node.slice) == 1 and isinstance(node.slice[0].slice, cst.Index):
            key, node = _key(node.slice[0].slice.value, reserved), node.value
        elif isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get" \
                and 1 <= len(node.args) <= 2 and not any(arg.keyword or arg.star for arg in node.args) \
                and allowed(node.args[1].value if len(node.args) == 2 else None):
            key, node = _key(node.args[0].value, reserved), node.func.value
        else:
            break
        if key is None:
            return None
        keys.insert(0, key)
    return node, tuple(keys)


def key_path(node: cst.BaseExpression) -> Optional[Tuple[cst.BaseExpression, Tuple[str, ...]]]:
    """(the mapping, its literal keys) of `m["a"]["b"]`, `m.get("a", {}).get("b")` and mixes, two keys or more."""
    read = _read_keys(node)
    return read if read is not None and len(read[1]) >= 2 else None


def literal_keys(node: cst.BaseExpression) -> Optional[Tuple[cst.BaseExpression, Tuple[str, ...]]]:
    """(the mapping, its literal keys, maybe none) of `m["a"]["b"]`, `m.get("a", {}).get("b")` and mixes, every
    `.get`'s default blank."""
    return _read_keys(node)


def switch_path(term: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """`config-path:<tie>#<path>` of a guard's term reading a tied mapping by a literal key path, one key or more, whose
    default leaves the branch off while the loaded file leaves the path out (`cfg.get("local_avatar", False)`,
    `config.get("jobs", {}).get("cleanup")`): a switch the shipped files decide (project/config_paths.py `off`). A
    key may hold spaces here (`daconfig.get("pandoc with celery", False)`): no argument code is made of it."""
    read = _read_keys(term, _false, _SWITCH_RESERVED) if isinstance(term, (cst.Call, cst.Subscript)) else None
    if read is None or not read[1] or not isinstance(read[0], (cst.Name, cst.Attribute)):
        return None
    tie = mapping_tie(read[0], resolver, resolver.scope, 0)
    return f"{CONFIG_PATH}{tie}{PATH}{'.'.join(read[1])}" if tie is not None else None


def ini_option(node: cst.BaseExpression, resolver: Resolver, scope: Scope,
               method: str = "get") -> Optional[Tuple[cst.BaseExpression, Tuple[str, ...]]]:
    """(the parser, (section, option)) of `parser.get("section", "option")` (or another `method` of the parser) on a
    name or `self.<attribute>` bound only to a `configparser` parser: two literal words and nothing else (a `fallback=`
    may give another value). A mapping's `get(key, default)` has the same shape: only the parser's constructor tells
    them apart."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == method
            and len(node.args) == 2 and not any(arg.keyword or arg.star for arg in node.args)):
        return None
    words = tuple(_key(arg.value) for arg in node.args)
    reader = node.func.value
    if None in words or not isinstance(reader, (cst.Name, cst.Attribute)) or not _ini_parser(reader, resolver, scope):
        return None
    return reader, (words[0], words[1].lower())  # type: ignore[union-attr]  # configparser folds an option's case


def boolean_option(node: cst.BaseExpression, resolver: Resolver) -> Optional[str]:
    """`config-path:<tie>#<section>.<option>` of `parser.getboolean("section", "option")` (`ini_option`): the value is the
    shipped file's word as a boolean, so a copy of it (`USE_RECAPTCHA = config.getboolean(...)` in Django's settings) is
    a switch the files decide (project/config_paths.py `off`). Not `get`: its string is true even when it spells `False`."""
    read = ini_option(node, resolver, resolver.scope, "getboolean")
    tie = mapping_tie(read[0], resolver, resolver.scope, 0) if read is not None else None
    return f"{CONFIG_PATH}{tie}{PATH}{'.'.join(read[1])}" if read is not None and tie is not None else None


def _ini_parser(reader: cst.BaseExpression, resolver: Resolver, scope: Scope) -> bool:
    """A name or `self.<attribute>` bound only to a `configparser` parser (`cfg = configparser.ConfigParser()`)."""
    bindings = resolver.held_bindings(reader, scope) if isinstance(reader, cst.Attribute) else \
        resolver.lookup(reader.value, scope) or [] if isinstance(reader, cst.Name) else []
    return bool(bindings) and all(binding.kind == "value" and isinstance(binding.value, cst.Call)
                                  and resolver.qualified_name(binding.value.func, binding.scope) in PARSERS["ini"] for binding in bindings)


def parser_option(node: cst.BaseExpression, resolver: Resolver, scope: Scope) -> Optional[str]:
    """`config-path:parser:param:<function>/<name>@<position>#<section>.<option>` of `cfg.get("section", "option")` on a
    parameter (`Geo_helper.__init__(self, serv_redis_db, cfg)`): an INI option only if every mapping the project's calls
    pass is an INI parser's, which the project phase asks (project/config_paths.py); a mapping's `get(key, default)`
    otherwise. Asked last: a read another way tells apart (`config_read`, `path_key`) is that read."""
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "get"
            and isinstance(node.func.value, cst.Name) and len(node.args) == 2 and not any(arg.keyword or arg.star for arg in node.args)):
        return None
    words = [_key(arg.value) for arg in node.args]
    bindings = resolver.lookup(node.func.value.value, scope) or []
    if None in words or len(bindings) != 1 or bindings[0].kind != "param" or bindings[0].scope is None:
        return None
    tie = _parameter(node.func.value.value, bindings[0].scope)
    return f"{CONFIG_PATH}{PARSER}{tie}{PATH}{words[0]}.{words[1].lower()}" if tie is not None else None  # type: ignore[union-attr]


def item_key(node: cst.BaseExpression, resolver: Resolver, scope: Scope) -> Optional[str]:
    """`config-path:<tie>#<key>` of one literal key read from a tied mapping (`this.scanner["api_url"]`,
    `conf.get("api_url")`) that the module never stores itself (`this.scanner["status"] = "READY"` is the code's
    value, not the file's); None otherwise. A key a configuration spells by its name (`conf["REDIS_HOST"]`) is read
    as that key first (socket_targets.py asks switch_keys.config_read before this)."""
    read = _read_keys(node)
    if read is None or len(read[1]) != 1 or not isinstance(read[0], (cst.Name, cst.Attribute)):
        return None
    spelled = dotted_name(read[0])
    if spelled is None or stored_values(resolver, (spelled, read[1][0])):
        return None
    tie = mapping_tie(read[0], resolver, scope, 0, False)
    return f"{CONFIG_PATH}{tie}{PATH}{read[1][0]}" if tie is not None else None


def path_key(node: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> Optional[str]:
    """`config-path:<tie>#<path>` of a key path read from a tied mapping (or an INI parser's option), or of a name
    bound once to such a read (`dashboard_url = config["dashboard"]["url"]`), or of a tied mapping itself (empty path:
    a name bound only to a loader's result; `config-path:parser:<tie>#` for an INI parser); None otherwise."""
    scope = scope or resolver.scope
    read = _section_read(node, resolver, scope) or ini_option(node, resolver, scope)
    bound = bound_once(node, resolver, scope) if read is None and isinstance(node, cst.Name) else None
    if bound is not None and (key_path(bound.value) or ini_option(bound.value, resolver, bound.scope)):  # type: ignore[arg-type]
        return path_key(bound.value, resolver, bound.scope)  # type: ignore[arg-type]
    mapping, keys = read if read is not None else (node, ())
    if not keys and not isinstance(mapping, cst.Name):
        return None
    tie = mapping_tie(mapping, resolver, scope, 0, bool(keys))
    parser = PARSER if not keys and _ini_parser(mapping, resolver, scope) else ""  # a parser handed on whole (parser_option)
    return f"{CONFIG_PATH}{parser}{tie}{PATH}{'.'.join(keys)}" if tie is not None else None


def bound_once(name: cst.Name, resolver: Resolver, scope: Scope) -> Optional[Binding]:
    """The one binding, to a value, of a name as `scope` reads it (`dashboard_url = config["dashboard"]["url"]`): the
    name holds that value wherever it is read, so a read passed by the name is the read itself (rules/param_guards.py)."""
    bindings = resolver.lookup(name.value, scope) or []
    bound = bindings[0] if len(bindings) == 1 and bindings[0].kind == "value" else None
    return bound if bound is not None and bound.value is not None and bound.scope is not None else None


def _section_read(node: cst.BaseExpression, resolver: Resolver, scope: Scope) -> Optional[Tuple[cst.BaseExpression, Tuple[str, ...]]]:
    """`key_path`, also through a local name bound once to a section read (`conf = raw.get("pycsw", {})`, then
    `conf.get("url", self.url)`: `pycsw.url`), the outermost default also the attribute the read refills
    (`_refills`)."""
    read = _read_keys(node, lambda default: _blank(default) or _refills(default, node, resolver, scope))
    if read is None or not isinstance(read[0], cst.Name):
        return read if read is not None and len(read[1]) >= 2 else None
    bindings = resolver.lookup(read[0].value, scope) or []
    bound = bindings[0] if len(bindings) == 1 and bindings[0].kind == "value" and bindings[0].scope is scope else None
    section = _read_keys(bound.value) if bound is not None and bound.value is not None else None
    if section is not None and section[1]:
        read = section[0], section[1] + read[1]
    return read if len(read[1]) >= 2 else None


def _refills(default: Optional[cst.BaseExpression], read: cst.BaseExpression, resolver: Resolver, scope: Scope) -> bool:
    """`self.url` as the default of the read `self.url = conf.get("url", self.url)`: every binding of the attribute in
    its class is blank or that very read, so a file that leaves the key out leaves no address."""
    if not (isinstance(default, cst.Attribute) and isinstance(default.value, cst.Name) and default.value.value == scope.self_name):
        return False
    bindings = resolver.held_bindings(default, scope)
    return bool(bindings) and all(binding.value is read or _blank(binding.value) for binding in bindings)


@remembered  # every binding of every binding, hop after hop: exponential unremembered (per_resolver.py)
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
    if isinstance(value, cst.Attribute) and not bindings and _own_module(value.value, resolver, scope):
        return _module_attribute_tie(value, resolver, hops)
    ties = set()
    for binding in bindings:
        if isinstance(value, cst.Attribute) and binding.kind == "value" and _blank(binding.value):
            continue  # `self.raw = {}` in `__init__`, filled by the loader: a placeholder gives no item
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
        if len(ties) > 1 or None in ties:
            return None  # the bindings disagree already
    return ties.pop() if len(ties) == 1 else None


def _own_module(node: cst.BaseExpression, resolver: Resolver, scope: Scope) -> bool:
    """A name bound once, at the module's top level, to the module itself (`this = sys.modules[__name__]`): its
    attributes are the module's globals, set from any function (`this.scanner = json.load(handle)`)."""
    bindings = (resolver.lookup(node.value, scope) or []) if isinstance(node, cst.Name) else []
    value = bindings[0].value if len(bindings) == 1 and bindings[0].kind == "value" and bindings[0].scope is resolver.module_scope else None
    return isinstance(value, cst.Subscript) and len(value.slice) == 1 and isinstance(value.slice[0].slice, cst.Index) \
        and isinstance(value.slice[0].slice.value, cst.Name) and value.slice[0].slice.value.value == "__name__" \
        and resolver.qualified_name(value.value, resolver.module_scope) == "sys.modules"


def _module_attribute_tie(value: cst.Attribute, resolver: Resolver, hops: int) -> Optional[str]:
    """The tie of a module global set through the module's own object: every value the module gives it as a whole
    agreeing, an empty one aside (`this.scanner = {}` before the loader runs holds no key, so no address)."""
    ties = {mapping_tie(whole, resolver, scope, hops + 1) for whole, scope in stored_values(resolver, (dotted_name(value) or "", None))
            if not _blank(whole)}
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


def instance_ties(resolver: Resolver) -> Dict[str, str]:
    """The module's top-level names bound once to an instance of a class of its own that loads a configuration file and
    reads it by key (`cfg = Config()`, its `get_config` calling `yaml.safe_load`, its `get(key, default)` looking the key
    up): name -> `from:<the class>`, its methods the loaders (project/config_paths.py). Only a class whose `get` hands its
    key to nothing but builtins and string methods: one that asks the environment, or anything else, by the key may give
    the key a value no file shows."""
    found: Dict[str, str] = {}
    for name, bindings in resolver.module_scope.bindings.items():
        value = bindings[0].value if len(bindings) == 1 and bindings[0].kind == "value" else None
        made = value.func.value if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) else None
        classes = resolver.module_scope.bindings.get(made or "", [])
        node = classes[0].node if len(classes) == 1 and classes[0].kind == "class" else None
        if isinstance(node, cst.ClassDef) and _loads_by_key(node, resolver):
            found[name] = FROM + resolver.scope_for(node, resolver.module_scope).qualname
    return found


def _loads_by_key(cls: cst.ClassDef, resolver: Resolver) -> bool:
    """One of the class's methods calls a parser of a file, and its `get` keeps its key to itself (`instance_ties`)."""
    body = cls.body.body if isinstance(cls.body, cst.IndentedBlock) else ()
    methods = {statement.name.value: statement for statement in body if isinstance(statement, cst.FunctionDef)}
    scope = resolver.scope_for(cls, resolver.module_scope)
    parses = any(isinstance(node, cst.Call) and resolver.qualified_name(node.func, resolver.scope_for(method, scope)) in FILE_PARSERS
                 for method in methods.values() for node in descendants(method, ()))
    getter = methods.get("get")
    params = getter.params.params if getter is not None else ()
    return parses and len(params) >= 2 and _keeps(getter, params[1].name.value, resolver, resolver.scope_for(getter, scope))  # type: ignore[arg-type]


def _keeps(method: cst.FunctionDef, key: str, resolver: Resolver, scope: Scope) -> bool:
    """No call in the method is handed the key, or a name bound from it, but a builtin or a string's own method
    (`key.split(".")`, `"{}".format(key)`)."""
    nodes = list(descendants(method.body, ()))
    derived = {key}
    for _ in range(3):  # `keys = key.split(".")`, `for k in keys:`
        for node in nodes:
            targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target] if isinstance(node, cst.For) else []
            source = node.value if isinstance(node, cst.Assign) else node.iter if isinstance(node, cst.For) else None
            if source is not None and _mentions(source, derived):
                derived |= {target.value for target in targets if isinstance(target, cst.Name)}
    for node in nodes:
        if not isinstance(node, cst.Call) or not any(_mentions(arg.value, derived) for arg in node.args):
            continue
        own = isinstance(node.func, cst.Attribute) and (isinstance(node.func.value, (cst.SimpleString, cst.FormattedString)) or _mentions(node.func.value, derived))
        if not own and not (resolver.qualified_name(node.func, scope) or "").startswith("builtins."):
            return False
    return True


def _mentions(node: cst.CSTNode, names: Set[str]) -> bool:
    """One of `names` is within `node`, other than as an index (`value[k]` is what the key finds, not the key)."""
    pending = [node]
    while pending:
        found = pending.pop()
        if isinstance(found, cst.Name) and found.value in names:
            return True
        pending += [child for child in children(found) if not isinstance(child, cst.SubscriptElement)]
    return False


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
