"""Branch guards no caller of the service's takes, for PRR501 and PRR502 alike (param_guards.py does the work).

A call in a branch on a parameter (`if sign:`) runs only when some caller passes a value that takes the branch. The
callers that count are outside tests and, in the serving scope, outside command-line code (commands.py: what only
commands nothing schedules reach, scripts): a management command passing `csv_url=options["url"]` runs its branch in
the command alone, where its own findings would not count either. A background task's call counts: the branch then
runs in the service's workers. One check for both rules: an HTTP call and a gRPC call behind the same guard share a fate.
"""

from __future__ import annotations

from typing import Callable, Tuple

from prr_lint.project.commands import command_only
from prr_lint.project.param_guards import ParamGuards, switch_truth
from prr_lint.project.scope import NonServing
from prr_lint.project.switches import project_switches


def service_guards(project) -> Callable[[Tuple[str, ...]], bool]:
    """Whether a finding's `param-guard:` subjects say its branch is false for every caller that counts (module doc)."""
    analysis = project.analysis()
    # an INI switch every shipped file leaves off is false, one each turns on true (`debug_mode = true`), a module global
    # bound to an environment switch that is off false (`use_ssl=config.email_ssl`); the view is built when a call passes one
    guards = ParamGuards(analysis.graph, analysis.model.seeds, truth=switch_truth(lambda: project_switches(project)))
    if getattr(project.settings, "scope", "serving") != "serving":
        return guards.unreachable

    def counted(caller: str) -> bool:  # built on the first guarded call site only
        if caller in analysis.derived("command-only", lambda: command_only(analysis)):
            return False
        module = analysis.module_of(caller)
        return module is None or module.module not in analysis.derived("non-serving", lambda: NonServing(analysis)).scripts

    return lambda subjects: guards.unreachable(subjects, counted)
