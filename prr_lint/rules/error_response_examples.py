"""PRR103's documented examples (error_responses.py): what the rule leaves alone and what it reports,
kept apart so the rule's module stays short. Each is a test and a line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

_HELPER_LOGS = (  # examples: a project exception raised after a helper logs at `level`
    "import logging, requests\nfrom werkzeug.exceptions import ServiceUnavailable\nlog = logging.getLogger(__name__)\n\nclass "
    "RequestFailed(Exception):\n    pass\n\ndef _log_failure(exc, what):\n    log.{level}('%s failed', what)\n\n"
    "def register(url):\n    try:\n        requests.put(url, timeout=5).raise_for_status()\n    except requests.RequestException as exc:\n"
    "        _log_failure(exc, 'registering')\n        raise RequestFailed(exc)\n\n"
    "def view(url):\n    try:\n        register(url)\n    except RequestFailed:{expect}\n        raise ServiceUnavailable('try again later')\n")

_PICKED_LEVEL = (  # examples: an app factory registers an HTTPException handler that logs at a level it picks
    "import logging\nfrom fastapi import FastAPI, HTTPException\nfrom fastapi.exception_handlers import http_exception_handler as default\n"
    "log = logging.getLogger(__name__)\n\nasync def on_http_error(request, exc):\n"
    "    log_method = log.{low} if exc.status_code < 500 else log.{high}\n    log_method('HTTP error', extra={{'detail': exc.detail}})\n"
    "    return await default(request, exc)\n\n"
    "def create_app():\n    app = FastAPI()  # prr-lint: ignore[PRR201,PRR206] not this example's point\n"
    "    app.add_exception_handler(HTTPException, on_http_error)\n    app.get('/tables/{{name}}')(table)\n    return app\n\n"
    "async def table(name: str):\n    try:\n        return await load(name)\n"
    "    except Exception as e:{expect}\n        raise HTTPException(status_code=500, detail=f'loading failed: {{e}}')\n")

_CLIENT_TOKEN = (  # examples: a view decodes a token, the client's or the service's own
    "import jwt\nfrom flask import current_app, request\n\ndef user_id():\n    token = {source}\n    try:\n"
    "        data = jwt.decode(token, current_app.config['SECRET_KEY'], algorithms=['HS256'])\n"
    "        return {{'user_id': data.get('identity')}}, 200\n    except UnicodeDecodeError:{expect}\n"
    "        return {{'message': 'cannot read the token'}}, 500\n")

EXAMPLES_LEFT_ALONE = (
    # errs18 class 3: the only RuntimeError on the path is the code's own refusal (no dependency raises one for an outage)
    Example("from http import HTTPStatus\n\ndef search(index, term):\n    if index == 'table':\n        return find(term)\n    else:\n"
            "        raise RuntimeError(f'the {index} has no filter support')\n\nclass SearchAPI:\n    def post(self, term):\n        try:\n"
            "            return search('table', term), HTTPStatus.OK\n        except RuntimeError:\n"
            "            return {'message': 'search failed'}, HTTPStatus.INTERNAL_SERVER_ERROR\n"),
    # errs18: `raise e` before the answer: the abort never runs, the framework logs the propagated error
    Example("from flask import abort\n\ndef translate(q):\n    try:\n        return run(q)\n    except Exception as e:\n        raise e\n        abort(500, description=str(e))\n"),
    # the client's value names no row: the status is the designed reply
    Example("from rest_framework.response import Response\nfrom rest_framework import status\nfrom svc.models import Platform\n\ndef webhook(request, data):\n    try:\n        platform = Platform.objects.get(slug=data[\"platform\"][\"slug\"])\n    except Platform.DoesNotExist:\n        return Response(status=status.HTTP_501_NOT_IMPLEMENTED)\n    return Response(platform.pk)\n", path="svc/api/views.py"),
    # tornado logs the HTTPError's message at warning and the 5xx in its access log
    Example("from tornado import web\n\nclass LaunchHandler(web.RequestHandler):\n    async def post(self):\n        try:\n            await self.launch()\n        except TimeoutError:\n            raise web.HTTPError(500, \"launch took too long\")\n"),
    Example("import logging\nlog = logging.getLogger(__name__)\n\ndef view():\n    try:\n        return save(), 201\n    except Exception:\n        log.exception('save failed')\n        return {'error': 'internal'}, 500\n"),
    Example("def view():\n    try:\n        return save(), 201\n    except ValueError:\n        return {'error': 'bad input'}, 400\n"),
    Example("from fastapi import HTTPException\n\ndef view():\n    try:\n        return save()\n    except KeyError:\n        raise HTTPException(status_code=404)\n"),
    Example("import grpc\n\nclass S:\n    def Get(self, req, context):\n        try:\n            return load(req)\n        except KeyError:\n            context.abort(grpc.StatusCode.NOT_FOUND, 'no such thing')\n"),
    # flask-restful's Api.handle_error logs the 503 with the caught error chained to it
    Example("import stripe\nfrom flask_restful import Resource, abort\n\nclass Card(Resource):\n    def post(self):\n        try:\n            return charge()\n        except stripe.error.APIConnectionError:\n            abort(503, message='Cannot contact Stripe')\n"),
    # the warning carries the exception; Django's django.request logs the 500 itself
    Example("import logging\nfrom django.http import HttpResponseServerError\nlogger = logging.getLogger(__name__)\n\ndef view(request):\n    try:\n        return send(request)\n    except Exception as e:\n        logger.warning(f'emailing failed: {e!s}')\n        return HttpResponseServerError('check the logs')\n"),
    # the warning carries the exception through a name assigned from it
    Example("import logging\nfrom flask import abort\nlogger = logging.getLogger(__name__)\n\ndef run(command):\n    try:\n        command()\n    except Exception as e:\n        error = f'command failed: {e}'\n        logger.warning(error)\n        abort(500, description=error)\n"),
    # the project exception is raised only after the error was logged (through a translation)
    Example(
        "import logging\nfrom django.http import HttpResponse\nlog = logging.getLogger(__name__)\n\n"
        "class GetObjectError(Exception):\n    pass\n\nclass GetBodyError(Exception):\n    pass\n\n"
        "def get_object(key):\n    try:\n        return fetch(key)\n    except Exception as e:\n        log.exception('get_object failed')\n        raise GetObjectError() from e\n\n"
        "def body(key):\n    try:\n        return get_object(key)\n    except GetObjectError as e:\n        raise GetBodyError() from e\n\n"
        "def view(request):\n    try:\n        return body('k')\n    except GetBodyError:\n        return HttpResponse(status=503)\n"
    ),
    # a health probe answers 503: the orchestrator is its report channel
    # Django's handler500: the error was logged before the page renders
    Example(
        "import sys\nfrom django.http import HttpResponseServerError\nfrom django.template import loader, TemplateDoesNotExist\n\n"
        "def server_error(request, template_name='500.html'):\n    try:\n        template = loader.get_template(template_name)\n"
        "    except TemplateDoesNotExist:\n        return HttpResponseServerError('<h1>Server Error (500)</h1>')\n"
        "    type_, error = sys.exc_info()[:2]\n    return HttpResponseServerError(template.render({'exception': str(type_)}))\n"
    ),
    # Sentry initialised in a FastAPI app: its Starlette integration captures the raised 5xx with its cause
    Example("import sentry_sdk\nfrom fastapi import FastAPI, HTTPException\n\napp = FastAPI()\nsentry_sdk.init(dsn='https://key@sentry.example/1')\n\n"
            "def delete_license(session, license_id):\n    try:\n        session.delete(license_id)\n    except Exception as e:\n        raise HTTPException(status_code=500, detail='Deletion failed') from e\n"),
    Example("from fastapi import APIRouter, HTTPException\nrouter = APIRouter()\n\n@router.get('/healthz')\nasync def probe(session):\n    try:\n        await session.execute('SELECT 1')\n    except Exception as e:\n        raise HTTPException(status_code=503, detail='db down') from e\n"),
    # raised after a report, or by a circuit breaker's check: nothing was caught, nothing is lost
    Example(
        "import logging\nfrom django.http import HttpResponse\nlog = logging.getLogger(__name__)\n\n"
        "class UpstreamError(Exception):\n    pass\n\n"
        "def fetch(key):\n    try:\n        return get(key)\n    except Exception as e:\n        log.exception('get failed')\n        raise UpstreamError() from e\n\n"
        "def fetch_fast(key):\n    if not breaker.healthy():\n        raise UpstreamError()\n    return fetch(key)\n\n"
        "def view(request):\n    try:\n        return fetch_fast('k')\n    except UpstreamError:\n        return HttpResponse(status=503)\n"
    ),
    # the class is raised only after a helper of the project logged the error
    Example(_HELPER_LOGS.format(level="exception", expect="")),
    # a class raised only by input validation: a check, or a parse error of a value
    Example(
        "from flask import abort\n\nclass CreateError(Exception):\n    pass\n\n"
        "def create(data):\n    if data.get('initial') is None:\n        raise CreateError('missing initial value')\n"
        "    try:\n        value = float(data['initial'])\n    except ValueError:\n        raise CreateError('invalid initial value')\n    return save(value)\n\n"
        "def view(data):\n    try:\n        return create(data)\n    except CreateError as e:\n        abort(500, str(e))\n"
    ),
    # the stack printed to stderr before a Flask 500 (collected with the service's logs); the same before a
    # DRF 500, which django.request logs too; a client's value refused
    Example("import traceback\nimport requests\nfrom flask import jsonify\n\ndef quote(sku):\n    try:\n        return requests.get(f'http://prices/{sku}', timeout=3).json()\n    except Exception:\n        traceback.print_exc()  # prr-lint: ignore[PRR401] the stack on stderr\n        return jsonify(error='pricing failed'), 500\n"),
    Example("import traceback\nfrom rest_framework.response import Response\nfrom service.ai import ask\n\ndef suggest(request):\n    try:\n        return Response(ask(request.data))\n    except Exception as err:\n        traceback.print_exc()  # prr-lint: ignore[PRR401] the stack with the 500 answer\n        return Response({'error': str(err)}, status=500)\n"),
    Example("from decimal import Decimal, InvalidOperation\nfrom rest_framework.exceptions import APIException\n\ndef amount_of(request):\n    try:\n        return Decimal(str(request.data.get('amount', 1)))\n    except (InvalidOperation, ValueError):\n        raise APIException('amount must be a number')\n"),
    # an HTTPException handler of the app's logs every 5xx it answers (with the detail the route gave)
    Example(
        "import logging\nfrom fastapi import FastAPI, HTTPException\nfrom fastapi.responses import JSONResponse\n"
        "from starlette.exceptions import HTTPException as StarletteHTTPException\nlog = logging.getLogger(__name__)\napp = FastAPI()  # prr-lint: ignore[PRR201,PRR206] not this example's point\n\n"
        "async def on_http_error(request, exc):\n    if exc.status_code >= 500:\n        log.error('%s: %s', request.url.path, exc.detail)\n"
        "    return JSONResponse({'detail': exc.detail}, status_code=exc.status_code)\n\n"
        "app.add_exception_handler(StarletteHTTPException, on_http_error)\n\n"
        "@app.get('/tables/{name}')\nasync def table(name: str):\n    try:\n        return await load(name)\n"
        "    except Exception as e:\n        raise HTTPException(status_code=500, detail=f'loading failed: {e}')\n"
    ),
    # the try only decodes the token the client sent: a malformed token is the client's error
    Example(_CLIENT_TOKEN.format(source="request.headers['Authorization'].split(' ')[1]", expect="")),
    # the handler picks its logger method by status (error from 500 up), registered in an app factory
    Example(_PICKED_LEVEL.format(low="warning", high="error", expect="")),
)

EXAMPLES_REPORTED = (
    # the stack formatted into the answer goes to the client, into no log
    Example("import traceback\nimport requests\nfrom flask import jsonify\n\ndef quote(sku):\n    try:\n        return requests.get(f'http://prices/{sku}', timeout=3).json()\n    except Exception:  # expect: PRR103\n        return jsonify(error='pricing failed', trace=traceback.format_exc()), 500\n"),
    # errs18 class 3 kept: one RuntimeError of the project's translates a caught OSError without a report
    Example("from http import HTTPStatus\n\ndef load(path):\n    if not path:\n        raise RuntimeError('no path')\n    try:\n"
            "        return open(path).read()\n    except OSError:\n        raise RuntimeError('cannot read ' + path)\n\n"
            "class FileAPI:\n    def get(self, path):\n        try:\n            return load(path), HTTPStatus.OK\n"
            "        except RuntimeError:  # expect: PRR103\n            return {'message': 'read failed'}, HTTPStatus.INTERNAL_SERVER_ERROR\n"),
    # errs18: a re-raise only in a branch leaves the 5xx answer reachable
    Example("from flask import abort\n\ndef translate(q, strict):\n    try:\n        return run(q)\n    except Exception as e:  # expect: PRR103\n        if strict:\n            raise e\n        abort(500, description=str(e))\n"),
    # a template the deployment lacks is the service's own failure
    Example("from flask import render_template, abort\nfrom jinja2 import TemplateNotFound\n\ndef page():\n    try:\n        return render_template(\"granted.html\")\n    except TemplateNotFound:  # expect: PRR103\n        abort(500)\n", path="svc/views.py"),
    # a tornado HTTPError with no message: the cause is in no log
    Example("from tornado import web\n\nclass LaunchHandler(web.RequestHandler):\n    async def post(self):\n        try:\n            await self.launch()\n        except TimeoutError:  # expect: PRR103\n            raise web.HTTPError(500)\n"),
    # a ValueError out of the project's own code: it may be a bug
    Example("from django.http import JsonResponse\nfrom service.search import find_entities\n\ndef entities(request):\n    try:\n        return JsonResponse({'found': find_entities(request.POST)})\n    except ValueError as error:  # expect: PRR103\n        return JsonResponse({'message': f'{error}'}, status=500)\n"),
    Example("def view():\n    try:\n        return save(), 201\n    except Exception:  # expect: PRR103\n        return {'error': 'internal'}, 500\n"),
    # a project exception that is also raised from a handler that reported nothing: the cause is lost
    Example(
        "import logging\nfrom django.http import HttpResponse\nlog = logging.getLogger(__name__)\n\n"
        "class UpstreamError(Exception):\n    pass\n\n"
        "def fetch(key):\n    try:\n        return get(key)\n    except Exception as e:\n        log.exception('get failed')\n        raise UpstreamError() from e\n\n"
        "def fetch_fast(key):\n    try:\n        return read_replica(key)\n    except OSError:\n        raise UpstreamError()\n\n"
        "def view(request):\n    try:\n        return fetch_fast('k')\n    except UpstreamError:  # expect: PRR103\n        return HttpResponse(status=503)\n"
    ),
    # the helper the raise site calls logs below error level: the cause is not reported
    Example(_HELPER_LOGS.format(level="debug", expect="  # expect: PRR103")),
    # a Django view that returns a 5xx and logs nothing: django.request logs the 500, not its cause
    Example("from django.http import HttpResponseServerError\n\ndef view(request):\n    try:\n        return send(request)\n    except Exception:  # expect: PRR103\n        return HttpResponseServerError('try later')\n"),
    Example("from flask import abort\n\ndef view():\n    try:\n        return save()\n    except ValueError:  # expect: PRR103\n        abort(503)\n"),
    # a Resource that returns its 5xx: handle_error never sees it
    Example("from flask_restful import Resource\n\nclass Card(Resource):\n    def post(self):\n        try:\n            return charge()\n        except ConnectionError:  # expect: PRR103\n            return {'error': 'try later'}, 503\n"),
    Example("from fastapi import HTTPException, status\n\ndef view():\n    try:\n        return save()\n    except Exception:  # expect: PRR103\n        raise HTTPException(status_code=status.HTTP_500_INTERNAL_SERVER_ERROR)\n"),
    # Sentry in the app, but the 5xx is returned: the integration never sees it
    Example("import sentry_sdk\nfrom fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\n\napp = FastAPI()\nsentry_sdk.init(dsn='https://key@sentry.example/1')\n\n"
            "def unlink(session, team_id):\n    try:\n        session.delete(team_id)\n    except Exception as e:  # expect: PRR103\n        return JSONResponse({'Error': str(e)}, status_code=500)\n"),
    Example("from starlette.responses import JSONResponse\n\nasync def view(request):\n    try:\n        return JSONResponse(await save(request))\n    except Exception:  # expect: PRR103\n        return JSONResponse({'error': 'x'}, status_code=502)\n"),
    Example("import grpc\n\nclass S:\n    def Get(self, req, context):\n        try:\n            return load(req)\n        except Exception as e:  # expect: PRR103\n            context.abort(grpc.StatusCode.INTERNAL, str(e))\n"),
    Example("from werkzeug.exceptions import ServiceUnavailable\n\ndef view():\n    try:\n        return save()\n    except ConnectionError:  # expect: PRR103\n        raise ServiceUnavailable()\n"),
    # the app's HTTPException handler only shapes the answer: the cause reaches no log
    Example(
        "from fastapi import FastAPI, HTTPException\nfrom fastapi.responses import JSONResponse\napp = FastAPI()  # prr-lint: ignore[PRR201,PRR206] not this example's point\n\n"
        "@app.exception_handler(HTTPException)\nasync def on_http_error(request, exc):\n"
        "    return JSONResponse({'error': exc.detail}, status_code=exc.status_code)\n\n"
        "@app.get('/tables/{name}')\nasync def table(name: str):\n    try:\n        return await load(name)\n"
        "    except Exception:  # expect: PRR103\n        raise HTTPException(status_code=500)\n"
    ),
    # the token is the service's own (read from its config store): a failure there is the service's
    Example(_CLIENT_TOKEN.format(source="current_app.config['SERVICE_TOKEN']", expect="  # expect: PRR103")),
    # the handler picks its logger method by status, but neither logs at error level
    Example(_PICKED_LEVEL.format(low="debug", high="warning", expect="  # expect: PRR103")),
)
