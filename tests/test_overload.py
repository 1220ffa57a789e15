"""PRR506 and PRR507 beyond their documentation examples: what is a limit, a work queue, a
request-sized fan-out, and the false-positive traps around each."""

from __future__ import annotations

import pytest

from conftest import REGISTRY, lint_sources

ROUTER = "import asyncio\nfrom concurrent.futures import ThreadPoolExecutor\nfrom fastapi import APIRouter, Request\n\nrouter = APIRouter()\n"


def _lines(files: dict, code: str) -> list:
    result = lint_sources(files, select=[code])
    return [(finding.path, finding.span.line) for finding in result.findings if finding.rule == code]


@pytest.mark.parametrize(
    "source, expected",
    [
        ("import grpc\nserver = grpc.server(pool, None, None, None, 32)\n", []),
        ("import grpc\nserver = grpc.server(pool, None, None, None, None)\n", [2]),
        ("import grpc\nserver = grpc.server(pool, **options)\n", []),
        ("import grpc.aio\nserver = grpc.aio.server()\n", [2]),
        ("import uvicorn\nuvicorn.run(app, host='0.0.0.0', limit_concurrency=None)\n", [2]),
        ("import uvicorn\nuvicorn.run(app, host=settings.HOST)\n", [2]),
        ("import uvicorn\nuvicorn.run(app, uds='/run/app.sock')\n", [2]),
        ("import uvicorn\nuvicorn.run(app, host='localhost', port=8000)\n", []),
        ("import uvicorn\nuvicorn.run(app, host='0.0.0.0', debug=True)\n", []),
        ("import uvicorn\nuvicorn.Config(app, '0.0.0.0', 8000)\n", [2]),
        # Started only when the reload or debug switch it is handed is on: a development start, however
        # the switch is spelled; the other branch is production's.
        ("import uvicorn\nif reload:\n    uvicorn.run(app, host='0.0.0.0', reload=reload)\n"
         "else:\n    uvicorn.run(app, host='0.0.0.0', reload=reload)\n", [5]),
        ("import uvicorn\nif not args.dev:\n    serve()\nelse:\n    uvicorn.run(app, host=HOST, reload=args.dev)\n", []),
        ("import uvicorn\nif settings.DEBUG and local:\n    uvicorn.run(app, host=HOST, debug=settings.DEBUG)\n", []),
        ("import uvicorn\nif settings.DEBUG or local:\n    uvicorn.run(app, host=HOST, debug=settings.DEBUG)\n", [3]),
        ("import uvicorn\nif dev:\n    uvicorn.run(app, host=HOST, reload=reload)\n", [3]),
        # hypercorn has no concurrency limit to set.
        ("import asyncio\nfrom hypercorn.asyncio import serve\nfrom hypercorn.config import Config\n"
         "config = Config()\nasyncio.run(serve(app, config))\n", []),
        # A project function that happens to be called `server`.
        ("def server():\n    return None\nserver()\n", []),
    ],
)
def test_load_shedding(source: str, expected: list) -> None:
    assert [line for _, line in _lines({"svc/serve.py": source}, "PRR506")] == expected


def test_load_shedding_is_opt_in_and_skips_tests() -> None:
    source = "import grpc\nserver = grpc.server(pool)\n"
    assert "PRR506" not in REGISTRY.select([], [], []) and "PRR506" in REGISTRY.select(["PRR5"], [], [])
    assert _lines({"svc/serve.py": source, "tests/test_serve.py": source}, "PRR506") == [("svc/serve.py", 2)]


QUEUE_MODULE = (
    "import queue\n\nclass Mailer:\n    def __init__(self):\n        self.outbox = {queue}\n\n"
    "    def submit(self, message):\n        self.outbox.put(message)\n\n"
    "    def run(self):\n        while True:\n            send(self.outbox.get())\n\nmailer = Mailer()\n"
)
HANDLER = ROUTER.replace("import asyncio\n", "from svc.mail import mailer\n") + (
    "\n@router.post('/signup')\ndef signup(email: str):\n    mailer.submit(email)\n"
)


