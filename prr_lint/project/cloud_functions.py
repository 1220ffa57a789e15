"""PRR501: the Google Cloud Functions the deployment files deploy, each a handler stopped at its limit.

Cloud Functions ends an invocation at the function's timeout (job_platforms.CLOUD_FUNCTIONS: 60 s
unless `--timeout` sets another), so what the function runs cannot hang past it, as in an AWS Lambda
(lambda_deadline.py, which takes these handlers with its own). A function counts only when a deployment
file deploys it (`gcloud functions deploy`, gcloud_deploys.py) and every such deploy gives it a known
limit within deadline_values.MAX_SECONDS: a 2nd gen HTTP function may run for an hour, which, like a
Celery task's hour, is no deadline. The Python runtime loads the `main.py` at the root of the deployed
folder and calls the entry point there: a function of that module, or, when the deployment fills the
entry point in (`--entry-point=$ENTRY`), each function the module registers with the Functions
Framework (`@functions_framework.http`, `@functions_framework.cloud_event`). The folder is the
function's package, on its `sys.path` (lambda_code.Handlers). A source that names no local folder (a
Cloud Storage URL, a value filled in) is looked for near the deployment file (lambda_code.nearby_handler).
"""

from __future__ import annotations

import os
from typing import Sequence, Set

from prr_lint.model import ModuleSummary
from prr_lint.project.deadline_values import MAX_SECONDS
from prr_lint.project.gcloud_deploys import FunctionDeploy, function_deploys
from prr_lint.project.index import ProjectIndex
from prr_lint.project.lambda_code import Handlers, nearby_handler, relative_folder
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.names import resolve_name
from prr_lint.sources import shown_path

_ENTRY_MODULE = "main"
_REGISTERS = frozenset({"functions_framework.http", "functions_framework.cloud_event"})


def cloud_function_handlers(index: ProjectIndex, launch_files: Sequence[str], root: str) -> Handlers:
    """The project functions Cloud Functions runs under a known limit, each with its package's folder."""
    found: Handlers = {}
    unbounded: Set[str] = set()
    for path in (*launch_files, os.path.join(root, "Makefile")):
        text = read_launch_text(path)
        for deploy in function_deploys(path, text, root) if text else ():
            targets = _targets(index, deploy, path, root)
            if deploy.seconds is None or not 0 < deploy.seconds <= MAX_SECONDS:
                unbounded.update(targets)
            found.update(targets)
    return {target: folder for target, folder in found.items() if target not in unbounded}


def _targets(index: ProjectIndex, deploy: FunctionDeploy, path: str, root: str) -> Handlers:
    """The functions one deploy runs, with the folder of its package (module docstring)."""
    if deploy.source is None:
        if not deploy.entry_point.isidentifier():
            return {}
        found = nearby_handler(index, f"{_ENTRY_MODULE}.{deploy.entry_point}", os.path.dirname(path), root)
        return {found: None} if found is not None and found in index.functions else {}
    for base in deploy.bases:
        folder = os.path.normpath(os.path.join(base, deploy.source))
        summary = index.by_path.get(shown_path(os.path.join(folder, f"{_ENTRY_MODULE}.py"), root))
        if summary is not None:
            return {target: relative_folder(folder, root) for target in _entries(index, summary, deploy.entry_point)}
    return {}


def _entries(index: ProjectIndex, summary: ModuleSummary, entry_point: str) -> Set[str]:
    """The functions of the entry module the platform may call: the named one, or, unnamed, those the
    module registers with the Functions Framework."""
    if entry_point:
        name = f"{summary.module}.{entry_point}"
        return {name} if name in index.functions else set()
    prefix = f"{summary.module}."
    return {name for name, function in index.functions.items()
            if name.startswith(prefix) and "." not in name[len(prefix):]
            and any(resolve_name(index, decorator) in _REGISTERS for decorator in function.decorators)}
