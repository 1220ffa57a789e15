"""Reads of the process environment: what the deployment, not a shipped file, gives a value.

One answer for the marks that ask it (socket_targets.py's `BINDS_OTHER_TARGET`, flask_configs.py's env-named
config files, config_paths.py's filled mappings), so that they agree on what the environment is.
"""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.resolve import Resolver
from prr_lint.scopes import Scope
from prr_lint.tree import descendants

ENVIRONMENT_READS = frozenset({"os.environ.get", "os.getenv", "os.environ.setdefault", "os.environ"})
# What names the environment at all: a read, or the mapping itself handed on (`config.update(os.environ)`).
_ENVIRONMENT_NAMES = ENVIRONMENT_READS | {"os.getenvb"}


def environment_read(node: cst.CSTNode, resolver: Resolver, scope: Optional[Scope] = None) -> bool:
    """`os.environ["X"]`, `os.environ.get("X")`, `os.getenv("X")` (resolved in `scope`): a value the deployment gives."""
    if not isinstance(node, (cst.Call, cst.Subscript)):
        return False
    return resolver.qualified_name(node.func if isinstance(node, cst.Call) else node.value, scope) in ENVIRONMENT_READS


def names_environment(value: cst.BaseExpression, resolver: Resolver, scope: Optional[Scope] = None) -> bool:
    """`value` reads the environment or hands it on anywhere within it (`{**os.environ}`, `os.getenv("X", "")`)."""
    return any(resolver.qualified_name(node, scope) in _ENVIRONMENT_NAMES
               for node in (value, *descendants(value)) if isinstance(node, (cst.Name, cst.Attribute)))