@pytest.mark.parametrize(
    "queue, reported",
    [
        ("queue.Queue()", True),
        ("queue.Queue(0)", True),
        ("queue.Queue(maxsize=-1)", True),
        ("queue.SimpleQueue()", True),
        ("queue.Queue(maxsize=100)", False),
        ("queue.Queue(settings.OUTBOX_SIZE)", False),
    ],
)
def test_work_queue_across_modules(queue: str, reported: bool) -> None:
    files = {"svc/mail.py": QUEUE_MODULE.format(queue=queue), "svc/api.py": HANDLER}
    result = lint_sources(files, select=["PRR507"])
    found = [f for f in result.findings if f.rule == "PRR507"]
    assert [(f.path, f.span.line) for f in found] == ([("svc/mail.py", 5)] if reported else [])
    if reported:
        assert [r.message for r in found[0].related] == ["svc/api.py:signup", "svc/mail.py:Mailer.submit", "the queue it puts work into"]


def test_work_queue_needs_a_serving_producer() -> None:
    files = {"svc/mail.py": QUEUE_MODULE.format(queue="queue.Queue()")}
    assert _lines(files, "PRR507") == []


@pytest.mark.parametrize(
    "body",
    [
        # A local deque is an algorithm's work list (a breadth-first search).
        "    todo = collections.deque([root])\n    while todo:\n        node = todo.popleft()\n        todo.extend(node.children)\n",
        # A module-level deque trimmed by hand: the popped items are dropped.
        "    WINDOW.append(now)\n    while WINDOW and WINDOW[0] < now - 60:\n        WINDOW.popleft()\n",
        # Put into, never taken out in this module.
        "    EVENTS.append(root)\n",
    ],
)
def test_not_work_queues(body: str) -> None:
    source = (ROUTER + "import collections\nWINDOW = collections.deque()\nEVENTS = collections.deque()\n\n"
              "@router.post('/walk')\ndef walk(root, now):\n" + body)
    assert _lines({"svc/api.py": source}, "PRR507") == []


@pytest.mark.parametrize(
    "body, reported",
    [
        ("    return await asyncio.gather(*[get(i) for i in request.query_params.getlist('id')])\n", True),
        ("    data = await request.json()\n    ids = data.get('ids', [])\n    return await asyncio.gather(*map(get, ids), *[get(i) for i in set(ids)])\n", True),
        ("    done, _ = await asyncio.wait([get(i) for i in ids])\n", True),
        ("    rows = await db.fetch('SELECT id FROM items')\n    return await asyncio.gather(*[get(r) for r in rows])\n", True),
        ("    return list(ThreadPoolExecutor(8).map(get, ids))\n", True),
        ("    return await asyncio.gather(*[get(i) for i in ids[:20]])\n", False),
        ("    return await asyncio.gather(*[get(i) for i in range(4)])\n", False),
        ("    return await asyncio.gather(*[get(i) for i in [1, 2, 3]])\n", False),
        ("    return await asyncio.gather(get(1), get(2))\n", False),
        ("    return await asyncio.gather(*[get(i) for i in self_ids()])\n", False),
        ("    rows = await db.fetch('SELECT id FROM items LIMIT 10')\n    return [r for r in rows]\n", False),
        ("    sem = asyncio.Semaphore(5)\n\n    async def one(i):\n        async with sem:\n            return await get(i)\n\n"
         "    return await asyncio.gather(*[one(i) for i in ids])\n", False),
        ("    for chunk in chunks(ids, 10):\n        await asyncio.gather(*[get(i) for i in chunk])\n", False),
    ],
)
def test_fanout(body: str, reported: bool) -> None:
    source = ROUTER + "\n@router.post('/many')\nasync def many(request: Request, ids: list, db=None):\n" + body
    assert bool(_lines({"svc/api.py": source}, "PRR507")) is reported


def test_fanout_over_a_parameter_only_in_a_handler() -> None:
    source = ROUTER + (
        "\nasync def fetch_all(ids):\n    return await asyncio.gather(*[get(i) for i in ids])\n\n"
        "@router.get('/two')\nasync def two():\n    return await fetch_all([1, 2])\n"
    )
    assert _lines({"svc/api.py": source}, "PRR507") == []
