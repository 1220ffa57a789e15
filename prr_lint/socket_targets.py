"""Where a client connects: a process of this host (a unix socket, a loopback address), or the network.

A client on a unix socket (`unix_socket_path=`, a `unix://` URL) talks to a server on the same
host: there is no network path to stall, and a dead server fails at once (ECONNREFUSED, EOF), so
PRR501 does not ask it for a `socket_timeout`. The URL is often a setting defined elsewhere
(`Redis.from_url(settings.BROKER_URL)`): a module-level assignment of a URL literal, or of a value
read from the environment, is kept as a tag of its module's summary, and the project phase
decides from every binding of the name (project/constant_targets.py).

A loopback address is a process of this host too (PRR501 asks nothing of a call to one). It is often
a constant of another module (`LOCAL_EMBED_SERVICE_URL = "localhost:9001"` in the config module,
`self.url = f"http://{LOCAL_EMBED_SERVICE_URL}/embedding"` in the client): a module name bound at
its top level only to loopback addresses is tagged, and a call whose URL's host is such an imported
constant names it as a subject (`loopback_through`) for the project phase to look up. The host may come through
a URL built by concatenation, `%`, `.format` or `.join` as well as an f-string (url_parts.py), through calls that
keep it (`str(url)`, `Request(url)`, `urljoin(base, "register")`, `host.strip()`), through an item a module stores in a mapping
(`self.settings.update({"host": host})`, then `self.settings["host"]`), and from a parameter defaulting to a
loopback address (`def __init__(self, name, redis_host="localhost")`, a value a loader fills from a configuration
file), which the project phase judges by the project's calls and the shipped files.

A server listening on a unix socket or a loopback address serves its own host only (`local_address`:
the address a gRPC server's `add_insecure_port` binds, PRR506).
"""

from __future__ import annotations

import warnings
from typing import Callable, FrozenSet, List, Optional, Tuple, Union

import libcst as cst

from prr_lint.config_getters import entry_key
from prr_lint.config_paths import item_key, parser_option, path_key
from prr_lint.environment_reads import environment_read
from prr_lint.last_binding import reaching_bindings
from prr_lint.loopback_hosts import ANY_ADDRESS, LOCAL_HOSTS, LOOPBACK_HOSTS, URL_PREFIXES, host_ended, host_of, loopback_address
from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.setting_paths import setting_path
from prr_lint.switch_keys import BLANK_OR, DJANGO_SETTING, LOOPBACK_READ, config_read, is_key, loopback_read
from prr_lint.stored_items import item_of, stored_values
from prr_lint.tree import call_argument, concatenated_value, descendants, fstring_template
from prr_lint.url_parts import format_fields, host_part, url_parts

# module tags: NAME is bound at the module's top level to a unix-socket URL / to another target
BINDS_LOCAL_SOCKET = "binds-local-socket:"
BINDS_OTHER_TARGET = "binds-other-target:"
BINDS_LOOPBACK = "binds-loopback:"  # NAME: every top-level binding of it is a loopback address
# NAME=A,B: every top-level binding of it is a loopback address if each of A, B (other modules' constants, configuration
# keys: `REDIS_URL = env("REDIS_URL", default="redis://127.0.0.1:6379/0")`) is (project/constant_targets.py).
BINDS_LOOPBACK_THROUGH = "binds-loopback-through:"
# Subject of a PRR501 finding whose URL is loopback if this project constant (qualified name) is.
LOOPBACK_THROUGH = "loopback-through:"
# A loopback-through name that is a configuration key (`config-key:MODEL_HOST`), not a module constant.
CONFIG_KEY = "config-key:"
# Pending condition of a PRR501 redis finding whose URL is a name bound in another module.
UNLESS_LOCAL_SOCKET = "unless-local-socket"
# A loopback-through configuration key that is a function's parameter (`config-key:parameter:<function>/<name>@<position>`).
PARAMETER = "parameter:"
REQUIRED = "!"  # after the position: the parameter has no default, only its callers give it a value
# A loopback-through name that is a project function's result (`result:<function>|<position>=<name>;<name>|...`): loopback
# when each parameter whose host the function's URL takes (returned_hosts.py) is given, by this call, a value loopback
# through the names listed at its position (project/constant_targets.py).
RESULT = "result:"
_RESULT_SEPARATORS = ("|", ";", ",")
# Calls whose result is their one argument's text (`str(settings.redis_url)`), or a request for their URL argument.
_SAME_VALUE = frozenset({"builtins.str", "str"})
_REQUEST_OBJECTS = frozenset({"urllib.request.Request"})
# `urljoin(base, url)`: the base's host, when `url` is a relative reference (`_relative_reference`).
_URL_JOINS = frozenset({"urllib.parse.urljoin", "urlparse.urljoin", "requests.compat.urljoin"})
# String methods that keep a host: case folds, and strips of punctuation (`.strip("[']")`).
_SAME_HOST = frozenset({"strip", "lstrip", "rstrip", "lower", "casefold"})


