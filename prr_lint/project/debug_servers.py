"""Apps that only a development server serves (PRR201, and `scope = "serving"`).

Flask's `app.run(debug=True)` and Werkzeug's `run_simple(use_debugger=True)` start the interactive
debugger, which executes any code a visitor types into an error page: no production deployment runs
it. Such an app is a developer's tool (a mock, a console for testing other services, deployed on
demand), and its requests are nobody's service. A reloader alone (`use_reloader=True`, `uvicorn
--reload`) is no such evidence: a systemd unit may deploy it. Two cases, both keyed on what the code
and the launch files do:

* `debugger_only`: a module's `__main__` block serves its own app with `app.run(debug=True)`, no other
  module names the module (an import, a `"pkg.wsgi_flask:APP"` handed to gunicorn) and no launch file
  points a server at it (`module:app`), whatever else the project deploys (a GitHub OAuth mock a
  development compose file starts with `python3 flaskapp.py`).
* `development_apps`: every way the project serves an app is a development server with the debugger
  on by a literal `True` (`app.run(debug=True)` in `server.py` on the app `console` builds), and
  nothing serves one otherwise: no launch file other than a dependency list names a production
  server (gunicorn, uwsgi, waitress, uvicorn, with `--reload` too ...), no module starts or names
  one, and no development-server start has its debugger off or set from the environment
  (`debug=os.environ.get(...)` may be how production runs it). Then the apps those starts serve
  are development tools: PRR201 does not report them, and when they are the project's only apps and
  serve all its routes, what only they reach is not the service (`development_tool_functions`).

A development command in a launch file (`manage.py runserver`, `flask run --debug`) is no such
evidence either: development compose files and entrypoints run them for services deployed from
elsewhere (m26 djangoproject.com and djangogirls run `runserver`; every finding of theirs was judged true).
"""

from __future__ import annotations

import re
from typing import Callable, FrozenSet, Iterable, Optional, Set

import libcst as cst

from prr_lint import frameworks as fw
from prr_lint.context import is_main_guard
from prr_lint.model import ModuleSummary
from prr_lint.paths import is_test_path
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.index import ProjectIndex
from prr_lint.project.local_tools import DEV_SERVERS, PRODUCTION_MODULES, PRODUCTION_SERVER, PRODUCTION_WORDS, deployment_names_server
from prr_lint.project.names import calls_app_constructor
from prr_lint.project.reporters import global_object_type
from prr_lint.project.live_lines import read_launch_text
from prr_lint.project.texts import job_text, parsed
from prr_lint.stamps import is_dependency_file
from prr_lint.tree import descendants, dotted_name, keyword_value

# Apps whose `run(debug=True)` starts Werkzeug's (Quart: Hypercorn's) development server with the debugger.
_WERKZEUG_APPS = ("flask.", "quart.")
_FLAGS = ("debug", "use_debugger")
_RUN_SIMPLE = "werkzeug.serving.run_simple"
_DEVELOPMENT_FAMILIES = ("flask", "quart")


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
    return not any(text and target.search(text) for text in map(read_launch_text, launch_files))


def _runs_debugger(statement: cst.CSTNode, apps: Set[str]) -> bool:
    """`if __name__ == "__main__": ... app.run(..., debug=True)` on one of the module's Flask/Quart apps."""
    if not isinstance(statement, cst.If) or not is_main_guard(statement.test):
        return False
    return any(isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute) and node.func.attr.value == "run"
               and isinstance(node.func.value, cst.Name) and node.func.value.value in apps and _flag_on(node)
               for node in descendants(statement.body))


def _flag_on(call: cst.Call) -> bool:
    """`debug=True` or `use_debugger=True`, a literal: a value from the environment may be off."""
    return any(arg.keyword is not None and arg.keyword.value in _FLAGS and isinstance(arg.value, cst.Name)
               and arg.value.value == "True" for arg in call.args)


def development_apps(index: ProjectIndex, job_for: Callable[[str], Optional[object]], launch_files: Iterable[str]) -> FrozenSet[str]:
    """The modules that build the apps the project serves, when it serves every app only through a
    development server with a literal debugger flag (module docstring); empty otherwise."""
    served: Set[str] = set()
    for module in index.modules.values():
        if is_test_path(module.path):
            continue
        calls = {call for function in module.functions.values() for call in function.calls}
        if any(call.startswith(PRODUCTION_MODULES) or (call in fw.SERVER_STARTS and call not in DEV_SERVERS) for call in calls) \
                or PRODUCTION_SERVER.search(module.path) or any(word in module.words for word in PRODUCTION_WORDS):
            return frozenset()  # the project starts (`["gunicorn", "svc.app:app"]`) or configures a production server itself
        if not any(_development_server(index, call) for call in calls):
            continue
        found = _development_starts(index, module, parsed(job_text(job_for(module.path)) or ""))
        if not found:
            return frozenset()  # a start without the debugger, or one whose app is not known
        served |= found
    return frozenset(served) if served and not any(map(_starts_production_server, launch_files)) else frozenset()


