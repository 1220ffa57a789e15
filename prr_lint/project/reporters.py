"""Reporter helpers: project functions that report errors, directly or through other helpers.

A handler that calls `report(exc)`, where `report` (in any module) calls `sentry_sdk.capture_exception`
or logs at error level, has reported its error. Computed once per run by a backward search over
the call graph from the functions that call a report sink themselves.

A library report function a project module re-exports counts as itself (`from carbon import log;
log.err()` where carbon/log.py imports `twisted.python.log.err`). Calls on module-level objects of other
project modules count as sinks too: `from .obs import audit;
audit.error(...)` reports when `obs.audit = logging.getLogger(...)` (the module summary keeps the
types of module-level objects in `globals`), and so do calls of a module-level reporter built by
wrapping a sink: `from .sentry import capture_exception` where `capture_exception = iffy(cond,
sentry_sdk.capture_exception)` (the summary lists those in `reporters`). A reporting function of an
installed library's error-tracker module is a sink too (`from nylas.logging.sentry import sentry_alert`:
tracker_wrappers.py).

A helper that writes the stack only under `if <parameter>:` (`reports-if:`, rules/report_calls.py), or writes a
parameter to the process's output, reports at the calls whose value for the parameter, passed or left as the default,
holds the test (`log_error(msg, True)`; `default_log(traceback.format_exc())`), and so does a function that calls it
so; a function that passes its own parameter on to such a switch has it too (project/report_switches.py).

A handler's call that hands the caught exception itself to first-party code the tree does not hold (a package of a git
submodule left unchecked-out: `h.handle(exception)` of `core.app_server.ErrorHandler`) may report: project/submodules.py.
"""

from __future__ import annotations

from collections import deque
from typing import Dict, FrozenSet, List, Optional, Set, Tuple

from prr_lint.error_results import CHECKS_ERROR
from prr_lint.model import CONFIGURES_LOGGING, RAISED_VIA, RAISES, REPORTS_ERROR, REPORTS_WARNING, WARNS_VIA
from prr_lint.paths import is_operator_path
from prr_lint.project.call_args import passed_arguments
from prr_lint.project.index import ProjectIndex
from prr_lint.project.names import class_ancestors, import_closure
from prr_lint.project.report_switches import report_switches, switched_on as report_switched_on
from prr_lint.project.startup_bindings import rebound_calls, rebound_globals
from prr_lint.project.submodules import absent_code
from prr_lint.rules.handed_errors import HANDS_ERROR
from prr_lint.rules.param_guards import CALL_ARGS
from prr_lint.startup_bindings import THROUGH_GLOBAL
from prr_lint.tracker_wrappers import tracker_library_report
from prr_lint.sinks import (ERROR, ERROR_TRACKERS, LEVELS, LOGGER_METHOD, LOGGER_TYPES, REPORT_FUNCTIONS, TRACKER_CLIENT_METHODS,
                            UNKNOWN_RECEIVER)

_MAX_HOPS = 8
_MAX_ROUNDS = 4


def global_object_type(index: ProjectIndex, name: str, hops: int = 0) -> Optional[str]:
    """The type of the module-level object `name` ("svc.obs.audit") names, through re-exports."""
    owner, _, attribute = name.rpartition(".")
    module = index.modules.get(owner)
    if module is None or hops > _MAX_HOPS:
        return None
    typed = getattr(module, "globals", {}).get(attribute)
    if typed is not None:
        return typed
    target = module.imports.get(attribute)
    return global_object_type(index, target, hops + 1) if target and target != name else None


def is_wrapped_sink(index: ProjectIndex, name: str, hops: int = 0) -> bool:
    """`name` is a module-level reporter built by wrapping a report sink, through re-exports."""
    owner, _, attribute = name.rpartition(".")
    module = index.modules.get(owner)
    if module is None or hops > _MAX_HOPS:
        return False
    if attribute in getattr(module, "reporters", ()):
        return True
    target = module.imports.get(attribute)
    return is_wrapped_sink(index, target, hops + 1) if target and target != name else False


