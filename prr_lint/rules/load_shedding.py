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

Servers run for local development (uvicorn with `reload=True`/`debug=True`, or bound to the
loopback address, uvicorn's default host) are left alone, as are calls that pass `**kwargs`.
"""

from __future__ import annotations

import re
from typing import Optional

import libcst as cst

import prr_lint.rules.clients as cl
from prr_lint.model import Severity
from prr_lint.paths import is_service_path
from prr_lint.rules.base import Example, Rule

# gRPC server factory -> the positional index of `maximum_concurrent_rpcs`
_GRPC = {"grpc.server": 4, "grpc.aio.server": 4, "grpc.aio._server.server": 4}
_UVICORN = frozenset({"uvicorn.run", "uvicorn.Config", "uvicorn.config.Config", "uvicorn.main.run"})
_LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# A side server that only answers probes or metrics scrapes (a worker's health or exposition
# server), named so by its module or the function that starts it: no user traffic to shed.
_PROBE_SERVER = re.compile(r"(?i)health|metric|exposition|probe|prometheus|liveness|readiness")


def server_file(path: str) -> bool:
    """Service code where a server may start: not tests or tool scripts, but a package's
    `__main__.py` (`python -m service`) is the service's own start-up."""
    if path == "__main__.py" or path.endswith("/__main__.py"):
        path = f"{path[: -len('__main__.py')]}main.py"
    return is_service_path(path)


class ServerWithoutLoadShedding(Rule):
    """A server started from code with no limit on the requests it takes on at once.

    What it does
        Reports gRPC servers (`grpc.server(...)`, `grpc.aio.server(...)`) built without
        `maximum_concurrent_rpcs`, and uvicorn servers started from code (`uvicorn.run(...)`,
        `uvicorn.Config(...)`) without `limit_concurrency`, in service code (not in tests or tool
        scripts; a package's `__main__.py` counts as service code). A limit of `None` counts as no
        limit. uvicorn's `backlog` is no limit: it is the kernel's queue of connections uvicorn has
        not accepted yet, and uvicorn accepts as fast as it can. Development servers are left
        alone: uvicorn with `reload=True` or `debug=True`, or bound to the loopback address
        (uvicorn's default host), and so are side servers that only answer probes or metrics
        scrapes, named so by their module or by the function that starts them (`health`,
        `metrics`, `exposition`, `probe` ...). hypercorn is not reported: it has no concurrency
        limit to set. Servers configured outside Python (command line, gunicorn config files) are
        not seen.

        The rule is off by default: whether a server must shed load itself depends on what stands
        in front of it (a proxy or mesh with its own limits), which code does not show. Turn it on
        with `select = ["PRR506"]` (or `extend-select`).

    Why is this bad?
        A server without a limit takes on every request it is sent. Under overload the requests
        queue inside the process, every one of them gets slower, clients time out and retry, and
        the retries add more load: the server does no useful work at all. With a limit it answers
        the excess at once (gRPC RESOURCE_EXHAUSTED, HTTP 503), clients back off or go to another
        replica, and the requests it accepted finish in time.

    Example
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))
        uvicorn.run(app, host="0.0.0.0", port=8080)

    Use instead
        server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), maximum_concurrent_rpcs=64)
        uvicorn.run(app, host="0.0.0.0", port=8080, limit_concurrency=200)

    Options
        None yet. Off by default (opt-in through `select`).

    References
        PRR-OVL: "Services should produce reasonable but suboptimal results if overloaded";
        "practice graceful load shedding" (Site Reliability Engineering, appendix B).
    """

    code = "PRR506"
    name = "server-without-load-shedding"
    severity = Severity.WARNING
    checklist = ("PRR-OVL",)
    summary = "A gRPC or uvicorn server started from code takes on any number of requests at once"
    triggers = ("grpc", "uvicorn")
    default_enabled = False
    VALID = (
        Example(
            "from concurrent import futures\nimport grpc\n\ndef serve():\n"
            "    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16), maximum_concurrent_rpcs=64)\n"
            "    server.start()\n"
        ),
        Example("import uvicorn\nfrom svc.app import app\n\nuvicorn.run(app, host='0.0.0.0', port=8080, limit_concurrency=200)\n"),
        Example("import uvicorn\n\nif __name__ == '__main__':\n    uvicorn.run('svc.app:app', reload=True)\n"),
        Example("import uvicorn\nfrom svc.app import app\n\nuvicorn.run(app, port=8080)\n"),
        Example(
            "import uvicorn\nfrom starlette.applications import Starlette\n\ndef run_health_server():\n"
            "    uvicorn.Server(uvicorn.Config(Starlette(), host='0.0.0.0', port=9000)).run()\n",
            path="svc/worker/main.py",
        ),
        Example("import grpc\n\ndef test_server():\n    server = grpc.server(None)\n", path="tests/test_server.py"),
    )
    INVALID = (
        Example(
            "from concurrent import futures\nimport grpc\n\ndef serve():\n"
            "    server = grpc.server(futures.ThreadPoolExecutor(max_workers=16))  # expect: PRR506\n"
            "    server.start()\n"
        ),
        Example(
            "import asyncio\nfrom grpc import aio\n\nasync def serve():\n"
            "    server = aio.server(maximum_concurrent_rpcs=None)  # expect: PRR506\n    await server.start()\n"
        ),
        Example(
            "import uvicorn\nfrom svc.app import app\n\n"
            "config = uvicorn.Config(app, host='0.0.0.0', port=8080, backlog=4096)  # expect: PRR506\n"
            "uvicorn.Server(config).run()\n",
            path="svc/__main__.py",
        ),
    )

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.resolver.qualified_name(node.func)
        if name is None or not server_file(self.ctx.path) or cl.has_star_kwargs(node) or self._probe_server():
            return
        if name in _GRPC:
            limit = cl.keyword(node, "maximum_concurrent_rpcs")
            args = cl.positional(node)
            if limit is None and len(args) > _GRPC[name]:
                limit = args[_GRPC[name]]
            if limit is None or cl.is_none(limit.value):
                self.report(node, f"`{name}()` has no maximum_concurrent_rpcs: under overload every RPC queues "
                                  "and slows down instead of the excess being refused with RESOURCE_EXHAUSTED; "
                                  "set maximum_concurrent_rpcs=<n>")
        elif name in _UVICORN and not self._development(node):
            limit = cl.keyword(node, "limit_concurrency")
            if limit is None or cl.is_none(limit.value):
                shown = "uvicorn.Config" if name.endswith("Config") else "uvicorn.run"
                self.report(node, f"`{shown}()` has no limit_concurrency: under overload uvicorn accepts every "
                                  "connection and all requests slow down instead of the excess getting a 503; "
                                  "set limit_concurrency=<n>")

    def _probe_server(self) -> bool:
        function = self.ctx.resolver.enclosing_function
        names = (self.ctx.module_name.rpartition(".")[2], function.qualname.rpartition(".")[2] if function else "")
        return any(_PROBE_SERVER.search(name) for name in names)

    def _development(self, node: cst.Call) -> bool:
        """A development server: auto-reload or debug on, or listening on the loopback address only."""
        for flag in ("reload", "debug"):
            arg = cl.keyword(node, flag)
            if arg is not None and isinstance(arg.value, cst.Name) and arg.value.value == "True":
                return True
        host = _host(node)
        if host is None:
            return cl.keyword(node, "uds") is None and cl.keyword(node, "fd") is None
        return isinstance(host, cst.SimpleString) and host.evaluated_value in _LOOPBACK


def _host(node: cst.Call) -> Optional[cst.BaseExpression]:
    arg = cl.keyword(node, "host")
    if arg is None:
        args = cl.positional(node)  # uvicorn.Config(app, host, port, ...)
        arg = args[1] if len(args) > 1 else None
    return arg.value if arg is not None else None
