"""Where a deployed AWS Lambda function's handler is: the project function its handler string names
in the folder its package is built from (lambda_terraform.py, lambda_cdk.py). Tied by path, never by
a folder's name: `notify.lambda_handler` in `infra/alerts/lambda_function` is the `lambda_handler` of
`infra/alerts/lambda_function/notify.py`, whatever the folders are called. The Lambda runtime puts that folder
on `sys.path`, so each handler comes with it (`Handlers`): the handler's bare imports load from there
(lambda_modules.code_closure)."""

from __future__ import annotations

import os
import posixpath
from typing import Dict, List, Optional

from prr_lint.model import ModuleSummary
from prr_lint.project.index import ProjectIndex
from prr_lint.sources import shown_path

Handlers = Dict[str, Optional[str]]  # a handler function or module -> the root-relative folder of its package, None when unknown


def in_folder(index: ProjectIndex, folder: str, handler: str, root: str) -> Handlers:
    """The handler `handler_function` finds in the absolute code `folder`, with that folder; {} when none."""
    found = handler_function(index, folder, handler, root)
    return {found: relative_folder(folder, root)} if found is not None else {}


def relative_folder(folder: str, root: str) -> str:
    """An absolute folder as index paths give it: "" for the root, else root-relative with `/`."""
    return "" if os.path.normpath(folder) == os.path.normpath(root) else shown_path(os.path.normpath(folder), root)


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


def code_root(summary: ModuleSummary, handler: str) -> Optional[str]:
    """The root-relative folder the handler string's module path starts from in the module's file (`main.handler`
    in `billing-hooks/src/main.py`: `billing-hooks/src`), the root of the package, which the Lambda runtime puts on
    `sys.path`; None when the file is not where the handler string leads."""
    relative = handler.rpartition(".")[0].replace(".", "/")
    path = summary.path
    stem = path[: -len("/__init__.py")] if path.endswith("/__init__.py") else path[:-3] if path.endswith(".py") else ""
    if stem == relative:
        return ""
    return stem[: -len(relative) - 1] if relative and stem.endswith(f"/{relative}") else None


def nearby_handler(index: ProjectIndex, handler: str, folder: str, root: str) -> Optional[str]:
    """The handler of a function whose code the template does not locate (an S3 object, a zip a script builds):
    in the nearest folder around the template's `folder` that holds a project module the handler string leads
    to and that has the handler (`main.handler`: `billing-hooks/src/main.py` for `billing-hooks/template.yaml`),
    the only such module; None when there are several there, or none up to the root."""
    module, _, name = handler.rpartition(".")
    stem = module.replace(".", "/").rpartition("/")[2]
    by_stem = index.derived("lambda-module-stems", lambda: _by_stem(index))
    candidates = [summary for summary in by_stem.get(stem, ()) if code_root(summary, handler) is not None and handler_target(index, summary, name)]
    place = relative_folder(folder, root)
    while candidates:
        near = [summary for summary in candidates if not place or summary.path.startswith(f"{place}/")]
        if near:
            return handler_target(index, near[0], name) if len(near) == 1 else None
        if not place or os.path.isabs(place):
            return None
        place = posixpath.dirname(place)
    return None


def _by_stem(index: ProjectIndex) -> Dict[str, List[ModuleSummary]]:
    """Project module file stem (`main` for `main.py`, `jobs` for `jobs/__init__.py`) -> the modules."""
    found: Dict[str, List[ModuleSummary]] = {}
    for path, summary in index.by_path.items():
        stem = posixpath.basename(posixpath.dirname(path) if path.endswith("/__init__.py") else path[:-3])
        found.setdefault(stem, []).append(summary)
    return found
