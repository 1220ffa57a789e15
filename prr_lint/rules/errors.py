"""PRR1xx: errors that are swallowed instead of reported (checklist item PRR-ERR).

The handler-level rules (PRR101, PRR102, PRR103, and PRR104 for catch-alls in aiohttp middleware
and gRPC interceptors) share one verdict per handler (`handler_verdict`), so a handler gets at most
one finding, from the most specific enabled rule: PRR104 (an app-wide hook) over PRR103 (a failure
response) over PRR102 (a dependency fallback) over PRR101 (a catch-all).
"""

from __future__ import annotations

from typing import Dict, Optional, Tuple, Union

import libcst as cst

from prr_lint.context import FileContext
from prr_lint.model import Severity
from prr_lint.resolve import dotted_name
from prr_lint.rules.base import Example, Rule
from prr_lint.rules.handlers import (
    BEST_EFFORT_COMMENT as BEST_EFFORT,
)
from prr_lint.rules.handlers import (
    BROAD_EXCEPTIONS,
    DEGRADED_OK,
    FILE_ERRORS,
    Handler,
    HandlerFacts,
    analyse_handler,
    comments_of,
    failure_response,
    in_cleanup_function,
    in_retry_loop,
    is_dependency_error,
    is_probe,
    is_pure,
    marked_best_effort,
    min_level,
    not_service_code,
    only_cleanup,
    returned_later,
    sets_thread_excepthook,
    top_level_try_reports,
)
from prr_lint.sinks import WARNING, configure, reports_error
from prr_lint.tree import descendants

TryNode = Union[cst.Try, cst.TryStar]
# (rule code, message, callees for unless-reporter, a demoted severity or None)
Verdict = Optional[Tuple[str, str, Tuple[str, ...], Optional[Severity]]]

def _short(name: str) -> str:
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
    metric_counts = bool(errors.get("count-metrics-as-report")) and facts.metric
    # A catch-all in an app-wide hook (aiohttp middleware, gRPC server interceptor) is PRR104's.
    hook = global_hook(ctx) if facts.broad is not None and ctx.rule_enabled("PRR104") else None
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
        if facts.reported(level) or metric_counts:
            return None
        message = (
            f"the handler {facts.failure} without reporting the error: the failure reaches the user "
            "but not central logging or error tracking"
        )
        return ("PRR103", message, facts.callees, None)
    if facts.propagates or facts.reported(level) or metric_counts:
        return None
    extra = tuple(errors.get("dependency-errors", ()))
    dependency = [name for name in facts.caught if is_dependency_error(name, extra)]
    if dependency and facts.fallback is not None and ctx.rule_enabled("PRR102"):
        return _dependency_verdict(ctx, try_node, handler, facts, dependency)
    if facts.broad is None:
        return None
    # The bound exception handed on (returned, stored, passed on) is demoted to a note (catalogue
    # §3 PRR101); an error message or value handed back without it is the caller's business.
    handed_on = facts.handed_on or returned_later(ctx, facts.assigned_bound)
    if (facts.escapes and not handed_on) or facts.warns_with_error or is_probe(facts, ctx):
        return None
    if not handed_on and returned_later(ctx, facts.assigned):
        return None
    if is_pure(try_node.body, ctx.resolver):
        return None
    if in_cleanup_function(ctx) or only_cleanup(try_node.body, ctx.resolver) or marked_best_effort(ctx, try_node, handler):
        return None
    if handed_on:
        message = (
            f"{facts.broad} hands the error on (returned, stored or passed to another function) without reporting "
            "it: make sure whoever receives it reports it"
        )
        return ("PRR101", message, facts.callees, Severity.NOTE)
    message = f"{facts.broad} swallows the error: {_describe(facts)}, without re-raising it or reporting it at error level"
    return ("PRR101", message, facts.callees, None)


def _dependency_verdict(
    ctx: FileContext, try_node: TryNode, handler: Handler, facts: HandlerFacts, dependency: list
) -> Verdict:
    if facts.reported(WARNING) or facts.escapes or is_probe(facts, ctx) or returned_later(ctx, facts.assigned):
        return None
    if in_retry_loop(ctx):
        return None
    if all(name in FILE_ERRORS for name in dependency) and (
        in_cleanup_function(ctx) or only_cleanup(try_node.body, ctx.resolver) or _file_only(try_node, ctx)
    ):
        return None
    if _uses_cache(try_node, ctx) or DEGRADED_OK.search(comments_of(ctx, handler) + comments_of(ctx, try_node.body)):
        return None
    if marked_best_effort(ctx, try_node, handler):
        return None
    caught = ", ".join(_short(name) for name in dependency)
    message = (
        f"`except {caught}` {facts.fallback} when a dependency fails, reporting nothing at warning level or "
        "above: the response is silently degraded"
    )
    return ("PRR102", message, facts.callees, None)


def _file_only(try_node: TryNode, ctx: FileContext) -> bool:
    """Local file-system work (`open`, `os.*`, `shutil.*`, `pathlib`): an OSError there is not a
    dependency failure of the service."""
    for node in descendants(try_node.body):
        if isinstance(node, cst.Call):
            name = ctx.resolver.qualified_name(node.func) or ""
            if not name.startswith(("builtins.", "os.", "shutil.", "pathlib.", "tempfile.", "io.", "json.")):
                method = node.func.attr.value if isinstance(node.func, cst.Attribute) else ""
                if method not in ("read", "write", "read_text", "write_text", "read_bytes", "write_bytes", "exists",
                                  "mkdir", "unlink", "stat", "open", "close", "readlines", "seek"):
                    return False
    return True


def _uses_cache(try_node: TryNode, ctx: FileContext) -> bool:
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
    body = facts.handler.body.body
    if len(body) == 1 and isinstance(body[0], cst.SimpleStatementLine) and len(body[0].body) == 1:
        only = body[0].body[0]
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
        if verdict is not None and verdict[0] == rule.code:
            _, message, callees, demoted = verdict
            rule.report_unless_reported(handler, message, callees, demoted if demote else None)


class _HandlerRule(Rule):
    """Reports the handlers whose verdict names this rule."""

    triggers = ("except",)
    service_only = True

    def visit_Try(self, node: cst.Try) -> None:
        self._check(node)

    def visit_TryStar(self, node: cst.TryStar) -> None:
        self._check(node)

    def _check(self, node: TryNode) -> None:
        report_verdicts(self, node)


