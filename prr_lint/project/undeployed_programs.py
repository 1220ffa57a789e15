"""Programs the deployment does not run, beside others of the project that it does: a person's tools.

The deployment's files (schedules.Deployment: Dockerfiles, compose and Kubernetes files, crontabs, the
shell scripts and Makefile targets they run) name the project's programs they start: `python -m
jockey.worker start`, a cron job's `python3 services/check_expire.py`. A program of the project that
starts a server or loops until stopped is otherwise taken for the service. When the deployment names
some of the project's programs (a `__main__` block, work at a module's top level, a `#!` line, a console
script) by file path, `-m` module or script name (program_runs.py: `python3 -u server.py` through the image's
WORKDIR and copies; a COPY runs nothing), and not this one, it is one someone starts by hand. A module whose
console script the deployment runs is run (`lbrynet` runs `lbry.extras.cli`, `__main__` block or not); one that
only a console script the deployment does not run starts is such a program too:

* a script that does its work at its top level and loops (a Kafka consumer that only an unscheduled
  `alerce_runner.sh` runs) is a root script all the same (root_scripts.py);
* a program that starts a server serves its app to a developer (AgentOps's `deploy/jockey/api/run.py`
  runs `uvicorn.run` on the status app of `jockey.api.main`, while the image runs `python -m
  jockey.worker start`): an app module that only such programs import (tests aside), and the modules
  only it and they import, register handlers no deployed process serves. Their handlers are no entry
  points (served_routes.py), for every rule that starts from handlers (PRR505's event-loop reach too).
  A launch file that names the app module by its own name (`uvicorn main:app`) serves it, and keeps it.
* a program that serves its own app from its `__main__` block (`app.run(debug=True)`), that no module imports and
  no launch file names (its path, `-m` module, `bot:app`, `FLASK_APP=bot`; script_apps.py `unlaunched_script_app`)
  nor runs from its package's folder beside it, is a person's too (Openaibot's `docs/test_script/note_github_bot.py`,
  while its `pm2.json` starts the sender and receiver): its handlers are no entry points, its code is out of the
  serving scope (`hand_run_apps`, script_app_code.py). Not while a command runs a program by a name the shell fills
  in or globs (`python $SCRIPT`: program_runs.py `unnamed`), which may be this one.

Without a deployment that runs some program of the project by name nothing is known, and nothing is
left out: the service may be started from files this repository does not hold.
"""

from __future__ import annotations

import re
from typing import Dict, FrozenSet, List, Set

from prr_lint import frameworks as fw
from prr_lint.model import RUN_AS_PROGRAM, TOP_LEVEL_WORK
from prr_lint.project.callgraph import breadth_first
from prr_lint.project.names import calls_app_constructor, imported_modules
from prr_lint.project.package_scripts import importers
from prr_lint.project.schedules import Deployment
from prr_lint.project.script_apps import unlaunched_script_app
from prr_lint.project.support import test_modules

_SERVER_DEPTH = 3  # calls from a program's start to the server it starts (scope.py `_long_running`)
_SERVER_CONFIGS = frozenset({"uvicorn.Config"})  # a server's settings, given the app


class DeployedPrograms:
    """Which of the project's programs the deployment runs, read once per run."""

    def __init__(self, analysis) -> None:
        self.analysis = analysis
        self.deployment: Deployment = analysis.derived("deployment", lambda: Deployment(analysis))
        index = analysis.index
        imported = imported_modules(index)
        self.programs = sorted(name for name, module in index.modules.items() if module.script_calls or RUN_AS_PROGRAM in _tags(index, name)
                               or (TOP_LEVEL_WORK in _tags(index, name) and name not in imported and not module.registrations and not _builds_app(index, name)))
        # the project functions console scripts start, by module, and the modules of those the deployment runs
        self.scripts: Dict[str, List[str]] = {}
        run_scripts: Set[str] = set()
        for target, script in sorted(analysis.console_scripts.items()):
            found = analysis.graph.target(target)
            module = index.module_of(found) if found is not None else ""
            if module:
                self.scripts.setdefault(module, []).append(found)
                if self.deployment.runs(target, f"console script `{script}`", set()):
                    run_scripts.add(module)
        self.run_scripts = frozenset(run_scripts)
        self.runs_some = bool(self.deployment.text) and (any(self.runs(name) for name in self.programs) or bool(run_scripts))

    def runs(self, module: str) -> bool:
        """The deployment runs the program of `module`: a command names its file or `-m` module, or an image with
        no command copies it (schedules.Deployment.runs_program, program_runs.py). PRR501's and the dead-code
        scope and PRR506 (server_starts.py) all ask this."""
        return self.deployment.runs_program(module)

    def runs_main(self, module: str) -> bool:
        """The deployment runs `module` as a program, its `__main__` block too (not only imported by `fastapi run`)."""
        return self.deployment.runs_main(module)

    def unrun(self, module: str) -> bool:
        """`module` is a program the deployment does not run, beside others of the project it does run: neither
        its file or module nor a console script whose function it holds (`lbrynet` runs `lbry.extras.cli`)."""
        return self.runs_some and not self.runs(module) and module not in self.run_scripts

    def starts(self, module: str) -> List[str]:
        """Where the program of `module` starts: its top level, what its `__main__` block calls, its console scripts."""
        summary = self.analysis.index.modules.get(module)
        return [module, *(summary.script_calls if summary is not None else ()), *self.scripts.get(module, ())]


