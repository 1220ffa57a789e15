"""PRR505: blocking calls that async entry points reach, through helpers across modules."""

from __future__ import annotations

import re

from conftest import lint_sources

ROUTES = "import asyncio\nfrom fastapi import APIRouter\nfrom svc import helpers\nrouter = APIRouter()\n\n"
HELPERS = (
    "import subprocess\nimport time\nimport requests\nfrom sqlalchemy.orm import Session\n\n"
    "def fetch(url):\n    return requests.get(url, timeout=3)\n\n"
    "def convert(path):\n    return subprocess.run(['convert', path], check=True)\n\n"
    "def report(db: Session):\n    return db.execute('select 1')\n\n"
    "def read_all(path):\n    with open(path) as handle:\n        return handle.read()\n\n"
    "def status(client):\n    import redis\n    r = redis.Redis(host='r', socket_timeout=1)\n    return r.get('k')\n\n"
    "def nap():\n    time.sleep(1)\n\n"
    "def outer():\n    return fetch('u')\n"
)


def _blocking_calls(result):
    """Every blocking call reported, those folded into their function's first finding included."""
    calls = []
    for finding in result.findings:
        calls.append((finding.path, finding.span.line))
        folded = re.search(r"lines ([0-9, ]+)\)$", finding.message)
        calls += [(finding.path, int(line)) for line in folded.group(1).split(", ")] if folded else []
    return sorted(calls)


def _found(routes: str):
    result = lint_sources({"svc/__init__.py": "", "svc/helpers.py": HELPERS, "svc/routes.py": ROUTES + routes}, select=["PRR505"])
    return result, [(f.path, f.span.line) for f in result.findings]


def test_reached_through_helpers_across_modules_with_the_path() -> None:
    result, found = _found(
        "@router.get('/a')\nasync def a():\n    return helpers.outer()\n\n"
        "@router.get('/b')\nasync def b(db):\n    helpers.convert('x')\n    helpers.report(db)\n    helpers.read_all('f')\n    return helpers.status(None)\n"
    )
    # The local file read (line 17) is not reported; the redis client's command is.
    assert found == [("svc/helpers.py", 7), ("svc/helpers.py", 10), ("svc/helpers.py", 13), ("svc/helpers.py", 22)]
    first = result.findings[0]
    assert [r.message for r in first.related] == ["svc/routes.py:a", "svc/helpers.py:outer", "svc/helpers.py:fetch", "requests.get"]
    assert "at call depth 3" in first.message


def test_hand_offs_sync_handlers_and_unreached_code_are_not_reported() -> None:
    _, found = _found(
        "@router.get('/a')\nasync def a():\n    return await asyncio.to_thread(helpers.fetch, 'u')\n\n"
        "@router.get('/b')\nasync def b():\n    loop = asyncio.get_running_loop()\n"
        "    return await loop.run_in_executor(None, helpers.nap)\n\n"
        "@router.get('/c')\nasync def c():\n    def work():\n        return helpers.convert('x')\n"
        "    return await asyncio.to_thread(work)\n\n"
        "@router.get('/d')\ndef d():\n    return helpers.outer()\n"
    )
    assert found == []


def test_a_client_class_under_another_name_from_another_module_is_followed() -> None:
    """pyaleph's `DbSession: TypeAlias = Session` in one module, `session: DbSession` in the accessors:
    the alias is resolved across modules; a project class of the same method names is not blocking."""
    files = {
        "svc/__init__.py": "",
        "svc/types.py": "from typing import TypeAlias\nfrom sqlalchemy.orm import Session\n\nDbSession: TypeAlias = Session\n",
        "svc/repo.py": "class Repo:\n    def get(self, key):\n        return key\n",
        "svc/accessors.py": (
            "from svc.repo import Repo\nfrom svc.types import DbSession\n\n"
            "def count(session: DbSession) -> int:\n    return session.execute('select 1').scalar()\n\n"
            "def cached(repo: Repo):\n    return repo.get('k')\n"
        ),
        "svc/api.py": (
            "from aiohttp import web\nfrom svc.accessors import cached, count\nroutes = web.RouteTableDef()\n\n"
            "@routes.get('/n')\nasync def n(request):\n    session = request.app['db']()\n"
            "    return web.json_response({'n': count(session), 'c': cached(request.app['repo'])})\n"
        ),
    }
    result = lint_sources(files, select=["PRR505"])
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/accessors.py", 5)]
    assert "DbSession.execute()" in result.findings[0].message


def test_arguments_that_make_a_wait_return_at_once() -> None:
    """motioneye's motionctl: `os.waitpid(pid, os.WNOHANG)` polls a child; with options 0 it waits."""
    child = (
        "import os\nimport time\nfrom os import WNOHANG, WUNTRACED\n\n"
        "def poll(pid):\n    os.waitpid(pid, os.WNOHANG)\n    os.waitpid(pid, options=WNOHANG | WUNTRACED)\n"
        "    os.wait4(pid, os.WNOHANG)\n    time.sleep(0)\n    time.sleep(0.0)\n\n"
        "def reap(pid):\n    os.waitpid(pid, 0)\n    os.wait4(pid, os.WUNTRACED)\n    time.sleep(1)\n"
    )
    routes = ROUTES + "from svc import child\n\n@router.post('/a')\nasync def a(pid: int):\n    child.poll(pid)\n    child.reap(pid)\n"
    result = lint_sources({"svc/__init__.py": "", "svc/helpers.py": HELPERS, "svc/child.py": child, "svc/routes.py": routes},
                          select=["PRR505"])
    assert _blocking_calls(result) == [("svc/child.py", 13), ("svc/child.py", 14), ("svc/child.py", 15)]