class SwallowedException(_HandlerRule):
    """A handler that catches every exception and neither re-raises nor reports it.

    What it does
        Reports `except:`, `except Exception:` and `except BaseException:` (also inside a tuple,
        and `except*`) whose body neither re-raises nor reports the error (catalogue §2.5):
        logging at the minimum report level or above on a typed logger, an error tracker, a span
        recording the exception, a configured report sink, or a project function that reports
        (a reporter helper, in any module, found by the project phase).

        Not reported, because they are not problems an SRE would fix:
        - a `try` body that only parses or converts values (no I/O, no service calls);
        - an error message handed back to the caller without the exception (`return "unknown
          error"`, `message = "interrupted"` returned later);
        - probe functions answering `return False` / `return True`;
        - best-effort cleanup: in `close`/`__del__`/`__exit__`/`shutdown`-like functions, a
          `try` body that only closes or removes things, or a comment saying so
          (`# best effort`, `# ignore`, `# not critical` ...);
        - operator code: scripts, management commands, CLI commands, `__main__` blocks,
          migrations, tests.
        Demoted to severity "note": the bound exception handed on (returned, stored on an object
        such as `job.error = str(e)`, passed to a method or to a constructor, or assigned and
        returned later). Whoever receives it must report it; the note says where to look.
        A handler that turns the error into a 5xx response is PRR103's, and one that falls back
        after a dependency error is PRR102's: each handler gets one finding. When PRR103 or
        PRR102 is disabled, PRR101 reports the catch-all handlers it would have left to them.

    Why is this bad?
        A swallowed error never reaches central logging or error tracking, so the failure it
        causes downstream (a wrong answer, a degraded response, a lost write) cannot be seen,
        counted or alerted on. The PRR asks whether the service reports all exceptional
        conditions; a catch-all that stays silent is the most common way it does not.

    Example
        try:
            charge(order)
        except Exception:
            pass

    Use instead
        try:
            charge(order)
        except Exception:
            logger.exception("charging order %s failed", order.id)
            raise

    Options
        `[tool.prr-lint.errors]`: `report-sinks`, `logger-objects`, `logger-factories`,
        `min-report-level` (default "error"), `count-metrics-as-report` (default false).

    References
        PRR-ERR: "Does the service report errors to central logging systems for analysis? Does it
        report all exceptional conditions that result in degraded responses or failures to the
        end users?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR101"
    name = "swallowed-exception"
    severity = Severity.ERROR
    checklist = ("PRR-ERR",)
    summary = "A catch-all exception handler neither re-raises nor reports the error"
    # Besides handlers, the modules that define reporter helpers and module-level loggers must be
    # summarised for the project phase, so they are walked too.
    triggers = ("except", "logging", "getLogger", "get_logger", "structlog", "loguru", "sentry", "rollbar", "bugsnag")
    VALID = (
        Example(
            "import logging\nlog = logging.getLogger(__name__)\n\ndef f():\n    try:\n        g()\n"
            "    except Exception:\n        log.exception('g failed')\n"
        ),
        Example("def f():\n    try:\n        g()\n    except Exception as exc:\n        raise RuntimeError('g') from exc\n"),
        Example("import sentry_sdk as sentry\n\ndef f():\n    try:\n        g()\n    except Exception as exc:\n        sentry.capture_exception(exc)\n"),
        Example("def f(d):\n    try:\n        return d['k']\n    except KeyError:\n        return None\n"),
        Example(
            "import logging\nlog = logging.getLogger(__name__)\n\ndef f():\n    try:\n        g()\n    except BaseException:\n"
            "        log.log(logging.CRITICAL, 'g failed')\n"
        ),
        Example("def f():\n    try:\n        g()\n    except Exception:\n        pass\n", path="tests/test_f.py"),
        # pure parsing: no I/O in the try body
        Example("import json\n\ndef parse(raw):\n    try:\n        return int(json.loads(raw)['n'].strip())\n    except Exception:\n        return None\n"),
        # a probe
        Example("def is_reachable(host):\n    try:\n        ping(host)\n        return True\n    except Exception:\n        return False\n"),
        # best-effort cleanup
        Example("class Conn:\n    def close(self):\n        try:\n            self.sock.shutdown()\n        except Exception:\n            pass\n"),
        Example("def f(tmp):\n    try:\n        os.remove(tmp)\n    except Exception:\n        pass\n"),
        Example("def warm():\n    try:\n        refresh_stats()\n    except Exception:  # best effort, stats are advisory\n        pass\n"),
        # operator tools
        Example("def handle():\n    try:\n        g()\n    except Exception:\n        pass\n", path="app/management/commands/sync.py"),
        Example("import click\n\n@click.command()\ndef sync():\n    try:\n        g()\n    except Exception:\n        pass\n"),
        # a warning with the traceback attached reaches central logging with the stack
        Example("import logging\nlog = logging.getLogger(__name__)\n\ndef f():\n    try:\n        g()\n    except Exception:\n        log.warning('g failed', exc_info=True)\n"),
        # structlog and Flask's logger are typed loggers
        Example("import structlog\n\nclass W:\n    def __init__(self):\n        self.log = structlog.get_logger()\n\n    def run(self):\n        try:\n            g()\n        except Exception:\n            self.log.error('g failed')\n"),
        Example("from flask import current_app\n\ndef f():\n    try:\n        g()\n    except Exception:\n        current_app.logger.exception('g failed')\n"),
        Example("from opentelemetry import trace\n\ndef f():\n    span = trace.get_current_span()\n    try:\n        g()\n    except Exception as e:\n        span.record_exception(e)\n"),
        # an error message for the caller
        Example("def latest_version():\n    try:\n        return fetch_release()\n    except Exception:\n        return 'unknown error'\n"),
        # a function whose name says it may fail quietly
        Example("async def try_get_user(token):\n    try:\n        return await get_user(token)\n    except Exception:\n        return None\n"),
        # a Flask CLI command on an AppGroup
        Example("from flask.cli import AppGroup\nmanager = AppGroup()\n\n@manager.command()\ndef create():\n    try:\n        db.session.commit()\n    except Exception as e:\n        print(e)\n        exit(1)\n"),
        # a warning that carries the exception
        Example("import logging\nlog = logging.getLogger(__name__)\n\ndef f(ext):\n    try:\n        load(ext)\n    except Exception as e:\n        log.warning('loading %s failed: %s', ext, e)\n"),
    )
    INVALID = (
        Example("def f():\n    try:\n        g()\n    except Exception:  # expect: PRR101\n        pass\n"),
        Example("def f():\n    try:\n        g()\n    except:  # expect: PRR101\n        return None\n"),
        Example("def f(items):\n    for i in items:\n        try:\n            g(i)\n        except (ValueError, Exception):  # expect: PRR101\n            continue\n"),
        Example(
            "import logging\nlogger = logging.getLogger(__name__)\n\ndef f():\n    try:\n        g()\n"
            "    except Exception as exc:  # expect: PRR101\n        logger.info('g failed: %s', exc)\n"
        ),
        Example("def f():\n    try:\n        g()\n    except* Exception:  # expect: PRR101\n        pass\n"),
        Example(
            "import builtins\n\ndef f():\n    try:\n        g()\n"
            "    except builtins.BaseException:  # expect: PRR101\n        pass\n"
        ),
        Example("import warnings\n\ndef f():\n    try:\n        save()\n    except Exception as e:  # expect: PRR101\n        warnings.warn(str(e))\n"),
        # The bound exception handed on is a note (severity "note"), not an error: stored on the job
        # record that is marked failed, returned in a result object, handed back as a (data, error) result.
        Example("def run(job):\n    try:\n        execute(job)\n    except Exception as e:  # expect: PRR101\n        job.status = 'failed'\n        job.error = str(e)\n        job.save()\n"),
        Example("def run(q):\n    try:\n        return Result(rows=execute(q))\n    except Exception as e:  # expect: PRR101\n        return Result(error=e)\n"),
        Example("def run_query(q):\n    error = None\n    try:\n        data = execute(q)\n    except Exception as ex:  # expect: PRR101\n        data = None\n        error = str(ex)\n    return data, error\n"),
        # `requests.get` is I/O, not a dict look-up
        Example("import requests\n\ndef prices():\n    try:\n        return requests.get('u', timeout=1).json()\n    except Exception:  # expect: PRR101\n        return {}\n"),
    )


class SilentDependencyFallback(_HandlerRule):
    """A dependency failure answered with a fallback value and no report.

    What it does
        Reports a handler for a dependency error (requests, httpx, aiohttp, grpc, botocore,
        redis, SQLAlchemy, psycopg, pymongo, Django database and Google API errors,
        `TimeoutError`, `ConnectionError`, `OSError`, `asyncio.TimeoutError`, plus the configured
        `dependency-errors`) that reports nothing at warning level or above and falls back:
        `pass`, `continue`, `return` of a value, or an assignment the code carries on with.
        Not reported: cache look-ups (a receiver named or configured as a cache), `OSError`
        around local file work or cleanup, the bound exception handed on, a comment
        `# prr: degraded-ok` or one saying the failure is fine.

    Why is this bad?
        The caller gets an empty list, a default or a stale value instead of an error, so the
        user sees a degraded answer while dashboards show success. Nobody learns that the
        dependency is down until users complain.

    Example
        try:
            prices = requests.get(PRICES_URL, timeout=2).json()
        except requests.RequestException:
            return []

    Use instead
        try:
            prices = requests.get(PRICES_URL, timeout=2).json()
        except requests.RequestException:
            logger.warning("price service unavailable, serving without prices", exc_info=True)
            return []

    Options
        `[tool.prr-lint.errors]`: `dependency-errors` (extra exception FQNs), `cache-receivers`
        (FQNs of cache objects whose failures may be swallowed), and the sink knobs of PRR101.

    References
        PRR-ERR: "Does the service report all exceptional conditions that result in degraded
        responses or failures to the end users?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR102"
    name = "silent-dependency-fallback"
    severity = Severity.WARNING
    checklist = ("PRR-ERR",)
    summary = "A dependency failure is answered with a fallback value and reported nowhere"
    VALID = (
        Example("import requests, logging\nlog = logging.getLogger(__name__)\n\ndef f():\n    try:\n        return requests.get('u', timeout=1).json()\n    except requests.RequestException:\n        log.warning('prices down')\n        return []\n"),
        Example("import redis\n\ndef f(cache):\n    try:\n        return cache.get('k')\n    except redis.exceptions.RedisError:\n        return None\n"),
        Example("import os\n\ndef f(path):\n    try:\n        os.remove(path)\n    except OSError:\n        pass\n"),
        Example("import requests\n\ndef f():\n    try:\n        return requests.get('u', timeout=1).json()\n    except requests.RequestException:\n        raise\n"),
        Example("import requests\n\ndef f():\n    try:\n        return requests.get('u', timeout=1).json()\n    except requests.RequestException:  # prr: degraded-ok\n        return []\n"),
        Example("import requests\n\ndef f():\n    try:\n        return requests.get('u', timeout=1).json()\n    except requests.RequestException as e:\n        return {'error': str(e)}\n"),
        # a retry loop
        Example("from sqlalchemy.exc import IntegrityError\n\ndef create(repo, data):\n    for i in range(10):\n        try:\n            return repo.create(data)\n        except IntegrityError:\n            repo.session.rollback()\n            data.slug = f'{data.slug}-{i}'\n    raise RuntimeError('no free slug')\n"),
        # a probe
        Example("import requests\n\ndef on_gce():\n    try:\n        requests.get('http://metadata.google.internal', timeout=1)\n    except requests.exceptions.ConnectionError:\n        return False\n    return True\n"),
        # not a dependency failure
        Example("import sqlalchemy as sa\n\ndef descriptors(expr):\n    try:\n        return polymorphic(sa.inspect(expr))\n    except sa.exc.NoInspectionAvailable:\n        return None\n"),
    )
    INVALID = (
        Example("import requests\n\ndef f():\n    try:\n        return requests.get('u', timeout=1).json()\n    except requests.RequestException:  # expect: PRR102\n        return []\n"),
        Example("from requests.exceptions import ConnectionError as CE\n\ndef f(s):\n    try:\n        s.post('u', timeout=1)\n    except CE:  # expect: PRR102\n        pass\n"),
        Example("from django.db import IntegrityError\n\ndef f(order):\n    try:\n        order.save()\n    except IntegrityError:  # expect: PRR102\n        pass\n"),
        Example("import grpc\n\ndef f(stub, req):\n    try:\n        return stub.Get(req, timeout=1)\n    except (grpc.RpcError, Exception):  # expect: PRR102\n        return None\n"),
        Example("def f(client):\n    try:\n        client.send()\n    except TimeoutError:  # expect: PRR102\n        pass\n"),
    )


