"""PRR501: standard-library clients that, however called, cannot wait on a remote peer forever.

- `urlopen(url)` of a `file:` URL reads a local file: no dependency, nothing to hang on. A URL that starts with
  the scheme (`urlopen("file://" + path)`, `f"file://{path}"`, a local name bound only to one), or one only
  opened in the body of a branch taken only for a `file:` URL (`if urlparse(url).scheme == "file":`,
  `if url.startswith("file://"):`).
- a URL built by formatting whose host is a loopback literal (`"{}://{}:{}/status".format(scheme,
  "localhost", port)`, `f"{scheme}://127.0.0.1:{port}/"`), directly or through a local name or a
  `self.<attribute>` bound only to one: a process of this host, like a literal loopback URL
  (socket_targets.loopback_through). One whose host is another module's constant
  (`f"http://{LOCAL_EMBED_SERVICE_URL}/embedding"`) is reported with that constant as a subject, and
  the project phase drops it when the constant is bound only to a loopback address
  (project/constant_targets.py).
- `socket.create_connection(address)` whose socket is only closed (`.close()` at once, chained or as the
  next statement after binding it, or a `with`
  block that never uses it) is a connect probe: it reads and writes nothing, and a blocking connect is
  bounded by the kernel (SYN retries: about 2 minutes on Linux at the default `tcp_syn_retries`), so
  it fails on its own instead of holding the caller forever. A socket that is used is reported.
- a redis client given no address at all (`redis.Redis()`, `redis.asyncio.Redis(db=1)`, `ConnectionPool()`):
  redis-py connects to its default, `localhost:6379`, and reads no address from the environment, so the server is a
  process of this host (a sidecar in the same container or pod). A client given any positional argument, a `host=`,
  a socket path, a pool, a connection class or a `**` spread of options may connect anywhere and is judged as usual.
- a deadline object that sets no deadline (`aiohttp.ClientTimeout(total=None)`) given only to requests whose URL is a
  loopback address (`session.get("http://localhost:5112/", timeout=timeout)`), in place or through a local name the
  function binds once and uses for nothing else: what it lets wait forever is a process of this host.
"""

from __future__ import annotations

from typing import List, Optional, Sequence, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.rules.clients import REDIS_CLIENTS, positional
from prr_lint.socket_targets import bound_only_to, loopback, loopback_through, text_of
from prr_lint.tree import descendants
from prr_lint.url_parts import url_parts

_URL_PARSERS = frozenset({"urllib.parse.urlparse", "urllib.parse.urlsplit"})
URLOPEN = "urllib.request.urlopen"
CREATE_CONNECTION = "socket.create_connection"
# The arguments that name where a client connects.
_TARGET_KEYWORDS = frozenset({"url", "host", "address"})
# Redis constructors that connect to localhost:6379 when given no address (a URL factory or a cluster needs one).
_DEFAULT_LOCAL_REDIS = frozenset(name for name in REDIS_CLIENTS if not name.endswith("from_url") and "Cluster" not in name)
# Keywords that give a redis client somewhere else to connect.
_REDIS_ADDRESS_KEYWORDS = frozenset({"host", "unix_socket_path", "connection_pool", "connection_class", "path"})


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
            if text_of(other) == "file" and isinstance(scheme, cst.Attribute) and scheme.attr.value == "scheme":
                return _parsed_from(resolver, scheme.value, url)
        return False
    if isinstance(test, cst.Call) and isinstance(test.func, cst.Attribute) and test.func.attr.value == "startswith" \
            and isinstance(test.func.value, cst.Name) and test.func.value.value == url and len(test.args) == 1:
        prefix = text_of(test.args[0].value)
        return prefix is not None and prefix.lower().startswith("file:")
    return False


def reads_local_file(resolver: Resolver, ancestors: Sequence[cst.CSTNode], call: cst.Call) -> bool:
    """`urlopen(url)` of a URL that starts with `file:`, or only reached in the body of an `if` that checked `url` is a
    `file:` URL."""
    if not call.args or call.args[0].keyword is not None:
        return False
    if _file_url(call.args[0].value) or isinstance(call.args[0].value, cst.Name) and bound_only_to(call.args[0].value, resolver, _file_url):
        return True
    if not isinstance(call.args[0].value, cst.Name):
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
    if isinstance(parent, cst.Assign) and parent.value is call and len(ancestors) > 2:
        return _closed_next(parent, grand, ancestors[-3])
    if isinstance(parent, cst.WithItem) and parent.item is call and isinstance(grand, cst.With):
        alias = parent.asname.name if parent.asname is not None else None
        if alias is None:
            return True
        return isinstance(alias, cst.Name) and not any(
            isinstance(inner, cst.Name) and inner.value == alias.value for inner in descendants(grand.body))
    return False


def _file_url(value: cst.BaseExpression) -> bool:
    """A string whose literal start is a `file:` URL (`"file://" + path`, `f"file://{path}"`, `"file://%s" % path`,
    `"file:///etc/hosts"`: url_parts.py)."""
    parts = url_parts(value) or [text_of(value)]
    return isinstance(parts[0], str) and parts[0].lower().startswith("file:")


