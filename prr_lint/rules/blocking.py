"""PRR505: blocking calls on an event loop (checklist item PRR-OVL).

The per-file half finds blocking calls in any function and leaves them pending; the project half
(project/blocking.py) keeps those that an `async def` entry point reaches through direct calls,
with the path from the handler in `related`. A function handed to `asyncio.to_thread`,
`run_in_executor`, a thread or a pool is handed over, not called, so it is not on that path.
"""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

import prr_lint.frameworks as fw
import prr_lint.rules.clients as cl
from prr_lint.model import Severity
from prr_lint.rules.base import Rule
from prr_lint.rules.blocking_examples import INVALID as EXAMPLES_REPORTED, VALID as EXAMPLES_LEFT_ALONE
from prr_lint.rules.config_switches import SWITCHED_BY, guard_keys
from prr_lint.rules.once_built import once_per_process
from prr_lint.rules.param_guards import call_guards
from prr_lint.rules.query_chains import builds_construct_only, handed_runner
from prr_lint.rules.unreachable import unreachable
from prr_lint.rules.never_returning import never_returning
from prr_lint.rules.process_ends import ends_process_after
from prr_lint.tree import call_argument, keyword_value

ASYNC_REACHABLE = "async-reachable"

BLOCKING_CALLS = frozenset(
    {
        "time.sleep", "subprocess.run", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
        "subprocess.getoutput", "subprocess.getstatusoutput", "os.system", "os.wait", "os.waitpid", "os.wait3", "os.wait4",
        "urllib.request.urlopen", "socket.create_connection", "socket.getaddrinfo", "socket.gethostbyname",
        "smtplib.SMTP", "smtplib.SMTP_SSL", "ftplib.FTP", "ftplib.FTP_TLS", "psycopg2.connect", "pymysql.connect",
        "MySQLdb.connect", "urllib3.request",
    }
)
# Waits whose options argument (position, keyword) may say `os.WNOHANG`: then they return at once.
_WAIT_OPTIONS = {"os.waitpid": (1, "options"), "os.wait3": (0, "options"), "os.wait4": (1, "options")}
# Methods that block on objects of these classes (typed receivers).
BLOCKING_METHODS = {
    "requests.Session": cl.SESSION_METHODS,
    "httpx.Client": frozenset((*cl.SESSION_METHODS, "stream")),
    "pycurl.Curl": cl.PYCURL_PERFORM,
    "subprocess.Popen": frozenset({"communicate", "wait"}),
    "sqlalchemy.orm.Session": frozenset({"execute", "query", "commit", "flush", "scalar", "scalars", "get", "refresh"}),
    "sqlalchemy.orm.session.Session": frozenset({"execute", "query", "commit", "flush", "scalar", "scalars", "get", "refresh"}),
    **{pool: cl.POOL_REQUESTS for pool in cl.POOL_TYPES},
}
# Every method name that blocks on some class above: a receiver typed by a project name that is no
# class of its module (`session: DbSession`, where another module says `DbSession = Session`) may be
# one of those classes; the project phase resolves the name (ASYNC_REACHABLE_ALIAS).
ASYNC_REACHABLE_ALIAS = "async-reachable-alias"
_BLOCKING_METHOD_NAMES = frozenset(method for methods in BLOCKING_METHODS.values() for method in methods)
# Every method of a synchronous redis client talks to the server, except building a pipeline.
_REDIS_SYNC = frozenset({"redis.Redis", "redis.StrictRedis", "redis.client.Redis", "redis.client.StrictRedis"})
# The handoffs that run a function off the caller's thread: a thread, an executor, a thread pool.
_OFF_THREAD_HANDOFFS = frozenset(fw.HANDOFFS) - {"functools.partial", "asyncio.create_task", "loguru.Logger.add"}


