"""PRR203: a degraded answer on a serving path that no metric or span status counts (PRR-MON)."""

from __future__ import annotations

import re
from typing import Optional, Tuple

import libcst as cst

from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule
from prr_lint.rules.handler_context import DEGRADED_OK, Handler, TryNode, comments_of, in_retry_loop, is_pure, not_service_code
from prr_lint.rules.handlers import FILE_ERRORS, analyse_handler, is_dependency_error, is_probe, min_level
from prr_lint.rules.deliberate import documents_fallback, explained, shown_to_author
from prr_lint.rules.error_channels import passes_error
from prr_lint.rules.failure_answers import answers_exception_text, answers_failure_text, per_item_result
from prr_lint.rules.error_answers import answer_carries_cause, answers_status_message, returns_error_tuple
from prr_lint.rules.fallback_values import answers_as_refusal, cause_in_answer, checked_after, content_decode_error, probe_outcome, says_it_failed
from prr_lint.rules.silent_by_design import answers_client_error, does_io
from prr_lint.rules.resurfaces import reported_later, surfaces_anyway
from prr_lint.rules.verdicts import handler_verdict, in_health_probe, local_work_only, uses_cache
from prr_lint.sinks import ERROR, LEVELS, is_tracker_call
from prr_lint.touchpoints import is_touchpoint
from prr_lint.tree import descendants, handler_name

_FALLBACKS = ("returns a fallback value", "carries on with a fallback value")
CALLS = "calls:"  # prefix of a degraded-answer subject: a function the handler calls
_SWALLOWED = re.compile(r"\b(failures?|errors?|exceptions?)\b[^.]{0,40}\b(are|is) (swallowed|ignored|tolerated)\b", re.IGNORECASE)

