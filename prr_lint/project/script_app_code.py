"""Code of a script's app beside the deployed service: out of the serving scope.

A module whose module-level app only its own `if __name__ == "__main__":` block serves (`app.run()`),
that no launch file, console script, import or WSGI/ASGI path names, in a project whose deployment
runs a production server on other code (project/script_apps.py), is a sample, a bridge or a tool
someone starts by hand (DocsGPT's `extensions/chatwoot/app.py`, started with `flask run` as its docs
say); so is one beside the programs the deployment runs by name, that runs none of its (Openaibot's
`docs/test_script/note_github_bot.py` beside the sender and receiver its `pm2.json` starts:
undeployed_programs.py `hand_run_apps`). Its routes are no routes of the deployed service: the scoped rules (PRR1xx, PRR401-PRR404, PRR501)
leave out the module's code and what only it reaches (a helper another module calls, or imports by
name, stays). An app a launch file runs through a generic launcher (`FLASK_APP=bridge.py` and `flask
run`, `gunicorn 'pkg.app:create_app()'`, a Procfile line) is named, and stays.
"""

from __future__ import annotations

from typing import Callable, Dict, Iterable, Optional, Sequence, Set

from prr_lint.model import Finding
from prr_lint.project.analysis import ServingAnalysis
from prr_lint.project.callgraph import UNBOUNDED, breadth_first
from prr_lint.project.names import enclosing_function
from prr_lint.project.scope import scoped_rule
from prr_lint.project.script_apps import script_app_modules
from prr_lint.project.undeployed_programs import hand_run_apps


def script_app_code(analysis: ServingAnalysis, job_for: Callable[[str], Optional[object]],
                    launch_files: Iterable[str]) -> Set[str]:
    """The functions of script apps' modules and what only they reach (see the module docstring)."""
    index, graph = analysis.index, analysis.graph
    served = [entry.path for entry in analysis.model.entry_points]
    modules = script_app_modules(index, served, job_for, launch_files, analysis.console_scripts,
                                 getattr(analysis.settings, "root", None)) if served else set()
    modules |= hand_run_apps(analysis)  # beside programs the deployment runs by name (undeployed_programs.py)
    if not modules:
        return set()
    own = {name for name in index.functions if name in modules or index.module_of(name) in modules}
    named = {target for module in index.modules.values() if module.module not in modules
             for target in (*module.imports.values(), *map(graph.target, module.imports.values())) if target}
    found = {name for name in breadth_first(graph, sorted(own), UNBOUNDED) if name not in own and name not in named}
    callers: Dict[str, Set[str]] = {}
    for caller, function in index.functions.items():
        for target in map(graph.target, function.calls):
            if target in found:
                callers.setdefault(target, set()).add(caller)
    changed = True
    while changed:  # every caller is the app's code itself
        dropped = {name for name in found if not callers.get(name, set()) <= own | found}
        changed, found = bool(dropped), found - dropped
    return own | found


def script_app_findings(analysis: ServingAnalysis, findings: Sequence[Finding], job_for: Callable[[str], Optional[object]],
                        launch_files: Iterable[str]) -> Set[int]:
    """Positions in `findings` of the scoped rules' findings in a script app's code."""
    candidates = [position for position, finding in enumerate(findings) if scoped_rule(finding.rule)]
    if not candidates or not analysis.model.seeds:
        return set()
    code = analysis.derived("script-app-code", lambda: script_app_code(analysis, job_for, launch_files))
    return {position for position in candidates if enclosing_function(analysis.index, findings[position].context) in code}
