"""One verdict per except handler, shared by the handler-level rules (PRR101, PRR102, PRR103, and
PRR104 for catch-alls in aiohttp middleware and gRPC interceptors): a handler gets at most one
finding, from the most specific enabled rule: PRR104 (an app-wide hook) over PRR103 (a failure
response) over PRR102 (a dependency fallback) over PRR101 (a catch-all).
"""

from __future__ import annotations

import re
from typing import Dict, Optional, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint import frameworks as fw
from prr_lint.model import CALLER_CHECKS, OWN_STATE_ERRORS, UNLESS_REPORTER_OR_RAISER, RAISED_AFTER_REPORT, RESOURCE_5XX, SENTRY_ASGI_5XX, WARNS_VIA, Severity
from prr_lint.rules.base import Rule
from prr_lint.rules.global_hooks import global_hook
from prr_lint.rules.handler_context import (
    DEGRADED_OK,
    PURE_METHODS,
    Handler,
    TryNode,
    comments_of,
    best_effort_cleanup,
    in_retry_loop,
    is_pure,
    marked_best_effort,
    not_service_code,
    returned_later,
)
from prr_lint.rules.deliberate import (
    alternative_path,
    answers_default,
    at_import_time,
    credentials_refused,
    explained,
    marked_unfinished,
    next_candidate,
    optional_local_file,
    raises_itself,
    refused_candidate,
    shown_to_author,
)
from prr_lint.rules.fallback_values import content_decode_error, settled
from prr_lint.rules.error_answers import answer_carries_cause, answered_to_requester, answers_status_message, returns_error_tuple, tornado_logged_error
from prr_lint.rules.client_tokens import decodes_client_value
from prr_lint.rules.compensation import compensation_step, reraised_before_failure
from prr_lint.rules.error_channels import persists_failure, queued_for_raiser, regular_fallback, rejects_input
from prr_lint.rules.item_outcomes import collects_item_outcome
from prr_lint.rules.in_memory import LOCAL_FACILITIES, LOCAL_OBJECT_SOURCES, dependency_evidence, whole_function_answer
from prr_lint.rules.how_it_runs import renders_error_page
from prr_lint.rules.framework_reports import RESOURCE_BASES
from prr_lint.rules.logging_plumbing import in_logging_plumbing
from prr_lint.rules.resurfaces import (
    delivered_to_waiter,
    later_receivers,
    raised_later,
    redoes_work,
    reported_later,
    surfaced_after,
    returns_error_result,
    row_miss_answered,
    shown_to_user,
    surfaces_anyway,
)
from prr_lint.rules.silent_by_design import (
    answers_4xx_status,
    client_input,
    import_time_probe,
    in_memory_with_default,
    name_not_found,
    probes_internals,
)
from prr_lint.rules.handlers import FILE_ERRORS, HandlerFacts, analyse_handler, is_dependency_error, is_probe, min_level
from prr_lint.sinks import LEVELS, WARNING
from prr_lint.tree import descendants, dotted_name, flat_statements

# (rule code, message, callees for unless-reporter, a demoted severity or None). Callees that start
# with RAISED_AFTER_REPORT carry the caught project classes first (see report_verdicts).
Verdict = Optional[Tuple[str, str, Tuple[str, ...], Optional[Severity]]]


def short_name(name: str) -> str:
    return name.rsplit(".", 1)[-1]


def handler_verdict(ctx: FileContext, try_node: TryNode, handler: Handler) -> Verdict:
    """Which handler rule, if any, reports this handler, and with what message."""
    cache: Dict[int, Verdict] = ctx.__dict__.setdefault("_prr1_verdicts", {})
    key = id(handler)
    if key not in cache:
        cache[key] = _verdict(ctx, try_node, handler)
    return cache[key]


