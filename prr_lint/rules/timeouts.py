"""PRR501: remote calls without deadlines (checklist item PRR-QOS).

Which library defaults count as a deadline is documented in rules/clients.py. Calls on an object whose fate
depends on code elsewhere in the module (a requests `Session` that may mount a timeout-setting adapter, a pycurl
handle that may be given `TIMEOUT` later, a urllib3 pool built with a timeout) are decided when the module has been walked.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, List, Mapping, Optional, Set, Tuple

import libcst as cst

from prr_lint.alarm_deadlines import alarm_subjects
from prr_lint.async_deadlines import deadline_subjects
from prr_lint.context import RawFinding
from prr_lint.model import Severity
import prr_lint.rules.clients as cl
from prr_lint.rules.base import Rule
from prr_lint.rules.annotated_session_examples import INVALID as ANNOTATED_REPORTED, VALID as ANNOTATED_LEFT_ALONE
from prr_lint.rules.airflow_examples import INVALID as AIRFLOW_REPORTED, VALID as AIRFLOW_LEFT_ALONE
from prr_lint.rules.branch_examples import INVALID as BRANCHES_REPORTED, VALID as BRANCHES_LEFT_ALONE
from prr_lint.rules.celery_task_examples import INVALID as CELERY_TASKS_REPORTED, VALID as CELERY_TASKS_LEFT_ALONE
from prr_lint.rules.platform_job_examples import INVALID as PLATFORM_JOBS_REPORTED, VALID as PLATFORM_JOBS_LEFT_ALONE
from prr_lint.rules.rq_job_examples import INVALID as RQ_JOBS_REPORTED, VALID as RQ_JOBS_LEFT_ALONE
from prr_lint.rules.rq_worker_examples import INVALID as RQ_WORKERS_REPORTED
from prr_lint.rules.timeout_docs import CALL_WITHOUT_TIMEOUT_DOCS
from prr_lint.rules.config_switches import switch_subjects
from prr_lint.rules.param_guards import call_guards
from prr_lint.rules.late_connect import LateConnects, connects_later
from prr_lint.rules.local_calls import local_target, loopback_constants, loopback_deadline
from prr_lint.rules.loopback_examples import INVALID as LOOPBACK_REPORTED, VALID as LOOPBACK_LEFT_ALONE
from prr_lint.rules.none_narrowing_examples import INVALID as NARROWED_REPORTED, VALID as NARROWED_LEFT_ALONE
from prr_lint.rules.unreachable import never_runs
from prr_lint.rules.worker_clients import RQ_SETS_TIMEOUT, handed_to_worker
from prr_lint.rules.never_returning import never_returning
from prr_lint.rules.forwarding import WRAPPER_CALL, WRAPPERS_SECTION
from prr_lint.switched_hosts import picked_host
from prr_lint.socket_targets import LOOPBACK_THROUGH, UNIX_CONNECTIONS, UNLESS_LOCAL_SOCKET, is_unix_url, literal
from prr_lint.rules.annotated_sessions import ANNOTATED_SESSION, annotated_only
from prr_lint.rules.session_patches import MODULE_FUNCTION_SESSION, PATCHED_GLOBAL, session_global
from prr_lint.rules.stored_session_examples import INVALID as STORED_REPORTED, VALID as STORED_LEFT_ALONE
from prr_lint.rules.subscriber_clients import ruling, subscriber_client
from prr_lint.rules.subscriber_examples import INVALID as SUBSCRIBERS_REPORTED, VALID as SUBSCRIBERS_LEFT_ALONE
from prr_lint.rules.stream_relays import STREAMS_THROUGH, deliberate_stream, event_feed, relay_status
from prr_lint.rules.switch_examples import INVALID as SWITCHES_REPORTED, VALID as SWITCHES_LEFT_ALONE
from prr_lint.rules.timeout_examples import INVALID as EXAMPLES_REPORTED, VALID as EXAMPLES_LEFT_ALONE
from prr_lint.rules.thread_join_examples import INVALID as JOINS_REPORTED, VALID as JOINS_LEFT_ALONE
from prr_lint.tree import descendants
from prr_lint.url_deadlines import configured_url

_NO_READ_DEADLINE = "`aiohttp.ClientTimeout()` sets neither `total` nor `sock_read`: a request through it can wait forever; set total=<seconds>"


class CallWithoutTimeout(LateConnects, cl.RecordsCallAssignments, Rule):
    __doc__ = CALL_WITHOUT_TIMEOUT_DOCS

    code = "PRR501"
    name = "call-without-timeout"
    severity = Severity.ERROR
    checklist = ("PRR-QOS",)
    summary = "An outbound call (HTTP, SMTP, FTP, socket, redis, pycurl) has no timeout, or timeout=None"
    triggers = (
        "requests", "httpx", "urlopen", "urllib", "HTTPConnection", "HTTPSConnection", "pycurl", "aiohttp",
        "smtplib", "SMTP", "ftplib", "FTP", "create_connection", "redis", "Redis",
    )
    service_only = True
    project_findings = True
    VALID = (EXAMPLES_LEFT_ALONE + SWITCHES_LEFT_ALONE + AIRFLOW_LEFT_ALONE + PLATFORM_JOBS_LEFT_ALONE + RQ_JOBS_LEFT_ALONE + JOINS_LEFT_ALONE
             + STORED_LEFT_ALONE + CELERY_TASKS_LEFT_ALONE + SUBSCRIBERS_LEFT_ALONE + LOOPBACK_LEFT_ALONE + BRANCHES_LEFT_ALONE
             + ANNOTATED_LEFT_ALONE + NARROWED_LEFT_ALONE)
    INVALID = (EXAMPLES_REPORTED + SWITCHES_REPORTED + AIRFLOW_REPORTED + PLATFORM_JOBS_REPORTED + RQ_JOBS_REPORTED + JOINS_REPORTED
               + STORED_REPORTED + CELERY_TASKS_REPORTED + SUBSCRIBERS_REPORTED + LOOPBACK_REPORTED + RQ_WORKERS_REPORTED
               + BRANCHES_REPORTED + ANNOTATED_REPORTED + NARROWED_REPORTED)

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        # Findings that depend on the rest of the module: (key, kind) -> raw findings waiting.
        self._waiting: List[Tuple[str, str, RawFinding]] = []
        self._mounted: Set[str] = set()
        self._made_by: Dict[str, str] = {}  # a variable holding what a module function returned -> that function
        self._curl_timeouts: Set[str] = set()
        self._curl_stall_limits: Dict[str, Set[str]] = {}  # LOW_SPEED_TIME / LOW_SPEED_LIMIT set, by handle
        self._pools: Dict[str, bool] = {}
        # Explicit no-deadlines, decided once the module is walked: (ClientTimeout call, its function, constant holding it).
        self._streams: List[Tuple[RawFinding, Optional[cst.FunctionDef], Optional[str]]] = []
        # Set by the project phase: project functions that forward a None deadline, by the name
        # this module calls them (project/wrappers.py).
        self._wrappers: Mapping[str, Tuple[str, int, str, str, str, str, str]] = ctx.section(WRAPPERS_SECTION)

    @classmethod
    def judges_call(cls, typed: str, method: str) -> bool:
        return f"{typed}.{method}" in cl.TIMEOUT_SPECS or typed in cl.POOL_TYPES or typed == cl.PYCURL_HANDLE

    # ----- the walk -----

    def _throwaway_receiver(self, node: cst.Call) -> bool:
        """`redis.StrictRedis().from_url(url)`: the first client only serves to reach a client
        constructor called on it (a classmethod) and never connects; that constructor's client is checked."""
        parent = self.ctx.ancestors[-1] if self.ctx.ancestors else None
        return (isinstance(parent, cst.Attribute) and parent.value is node
                and self.ctx.resolver.qualified_name(parent) in cl.TIMEOUT_SPECS)

    def visit_Call(self, node: cst.Call) -> None:
        resolver = self.ctx.resolver
        name = resolver.qualified_name(node.func)
        if name is None:
            return
        wrapper = self._wrappers.get(name) if self._wrappers else None
        if wrapper is not None:
            self._check_wrapper_call(node, *wrapper)
            return
        spec = cl.TIMEOUT_SPECS.get(name)
        if spec is not None:
            if not self._throwaway_receiver(node):
                self._check_spec(node, name, spec)
            return
        if name in cl.AIOHTTP_TIMEOUT:
            self._check_client_timeout(node)
            return
        if not isinstance(node.func, cst.Attribute):
            return
        method = node.func.attr.value
        receiver = node.func.value
        if method == "connect" and not never_runs([*self.ctx.ancestors, node], resolver) and not self._socket_default_before() \
                and not local_target(resolver, self.ctx.ancestors, node, ""):  # `smtp.connect("localhost")`: this host
            function = resolver.enclosing_function
            context = function.qualname if function is not None else self.ctx.module_name
            through = tuple(LOOPBACK_THROUGH + constant for constant in loopback_constants(resolver, node))
            self.note_connect(cl.object_key(resolver, receiver), node, next(self.ctx.functions(), None), context, through)
        typed = resolver.instance_type(receiver)
        if typed is None:
            return
        if typed == cl.PYCURL_HANDLE:
            self._check_curl(node, receiver, method)
        elif typed in cl.POOL_TYPES and method in cl.POOL_REQUESTS:
            self._check_pool_request(node, receiver, method)
        elif method == "mount" and (typed == cl.REQUESTS_SESSION or self._is_plain_session_subclass(typed)):
            self._record_mount(node, receiver)
        elif method in cl.SESSION_METHODS and self._is_plain_session_subclass(typed):
            self._check_spec(node, f"{typed.rpartition('.')[2]}.{method}", cl.TIMEOUT_SPECS[f"requests.Session.{method}"], receiver)

    def leave_Module(self, node: cst.Module) -> None:
        self.ctx.raw_findings.extend(self.late_connect_findings())  # `FTP()` with no host, then `ftp.connect(host)`
        for raw, owner, constant in self._streams:
            subjects = deliberate_stream(node, self.ctx.resolver, owner, raw.node, constant)
            if subjects != ():
                self.ctx.raw_findings.append(replace(raw, subjects=subjects or ()))
        factories = cl.mounting_factories(self.ctx.module_name, node, self._mounted)
        for key, kind, raw in self._waiting:
            if kind == "session" and (key in self._mounted or self._made_by.get(key) in factories):
                continue
            if kind == "factory" and key in factories:
                continue
            if kind == "curl" and key in self._curl_timeouts:
                continue
            if kind == "pool" and self._pools.get(key, True):
                continue
            if kind == "pool":  # a pool built without a timeout waits as long as the default socket timeout; its switches and guards still count
                self.ctx.raw_findings.append(replace(raw, condition=cl.UNLESS_SOCKET_DEFAULT, subjects=(raw.context, *raw.subjects)))
                continue
            self.ctx.raw_findings.append(replace(raw, condition=cl.UNLESS_REQUEST_DEADLINE))

    # ----- the checks -----

    def _check_spec(self, node: cst.Call, name: str, spec: cl.TimeoutSpec, receiver: Optional[cst.BaseExpression] = None) -> None:
        if connects_later(node, name):  # its `connect` is checked (rules/late_connect.py)
            return
        mode, value = cl.timeout_value(node, spec)
        shown = name.replace("requests.Session.", "Session.")
        # A requests call with no timeout: a patched `requests.adapters.TimeoutSauce` or `Session.request` may bound it
        # (project/requests_default.py); one passing `timeout=None` says it wants none, which no patch is trusted to undo.
        subjects = (cl.REQUESTS_CALL,) if mode != "none" and (name.startswith("requests.") or receiver is not None) else ()
        unbounded = f"`{shown}()` is called with {spec.keyword}=None: a hung dependency holds the calling request or worker forever; set a finite deadline"
        if mode == "none" and name in cl.SUBSCRIBING_CLIENTS:
            subscriber = subscriber_client(node, self.ctx.ancestors, self.ctx.resolver)
            if subscriber is not None:  # judged by its PubSub's reads (subscriber_clients.py)
                # redis-py 8.0.0 brought its default keepalive probes with its default timeouts (subscriber_clients.py)
                message, confirm = ruling(subscriber, node, shown, f"is called with {spec.keyword}=None", spec.finite_from)
                if message or confirm:
                    self._report(node, message or unbounded, subjects=(*subjects, *confirm))
                return
        if mode == "none" or (mode == "given" and cl.httpx_unbounded(self.ctx.resolver, value)):
            function = next(self.ctx.functions(), None)
            relay = relay_status(function, self.ctx.resolver, feeds=False)
            if event_feed(node, function) or relay == ():
                return
            subjects += (STREAMS_THROUGH + "|".join(relay),) if relay else ()  # a project streaming class? (stream_relays.py)
            self._report(node, unbounded, subjects=subjects)
            return
        if mode != "absent" or not spec.required or cl.redis_configured(self.ctx.module, node, name) or local_target(self.ctx.resolver, self.ctx.ancestors, node, name):
            return
        message = f"`{shown}()` has no {spec.keyword}: a hung dependency holds the calling request or worker forever; pass {spec.keyword}={spec.hint}"
        # A client kept only to subscribe, judged by its PubSub's reads: settled here, or once the project shows no
        # other module reads it or its PubSub (subscriber_clients.py).
        subscriber = subscriber_client(node, self.ctx.ancestors, self.ctx.resolver) if name in cl.SUBSCRIBING_CLIENTS else None
        blocked, confirm = ruling(subscriber, node, shown, f"has no {spec.keyword}") if subscriber is not None else ("", ())
        if subscriber is not None and not blocked and not confirm:
            return
        message = blocked or message
        # A URL whose host is another module's constant: dropped if that is loopback (project/constant_targets.py).
        through = tuple(LOOPBACK_THROUGH + constant for constant in loopback_constants(self.ctx.resolver, node, name))
        # A library whose later versions default to a deadline, or an RQ worker that later versions make set one: dropped
        # where the project admits only those of one of them (pinned_versions.py).
        finite = (cl.FINITE_DEFAULT_FROM + spec.finite_from,) if spec.finite_from else ()
        if handed_to_worker(node, name, self.ctx.ancestors, self.ctx.resolver):  # RQ's worker bounds it (worker_clients.py)
            finite += (cl.FINITE_DEFAULT_FROM + RQ_SETS_TIMEOUT,)
        subjects = (*subjects, *configured_url(node, name, self.ctx.resolver), *through, *finite, *confirm)
        target = self._redis_target(node, name)
        if target is not None:  # a unix socket here (""), or a URL bound elsewhere that the project phase looks up
            if target:
                self.report(node, message, UNLESS_LOCAL_SOCKET, (target, *subjects))
            return
        if receiver is None and name.startswith("requests.Session.") and isinstance(node.func, cst.Attribute):
            receiver = node.func.value
        if name.startswith("requests."):  # the global that builds its session, which a patch may replace
            built = session_global(self.ctx.resolver, receiver) if receiver is not None else MODULE_FUNCTION_SESSION
            subjects += (PATCHED_GLOBAL + built,) if built else ()
        if name in cl.SOCKET_DEFAULT_CLIENTS:  # the project phase looks for a process-wide default
            self._report_unless_socket_default(node, message, through)
            return
        factory = cl.factory_called(self.ctx.resolver, receiver)
        if factory is not None:  # `_api_session().get(url)`: decided once the module's factories are known
            self._report(node, message, factory, "factory", subjects)
            return
        injected = cl.injected_factory(self.ctx.resolver, next(self.ctx.functions(), None), receiver)
        if injected is not None:  # the project phase looks at what the factory's sessions mount
            subjects = (*subjects, cl.INJECTED_BY + injected)
        if receiver is not None and name.startswith("requests.Session.") and annotated_only(self.ctx.resolver, receiver):
            subjects = (*subjects, ANNOTATED_SESSION)  # its class only an annotation tells (project/annotated_sessions.py)
        key = cl.object_key(self.ctx.resolver, receiver) if receiver is not None else None
        self._report(node, message, key, "session", subjects)

    def _check_wrapper_call(self, node: cst.Call, keyword: str, index: int, wrapper: str, label: str, sink: str, finite: str,
                            hosts: str) -> None:
        """A call of a project function that forwards its deadline, default None, to `sink`: given
        anything but None (its own forwarded parameter included, which makes the caller a wrapper
        too) it has a deadline; `**kwargs` may hold one. Given none through `**kwargs` all the way, the sink's
        library default applies (`finite`: from which version it is a deadline, cl.FINITE_DEFAULT_FROM). A function
        whose flag picks its client's host (`hosts`, switched_hosts.py) connects where this call's flag picks: a
        loopback address is left alone, one through configuration is judged by the project phase."""
        mode, _ = cl.timeout_value(node, cl.TimeoutSpec(keyword, index if index >= 0 else None, True))
        if mode in ("given", "unknown"):
            return
        picked = picked_host(node, hosts, self.ctx.resolver) if hosts else None
        if picked == ():
            return
        given = f"passes {keyword}=None" if mode == "none" else f"gives no {keyword}"
        subjects = (wrapper, cl.FINITE_DEFAULT_FROM + finite) if finite and mode == "absent" else (wrapper,)
        subjects += tuple(LOOPBACK_THROUGH + name for name in picked or ())
        self.report(node, f"`{label}()` {given}: it passes its {keyword} on to {sink}, where None means no deadline, so "
                          f"a hung dependency holds the calling request or worker forever; pass {keyword}=<seconds>", WRAPPER_CALL, subjects)

    def _report_unless_socket_default(self, node: cst.Call, message: str, subjects: Tuple[str, ...] = ()) -> None:
        """A client that honours the process's default socket timeout: reported unless the same
        function sets it first, or the project phase finds the process sets it (project/socket_default.py)."""
        if not self._socket_default_before():
            function = self.ctx.resolver.enclosing_function
            self.report(node, message, cl.UNLESS_SOCKET_DEFAULT, (function.qualname if function is not None else self.ctx.module_name, *subjects))

    def _socket_default_before(self) -> bool:
        """`socket.setdefaulttimeout(<seconds>)` runs earlier in the same function (a statement before
        the call's, in one of its enclosing blocks): the client waits that long."""
        chain = self.ctx.ancestors
        resolver = self.ctx.resolver
        for depth in range(len(chain) - 1, 0, -1):
            block, child = chain[depth - 1], chain[depth]
            body = getattr(block, "body", None) if isinstance(block, (cst.IndentedBlock, cst.Module)) else None
            for statement in body[: body.index(child)] if body is not None and child in body else ():
                for inner in (statement, *descendants(statement)):
                    if isinstance(inner, cst.Call) and resolver.qualified_name(inner.func) == cl.SET_DEFAULT_TIMEOUT \
                            and cl.sets_socket_deadline(inner):
                        return True
            if isinstance(block, cst.FunctionDef):
                return False
        return False

    def _redis_target(self, node: cst.Call, name: str) -> Optional[str]:
        """Where a redis client connects, when that may be a unix socket of a co-located server
        (socket_targets.py): "" for one here (`unix_socket_path=`, `connection_class=UnixDomainSocketConnection`, a
        `unix://` URL literal or a local name bound only to one), the qualified name of a URL defined in another module, else None."""
        if not name.startswith(("redis", "aioredis")):
            return None
        path = cl.keyword(node, "unix_socket_path")
        if path is not None and not cl.is_none(path.value):
            return ""
        connection = cl.keyword(node, "connection_class")
        if connection is not None and self.ctx.resolver.qualified_name(connection.value) in UNIX_CONNECTIONS:
            return ""
        args = cl.positional(node)
        url = args[0].value if args and "from_url" in name else getattr(cl.keyword(node, "url"), "value", None)
        if url is None:
            return None
        values = [url]
        if isinstance(url, cst.Name):
            bindings = self.ctx.resolver.lookup(url.value) or []
            if bindings and all(binding.kind == "value" and binding.value is not None for binding in bindings):
                values = [binding.value for binding in bindings]
        texts = [literal(value) for value in values]
        if all(text is not None for text in texts):
            return "" if all(is_unix_url(text) for text in texts if text is not None) else None
        qualified = self.ctx.resolver.qualified_name(url)
        return qualified if qualified is not None and "." in qualified else None

    def _check_client_timeout(self, node: cst.Call) -> None:
        if cl.has_star_kwargs(node) or cl.positional(node):
            return
        bounded = [cl.keyword(node, name) for name in cl.AIOHTTP_BOUNDS]
        if any(arg is not None and not cl.is_none(arg.value) for arg in bounded) \
                or loopback_deadline(self.ctx.resolver, self.ctx.ancestors, node, next(self.ctx.functions(), None)):
            return  # a deadline, or none only for requests to this host (local_calls.py)
        if any(arg is not None for arg in bounded):  # `total=None` on purpose? For a relay or a feed (stream_relays.py)
            parent = self.ctx.ancestors[-1] if self.ctx.ancestors else None
            targets = parent.targets if isinstance(parent, cst.Assign) else ()
            constant = targets[0].target.value if len(targets) == 1 and isinstance(targets[0].target, cst.Name) else None
            if not never_runs([*self.ctx.ancestors, node], self.ctx.resolver):
                function = self.ctx.resolver.enclosing_function
                context = function.qualname if function is not None else self.ctx.module_name
                raw = RawFinding(self, node, _NO_READ_DEADLINE, context, cl.UNLESS_REQUEST_DEADLINE)
                self._streams.append((raw, next(self.ctx.functions(), None), constant))
            return
        self._report(node, _NO_READ_DEADLINE)

    def _check_curl(self, node: cst.Call, receiver: cst.BaseExpression, method: str) -> None:
        key = cl.object_key(self.ctx.resolver, receiver)
        if key is None:
            return
        if method == "setopt":
            args = cl.positional(node)
            option = args[0].value if args else None
            spelled = option.attr.value if isinstance(option, cst.Attribute) else None
            # An option chosen at run time may be the timeout: the handle counts as configured.
            if spelled is None or spelled in cl.PYCURL_TIMEOUTS:
                self._curl_timeouts.add(key)
            elif spelled in cl.PYCURL_STALL_LIMITS:
                limits = self._curl_stall_limits.setdefault(key, set())
                limits.add(spelled)
                if limits == cl.PYCURL_STALL_LIMITS:
                    self._curl_timeouts.add(key)
        elif method in cl.PYCURL_PERFORM:
            self._report(node, f"`{method}()` runs a pycurl transfer that was never given TIMEOUT or TIMEOUT_MS: a hung "
                               "dependency holds the calling request or worker forever; setopt(pycurl.TIMEOUT, <seconds>)", key, "curl")

    def record(self, target: cst.BaseExpression, value: cst.Call) -> None:
        name = self.ctx.resolver.qualified_name(value.func)
        if name in cl.TIMEOUT_SPECS:
            self.record_unconnected(cl.object_key(self.ctx.resolver, target), value, name or "")
        factory = cl.factory_called(self.ctx.resolver, value)
        if factory is not None:  # `session = _api_session()`: the session is the factory's
            key = cl.object_key(self.ctx.resolver, target)
            if key is not None:
                self._made_by[key] = factory
            return
        if name not in cl.POOL_TYPES:
            return
        key = cl.object_key(self.ctx.resolver, target)
        if key is not None:
            given = cl.keyword(value, "timeout") is not None or cl.has_star_kwargs(value)
            self._pools[key] = self._pools.get(key, False) or given

    def _check_pool_request(self, node: cst.Call, receiver: cst.BaseExpression, method: str) -> None:
        if cl.timeout_value(node, cl.TimeoutSpec("timeout", None, True))[0] != "absent" or self._socket_default_before():
            return
        message = f"`{method}()` on a urllib3 pool built without a timeout has no timeout: a hung dependency holds the calling request or worker forever; pass timeout="
        if isinstance(receiver, cst.Call):
            if cl.keyword(receiver, "timeout") is None and not cl.has_star_kwargs(receiver):
                self._report_unless_socket_default(node, message)
            return
        key = cl.object_key(self.ctx.resolver, receiver)
        if key is not None:
            self._report(node, message, key, "pool")

    def _record_mount(self, node: cst.Call, receiver: cst.BaseExpression) -> None:
        """`session.mount(prefix, adapter)` with an adapter of the project's own, which is where a
        default timeout is set (requests' own `HTTPAdapter` sets none)."""
        args = cl.positional(node)
        adapter = args[1].value if len(args) > 1 else getattr(cl.keyword(node, "adapter"), "value", None)
        if adapter is None:
            return
        resolver = self.ctx.resolver
        kind = resolver.qualified_name(adapter.func) if isinstance(adapter, cst.Call) else resolver.instance_type(adapter)
        if kind in cl.HTTP_ADAPTER:
            return
        local = self._local_class(kind) if kind else None
        if local is not None and "timeout" not in self.ctx.module.code_for_node(local):
            return
        key = cl.object_key(resolver, receiver)
        if key is not None:
            self._mounted.add(key)

    # ----- requests.Session subclasses of this module -----

    def _local_class(self, qualname: Optional[str]) -> Optional[cst.ClassDef]:
        return cl.local_class(self.ctx.resolver, qualname)

    def _is_plain_session_subclass(self, typed: str) -> bool:
        """A class of this module derived from `requests.Session` that does not override `request`
        or `send` (where a subclass would set its default timeout)."""
        return cl.local_subclass_of(self.ctx.resolver, typed, cl.REQUESTS_SESSION, frozenset({"request", "send"}))

    # ----- reporting -----

    def report(self, node: cst.CSTNode, message: str, condition: Optional[str] = None, subjects: Tuple[str, ...] = (),
               severity: Optional[Severity] = None, end_node: Optional[cst.CSTNode] = None) -> None:
        """Not a call that never runs or only a development run makes (unreachable.py, development_only.py);
        the project phase settles the rest (a whole-request deadline, project/request_deadline.py)."""
        awaited = deadline_subjects(node, self.ctx.ancestors, self.ctx.resolver) if isinstance(node, cst.Call) else ()
        if awaited is not None and not never_runs([*self.ctx.ancestors, node], self.ctx.resolver):
            super().report(node, message, condition or cl.UNLESS_REQUEST_DEADLINE, subjects + switch_subjects(self.ctx, node) + self._guards(node) + awaited,
                           severity, end_node)

    def _guards(self, node: cst.CSTNode) -> Tuple[str, ...]:
        """The parameter tests the call runs under (rules/param_guards.py), the calls above it that another
        module's function may make never return (rules/never_returning.py), and the `with` blocks an alarm may
        bound that it is written in (alarm_deadlines.py)."""
        held = alarm_subjects(node, self.ctx.ancestors, self.ctx.resolver) if isinstance(node, cst.Call) else ()
        return call_guards(self.ctx.ancestors, node, self.ctx.resolver.enclosing_function) \
            + never_returning(self.ctx.resolver).subjects([*self.ctx.ancestors, node]) + held

    def _report(self, node: cst.Call, message: str, key: Optional[str] = None, kind: str = "", subjects: Tuple[str, ...] = ()) -> None:
        if key is None:
            self.report(node, message, subjects=subjects)
            return
        awaited = deadline_subjects(node, self.ctx.ancestors, self.ctx.resolver)  # an asyncio deadline (async_deadlines.py)
        if awaited is None or never_runs([*self.ctx.ancestors, node], self.ctx.resolver):
            return
        function = self.ctx.resolver.enclosing_function
        context = function.qualname if function is not None else self.ctx.module_name
        subjects += switch_subjects(self.ctx, node) + self._guards(node) + awaited
        self._waiting.append((key, kind, RawFinding(self, node, message, context, subjects=subjects)))
