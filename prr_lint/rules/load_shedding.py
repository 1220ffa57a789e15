"""PRR506: servers started from code with no concurrency limit (checklist item PRR-OVL).

What each server does when it is given more work than it can handle, by default:

* gRPC (`grpc.server`, `grpc.aio.server`): `maximum_concurrent_rpcs=None` means no limit; with a
  limit the server answers RESOURCE_EXHAUSTED at once instead of queueing the RPC. A sync server's
  thread pool bounds the RPCs *running*, not those waiting in the pool's unbounded queue.
* uvicorn (`uvicorn.run`, `uvicorn.Config`): `limit_concurrency=None` means no limit; with one,
  uvicorn answers 503 past it. `backlog` (default 2048) is only the kernel's queue of connections
  not yet accepted, and uvicorn accepts as fast as it can, so it sheds nothing.
* hypercorn has no concurrency limit to set (its `backlog`, default 100, is the kernel's accept
  queue too): nothing to report, load must be shed in the app or in front of it.

Servers run for local development (uvicorn with `reload=True`/`debug=True`, started only when the
reload or debug switch it is handed is on (flag_branches.py), or bound to the loopback address,
uvicorn's default host, as a literal or a name bound only to one: socket_targets.loopback_through) are left alone, as are calls that pass `**kwargs`. The project phase drops
starts production does not run (project/server_starts.py; the docs say which).
"""

from __future__ import annotations

import re
from typing import Dict, List, Optional, Tuple

import libcst as cst

import prr_lint.rules.clients as cl
from prr_lint.context import RawFinding
from prr_lint.model import Severity
from prr_lint.paths import is_service_path
from prr_lint.rules.base import Rule
from prr_lint.rules.flag_branches import taken_only_when_on
from prr_lint.rules.load_shedding_docs import SERVER_WITHOUT_LOAD_SHEDDING_DOCS
from prr_lint.rules.load_shedding_examples import INVALID as EXAMPLES_REPORTED, VALID as EXAMPLES_LEFT_ALONE
from prr_lint.socket_targets import local_address, loopback_through

# gRPC server factory -> the positional index of `maximum_concurrent_rpcs`
_GRPC = {"grpc.server": 4, "grpc.aio.server": 4, "grpc.aio._server.server": 4}
_UVICORN = frozenset({"uvicorn.run", "uvicorn.Config", "uvicorn.config.Config", "uvicorn.main.run"})
# A side server that only answers probes or metrics scrapes (a worker's health or exposition
# server), named so by its module or the function that starts it: no user traffic to shed.
_PROBE_SERVER = re.compile(r"(?i)health|metric|exposition|probe|prometheus|liveness|readiness")
_FLAGS = ("reload", "debug")
_PORT_BINDS = frozenset({"add_insecure_port", "add_secure_port"})
# A gRPC server held in a local name: (its scope's id, the name).
_Held = Tuple[int, str]
# The project phase settles each finding (project/server_starts.py): a start only programs the
# deployment does not run reach, of an app the deployment serves with a server command of its own,
# or of an app that answers only probes and scrapes.
SERVER_START = "deployed-server-start"


def server_file(path: str) -> bool:
    """Service code where a server may start: not tests or tool scripts, but a package's
    `__main__.py` (`python -m service`) is the service's own start-up."""
    if path == "__main__.py" or path.endswith("/__main__.py"):
        path = f"{path[: -len('__main__.py')]}main.py"
    return is_service_path(path)


