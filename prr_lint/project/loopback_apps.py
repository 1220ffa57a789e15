"""Apps that only ever listen on the loopback interface, beside the deployed service (PRR201).

A module that builds an app, declares all of its routes itself, and starts every server it starts on
a loopback address (`uvicorn.Config(app=app, host="127.0.0.1")` run in a thread, `app.run(host=
"localhost")`) serves processes of its own host only: a file viewer the sandbox agent starts for its
browser. When no launch file and no other module names the module and the project serves routes outside it, no user
reaches it through the deployment; the local process that calls it sees its failures. A module that
also binds another address, or has no server start of its own, is not one.
"""

from __future__ import annotations

from typing import Callable, Iterable, Optional

import libcst as cst

from prr_lint.project.index import ProjectIndex
from prr_lint.project.texts import job_text, parsed
from prr_lint.tree import descendants

LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
# The keyword a server start takes its address by (uvicorn, hypercorn, aiohttp, Flask: `host`; tornado: `address`).
_ADDRESS_KEYWORDS = frozenset({"host", "address"})
_SERVER_CALLS = frozenset({"run", "Config", "run_app", "listen", "serve", "run_simple", "make_server", "TCPSite"})


def _addresses(tree: cst.Module) -> list:
    """The address literal each server start of the module binds (None when not a literal)."""
    found = []
    for node in descendants(tree, ()):
        if not isinstance(node, cst.Call):
            continue
        name = node.func.attr.value if isinstance(node.func, cst.Attribute) else getattr(node.func, "value", "")
        if name not in _SERVER_CALLS:
            continue
        for arg in node.args:
            if arg.keyword is not None and arg.keyword.value in _ADDRESS_KEYWORDS:
                value = arg.value.evaluated_value if isinstance(arg.value, cst.SimpleString) else None
                found.append(value if isinstance(value, str) else None)
    return found


def loopback_only(index: ProjectIndex, path: str, job_for: Callable[[str], Optional[object]],
                  own_routes: Iterable[str], served: Iterable[str], named: Callable[[], bool]) -> bool:
    """The app at `path`, whose routes (`own_routes`: their paths) all lie in its module, is served on
    loopback only, beside routes the project serves elsewhere, and `named()` (a launch file or another
    module names the module) does not hold (module docstring)."""
    routes = list(own_routes)
    if index.by_path.get(path) is None or not routes or any(route != path for route in routes):
        return False
    if not any(other != path for other in served):
        return False
    tree = parsed(job_text(job_for(path)) or "")
    addresses = _addresses(tree) if tree is not None else []
    return bool(addresses) and all(address in LOOPBACK for address in addresses) and not named()
