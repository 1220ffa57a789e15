"""Modules only command-line commands load, through the functions that call into them: a plug-in the CLI builds.

A module whose top level the serving process does not run (no module it imports imports this one at run time:
`analysis.imported`, where an import under `if TYPE_CHECKING:` imports nothing) runs only when something loads
it: a module-level import elsewhere, or a function calling into it (`from svc.sources import JiraSource;
return JiraSource(...)` inside `Config.create_source`, which only `svc investigate jira` calls). When every
loader is a command's (module-level importers are modules that define command roots, tests aside, and every
function of another module that calls into it is reached by command roots and by no serving code or background
work), no loader of the project may import it by a computed name and it serves nothing itself (no handler,
registration, task or seed), it runs only in those commands' processes: its functions are theirs, also the
methods the commands call on receivers no type names (`ticket.source.fetch_issue(id)`), which the call graph
does not follow. Its top level stays (it runs wherever the module is imported). A toolset the server builds
(reached from a route, a call into it from serving code) keeps its module the service's.
"""

from __future__ import annotations

from typing import Dict, Mapping, Set

from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.names import run_imports
from prr_lint.project.self_calls import reach_as_self
from prr_lint.project.service_reach import command_roots
from prr_lint.project.support import test_modules
from prr_lint.project.unloaded_files import Loaders


def command_loaded_functions(analysis, why: Mapping[str, str], serving: Set[str], imported: Set[str]) -> Set[str]:
    """The functions of modules only commands load (module docstring); `why`: tool root -> reason, `serving`:
    what serving code reaches, `imported`: the modules whose top level runs in the serving process."""
    index, graph = analysis.index, analysis.graph
    batch_commands = command_roots(analysis)
    commands = sorted(root for root, reason in why.items() if reason != "batch context" or root in batch_commands)
    if not commands:
        return set()
    background = breadth_first(graph, sorted(root for root in why if root not in commands and root in index.functions), UNBOUNDED)
    command_reach = set(reach_as_self(analysis, commands, analysis.max_depth)) - set(background) - serving
    tests = test_modules(index)
    command_modules = {index.module_of(root) for root in commands}
    callers: Dict[str, Set[str]] = {}  # module -> the functions of other modules that call into it
    importers: Dict[str, Set[str]] = {}  # module -> the modules that import it at their top level
    for name, module in index.modules.items():
        if name in tests:
            continue
        for target in run_imports(module):
            while target:
                if target in index.modules and target != name:
                    importers.setdefault(target, set()).add(name)
                target = target.rpartition(".")[0]
        for function_name, function in module.functions.items():
            for call in function.calls:
                home = index.module_of(graph.target(call) or call)  # a class without `__init__` too
                if home and home != name:
                    callers.setdefault(home, set()).add(function_name)
    serves = {index.module_of(name) for name in (*analysis.model.seeds, *analysis.model.batch)}
    loaders = None
    found: Set[str] = set()
    for name, module in index.modules.items():
        loaded_by = callers.get(name, set())
        if name in imported or name in tests or name in serves or module.registrations or not loaded_by \
                or not loaded_by <= command_reach or not importers.get(name, set()) <= command_modules:
            continue
        loaders = loaders or Loaders(analysis)
        if not loaders.may_load(name):
            found.update(function for function in module.functions if function != name and function not in serving)
    return found
