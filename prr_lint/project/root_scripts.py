"""Root scripts: modules no project module imports that do their work at module level.

A top-level module, a file made to be executed (a `#!` line, wherever it lives), or a file in a folder
of scripts: a folder that is no package to Python (no `__init__.py` in it nor in the folder above:
`fastchat/serve/monitor/dataset_release_scripts/lmsys_chat_1m/approve_all.py`) that no import (a star import too) from outside it names
(its scripts' own `from task.chat import send` does not: run from the root, they load nothing else). A script run by hand or by a container entrypoint before the server
starts (a wait-for-database loop, an import/export script, a one-off maintainer's loop over an API).
A module that defines an entry point, registers handlers or starts a server or a worker (in the functions it hands to
worker processes or threads too: a `while True:` consumer it starts, fanned_work.py) is the
service, and stays, unless the deployment runs other programs of the project by name and not this one (a
Kafka consumer only an unscheduled shell script starts: undeployed_programs.py); so does one in a folder of scripts
that the deployment runs (program_runs.py, PRR501's one reading: a command names its file or `-m` module; a CI
pipeline, a shell script no deployment file names or an image's COPY runs nothing) or that an import names by its
bare name (a program run from that folder imports its siblings so: `import config`). Folders of scripts count only in a project with
serving entry points: without them nothing is known to serve.

In a package, such a module is a script too when it is a program nothing but a person or a CI job runs
(fourfront's `deploy/travis_after_all.py`, a Travis build-matrix helper reading `sys.argv`): it reads its
command line and nothing runs or names it (`_Unnamed`); a crontab, Dockerfile or Kubernetes Job that runs it, or a
project module that names it, keeps it. One that reads no command line may be a page or hook a platform
loads from its package, and stays.
"""

from __future__ import annotations

import os
import posixpath
import re
from typing import Callable, Dict, Optional, Sequence, Set, Tuple

from prr_lint.model import RUN_AS_PROGRAM, TOP_LEVEL_WORK, ModuleSummary
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.fanned_work import worker_targets
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import import_targets, imported_modules
from prr_lint.project.support import test_modules
from prr_lint.project.undeployed_programs import DeployedPrograms, deployed_programs
from prr_lint.project.unloaded_files import Loaders, deployment_names, spelled
from prr_lint.rules.how_it_runs import ARGUMENT_PARSERS


def _script_folders(index: ProjectIndex) -> Tuple[Set[str], Set[tuple]]:
    """Folders that are no package (neither they nor their parent hold an `__init__.py`, as modules.py
    names them) and that no import from outside them names: no import target holds the folder's last two names in a row, or
    starts with a top folder's name
    (`background.celery` in `onyx.background.celery.celery_redis`: a folder below an import root the
    run's naming does not know is imported by a shorter name than its path). Also the names imported."""
    paths = [module.path for module in index.modules.values()]
    packages = {posixpath.dirname(path) for path in paths if posixpath.basename(path) in ("__init__.py", "__init__.pyi")}
    named: Dict[tuple, Set[str]] = {}  # names an import puts -> the folders of the modules that import so
    for module in index.modules.values():
        home = posixpath.dirname(module.path.replace(os.sep, "/"))
        for target in import_targets(module):  # a star import names the folder too
            parts = target.split(".")
            for words in [(parts[0],), *zip(parts, parts[1:])]:  # a top folder is named first (`from svc import x`)
                named.setdefault(words, set()).add(home)
    folders = {posixpath.dirname(path) for path in paths}
    return {folder for folder in folders if folder and folder not in packages and posixpath.dirname(folder) not in packages
            and all(_within(home, folder) for home in named.get(tuple(folder.split("/")[-2:]), ()))}, set(named)


def _within(home: str, folder: str) -> bool:
    """A module in `folder` (or below it) imports it: a script of the folder importing its sibling by the folder's
    name (`from task.slack_tool import SlackMessage`, run as `python -m task.compare`) loads nothing from outside."""
    return home == folder or home.startswith(folder + "/")


def root_scripts(analysis: ServingAnalysis, long_running: Callable[[Sequence[str]], bool]) -> Set[str]:
    """The root scripts of the project (see the module docstring)."""
    index = analysis.index
    imported = imported_modules(index)
    with_entries = {analysis.module_of(name).module for name in analysis.model.seeds if analysis.module_of(name)}
    candidates = {}
    for name, module in index.modules.items():
        top = index.functions.get(name)
        if top is not None and TOP_LEVEL_WORK in top.tags and name not in imported and name not in with_entries \
                and not module.registrations:
            candidates[name] = module
    if not candidates:
        return set()
    folders, named = _script_folders(index) if analysis.model.seeds else (set(), set())
    deployed = deployed_programs(analysis) if analysis.model.seeds else None
    found = set()
    unnamed = _Unnamed(analysis, deployed) if deployed else None
    for name, module in candidates.items():
        if "." in name and RUN_AS_PROGRAM not in index.functions[name].tags and (
                posixpath.dirname(module.path) not in folders or (name.rpartition(".")[2],) in named
                or deployed.runs(name)) and not (unnamed and unnamed.of(name, module)):
            continue  # in a package, not made to be executed (no `#!` line), no script of a folder of scripts, no program nothing runs
        if not long_running([name, *worker_targets(index, name)]) or (deployed and deployed.unrun(name)):  # undeployed_programs.py
            found.add(name)
    return found


