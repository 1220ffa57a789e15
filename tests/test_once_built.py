"""PRR505 leaves out a call with a short literal deadline that runs only while building an object the process
builds once (rules/once_built.py): a singleton metaclass's class's `__init__`, a cached factory without parameters,
its failure handled there. A metaclass that builds anew, a factory with parameters, a long or missing deadline and
a failure that escapes the builder keep the call reported."""

from __future__ import annotations

from pathlib import Path
from typing import List

from prr_lint.config import Settings
from prr_lint.engine import FileJob, Plan
from prr_lint.runner import run_jobs

SINGLETON = (
    "import logging\nimport redis\nfrom fastapi import APIRouter\n\napp = APIRouter()\n\n\n"
    "class Singleton(type):\n    _instances = {}\n\n    def __call__(cls, *args, **kwargs):\n"
    "        if cls not in cls._instances:\n            cls._instances[cls] = super().__call__(*args, **kwargs)\n"
    "        return cls._instances[cls]\n\n\n"
    "class Cache(metaclass=Singleton):\n    def __init__(self):\n        try:\n"
    "            self.server = redis.Redis(host='cache', socket_connect_timeout=1, socket_timeout=1)\n"
    "            self.server.ping()\n        except redis.exceptions.RedisError as error:\n"
    "            logging.info('no cache: %s', error)\n\n"
    "    def get(self, key):\n        return self.server.get(key)\n\n\n"
    "@app.get('/a')\nasync def a():\n    return Cache().get('a')\n"
)
PING, GET = 21, 26
FACTORY = (
    "import functools\nimport logging\nimport requests\nfrom fastapi import APIRouter\n\napp = APIRouter()\n\n\n"
    "@functools.lru_cache(maxsize=None)\ndef flags():\n    try:\n"
    "        return requests.get('http://config/flags', timeout=(1, 3)).json()\n"
    "    except requests.RequestException:\n        logging.warning('no flags')\n        return {}\n\n\n"
    "@app.get('/f')\nasync def f():\n    return flags()\n"
)
FETCH = 12


def _lines(code: str) -> List[int]:
    plan = Plan(Settings(root=Path(".")), ("PRR505",))
    return sorted(f.span.line for f in run_jobs([FileJob("svc/cache.py", "svc.cache", False, code.encode())], plan).findings)


def test_a_singletons_short_ping_is_left_out_and_its_per_request_calls_kept() -> None:
    assert _lines(SINGLETON) == [GET]


def test_a_metaclass_that_builds_anew_keeps_it() -> None:
    anew = SINGLETON.replace("        if cls not in cls._instances:\n            cls._instances[cls] = super()",
                             "        if True:\n            built = super()").replace("return cls._instances[cls]", "return built")
    assert _lines(anew) == [PING, GET]


def test_a_long_or_missing_deadline_keeps_it() -> None:
    assert _lines(SINGLETON.replace("socket_timeout=1)", "socket_timeout=30)")) == [PING, GET]
    assert _lines(SINGLETON.replace("socket_connect_timeout=1, socket_timeout=1", "socket_connect_timeout=1")) == [PING, GET]


def test_a_failure_that_escapes_the_builder_keeps_it() -> None:
    assert _lines(SINGLETON.replace("logging.info('no cache: %s', error)", "raise")) == [PING, GET]


def test_a_cached_factory_without_parameters() -> None:
    assert _lines(FACTORY) == []
    assert _lines(FACTORY.replace("def flags():", "def flags(tenant='a'):")) == [FETCH]
    assert _lines(FACTORY.replace("timeout=(1, 3)", "timeout=(1, 30)")) == [FETCH]
    assert _lines(FACTORY.replace("@functools.lru_cache(maxsize=None)\n", "")) == [FETCH - 1]
