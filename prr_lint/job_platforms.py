"""Plug-in job platforms: a platform that runs a project's classes as jobs under a time limit of its own;
and serverless function platforms, which run a function a deployment command deploys under one.

Data only, read by PRR501's project phase (project/platform_jobs.py, project/gcloud_deploys.py) and rendered
into its docs (rules/timeout_job_docs.py), so the two cannot drift apart. A job class is a project class deriving one of
a platform's SDK classes, matched by the qualified name its base resolves to through imports (never by
the class's own name): the platform calls the class's methods for each job and stops the job at its limit.
"""

from __future__ import annotations

from typing import FrozenSet, NamedTuple, Tuple


class JobPlatform(NamedTuple):
    """One platform: its SDK classes, its default limit, whether that limit ends the job's whole process
    (then the class's constructor and the program's `__main__` block run under it too; else only the
    methods the platform calls as jobs do), and where the default is set and how an operator changes it."""

    name: str
    bases: FrozenSet[str]
    default_seconds: float
    whole_process: bool
    documented: str


JOB_PLATFORMS: Tuple[JobPlatform, ...] = (
    JobPlatform(
        "Cortex analyzers and responders",
        frozenset({"cortexutils.analyzer.Analyzer", "cortexutils.responder.Responder", "cortexutils.worker.Worker"}),
        30 * 60.0,
        True,
        "Cortex starts each job as a process (or container) of its own, running the program whose `__main__` "
        "block runs the class (`GeoAnalyzer().run()`), and kills it past the worker's `jobTimeout` (its default is "
        "`job.timeout` in Cortex's `reference.conf`, given to a worker when it is enabled); an operator can raise "
        "it, or clear it per worker, and then no limit applies",
    ),
    JobPlatform(
        "Shuffle (WALKOFF) apps",
        frozenset({"walkoff_app_sdk.app_base.AppBase", "shuffle_sdk.AppBase", "shuffle_sdk.shuffle_sdk.AppBase"}),
        30.0,
        False,
        "the app SDK calls each action (a method of the class, found by its name) in a thread and stops waiting "
        "for it at the limit (55 s for Shuffle Tools and Subflow), answering the workflow with a timeout result; "
        "an operator sets another limit with `SHUFFLE_APP_SDK_TIMEOUT` on Orborus, and a long one turns it off in "
        "effect; the app's constructor runs outside the limit",
    ),
)


class FunctionPlatform(NamedTuple):
    """A serverless platform: the command that deploys a function to it, the limit an invocation gets when
    the command sets none, the longest it accepts, and where both are documented."""

    name: str
    command: str
    default_seconds: float
    longest_seconds: float
    documented: str


CLOUD_FUNCTIONS = FunctionPlatform(
    "Google Cloud Functions (Cloud Run functions, 1st and 2nd gen)",
    "gcloud functions deploy",
    60.0,
    3600.0,
    "the platform ends an invocation at the function's timeout, `--timeout` (`540`, `540s`, `9m`), else the default, "
    "answering 408 (1st gen) or 504 (2nd gen); 540 s is the longest for 1st gen and 2nd gen event-driven functions, 3600 s "
    "for 2nd gen HTTP ones (https://cloud.google.com/functions/docs/configuring/timeout, "
    "https://cloud.google.com/functions/1stgendocs/configuring/timeout); the function it calls is the `--entry-point`, "
    "unset the deployed function's name (the Cloud Functions API's `entryPoint`: \"defaults to the resource name suffix\"), "
    "in the `main.py` of the `--source` folder",
)


def platform_lines(indent: str) -> str:
    """One documentation line per platform: its SDK classes, its default limit, and where it is set."""
    lines = []
    for platform in JOB_PLATFORMS:
        bases = ", ".join(f"`{base}`" for base in sorted(platform.bases))
        lines.append(f"{indent}- {platform.name} ({bases}; {_duration(platform.default_seconds)} by default): {platform.documented}.\n")
    return "".join(lines)


def _duration(seconds: float) -> str:
    return f"{seconds / 60:g} min" if seconds >= 60 else f"{seconds:g} s"


def function_platform_line(indent: str, platform: FunctionPlatform = CLOUD_FUNCTIONS) -> str:
    """The documentation line of a serverless platform: its command, its default limit, and where it is set."""
    return (f"{indent}- {platform.name} (`{platform.command}`; {_duration(platform.default_seconds)} by default, at most "
            f"{_duration(platform.longest_seconds)}): {platform.documented}.\n")