def imported_name(index: ProjectIndex, name: str, hops: int = 0) -> str:
    """What `name` ("svc.log.err") is, through the project's re-exports: the library name a project module
    imported it as (`from twisted.python.log import err` in svc/log.py gives "twisted.python.log.err")."""
    owner, _, attribute = name.rpartition(".")
    module = index.modules.get(owner)
    target = module.imports.get(attribute) if module is not None and hops <= _MAX_HOPS else None
    return imported_name(index, target, hops + 1) if target and target != name else name


def is_sink_call(index: ProjectIndex, callee: str) -> bool:
    """`callee` reports: a sink (`_direct_sink`), or a method on an object of unknown class every project
    method of that name of which reports (`self.app.exception_occurred(...)`). A callee marked
    `WARNS_VIA` reports when it logs at warning level (`warns`); one marked `HANDS_ERROR` when it is absent code."""
    if callee.startswith(WARNS_VIA):
        return warns(index, callee[len(WARNS_VIA):])
    if callee.startswith(HANDS_ERROR):  # the caught exception handed to first-party code the tree lacks (project/submodules.py)
        return absent_code(index, callee[len(HANDS_ERROR):])
    if callee.startswith(THROUGH_GLOBAL):  # what start-up code binds to the name reports (project/startup_bindings.py)
        rebound = rebound_globals(index).get(callee[len(THROUGH_GLOBAL):], ())
        return any(value in reporter_functions(index) or _direct_sink(index, value) for value in rebound)
    if callee.startswith(CALL_ARGS):
        callee, _, codes = callee[len(CALL_ARGS):].partition("=")
        targets = (index.canonical(callee) or _project_method(index, callee), *rebound_globals(index).get(callee, ()))
        return any(switched_on(index, target, codes) for target in targets)
    if _direct_sink(index, callee):
        return True
    method = _project_method(index, callee)
    if method is not None:
        return method in reporter_functions(index)
    if not _of_untyped_object(index, callee):
        return False
    return callee.rpartition(".")[2] in _reporting_method_names(index) or library_capture(index, callee)


def warns(index: ProjectIndex, callee: str) -> bool:
    """`callee` logs at warning level or above: the project function it names (through the class
    hierarchy: `self.log_warning(...)` inherited from a plugin base class), or every project method of
    that name when called on an object of unknown class."""
    logging_functions = index.derived("warning-functions", lambda: frozenset(
        name for name, function in index.functions.items() if {REPORTS_WARNING, REPORTS_ERROR} & set(function.tags)
    ) | reporter_functions(index))
    resolved = index.canonical(callee) or _project_method(index, callee)
    if resolved is not None:
        return resolved in logging_functions
    if not _of_untyped_object(index, callee):
        return False
    names = index.derived("warning-method-names", lambda: _all_report(index, set(logging_functions)))
    return callee.rpartition(".")[2] in names


def switched_on(index: ProjectIndex, qualname: Optional[str], codes: str) -> bool:
    """The project function `qualname` has a parameter switch (project/report_switches.py) that the value a call with
    these argument codes gives it holds (`log_error(msg, True)` for `if print_exception:`)."""
    return report_switched_on(index, _switches(index), qualname, codes)


def _switches(index: ProjectIndex) -> Dict[str, Tuple[str, ...]]:
    return report_switches(index, lambda callee: index.canonical(callee) or _project_method(index, callee))


def library_capture(index: ProjectIndex, callee: str) -> bool:
    """`callee`, on a receiver the analysis cannot type, is a capture method of an error-tracking client
    library the project imports (`raven_client.captureException()` where the project builds a
    `raven.Client`; `hub.capture_exception(e)` with sentry_sdk): a library-API fallback."""
    method = callee.rpartition(".")[2]
    return any(method in TRACKER_CLIENT_METHODS[root] for root in _tracker_libraries(index))


def _tracker_libraries(index: ProjectIndex) -> FrozenSet[str]:
    """The error-tracking client libraries (import roots) some project module imports."""
    def build() -> FrozenSet[str]:
        roots = {target.split(".", 1)[0] for module in index.modules.values() for target in module.imports.values()}
        return frozenset(roots & set(TRACKER_CLIENT_METHODS))

    return index.derived("tracker-libraries", build)


