"""PRR104 across modules: a project class whose raises never reach the app's handler (project/contained_raises.py),
raised after a project helper reported (raise_marks.py, handed_levels.py), or answered by a handler that reports
through a helper whose module logger the launcher sets (sinks.is_logger)."""

from __future__ import annotations

from tests.test_errors_family import lint

APP = (
    "from fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\nfrom svc.errors import Unavailable\n"
    "from svc.bootstrap import bootstrap\napp = FastAPI()\n\n"
    "@app.post('/login/{org}')\nasync def login(org: int):\n    return {'ready': await bootstrap(org)}\n\n"
    "@app.exception_handler(Unavailable)\nasync def on_unavailable(request, exc):\n"
    "    return JSONResponse({'detail': 'try again later'}, status_code=503)\n"
)
ERRORS = "class Unavailable(ConnectionError):\n    pass\n"
CLIENT = (
    "from svc.errors import Unavailable\n\nclass Client:\n    async def domain(self, org):\n"
    "        if not await allocate(org):\n            raise Unavailable('domain')\n        return org\n\nclient = Client()\n"
)
PROVISION = "from svc.client import client\n\nasync def provision(org):\n    return await client.domain(org)\n"
BOOTSTRAP = (
    "import logging\nfrom svc.provisioning import provision\nlog = logging.getLogger(__name__)\n\n"
    "async def bootstrap(org):\n    try:\n        await provision(org)\n    except Exception:\n"
    "        log.error('provisioning %s failed', org, exc_info=True)\n        {ending}\n    return True\n"
)
TEST = "import pytest\nfrom svc.client import client\n\nasync def test_domain():\n    assert await client.domain(1)\n"


def _project(ending: str, **extra: str) -> dict:
    files = {"svc/app.py": APP, "svc/errors.py": ERRORS, "svc/client.py": CLIENT, "svc/provisioning.py": PROVISION,
             "svc/bootstrap.py": BOOTSTRAP.replace("{ending}", ending), "tests/test_client.py": TEST}
    files.update(extra)
    return files


def _prr104(files: dict) -> list:
    return [finding for finding in lint(files, select="PRR104") if finding[0] == "PRR104"]


def test_raise_two_calls_below_a_caller_that_takes_every_exception_reaches_no_handler() -> None:
    assert _prr104(_project("return False")) == []


def test_a_caller_that_raises_again_keeps_the_finding() -> None:
    assert _prr104(_project("raise")) == [("PRR104", "svc/app.py", 12)]


def test_a_route_that_calls_the_raiser_outside_any_try_keeps_the_finding() -> None:
    direct = APP.replace("from svc.bootstrap import bootstrap\n", "from svc.bootstrap import bootstrap\nfrom svc.client import client\n") + (
        "\n@app.get('/domain/{org}')\nasync def domain(org: int):\n    return await client.domain(org)\n")
    assert _prr104(_project("return False", **{"svc/app.py": direct})) == [("PRR104", "svc/app.py", 13)]


def test_a_raiser_handed_on_as_a_value_keeps_the_finding() -> None:
    handed = PROVISION + "\nasync def later(org):\n    schedule(client.domain, org)\n"
    assert _prr104(_project("return False", **{"svc/provisioning.py": handed})) == [("PRR104", "svc/app.py", 12)]


LAUNCHER = (
    "import logging\nfrom flask import Flask\nimport svc.utils as utils\n\napp = Flask(__name__)\n"
    "utils.log = logging.getLogger('wopi')\n\n@app.errorhandler(Exception)\ndef on_error(ex):\n"
    "    return utils.log_exception_and_answer(ex)\n"
)
UTILS = (
    "import traceback\nlog = None\n\ndef log_exception_and_answer(ex):\n"
    "    log.{level}('unexpected error: %s', traceback.format_exc())\n    return 'internal error', 500\n"
)


def test_handler_reports_through_a_helper_of_a_module_aliased_import_whose_logger_is_set_later() -> None:
    files = {"svc/server.py": LAUNCHER, "svc/utils.py": UTILS.replace("{level}", "critical")}
    assert _prr104(files) == []


def test_the_same_helper_logging_at_info_reports_nothing() -> None:
    files = {"svc/server.py": LAUNCHER, "svc/utils.py": UTILS.replace("{level}", "info")}
    assert _prr104(files) == [("PRR104", "svc/server.py", 9)]


OWN_TRY = (
    "import logging\nfrom fastapi import FastAPI\nfrom fastapi.responses import JSONResponse\napp = FastAPI()\n"
    "log = logging.getLogger(__name__)\n\nclass Unavailable(ConnectionError):\n    pass\n\n"
    "@app.get('/price')\ndef price():\n    try:\n        if not ready():\n            raise Unavailable('price')\n        return 1\n"
    "{handlers}\n\n@app.exception_handler(Unavailable)\nasync def on_unavailable(request, exc):\n"
    "    return JSONResponse({{'detail': 'later'}}, status_code=503)\n"
)


def test_a_first_handler_that_takes_every_exception_reports_the_raise_of_its_try() -> None:
    handlers = "    except Exception:\n        log.exception('pricing failed')\n        raise"
    assert _prr104({"svc/app.py": OWN_TRY.format(handlers=handlers)}) == []


def test_a_handler_for_every_exception_after_one_that_may_take_a_base_class_is_not_the_one() -> None:
    handlers = "    except ConnectionError:\n        raise\n    except Exception:\n        log.exception('pricing failed')\n        raise"
    assert _prr104({"svc/app.py": OWN_TRY.format(handlers=handlers)}) == [("PRR104", "svc/app.py", 23)]
