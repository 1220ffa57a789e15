"""PRR501 beyond its documentation examples: receivers set up elsewhere in the module, positional
timeouts, library defaults that count as a deadline."""

from __future__ import annotations

import pytest

from conftest import lint_sources


def _lines(source: str) -> list:
    result = lint_sources({"svc/client.py": source}, select=["PRR501"])
    return [finding.span.line for finding in result.findings]


@pytest.mark.parametrize(
    "source",
    [
        # The adapter is mounted in __init__, the calls are in another method.
        "import requests\nfrom svc.http import TimeoutAdapter\n\nclass Api:\n    def __init__(self):\n"
        "        self.s = requests.Session()\n        self.s.mount('https://', TimeoutAdapter(timeout=3))\n\n"
        "    def get(self, url):\n        return self.s.get(url)\n",
        "import pycurl\n\nclass Fetcher:\n    def __init__(self):\n        self.c = pycurl.Curl()\n"
        "        self.c.setopt(pycurl.TIMEOUT_MS, 2500)\n\n    def fetch(self):\n        self.c.perform()\n",
        "import pycurl\n\ndef fetch(options):\n    c = pycurl.Curl()\n    for option, value in options:\n"
        "        c.setopt(option, value)\n    c.perform()\n",
        "import redis\n\npool = redis.ConnectionPool(host='r', socket_timeout=2)\ncache = redis.Redis(connection_pool=pool)\n",
        "import redis\n\ncache = redis.Redis('r', 6379, 0, None, 2.0)\n",
        "import http.client\n\ndef f(host):\n    return http.client.HTTPConnection(host, 80, 5)\n",
        "import smtplib\n\ndef f(host):\n    return smtplib.SMTP_SSL(host, timeout=10)\n",
        "import aiohttp\n\nT = aiohttp.ClientTimeout(total=None, sock_connect=5, sock_read=10)\n",
        "import aiohttp\n\nasync def f(session: aiohttp.ClientSession, url):\n    return await session.get(url, timeout=None)\n",
        "import httpx\n\ndef f(url):\n    return httpx.Client().get(url)\n",
        "import urllib3\n\nclass C:\n    def __init__(self):\n        self.pool = urllib3.PoolManager(timeout=3.0)\n\n"
        "    def f(self, url):\n        return self.pool.request('GET', url)\n",
        "import urllib3\n\ndef f(pool: urllib3.PoolManager, url):\n    return pool.request('GET', url)\n",
    ],
)
def test_not_reported(source: str) -> None:
    assert _lines(source) == []


@pytest.mark.parametrize(
    "source, line",
    [
        # A mount on another session does not cover this one.
        ("import requests\nfrom svc.http import TimeoutAdapter\n\na = requests.Session()\nb = requests.Session()\n"
         "a.mount('https://', TimeoutAdapter())\n\ndef f(url):\n    return b.get(url)\n", 9),
        ("import requests\n\ndef f(url):\n    return requests.Session().request('GET', url)\n", 4),
        ("import urllib3\n\nclass C:\n    def __init__(self):\n        self.pool = urllib3.PoolManager(num_pools=4)\n\n"
         "    def f(self, url):\n        return self.pool.urlopen('GET', url)\n", 8),
        ("import urllib3\n\ndef f(url):\n    return urllib3.request('GET', url)\n", 4),
        ("import redis.asyncio as aioredis\n\nclient = aioredis.Redis(host='r')\n", 3),
        ("import httpx\n\ndef f(url):\n    return httpx.get(url, timeout=httpx.Timeout(None))\n", 4),
        ("from smtplib import SMTP_SSL\n\ndef f(host):\n    return SMTP_SSL(host, 465)\n", 4),
    ],
)
def test_reported(source: str, line: int) -> None:
    assert _lines(source) == [line]


