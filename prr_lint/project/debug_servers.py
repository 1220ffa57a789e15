"""Apps that only Werkzeug's debugger serves (PRR201).

A module whose `if __name__ == "__main__":` block serves its app with `app.run(debug=True)` runs
Flask's development server with the interactive debugger, which executes any code a visitor types
into an error page: no deployment serves that (a GitHub OAuth mock a development compose file starts
with `python3 flaskapp.py`). When nothing else serves the app either, no other module names the
module (an import, a `"pkg.wsgi_flask:APP"` handed to gunicorn) and no launch file points a server
at it (`module:app`), the app is a local tool whose requests nobody measures.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Optional, Set

import libcst as cst

from prr_lint.context import is_main_guard
from prr_lint.project.index import ProjectIndex
from prr_lint.project.texts import job_text, parsed, read_bounded
from prr_lint.tree import descendants

# Apps whose `run(debug=True)` starts Werkzeug's (Quart: Hypercorn's) development server with the debugger.
_WERKZEUG_APPS = ("flask.", "quart.")


def debugger_only(index: ProjectIndex, path: str, job_for: Callable[[str], Optional[object]], launch_files: Iterable[str]) -> bool:
    """The app module at `path` is served by `run(debug=True)` from its main block and by nothing else."""
    module = index.by_path.get(path)
    tree = parsed(job_text(job_for(path)) or "") if module is not None else None
    apps = {name for name, kind in module.globals.items() if kind.startswith(_WERKZEUG_APPS)} if module is not None else set()
    if tree is None or not any(_runs_debugger(statement, apps) for statement in tree.body):
        return False
    stem = module.module.rpartition(".")[2]
    if any(other is not module and stem in other.words for other in index.modules.values()):
        return False  # imported, or named as a server's target, by the project's code
    target = re.compile(r"(?<![\w.])(?:[\w.]+\.)?" + re.escape(stem) + r"\s*:\s*[A-Za-z_]")
    return not any(text and target.search(text) for text in map(read_bounded, launch_files))


def _runs_debugger(statement: cst.CSTNode, apps: Set[str]) -> bool:
    """`if __name__ == "__main__": ... app.run(..., debug=True)` on one of the module's Flask/Quart apps."""
    if not isinstance(statement, cst.If) or not is_main_guard(statement.test):
        return False
    return any(isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "run"
               and isinstance(node.func.value, cst.Name) and node.func.value.value in apps
               and any(arg.keyword is not None and arg.keyword.value == "debug" and isinstance(arg.value, cst.Name)
                       and arg.value.value == "True" for arg in node.args)
               for node in descendants(statement.body))