def _project_method(index: ProjectIndex, callee: str) -> Optional[str]:
    """The project method `callee` calls on a module-level object of a project class (`website.notify(e)`
    where `website = Website(...)`), None when the class defines none of that name (set on the object
    at run time: `website.tell_sentry = tell_sentry`)."""
    receiver, _, method = callee.rpartition(".")
    typed = global_object_type(index, receiver) if receiver else None
    return index.canonical(f"{typed}.{method}") if typed in index.classes else None


def _direct_sink(index: ProjectIndex, callee: str) -> bool:
    """`callee` is a method call on a project module-level logger (at error level) or error tracker,
    or a call of a module-level reporter that wraps a sink, of a reporting function of a library's
    error-tracker module (`nylas.logging.sentry.sentry_alert`: tracker_wrappers.py), or of a reporting
    method of a project Logger subclass on a logger (`log.error_or_exception(ex)`)."""
    if callee.startswith(LOGGER_METHOD):
        return callee[len(LOGGER_METHOD):] in logger_reporting_methods(index)
    library = imported_name(index, callee)
    if is_wrapped_sink(index, callee) or library in REPORT_FUNCTIONS or (tracker_library_report(library) and _outside(index, library)):
        return True
    receiver, _, method = callee.rpartition(".")
    if not receiver:
        return False
    typed = global_object_type(index, receiver)
    if typed is None:
        return False
    if typed in LOGGER_TYPES:
        return LEVELS.get(method, 0) >= ERROR
    return f"{typed}.{method}" in ERROR_TRACKERS


def _outside(index: ProjectIndex, name: str) -> bool:
    """No project module holds `name`: an installed library's."""
    parts = name.split(".")
    return not any(".".join(parts[:end]) in index.modules for end in range(1, len(parts)))


def logger_reporting_methods(index: ProjectIndex) -> FrozenSet[str]:
    """Names of the methods of project subclasses of a logger class (`class AppLogger(logging.Logger)`,
    installed with `logging.setLoggerClass`, or a LoggerAdapter) that log at error level, themselves
    (`self.exception(...)`, `self.log(logging.ERROR, ...)`) or through another such method of the class,
    and the names a module gives a reporting method on the logger class itself (`logging.Logger.e =
    logging.Logger.exception`). Every logger the process creates then has them, so `log.e(ex)` reports."""
    return index.derived("logger-reporting-methods", lambda: _logger_reporting_methods(index))


def _logger_reporting_methods(index: ProjectIndex) -> FrozenSet[str]:
    # `logging.Logger.e = logging.Logger.exception` at a module's top level (the summary's `reporters`)
    found = {entry[len(LOGGER_METHOD):] for module in index.modules.values()
             for entry in getattr(module, "reporters", ()) if entry.startswith(LOGGER_METHOD)}
    for cls in index.classes:
        if not any(base in LOGGER_TYPES for base in class_ancestors(index, cls)):
            continue
        prefix = f"{cls}."
        methods = {name[len(prefix):]: function for name, function in index.functions.items()
                   if name.startswith(prefix) and "." not in name[len(prefix):]}
        reporting = {name for name, function in methods.items() if REPORTS_ERROR in function.tags or any(
            call.startswith(prefix) and LEVELS.get(call[len(prefix):], 0) >= ERROR for call in function.calls)}
        changed = True
        while changed:  # a method that calls a reporting method of its own class reports too
            changed = False
            for name, function in methods.items():
                if name not in reporting and any(call[len(prefix):] in reporting for call in function.calls if call.startswith(prefix)):
                    reporting.add(name)
                    changed = True
        found |= reporting
    return frozenset(found)


def _of_untyped_object(index: ProjectIndex, callee: str) -> bool:
    """`callee` calls what the analysis cannot tell: a method on a receiver of unknown kind, or a callable
    handed in (`UNKNOWN_RECEIVER`), or a name spelled from project code that leads to no project function
    (`svc.obj.Controller.app.exception_occurred` for `self.app.exception_occurred`, a method set on a
    module-level object at run time: `website.tell_sentry`, one a library base class may give:
    `self.log_error(...)`); a module's missing attribute is not one."""
    if callee.startswith(UNKNOWN_RECEIVER):
        return True
    receiver = callee.rpartition(".")[0]
    owner = receiver
    while owner and owner not in index.classes and owner not in index.modules:
        owner = owner.rpartition(".")[0]
    spelled_in_project = (bool(owner) and owner != receiver) or receiver in index.classes
    return spelled_in_project and index.canonical(callee) is None and _project_method(index, callee) is None