def literal(value: cst.BaseExpression) -> Optional[str]:
    """The text of a string literal (implicit concatenation included) that may name a target: one
    with a scheme. Others are not evaluated (evaluating `"\\d"` warns), and come back as ""."""
    if not isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        return None
    raw = [part.value for part in descendants(value, stop_at=()) if isinstance(part, cst.SimpleString)]
    raw += [value.value] if isinstance(value, cst.SimpleString) else []
    if not any(":/" in part for part in raw):
        return ""
    text = _quiet_value(value)
    return text if isinstance(text, str) else None


def _quiet_value(value: cst.BaseExpression) -> Union[str, bytes, None]:
    """`concatenated_value`, without the warnings evaluating the linted code's literals may raise (an invalid escape):
    they are not for our stderr."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return concatenated_value(value)


# redis-py's connection classes over a unix socket (sync and asyncio): a server on this host, wherever the path points.
UNIX_CONNECTIONS = frozenset({"redis.UnixDomainSocketConnection", "redis.connection.UnixDomainSocketConnection",
                              "redis.asyncio.UnixDomainSocketConnection", "redis.asyncio.connection.UnixDomainSocketConnection"})


def is_unix_url(text: str) -> bool:
    return text.lower().startswith(("unix://", "unix:/"))


def target_marks(node: cst.Assign, resolver: Resolver) -> List[str]:
    """`BROKER_URL = "unix:///var/run/redis/redis.sock"` at a module's top level: the name holds a
    local socket; a URL literal of another scheme, or a value read from the environment (which a
    deployment may point anywhere), binds it to another target. A name every binding of which is a loopback address
    (`BINDS_LOOPBACK`), or is one through other constants or configuration keys (`BINDS_LOOPBACK_THROUGH`: a read
    defaulting to one, `env("REDIS_URL", default="redis://127.0.0.1:6379/0")`), is looked up by those."""
    if resolver.scope.kind != "module" or len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
        return []
    name = node.targets[0].target.value
    bindings = resolver.lookup(name) or []
    through = [loopback_through(b.value, resolver) if b.kind == "value" and b.value is not None else None for b in bindings]
    if bindings and all(each == () for each in through):
        return [BINDS_LOOPBACK + name]
    if bindings and all(each is not None for each in through):  # loopback as the names it is loopback through are
        return [f"{BINDS_LOOPBACK_THROUGH}{name}={','.join(dict.fromkeys(found for each in through for found in each or ()))}"]
    text = literal(node.value)
    if text is not None:
        if is_unix_url(text):
            return [BINDS_LOCAL_SOCKET + name]
        return [BINDS_OTHER_TARGET + name] if "://" in text else []
    reads = any(environment_read(inner, resolver) for inner in (node.value, *descendants(node.value)))
    return [BINDS_OTHER_TARGET + name] if reads else []


_LOOPBACK = (*LOOPBACK_HOSTS, *URL_PREFIXES)
_SPELLED = (*LOOPBACK_HOSTS, ANY_ADDRESS)  # what a literal must hold to be worth evaluating


def bound_only_to(name: cst.Name, resolver: Resolver, accepts: Callable[[cst.BaseExpression], bool]) -> bool:
    """A local name with bindings, every one of which assigns a value `accepts` takes."""
    bindings = resolver.lookup(name.value) or []
    return bool(bindings) and all(b.kind == "value" and b.value is not None and accepts(b.value) for b in bindings)


def loopback(value: cst.BaseExpression, resolver: Optional[Resolver] = None) -> bool:
    """A string that starts with a loopback address: a literal, a concatenation or f-string that
    starts with one, or (with a resolver) a local name only ever bound to such a string."""
    while isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        value, resolver = value.left, None  # the first term (a loop: `a + b + ...` nests once per term), never a name
    if isinstance(value, cst.SimpleString):
        if not any(host in value.value for host in _SPELLED):
            return False
        text = _quiet_value(value)
        return isinstance(text, str) and text.startswith(_LOOPBACK)
    if isinstance(value, cst.FormattedString):
        first = value.parts[0] if value.parts else None
        return isinstance(first, cst.FormattedStringText) and first.value.startswith(_LOOPBACK)
    if isinstance(value, cst.Name) and resolver is not None:
        return bound_only_to(value, resolver, loopback)
    return False


_HOLE = "\x00"  # what the rendering puts where a value is not a literal


def text_of(node: cst.BaseExpression) -> Optional[str]:
    """The text of a plain string literal."""
    value = node.evaluated_value if isinstance(node, cst.SimpleString) else None
    return value if isinstance(value, str) else None


def _rendered(node: cst.BaseExpression) -> Optional[str]:
    """The text of `"<template>".format(...)` or an f-string, literal arguments filled in, holes elsewhere."""
    if isinstance(node, cst.FormattedString):
        return fstring_template(node, _HOLE)
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format"):
        return None
    template = text_of(node.func.value) if isinstance(node.func.value, cst.SimpleString) else None
    fields = None if template is None else format_fields(node, template)
    if fields is None:
        return None
    pieces: List[str] = []
    for text, field, value in fields:
        pieces.append(text)
        if field is not None:
            literal = None if value is None else text_of(value)
            pieces.append(literal if literal is not None else _HOLE)
    return "".join(pieces)


def formatted_loopback(node: cst.BaseExpression, resolver: Resolver) -> bool:
    """A formatted URL whose host, after the scheme (which may be a hole), is a loopback literal."""
    if isinstance(node, cst.Name):
        return bound_only_to(node, resolver, lambda value: formatted_loopback(value, resolver))
    text = _rendered(node)
    return text is not None and "://" in text and host_of(text.partition("://")[2]) in LOCAL_HOSTS


def _closes_host(text: str) -> bool:
    """A separator follows the host in `text` (`127.0.0.1:11636`): what comes after it cannot lengthen the host."""
    rest = text.partition("://")[2] if "://" in text else text
    return host_ended(rest)


_MAX_HOPS = 8  # names, attributes, built URLs and calls followed before giving up


def loopback_through(value: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None,
                     hops: int = 0, closed: bool = True, seen: FrozenSet[str] = frozenset()) -> Optional[Tuple[str, ...]]:
    """Whether `value` (read in `scope`) is a loopback address: () when it is one here (a literal, a
    formatted URL with a loopback host, a local name or `self.<attribute>` bound only to such values);
    the qualified names of the other modules' constants it is one through, when it is if each of them
    is (an imported `EMBED_URL`, `config.EMBED_HOST`, the host field of `f"http://{EMBED_HOST}/x"`), and
    the configuration keys it is read from (`CONFIG_KEY`: `f"{CONFIG.get('MODEL_HOST')}:{port}"`, looked up
    in the shipped configuration, project/switches.py; `config-key:loopback-read:K` when the read defaults to a
    loopback address, `os.getenv("K", "localhost")`; `config-key:ini-setting:k.k` of a PasteDeploy app's `settings["k.k"]`,
    setting_keys.py); a list of loopback `(host, port)` addresses, or an item of one
    (`settings.ADDRESS[0]`), as every address of it is, and the host of an address split off its port
    (`address.split(":", 1)[0]`) as the address is; `A or B` as B is, with A loopback or blank (`_either`); a URL
    built from text and values (an f-string, `+`, `%`, `.format`, `.join`: url_parts.py) as its host is; a call that
    keeps its argument's host (`str(url)`, `Request(url)`, `host.strip()`: `kept_host`) as that argument is; a
    parameter as its default and its callers' values are (`parameter_through`); a mapping's item as the values the
    module stores under its key (`_stored_through`); an attribute spelled as a configuration key of an object the
    code does not type (`self.opt.TTS_SERVER`, a parsed command line handed around) as that key is (`CONFIG_KEY`: the
    project's values for it, an argparse option's default among them, and the shipped and launch files'); an item of a
    loaded configuration mapping by its key path (`cfg["redis"]["host"]`, an INI parser's `cfg.get("redis", "host")`, also
    on a parameter its callers pass a parser as: `CONFIG_KEY` and its `config-path:` key:
    the files its loader reads, config_paths.py); None when
    it is not known to be one. Not `closed`: another
    value follows it in a URL, so the value must end its host itself (url_parts.host_part). A name in `seen` is read
    again while its own bindings are (`server = server.replace(...)`): it adds no address of its own."""
    if hops > _MAX_HOPS:
        return None
    if isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        if isinstance(value, cst.SimpleString) and not any(host in value.value for host in _SPELLED):
            return None  # most module constants: not worth evaluating
        text = _quiet_value(value)
        return () if isinstance(text, str) and loopback_address(text) and (closed or _closes_host(text)) else None
    if isinstance(value, cst.FormattedString):
        first = value.parts[0] if value.parts else None
        if closed and (loopback(value) or formatted_loopback(value, resolver)) or isinstance(first, cst.FormattedStringText) \
                and loopback_address(first.value) and _closes_host(first.value):
            return ()
    parts = url_parts(value)
    if parts is not None:  # a URL built from text and values: as its host is
        host = host_part(parts, closed)
        if host is None or isinstance(host[0], str):
            return () if host is not None and host[1] and host[0] in LOCAL_HOSTS else None
        return loopback_through(host[0], resolver, scope, hops + 1, host[1], seen)
    if isinstance(value, cst.BooleanOperation) and isinstance(value.operator, cst.Or):
        return _either(value, resolver, scope, hops, closed)
    if isinstance(value, (cst.List, cst.Tuple)) and closed:
        return _items_through(value, resolver, scope, hops)
    if isinstance(value, cst.Subscript) and isinstance(_item_index(value), cst.Integer):
        split = _split_address(value)  # `address.split(":", 1)[0]`: the host of `127.0.0.1:6379`
        return loopback_through(split if split is not None else value.value, resolver, scope, hops + 1, closed, seen)
    if isinstance(value, cst.Call) or isinstance(value, cst.Subscript):
        path = path_key(value, resolver, scope) if closed else None
        if path is not None:  # a loaded configuration file's item by its key path (config_paths.py), before the last
            return (CONFIG_KEY + path,)  # key's name (`config["tasks"]["locking"]["url"]`: as param_guards reads it)
        key = config_read(value, resolver) if closed else None
        if key is not None:  # a configuration key, looked up in the project phase (its read's loopback default a value of it)
            return (CONFIG_KEY + (LOOPBACK_READ + key if loopback_read(value, resolver) else key),)
        item = item_key(value, resolver, scope or resolver.scope) if closed else None
        if item is not None:  # one key of a loaded configuration mapping (`this.scanner["api_url"]`), by its `config-path:`
            return (CONFIG_KEY + item,)
        setting = setting_path(value, resolver, scope) if closed else None
        if setting is not None:  # a Django setting's nested entry by its key path (`settings.RQ_QUEUES["default"]["HOST"]`)
            return (CONFIG_KEY + DJANGO_SETTING + setting,)
        kept = kept_host(value, resolver) if isinstance(value, cst.Call) else None
        if kept is not None:
            return loopback_through(kept, resolver, scope, hops + 1, closed, seen)
        if isinstance(value, cst.Subscript):
            return _stored_through(value, resolver, hops, closed, seen)
        if closed and formatted_loopback(value, resolver):
            return ()
        if not closed:
            return None
        entry = entry_key(value, resolver, scope or resolver.scope) if isinstance(value, cst.Call) else None
        if entry is None:  # an INI option read from a parameter its callers pass a parser as (`cfg.get("redis", "host")`)
            entry = parser_option(value, resolver, scope or resolver.scope)
        return _result_through(value, resolver, scope, hops, seen) or ((CONFIG_KEY + entry,) if entry else None)  # a getter's entry
    if not isinstance(value, (cst.Name, cst.Attribute)):
        return None
    bindings, last = (resolver.held_bindings(value, scope), False) if isinstance(value, cst.Attribute) else reaching_bindings(value, resolver, scope)
    variable = f"{bindings[0].scope.qualname}.{value.value}" if bindings and bindings[0].scope and isinstance(value, cst.Name) else ""
    if variable in seen:
        return ()  # read again while its own bindings are: the value it had before adds no address of its own
    if bindings and all(b.kind in ("value", "alias", "param") and (b.value is not None or b.kind == "param") for b in bindings):
        seen = seen | {variable} if variable and not last else seen  # the last binding's own read of it reads the others
        found: List[str] = []
        for b in bindings:  # each binding must be loopback: stop at the first that is not
            if b.kind == "param":
                each = parameter_through(value.value, b.scope, resolver, hops + 1, closed, seen) \
                    if b.scope is not None and isinstance(value, cst.Name) else None
            else:
                each = loopback_through(b.value, resolver, b.scope, hops + 1, closed, seen)  # type: ignore[arg-type]
            if each is None:
                return None
            found += [name for name in each if name not in found]
        return tuple(found)
    if closed and all(b.kind == "import" for b in bindings or ()):  # an imported name, or a module's attribute
        qualified = resolver.qualified_name(value, scope)
        if qualified is not None and "." in qualified and not qualified.startswith("builtins."):
            return (qualified,)  # a constant of another module, looked up in the project phase
        if isinstance(value, cst.Attribute) and not bindings and is_key(value.attr.value):
            return (CONFIG_KEY + value.attr.value,)  # `self.opt.TTS_SERVER`: a key by its name, wherever the object came from
    return None


def kept_host(call: cst.Call, resolver: Resolver) -> Optional[cst.BaseExpression]:
    """The value whose host a call's result has: `str(url)`, `urllib.request.Request(url, ...)`, `urljoin(base,
    "register")` (the base, joined to a relative reference), `host.strip("[']")`
    or `.lower()` (no letter or digit stripped), `server.replace("0.0.0.0:", "localhost:")` (what it puts in is a
    loopback address); None for any other call."""
    name = resolver.qualified_name(call.func)
    args = [arg for arg in call.args if not arg.star]
    if name in _SAME_VALUE and len(args) == 1 == len(call.args) and args[0].keyword is None:
        return args[0].value
    if name in _REQUEST_OBJECTS:
        return call_argument(call, 0, "url")
    if name in _URL_JOINS and len(args) == 2 == len(call.args) and not any(arg.keyword for arg in args):
        return args[0].value if _relative_reference(args[1].value) else None
    func = call.func
    if not isinstance(func, cst.Attribute) or len(args) != len(call.args) or any(arg.keyword for arg in args):
        return None
    texts = [text_of(arg.value) for arg in args]
    if func.attr.value in _SAME_HOST and all(text is not None and not any(c.isalnum() for c in text) for text in texts):
        return func.value
    if func.attr.value == "replace" and len(texts) == 2 and texts[1] and loopback_address(texts[1]):
        return func.value
    return None


def _relative_reference(node: cst.BaseExpression) -> bool:
    """A URL reference that keeps the base's host when joined to it (`"register"`, `f"users/{user}"`, `"/x"`): its
    first segment is written in the text and names no scheme (no `:`), and it does not start a host (`//`)."""
    parts: Optional[List[object]] = None
    if isinstance(node, (cst.SimpleString, cst.ConcatenatedString)):
        whole = _quiet_value(node)
        parts = [whole] if isinstance(whole, str) else None
    else:
        parts = url_parts(node)  # type: ignore[assignment]
    text = parts[0] if parts and isinstance(parts[0], str) else None
    if text is None or text.startswith("//"):
        return False
    end = next((at for at, char in enumerate(text) if char in "/?#"), None)
    if end is None and len(parts) > 1:  # type: ignore[arg-type]
        return False  # a value follows inside the first segment: it may write a scheme
    return ":" not in text[:end]


