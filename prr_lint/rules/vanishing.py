"""PRR107: dependency failures that vanish (checklist item PRR-ERR).

Two shapes that PRR101/PRR102 leave alone on purpose, because each looks fine on its own line:

* a handler that hands a dependency failure back to its caller as a status (`return False`,
  `return False, str(exc)`) without reporting it. That is a fine contract, unless the callers
  drop the status: the project phase (project/vanishing.py) keeps the finding only when a
  function on a serving path calls it as a statement, and names those callers in `related`;
* a retry loop that, once its attempts are exhausted, falls through to `return None` (or to the
  end of the function) without raising or reporting anything.
"""

from __future__ import annotations

from typing import List, Optional, Set, Tuple, Union

import libcst as cst

import prr_lint.rules.retry_loops as loops
from prr_lint.dispatch import dispatched_names
from prr_lint.model import Severity
from prr_lint.none_checks import accepted
from prr_lint.resolve import Resolver
from prr_lint.rules.base import Example, Rule
from prr_lint.rules.handlers import (
    BROAD_EXCEPTIONS,
    FILE_ERRORS,
    PROBE_FUNCTIONS,
    HandlerFacts,
    analyse_handler,
    caught_names,
    is_dependency_error,
)
from prr_lint.rules.verdicts import handler_verdict
from prr_lint.sinks import WARNING, log_level, reports_error
from prr_lint.tree import assigned_in, descendants, flat_statements

IGNORED_FAILURE = "ignored-failure"
# Pending condition of a retry loop that gives up silently: subjects are the function, the tags of a
# caller's test that catches its give-up value (none_checks.py), the failed attempts' callees.
GAVE_UP = "unless-callers-raise-on-empty"
# Callee names that are never the project's own (a statement call to them discards nothing we track).
_LIBRARY_STATEMENTS = ("logging.", "structlog.", "loguru.", "builtins.", "warnings.", "time.", "os.", "sys.", "json.")
TryNode = Union[cst.Try, cst.TryStar]
# Exceptions that ask a loop to stop rather than report a failure.
_CANCELLATIONS = frozenset({"asyncio.CancelledError", "asyncio.exceptions.CancelledError", "concurrent.futures.CancelledError",
                            "builtins.KeyboardInterrupt", "builtins.SystemExit", "builtins.GeneratorExit"})


def discarded_call(node: cst.Expr, resolver: Resolver) -> Tuple[str, ...]:
    """The callees of a call made as a statement (`notify(x)`, `await notify(x)`): its result is dropped."""
    return _project_callees(node.value, resolver)


def returned_call(node: cst.Return, resolver: Resolver) -> Tuple[str, ...]:
    """The callees whose result a `return f(...)` / `return await f(...)` hands on as it is."""
    return _project_callees(node.value, resolver)


def _project_callees(value: Optional[cst.BaseExpression], resolver: Resolver) -> Tuple[str, ...]:
    """The resolved callee of `f(...)` / `await f(...)`, unless it is a library's (whose result we do not
    track); for a call through a dispatch table (`PROVIDERS[kind].send(...)`), each candidate."""
    if isinstance(value, cst.Await):
        value = value.expression
    if not isinstance(value, cst.Call):
        return ()
    name = resolver.qualified_name(value.func)
    names = (name,) if name is not None else dispatched_names(value.func, resolver)
    return tuple(name for name in names if not name.startswith(_LIBRARY_STATEMENTS))


def _is_false(expr: Optional[cst.BaseExpression]) -> bool:
    return isinstance(expr, cst.Name) and expr.value in ("False", "None")


def _failure_status(statement: cst.CSTNode) -> Optional[str]:
    """`return False` or `return False, message` (a status the caller must check), as shown."""
    if not isinstance(statement, cst.Return):
        return None
    value = statement.value
    if isinstance(value, cst.Name) and value.value == "False":
        return "False"
    if isinstance(value, cst.Tuple) and value.elements and _is_false(value.elements[0].value):
        return f"({value.elements[0].value.value}, ...)"  # type: ignore[attr-defined]
    return None


