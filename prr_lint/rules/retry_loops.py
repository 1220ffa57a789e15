"""Hand-rolled retry loops, recognised once for PRR504 (how they retry) and PRR107 (how they give up).

A retry loop is a `while` loop or a counted `for ... in range(...)` / `itertools.count()` loop
whose body tries something that talks to a dependency, leaves the loop when it succeeds (a
`break` or `return` at the top level of the `try` or its `else`), and goes round again when it
fails. A success exit nested in an `if` marks a polling loop instead; a loop whose failed rounds
change what the next round tries (another slug, the next server) is a search; a loop that reads
the state afresh each round and retries only the one error its handler tests for (every other is
raised) is optimistic concurrency: the failure was a lost race, and the next round works on the
new state, and so is a loop that retries only the database's answer that a write lost a race (a
constraint conflict, a serialization failure or deadlock, by class or by a test of the caught
error: rules/lost_races.py); a loop whose every call names a loopback address waits for a process of this host (one
the code just started) to listen; a loop whose every path leaves in its first round (a `return`
after the `try` in the loop) runs once. None of them is a retry of a failing dependency. The serving side
of a client library (aiohttp.web's request websocket) is no dependency, and neither is building a
client whose constructor opens no connection (`Redis(host=...)`, a SQLAlchemy engine, a gRPC channel), reading a
channel's state, or a socket's local calls (binding it to find a free port, clients.py `SENDS_NOTHING`): a loop
around that alone retries nothing the network can fail. Nor is waiting again on the same pending future (`asyncio.wait_for(asyncio.shield(self._fut), 60)`
after a timeout): nothing is sent again, nor when it waits on an event (the try is the loop's pause; an
event only the project types leaves the finding pending on `EVENT_WAIT`). Nor is a loop whose every handler that goes round again
catches only a server's answer that it is up and still starting (`STILL_STARTING`: Redis's
`BusyLoadingError` while it loads its dataset): the server answers at once, and the state ends by itself.
Nor is a loop whose handlers go round again only on a call a signal interrupted (EINTR), every other error
raised: the call is made again, nothing failed.
"""

from __future__ import annotations

from typing import Iterator, List, Optional, Set, Tuple, Union

import libcst as cst

import prr_lint.rules.clients as cl
from prr_lint.receivers import held
from prr_lint.resolve import Resolver
from prr_lint.rules.clients import is_stub_class
from prr_lint.rules.handlers import FILE_ERRORS, caught_names, is_dependency_error
from prr_lint.rules.local_calls import call_targets
from prr_lint.rules.lost_races import retries_races_only
from prr_lint.rules.pauses import event_wait
from prr_lint.socket_targets import loopback
from prr_lint.statement_shapes import ends_first_round
from prr_lint.tree import SCOPE_NODES, KindOf, assigned_in, descendants, dotted_name, flat_statements, handler_name, names_in