def _closed_next(assign: cst.Assign, line: cst.CSTNode, block: cst.CSTNode) -> bool:
    """`sock = create_connection(address)` whose next statement is `sock.close()`: the socket is only closed."""
    if len(assign.targets) != 1 or not isinstance(assign.targets[0].target, cst.Name):
        return False
    name = assign.targets[0].target.value
    body = list(getattr(block, "body", ()))
    following = body[body.index(line) + 1] if line in body and body.index(line) + 1 < len(body) else None
    if not isinstance(following, cst.SimpleStatementLine) or len(following.body) != 1 or not isinstance(following.body[0], cst.Expr):
        return False
    closing = following.body[0].value
    return isinstance(closing, cst.Call) and not closing.args and isinstance(closing.func, cst.Attribute) \
        and closing.func.attr.value == "close" and isinstance(closing.func.value, cst.Name) and closing.func.value.value == name


def local_target(resolver: Resolver, ancestors: Sequence[cst.CSTNode], node: cst.Call, name: str) -> bool:
    """The call names a loopback address (`SMTP("localhost")`, `requests.get("http://127.0.0.1:4000/x")`,
    a local name bound only to one): a process of this host, no network path to stall. Or it reads a
    `file:` URL, or only connects (module docstring)."""
    if name == URLOPEN and reads_local_file(resolver, ancestors, node) or \
            name == CREATE_CONNECTION and connect_probe(ancestors, node) or \
            name in _DEFAULT_LOCAL_REDIS and _no_address(node):
        return True
    return any(loopback(target, resolver) or loopback_through(target, resolver) == () for target in call_targets(node))


def _no_address(call: cst.Call) -> bool:
    """A redis client built with nothing that names where it connects: redis-py's default, localhost:6379."""
    return all(arg.keyword is not None and arg.keyword.value not in _REDIS_ADDRESS_KEYWORDS for arg in call.args)


def loopback_deadline(resolver: Resolver, ancestors: Sequence[cst.CSTNode], node: cst.Call,
                      function: Optional[cst.FunctionDef]) -> bool:
    """The deadline object `node` is only the `timeout=` of requests to a loopback address (module docstring)."""
    parent = ancestors[-1] if ancestors else None
    if isinstance(parent, cst.Arg) and len(ancestors) > 1 and isinstance(ancestors[-2], cst.Call):
        return _timeout_of_loopback(resolver, parent, ancestors[-2])
    targets = parent.targets if isinstance(parent, cst.Assign) and parent.value is node else ()
    name = targets[0].target.value if len(targets) == 1 and isinstance(targets[0].target, cst.Name) else None
    if function is None or name is None or len(resolver.lookup(name) or []) != 1:
        return False
    inside = list(descendants(function.body))
    keywords = {id(found.keyword) for found in inside if isinstance(found, cst.Arg) and found.keyword is not None}
    uses = sum(1 for found in inside if isinstance(found, cst.Name) and found.value == name and id(found) not in keywords)
    requests = [(arg, found) for found in inside if isinstance(found, cst.Call) for arg in found.args
                if isinstance(arg.value, cst.Name) and arg.value.value == name]
    # every use but its binding is a request's deadline
    return 0 < len(requests) == uses - 1 and all(_timeout_of_loopback(resolver, arg, call) for arg, call in requests)


def _timeout_of_loopback(resolver: Resolver, arg: cst.Arg, call: cst.Call) -> bool:
    """`arg` is the `timeout=` of a request whose URL (its first argument or `url=`) is a loopback address here."""
    if arg.keyword is None or arg.keyword.value != "timeout":
        return False
    first = positional(call)[:1]
    url = first[0].value if first else next((each.value for each in call.args if each.keyword is not None and each.keyword.value == "url"), None)
    return url is not None and loopback_through(url, resolver) == ()


def call_targets(node: cst.Call) -> List[cst.BaseExpression]:
    """The arguments that may name where the call connects: the first two, `url=`/`host=`/`address=`,
    and the host of a socket address among them (`("localhost", port)`)."""
    targets = [arg.value for arg in positional(node)[:2]]
    targets += [arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value in _TARGET_KEYWORDS]
    return targets + [element.value for target in targets if isinstance(target, cst.Tuple) for element in target.elements[:1]]


def loopback_constants(resolver: Resolver, node: cst.Call, name: str = "") -> Tuple[str, ...]:
    """The other modules' constants the call's URL (its first argument or `url=`; the second for a client's
    `request(method, url)`: `requests.request("GET", url)`, named `name`) is a loopback address through
    (socket_targets.loopback_through); () when it is not one through any."""
    at = 1 if name.rpartition(".")[2] == "request" else 0
    first = positional(node)[at:at + 1]
    url = first[0].value if first else next((arg.value for arg in node.args if arg.keyword is not None
                                              and arg.keyword.value in _TARGET_KEYWORDS), None)
    found = loopback_through(url, resolver) if url is not None else None
    return found or ()
