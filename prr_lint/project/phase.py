"""Runs the project phase: builds the index and settles the findings the per-file phase left pending."""

from __future__ import annotations

from dataclasses import replace
from typing import Callable, Dict, List, Optional, Sequence, Set, Tuple

from prr_lint import frameworks as fw
from prr_lint.model import (CALLER_CHECKS, DRF_LIBRARY_REPORTS, UNLESS_REPORTER_OR_RAISER, RAISED_AFTER_REPORT, RESOURCE_5XX, SENTRY_ASGI_5XX, FileResult,
                            Finding, Pending)
from prr_lint.project.grpc_rpcs import non_rpc_methods
from prr_lint.project.shadowed_routes import shadowed_handlers
from prr_lint.project.guard import UNCONFIRMED, PhaseGuard
from prr_lint.project.in_memory import in_memory_check
from prr_lint.project.one_per_function import one_per_function
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors
from prr_lint.rules.framework_reports import RESOURCE_BASES
from prr_lint.rules.verdicts import IN_MEMORY
from prr_lint.project.never_returns import raising_functions
from prr_lint.project.reporters import (error_checked_by_callers, is_sink_call, own_error_raised_only_so, raised_after_report_classes, reporter_functions,
                                        sentry_captures_starlette_5xx)
from prr_lint.project.http_exceptions import http_exception_handler_reports
from prr_lint.project.drf_library import library_reports
from prr_lint.rules.drf_configured import CONFIGURED
from prr_lint.project.logging_setup import sole_logging_config_check
from prr_lint.project.threads import thread_reports_check

Check = Callable[[Tuple[str, ...]], bool]


def _conditions(index: ProjectIndex) -> Dict[str, Callable[[], Check]]:
    """Condition name -> a factory of its check, so each analysis runs only when some finding needs it."""

    def unless_reporter() -> Check:
        reporters = reporter_functions(index)
        return lambda callees: not any(
            index.canonical(callee) in reporters or is_sink_call(index, callee) for callee in callees
        )

    def unless_reporter_or_raiser() -> Check:
        # a swallowed error handed to a function that always raises or ends the process propagates (not for
        # failure responses: a helper that raises a 5xx still answers the user without a report); the facts are
        # those of unreachable code (project/never_returns.py), read as the error rules ask
        stops = reporter_functions(index) | raising_functions(index)
        return lambda callees: not any(index.canonical(callee) in stops or is_sink_call(index, callee) for callee in callees)

    def configured_drf_handler() -> Check:
        configured = {
            index.canonical(path) or path for module in index.modules.values() for path in module.drf_exception_handlers
        }
        not_reported = unless_reporter()
        return lambda subjects: subjects[0] in configured and not_reported(subjects[1:])

    def unless_drf_library_reports() -> Check:
        # subjects: the handler, what answers where it returns a library handler's answer (comma-joined), its callees
        configured = then(CONFIGURED)
        return lambda subjects: (not all(library_reports(index, subject) for subject in subjects[1].split(","))
                                 and configured((subjects[0], *subjects[2:])))

    def unless_raised_after_report() -> Check:
        not_reported = unless_reporter()
        reported_classes = raised_after_report_classes(index)

        def check(subjects: Tuple[str, ...]) -> bool:
            split = subjects.index(RAISED_AFTER_REPORT) if RAISED_AFTER_REPORT in subjects else len(subjects)
            classes, callees = subjects[:split], subjects[split + 1 :]
            if classes and all(index.canonical(name) in reported_classes or ("@" in name and own_error_raised_only_so(index, name))
                               for name in classes):
                return False
            return not_reported(callees)

        return check

    def unless_restful_resource() -> Check:
        not_reported = unless_reporter()
        raised_after_report = unless_raised_after_report()
        callers: Dict[str, Set[str]] = {}

        def is_resource(cls: str) -> bool:
            return cls in index.classes and any(fw.canonical(base) in RESOURCE_BASES for base in class_ancestors(index, cls))

        answers: Dict[Tuple[str, int], bool] = {}

        def only_resources_call(function: str, depth: int) -> bool:
            """Every caller is a Resource method, or a module function that only they call (a few hops)."""
            if (function, depth) not in answers:
                found = callers.get(function, set())
                answers[(function, depth)] = bool(found) and depth > 0 and all(
                    is_resource(caller.rpartition(".")[0])
                    or (caller.rpartition(".")[0] in index.modules and only_resources_call(caller, depth - 1))
                    for caller in found
                )
            return answers[(function, depth)]

        def check(subjects: Tuple[str, ...]) -> bool:
            owner = index.canonical(subjects[0]) or subjects[0]
            if owner in index.functions:
                # a module function only Resource methods call (maybe through other module functions):
                # the abort reaches their Api too
                if not callers:
                    for function in index.functions.values():
                        for call in function.calls:
                            callers.setdefault(index.canonical(call) or call, set()).add(function.qualname)
                if only_resources_call(owner, 4):
                    return False
            elif is_resource(owner):
                return False  # the Resource's Api logs the 5xx (handle_error -> log_exception)
            rest = subjects[1:]
            if rest and rest[0] == RAISED_AFTER_REPORT:
                return raised_after_report(rest[1:])
            return not_reported(rest)

        return check

    def unless_sentry_starlette() -> Check:
        # a raised 5xx HTTPException in a Starlette app with Sentry on: captured, cause and all; or
        # handed to an HTTPException handler of the app's that reports it
        if sentry_captures_starlette_5xx(index) or http_exception_handler_reports(index):
            return lambda subjects: False
        return lambda subjects: then(subjects[0])(subjects[1:]) if subjects and subjects[0] in factories else then(
            "unless-reporter")(subjects)

    def unless_caller_checks() -> Check:
        not_reported = unless_reporter_or_raiser()  # a callee that always raises propagates the error
        checked = error_checked_by_callers(index)
        # subjects: the function that hands the error back, then the handler's callees
        return lambda subjects: not checked(subjects[0]) and (not subjects[1:] or not_reported(subjects[1:]))

    factories: Dict[str, Callable[[], Check]] = {
        CALLER_CHECKS: unless_caller_checks,
        RAISED_AFTER_REPORT: unless_raised_after_report,
        RESOURCE_5XX: unless_restful_resource,
        SENTRY_ASGI_5XX: unless_sentry_starlette,
        CONFIGURED: configured_drf_handler,
        DRF_LIBRARY_REPORTS: unless_drf_library_reports,
        "unless-reporter": unless_reporter,
        UNLESS_REPORTER_OR_RAISER: unless_reporter_or_raiser,
        IN_MEMORY: lambda: in_memory_check(index, then),
        "unless-sole-logging-config": lambda: sole_logging_config_check(index),
        "unless-thread-reports": lambda: thread_reports_check(index),
    }
    made: Dict[str, Check] = {}

    def then(condition: str) -> Check:
        """The check of a condition that another one defers to (built once)."""
        if condition not in made:
            made[condition] = factories[condition]()
        return made[condition]

    return factories