# Calls that reach a dependency, by the prefix of their resolved name.
OUTBOUND_PREFIXES = (
    "requests.", "httpx.", "urllib.request.", "urllib3.", "aiohttp.", "http.client.", "redis.", "aioredis.",
    "pycurl.", "smtplib.", "ftplib.", "socket.", "psycopg2.", "psycopg.", "pymysql.", "MySQLdb.", "asyncpg.",
    "sqlalchemy.", "pymongo.", "motor.", "boto3.", "botocore.", "elasticsearch.", "kafka.", "confluent_kafka.",
    "pika.", "kombu.", "grpc.", "google.cloud.", "stripe.", "openai.", "twilio.", "slack_sdk.",
)
# The serving side of a client library: a request's websocket (`ws.receive()`) is no dependency.
SERVER_SIDE = ("aiohttp.web.", "aiohttp.web_ws.", "aiohttp.web_request.")
# Calls that end the process: a loop that calls one on its deadline is bounded.
PROCESS_EXITS = frozenset({"builtins.exit", "builtins.quit", "sys.exit", "os._exit"})
_WAIT_FOR, _SHIELD = "asyncio.wait_for", "asyncio.shield"
# A server's answer that it is up and still starting: Redis's LOADING (its dataset is being read
# from disk), PostgreSQL's 57P03 "the database system is starting up" (psycopg, asyncpg), resolved.
STILL_STARTING = frozenset({
    "redis.exceptions.BusyLoadingError", "redis.BusyLoadingError",
    "aioredis.exceptions.BusyLoadingError", "aioredis.BusyLoadingError",
    "psycopg2.errors.CannotConnectNow", "psycopg.errors.CannotConnectNow",
    "asyncpg.exceptions.CannotConnectNowError", "asyncpg.CannotConnectNowError",
})
# A call a signal cut short (PEP 475 retries most of them since Python 3.5): the errno, and its class.
_EINTR, _INTERRUPTED = "errno.EINTR", "builtins.InterruptedError"
Loop = Union[cst.For, cst.While]
TryNode = Union[cst.Try, cst.TryStar]
# The pending condition of a finding at a loop whose attempt only waits on `<receiver>.wait()`, a receiver
# only the project can type (project/event_waits.py). Subjects: the receiver expression, the next
# condition, then its subjects.
EVENT_WAIT = "unless-event-wait"


def in_own_loop(root: cst.CSTNode) -> Iterator[cst.CSTNode]:
    """Nodes below `root` that belong to its loop: not in nested loops or definitions."""
    return descendants(root, stop_at=(*SCOPE_NODES, cst.For, cst.While))


def each_round(loop: Loop) -> Iterator[cst.CSTNode]:
    """The nodes a loop runs every round: its body's, and a `while` test's (`while not stop.wait(10):`
    pauses before each round)."""
    yield from in_own_loop(loop.body)
    if isinstance(loop, cst.While):
        yield loop.test
        yield from in_own_loop(loop.test)


def forever(loop: cst.While) -> bool:
    test = loop.test
    return (isinstance(test, cst.Name) and test.value == "True") or (isinstance(test, cst.Integer) and test.evaluated_value != 0)


def always_leaves(handler: cst.CSTNode) -> bool:
    body = flat_statements(handler.body)  # type: ignore[attr-defined]
    return bool(body) and isinstance(body[-1], (cst.Raise, cst.Return, cst.Break))


def is_outbound(call: cst.Call, resolver: Resolver) -> bool:
    name = resolver.qualified_name(call.func)
    if name is not None and name.startswith(SERVER_SIDE):
        return False
    if name in cl.SENDS_NOTHING:  # `Redis(host=...)` only builds the client, `channel.get_state()` reads: nothing is sent
        return False
    if name is not None and (name in cl.TIMEOUT_SPECS or name.startswith(OUTBOUND_PREFIXES)):
        return True
    if isinstance(call.func, cst.Attribute):
        receiver = call.func.value
        if isinstance(receiver, cst.Attribute) and call.func.attr.value in ("future", "with_call"):
            receiver = receiver.value
        if is_stub_class(resolver.instance_type(receiver)):
            return True
        # a client of no known class, made by a dependency's factory (`boto3.client("lambda")`), unless the
        # method is one of that class's calls that send nothing (`socket.socket(...).bind(("", 0))`)
        maker = resolver.made_by(receiver) or ""
        return maker.startswith(OUTBOUND_PREFIXES) and f"{maker}.{call.func.attr.value}" not in cl.SENDS_NOTHING
    return False


def loop_kind(loop: Loop, resolver: Resolver) -> Optional[Tuple[bool, Set[str]]]:
    """(bounded, loop variables) of a loop shaped like a retry loop, else None: not a loop whose
    every path leaves on the first round (statement_shapes.ends_first_round), which runs once."""
    if ends_first_round(loop):
        return None
    if isinstance(loop, cst.While):
        return not forever(loop), set()
    it = loop.iter
    name = resolver.qualified_name(it.func) if isinstance(it, cst.Call) else None
    if name not in ("builtins.range", "itertools.count"):
        return None
    return name == "builtins.range", names_in(loop.target)