def _tags(index, name: str) -> Set[str]:
    return set(getattr(index.functions.get(name), "tags", ()))


def deployed_programs(analysis) -> DeployedPrograms:
    return analysis.derived("deployed-programs", lambda: DeployedPrograms(analysis))


def hand_served_modules(analysis) -> FrozenSet[str]:
    """The app modules only programs the deployment does not run serve, and the modules only they import (module docstring)."""
    index = analysis.index
    programs = deployed_programs(analysis)
    if not programs.runs_some:
        return frozenset()
    unrun = {name for name in (*programs.programs, *programs.scripts) if programs.unrun(name)}
    reached = sorted(breadth_first(analysis.graph, [start for name in unrun for start in programs.starts(name)], _SERVER_DEPTH))
    apps = {index.module_of(value) for name in reached for callee, _, value in getattr(index.functions.get(name), "arguments", ())
            if _server_start(callee) and index.module_of(value) in index.modules and _builds_app(index, index.module_of(value))}
    tests = test_modules(index)
    users_of = importers(index, tests)
    text = programs.deployment.text
    found: Set[str] = set()
    for app in sorted(apps - unrun):
        chain = {app} | {package for package in _packages(app) if package in index.modules  # a package re-exporting the app
                          and any(index.module_of(target) == app for target in index.modules[package].imports.values())}
        if all(users_of.get(member, set()) <= unrun | chain for member in chain) \
                and not re.search(r"(?<![\w.])(?:[\w.]+\.)?" + re.escape(app.rpartition(".")[2]) + r":[A-Za-z_]", text):
            found |= chain
    found |= hand_run_apps(analysis)
    grown = bool(found)
    while grown:  # a router module only the app (and its programs) imports
        more = {name for name, users in users_of.items() if name not in found and name not in unrun and name not in tests
                and users and users <= found | unrun and users & found}
        found |= more
        grown = bool(more)
    return frozenset(found)


def hand_run_apps(analysis) -> FrozenSet[str]:
    """The programs the deployment does not run, beside others of the project it runs by name, that serve their own
    app from their `__main__` block, which nothing imports or names (script_apps.py `unlaunched_script_app`): a bot
    a person starts with `python bot.py`. Not when a deployment command runs a program by a name it fills in or
    globs (`python $SCRIPT`): that may be this one. Their handlers are unserved, their code out of the serving scope
    (script_app_code.py)."""
    return analysis.derived("hand-run-apps", lambda: _hand_run_apps(analysis))


def _hand_run_apps(analysis) -> FrozenSet[str]:
    programs, index = deployed_programs(analysis), analysis.index
    if not programs.runs_some or programs.deployment.program_runs().unnamed:
        return frozenset()
    job_for = analysis.derived("job-for", lambda: lambda _path: None)
    launch_files, root = analysis.derived("launch-files", tuple), getattr(analysis.settings, "root", None)
    return frozenset(name for name in programs.programs if _builds_app(index, name) and programs.unrun(name) and unlaunched_script_app(
        index, index.modules[name].path, 0, job_for, launch_files, analysis.console_scripts, root))


def _packages(module: str) -> List[str]:
    """The packages above a module (`jockey.api`, `jockey` for `jockey.api.main`)."""
    parts = module.split(".")
    return [".".join(parts[:end]) for end in range(len(parts) - 1, 0, -1)]


def _server_start(call: str) -> bool:
    """A call that starts a server on the app it is given (`uvicorn.run(app)`, `uvicorn.Config(app=app)`)."""
    return call in fw.SERVER_STARTS or call.endswith(fw.SERVER_START_SUFFIXES) or call in _SERVER_CONFIGS


def _builds_app(index, module: str) -> bool:
    """The module's top level builds a framework app (`app = FastAPI(...)`)."""
    top = index.functions.get(module)
    return top is not None and calls_app_constructor(index, top.calls)


def hand_served_handlers(analysis) -> FrozenSet[str]:
    """The request handlers in modules only hand-run programs serve (served_routes.py drops them)."""
    modules: Dict[str, bool] = {}
    found = set()
    hand_served = hand_served_modules(analysis) if analysis.model.seeds else frozenset()
    for name in analysis.model.seeds:
        module = analysis.index.module_of(name)
        if modules.setdefault(module, module in hand_served):
            found.add(name)
    return frozenset(found)