def test_a_one_off_commands_module_level_client_is_out_of_the_serving_scope() -> None:
    """bookwyrm's erase_streams command: `r = redis.from_url(...)` at the top of a management command
    module the serving process never imports runs only with the command (judged false); the same module
    imported by a view runs its top level in the service, and the client stays reported."""
    from dataclasses import replace

    from _serving import REGISTRY, jobs_for, settings_with
    from prr_lint.engine import Plan
    from prr_lint.runner import run_jobs

    command = (
        "import redis\nfrom django.core.management.base import BaseCommand\n\nr = redis.from_url('redis://cache')\n\n"
        "def erase_streams():\n    r.flushall()\n\nclass Command(BaseCommand):\n"
        "    def handle(self, *args, **options):\n        erase_streams()\n"
    )
    views = "from django.http import JsonResponse\nfrom svc.management.commands import {name}\n\n" \
            "def status(request):\n    return JsonResponse({{}})\n"
    urls = "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('s', views.status)]\n"

    def found(imported: str):
        files = {
            "svc/__init__.py": "", "svc/management/__init__.py": "", "svc/management/commands/__init__.py": "",
            "svc/management/commands/erase_streams.py": command,
            "svc/views.py": views.format(name=imported), "svc/urls.py": urls,
        }
        settings = replace(settings_with(), scope="serving")
        run = run_jobs(jobs_for(files), Plan(settings, tuple(REGISTRY.select(["PRR501"], [], []))))
        return sorted((f.path, f.span.line) for f in run.findings)

    assert found("__init__ as unrelated") == []
    assert found("erase_streams") == [("svc/management/commands/erase_streams.py", 4)]