def attempt(loop: Loop, resolver: Resolver) -> Optional[TryNode]:
    """The try of a retry loop (see the module doc), or None."""
    for stmt in flat_statements(loop.body):
        if isinstance(stmt, (cst.Try, cst.TryStar)) and _is_attempt(stmt, loop, resolver):
            return stmt
    return None


def retried_handlers(node: TryNode) -> List[cst.CSTNode]:
    return [handler for handler in node.handlers if not always_leaves(handler)]


def _is_attempt(node: TryNode, loop: Loop, resolver: Resolver) -> bool:
    success = [*flat_statements(node.body), *(flat_statements(node.orelse.body) if node.orelse is not None else ())]
    if not any(isinstance(small, (cst.Break, cst.Return)) for small in success):
        return False
    if _local_only(node, resolver) or _builds_only(node, resolver) or _waits_again(node, resolver):
        return False
    retried = retried_handlers(node)
    if not retried or _tries_alternatives(node, retried, loop) or _lost_race(node, retried, loop):
        return False
    if all(_still_starting(handler, resolver) for handler in retried):
        return False  # the dependency is up and still loading: a wait for it to finish, not a retry
    if all(_interrupted_only(handler, resolver) for handler in retried):  # type: ignore[arg-type]
        return False  # a call a signal cut short, made again: nothing failed
    statements = flat_statements(loop.body)
    after = statements[statements.index(node) + 1:] if node in statements else []
    if retries_races_only(retried, after, resolver):  # type: ignore[arg-type]
        return False  # a write that lost a race, redone at once (rules/lost_races.py)
    caught = [name for handler in retried for name in caught_names(handler, resolver)]  # type: ignore[arg-type]
    # OSError alone is as much a local file or a signal (EINTR) as a dependency (a unique
    # constraint violation is a conflict: is_dependency_error leaves it out).
    if any(is_dependency_error(name) and name not in FILE_ERRORS for name in caught):
        return True
    return any(isinstance(call, cst.Call) and is_outbound(call, resolver) for call in in_own_loop(node.body))


def _still_starting(handler: cst.CSTNode, resolver: Resolver) -> bool:
    """The handler catches only a server's answer that it is still starting (`STILL_STARTING`)."""
    caught = caught_names(handler, resolver)  # type: ignore[arg-type]
    return bool(caught) and all(name in STILL_STARTING for name in caught)


def _interrupted_only(handler: cst.ExceptHandler, resolver: Resolver) -> bool:
    """The handler goes round again only when a signal interrupted the call (`EINTR`): it catches only
    `InterruptedError`, or begins `if e.errno != errno.EINTR: raise`, every other error leaving the loop."""
    caught = caught_names(handler, resolver)
    if caught and all(name == _INTERRUPTED for name in caught):
        return True
    bound = handler_name(handler)
    body = flat_statements(handler.body)
    first = body[0] if body else None
    if bound is None or not isinstance(first, cst.If) or first.orelse is not None or not isinstance(first.test, cst.Comparison):
        return False
    inner = flat_statements(first.body)
    test = first.test
    compared = (test.left, *(target.comparator for target in test.comparisons))
    return (len(inner) == 1 and isinstance(inner[0], cst.Raise) and len(test.comparisons) == 1
            and isinstance(test.comparisons[0].operator, (cst.NotEqual, cst.IsNot, cst.NotIn))
            and any(bound in names_in(side) for side in compared)
            and any(resolver.qualified_name(node) == _EINTR for side in compared for node in (side, *descendants(side))
                    if isinstance(node, (cst.Name, cst.Attribute))))


