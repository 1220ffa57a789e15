"""A coroutine function called and its coroutine dropped runs nothing (project/unawaited.py): a sync
Flask view that calls an `async def` as a statement, without awaiting it, reaches none of its body,
so a deadline-less call that only such a coroutine makes is dead code (PRR501); awaited, handed to
`asyncio.run` or `create_task`, returned or bound to a name, it may run and stays reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from _serving import run_on_disk
from conftest import lint_sources

CACHE = (
    "import requests\n\n"
    "async def remember(url):\n    await store(url)\n\n"
    "async def store(url):\n    requests.post('https://cache/keys', json={'url': url})\n"
)
# the call of `remember` in the view, by how the view treats what it makes
VIEW = (
    "import asyncio\nfrom flask import Flask\nfrom svc.cache import remember\n\napp = Flask(__name__)\n\n"
    "@app.post('/powerups')\ndef create():\n    CALL\n    return 'ok'\n"
)
STORE = ("PRR501", "svc/cache.py", 7)


def _found(tmp_path: Path, call: str, extra: Dict[str, str] = None) -> List[Tuple[str, str, int]]:
    files = {"svc/__init__.py": "", "svc/cache.py": CACHE, "svc/views.py": VIEW.replace("CALL", call), **(extra or {})}
    return sorted((f.rule, f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings)


def test_a_coroutine_a_sync_view_drops_runs_nothing(tmp_path: Path) -> None:
    """A sync view's `remember(url)`: the coroutine is made and dropped, never awaited."""
    assert _found(tmp_path, "remember('https://a')") == []


@pytest.mark.parametrize("call", [
    "asyncio.run(remember('https://a'))",
    "asyncio.get_event_loop().run_until_complete(remember('https://a'))",
    "asyncio.ensure_future(remember('https://a'))",
    "pending = remember('https://a')\n    asyncio.run(pending)",
    "return asyncio.run(remember('https://a'))",
])
def test_a_coroutine_handed_to_an_event_loop_runs(tmp_path: Path, call: str) -> None:
    assert _found(tmp_path, call) == [STORE]


def test_an_awaited_coroutine_runs(tmp_path: Path) -> None:
    view = (
        "from flask import Flask\nfrom svc.cache import remember\n\napp = Flask(__name__)\n\n"
        "@app.post('/powerups')\nasync def create():\n    await remember('https://a')\n    return 'ok'\n"
    )
    assert _found(tmp_path, "pass", {"svc/views.py": view}) == [STORE]


def test_a_returned_coroutine_or_a_task_made_of_it_runs(tmp_path: Path) -> None:
    """`create_task(f())` in a coroutine, and a sync helper returning the coroutine its caller awaits."""
    view = (
        "import asyncio\nfrom flask import Flask\nfrom svc.cache import remember\n\napp = Flask(__name__)\n\n"
        "def later(url):\n    return remember(url)\n\n"
        "@app.post('/a')\nasync def a():\n    await later('https://a')\n    return 'ok'\n\n"
        "@app.post('/b')\nasync def b():\n    asyncio.create_task(remember('https://b'))\n    return 'ok'\n"
    )
    assert _found(tmp_path, "pass", {"svc/views.py": view}) == [STORE]
    only_task = view.replace("    await later('https://a')\n", "")
    assert _found(tmp_path, "pass", {"svc/views.py": only_task}) == [STORE]


def test_a_call_the_view_also_makes_otherwise_keeps_it(tmp_path: Path) -> None:
    """Dropped once and run once in the same view: the run counts."""
    assert _found(tmp_path, "remember('https://a')\n    asyncio.run(remember('https://b'))") == [STORE]


def test_a_coroutine_used_as_a_value_elsewhere_stays(tmp_path: Path) -> None:
    """A module that hands `remember` itself on (`HOOKS = [remember]`) may await it where the graph does not see."""
    hooks = "from svc.cache import remember\n\nHOOKS = [remember]\n"
    assert _found(tmp_path, "remember('https://a')", {"svc/hooks.py": hooks}) == [STORE]


def test_a_decorated_coroutine_function_may_be_a_plain_function(tmp_path: Path) -> None:
    """asgiref's `@async_to_sync` makes a sync function of it: the dropped call runs its body."""
    cache = CACHE.replace("async def remember", "from asgiref.sync import async_to_sync\n\n@async_to_sync\nasync def remember")
    assert _found(tmp_path, "remember('https://a')", {"svc/cache.py": cache}) == [("PRR501", "svc/cache.py", 10)]