class Project:
    """The project index and serving analysis of one run, each built on first use and shared by the
    pending conditions and the scope filter."""

    def __init__(self, results: Sequence[FileResult], settings=None, launch_files: Sequence[str] = (), deployment_code: Sequence[str] = (),
                 whole_project: bool = False) -> None:
        self.results = results
        self.whole_project = whole_project  # a run over a directory: what no module loads is known (unloaded_modules.py)
        self.settings = settings
        self.launch_files = tuple(launch_files)  # files that start the service (project/launchers.py)
        self.deployment_code = tuple(deployment_code)  # Terraform, CDK TypeScript: the Lambda functions they deploy
        self._launcher = None  # launchers.Evidence, once read
        self._imported: Set[str] = set()  # what the service code imports, with every dotted prefix
        self._index: Optional[ProjectIndex] = None
        self._index_error: Optional[Exception] = None
        self._analysis = None
        # Timeout-forwarding wrappers by qualname (project/wrappers.py), once they are looked for.
        self.wrappers: Dict[str, object] = {}
        # (path, line, code) of suppressions that project-phase findings used.
        self.used_suppressions: Set[Tuple[str, int, str]] = set()
        self.wrapper_search_crashed = False  # so those suppressions are not all known (project/guard.py)
        # The run's sources by path (a FileJob, or None), when the runner hands them on (project/wrappers.py).
        self.job_for: Callable[[str], Optional[object]] = lambda path: None

    @property
    def index(self) -> ProjectIndex:
        """Built once: when building it raises, every later use raises the same error (project/guard.py)."""
        if self._index is None:
            if self._index_error is not None:
                raise self._index_error
            try:
                self._index = ProjectIndex((result.summary for result in self.results if result.summary is not None),
                                           str(self.settings.root) if self.settings is not None else None)
            except Exception as error:
                self._index_error = error
                raise
        return self._index

    def launcher(self, path: Optional[str] = None) -> Optional[str]:
        """The APM launcher that starts the service (`Procfile: newrelic-admin run-program`), or the
        agent its deployment declares for the code at `path` (project/launchers.py), read once."""
        if self._launcher is None:
            from prr_lint.project.launchers import deployment_evidence, service_imports

            self._launcher = deployment_evidence(self.launch_files)
            self._imported = service_imports(self.index)
        return self._launcher.covering(path, self._imported)

    def analysis(self):
        from prr_lint.project.analysis import ServingAnalysis

        if self._analysis is None:
            self._analysis = ServingAnalysis(self.index, self.settings, launch_files=self.launch_files)
            self._analysis.derived("launch-files", lambda: self.launch_files)  # what the deployment runs (schedules.py)
            self._analysis.derived("whole-project", lambda: self.whole_project)  # what no module loads is known (unrun_builds.py)
            self._analysis.derived("job-for", lambda: lambda path: self.job_for(path))  # the run's sources (debug_servers.py)
            dropped = non_rpc_methods(self._analysis)  # a servicer's methods that are no RPC of its service
            dropped |= shadowed_handlers(self._analysis)  # routes an earlier route of their router answers for
            if self.whole_project:  # what no module loads is known: its routes are served by no app (served_routes.py)
                from prr_lint.project.served_routes import unserved_handlers

                dropped |= unserved_handlers(self._analysis)
            self._analysis.unserve(dropped)
        return self._analysis


