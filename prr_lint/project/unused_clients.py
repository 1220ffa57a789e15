"""PRR501 in the project phase: a lazy client bound at a module's top level to a name nothing reads.

`redis = Redis.from_url(Config.Data.REDIS_CONN_STR)` connects nowhere: redis-py's clients and
connection pools, like `http.client`'s connections, open a socket only when a command or a request
is sent through them. When no code reads the name (the module's own code has no load of it, no other
service module imports it or the module to name it, or star-imports a module that exports it; a test
may, and what it reads there is the test's business) no call is
ever made through the client, and a missing socket timeout on it is about nothing (Artemis's unused
module-level client in `api.py`, beside the `backend.redis` the API really uses). Only in a run over
the whole project, where every reader would be seen; a client whose constructor connects (an
`smtplib.SMTP(host)`, a `RedisCluster`, which fetches its slots) stays reported.
"""

from __future__ import annotations

import ast
import re
from typing import Optional, Sequence, Set

from prr_lint.model import Finding
from prr_lint.project.names import enclosing_function
from prr_lint.project.parsed_trees import parsed_tree
from prr_lint.project.support import test_modules

# Constructors that open no connection: the client connects on its first command or request.
_LAZY = re.compile(r"`(redis\.(?!cluster\.|RedisCluster)[\w.]*|http\.client\.HTTPS?Connection)\(\)`")


def unused_clients(analysis, findings: Sequence[Finding], whole_project: bool) -> Set[int]:
    """Positions in `findings` of PRR501 findings on a lazy client that a module-level assignment
    binds to a name nothing reads."""
    index = analysis.index
    root = getattr(analysis.settings, "root", None)
    if not whole_project or root is None:
        return set()
    found: Set[int] = set()
    for position, finding in enumerate(findings):
        module = enclosing_function(index, finding.context)
        if finding.rule != "PRR501" or module not in index.modules or not _LAZY.match(finding.message):
            continue
        tree = parsed_tree(analysis, index.modules[module].path)
        name = _bound_name(tree, finding.span.line)
        if name and not _read(tree, name) and not _read_elsewhere(index, module, name, test_modules(index)):
            found.add(position)
    return found


def _bound_name(tree: Optional[ast.Module], line: int) -> Optional[str]:
    """The name a module-level `name = <call>` binds, when the call on `line` is that value."""
    for statement in tree.body if tree is not None else ():
        if isinstance(statement, ast.Assign) and len(statement.targets) == 1 and isinstance(statement.targets[0], ast.Name) \
                and isinstance(statement.value, ast.Call) and statement.value.lineno <= line <= (statement.value.end_lineno or line):
            return statement.targets[0].id
    return None


def _read(tree: ast.Module, name: str) -> bool:
    """The module reads `name` (a load, a `del`, `global`, a string: `__all__`) or binds it more than once."""
    stores = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id == name:
            if not isinstance(node.ctx, ast.Store):
                return True
            stores += 1
        elif isinstance(node, (ast.Global, ast.Nonlocal)) and name in node.names:
            return True
        elif isinstance(node, ast.Constant) and node.value == name:
            return True  # `__all__ = ["redis"]`, `getattr(module, "redis")`
    return stores > 1


def _read_elsewhere(index, module: str, name: str, tests: Set[str]) -> bool:
    """Another module imports `name` from the module, star-imports it, or imports the module and names `name`;
    a test's import reads nothing the service runs (`from alert import tasks` beside a test's own `r`)."""
    for other, summary in index.modules.items():
        if other == module or other in tests:
            continue
        if f"{module}.{name}" in summary.imports.values() or module in summary.star_imports and not name.startswith("_"):
            return True
        if summary.words.get(name) and any(module == target or module.startswith(f"{target}.") for target in summary.imports.values()):
            return True
    return False
