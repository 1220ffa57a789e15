"""PRR501: standard-library clients that, however called, cannot wait on a remote peer forever.

- `urlopen(url)` in the body of a branch taken only for a `file:` URL (`if urlparse(url).scheme ==
  "file":`, `if url.startswith("file://"):`) reads a local file: no dependency, nothing to hang on.
- a URL built by formatting whose host is a loopback literal (`"{}://{}:{}/status".format(scheme,
  "localhost", port)`, `f"{scheme}://127.0.0.1:{port}/"`), directly or through a local name bound only
  to one: a process of this host, like a literal loopback URL (socket_targets.loopback).
- `socket.create_connection(address)` whose socket is only closed (`.close()` at once, or a `with`
  block that never uses it) is a connect probe: it reads and writes nothing, and a blocking connect is
  bounded by the kernel (SYN retries: about 2 minutes on Linux at the default `tcp_syn_retries`), so
  it fails on its own instead of holding the caller forever. A socket that is used is reported.
"""

from __future__ import annotations

import string
from typing import List, Optional, Sequence

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.clients import positional
from prr_lint.socket_targets import LOOPBACK_HOSTS, bound_only_to, loopback
from prr_lint.tree import descendants, fstring_template

_URL_PARSERS = frozenset({"urllib.parse.urlparse", "urllib.parse.urlsplit"})
URLOPEN = "urllib.request.urlopen"
CREATE_CONNECTION = "socket.create_connection"
# The arguments that name where a client connects.
_TARGET_KEYWORDS = frozenset({"url", "host", "address"})


def _text(node: cst.BaseExpression) -> Optional[str]:
    value = node.evaluated_value if isinstance(node, cst.SimpleString) else None
    return value if isinstance(value, str) else None


def _parsed_from(resolver: Resolver, node: cst.BaseExpression, url: str) -> bool:
    """`node` is `urlparse(url)`, or a name bound only to it."""
    if isinstance(node, cst.Name):
        bindings = resolver.lookup(node.value) or []
        return bool(bindings) and all(binding.kind == "value" and binding.value is not None
                                      and _parsed_from(resolver, binding.value, url) for binding in bindings)
    return isinstance(node, cst.Call) and resolver.qualified_name(node.func) in _URL_PARSERS and bool(node.args) \
        and node.args[0].keyword is None and isinstance(node.args[0].value, cst.Name) and node.args[0].value.value == url


def _tests_file_scheme(resolver: Resolver, test: cst.BaseExpression, url: str) -> bool:
    """`urlparse(url).scheme == "file"` (either side, through a name), or `url.startswith("file:")`."""
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1 and isinstance(test.comparisons[0].operator, cst.Equal):
        sides = (test.left, test.comparisons[0].comparator)
        for scheme, other in (sides, sides[::-1]):
            if _text(other) == "file" and isinstance(scheme, cst.Attribute) and scheme.attr.value == "scheme":
                return _parsed_from(resolver, scheme.value, url)
        return False
    if isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute) and test.func.attr.value == "startswith" \
            and isinstance(test.func.value, cst.Name) and test.func.value.value == url and len(test.args) == 1:
        prefix = _text(test.args[0].value)
        return prefix is not None and prefix.lower().startswith("file:")
    return False


def reads_local_file(resolver: Resolver, ancestors: Sequence[cst.CSTNode], call: cst.Call) -> bool:
    """`urlopen(url)` only reached in the body of an `if` that checked `url` is a `file:` URL."""
    if not call.args or call.args[0].keyword is not None or not isinstance(call.args[0].value, cst.Name):
        return False
    url = call.args[0].value.value
    chain = [*ancestors, call]
    return any(isinstance(parent, cst.If) and child is parent.body and _tests_file_scheme(resolver, parent.test, url)
               for parent, child in zip(chain, chain[1:]))


def connect_probe(ancestors: Sequence[cst.CSTNode], call: cst.Call) -> bool:
    """`create_connection(address).close()`, or `with create_connection(address):` whose socket the
    block never names: the call only connects (module docstring)."""
    parent = ancestors[-1] if ancestors else None
    grand = ancestors[-2] if len(ancestors) > 1 else None
    if isinstance(parent, cst.Attribute) and parent.value is call and parent.attr.value == "close":
        return isinstance(grand, cst.Call) and grand.func is parent
    if isinstance(parent, cst.WithItem) and parent.item is call and isinstance(grand, cst.With):
        alias = parent.asname.name if parent.asname is not None else None
        if alias is None:
            return True
        return isinstance(alias, cst.Name) and not any(
            isinstance(inner, cst.Name) and inner.value == alias.value for inner in descendants(grand.body))
    return False


def local_target(resolver: Resolver, ancestors: Sequence[cst.CSTNode], node: cst.Call, name: str) -> bool:
    """The call names a loopback address (`SMTP("localhost")`, `requests.get("http://127.0.0.1:4000/x")`,
    a local name bound only to one): a process of this host, no network path to stall. Or it reads a
    `file:` URL, or only connects (module docstring)."""
    if name == URLOPEN and reads_local_file(resolver, ancestors, node) or \
            name == CREATE_CONNECTION and connect_probe(ancestors, node):
        return True
    targets = [arg.value for arg in positional(node)[:2]]
    targets += [arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value in _TARGET_KEYWORDS]
    targets += [element.value for target in targets if isinstance(target, cst.Tuple) for element in target.elements[:1]]
    return any(loopback(target, resolver) or _formatted_loopback(target, resolver) for target in targets)


_HOLE = "\x00"  # what the rendering puts where a value is not a literal
_LOCAL_HOSTS = frozenset(f"[{host}]" if ":" in host else host for host in LOOPBACK_HOSTS)  # as a URL spells them


def _rendered(node: cst.BaseExpression) -> Optional[str]:
    """The text of `"<template>".format(...)` or an f-string, literal arguments filled in, holes elsewhere."""
    if isinstance(node, cst.FormattedString):
        return fstring_template(node, _HOLE)
    if not (isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "format"):
        return None
    template = _text(node.func.value) if isinstance(node.func.value, cst.SimpleString) else None
    if template is None or any(arg.star for arg in node.args):
        return None
    args = [_text(arg.value) for arg in node.args if arg.keyword is None]
    named = {arg.keyword.value: _text(arg.value) for arg in node.args if arg.keyword is not None}
    pieces: List[str] = []
    automatic = 0
    try:
        for text, field, _, _ in string.Formatter().parse(template):
            pieces.append(text)
            if field is None:
                continue
            if field == "":
                field, automatic = str(automatic), automatic + 1
            value = args[int(field)] if field.isdigit() and int(field) < len(args) else named.get(field)
            pieces.append(value if value is not None else _HOLE)
    except ValueError:
        return None
    return "".join(pieces)


def _formatted_loopback(node: cst.BaseExpression, resolver: Resolver) -> bool:
    """A formatted URL whose host, after the scheme (which may be a hole), is a loopback literal."""
    if isinstance(node, cst.Name):
        return bound_only_to(node, resolver, lambda value: _formatted_loopback(value, resolver))
    text = _rendered(node)
    if text is None or "://" not in text:
        return False
    rest = text.partition("://")[2]
    host = rest[: next((i for i, c in enumerate(rest) if c in "/?#" or (c == ":" and not rest.startswith("["))), len(rest))]
    if host.startswith("[") and "]" in host:
        host = host[: host.index("]") + 1]
    return host in _LOCAL_HOSTS
