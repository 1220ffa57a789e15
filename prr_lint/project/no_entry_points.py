"""A service whose entry points prr-lint cannot see holds back the serving-behaviour rules.

PRR101-PRR103, PRR105, PRR401, PRR402 and PRR404 ask what the service does with an error or a line of
output while it serves. Whether a handler or a `print` is the service's or a tool's (a CLI beside it,
a test double, a demo, a start-up script) is decided by scope.py from the entry points. A project that
serves requests through a library whose entry points prr-lint does not recognise (Twisted, WebOb/Paste,
CherryPy or Pecan handlers exposed some other way, `http.server`: `frameworks.UNRECOGNISED_SERVERS`) and has no recognised entry point
leaves it blind: on the services it was measured on, such projects' findings of these rules were four
in five wrong. In a run over a directory they are held back, and the run says so on stderr, naming
the library and the way out: declare the entry points (`[tool.prr-lint.entrypoints]`) or set
`scope = "all"`. A project that uses no server library (a library, a daemon, a few scripts) keeps
them, and so does a run over files named on the command line (a pre-commit hook): it sees too little
of the project to know. The other rules stand on their own evidence (a call without a timeout hangs
whatever runs it) and are not held back.
"""

from __future__ import annotations

import itertools
import os
from typing import Iterator, Sequence, Set

from prr_lint import frameworks as fw
from prr_lint.model import Finding
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.support import test_modules
from prr_lint.project.vendored import vendored_modules
from prr_lint.rules.base import SERVING_BEHAVIOUR_RULES


_SERVERS = frozenset(fw.UNRECOGNISED_SERVERS)


def unseen_server(analysis: ServingAnalysis) -> str:
    """What shows that the project serves through an unrecognised server library while it has no
    recognised entry point (`` `twisted.internet.reactor` in app/main.py ``); "" otherwise."""
    if analysis.model.seeds:
        return ""
    return next(_server_uses(analysis), "")


def serving_behaviour(findings: Sequence[Finding]) -> Set[int]:
    """Positions in `findings` of the serving-behaviour rules' findings, the ones held back."""
    return {position for position, finding in enumerate(findings) if finding.rule in SERVING_BEHAVIOUR_RULES}


def _server_uses(analysis: ServingAnalysis) -> Iterator[str]:
    """`name` in `path` for each module-level import, then each call, of an unrecognised server library,
    in the project's code (test code and type stubs, `.pyi`, run no server, and a vendored copy of another
    project that the service may never use, project/vendored.py); lazily, as the first is enough."""
    index = analysis.index
    skipped = test_modules(index) | vendored_modules(analysis)
    modules = {name: module for name, module in index.modules.items() if name not in skipped and not module.path.endswith(".pyi")}
    imports = ((module.path, used) for _, module in sorted(modules.items()) for used in module.imports.values())
    calls = (
        (modules[owner].path, call)
        for name, function in sorted(index.functions.items()) if (owner := index.module_of(name)) in modules
        for call in function.calls
    )
    below = tuple(f"{server}." for server in fw.UNRECOGNISED_SERVERS)  # one startswith per name, not one per server
    for path, used in itertools.chain(imports, calls):
        if (used in _SERVERS or used.startswith(below)) and not _defined_here(used, index):
            yield f"`{used}` in {path}"


def _defined_here(used: str, index) -> bool:
    """The project defines the server module itself (the standard library's own `socketserver`, a fork of
    Twisted): it is the library, not a service that runs on it. Its top module is a project module, or a
    file of that name in a folder that is no package (a source folder the indexed name is prefixed with:
    `python3.11.socketserver`)."""
    if index.module_of(used):
        return True
    top = used.partition(".")[0]
    for path in index.by_path:
        folder, _, name = path.replace(os.sep, "/").rpartition("/")
        if name == "__init__.py":
            folder, _, name = folder.rpartition("/")
        elif name.endswith(".py"):
            name = name[:-3]
        if name == top and f"{folder}/__init__.py".lstrip("/") not in index.by_path:
            return True
    return False
