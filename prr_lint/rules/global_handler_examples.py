"""PRR104's documented examples (error_responses.py): the registered error handlers it leaves alone
and those it reports, kept apart so the rule's module stays short. Each is a test and a line of
docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example
from prr_lint.rules.code_handler_examples import CODE_HANDLERS_LEFT_ALONE, CODE_HANDLERS_REPORTED

_FASTAPI = "from fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\napp = FastAPI()  # prr-lint: ignore[PRR201,PRR206,PRR405] not this example's point\n\nclass Unavailable(ConnectionError):\n    pass\n\n"
_ANSWER_503 = ("@app.exception_handler(Unavailable)\nasync def on_unavailable(request, exc):{expect}\n"
               "    return JSONResponse({{'detail': 'try again later'}}, status_code=503)\n")

_OWN_HANDLER = (  # examples: the raise in a `try` body leaves through its own handler, which logs at `level` and re-raises
    "import logging, requests\n" + _FASTAPI + "log = logging.getLogger(__name__)\n\n"
    "def _log_failure(exc, what):\n    log.{level}('%s failed: %s', what, exc)\n\n"
    "def pricing(org):\n    try:\n        response = requests.get(f'http://billing/{{org}}', timeout=5)\n"
    "        if response.status_code == 200:\n            return response.json()\n        raise Unavailable('pricing')\n"
    "    except Unavailable as exc:\n        _log_failure(exc, 'pricing')\n        raise\n\n"
    "@app.get('/pricing/{{org}}')\ndef get_pricing(org: int):\n    return pricing(org)\n\n" + _ANSWER_503)

_CALLERS_CATCH = (  # examples: the only caller of the raising function takes every exception, and `ending` its handler
    "import logging\n" + _FASTAPI + "log = logging.getLogger(__name__)\n\n"
    "def provision(org):\n    if not allocate(org):\n        raise Unavailable('provisioning')\n\n"
    "def bootstrap(org):\n    try:\n        provision(org)\n    except Exception:\n"
    "        log.warning('bootstrap of %s failed', org, exc_info=True)\n        {ending}\n    return True\n\n"
    "@app.post('/login/{{org}}')\ndef login(org: int):\n    return {{'ready': bootstrap(org)}}\n\n" + _ANSWER_503)

_DEFAULT_LEVEL = (  # examples: a raise after a helper that logs at the level its parameter defaults to
    "from loguru import logger\n" + _FASTAPI +
    "def log_failure(what, exc, *, level='{level}'):\n    logger.log(level.upper(), '{{}} failed: {{}}', what, exc)\n\n"
    "def fetch(key):\n    try:\n        return store.get(key)\n    except OSError as exc:\n"
    "        log_failure('fetch', exc)\n        raise Unavailable(key) from exc\n\n"
    "@app.get('/items/{{key}}')\ndef item(key: str):\n    return fetch(key)\n\n" + _ANSWER_503)

_PLACEHOLDER_LOGGER = (  # examples: a module logger bound to None that the launcher sets, used by a helper at `level`
    "import traceback\nfrom flask import Flask\napp = Flask(__name__)\nlog = None  # the launcher sets it\n\n"
    "def log_exception(ex):\n    log.{level}('unexpected error: %s', traceback.format_exc())\n    return 'internal error', 500\n\n"
    "@app.errorhandler(Exception)\ndef on_error(ex):{expect}\n    return log_exception(ex)\n")

_OUTPUT_HELPER = (  # examples: a helper that writes its parameter to stderr, reached through one that passes it on, handed `what`
    "import sys, traceback\nfrom flask import Flask\napp = Flask(__name__)\n\n"
    "def default_log(message):\n    sys.stderr.write(message + '\\n')  # prr-lint: ignore[PRR401] the service's stderr\n\n"
    "write_log = default_log\n\ndef log_message(message):\n    return write_log(message)\n\n"
    "@app.errorhandler(Exception)\ndef on_error(e):{expect}\n    if hasattr(e, 'trace'):\n        trace = e.trace\n"
    "    else:\n        trace = traceback.format_exc()\n    log_message({what})\n    return 'internal error', 500\n")

_REBOUND_WRITER = (  # examples: a helper writes through a name that start-up code sets to a function logging at `level`
    "import logging\nfrom flask import Flask\napp = Flask(__name__)\nlog = logging.getLogger(__name__)\n\n"
    "def _discard(message):\n    return None\n\nwrite_log = _discard\n\ndef set_writer(writer):\n    global write_log\n"
    "    write_log = writer\n\ndef log_message(message):\n    return write_log(message)\n\n"
    "def log_{level}(message):\n    log.{level}(message)\n\nset_writer(log_{level})\n\n"
    "@app.errorhandler(Exception)\ndef on_error(e):{expect}\n    log_message(f'request failed: {{e}}')\n    return 'internal error', 500\n")

_RESTFUL_ONLY = (  # examples: every route a flask-restful resource of an Api built on a blueprint, `extra` code and `routes` beside them
    "from flask import Blueprint, Flask, jsonify\nfrom flask.views import MethodView\nfrom flask_restful import Api, Resource\n\n"
    "class Version(Resource):\n    def get(self):\n        return {{'version': '1.0'}}\n\n"
    "class Balance(Resource):\n    def get(self, user):\n        return {{'balance': ledger.balance(user)}}\n\n{extra}"
    "def create_app():\n    app = Flask(__name__)  # prr-lint: ignore[PRR201,PRR206] not this example's point\n"
    "    app.register_error_handler(Exception, handle_error)\n"
    "    api_bp = Blueprint('api', __name__, url_prefix='/api/v1')\n    api = {api}(api_bp)\n"
    "    api.add_resource(Version, '/version')\n    api.add_resource(Balance, '/users/<user>/balance')\n{routes}"
    "    app.register_blueprint(api_bp)\n    return app\n\n"
    "def handle_error(e):{expect}\n    code = getattr(e, 'code', 500)\n    return jsonify(message='internal error'), code\n")

_STANDARDIZED = (  # examples: a configured DRF handler beside drf-standardized-errors' handler, which reports server faults
    "from drf_standardized_errors.handler import ExceptionHandler, exception_handler\nfrom rest_framework.response import Response\n\n"
    "REST_FRAMEWORK = {'EXCEPTION_HANDLER': 'service.example.api_errors'}\n\n"
)

HANDLERS_LEFT_ALONE = (
    # loguru's `opt(exception=...)` hands back the logger, which logs the traceback at error
    Example("from quart import Quart, jsonify\nfrom svc.logs import logger\napp = Quart(__name__)\n\n"
            "@app.errorhandler(Exception)\ndef on_error(error):\n    logger.opt(exception=error).error('request failed')\n"
            "    return jsonify(error=str(error)), 500\n"),
    Example("from flask import Flask\napp = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef on_error(e):\n    app.logger.exception('unhandled')\n    return {'error': 'internal'}, 500\n"),
    # Flask's own `log_exception` logs the error on `app.logger` at error level (candig-server's handler, for every
    # error but the server's own protocol exceptions, which are answers, not failures)
    Example("from flask import Flask, current_app\nfrom svc import exceptions\napp = Flask(__name__)\n\n@app.errorhandler(Exception)\n"
            "def on_error(exception):\n    if not isinstance(exception, exceptions.BaseServerException):\n"
            "        app.log_exception(exception)\n    return {'error': str(exception)}, 500\n"),
    Example("from flask import current_app, jsonify\nfrom flask import Blueprint\nbp = Blueprint('api', __name__)\n\n"
            "@bp.app_errorhandler(Exception)\ndef on_error(e):\n    current_app.log_exception(e)\n    return jsonify(error='internal'), 500\n"),
    Example("from flask import Flask\napp = Flask(__name__)\n\n@app.errorhandler(404)\ndef not_found(e):\n    return {'error': 'not found'}, 404\n"),
    Example("from flask import Flask\nfrom werkzeug.exceptions import InternalServerError\napp = Flask(__name__)\n\n@app.errorhandler(InternalServerError)\ndef on_500(e):\n    return {'error': 'internal'}, 500\n"),
    Example("from fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\napp = FastAPI()\n\n@app.exception_handler(Exception)\nasync def on_error(request, exc):\n    return JSONResponse({'error': 'internal'}, status_code=500)\n"),
    Example("from fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\napp = FastAPI()\n\nclass NotFound(Exception):\n    pass\n\n@app.exception_handler(NotFound)\nasync def on_missing(request, exc):\n    return JSONResponse({'error': 'missing'}, status_code=404)\n"),
    Example("from flask import Flask\napp = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef on_error(e):\n    raise e\n"),
    # the traceback written to the process's stderr, which the platform collects with the service's logs
    Example("import traceback\nfrom flask import Flask, jsonify\napp = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef handle_exception(e):\n"
            "    traceback.print_exc()  # prr-lint: ignore[PRR401] the stack on the container's stderr\n    return jsonify(error='internal'), 500\n"),
    Example("import sys\nimport traceback\nfrom flask import Flask, jsonify\napp = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef handle_exception(e):\n"
            "    sys.stderr.write(traceback.format_exc())  # prr-lint: ignore[PRR401] the stack on stderr\n    return jsonify(error='internal'), 500\n"),
    # ... a local holding its text, and a helper of the project that writes to stderr the traceback it is handed
    Example("import sys\nimport traceback\nfrom flask import Flask, jsonify\napp = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef handle_exception(e):\n"
            "    trace = traceback.format_exc()\n    sys.stderr.write(trace)  # prr-lint: ignore[PRR401] the stack on stderr\n"
            "    return jsonify(error='internal'), 500\n"),
    Example(_OUTPUT_HELPER.format(what="trace", expect="")),
    # ... and one whose writer start-up code sets to a function that logs at error level
    Example(_REBOUND_WRITER.format(level="error", expect="")),
    # registered on a flask-restx (or flask-restplus) Api or Namespace: its handle_error logs a 5xx answer,
    # traceback and all (rules/framework_reports.py); an answer naming no status is a 500
    Example("from flask import Flask\nfrom flask_restx import Api\napp = Flask(__name__)\napi = Api(app)\n\n"
            "@api.errorhandler(Exception)\ndef on_error(e):\n    return {'message': 'Internal Server Error'}, 500\n"),
    Example("from flask_restplus import Namespace\nns = Namespace('items')\n\n"
            "@ns.errorhandler(Exception)\ndef on_error(e):\n    return {'message': 'internal'}\n"),
    # ... also a Namespace the Api builds (`api.namespace(...)`): the Api runs its handlers as its own
    Example("from flask import Flask\nfrom flask_restx import Api\napp = Flask(__name__)\napi = Api(app)\njobs = api.namespace('jobs')\n\n"
            "@jobs.errorhandler(Exception)\ndef on_job_error(e):\n    return {'message': 'job failed'}, 503\n"),
    # an app-wide handler when every route is a flask-restful (or flask-restx) resource: the Api's error_router hands their
    # errors to Api.handle_error, which logs a 5xx, before Flask asks the app's handlers (project/restful_routes.py)
    Example(_RESTFUL_ONLY.format(extra="", api="Api", routes="", expect="")),
    Example("from flask import Flask\nfrom flask_restx import Api, Resource\napp = Flask(__name__)\napi = Api(app)\n\n"
            "@api.route('/items/<int:item_id>')\nclass Item(Resource):\n    def get(self, item_id):\n        return store.load(item_id)\n\n"
            "@app.errorhandler(Exception)\ndef on_error(e):\n    return {'message': 'internal'}, 500\n"),
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
    # the per-request logger another middleware stores in the request reports the failure
    Example(
        "import logging\nfrom aiohttp import web\nlog = logging.getLogger(__name__)\n\n@web.middleware\n"
        "async def request_logger(request, handler):\n    request['logger'] = logging.LoggerAdapter(log, {'path': request.path})\n"
        "    return await handler(request)\n\n@web.middleware\nasync def errors(request, handler):\n    try:\n"
        "        return await handler(request)\n    except web.HTTPException:\n        raise\n    except BaseException:\n"
        "        request['logger'].exception('About to return 500')\n        return web.json_response({'error': 'internal'}, status=500)\n"
    ),
    # a catch-all around pure parsing of the request answers bad input
    Example(
        "from aiohttp import web\n\n@web.middleware\nasync def user(request, handler):\n    try:\n"
        "        request['user'] = int(request.headers['X-User'])\n    except Exception:\n"
        "        return web.json_response({'error': 'bad user header'}, status=400)\n    return await handler(request)\n"
    ),
    # the catch-all wraps only resuming the client's session; the handler runs after it, outside the `try`
    Example(
        "import json\nfrom aiohttp import web\n\n@web.middleware\nasync def resume(request, handler):\n"
        "    raw = request.cookies.get('SESSION')\n    if raw:\n        try:\n"
        "            request.app['store'].resume(json.loads(raw)['clock'])\n        except Exception:\n"
        "            request['stale'] = True\n    return await handler(request)\n"
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
    # a project helper that writes the stack to stderr when its parameter says so (a warning alone is no report), called with it switched on
    Example(
        "import logging, traceback\nfrom flask import Blueprint\nbp = Blueprint('api', __name__)\nlog = logging.getLogger(__name__)\n\n"
        "def log_failure(message, with_trace=False):\n    log.warning(message)\n    if with_trace:\n"
        "        traceback.print_exc()\n\n@bp.errorhandler(Exception)\ndef on_error(e):\n"
        "    log_failure(f'request failed: {e}', True)\n    return {'error': 'internal'}, 500\n"
    ),
    # a gRPC interceptor's catch-all around turning a message into text for its log line: the call of the handed-in
    # behaviour runs in another `try`, which reports and re-raises; this one catches no error of the service
    Example(
        "import grpc, logging\nlog = logging.getLogger(__name__)\n\nclass Audit(grpc.ServerInterceptor):\n"
        "    def _text(self, message):\n        try:\n            return message.SerializeToString().hex()\n"
        "        except Exception as exc:\n            log.warning('cannot encode a message: %s', exc)\n            return repr(message)\n\n"
        "    def intercept_service(self, continuation, details):\n        def audited(behaviour):\n"
        "            def run(request, context):\n                log.info('in %s', self._text(request))\n                try:\n"
        "                    reply = behaviour(request, context)\n                except Exception:\n"
        "                    log.error('%s failed', details.method)\n                    raise\n"
        "                log.info('out %s', self._text(reply))\n                return reply\n            return run\n\n"
        "        handler = continuation(details)\n"
        "        return grpc.unary_unary_rpc_method_handler(audited(handler.unary_unary)) if handler else None\n"
    ),
    Example(
        "import grpc\n\nclass Auth(grpc.ServerInterceptor):\n    def intercept_service(self, continuation, details):\n"
        "        try:\n            check(details)\n        except KeyError:\n            return None\n        return continuation(details)\n"
    ),
    # a project shortcut the module installs on every logger for `exception`: `LOG.e(e)` logs the traceback
    Example(
        "import logging\nfrom flask import Flask\nlogging.Logger.e = logging.Logger.exception\nLOG = logging.getLogger(__name__)\n"
        "app = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef on_error(e):\n    LOG.e(e)\n    return {'error': 'internal'}, 500\n"
    ),
    *CODE_HANDLERS_LEFT_ALONE,  # code_handler_examples.py
    # a handler for a project class that only a Celery task raises, or raised only after a report: it silences nothing
    Example(
        "from celery import shared_task\nfrom flask import Blueprint, jsonify\nbp = Blueprint('v2', __name__)\n\n"
        "class JobIncomplete(Exception):\n    pass\n\n@shared_task\ndef check_jobs(stuck):\n    if stuck:\n"
        "        raise JobIncomplete(f'jobs {stuck} have not completed')\n\n@bp.route('/jobs')\ndef jobs():\n    return jsonify([])\n\n"
        "@bp.errorhandler(JobIncomplete)\ndef on_incomplete(error):\n    return jsonify(error=str(error)), 500\n"
    ),
    Example(
        "import logging\nfrom flask import Blueprint, jsonify\nlog = logging.getLogger(__name__)\n"
        "bp = Blueprint('items', __name__)\n\nclass StoreError(Exception):\n    pass\n\n@bp.route('/items')\ndef items():\n    try:\n"
        "        return jsonify(fetch())\n    except OSError as exc:\n        log.exception('fetching items failed')\n"
        "        raise StoreError('store unavailable') from exc\n\n@bp.errorhandler(StoreError)\n"
        "def on_store_error(error):\n    return jsonify(detail=str(error)), 500\n"
    ),
    # every raise of the class leaves after a report: through its own `try`'s handler, or after a helper that
    # logs at the error level its parameter defaults to; or none leaves the caller that takes every exception
    Example(_OWN_HANDLER.format(level="error", expect="")),
    Example(_DEFAULT_LEVEL.format(level="ERROR", expect="")),
    Example(_CALLERS_CATCH.format(ending="return False", expect="")),
    # a helper that logs the traceback at critical level through a module logger the launcher sets later
    Example(_PLACEHOLDER_LOGGER.format(level="critical", expect="")),
    # DRF: a class the client caused (a delete `on_delete=PROTECT` refused) answered 400; DRF re-raises the rest
    Example(
        "from django.db.models.deletion import ProtectedError\nfrom rest_framework import status\n"
        "from rest_framework.response import Response\nfrom rest_framework.views import exception_handler\n\n"
        "def api_exception_handler(exc, context):\n    response = exception_handler(exc, context)\n"
        "    if response is None and isinstance(exc, ProtectedError):\n"
        "        return Response({'detail': 'protected'}, status=status.HTTP_400_BAD_REQUEST)\n    return response\n"
    ),
    # DRF: Django's ValidationError answered 400 under a bare `if isinstance(...)`, DRF's answer for the rest
    Example(
        "from django.core import exceptions\nfrom rest_framework import status\nfrom rest_framework.response import Response\n"
        "from rest_framework.views import exception_handler\n\ndef custom_exception_handler(exc, context):\n"
        "    response = exception_handler(exc, context)\n    if isinstance(exc, exceptions.ValidationError):\n"
        "        return Response(data=exc.message_dict, status=status.HTTP_400_BAD_REQUEST)\n    return response\n"
    ),
    # DRF: a project class answered with the status it carries, as DRF answers an APIException; DRF re-raises the rest
    Example(
        "from rest_framework.response import Response\nfrom rest_framework.views import exception_handler\n\n"
        "class ServiceError(Exception):\n    status = None\n\n    def __init__(self, detail, status=None):\n"
        "        self.detail, self.status = detail, status or self.status\n\n"
        "def api_exception_handler(exc, context):\n    if isinstance(exc, ServiceError):\n"
        "        return Response({'detail': exc.detail}, status=exc.status or 400)\n    return exception_handler(exc, context)\n"
    ),
    # the database refusing a value (SQLSTATE 22) or the request's role (42501): an answer to the client, not an outage
    Example("from asyncpg.exceptions import DataError, InsufficientPrivilegeError\nfrom fastapi import FastAPI\n"
            "from fastapi.responses import JSONResponse\napp = FastAPI()\n\n"
            "async def forbidden(request, exc):\n    return JSONResponse({'detail': 'not allowed'}, status_code=403)\n\n"
            "async def bad_value(request, exc):\n    return JSONResponse({'detail': 'invalid value'}, status_code=400)\n\n"
            "app.add_exception_handler(InsufficientPrivilegeError, forbidden)\napp.add_exception_handler(DataError, bad_value)\n"),
    # DRF: drf-standardized-errors' handler answers the rest and reports a server fault itself (got_request_exception, the
    # django.request log); the handler's own answers are the client's errors, under `isinstance(...) or isinstance(...)`
    Example("from django.http import Http404\nfrom rest_framework import exceptions\n" + _STANDARDIZED +
            "def api_errors(exc, context):\n    if isinstance(exc, Http404) or isinstance(exc, exceptions.NotFound):\n"
            "        return Response({'detail': 'no such page'}, status=404)\n    return exception_handler(exc, context)\n"),
    # ... and through a subclass whose override converts a specific class, then hands the rest to the base's own
    Example("from django.db.models import ProtectedError\nfrom rest_framework import exceptions\n" + _STANDARDIZED +
            "class ApiErrors(ExceptionHandler):\n    def convert_known_exceptions(self, exc):\n        if isinstance(exc, ProtectedError):\n"
            "            return exceptions.ValidationError('still in use')\n        return super().convert_known_exceptions(exc)\n\n"
            "def api_errors(exc, context):\n    return ApiErrors(exc, context).run()\n"),
    # DRF's own handler beside 4xx answers under `isinstance(exc, A) or isinstance(exc, B)`: that body runs for A or B only
    Example("from django.core.exceptions import PermissionDenied\nfrom django.http import Http404\nfrom rest_framework.response import Response\n"
            "from rest_framework.views import exception_handler\n\n"
            "def api_exception_handler(exc, context):\n    if isinstance(exc, Http404) or isinstance(exc, PermissionDenied):\n"
            "        return Response({'detail': 'not here'}, status=404)\n    return exception_handler(exc, context)\n"),
    # delegating to another handler with the same arguments: that one is judged where it is defined
    Example("from rest_framework.views import exception_handler\nfrom svc.api.v2.errors import v2_handler\n\ndef api_exception_handler(exc, context):\n    request = context.get('request')\n    if request and request.path.startswith('/api/v2/'):\n        return v2_handler(exc, context)\n    return exception_handler(exc, context)\n"),
)

HANDLERS_REPORTED = (
    *CODE_HANDLERS_REPORTED,  # code_handler_examples.py
    # `bind(...)` of something that is no logger (an HTTP session) logs nothing
    Example("import requests\nfrom quart import Quart, jsonify\napp = Quart(__name__)\nhooks = requests.Session()\n\n"
            "@app.errorhandler(Exception)\ndef on_error(error):  # expect: PRR104\n    hooks.bind(exception=error).error('request failed')\n"
            "    return jsonify(error=str(error)), 500\n"),
    # ... but a plain view beside the resources (a MethodView routed on the blueprint) takes its errors to the app's
    # handler; so does every error when a subclass of the Api hands them back to Flask, or PROPAGATE_EXCEPTIONS makes it re-raise
    Example(_RESTFUL_ONLY.format(extra="class Dump(MethodView):\n    def get(self):\n        return ledger.dump()\n\n", api="Api",
                                 routes="    api_bp.add_url_rule('/dump', view_func=Dump.as_view('dump'))\n", expect="  # expect: PRR104")),
    Example(_RESTFUL_ONLY.format(extra="class ErrorsToFlask(Api):\n    def handle_error(self, e):\n        raise e\n\n", api="ErrorsToFlask",
                                 routes="", expect="  # expect: PRR104")),
    Example(_RESTFUL_ONLY.format(extra="", api="Api", routes="    app.config['PROPAGATE_EXCEPTIONS'] = True\n", expect="  # expect: PRR104")),
    # on a flask-restx Api, a 4xx answer for every error is not logged, nor a response object it returns as it is
    Example("from flask import Flask\nfrom flask_restx import Api\napp = Flask(__name__)\napi = Api(app)\n\n"
            "@api.errorhandler(Exception)\ndef on_error(e):  # expect: PRR104\n    return {'message': str(e)}, 400\n"),
    Example("from flask import Flask, Response\nfrom flask_restx import Api\napp = Flask(__name__)\napi = Api(app)\n\n"
            "@api.errorhandler(Exception)\ndef on_error(e):  # expect: PRR104\n    return Response('internal', status=500)\n"),
    # the stack formatted into the response body, or printed into a buffer: it reaches the client, no log
    Example("import traceback\nfrom flask import Flask, jsonify\napp = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef handle_exception(e):  # expect: PRR104\n"
            "    return jsonify(error='internal', trace=traceback.format_exc()), 500\n"),
    Example("import io\nimport traceback\nfrom flask import Flask\napp = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef handle_exception(e):  # expect: PRR104\n"
            "    buffer = io.StringIO()\n    traceback.print_exc(file=buffer)\n    return {'error': 'internal', 'trace': buffer.getvalue()}, 500\n"),
    # the stack printed only when a debug setting is on: a developer's output, off in production
    Example("import traceback\nfrom flask import Flask, jsonify\napp = Flask(__name__)\ndebug_api = app.config['API_DEBUG'] == 'true'\n\n"
            "@app.errorhandler(Exception)\ndef basic_error(e):  # expect: PRR104\n    if debug_api:\n"
            "        print(traceback.format_exc())  # expect: PRR401\n    return jsonify(error=f'{type(e).__name__}: {e}')\n"),
    Example("from flask import Flask\napp = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef on_error(e):  # expect: PRR104\n    return {'error': 'internal'}, 500\n"),
    Example("from flask import Blueprint\nbp = Blueprint('api', __name__)\n\n@bp.app_errorhandler(Exception)\ndef on_error(e):  # expect: PRR104\n    return {'error': 'internal'}, 500\n"),
    # a blueprint's own handler of a subclass takes it in the blueprint's views only: raised unreported by a view
    # of the app, it reaches the app's handler of its base (the base's other raise comes after a report)
    Example(
        "import logging\nfrom flask import Blueprint, Flask, jsonify\nlog = logging.getLogger(__name__)\n"
        "app = Flask(__name__)  # prr-lint: ignore[PRR201,PRR206,PRR405] not this example's point\nreports = Blueprint('reports', __name__)\n\nclass StoreError(Exception):\n    pass\n\n"
        "class LedgerError(StoreError):\n    pass\n\n@app.route('/items')\ndef items():\n    try:\n        return jsonify(fetch())\n"
        "    except OSError as exc:\n        log.exception('fetching items failed')\n        raise StoreError('store unavailable') from exc\n\n"
        "@app.route('/ledger')\ndef ledger():\n    if not ledger_ready():\n        raise LedgerError('ledger closed')\n    return jsonify([])\n\n"
        "@reports.errorhandler(LedgerError)\ndef on_ledger_error(error):\n    return jsonify(detail='ledger'), 409\n\n"
        "@app.errorhandler(StoreError)\ndef on_store_error(error):  # expect: PRR104\n    return jsonify(detail=str(error)), 503\n"
    ),
    Example("from fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\nfrom sqlalchemy.exc import SQLAlchemyError\napp = FastAPI()\n\n@app.exception_handler(SQLAlchemyError)\nasync def on_db_error(request, exc):  # expect: PRR104\n    return JSONResponse({'error': 'database'}, status_code=503)\n"),
    Example("def on_error(e):  # expect: PRR104\n    return 'oops', 500\n\ndef create_app(app):\n    app.register_error_handler(Exception, on_error)\n"),
    # the database out of connections beside it stays a dependency failure
    Example("from asyncpg.exceptions import InsufficientPrivilegeError, TooManyConnectionsError\nfrom fastapi import FastAPI\n"
            "from fastapi.responses import JSONResponse\napp = FastAPI()\n\n"
            "async def unavailable(request, exc):  # expect: PRR104\n    return JSONResponse({'detail': 'try again'}, status_code=503)\n\n"
            "app.add_exception_handler(TooManyConnectionsError, unavailable)\n"),
    Example(
        "from aiohttp import web\n\n@web.middleware\nasync def errors(request, handler):\n    try:\n"
        "        return await handler(request)\n    except Exception:  # expect: PRR104\n"
        "        return web.json_response({'error': 'internal'}, status=500)\n"
    ),
    # the `try` runs the handler through a name bound from it
    Example(
        "import functools\nfrom aiohttp import web\n\n@web.middleware\nasync def errors(request, handler):\n"
        "    call = functools.partial(handler, request)\n    try:\n        return await call()\n"
        "    except Exception:  # expect: PRR104\n        return web.json_response({'error': 'internal'}, status=500)\n"
    ),
    # the shortcut names `info`: the error goes out below the report level
    Example(
        "import logging\nfrom flask import Flask\nlogging.Logger.i = logging.Logger.info\nLOG = logging.getLogger(__name__)\n"
        "app = Flask(__name__)\n\n@app.errorhandler(Exception)\ndef on_error(e):  # expect: PRR104\n    LOG.i(e)\n"
        "    return {'error': 'internal'}, 500\n"
    ),
    # what the request holds under that key is the project's own object, not a logger
    Example(
        "from aiohttp import web\n\nclass Audit:\n    def error(self, message):\n        self.last = message\n\n"
        "@web.middleware\nasync def audit(request, handler):\n    request['audit'] = Audit()\n    return await handler(request)\n\n"
        "@web.middleware\nasync def errors(request, handler):\n    try:\n        return await handler(request)\n"
        "    except Exception:  # expect: PRR104\n        request['audit'].error('failed')\n"
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
    # the same handler when a route raises the class without reporting it
    Example(
        "from celery import shared_task\nfrom flask import Blueprint, jsonify\nbp = Blueprint('v2', __name__)\n\n"
        "class JobIncomplete(Exception):\n    pass\n\n@shared_task\ndef check_jobs(stuck):\n    if stuck:\n"
        "        raise JobIncomplete(f'jobs {stuck} have not completed')\n\n@bp.route('/jobs/<job>')\ndef job(job):\n"
        "    if job == 'stuck':\n        raise JobIncomplete(job)\n    return jsonify([])\n\n"
        "@bp.errorhandler(JobIncomplete)\ndef on_incomplete(error):  # expect: PRR104\n    return jsonify(error=str(error)), 500\n"
    ),
    # the own handler logs at debug, the helper's default level is debug, the caller re-raises: the cause is lost
    Example(_OWN_HANDLER.format(level="debug", expect="  # expect: PRR104")),
    Example(_DEFAULT_LEVEL.format(level="DEBUG", expect="  # expect: PRR104")),
    Example(_CALLERS_CATCH.format(ending="raise", expect="  # expect: PRR104")),
    # the placeholder logger's helper logs at info without the traceback attached
    Example(_PLACEHOLDER_LOGGER.format(level="info", expect="  # expect: PRR104")),
    # the helper that writes its parameter to stderr is handed the message alone
    Example(_OUTPUT_HELPER.format(what="str(e)", expect="  # expect: PRR104")),
    # the writer start-up code sets logs at info
    Example(_REBOUND_WRITER.format(level="info", expect="  # expect: PRR104")),
    # the traceback handed to a helper that writes nothing, or one that writes it only under `if verbose:`
    Example(
        "import traceback\nfrom flask import Flask\napp = Flask(__name__)\n\ndef log_message(message):\n    return len(message)\n\n"
        "@app.errorhandler(Exception)\ndef on_error(e):  # expect: PRR104\n    log_message(traceback.format_exc())\n"
        "    return 'internal error', 500\n"
    ),
    Example(
        "import sys, traceback\nfrom flask import Flask\napp = Flask(__name__)\n\ndef log_message(message, verbose=False):\n"
        "    if verbose:\n        sys.stderr.write(message)\n\n"
        "@app.errorhandler(Exception)\ndef on_error(e):  # expect: PRR104\n    log_message(traceback.format_exc())\n"
        "    return 'internal error', 500\n"
    ),
    # a 4xx answer for every error, or for a dependency's failure, silences server faults
    Example(
        "from django.db import OperationalError\nfrom rest_framework.response import Response\n"
        "from rest_framework.views import exception_handler\n\n"
        "def api_exception_handler(exc, context):  # expect: PRR104\n    response = exception_handler(exc, context)\n"
        "    if response is None and isinstance(exc, (ValueError, OperationalError)):\n"
        "        return Response({'detail': 'bad'}, status=400)\n    return response\n"
    ),
    # ... or a status of the handler's own choosing, or the one a dependency's error carries
    Example(
        "from rest_framework.response import Response\nfrom rest_framework.views import exception_handler\n\n"
        "class ServiceError(Exception):\n    status = 400\n\n"
        "def api_exception_handler(exc, context):  # expect: PRR104\n    if isinstance(exc, ServiceError):\n"
        "        return Response({'detail': str(exc)}, status=503)\n    return exception_handler(exc, context)\n"
    ),
    Example(
        "import requests\nfrom rest_framework.response import Response\nfrom rest_framework.views import exception_handler\n\n"
        "def api_exception_handler(exc, context):  # expect: PRR104\n    if isinstance(exc, requests.HTTPError):\n"
        "        return Response({'detail': str(exc)}, status=exc.response.status_code)\n"
        "    return exception_handler(exc, context)\n"
    ),
    # drf-standardized-errors' handler reports, but not the 503 the handler answers a dependency's failure with before it,
    # nor the 500 of the path that never reaches it; nor does it through a subclass whose `report_exception` reports nothing
    Example("from django.db import DatabaseError\n" + _STANDARDIZED +
            "def api_errors(exc, context):  # expect: PRR104\n    if isinstance(exc, DatabaseError):\n"
            "        return Response({'detail': 'try again later'}, status=503)\n    return exception_handler(exc, context)\n"),
    Example(_STANDARDIZED + "def api_errors(exc, context):  # expect: PRR104\n    if context['request'].path.startswith('/api/'):\n"
            "        return exception_handler(exc, context)\n    return Response({'detail': 'error'}, status=500)\n"),
    Example("from django.http import Http404\n" + _STANDARDIZED +
            "DRF_STANDARDIZED_ERRORS = {'EXCEPTION_HANDLER_CLASS': 'service.example.QuietErrors'}\n\n"
            "class QuietErrors(ExceptionHandler):\n    def report_exception(self, exc, response):\n        self.context['view'].failed = True\n\n"
            "def api_errors(exc, context):  # expect: PRR104\n    if isinstance(exc, Http404):\n"
            "        return Response({'detail': 'no such page'}, status=404)\n    return exception_handler(exc, context)\n"),
    # ... nor beside DRF's own: an `or` of isinstance tests with a dependency's failure, a tuple whose classes are not read
    Example(
        "from django.db import DatabaseError\nfrom django.http import Http404\nfrom rest_framework.response import Response\n"
        "from rest_framework.views import exception_handler\n\n"
        "def api_exception_handler(exc, context):  # expect: PRR104\n    if isinstance(exc, Http404) or isinstance(exc, DatabaseError):\n"
        "        return Response({'detail': 'bad'}, status=400)\n    return exception_handler(exc, context)\n"
    ),
    Example(
        "from rest_framework.response import Response\nfrom rest_framework.views import exception_handler\n\n"
        "CLIENT_ERRORS = (ValueError, Exception)\n\n"
        "def api_exception_handler(exc, context):  # expect: PRR104\n    if isinstance(exc, CLIENT_ERRORS):\n"
        "        return Response({'detail': 'bad'}, status=400)\n    return exception_handler(exc, context)\n"
    ),
    # ... or for every error but one class: the body of `if not isinstance(...)` runs for server faults
    Example(
        "from django.core.exceptions import ValidationError\nfrom rest_framework.response import Response\n"
        "from rest_framework.views import exception_handler\n\n"
        "def api_exception_handler(exc, context):  # expect: PRR104\n    response = exception_handler(exc, context)\n"
        "    if response is None and not isinstance(exc, ValidationError):\n"
        "        return Response({'detail': 'bad request'}, status=400)\n    return response\n"
    ),
    Example(
        "import grpc\n\nclass Errors(grpc.ServerInterceptor):\n    def intercept_service(self, continuation, details):\n"
        "        handler = continuation(details)\n\n        def wrapper(request, context):\n            try:\n"
        "                return handler.unary_unary(request, context)\n            except Exception:  # expect: PRR104\n"
        "                context.abort(grpc.StatusCode.INTERNAL, 'internal error')\n\n"
        "        return grpc.unary_unary_rpc_method_handler(wrapper)\n"
    ),
    # ... and called with it left off (its default): the message only
    Example(
        "import logging, traceback\nfrom flask import Blueprint\nbp = Blueprint('api', __name__)\nlog = logging.getLogger(__name__)\n\n"
        "def log_failure(message, with_trace=False):\n    log.warning(message)\n    if with_trace:\n"
        "        traceback.print_exc()\n\n@bp.errorhandler(Exception)\ndef on_error(e):  # expect: PRR104\n"
        "    log_failure(f'request failed: {e}')\n    return {'error': 'internal'}, 500\n"
    ),
    # the behaviour reaches the swallowing wrapper through a wrapper factory another method calls with it
    Example(
        "import grpc\n\nclass Guard(grpc.ServerInterceptor):\n    def intercept_service(self, continuation, details):\n"
        "        def guarded(behaviour):\n            def run(request, context):\n                try:\n"
        "                    return behaviour(request, context)\n                except Exception:  # expect: PRR104\n"
        "                    context.abort(grpc.StatusCode.INTERNAL, 'failed')\n            return run\n\n"
        "        return self._rewrap(continuation(details), guarded)\n\n"
        "    def _rewrap(self, handler, wrap):\n        return grpc.unary_unary_rpc_method_handler(wrap(handler.unary_unary))\n"
    ),
    Example(
        "from grpc import aio\n\nclass Quiet(aio.ServerInterceptor):\n    async def intercept_service(self, continuation, details):\n"
        "        try:\n            return await continuation(details)\n        except Exception:  # expect: PRR104\n            return None\n"
    ),
)
