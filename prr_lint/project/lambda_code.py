"""Where a deployed AWS Lambda function's handler is: the project function its handler string names
in the folder its package is built from (lambda_terraform.py, lambda_cdk.py). Tied by path, never by
a folder's name: `notify.lambda_handler` in `infra/alerts/lambda_function` is the `lambda_handler` of
`infra/alerts/lambda_function/notify.py`, whatever the folders are called."""

from __future__ import annotations

import os
from typing import Optional

from prr_lint.model import ModuleSummary
from prr_lint.project.index import ProjectIndex
from prr_lint.sources import shown_path


def handler_function(index: ProjectIndex, folder: str, handler: str, root: str) -> Optional[str]:
    """The project function `handler` (`pkg.mod.function` or `pkg/mod.function`: `pkg/mod.py` or
    `pkg/mod/__init__.py`) names in the absolute code `folder` (or its module, `handler_target`), or None."""
    module, _, function = handler.rpartition(".")
    if not module or not function.isidentifier():
        return None
    relative = module.replace(".", "/")
    for candidate in (f"{relative}.py", f"{relative}/__init__.py"):
        summary = index.by_path.get(shown_path(os.path.normpath(os.path.join(folder, candidate)), root))
        if summary is not None and (found := handler_target(index, summary, function)):
            return found
    return None


def handler_target(index: ProjectIndex, summary: ModuleSummary, name: str) -> Optional[str]:
    """The handler `name` of the module: its function, or, for an object the module binds (`handler =
    Mangum(app)`: an adapter serving an app), the module itself, which the Lambda loads (lambda_modules.py)."""
    if f"{summary.module}.{name}" in index.functions:
        return f"{summary.module}.{name}"
    return summary.module if summary.words.get(name) else None
