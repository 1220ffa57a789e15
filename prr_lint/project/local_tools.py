"""Flask/Quart apps that are a single user's local tool, not a service (PRR201).

A command-line program that offers a web UI as one of its modes (`nettacker --start-api` calling
`app.run(host, port, ssl_context="adhoc")` inside the function that option runs) serves the person at
the terminal who started it, through the framework's development server. Nothing deploys it as a
service: no launch file (Procfile, Dockerfile, compose file, shell script, uwsgi/supervisor config,
dependency list) names a production WSGI/ASGI server, no module starts one or is a `wsgi`/`asgi`
entry module, and no `app.run` sits at a module's top level or in its `__main__` block (`python
app.py` as the deployment) or is a console script of its own (`svc-server = "svc.run:main"`). Request metrics are not something such a tool's user asks for.
"""

from __future__ import annotations

import os
import re
from typing import Iterable

from prr_lint import frameworks as fw
from prr_lint.paths import is_test_path
from prr_lint.project.index import ProjectIndex
from prr_lint.project.live_lines import read_launch_text

# The frameworks' development servers (Flask-SocketIO's `run` is not one: it serves with eventlet or gevent).
DEV_SERVERS = frozenset({"flask.Flask.run", "flask.app.Flask.run", "quart.Quart.run", "quart.app.Quart.run",
                         "werkzeug.serving.run_simple"})
PRODUCTION_WORDS = ("gunicorn", "uwsgi", "uvicorn", "waitress", "hypercorn", "daphne", "granian", "mod_wsgi", "bjoern", "meinheld", "cheroot")
PRODUCTION_SERVER = re.compile(rf"\b({'|'.join(PRODUCTION_WORDS)})\b", re.I)
PRODUCTION_MODULES = ("gunicorn", "uvicorn", "waitress", "hypercorn", "daphne", "granian", "bjoern", "meinheld", "cheroot")
# YAML files that describe a deployment (a compose file, a Kubernetes manifest), not data a tool reads.
_DEPLOYMENT_YAML = re.compile(r"^(services|spec|containers):", re.M)


def deployment_names_server(path: str) -> bool:
    """A launch file that starts a production WSGI/ASGI server (a pre-commit config is no deployment)."""
    if os.path.basename(path) == ".pre-commit-config.yaml":
        return False
    text = read_launch_text(path)
    if text is None:
        return False
    if path.endswith((".yml", ".yaml")) and not _DEPLOYMENT_YAML.search(text) and "containers:" not in text:
        return False
    return bool(PRODUCTION_SERVER.search(text))


def _run_by_module(index: ProjectIndex, runners: Iterable[str], hops: int = 3) -> bool:
    """A runner is module-level code, or one that a module's top level (its `__main__` block) calls
    within a few calls (`if __name__ == "__main__": main()` with `main()` calling `app.run()`)."""
    callers: dict = {}
    for name, function in index.functions.items():
        for call in function.calls:
            callers.setdefault(index.canonical(call) or call, set()).add(name)
    frontier, seen = set(runners), set(runners)
    for _ in range(hops + 1):
        if any(name in index.modules for name in frontier):
            return True
        frontier = {caller for name in frontier for caller in callers.get(name, ()) if caller not in seen}
        seen |= frontier
    return False


def is_local_tool_app(index: ProjectIndex, framework: str, launch_files: Iterable[str], commands: Iterable[str] = ()) -> bool:
    """The project serves its Flask/Quart app only through the development server, from a function
    (a command-line mode, not a console script of its own: `svc-server = "svc.run:main"` is a server
    command), and deploys no production server (see the module docstring)."""
    if framework not in ("flask", "quart"):
        return False
    runners = []
    for name, function in index.functions.items():
        module = index.modules.get(index.module_of(name))
        if module is None or is_test_path(module.path):
            continue
        if module.module.rpartition(".")[2] in ("wsgi", "asgi"):
            return False
        for call in function.calls:
            if call in DEV_SERVERS:
                runners.append(name)
            elif call in fw.SERVER_STARTS or call.startswith(PRODUCTION_MODULES):
                return False
    if not runners or _run_by_module(index, runners) or set(runners) & set(commands):
        return False  # no development server start, or one a module's `__main__` block runs: `python app.py` deploys it
    return not any(map(deployment_names_server, launch_files))