def _result_through(call: cst.Call, resolver: Resolver, scope: Optional[Scope], hops: int,
                    seen: FrozenSet[str]) -> Optional[Tuple[str, ...]]:
    """`make_url(scheme, host, port)` of a project function (`RESULT`): what each positional argument is loopback
    through, for the project phase to take the positions the function builds its URL's host from."""
    callee = resolver.qualified_name(call.func, scope)
    if not callee or "." not in callee or callee.startswith("builtins.") or any(arg.star for arg in call.args):
        return None
    given = []
    for position, arg in enumerate(call.args):
        each = loopback_through(arg.value, resolver, scope, hops + 1, True, seen) if arg.keyword is None else None
        if each is not None and not any(mark in name for name in each for mark in _RESULT_SEPARATORS):
            given.append(f"{position}={';'.join(each)}")
    return (f"{RESULT}{callee}|{'|'.join(given)}",) if given else None


def parameter_through(name: str, scope: Scope, resolver: Resolver, hops: int, closed: bool,
                      seen: FrozenSet[str]) -> Optional[Tuple[str, ...]]:
    """A function's parameter whose default is a loopback address (`def __init__(self, name, redis_host="localhost")`):
    a configuration value its callers may set, `config-key:parameter:<function>/<name>@<position>` (position among
    what a call passes, -1 keyword-only), with the constants its default is loopback through. The project phase
    keeps it loopback when every call the project makes leaves it so and no shipped file names it otherwise
    (project/switches.py). A parameter with no default, or a `None` one (`REQUIRED` after the position: `def jobs(host,
    port)`, `def __init__(self, host=None)`), is loopback only as its callers' values are: every caller is known and
    passes a loopback address. None with a default that is not loopback."""
    default = scope.defaults.get(name)
    position = scope.parameters.get(name)
    if position is None or scope.parent is None:
        return None
    if isinstance(default, cst.Name) and default.value == "None":
        default = None  # no address of its own: its callers' values decide, as with no default
    found = loopback_through(default, resolver, scope.parent, hops, closed, seen) if default is not None else ()
    if found is None:
        return None
    first = next((param for param, at in scope.parameters.items() if at == 0), None)
    method = first is not None and (first == scope.self_name or any(b.kind == "class" for b in scope.bindings.get(first, ())))
    if method and position >= 0:
        position -= 1
    required = REQUIRED if default is None else ""
    return (f"{CONFIG_KEY}{PARAMETER}{scope.qualname}/{name}@{position}{required}", *found)


