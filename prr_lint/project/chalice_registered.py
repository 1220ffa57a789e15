"""The modules a Chalice app's own library loads by name inside the app's Lambda: handlers no import shows.

A Chalice app may come from a library that runs the project's functions for it: the app module binds the
library's app (`from monitor_core.app import app`) and the project's modules register their functions with
that library's decorators (`@checks.check_function()`, a method of an object of the library's class); the
library's runner imports those modules by name (a setup file lists them) when a schedule or a queued
message the app handles asks for them, so no project module imports them, and they run in the app's Lambda.
Such a module is a handler module of the deployment (lambda_modules.py bounds what only it loads) when

* it lies in the Chalice project folder, which the deployment packages, and is no test module, nor a
  script (it has no `__main__` block that runs something: one runs it by hand);
* one of its functions is decorated by a name of the library whose app object the app module imports
  (its top-level package: `monitor_core` above). An app a project module builds (`app = Chalice(...)`)
  has no such library: Chalice runs only the handlers the app module's imports register;
* no project module outside the app's and these modules' import closures names it (its file stem as a
  word: `run_check("audit_checks/stale_items")` in a script run by hand loads it there);
* no launch file other than a dependency list names the library (`CMD ["python", "-m",
  "monitor_core.runner"]`, `pip install monitor-core` in a Dockerfile): a process of its own may run the
  library's runner, and these functions with it, on a host no Lambda timeout stops.
"""

from __future__ import annotations

import posixpath
import re
from typing import Iterable, Optional, Sequence, Set

from prr_lint.project.index import ProjectIndex
from prr_lint.project.lambda_code import Handlers
from prr_lint.project.lambda_modules import code_closure
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.names import resolve_name
from prr_lint.project.support import test_modules
from prr_lint.stamps import is_dependency_file

_MAX_HOPS = 16  # imports followed from the app module to where its app is bound


def registered_modules(index: ProjectIndex, apps: Handlers, launch_files: Sequence[str]) -> Handlers:
    """The project modules the libraries of the Chalice `apps` (app module -> project folder) load by name
    (module docstring), each with the folder of the app whose library registers it."""
    tests = test_modules(index)
    found: Handlers = {}
    for app, folder in apps.items():
        libraries = _libraries(index, app)
        if not libraries or _launched(libraries, launch_files):
            continue
        for name, module in index.modules.items():
            if name in tests or module.script_calls or not _below(module.path, folder or ""):
                continue
            if any(_top(resolve_name(index, decorator)) in libraries
                   for function in module.functions.values() for decorator in function.decorators):
                found[name] = folder
    if not found:
        return {}
    closure: Set[str] = set()
    for name, folder in {**apps, **found}.items():
        closure |= code_closure(index, name, folder or "")
    outside = [index.modules[name] for name in index.modules if name not in closure and name not in tests]
    return {name: folder for name, folder in found.items()
            if not any(_stem(index.modules[name].path) in other.words for other in outside)}


def _libraries(index: ProjectIndex, app: str) -> Set[str]:
    """The top-level package of the library whose app object the app module's `app` is, followed through the
    project's imports; none for an app a project module builds, whose handlers its imports register."""
    module, name = app, "app"
    for _ in range(_MAX_HOPS):
        summary = index.modules.get(module)
        if summary is None:
            return {_top(module)}
        if name in summary.globals:
            return set()
        target = summary.imports.get(name) or next(
            (f"{star}.{name}" for star in summary.star_imports if star not in index.modules or _binds(index, star, name)), None)
        owner = index.module_of(target) if target else None
        if target is None or (owner and target == owner):
            return set()
        module, name = (owner, target[len(owner) + 1:]) if owner else (target.rpartition(".")[0], target.rpartition(".")[2])
    return set()


def _binds(index: ProjectIndex, module: str, name: str) -> bool:
    summary = index.modules[module]
    return name in summary.globals or name in summary.imports or bool(summary.star_imports)


def _launched(libraries: Iterable[str], launch_files: Sequence[str]) -> bool:
    """Whether a launch file that is not a dependency list names one of the libraries (`_` or `-` spelt)."""
    spellings = "|".join(re.escape(library).replace("_", "[_-]") for library in sorted(libraries))
    pattern = re.compile(rf"(?<![\w.-])(?:{spellings})(?![\w-])", re.I)
    for path in launch_files:
        text = None if is_dependency_file(path) else read_launch_text(path)
        if text and pattern.search(text):
            return True
    return False


def _below(path: str, folder: str) -> bool:
    return not folder or path.startswith(f"{folder}/")


def _stem(path: str) -> str:
    return posixpath.basename(posixpath.dirname(path) if path.endswith("/__init__.py") else path[: -len(".py")])


def _top(name: Optional[str]) -> str:
    return (name or "").split(".")[0]
