"""PRR501/PRR502 and asyncio deadlines (async_deadlines.py, project/async_deadline.py): a call awaited in a
coroutine that every caller runs under `wait_for` or a timeout scope is bounded; a coroutine also called
without one, `asyncio.wait(timeout=)`, `asyncio.shield`, `timeout=None` and a thread are no deadline."""

from __future__ import annotations

import pytest

from conftest import lint_sources

# lnbits' shape: funding sources whose `pay_invoice` posts with timeout=None, run by one service function
# as a task (made by a project helper) awaited under wait_for with a timeout read from settings.
_BASE = (
    "from typing import Coroutine\n\n\nclass Wallet:\n"
    "    def pay_invoice(self, bolt11: str) -> Coroutine:\n        raise NotImplementedError\n\n"
    "    def get_payment_status(self, checking_id: str) -> Coroutine:\n        raise NotImplementedError\n"
)
_ALBY = (
    "import httpx\nfrom svc.wallets.base import Wallet\n\n\nclass AlbyWallet(Wallet):\n"
    "    def __init__(self):\n        self.client = httpx.AsyncClient(base_url='https://api.getalby.com')\n\n"
    "    async def pay_invoice(self, bolt11):\n"
    "        r = await self.client.post('/payments/bolt11', json={'invoice': bolt11}, timeout=None)\n"
    "        return r.json()\n\n"
    "    async def get_payment_status(self, checking_id):\n"
    "        r = await self.client.get(f'/payments/{checking_id}', timeout=None)\n        return r.json()\n"
)
_BOLTZ = (
    "import grpc.aio\nfrom protos import boltz_pb2_grpc\nfrom svc.wallets.base import Wallet\n\n\nclass BoltzWallet(Wallet):\n"
    "    def __init__(self):\n        self.rpc = boltz_pb2_grpc.BoltzStub(grpc.aio.insecure_channel('boltz:9002'))\n\n"
    "    async def pay_invoice(self, bolt11):\n        return await self._swap(bolt11)\n\n"
    "    async def _swap(self, bolt11):\n        return await self.rpc.CreateSwap(bolt11)\n\n"
    "    async def get_payment_status(self, checking_id):\n        return await self.rpc.GetSwapInfo(checking_id)\n"
)
_FUNDING = "from svc.wallets.alby import AlbyWallet\n\nfunding_source = AlbyWallet()\n\n\ndef get_funding_source():\n    return funding_source\n"
_TASKS = (
    "import asyncio\n\ntasks = []\n\n\ndef create_task(coro):\n    task = asyncio.create_task(coro)\n"
    "    tasks.append(task)\n    return task\n"
)
_PAYMENTS = (
    "import asyncio\nfrom svc.settings import settings\nfrom svc.tasks import create_task\nfrom svc.wallets import get_funding_source\n\n\n"
    "async def _fundingsource_pay_invoice(bolt11):\n    funding_source = get_funding_source()\n"
    "    return await funding_source.pay_invoice(bolt11)\n\n\n"
    "async def pay_invoice(bolt11):\n    task = create_task(_fundingsource_pay_invoice(bolt11))\n"
    "    wait_time = max(1, settings.pay_invoice_wait_seconds)\n    try:\n"
    "        return await asyncio.wait_for(task, timeout=wait_time)\n    except asyncio.TimeoutError:\n        return None\n\n\n"
    "async def check_payment_status(checking_id):\n    return await get_funding_source().get_payment_status(checking_id)\n"
)
_API = (
    "from fastapi import FastAPI\nfrom svc import payments\n\napp = FastAPI()\n\n\n"
    "@app.post('/pay')\nasync def pay(bolt11: str):\n    return await payments.pay_invoice(bolt11)\n\n\n"
    "@app.get('/status')\nasync def status(checking_id: str):\n    return await payments.check_payment_status(checking_id)\n"
)
_PROJECT = {
    "svc/__init__.py": "", "svc/wallets/__init__.py": _FUNDING, "svc/wallets/base.py": _BASE, "svc/wallets/alby.py": _ALBY,
    "svc/wallets/boltz.py": _BOLTZ, "svc/tasks.py": _TASKS, "svc/payments.py": _PAYMENTS, "svc/api.py": _API,
    "svc/settings.py": "class Settings:\n    pay_invoice_wait_seconds = 5\n\n\nsettings = Settings()\n",
}