def _stored_through(item: cst.Subscript, resolver: Resolver, hops: int, closed: bool, seen: FrozenSet[str]) -> Optional[Tuple[str, ...]]:
    """`self.settings["influx_host"]`: loopback as every value the module stores under that key is
    (stored_items.py), when the module never assigns the mapping as a whole but to an empty one."""
    stored = item_of(item)
    if stored is None:
        return None
    values = stored_values(resolver, stored)
    if not values or any(not _empty_mapping(whole) for whole, _ in stored_values(resolver, (stored[0], None))):
        return None
    found: List[str] = []
    for value, scope in values:
        each = loopback_through(value, resolver, scope, hops + 1, closed, seen)
        if each is None:
            return None
        found += [name for name in each if name not in found]
    return tuple(found)


def _empty_mapping(value: cst.BaseExpression) -> bool:
    """`{}` or `dict()`."""
    return isinstance(value, cst.Dict) and not value.elements or isinstance(value, cst.Call) and not value.args \
        and isinstance(value.func, cst.Name) and value.func.value == "dict"


def _split_address(item: cst.Subscript) -> Optional[cst.BaseExpression]:
    """`address` of `address.split(":", 1)[0]` (`rsplit`, `partition`): the host before an address's port; None for
    any other item (an item of a list of addresses is one of them)."""
    call, index = item.value, _item_index(item)
    if not (isinstance(index, cst.Integer) and index.evaluated_value == 0 and isinstance(call, cst.Call)
            and isinstance(call.func, cst.Attribute) and call.func.attr.value in ("split", "rsplit", "partition") and call.args):
        return None
    return call.func.value if text_of(call.args[0].value) == ":" and call.args[0].keyword is None else None