def _verdict(ctx: FileContext, try_node: TryNode, handler: Handler) -> Verdict:
    if not_service_code(ctx):
        return None
    facts = analyse_handler(handler, ctx)
    errors = ctx.section("errors")
    level = min_level(ctx)
    # A metric counts as a report when configured so; one that counts this failure always does.
    metric_counts = (bool(errors.get("count-metrics-as-report")) and facts.metric) or facts.counts_failure
    # A catch-all in an app-wide hook (aiohttp middleware, gRPC server interceptor) is PRR104's.
    hook = global_hook(ctx, try_node) if facts.broad is not None and ctx.rule_enabled("PRR104") else None
    if hook is not None:
        # (a catch-all around pure parsing in a middleware answers bad input, not the app's errors)
        if facts.propagates or facts.reported(level) or metric_counts or is_pure(try_node.body, ctx.resolver):
            return None
        message = (
            f"{facts.broad} in the {hook} answers every error without reporting it: errors of the whole app "
            "go unreported"
        )
        return ("PRR104", message, facts.callees, None)
    # A handler is left to the more specific rule only when that rule runs on this file.
    if facts.failure is not None and ctx.rule_enabled("PRR103"):
        if facts.reported(level) or metric_counts or facts.warns_with_error or in_health_probe(ctx) or renders_error_page(ctx):
            return None
        if reraised_before_failure(ctx, handler):
            return None  # `raise e` then `abort(500)`: the answer never runs, the error propagates
        if facts.report_level >= LEVELS["info"] and django_response(facts, ctx):
            return None
        if rejects_input(ctx, try_node, facts.caught) or decodes_client_value(ctx, try_node, facts.caught):
            return None  # a conversion error of the client's values answered as an error: nothing lost
        if row_miss_answered(ctx, try_node, facts.caught):
            return None  # the client's value names no row: the status is the designed answer
        if tornado_logged_error(ctx, handler):
            return None  # tornado logs the message at warning and the 5xx in its access log
        message = (
            f"the handler {facts.failure} without reporting the error: the failure reaches the user "
            "but not central logging or error tracking"
        )
        resource = resource_method_class(ctx) if facts.failure.startswith(("aborts", "raises")) else None
        if resource == "":
            return None  # the Resource's Api logs the 5xx with the exception
        subjects = facts.callees
        project_classes = tuple(f"{name}@{ctx.module_name}" if name in OWN_STATE_ERRORS else name
                                for name in facts.caught if not name.startswith(LIBRARY_EXCEPTIONS) or name in OWN_STATE_ERRORS)
        if project_classes and len(project_classes) == len(facts.caught):
            # Raised only after the error was reported? Only the project phase can follow the class.
            subjects = (RAISED_AFTER_REPORT, *project_classes, RAISED_AFTER_REPORT, *facts.callees)
        if resource is not None:  # a Resource through project bases, or a helper only Resources call?
            subjects = (RESOURCE_5XX, resource, *subjects)
        if raises_starlette_http_exception(handler, ctx):  # captured by Sentry's Starlette integration?
            subjects = (SENTRY_ASGI_5XX, *subjects)
        return ("PRR103", message, subjects, None)
    if facts.propagates or facts.reported(level) or metric_counts or at_import_time(ctx):
        return None
    extra = tuple(errors.get("dependency-errors", ()))
    dependency = [name for name in facts.caught if is_dependency_error(name, extra) and not content_decode_error(name)]
    if dependency and facts.fallback is not None and ctx.rule_enabled("PRR102"):
        return _dependency_verdict(ctx, try_node, handler, facts, dependency)
    if facts.broad is None:
        return None
    outer = _outer_handler(ctx)
    if outer is not None and outer.propagates:
        return None  # recovery in the handler of a failure that is raised again or ends the process
    callees = facts.callees + (outer.callees if outer is not None else ())
    if facts.handed_on or not answers_default(ctx, try_node):  # a warning counts, as when logged here
        callees += tuple(WARNS_VIA + callee for callee in facts.callees)
    # The bound exception handed on (returned, stored, passed on) is demoted to a note (catalogue
    # §3 PRR101); an error message or value handed back without it is the caller's business.
    if raised_later(ctx, handler, facts.assigned_bound):
        return None  # kept in a variable and raised after some bookkeeping: the error propagates
    if delivered_to_waiter(ctx, handler, facts.assigned_bound) or queued_for_raiser(ctx, handler):
        return None  # errbacked, set on a Future, queued or kept and delivered later: the waiting caller raises it
    if reported_later(ctx, handler, facts.assigned_bound, level) or surfaced_after(ctx, handler, level):
        return None  # the kept error (or a record of the failure) logged or raised after the `try` statement
    if (facts.handed_on and returns_error_result(handler)) or returns_error_tuple(ctx, try_node, handler) \
            or answers_status_message(ctx, handler) or answer_carries_cause(ctx, handler) or collects_item_outcome(ctx, try_node, handler) \
            or answered_to_requester(ctx, try_node, handler):
        return None  # an error result that carries the cause (`{"error": {..., "details": str(e)}}`, `(False, f"...: {e}")`)
    handed_on = facts.handed_on or returned_later(ctx, facts.assigned_bound)
    if (facts.escapes and not handed_on) or facts.warns_with_error or is_probe(facts, ctx):
        return None
    if facts.reported(WARNING) and not answers_default(ctx, try_node):
        return None  # a warning reaches central logging, unless the failure reads as "nothing there"
    if not handed_on and returned_later(ctx, facts.assigned):
        return None
    if is_pure(try_node.body, ctx.resolver) or in_logging_plumbing(ctx):
        return None
    if best_effort_cleanup(ctx, try_node, try_node.body) or marked_best_effort(ctx, try_node, handler):
        return None
    if explained(ctx, try_node, handler) or alternative_path(ctx, handler) or next_candidate(ctx, try_node, handler):
        return None
    if compensation_step(ctx, try_node):
        return None  # a taskflow revert that warned it may fall short: the engine reports the flow's failure
    if isinstance(handler, cst.ExceptHandler) and (regular_fallback(ctx, handler) or persists_failure(ctx, handler)):
        return None  # the function's own answer for a miss; the failure saved on the product's record of it
    if refused_candidate(ctx, try_node, handler, facts.caught):
        return None
    if shown_to_author(ctx, try_node, handler) or optional_local_file(ctx, try_node, handler):
        return None
    if surfaces_anyway(ctx, try_node, handler, level):
        return None  # raised again, shown to the user, secondary to a surfacing failure, or no row is an answer
    if uses_cache(try_node, ctx) and not handed_on:
        return None  # a cache that fails is a miss, as for PRR102
    if isinstance(try_node, cst.Try) and isinstance(handler, cst.ExceptHandler) and (
        in_memory_with_default(ctx, try_node, try_node.body, handler) or client_input(ctx, try_node, handler)
        or import_time_probe(ctx, try_node, handler)
    ):
        return None
    if probes_internals(ctx, try_node):
        return None
    evidence = dependency_evidence(try_node.body, ctx.resolver)
    if evidence is not None and (
        (whole_function_answer(next(ctx.functions(), None), try_node, handler) and not facts.reported(LEVELS["info"]))
        or marked_unfinished(ctx, handler)
    ):  # (a record at info level or above tells the failure from a real answer: the dependency question stands)
        evidence = None  # the function's whole answer hides every failure, or its author says it is unhandled
    if evidence == ():
        return None  # nothing in the `try` talks to a dependency: no outage is hidden (rules/in_memory.py)
    if handed_on:
        message = (
            f"{facts.broad} hands the error on (returned, stored or passed to another function) without reporting "
            "it: make sure whoever receives it reports it"
        )
        subjects = callees + later_receivers(ctx, handler, facts.assigned_bound)
        if evidence is not None:
            subjects = (IN_MEMORY, *evidence, IN_MEMORY, *subjects)
        return ("PRR101", message, subjects, Severity.NOTE)
    message = f"{facts.broad} swallows the error: {_describe(facts)}, without re-raising it or reporting it at error level"
    if evidence is not None:  # the project phase tells whether one of the `try`'s calls reaches a dependency
        return ("PRR101", message, (IN_MEMORY, *evidence, IN_MEMORY, *callees), None)
    return ("PRR101", message, callees, None)