def _reporting_method_names(index: ProjectIndex) -> FrozenSet[str]:
    """Names of methods a call of which on an object of unknown class reports (see `_all_report`)."""
    return index.derived("reporting-method-names", lambda: _all_report(index, reporter_functions(index)))


def _all_report(index: ProjectIndex, reporters: Set[str]) -> FrozenSet[str]:
    """Names every project function and method of which is a reporter (class-hierarchy analysis): a call
    of one on an object the analysis cannot type (`self.app.exception_occurred(node, ...)`,
    `self.bot.log_err(e)`), or of a callable handed in (`tell_sentry(e)`), reports whatever project
    definition it reaches. A name some project definition does not report with (a test double, an
    unrelated class) is none."""
    verdicts: Dict[str, bool] = {}
    for qualname in index.functions:
        name = qualname.rpartition(".")[2]
        verdicts[name] = verdicts.get(name, True) and qualname in reporters
    return frozenset(name for name, reports in verdicts.items() if reports)


def reporter_functions(index: ProjectIndex) -> FrozenSet[str]:
    """Project functions that report an error themselves or through project functions they call (cached:
    every pending condition asks)."""
    return index.derived("reporter-functions", lambda: _reporter_functions(index))


def _reporter_functions(index: ProjectIndex) -> FrozenSet[str]:
    """A backward search over the call graph from the functions that call a report sink; calls of a
    method on an object of unknown class join it once every project method of that name is found
    (a few rounds: each can only add)."""
    callers: Dict[str, List[str]] = {}
    untyped: Dict[str, List[str]] = {}  # method name -> functions that call it on an object of unknown class
    found = set()
    facts: Dict[str, Tuple[Optional[str], bool, bool, bool]] = {}  # callee -> `_callee_facts`, asked once per name
    for function in index.functions.values():
        if REPORTS_ERROR in function.tags:
            found.add(function.qualname)
        for callee in (*function.calls, *(value for value, _ in rebound_calls(index, function.qualname))):
            known = facts.get(callee)
            if known is None:
                known = facts[callee] = _callee_facts(index, callee)
            resolved, sink, unknown, capture = known
            if resolved is not None:
                callers.setdefault(resolved, []).append(function.qualname)
            elif function.qualname not in found and sink:
                found.add(function.qualname)
            elif unknown:
                if capture:
                    found.add(function.qualname)
                    continue
                untyped.setdefault(callee.rpartition(".")[2], []).append(function.qualname)
    found |= _switching_on(index, facts)
    found = {name for name in found if not _is_module_level(index, name)}
    queue = deque(found)
    for _ in range(_MAX_ROUNDS):
        while queue:
            for caller in callers.get(queue.popleft(), ()):
                if caller not in found and not _is_module_level(index, caller):
                    found.add(caller)
                    queue.append(caller)
        reporting = _all_report(index, found)
        queue.extend(name for method in reporting for name in untyped.pop(method, ())
                     if name not in found and not _is_module_level(index, name))
        found.update(queue)
        if not queue:
            break
    return frozenset(found)


def _switching_on(index: ProjectIndex, facts: Dict[str, Tuple[Optional[str], bool, bool, bool]]) -> Set[str]:
    """Functions with a call that switches a helper's stack on (`switched_on`); a call that passes no argument gives
    every parameter its default. `facts`: `_callee_facts` by called name."""
    switches = set(_switches(index))
    found: Set[str] = set()
    for qualname, function in index.functions.items() if switches else ():
        rebound = rebound_calls(index, qualname)
        callees = [callee for callee in (*function.calls, *(value for value, _ in rebound)) if callee in facts and facts[callee][0] in switches]
        if not callees:
            continue  # no call of a helper with a switch
        passed: Dict[str, List[str]] = {}
        for callee, codes in (*passed_arguments(index, qualname), *rebound):
            passed.setdefault(callee, []).append(codes)
        if any(switched_on(index, facts[callee][0], codes) for callee in callees for codes in passed.get(callee, [""])):
            found.add(qualname)
    return found