def settle(project: Project, guard: PhaseGuard) -> Tuple[List[Finding], List[Finding]]:
    """(confirmed findings, confirmed but suppressed findings) from every file's pending ones.

    A check that raises settles nothing more: the findings it was to confirm or drop are kept,
    marked unconfirmed (`unconfirmed`), and `guard` records the failure; the other checks go on."""
    pending = [item for result in project.results for item in result.pending]
    if not pending:
        return [], []
    confirmed: List[Finding] = []
    suppressed: List[Finding] = []
    left: Dict[str, List[Pending]] = {}  # condition -> its findings no verdict was reached on
    causes: Dict[str, Tuple[BaseException, str]] = {}  # condition -> what it raised, and at which file's finding
    try:
        judge = _judge(project)
    except Exception as error:  # the index or a table of checks: no check can run  # noqa: BLE001
        judge = None
        for item in pending:
            causes.setdefault(item.condition, (error, item.finding.path))
    for item in pending:
        if judge is not None and item.condition not in causes:
            try:
                settled = judge(item)
            except Exception as error:  # reported below and as PRR003 by the runner  # noqa: BLE001
                causes[item.condition] = (error, item.finding.path)
            else:
                if settled is not None:
                    (suppressed if item.suppressed else confirmed).append(settled)
                continue
        left.setdefault(item.condition, []).append(item)
    for condition, items in left.items():
        for item in items:
            (suppressed if item.suppressed else confirmed).append(unconfirmed(item.finding))
        rules = ", ".join(sorted({item.finding.rule for item in items}))
        error, path = causes[condition]
        outcome = f"{len(items)} finding(s) of {rules} it confirms or drops are reported unconfirmed"
        guard.fail(f"check '{condition}'", error, outcome, path)
    return one_per_function(confirmed), suppressed


def unconfirmed(finding: Finding) -> Finding:
    """A pending finding reported without its project check; its fingerprint (and baseline entry) stays."""
    return replace(finding, message=f"{finding.message} {UNCONFIRMED}")


def _judge(project: Project) -> Callable[[Pending], Optional[Finding]]:
    """The verdict on a pending finding: the finding (maybe with a call path attached), or None to drop it."""
    from prr_lint.project.serving import serving_conditions
    from prr_lint.project.blocking import async_conditions
    from prr_lint.project.commands import command_conditions
    from prr_lint.project.handled_raises import handled_class_conditions
    from prr_lint.project.vanishing import vanishing_conditions
    from prr_lint.project.wrappers import wrapper_conditions
    from prr_lint.project.async_deadline import grpc_deadline_conditions
    from prr_lint.project.framework_logs import framework_logs_conditions
    from prr_lint.project.restful_routes import restful_routes_conditions
    from prr_lint.project.event_waits import event_wait_conditions
    from prr_lint.project.called_waits import called_wait_conditions
    from prr_lint.project.idle_tasks import idle_task_conditions
    from prr_lint.project.degrading_waits import degrading_wait_conditions
    from prr_lint.project.server_starts import server_start_conditions
    from prr_lint.project.switched_findings import switched_conditions
    from prr_lint.project.literal_routes import literal_route_conditions
    from prr_lint.project.logger_writes import logger_write_conditions
    from prr_lint.project.runtime_syntax import runtime_syntax_conditions

    index = project.index
    factories = _conditions(index)
    # Conditions that may also rewrite the finding (attach a call path): they return it, or None.
    rewriting = {**serving_conditions(index, project.settings, project.analysis, project.launcher,
                                      lambda path: project.job_for(path), project.launch_files),
                 **wrapper_conditions(project), **async_conditions(project), **vanishing_conditions(project),
                 **command_conditions(project), **handled_class_conditions(project), **grpc_deadline_conditions(project),
                 **server_start_conditions(project), **literal_route_conditions(project), **logger_write_conditions(project),
                 **runtime_syntax_conditions(project),
                 **framework_logs_conditions(project, lambda item: judge(item)),  # judge: the next condition's verdict
                 **restful_routes_conditions(project, lambda item: judge(item)),
                 **event_wait_conditions(project, lambda item: judge(item)),
                 **called_wait_conditions(project, lambda item: judge(item)),
                 **idle_task_conditions(project, lambda item: judge(item)),
                 **degrading_wait_conditions(project, lambda item: judge(item)),
                 **switched_conditions(project, lambda item: judge(item))}
    rewriters: Dict[str, Callable[[Pending], Optional[Finding]]] = {}
    checks: Dict[str, Check] = {}

    def judge(item: Pending) -> Optional[Finding]:
        if item.condition in rewriting:
            if item.condition not in rewriters:
                rewriters[item.condition] = rewriting[item.condition]()
            return rewriters[item.condition](item)
        if item.condition not in checks:
            checks[item.condition] = factories[item.condition]()
        return item.finding if checks[item.condition](item.subjects) else None

    return judge
