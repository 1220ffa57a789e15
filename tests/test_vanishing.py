"""PRR107: failure statuses that serving callers drop, and retry loops that give up silently."""

from __future__ import annotations

import pytest

from conftest import lint_sources

MAIL = (
    "import logging\nimport smtplib\nfrom svc.reporting import report\nlog = logging.getLogger(__name__)\n\n"
    "def send(to):\n    try:\n        smtplib.SMTP('relay', 25, timeout=5).sendmail('a', [to], 'x')\n"
    "    except smtplib.SMTPException as exc:\n        return False, str(exc)\n    return True, 'sent'\n\n"
    "def send_logged(to):\n    try:\n        smtplib.SMTP('relay', 25, timeout=5).sendmail('a', [to], 'x')\n"
    "    except smtplib.SMTPException as exc:\n        log.warning('mail to %s failed: %s', to, exc)\n        return False\n    return True\n\n"
    "def send_reported(to):\n    try:\n        smtplib.SMTP('relay', 25, timeout=5).sendmail('a', [to], 'x')\n"
    "    except smtplib.SMTPException as exc:\n        report(exc)\n        return False\n    return True\n"
)
REPORTING = "import sentry_sdk\n\ndef report(exc):\n    sentry_sdk.capture_exception(exc)\n"
VIEWS = "from flask import Blueprint\nfrom svc import mail\nbp = Blueprint('b', __name__)\n\n"


def _found(views: str, extra: dict = None):
    files = {"svc/__init__.py": "", "svc/mail.py": MAIL, "svc/reporting.py": REPORTING, "svc/views.py": VIEWS + views, **(extra or {})}
    result = lint_sources(files, select=["PRR107"])
    return result, [(f.path, f.span.line) for f in result.findings]


def test_a_status_dropped_by_a_serving_caller_is_reported_at_the_handler() -> None:
    result, found = _found("@bp.post('/a')\ndef a():\n    mail.send('x')\n    mail.send_logged('x')\n    mail.send_reported('x')\n    return 'ok'\n")
    assert found == [("svc/mail.py", 9)]
    assert [r.message for r in result.findings[0].related] == ["svc/views.py:a calls it and drops the result"]


@pytest.mark.parametrize(
    "views",
    [
        "@bp.post('/a')\ndef a():\n    ok, error = mail.send('x')\n    return {'ok': ok, 'error': error}\n",
        # Not a serving path.
        "def nightly():\n    mail.send('x')\n",
    ],
)
def test_checked_statuses_and_non_serving_callers_are_not_reported(views: str) -> None:
    assert _found(views)[1] == []


def test_async_callers_that_drop_an_awaited_status() -> None:
    amail = (
        "import aiohttp\n\nasync def notify(url):\n    try:\n        async with aiohttp.ClientSession() as s:\n"
        "            await s.post(url)\n    except aiohttp.ClientError:\n        return False\n    return True\n"
    )
    views = "from fastapi import APIRouter\nfrom svc.amail import notify\nrouter = APIRouter()\n\n@router.post('/n')\nasync def n():\n    await notify('u')\n    return {}\n"
    result = lint_sources({"svc/amail.py": amail, "svc/routes.py": views}, select=["PRR107"])
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/amail.py", 7)]


LOOP = "import logging\nimport time\nimport requests\nlog = logging.getLogger(__name__)\n\ndef fetch(url):\n    last = None\n"


@pytest.mark.parametrize(
    "ending, handler, reported",
    [
        ("    return []\n", "            time.sleep(1)\n", True),
        ("", "            time.sleep(1)\n", True),
        ("    log.debug('gave up')\n    return None\n", "            time.sleep(1)\n", True),
        ("    raise RuntimeError('gave up')\n", "            time.sleep(1)\n", False),
        ("    log.error('gave up on %s', url)\n    return None\n", "            time.sleep(1)\n", False),
        ("    return None\n", "            log.warning('attempt failed: %s', exc)\n", False),
        ("    return {'error': last}\n", "            last = str(exc)\n", False),
    ],
)
def test_retry_loops_that_give_up_silently(ending: str, handler: str, reported: bool) -> None:
    source = (LOOP + "    for attempt in range(3):\n        try:\n            return requests.get(url, timeout=3).json()\n"
              "        except requests.RequestException as exc:\n" + handler + ending)
    result = lint_sources({"svc/client.py": source}, select=["PRR107"])
    assert [f.span.line for f in result.findings] == ([8] if reported else [])