def _outer_handler(ctx: FileContext) -> Optional[HandlerFacts]:
    """The handler of another failure this `try` recovers in (`except Exception as e: try: cleanup()
    except Exception: pass; error(str(e))`): when it raises or exits, or one of its callees always
    does (the project phase follows them), the first failure surfaces and the failed recovery is
    secondary to it."""
    for node in reversed(ctx.ancestors):
        if isinstance(node, (cst.FunctionDef, cst.ClassDef, cst.Lambda)):
            return None
        if isinstance(node, (cst.ExceptHandler, cst.ExceptStarHandler)):
            return analyse_handler(node, ctx)
    return None


STARLETTE_HTTP_EXCEPTIONS = frozenset({"fastapi.HTTPException", "fastapi.exceptions.HTTPException", "starlette.exceptions.HTTPException"})


def raises_starlette_http_exception(handler: Handler, ctx: FileContext) -> bool:
    """The handler raises (not returns) a Starlette/FastAPI `HTTPException`: it reaches the app's
    exception middleware, which Sentry's Starlette integration patches."""
    for node in descendants(handler.body):
        if isinstance(node, cst.Raise) and isinstance(node.exc, cst.Call):
            if ctx.resolver.qualified_name(node.exc.func) in STARLETTE_HTTP_EXCEPTIONS:
                return True
    return False


