"""Errors answered without a report: a handler that returns a 5xx or failing gRPC status (PRR103),
and an app-wide error handler, middleware or interceptor that reports nothing (PRR104)."""

from __future__ import annotations

from typing import Optional, Tuple

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.model import FRAMEWORK_LOGS_5XX, RESTFUL_ROUTES, Severity
from prr_lint.receivers import held
from prr_lint.rules.base import Rule
from prr_lint.rules.error_response_examples import EXAMPLES_LEFT_ALONE, EXAMPLES_REPORTED
from prr_lint.rules.global_handler_examples import HANDLERS_LEFT_ALONE, HANDLERS_REPORTED
from prr_lint.rules.framework_reports import answers_only_5xx, handler_owner_logs
from prr_lint.rules.handler_scopes import (
    FLASK_REGISTRARS, RESTX_API, RESTX_NAMESPACE, STARLETTE_REGISTRARS, HandlerScope, handler_scope,
)
from prr_lint.rules.drf_configured import configured_handler_finding
from prr_lint.rules.handler_keys import aborted_class, handled_classes
from prr_lint.rules.drf_handlers import calls_drf, drf_handler_shape, drf_swallows
from prr_lint.rules.handler_context import TryNode, not_service_code
from prr_lint.rules.handlers import BROAD_EXCEPTIONS, is_dependency_error
from prr_lint.rules.handler_reports import function_reports, logged_below
from prr_lint.rules.responses import failure_response
from prr_lint.rules.verdicts import HandlerRule, report_verdicts, short_name
from prr_lint.scopes import Scope
from prr_lint.tree import descendants, dotted_name


