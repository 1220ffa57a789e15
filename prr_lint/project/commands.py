"""Code that only operator commands run: PRR504's project half.

A retry loop in a command a person types (`chia dev sim create` polling for the local simulator
it just started, a Django management command waiting for its database) hammers nothing shared and
blocks nobody but that person; the same loop in a Celery task or a request handler is a retry
storm. rules/retries.py leaves its findings pending with the enclosing function; the finding goes
when the serving scope (project/scope.py) puts that function outside the service and every tool
root that reaches it is a command (click, typer, invoke, Django management and Flask CLI
commands, console scripts, `__main__` blocks), not a task queue or a scheduler, whose workers run
unattended beside the service; or when its module is a root script (scope.py: a top-level module
nothing imports that does its work at module level, such as CTFd's wait-for-database `ping.py`),
or when infrastructure code deploys its module as a function of its own (project/deployed.py: a
Terraform module zipping the Lambda handler beside it). A bounded retry with a constant pause (marked
`START_UP_WAIT`) also goes when only a process's start-up runs it (project/start_up_waits.py).
"""

from __future__ import annotations

from typing import Callable, Dict, FrozenSet, List, Optional

from prr_lint.model import Finding, Pending
from prr_lint.project.callgraph import breadth_first
from prr_lint.project.deployed import InfrastructureFiles
from prr_lint.project.scope import NonServing
from prr_lint.project.start_up_waits import start_up_only
from prr_lint.rules.retries import OUTSIDE_COMMANDS, START_UP_WAIT

COMMAND_KINDS = frozenset({"click", "typer", "invoke", "nox", "django-command", "flask-cli", "quart-cli", "locust", "flask-script", "cliff", "pecan-command"})


def command_only(analysis) -> FrozenSet[str]:
    """Functions outside the service that only command roots reach."""
    non_serving: NonServing = analysis.derived("non-serving", lambda: NonServing(analysis))
    kinds: Dict[str, set] = {}
    for context in analysis.model.batch_contexts:
        kinds.setdefault(context.qualname, set()).add(context.kind)
        kinds.setdefault(context.qualname.rpartition(".")[0], set()).add(context.kind)  # its class's other methods
    commands: List[str] = []
    others: List[str] = []
    for root, why in non_serving.roots.items():
        found = kinds.get(root) or kinds.get(root.rpartition(".")[0], set())
        is_command = why != "batch context" or bool(found & COMMAND_KINDS)
        (commands if is_command else others).append(root)
    reached = breadth_first(analysis.graph, sorted(commands), analysis.max_depth)
    elsewhere = breadth_first(analysis.graph, sorted(others), analysis.max_depth)
    return frozenset(name for name in reached if name in non_serving.functions and name not in elsewhere)


def command_conditions(project) -> Dict[str, Callable[[], Callable[[Pending], Optional[Finding]]]]:
    def build() -> Callable[[Pending], Optional[Finding]]:
        analysis = project.analysis()
        only_commands = analysis.derived("command-only", lambda: command_only(analysis))  # wrappers.py's too
        non_serving: NonServing = analysis.derived("non-serving", lambda: NonServing(analysis))
        infrastructure = InfrastructureFiles(analysis)
        start_up = analysis.derived("start-up-only", lambda: start_up_only(analysis))

        def check(item: Pending) -> Optional[Finding]:
            context = item.subjects[0]
            module = analysis.module_of(context)
            if context in only_commands or (module is not None and module.module in non_serving.scripts):
                return None
            if START_UP_WAIT in item.subjects[1:] and context in start_up:
                return None  # a bounded retry, run once as the process starts (start_up_waits.py)
            if module is not None and infrastructure.deployed(module):
                return None
            return item.finding

        return check

    return {OUTSIDE_COMMANDS: build}