def _found(files: dict) -> list:
    return [(f.rule, f.path, f.span.line) for f in lint_sources(files, select=["PRR501", "PRR502"]).findings]


def test_a_funding_source_call_every_caller_runs_under_wait_for_is_bounded() -> None:
    """`pay_invoice` (and `_swap`, which only it awaits) run as a task awaited under wait_for: gone; the
    status calls a handler awaits with no deadline stay (lnbits I270, I273, I274 false; I293, I276 true)."""
    assert _found(_PROJECT) == [("PRR501", "svc/wallets/alby.py", 14), ("PRR502", "svc/wallets/boltz.py", 17)]


@pytest.mark.parametrize("wait", [
    # the coroutine is also awaited with no deadline: stays reported
    "async def pay_invoice(bolt11):\n    await asyncio.wait_for(_fundingsource_pay_invoice(bolt11), 5)\n"
    "    return await _fundingsource_pay_invoice(bolt11)\n",
    # asyncio.wait returns on its timeout and leaves the pending task running
    "async def pay_invoice(bolt11):\n    done, pending = await asyncio.wait([create_task(_fundingsource_pay_invoice(bolt11))], timeout=5)\n"
    "    return done\n",
    # shield protects the task from wait_for's cancellation
    "async def pay_invoice(bolt11):\n    task = create_task(_fundingsource_pay_invoice(bolt11))\n"
    "    return await asyncio.wait_for(asyncio.shield(task), timeout=5)\n",
    "async def pay_invoice(bolt11):\n    return await asyncio.wait_for(asyncio.shield(_fundingsource_pay_invoice(bolt11)), 5)\n",
    # timeout=None waits forever; so does a parameter that defaults to None
    "async def pay_invoice(bolt11):\n    return await asyncio.wait_for(_fundingsource_pay_invoice(bolt11), timeout=None)\n",
    "async def pay_invoice(bolt11, timeout=None):\n    return await asyncio.wait_for(_fundingsource_pay_invoice(bolt11), timeout)\n",
    "async def pay_invoice(bolt11):\n    async with asyncio.timeout(None):\n        return await _fundingsource_pay_invoice(bolt11)\n",
    # the task is also awaited bare: the name is used for more than wait_for
    "async def pay_invoice(bolt11):\n    task = create_task(_fundingsource_pay_invoice(bolt11))\n"
    "    await asyncio.wait_for(task, 5)\n    return await task\n",
    # a task made by a helper that makes none (it awaits the coroutine itself): wait_for bounds the helper's result only
    "async def pay_invoice(bolt11):\n    task = settings.run(_fundingsource_pay_invoice(bolt11))\n    return await asyncio.wait_for(task, 5)\n",
])
def test_no_deadline_over_every_call_leaves_the_call_reported(wait: str) -> None:
    payments = _PAYMENTS[: _PAYMENTS.index("async def pay_invoice")] + wait + _PAYMENTS[_PAYMENTS.index("\n\nasync def check_payment_status"):]
    assert ("PRR501", "svc/wallets/alby.py", 10) in _found({**_PROJECT, "svc/payments.py": payments})


@pytest.mark.parametrize("wait", [
    "async def pay_invoice(bolt11):\n    return await asyncio.wait_for(_fundingsource_pay_invoice(bolt11), 5)\n",
    "async def pay_invoice(bolt11):\n    return await asyncio.wait_for(asyncio.ensure_future(_fundingsource_pay_invoice(bolt11)), settings.wait)\n",
    "async def pay_invoice(bolt11):\n    async with asyncio.timeout(settings.wait):\n        return await _fundingsource_pay_invoice(bolt11)\n",
    "async def pay_invoice(bolt11):\n    async with async_timeout.timeout(5):\n        return await _fundingsource_pay_invoice(bolt11)\n",
    "async def pay_invoice(bolt11):\n    with anyio.move_on_after(5):\n        return await _fundingsource_pay_invoice(bolt11)\n",
    "async def pay_invoice(bolt11):\n    with trio.fail_after(5):\n        return await _fundingsource_pay_invoice(bolt11)\n",
])
def test_each_kind_of_asyncio_deadline_bounds_the_coroutine(wait: str) -> None:
    payments = _PAYMENTS[: _PAYMENTS.index("async def pay_invoice")] + wait + _PAYMENTS[_PAYMENTS.index("\n\nasync def check_payment_status"):]
    payments = "import anyio\nimport async_timeout\nimport trio\n" + payments
    assert ("PRR501", "svc/wallets/alby.py", 10) not in _found({**_PROJECT, "svc/payments.py": payments})


