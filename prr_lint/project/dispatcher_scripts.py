"""Dispatcher scripts: operator programs that hand their command line to the project's own dispatcher.

HumanCellAtlas data-store's `scripts/dss-ops.py` shape: the script imports the subcommand modules whole
(`import dss.operations.iam`), each registers its actions with the package's decorator, and the
`__main__` block hands `sys.argv[1:]` to the dispatcher object, whose class builds the parser. The
script builds no parser itself, so cli_programs.py would not take it for a program, and the modules
it loads belong to another top-level package, which a loose tool does not claim. Here:

* such a script is a program when nothing imports it, it reads `sys.argv`, its `__main__` block
  calls something, no computed-name loader of the project may load it (a daemon master importing
  `daemons.scripts.<name>` runs its `main` in the service) and no deployment file runs it
  (schedules.py: a crontab line or a Dockerfile keeps it the deployment's; a CI pipeline does not);
* a module of another package it imports by its own name is its too when no other module imports it
  and no computed-name or by-path loader of the project may load it (unloaded_files.py `Loaders`); a
  package's `__init__` is loaded by every module below it and stays.

scope.py hands this to cli_programs.py, which sits below the deployment readers it needs.
"""

from __future__ import annotations

import posixpath
from typing import Dict, List, Optional, Set

from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.root_scripts import reads_command_line
from prr_lint.project.schedules import Deployment
from prr_lint.project.unloaded_files import Loaders

_MAIN_SCRIPT = "`__main__` script"  # scope.py's reason for a `__main__` block's calls, which Deployment.runs reads


class Dispatchers:
    """The dispatcher scripts of one run and the modules only they import by name."""

    def __init__(self, analysis: ServingAnalysis) -> None:
        self.analysis = analysis
        self._loaders: Optional[Loaders] = None

    def programs(self, excluded: Set[str]) -> Dict[str, List[str]]:
        """Module -> its roots (its top level and what its `__main__` block calls), for the scripts
        not in `excluded` (modules something imports, tests)."""
        index, graph = self.analysis.index, self.analysis.graph
        found: Dict[str, List[str]] = {}
        for name, module in index.modules.items():
            if name in excluded or name not in index.functions or not module.script_calls or not reads_command_line(module) \
                    or self._loadable(name):
                continue
            deployment = self.analysis.derived("deployment", lambda: Deployment(self.analysis))
            if not deployment.runs(name, _MAIN_SCRIPT, set()):
                found[name] = [name, *sorted(filter(None, {graph.target(call) for call in module.script_calls}))]
        return found

    def _loadable(self, module: str) -> bool:
        """Some computed-name or by-path loader of the project may load `module` (a daemon master
        importing `daemons.scripts.<name>` and calling its `main`): the service runs it."""
        self._loaders = self._loaders or Loaders(self.analysis)
        return self._loaders.may_load(module)

    def imported_by_name(self, programs: Set[str], edges: Dict[str, Set[str]], tests: Set[str]) -> Set[str]:
        """The modules of other top-level packages that `programs` import by their own name and that
        nothing else imports (`edges`: module -> what it loads) or may load."""
        index = self.analysis.index
        others = {target for name, targets in edges.items() if name not in programs and name not in tests for target in targets}
        found: Set[str] = set()
        for program in sorted(programs):
            module = index.modules.get(program)
            for target in sorted({*module.imports.values(), *module.dotted_imports} if module is not None else ()):
                if target not in index.modules or target in others or target.partition(".")[0] == program.partition(".")[0] \
                        or posixpath.basename(index.modules[target].path).startswith("__init__."):
                    continue
                if not self._loadable(target):
                    found.add(target)
        return found
