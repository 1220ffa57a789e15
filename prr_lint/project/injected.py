"""FastAPI dependencies: functions a route runs per request without calling them.

`minio: MinioHelper = Depends(get_minio_helper)` (a parameter default, `Annotated[..., Depends(f)]`,
a router's `dependencies=[Depends(f)]`) makes FastAPI call `get_minio_helper` for every request the
route serves; the call graph sees no call. A deadline that bounds only background jobs
(task_deadline.py) must count such a dependency as request code.
"""

from __future__ import annotations

from typing import Set

import libcst as cst

from prr_lint.project.deadline_values import Sources
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import written_in
from prr_lint.tree import descendants, dotted_name

_DEPENDS = frozenset({"fastapi.Depends", "fastapi.Security", "fastapi.params.Depends", "fastapi.params.Security",
                      "fastapi.param_functions.Depends", "fastapi.param_functions.Security"})


def injected_dependencies(index: ProjectIndex, sources: Sources) -> Set[str]:
    """The project functions and classes some `Depends(...)` / `Security(...)` names."""
    found: Set[str] = set()
    for module in index.modules.values():
        text = sources.texts.get(module.path)
        tree = sources.tree(module.path) if text is not None and ("Depends(" in text or "Security(" in text) else None
        for node in descendants(tree, stop_at=()) if tree is not None else ():
            if not isinstance(node, cst.Call) or written_in(index, module.module, dotted_name(node.func) or "") not in _DEPENDS:
                continue
            given = [arg.value for arg in node.args if arg.keyword is None or arg.keyword.value == "dependency"][:1]
            target = written_in(index, module.module, dotted_name(given[0]) or "") if given else ""
            target = index.canonical(target) or target
            if target in index.functions or target in index.classes:
                found.add(target)
    return found