class _Unnamed:
    """A program nothing runs but a person or a CI job: a module that reads its command line (`sys.argv`,
    an argparse/optparse parser) that the deployment does not run (program_runs.py, as PRR501's scope asks:
    CI pipelines, shell scripts no deployment file names and an image's COPY run nothing; none does where a
    command runs a program the shell names or globs, `python $SCRIPT`: `unnamed`) and that nothing names: no
    Python program the index does not hold (nor a launch file, by its word: `of`), no other non-test module, not
    even in a comment or a path string (all the words of a name that is no word: unloaded_files.py `spelled`), no
    loader of the project (a program run by a computed path included: unloaded_files.Loaders)."""

    def __init__(self, analysis: ServingAnalysis, deployed: DeployedPrograms) -> None:
        self.analysis = analysis
        self.deployed = deployed
        self.programs = deployment_names(analysis, analysis.derived("launch-files", tuple))
        self.tests = test_modules(analysis.index)
        self.loaders: Optional[Loaders] = None

    def of(self, name: str, module: ModuleSummary, command_line: bool = True) -> bool:
        """`command_line`: only a program that reads its command line, which the deployment's commands run by its
        path or module (a shell script no deployment file names runs nothing); without, any program (a loop needs
        none: `unnamed_program`), which no launch file names, not even by the word of its name, a shell script
        included (an installed copy, `/usr/local/bin/fetch_example`: DeploymentNames `names`)."""
        file_name = posixpath.basename(module.path.replace(os.sep, "/"))
        stem = file_name[:-3]
        if (command_line and not reads_command_line(module)) or not file_name.endswith(".py") \
                or self.deployed.runs(name) or self.deployed.deployment.program_runs().unnamed \
                or not self.programs.known or spelled(stem, self.programs.script_words) \
                or (not command_line and self.programs.names(file_name)):  # `python $SCRIPT` may run it
            return False
        # a comment or a path string names it too (`subprocess.run(["python", "deploy/x.py"])`)
        if any(spelled(stem, other.words) for other_name, other in self.analysis.index.modules.items()
               if other_name != name and other_name not in self.tests):
            return False
        self.loaders = self.loaders or Loaders(self.analysis)
        return not self.loaders.may_load(name)


def unnamed_program(analysis: ServingAnalysis, name: str, without_entries: bool = False) -> bool:
    """The program starting at `name` (a looping `__main__` block's call, scope.py) is one nothing in the project
    runs or names (`_Unnamed`, its command line read or not; no launch file names its file, a COPY included), while
    the deployment runs others of its programs by name: a script a person starts by hand (ooni's
    `misc/tor_connectivity_monitor.py`, polling a site every minute), not a deployed worker, whose deployment would
    name it. Only in a project with serving entry points, unless `without_entries`: the inline code of a `__main__`
    block that neither serves nor loops (main_guard_code.py), which no import runs, is a program and no service's
    start, as `hand_run_programs` reads a script whose import is its run, seeds or not."""
    found = analysis.module_of(name)
    if found is None or not (analysis.model.seeds or without_entries):
        return False
    deployed = deployed_programs(analysis)
    if not deployed.runs_some or found.module in analysis.derived("imported-modules", lambda: imported_modules(analysis.index)):
        return False
    file_name = posixpath.basename(found.path.replace(os.sep, "/"))
    if re.search(rf"(?<![\w.-]){re.escape(file_name)}(?![\w.-])", deployed.deployment.text):
        return False  # an image ships it under a name of its own (`COPY relay.py /usr/local/bin/zimfarm-relay`)
    unnamed: _Unnamed = analysis.derived("unnamed-programs", lambda: _Unnamed(analysis, deployed))
    return unnamed.of(found.module, found, command_line=False)


def hand_run_programs(analysis: ServingAnalysis, long_running: Callable[[Sequence[str]], bool]) -> Set[str]:
    """Modules whose import is their run (work at the top level; no function, class or known object a loader
    could take out: unloaded_files.Loaders `defines`) that nothing imports, runs or names (`_Unnamed`, its
    command line read or not), that register nothing and
    neither loop nor start a server, while the deployment runs other programs of the project by name (without one
    nothing shows how the project runs): a script a person runs by hand, a `#!` line or not (beiwe's
    `data_access_api_reference/other_api_reference_script.py`, a researcher's request against the API; FormShare's
    `utilities/push_json_multithreading_example.py`, uploads over processes its top level starts and joins: what a
    script hands its workers and waits for is its run, fanned_work.py; so is the coroutine its `asyncio.run(probe())`
    runs). A Lambda handler or a plug-in defines the function its loader calls, and stays."""
    index = analysis.index
    imported, tests = imported_modules(index), test_modules(index)
    candidates = [name for name, module in sorted(index.modules.items())
                  if name not in imported and name not in tests and not module.registrations
                  and TOP_LEVEL_WORK in getattr(index.functions.get(name), "tags", ())]
    deployed = deployed_programs(analysis) if candidates else None
    if not deployed or not deployed.runs_some:
        return set()
    unnamed = _Unnamed(analysis, deployed)
    loaders = unnamed.loaders = unnamed.loaders or Loaders(analysis)
    return {name for name in candidates if not loaders.defines(name) and not long_running([name, *worker_targets(index, name)])
            and unnamed.of(name, index.modules[name], command_line=False)}


def reads_command_line(module: ModuleSummary) -> bool:
    """`sys.argv` in its code (not its comments), or a function that builds an argument parser and parses with it."""
    if module.words.get("argv", 0) > module.prose_words.get("argv", 0):
        return True
    calls = {call for function in module.functions.values() for call in function.calls}
    return bool(calls & ARGUMENT_PARSERS) and any(call.endswith((".parse_args", ".parse_known_args")) for call in calls)