def test_a_sync_function_run_in_a_thread_under_wait_for_is_not_cancelled() -> None:
    """wait_for cancels the await, not the thread `to_thread` started: the blocking call runs on."""
    code = (
        "import asyncio\nimport requests\n\n\ndef fetch(url):\n    return requests.get(url)\n\n\n"
        "async def refresh(url):\n    return await asyncio.to_thread(fetch, url)\n\n\n"
        "async def refresh_all(url):\n    return await asyncio.wait_for(refresh(url), 5)\n"
    )
    assert _found({"svc/__init__.py": "", "svc/feeds.py": code}) == [("PRR501", "svc/feeds.py", 6)]


def test_a_blocking_call_in_a_bounded_coroutine_stays_reported() -> None:
    """No cancellation interrupts a call that blocks the event loop (smtplib in an async def)."""
    code = (
        "import asyncio\nimport smtplib\n\n\nasync def send(to):\n    smtplib.SMTP('mail', 25).sendmail('me', to, 'hi')\n\n\n"
        "async def notify(to):\n    await asyncio.wait_for(send(to), 5)\n"
    )
    assert _found({"svc/__init__.py": "", "svc/mail.py": code}) == [("PRR501", "svc/mail.py", 6)]


def test_a_call_wrapped_in_wait_for_where_it_is_made_is_bounded() -> None:
    code = (
        "import asyncio\nimport httpx\n\nclient = httpx.AsyncClient()\n\n\nasync def tail(url):\n"
        "    r = await asyncio.wait_for(client.get(url, timeout=None), 10)\n"
        "    async with asyncio.timeout(10):\n        await client.post(url, timeout=None)\n"
        "    return await client.get(url, timeout=None)\n"
    )
    assert _found({"svc/__init__.py": "", "svc/feeds.py": code}) == [("PRR501", "svc/feeds.py", 11)]


# A relay talking to its agents through one interface with two transports (gRPC and HTTP): the poller reads
# counters through a parameter typed with the base class, under wait_for; the watcher refreshes the agent
# from a task with no deadline.
_AGENT_BASE = (
    "from abc import ABC\n\n\nclass Agent(ABC):\n    async def read_counters(self):\n        \"\"\"counters since the last read\"\"\"\n\n"
    "    async def refresh(self):\n        \"\"\"reload the agent's plug-ins\"\"\"\n"
)
_GRPC_AGENT = (
    "import asyncio\nimport grpc.aio\nfrom relay.agent_pb2 import Empty\nfrom relay.agent_pb2_grpc import AgentStub\n"
    "from relay.base import Agent\n\n\nclass GrpcAgent(Agent):\n    def __init__(self, target):\n"
    "        self._stub = AgentStub(grpc.aio.insecure_channel(target))\n"
    "        self._watcher = asyncio.create_task(self._watch())\n\n"
    "    async def _watch(self):\n        while True:\n            await self.refresh()\n            await asyncio.sleep(30)\n\n"
    "    async def read_counters(self):\n        reply = await self._stub.ReadCounters(Empty())\n        return reply.counters\n\n"
    "    async def refresh(self):\n        reply = await self._stub.ListPlugins(Empty())\n        return reply.plugins\n"
)
_HTTP_AGENT = (
    "import httpx\nfrom relay.base import Agent\n\n\nclass HttpAgent(Agent):\n    def __init__(self, url):\n"
    "        self._client = httpx.AsyncClient(base_url=url)\n\n"
    "    async def read_counters(self):\n        reply = await self._client.get('/counters', timeout=None)\n        return reply.json()\n"
)
_POLLER = (
    "import asyncio\nfrom relay.base import Agent\n\n\nasync def poll(agent: Agent) -> list:\n    try:\n"
    "        return await asyncio.wait_for(agent.read_counters(), 10)\n    except asyncio.TimeoutError:\n        return []\n\n\n"
    "async def poll_all(agents: list) -> list:\n    return await asyncio.gather(*[poll(agent) for agent in agents])\n"
)
_RELAY = {"relay/__init__.py": "", "relay/base.py": _AGENT_BASE, "relay/grpc_agent.py": _GRPC_AGENT,
          "relay/http_agent.py": _HTTP_AGENT, "relay/poller.py": _POLLER}


