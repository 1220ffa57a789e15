"""PRR507's documented examples (work_queues.py): what the rule leaves alone (VALID) and what it reports
(INVALID), kept apart so the rule's module stays short. Each is a test and a line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

VALID = (
    # a run's own work list (Kahn's walk over one plan's steps): the constructor queues the first steps, the
    # walk that takes a step queues those it unblocks; the plan bounds it, not the requests
    Example(
        "from collections import deque\nfrom flask import Blueprint, request\n\nbp = Blueprint('plans', __name__)\n\n\n"
        "class Plan:\n    def __init__(self, steps, edges):\n        self.after = {step: [] for step in steps}\n"
        "        self.waiting = {step: 0 for step in steps}\n        for first, then in edges:\n"
        "            self.after[first].append(then)\n            self.waiting[then] += 1\n        self.ready = deque()\n"
        "        for step in steps:\n            if not self.waiting[step]:\n                self.ready.append(step)\n\n"
        "    def run(self, do):\n        while self.ready:\n            step = self.ready.popleft()\n            do(step)\n"
        "            for then in self.after[step]:\n                self.waiting[then] -= 1\n"
        "                if not self.waiting[then]:\n                    self.ready.append(then)\n\n\n"
        "@bp.post('/plans')\ndef run_plan():\n    body = request.json\n    Plan(body['steps'], body['edges']).run(print)\n"
        "    return 'ok'\n"
    ),
    # the consumer only turns each event into a task: the queue drains as fast as it fills
    Example(
        "import asyncio\nfrom flask import Blueprint, request\n\nbp = Blueprint('events', __name__)\n\n\nclass Relay:\n"
        "    def __init__(self):\n        self.calls = asyncio.Queue()\n\n"
        "    def call_soon(self, function, *args):\n        self.calls.put_nowait((function, args))\n\n"
        "    async def loop(self):\n        while True:\n            function, args = await self.calls.get()\n"
        "            asyncio.create_task(function(*args))\n\n\nrelay = Relay()\n\n\nasync def notify(event):\n    pass\n\n\n"
        "@bp.post('/event')\ndef event():\n    relay.call_soon(notify, request.json)\n    return ''\n"
    ),
    # a request's own work list: every item is put before the workers that take them start
    Example(
        "import logging\nimport queue\nimport threading\nfrom flask import Blueprint, request\n\nbp = Blueprint('batch', __name__)\n\n\n"
        "class Batch:\n    def __init__(self, items):\n        self.items = items\n        self.jobs = queue.Queue()\n\n"
        "    def start(self):\n        for item in self.items:\n            self.jobs.put(item)\n"
        "        for _ in range(4):\n            threading.Thread(target=self.process, daemon=True).start()\n\n"
        "    def process(self):\n        while not self.jobs.empty():\n            try:\n                work(self.jobs.get())\n"
        "            except Exception:\n                logging.exception('batch item failed')\n\n\n"
        "def work(item):\n    pass\n\n\n@bp.post('/batch')\ndef batch():\n    Batch(request.json['items']).start()\n    return 'ok'\n"
    ),
    # refilled only when drained (nucypher's teacher nodes): one batch at a time, whatever the requests
    Example(
        "import collections\nfrom flask import Blueprint\n\nbp = Blueprint('b', __name__)\n\n\n"
        "class Learner:\n    def __init__(self, known):\n        self.known = known\n        self.teachers = collections.deque()\n\n"
        "    def refill(self):\n        self.teachers.extend(self.known.shuffled())\n\n"
        "    def next_teacher(self):\n        if not self.teachers:\n            self.refill()\n        return self.teachers.pop()\n\n\n"
        "learner = Learner([])\n\n@bp.get('/teacher')\ndef teacher():\n    return str(learner.next_teacher())\n"
    ),
    Example(
        "import collections\nimport queue\nfrom flask import Blueprint, request\n\nbp = Blueprint('b', __name__)\n"
        "jobs = queue.Queue(maxsize=100)\nrecent = collections.deque(maxlen=50)\n\n"
        "@bp.post('/jobs')\ndef submit():\n    jobs.put(request.json)\n    recent.append(request.json)\n    return ''\n\n"
        "def worker():\n    while True:\n        handle(jobs.get())\n        audit(recent.popleft())\n"
    ),
    Example(
        "import asyncio\nfrom fastapi import APIRouter\n\nrouter = APIRouter()\nLIMIT = asyncio.Semaphore(10)\n\n"
        "async def fetch_one(sku):\n    async with LIMIT:\n        return await client.get(sku)\n\n"
        "@router.post('/prices')\nasync def prices(skus: list):\n"
        "    return await asyncio.gather(*[fetch_one(sku) for sku in skus])\n\n"
        "@router.get('/summary')\nasync def summary():\n"
        "    return await asyncio.gather(*[client.get(name) for name in ('a', 'b', 'c')])\n\n"
        "@router.get('/pages')\nasync def pages(ids: list):\n"
        "    return await asyncio.gather(*(client.get(p) for p in range(3)), *[client.get(i) for i in ids[:10]])\n"
    ),
    Example(
        "import time\nfrom collections import deque\nfrom concurrent.futures import ThreadPoolExecutor\n"
        "from flask import Blueprint, request\n\nbp = Blueprint('b', __name__)\npool = ThreadPoolExecutor(8)\n"
        "calls = deque()\n\n@bp.post('/resize')\ndef resize():\n    calls.append(time.time())\n"
        "    while calls and calls[0] < time.time() - 60:\n        calls.popleft()\n    images = request.json['images']\n"
        "    for i in range(0, len(images), 20):\n        chunk = images[i:i + 20]\n"
        "        list(pool.map(shrink, chunk))\n    return ''\n"
    ),
    # a process-wide pool and a deadline bound the fan-out (the pending items are cancelled at 30 s)
    Example(
        "import concurrent.futures\nfrom django.views import View\n\n"
        "repo_pool = concurrent.futures.ThreadPoolExecutor(thread_name_prefix='repo')\n\n"
        "class ProjectDetail(View):\n    def get(self, request, slug):\n"
        "        return render(request, 'p.html', {'repos': list(self.iter_repos(Repo.objects.filter(project=slug)))})\n\n"
        "    def iter_repos(self, repos):\n        try:\n"
        "            yield from repo_pool.map(fetch_repo, repos, timeout=30)\n"
        "        except TimeoutError:\n            yield None\n"
    ),
)
INVALID = (
    # the worker puts back what it took (no intake), but a handler feeds the same queue: it grows with the requests
    Example(
        "import queue\nimport threading\nfrom flask import Blueprint, request\n\nbp = Blueprint('mail', __name__)\n\n\n"
        "class Outbox:\n    def __init__(self):\n        self.pending = queue.Queue()  # expect: PRR507\n\n"
        "    def send_later(self, message):\n        self.pending.put(message)\n\n"
        "    def work(self, deliver):\n        while True:\n            message = self.pending.get()\n"
        "            if not deliver(message):\n                self.pending.put(message)\n\n\n"
        "outbox = Outbox()\n\n\n@bp.post('/mail')\ndef mail():\n    outbox.send_later(request.json)\n    return ''\n"
    ),
    # the workers start first: requests keep putting while they fall behind
    Example(
        "import queue\nimport threading\nfrom flask import Blueprint, request\n\nbp = Blueprint('batch', __name__)\n\n\nclass Batch:\n"
        "    def __init__(self):\n        self.jobs = queue.Queue()  # expect: PRR507\n\n"
        "    def start(self, items):\n        for _ in range(4):\n"
        "            threading.Thread(target=self.process, daemon=True).start()  # expect: PRR106 (its failure unseen)\n"
        "        for item in items:\n            self.jobs.put(item)\n\n"
        "    def process(self):\n        while True:\n            work(self.jobs.get())\n\n\n"
        "def work(item):\n    pass\n\n\nbatches = Batch()\n\n\n@bp.post('/batch')\ndef batch():\n"
        "    batches.start(request.json['items'])\n    return 'ok'\n"
    ),
    # `len` here is the module's own function, not the builtin: the test says nothing of the queue's size
    Example(
        "import collections\nfrom flask import Blueprint\n\nbp = Blueprint('b', __name__)\n\n\ndef len(x):\n    return 1\n\n\n"
        "class Learner:\n    def __init__(self, known):\n        self.known = known\n        self.teachers = collections.deque()  # expect: PRR507\n\n"
        "    def refill(self):\n        self.teachers.extend(self.known.shuffled())\n\n"
        "    def next_teacher(self):\n        if len(self.teachers) == 0:\n            self.refill()\n        return self.teachers.pop()\n\n\n"
        "learner = Learner([])\n\n@bp.get('/teacher')\ndef teacher():\n    return str(learner.next_teacher())\n"
    ),
    # refilled on every request, empty or not: it grows with them
    Example(
        "import collections\nfrom flask import Blueprint\n\nbp = Blueprint('b', __name__)\n\n\n"
        "class Learner:\n    def __init__(self, known):\n        self.known = known\n        self.teachers = collections.deque()  # expect: PRR507\n\n"
        "    def refill(self):\n        self.teachers.extend(self.known.shuffled())\n\n"
        "    def next_teacher(self):\n        if self.known:\n            self.refill()\n        return self.teachers.pop()\n\n\n"
        "learner = Learner([])\n\n@bp.get('/teacher')\ndef teacher():\n    return str(learner.next_teacher())\n"
    ),
    # filled by a command the handler looks up in a table of bound methods (a dispatch table)
    Example(
        'import asyncio\nfrom aiohttp import web\n\n\nclass Server:\n    def __init__(self):\n        self.events = asyncio.Queue()  # expect: PRR507\n\n    def commands(self):\n        return {"start": self.start, "stop": self.stop}\n\n    async def handle(self, request):\n        data = await request.json()\n        mapping = self.commands()\n        return web.json_response(await mapping[data["command"]](data))\n\n    async def start(self, data):\n        self.changed(data)\n        return {}\n\n    async def stop(self, data):\n        return {}\n\n    def changed(self, message):\n        self.events.put_nowait(message)\n\n    async def consume(self):\n        while True:\n            message = await self.events.get()\n            await self.send(message)\n\n    async def send(self, message):\n        pass\n\n\ndef make_app():\n    server = Server()\n    app = web.Application()  # expect: PRR201 PRR206 (no metrics, no health check here)\n    app.router.add_get("/", server.handle)\n    return app\n'
    ),
    Example(
        "import queue\nfrom flask import Blueprint, request\n\nbp = Blueprint('b', __name__)\n"
        "jobs = queue.Queue()  # expect: PRR507\n\n@bp.post('/jobs')\ndef submit():\n    jobs.put(request.json)\n"
        "    return ''\n\ndef worker():\n    while True:\n        job = jobs.get()\n        handle(job)\n"
    ),
    Example(
        "import asyncio\nfrom fastapi import APIRouter, Request\n\nrouter = APIRouter()\n\n@router.post('/prices')\n"
        "async def prices(request: Request):\n    body = await request.json()\n"
        "    tasks = [fetch_price(sku) for sku in body['skus']]\n"
        "    return await asyncio.gather(*tasks)  # expect: PRR507\n\n"
        "@router.post('/stock')\nasync def stock(skus: list):\n"
        "    return await asyncio.gather(*(fetch_stock(sku) for sku in skus))  # expect: PRR507\n"
    ),
    # a pool built for this call: as wide as the list, whatever the deadline
    Example(
        "from concurrent.futures import ThreadPoolExecutor\nfrom fastapi import APIRouter\n\nrouter = APIRouter()\n\n"
        "@router.post('/thumbs')\ndef thumbs(urls: list):\n"
        "    with ThreadPoolExecutor(max_workers=len(urls)) as pool:\n"
        "        return list(pool.map(fetch, urls, timeout=30))  # expect: PRR507\n"
    ),
)
