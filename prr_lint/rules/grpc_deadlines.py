"""PRR502: gRPC calls on generated stubs without a deadline (checklist item PRR-QOS).

gRPC has no default deadline: a call without `timeout=` waits as long as the server takes. A
channel can carry a default through its service config (`methodConfig[].timeout`) or a client
interceptor that sets `timeout` on the call details; calls on stubs over such a channel are fine.
Stubs and channels are matched through the variables and `self` attributes that hold them, so the
decision waits until the module has been walked.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Dict, List, NamedTuple, Optional, Tuple, Union

import libcst as cst

import prr_lint.rules.clients as cl
import prr_lint.rules.grpc_streams as streams
from prr_lint.rules.grpc_keepalive import STREAMING_METHOD, method_subject, sends_keepalive
from prr_lint.rules.param_guards import call_guards
from prr_lint.async_deadlines import UNLESS_CALLERS_DEADLINE, deadline_subjects
from prr_lint.context import RawFinding
from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule

_CHANNELS = {
    # factory -> (position of `options`, position of the wrapped channel or -1)
    "grpc.insecure_channel": (1, -1),
    "grpc.secure_channel": (2, -1),
    "grpc.aio.insecure_channel": (1, -1),
    "grpc.aio.secure_channel": (2, -1),
    "grpc.intercept_channel": (-1, 0),
}
_CALL_FORMS = frozenset({"future", "with_call"})
_DEADLINE_SPEC = cl.TimeoutSpec("timeout", 1, True)
_DEADLINE_NAMES = ("timeout", "deadline", "Timeout", "Deadline")
# Pending condition of a call on an object that may be a stub built elsewhere in the project (a class
# re-exported by a project module, or a project function that returns a stub): project/grpc_stubs.py.
IF_GRPC_STUB = "if-grpc-stub"


class Channel(NamedTuple):
    """What a channel the module builds gives its calls: a default deadline, keepalive pings."""

    deadline: bool
    keepalive: bool


# What a stub's channel is known to be: a Channel, the key of the variable that holds it (resolved when
# the module has been walked), or None (built elsewhere).
ChannelRef = Union[Channel, str, None]


class GrpcCallWithoutDeadline(cl.RecordsCallAssignments, Rule):
    """A gRPC call on a generated stub without a deadline.

    What it does
        Reports calls of methods on generated client stubs (`FooStub(channel)` from a
        `*_pb2_grpc` module, sync or `grpc.aio`), including `.future(...)` and
        `.with_call(...)`, that pass no `timeout=` (or pass `timeout=None`). A call the code keeps
        open on purpose is left alone, judged by how the caller consumes it (only a stream can
        be iterated or read with `next()`, so that shows the method's kind even when the
        generated stub is not in the project): a stream iterated by a loop that returns nothing
        from inside (`for reply in stub.Watch(request)`, directly or through the local it is
        assigned to), or read with `next()` (grpc.aio: `stream.read()`) in such a `while`
        loop, or returned by a helper whose every caller in the module reads it so (a
        subscription handed to a producer), or handed by its local to a function or method of
        the module that reads its parameter so (a reconnect loop passing each new stream to
        the reader; the call object's `cancel()` and a test against None consume nothing);
        and a long-poll, a call a generator's `while True` loop re-issues and yields with no
        pause between calls (`await stub.WaitAnyInvoice(...)`). Keepalive, idle timeouts and
        heartbeats guard such calls; a deadline would only cut them. A stream read until the
        one answer a request waits for (a `return` inside the loop), collected into a response
        (a comprehension, `list(...)`), or a poll that sleeps between calls stays reported
        (grpc_streams.py).

        A client stream used as a push channel is left alone when its channel sends keepalive
        pings: a call opened once and then only written (grpc.aio: `await stream.write(item)`) in
        a `while True` loop that does not open it again, never awaited for its reply nor closed
        with `done_writing()` (marzneshin sends each user update a queue yields down one
        `SyncUsers` stream for the life of the connection). Nothing waits on such a call but its
        writes, and a write to a dead peer fails when a keepalive ping goes unanswered. On a
        channel without keepalive, or one the module does not build, it stays reported; so does
        a stream awaited for its reply, closed with `done_writing()`, written outside such a
        loop, or re-opened every round.

        A call on a method the generated stub makes streaming-response (its `__init__` binds it
        with `channel.unary_stream(...)` or `channel.stream_stream(...)`: a subscription, a
        tunnel, a session) is a long-lived stream whatever its caller does with it: a deadline
        would only cut it, and what ends it when the peer dies is HTTP/2 keepalive on its channel.
        It is not reported when the channel sends keepalive pings (`("grpc.keepalive_time_ms",
        ms)` among the options of `grpc.insecure_channel`/`secure_channel`/`grpc.aio.*`, written
        there, held by a module constant or a local, or built by a function of the module), nor
        when the call's module does not build the channel (a stub handed in as a parameter, a
        channel a project helper makes): it is configured where it is built, out of this call's
        sight, and the stream is one by design. A stream on a channel the module builds without
        keepalive stays reported: a dead peer hangs it for ever. Unary-response calls
        (`unary_unary`, `stream_unary`, and every `.future()`/`.with_call()`) need a deadline
        whatever the keepalive, unless used as a push channel as above. The kind comes from the
        generated `*_pb2_grpc` module in the project (read by the project phase, re-exports
        followed: project/grpc_stubs.py); without it the kind is unknown and the call is judged
        as any other (grpc_keepalive.py).

        A stub whose channel carries a default deadline is not
        reported: a channel built with a `grpc.service_config` option, or intercepted by a
        client interceptor that sets a timeout (a class of the module that mentions `timeout`,
        or one whose name says Timeout or Deadline).

        The stub is followed through the project: a stub a helper or cached factory returns
        (`@functools.cache def get_stub(): return FooStub(grpc.insecure_channel(uri))`, stored in a
        variable or on `self`), and a parameter annotated with a stub class that a project module
        re-exports, are stubs too (settled by the project phase). Such a helper whose channel
        gets a service config or an interceptor gives its stubs a default deadline: calls on them
        are not reported.

        An asyncio deadline bounds an awaited call the same way as for PRR501: one under
        `asyncio.wait_for` or in an `async with asyncio.timeout(...)` block of its own function,
        or awaited in a coroutine that every caller runs under such a deadline (a task of it
        awaited under `wait_for` counts, so does a coroutine an `asyncio.gather` under a deadline
        gathers, and a deadline over a call of a base method bounds every override; `asyncio.wait(timeout=)` and `asyncio.shield` do not) is not reported (async_deadlines.py, project/async_deadline.py). So is a call only
        time-limited jobs run, as for PRR501 (project/task_deadline.py): an AWS Lambda handler
        (SAM, `serverless.yml`, Terraform, CDK in Python or TypeScript) stops at the function's
        timeout, a Celery task at its time limit. A call a server route also reaches stays.
        Nor is a call that the serving code reaches only through calls under a switch every
        shipped configuration leaves off, or under a parameter no call turns on (`if ping:` in
        `ClientComposition.__init__(self, endpoint, ping=False)`, which every caller builds
        without `ping`: its `c.is_available()` Ping calls never run), as for PRR501
        (project/switched_reach.py, project/param_switches.py). Nor is a call in a branch on a
        parameter that every caller of the service's turns away with a literal, passed directly or
        through a local bound once to it (robosats' `send_keysend(..., sign)` after `sign = False`
        leaves the `GetInfo` and `SignMessage` calls under `if sign:` unrun): the same check as
        PRR501's (rules/param_guards.py, project/service_guards.py).

        Like PRR501, the rule asks about the service's calls: in the default `scope = "serving"` a
        call in code that is positively not the service (a test suite's harness, a script an
        `if __name__ == "__main__":` block runs, a command, dead code nothing names, a plug-in class a
        configured loader may load that no shipped file names by its dotted path: chroma's `GrpcSysDB`
        beside `chroma_sysdb_impl = "...SqliteDB"`, project/unregistered.py) is left out
        (project/scope.py). So is a method of the client a project ships for a gRPC service it
        serves itself (a class that builds or calls the stub of a servicer the project registers, or
        whose generated base a servicer class derives from: coreemu's `CoreGrpcClient`, forseti's
        `InventoryClient`, DeepSpeed-MII's `MIIClient.terminate_server`) that the running service
        does not reach (its handlers, tasks, workers and long-running programs: project/service_reach.py):
        its command line, a cron job's script that runs that command line (`forseti inventory purge`),
        its tests and its users' programs call it, and they choose its deadline
        (project/own_clients.py). A method a handler or a worker reaches stays (forseti's `Run` RPC,
        which drives its own inventory and scanner through the client), and so does one whose name
        the service calls on a receiver of no known type in a module that imports the client; a
        client of a downstream service, one the project does not serve, is judged as any call. Also
        left out is a client method that only the subcommands of a command-line program reach which no
        deployment file runs (`forseti explainer why_denied` beside the job's `forseti inventory
        purge`: project/deployed_subcommands.py). So is a client method whose
        name no service code reads as an attribute or holds in a name-like string (PRR501's dead code: only a test
        calls it, or its own body's call of the stub's method of that name, `return self._service.get_state(req)`,
        or a process API's wrapper of that name nothing names: project/unused_names.py).
        The stub a call is on is the one the name holds there: a name rebound further down (`stub =
        lnrpc.LightningStub(ch); stub.GetInfo(r)` before a later `stub = lnrouter.RouterStub(ch)`) reads the
        binding of the nearest statement before the call that binds it (reaching.py). A call through a module-level
        name bound in alternative branches (`if LNVENDOR == "LND": LNNode = LNDNode elif ...: LNNode = CLNNode`)
        may run each branch's method, and each is called from there for the reach and the parameter switches above.

    Why is this bad?
        gRPC has no default deadline. A call to a backend that hangs, or that queues requests
        under overload, waits as long as the backend takes, holding the caller's request and
        its thread or task. Deadlines also propagate: the backend learns when to give up.

    Example
        def quote(sku):
            return pricing_stub.Quote(QuoteRequest(sku=sku))

    Use instead
        def quote(sku):
            return pricing_stub.Quote(QuoteRequest(sku=sku), timeout=0.5)

    Options
        None yet.

    References
        PRR-QOS: "Implement request deadlines to avoid running out of resources for long-running
        requests." (Site Reliability Engineering, ch. 27); for each backend: "timeout, retry and
        error handling behavior" (appendix E).
    """

    code = "PRR502"
    name = "grpc-call-without-deadline"
    severity = Severity.ERROR
    checklist = ("PRR-QOS",)
    summary = "A call on a generated gRPC stub has no timeout, and its channel sets no default deadline"
    triggers = ("_pb2_grpc", "Stub", "stub")
    service_only = True
    VALID = (
        Example(
            "import grpc\nfrom protos import pricing_pb2, pricing_pb2_grpc\n\n"
            "stub = pricing_pb2_grpc.PricingStub(grpc.insecure_channel('pricing:50051'))\n\n"
            "def quote(sku):\n    return stub.Quote(pricing_pb2.QuoteRequest(sku=sku), timeout=0.5)\n"
        ),
        Example(
            "import json\nimport grpc\nfrom protos import pricing_pb2_grpc\n\n"
            "CONFIG = json.dumps({'methodConfig': [{'name': [{}], 'timeout': '0.5s'}]})\n"
            "channel = grpc.insecure_channel('pricing:50051', options=[('grpc.service_config', CONFIG)])\n"
            "stub = pricing_pb2_grpc.PricingStub(channel)\n\ndef quote(request):\n    return stub.Quote(request)\n"
        ),
        Example(
            "from protos import feed_pb2_grpc\n\ndef follow(channel, request):\n"
            "    for update in feed_pb2_grpc.FeedStub(channel).Watch(request):\n        yield update\n"
        ),
        # the helper's channel carries a default deadline; another helper makes no stub
        Example(
            "import grpc\nfrom protos import pricing_pb2_grpc\n\nclass Prices:\n    def __init__(self, target, config):\n"
            "        self.stub = self._connect(target, config)\n        self.cache = self._open()\n\n"
            "    def _connect(self, target, config):\n"
            "        channel = grpc.insecure_channel(target, options=[('grpc.service_config', config)])\n"
            "        return pricing_pb2_grpc.PricingStub(channel)\n\n    def _open(self):\n        return {}\n\n"
            "    def quote(self, request):\n        return self.stub.Quote(request), self.cache.Get(request)\n"
        ),
        # an await every caller bounds with an asyncio deadline (async_deadlines.py)
        Example(
            "import asyncio\nimport grpc.aio\nfrom protos import pricing_pb2_grpc\n\n"
            "stub = pricing_pb2_grpc.PricingStub(grpc.aio.insecure_channel('pricing:50051'))\n\n"
            "async def _quote(request):\n    return await stub.Quote(request)\n\n"
            "async def quote(request):\n    return await asyncio.wait_for(_quote(request), 0.5)\n\n"
            "async def watch(request):\n    async with asyncio.timeout(5):\n        return await stub.Watch(request).read()\n"
        ),
        # health probes gathered inside a finite timeout scope (a module constant), through a list bound first
        Example(
            "import asyncio\nimport grpc.aio\nfrom protos import worker_pb2_grpc\n\nPROBE_TIMEOUT = 300\n\nasync def probe(target, request):\n"
            "    async with grpc.aio.insecure_channel(target) as channel:\n        return await worker_pb2_grpc.WorkerStub(channel).Health(request)\n\n"
            "async def wait_online(targets, request):\n    coros = [probe(target, request) for target in targets]\n"
            "    async with asyncio.timeout(PROBE_TIMEOUT):\n        await asyncio.gather(*coros)\n"
        ),
        # long-lived streams (grpc_streams.py): a bidirectional stream drained in a reconnect loop, a
        # subscription a helper hands to a producer that reads it with next() for ever, and a long-poll
        # a generator re-issues as soon as it answers, with no pause between calls
        Example(
            "import grpc\nfrom protos import bridge_pb2_grpc\n\nclass Bridge:\n    def __init__(self, target, queue):\n"
            "        self.stub = bridge_pb2_grpc.BridgeStub(grpc.insecure_channel(target))\n        self.queue = queue\n\n"
            "    def _outgoing(self):\n        while True:\n            yield self.queue.get()\n\n"
            "    def transmit(self):\n        while True:\n            responses = self.stub.Transmit(self._outgoing())\n"
            "            for _ in responses:\n                pass\n"
        ),
        Example(
            "import grpc\nfrom protos import feed_pb2, feed_pb2_grpc\n\ndef open_feed(target, start):\n"
            "    stub = feed_pb2_grpc.FeedStub(grpc.insecure_channel(target))\n"
            "    responses = stub.GetTransactions(feed_pb2.Request(start=start))\n    return iter(responses)\n\n"
            "def produce(target, queue):\n    stream = open_feed(target, 0)\n    while True:\n        try:\n"
            "            queue.put(next(stream))\n        except grpc.RpcError:\n            stream = open_feed(target, 0)\n"
        ),
        Example(
            "import grpc.aio\nfrom protos import node_pb2, node_pb2_grpc\n\n"
            "stub = node_pb2_grpc.NodeStub(grpc.aio.insecure_channel('node:9736'))\n\nasync def paid_invoices(index):\n"
            "    while True:\n        invoice = await stub.WaitAnyInvoice(node_pb2.WaitRequest(index=index))\n"
            "        index = invoice.index\n        yield invoice\n"
        ),
        # grpc.aio streams read message by message for as long as they run: with `read()`, cancelled in a
        # `finally`, and handed by a reconnect loop to a method that reads it with `anext` in a `while True` loop
        Example(
            "import asyncio\nfrom protos import jobs_pb2_grpc\n\nclass Jobs:\n    async def follow(self, channel, request):\n"
            "        stream = jobs_pb2_grpc.JobsStub(channel).WatchJob(request)\n        try:\n            while True:\n"
            "                state = await asyncio.wait_for(stream.read(), 60)\n                if state.done:\n                    break\n"
            "        finally:\n            stream.cancel()\n\n    async def subscribe(self, channel, request):\n        while True:\n"
            "            updates = None\n            try:\n                updates = jobs_pb2_grpc.JobsStub(channel).Updates(request)\n"
            "                await self._drain(updates)\n            finally:\n                if updates is not None:\n"
            "                    updates.cancel()\n            await asyncio.sleep(5)\n\n    async def _drain(self, updates):\n"
            "        pending = aiter(updates)\n        while True:\n            self.last = await asyncio.wait_for(anext(pending), 300)\n"
        ),
        # a push channel: one client stream on a keepalive channel, written for ever with what a queue yields
        Example(
            "import asyncio\nimport grpc.aio\nfrom protos import relay_pb2_grpc\n\nOPTIONS = [('grpc.keepalive_time_ms', 10000)]\n\n"
            "class Relay:\n    def __init__(self, target):\n"
            "        self.stub = relay_pb2_grpc.RelayStub(grpc.aio.insecure_channel(target, OPTIONS))\n"
            "        self.outbox = asyncio.Queue()\n\n    async def push(self):\n        stream = self.stub.Publish()\n"
            "        while True:\n            event = await self.outbox.get()\n            try:\n"
            "                await stream.write(event)\n            except grpc.aio.AioRpcError:\n                return\n"
        ),
    )
    INVALID = (
        # a client stream closed and awaited for its reply, and one pushed on a channel with no keepalive
        Example(
            "import grpc.aio\nfrom protos import relay_pb2_grpc\n\n"
            "stub = relay_pb2_grpc.RelayStub(grpc.aio.insecure_channel('relay:7000'))\n\nasync def upload(events):\n"
            "    stream = stub.Upload()  # expect: PRR502\n    for event in events:\n        await stream.write(event)\n"
            "    await stream.done_writing()\n    return await stream\n\nasync def push(queue):\n"
            "    stream = stub.Publish()  # expect: PRR502\n    while True:\n        await stream.write(await queue.get())\n"
        ),
        # streams read for one bounded answer: until the first status, collected into a list (also
        # through a helper that returns the stream), and a poller that sleeps between calls
        Example(
            "import asyncio\nimport grpc.aio\nfrom protos import router_pb2_grpc\n\n"
            "stub = router_pb2_grpc.RouterStub(grpc.aio.insecure_channel('lnd:10009'))\n\nasync def status(request):\n"
            "    updates = stub.TrackPayment(request)  # expect: PRR502\n    async for update in updates:\n"
            "        if update.final:\n            return update.status\n    return None\n\n"
            "async def forwards(request):\n    while True:\n        yield await stub.ListForwards(request)  # expect: PRR502\n"
            "        await asyncio.sleep(2)\n"
        ),
        Example(
            "import grpc\nfrom protos import vulns_pb2_grpc\n\n"
            "stub = vulns_pb2_grpc.VulnsStub(grpc.insecure_channel('vulns:50051'))\n\ndef affecting(request):\n"
            "    response = stub.Affecting(request)  # expect: PRR502\n    return [item.id for item in response]\n\n"
            "def _all(request):\n    return stub.List(request)  # expect: PRR502\n\ndef listing(request):\n"
            "    return list(_all(request))\n"
        ),
        # a stream handed to a method that returns the first answer it reads, and one read once
        Example(
            "from protos import jobs_pb2_grpc\n\nclass Jobs:\n    async def first(self, channel, request):\n"
            "        updates = jobs_pb2_grpc.JobsStub(channel).Updates(request)  # expect: PRR502\n"
            "        try:\n            return await self._first(updates)\n        finally:\n            updates.cancel()\n\n"
            "    async def _first(self, updates):\n        while True:\n            update = await updates.read()\n"
            "            if update.ready:\n                return update\n\n    async def state(self, channel, request):\n"
            "        stream = jobs_pb2_grpc.JobsStub(channel).WatchJob(request)  # expect: PRR502\n"
            "        return await stream.read()\n"
        ),
        # a unary reply whose name is then bound to its conversion, which is iterated: no stream
        Example(
            "import grpc\nfrom google.protobuf.json_format import MessageToDict\nfrom protos import tasks_pb2_grpc\n\n"
            "stub = tasks_pb2_grpc.TasksStub(grpc.insecure_channel('orchestrator:9000'))\n\ndef register(request):\n"
            "    data = stub.RegisterTasks(request)  # expect: PRR502\n    data = MessageToDict(data)['tasks']\n"
            "    for datum in data:\n        datum['seen'] = True\n    return data\n"
        ),
        # a stub made by a helper method, stored on the object
        Example(
            "import grpc\nfrom protos import pricing_pb2_grpc\n\nclass Prices:\n    def __init__(self, target):\n"
            "        self.stub = self._connect(target)\n\n    def _connect(self, target):\n"
            "        channel = grpc.insecure_channel(target)\n        return pricing_pb2_grpc.PricingStub(channel)\n\n"
            "    def quote(self, request):\n        return self.stub.Quote(request)  # expect: PRR502\n"
        ),
        Example(
            "import grpc\nfrom protos import pricing_pb2_grpc\n\nclass Prices:\n    def __init__(self, target):\n"
            "        self.stub = pricing_pb2_grpc.PricingStub(grpc.insecure_channel(target))\n\n"
            "    def quote(self, request):\n        return self.stub.Quote(request)  # expect: PRR502\n\n"
            "    def quote_async(self, request):\n        return self.stub.Quote.future(request)  # expect: PRR502\n"
        ),
        Example(
            "import grpc.aio\nfrom protos import pricing_pb2_grpc\n\nasync def quote(target, request):\n"
            "    async with grpc.aio.insecure_channel(target) as channel:\n"
            "        stub = pricing_pb2_grpc.PricingStub(channel)\n"
            "        return await stub.Quote(request, timeout=None)  # expect: PRR502\n"
        ),
        # keepalive bounds a stream's life, not a unary call (streaming methods: tests/test_grpc_keepalive.py)
        Example(
            "import grpc\nfrom protos import pricing_pb2_grpc\n\nKEEPALIVE = [('grpc.keepalive_time_ms', 20000)]\n"
            "stub = pricing_pb2_grpc.PricingStub(grpc.insecure_channel('pricing:50051', options=KEEPALIVE))\n\n"
            "def quote(request):\n    return stub.Quote(request)  # expect: PRR502\n"
        ),
        # one caller bounds the coroutine, another awaits it bare
        Example(
            "import asyncio\nimport grpc.aio\nfrom protos import pricing_pb2_grpc\n\n"
            "stub = pricing_pb2_grpc.PricingStub(grpc.aio.insecure_channel('pricing:50051'))\n\n"
            "async def _quote(request):\n    return await stub.Quote(request)  # expect: PRR502\n\n"
            "async def quote(request):\n    return await asyncio.wait_for(_quote(request), 0.5)\n\n"
            "async def quote_slowly(request):\n    return await _quote(request)\n"
        ),
        # one timeout scope holds where the probes are made, not the gather that runs them; the other is None
        Example(
            "import asyncio\nimport grpc.aio\nfrom protos import worker_pb2_grpc\n\nasync def probe(target, request):\n"
            "    async with grpc.aio.insecure_channel(target) as channel:\n        return await worker_pb2_grpc.WorkerStub(channel).Health(request)  # expect: PRR502\n\n"
            "async def wait_online(targets, request):\n    async with asyncio.timeout(300):\n"
            "        coros = [probe(target, request) for target in targets]\n    await asyncio.gather(*coros)\n"
            "    async with asyncio.timeout(None):\n        await asyncio.gather(*[probe(target, request) for target in targets])\n"
        ),
    )

    def __init__(self, ctx) -> None:
        super().__init__(ctx)
        self._stubs: Dict[str, ChannelRef] = {}
        self._channels: Dict[str, Optional[Channel]] = {}
        self._waiting: List[Tuple[Optional[str], ChannelRef, RawFinding, Optional[str], bool]] = []

    def visit_With(self, node: cst.With) -> None:
        for item in node.items:
            if item.asname is not None and isinstance(item.item, cst.Call):
                self.record(item.asname.name, item.item)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        if not isinstance(func, cst.Attribute):
            return
        if func.attr.value in _CALL_FORMS and isinstance(func.value, cst.Attribute):
            method, receiver = f"{func.value.attr.value}.{func.attr.value}", func.value.value
        else:
            method, receiver = func.attr.value, func.value
        resolver = self.ctx.resolver
        stub_class = resolver.instance_type(receiver)
        stub = cl.is_stub_class(stub_class)
        # Not known here: a stub class a project module re-exports, or what a project function returns
        # (a cached factory), decided by the project phase. Generated methods are CamelCase.
        elsewhere = None if stub or not method[:1].isupper() else (stub_class or resolver.made_by(receiver))
        if not stub and elsewhere is None:
            return
        use = streams.consumption(node, self.ctx.ancestors)
        if use == streams.OPEN or streams.long_poll(node, self.ctx.ancestors):
            return
        mode, _ = cl.timeout_value(node, _DEADLINE_SPEC)
        if mode in ("given", "unknown"):
            return
        owner = stub_class.rpartition('.')[2] if stub and stub_class else self.ctx.module.code_for_node(receiver)
        problem = "is called with timeout=None" if mode == "none" else "has no timeout"
        message = (f"`{owner}.{method}()` {problem}: gRPC has no default deadline, so a hung backend holds the calling request or worker "
                   "forever; pass timeout=<seconds>")
        function = resolver.enclosing_function
        context = function.qualname if function is not None else self.ctx.module_name
        awaited = deadline_subjects(node, self.ctx.ancestors, resolver)  # an asyncio deadline (async_deadlines.py)
        if awaited is None:
            return
        # a stream the function returns: its callers in this module decide (grpc_streams.py)
        handed = next(self.ctx.functions()).name.value if use == streams.HANDED and function is not None else None
        pushed = use == streams.PUSHED  # a push channel: kept open if its channel sends keepalive (grpc_streams.py)
        kind = method_subject(stub_class if stub else elsewhere, method)  # a streaming method's kind (grpc_keepalive.py)
        kind += call_guards(self.ctx.ancestors, node, function)  # the parameter tests it runs under (rules/param_guards.py)
        if elsewhere is not None:
            raw = RawFinding(self, node, message, context, IF_GRPC_STUB, (elsewhere, *awaited, *kind))
            self._waiting.append((None, None, raw, handed, pushed))
            return
        # every call waits for the project phase: its callers may bound it (an asyncio deadline, a time-limited job)
        raw = RawFinding(self, node, message, context, UNLESS_CALLERS_DEADLINE, (*awaited, *kind))
        if isinstance(receiver, cst.Call):
            self._waiting.append((None, self._channel_of(receiver), raw, handed, pushed))
        else:
            self._waiting.append((cl.object_key(resolver, receiver), None, raw, handed, pushed))

    def leave_Module(self, node: cst.Module) -> None:
        kept_open: Dict[str, bool] = {}
        for stub_key, channel, raw, handed, pushed in self._waiting:
            if handed is not None:
                if handed not in kept_open:
                    kept_open[handed] = streams.callers_keep_open(handed, node)
                if kept_open[handed]:
                    continue
            if stub_key is not None:
                channel = self._stubs.get(stub_key)
            known = self._channels.get(channel) if isinstance(channel, str) else channel
            if known is not None and (known.deadline or (pushed and known.keepalive)):
                continue
            if known is not None and not known.keepalive:  # a stream a dead peer would hang: reported whatever its kind
                raw = replace(raw, subjects=tuple(subject for subject in raw.subjects if not subject.startswith(STREAMING_METHOD)))
            self.ctx.raw_findings.append(raw)

    # ----- what holds what -----

    def record(self, target: cst.BaseExpression, value: cst.Call) -> None:
        resolver = self.ctx.resolver
        callee = resolver.qualified_name(value.func)
        if cl.is_stub_class(callee):
            key = cl.object_key(resolver, target)
            if key is not None:
                self._stubs[key] = self._channel_of(value)
        elif callee in _CHANNELS:
            key = cl.object_key(resolver, target)
            if key is not None:
                self._channels[key] = self._channel(value, callee)

    def _channel_of(self, stub: cst.Call) -> ChannelRef:
        args = cl.positional(stub)
        channel = args[0].value if args else getattr(cl.keyword(stub, "channel"), "value", None)
        if channel is None:
            return None
        if isinstance(channel, cst.Call):
            callee = self.ctx.resolver.qualified_name(channel.func)
            return self._channel(channel, callee) if callee in _CHANNELS else None
        return cl.object_key(self.ctx.resolver, channel)

    def _channel(self, call: cst.Call, callee: Optional[str]) -> Optional[Channel]:
        """What a channel factory call gives the channel (None: an intercepted channel the module did not build)."""
        options_at, wrapped_at = _CHANNELS.get(callee or "", (-1, -1))
        args = cl.positional(call)
        options = cl.keyword(call, "options")
        if options is None and 0 <= options_at < len(args):
            options = args[options_at]
        interceptors = [arg.value for arg in args[1:]] if wrapped_at == 0 else []
        given = cl.keyword(call, "interceptors")
        if given is not None:
            interceptors.append(given.value)
        deadline = (options is not None and "service_config" in self.ctx.module.code_for_node(options.value)) or any(
            self._sets_deadline(expr) for expr in interceptors)
        if not 0 <= wrapped_at < len(args):
            keepalive = options is not None and sends_keepalive(options.value, self.ctx.resolver, self.ctx.module)
            return Channel(deadline, keepalive)
        inner_expr = args[wrapped_at].value
        if isinstance(inner_expr, cst.Call):
            inner = self._channel(inner_expr, self.ctx.resolver.qualified_name(inner_expr.func))
        else:
            key = cl.object_key(self.ctx.resolver, inner_expr)
            inner = self._channels.get(key) if key else None
        if inner is None:
            return Channel(True, True) if deadline else None
        return Channel(deadline or inner.deadline, inner.keepalive)

    def _sets_deadline(self, expr: cst.BaseExpression) -> bool:
        """An interceptor (or a list of them) that sets a deadline on the calls it intercepts."""
        if isinstance(expr, (cst.List, cst.Tuple)):
            return any(self._sets_deadline(element.value) for element in expr.elements)
        resolver = self.ctx.resolver
        name = resolver.qualified_name(expr.func) if isinstance(expr, cst.Call) else resolver.instance_type(expr)
        if not name:
            return False
        module = self.ctx.module_name
        local = resolver.module_scope.bindings.get(name[len(module) + 1 :]) if name.startswith(f"{module}.") else None
        if local and local[-1].kind == "class" and local[-1].node is not None:
            return "timeout" in self.ctx.module.code_for_node(local[-1].node)
        return any(word in name.rpartition(".")[2] for word in _DEADLINE_NAMES)