def test_an_override_reached_through_its_base_method_under_wait_for_is_bounded() -> None:
    """A call of the base method may run every override: each transport's `read_counters` runs only under the
    poller's wait_for (marzneshin's FetchUsersStats, judged false); the refresh the watcher task awaits with
    no deadline stays (its RepopulateUsers/FetchBackends, judged true)."""
    assert _found(_RELAY) == [("PRR502", "relay/grpc_agent.py", 23)]


def test_an_override_also_awaited_through_its_base_with_no_deadline_stays_reported() -> None:
    poller = _POLLER + "\n\nasync def poll_now(agent: Agent) -> list:\n    return await agent.read_counters()\n"
    assert _found({**_RELAY, "relay/poller.py": poller}) == [
        ("PRR502", "relay/grpc_agent.py", 19), ("PRR502", "relay/grpc_agent.py", 23), ("PRR501", "relay/http_agent.py", 10)]


# A scheduler that starts its workers and waits for each to answer a health check: the probes are coroutines
# gathered inside `async with asyncio.timeout(...)` (a class constant of another module), the list's name bound
# once before for other work; each peer link checks reachability through a helper only that probe awaits.
_LIMITS = "class WorkerLaunch:\n    LAUNCH_TIMEOUT = 5 * 60.0\n"
_SCHEDULER = (
    "import asyncio\nimport grpc.aio\nfrom farm import worker_pb2, worker_pb2_grpc\nfrom farm.limits import WorkerLaunch\n\n"
    "LINK_TIMEOUT = 300.0\n\n\nclass Scheduler:\n    def __init__(self, ranks):\n        self.ranks = ranks\n\n"
    "    async def _reachable(self, rank):\n        try:\n"
    "            async with grpc.aio.insecure_channel(f'worker-{rank}:50051') as channel:\n"
    "                await worker_pb2_grpc.WorkerStub(channel).Ping(worker_pb2.PingRequest())\n"
    "                return True\n        except Exception:\n            return False\n\n"
    "    async def start(self, launcher):\n        coros = []\n        for rank in self.ranks:\n"
    "            coros.append(launcher.launch(rank))\n        await asyncio.gather(*coros)\n\n"
    "        async def wait_online(rank):\n            while True:\n"
    "                async with grpc.aio.insecure_channel(f'worker-{rank}:50051') as channel:\n"
    "                    reply = await worker_pb2_grpc.WorkerStub(channel).Health(worker_pb2.HealthRequest())\n"
    "                    if reply.ok:\n                        return\n                await asyncio.sleep(1)\n\n"
    "        coros = [wait_online(rank) for rank in self.ranks]\n"
    "        async with asyncio.timeout(WorkerLaunch.LAUNCH_TIMEOUT):\n            await asyncio.gather(*coros)\n\n"
    "    async def link(self):\n        async def link_to(rank):\n            while not await self._reachable(rank):\n"
    "                await asyncio.sleep(10)\n\n"
    "        coros = [link_to(rank) for rank in self.ranks]\n        async with asyncio.timeout(LINK_TIMEOUT):\n"
    "            await asyncio.gather(*coros)\n"
)
_FARM = {"farm/__init__.py": "", "farm/limits.py": _LIMITS, "farm/scheduler.py": _SCHEDULER}


def test_coroutines_gathered_under_a_timeout_scope_are_bounded() -> None:
    """The health probe and the reachability check (through the helper the link coroutine awaits) run only inside
    the gathers a finite timeout scope bounds: gone (cornserve's CheckHealth in wait_for_online and _reachable)."""
    assert _found(_FARM) == []