def _item_index(node: cst.Subscript) -> Optional[cst.BaseExpression]:
    part = node.slice[0].slice if len(node.slice) == 1 else None
    return part.value if isinstance(part, cst.Index) else None


def _items_through(value: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope], hops: int) -> Optional[Tuple[str, ...]]:
    """A socket address (`("localhost", 9998)`: its host) or a list of addresses every one of which is loopback."""
    items = [element.value for element in value.elements] if isinstance(value, (cst.List, cst.Tuple)) else []
    if not items:
        return None
    if isinstance(value, cst.Tuple) and len(items) == 2 and isinstance(items[1], cst.Integer):
        return loopback_through(items[0], resolver, scope, hops + 1)
    found = [loopback_through(item, resolver, scope, hops + 1) for item in items]
    return None if any(each is None for each in found) else tuple(name for each in found for name in each or ())


def _either(value: cst.BooleanOperation, resolver: Resolver, scope: Optional[Scope], hops: int, closed: bool) -> Optional[Tuple[str, ...]]:
    """`A or B` (`settings.CONNECT or settings.ADDRESS[0]`): B is loopback, and A is loopback or blank (`None`,
    `""`: B is taken). A constant or key A is read through is marked `BLANK_OR`: the project phase lets it be blank."""
    right = loopback_through(value.right, resolver, scope, hops + 1, closed)
    if right is None:
        return None
    if isinstance(value.left, cst.Name) and value.left.value == "None" or text_of(value.left) == "":
        return right
    left = loopback_through(value.left, resolver, scope, hops + 1, closed)
    return None if left is None else (*(BLANK_OR + name for name in left), *right)


