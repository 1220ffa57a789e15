"""PRR501: the jobs a plug-in job platform runs under its own time limit (prr_lint/job_platforms.py).

A project class deriving a platform's SDK class (Cortex's `cortexutils.analyzer.Analyzer`, Shuffle's
`AppBase`), through any project bases, as its base resolves through imports, is a job class: the
platform calls its methods for each job and stops the job at the platform's limit. Its methods are job
starts (dunder methods only when the limit ends the whole process: the Shuffle SDK builds the app outside
the action's limit). When the limit ends the process, the program is the job: what a `__main__` block
of a module that binds a job class runs (`main()` building the analyzer) is a job start too.
task_deadline.py decides what only job starts reach, as for Celery tasks: code a served route or
another program also reaches keeps its findings.
"""

from __future__ import annotations

from typing import Dict, Optional, Set

from prr_lint.job_platforms import JOB_PLATFORMS, JobPlatform
from prr_lint.project.callgraph import CallGraph
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors

_PACKAGES = frozenset(base.split(".")[0] for platform in JOB_PLATFORMS for base in platform.bases)


def platform_jobs(index: ProjectIndex, graph: CallGraph) -> Set[str]:
    """The functions a known plug-in job platform runs as jobs, under its limit (module docstring)."""
    if not any(target.split(".")[0] in _PACKAGES for module in index.modules.values() for target in module.imports.values()):
        return set()
    classes: Dict[str, JobPlatform] = {}
    for name in index.classes:
        platform = _platform(index, name)
        if platform is not None:
            classes[name] = platform
    starts: Set[str] = set()
    for name in index.functions:
        owner, _, method = name.rpartition(".")
        platform = classes.get(owner)
        if platform is not None and (platform.whole_process or not (method.startswith("__") and method.endswith("__"))):
            starts.add(name)
    processes = {name for name, platform in classes.items() if platform.whole_process}
    programs = {index.module_of(name) for name in processes}
    for module in index.modules.values():
        if module.module in programs or processes.intersection(module.imports.values()):
            starts.update(found for call in getattr(module, "script_calls", ()) if (found := graph.target(call)) is not None)
    return starts


def _platform(index: ProjectIndex, name: str) -> Optional[JobPlatform]:
    """The platform whose SDK class the project class `name` derives, if any."""
    ancestors = set(class_ancestors(index, name))
    return next((platform for platform in JOB_PLATFORMS if ancestors & platform.bases), None)