class UnreportedErrorResponse(_HandlerRule):
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
        is best suppressed with a reason: `# prr-lint: ignore[PRR103] load shedding`.

    References
        PRR-ERR and PRR-MON: "Does the service report all exceptional conditions that result in
        degraded responses or failures to the end users?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR103"
    name = "unreported-error-response"
    severity = Severity.ERROR
    checklist = ("PRR-ERR", "PRR-MON")
    summary = "An except handler returns a 5xx or failing gRPC status without reporting the error"
    VALID = (
        Example("import logging\nlog = logging.getLogger(__name__)\n\ndef view():\n    try:\n        return save(), 201\n    except Exception:\n        log.exception('save failed')\n        return {'error': 'internal'}, 500\n"),
        Example("def view():\n    try:\n        return save(), 201\n    except ValueError:\n        return {'error': 'bad input'}, 400\n"),
        Example("from fastapi import HTTPException\n\ndef view():\n    try:\n        return save()\n    except KeyError:\n        raise HTTPException(status_code=404)\n"),
        Example("import grpc\n\nclass S:\n    def Get(self, req, context):\n        try:\n            return load(req)\n        except KeyError:\n            context.abort(grpc.StatusCode.NOT_FOUND, 'no such thing')\n"),
    )
    INVALID = (
        Example("def view():\n    try:\n        return save(), 201\n    except Exception:  # expect: PRR103\n        return {'error': 'internal'}, 500\n"),
        Example("from flask import abort\n\ndef view():\n    try:\n        return save()\n    except ValueError:  # expect: PRR103\n        abort(503)\n"),
        Example("from fastapi import HTTPException, status\n\ndef view():\n    try:\n        return save()\n    except Exception:  # expect: PRR103\n        raise HTTPException(status_code=status.HTTP_500_INTERNAL_SERVER_ERROR)\n"),
        Example("from starlette.responses import JSONResponse\n\nasync def view(request):\n    try:\n        return JSONResponse(await save(request))\n    except Exception:  # expect: PRR103\n        return JSONResponse({'error': 'x'}, status_code=502)\n"),
        Example("import grpc\n\nclass S:\n    def Get(self, req, context):\n        try:\n            return load(req)\n        except Exception as e:  # expect: PRR103\n            context.abort(grpc.StatusCode.INTERNAL, str(e))\n"),
        Example("from werkzeug.exceptions import ServiceUnavailable\n\ndef view():\n    try:\n        return save()\n    except ConnectionError:  # expect: PRR103\n        raise ServiceUnavailable()\n"),
    )