def _local_only(node: TryNode, resolver: Resolver) -> bool:
    """Every call the attempt makes names a loopback address (`open_connection(host="127.0.0.1",
    port=...)`), or every client call it makes does, directly or through a local name built from
    one (`url = "http://localhost:" + port; requests.get(url)`), or every call that reaches out
    (a socket's `connect(("localhost", port))`) connects to one: it waits for a process of this
    host to listen, one the code just started, not for a remote dependency to recover."""
    calls = [inner for inner in in_own_loop(node.body) if isinstance(inner, cst.Call)]
    if calls and all(any(loopback(arg.value) for arg in call.args) for call in calls):
        return True
    clients = [call for call in calls if _client_call(call, resolver)]
    if clients and all(any(loopback(arg.value, resolver) for arg in call.args) for call in clients):
        return True
    # every call that reaches out connects to a loopback socket address (`sock.connect(("localhost", port))`)
    outbound = [call for call in calls if is_outbound(call, resolver)]
    return bool(outbound) and all(any(loopback(target, resolver) for target in call_targets(call)) for call in outbound)


def _builds_only(node: TryNode, resolver: Resolver) -> bool:
    """The attempt only builds a client whose constructor opens no connection (`return Redis(host=host)`,
    its arguments aside): whatever it catches, no network failure can reach it there."""
    calls = [inner for inner in in_own_loop(node.body) if isinstance(inner, cst.Call)]
    built = [call for call in calls if resolver.qualified_name(call.func) in cl.SENDS_NOTHING]
    arguments = {id(inner) for call in built for arg in call.args for inner in (arg.value, *descendants(arg.value))}
    return bool(built) and all(call in built or id(call) in arguments for call in calls)


def _waits_again(node: TryNode, resolver: Resolver) -> bool:
    """Every call of the attempt waits, with a timeout, on an awaitable that exists before the round
    (`asyncio.wait_for(asyncio.shield(self._fut), 60)`, a name or attribute, shielded or not): a timeout
    leaves that work where it was and the next round waits on it again. Nothing is sent again. So is
    an event's `wait()` (`asyncio.wait_for(stop.wait(), timeout=10)`, rules/pauses.py): the attempt is the
    loop's pause, its timeout the way a round ends."""
    return _timed_waits(node, resolver) == []


def untyped_wait(node: TryNode, resolver: Resolver) -> Optional[cst.BaseExpression]:
    """The receiver of the attempt's one timed `<receiver>.wait()` (`asyncio.wait_for(server.stop_event.wait(),
    timeout=60)`) when the module cannot type that receiver and the attempt does nothing else: if the
    project types it as an event (rules/pauses.py `EVENTS`), the attempt is the loop's pause, as in
    `_waits_again`."""
    receivers = _timed_waits(node, resolver)
    return receivers[0] if receivers is not None and len(receivers) == 1 else None


def pending_on_wait(attempt: Optional[TryNode], resolver: Resolver, condition: str,
                    subjects: Tuple[str, ...]) -> Tuple[str, Tuple[str, ...]]:
    """The condition and subjects of a finding at a retry loop: `EVENT_WAIT` before `condition` when
    the attempt only waits on a receiver the project may type as an event (`untyped_wait`)."""
    waited = untyped_wait(attempt, resolver) if attempt is not None else None
    expr = held(resolver, waited, resolver.scope) if waited is not None else None
    return (EVENT_WAIT, (expr, condition, *subjects)) if expr is not None else (condition, subjects)