class ServerWithoutLoadShedding(Rule):
    __doc__ = SERVER_WITHOUT_LOAD_SHEDDING_DOCS

    code = "PRR506"
    name = "server-without-load-shedding"
    severity = Severity.WARNING
    checklist = ("PRR-OVL",)
    summary = "A gRPC or uvicorn server started from code takes on any number of requests at once"
    triggers = ("grpc", "uvicorn")
    default_enabled = False
    VALID = EXAMPLES_LEFT_ALONE
    INVALID = EXAMPLES_REPORTED

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._servers: List[Tuple[_Held, cst.Call, str, Tuple[str, str, str]]] = []  # gRPC servers reported at the module's end
        self._binds: Dict[_Held, List[bool]] = {}  # each address a held server binds: local to the host or not

    def visit_Call(self, node: cst.Call) -> None:
        held = self._bound_server(node)
        if held is not None:
            self._binds.setdefault(held, []).append(local_address(node.args[0].value, self.ctx.resolver))
            return
        name = self.ctx.resolver.qualified_name(node.func)
        if name is None or not server_file(self.ctx.path) or cl.has_star_kwargs(node) or self._probe_server():
            return
        if name in _GRPC:
            limit = cl.keyword(node, "maximum_concurrent_rpcs")
            args = cl.positional(node)
            if limit is None and len(args) > _GRPC[name]:
                limit = args[_GRPC[name]]
            if limit is None or cl.is_none(limit.value):
                message = (f"`{name}()` has no maximum_concurrent_rpcs: under overload every RPC queues and slows down "
                           "instead of the excess being refused with RESOURCE_EXHAUSTED; set maximum_concurrent_rpcs=<n>")
                parent = self.ctx.ancestors[-1] if self.ctx.ancestors else None
                target = parent.targets[0].target if isinstance(parent, cst.Assign) and len(parent.targets) == 1 else None
                if isinstance(target, cst.Name):
                    self._servers.append((self._held(target.value), node, message, self._subjects(name, "")))
                else:
                    self._report(node, message, name, "")
        elif name in _UVICORN and not self._development(node):
            limit = cl.keyword(node, "limit_concurrency")
            if limit is None or cl.is_none(limit.value):
                shown = "uvicorn.Config" if name.endswith("Config") else "uvicorn.run"
                self._report(node, f"`{shown}()` has no limit_concurrency: under overload uvicorn accepts every "
                                   "connection and all requests slow down instead of the excess getting a 503; "
                                   "set limit_concurrency=<n>", name, self._served_app(node))

    def _bound_server(self, node: cst.Call) -> Optional[_Held]:
        """`server.add_insecure_port(address)` (or `add_secure_port`) on a local name: the server it binds."""
        func = node.func
        if isinstance(func, cst.Attribute) and func.attr.value in _PORT_BINDS and isinstance(func.value, cst.Name) \
                and node.args and node.args[0].keyword is None and not node.args[0].star:
            return self._held(func.value.value)
        return None

    def _held(self, name: str) -> _Held:
        """The server a local name of the current scope holds."""
        return id(self.ctx.resolver.scope), name

    def leave_Module(self, original_node: cst.Module) -> None:
        """A gRPC server whose every bound address is local to its host (a unix socket, a loopback address:
        socket_targets.local_address) serves processes of that host only, its launcher's: left alone."""
        for held, node, message, subjects in self._servers:
            binds = self._binds.get(held, [])
            if not binds or not all(binds):
                self.ctx.raw_findings.append(RawFinding(self, node, message, subjects[0], SERVER_START, subjects))

    def _report(self, node: cst.Call, message: str, name: str, app: str) -> None:
        """Reported once the project phase knows who runs the start (`name`) and what it serves (SERVER_START)."""
        self.report(node, message, SERVER_START, self._subjects(name, app))

    def _subjects(self, name: str, app: str) -> Tuple[str, str, str]:
        """What the project phase settles a start by: the function it is in (the module at top level), the app, the starter."""
        function = self.ctx.resolver.enclosing_function
        return function.qualname if function else self.ctx.module_name, app, name

    def _served_app(self, node: cst.Call) -> str:
        """The app a uvicorn start serves: "module:attribute" as written, or the name its object resolves to."""
        arg = cl.keyword(node, "app")
        args = cl.positional(node)
        value = arg.value if arg is not None else args[0].value if args else None
        if isinstance(value, cst.SimpleString):
            text = value.evaluated_value
            return text if isinstance(text, str) and ":" in text else ""
        if value is None:
            return ""
        found = self.ctx.resolver.qualified_name(value)
        return found or (f"{self.ctx.module_name}.{value.value}" if isinstance(value, cst.Name) else "")

    def _probe_server(self) -> bool:
        function = self.ctx.resolver.enclosing_function
        names = (self.ctx.module_name.rpartition(".")[2], function.qualname.rpartition(".")[2] if function else "")
        return any(_PROBE_SERVER.search(name) for name in names)

    def _development(self, node: cst.Call) -> bool:
        """A development server: auto-reload or debug on, started only when its reload or debug switch
        is on, or listening on the loopback address only."""
        for flag in _FLAGS:
            arg = cl.keyword(node, flag)
            if arg is not None and isinstance(arg.value, cst.Name) and arg.value.value == "True":
                return True
        if taken_only_when_on(node, _FLAGS, self.ctx.ancestors):
            return True
        host = _host(node)
        if host is None:
            return cl.keyword(node, "uds") is None and cl.keyword(node, "fd") is None
        return loopback_through(host, self.ctx.resolver) == ()  # a literal, or a name bound only to one


def _host(node: cst.Call) -> Optional[cst.BaseExpression]:
    arg = cl.keyword(node, "host")
    if arg is None:
        args = cl.positional(node)  # uvicorn.Config(app, host, port, ...)
        arg = args[1] if len(args) > 1 else None
    return arg.value if arg is not None else None
