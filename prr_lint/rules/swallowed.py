"""Errors swallowed without a report: a catch-all handler (PRR101). (A dependency failure answered
with a fallback, PRR102, is rules/dependency_fallback.py; `contextlib.suppress(Exception)`, PRR105,
is rules/broad_suppress.py.)"""

from __future__ import annotations

from prr_lint.model import Severity
from prr_lint.rules.base import Example
from prr_lint.rules.swallowed_examples import INVALID as EXAMPLES_REPORTED, SURFACING as EXAMPLES_SURFACING
from prr_lint.rules.verdicts import HandlerRule


class SwallowedException(HandlerRule):
    """A handler that catches every exception and neither re-raises nor reports it.

    What it does
        Reports `except:`, `except Exception:` and `except BaseException:` (also inside a tuple,
        and `except*`) around a `try` that reaches a dependency, when the handler neither re-raises
        nor reports the error (catalogue §2.5).

        A dependency is reached on positive evidence only (rules/in_memory.py): a call of a known
        network, driver, ORM, broker, cloud or subprocess library (`requests.get`, a method of a
        `redis.Redis`, `subprocess.run`; files, the clock and the local machine are no dependency),
        an ORM manager or query (`Model.objects.filter(...)`, `Model.query.get(id)`), a method named
        for talking to a server whatever its receiver (`execute`, `commit`, `send`, `publish`, `save`,
        `create_label`, `list_pods` ...), a method of a client by its name or its class (`ryd_client.get(id)`,
        `self.conn.get(key)`, `api = CoreV1Api()`, a storage backend) or of what a dependency call
        answered (`response.raise_for_status()`), an `await`, or a call of the project's own code
        that reaches one of these through the call graph (the project phase follows it, through
        overrides in project subclasses and methods of module-level objects of a project class; a
        method called on an object of unknown kind counts when every project method of that name
        reaches a dependency: `svc.carrier.estimate_delivery(sku)`). Any other call on an object of
        unknown kind is no evidence. Two shapes are reported whatever the `try` calls: a `try` that is
        its function's whole body with a handler that answers a value and leaves no record at info level or above, as every
        failure of the function, a bug included, becomes an answer its callers cannot tell from a real one (a
        statistics helper answering `None, None`); and a handler whose comment is a to-do or fix-me
        (`# TODO: log error`): its author says the failure is not handled yet. Recovery work in a context re-raising the error when it ends re-raises (`with excutils.save_and_reraise_exception():`, oslo.utils).

        Reporting means logging at the minimum report level or above on a typed logger (or at info or above with
        the traceback attached: `exc_info=True`, `logger.exception`) or through a log function handed
        a level first (`logger(logging.ERROR, ...)`, a parameter `logger=logging.log`), an error tracker, a span
        recording the exception, a configured report sink, or a project function that reports
        (a reporter helper, in any module, found by the project phase; so is a method of a project
        subclass of `logging.Logger` or `LoggerAdapter` that logs at error level, called on a logger:
        `log.error_or_exception(ex)` once `logging.setLoggerClass(AppLogger)` installs it) or never returns (every path raises or
        ends the process, through functions of any module too, as for unreachable code; `return self.fail(msg)` with the
        base's `fail` raising): the error propagates, or a CLI's `error(msg)` ending in `sys.exit(1)` ends the run (recovery
        in such a handler is secondary); an abstract stub (`raise NotImplementedError`) and an HTTP abort do not count. A method called on an
        object whose class the analysis cannot tell (`self.app.exception_occurred(node, ...)`,
        `self.bot.log_err(e)`, `self.website.tell_sentry(e)`), or a callable handed in
        (`tell_sentry(e)`), reports when every project function or method of that name reports
        (class-hierarchy analysis, also for the reporter helpers themselves); one project definition
        of the name that does not (a stub, a test double) keeps the handler reported. A call that hands the caught
        exception itself (`e`, `sys.exc_info()`; not `str(e)`, nor a name bound again) to first-party code the tree does
        not hold may report, unseen, and counts as a report: a package of a git submodule the root `.gitmodules` declares
        that is not checked out (its folder missing or empty) and that no standard module or declared distribution names
        (`errors.report(e)` of `core.errors`; project/submodules.py). A method that
        names the level to a helper of its class logging through `getattr(<logger>, level)`
        (`self._log("error", ...)`, a plugin base class's `log_error`) logs at that level. Twisted's
        channels count by their resolved names: `log.err`, `Logger().failure(...)` (the traceback at
        critical), `log.callWithContext(ctx, log.err, e)`, and the legacy `log.msg`, which has no
        levels (every message reaches the observers: a message there stands where a warning stands,
        one with `isError=True` where an error does). A name bound to a call
        that is handed a sink reports too, in its own module or imported from another one: the
        sink is passed through (`capture_exception = iffy(cond, sentry_sdk.capture_exception)`,
        `report = functools.partial(log.exception, "job failed")`); one handed an info-level
        method (`partial(log.info, ...)`) does not.

        Not reported, because they are not problems an SRE would fix:
        - a `try` body that only parses or converts values (no I/O, no service calls; a model
          looked up by name in Django's app registry, a model's `_meta` and reading the clock
          are in memory too; so is writing a log record);
        - an error message handed back to the caller without the exception (`return "unknown
          error"`, `message = "interrupted"` returned later);
        - probe functions answering `return False` / `return True`, or ending in `return False` with a `try`
          that answers `return True` and a handler that only passes or moves on (`server_reachable`);
        - best-effort cleanup, by what the code is for rather than what it is called: a `try`
          body that only closes, removes or releases things, after the function's main effect (an
          earlier call, a `finally` or except block), in `__exit__`/`__del__`, or in a function
          that answers nothing and is no decorated entry point (a sweep, a close); a teardown
          sequence (a function that answers nothing and otherwise only closes, joins or kills
          things); or a comment (in the handler, the `try` body or right above the `try`) saying failing
          is fine (`# best effort`, `# ignore`, `# not critical`, `# should not break the page` ...). A request handler whose
          main effect is `storage.delete(id)` before answering `{"deleted": id}` is reported;
        - in-memory computation with a default: nothing in the `try` does I/O (no await, no
          project call, no I/O or client library, no call on an object of unknown kind: only
          library functions and library objects such as a language detector or a parser), and a
          default is assigned right before the `try` or by the handler;
        - no dependency in the `try` (see above): parsing data already fetched (`response.json()` of a response
          received before the `try`, not awaited; Django query expressions such as `Q(pk=arg)`, built in memory; a local socket's option, `setsockopt`;
          a function of a module imported whole, judged by its resolved name and not by a verb in it: `docutils.core.publish_parts(...)`
          renders text, a project module's function is followed by the project phase), attributes of
          objects of unknown kind, a local directory listing, the project's own helpers that compute
          in memory. No dependency failed, nothing is for an operator to fix;
        - input answered with a client error: nothing in the `try` does I/O and the handler
          answers 4xx, raises a validation error or validates the input another way;
        - best-effort fallbacks on optional data or bad input, by behaviour: in-memory work (as
          above; `super().method()` of a library base class, a name bound to what a library call
          returned and `io.BytesIO` count as library code) that passes its input through
          unchanged (`except Exception: return name` in a lenient override of a library method),
          answers a constant (`except Exception: return None` around a library's table lookup)
          or falls back to the constant the function returns right after the `try` (EXIF date
          parsing of an upload: `except Exception: pass` then `return None`), or, with a handler
          that only passes or skips, answers when it works before the function's regular answer
          (an optional user-supplied regex: `try: return filtered(re.compile(raw))  except: pass`
          then `return everything`) or is a loop's whole body; a local program or file read
          for an optional value while the module is imported (`git rev-parse HEAD` for a version
          string, in a function only the module's top level calls, answering a constant);
          probing a library's private internals under `if hasattr(obj, "_private")`;
        - a handler that records the failure another way: the formatted traceback handed to the
          project's code (`emit_log(..., stderr=traceback.format_exc())`: an audit log keeps the
          stack), the bound exception set on a future (`future.set_exception(e)`: its `result()`
          raises it), or a metric method (`inc`, `incr`, `send`, `counter`
          ... on a metrics client or the project's wrapper of one) whose metric, by its name,
          its receiver's or its labels (`SYNCS.labels(status="fail").inc()`), is about errors (`metrics.send(f"{fn}.geterror", "counter", 1)`,
          `FAILURES.inc()`): an alert can fire on it. Other metrics count only with
          `count-metrics-as-report`;
        - operator code: scripts, management commands, CLI commands, `__main__` blocks,
          migrations, tests, and code that runs outside the service by how it runs (Alembic
          revision files, Django migrations wherever they live, development-server scripts, `pre_migrate`/`post_migrate` receivers, root
          scripts nothing imports, invoke programs, Locust load-test users and task sets: see
          PRR401);
        - a method of a `logging.Handler`, `logging.Filter` or `logging.Formatter` subclass (or of a library's
          logging handler, filter or formatter, such as Django's `AdminEmailHandler`): it cannot report through logging;
        - an error that surfaces anyway (rules/resurfaces.py): the handler redoes the `try` body's
          work outside any `try` (calls a method the `try` called, on the same receiver, perhaps
          with other arguments: a retry once, a query asked another way, get-or-create saving in
          the handler), so a dependency that is down fails again
          and raises; the bound exception, or text made from it, shown to the user who asked (a
          Django message at WARNING or ERROR level, `form.add_error`, a Flask flash of category warning,
          error or danger, a raised `ValidationError`); recovery work inside the handler of another
          failure that re-raises that failure, reports it at the report level or hands it on to the
          caller (releasing locks, removing a temporary upload, discarding a half-applied
          configuration: the first error surfaces); a single-row look-up miss: the `try` only looks
          single rows up (`Model.objects.get(...)`, a queryset's `earliest()`/`latest()`, which
          raise when no row matches) and computes in memory, and the handler only sets a default
          (`check = None`, `start = timezone.now()`, with at most a debug record), or the `try` only takes
          the first item (`[0]`) of a local value, of a Django queryset chain (`Model.objects.filter(...)
          .order_by(...)`, a related `x_set`) or of an own method without arguments that returns one, and
          the handler only answers None or a default: the IndexError of an empty result is "none yet". More in the
          `try` (other queries, remote calls, `.filter().first()`, which cannot miss) stays reported;
        - deliberate decisions, shared with PRR102 and PRR105 (rules/deliberate.py): a quiet
          handler (it only passes, skips, stops, answers a constant or a plain name, or sets a
          constant) with a comment in it, on or right above its `except` line that says why, or
          in a function whose docstring documents the fallback ("falls back to ... when the model
          call fails", "results in False rather than an exception"), also with a log record at any level; with one, a
          module docstring saying failing must not break the caller counts too ("never raises out of `observe`"); or a handler of one fallback assignment or `return` with such a comment; a cache look-up (a receiver named or configured as a cache, as for PRR102:
          a cache that fails is a miss) (prose: not code, not a `TODO`/`FIXME`); a `try` that runs while
          the module is imported (no enclosing function); a warning-level record, with or
          without the exception, also one a project function the handler calls logs (`self.log_warning(msg, exc)`
          inherited from a plugin base class; the project phase follows it: the one notion of "reported" the errors
          rules share: a warning reaches central logging), unless the failure silently turns the function's answer
          into its default and the exception is not handed on (the `try` computes what the function returns and the
          function then answers a constant or the preset default: a warning without the cause cannot tell an
          outage from a miss); the answer computed another way by the project's own code outside
          any `try` (`except Exception: return self.get_buckets(other_query)`: if that fails too,
          it raises); trying candidates in turn (a `for` loop left on success, the handler moving
          on, and the loop's `else` or a `raise` after it dealing with running out, or a function of the
          module called in the `try` raising the caught class itself as its refusal, `raise
          Exception("already linked")`, while the handler only moves on, perhaps with a debug record); a template
          render that fails with the exception's text put in what the user sees (a user-authored
          custom link or export template: `format_html('<a title="{}">', e)`, `messages.error(
          request, f"... {e}")`): its author sees the error where they look at the page; a quiet
          handler around reading one local file with `open` (an optional override file: absent
          means none; a storage backend's `open` is no local file).
        - a workflow engine's compensation step (rules/compensation.py): a handler in the `revert` of a `taskflow.task.Task` subclass (the class's bases resolved, through the module's own classes), which the engine calls after the flow failed and whose failure the engine logs, when the method logs at warning or above, before the `try`, that it undoes the step (`LOG.warning("Reverting decrement quota ... counts may be incorrect")`): a failed correction is best-effort by design and must not fail the revert flow. A revert that warns nothing, or the task's `execute`, stays reported;
        - a handler whose failure still reaches someone (rules/error_channels.py): the exception handed to a
          function of the module that writes text made from it onto a record it saves (`config.last_failure_message =
          str(exception); config.save()`: the product's own failure record, shown to its user); the traceback
          written to the process's stderr (`traceback.print_exc()`, `sys.stderr.write(traceback.format_exc())`,
          stack_output.py), which is collected with the service's logs: a report, for PRR103 and PRR104
          alike (PRR401 asks for a log call instead); into a buffer of the program's own (`print_exc(file=buf)`),
          into the answer or only under an `if` (a debug switch's output) it is none; a message added to a list the function returns (`warnings.append("Cannot
          compute the fit. Likely not enough data.")` ... `return result, warnings`): the caller
          gets the failure in the answer; the handler answering, from data, what the function
          answers anyway when its look-up finds nothing (`return name if name is not None else
          str(team_id)` ... `except Exception: return str(team_id)`, an audit record's stored
          text, in a conditional branch): a display falls back to faithful data. A constant
          (`return 0, None`), or the `try`'s own success answer repeated, stays reported.
        Demoted to severity "note": the bound exception handed on (returned, stored on an object
        such as `job.error = str(e)`, passed to a method or to a constructor, or assigned and
        returned later; so is a Twisted `Failure()`, the exception being handled, passed to a function
        or kept in a variable: `self._finished(Failure())`). Whoever receives it must report it; the note says where to look. The
        note is dropped when a caller does: a module function, or a method overriding a project
        base's method, whose name a project function calls as `data, error = x.name(...)` and
        then raises in an `if` on `error` (a query runner's `(data, error)` contract) or reports at
        error level (`ok, err = storage.upload(src, dst)` ... `logger.error(f"upload failed: {err}")`,
        the error in the message directly or through a name made from it), and when the
        function hands the kept error (`error = e`) to a project function that reports it (`return
        self._after_execute(msg, out, error)`, which captures it). Kept in a variable the function
        raises later (`error = QueryError(str(e))` ... `raise error` in a `finally` after quota
        bookkeeping), it is not reported at all: the error propagates; so is a failure the handler
        records (`errors.append(str(e))`, `failures += 1`, `result.exception = e`; a constant
        default is no record) when the function later tests the record in a branch that raises or
        reports at the report level (`if errors: raise ApiError(..., errors=errors)` after the loop,
        `if failures: logger.error(...)`), or raises the attribute it was kept in, also from
        another method of the class (`raise self.last_exception`); nor is an error handed to
        the caller waiting for the work's result, which raises it: the handler errbacks a Deferred
        or sets a Future's exception with it (`d.errback()`, `d.errback(Failure())`,
        `future.set_exception(e)`, puts it on a queue of its object that a method of the class takes from and
        raises (`self.control.put((False, sys.exc_info()))`), or a function of the module that does so with the parameter it
        is handed: `self._error(Failure())`), returns `defer.fail(e)`, keeps its `Failure()` in a list raised after the loop
        (`failures.pop().raiseException()`), or keeps it in a variable that the function hands,
        after the `try`, to such a call (`exception = e` ... `_deliver(task, result, exception)`
        whose `reply_future.set_exception(exception)` wakes the writer); nor is an error result
        that carries it (`return {"error": {"message": "...", "details": str(e)}}`, or a pair whose
        flag is False and whose text is made from it, `return False, f"Failed to list users: {e}"`,
        a longer answer led by the flag (`False, None, msg`) or one nested in the result,
        also kept in the handler and returned after it while the flag preset before the `try` is
        still False, or a message written into a status dict that every caller answers at once, see
        PRR102), or the cause stored in a container the function's answer carries, directly or
        through other containers (`failures[dest] = failure_of(e)` ... `return {"failures":
        failures}`; `data = {"error": str(exc)}` ... `return render(request, tmpl, context)`; the formatted stack,
        `context["error"] = traceback.format_exc()` ... `return self.render_to_response(context)`; a
        builtin's reduction, `return len(seen)`, is no answer): the caller gets the cause, and the
        answer that carries it counts as the report (no server-side record is asked for besides). A pair whose flag was last set True stays reported. Without the cause, an error result stays reported.
        Nor is a failure that is the requester's answer with its cause (rules/error_answers.py `answered_to_requester`): a test whose success answers only "it worked" (every `return` of the `try` is a constant, `Response(status=202)`, `{"succeeded": True}`) while the handler answers the cause (`Response({"error": str(e)}, status=400)`: an admin's connection or mail test, whose purpose is to show why it failed), the cause appended to the `errors` of a form the function validates (`form.validate_on_submit()` ... `form.non_field_errors.errors.append(f"...: {e}")`, WTForms' analogue of `form.add_error`), or the attempt recorded as failed with its cause in one call (a False flag and the exception or its text: `store_transaction._update_remote_status(url=url, status=False, error=str(e))`, a test runner's `self._add_test_result(False, case, exception=ex)`; or both kept in names the handler sets and handed to one call after it: `error = repr(err); succeeded = False` ... `_update_remote_status(status=succeeded, error=error)`). So is the call the `try` makes on success made again by the handler with the status swapped and the cause (`cfnresponse.send(event, context, cfnresponse.SUCCESS, result)` in the `try`, `cfnresponse.send(event, context, cfnresponse.FAILED, str(ex))` in the handler: the outcome goes back through the channel its caller waits on; so is the function's result shape answered with its status swapped and the cause, `return {STATUS_CODE: DRVR_STATUS_CODE_FAILED, FAULT_STRING: str(e)}` where it answers `{STATUS_CODE: DRVR_STATUS_CODE_OK}` on success; without the cause it stays reported). A `try` whose success answers data it computed (a PDF, a file, a saved row), one that answers failures of its own with a 4xx/5xx status (an auth gate: its catch-all answering the cause with a 401 tells the client its token is bad when the token store is down), or a handler answering a constant message without the cause, stays reported.
        So are per-item outcomes (rules/item_outcomes.py): in a `for` loop over items, the handler adds which item failed (the loop's names) and why (the exception, a name made from it, `e.args[0]`) to a collection the function made empty and answers (`errored[file] = error` ... `return workouts, errored`; `errors.append(MoveError(id=item.id, error=str(e)))` ... `return Response(errors=errors)`): the batch goes on and its answer reports each failure to whoever asked. A message without the item (`errors.append(str(e))`), only the item (`failed.append(item)`), a collection answered as `len(...)`, or a `try` that commits while the handler does not roll back, stays reported.
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
        Off by default (opt-in through `select`). Whether a swallowed error should have been
        reported depends on what the failure costs the user, which the code rarely says (an
        optional feature, a best-effort cache, a parse answered with a default): on services it
        was not tuned on, 44 of 126 findings were judged worth changing (four measurements).

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
    default_enabled = False
    # Besides handlers, the modules that define reporter helpers and module-level loggers must be
    # summarised for the project phase, so they are walked too.
    triggers = ("except", "logging", "getLogger", "get_logger", "structlog", "loguru", "sentry", "rollbar", "bugsnag")
    VALID = (
        # no dependency in the try: parsing data already fetched, attributes of objects of unknown kind,
        # a local directory listing, a project helper that computes in memory
        Example("def results(dom):\n    found = []\n    for item in dom.xpath('//li'):\n        try:\n            found.append({'url': item.xpath('./a/@href')[0], 'title': item.text})\n        except Exception:\n            continue\n    return found\n"),
        Example("def describe(plugin):\n    info = {'name': plugin.name}\n    try:\n        info['version'] = plugin.metadata.version\n        info['size'] = plugin.stats().size\n    except Exception:\n        pass\n    return info\n"),
        Example("import os\n\ndef folders(cwd):\n    try:\n        found = os.listdir(cwd)\n    except Exception:\n        found = []\n    return sorted(found)\n"),
        Example("import hmac\n\ndef device_cookie(login, nonce, key):\n    return hmac.new(key, f'{login}{nonce}'.encode(), 'sha256').hexdigest()\n\n"
                "def parse_device_cookie(cookie, key):\n    try:\n        login, nonce, _ = cookie.split('$')\n        if hmac.compare_digest(cookie, device_cookie(login, nonce, key)):\n            return nonce, login\n    except Exception:\n        pass\n    return None, None\n"),
        # a data migration in a package `MIGRATION_MODULES` names: it runs in `manage.py migrate`
        Example(
            "from django.db import migrations\n\n"
            "def create_status(apps, schema_editor):\n    Endpoint = apps.get_model('dojo', 'Endpoint')\n"
            "    for endpoint in Endpoint.objects.all():\n        try:\n            endpoint.refresh_status()\n"
            "        except Exception:\n            pass\n\n"
            "class Migration(migrations.Migration):\n    operations = [migrations.RunPython(create_status)]\n",
            path="dojo/db_migrations/0049_create_endpoint_status.py",
        ),
        Example("import logging\nlog = logging.getLogger(__name__)\n\ndef f():\n    try:\n        g()\n    except Exception:\n        log.exception('g failed')\n"),
        Example("def f():\n    try:\n        g()\n    except Exception as exc:\n        raise RuntimeError('g') from exc\n"),
        # rucio's daemons log through a function handed in (`logger=logging.log`), called with the level first
        Example("import logging\n\ndef deliver(messages, logger=logging.log):\n    for m in messages:\n        try:\n            send(m)\n        except Exception:\n            logger(logging.ERROR, 'could not deliver %s', m, exc_info=True)\n"),
        Example("import sentry_sdk as sentry\n\ndef f():\n    try:\n        g()\n    except Exception as exc:\n        sentry.capture_exception(exc)\n"),
        Example("def f(d):\n    try:\n        return d['k']\n    except KeyError:\n        return None\n"),
        Example(
            "import logging\nlog = logging.getLogger(__name__)\n\ndef f():\n    try:\n        g()\n    except BaseException:\n"
            "        log.log(logging.CRITICAL, 'g failed')\n"
        ),
        Example("def f():\n    try:\n        g()\n    except Exception:\n        pass\n", path="tests/test_f.py"),
        # a signed token of the request unserialised by a project helper: parsing
        Example("from svc.signing import unserialize\n\ndef state_of(raw):\n    try:\n        state = unserialize(raw, max_age=3600)\n    except Exception:\n        state = False\n    return state\n", path="svc/views.py"),
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
        # a logger a library exposes by name (tornado's `app_log`, `gen_log`, `access_log`)
        Example("from tornado.log import app_log\n\ndef f():\n    try:\n        g()\n    except Exception:\n        app_log.exception('g failed')\n"),
        # ... also where another module of the library re-exports it; Twisted's `log.err()` logs the current failure
        Example("import tornado.http1connection\n\nasync def serve(conn):\n    try:\n        await conn.read_response()\n    except Exception:\n        tornado.http1connection.gen_log.error('Uncaught exception', exc_info=True)\n        conn.close()\n"),
        Example("from twisted.python import log\n\ndef write_forever(db):\n    while True:\n        try:\n            db.flush()\n        except Exception:\n            log.err()\n"),
        # a reporter built by wrapping a sink: the sink is passed through
        Example(
            "import sentry_sdk\nfrom funcy import iffy\nfrom svc import settings\n\n"
            "capture_exception = iffy(lambda _: settings.SENTRY_DSN, sentry_sdk.capture_exception)\n\n"
            "def f(job):\n    try:\n        job.run()\n    except Exception as e:\n        capture_exception(e)\n"
        ),
        Example(
            "import functools\nimport logging\n\nlog = logging.getLogger(__name__)\n"
            "report = functools.partial(log.exception, 'job failed')\n\n"
            "def f(job):\n    try:\n        job.run()\n    except Exception:\n        report()\n"
        ),
        # an annotated assignment types the logger as the plain one does, at module, class, function
        # and `self.x` level, whatever the annotation names (here a project alias of structlog's class)
        Example(
            "import structlog\nfrom svc.logs import Logger\n\nlog: Logger = structlog.get_logger()\n\n"
            "def f():\n    try:\n        g()\n    except Exception as e:\n        log.error('g failed', error=str(e))\n"
        ),
        Example(
            "import structlog\nfrom svc.logs import Logger\n\nclass W:\n    log: Logger = structlog.get_logger()\n\n"
            "    def __init__(self):\n        self.audit: Logger = structlog.get_logger()\n\n"
            "    def run(self):\n        try:\n            g()\n        except Exception:\n            self.log.exception('g failed')\n\n"
            "    def sync(self):\n        try:\n            g()\n        except Exception:\n            self.audit.exception('g failed')\n"
        ),
        Example(
            "import structlog\nfrom svc.logs import Logger\n\ndef f(client, audit: Logger):\n"
            "    log: Logger = structlog.get_logger()\n    try:\n        client.call()\n    except Exception:\n        log.exception('call failed')\n"
            "    try:\n        client.close()\n    except Exception:\n        audit.exception('close failed')\n"
        ),
        Example("from opentelemetry import trace\n\ndef f():\n    span = trace.get_current_span()\n    try:\n        g()\n    except Exception as e:\n        span.record_exception(e)\n"),
        # an error message for the caller
        Example("def latest_version():\n    try:\n        return fetch_release()\n    except Exception:\n        return 'unknown error'\n"),
        # a function whose name says it may fail quietly
        Example("async def try_get_user(token):\n    try:\n        return await get_user(token)\n    except Exception:\n        return None\n"),
        # a Flask CLI command on an AppGroup
        Example("from flask.cli import AppGroup\nmanager = AppGroup()\n\n@manager.command()\ndef create():\n    try:\n        db.session.commit()\n    except Exception as e:\n        print(e)\n        exit(1)\n"),
        # a logger bound by an annotated assignment is a logger: the value's maker decides its type
        Example("import structlog\nfrom svc.logging import Logger\nlog: Logger = structlog.get_logger()\n\ndef f():\n    try:\n        g()\n    except Exception:\n        log.exception('g failed')\n"),
        # the traceback at info level reaches central logging with the stack
        Example("import logging\nlog = logging.getLogger(__name__)\n\ndef index(sections):\n    for s in sections:\n        try:\n            yield parse_section(s)\n        except Exception:\n            log.info('unable to index a section', exc_info=True)\n"),
        # in-memory computation through a library, with a default
        Example("from langdetect import detect\n\ndef metadata(doc):\n    lang = 'en'\n    try:\n        lang = detect(doc.content)\n    except Exception:\n        pass\n    return {'lang': lang}\n"),
        # input validated another way: the alternative raises the client error
        Example("from decimal import Decimal\nfrom django.core.validators import DecimalValidator, RegexValidator\n\ndef validate(data):\n    try:\n        DecimalValidator(10, 2)(Decimal(str(data['value'])))\n    except Exception:\n        RegexValidator(r'^\\d+$')(data['value'])\n    return data\n"),
        # a comment right above the try says failing is fine
        Example("import shutil\n\ndef write(source, target):\n    shutil.copyfile(source, target)\n    # copy the original stats too, but it's ok if we can't\n    try:\n        copy_stats(source, target)\n    except Exception:\n        pass\n    return target\n"),
        # a function whose whole work is cleanup, whatever its name
        Example("def dispose(conn):\n    try:\n        conn.close()\n    except Exception:\n        pass\n"),
        # a warning that carries the exception
        Example("import logging\nlog = logging.getLogger(__name__)\n\ndef f(ext):\n    try:\n        load(ext)\n    except Exception as e:\n        log.warning('loading %s failed: %s', ext, e)\n"),
        # a lenient override of a library method passes its input through
        Example(
            "from django.contrib.staticfiles.storage import ManifestStaticFilesStorage\n\n"
            "class LenientStorage(ManifestStaticFilesStorage):\n    def stored_name(self, name):\n        try:\n"
            "            return super().stored_name(name)\n        except Exception:\n            return name\n\n"
            "    def url_converter(self, name, hashed_files, template=None):\n"
            "        base = super().url_converter(name, hashed_files, template)\n\n        def converter(match):\n"
            "            try:\n                return base(match)\n            except Exception:\n"
            "                return match.groupdict().get('matched', match.group(0))\n\n        return converter\n"
        ),
        # optional data of an upload parsed in memory, with the default returned after the try
        Example(
            "from datetime import datetime\nfrom PIL import Image\n\ndef exif_date(upload):\n    try:\n"
            "        image = Image.open(upload)\n        raw = image._getexif().get(36867)\n"
            "        return datetime.strptime(raw, '%Y:%m:%d %H:%M:%S').date()\n    except Exception:\n        pass\n    return None\n"
        ),
        # an optional version string read from a local program while the module is imported
        Example(
            "import os\nfrom subprocess import check_output\n\ndef _revision(path):\n    try:\n"
            "        out = check_output(['git', 'rev-parse', 'HEAD'], cwd=path)\n    except Exception:\n        return None\n"
            "    return out.decode().strip()\n\ndef get_revision():\n    return _revision(os.path.dirname(__file__))\n\n"
            "__build__ = get_revision()\n"
        ),
        # a library's table lookup answers "none" for input it cannot map
        Example(
            "from babel.numbers import get_territory_currencies\n\ndef currency_of(country):\n    try:\n"
            "        currencies = get_territory_currencies(country)\n    except Exception:\n        return None\n    return currencies[0]\n"
        ),
        # an upload parsed in memory: an unreadable PDF becomes a note page
        Example(
            "from io import BytesIO\nfrom pypdf import PdfReader, PdfWriter\n\ndef bundle(files):\n    writer = PdfWriter()\n"
            "    for name, content in files:\n        try:\n            writer.append(PdfReader(BytesIO(content)))\n        except Exception:\n"
            "            note = f'Could not include {name}'\n            writer.add_blank_page(100, 100)\n    return writer\n"
        ),
        # probing a library's private internals
        Example(
            "def joined_models(query):\n    models = []\n    if hasattr(query, '_compile_state'):\n        try:\n"
            "            for mapper in query._compile_state()._join_entities:\n                models.append(mapper.class_)\n"
            "        except Exception:\n            pass\n    return models\n"
        ),
        # the comment says why failing is fine
        Example(
            "def sessions(rows, user_id):\n    found = []\n    for row in rows:\n        try:\n            data = row.get_decoded()\n"
            "        except Exception:\n            # a corrupted session row should not break the page\n            continue\n"
            "        if data.get('uid') == user_id:\n            found.append(row)\n    return found\n"
        ),
        # the error half of a (data, error) result that the caller raises
        Example(
            "class QueryError(Exception):\n    pass\n\nclass BaseRunner:\n    def run_query(self, q):\n        raise NotImplementedError\n\n"
            "class CsvRunner(BaseRunner):\n    def run_query(self, q):\n        try:\n            return read_csv(q), None\n"
            "        except Exception as e:\n            return None, str(e)\n\n"
            "def execute(source, q):\n    data, error = source.runner.run_query(q)\n    if error is not None and data is None:\n"
            "        raise QueryError(error)\n    return data\n"
        ),
        # the error half that every caller logs at error level (jumpserver's replay storages)
        Example(
            "import logging\nlogger = logging.getLogger(__name__)\n\nclass Storage:\n    def upload(self, src, target):\n        raise NotImplementedError\n\n"
            "class BucketStorage(Storage):\n    def upload(self, src, target):\n        try:\n            self.client.put_object_from_file(target, src)\n            return True, None\n"
            "        except Exception as e:\n            return False, e\n\n"
            "def archive(storage, path):\n    ok, err = storage.upload(path, path)\n    if not ok:\n        msg = f'replay upload failed: {err}'\n        logger.error(msg)\n"
        ),
        # a load-test scenario runs against the service, not in it
        Example(
            "from locust import HttpUser, task\n\nclass Shopper(HttpUser):\n    @task(2)\n    def checkout(self):\n"
            "        try:\n            self.client.post('/checkout', json={})\n        except Exception:\n            self.interrupt()\n"
        ),
        # the failure is counted on a metric an alert can fire on
        Example(
            "from svc.extensions import metrics\n\ndef delete_txt_record(zone, name):\n    try:\n        rrsets = fetch(zone, name)\n"
            "    except Exception:\n        metrics.send('delete_txt_record.geterror', 'counter', 1)\n        return\n    drop(rrsets)\n"
        ),
        # a quiet fallback whose comment says why (issue 9: deliberate, reviewed decisions)
        # the handler hands the error to a function that always raises another one
        Example("import logging\nlog = logging.getLogger(__name__)\n\nclass InvalidSearch(Exception):\n    pass\n\n"
                "def raise_invalid(exc):\n    log.warning('search validation failed: %s', exc)\n    raise InvalidSearch(str(exc))\n\n"
                "def version(client):\n    try:\n        return int(client.info()['version'].split('.')[0])\n    except Exception as e:\n        raise_invalid(e)\n"),
        # the try body only writes a debug record
        Example("import logging\n\ndef received(report, logger=logging.log):\n    try:\n        logger(logging.DEBUG, 'received %s %s' % (report['event'], report['file']))\n    except Exception:\n        pass\n"),
        Example("def start():\n    try:\n        faulthandler.enable()\n    except Exception:\n        pass  # could fail when loaded into the test runner\n"),
        # an optional shim while the module is imported: never a request's answer
        Example("try:\n    from svc.i18n import _\n    _()\nexcept:\n    def _(text):\n        return text\n"),
        # a warning names what failed, and the function's answer does not hinge on it
        Example("import logging\nlog = logging.getLogger(__name__)\n\ndef observe(metric, build_id):\n    try:\n        metric.observe(duration_of(build_id))\n    except Exception:\n        log.warning('could not write metric for build %s', build_id)\n"),
        # the answer computed another way, by the project's code: if that fails too, it raises
        Example("class Runner:\n    def get_schema(self):\n        try:\n            return self.get_buckets('analytics')\n        except Exception:\n            return self.get_buckets('keyspaces')\n"),
        # trying candidates in turn; running out of them is dealt with by the loop's else
        Example("import logging\nlog = logging.getLogger(__name__)\n\ndef serve_metrics(ports):\n    for port in ports:\n        try:\n            start_http_server(port)\n            break\n        except Exception:\n            continue\n    else:\n        log.warning('no free port for metrics')\n"),
        # reported another way: the stack kept in the product's audit log, a failure counter by its
        # labels, the exception set on the future its caller waits on
        Example("import traceback\nfrom svc.logs import emit_log\n\ndef sync(mirror):\n    try:\n        mirror.run()\n    except Exception:\n        emit_log(mirror, 'sync_failed', stderr=traceback.format_exc())\n"),
        Example("from prometheus_client import Counter\nSYNCS = Counter('syncs', 'syncs', ['status'])\n\ndef sync(repo):\n    try:\n        repo.pull()\n    except Exception:\n        SYNCS.labels(status='fail').inc()\n"),
        Example("from concurrent.futures import Future\n\ndef call(fn):\n    result = Future()\n    try:\n        result.set_result(fn())\n    except Exception as ex:\n        result.set_exception(ex)\n    return result\n"),
        # in-memory work on data already held (an upload's image): no dependency reached
        Example("from PIL import Image\n\ndef dimensions(upload, meta):\n    image = Image.open(upload)\n    try:\n        meta['width'], meta['height'] = image.size\n        meta['bands'] = image.getbands()\n    except Exception:\n        pass\n    return meta\n"),
        # the docstring documents the fallback; a cache read that fails is a miss
        Example("async def subject_for(agent, content, fallback):\n    \"\"\"A short subject line. Falls back to `fallback` when the model call fails.\"\"\"\n    try:\n        return (await agent.run(content)).output.strip()\n    except Exception:\n        return fallback\n"),
        Example("from django.core.cache import cache\n\ndef latest_release():\n    try:\n        return cache.get('latest_release')\n    except Exception:\n        cache.delete('latest_release')\n        return None\n"),
        # a user-authored template that fails to render: the page shows its author the error
        Example("from django.utils.html import format_html\n\ndef custom_links(links, context):\n    html = ''\n    for link in links:\n        try:\n            html += link.render(context)\n        except Exception as e:\n            html += format_html('<a class=\"disabled\" title=\"{}\">{}</a>', e, link.name)\n    return html\n"),
        # the error surfaces anyway: retried once outside any try, the create half of a get-or-create
        Example("from svc.models import Account\n\n_owners = {}\n\ndef owner(key):\n    if key not in _owners:\n        try:\n            _owners[key] = Account.objects.get(key=key)\n        except Exception:\n            _owners[key] = Account.objects.get(key=key)\n    return _owners[key]\n"),
        Example("from svc.models import Profile\n\ndef store(form, user):\n    profile = form.save(commit=False)\n    try:\n        profile.id = Profile.objects.get(user=user).id\n        profile.save()\n    except:\n        profile.user = user\n        profile.save()\n"),
        # the cause shown to the user who asked: a form error, a Django message at error level
        Example("from django import forms\nfrom svc.remote import connect\n\nclass TrackerForm(forms.Form):\n    def clean(self):\n        try:\n            connect(self.cleaned_data['url'], self.cleaned_data['token'])\n        except Exception as e:\n            text = 'Cannot reach the tracker: ' + str(e)\n            self.add_error('url', text)\n"),
        Example("from django.contrib import messages\nfrom svc.scans import probe\n\ndef test_scanner(request, config):\n    try:\n        probe(config)\n    except Exception as e:\n        messages.add_message(request, messages.ERROR, str(e))\n"),
        # a single-row look-up miss with a default: the row may not exist
        Example("from svc.models import Checklist\n\ndef checklist_of(project):\n    try:\n        found = Checklist.objects.get(project=project)\n    except:\n        found = None\n    return found\n"),
        # the first row of a queryset, or of a local sequence, or None: an empty result is "none yet"
        Example("from svc.models import Result\n\nclass Check:\n    def pending(self):\n        found = self.ack_set.all().filter(cancelled=False).order_by('-time')\n        return found\n\n"
                "    def pending_one(self):\n        try:\n            return self.pending()[0]\n        except:\n            return None\n\n"
                "    def last_result(self):\n        try:\n            return Result.objects.filter(check=self).order_by('-id')[0]\n        except:\n            return None\n\n"
                "def first(rows):\n    try:\n        row = rows[0]\n    except Exception:\n        row = None\n    return row\n"),
        Example("import logging\nfrom datetime import datetime\nfrom django.utils import timezone\nlog = logging.getLogger(__name__)\n\ndef span(rows):\n    try:\n        first = rows.earliest('date').date\n        start = datetime(first.year, first.month, first.day)\n    except Exception as e:\n        log.debug(e)\n        start = timezone.now()\n    return start\n"),
        # kept and raised after the bookkeeping in `finally`: the error propagates
        Example("from svc.errors import QueryError\n\ndef run(q, quota):\n    result = error = None\n    try:\n        result = q.execute()\n    except Exception as e:\n        error = QueryError(str(e))\n        error.__cause__ = e\n    finally:\n        quota.update(result)\n        if result:\n            return result\n        raise error\n"),
        # a candidate refused by the module's own check, raising the caught class itself: the next one is tried
        Example("import logging\nlog = logging.getLogger(__name__)\n\ndef link(item, other):\n    if other.linked:\n        raise Exception('already linked')\n    item.link_to(other)\n\ndef link_first(item, candidates):\n    for other in candidates:\n        try:\n            link(item, other)\n            break\n        except Exception as e:\n            log.debug(str(e))\n"),
        # the query asked another way outside any try: if the database is down, that raises
        Example("def closed_count(rows, span):\n    try:\n        found = rows.filter(closed__date__range=span).count()\n    except Exception:\n        found = rows.filter(closed_at__range=span).count()\n    return found\n"),
        # recovery inside the handler of a failure that is reported: the first error surfaces
        Example("import logging\nlog = logging.getLogger(__name__)\n\ndef claim(task, locks):\n    try:\n        task.claim()\n    except Exception as e:\n        log.error('claiming %s failed: %s', task.pk, e)\n        try:\n            locks.requeue(task)\n        except Exception:\n            pass\n"),
        # a model looked up by name in Django's app registry: in memory, no query
        Example("from django.apps import apps\n\ndef model_of(field):\n    exclude = field.startswith('not_')\n    try:\n        parts = field.split('__')\n        return apps.get_model(f'svc.{parts[-2]}', require_ready=True), exclude\n    except Exception:\n        return None, exclude\n"),
        # arithmetic on the session and the clock: in memory
        Example("import time\nfrom django.conf import settings\n\ndef expiry(request):\n    try:\n        last = request.session.get('_last_seen', time.time())\n        notify_at = last + settings.SESSION_COOKIE_AGE - settings.WARN_BEFORE\n    except Exception:\n        return {}\n    return {'notify_at': notify_at}\n"),
        # a Django model's metadata read in memory
        Example("def verbose_name(model, field_name):\n    try:\n        return model._meta.get_field(field_name).verbose_name\n    except Exception:\n        return field_name\n"),
        # an error result that carries the cause: the caller gets it
        Example("from svc import models\n\ndef schema(source_id):\n    try:\n        return models.Source.get_by_id(source_id).schema()\n    except Exception as e:\n        return {'error': {'code': 2, 'message': 'Error retrieving schema', 'details': str(e)}}\n"),
        # an error answer with the cause, `(False, f"...: {e}")`, in the handler or after it with the flag preset to False
        Example("import requests\n\ndef test_connection(url):\n    success = False\n    description = ''\n    try:\n        requests.get(url, timeout=3).raise_for_status()\n    except Exception as e:\n        return False, f'Failed to connect: {e}'\n    try:\n        requests.get(url + '/users', timeout=3).json()\n        success = True\n    except Exception as e:\n        description = f'Failed to list users: {e}'\n    return success, description\n"),
    ) + EXAMPLES_SURFACING
    INVALID = EXAMPLES_REPORTED
