"""PRR504: retries without backoff or without a bound (checklist item PRR-OVL).

Three shapes: retry decorators and objects of the retry libraries (tenacity, backoff), urllib3's
`Retry` (directly or as `HTTPAdapter(max_retries=N)`), and hand-rolled loops (rules/retry_loops.py
says which loops retry).
"""

from __future__ import annotations

from typing import List, Optional, Set, Tuple

import libcst as cst

import prr_lint.rules.clients as cl
from prr_lint.model import Severity
from prr_lint.paths import is_operator_path
from prr_lint.rules.base import Rule
from prr_lint.rules.called_waits import ANY_PAUSE, BOUNDED, GROWS, UNKNOWN, facts, on_calls
from prr_lint.rules.lost_races import names_races_only
from prr_lint.rules.passed_values import parameter_number
from prr_lint.rules.pauses import DAEMON_PAUSE, PATIENT_PAUSE, pause
import prr_lint.rules.retry_loops as loops
from prr_lint.rules.retry_loops import Loop
from prr_lint.rules.result_retries import retried_call
from prr_lint.rules.retry_objects import backoff_set_later, retried_classes
from prr_lint.rules.retry_rounds import rounds
from prr_lint.rules.retry_examples import INVALID as EXAMPLES_REPORTED, VALID as EXAMPLES_LEFT_ALONE
from prr_lint.tree import assigned_in, descendants

TENACITY_RETRY = frozenset({"tenacity.retry", "tenacity.Retrying", "tenacity.AsyncRetrying", "tenacity.asyncio.AsyncRetrying"})
# tenacity waits that never grow and never vary: no backoff, no jitter.
_FIXED_WAITS = frozenset({"tenacity.wait_fixed", "tenacity.wait.wait_fixed"})
_FLAT_WAITS = _FIXED_WAITS | {"tenacity.wait_none", "tenacity.wait.wait_none"}
_UNBOUNDED_STOPS = frozenset({"tenacity.stop_never", "tenacity.stop.stop_never"})
BACKOFF_DECORATORS = frozenset({"backoff.on_exception", "backoff.on_predicate"})
URLLIB3_RETRY = frozenset(
    {"urllib3.Retry", "urllib3.util.Retry", "urllib3.util.retry.Retry", "requests.adapters.Retry",
     "requests.packages.urllib3.util.retry.Retry", "requests.packages.urllib3.Retry"}
)
# Positional index of `backoff_factor` in urllib3 1.x's Retry (2.x has it one later).
_BACKOFF_FACTOR_POSITION = 7
HTTP_ADAPTERS = frozenset({"requests.adapters.HTTPAdapter", "requests.HTTPAdapter"})
# urllib3 retries on no status code (failed connections, timed-out idempotent reads) left alone at
# this many: see the class docstring.
_TRANSPORT_RETRIES = 2
# The pending condition of a finding whose function may turn out to be run by operator commands only
# (project/commands.py).
OUTSIDE_COMMANDS = "outside-commands"
# A subject after the function's name: a bounded retry with a constant pause, left alone when only a
# process's start-up runs it (project/start_up_waits.py).
START_UP_WAIT = "start-up-wait"


def _keyword_value(call: cst.Call, name: str) -> Optional[cst.BaseExpression]:
    arg = cl.keyword(call, name)
    return arg.value if arg is not None else None


def _is_zero(expr: Optional[cst.BaseExpression]) -> bool:
    if isinstance(expr, cst.Integer):
        return expr.evaluated_value == 0
    if isinstance(expr, cst.Float):
        return expr.evaluated_value == 0.0
    return isinstance(expr, cst.Name) and expr.value in ("False", "None")