# Pending condition of a PRR101 finding whose `try` shows no dependency by the file's view: dropped
# unless a call of the `try` (subjects between the markers) is the project's and reaches one; then as
# UNLESS_REPORTER_OR_RAISER on the handler's callees (after them).
IN_MEMORY = "unless-in-memory"


# Caught names that are surely not project classes (the project phase finds out about the rest).
LIBRARY_EXCEPTIONS = ("builtins.", "?")
HEALTH_NAMES = re.compile(r"^_?(health|healthz|healthcheck|health_check|readiness|liveness|livez|readyz|ready|ping)$", re.I)
HEALTH_ROUTE = re.compile(r"/(health|healthz|healthcheck|health[-_]check|ready|readyz|readiness|live|livez|liveness|ping)/?$", re.I)


def in_health_probe(ctx: FileContext) -> bool:
    """In a health-check handler (named like one, or routed at a probe path): its 503 is the probe's
    answer to the orchestrator, which is the channel that reports it."""
    function = next(ctx.functions(), None)
    if function is None:
        return False
    if HEALTH_NAMES.match(function.name.value):
        return True
    for decorator in function.decorators:
        call = decorator.decorator
        if isinstance(call, cst.Call) and call.args and isinstance(call.args[0].value, cst.SimpleString):
            route = call.args[0].value.evaluated_value
            if isinstance(route, str) and HEALTH_ROUTE.search(route):
                return True
    return False


def django_response(facts: HandlerFacts, ctx: FileContext) -> bool:
    """The handler returns a Django/DRF response: django.request logs every response with status >= 500
    at ERROR, so with the cause logged too (at any level from info) the failure is in central logging."""
    for node in descendants(facts.handler.body):
        if isinstance(node, cst.Return) and isinstance(node.value, cst.Call):
            name = ctx.resolver.qualified_name(node.value.func) or ""
            if name.startswith(("django.http.", "rest_framework.response.")):
                return True
    return False


def resource_method_class(ctx: FileContext) -> Optional[str]:
    """For a handler directly in a method of a class with bases: "" when a base is flask-restful's or
    flask-restx's `Resource` (the Api's `handle_error` logs every HTTPException with code >= 500 through
    `current_app.log_exception`, with the exception it was raised from), else the class's qualified
    name for the project phase to follow its project bases. In a module function: its qualified name,
    for the project phase to see whether only Resource methods call it. None elsewhere."""
    function = ctx.resolver.enclosing_function
    if function is not None and function.parent is not None and function.parent.kind == "module":
        return function.qualname
    owner = function.owner_class if function is not None else None
    if owner is None or not owner.node.bases:
        return None
    bases = [ctx.resolver.qualified_name(base.value) or "" for base in owner.node.bases if base.keyword is None]
    if any(fw.canonical(base) in RESOURCE_BASES for base in bases):
        return ""
    return owner.qualname if any(bases) else None