def _timed_waits(node: TryNode, resolver: Resolver) -> Optional[List[cst.BaseExpression]]:
    """None unless every call of the attempt waits again as `_waits_again` says, or on a `<receiver>.wait()`
    (no arguments) whose receiver the module cannot type; those receivers."""
    calls = [inner for inner in in_own_loop(node.body) if isinstance(inner, cst.Call)]
    waits = [call for call in calls if resolver.qualified_name(call.func) == _WAIT_FOR]
    covered = {id(call) for call in waits}
    untyped: List[cst.BaseExpression] = []
    for call in waits:
        args = cl.positional(call)
        awaited = args[0].value if args else None
        if isinstance(awaited, cst.Call) and resolver.qualified_name(awaited.func) == _SHIELD and cl.positional(awaited):
            covered.add(id(awaited))
            awaited = cl.positional(awaited)[0].value
        if isinstance(awaited, cst.Call) and event_wait(awaited, resolver):
            covered.add(id(awaited))
        elif _untyped_wait(awaited, resolver):
            covered.add(id(awaited))
            untyped.append(awaited.func.value)  # type: ignore[union-attr]
        elif not isinstance(awaited, (cst.Name, cst.Attribute)):
            return None
    return untyped if waits and all(id(call) in covered for call in calls) else None


def _untyped_wait(expr: Optional[cst.BaseExpression], resolver: Resolver) -> bool:
    """`<receiver>.wait()` with no arguments, on a receiver of no class the module knows."""
    return (isinstance(expr, cst.Call) and not expr.args and isinstance(expr.func, cst.Attribute)
            and expr.func.attr.value == "wait" and resolver.instance_type(expr.func.value) is None)


def _client_call(call: cst.Call, resolver: Resolver) -> bool:
    """A call of a client library's own function (`requests.get`), not a method of its result."""
    name = resolver.qualified_name(call.func)
    return name is not None and (name in cl.TIMEOUT_SPECS or name.startswith(OUTBOUND_PREFIXES))


def _tries_alternatives(node: TryNode, handlers: List[cst.CSTNode], loop: Loop) -> bool:
    """Each round tries something else: the handler changes, or the loop counts, a value the
    attempt uses."""
    changed: Set[str] = set()
    for handler in handlers:
        changed |= assigned_in(handler)
    if isinstance(loop, cst.For):
        changed |= names_in(loop.target)
    used = {inner.value for inner in descendants(node.body) if isinstance(inner, cst.Name)}
    used |= {inner.attr.value for inner in descendants(node.body) if isinstance(inner, cst.Attribute)}
    return bool(changed & used)


def _lost_race(node: TryNode, handlers: List[cst.CSTNode], loop: Loop) -> bool:
    """Optimistic concurrency: the round reads, before its `try`, values the attempt writes from,
    and each handler raises every error but the one it tests for (`if code != "Conflict": raise`)."""
    read: Set[str] = set()
    for statement in flat_statements(loop.body):
        if statement is node:
            break
        value = getattr(statement, "value", None)
        if isinstance(statement, (cst.Assign, cst.AnnAssign)) and value is not None and any(
            isinstance(inner, cst.Call) for inner in (value, *descendants(value))
        ):
            targets = [t.target for t in statement.targets] if isinstance(statement, cst.Assign) else [statement.target]
            read |= {name for target in targets for name in names_in(target)}
    used = {inner.value for inner in descendants(node.body) if isinstance(inner, cst.Name)}
    return bool(read & used) and all(_raises_all_but_one(handler) for handler in handlers)


def _raises_all_but_one(handler: cst.CSTNode) -> bool:
    """The handler's first statement is `if <test on the error>: raise`: it keeps one kind of error."""
    body = flat_statements(handler.body)  # type: ignore[attr-defined]
    first = body[0] if body else None
    if not isinstance(first, cst.If) or first.orelse is not None:
        return False
    inner = flat_statements(first.body)
    return len(inner) == 1 and isinstance(inner[0], cst.Raise)


def retries_once(node: TryNode) -> bool:
    """Every handler that goes round again does so once: it tests a flag that it sets before the
    retry and leaves the loop when the flag is already set (`if not reconnected: reconnect();
    reconnected = e` / `else: raise`), so the call runs at most twice, as `for _ in range(2)`."""
    handlers = retried_handlers(node)
    return bool(handlers) and all(any(_flag_guard(statement) for statement in flat_statements(h.body)) for h in handlers)  # type: ignore[attr-defined]