class RetryWithoutBackoffOrBound(Rule):
    """A retry with no backoff, or with no bound.

    What it does
        Reports retries that hammer a failing dependency or never give up:

        - a hand-rolled retry loop around a dependency call (a `while` loop or a counted `for`
          whose `try` leaves the loop on success and goes round again on a dependency error)
          that does not sleep between attempts, sleeps a constant time (no backoff, no
          jitter), or has no bound at all (`while True` with no attempt limit or deadline),
          reported at the loop statement;
        - a loop that makes a dependency call, keeps its result and leaves only when a test of
          it passes (`if "timed out" not in payload["errorMessage"]: break`), making the same
          call again at once otherwise (a retry on a returned result, no exception involved).
          Not a read loop (each result consumed in the loop after the test: `buffer +=
          chunk`), a request's own websocket (the serving side: `aiohttp.web`), pagination (a name the loop assigns is an argument of the call: the next
          page) or a poll (it pauses between rounds);
        - `tenacity.retry` / `Retrying` without `stop` (tenacity's default retries forever),
          with `stop_never`, without `wait` (no pause at all) or with only `wait_fixed` /
          `wait_none`, reported at the decorator or call;
        - `backoff.on_exception` / `on_predicate` with neither `max_tries` nor `max_time`,
          or with a constant wait and `jitter=None`;
        - urllib3 `Retry(...)` without `backoff_factor` (or with 0), and
          `HTTPAdapter(max_retries=N)` with a plain number: retries without any pause. Not
          when at most two retries, none on a status code (no `status_forcelist`:
          `HTTPAdapter(max_retries=2)` is `Retry(total=2)`): urllib3 then retries only a
          connection that failed (refused or reset: the server did no work, or a stale
          pooled socket) or an idempotent request that timed out (the timeout was the
          pause); it honours a 429/503's `Retry-After`, and it never pauses before the first
          retry even with a backoff factor, so three attempts (the per-request limit the SRE
          book recommends) differ from the correct form by one pause. Nor when the code sets
          the policy's `backoff_factor` after building it, on the name or adapter that holds
          it (`adapter.max_retries.backoff_factor = random.random() * 5` before each send).

        A pause is a sleep, or a wait on an event with a timeout, the interruptible sleep of a
        loop a stop event ends (`await asyncio.wait_for(stop.wait(), timeout=10)`, a
        `threading.Event`'s `stop.wait(timeout=10)`, also as the loop's test `while not
        stop.wait(10)`, `asyncio.wait({...stop.wait()...}, timeout=10)`, where the resolver
        knows the object for an `asyncio.Event` or `threading.Event`): it pauses the timeout's
        length, constant when the timeout is and growing when it grows. A wait with no timeout
        (`await stop.wait()`), or on a process (`proc.wait()`), is no pause.
        A constant pause is what hurts when it is short or never ends: a retry storm needs many
        callers coming back in lockstep after short pauses. A bounded retry (an attempt limit or
        a deadline, tenacity's `stop`) whose every pause is a constant of a second or more (a
        number, a module constant, a parameter's default or the number every call of the function
        in its module passes, as a number or its own parameter's default: `time.sleep(60)` five times in a
        mailer thread, `sleep(interval=2)` until a 60 s deadline, `@retry(stop=
        stop_after_attempt(6), wait=wait_fixed(10))`) is not reported, one test for both forms
        whatever errors they retry: each caller makes at most one attempt a second, a bounded
        number of times, so it adds at most its attempt limit times its own request rate, spread
        over the pauses, which is no storm. Nor is a loop with no bound whose every pause is a constant of
        30 s or more (a daemon thread writing its status row again every minute until the
        database is back): two attempts a minute per caller hammer nothing, and a background
        loop that keeps trying is how it recovers. A pause taken by a function of the module that the loop calls
        (`_handle_retry(attempt, e)`, which logs and sleeps 5 s) is the loop's pause, as is one that a project function
        of any module, called in the loop's test or body, always takes, and a raise there past a counter or a clock is its
        bound (`with Pacer(pause=1, step=3, tries=6) as proceed: while proceed():`, whose `__call__` sleeps longer each
        time and raises after its tries: rules/called_waits.py). Still reported: a constant pause under a second or of unknown
        length, and one with no bound.

        Not reported: exponential or random waits (`wait_random_exponential`,
        `wait_exponential`, `backoff.expo` with its default full jitter, a sleep whose length
        grows with the attempt or calls `random`), `Retry(..., backoff_factor=0.5)`, and
        polling loops (whose exit is conditional), tenacity polls (`retry=
        retry_if_exception_type(JobStillRunning)` where the module raises that exception itself:
        the retried function says "not done yet", so a fixed wait is the polling cadence, not a
        pause after a failure), loops whose every call, or every call of a client library, names a
        loopback address (a literal, or a local name built from one: `url = "http://localhost:" +
        port`; or a socket's `connect(("localhost", port))`: waiting for a process of this host, one the code just started, to listen), loops whose attempt only
        builds a client whose constructor opens no connection (`return Redis(host=host)`, a gRPC
        channel, a SQLAlchemy engine: `create_engine(url)` connects when first used,
        `channel.get_state(try_to_connect=True)`: nothing is sent), loops that wait again
        on the same pending work after a timeout (`asyncio.wait_for(asyncio.shield(self._fut), 60)`
        until the answer comes: nothing is sent again) or on a stop event (`try: await
        asyncio.wait_for(stop.wait(), timeout=10); return` / `except asyncio.TimeoutError: pass`
        in a heartbeat: the try is the loop's pause, not an attempt; an event the project types, too:
        `server.stop_event.wait()` with `stop_event: asyncio.Event` annotated in another module's class,
        a refresh loop's pause), loops that go round again only on a
        server's answer that it is up and still starting (Redis's `BusyLoadingError` while it
        loads its dataset, PostgreSQL's `CannotConnectNow`: the state ends by itself), loops whose every path leaves in the first
        round (a `return` after the `try`, in the loop: it runs once), loops that retry once (`for _
        in range(2)`, a budget of two counted down, `retry = 2` / `while retry > 0:` / `retry -= 1`,
        or a handler that sets a flag before its retry and leaves when the flag is
        already set: `if not reconnected: reconnect(); reconnected = True` / `else: raise`),
        loops that make again only a call a signal interrupted (`except InterruptedError`, or `if
        e.errno != errno.EINTR: raise`: nothing failed),
        optimistic-concurrency loops (each round reads the state afresh
        before its `try` and the handler raises every error but the one it tests for: the
        failure was a lost race, retried at once on new state) and loops that retry only the
        database's answer that a write lost a race (a constraint conflict, SQLAlchemy's
        `StaleDataError`, a serialization failure, a deadlock victim, a lock wait; a bounded tenacity
        retry naming only such classes, or one its module raises only in handlers of them:
        `except IntegrityError as exc: raise CodeTaken() from exc`), whether the
        handler catches only those classes or catches wider and goes round again only under a
        test of the caught error that names one (`if "Deadlock found" in str(e): continue`,
        `if e.pgcode == "40P01"`), every other error leaving the loop. A loop that ends the process on
        its deadline (`sys.exit`) counts as bounded, and Django management commands (operator
        tools, run once) are left alone, as is any function that the serving scope puts outside
        the service and that only commands reach (click, typer, invoke, Flask CLI and management
        commands, console scripts, `__main__` blocks): a person waits on it, nothing shared is
        hammered. A retry that a task queue or scheduler runs (Celery, RQ, APScheduler ...) stays
        reported: its workers retry unattended, beside the service. Left alone: a loop in a root
        script (a top-level module nothing imports that works at module level: the
        wait-for-database script a container runs before the server). A helper that only the
        `if __name__ == "__main__":` block of its module calls is a program's, even when
        serving code imports the module (for a constant, a file list): importing never runs
        that block (a build script downloading assets while the image is built). A module that
        Terraform in its own directory names (`source_file = "${path.module}/refresh.py"`
        zipped into an `aws_lambda_function`) and that serving code never imports is
        infrastructure deployed as a function of its own, not the service: left alone.
        A start-up wait is left alone whatever its constant pause: a bounded retry (a loop with
        an attempt limit or a deadline, or tenacity with a `stop` and `wait_fixed`), whether it
        raises or carries on when its attempts run out, in a function that only a process's
        start-up reaches (app factories and the top level of modules the service imports:
        `AppSequence(app).start()` probing Elasticsearch four times, 30 s apart; a program's
        `main()` connecting to Postgres every half second until a deadline; a node checking a
        block explorer three times as it starts, then going on without it) and that no entry
        point, task, scheduled job or endless loop reaches. One process makes a bounded number
        of attempts once: no storm. So is a hand-rolled start-up loop with no bound whose every
        pause is a constant of a second or more (a migration job creating its indexes again every
        5 s until MongoDB answers): one attempt every few seconds from each starting process,
        which cannot do its work before the dependency is there. The same loop on a request or in
        a task, or with no bound and a shorter pause, stays reported.
        A retry with backoff but no bound is reported where a served request handler reaches it (a
        supervisor that keeps a consumer alive retries forever by design), not from the handlers of a
        router no app mounts (project/served_routes.py).

    Why is this bad?
        When a dependency is overloaded, clients that retry at once, or at the same fixed
        interval, multiply its load exactly when it can least take it, and synchronised
        retries arrive in waves. Retrying forever turns a dependency outage into stuck
        requests or workers. Backoff with jitter spreads retries out, and a bound lets the
        failure surface.

    Example
        for attempt in range(5):
            try:
                return requests.get(url, timeout=5).json()
            except requests.RequestException:
                time.sleep(0.5)

    Use instead
        @tenacity.retry(stop=tenacity.stop_after_attempt(5), wait=tenacity.wait_random_exponential(max=10))
        def fetch(url):
            return requests.get(url, timeout=5).json()

    Options
        None yet. Off by default (opt-in through `select`). Whether a retry loop can hurt its
        dependency depends on how many callers run it at once and on what the dependency can
        take, which the code rarely says (a start-up wait for the database, a broker ping, a
        few retries with a fixed pause): on services it was not tuned on, 7 of 16 findings were
        judged worth changing (four measurements).

    References
        PRR-OVL: "Every client that makes an RPC must implement exponential backoff (with
        jitter) for retries" (Site Reliability Engineering, appendix B); for each backend:
        "timeout, retry and error handling behavior" (appendix E).
    """

    code = "PRR504"
    name = "retry-without-backoff-or-bound"
    severity = Severity.WARNING
    checklist = ("PRR-OVL",)
    summary = "A retry loop, decorator or policy without backoff (no or constant wait) or without a bound"
    service_only = True
    default_enabled = False
    VALID = EXAMPLES_LEFT_ALONE
    INVALID = EXAMPLES_REPORTED

    # ----- libraries -----

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._operator = is_operator_path(ctx.path)
        self._raised: Optional[Set[str]] = None

    def visit_Decorator(self, node: cst.Decorator) -> None:
        if isinstance(node.decorator, cst.Call) or self._operator:
            return  # the call itself is visited
        if self.ctx.resolver.qualified_name(node.decorator) == "tenacity.retry":
            self._report(node.decorator, "`@retry` without arguments retries forever, at once: give it stop= and a "
                                        "randomised exponential wait= (wait_random_exponential)")

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.resolver.qualified_name(node.func) if not self._operator else None
        if name is None:
            return
        if name in TENACITY_RETRY:
            self._tenacity(node, name)
        elif name in BACKOFF_DECORATORS:
            self._backoff(node, name)
        elif name in URLLIB3_RETRY:
            self._urllib3(node)
        elif name in HTTP_ADAPTERS:
            retries = _keyword_value(node, "max_retries")
            if isinstance(retries, cst.Integer) and retries.evaluated_value > _TRANSPORT_RETRIES:
                self._report(node, f"`HTTPAdapter(max_retries={retries.value})` retries at once, with no pause: pass "
                                  "max_retries=Retry(total=..., backoff_factor=...)")

    def _tenacity(self, node: cst.Call, name: str) -> None:
        if cl.has_star_kwargs(node) or cl.positional(node):
            return
        stop = _keyword_value(node, "stop")
        unbounded = stop is None or self.ctx.resolver.qualified_name(stop) in _UNBOUNDED_STOPS
        wait = _keyword_value(node, "wait")
        pause = ""
        if not unbounded and names_races_only(retried_classes(node, self.ctx.resolver), self.ctx.module, self.ctx.resolver):
            return  # a write that lost a race, redone at once (rules/lost_races.py)
        if wait is None:
            pause = "does not wait between attempts (no wait=)"
        elif self._flat(wait) and not self._polls(node) and not (not unbounded and self._patient(self._fixed_waits(wait))):
            pause = "waits a fixed time (no backoff, no jitter)"
        problems = [part for part in (pause, "retries forever (no stop=)" if unbounded else "") if part]
        if not problems:
            return
        fixes = [fix for fix, needed in (("stop=stop_after_attempt(...) or stop_after_delay(...)", unbounded),
                                         ("wait=wait_random_exponential(...)", bool(pause))) if needed]
        message = f"`{name.rpartition('.')[2]}(...)` {' and '.join(problems)}: use {' and '.join(fixes)}"
        if pause:
            # a bounded retry with a fixed pause (tenacity raises when it gives up): no storm if only a
            # process's start-up runs it (class docstring)
            self._report(node, message, (START_UP_WAIT,) if wait is not None and not unbounded else ())
        else:
            self._report_unbounded(node, message)

    def _report(self, node: cst.CSTNode, message: str, marks: Tuple[str, ...] = (), attempt: Optional[loops.TryNode] = None,
                called: Tuple[str, ...] = ()) -> None:
        """Report, unless only operator commands run the enclosing function, or the module is a root
        script (a wait-for-database loop a container runs before the server), or (`START_UP_WAIT`) only
        a process's start-up runs it, or the loop's attempt waits on an event (retry_loops.pending_on_wait), or
        the project functions it calls pause or bound it (`called`: rules/called_waits.py): the project phase knows."""
        function = self.ctx.resolver.enclosing_function
        subjects = (function.qualname if function is not None else self.ctx.module_name, *marks)
        self.report(node, message, *on_calls(called, loops.pending_on_wait(attempt, self.ctx.resolver, OUTSIDE_COMMANDS, subjects)))

    def _report_unbounded(self, node: cst.CSTNode, message: str, attempt: Optional[loops.TryNode] = None,
                          called: Tuple[str, ...] = ()) -> None:
        """A retry with backoff but no bound: wrong where a request waits for it, by design in a
        supervisor that keeps a long-running listener or consumer alive (a function that loops
        forever itself). Only the project phase knows whether a request handler reaches it."""
        function = self.ctx.resolver.enclosing_function
        if function is None:
            return
        definition = next(self.ctx.functions(), None)
        if isinstance(node, cst.Call) and definition is not None and any(
            isinstance(inner, cst.While) and loops.forever(inner) for inner in loops.in_own_loop(definition.body)
        ):
            return
        subjects = (function.qualname, "a retry without a bound")
        self.report(node, message, *on_calls(called, loops.pending_on_wait(attempt, self.ctx.resolver, "serving-reachable", subjects)))

    def _polls(self, node: cst.Call) -> bool:
        """`retry=retry_if_exception_type(JobStillRunning)` where this module raises every exception
        named: the retried function signals "not done yet" itself, so the wait is a polling cadence."""
        resolver = self.ctx.resolver
        named = retried_classes(node, resolver)
        if not named:
            return False
        if self._raised is None:
            raises = [raised.exc for raised in descendants(self.ctx.module, ()) if isinstance(raised, cst.Raise) and raised.exc is not None]
            self._raised = {resolver.qualified_name(exc.func if isinstance(exc, cst.Call) else exc) or "" for exc in raises}
        return all(expr is not None and resolver.qualified_name(expr) in self._raised - {""} for expr in named)

    def _fixed_waits(self, wait: cst.BaseExpression) -> List[Optional[float]]:
        """The length of each `wait_fixed(N)` in a flat wait (None for one of unknown length, or a `wait_none()`)."""
        calls = [node for node in (wait, *descendants(wait)) if isinstance(node, cst.Call)]
        lengths = [(cl.positional(call)[0].value if cl.positional(call) else _keyword_value(call, "wait"), call) for call in calls]
        return [self._length(length) if length is not None and self.ctx.resolver.qualified_name(call.func) in _FIXED_WAITS
                else None for length, call in lengths]

    @staticmethod
    def _patient(lengths: List[Optional[float]]) -> bool:
        """Every pause of a bounded retry is a known constant of a second or more: no storm (class docstring).
        The one test for a tenacity `wait_fixed` and a hand-rolled loop's sleeps."""
        return bool(lengths) and all(length is not None and length >= PATIENT_PAUSE for length in lengths)

    def _flat(self, wait: cst.BaseExpression) -> bool:
        """Only fixed waits: every strategy called in the expression is wait_fixed or wait_none."""
        calls = [node for node in (wait, *descendants(wait)) if isinstance(node, cst.Call)]
        return bool(calls) and all(self.ctx.resolver.qualified_name(call.func) in _FLAT_WAITS for call in calls)

    def _backoff(self, node: cst.Call, name: str) -> None:
        if cl.has_star_kwargs(node):
            return
        shown = name.rpartition(".")[2]
        if cl.keyword(node, "max_tries") is None and cl.keyword(node, "max_time") is None:
            self._report_unbounded(node, f"`backoff.{shown}(...)` has neither max_tries nor max_time: it retries forever; bound it")
            return
        args = cl.positional(node)
        wait = args[0].value if args else _keyword_value(node, "wait_gen")
        jitter = cl.keyword(node, "jitter")
        if wait is not None and self.ctx.resolver.qualified_name(wait) == "backoff.constant" and jitter is not None and cl.is_none(jitter.value):
            self._report(node, f"`backoff.{shown}(backoff.constant, ..., jitter=None)` retries at a fixed interval with no "
                              "jitter: use backoff.expo with the default full jitter")

    def _urllib3(self, node: cst.Call) -> None:
        if cl.has_star_kwargs(node) or len(cl.positional(node)) > _BACKOFF_FACTOR_POSITION:
            return
        args = cl.positional(node)
        total = args[0].value if args else _keyword_value(node, "total")
        limit = 1 if cl.keyword(node, "status_forcelist") is not None else _TRANSPORT_RETRIES
        if _is_zero(total) or (isinstance(total, cst.Integer) and total.evaluated_value <= limit):
            return  # no retry, one retry at once, or a couple of transport retries (see _TRANSPORT_RETRIES)
        factor = cl.keyword(node, "backoff_factor")
        scope = next(self.ctx.functions(), None) or self.ctx.module
        if (factor is None or _is_zero(factor.value)) and not backoff_set_later(node, self.ctx.ancestors, scope):
            self._report(node, "`Retry(...)` without backoff_factor retries at once, with no pause: pass backoff_factor=... "
                              "(urllib3 2 also takes backoff_jitter=...)")

    # ----- hand-rolled loops -----

    def visit_For(self, node: cst.For) -> None:
        self._loop(node)

    def visit_While(self, node: cst.While) -> None:
        self._loop(node)

    def _loop(self, loop: Loop) -> None:
        resolver = self.ctx.resolver
        if (rounds(loop, resolver, next(self.ctx.functions(), None) or self.ctx.module) or 3) <= 2:
            return  # one retry at once (a stale connection), `range(2)` or a budget `retry = 2`: no storm
        kind = loops.loop_kind(loop, resolver) if not self._operator else None
        attempt = loops.attempt(loop, resolver) if kind is not None else None
        if kind is not None and attempt is None:
            self._result_retry(loop)
        if kind is None or attempt is None or loops.retries_once(attempt):
            return  # (one retry at once, as `for _ in range(2)`: no storm)
        bounded, varying = kind
        if not bounded:
            bounded = loops.exits_outside(loop, attempt, resolver=resolver)
        varying |= assigned_in(loop)
        marks: Tuple[str, ...] = ()
        sleeps = [node for node in loops.each_round(loop) if isinstance(node, cst.Call) and self._is_sleep(node)]
        helper_sleeps = self._helper_sleeps(loop)
        if not sleeps and not helper_sleeps:
            pause = "does not wait between attempts"
        elif all(self._constant(call, varying) for call in sleeps) and all(
                self._seconds(call, literal_only=True) is not None for call in helper_sleeps):
            sleeps = [*sleeps, *helper_sleeps]
            if bounded and self._patient([self._seconds(call) for call in sleeps]):
                return  # a few attempts, at most one a second per caller: no storm (see the class docstring)
            if all((self._seconds(call) or 0) >= DAEMON_PAUSE for call in sleeps):
                return  # a daemon trying again every half minute or more (see the class docstring)
            pause = "waits a constant time between attempts (no backoff, no jitter)"
            if bounded or self._patient([self._seconds(call) for call in sleeps]):
                # a few quick attempts, or one a second or slower until the dependency is there: no storm if
                # only a process's start-up runs it (class docstring)
                marks = (START_UP_WAIT,)
        elif bounded:
            return
        else:
            pause = ""
        called = facts(loop, attempt, BOUNDED if bounded else "", self._lengths(sleeps, helper_sleeps, varying), resolver, self.ctx.ancestors)
        parts = [part for part in (pause, "" if bounded else "never gives up (no attempt limit or deadline)") if part]
        message = (f"this retry loop {' and '.join(parts)}: retry with exponential backoff and jitter, a bounded "
                   "number of times (tenacity: stop_after_attempt + wait_random_exponential)")
        if pause:
            self._report(loop, message, marks, attempt, called)
        else:
            self._report_unbounded(loop, message, attempt, called)

    def _result_retry(self, loop: Loop) -> None:
        """A loop that repeats a dependency call until its result passes a test, with no pause at all."""
        call = retried_call(loop, self.ctx.resolver)
        if call is None or any(isinstance(node, cst.Call) and self._is_sleep(node) for node in loops.each_round(loop)):
            return
        shown = self.ctx.module.code_for_node(call.func)
        self._report(loop, f"this loop calls `{shown}(...)` again at once whenever its result says it failed: retry with "
                           "exponential backoff and jitter, a bounded number of times", (), None,
                     facts(loop, None, ANY_PAUSE, [], self.ctx.resolver, self.ctx.ancestors))

    def _is_sleep(self, call: cst.Call) -> bool:
        if pause(call, self.ctx.resolver) is not None:  # a sleep, or an event wait with a timeout (rules/pauses.py)
            return True
        spelled = call.func.attr.value if isinstance(call.func, cst.Attribute) else getattr(call.func, "value", "")
        # A helper of the project's own that pauses (`self._backoff(attempt)`, `sleep_with_jitter()`).
        return isinstance(spelled, str) and any(word in spelled.lower() for word in ("sleep", "backoff", "delay"))

    def _helper_sleeps(self, loop: Loop) -> List[cst.Call]:
        """The sleeps of this module's functions the loop calls (`_handle_retry(attempt, e)`, which logs and sleeps 5 s)."""
        found: List[cst.Call] = []
        for node in loops.in_own_loop(loop.body):
            if isinstance(node, cst.Call) and not self._is_sleep(node):
                helper = self.ctx.resolver.definition(node.func)
                if isinstance(helper, cst.FunctionDef):
                    found += [inner for inner in descendants(helper.body) if isinstance(inner, cst.Call)
                              and pause(inner, self.ctx.resolver) is not None]
        return found

    def _lengths(self, sleeps: List[cst.Call], helper_sleeps: List[cst.Call], varying: Set[str]) -> List[str]:
        """The loop's own pauses as rules/called_waits.py spells them, read as the tests above read them."""
        read = [(self._constant(call, varying), call) for call in sleeps] + [
            (self._seconds(call, literal_only=True) is not None, call) for call in helper_sleeps]
        return [(str(self._seconds(call)) if self._seconds(call) is not None else UNKNOWN) if constant else GROWS for constant, call in read]

    def _seconds(self, call: cst.Call, literal_only: bool = False) -> Optional[float]:
        """The length of a constant pause (`_length`), an event wait's timeout too."""
        found = pause(call, self.ctx.resolver)
        return self._length(found.length, literal_only) if found is not None and found.length is not None else None

    def _length(self, value: cst.BaseExpression, literal_only: bool = False) -> Optional[float]:
        """Seconds a constant stands for: a number, or a name bound to one (a module constant, a parameter of the
        enclosing function with one for default, `def fetch(url, retry_delay=2)`, or passed by its every call:
        rules/passed_values.py)."""
        if isinstance(value, cst.Name) and not literal_only:
            bindings = self.ctx.resolver.lookup(value.value)
            binding = bindings[-1] if bindings else None
            if binding is not None and binding.kind == "value":
                value = binding.value
            elif binding is not None and binding.kind == "param":
                function = next(self.ctx.functions(), None)
                return parameter_number(function, value.value, self.ctx.module, self.ctx.resolver) if function is not None else None
        if isinstance(value, (cst.Integer, cst.Float)):
            return float(value.evaluated_value)
        return None

    def _constant(self, call: cst.Call, varying: Set[str]) -> bool:
        """A pause whose length never changes: no calls in it (random, a backoff helper), no names
        the loop changes. A helper of the project's own counts as varying."""
        found = pause(call, self.ctx.resolver)
        if found is None:
            return False
        value = found.length
        if value is None:
            return True
        for node in (value, *descendants(value)):
            if isinstance(node, cst.Call):
                return False
            if isinstance(node, cst.Name) and node.value in varying:
                return False
        return True