# ----- PRR104: registered error handlers -----

FLASK_REGISTRARS = frozenset({"errorhandler", "app_errorhandler", "register_error_handler"})
STARLETTE_REGISTRARS = frozenset({"exception_handler", "add_exception_handler"})
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


def _function_reports(function: cst.FunctionDef, ctx: FileContext) -> Tuple[bool, Tuple[str, ...]]:
    """(reports or re-raises, callees that might be reporter helpers)."""
    configure(ctx.resolver, ctx.options)
    callees = []
    for node in descendants(function.body):
        if isinstance(node, cst.Raise):
            return True, ()
        if isinstance(node, cst.Call):
            if reports_error(node, ctx.resolver):
                return True, ()
            name = ctx.resolver.qualified_name(node.func)
            if name is not None and not name.startswith("builtins."):
                callees.append(name)
    return False, tuple(dict.fromkeys(callees))


AIOHTTP_MIDDLEWARE = frozenset({"aiohttp.web.middleware", "aiohttp.web_middlewares.middleware"})
GRPC_INTERCEPTORS = frozenset({"grpc.ServerInterceptor", "grpc.aio.ServerInterceptor"})
DRF_EXCEPTION_HANDLER = "rest_framework.views.exception_handler"


def global_hook(ctx: FileContext) -> Optional[str]:
    """Describes the app-wide hook the current node is in: an aiohttp `@web.middleware` function, or
    any method (and the wrappers nested in it) of a `grpc.ServerInterceptor` subclass."""
    resolver = ctx.resolver
    for node in reversed(ctx.ancestors):
        if isinstance(node, cst.FunctionDef):
            for decorator in node.decorators:
                target = decorator.decorator.func if isinstance(decorator.decorator, cst.Call) else decorator.decorator
                if resolver.qualified_name(target) in AIOHTTP_MIDDLEWARE:
                    return f"aiohttp middleware `{node.name.value}`"
        elif isinstance(node, cst.ClassDef):
            if any(resolver.qualified_name(base.value) in GRPC_INTERCEPTORS for base in node.bases if base.keyword is None):
                return f"gRPC server interceptor `{node.name.value}`"
    return None


def _calls_drf(function: cst.FunctionDef, ctx: FileContext) -> bool:
    return any(
        isinstance(node, cst.Call) and ctx.resolver.qualified_name(node.func) == DRF_EXCEPTION_HANDLER
        for node in descendants(function.body)
    )


def _drf_swallows(function: cst.FunctionDef, ctx: FileContext) -> bool:
    """A DRF exception handler (it calls `rest_framework.views.exception_handler`) that returns a
    response of its own where DRF's returns None, i.e. for errors that are not `APIException`s: DRF
    would re-raise those and Django would log them."""
    resolver = ctx.resolver
    from_drf = set()
    calls_drf = False
    for node in descendants(function.body):
        if isinstance(node, cst.Call) and resolver.qualified_name(node.func) == DRF_EXCEPTION_HANDLER:
            calls_drf = True
        if isinstance(node, cst.Assign) and isinstance(node.value, cst.Call):
            if resolver.qualified_name(node.value.func) == DRF_EXCEPTION_HANDLER:
                from_drf.update(t.target.value for t in node.targets if isinstance(t.target, cst.Name))
    if not calls_drf:
        return False
    for node in descendants(function.body):
        if not isinstance(node, cst.Return) or node.value is None:
            continue
        value = node.value
        if isinstance(value, cst.Name) and (value.value == "None" or value.value in from_drf):
            continue
        if isinstance(value, cst.Call) and resolver.qualified_name(value.func) == DRF_EXCEPTION_HANDLER:
            continue
        return True
    return False