class BlockingCallInAsyncHandler(Rule):
    """A blocking call that runs on the event loop of an async request handler.

    What it does
        Reports blocking calls (requests and other synchronous HTTP clients, `urlopen`,
        `time.sleep`, `subprocess.run` and friends, synchronous database drivers and redis
        clients, a synchronous SQLAlchemy `Session`, SMTP/FTP connections, DNS lookups) that an
        `async def` entry point reaches: in the handler itself, or in a helper it
        calls, however deep (up to `reachability.max-depth`), across modules. The finding is at
        the blocking call; `related` gives the path from the handler. One function is one fix, so the
        blocking calls of one function reached by one path are one finding, at its first call, with the
        others in `related` and their lines in the message (project/one_per_function.py). In a run over a whole project, only
        served handlers are starts, as for every rule that starts from request handlers
        (project/served_routes.py): a handler in a module the service never loads serves no route. A router
        module (an `APIRouter`, `Blueprint`, `RouteTableDef`) no other module imports is mounted by no app (an
        `include_router` commented out with its import), whatever word of its name other code or a script's
        URL holds (`/api/v1/preferences/update`), and what only its handlers call runs in no request; one
        an import, a dotted path in a string (`import_string("svc.routers.legacy:router")`), its package's
        `__all__` (a star import), or a launch file naming its file or dotted path loads stays, and so does one a
        computed-name loader or folder walk may load when an app mounts a router the code computes
        (`app.include_router(module.router)`) or the module mounts its own (project/router_modules.py,
        project/unloaded_modules.py): a walk that imports worker modules mounts no router. Nor does an app only a
        program the deployment does not run serves, while it runs other programs of the project by name (a
        status API that `deploy/api/run.py`, or a console script no deployment file runs, serves with
        `uvicorn.run(app)` beside the image's `python -m svc.worker`); a launch file serving it by name (`uvicorn svc.status.main:app`) keeps its routes
        (project/undeployed_programs.py). A function handed to
        `asyncio.to_thread`, `loop.run_in_executor`, a thread, a new process or an executor runs elsewhere and
        is not followed (nor the function a project helper starts it in, `manager.add_task(f)`); nor is a plain generator function (`def` with `yield`): calling it runs
        none of its body, and whoever iterates it runs it (Starlette's `StreamingResponse`
        iterates a sync generator in a thread pool); nor is a function decorated to run in an
        executor (tornado's `@run_on_executor`, asgiref's `@sync_to_async`): its call submits the
        body to a thread pool and returns a future for the handler to await; nor is a call of an `async def` whose
        coroutine is dropped, never awaited (`warm()` as a statement: its body never runs). A `@contextlib.contextmanager` generator
        is followed: `with` runs it up to its `yield` on the loop. An async handler that
        iterates a plain generator itself is not followed either, a known gap. A receiver typed by a name another module defines as an alias (`DbSession: TypeAlias =
        Session`, then `session: DbSession`) is resolved across modules; so is a client another module stores on the
        handler's class (`Lookup.http = requests.Session()`, project/attribute_types.py). Arguments that make a call
        return at once are read: `os.waitpid`/`os.wait3`/`os.wait4` with `os.WNOHANG` in the options
        only poll, and `time.sleep(0)` only yields; `subprocess.Popen(...)` starts a process without
        waiting (its `.wait()` and `.communicate()` do wait). Local file I/O is left alone: reading a template or a config file takes
        microseconds, and the size of a file is not in the code. A deadline does not make a call non-blocking
        (`requests.get(url, timeout=3)`, a redis client built with `socket_timeout=1`): it bounds the stall, and the
        call is still reported, unless it runs only while building an object the process builds once: in `__init__` of
        a class whose metaclass (of the same module) keeps what its `__call__` builds and builds only under a test (a
        singleton), or in a factory without parameters under `functools.cache`/`lru_cache`, with a literal deadline of
        at most 5 s a try (its `timeout=`, or the redis client's `socket_timeout`/`socket_connect_timeout`), and in a
        `try` whose handler catches its failure (`except redis.RedisError:`, `Exception`) and raises nothing. It
        stalls the loop once per worker, at a cold start, for at most that deadline; a builder that raises caches
        nothing and runs again at the next request. A call without a deadline is reported even then: once is
        enough to hang the loop (rules/once_built.py); a client only a module's top level builds, at import, is on no handler's path. An awaited call is not a blocking one: `await session.execute(stmt)` runs on an async
        client whatever the receiver's annotation says (a parameter typed `Session` handed an `AsyncSession`). A
        SQLAlchemy `session.query(...)` makes no round trip itself: a chain of building methods that ends in a
        construct (`.subquery()`, `.cte()`, `.exists()`, `.statement`) is not reported, the query that embeds it is, nor
        is one whose running method is handed, uncalled, to a worker thread (`asyncio.to_thread(session.query(X).all)`,
        `run_in_executor`, an executor's `submit`); a Query that runs (`.all()`, `.first()`), is kept in a variable or
        returned, or whose method is handed anywhere else is reported where it is built. A call
        Python never reaches is not reported: one after an unconditional `return`/`raise` in its block (a handler
        switched off by `raise HTTPException(500, "Currently disabled")` above code left in place; rules/unreachable.py,
        as for PRR501). Nor is a call after which every path of its function ends the process: a restart endpoint
        that shuts its socket server down, sleeps a second and runs the script that starts the new process, then
        `sys.exit(0)`, holds the loop while the process hands over, not while it serves. The path is followed through
        the statements after the call and out of the `if`/`else` blocks it is in, and ends at an exit (`sys.exit`,
        `os._exit`, `os.execv`, `raise SystemExit`) or at a call of a project function whose every path ends in one,
        none in a raise (rules/process_ends.py, project/never_returns.py). A path that may go on keeps the finding: a
        `return`, `continue` or raise first, an exit only a condition or one branch takes, the end of a loop's, `try`'s
        or `with`'s block first, a `try` whose handler may catch the exit (`except SystemExit:`, `BaseException`, a bare
        `except`), a `with` around the call, or an exit only in the caller of the function making the call.

        A Flask `async def` view (flask-restx, flask-restful and flask-smorest too) is no event loop handler: Flask
        runs each with asgiref's `async_to_sync`, on a new event loop in that request's worker thread, so a blocking
        call in it holds its own request only, as in a sync view (PRR501 still asks for its deadline). Quart shares one
        loop: a module that imports quart keeps its views, whatever registered them.

        Code that runs only under a configuration switch every shipped configuration leaves off is not on the
        path: a route defined after `if not ADD_DEBUGGING_ROUTES: return`, a handler of a router mounted only under such a
        test (`if settings.ENABLE_STAC: api_router.include_router(stac.router)`), a hop in the body of `if
        settings.SMB_SHARES:` (an `else` branch is still followed), a blocking call under such a test. A key is off
        when each value the project gives it is `False` (a settings constant, a config class attribute, a typed
        settings field's default, `ENABLE_X: bool = False`, `MAIL_ENABLED: int = 0`, a shipped `.conf`/YAML/`.env` file, PRR501's switches, a parameter no call turns on: `if ping:` with `ping=False`), or
        when it is an environment test that is off by default (`os.environ.get("K") in ("1", "true")`,
        `bool(int(os.getenv("K", "0")))`, `env.bool("K", default=False)`, decouple's `config("K", default=False, cast=bool)`:
        `if config("LOCAL_DEV", default=False, cast=bool):` before a route's `@app.get`, evaluated at each shipped value), tested itself or
        through a name, class attribute or `self` attribute bound to it (`if self._use_redis:`), and the repository
        ships deployment files (Dockerfile, compose, manifests, Helm values, `.env` samples, start scripts) none of
        which gives the variable a value that turns the test on (a compose file's `${K:-False}` ships its default; a commented-out
        line ships nothing). With no deployment file the environment decides elsewhere and the code is followed. A command-line
        flag (`if "--slow" in sys.argv:`) is off when the deployment's launch files start the project's programs
        and none passes it, as for PRR501. A `self` attribute the class leaves false but for one method (not
        `__init__`) that sets it to `True` is such a switch too (`if not self.enabled: return` in a logger whose
        `setup` alone enables it): off when every call of that method outside tests is itself under a switch that is
        off (`if settings.SEQ_LOGGING: events.setup(url)`) and nothing else may run it or set the attribute (an entry
        point, a hand-off, a use as a value or an export, `events.enabled = True` in the class's module, a `setattr`
        naming it) (rules/config_switches.py, project/switched_methods.py). The switch may be a field of the project's
        pydantic configuration model read through a section of its module-level instance (`if config.developer.seqlog:
        xlogger.setup(...)`, `seqlog: Optional[bool] = Field(False)`): off when every project class declaring a field
        of that name is a pydantic model defaulting it off, and no attribute store, `setattr`, shipped value
        (`seqlog: true` in the sample configuration, `APP_DEVELOPER_SEQLOG=true`) or launch flag (`--seqlog`) turns
        it on; a request body, a parameter, is no such instance (project/config_models.py).

        Nor is a blocking call in a branch on a parameter that every caller on the loop turns away with a literal
        argument: `if commit: db.commit()` when the handler's path calls `upsert(db, data, commit=False)`, the `else`
        of `if not files:` or the body of `for f in files:` when the handler passes `[]` (a script's or a test's call
        that takes the branch runs off the loop). Calls are counted as for PRR501 (a base class's method the function
        overrides, a method's name on a receiver of no known type, the callers of a wrapper that passes its own
        `*args`/`**kwargs` on). A caller on the loop that passes a variable, unpacks anything else or takes the branch
        (also through the parameter's default) keeps it (rules/param_guards.py, project/param_guards.py). A test on a
        parameter of the function that calls the one with the blocking call (`if blocking: return send()` around a
        nested `send`) is not followed: the test must be in the function that makes the blocking call.

        Nor is a handler no request reaches: a FastAPI or Starlette route registered after a route of the same
        router, for the same method, whose path pattern matches all of its paths (`@router.get("/errors")` after
        `@router.get("/{upload_id}")`: Starlette takes the first match, and a plain parameter matches any one segment
        whatever its annotation). Only a certain order is read: one router bound once in the module, literal paths,
        built-in convertors, no loop; an earlier route in an `if` body answers only for routes in that body
        (project/shadowed_routes.py). Flask orders its rules by specificity: it is not read so.

    Why is this bad?
        An async server runs every request of the process on one event loop. A blocking call in
        any of them stops all of them: one slow dependency or a sleep turns into a stall of the
        whole service, and latency for every user. Linters that look only inside `async def`
        miss the blocking call two helpers down, which is where it usually is.

    Example
        def load_profile(user_id):
            return requests.get(f"{USERS}/{user_id}", timeout=3).json()

        @app.get("/me")
        async def me(user=Depends(current_user)):
            return load_profile(user.id)

    Use instead
        @app.get("/me")
        async def me(user=Depends(current_user)):
            return await asyncio.to_thread(load_profile, user.id)   # or an async client (httpx.AsyncClient)

    Options
        `reachability.max-depth`, `entrypoints.*`.

    References
        PRR-OVL: "Services should produce reasonable but suboptimal results if overloaded"
        (Site Reliability Engineering, appendix B); a blocked event loop cannot shed load or
        answer anything.
    """

    code = "PRR505"
    name = "blocking-call-in-async-handler"
    severity = Severity.ERROR
    checklist = ("PRR-OVL",)
    summary = "An async request handler reaches a blocking call (sync HTTP, sleep, subprocess, sync DB) on its event loop"
    service_only = True
    project_findings = True  # `judges_call`
    VALID = EXAMPLES_LEFT_ALONE
    INVALID = EXAMPLES_REPORTED

    def visit_Call(self, node: cst.Call) -> None:
        function = self.ctx.resolver.enclosing_function
        if function is None or function.qualname.endswith("<lambda>"):
            return
        label = self._blocking(node)
        if label is not None:
            if not self._runs_nothing_itself(node) and not once_per_process(
                    [*self.ctx.ancestors, node], self.ctx.resolver, label.startswith("Redis.")):
                self.report(node, f"`{label}()` blocks the event loop", ASYNC_REACHABLE, (function.qualname, label, *self._switched(node)))
            return
        aliased = self._aliased_receiver(node)
        if aliased is not None and not self._runs_nothing_itself(node):
            typed, method = aliased
            self.report(node, f"`{typed.rpartition('.')[2]}.{method}()` blocks the event loop", ASYNC_REACHABLE_ALIAS,
                        (function.qualname, f"{typed.rpartition('.')[2]}.{method}", typed, method, *self._switched(node)))

    def _runs_nothing_itself(self, node: cst.Call) -> bool:
        """A call whose result is awaited returns an awaitable: its receiver is an async client whatever its
        annotation says (`session: Session` handed an `AsyncSession`), and a sync call under `await` would fail.
        A `session.query(...)` chain that only builds a construct (`.subquery()`) makes no round trip
        (rules/query_chains.py): the statement that embeds it runs it; nor does one whose running method is handed,
        uncalled, to a thread (`asyncio.to_thread(session.query(X).all)`). A call after an unconditional `return`
        or `raise` in its block never runs (rules/unreachable.py)."""
        ancestors = self.ctx.ancestors
        if (ancestors and isinstance(ancestors[-1], cst.Await)) or unreachable([*ancestors, node], self.ctx.resolver):
            return True
        if not isinstance(node.func, cst.Attribute) or node.func.attr.value != "query":
            return False
        handed = handed_runner(node, ancestors)
        return builds_construct_only(node, ancestors) or handed is not None and self._off_thread(*handed)

    def _off_thread(self, call: cst.Call, method: cst.Attribute) -> bool:
        """`call` runs `method`, one of its arguments, on another thread (`asyncio.to_thread`, an executor's
        `run_in_executor` or `submit`, a `Thread`)."""
        name = self.ctx.resolver.qualified_name(call.func)
        spec = fw.HANDOFFS.get(name) if name in _OFF_THREAD_HANDOFFS else None
        if spec is None and isinstance(call.func, cst.Attribute):
            spec = fw.HANDOFF_SUFFIXES.get(f".{call.func.attr.value}")
        return spec is not None and call_argument(call, *spec) is method

    def _switched(self, node: cst.Call) -> Tuple[str, ...]:
        """The configuration keys any one of which, if off, keeps the call from running (rules/switched_calls.py), the
        tests on a parameter it runs under (rules/param_guards.py), the calls above it that another module's
        function may make never return (rules/never_returning.py), and what may end the process on every path
        after it (rules/process_ends.py)."""
        chain = [*self.ctx.ancestors, node]
        keys = guard_keys(chain, self.ctx.resolver, with_else=True)
        guards = call_guards(self.ctx.ancestors, node, self.ctx.resolver.enclosing_function)
        return ((SWITCHED_BY + "|".join(keys),) if keys else ()) + guards + never_returning(self.ctx.resolver).subjects(chain) \
            + ends_process_after(chain, self.ctx.resolver)

    def _aliased_receiver(self, node: cst.Call) -> Optional[Tuple[str, str]]:
        """(type, method) of a call whose receiver is typed by a name of another project module (maybe
        an alias of a blocking client class) and whose method blocks on some such class."""
        if not isinstance(node.func, cst.Attribute) or node.func.attr.value not in _BLOCKING_METHOD_NAMES:
            return None
        resolver = self.ctx.resolver
        typed = resolver.instance_type(node.func.value)
        top = resolver.module_name.partition(".")[0]
        if typed is None or not typed.startswith(f"{top}.") or typed.startswith(f"{resolver.module_name}."):
            return None
        return typed, node.func.attr.value

    @classmethod
    def judges_call(cls, typed: str, method: str) -> bool:
        return method in BLOCKING_METHODS.get(typed, ()) or typed in _REDIS_SYNC and method not in ("pipeline", "lock")

    def _blocking(self, node: cst.Call) -> Optional[str]:
        resolver = self.ctx.resolver
        name = resolver.qualified_name(node.func)
        if name is not None:
            if name in BLOCKING_CALLS:
                return None if self._returns_at_once(node, name) else name
            if name.startswith(("requests.", "httpx.")) and name.count(".") == 1 and name.rpartition(".")[2] in cl.SESSION_METHODS:
                return name
        if not isinstance(node.func, cst.Attribute):
            return None
        method = node.func.attr.value
        receiver = node.func.value
        typed = resolver.instance_type(receiver)
        if typed is not None:
            if method in BLOCKING_METHODS.get(typed, ()) or (
                method in cl.SESSION_METHODS and cl.local_subclass_of(resolver, typed, cl.REQUESTS_SESSION)
            ):
                return f"{typed.rpartition('.')[2]}.{method}"
            if typed in _REDIS_SYNC and method not in ("pipeline", "lock"):
                return f"Redis.{method}"
        return None

    def _returns_at_once(self, node: cst.Call, name: str) -> bool:
        """A call of the table whose arguments make it return at once: `os.waitpid(pid, os.WNOHANG)`
        polls, `time.sleep(0)` only yields the thread."""
        slot = _WAIT_OPTIONS.get(name)
        if slot is not None:
            given = cl.positional(node)
            options = given[slot[0]].value if len(given) > slot[0] else keyword_value(node, slot[1])
            return options is not None and self._mentions_wnohang(options)
        if name == "time.sleep":
            given = cl.positional(node)
            delay = given[0].value if given else keyword_value(node, "secs")
            return isinstance(delay, (cst.Integer, cst.Float)) and delay.evaluated_value == 0
        return False

    def _mentions_wnohang(self, options: cst.BaseExpression) -> bool:
        """`os.WNOHANG`, alone or or-ed with other flags (`os.WNOHANG | os.WUNTRACED`)."""
        pending = [options]
        while pending:
            flag = pending.pop()
            if isinstance(flag, cst.BinaryOperation) and isinstance(flag.operator, cst.BitOr):
                pending.extend((flag.left, flag.right))
            elif isinstance(flag, (cst.Name, cst.Attribute)) and self.ctx.resolver.qualified_name(flag) == "os.WNOHANG":
                return True
        return False
