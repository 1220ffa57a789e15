"""What each network client library does about deadlines, and how a call gives one.

One table per behaviour, shared by PRR501 (calls without a timeout), the timeout-forwarding
wrapper analysis (project/wrappers.py), PRR504 (what a dependency call is) and PRR505 (what
blocks an event loop). Which library defaults count as a deadline:

* no deadline unless given one: requests (module functions and `Session` methods), `urlopen`,
  urllib3 requests on a pool built without one, `http.client` connections, `smtplib`, `ftplib`,
  `socket.create_connection` (all default to the global socket timeout, `None`: wait forever),
  pycurl handles (libcurl's `CURLOPT_TIMEOUT` defaults to 0, no limit, but `LOW_SPEED_TIME` with
  `LOW_SPEED_LIMIT` aborts a transfer that stalls, and libcurl bounds connecting to 300 s), redis
  clients before redis-py 8.0 (`socket_timeout=None`; 8.0 made it 5 s, socket and connect: a finding there
  is dropped where the project admits only 8.0 and later, project/pinned_versions.py) and calls on generated gRPC stubs (PRR502: no deadline unless the
  call passes `timeout=` or its channel has a service config or interceptor that sets one);
* a deadline by default, removed only on request: httpx (5 s for every phase; `timeout=None`
  removes it) and aiohttp (`ClientSession` defaults to `ClientTimeout(total=300, sock_connect=30)`;
  a `ClientTimeout` built without `total` and without `sock_read` has none, and `timeout=None`
  on a session or a request means the session's default, not "no timeout").

Of the first kind, the standard library's clients (`urlopen`, `http.client`, `smtplib`,
`ftplib`, `socket.create_connection`) and urllib3 used directly (`urllib3.request`, a pool built
without `timeout`: its `DEFAULT_TIMEOUT` sentinel resolves to the socket default) take the
process's default socket timeout when given none, so a `socket.setdefaulttimeout(<seconds>)` that
the process runs gives them a deadline (project/socket_default.py says which processes). requests
does not inherit it (its `timeout=None` becomes urllib3's `Timeout(None, None)`, which sets each
socket to block forever), nor do pycurl or redis.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Optional, Set, Tuple

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.tree import SCOPE_NODES, descendants, dotted_name, statements_within

_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "request")


@dataclass(frozen=True)
class TimeoutSpec:
    """How one callable takes its deadline.

    `keyword` is the parameter's name; `position` its index among positional arguments (None when
    it is keyword-only, counting arguments as written, without `self`); `required` says whether a
    missing deadline means none at all (False: the library has a default, only `None` removes it);
    `hint` is the value a finding suggests; `finite_from` (`redis 8.0.0`) names the distribution and the version
    from which the library gives the call a finite default after all (FINITE_DEFAULT_FROM).
    """

    keyword: str
    position: Optional[int]
    required: bool
    hint: str = "<seconds>"
    finite_from: str = ""


def _specs() -> Dict[str, TimeoutSpec]:
    specs: Dict[str, TimeoutSpec] = {}
    for verb in _VERBS:
        specs[f"requests.{verb}"] = TimeoutSpec("timeout", None, True, "(connect, read)")
    for verb in (*_VERBS, "send"):
        specs[f"requests.Session.{verb}"] = TimeoutSpec("timeout", None, True, "(connect, read)")
    specs["urllib.request.urlopen"] = TimeoutSpec("timeout", 2, True)
    specs["urllib3.request"] = TimeoutSpec("timeout", None, True)
    specs["http.client.HTTPConnection"] = TimeoutSpec("timeout", 2, True)
    # Positional on Python 3.9-3.11 (after key_file, cert_file), keyword-only from 3.12.
    specs["http.client.HTTPSConnection"] = TimeoutSpec("timeout", 4, True)
    specs["smtplib.SMTP"] = TimeoutSpec("timeout", 3, True)
    specs["smtplib.SMTP_SSL"] = TimeoutSpec("timeout", 5, True)
    specs["ftplib.FTP"] = TimeoutSpec("timeout", 4, True)
    specs["ftplib.FTP_TLS"] = TimeoutSpec("timeout", 7, True)
    specs["socket.create_connection"] = TimeoutSpec("timeout", 1, True)
    for client in REDIS_CLIENTS:
        position = 4 if client.endswith(("Redis", "StrictRedis")) else None
        # redis-py 8.0.0 (`redis/_defaults.py`): socket_timeout and socket_connect_timeout default to 5 s; not aioredis.
        specs[client] = TimeoutSpec("socket_timeout", position, True, finite_from="redis 8.0.0" if client.startswith("redis.") else "")
    for verb in (*_VERBS, "stream"):
        specs[f"httpx.{verb}"] = TimeoutSpec("timeout", None, False)
    for client in ("httpx.Client", "httpx.AsyncClient"):
        specs[client] = TimeoutSpec("timeout", None, False)
        for verb in (*_VERBS, "stream", "send"):
            specs[f"{client}.{verb}"] = TimeoutSpec("timeout", None, False)
    return specs


REDIS_CLIENTS = (
    "redis.Redis", "redis.StrictRedis", "redis.from_url", "redis.Redis.from_url", "redis.StrictRedis.from_url",
    "redis.client.Redis", "redis.client.StrictRedis", "redis.ConnectionPool", "redis.BlockingConnectionPool",
    "redis.ConnectionPool.from_url", "redis.connection.ConnectionPool", "redis.RedisCluster", "redis.cluster.RedisCluster",
    "redis.asyncio.Redis", "redis.asyncio.from_url", "redis.asyncio.Redis.from_url", "redis.asyncio.ConnectionPool",
    "redis.asyncio.client.Redis", "redis.asyncio.RedisCluster", "aioredis.Redis", "aioredis.from_url",
    "aioredis.Redis.from_url",
)
TIMEOUT_SPECS: Dict[str, TimeoutSpec] = _specs()
GRPC_CHANNELS = ("grpc.insecure_channel", "grpc.secure_channel", "grpc.aio.insecure_channel", "grpc.aio.secure_channel")
# Constructors that open no connection: the client connects on its first command or request (a sync
# `RedisCluster` fetches its slots as it is built, so it is not one). Building one is no dependency call.
LAZY_CLIENTS = frozenset(
    {name for name in REDIS_CLIENTS if name not in ("redis.RedisCluster", "redis.cluster.RedisCluster")}
    | {"http.client.HTTPConnection", "http.client.HTTPSConnection"}
)
# Redis clients that may be kept only to subscribe (`.pubsub()`): built lazily, so nothing but the subscription
# goes through them (rules/subscriber_clients.py). A sync `RedisCluster` fetches its slots as it is built.
SUBSCRIBING_CLIENTS = frozenset(name for name in REDIS_CLIENTS if name in LAZY_CLIENTS)
# SQLAlchemy's engine factories: the engine opens its pool's first connection when it is first used.
ENGINES = frozenset({"sqlalchemy.create_engine", "sqlalchemy.engine.create_engine"})
ASYNC_ENGINES = frozenset({"sqlalchemy.ext.asyncio.create_async_engine", "sqlalchemy.ext.asyncio.engine.create_async_engine"})
# A socket's own calls on this host: making one, binding it to a local address (`bind(("", 0))` asks the OS
# for a free port), listening, reading its own address, setting options, closing. None reaches a peer.
SOCKET_LOCAL = frozenset({"socket.socket", *(f"socket.socket.{method}" for method in (
    "bind", "listen", "getsockname", "setsockopt", "getsockopt", "setblocking", "settimeout", "fileno", "close", "detach"))})
# Calls of a client library that send nothing and wait for nothing: building a lazy client, a SQLAlchemy
# engine or a gRPC channel (it connects in the background once used), reading or watching a channel's
# connectivity state (`get_state(try_to_connect=True)` only starts that connection and returns at once),
# and a socket's local calls.
SENDS_NOTHING = LAZY_CLIENTS | ENGINES | ASYNC_ENGINES | SOCKET_LOCAL | {
    *GRPC_CHANNELS, "grpc.aio.Channel.get_state", "grpc.Channel.subscribe", "grpc.Channel.unsubscribe"}

# Subject of a finding at a call given no deadline whose library sets a finite default from some version on:
# `finite-default-from:redis 8.0.0`, or `finite-default-from:rq 1.13.0` for a redis client an RQ worker bounds
# (rules/worker_clients.py). Dropped where every version the project admits of one of them is that one or later
# (project/pinned_versions.py).
FINITE_DEFAULT_FROM = "finite-default-from:"
# Clients that, given no timeout, use the socket module's default (`socket.setdefaulttimeout`).
SOCKET_DEFAULT_CLIENTS = frozenset({
    "urllib.request.urlopen", "http.client.HTTPConnection", "http.client.HTTPSConnection", "smtplib.SMTP",
    "smtplib.SMTP_SSL", "ftplib.FTP", "ftplib.FTP_TLS", "socket.create_connection", "urllib3.request",
})
SET_DEFAULT_TIMEOUT = "socket.setdefaulttimeout"
# Pending condition of a finding at such a client: dropped when a module sets that default at import.
UNLESS_SOCKET_DEFAULT = "unless-socket-default-timeout"
# Every other PRR501 finding: dropped when only request handling reaches the call and the service bounds
# each request with a green-thread deadline (project/request_deadline.py).
UNLESS_REQUEST_DEADLINE = "unless-request-deadline"
# Its subject for a requests call (function or `Session` method), which a patched `TimeoutSauce` bounds.
REQUESTS_CALL = "requests"
TIMEOUT_SAUCE = "requests.adapters.TimeoutSauce"
_TIMEOUT_BASES = frozenset({TIMEOUT_SAUCE, "urllib3.Timeout", "urllib3.util.Timeout", "urllib3.util.timeout.Timeout"})
_TIMEOUT_FIELDS = frozenset({"connect", "read", "total"})
# The method every requests call goes through: a timeout bound into it (`functools.partialmethod`) is a
# default (not into `send`, which `request` calls with an explicit `timeout=None`).
SESSION_ENTRIES = frozenset({"requests.Session.request", "requests.sessions.Session.request"})

# urllib3 pools: requests take the pool's timeout unless they pass their own.
POOL_TYPES = frozenset(
    {"urllib3.PoolManager", "urllib3.ProxyManager", "urllib3.HTTPConnectionPool", "urllib3.HTTPSConnectionPool",
     "urllib3.connectionpool.HTTPConnectionPool", "urllib3.connectionpool.HTTPSConnectionPool",
     "urllib3.poolmanager.ProxyManager"}
)
POOL_REQUESTS = frozenset({"request", "urlopen", "request_encode_url", "request_encode_body"})
REQUESTS_SESSION = "requests.Session"
SESSION_METHODS = frozenset((*_VERBS, "send"))
HTTP_ADAPTER = frozenset({"requests.adapters.HTTPAdapter", "requests.HTTPAdapter"})
PYCURL_HANDLE = "pycurl.Curl"
PYCURL_PERFORM = frozenset({"perform", "perform_rb", "perform_rs"})
PYCURL_TIMEOUTS = frozenset({"TIMEOUT", "TIMEOUT_MS"})
# Both together abort a transfer that stalls (below LIMIT bytes/s for TIME seconds): the deadline of a
# long download, whose total time no TIMEOUT may bound; libcurl bounds the connect phase itself (300 s).
PYCURL_STALL_LIMITS = frozenset({"LOW_SPEED_TIME", "LOW_SPEED_LIMIT"})
AIOHTTP_TIMEOUT = frozenset({"aiohttp.ClientTimeout", "aiohttp.client.ClientTimeout"})
# How an aiohttp ClientTimeout still bounds a request: a total, or a read timeout per socket read.
AIOHTTP_BOUNDS = ("total", "sock_read")


def keyword(call: cst.Call, name: str) -> Optional[cst.Arg]:
    return next((arg for arg in call.args if arg.keyword is not None and arg.keyword.value == name), None)


def positional(call: cst.Call) -> Tuple[cst.Arg, ...]:
    return tuple(arg for arg in call.args if arg.keyword is None and not arg.star)


def has_star_kwargs(call: cst.Call) -> bool:
    return any(arg.star == "**" for arg in call.args)


def has_star_args(call: cst.Call) -> bool:
    return any(arg.star == "*" for arg in call.args)


def is_none(expr: Optional[cst.BaseExpression]) -> bool:
    return isinstance(expr, cst.Name) and expr.value == "None"


def timeout_value(call: cst.Call, spec: TimeoutSpec) -> Tuple[str, Optional[cst.BaseExpression]]:
    """How `call` gives its deadline: ("given", expr), ("none", expr) for an explicit None,
    ("unknown", None) when `**kwargs` or `*args` may hold it, or ("absent", None)."""
    arg = keyword(call, spec.keyword)
    if arg is None and spec.position is not None:
        args = positional(call)
        if len(args) > spec.position:
            arg = args[spec.position]
    if arg is not None:
        return ("none" if is_none(arg.value) else "given"), arg.value
    if has_star_kwargs(call) or (spec.position is not None and has_star_args(call)):
        return "unknown", None
    return "absent", None


def redis_configured(module: cst.Module, node: cst.Call, name: str) -> bool:
    """A redis client built on a pool (the pool has the timeout), or from a URL that sets one."""
    if not name.startswith(("redis", "aioredis")):
        return False
    if keyword(node, "connection_pool") is not None:
        return True
    args = positional(node)
    url = args[0].value if args else getattr(keyword(node, "url"), "value", None)
    return isinstance(url, (cst.SimpleString, cst.ConcatenatedString, cst.FormattedString)) and "socket_timeout" in (
        module.code_for_node(url)
    )


def httpx_unbounded(resolver: Resolver, value: Optional[cst.BaseExpression]) -> bool:
    """`timeout=httpx.Timeout(None)`: a Timeout object with no limit at all."""
    if not isinstance(value, cst.Call) or resolver.qualified_name(value.func) != "httpx.Timeout":
        return False
    return len(value.args) == 1 and value.args[0].keyword is None and is_none(value.args[0].value)


def object_key(resolver: Resolver, expr: cst.BaseExpression) -> Optional[str]:
    """A name for the object an expression holds, the same wherever the code refers to it:
    `s` -> the scope that binds it + `.s`; `self.session` -> the class + `.session`."""
    if isinstance(expr, cst.Name):
        bindings = resolver.lookup(expr.value)
        if not bindings or bindings[-1].scope is None:
            return None
        return f"{bindings[-1].scope.qualname}.{expr.value}"
    if isinstance(expr, cst.Attribute) and isinstance(expr.value, cst.Name):
        bindings = resolver.lookup(expr.value.value)
        if bindings and bindings[-1].kind == "param" and bindings[-1].scope is not None:
            scope = bindings[-1].scope
            if scope.self_name == expr.value.value and scope.owner_class is not None:
                return f"{scope.owner_class.qualname}.{expr.attr.value}"
    name = dotted_name(expr)
    return f"{resolver.module_name}:{name}" if name else None


class RecordsCallAssignments:
    """For rules that follow what a variable or attribute holds (a stub's channel, a session, a
    queue): `record(target, call)` runs for every `target = call(...)` and `target: T = call(...)`."""

    def visit_Assign(self, node: cst.Assign) -> None:
        if isinstance(node.value, cst.Call):
            for target in node.targets:
                self.record(target.target, node.value)

    def visit_AnnAssign(self, node: cst.AnnAssign) -> None:
        if isinstance(node.value, cst.Call):
            self.record(node.target, node.value)

    def record(self, target: cst.BaseExpression, value: cst.Call) -> None:
        raise NotImplementedError


def sets_socket_deadline(call: cst.Call) -> bool:
    """`socket.setdefaulttimeout(x)` with x not None (None restores "wait forever")."""
    args = positional(call)
    return bool(args) and not is_none(args[0].value)


def local_class(resolver: Resolver, qualname: Optional[str]) -> Optional[cst.ClassDef]:
    """The top-level class of this module that `qualname` names, if any."""
    module = resolver.module_name
    if not qualname or not qualname.startswith(f"{module}.") or "." in qualname[len(module) + 1 :]:
        return None
    bindings = resolver.module_scope.bindings.get(qualname[len(module) + 1 :])
    node = bindings[-1].node if bindings and bindings[-1].kind == "class" else None
    return node if isinstance(node, cst.ClassDef) else None


def local_subclass_of(resolver: Resolver, qualname: Optional[str], base: str, overriding: frozenset = frozenset(), depth: int = 0) -> bool:
    """A class of this module derived from `base` (through classes of this module), none of which
    defines a method in `overriding`."""
    node = local_class(resolver, qualname)
    if node is None or depth > 5:
        return False
    if overriding and any(isinstance(stmt, cst.FunctionDef) and stmt.name.value in overriding for stmt in statements_within(node)):
        return False
    for parent in node.bases:
        name = resolver.qualified_name(parent.value, resolver.module_scope)
        if name == base or (name is not None and local_subclass_of(resolver, name, base, overriding, depth + 1)):
            return True
    return False


# Tag of a project function that returns a generated gRPC stub over a channel with no default deadline.
RETURNS_GRPC_STUB = "returns-grpc-stub"


def is_stub_class(name: Optional[str]) -> bool:
    """A class generated by grpcio-tools: `FooStub` in a `*_pb2_grpc` module."""
    if not name or not name.endswith("Stub"):
        return False
    module = name.rpartition(".")[0]
    return module.rpartition(".")[2].endswith("_pb2_grpc")


def returns_stub(function: cst.FunctionDef, resolver: Resolver) -> bool:
    """`function` hands out a generated stub (its return annotation names a stub class, or a `return`
    gives one) whose channel it builds with no default deadline: no service config or interceptor
    appears in it (the helper or cached factory the project's modules get their stub from)."""
    annotation = function.returns.annotation if function.returns is not None else None
    returned = (statement.value for statement in statements_within(function)
                if isinstance(statement, cst.Return) and statement.value is not None)
    if not (annotation is not None and is_stub_class(resolver.qualified_name(annotation))) \
            and not any(is_stub_class(resolver.instance_type(value)) for value in returned):
        return False
    return not any(
        isinstance(node, (cst.Name, cst.SimpleString)) and ("service_config" in node.value or "intercept" in node.value)
        for node in descendants(function.body)
    )


def factory_called(resolver: Resolver, call: Optional[cst.BaseExpression]) -> Optional[str]:
    """`_api_session().get(url)`: the module function whose call gives the client, if any."""
    if isinstance(call, cst.Call) and isinstance(call.func, cst.Name):
        bindings = resolver.module_scope.bindings.get(call.func.value)
        if bindings and bindings[-1].kind == "def":
            return f"{resolver.module_name}.{call.func.value}"
    return None


def mounting_factories(module_name: str, module: cst.Module, mounted: Set[str]) -> Set[str]:
    """Module functions that return a session they mounted a timeout-setting adapter on (its key in
    `mounted`: `session.mount("https://", TimeoutAdapter(timeout))` ... `return session`), or the
    result of calling such a function (`return _api_session(slow_timeout)`)."""
    returned: Dict[str, Set[str]] = {}
    for statement in module.body:
        if isinstance(statement, cst.FunctionDef):
            name = f"{module_name}.{statement.name.value}"
            returned[name] = set()
            for found in descendants(statement.body, stop_at=SCOPE_NODES):  # its own returns, not a nested adapter's
                if isinstance(found, cst.Return) and isinstance(found.value, cst.Name):
                    returned[name].add(f"{name}.{found.value.value}")
                elif isinstance(found, cst.Return) and isinstance(found.value, cst.Call) and isinstance(found.value.func, cst.Name):
                    returned[name].add(f"{module_name}.{found.value.func.value}")
    factories = {name for name, values in returned.items() if values & mounted}
    while True:
        more = {name for name, values in returned.items() if name not in factories and values & factories}
        if not more:
            return factories
        factories |= more


def patches_requests_timeout(node: cst.Assign, resolver: Resolver) -> bool:
    """`requests.adapters.TimeoutSauce = CustomTimeout`: a class of this module derived from
    `TimeoutSauce` (urllib3's `Timeout`) whose body names a timeout field (`connect`, `read`, `total`:
    where it fills in a default), or `functools.partial(TimeoutSauce, connect=5, read=30)`; or
    `requests.Session.request = functools.partialmethod(requests.Session.request, timeout=10)`, which
    every session (and `requests.get`, which builds one) then calls."""
    value = node.value
    if any(resolver.qualified_name(target.target) in SESSION_ENTRIES for target in node.targets):
        return isinstance(value, cst.Call) and resolver.qualified_name(value.func) == "functools.partialmethod" \
            and (given := keyword(value, "timeout")) is not None and not is_none(given.value)
    if not any(resolver.qualified_name(target.target) == TIMEOUT_SAUCE for target in node.targets):
        return False
    if isinstance(value, cst.Call) and resolver.qualified_name(value.func) == "functools.partial":
        args = positional(value)
        return bool(args) and resolver.qualified_name(args[0].value) in _TIMEOUT_BASES and any(
            arg.keyword is not None and arg.keyword.value in _TIMEOUT_FIELDS and not is_none(arg.value) for arg in value.args)
    name = resolver.qualified_name(value)
    node_class = local_class(resolver, name)
    if node_class is None or not any(local_subclass_of(resolver, name, base) for base in _TIMEOUT_BASES):
        return False
    return any(isinstance(inner, cst.SimpleString) and inner.evaluated_value in _TIMEOUT_FIELDS
               or isinstance(inner, cst.Arg) and inner.keyword is not None and inner.keyword.value in _TIMEOUT_FIELDS
               for inner in descendants(node_class.body, stop_at=()))


# Tag of a project function that returns a requests session it mounted a timeout-setting adapter on.
RETURNS_TIMEOUT_SESSION = "returns-timeout-session"
# Its subject prefix on a requests call whose session a parameter holds, injected from a factory
# (FastAPI's `session = Depends(get_session)`): the factory's qualified name follows.
INJECTED_BY = "injected-by:"
DEPENDS = frozenset({"fastapi.Depends", "fastapi.params.Depends"})


def returns_timeout_session(function: cst.FunctionDef, resolver: Resolver) -> bool:
    """`function` mounts an adapter of the project's own on a session (`session.mount("https://",
    TimeoutHTTPAdapter(...))`; requests' `HTTPAdapter` sets no timeout, a class of this module must
    mention one) and returns that session: every session it makes has a default deadline."""
    returned = {found.value.value for found in descendants(function.body)
                if isinstance(found, cst.Return) and isinstance(found.value, cst.Name)}
    for call in descendants(function.body):
        if not (isinstance(call, cst.Call) and isinstance(call.func, cst.Attribute) and call.func.attr.value == "mount"
                and isinstance(call.func.value, cst.Name) and call.func.value.value in returned):
            continue
        args = positional(call)
        adapter = args[1].value if len(args) > 1 else getattr(keyword(call, "adapter"), "value", None)
        if adapter is None:
            continue
        kind = resolver.qualified_name(adapter.func) if isinstance(adapter, cst.Call) else resolver.instance_type(adapter)
        local = local_class(resolver, kind)
        if kind is not None and kind not in HTTP_ADAPTER and (local is None or "timeout" in _code(local)):
            return True
    return False


def _code(node: cst.CSTNode) -> str:
    return cst.Module(body=[]).code_for_node(node)


def injected_factory(resolver: Resolver, function: Optional[cst.FunctionDef], receiver: Optional[cst.BaseExpression]) -> Optional[str]:
    """The factory a parameter holding the receiver is injected from (`session = Depends(get_session)`)."""
    if function is None or not isinstance(receiver, cst.Name):
        return None
    params = function.params
    for param in (*params.posonly_params, *params.params, *params.kwonly_params):
        default = param.default
        if param.name.value == receiver.value and isinstance(default, cst.Call) and default.args \
                and resolver.qualified_name(default.func) in DEPENDS:
            return resolver.qualified_name(default.args[0].value)
    return None