def _callee_facts(index: ProjectIndex, callee: str) -> Tuple[Optional[str], bool, bool, bool]:
    """(the project function it resolves to, a direct sink, on an untyped object, a library capture) of a
    called name: what `_reporter_functions` weighs, the same wherever the name is called."""
    resolved = index.canonical(callee) or _project_method(index, callee)
    if resolved is not None:
        return resolved, False, False, False
    sink, unknown = _direct_sink(index, callee), _of_untyped_object(index, callee)
    return None, sink, unknown, unknown and library_capture(index, callee)


# Calls that build a Starlette (or FastAPI) app: Sentry's Starlette integration hooks it.
STARLETTE_APPS = frozenset({"fastapi.FastAPI", "fastapi.applications.FastAPI", "starlette.applications.Starlette"})


def sentry_captures_starlette_5xx(index: ProjectIndex) -> bool:
    """A project module that builds a Starlette/FastAPI app calls `sentry_sdk.init`, itself or through a
    project function that calls it (a Sentry init in a cron script is not the app's): the Starlette
    integration, on by default then, captures every raised HTTPException whose status is in its
    `failed_request_status_codes` (default `range(500, 599)`; before sentry-sdk 2.5 every status >= 500),
    with its chained cause."""
    return index.derived("sentry-starlette", lambda: _sentry_starlette(index))


def _sentry_starlette(index: ProjectIndex) -> bool:
    initialising = {name for name, function in index.functions.items()
                    if any(imported_name(index, call) == "sentry_sdk.init" for call in function.calls)}

    def inits(call: str) -> bool:
        return imported_name(index, call) == "sentry_sdk.init" or index.canonical(call) in initialising

    return any(
        any(imported_name(index, call) in STARLETTE_APPS for function in module.functions.values() for call in function.calls)
        and any(inits(call) for function in module.functions.values() for call in function.calls)
        for module in index.modules.values()
    )


def logging_configuring_modules(index: ProjectIndex) -> FrozenSet[str]:
    """Modules with at least one call that configures logging (PRR402)."""
    return frozenset(
        name
        for name, module in index.modules.items()
        if not is_operator_path(module.path)
        and any(CONFIGURES_LOGGING in function.tags for function in module.functions.values())
    )


def _is_module_level(index: ProjectIndex, qualname: str) -> bool:
    return qualname in index.modules


def raised_after_report_classes(index: ProjectIndex) -> FrozenSet[str]:
    """Project exception classes raised only after the error was reported: every `raise` of the class
    (or of a subclass) sits in an except handler that reported (itself or through a reporter helper it
    calls: `_log_error(exc, "put failed"); raise RequestFailed(exc)`), or that translates a class which is
    itself raised only after a report (`logger.exception(...); raise GetObjectError()`, then
    `except GetObjectError: raise GetBodyError()`), or answers a check of the code's own or a parse
    error of a value (see `_reported_site`). A class with no raise site found is not one."""
    sites: Dict[str, List[str]] = {}
    for function in index.functions.values():
        for tag in function.tags:
            if tag.startswith(RAISES):
                name, _, how = tag[len(RAISES):].rpartition("|")
                canonical = index.canonical(name)
                if canonical is not None and canonical in index.classes:
                    for owner in _with_bases(index, canonical):
                        sites.setdefault(owner, []).append(how)
    found: set = set()
    helpers = any(how.partition(RAISED_VIA)[2] for hows in sites.values() for how in hows)
    reporters = reporter_functions(index) if helpers else frozenset()
    sites = {name: [_via_reporter(index, how, reporters) for how in hows] for name, hows in sites.items()}
    changed = True
    while changed:  # a fixpoint: translations inherit "already reported" from the class they catch
        changed = False
        for name, hows in sites.items():
            if name not in found and all(_reported_site(index, how, found) for how in hows):
                found.add(name)
                changed = True
    return frozenset(found)