def test_a_status_handed_on_by_return_and_dropped_further_up() -> None:
    extra = {"svc/notify.py": "from svc import mail\n\ndef welcome(to):\n    return mail.send(to)\n"}
    views = "from svc.notify import welcome\n\n@bp.post('/signup')\ndef signup():\n    welcome('x')\n    return 'ok'\n"
    result, found = _found(views, extra)
    assert found == [("svc/mail.py", 9)]
    assert [r.message for r in result.findings[0].related] == ["svc/views.py:signup calls it and drops the result"]


RETRIED = (
    "import time\nimport requests\n\nclass Backend:\n    def _fetch_config(self, url):\n        for attempt in range(3):\n"
    "            try:\n                return requests.get(url, timeout=3).json()\n"
    "            except requests.RequestException:\n                time.sleep(2 ** attempt)\n        return None\n\n"
)


@pytest.mark.parametrize(
    "callers, reported",
    [
        # every caller raises when the loop gave up: the failure is reported there
        ("    def __init__(self, url):\n        self.config = self._fetch_config(url)\n        if self.config is None:\n"
         "            raise RuntimeError('no config')\n", False),
        ("    def reload(self, url):\n        config = self._fetch_config(url)\n        if not config:\n"
         "            raise RuntimeError('no config')\n        return config\n", False),
        # the test only logs at info level: the failure still vanishes
        ("    def __init__(self, url):\n        self.config = self._fetch_config(url)\n        if self.config is None:\n"
         "            print('no config')\n", True),
        # one caller raises, another uses the None as an answer
        ("    def __init__(self, url):\n        self.config = self._fetch_config(url)\n        if self.config is None:\n"
         "            raise RuntimeError('no config')\n\n    def peek(self, url):\n        return self._fetch_config(url)\n", True),
        # no caller at all: nobody is known to check
        ("    def size(self):\n        return 0\n", True),
    ],
)
def test_a_retry_loop_whose_callers_raise_on_its_none(callers: str, reported: bool) -> None:
    """DMOD's `_init_redis_client` shape: a retry loop that returns None once its attempts are spent,
    whose callers all test the result for None and raise: they report the failure, so it does not vanish."""
    result = lint_sources({"svc/backend.py": RETRIED + callers}, select=["PRR107"])
    assert [f.span.line for f in result.findings] == ([6] if reported else [])


HEIGHT = (
    "import time\nimport requests\n\ndef height(url):\n    for attempt in range(3):\n        try:\n"
    "            return requests.get(url, timeout=3).json()['height']\n        except requests.RequestException:\n"
    "            time.sleep(2 ** attempt)\n    return None\n\n"
    "def check_synced(url, local):\n    target = height(url)\n    if target is None:\n"
    "        print('could not get the chain height; not waiting for sync')\n        return\n"
    "    while local() < target:\n        time.sleep(3)\n"
)


@pytest.mark.parametrize(
    "app, reported",
    [
        # the only caller runs at start-up: its message goes to the operator who starts the service
        ("def create_app():\n    check_synced('https://oracle', lambda: 0)\n    app = Flask('svc')\n\n"
         "    @app.get('/h')\n    def health():\n        return 'ok'\n    return app\n", False),
        # the same caller on a request's path: a print there is no report of the service's
        ("def create_app():\n    app = Flask('svc')\n\n    @app.get('/synced')\n    def synced():\n"
         "        check_synced('https://oracle', lambda: 0)\n        return 'ok'\n    return app\n", True),
    ],
)
def test_a_caller_that_prints_on_the_give_up_value_tells_the_operator_at_start_up(app: str, reported: bool) -> None:
    """raiden's start-up sync check: `blockcypher_query_with_retries` returns None after its tries, and its
    one caller prints 'Could not get blockchain information from blockcypher. Ignoring.' when it does."""
    files = {"svc/__init__.py": "", "svc/sync.py": HEIGHT,
             "svc/app.py": "from flask import Flask\nfrom svc.sync import check_synced\n\n" + app}
    result = lint_sources(files, select=["PRR107"])
    assert [(f.path, f.span.line) for f in result.findings] == ([("svc/sync.py", 5)] if reported else [])