def _flag_guard(statement: cst.CSTNode) -> bool:
    if not isinstance(statement, cst.If) or not isinstance(statement.orelse, cst.Else):
        return False
    tested = references(statement.test)
    branches = (statement.body, statement.orelse.body)
    for retry, leave in (branches, branches[::-1]):
        if tested & assigned_references(retry) and any(isinstance(small, (cst.Raise, cst.Return, cst.Break)) for small in flat_statements(leave)):
            return True
    return False


def references(expr: cst.CSTNode) -> Set[str]:
    """`flag` and `self.flag` as written, for the names and attributes `expr` reads."""
    return {name for node in (expr, *descendants(expr)) if isinstance(node, (cst.Name, cst.Attribute))
            for name in [dotted_name(node)] if name is not None and name not in ("self", "cls")}


# assigned_references' questions, asked of every node below a loop: by exact type (tree.KindOf), not ABC isinstance
_IS_ASSIGN, _IS_OTHER_ASSIGN = KindOf(cst.Assign), KindOf(cst.AugAssign, cst.AnnAssign)


def assigned_references(root: cst.CSTNode, kinds: Tuple[type, ...] = (cst.Assign, cst.AugAssign, cst.AnnAssign)) -> Set[str]:
    """The names and attributes, as written, that statements of `kinds` below `root` assign."""
    found: Set[str] = set()
    for node in descendants(root):
        kind = type(node)
        if _IS_ASSIGN[kind] and cst.Assign in kinds:
            found |= {dotted_name(target.target) or "" for target in node.targets}
        elif _IS_OTHER_ASSIGN[kind] and kind in kinds:
            found.add(dotted_name(node.target) or "")
    return found - {""}


def success_nodes(node: TryNode) -> Set[int]:
    """ids of the nodes on the attempt's success path (its body and `else`)."""
    found = set(map(id, in_own_loop(node.body)))
    if node.orelse is not None:
        found |= set(map(id, in_own_loop(node.orelse)))
    return found


def exits_outside(loop: Loop, node: TryNode, kinds: Tuple[type, ...] = (cst.Raise, cst.Return, cst.Break),
                  resolver: Optional[Resolver] = None) -> bool:
    """A statement of `kinds` in the loop outside the attempt's success path: an attempt limit or a
    deadline (`if attempts > 5: raise`); with a resolver, a call that ends the process
    (`if waited > limit: sys.exit(msg)`) too."""
    success = success_nodes(node)
    for inner in in_own_loop(loop.body):
        if id(inner) in success:
            continue
        if isinstance(inner, kinds):
            return True
        if resolver is not None and isinstance(inner, cst.Call) and resolver.qualified_name(inner.func) in PROCESS_EXITS:
            return True
    return False


def returns_error(handler: cst.ExceptHandler) -> bool:
    """The handler gives the caught error back (`if attempt == last: return error`): the attempt that
    returns it hands the failure to the caller (a gRPC interceptor's continuation outcome raises
    there), so the loop does not give up silently."""
    bound = handler_name(handler)
    return bound is not None and any(
        isinstance(node, cst.Return) and isinstance(node.value, cst.Name) and node.value.value == bound
        for node in in_own_loop(handler.body)
    )


def after_failure(loop: Loop, node: TryNode) -> List[cst.CSTNode]:
    """The nodes of the loop's round after the attempt, which run only when it failed (its success
    leaves the loop): empty when a retried handler may `continue` past them."""
    statements = flat_statements(loop.body)
    position = next((i for i, statement in enumerate(statements) if statement is node), None)
    if position is None or any(isinstance(inner, cst.Continue) for h in retried_handlers(node) for inner in in_own_loop(h)):
        return []
    following = statements[position + 1 :]
    return [inner for statement in following for inner in (statement, *in_own_loop(statement))]