def own_error_raised_only_so(index: ProjectIndex, subject: str) -> bool:
    """`subject` is "builtins.RuntimeError@<module>": a builtin of `OWN_STATE_ERRORS` caught in that
    module, which no dependency raises for an outage. It loses no caught error when the project code
    that can run there (the module's import closure, and its top-level package, whose modules the
    configuration may load by name: a proxy class chosen by a setting) raises it somewhere, and only as
    `raised_after_report_classes` accepts (`else: raise RuntimeError("no filter support for this
    index")`, a check of its own); other code of the repository (another service of a monorepo) does
    not run there."""
    return index.derived(f"own-error:{subject}", lambda: _own_error_raised_only_so(index, subject))


def _own_error_raised_only_so(index: ProjectIndex, subject: str) -> bool:
    name, _, module = subject.partition("@")
    closure = import_closure(index, module) if module in index.modules else {module}
    package = module.partition(".")[0] + "."
    hows = [
        tag[len(RAISES):].rpartition("|")[2]
        for function in index.functions.values()
        if index.module_of(function.qualname) in closure or function.qualname.startswith(package)
        for tag in function.tags if tag.startswith(RAISES) and tag[len(RAISES):].rpartition("|")[0] == name
    ]
    if not hows:
        return False
    reporters = reporter_functions(index) if any(how.partition(RAISED_VIA)[2] for how in hows) else frozenset()
    reported = set(index.derived("raised-after-report", lambda: raised_after_report_classes(index)))
    return all(_reported_site(index, _via_reporter(index, how, reporters), reported) for how in hows)


def _with_bases(index: ProjectIndex, name: str) -> List[str]:
    """`name` and its project base classes: raising a subclass raises what its bases' handlers catch."""
    seen: List[str] = []
    queue = deque([name])
    while queue:
        current = queue.popleft()
        if current in seen or len(seen) > 20:
            continue
        seen.append(current)
        for base in index.classes.get(current, ()):
            resolved = index.canonical(base)
            if resolved is not None and resolved in index.classes:
                queue.append(resolved)
    return seen


def _via_reporter(index: ProjectIndex, how: str, reporters: FrozenSet[str]) -> str:
    """A site whose handler calls a reporter helper (`_log_error(exc, "registering failed")`, which
    logs at error level) raised after a report."""
    how, _, via = how.partition(RAISED_VIA)
    callees = [name for name in via.split(",") if name]
    if any(index.canonical(callee) in reporters or is_sink_call(index, callee) for callee in callees):
        return "reported"
    return how


# Errors of parsing a value: a handler that turns one into a project class rejects input.
INPUT_ERRORS = frozenset({"builtins.ValueError", "builtins.TypeError", "builtins.KeyError", "json.JSONDecodeError",
                          "decimal.InvalidOperation"})


def _reported_site(index: ProjectIndex, how: str, reported: set) -> bool:
    """A raise site that leaves nothing to report: after a report, as the answer of a check of the
    code's own (`if not breaker.healthy(): raise Unavailable()`, `if value is None: raise
    CreateError("missing value")`: no error was caught, none is lost), or translating a class that
    is itself raised only so, or a parse error of a value (`except ValueError: raise
    UpdateError("invalid input")`)."""
    if how in ("reported", "checked"):
        return True
    if how.startswith("from:"):
        names = [name for name in how[len("from:"):].split(",") if name]
        if names and all(name in INPUT_ERRORS for name in names):
            return True
        caught = [index.canonical(name) for name in names]
        return bool(caught) and all(name is not None and name in reported for name in caught)
    return False


def error_checked_by_callers(index: ProjectIndex):
    """Whether a function that hands its exception back as the error half of a `(data, error)` result
    has a caller that raises it (`data, error = runner.run_query(q)`, then `if error: raise
    QueryExecutionError(error)`): a module function, or a method overriding a project base's method,
    whose name such a caller calls."""
    checked = {
        tag[len(CHECKS_ERROR):] for function in index.functions.values() for tag in function.tags if tag.startswith(CHECKS_ERROR)
    }

    def check(qualname: str) -> bool:
        owner, _, name = qualname.rpartition(".")
        if name not in checked:
            return False
        if owner in index.modules:
            return True
        if owner not in index.classes:
            return False
        return any(f"{base}.{name}" in index.functions for base in class_ancestors(index, owner) if base in index.classes)

    return check
