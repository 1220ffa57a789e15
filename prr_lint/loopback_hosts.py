"""Loopback addresses as a URL or a configuration value spells them (`localhost:9001`,
`http://127.0.0.1:8000/x`, `[::1]:80`, `http://user:secret@localhost:15672/api`, a URL's `0.0.0.0`): a process of
this host, not a remote dependency."""

from __future__ import annotations

from typing import Tuple

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
LOCAL_HOSTS = frozenset(f"[{host}]" if ":" in host else host for host in LOOPBACK_HOSTS)  # as a URL spells them
# The unspecified address: a client that connects to it reaches this host (Linux and macOS route it to loopback),
# while a server that binds it listens on every interface. So only a URL's host counts (`http://0.0.0.0:8000/echo`),
# never a bare host or a bind address.
ANY_ADDRESS = "0.0.0.0"
URL_PREFIXES = tuple(f"{scheme}://{host}" for scheme in ("http", "https") for host in ("127.0.0.1", "localhost", ANY_ADDRESS))


def host_span(rest: str) -> Tuple[int, int]:
    """Where the host in `rest` (what follows a URL's scheme) starts and ends: after the authority's userinfo
    (`user:secret@`, up to its last `@` before the path), an IPv6 one in its brackets, up to its port or path."""
    authority = next((i for i, c in enumerate(rest) if c in "/?#"), len(rest))
    start = rest.rfind("@", 0, authority) + 1
    if rest.startswith("[", start):
        close = rest.find("]", start)
        return start, close + 1 if close >= 0 else len(rest)
    return start, next((i for i in range(start, len(rest)) if rest[i] in "/?#:@"), len(rest))


def host_of(rest: str) -> str:
    """The host in `rest` (what follows a URL's scheme; `host_span`)."""
    start, end = host_span(rest)
    return rest[start:end]


def host_ended(rest: str) -> bool:
    """Something follows the host in `rest` (a port, a path): what comes after it cannot lengthen the host."""
    return host_span(rest)[1] < len(rest)


def loopback_address(text: str) -> bool:
    """The host, after a scheme if there is one, is loopback (a bare `::1` too)."""
    if "://" in text:
        host = host_of(text.partition("://")[2])
        return host in LOCAL_HOSTS or host == ANY_ADDRESS
    return text in LOOPBACK_HOSTS or host_of(text) in LOCAL_HOSTS