def drf_exception_handler_setting(node: cst.Assign) -> Optional[str]:
    """The dotted path in `REST_FRAMEWORK = {"EXCEPTION_HANDLER": "pkg.mod.func", ...}`, if this sets it."""
    if len(node.targets) != 1 or dotted_name(node.targets[0].target) != "REST_FRAMEWORK":
        return None
    if not isinstance(node.value, cst.Dict):
        return None
    for element in node.value.elements:
        if (
            isinstance(element, cst.DictElement)
            and isinstance(element.key, cst.SimpleString)
            and element.key.evaluated_value == "EXCEPTION_HANDLER"
            and isinstance(element.value, cst.SimpleString)
        ):
            value = element.value.evaluated_value
            return value if isinstance(value, str) else None
    return None


def _drf_handler_shape(function: cst.FunctionDef, ctx: FileContext) -> bool:
    """A module-level `def f(exc, context)` that answers with something of its own: what DRF's
    EXCEPTION_HANDLER setting names (the project phase checks that the setting names it)."""
    params = function.params.params
    if ctx.resolver.scope.parent is None or ctx.resolver.scope.parent.kind != "module" or len(params) != 2:
        return False
    if params[0].name.value not in ("exc", "exception", "error", "e") or params[1].name.value != "context":
        return False
    returns = [node for node in descendants(function.body) if isinstance(node, cst.Return) and node.value is not None]
    return any(not (isinstance(node.value, cst.Name) and node.value.value == "None") for node in returns)


def _fails(function: cst.FunctionDef, ctx: FileContext) -> bool:
    return any(failure_response(node, ctx.resolver) for node in descendants(function.body))