_START_UP = {
    "run.py": (
        "import socket\nimport time\n\nfrom svc import notify\n\n\nclass App:\n    def start(self):\n        initialize()\n"
        "        while True:\n            notify.ping('https://hooks/up')\n            time.sleep(60)\n\n\n"
        "def initialize():\n    socket.setdefaulttimeout(30)\n\n\ndef main():\n    App().start()\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    ),
    "svc/__init__.py": "",
    "svc/notify.py": "from urllib.request import urlopen\n\n\ndef ping(url):\n    return urlopen(url).read()\n",
    "jobs/__init__.py": "",
    "jobs/report.py": (
        "import time\nfrom urllib.request import urlopen\n\n\ndef send(url):\n    return urlopen(url).read()\n\n\n"
        "def main():\n    while True:\n        send('https://reports/daily')\n        time.sleep(3600)\n\n\n"
        "if __name__ == '__main__':\n    main()\n"
    ),
}


def test_default_socket_timeout_set_at_start_up_covers_the_programs_modules_only() -> None:
    """`main() -> App().start() -> initialize()` sets the default in the program `run.py`: the module
    it imports is covered; a program that never sets it (jobs/report.py) keeps its finding."""
    result = lint_sources(_START_UP, select=["PRR501"])
    assert [(f.path, f.span.line) for f in result.findings] == [("jobs/report.py", 6)]


_SETTER = {
    "svc/__init__.py": "",
    "svc/registry.py": (
        "class Value:\n    def __init__(self, default, help, apply=True):\n        self.help = help\n        if apply:\n"
        "            self.set_value(default)\n\n    def set_value(self, value):\n        self.value = value\n"
    ),
    "svc/conf.py": (
        "import socket\n\nfrom svc import registry\n\n\nclass SocketTimeout(registry.Value):\n    def set_value(self, value):\n"
        "        registry.Value.set_value(self, value)\n        socket.setdefaulttimeout(self.value)\n\n\n"
        "TIMEOUT = SocketTimeout({arguments})\n"
    ),
    "svc/fetch.py": "from urllib.request import urlopen\n\n\ndef fetch(url):\n    return urlopen(url).read()\n",
}


def test_default_socket_timeout_set_by_a_setter_the_constructor_runs() -> None:
    """A setting whose class's setter sets the default, constructed at a module's top level with a positive number
    (the base `__init__` runs the setter under a guard that defaults to True), sets it at import; a `None` value,
    the guard passed false, a computed value, or a construction in a function nothing runs sets nothing known, and the
    call stays reported."""
    def found(arguments: str):
        files = {**_SETTER, "svc/conf.py": _SETTER["svc/conf.py"].format(arguments=arguments)}
        return [(f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings]

    assert found("10, 'seconds'") == []
    assert found("default=10, help='seconds', apply=True") == []
    assert found("None, 'seconds'") == [("svc/fetch.py", 5)]
    assert found("10, 'seconds', apply=False") == [("svc/fetch.py", 5)]
    assert found("10, 'seconds', False") == [("svc/fetch.py", 5)]
    assert found("int(PERIOD), 'seconds'") == [("svc/fetch.py", 5)]
    files = {**_SETTER, "svc/conf.py": _SETTER["svc/conf.py"].replace("TIMEOUT = ", "def load():\n    return ").format(arguments="10, 's'")}
    assert [(f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings] == [("svc/fetch.py", 5)]  # nothing runs load()


_SETTINGS = {
    "manage.py": "import os\nos.environ.setdefault('DJANGO_SETTINGS_MODULE', 'svc.settings')\n",
    "svc/__init__.py": "",
    "svc/settings/__init__.py": "BROKER_URL = 'unix:///var/run/redis/redis.sock'\nCACHE_URL = 'redis://cache:6379/0'\n",
    "svc/settings/production.py": "import os\nfrom svc.settings import *\n\nCACHE_URL = os.environ.get('CACHE_URL', CACHE_URL)\n",
    "svc/constants.py": "EVENTS_URL = 'unix:///run/redis/events.sock'\n",
    "svc/queue.py": (
        "import redis\nfrom django.conf import settings\nfrom svc.constants import EVENTS_URL\n\n\n"
        "def broker():\n    return redis.Redis.from_url(settings.BROKER_URL)\n\n\n"
        "def cache():\n    return redis.Redis.from_url(settings.CACHE_URL)\n\n\n"
        "def events():\n    return redis.from_url(EVENTS_URL)\n"
    ),
}


def test_redis_on_a_unix_socket_named_by_a_setting_is_left_alone() -> None:
    """`from_url(settings.BROKER_URL)` where every settings module binds BROKER_URL to a `unix://`
    URL, and a module constant bound to one: a co-located server. A setting that some module binds
    to a network URL or reads from the environment stays reported."""
    result = lint_sources(_SETTINGS, select=["PRR501"])
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/queue.py", 11)]


_GREEN_DEADLINE = {
    "gunicorn_config.py": "workers = 5\nworker_class = 'eventlet'\n",
    "svc/__init__.py": "",
    "svc/app.py": (
        "from flask import Flask\nfrom notify_utils.eventlet import TimeoutMiddleware\nfrom svc import clients\n\n"
        "app = Flask(__name__)\n\n\n@app.route('/preview')\ndef preview():\n    return clients.render()\n\n\n"
        "app.wsgi_app = TimeoutMiddleware(app.wsgi_app, timeout_seconds=30)\n"
    ),
    "svc/clients.py": (
        "import requests\n\n\ndef render():\n    return requests.post('https://previews/render', json={}).content\n\n\n"
        "def latest():\n    return requests.get('https://feeds/latest').json()\n"
    ),
    "svc/tasks.py": "from celery import shared_task\nfrom svc import clients\n\n\n@shared_task\ndef refresh():\n    return clients.latest()\n",
}


def test_a_green_thread_request_deadline_bounds_what_only_requests_run() -> None:
    """Eventlet workers and `app.wsgi_app = Middleware(app.wsgi_app, timeout_seconds=30)`: a call only
    request handling reaches is aborted with the request; a Celery task runs outside it, reported."""
    result = lint_sources(_GREEN_DEADLINE, select=["PRR501"])
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/clients.py", 9)]


@pytest.mark.parametrize("change", [
    # sync workers: a timeout argument bounds nothing a blocking socket waits on
    {"gunicorn_config.py": "workers = 5\nworker_class = 'sync'\n"},
    # no deadline given to the middleware
    {"svc/app.py": _GREEN_DEADLINE["svc/app.py"].replace("timeout_seconds=30", "timeout_seconds=None")},
])
def test_no_green_request_deadline_keeps_the_request_calls(change) -> None:
    result = lint_sources({**_GREEN_DEADLINE, **change}, select=["PRR501"])
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/clients.py", 5), ("svc/clients.py", 9)]


def test_a_project_middleware_that_starts_a_green_timeout_bounds_requests() -> None:
    """A project WSGI middleware whose `__call__` runs the app under `gevent.Timeout`, in a process
    patched by `gevent.monkey.patch_all()`."""
    files = {
        "svc/__init__.py": "",
        "svc/deadline.py": (
            "import gevent\n\n\nclass Deadline:\n    def __init__(self, app, seconds):\n        self.app, self.seconds = app, seconds\n\n"
            "    def __call__(self, environ, start_response):\n        with gevent.Timeout(self.seconds):\n"
            "            return self.app(environ, start_response)\n"
        ),
        "svc/app.py": (
            "from gevent import monkey\nmonkey.patch_all()\n\nimport requests\nfrom flask import Flask\n"
            "from svc.deadline import Deadline\n\napp = Flask(__name__)\n\n\n@app.route('/preview')\ndef preview():\n"
            "    return requests.post('https://previews/render', json={}).content\n\n\n"
            "application = Deadline(app, 30)\n"
        ),
    }
    assert lint_sources(files, select=["PRR501"]).findings == []


def test_a_django_middleware_that_starts_a_green_timeout_bounds_requests() -> None:
    """Django builds the middleware its MIDDLEWARE setting names; gunicorn runs gevent workers."""
    files = {
        "gunicorn.conf.py": "worker_class = 'gevent'\n",
        "svc/__init__.py": "",
        "svc/settings.py": "MIDDLEWARE = ['django.middleware.common.CommonMiddleware', 'svc.deadline.Deadline']\n",
        "svc/deadline.py": (
            "import gevent\n\n\nclass Deadline:\n    def __init__(self, get_response):\n        self.get_response = get_response\n\n"
            "    def __call__(self, request):\n        with gevent.Timeout(30):\n            return self.get_response(request)\n"
        ),
        "svc/views.py": (
            "import requests\nfrom django.http import HttpResponse\n\n\ndef preview(request):\n"
            "    return HttpResponse(requests.post('https://previews/render', json={}).content)\n"
        ),
        "svc/urls.py": "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('preview', views.preview)]\n",
    }
    assert lint_sources(files, select=["PRR501"]).findings == []
    files["svc/settings.py"] = "MIDDLEWARE = ['django.middleware.common.CommonMiddleware']\n"
    assert [(f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings] == [("svc/views.py", 6)]


_PATCHED_PACKAGE = {
    "main.py": "import importlib\nimport sys\n\n\ndef run(name):\n    importlib.import_module(f'commands.{name}').main()\n\n\n"
               "if __name__ == '__main__':\n    run(sys.argv[1])\n",
    "commands/__init__.py": (
        "import requests.adapters\nfrom requests.adapters import TimeoutSauce\n\n\nclass CustomTimeout(TimeoutSauce):\n"
        "    def __init__(self, *args, **kwargs):\n        if kwargs['connect'] is None:\n            kwargs['connect'] = 2\n"
        "        if kwargs['read'] is None:\n            kwargs['read'] = 2\n        super().__init__(*args, **kwargs)\n\n\n"
        "requests.adapters.TimeoutSauce = CustomTimeout\n"
    ),
    "commands/export.py": "import requests\n\n\ndef main():\n    return requests.get('https://api/broadcasts').json()\n",
    "web/__init__.py": "",
    "web/views.py": "import requests\n\n\ndef forward(url):\n    return requests.get(url).json()\n",
}


def test_a_package_init_that_patches_requests_timeout_sauce_bounds_its_modules_calls() -> None:
    """`commands/__init__.py` replaces `requests.adapters.TimeoutSauce`: importing `commands.export`
    runs it first, so its requests call has a deadline; `web.views` never imports it and keeps its finding."""
    result = lint_sources(_PATCHED_PACKAGE, select=["PRR501"])
    assert [(f.path, f.span.line) for f in result.findings] == [("web/views.py", 5)]


def test_a_hatchling_build_hook_runs_at_build_time_not_in_the_service() -> None:
    """`hatch_build.py` derives from hatchling's `BuildHookInterface` and the service never imports it."""
    sources = {
        "hatch_build.py": (
            "import urllib.request\nfrom hatchling.builders.hooks.plugin.interface import BuildHookInterface\n\n\n"
            "class UIHook(BuildHookInterface):\n    def initialize(self, version, build_data):\n"
            "        return urllib.request.urlopen(self.config['url']).read()\n"
        ),
        "svc/__init__.py": "",
        "svc/ui.py": "import urllib.request\n\n\ndef fetch(url):\n    return urllib.request.urlopen(url).read()\n",
    }
    result = lint_sources(sources, select=["PRR501"])
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/ui.py", 5)]


_INJECTED = {
    "svc/__init__.py": "",
    "svc/deps.py": (
        "import requests\nfrom requests.adapters import HTTPAdapter\n\n\nclass TimeoutHTTPAdapter(HTTPAdapter):\n"
        "    def send(self, request, **kwargs):\n        if kwargs.get('timeout') is None:\n            kwargs['timeout'] = 5\n"
        "        return super().send(request, **kwargs)\n\n\ndef get_remote_session():\n    session = requests.Session()\n"
        "    session.mount('https://', TimeoutHTTPAdapter(max_retries=3))\n    return session\n\n\n"
        "def get_retrying_session():\n    session = requests.Session()\n    session.mount('https://', HTTPAdapter(max_retries=3))\n"
        "    return session\n"
    ),
    "svc/main.py": (
        "import requests\nfrom fastapi import Depends, FastAPI\n\nfrom svc.deps import get_remote_session, get_retrying_session\n\n"
        "app = FastAPI()\n\n\n@app.post('/mirrors')\ndef register(url: str, session: requests.Session = Depends(get_remote_session)):\n"
        "    return session.get(url).json()\n\n\n@app.post('/hooks')\n"
        "def hook(url: str, session: requests.Session = Depends(get_retrying_session)):\n    return session.post(url).json()\n"
    ),
}


def test_a_session_injected_from_a_factory_that_mounts_a_timeout_adapter_is_bounded() -> None:
    """`Depends(get_remote_session)` hands in a session whose adapter sets a default timeout; a
    factory that mounts requests' own `HTTPAdapter` (retries only) leaves its sessions unbounded."""
    result = lint_sources(_INJECTED, select=["PRR501"])
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/main.py", 16)]


_TIMEOUT_SESSIONS = (
    "import requests\n\n\nclass TimeoutSession(requests.Session):\n    timeout = 10\n\n"
    "    def request(self, method, url, *args, **kwargs):\n        if kwargs.get('timeout') is None:\n"
    "            kwargs['timeout'] = self.timeout\n        return super().request(method, url, *args, **kwargs)\n\n\n"
    "class RetryingSession(TimeoutSession):\n    def get(self, *args, **kwargs):\n        return super().get(*args, **kwargs)\n\n\n"
    "class ProxySession(requests.Session):\n    def request(self, method, url, *args, **kwargs):\n"
    "        return super().request(method, url, *args, proxies={'https': 'proxy:3128'}, **kwargs)\n"
)
_REGISTRY = (
    "import importlib\nimport os\n\nfrom svc.http import RetryingSession\n\n\n"
    "for name in os.listdir(os.path.dirname(__file__)):\n    if name == '__init__.py' or not name.endswith('.py'):\n        continue\n"
    "    mod = importlib.import_module('svc.providers.%s' % name[:-3])\n    mod.Session = RetryingSession\n"
)
_PROVIDER = (
    "from requests import Session\n\n\nclass Provider:\n    session: Session\n\n    def initialize(self):\n"
    "        if self.factory is not None:\n            self.session = self.factory()\n        else:\n            self.session = Session()\n\n"
    "    def fetch(self, url, timeout=None):\n        return self.session.get(url, timeout=timeout)\n\n"
    "    def query(self, url):\n        session = self.session\n        return session.get(url), self.fetch(url)\n"
)


def _patched(files: dict) -> list:
    return sorted((f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings)


@pytest.mark.parametrize("registry", [
    _REGISTRY,
    _REGISTRY.replace("'svc.providers.%s' % name[:-3]", "f'{__name__}.{name[:-3]}'"),
    "import importlib\nimport pkgutil\n\nfrom svc.http import RetryingSession\n\n\n"
    "for info in pkgutil.walk_packages(__path__, prefix='svc.providers.'):\n    mod = importlib.import_module(info.name)\n"
    "    mod.Session = RetryingSession\n",
])
def test_a_session_class_a_loader_patches_into_each_module_it_loads_gives_its_calls_a_deadline(registry: str) -> None:
    """The provider registry imports each provider by a computed name (or a `pkgutil` walk) and
    rebinds its global `Session` to a subclass whose `request` fills in a timeout: the provider's
    `Session()` builds that class, so its calls (and its wrapper's) have a deadline. The same code
    in a module the registry does not load, or under a patch whose class fills in no timeout, stays reported."""
    files = {"svc/__init__.py": "", "svc/http.py": _TIMEOUT_SESSIONS, "svc/providers/__init__.py": registry,
             "svc/providers/subs.py": _PROVIDER, "svc/clients.py": _PROVIDER}
    assert _patched(files) == [("svc/clients.py", 18), ("svc/clients.py", 18)]
    files["svc/providers/__init__.py"] = registry.replace("RetryingSession", "ProxySession")
    assert _patched(files) == [("svc/clients.py", 18), ("svc/clients.py", 18), ("svc/providers/subs.py", 18), ("svc/providers/subs.py", 18)]


def test_a_session_patch_of_modules_a_constant_start_loads_holds_while_nothing_else_may_write_it() -> None:
    """`mod = importlib.import_module(_PKG + name)` after `_PKG = 'svc.providers.'`, then `mod.Session = RetryingSession`:
    the providers are patched as under the literal `'svc.providers.' + name`. A `global _PKG` rebinding in the registry,
    or another module's `registry._PKG = ...`, may load and patch other modules: the provider stays reported."""
    registry = _REGISTRY.replace("'svc.providers.%s' % name[:-3]", "_PKG + name[:-3]").replace("\n\n\nfor ", "\n_PKG = 'svc.providers.'\n\n\nfor ")
    files = {"svc/__init__.py": "import svc.providers  # noqa: F401\n", "svc/http.py": _TIMEOUT_SESSIONS, "svc/providers/__init__.py": registry,
             "svc/providers/subs.py": _PROVIDER}
    assert _patched(files) == []
    reported = [("svc/providers/subs.py", 18), ("svc/providers/subs.py", 18)]
    assert _patched({**files, "svc/providers/__init__.py": registry + "\n\ndef use(package):\n    global _PKG\n    _PKG = package\n"}) == reported
    written = "import os\n\nimport svc.providers\n\nsvc.providers._PKG = os.environ.get('PROVIDERS_PACKAGE', 'svc.providers.')\n"
    assert _patched({**files, "svc/__init__.py": "import svc.settings  # noqa: F401\n", "svc/settings.py": written}) == reported


@pytest.mark.parametrize("patch", [
    "import requests.sessions\n\nfrom svc.http import TimeoutSession\n\nrequests.sessions.Session = TimeoutSession\n",
    "import requests\n\nfrom svc.http import TimeoutSession\n\nsetattr(requests.sessions, 'Session', TimeoutSession)\n",
    "import functools\n\nimport requests\n\nrequests.Session.request = functools.partialmethod(requests.Session.request, timeout=10)\n",
])
def test_a_package_that_patches_requests_own_session_bounds_its_modules_calls(patch: str) -> None:
    """`requests.get` builds its session by `requests.sessions.Session`; a package `__init__` that
    replaces it (or binds a timeout into `Session.request`) bounds the calls of the modules it runs
    before, not those of a package that never imports it."""
    call = "import requests\n\n\ndef fetch(url):\n    return requests.get(url)\n"
    files = {"svc/__init__.py": patch, "svc/http.py": _TIMEOUT_SESSIONS, "svc/api.py": call, "web/__init__.py": "", "web/api.py": call}
    assert _patched(files) == [("web/api.py", 5)]
    files["svc/__init__.py"] = patch.replace("TimeoutSession", "ProxySession").replace("timeout=10", "timeout=None")
    assert _patched(files) == [("svc/api.py", 5), ("web/api.py", 5)]


_LOOPBACK_CONSTANTS = {
    "svc/__init__.py": "",
    "svc/config.py": (
        "import os\n\nEMBED_SERVICE = 'localhost:9001'\nOCR_URL = 'http://127.0.0.1:7001/ocr'\n"
        "RERANK_SERVICE = 'rerank.internal:8001'\nPDF_SERVICE = os.getenv('PDF_SERVICE', 'localhost:9009')\n"
        "SEARCH_SERVICE = 'localhost:9200'\nif os.getenv('SEARCH_SERVICE'):\n    SEARCH_SERVICE = os.environ['SEARCH_SERVICE']\n"
    ),
    "svc/clients.py": (
        "import requests\nfrom svc import config\nfrom svc.config import EMBED_SERVICE, OCR_URL, PDF_SERVICE, RERANK_SERVICE\n\n\n"
        "class Embeddings:\n    def __init__(self):\n        self.url = f'http://{EMBED_SERVICE}/embedding'\n"
        "        self.session = requests.Session()\n\n    def embed(self, texts):\n"
        "        return self.session.post(self.url, json=texts).json()\n\n\n"
        "def ocr(image):\n    return requests.post(OCR_URL, data=image).json()\n\n\n"
        "def rerank(query):\n    return requests.post(f'http://{RERANK_SERVICE}/rerank', json=query).json()\n\n\n"
        "def pdf(name):\n    return requests.post(f'http://{PDF_SERVICE}/pdfparser', json=name).json()\n\n\n"
        "def search(query):\n    return requests.get(f'http://{config.SEARCH_SERVICE}/q', params=query).json()\n"
    ),
}


def test_a_url_on_another_modules_loopback_constant_is_left_alone() -> None:
    """`self.url = f"http://{EMBED_SERVICE}/embedding"` with `EMBED_SERVICE = "localhost:9001"` in the
    config module (QAnything m28 E027), and an imported loopback URL: a helper of this host. A constant
    naming another host, one read from the environment, or one rebound from it stays reported."""
    result = lint_sources(_LOOPBACK_CONSTANTS, select=["PRR501"])
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/clients.py", 20), ("svc/clients.py", 24), ("svc/clients.py", 28)]
