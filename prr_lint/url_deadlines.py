"""A redis URL that carries its own deadline: `redis://cache:6379/0?socket_timeout=5`.

redis-py's `from_url` reads `socket_timeout` and `socket_connect_timeout` from the URL's query
string, so a client built from a configured URL may well have a deadline that no line of code
shows. The code shows it when it takes such a URL's query apart and names those options: a
function that calls `urllib.parse.parse_qs`/`parse_qsl` on a redis URL and names
`socket_timeout` (to strip it for a client that will not take it, as Celery's broker options, or
to read it) states that the deployment writes its redis URLs with the timeout in them. Such a
function is kept as a module tag; the project phase then drops PRR501's redis findings whose URL
comes from configuration (a setting, the environment, a parameter), never one given as a literal,
which shows its whole query (project/wrappers.py).
"""

from __future__ import annotations

from typing import List, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import descendants

# module tag: a function of the module reads redis timeout options out of a URL's query string
URL_QUERY_NAMES_TIMEOUT = "url-query-names-timeout:"
# subject of a PRR501 redis finding whose URL is a configured value, not a literal
CONFIGURED_URL = "configured-redis-url"
_QUERY_PARSERS = frozenset({"urllib.parse.parse_qs", "urllib.parse.parse_qsl"})
_TIMEOUT_OPTIONS = frozenset({"socket_timeout", "socket_connect_timeout"})


def url_timeout_marks(node: cst.FunctionDef, resolver: Resolver) -> List[str]:
    """The function parses a URL query, names a redis timeout option and a redis URL scheme."""
    strings, parses = set(), False
    for inner in descendants(node.body):
        if isinstance(inner, cst.SimpleString):
            strings.add(inner.raw_value)
        elif isinstance(inner, cst.Call) and not parses:
            parses = resolver.qualified_name(inner.func) in _QUERY_PARSERS
    if parses and strings & _TIMEOUT_OPTIONS and any(text.startswith("redis") for text in strings):
        return [URL_QUERY_NAMES_TIMEOUT + resolver.scope.qualname]
    return []


def configured_url(node: cst.Call, name: str, resolver: Resolver) -> Tuple[str, ...]:
    """(CONFIGURED_URL,) for a redis `from_url(url)` (or `url=`) whose URL is not a string literal
    nor a name bound only to literals: where it points, and with which query, is configuration."""
    if not name.startswith(("redis", "aioredis")):
        return ()
    args = [arg for arg in node.args if arg.keyword is None]
    url = args[0].value if args and "from_url" in name else next(
        (arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value == "url"), None)
    if url is None or isinstance(url, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)):
        return ()
    if isinstance(url, cst.Name):
        bindings = resolver.lookup(url.value) or []
        if bindings and all(b.kind == "value" and isinstance(b.value, (cst.SimpleString, cst.ConcatenatedString,
                                                                          cst.FormattedString)) for b in bindings):
            return ()
    return (CONFIGURED_URL,)