def _unix_template(value: cst.BaseExpression, resolver: Resolver) -> bool:
    """A string that names a unix socket: a literal, an f-string that starts with `unix:`, or
    `"unix://{}-{}".format(...)` on such a literal or a local name bound only to one."""
    if isinstance(value, cst.FormattedString):
        first = value.parts[0] if value.parts else None
        return isinstance(first, cst.FormattedStringText) and is_unix_url(first.value)
    if isinstance(value, cst.Call) and isinstance(value.func, cst.Attribute) and value.func.attr.value == "format":
        value = value.func.value
        if isinstance(value, cst.Name):
            return bound_only_to(value, resolver, _unix_literal)
    return _unix_literal(value)


def _unix_literal(value: cst.BaseExpression) -> bool:
    text = text_of(value)
    return text is not None and is_unix_url(text)


def local_address(value: cst.BaseExpression, resolver: Resolver, hops: int = 0, seen: FrozenSet[str] = frozenset()) -> bool:
    """An address only processes of this host reach, read in the resolver's current scope: a unix
    socket (`_unix_template`; a local name bound only to one; an item of a local list of them,
    `urls[rank]` for `urls = [template.format(path, r) for r in range(n)]`), or a loopback address
    (`loopback_through` finds it one here). A name met again while its own bindings are read
    (`url = urls[rank]` / `urls = [url]` on another branch) adds no address of its own."""
    if hops > _MAX_HOPS:
        return False
    if _unix_template(value, resolver):
        return True
    name = value.value.value if isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name) else \
        value.value if isinstance(value, cst.Name) else None
    if name is not None and name in seen:
        return True
    if isinstance(value, cst.Subscript) and isinstance(value.value, cst.Name):
        return bound_only_to(value.value, resolver, lambda bound: _local_items(bound, resolver, hops + 1, seen | {name}))
    if isinstance(value, cst.Name) and bound_only_to(
            value, resolver, lambda bound: local_address(bound, resolver, hops + 1, seen | {name})):
        return True
    return loopback_through(value, resolver) == ()


def _local_items(value: cst.BaseExpression, resolver: Resolver, hops: int, seen: FrozenSet[str]) -> bool:
    """A list, tuple or list comprehension every item of which is a local address."""
    if isinstance(value, (cst.List, cst.Tuple)):
        return bool(value.elements) and all(isinstance(item, cst.Element) and local_address(item.value, resolver, hops, seen)
                                            for item in value.elements)
    return isinstance(value, cst.ListComp) and local_address(value.elt, resolver, hops, seen)