def _dependency_verdict(
    ctx: FileContext, try_node: TryNode, handler: Handler, facts: HandlerFacts, dependency: list
) -> Verdict:
    if facts.reported(WARNING) or facts.escapes or is_probe(facts, ctx) or returned_later(ctx, facts.assigned):
        return None
    if raised_later(ctx, handler, facts.assigned_bound):
        return None  # the error text kept and raised after the handler chain (`raise BindError(error)`)
    if delivered_to_waiter(ctx, handler, facts.assigned_bound):
        return None  # handed to the waiting caller, which raises it
    if reported_later(ctx, handler, facts.assigned_bound, WARNING) or surfaced_after(ctx, handler, WARNING):
        return None  # the kept error (or a record of the failure) logged or raised after the `try` statement
    if in_retry_loop(ctx) or in_logging_plumbing(ctx) or in_health_probe(ctx):
        return None  # another attempt follows; a logging handler cannot report through logging; a health check answers
    if best_effort_cleanup(ctx, try_node, try_node.body):
        return None  # closing a client or a connection that may already be gone
    if all(name in FILE_ERRORS for name in dependency) and local_work_only(try_node, ctx):
        return None
    if uses_cache(try_node, ctx) or DEGRADED_OK.search(comments_of(ctx, handler) + comments_of(ctx, try_node.body)):
        return None
    if marked_best_effort(ctx, try_node, handler) or explained(ctx, try_node, handler):
        return None
    if alternative_path(ctx, handler) or next_candidate(ctx, try_node, handler) or raises_itself(ctx, try_node, dependency):
        return None
    if credentials_refused(ctx, try_node, handler, dependency) or name_not_found(ctx, try_node, dependency):
        return None  # a rejected password, a name that does not resolve: the server's regular answer
    if redoes_work(ctx, try_node, handler) or shown_to_user(ctx, handler) or returns_error_result(handler) \
            or returns_error_tuple(ctx, try_node, handler) or answers_status_message(ctx, handler):
        return None
    if isinstance(handler, cst.ExceptHandler) and answers_4xx_status(handler, ctx.resolver):
        return None  # an explicit 4xx answer, counted by HTTP metrics: no silently degraded response
    if settled(ctx, try_node, handler, WARNING):
        return None  # the fallback says it failed, is a probe's outcome, or is checked later (rules/fallback_values.py)
    evidence = None
    if all(name.startswith(("builtins.", "socket.")) for name in dependency):
        # a generic error (OSError, TimeoutError ...) is a dependency's only when the `try` talks to one
        evidence = dependency_evidence(try_node.body, ctx.resolver)
        if evidence == ():
            return None
    caught = ", ".join(short_name(name) for name in dependency)
    message = (
        f"`except {caught}` {facts.fallback} when a dependency fails, reporting nothing at warning level or "
        "above: the response is silently degraded"
    )
    callees = (*facts.callees, *(WARNS_VIA + callee for callee in facts.callees))  # a project helper's warning counts
    if evidence is not None:
        return ("PRR102", message, (IN_MEMORY, *evidence, IN_MEMORY, *callees), None)
    return ("PRR102", message, callees, None)


def local_work_only(try_node: TryNode, ctx: FileContext) -> bool:
    """Local work only: the file system (`open`, `os.*`, `shutil.*`, `pathlib`, file log handlers,
    reading, hashing and parsing what was read), processes (`psutil`, and methods of the objects it gives:
    `for proc in psutil.process_iter(): proc.name()`) and the Windows registry (`winreg`): an
    OSError there is a probe's answer (no such file, key or process), not a dependency failure.
    A socket or any other client stays a dependency."""
    for node in descendants(try_node.body):
        if isinstance(node, cst.Call):
            name = ctx.resolver.qualified_name(node.func) or ""
            if not name.startswith(LOCAL_FACILITIES):
                method = node.func.attr.value if isinstance(node.func, cst.Attribute) else ""
                if method not in ("read", "write", "read_text", "write_text", "read_bytes", "write_bytes", "exists",
                                  "mkdir", "unlink", "stat", "open", "close", "readline", "readlines", "seek", "flush",
                                  "addHandler") and method not in PURE_METHODS and not _local_object(node.func, ctx):
                    return False
    return True


