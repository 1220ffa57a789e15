"""Loopback addresses as a URL or a configuration value spells them (`localhost:9001`,
`http://127.0.0.1:8000/x`, `[::1]:80`): a process of this host, not a remote dependency."""

from __future__ import annotations

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")
LOCAL_HOSTS = frozenset(f"[{host}]" if ":" in host else host for host in LOOPBACK_HOSTS)  # as a URL spells them


def host_of(rest: str) -> str:
    """The host at the start of `rest` (what follows a URL's scheme), an IPv6 one in its brackets."""
    if rest.startswith("["):
        return rest[: rest.index("]") + 1] if "]" in rest else rest
    return rest[: next((i for i, c in enumerate(rest) if c in "/?#:@"), len(rest))]


def loopback_address(text: str) -> bool:
    """The host, after a scheme if there is one, is loopback (a bare `::1` too)."""
    return text in LOOPBACK_HOSTS or host_of(text.partition("://")[2] if "://" in text else text) in LOCAL_HOSTS
