"""`scope = "serving"` over a run's findings, each filter through the project phase's guard (guard.py).

A filter that crashes leaves out nothing: what it would have left out is reported, as with
scope = "all", and the other filters still apply.
"""

from __future__ import annotations

from functools import partial
from typing import Sequence, Set

from prr_lint.model import Finding, RunResult
from prr_lint.project.guard import PhaseGuard

_AS_ALL = 'the findings it leaves out are reported, as with scope = "all"'


def apply_scope(run: RunResult, project, whole_project: bool, guard: PhaseGuard) -> None:
    """Drop PRR1xx/PRR401-PRR404/PRR501/PRR502 findings in code that is positively not the service
    (scope.py; a script's app beside the deployed one: script_app_code.py), PRR204/PRR205 findings in dead code
    (a metric no process runs makes no series), PRR000 in files the
    service never loads (unloaded_files.py) or in Python 2 files of a Python 2 deployment
    (python2_files.py), and in a whole project without entry points the serving-behaviour rules'
    findings (no_entry_points.py); `run.out_of_scope`, `run.python2_files` and `run.held_back`
    count them so the run can say so."""
    from prr_lint.project.no_entry_points import serving_behaviour, unseen_server
    from prr_lint.project.python2_code import python2_code
    from prr_lint.project.python2_files import SYNTAX_ERROR, python2_files
    from prr_lint.project.scope import DEAD_ONLY, out_of_scope, scoped_rule
    from prr_lint.project.script_app_code import script_app_findings
    from prr_lint.project.task_output import task_output
    from prr_lint.project.syntax_scope import unloaded_files
    from prr_lint.project.unused_clients import unused_clients

    if not any(scoped_rule(finding.rule) or finding.rule in (SYNTAX_ERROR, *DEAD_ONLY) for finding in (*run.findings, *run.suppressed)):
        return
    analysis = guard.run("serving analysis for scope = \"serving\"", project.analysis, None, _AS_ALL)
    if analysis is None:
        return
    filters = {
        "code that is not the service": lambda found: out_of_scope(analysis, found, whole_project),
        "task output": lambda found: task_output(analysis, found, whole_project),
        "unused clients": lambda found: unused_clients(analysis, found, whole_project),
        "files the service never loads": lambda found: unloaded_files(analysis, found, whole_project, project.launch_files),
        "apps of scripts": lambda found: script_app_findings(analysis, found, project.job_for, project.launch_files),
    }

    def left_out(found: Sequence[Finding]) -> Set[int]:
        """Positions in `found` that the filters leave out, each filter guarded on its own."""
        dropped: Set[int] = set()
        for name, positions in filters.items():
            dropped |= guard.run(f"scope filter '{name}'", partial(positions, found), set(), _AS_ALL)
        return dropped

    python2_outcome = "PRR000 findings in Python 2 files are reported"
    # the service's code, where nothing declares a runtime; every PRR000 shows which files are in Python 2 syntax
    code = partial(python2_code, analysis, project.launch_files, (*run.findings, *run.suppressed))
    dropped = left_out(run.findings)
    python2, old_runtime = guard.run("scope filter 'Python 2 files'", lambda: python2_files(run.findings, analysis, code),
                                     (set(), None), python2_outcome)
    run.python2_runtime, run.python2_release = old_runtime or ("", "")
    python2 -= dropped
    unseen = "the serving-behaviour rules' findings are not held back"
    run.held_back_by = guard.run("search for an unrecognised server", lambda: unseen_server(analysis), "", unseen) if whole_project else ""
    held = serving_behaviour(run.findings) - dropped - python2 if run.held_back_by else set()
    if dropped or held or python2:
        run.findings = [finding for position, finding in enumerate(run.findings) if position not in dropped | held | python2]
        run.out_of_scope, run.held_back, run.python2_files = len(dropped), len(held), len(python2)
    hidden = left_out(run.suppressed) \
        | guard.run("scope filter 'Python 2 files'", lambda: python2_files(run.suppressed, analysis, code), (set(), None), python2_outcome)[0] \
        | (serving_behaviour(run.suppressed) if run.held_back_by else set())
    if hidden:
        run.suppressed = [finding for position, finding in enumerate(run.suppressed) if position not in hidden]