class DegradedPathNotCounted(Rule):
    """A fallback answer on a serving path that no metric or span status records.

    What it does
        Reports an `except` handler, in code a request handler reaches, that answers with a
        fallback value after a dependency fails (a dependency error such as
        `requests.RequestException`, or a catch-all around calls), when the handler neither
        increments a metric (`Counter.inc()`, `.labels(...).inc()`, statsd, OpenTelemetry
        counters) nor marks the span (`span.set_status(Status(StatusCode.ERROR))`,
        `record_exception`) nor reports the error at error level or to an error tracker (both
        reach alerting), itself or through a project function it hands the failure to
        (`report_exception(..., sys.exc_info())` calling `sentry_sdk.capture_exception`); a warning or info log does not count. A handler that PRR101, PRR102 or
        PRR103 already reports is left to them (one handler, one finding). A catch-all around
        in-memory computation (no I/O, no project call, no client: a forecast model fitted to
        the tenant's data, as PRR101 decides it) is not a dependency failure and is left alone,
        nor is an `OSError`, or a catch-all, around local work only (a path resolved, a
        directory listed, a file read: what PRR102 counts as local file work), nor a conflict of the data (`IntegrityError` and the drivers'
        `UniqueViolation`...: the get-or-create race answered with the row that won is the right
        answer, not a degraded one; PRR102 says which errors are dependency failures). Nor is
        what PRR101/PRR102 leave alone by design (rules/resurfaces.py: the failure redone outside
        any `try`, shown to the user, answered as an error result, `(False, f"...: {e}")` or a status
        message every caller returns at once, a single-row look-up miss;
        a health check): a handler
        that tells the user of the failure (a 4xx, a form error, `messages.error`: no answer
        pretends success), a cache look-up that fails (a miss), a fallback a comment explains or
        the enclosing function's docstring documents ("Failures are swallowed so the page still
        works from cached data", "falls back to ... when the lookup fails"),
        an error shown to the author of a user-written template. Nor is an answer that is the
        failure itself: the exception's own text handed back to the user
        (`return self.redirect_to_error(str(e))`), or a text naming the failure
        (`gettext("[HTML removed: could not be sanitized]")`, a constant such as
        `N_("Execution permissions missing")`) when a log line records it, or a value that says it
        failed after a specific dependency error (`return {"error_message": "Could not fetch logs"}`;
        after a catch-all such a value carries no cause), the cause carried into the answer
        (`{"state": f"Failed to get the latest run: {e}"}` in the status returned), a probe's outcome,
        the fallback tested after the `try` by a branch that raises or logs at error level, or the kept
        error logged at error level after the `try` statement, or the function's own failure answer (the
        same call, with the same first argument, that a guard returns when a value is missing, `if not
        status: return internal_server_error(errormsg=res)`, while success answers another way)
        (rules/fallback_values.py); a failure text with no
        record stays reported (the user sees it, operators never do). Nor is one item's failure
        in a loop over a batch that goes into the result the function returns, keyed by the item
        (`except Exception: res = False` then `ret[serial] = res`, `return ret`): the caller is
        told which items failed.

        One problem, one finding: in a service that counts nothing anywhere (no metric client,
        tracer, APM agent or error tracker in any module: PRR201 reports the missing request
        instrumentation), a fallback the handler logs (at info or above, or the exception handed
        to another function) is as visible as every other failure of the service, so it is not
        reported per handler; there only a handler that leaves no record at all is reported (its
        failure is invisible even in the logs). The project phase decides, from the summaries.

    Why is this bad?
        The user gets a degraded response (a default price, an empty list, a cached answer)
        and the request counts as a success. A log line does not alert: unless the degraded
        path is counted, an outage of the dependency is invisible on every dashboard and SLO
        until users complain.

    Example
        except requests.RequestException:
            log.warning("pricing down, serving list price")
            return {"price": None}

    Use instead
        except requests.RequestException:
            log.warning("pricing down, serving list price")
            DEGRADED.labels(dependency="pricing").inc()
            return {"price": None}

    Options
        `instrumentation.log-based-alerting = true` turns the rule off (alerts are built on
        logs); `errors.dependency-errors`; `errors.cache-receivers`; a `# prr: degraded-ok`
        comment on the handler marks a deliberate, accounted-for fallback.
        Off by default (opt-in through `select`). Whether a fallback is a degraded answer, and whether
        logs already feed an alert, is rarely visible in the code: on services it was not tuned on,
        few of its findings were judged worth changing (four measurements).

    References
        PRR-MON: "Are all user-visible request failures well instrumented and monitored, with
        suitable alerting configured?" (Site Reliability Engineering, ch. 32)
    """

    code = "PRR203"
    name = "degraded-path-not-counted"
    severity = Severity.WARNING
    checklist = ("PRR-MON",)
    summary = "A degraded answer on a serving path is counted by no metric or span status"
    default_enabled = False
    triggers = ("except",)
    service_only = True
    VALID = (
        Example(
            "import logging\nimport requests\nfrom flask import Blueprint\nfrom prometheus_client import Counter\n"
            "bp = Blueprint('b', __name__)\nlog = logging.getLogger(__name__)\nDEGRADED = Counter('degraded', 'd', ['dep'])\n\n"
            "@bp.get('/price')\ndef price():\n    try:\n        return requests.get('http://pricing/q', timeout=2).json()\n"
            "    except requests.RequestException:\n        log.warning('pricing down')\n"
            "        DEGRADED.labels(dep='pricing').inc()\n        return {'price': None}\n"
        ),
        Example(
            "import logging\nimport requests\nlog = logging.getLogger(__name__)\n\n"
            "def nightly():\n    try:\n        return requests.get('http://pricing/q', timeout=2).json()\n"
            "    except requests.RequestException:\n        log.warning('pricing down')\n        return None\n"
        ),
        Example(
            "import logging\nfrom flask import Blueprint, request\nbp = Blueprint('b', __name__)\n\n"
            "@bp.get('/page')\ndef page():\n    try:\n        size = int(request.args['size'])\n"
            "    except Exception:\n        size = 20\n    return {'size': size}\n"
        ),
        # a model fitted in memory to the request's data fails: no dependency is down
        Example(
            "import logging\nfrom flask import Blueprint\nfrom statsmodels.tsa.holtwinters import ExponentialSmoothing\n"
            "bp = Blueprint('b', __name__)\nlog = logging.getLogger(__name__)\n\n"
            "def forecast(frame):\n    try:\n        model = ExponentialSmoothing(frame, trend='add').fit()\n"
            "    except Exception as e:\n        log.warning(f'forecasting failed: {e}')\n        return []\n    return list(model.forecast(12))\n\n"
            "@bp.get('/forecast')\ndef view():\n    return forecast(load())\n"
        ),
        # a path of the local machine does not resolve: no dependency is down
        Example(
            "import logging, os\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\nlog = logging.getLogger(__name__)\n\n"
            "@bp.get('/queue/<name>')\ndef queue(name):\n    try:\n        path = os.path.realpath(os.path.join('/srv/queues', name))\n"
            "    except OSError:\n        log.debug('could not resolve %r', name)\n        path = None\n    return {'path': path}\n"
        ),
        # a catch-all around a directory listing of the local machine: no dependency is down
        Example(
            "import os\nfrom flask import Blueprint, request\nbp = Blueprint('b', __name__)\n\n"
            "@bp.get('/pathchooser/')\ndef chooser():\n    cwd = os.path.realpath(request.args.get('path', '.'))\n"
            "    try:\n        folders = os.listdir(cwd)\n    except Exception:\n        folders = []\n    return {'folders': folders}\n"
        ),
        # the user is told: the form is shown again with the error, no answer pretends success
        Example(
            "from django.contrib import messages\nfrom django.db import IntegrityError, transaction\n"
            "from django.views.generic import UpdateView\n\n"
            "class TeamView(UpdateView):\n    def form_valid(self, form):\n        try:\n"
            "            with transaction.atomic():\n                result = super().form_valid(form)\n"
            "        except IntegrityError as exc:\n            messages.error(self.request, str(exc))\n"
            "            return self.form_invalid(form)\n        return result\n"
        ),
        # the get-or-create race: the row that won is the right answer
        Example(
            "from django.db import IntegrityError\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n\n"
            "def url_for(URL, key):\n    try:\n        return URL.objects.get_or_create(identity_hash=key)[0]\n"
            "    except IntegrityError:\n        return URL.objects.get(identity_hash=key)\n\n"
            "@bp.get('/url/<key>')\ndef view(key):\n    return {'url': str(url_for(load(), key))}\n"
        ),
        # a cache that cannot be read is a miss
        Example(
            "import logging\nfrom django.core.cache import cache\nfrom django.views import View\n"
            "log = logging.getLogger(__name__)\n\n"
            "class Home(View):\n    def get(self, request):\n        try:\n            latest = cache.get('latest_release')\n"
            "        except Exception:\n            log.debug('unreadable cache entry', exc_info=True)\n"
            "            latest = None\n        return render(request, 'home.html', {'latest': latest})\n"
        ),
        # a row that may not exist, looked up alone, with a default: no dependency is down
        Example(
            "from flask import Blueprint\nfrom svc.models import Checklist\nbp = Blueprint('b', __name__)\n\n"
            "@bp.get('/project/<int:pk>')\ndef project(pk):\n    try:\n        check = Checklist.objects.get(project=pk)\n"
            "    except Exception:\n        check = None\n    return {'check': check}\n"
        ),
        # the function's docstring tells its callers what they get when the lookup fails
        Example(
            "import logging\nimport requests\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n"
            "log = logging.getLogger(__name__)\n\n"
            "def enrich(ids):\n    \"\"\"Extra statistics for the page. Failures are swallowed so the page still shows the base data.\"\"\"\n"
            "    try:\n        return requests.get('http://stats/q', params={'ids': ids}, timeout=2).json()\n"
            "    except requests.RequestException as e:\n        log.warning('stats lookup failed: %s', e)\n        return {}\n\n"
            "@bp.get('/page')\ndef page():\n    return enrich([1])\n"
        ),
        # a status message every caller answers at once: an explicit error answer, logged at warning
        Example(
            "import json\nimport logging\nimport requests\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n"
            "log = logging.getLogger(__name__)\n\n"
            "def load_release(status):\n    data = {}\n    try:\n        data = requests.get('http://releases/latest', timeout=5).json()\n"
            "    except requests.RequestException:\n        status['message'] = 'Connection error'\n"
            "    log.warning('release check: %s', status['message'] or 'ok')\n    return status, data\n\n"
            "@bp.get('/update')\ndef check():\n    status, data = load_release({'message': ''})\n    if status['message']:\n"
            "        return json.dumps(status), 502\n    return json.dumps(data)\n"
        ),
        # the service counts nothing anywhere (PRR201's finding): the fallback it logs is as visible as
        # any other failure of the service, one problem, one finding
        Example(
            "import logging\nimport requests\nfrom flask import Blueprint\nbp = Blueprint('b', __name__)\n"
            "log = logging.getLogger(__name__)\n\n"
            "def quote():\n    try:\n        return requests.get('http://pricing/q', timeout=2).json()\n"
            "    except requests.RequestException:\n        log.warning('pricing down, list price')\n"
            "        return {'price': None}\n\n"
            "@bp.get('/price')\ndef price():\n    return quote()\n"
        ),
        # the answer tells the user of the failure and a log line records it: no pretend success
        Example(
            "import logging\nimport requests\nfrom flask import Blueprint\nfrom flask_babel import gettext\n"
            "from prometheus_client import Counter\nbp = Blueprint('b', __name__)\nlog = logging.getLogger(__name__)\n\n"
            "def body(doc_id):\n    try:\n        return requests.get(f'http://render/{doc_id}', timeout=2).text\n"
            "    except requests.RequestException as exc:\n        log.warning('render failure: %s', exc)\n"
            "        return gettext('[document removed: could not be rendered]')\n\n"
            "@bp.get('/doc/<int:doc_id>')\ndef view(doc_id):\n    return body(doc_id)\n"
        ),
        # the error page shows the exception's own text
        Example(
            "from django.shortcuts import redirect\nfrom django.views import View\nfrom service.auth import complete\n\n"
            "class PasskeyLogin(View):\n    def post(self, request):\n        try:\n"
            "            return redirect(complete(request))\n        except Exception as e:\n"
            "            msg = getattr(e, 'msg', '') or str(e)\n            return self.error_page(msg)\n\n"
            "    def error_page(self, message):\n        return redirect('/login/error?m=' + message)\n"
        ),
        # one item of a batch fails: the caller is told which, in the result
        Example(
            "import logging\nimport requests\nfrom flask import Blueprint, request\nfrom prometheus_client import Counter\n"
            "bp = Blueprint('b', __name__)\nlog = logging.getLogger(__name__)\n\n"
            "def add_all(serials):\n    ret = {}\n    for serial in serials:\n        try:\n"
            "            res = requests.post(f'http://tokens/{serial}', timeout=2).ok\n"
            "        except requests.RequestException as ex:\n            log.warning('adding %s failed: %s', serial, ex)\n"
            "            res = False\n        ret[serial] = res\n    return ret\n\n"
            "@bp.post('/addall')\ndef view():\n    return add_all(request.json['serials'])\n"
        ),
        # a timeout answered with a value that says it failed, and a status that carries the cause
        Example(
            "import asyncio\nfrom flask import Blueprint\nfrom prometheus_client import Counter\nbp = Blueprint('b', __name__)\n"
            "SEEN = Counter('seen', 's')\n\nasync def tail(client, name):\n    try:\n        return await asyncio.wait_for(client.logs(name), 5)\n"
            "    except asyncio.TimeoutError:\n        return {'error_message': f'Could not fetch logs for {name}'}\n\n"
            "def run_status(client, job):\n    status = {'job': job}\n    try:\n        run = client.latest_run(job)\n"
            "    except Exception as e:\n        run = {'state': f'Failed to get latest run info: {e}'}\n    status['state'] = run['state']\n    return status\n\n"
            "@bp.get('/status/<job>')\nasync def view(job):\n    return {'status': run_status(None, job), 'logs': await tail(None, job)}\n"
        ),
        # the function's own failure answer, as its guard gives it: an explicit error, not a fallback
        Example(
            "from flask import Blueprint, jsonify\nfrom prometheus_client import Counter\nbp = Blueprint('b', __name__)\nSEEN = Counter('seen', 's')\n\n"
            "def failure(msg):\n    return jsonify({'result': 'failure', 'msg': msg}), 500\n\n@bp.get('/subs/<int:show>')\ndef subs(show, shows=None):\n"
            "    found = shows.get(show)\n    if not found:\n        return failure('Show not found')\n    try:\n        new = found.download_subtitles()\n"
            "    except Exception:\n        return failure('Unable to find subtitles')\n    return jsonify({'result': 'success', 'new': new})\n"
        ),
        # the fallback text logged at error level after the `try` statement
        Example(
            "import logging\nimport requests\nfrom flask import Blueprint\nfrom prometheus_client import Counter\nbp = Blueprint('b', __name__)\n"
            "log = logging.getLogger(__name__)\nSEEN = Counter('seen', 's')\n\n@bp.post('/send')\ndef send():\n"
            "    response = requests.post('http://hook/x', timeout=5)\n    if not response.ok:\n        try:\n            text = response.text\n"
            "        except Exception as exception:\n            text = f'Encountered an error getting response: {exception}'\n"
            "        log.error('hook answered %s: %s', response.status_code, text)\n    return {'ok': response.ok}\n"
        ),
    )
    INVALID = (
        # the service counts failures (a metric elsewhere), but not this one
        Example(
            "import logging\nimport requests\nfrom flask import Blueprint\nfrom prometheus_client import Counter\n"
            "bp = Blueprint('b', __name__)\nlog = logging.getLogger(__name__)\nORDERS_FAILED = Counter('orders_failed', 'o')\n\n"
            "def quote():\n    try:\n        return requests.get('http://pricing/q', timeout=2).json()\n"
            "    except requests.RequestException:  # expect: PRR203\n        log.warning('pricing down, list price')\n"
            "        return {'price': None}\n\n"
            "@bp.get('/price')\ndef price():\n    return quote()\n\n"
            "@bp.post('/order')\ndef order():\n    try:\n        return requests.post('http://orders/o', timeout=2).json()\n"
            "    except requests.RequestException:\n        ORDERS_FAILED.inc()\n        raise\n"
        ),
        # the service counts nothing, and the handler leaves no record either: invisible even in the logs
        Example(
            "from flask import Blueprint, render_template\nfrom service.models import Bookmark\nbp = Blueprint('b', __name__)\n\n"
            "def settings_page(error=None):\n    return render_template('settings.html', error=error)\n\n"
            "@bp.get('/export')\ndef export():\n    try:\n        return '\\n'.join(b.url for b in Bookmark.query.all())\n"
            "    except Exception:  # expect: PRR203\n        return settings_page(error='An error occurred during export.')\n"
        ),
    )

    def visit_Try(self, node: cst.Try) -> None:
        self._check(node)

    def visit_TryStar(self, node: cst.TryStar) -> None:
        self._check(node)

    def _check(self, node: TryNode) -> None:
        ctx = self.ctx
        function = ctx.resolver.enclosing_function
        if function is None or ctx.section("instrumentation").get("log-based-alerting") or not_service_code(ctx):
            return
        for handler in node.handlers:
            logged = self._degraded(node, handler)
            if logged is not None:
                caught = handler.type is not None and cst.Module([]).code_for_node(handler.type) or "everything"
                message = (f"`except {caught}` answers with a fallback value that no metric or span status counts: "
                           "the degraded response is invisible to alerting (logs alone do not alert)")
                subjects = (function.qualname, "degraded answer") + (("logged",) if logged else ()) + self._called(handler)
                self.report(handler, message, "degraded-answer", subjects)

    def _called(self, handler: Handler) -> Tuple[str, ...]:
        """The functions the handler hands the failure to (the exception, `sys.exc_info()`), for the
        project phase: one of the project's own that reports to an error tracker
        (`report_exception(f"System error: {e}", text(e), sys.exc_info())` calling
        `sentry_sdk.capture_exception`) makes it alertable. Another call that happens to log an
        error of its own (a template renderer's) does not."""
        bound = handler_name(handler)
        resolver = self.ctx.resolver
        names = []
        for node in descendants(handler.body):
            if isinstance(node, cst.Call) and any(
                (isinstance(part, cst.Name) and part.value == bound)
                or (isinstance(part, cst.Call) and resolver.qualified_name(part.func) == "sys.exc_info")
                for arg in node.args for part in (arg.value, *descendants(arg.value))
            ):
                names.append(resolver.qualified_name(node.func))
        return tuple(dict.fromkeys(CALLS + name for name in names if name is not None and not name.startswith("builtins.")))

    def _degraded(self, node: TryNode, handler: Handler) -> Optional[bool]:
        """None when the handler gives no degraded answer; else whether it leaves a record of the
        failure (a log line at info or above, the exception handed to another function), for the
        project phase."""
        ctx = self.ctx
        facts = analyse_handler(handler, ctx)
        if facts.propagates or facts.failure is not None or facts.escapes or facts.fallback not in _FALLBACKS:
            return None
        extra = tuple(ctx.section("errors").get("dependency-errors", ()))
        dependency = any(is_dependency_error(name, extra) and not content_decode_error(name) for name in facts.caught)
        if facts.broad is None and not dependency:
            return None
        if not dependency and isinstance(node, cst.Try) and not does_io(ctx, node.body):
            return None  # in-memory computation on the request's data failed: no dependency is down
        if all(name in FILE_ERRORS or not is_dependency_error(name, extra) for name in facts.caught) and local_work_only(node, ctx):
            return None  # the local machine's (a directory listed, a file read): no dependency is down
        # An error-level report reaches error tracking (Sentry's logging integration ...), which alerts.
        if facts.metric or facts.reported(ERROR) or any(self._counts(call) for call in facts.body_calls):
            return None
        if handler_verdict(ctx, node, handler) is not None:  # PRR101/102/103 report this handler
            return None
        if self._not_degraded(node, handler) or self._tells_user(handler, facts) or self._answered(node, handler, facts):
            return None
        if is_probe(facts, ctx) or in_retry_loop(ctx) or is_pure(node.body, ctx.resolver):
            return None
        if DEGRADED_OK.search(comments_of(ctx, handler) + comments_of(ctx, node.body)):
            return None
        # a record of the failure: a log line, or the exception handed to the project's own code
        return facts.reported(LEVELS["info"]) or (isinstance(handler, cst.ExceptHandler) and passes_error(handler, ctx.resolver))

    def _not_degraded(self, node: TryNode, handler: Handler) -> bool:
        """What PRR101/PRR102 leave alone by design is no silent degraded answer either: the user is
        told of the failure (a 4xx, a form error, `messages.error`), a cache miss, a fallback that a
        comment (or the function's docstring) explains, an error shown to the template's author."""
        ctx = self.ctx
        if isinstance(handler, cst.ExceptHandler) and answers_client_error(handler, ctx.resolver):
            return True
        if surfaces_anyway(ctx, node, handler, min_level(ctx)) or in_health_probe(ctx):
            return True  # raised again, shown to the user, a row not there, a health check's answer
        if returns_error_tuple(ctx, node, handler) or answers_status_message(ctx, handler):
            return True  # an error answer that says it failed: `(False, f"...: {e}")`, a status message callers return
        return uses_cache(node, ctx) or explained(ctx, node, handler) or shown_to_author(ctx, node, handler) or self._documented()

    def _answered(self, node: TryNode, handler: Handler, facts) -> bool:
        """The failure is in the answer or surfaces after the `try` (rules/fallback_values.py): a
        specific dependency error answered with a value that says it failed (`{"error_message": ...}`;
        after a catch-all such a value carries no cause), a probe's outcome, the fallback tested later
        by a branch that raises or reports at error level, the cause carried into the answer
        (`{"state": f"Failed to get the latest run: {e}"}` in the status returned), or the kept error
        logged at error level after the `try` statement."""
        ctx = self.ctx
        if facts.broad is None and says_it_failed(handler):
            return True
        if probe_outcome(ctx, node, handler) or checked_after(ctx, node, handler, ERROR) or cause_in_answer(ctx, handler):
            return True
        if answers_as_refusal(ctx, handler):
            return True  # the function's own failure answer (`internal_server_error(...)` as its guards give it)
        return answer_carries_cause(ctx, handler) or reported_later(ctx, handler, facts.assigned_bound, ERROR)

    def _tells_user(self, handler: Handler, facts) -> bool:
        """The answer is the failure, not a fallback pretending success: the exception's own text handed
        back (`return self.redirect_to_error(str(e))`), or a text naming the failure with a log line
        recording it (`log.warning(...); return gettext("[HTML removed: could not be sanitized]")`).
        A failure text with no record at all stays reported: the user sees it, operators never do.
        A per-item result of a batch (`ret[serial] = False` returned to the caller) tells it too."""
        if not isinstance(handler, cst.ExceptHandler):
            return False
        if answers_exception_text(handler, facts.assigned_bound) or per_item_result(self.ctx.ancestors, handler):
            return True
        return facts.reported(LEVELS["info"]) and answers_failure_text(handler, self.ctx.resolver)

    def _documented(self) -> bool:
        """The enclosing function's docstring says what its callers get when it fails ("Failures are
        swallowed so the page still works", "Falls back to ... when the lookup fails"): a designed
        fallback its callers were told of, not a silent one."""
        if documents_fallback(self.ctx):
            return True
        function = next(self.ctx.functions(), None)
        docstring = function.get_docstring() if function is not None else None
        return bool(docstring) and _SWALLOWED.search(docstring) is not None

    def _counts(self, call: cst.Call) -> bool:
        """A metric, a span status or an error tracker: something an alert can see."""
        return is_tracker_call(call, self.ctx.resolver) or is_touchpoint(call, self.ctx.resolver)


DEGRADED_RULES = (DegradedPathNotCounted,)