class VanishingFailure(Rule):
    """A dependency failure that nobody hears about.

    What it does
        Reports two ways a failed dependency call disappears:

        - a function that catches a dependency error (requests, SMTP, database, redis ...)
          and returns a failure status (`return False`, `return False, str(exc)`) without
          reporting it, when callers on a serving path call it as a statement and so drop the
          status. The finding is at the handler; `related` lists those callers;
        - a retry loop around a dependency call that, once its attempts are exhausted, falls
          through to `return None` (or to the end of the function) without raising, and whose
          failed attempts report nothing.

        Callers are followed through functions that return the status as it is (`return
        send(...)`), including a call through a module-level dispatch table (`PROVIDERS =
        {"smtp": SmtpProvider, ...}`, then `PROVIDERS.get(kind).sendmail(...)` or
        `PROVIDERS[kind]().send(...)`): the table's key is known only at run time, so each of
        its values is a candidate.

        A handler or loop whose failures are logged at warning level or above (or sent to an
        error tracker, or to a project function that does, or handed as the caught exception itself
        to first-party code the tree does not hold: a git submodule not checked out, PRR101) is not
        reported, nor is a function
        whose name says that failing quietly is its contract (`try_send`, `is_reachable` ...).
        A loop's failed round is reported when its handler logs it, or when the round logs it
        after the `try` (only a failed round gets there: success leaves the loop), and a loop
        whose handler returns the caught error (`if attempt == last: return error`) hands the
        failure to its caller instead of falling through. Building a client whose constructor opens
        no connection (`Redis(host=...)`, a redis pool, an `http.client` connection) is no dependency
        call: a loop around that alone retries nothing that can fail on the network; one that also
        sends a command through it (`Redis(...).ping()`) is a retry loop. Nor are a socket's local calls
        (`bind(("", 0))` to find a free port, `getsockname()`, `close()`); its `connect` is a dependency
        call. Nor is a loop whose empty
        answer every caller tells from a real one: the function has callers in the project, and each
        keeps its result and tests it (`if self._redis is None:`, `if not config:`; `is None` catches
        only None, `not x` an empty constant too) in an `if` that raises or logs at error level
        (none_checks.py, project/vanishing.py). An `if` that prints a message instead counts where
        the caller's output speaks to the operator rather than for the service, the code PRR401
        leaves alone: start-up code (raiden's sync check at node start, `print("Could not get
        blockchain information from blockcypher. Ignoring.")`), a command class, and in a run over
        a whole project code the running service does not reach. On a request's path such a
        print is no report, and the finding stays. One caller that uses the result as it is, or none
        found, keeps the finding. In a run over a whole project, callers in dead code (PRR501's:
        code no service source names beyond comments and tests, or that only such code calls) count
        for neither shape, and a function there is not reported: a call that is commented out
        (`# if audit(reply):`) drops no status and gives up for no one.

        One handler, one finding: a handler that an enabled PRR101-PRR104 reports (the status
        `return False, "mail failed"` is PRR102's fallback value too) is left to that rule, as
        PRR101-PRR104 leave a handler to the most specific of them; with those rules off, this
        rule reports it.

    Why is this bad?
        The request succeeds while its side effect failed: the user is told an e-mail is on its
        way while the mail relay is down, and no log, metric or alert says so. The failure is
        invisible until a user complains.

    Example
        def send_alert(to, text):
            try:
                relay.send(to, text)
            except smtplib.SMTPException as exc:
                return False, str(exc)
            return True, "sent"

        @app.post("/alerts")
        def create_alert():
            send_alert(owner, text)          # the status is dropped
            return {"notified": True}

    Use instead
        def send_alert(to, text):
            try:
                relay.send(to, text)
            except smtplib.SMTPException:
                log.exception("alert mail to %s failed", to)
                raise

    Options
        None yet.

    References
        PRR-ERR: "Does the service report all exceptional conditions that result in degraded
        responses or failures to the end users?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR107"
    name = "vanishing-failure"
    severity = Severity.ERROR
    checklist = ("PRR-ERR",)
    summary = "A dependency failure is handed back as a status that serving callers drop, or a retry loop gives up silently"
    service_only = True
    VALID = (
        # an endless reconnect loop: it ends only when its task is cancelled, a stop asked for, not a failure
        Example(
            "import asyncio\nimport logging\nimport aiohttp\n\nclass Feed:\n    def __init__(self, url):\n"
            "        self.url, self.session, self.ws = url, aiohttp.ClientSession(), None\n\n    async def connect(self):\n"
            "        while True:\n            try:\n                self.ws = await self.session.ws_connect(self.url)\n"
            "                return True\n            except aiohttp.ClientConnectorError:\n"
            "                logging.info('%s unreachable, retrying in 5s', self.url)\n                await asyncio.sleep(5)\n"
            "            except asyncio.CancelledError:\n                return False\n"
        ),
        Example(
            "import smtplib\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n\n"
            "def send(to):\n    try:\n        smtplib.SMTP('relay', 25, timeout=5).sendmail('a', [to], 'x')\n"
            "    except smtplib.SMTPException as exc:\n        return False, str(exc)\n    return True, 'sent'\n\n"
            "@bp.post('/a')\ndef a():\n    ok, error = send('x@y')\n    return {'sent': ok, 'error': error}\n"
        ),
        Example(
            "import time\nimport requests\n\ndef fetch(url):\n    for attempt in range(3):\n        try:\n"
            "            return requests.get(url, timeout=3).json()\n        except requests.RequestException:\n"
            "            time.sleep(2 ** attempt)\n    raise RuntimeError(f'{url} unavailable')\n"
        ),
        # each failed round is logged at error level after the `try`: the failure is reported
        Example(
            "import logging\nimport time\nimport requests\n\nlog = logging.getLogger(__name__)\n\n"
            "def fetch(url):\n    tries = 3\n    while tries > 0:\n        try:\n"
            "            return requests.get(url, timeout=3).json()\n        except requests.RequestException:\n"
            "            pass\n        log.error('%s unavailable, retrying', url)\n        time.sleep(1)\n        tries -= 1\n"
        ),
        # the last attempt returns the caught error: the caller gets the failure, not an empty answer
        Example(
            "import time\nimport grpc\n\nclass Retry(grpc.UnaryUnaryClientInterceptor):\n"
            "    def intercept_unary_unary(self, continuation, details, request):\n        for attempt in range(4):\n"
            "            try:\n                return continuation(details, request)\n            except grpc.RpcError as error:\n"
            "                if attempt == 3:\n                    return error\n                time.sleep(2 ** attempt)\n"
        ),
        # the loop only builds a client that connects on its first command: no dependency call is retried
        Example(
            "import time\nfrom redis import Redis, RedisError\n\ndef client(host):\n    n = 0\n    while n <= 3:\n        try:\n"
            "            return Redis(host=host, socket_timeout=5)\n        except RedisError:\n            time.sleep(2 ** n)\n"
            "        n += 1\n    return None\n"
        ),
        # binding local sockets until the OS gives a free port: nothing reaches another host (0: let the OS pick)
        Example(
            "import socket\n\ndef spare_port():\n    for _ in range(5):\n        sock = socket.socket()\n        try:\n"
            "            sock.bind(('', 0))\n            return sock.getsockname()[1]\n        except OSError:\n            pass\n"
            "        finally:\n            sock.close()\n    return 0\n"
        ),
    )
    INVALID = (
        # an endless loop gives up from inside: its `return None` after the fourth failure reports nothing
        Example(
            "import time\nimport requests\n\ndef fetch(url):\n    failures = 0\n    while True:  # expect: PRR107\n        try:\n"
            "            return requests.get(url, timeout=3).json()\n        except requests.RequestException:\n"
            "            failures += 1\n            if failures > 3:\n                return None\n            time.sleep(2 ** failures)\n"
        ),
        Example(
            "import smtplib\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n\n"
            "def send(to):\n    try:\n        smtplib.SMTP('relay', 25, timeout=5).sendmail('a', [to], 'x')\n"
            "    except smtplib.SMTPException as exc:  # expect: PRR107\n        return False, str(exc)\n"
            "    return True, 'sent'\n\n@bp.post('/a')\ndef a():\n    send('x@y')\n    return {'sent': True}\n"
        ),
        # through a dispatch table of providers: any of them may run, so each one's status counts
        Example(
            "import smtplib\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n\n"
            "class Smtp:\n    @staticmethod\n    def sendmail(to):\n        try:\n"
            "            smtplib.SMTP('relay', 25, timeout=5).sendmail('a', [to], 'x')\n"
            "        except smtplib.SMTPException as exc:  # expect: PRR107\n            return False, str(exc)\n"
            "        return True, 'sent'\n\nclass Null:\n    @staticmethod\n    def sendmail(to):\n        return True, 'dropped'\n\n"
            "PROVIDERS = {'smtp': Smtp, 'null': Null}\n\ndef sendmail(kind, to):\n    provider = PROVIDERS.get(kind)\n"
            "    return provider.sendmail(to)\n\n@bp.post('/reset')\ndef reset():\n    sendmail('smtp', 'x@y')\n"
            "    return {'info': 'a reset link is on its way'}\n"
        ),
        Example(
            "import time\nimport requests\n\ndef fetch(url):\n    for attempt in range(3):  # expect: PRR107\n        try:\n"
            "            return requests.get(url, timeout=3).json()\n        except requests.RequestException:\n"
            "            time.sleep(2 ** attempt)\n    return None\n"
        ),
        # the caller tests for the give-up value but goes on quietly
        Example(
            "import time\nimport requests\n\ndef height(url):\n    for attempt in range(3):  # expect: PRR107\n        try:\n"
            "            return requests.get(url, timeout=3).json()['height']\n        except requests.RequestException:\n"
            "            time.sleep(2 ** attempt)\n    return None\n\ndef check_synced(url, local):\n    target = height(url)\n"
            "    if target is None:\n        return\n    while local() < target:\n        time.sleep(3)\n"
        ),
        # the same loop, but each round sends a command through the client it builds
        Example(
            "import time\nfrom redis import Redis, RedisError\n\ndef client(host):\n    n = 0\n    while n <= 3:  # expect: PRR107\n        try:\n"
            "            return Redis(host=host, socket_timeout=5).ping()\n        except RedisError:\n            time.sleep(2 ** n)\n"
            "        n += 1\n    return None\n"
        ),
        # the socket connects to another host each round
        Example(
            "import socket\nimport time\n\ndef greeting(host):\n    for attempt in range(5):  # expect: PRR107\n"
            "        sock = socket.socket()\n        try:\n            sock.connect((host, 25))\n            return sock.recv(512)\n"
            "        except OSError:\n            time.sleep(2 ** attempt)\n        finally:\n            sock.close()\n    return b''\n"
        ),
        # the round after the `try` logs at info level only, and the last error is kept but not returned
        Example(
            "import logging\nimport time\nimport requests\n\nlog = logging.getLogger(__name__)\n\n"
            "def fetch(url):\n    for attempt in range(3):  # expect: PRR107\n        try:\n"
            "            return requests.get(url, timeout=3).json()\n        except requests.RequestException as error:\n"
            "            last = error\n        log.info('%s unavailable, retrying', url)\n        time.sleep(1)\n"
        ),
    )

    # ----- failure statuses -----

    def visit_Try(self, node: cst.Try) -> None:
        self._statuses(node)

    def visit_TryStar(self, node: cst.TryStar) -> None:
        self._statuses(node)

    def _statuses(self, node: TryNode) -> None:
        function = self.ctx.resolver.enclosing_function
        if function is None or PROBE_FUNCTIONS.match(function.qualname.rpartition(".")[2]):
            return
        for handler in node.handlers:
            body = flat_statements(handler.body)
            shape = _failure_status(body[-1]) if body else None
            if shape is None or not self._dependency_failure(node, handler):
                continue
            facts = self._unheard(handler)
            if facts is None or self._reported_by_handler_rules(node, handler):
                continue
            caught = caught_names(handler, self.ctx.resolver)[0].rpartition(".")[2]
            self.report(handler, f"`except {caught}` hands the failure back as `{shape}` without reporting it",
                        IGNORED_FAILURE, (function.qualname, *facts.callees))

    def _unheard(self, handler: cst.ExceptHandler) -> Optional[HandlerFacts]:
        """What a handler does, if the failure goes no further: not raised on, not reported at
        warning level or above (else None)."""
        facts = analyse_handler(handler, self.ctx)
        return None if facts.propagates or facts.reported(WARNING) else facts

    def _reported_by_handler_rules(self, node: TryNode, handler: cst.ExceptHandler) -> bool:
        """One finding per handler: PRR101-PRR104 speak first (`return False, "mail failed"` is
        PRR102's fallback value already)."""
        verdict = handler_verdict(self.ctx, node, handler)
        return verdict is not None and self.ctx.rule_enabled(verdict[0])

    def _dependency_failure(self, node: TryNode, handler: cst.CSTNode) -> bool:
        caught = caught_names(handler, self.ctx.resolver)  # type: ignore[arg-type]
        if any(is_dependency_error(name) and name not in FILE_ERRORS for name in caught):
            return True
        broad = any(name in BROAD_EXCEPTIONS for name in caught)
        return broad and any(isinstance(call, cst.Call) and loops.is_outbound(call, self.ctx.resolver)
                             for call in descendants(node.body))

    # ----- retry loops that give up silently -----

    def visit_For(self, node: cst.For) -> None:
        self._gives_up(node)

    def visit_While(self, node: cst.While) -> None:
        self._gives_up(node)

    def _gives_up(self, loop: loops.Loop) -> None:
        resolver = self.ctx.resolver
        function = next(self.ctx.functions(), None)
        ancestors = self.ctx.ancestors
        # Only a loop at the top of a function body: what follows it is the rest of the function.
        if function is None or len(ancestors) < 2 or ancestors[-2] is not function or PROBE_FUNCTIONS.match(function.name.value):
            return
        kind = loops.loop_kind(loop, resolver)
        attempt = loops.attempt(loop, resolver) if kind is not None else None
        if kind is None or attempt is None or not (kind[0] or loops.exits_outside(loop, attempt)):
            return
        if not any(isinstance(s, cst.Return) for s in flat_statements(attempt.body)) or loops.exits_outside(loop, attempt, (cst.Raise,)):
            return
        if self._failures_heard(loop, attempt):
            return
        callees, kept = [], set()
        for handler in loops.retried_handlers(attempt):
            facts = self._unheard(handler)  # type: ignore[arg-type]
            if facts is None:
                return
            callees.extend(facts.callees)
            kept |= assigned_in(handler)
        endless = self._endless_exits(loop, attempt)
        ending = self._silent_ending(loop, function, kept) if endless is None else self._silent_return(endless, kept)
        scope = resolver.enclosing_function
        if ending is None or scope is None:
            return
        # pending: every caller may test the result for the empty value and raise (project/vanishing.py)
        self.report(
            loop,
            f"this retry loop gives up after its last attempt by {ending[0]}, without raising or reporting the error: "
            "the caller cannot tell a failed dependency from an empty answer; raise (or log at error level) once the "
            "attempts are exhausted",
            GAVE_UP,
            (scope.qualname, "|".join(accepted(ending[1])), *dict.fromkeys(callees)),
            severity=Severity.WARNING,
        )

    def _failures_heard(self, loop: loops.Loop, attempt: TryNode) -> bool:
        """A retried handler returns the caught error (the attempt that does hands it on), or the round
        reports the failed attempt after its `try` at warning level or above (`logger.error("locked,
        retrying")` before the sleep): the failure does not vanish."""
        if any(loops.returns_error(handler) for handler in loops.retried_handlers(attempt)):  # type: ignore[arg-type]
            return True
        return any(isinstance(node, cst.Call) and reports_error(node, self.ctx.resolver, WARNING)
                   for node in loops.after_failure(loop, attempt))

    def _silent_ending(self, loop: loops.Loop, function: cst.FunctionDef, kept: Set[str]) -> Optional[Tuple[str, Optional[str]]]:
        """How the function ends after the loop when nothing after it raises or reports, and the source
        of the value it returns (None for none): only `pass`, debug/info logging and a plain `return`
        of a constant or a name may follow (not of what the failed attempts kept, such as the last error)."""
        statements = flat_statements(function.body)
        position = next((i for i, statement in enumerate(statements) if statement is loop), len(statements))
        following = statements[position + 1 :]
        if loop.orelse is not None:
            following = [*flat_statements(loop.orelse.body), *following]
        for statement in following:
            if isinstance(statement, cst.Pass):
                continue
            if isinstance(statement, cst.Expr) and isinstance(statement.value, cst.Call):
                level = log_level(statement.value, self.ctx.resolver)
                if level is not None and level < WARNING:
                    continue
                return None
            if isinstance(statement, cst.Return):
                returned = self._plain_return(statement, kept)
                return None if returned is None else (f"falling through to {returned[0]}", returned[1])
            return None
        return "falling off the end of the function", None

    def _endless_exits(self, loop: loops.Loop, attempt: TryNode) -> Optional[List[cst.Return]]:
        """The `return`s by which a `while True` loop with no `break` of its own gives up (None for any other
        loop): control never passes such a loop, so only its returns off the attempt's success path end it,
        not those under a handler of a cancellation only (`except asyncio.CancelledError: return False`: a stop
        asked for, not a failure: LedFx's websocket client, which reconnects every 5 s until cancelled)."""
        if not isinstance(loop, cst.While) or not loops.forever(loop):
            return None
        own = list(loops.in_own_loop(loop.body))
        if any(isinstance(node, cst.Break) for node in own):
            return None
        success = loops.success_nodes(attempt)
        stopped = {id(inner) for node in own if isinstance(node, cst.ExceptHandler) and _cancellation_only(node, self.ctx.resolver)
                   for inner in descendants(node)}
        return [node for node in own if isinstance(node, cst.Return) and id(node) not in success and id(node) not in stopped]

    def _silent_return(self, returns: List[cst.Return], kept: Set[str]) -> Optional[Tuple[str, Optional[str]]]:
        """How an endless loop gives up, when each `return` that ends it hands back a plain value (not the
        kept error): the first of them, inside the loop; None when none does, or one hands back more."""
        found = [self._plain_return(statement, kept) for statement in returns]
        if not found or any(returned is None for returned in found):
            return None
        shown, value = found[0]  # type: ignore[misc]
        return f"{shown} inside the loop", value

    def _plain_return(self, statement: cst.Return, kept: Set[str]) -> Optional[Tuple[str, Optional[str]]]:
        """(`return <value>` as shown, the value's source or None) of a return of a constant or a name, not of what
        the failed attempts kept (the last error) nor of a call; None otherwise."""
        value = statement.value
        if value is None:
            return "`return`", None
        plain = isinstance(value, (cst.Name, cst.List, cst.Dict, cst.Tuple, cst.SimpleString, cst.Integer))
        inner = [value, *descendants(value)]
        if not plain or any(isinstance(n, cst.Call) or (isinstance(n, cst.Name) and n.value in kept) for n in inner):
            return None
        shown = self.ctx.module.code_for_node(value)
        return f"`return {shown}`", shown


def _cancellation_only(handler: cst.ExceptHandler, resolver: Resolver) -> bool:
    """The handler catches only requests to stop (a task's cancellation, Ctrl-C, an exit), no failure."""
    return all(name in _CANCELLATIONS for name in caught_names(handler, resolver))