def _local_object(func: cst.BaseExpression, ctx: FileContext) -> bool:
    """`func` is a method of an object a local facility gave: a loop variable over a `psutil.*` call
    (`for proc in psutil.process_iter()`), or a name whose known type is a local facility's class."""
    if not isinstance(func, cst.Attribute) or not isinstance(func.value, cst.Name):
        return False
    receiver = func.value.value
    if (ctx.resolver.instance_type(func.value) or "").startswith(LOCAL_OBJECT_SOURCES):
        return True
    for node in ctx.ancestors:
        if isinstance(node, cst.For) and isinstance(node.target, cst.Name) and node.target.value == receiver:
            if isinstance(node.iter, cst.Call):
                name = ctx.resolver.qualified_name(node.iter.func) or ""
                return name.startswith(LOCAL_OBJECT_SOURCES)
    return False


def uses_cache(try_node: cst.CSTNode, ctx: FileContext) -> bool:
    """The block calls a method on a cache (a receiver named or configured as one): its failure is a miss."""
    configured = tuple(ctx.section("errors").get("cache-receivers", ()))
    for node in descendants(try_node.body):
        if isinstance(node, cst.Call) and isinstance(node.func, cst.Attribute):
            receiver = node.func.value
            spelled = (dotted_name(receiver) or "").lower()
            name = ctx.resolver.qualified_name(receiver) or ""
            typed = ctx.resolver.instance_type(receiver) or ""
            if "cache" in spelled or "cache" in name.lower() or name in configured or typed in configured:
                return True
    return False


def _describe(facts: HandlerFacts) -> str:
    if facts.failure is not None:  # PRR103 is disabled: the catch-all is PRR101's
        return f"the handler {facts.failure}"
    body = flat_statements(facts.handler.body)
    if len(body) == 1:
        only = body[0]
        if isinstance(only, cst.Pass):
            return "the handler only passes"
        if isinstance(only, cst.Continue):
            return "the handler skips to the next iteration"
        if isinstance(only, cst.Return):
            return "the handler returns a fallback value"
    return "the handler carries on"


def report_verdicts(rule: Rule, node: TryNode, demote: bool = True) -> None:
    """Report the handlers of a try statement whose shared verdict names `rule` (one handler, one finding)."""
    for handler in node.handlers:
        verdict = handler_verdict(rule.ctx, node, handler)
        if verdict is None or verdict[0] != rule.code:
            continue
        _, message, callees, demoted = verdict
        evidence: Optional[Tuple[str, ...]] = None
        if callees[:1] == (IN_MEMORY,):
            split = callees.index(IN_MEMORY, 1)
            evidence, callees = callees[1:split], callees[split + 1 :]
        condition, subjects = _pending(rule, callees, demoted)
        if evidence is not None:  # first: does a call of the `try` reach a dependency? then the other condition
            condition, subjects = IN_MEMORY, (*evidence, IN_MEMORY, condition or "", *subjects)
        rule.report(handler, message, condition, subjects, demoted if demote else None)


def _pending(rule: Rule, callees: Tuple[str, ...], demoted: Optional[Severity]) -> Tuple[Optional[str], Tuple[str, ...]]:
    """The project-phase condition a handler's finding waits for, and its subjects (None: it waits for none)."""
    if callees and callees[0] in (RAISED_AFTER_REPORT, RESOURCE_5XX, SENTRY_ASGI_5XX):
        return callees[0], callees[1:]
    function = rule.ctx.resolver.enclosing_function
    if demoted is Severity.NOTE and function is not None:
        # handed back to the caller: the project phase looks for a caller that raises it
        return CALLER_CHECKS, (function.qualname, *callees)
    if callees:
        return (UNLESS_REPORTER_OR_RAISER if rule.code in ("PRR101", "PRR102") else "unless-reporter"), callees
    return None, ()


class HandlerRule(Rule):
    """Reports the handlers whose verdict names this rule."""

    triggers = ("except",)
    service_only = True

    def visit_Try(self, node: cst.Try) -> None:
        self._check(node)

    def visit_TryStar(self, node: cst.TryStar) -> None:
        self._check(node)

    def _check(self, node: TryNode) -> None:
        report_verdicts(self, node)