@pytest.mark.parametrize("old, new", [
    # the timeout block holds where the coroutines are made, not the gather that runs them
    ("        coros = [wait_online(rank) for rank in self.ranks]\n        async with asyncio.timeout(WorkerLaunch.LAUNCH_TIMEOUT):\n"
     "            await asyncio.gather(*coros)\n",
     "        async with asyncio.timeout(WorkerLaunch.LAUNCH_TIMEOUT):\n            coros = [wait_online(rank) for rank in self.ranks]\n"
     "        await asyncio.gather(*coros)\n"),
    # no deadline
    ("asyncio.timeout(WorkerLaunch.LAUNCH_TIMEOUT)", "asyncio.timeout(None)"),
    # a task made inside the block escapes it
    ("        coros = [wait_online(rank) for rank in self.ranks]\n        async with asyncio.timeout(WorkerLaunch.LAUNCH_TIMEOUT):\n"
     "            await asyncio.gather(*coros)\n",
     "        async with asyncio.timeout(WorkerLaunch.LAUNCH_TIMEOUT):\n"
     "            self.probes = [asyncio.create_task(wait_online(rank)) for rank in self.ranks]\n"),
    ("        coros = [wait_online(rank) for rank in self.ranks]\n        async with asyncio.timeout(WorkerLaunch.LAUNCH_TIMEOUT):\n"
     "            await asyncio.gather(*coros)\n",
     "        async with asyncio.timeout(WorkerLaunch.LAUNCH_TIMEOUT):\n            probe = asyncio.create_task(wait_online(self.ranks[0]))\n"
     "        await probe\n"),
    # the list is used for more than the gather
    ("            await asyncio.gather(*coros)\n\n    async def link", "            await asyncio.gather(*coros)\n        self.pending = coros\n\n    async def link"),
    # the name is bound again, in the same block, before the bounded gather: that binding is what the gather runs
    ("        coros = [wait_online(rank) for rank in self.ranks]\n",
     "        coros = [wait_online(rank) for rank in self.ranks]\n        await asyncio.gather(*coros)\n        coros = []\n"),
])
def test_a_probe_not_every_run_of_which_a_deadline_bounds_stays_reported(old: str, new: str) -> None:
    assert old in _SCHEDULER
    assert _found({**_FARM, "farm/scheduler.py": _SCHEDULER.replace(old, new)}) == [("PRR502", "farm/scheduler.py", 30)]


def test_a_second_caller_outside_any_block_keeps_the_helper_reported() -> None:
    scheduler = _SCHEDULER + "\n    async def ping(self, rank):\n        return await self._reachable(rank)\n"
    assert _found({**_FARM, "farm/scheduler.py": scheduler}) == [("PRR502", "farm/scheduler.py", 16)]


@pytest.mark.parametrize("wait", [
    "async def pay_invoice(bolt11):\n    return await asyncio.wait_for(asyncio.gather(_fundingsource_pay_invoice(bolt11)), 5)\n",
    "async def pay_invoice(bolt11):\n    async with asyncio.timeout(5):\n"
    "        task = asyncio.create_task(_fundingsource_pay_invoice(bolt11))\n        return await task\n",
    "async def pay_invoice(bolt11):\n    async with asyncio.timeout(5):\n"
    "        done = await asyncio.gather(*[asyncio.create_task(_fundingsource_pay_invoice(b)) for b in [bolt11]])\n    return done\n",
])
def test_a_gather_or_a_task_waited_on_under_a_deadline_bounds_what_it_runs(wait: str) -> None:
    payments = _PAYMENTS[: _PAYMENTS.index("async def pay_invoice")] + wait + _PAYMENTS[_PAYMENTS.index("\n\nasync def check_payment_status"):]
    assert ("PRR501", "svc/wallets/alby.py", 10) not in _found({**_PROJECT, "svc/payments.py": payments})


def test_a_library_call_gathered_in_a_timeout_scope_is_bounded_where_it_is_made() -> None:
    """The file phase reads the gather as the await of each call it gathers: bounded in the block, left to the
    callers outside it, and a sync helper a gather runs in a thread is untouched."""
    code = (
        "import asyncio\nimport httpx\nimport requests\n\nclient = httpx.AsyncClient()\n\n\ndef fetch(url):\n"
        "    return requests.get(url)\n\n\nasync def tail(urls):\n    async with asyncio.timeout(10):\n"
        "        await asyncio.gather(*[client.get(url, timeout=None) for url in urls])\n"
        "    await asyncio.gather(client.post(urls[0], timeout=None), asyncio.to_thread(fetch, urls[0]))\n\n\n"
        "async def refresh(urls):\n    async with asyncio.timeout(10):\n        await asyncio.gather(*[asyncio.to_thread(fetch, url) for url in urls])\n"
    )
    assert _found({"svc/__init__.py": "", "svc/feeds.py": code}) == [("PRR501", "svc/feeds.py", 9), ("PRR501", "svc/feeds.py", 15)]