# metro-api-v2's shape: a start-up hook stores the coroutine of an `async def` on the module that defines it, and a
# coroutine calls it bare when the global is unset; nothing awaits what the global holds (only its methods).
CONNECT = (
    "import redis.asyncio as aioredis\n\nconnection = None\n\n"
    "async def connect(retries=5):\n    global connection\n    for _ in range(retries):\n"
    "        connection = aioredis.from_url('redis://cache:6379', socket_connect_timeout=5)\n"
    "        if await connection.ping():\n            break\n\n"
    "async def positions(agency):\n    if connection is None:\n        connect()\n"
    "    return await connection.get(agency)\n"
)
START = (
    "from fastapi import FastAPI\nfrom svc import store\n\napp = FastAPI()\n\n"
    "@app.on_event('startup')\nasync def startup():\n    store.connection = store.connect()\n\n"
    "@app.get('/positions/{agency}')\nasync def positions(agency: str):\n    return await store.positions(agency)\n"
)
FROM_URL = ("PRR501", "svc/store.py", 8)


def _stored(tmp_path: Path, store: str = CONNECT, start: str = START, extra: Dict[str, str] = None) -> List[Tuple[str, str, int]]:
    files = {"svc/__init__.py": "", "svc/store.py": store, "svc/main.py": start, **(extra or {})}
    return sorted((f.rule, f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings)


def test_a_coroutine_stored_under_a_name_nothing_awaits_runs_nothing(tmp_path: Path) -> None:
    """`store.connection = store.connect()`: the global holds a coroutine no module awaits, drives or hands on."""
    assert _stored(tmp_path) == []


@pytest.mark.parametrize("use", [
    "async def ready():\n    await store.connection\n",
    "import asyncio\n\ndef ready():\n    asyncio.run(store.connection)\n",
    "def ready():\n    return store.connection\n",
    "def ready():\n    store.connection.send(None)\n",
    "def ready():\n    yield from store.connection\n",
])
def test_a_stored_coroutine_a_module_awaits_drives_or_hands_on_may_run(tmp_path: Path, use: str) -> None:
    assert _stored(tmp_path, extra={"svc/ready.py": "from svc import store\n\n" + use}) == [FROM_URL]


@pytest.mark.parametrize("stored", [
    "pending = store.connect()\n    await pending",  # a local, awaited where it is bound
    "tasks.append(store.connect())",
    "store.connection = await store.connect()",
])
def test_a_coroutine_bound_to_a_local_passed_on_or_awaited_as_it_is_stored_may_run(tmp_path: Path, stored: str) -> None:
    start = START.replace("store.connection = store.connect()", stored).replace("app = FastAPI()\n", "app = FastAPI()\ntasks = []\n")
    assert _stored(tmp_path, start=start) == [FROM_URL]


def test_a_plain_function_of_the_name_runs_when_stored(tmp_path: Path) -> None:
    """A sync `connect` stored under the global runs its body at the call."""
    store = CONNECT.replace("async def connect", "def connect").replace("if await connection.ping()", "if connection.ping()")
    assert _stored(tmp_path, store=store) == [FROM_URL]


def test_a_stored_call_of_no_known_callee_may_run(tmp_path: Path) -> None:
    """`store.connection = hooks.connect()` on a module the project does not hold: nothing says it is a coroutine."""
    start = START.replace("store.connection = store.connect()", "store.connection = hooks.connect()\n    await store.connect()")
    start = start.replace("from svc import store\n", "from svc import store\nimport hooks\n")
    assert _stored(tmp_path, start=start) == [FROM_URL]


def test_a_dropped_coroutine_runs_nothing_on_the_event_loop(tmp_path: Path) -> None:
    """PRR505 follows the same calls: an async view's bare `warm()` of an `async def` blocks nothing; awaited, it does."""
    helpers = "import time\n\nasync def warm():\n    time.sleep(1)\n"
    routes = ("from fastapi import APIRouter\nfrom svc import helpers\n\nrouter = APIRouter()\n\n"
              "@router.get('/a')\nasync def a():\n    CALL\n    return 'ok'\n")

    def blocking(call: str) -> List[Tuple[str, int]]:
        files = {"svc/__init__.py": "", "svc/helpers.py": helpers, "svc/routes.py": routes.replace("CALL", call)}
        return [(f.path, f.span.line) for f in lint_sources(files, select=["PRR505"]).findings]

    assert blocking("helpers.warm()") == []
    assert blocking("await helpers.warm()") == [("svc/helpers.py", 4)]


def test_a_stored_async_generator_runs_where_it_is_iterated(tmp_path: Path) -> None:
    """An `async def` that yields makes an async iterator, no coroutine: `async for` over what is stored runs it."""
    store = "import requests\n\nasync def updates(url):\n    yield requests.get(url).json()\n"
    start = ("from fastapi import FastAPI\nfrom svc import store\n\napp = FastAPI()\n\n"
             "@app.on_event('startup')\nasync def startup():\n    store.feed = store.updates('https://feed')\n\n"
             "@app.get('/next')\nasync def next_update():\n    async for item in store.feed:\n        return item\n")
    assert _stored(tmp_path, store=store, start=start) == [("PRR501", "svc/store.py", 4)]
    # dropped as a bare statement, its call makes an iterator nothing iterates: the body never runs
    bare = start.replace("store.feed = store.updates('https://feed')", "store.updates('https://feed')")
    assert _stored(tmp_path / "bare", store=store, start=bare) == []