class UnreportingGlobalErrorHandler(Rule):
    """A registered error handler that reports nothing, silencing errors for the whole app.

    What it does
        Reports functions registered as framework error handlers whose body neither reports
        (§2.5, or through a reporter helper) nor re-raises:
        - Flask/Quart `@app.errorhandler(E)`, `@bp.app_errorhandler(E)`,
          `app.register_error_handler(E, f)` for E = `Exception`/`BaseException`;
        - for any framework (also FastAPI/Starlette `exception_handler`,
          `add_exception_handler`), a handler for a non-HTTP exception class that answers with
          a 5xx, or that handles a dependency error;
        - a catch-all `except Exception`/`BaseException`/bare `except` that neither re-raises
          nor reports in an aiohttp `@web.middleware` function, or in any method of a
          `grpc.ServerInterceptor` / `grpc.aio.ServerInterceptor` subclass (`intercept_service`
          and the behaviour wrappers nested in it or built by other methods); such a handler
          gets this finding instead of PRR101/PRR102/PRR103's;
        - a DRF exception handler (a function calling `rest_framework.views.exception_handler`)
          that returns a response of its own where DRF's returns None: for errors that are not
          `APIException`s, which DRF would re-raise for Django to log; and a `def f(exc, context)`
          that Django settings name in `REST_FRAMEWORK["EXCEPTION_HANDLER"]` and that answers
          errors itself without reporting them (settled in the project phase).
        Not reported: handlers for status codes (`errorhandler(500)`, `exception_handler(500)`),
        for HTTP exception classes (werkzeug, Starlette, DRF, validation errors), Flask's
        `InternalServerError` (Flask logs the exception before calling it) and
        Starlette/FastAPI's `Exception` handler (`ServerErrorMiddleware` re-raises so the
        server logs it), aiohttp middleware catching only HTTP exceptions (aiohttp logs the
        rest), gRPC interceptors that let errors through (gRPC logs "Exception calling
        application"), and DRF handlers that return DRF's own answer (None for other errors).

    Why is this bad?
        One global handler decides the fate of every unhandled error in the app. When it turns
        them into a friendly page and logs nothing, the whole service stops reporting errors.

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
    summary = "A registered framework error handler reports nothing, silencing errors app-wide"
    triggers = ("errorhandler", "error_handler", "exception_handler", "middleware", "ServerInterceptor", "context")
    service_only = True
    VALID = (
        Example("from flask import Flask\napp = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef on_error(e):\n    app.logger.exception('unhandled')\n    return {'error': 'internal'}, 500\n"),
        Example("from flask import Flask\napp = Flask(__name__)\n\n@app.errorhandler(404)\ndef not_found(e):\n    return {'error': 'not found'}, 404\n"),
        Example("from flask import Flask\nfrom werkzeug.exceptions import InternalServerError\napp = Flask(__name__)\n\n@app.errorhandler(InternalServerError)\ndef on_500(e):\n    return {'error': 'internal'}, 500\n"),
        Example("from fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\napp = FastAPI()\n\n@app.exception_handler(Exception)\nasync def on_error(request, exc):\n    return JSONResponse({'error': 'internal'}, status_code=500)\n"),
        Example("from fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\napp = FastAPI()\n\nclass NotFound(Exception):\n    pass\n\n@app.exception_handler(NotFound)\nasync def on_missing(request, exc):\n    return JSONResponse({'error': 'missing'}, status_code=404)\n"),
        Example("from flask import Flask\napp = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef on_error(e):\n    raise e\n"),
        # aiohttp middleware: one that reports, and one that only renders HTTP errors (aiohttp logs the rest)
        Example(
            "import logging\nfrom aiohttp import web\nlog = logging.getLogger(__name__)\n\n@web.middleware\n"
            "async def errors(request, handler):\n    try:\n        return await handler(request)\n    except web.HTTPException:\n"
            "        raise\n    except Exception:\n        log.exception('unhandled error')\n"
            "        return web.json_response({'error': 'internal'}, status=500)\n"
        ),
        Example(
            "from aiohttp import web\n\n@web.middleware\nasync def json_errors(request, handler):\n    try:\n"
            "        return await handler(request)\n    except web.HTTPException as exc:\n"
            "        return web.json_response({'error': exc.reason}, status=exc.status)\n"
        ),
        # a catch-all around pure parsing of the request answers bad input
        Example(
            "from aiohttp import web\n\n@web.middleware\nasync def user(request, handler):\n    try:\n"
            "        request['user'] = int(request.headers['X-User'])\n    except Exception:\n"
            "        return web.json_response({'error': 'bad user header'}, status=400)\n    return await handler(request)\n"
        ),
        # DRF: a handler that returns DRF's own answer (None for other errors: DRF re-raises, Django logs)
        Example(
            "from rest_framework.views import exception_handler\n\ndef api_exception_handler(exc, context):\n"
            "    response = exception_handler(exc, context)\n    if response is not None:\n"
            "        response.data['status_code'] = response.status_code\n    return response\n"
        ),
        Example(
            "import logging\nfrom rest_framework.response import Response\nfrom rest_framework.views import exception_handler\n"
            "log = logging.getLogger(__name__)\n\ndef api_exception_handler(exc, context):\n"
            "    response = exception_handler(exc, context)\n    if response is None:\n"
            "        log.error('unhandled API error', exc_info=exc)\n        return Response({'detail': 'error'}, status=500)\n"
            "    return response\n"
        ),
        # a gRPC interceptor that reports, and one that does not catch (gRPC logs "Exception calling application")
        Example(
            "import grpc, sentry_sdk\n\nclass Errors(grpc.ServerInterceptor):\n    def intercept_service(self, continuation, details):\n"
            "        handler = continuation(details)\n\n        def wrapper(request, context):\n            try:\n"
            "                return handler.unary_unary(request, context)\n            except Exception as exc:\n"
            "                sentry_sdk.capture_exception(exc)\n                context.abort(grpc.StatusCode.INTERNAL, 'internal')\n\n"
            "        return grpc.unary_unary_rpc_method_handler(wrapper)\n"
        ),
        Example(
            "import grpc\n\nclass Auth(grpc.ServerInterceptor):\n    def intercept_service(self, continuation, details):\n"
            "        try:\n            check(details)\n        except KeyError:\n            return None\n        return continuation(details)\n"
        ),
    )
    INVALID = (
        Example("from flask import Flask\napp = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef on_error(e):  # expect: PRR104\n    return {'error': 'internal'}, 500\n"),
        Example("from flask import Blueprint\nbp = Blueprint('api', __name__)\n\n@bp.app_errorhandler(Exception)\ndef on_error(e):  # expect: PRR104\n    return {'error': 'internal'}, 500\n"),
        Example("from fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\nfrom sqlalchemy.exc import SQLAlchemyError\napp = FastAPI()\n\n@app.exception_handler(SQLAlchemyError)\nasync def on_db_error(request, exc):  # expect: PRR104\n    return JSONResponse({'error': 'database'}, status_code=503)\n"),
        Example("def on_error(e):  # expect: PRR104\n    return 'oops', 500\n\ndef create_app(app):\n    app.register_error_handler(Exception, on_error)\n"),
        Example(
            "from aiohttp import web\n\n@web.middleware\nasync def errors(request, handler):\n    try:\n"
            "        return await handler(request)\n    except Exception:  # expect: PRR104\n"
            "        return web.json_response({'error': 'internal'}, status=500)\n"
        ),
        Example(
            "import aiohttp\n\n@aiohttp.web.middleware\nasync def errors(request, handler):\n    try:\n"
            "        return await handler(request)\n    except aiohttp.web.HTTPException:\n        raise\n"
            "    except BaseException:  # expect: PRR104\n        raise aiohttp.web.HTTPInternalServerError()\n"
        ),
        Example(
            "from rest_framework.response import Response\nfrom rest_framework.views import exception_handler\n\n"
            "def api_exception_handler(exc, context):  # expect: PRR104\n    response = exception_handler(exc, context)\n"
            "    if response is None:\n        return Response({'detail': 'server error'}, status=500)\n    return response\n"
        ),
        Example(
            "import grpc\n\nclass Errors(grpc.ServerInterceptor):\n    def intercept_service(self, continuation, details):\n"
            "        handler = continuation(details)\n\n        def wrapper(request, context):\n            try:\n"
            "                return handler.unary_unary(request, context)\n            except Exception:  # expect: PRR104\n"
            "                context.abort(grpc.StatusCode.INTERNAL, 'internal error')\n\n"
            "        return grpc.unary_unary_rpc_method_handler(wrapper)\n"
        ),
        Example(
            "from grpc import aio\n\nclass Quiet(aio.ServerInterceptor):\n    async def intercept_service(self, continuation, details):\n"
            "        try:\n            return await continuation(details)\n        except Exception:  # expect: PRR104\n            return None\n"
        ),
    )

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        for decorator in node.decorators:
            target = decorator.decorator
            if isinstance(target, cst.Call) and isinstance(target.func, cst.Attribute) and target.args:
                registrar = target.func.attr.value
                if registrar in FLASK_REGISTRARS | STARLETTE_REGISTRARS:
                    self._check(node, registrar, target.args[0].value)
        if not not_service_code(self.ctx) and _drf_handler_shape(node, self.ctx) and not _calls_drf(node, self.ctx):
            reports, callees = self._reports(node)
            if not reports:
                message = (
                    f"the DRF exception handler `{node.name.value}` (REST_FRAMEWORK['EXCEPTION_HANDLER']) answers "
                    "every API error itself without reporting it: errors of the whole API go unreported"
                )
                self.report(node, message, "configured-drf-handler", (self.ctx.resolver.scope.qualname, *callees))
            return
        if "exception_handler" in self.ctx.source and not not_service_code(self.ctx) and _drf_swallows(node, self.ctx):
            reports, callees = self._reports(node)
            if reports:
                return
            message = (
                f"the DRF exception handler `{node.name.value}` answers errors that are not APIExceptions "
                "without reporting them (DRF would re-raise them for Django to log): errors of the whole app go unreported"
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
            self._check(function, registrar, node.args[0].value, reported_at=function)

    def _check(self, function: cst.FunctionDef, registrar: str, caught: cst.BaseExpression, reported_at=None) -> None:
        if not_service_code(self.ctx) or isinstance(caught, cst.Integer):
            return
        name = self.ctx.resolver.qualified_name(caught) or dotted_name(caught) or ""
        flask = registrar in FLASK_REGISTRARS
        if name.startswith(HTTP_ERROR_PREFIXES) or name.rsplit(".", 1)[-1] in ("HTTPException", "InternalServerError"):
            return
        if name in BROAD_EXCEPTIONS:
            if not flask:
                return
            why = f"handles every `{_short(name)}`"
        elif is_dependency_error(name, tuple(self.ctx.section("errors").get("dependency-errors", ()))):
            why = f"handles the dependency error `{_short(name)}`"
        elif _fails(function, self.ctx):
            why = f"answers `{_short(name)}` with a failure response"
        else:
            return
        reports, callees = self._reports(function)
        if reports:
            return
        message = f"the registered error handler `{function.name.value}` {why} without reporting it: errors of the whole app go unreported"
        self.report_unless_reported(reported_at or function, message, callees)

    def _reports(self, function: cst.FunctionDef) -> Tuple[bool, Tuple[str, ...]]:
        return _function_reports(function, self.ctx)


# ----- PRR105: contextlib.suppress(Exception) -----


class BroadSuppress(Rule):
    """`contextlib.suppress(Exception)`: a catch-all that swallows silently, in one line.

    What it does
        Reports `with contextlib.suppress(Exception):` and `suppress(BaseException)` (through
        any import or alias) in service code. The same exceptions as PRR101 apply: a body that
        only parses values, best-effort cleanup (in `close`-like functions, a body that only
        closes or removes things, a comment saying so), and operator code.

    Why is this bad?
        It is `except Exception: pass` under a friendlier name: every failure in the block,
        including the ones nobody expected, disappears without a trace. (ruff's SIM105
        recommends `suppress` over `try/except/pass`; that is fine for a narrow exception, not
        for a catch-all.)

    Example
        with contextlib.suppress(Exception):
            notify_warehouse(order)

    Use instead
        try:
            notify_warehouse(order)
        except WarehouseError:
            logger.warning("warehouse notification failed", exc_info=True)

    Options
        None.

    References
        PRR-ERR: "Does the service report errors to central logging systems for analysis?"
        (Site Reliability Engineering, ch. 32)
    """

    code = "PRR105"
    name = "broad-suppress"
    severity = Severity.WARNING
    checklist = ("PRR-ERR",)
    summary = "contextlib.suppress(Exception) swallows every error in its block"
    triggers = ("suppress",)
    service_only = True
    VALID = (
        Example("import contextlib\n\ndef f(d):\n    with contextlib.suppress(KeyError):\n        del d['k']\n"),
        Example("import contextlib\n\ndef f(raw):\n    with contextlib.suppress(Exception):\n        return int(raw)\n"),
        Example("import contextlib\n\nclass C:\n    def close(self):\n        with contextlib.suppress(Exception):\n            self.conn.close()\n"),
    )
    INVALID = (
        Example("import contextlib\n\ndef f(order):\n    with contextlib.suppress(Exception):  # expect: PRR105\n        notify(order)\n"),
        Example("from contextlib import suppress as quiet\n\ndef f(order):\n    with quiet(ValueError, BaseException):  # expect: PRR105\n        notify(order)\n"),
    )

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            call = item.item
            if not isinstance(call, cst.Call) or self.ctx.resolver.qualified_name(call.func) != "contextlib.suppress":
                continue
            broad = [arg for arg in call.args if self.ctx.resolver.qualified_name(arg.value) in BROAD_EXCEPTIONS]
            if not broad or not_service_code(self.ctx):
                continue
            if is_pure(node.body, self.ctx.resolver) or in_cleanup_function(self.ctx) or only_cleanup(node.body, self.ctx.resolver):
                continue
            if BEST_EFFORT.search(comments_of(self.ctx, node)):
                continue
            name = _short(self.ctx.resolver.qualified_name(broad[0].value) or "Exception")
            self.report(node, f"`suppress({name})` swallows every error in the block without reporting it")


# ----- PRR106: lost background exceptions -----

TASK_FACTORIES = frozenset({"asyncio.create_task", "asyncio.ensure_future", "asyncio.tasks.create_task"})
LOOP_TYPES = frozenset({"asyncio.AbstractEventLoop", "asyncio.BaseEventLoop"})
EXECUTOR_TYPES = frozenset(
    {"concurrent.futures.ThreadPoolExecutor", "concurrent.futures.ProcessPoolExecutor", "concurrent.futures.Executor"}
)


class LostBackgroundException(Rule):
    """A background task or thread whose exception nobody will ever see.

    What it does
        Reports a discarded result of `asyncio.create_task`/`ensure_future`,
        `loop.create_task` on a typed event loop, or `executor.submit` on a typed
        `ThreadPoolExecutor`/`ProcessPoolExecutor` (a bare expression statement: nothing keeps
        the task or future, so nothing ever retrieves its exception). And a
        `threading.Thread(target=f)` where `f` (a function of the module, a method of the
        enclosing class such as `self._run`, or a function imported from another project
        module) has no `try` at its top level (or in a top-level loop) whose handler reports,
        directly or through a reporter helper. The project phase settles it from the module
        summaries: no finding when any module assigns `threading.excepthook` (found by name
        resolution, through aliases), or when the target is not a project function.

    Why is this bad?
        An exception in a discarded task or future is stored on an object nobody looks at (at
        best a "never retrieved" line at garbage collection); one in a thread goes to stderr.
        Neither reaches central logging or error tracking, so background work can fail for
        days unnoticed.

    Example
        asyncio.create_task(send_receipt(order))

    Use instead
        task = asyncio.create_task(send_receipt(order))
        task.add_done_callback(report_task_failure)
        background_tasks.add(task)

    Options
        None.

    References
        PRR-ERR: "Does the service report errors to central logging systems for analysis?"
        (Site Reliability Engineering, ch. 32)
    """

    code = "PRR106"
    name = "lost-background-exception"
    severity = Severity.WARNING
    checklist = ("PRR-ERR",)
    summary = "A fire-and-forget task, future or thread loses its exception"
    triggers = ("create_task", "ensure_future", "submit", "Thread")
    service_only = True
    VALID = (
        Example("import asyncio\n\nasync def f(tasks):\n    task = asyncio.create_task(g())\n    tasks.add(task)\n"),
        Example("from concurrent.futures import ThreadPoolExecutor\npool = ThreadPoolExecutor()\n\ndef f():\n    return pool.submit(g)\n"),
        Example(
            "import logging, threading\nlog = logging.getLogger(__name__)\n\ndef work():\n    try:\n        g()\n"
            "    except Exception:\n        log.exception('work failed')\n\ndef start():\n    threading.Thread(target=work).start()\n"
        ),
        Example("def f(form):\n    form.submit()\n"),
        Example(
            "import asyncio, logging\nlog = logging.getLogger(__name__)\n\nasync def loop():\n    while True:\n        try:\n"
            "            await tick()\n        except Exception:\n            log.exception('tick failed')\n\n"
            "async def start():\n    asyncio.ensure_future(loop())\n"
        ),
        # a method target that reports its own failures
        Example(
            "import logging, threading\nlog = logging.getLogger(__name__)\n\nclass Poller:\n    def start(self):\n"
            "        threading.Thread(target=self._run, daemon=True).start()\n\n    def _run(self):\n        while True:\n"
            "            try:\n                self.poll()\n            except Exception:\n                log.exception('poll failed')\n"
        ),
        # `threading.excepthook` is set (through an alias): every thread's exception is reported
        Example(
            "import threading as th\nimport sentry_sdk\n\ndef hook(args):\n    sentry_sdk.capture_exception(args.exc_value)\n\n"
            "th.excepthook = hook\n\ndef work():\n    g()\n\ndef start():\n    th.Thread(target=work).start()\n"
        ),
    )
    INVALID = (
        Example("import asyncio\n\nasync def f():\n    asyncio.create_task(g())  # expect: PRR106\n"),
        Example("import asyncio\n\nasync def f():\n    loop = asyncio.get_running_loop()\n    loop.create_task(g())  # expect: PRR106\n"),
        Example("from concurrent.futures import ThreadPoolExecutor\npool = ThreadPoolExecutor()\n\ndef f():\n    pool.submit(g)  # expect: PRR106\n"),
        Example("import threading\n\ndef work():\n    g()\n\ndef start():\n    threading.Thread(target=work, daemon=True).start()  # expect: PRR106\n"),
        Example(
            "import threading\n\nclass Poller:\n    def start(self):\n"
            "        threading.Thread(target=self._run, daemon=True).start()  # expect: PRR106\n\n"
            "    def _run(self):\n        while True:\n            self.poll()\n"
        ),
        # the word `excepthook` in a comment sets nothing
        Example(
            "import threading\n\ndef work():\n    g()\n\ndef start():\n    # no threading.excepthook here\n"
            "    threading.Thread(target=work).start()  # expect: PRR106\n"
        ),
    )

    def visit_Expr(self, node: cst.Expr) -> None:
        call = node.value
        if isinstance(call, cst.Await):
            return
        if not isinstance(call, cst.Call) or not_service_code(self.ctx):
            return
        resolver = self.ctx.resolver
        name = resolver.qualified_name(call.func) or ""
        if name in TASK_FACTORIES:
            self._report_task(call, f"the task from `{_short(name)}()` is discarded: its exception is never retrieved or reported")
            return
        if isinstance(call.func, cst.Attribute):
            method = call.func.attr.value
            receiver = resolver.instance_type(call.func.value)
            if method in ("create_task", "ensure_future") and receiver in LOOP_TYPES:
                self._report_task(call, "the task from `loop.create_task()` is discarded: its exception is never retrieved or reported")
            elif method == "submit" and receiver in EXECUTOR_TYPES:
                self.report(call, "the future from `submit()` is discarded: its exception is never retrieved or reported")

    def _report_task(self, call: cst.Call, message: str) -> None:
        """Unless the coroutine is a function of this module that catches and reports its own errors
        (directly, or through a project function the project phase may find to be a reporter)."""
        if call.args and isinstance(call.args[0].value, cst.Call):
            function = self.ctx.resolver.definition(call.args[0].value.func)
            if isinstance(function, cst.FunctionDef):
                reports, callees = _top_level_try_reports(function, self.ctx)
                if reports:
                    return
                self.report_unless_reported(call, message, callees)
                return
        self.report(call, message)

    def visit_Call(self, node: cst.Call) -> None:
        resolver = self.ctx.resolver
        if resolver.qualified_name(node.func) != "threading.Thread":
            return
        target = next((arg.value for arg in node.args if arg.keyword is not None and arg.keyword.value == "target"), None)
        if target is None or not_service_code(self.ctx) or self._sets_excepthook():
            return
        function = resolver.definition(target)
        if not isinstance(function, cst.FunctionDef):
            function = self._own_method(target)
        shown = dotted_name(target) or "target"
        message = f"the thread target `{shown}` does not report its own failures: an exception in it only reaches stderr"
        # The project phase confirms it: no module sets `threading.excepthook`, and neither the
        # target (when it is defined in another module) nor the helpers its handlers call report.
        if isinstance(function, cst.FunctionDef):
            reports, callees = _top_level_try_reports(function, self.ctx)
            if not reports:
                self.report(node, message, "unless-thread-reports", ("", *callees))
            return
        name = resolver.qualified_name(target)
        if name is not None and not name.startswith("builtins."):
            self.report(node, message, "unless-thread-reports", (name,))

    def _own_method(self, target: cst.BaseExpression) -> Optional[cst.FunctionDef]:
        """`self._run` / `cls._run`: the method of the enclosing class (not inherited ones)."""
        if not (isinstance(target, cst.Attribute) and isinstance(target.value, cst.Name) and target.value.value in ("self", "cls")):
            return None
        owner = next((node for node in reversed(self.ctx.ancestors) if isinstance(node, cst.ClassDef)), None)
        if owner is None:
            return None
        for statement in owner.body.body:
            if isinstance(statement, cst.FunctionDef) and statement.name.value == target.attr.value:
                return statement
        return None

    def _sets_excepthook(self) -> bool:
        found = self.ctx.__dict__.get("_prr106_excepthook")
        if found is None:
            found = "excepthook" in self.ctx.source and any(
                sets_thread_excepthook(node, self.ctx.resolver) for node in descendants(self.ctx.module)
            )
            self.ctx.__dict__["_prr106_excepthook"] = found
        return found


def _top_level_try_reports(function: cst.FunctionDef, ctx: FileContext) -> Tuple[bool, Tuple[str, ...]]:
    configure(ctx.resolver, ctx.options)
    return top_level_try_reports(function, ctx.resolver)


ERROR_RULES = (
    SwallowedException,
    SilentDependencyFallback,
    UnreportedErrorResponse,
    UnreportingGlobalErrorHandler,
    BroadSuppress,
    LostBackgroundException,
)