def test_work_handed_to_a_thread_or_process_is_not_followed() -> None:
    spawner = ("import threading\nfrom multiprocessing import Process\n\nclass Manager:\n    def add_task(self, function, *args):\n"
               "        Process(target=function, args=args).start()\n\nmanager = Manager()\n")
    routes = ROUTES + ("from svc.spawner import manager\nimport threading\nfrom multiprocessing import Process\n\n"
                       "@router.post('/a')\nasync def a():\n    threading.Thread(target=helpers.nap).start()\n"
                       "    Process(target=helpers.fetch, args=('u',)).start()\n    manager.add_task(helpers.convert, 'x')\n\n"
                       "@router.post('/b')\nasync def b():\n    helpers.nap()\n")
    result = lint_sources({"svc/__init__.py": "", "svc/helpers.py": HELPERS, "svc/spawner.py": spawner, "svc/routes.py": routes},
                          select=["PRR505"])
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/helpers.py", 25)]


def test_awaited_calls_and_query_constructs_make_no_round_trip_themselves() -> None:
    """wps (set I): `await session.execute(stmt)` on a parameter annotated `Session` but handed an
    AsyncSession (I166), and `session.query(...).filter(...).subquery()`, a construct the next query
    embeds (I158). The sync Session's query that runs, its later `.all()` and its commit stay reported."""
    crud = (
        "from sqlalchemy import and_, func\nfrom sqlalchemy.orm import Session\n\n"
        "async def latest(session: Session, stmt):\n    result = await session.execute(stmt)\n    return result.all()\n\n"
        "def in_range(session: Session, codes):\n"
        "    newest = session.query(Row.code, func.max(Row.at).label('at')).filter(Row.code.in_(codes))\\\n"
        "        .group_by(Row.code).subquery()\n"
        "    exists = session.query(Row).filter(Row.code == 1).exists()\n"
        "    query = session.query(Row).join(newest, and_(Row.code == newest.c.code, exists))\n"
        "    return query.all()\n\n"
        "def save(session: Session, row):\n    session.add(row)\n    session.commit()\n"
        "    return session.query(Row).filter(Row.code == 1).first()\n"
    )
    routes = ROUTES + ("from svc import crud\n\n@router.get('/a')\nasync def a(db, stmt):\n"
                       "    await crud.latest(db, stmt)\n    crud.save(db, None)\n    return crud.in_range(db, [1])\n")
    result = lint_sources({"svc/__init__.py": "", "svc/crud.py": crud, "svc/routes.py": routes}, select=["PRR505"])
    assert _blocking_calls(result) == [("svc/crud.py", 12), ("svc/crud.py", 17), ("svc/crud.py", 18)]


def test_the_blocking_calls_of_one_function_are_one_finding_with_every_call_related() -> None:
    """A generated REST client's `request()` calls the pool in each branch: one function to fix, one
    finding at its first call; a blocking call in another function is a finding of its own."""
    client = (
        "import requests\n\n"
        "def request(method, url, body=None):\n"
        "    if method == 'GET':\n        return requests.get(url)\n"
        "    if body is None:\n        return requests.post(url)\n"
        "    return requests.post(url, json=body)\n\n"
        "def ping(url):\n    return requests.head(url)\n"
    )
    routes = ("from fastapi import APIRouter\nfrom svc import client\nrouter = APIRouter()\n\n"
              "@router.post('/publish')\nasync def publish(doc: dict):\n    client.ping('u')\n    return client.request(doc['method'], 'u', doc)\n")
    result = lint_sources({"svc/__init__.py": "", "svc/client.py": client, "svc/routes.py": routes}, select=["PRR505"])
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/client.py", 5), ("svc/client.py", 11)]
    merged = result.findings[0]
    assert "and 2 more blocking call(s) of this function, lines 7, 8" in merged.message
    assert [(r.path, r.span.line) for r in merged.related[-3:]] == [("svc/client.py", 5), ("svc/client.py", 7), ("svc/client.py", 8)]
    assert "more blocking call" not in result.findings[1].message


def test_a_call_that_cannot_bind_to_the_helper_blocks_nothing() -> None:
    """`helpers.fetch(url, retries=2)` on `def fetch(url)` raises TypeError before the request (project/unbound.py)."""
    assert _found("@router.get('/a')\nasync def a():\n    return helpers.fetch('u', retries=2)\n")[1] == []
    assert _found("@router.get('/a')\nasync def a():\n    return helpers.fetch(url='u')\n")[1] == [("svc/helpers.py", 7)]