def _development_server(index: ProjectIndex, call: str) -> bool:
    """A call that starts Werkzeug's development server: `run_simple`, or `run` on a Flask/Quart app
    (`console.app.run` on the app another module builds)."""
    if call in DEV_SERVERS:
        return True
    owner, _, method = call.rpartition(".")
    typed = global_object_type(index, owner) if method == "run" else None
    return typed is not None and f"{fw.canonical(typed)}.run" in DEV_SERVERS


def _starts_production_server(path: str) -> bool:
    """A launch file (not a list of dependencies) that names a production server. `uvicorn --reload`
    counts: a systemd unit may deploy it so (m30 raw-data-api's `ExecStart=... uvicorn API.main:app --reload`)."""
    return not is_dependency_file(path) and deployment_names_server(path)


def _development_starts(index: ProjectIndex, module: ModuleSummary, tree: Optional[cst.Module]) -> Set[str]:
    """The modules building the apps the module's development-server starts serve; empty when one of
    them has its debugger off or serves an app it does not name."""
    if tree is None:
        return set()
    served: Set[str] = set()
    for node in descendants(tree, stop_at=()):  # in functions too (`def main(): app.run(debug=True)`)
        if not isinstance(node, cst.Call):
            continue
        app = _served_app(index, module, node)
        if app is None:
            continue
        home = _app_home(index, module, tree, app)
        if not home or not _flag_on(node):
            return set()
        served.add(home)
    return served


def _served_app(index: ProjectIndex, module: ModuleSummary, call: cst.Call) -> Optional[cst.BaseExpression]:
    """The app a development-server start serves (`app` of `app.run(...)`, `run_simple(host, port, app)`)."""
    func = call.func
    if isinstance(func, cst.Attribute) and func.attr.value == "run":
        receiver = func.value
        if isinstance(receiver, cst.Call):
            return receiver if _home_of_call(index, module, receiver) else None  # `create_app().run(debug=True)`
        typed = global_object_type(index, f"{module.module}.{receiver.value}") if isinstance(receiver, cst.Name) else None
        return receiver if typed is not None and typed.startswith(_WERKZEUG_APPS) else None
    if _qualified(module, func) != _RUN_SIMPLE:
        return None
    positional = [arg.value for arg in call.args if arg.keyword is None]
    return keyword_value(call, "application") or (positional[2:3] or [None])[0]


def _app_home(index: ProjectIndex, module: ModuleSummary, tree: cst.Module, app: cst.BaseExpression) -> str:
    """The module that builds the served app: its module of origin for an imported app, the factory's
    module for an app a factory returns, the module itself for one it constructs."""
    if isinstance(app, cst.Call):
        return _home_of_call(index, module, app)
    if not isinstance(app, cst.Name):
        return ""
    if app.value in module.imports:
        return index.module_of(module.imports[app.value])
    for node in descendants(tree):
        if isinstance(node, cst.Assign) and isinstance(node.value, cst.Call) \
                and any(isinstance(target.target, cst.Name) and target.target.value == app.value for target in node.targets):
            return _home_of_call(index, module, node.value) or ""
    return ""


def _home_of_call(index: ProjectIndex, module: ModuleSummary, call: cst.Call) -> str:
    """The module of the app a call builds: the module itself for `Flask(...)`, a project factory's for `create_app()`."""
    qualified = _qualified(module, call.func)
    if not qualified:
        return ""
    if qualified in fw.APP_CONSTRUCTORS:
        return module.module
    found = index.canonical(qualified)
    return index.module_of(found) if found in index.functions else ""


def _qualified(module: ModuleSummary, func: cst.BaseExpression) -> str:
    """The name a called expression stands for through the module's imports (`run_simple` ->
    `werkzeug.serving.run_simple`, `flask.Flask`), a name of the module's own otherwise."""
    name = dotted_name(func) or ""
    head, _, rest = name.partition(".")
    if not name or head not in module.imports:
        return f"{module.module}.{name}" if name else ""
    return module.imports[head] + (f".{rest}" if rest else "")


def development_tool_functions(analysis, serving: Set[str], others: Iterable[str]) -> Set[str]:
    """What only development-served apps reach (module docstring), when they are the project's only
    apps (every module that builds one is theirs) and every route is a Flask/Quart one: the serving
    functions that no other root (`others`: tasks, long-running programs not starting the
    development server) reaches. Empty otherwise."""
    index = analysis.index
    if not analysis.model.entry_points or any(fw.ENTRY_APP_FAMILY.get(entry.framework, entry.framework) not in _DEVELOPMENT_FAMILIES
                                              for entry in analysis.model.entry_points):  # a Flask-RESTX resource is a Flask route
        return set()
    apps = analysis.derived("development-apps", lambda: development_apps(
        index, analysis.derived("job-for", lambda: lambda path: None), analysis.derived("launch-files", tuple)))
    if not apps:
        return set()
    builders = {module.module for module in index.modules.values() if not is_test_path(module.path)
                and any(calls_app_constructor(index, function.calls) for function in module.functions.values())}
    if not builders or not builders <= apps:
        return set()
    launchers = {module.module for module in index.modules.values()
                 if any(_development_server(index, call) for function in module.functions.values() for call in function.calls)}
    kept = breadth_first(analysis.graph, sorted(name for name in others if index.module_of(name) not in launchers), UNBOUNDED)
    return {name for name in serving if name not in kept}
