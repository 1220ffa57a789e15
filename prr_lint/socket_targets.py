"""Where a client connects: a process of this host (a unix socket, a loopback address), or the network.

A client on a unix socket (`unix_socket_path=`, a `unix://` URL) talks to a server on the same
host: there is no network path to stall, and a dead server fails at once (ECONNREFUSED, EOF), so
PRR501 does not ask it for a `socket_timeout`. The URL is often a setting defined elsewhere
(`Redis.from_url(settings.BROKER_URL)`): a module-level assignment of a URL literal, or of a value
read from the environment, is kept as a tag of its module's summary, and the project phase
decides from every binding of the name (project/wrappers.py).
"""

from __future__ import annotations

import warnings
from typing import Callable, List, Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import descendants

# module tags: NAME is bound at the module's top level to a unix-socket URL / to another target
BINDS_LOCAL_SOCKET = "binds-local-socket:"
BINDS_OTHER_TARGET = "binds-other-target:"
# Pending condition of a PRR501 redis finding whose URL is a name bound in another module.
UNLESS_LOCAL_SOCKET = "unless-local-socket"
_ENVIRONMENT_READS = frozenset({"os.environ.get", "os.getenv", "os.environ.setdefault", "os.environ"})


def literal(value: cst.BaseExpression) -> Optional[str]:
    """The text of a string literal (implicit concatenation included) that may name a target: one
    with a scheme. Others are not evaluated (evaluating `"\\d"` warns), and come back as ""."""
    if not isinstance(value, (cst.SimpleString, cst.ConcatenatedString)):
        return None
    raw = [part.value for part in descendants(value, stop_at=()) if isinstance(part, cst.SimpleString)]
    raw += [value.value] if isinstance(value, cst.SimpleString) else []
    if not any(":/" in part for part in raw):
        return ""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        text = value.evaluated_value
    return text if isinstance(text, str) else None


def is_unix_url(text: str) -> bool:
    return text.lower().startswith(("unix://", "unix:/"))


def target_marks(node: cst.Assign, resolver: Resolver) -> List[str]:
    """`BROKER_URL = "unix:///var/run/redis/redis.sock"` at a module's top level: the name holds a
    local socket; a URL literal of another scheme, or a value read from the environment (which a
    deployment may point anywhere), binds it to another target."""
    if resolver.scope.kind != "module" or len(node.targets) != 1 or not isinstance(node.targets[0].target, cst.Name):
        return []
    name = node.targets[0].target.value
    text = literal(node.value)
    if text is not None:
        if is_unix_url(text):
            return [BINDS_LOCAL_SOCKET + name]
        return [BINDS_OTHER_TARGET + name] if "://" in text else []
    reads = any(
        resolver.qualified_name(inner.func if isinstance(inner, cst.Call) else inner.value) in _ENVIRONMENT_READS
        for inner in (node.value, *descendants(node.value)) if isinstance(inner, (cst.Call, cst.Subscript))
    )
    return [BINDS_OTHER_TARGET + name] if reads else []


LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
_LOOPBACK = (*LOOPBACK_HOSTS, "http://127.0.0.1", "http://localhost", "https://localhost", "https://127.0.0.1")


def bound_only_to(name: cst.Name, resolver: Resolver, accepts: Callable[[cst.BaseExpression], bool]) -> bool:
    """A local name with bindings, every one of which assigns a value `accepts` takes."""
    bindings = resolver.lookup(name.value) or []
    return bool(bindings) and all(b.kind == "value" and b.value is not None and accepts(b.value) for b in bindings)


def loopback(value: cst.BaseExpression, resolver: Optional[Resolver] = None) -> bool:
    """A string that starts with a loopback address: a literal, a concatenation or f-string that
    starts with one, or (with a resolver) a local name only ever bound to such a string."""
    if isinstance(value, cst.SimpleString):
        if not any(host in value.value for host in LOOPBACK_HOSTS):
            return False
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            text = value.evaluated_value
        return isinstance(text, str) and text.startswith(_LOOPBACK)
    if isinstance(value, cst.BinaryOperation) and isinstance(value.operator, cst.Add):
        return loopback(value.left)
    if isinstance(value, cst.FormattedString):
        first = value.parts[0] if value.parts else None
        return isinstance(first, cst.FormattedStringText) and first.value.startswith(_LOOPBACK)
    if isinstance(value, cst.Name) and resolver is not None:
        return bound_only_to(value, resolver, loopback)
    return False
