"""A coroutine function called and its coroutine dropped runs nothing (project/unawaited.py): a sync
Flask view that calls an `async def` as a statement, without awaiting it, reaches none of its body,
so a deadline-less call that only such a coroutine makes is dead code (PRR501); awaited, handed to
`asyncio.run` or `create_task`, returned or bound to a name, it may run and stays reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from _serving import run_on_disk

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
