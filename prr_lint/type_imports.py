"""Imports only a type checker runs: names a module imports under `if TYPE_CHECKING:` and nowhere else.

`typing.TYPE_CHECKING` is False at run time, so such an import loads no module and binds no name the
module could call or hand on: it is there for annotations (`def create_source(self) -> "JiraSource"`,
with the real import inside the function that builds one). The summary keeps the names in `imports`
(annotations still type receivers for the call graph) and lists them in `ModuleSummary.type_only_imports`,
so that the project phase does not take them for what the module loads when it is imported.
"""

from __future__ import annotations

from typing import Dict, List

import libcst as cst

from prr_lint.resolve import Resolver

TYPE_CHECKING_FLAGS = frozenset({"typing.TYPE_CHECKING", "typing_extensions.TYPE_CHECKING"})


def type_only_imports(resolver: Resolver) -> List[str]:
    """The module-level names every import of which is in the body of a top-level `if TYPE_CHECKING:`."""
    guarded: Dict[str, int] = {}
    for statement in resolver.module.body:
        if isinstance(statement, cst.If) and resolver.qualified_name(statement.test, resolver.module_scope) in TYPE_CHECKING_FLAGS:
            for line in statement.body.body:
                for small in line.body if isinstance(line, cst.SimpleStatementLine) else ():
                    for local in _bound(small):
                        guarded[local] = guarded.get(local, 0) + 1
    bindings = resolver.module_scope.bindings
    return sorted(name for name, count in guarded.items()
                  if len(bindings.get(name, ())) == count and all(binding.kind == "import" for binding in bindings[name]))


def _bound(small: cst.BaseSmallStatement) -> List[str]:
    """The local names an import statement binds (scopes.py binds them alike)."""
    if not isinstance(small, (cst.Import, cst.ImportFrom)) or isinstance(small.names, cst.ImportStar):
        return []
    found = []
    for alias in small.names:
        if alias.asname is not None and isinstance(alias.asname.name, cst.Name):
            found.append(alias.asname.name.value)
        elif isinstance(alias.name, cst.Name):
            found.append(alias.name.value)
        elif isinstance(small, cst.Import) and isinstance(alias.name, cst.Attribute):
            found.append(cst.Module([]).code_for_node(alias.name).split(".")[0])
    return found