class UnreportedErrorResponse(HandlerRule):
    """An except handler that answers with a 5xx or a failing gRPC status and reports nothing.

    What it does
        Reports an except handler (of any exception type) that turns the error into a failure
        response without reporting it: `return body, 5xx`; a response object built with
        `status`/`status_code` 5xx (`Response`, `JSONResponse`, `JsonResponse`, `HttpResponse`,
        `make_response`, aiohttp `json_response`); `HttpResponseServerError`; `abort(5xx)`;
        raising werkzeug `InternalServerError`/`ServiceUnavailable`/`BadGateway`/
        `GatewayTimeout`, a 5xx FastAPI/Starlette `HTTPException`, DRF `APIException` or aiohttp
        `HTTPInternalServerError`; gRPC `context.abort(S, ...)` / `context.set_code(S)` for S in
        INTERNAL, UNKNOWN, UNAVAILABLE, DEADLINE_EXCEEDED, DATA_LOSS; Tornado
        `send_error(5xx)` / `set_status(5xx)`.

        The error counts as reported, and the handler is left alone, when:
        - the handler logs at error level, attaches the traceback (`exc_info`) at info or above,
          or logs at warning or above a message that carries the bound exception (`log.warning(
          f"emailing failed: {e}")`, or `error = f"... {e}"; log.warning(error)`): the 5xx status is
          the severity signal, the cause is logged;
        - it writes the traceback to the process's stderr (`traceback.print_exc()`,
          `sys.stderr.write(traceback.format_exc())`, or a local holding that text: `trace =
          traceback.format_exc()`, `sys.stderr.write(trace)`), collected with the service's logs: a report
          for PRR101 to PRR104 alike (stack_output.py; PRR401 asks for a log call instead). The
          stack printed into a buffer of the program's own, formatted into the answer
          (`jsonify(trace=traceback.format_exc())`) or printed only under an `if` (a debug
          switch's output) reaches no log and is reported;
        - it returns a Django/DRF response and logs anything at info or above: Django's
          `django.request` logger records every response with status >= 500 at ERROR, so with the
          cause logged the failure is in central logging (a handler that logs nothing still loses
          the cause, and is reported);
        - it calls a project function that reports, as PRR101 defines it (a reporter helper; a
          method called on an object the analysis cannot type, `self.app.exception_occurred(...)`,
          when every project method of that name reports), or hands the caught exception itself to
          first-party code the tree does not hold (a git submodule not checked out, as PRR101 and
          PRR104 say);
        - every caught class is a conversion error (`ValueError`, `InvalidOperation`, a
          `ValidationError`) and the `try` converts the client's values with library code only
          (`Decimal(request.data["amount"])`, `json.loads(param)`): the answer refuses input and
          loses nothing. A project call in the `try` may raise the class for a bug: reported;
        - the `try` only decodes a value the request carried with a library decoder (`jwt.decode`
          of the bearer token read from `request.headers`, `base64.b64decode` of a parameter) and
          uses what it decoded, and every caught class is the decoder's error or a text decode
          error (`UnicodeDecodeError`): a malformed or forged token is the client's fault
          (rules/client_tokens.py). A token of the service's own (from its config) is reported;
        - every caught class is a project exception raised only after the error was reported:
          the project phase follows the class to each of its `raise` sites (and its subclasses'),
          which must sit in an except handler that reported (`logger.exception(...); raise
          UpstreamError() from e`; or `_log_failure(e); raise UpstreamError(e)` where the project
          helper logs at error level or captures, as PRR101 follows reporter helpers), or that translates a class which is itself raised only so,
          or a parse error of a value (`except ValueError: raise UpdateError("invalid input")`:
          the class only rejects input), or be the answer of a check of the code's own, a
          `raise` in the body of an `if` (`if not breaker.healthy(): raise Unavailable()`, load
          shedding behind a circuit breaker; `if value is None: raise CreateError("missing
          value")`, validation): no error was caught there, so none is lost. One `raise` in a
          handler that neither reported nor parsed (`except OSError: raise UpstreamError()`),
          or a bare one outside any check, keeps the finding;
        - every caught class is `RuntimeError`, which no dependency raises for an outage, and the project
          code that can run there (the handler's module's import closure, and its top-level package, whose
          modules configuration may load by name) raises it, and only as above: as the answer of a check
          of its own (`else: raise RuntimeError(f"the {index} has no filter support")`) or after a
          report. Another service of a monorepo raising it elsewhere does not count; one raise that
          translates an unreported error (`except OSError: raise RuntimeError(...)`), or none found,
          keeps the finding (project/reporters.py `own_error_raised_only_so`);
        - the handler re-raises unconditionally before its failure answer (`raise e` then `abort(500,
          ...)`): the answer never runs, and the error propagates to the framework, which logs it
          (rules/compensation.py);
        - it aborts or raises an HTTPException with a 5xx code in a method of a flask-restful or
          flask-restx `Resource` (directly or through project bases), or in a module function that
          only such methods call, directly or through other module functions (the project phase
          finds the callers, a few calls deep): the Api's `handle_error` logs
          every 5xx with `current_app.log_exception`, chained to the caught error (a 5xx response
          the method returns is not logged, and is reported);
        - it raises (not returns) a Starlette/FastAPI `HTTPException` with a 5xx code in a project that
          calls `sentry_sdk.init` and builds a FastAPI or Starlette app: Sentry's Starlette/FastAPI
          integration, enabled by default there, captures every raised `HTTPException` whose status is
          in its `failed_request_status_codes` (default `range(500, 599)`; before sentry-sdk 2.5 every
          status >= 500) with its chained cause. A 5xx response the handler returns is never seen by
          Sentry and is reported; an init that narrows `failed_request_status_codes` is not read;
        - it raises a Starlette/FastAPI `HTTPException` with a 5xx code in a project whose app
          registers a handler for `HTTPException` (`@app.exception_handler(HTTPException)`,
          `app.add_exception_handler(StarletteHTTPException, handler)`) that logs at error level or
          calls a project reporter, even only for `exc.status_code >= 500` or through a logger
          method it picks by status (`log = logger.warning if exc.status_code < 500 else
          logger.error; log(...)` logs at the higher level), wherever the app factory registers it:
          Starlette hands every raised `HTTPException` to it, with the detail the route gave (a
          handler that only shapes the answer, or picks between levels below error, reports
          nothing, and the finding stays);
        - the `try` only looks single rows up and the handler catches only the ORM's "no such row"
          (`Platform.DoesNotExist`, `ObjectDoesNotExist`, SQLAlchemy's `NoResultFound`) and answers
          a status (a webhook's unknown platform answered 501): the client's value names no row,
          the status is the designed reply (a template not found stays reported);
        - it raises tornado's `web.HTTPError(500, "why")` with a log message: tornado's
          `log_exception` logs the message at warning and its access log records the 5xx at error
          (`web.HTTPError(500)` with no message is reported);
        - the handler is a health check (named `health`, `healthz`, `ping`, `ready` ... or routed at
          such a path): its 503 is the probe's answer, and the orchestrator is its report channel;
        - the handler is in an error page the framework calls with an error already in flight (the
          function reads `sys.exc_info()` outside any except handler of its own: Django's
          `handler500`, called after `django.request` logged the error): its bare 500 when the
          page's own template is missing is still that error's page.

    Why is this bad?
        The framework logs unhandled exceptions, but not a response the handler builds itself:
        Flask routes an `HTTPException` to `handle_http_exception`, which never calls
        `log_exception`. The user sees a failure that no log, error tracker or alert knows of.

    Example
        @app.post("/orders")
        def create_order():
            try:
                return save(request.json), 201
            except Exception:
                return {"error": "internal"}, 500

    Use instead
        @app.post("/orders")
        def create_order():
            try:
                return save(request.json), 201
            except Exception:
                logger.exception("creating an order failed")
                return {"error": "internal"}, 500

    Options
        The sink knobs of PRR101 (`[tool.prr-lint.errors]`). A deliberate 503 for load shedding
        that no check of the project's own raises is best suppressed with a reason: `#
        prr-lint: ignore[PRR103] load shedding`.
        Off by default (opt-in through `select`). Whether a 5xx answer still needs a report
        depends on who reported the failure before (a callee that logged it, the client that
        receives the answer): on services it was not tuned on, 31 of 66 findings were judged
        worth changing (four measurements).

    References
        PRR-ERR and PRR-MON: "Does the service report all exceptional conditions that result in
        degraded responses or failures to the end users?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR103"
    name = "unreported-error-response"
    severity = Severity.ERROR
    checklist = ("PRR-ERR", "PRR-MON")
    summary = "An except handler returns a 5xx or failing gRPC status without reporting the error"
    default_enabled = False
    VALID = EXAMPLES_LEFT_ALONE
    INVALID = EXAMPLES_REPORTED


# ----- PRR104: registered error handlers -----

HTTP_ERROR_PREFIXES = (
    "werkzeug.exceptions.",
    "starlette.exceptions.",
    "fastapi.exceptions.",
    "fastapi.HTTPException",
    "fastapi.exceptions.RequestValidationError",
    "pydantic.",
    "rest_framework.exceptions.",
    "marshmallow.",
    "jsonschema.",
    "django.core.exceptions.",
    "django.http.",
    "flask_wtf.",
)


# The project phase follows a handled class to its raise sites (project/handled_raises.py): subjects are
# the class, the module's other handled classes, SEP, then the handler's callees.
HANDLED_CLASS_RAISES = "handled-class-raises"
SEP = "|callees"


def _fails(function: cst.FunctionDef, ctx: FileContext) -> bool:
    return any(failure_response(node, ctx.resolver) for node in descendants(function.body))


class UnreportingGlobalErrorHandler(Rule):
    """A registered error handler that reports nothing, silencing the errors of every view it covers.

    What it does
        Reports functions registered as framework error handlers whose body neither reports
        nor re-raises. Reporting is decided for each call as for PRR101 and PRR103 (§2.5,
        rules/report_calls.py): logging at the report level (or with the traceback at info or
        above), an error tracker, or the traceback written to the process's stderr, which is
        collected with the service's logs (`traceback.print_exc()` before the 500,
        `sys.stderr.write(traceback.format_exc())`). The stack printed into a buffer of the
        program's own, formatted into the response body, or printed only under an `if` (a
        developer's output: `if debug_api: print(traceback.format_exc())`) reports nothing. A
        reporter helper of the project reports too (`log_exception(sys.exc_info())`, whose body
        calls `sentry_alert()` of an installed library's `logging.sentry` module: a reporting
        function of a library's error-tracker module, tracker_wrappers.py), and so does a name a
        module gives a reporting method on the logger class (`logging.Logger.e =
        logging.Logger.exception` then `LOG.e(e)`). So may first-party code the tree does not hold,
        when the handler hands it the error itself: its parameter (Starlette's second, `exc` of
        `(request, exc)`) or `sys.exc_info()` / `sys.exception()`, as an argument as it is, to a call of
        a package of a git submodule that the project root's `.gitmodules` declares (the root: the
        config file's folder, else the git root; `[submodule "core"]`, `path = core`) and that is not
        checked out, its folder missing or empty, as a checkout without `--recurse-submodules`, a
        source archive or a CI job that fetches no submodules leaves it:
        `h = ErrorHandler(app)` of `from core.app_server import ErrorHandler`, then `return
        h.handle(error)`. The shared library's handler is the project's own, which the analysis cannot
        read, and may log every exception with its traceback: the finding is dropped, as for a reporter
        helper (project/submodules.py; the package name is the path dotted, below the project root or
        an import root such as `src/`). A call that is not handed the error (`h.render()`), text made
        from it (`str(error)`), a name that may be bound again (in the handler, or through a `global` or
        `nonlocal` of it in the module), an installed library's code, a package name that a standard
        module or a distribution the project declares also gives (`locale`, `schema`: the import
        reaches the library), a submodule whose folder holds anything (checked out: its code is read as
        any other, and a folder of translations or schemas holds nothing importable), or a
        `.gitmodules` in a subfolder or a vendored dependency keeps the finding. A helper logs through a module logger bound
        to None that the launcher sets (`log = None` in utils, `utils.log = JsonLogger(app.logger)`
        at start-up: the name is typed by its spelling as any untyped logger is, whatever start-up code
        sets; a call through the name itself is followed below), and at the level its parameter
        defaults to when it logs at a level handed in (`def log_failure(f, *, level="ERROR"):
        logger.log(level.upper(), ...)`, handed_levels.py). A helper that writes the stack only
        under `if <parameter>:` reports at the calls whose value for the parameter, passed by
        position or keyword or left as the default, holds the test (`log_error(f"API error: {e}",
        True)` for `def log_error(message, print_exception=False)`), not at a call passing False
        or leaving a falsy default (rules/report_calls.py). So does a helper that writes a parameter
        to the process's output (`def default_log(message): sys.stderr.write(message + "\\n")`), at
        the calls that hand it the text of a traceback (`traceback.format_exc()`, or a local one of
        whose bindings holds it: `trace = traceback.format_exc()`, `logmessage(trace)`), also through
        functions that pass their own parameter on to it (`def logmessage(message): return
        the_logmessage(message)`); handed a message alone, or to a helper that writes nothing, it
        reports nothing. A call through a module-level name that start-up code outside tests rebinds
        may run what it binds (startup_bindings.py): `set_writer(log_error)` for `def set_writer(w):
        global write_log; write_log = w`, or another module's `utils.report = capture`; the call
        reports when the name's own function or one bound to it does. Registered handlers are:
        - Flask/Quart `@app.errorhandler(E)`, `@bp.app_errorhandler(E)`,
          `app.register_error_handler(E, f)` for E = `Exception`/`BaseException`, a
          blueprint's own `@bp.errorhandler(E)`, which takes the errors of its views alone, and a
          flask-restx (flask-restplus) `@api.errorhandler(E)` / `@ns.errorhandler(E)`, which takes
          those of the Api's resources alone (`Api.error_router` leaves plain `@app.route` views to
          Flask; a Namespace's handler serves the Api it is added to). The message names whose errors
          go unreported: the whole app, blueprint `bp`'s views, the resources of Api `api`, typed
          through what built the object (`Api(app)`, `Api(bp)`, `Blueprint(...)`, `api.namespace(...)`:
          rules/handler_scopes.py), or the object as written when nothing types it. flask-restful's
          and flask-smorest's `Api` have no `errorhandler`: nothing is registered;
        - for any framework (also FastAPI/Starlette `exception_handler`,
          `add_exception_handler`), a handler for a non-HTTP exception class that answers with
          a 5xx, or that handles a dependency error;
        - a catch-all `except Exception`/`BaseException`/bare `except` that neither re-raises
          nor reports around the call of the next handler in an aiohttp `@web.middleware`
          function (`await handler(request)`, or a name bound from it) or in a
          `grpc.ServerInterceptor` / `grpc.aio.ServerInterceptor` subclass (the behaviour of the
          handler `continuation(details)` gives, called in `intercept_service` or in a wrapper
          nested in it, built by another method or by a wrapper factory handed the behaviour).
          A `try` that wraps something else (the decoding of a session cookie, the handler
          called after it; turning a message into text for a log line) catches no request's
          error and is judged as any handler (rules/global_hooks.py). Such a handler
          gets this finding instead of PRR101/PRR102/PRR103's (a per-request logger another
          middleware of the module stores in the request, `request["logger"] = child_logger`,
          reports through `request["logger"].exception(...)`);
        - a DRF exception handler (a function calling `rest_framework.views.exception_handler`)
          that returns a response of its own where DRF's returns None: for errors that are not
          `APIException`s, which DRF would re-raise for Django to log; and a `def f(exc, context)`
          that Django settings name in `REST_FRAMEWORK["EXCEPTION_HANDLER"]` and that answers
          errors itself without reporting them (settled in the project phase; one whose every
          answer is another handler's, handed the same `(exc, context)`, an installed library's
          DRF handler, answers nothing itself).
          One that returns drf-standardized-errors' answer as it is, for its own `(exc, context)`
          (`exception_handler(exc, context)`, `ExceptionHandler(exc, context).run()`), reports there: the
          library reports a server fault (`got_request_exception`, the `django.request` log: rules/
          framework_reports.py), when the handler's other answers are the client's errors (below) or None
          and the class that answers (for the function, `DRF_STANDARDIZED_ERRORS["EXCEPTION_HANDLER_CLASS"]`)
          keeps the report (rules/drf_library.py says where the reading gives up). A 5xx of its own stays reported.
          A DRF handler's 4xx answer under `if isinstance(exc, C)` (the test, or one of its `and`
          terms, or such a term that is an `or` of such tests alone: `isinstance(exc, A) or isinstance(exc,
          B)`; not under `not`, nor an `or` with another test), for a class C that is no dependency failure (nor `object`, nor a tuple's name)
          (`ProtectedError`: a delete `on_delete=PROTECT` refused; Django's `ValidationError`
          answered 400), answers the client's error, as a handler registered for C answering 4xx
          does; so does an answer with the status the error carries (`status=exc.http_status_code
          or 400`: the code that raised it chose the answer, as DRF answers an `APIException` with
          its `status_code`): not reported, when every other error gets DRF's own answer (None: DRF
          re-raises it).
        A handler answering a project class with a failure is judged in the project phase on where
        that class is raised (with its subclasses that no other handler of the module takes ahead of
        it for the same requests: a blueprint's own handler of a subclass leaves it, in the app's other
        views, to the app's handler of its base; tests aside): when every raise sits in a handler that reported the error first
        (`log.exception(...)`, or a reporter helper, then `raise StoreError() from exc`), or in a
        `try` body whose own handler takes the class and reports before it re-raises (`except
        Unavailable as exc: _log_failure(exc); raise`), or in code that only a task, command or
        scheduled job reaches and no route does (a Celery task's `raise JobIncomplete(...)`), or
        in a function whose every caller but tests calls it in a `try` that takes every exception
        and raises none, itself or through such callers (`except Exception: log.warning(...,
        exc_info=True); return False`: the raise never reaches the handler; a function an entry
        point is, or some module uses as a value, keeps its raises: project/contained_raises.py),
        the handler silences nothing and is not reported. A class
        with no raise site found, or raised unreported where a request runs, keeps the finding.
        A handler registered on a flask-restx (or flask-restplus) `Api` or `Namespace` whose every
        answer has a 5xx status (`return body, 500`, or a plain dict, which it answers with 500) is
        reported by the framework: `Api.handle_error` calls `current_app.log_exception` for a handler's
        answer of status >= 500 (rules/framework_reports.py, the table PRR103's `Resource` case reads
        too). The object is typed in the file, or in the project phase when the module cannot tell
        (`def configure_exception(api): @api.errorhandler(Exception)` with the app module passing its
        `Api`: what callers pass, what a factory returns, a project subclass). A 4xx answer, a
        response object it returns as it is, or a handler on the Flask app itself stays reported.
        A handler on the Flask app or a blueprint is not reported when every route of the service is a
        flask-restful or flask-restx resource (`api.add_resource(...)`, `@api.route`, `@ns.route`): their
        Api's `error_router` hands every error of its resources to `Api.handle_error`, which answers it and
        logs a 5xx with `current_app.log_exception`, so no request's error reaches the handler (project/
        restful_routes.py). A plain view beside them (`@app.route`, `bp.add_url_rule(view_func=V.as_view(...))`),
        a project subclass of the Api whose `handle_error` or `error_router` reports nothing, or a module that
        sets `PROPAGATE_EXCEPTIONS` (the Api then re-raises to Flask) keeps the finding.
        Not reported: handlers for status codes (`errorhandler(500)`, `exception_handler(500)`),
        and a Flask/Quart handler keyed on a code of 501-505 through a constant (`CUSTOM_ERROR = 505`,
        `HTTPStatus.SERVICE_UNAVAILABLE`) when every registration of the function in its module is for a
        code other than 500 and every `abort(<that code>)` of the project outside tests reported first (an
        except handler that logs at error level, as PRR103's raise sites are read), or none exists: werkzeug
        turns an unexpected error into a 500 only and never raises those classes itself, so the handler takes
        the service's own aborts alone, from any view, hook or helper (rules/error_codes.py, project/
        handled_raises.py). One abort that reports nothing, or answers a check, an `abort` whose code
        the file does not show, a call of another `abort` whose code is not read (a project module's
        re-export, flask-restx's `ns.abort`/`api.abort`, `current_app.aborter`, an `Aborter`), a `raise`
        of the code's class or a subclass (also re-exported by a project module), of an object held in a
        name (`raise err`) or of what a project function returns, a function also registered for 500 or a
        class, a 4xx code (werkzeug and extensions raise those) or a constant a function rebinds keeps the
        finding. A library that raises one of those classes itself (an extension answering a pool timeout
        with a 503) is not looked for: it answers on purpose, and Flask logs no HTTP error with or without
        the handler. Not reported either: handlers
        for HTTP exception classes (werkzeug, Starlette, DRF, validation errors), Flask's
        `InternalServerError` (Flask logs the exception before calling it) and
        Starlette/FastAPI's `Exception` handler (`ServerErrorMiddleware` re-raises so the
        server logs it), aiohttp middleware catching only HTTP exceptions (aiohttp logs the
        rest), gRPC interceptors that let errors through (gRPC logs "Exception calling
        application"), and DRF handlers that return DRF's own answer (None for other errors) or
        hand the error, with their own `(exc, context)`, to another handler, judged where it is.

    Why is this bad?
        One registered handler decides the fate of every unhandled error of the views it covers (the
        app's, a blueprint's, an Api's resources). When it turns them into a friendly page and logs
        nothing, that part of the service stops reporting errors.

    Example
        @app.errorhandler(Exception)
        def on_error(error):
            return {"error": "internal"}, 500

    Use instead
        @app.errorhandler(Exception)
        def on_error(error):
            app.logger.exception("unhandled error")
            return {"error": "internal"}, 500

    Options
        The sink knobs of PRR101 (`[tool.prr-lint.errors]`).

    References
        PRR-ERR: "Does the service report errors to central logging systems for analysis?"
        (Site Reliability Engineering, ch. 32)
    """

    code = "PRR104"
    name = "unreporting-global-error-handler"
    severity = Severity.ERROR
    checklist = ("PRR-ERR",)
    summary = "A registered framework error handler reports nothing, silencing the errors of the views it covers"
    triggers = ("errorhandler", "error_handler", "exception_handler", "middleware", "ServerInterceptor", "context")
    service_only = True
    VALID = HANDLERS_LEFT_ALONE
    INVALID = HANDLERS_REPORTED

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        for decorator in node.decorators:
            target = decorator.decorator
            if isinstance(target, cst.Call) and isinstance(target.func, cst.Attribute) and target.args:
                registrar = target.func.attr.value
                if registrar in FLASK_REGISTRARS | STARLETTE_REGISTRARS:
                    outer = self.ctx.resolver.scope.parent or self.ctx.resolver.scope  # the decorator runs where the `def` is
                    owner = held(self.ctx.resolver, target.func.value, outer)
                    self._check(node, registrar, target.args[0].value, handler_scope(registrar, owner, target.func.value), owner=owner,
                                where=outer)
        if drf_handler_shape(node, self.ctx) and not calls_drf(node, self.ctx) and not not_service_code(self.ctx):
            found = configured_handler_finding(node, self.ctx, self._reports)  # rules/drf_configured.py
            if found is not None:
                self.report(node, *found)
            return
        if "exception_handler" in self.ctx.source and not not_service_code(self.ctx) and drf_swallows(node, self.ctx):
            reports, callees = self._reports(node)
            if reports:
                return
            message = (
                f"the DRF exception handler `{node.name.value}` answers errors that are not APIExceptions "
                "without reporting them (DRF would re-raise them for Django to log): errors of the whole API go unreported"
            )
            self.report_unless_reported(node, message, callees)

    # aiohttp middleware and gRPC interceptors: their catch-all handlers, through the shared handler verdict.
    def visit_Try(self, node: cst.Try) -> None:
        self._check_handlers(node)

    def visit_TryStar(self, node: cst.TryStar) -> None:
        self._check_handlers(node)

    def _check_handlers(self, node: TryNode) -> None:
        report_verdicts(self, node, demote=False)

    def visit_Call(self, node: cst.Call) -> None:
        if not (isinstance(node.func, cst.Attribute) and len(node.args) >= 2):
            return
        registrar = node.func.attr.value
        if registrar not in ("register_error_handler", "add_exception_handler"):
            return
        function = self.ctx.resolver.definition(node.args[1].value)
        if isinstance(function, cst.FunctionDef):
            owner = held(self.ctx.resolver, node.func.value, self.ctx.resolver.scope)
            self._check(function, registrar, node.args[0].value, handler_scope(registrar, owner, node.func.value),
                        reported_at=function, owner=owner, where=self.ctx.resolver.scope)

    def _check(self, function: cst.FunctionDef, registrar: str, caught: cst.BaseExpression, scope: Optional[HandlerScope],
               reported_at=None, owner: Optional[str] = None, where: Optional[Scope] = None) -> None:
        """`scope`: whose errors the handler takes (None: the object has no such registrar, nothing is registered);
        `owner`: the receiver expression of the object the handler is registered on (None when unknown); `where`:
        the scope the registration reads `caught` in."""
        if scope is None or not_service_code(self.ctx) or isinstance(caught, cst.Integer):
            return
        name = self.ctx.resolver.qualified_name(caught) or dotted_name(caught) or ""
        flask = registrar in FLASK_REGISTRARS
        if name.startswith(HTTP_ERROR_PREFIXES) or name.rsplit(".", 1)[-1] in ("HTTPException", "InternalServerError"):
            return
        if name in BROAD_EXCEPTIONS:
            if not flask:
                return
            why = f"handles every `{short_name(name)}`"
        elif is_dependency_error(name, tuple(self.ctx.section("errors").get("dependency-errors", ()))):
            why = f"handles the dependency error `{short_name(name)}`"
        elif _fails(function, self.ctx):
            why = f"answers `{short_name(name)}` with a failure response"
        else:
            return
        reports, callees = self._reports(function, 1 if registrar in STARLETTE_REGISTRARS else 0)  # Starlette's `(request, exc)`
        if reports:
            return
        restx = scope.kind in (RESTX_API, RESTX_NAMESPACE)
        logs = (restx or handler_owner_logs(owner)) if owner is not None and answers_only_5xx(function, self.ctx.resolver) else False
        if logs:
            return  # registered on a flask-restx Api or Namespace: its handle_error logs the 5xx answer (rules/framework_reports.py)
        below = logged_below(function, self.ctx)
        how = f"and logs it only at {below} level, below the report level (`min-report-level`)" if below else "without reporting it"
        message = f"the registered error handler `{function.name.value}` {why} {how}: errors of {scope.words} go unreported"
        aborted = aborted_class(function, caught, self.ctx, where or self.ctx.resolver.scope) if flask else None
        if aborted is not None:  # a code only the service's own aborts raise: their sites decide (project/handled_raises.py)
            condition, subjects = HANDLED_CLASS_RAISES, (aborted, SEP, *callees)
        elif why.startswith("answers") and name:  # a class of the project's maybe: its raise sites decide (project/handled_raises.py)
            others = tuple(other for other in handled_classes(self.ctx, scope) if other != name)
            condition, subjects = HANDLED_CLASS_RAISES, (name, *others, SEP, *callees)
        else:
            condition, subjects = ("unless-reporter" if callees else ""), callees
        if flask and not restx:  # no request's error reaches it when every route is a resource (project/restful_routes.py)
            condition, subjects = RESTFUL_ROUTES, (condition, *subjects)
        if logs is None:  # the project types the object it is registered on (project/framework_logs.py)
            condition, subjects = FRAMEWORK_LOGS_5XX, (str(owner), condition, *subjects)
        self.report(reported_at or function, message, condition or None, subjects)

    def _reports(self, function: cst.FunctionDef, position: int = 0) -> Tuple[bool, Tuple[str, ...]]:
        """`position`: the handler's parameter that holds the error (0: Flask's and DRF's `(exc, ...)`)."""
        return function_reports(function, self.ctx, position)
