"""PRR501 and a redis client kept only to subscribe (rules/subscriber_clients.py, project/subscriber_clients.py).

ArchiveBot's settings listener (`r = StrictRedis.from_url(url)`, then only `r.pubsub()`, polled with
`get_message()`, whose timeout defaults to 0) was reported for its missing `socket_timeout`, judged false: no read
waits on the socket. Dispatcharr's listener (`socket_timeout=None`, keepalive, `health_check_interval`, a blocking
`listen()`) was judged true: a read blocked on a connection that died without closing waits for hours. One ruling
covers both, whether `socket_timeout` is missing or None: a subscriber is reported when some read of its `PubSub`
may wait with no bound, or is not followed."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

LISTENER = (
    "import redis.asyncio as redis\n\nclass Listener:\n    def __init__(self, url):\n"
    "        self.client = redis.Redis.from_url(url)\n        self.feed = None\n\n"
    "    async def start(self, handle):\n        self.feed = self.client.pubsub()\n        await self.feed.subscribe('events')\n"
    "        while self.feed is not None:\n            event = await self.feed.get_message(timeout=1.0)\n"
    "            if event:\n                await handle(event)\n\n"
    "    async def stop(self):\n        await self.feed.aclose()\n        await self.client.aclose()\n"
)
FEED = (
    "import redis\n\nclient = redis.Redis(host='cache')\nfeed = client.pubsub()\n\n"
    "def follow(apply):\n    feed.subscribe('jobs')\n    while True:\n        apply(feed.get_message(timeout=5))\n"
)
LOCAL = (
    "import redis\n\ndef follow(url, apply):\n    client = redis.Redis.from_url(url{given})\n    feed = client.pubsub()\n"
    "    feed.subscribe('jobs')\n{reads}"
)
POLLED = "    while True:\n        apply(feed.get_message(ignore_subscribe_messages=True))\n"
LISTENS = "    for event in feed.listen():\n        apply(event)\n"


def _found(tmp_path: Path, files: Dict[str, str], whole_project: bool = True) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", **files}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR501",), whole_project=whole_project).findings)


def test_an_attribute_client_only_its_class_subscribes_through(tmp_path: Path) -> None:
    """chutes-api's `self.redis = Redis.from_url(url)` whose only reads are `self.redis.pubsub()` and closing it,
    its `PubSub` kept on `self` and polled with a timeout: left alone in a run over the whole project, where no other
    module reads either attribute. A run over single files cannot see the other modules and keeps it. Read by
    `listen()`, here or in another module, it stays."""
    assert _found(tmp_path, {"svc/listen.py": LISTENER}) == []
    assert _found(tmp_path, {"svc/listen.py": LISTENER}, whole_project=False) == [("svc/listen.py", 5)]
    listens = LISTENER.replace("event = await self.feed.get_message(timeout=1.0)", "event = await anext(self.feed.listen())")
    assert _found(tmp_path, {"svc/listen.py": listens}) == [("svc/listen.py", 5)]
    elsewhere = "async def tail(listener, handle):\n    async for event in listener.feed.listen():\n        await handle(event)\n"
    assert _found(tmp_path, {"svc/listen.py": LISTENER, "svc/tail.py": elsewhere}) == [("svc/listen.py", 5)]


def test_an_attribute_client_read_elsewhere_stays(tmp_path: Path) -> None:
    """The same client used for a command in another method, in another module through the object, or named by a
    computed read, stays reported; another module that only names the word (a class body's bare `client`, an
    import of a module of that name) reads no attribute."""
    publish = LISTENER + "\n    async def publish(self, body):\n        await self.client.publish('events', body)\n"
    assert _found(tmp_path, {"svc/listen.py": publish}) == [("svc/listen.py", 5)]
    flush = "from svc.listen import Listener\n\nasync def flush(url):\n    await Listener(url).client.flushdb()\n"
    assert _found(tmp_path, {"svc/listen.py": LISTENER, "svc/admin.py": flush}) == [("svc/listen.py", 5)]
    computed = LISTENER + "\n    def part(self, name):\n        return getattr(self, name)\n"
    assert _found(tmp_path, {"svc/listen.py": computed}) == [("svc/listen.py", 5)]
    words = "import client\n\nclass Settings:\n    client = client.Config()\n"
    assert _found(tmp_path, {"svc/listen.py": LISTENER, "svc/settings.py": words}) == []


def test_a_module_client_only_its_module_subscribes_through(tmp_path: Path) -> None:
    """`client = Redis(...)` and `feed = client.pubsub()` at a module's top level, polled with a timeout: left alone
    in a run over the whole project, `socket_timeout` missing or None (a run over one file cannot confirm it).
    Another module that imports the client and sends a command through it keeps the finding, and so does one that
    imports the feed (its reads there are not followed: possibly blocking); a test's does not."""
    assert _found(tmp_path, {"svc/feed.py": FEED}) == []
    explicit = FEED.replace("host='cache'", "host='cache', socket_timeout=None")
    assert _found(tmp_path, {"svc/feed.py": explicit}) == []
    assert _found(tmp_path, {"svc/feed.py": explicit}, whole_project=False) == [("svc/feed.py", 3)]
    listener = "from svc.feed import feed\n\ndef next_event():\n    return feed.get_message()\n"
    assert _found(tmp_path, {"svc/feed.py": FEED, "svc/api.py": listener}) == [("svc/feed.py", 3)]
    size = "from svc.feed import client\n\ndef size():\n    return client.llen('jobs')\n"
    assert _found(tmp_path, {"svc/feed.py": FEED, "svc/api.py": size}) == [("svc/feed.py", 3)]
    test = "from svc.feed import client\n\ndef test_feed():\n    client.publish('jobs', 'x')\n"
    assert _found(tmp_path, {"svc/feed.py": FEED, "tests/test_feed.py": test}) == []
    own = FEED + "\ndef size():\n    return client.llen('jobs')\n"
    assert _found(tmp_path, {"svc/feed.py": own}) == [("svc/feed.py", 3)]


def test_a_local_subscriber_client_is_settled_in_any_run(tmp_path: Path) -> None:
    """A function's own client that only subscribes and polls is left alone in a run over one file too; read by a
    nested function for a command, or its locals read by a computed name, it stays."""
    local = LOCAL.format(given="", reads=POLLED)
    assert _found(tmp_path, {"svc/follow.py": local}, whole_project=False) == []
    nested = local + "\n    def size():\n        return client.llen('jobs')\n    return size\n"
    assert _found(tmp_path, {"svc/follow.py": nested}, whole_project=False) == [("svc/follow.py", 4)]
    computed = local + "    return locals()\n"
    assert _found(tmp_path, {"svc/follow.py": computed}, whole_project=False) == [("svc/follow.py", 4)]


def test_one_ruling_whether_socket_timeout_is_missing_or_none(tmp_path: Path) -> None:
    """The same subscriber, `socket_timeout` missing or None: polled (bounded reads) it is left alone both ways;
    read by `listen()` it is reported both ways, the message saying why."""
    for given in ("", ", socket_timeout=None"):
        assert _found(tmp_path, {"svc/follow.py": LOCAL.format(given=given, reads=POLLED)}) == []
        files = {"svc/__init__.py": "", "svc/follow.py": LOCAL.format(given=given, reads=LISTENS)}
        found = run_on_disk(tmp_path, files, select=("PRR501",), whole_project=True).findings
        assert [(f.path, f.span.line) for f in found] == [("svc/follow.py", 4)]
        assert "read by `listen()`" in found[0].message and "deaf to its events with no error" in found[0].message


def test_a_pubsub_handed_to_the_modules_own_function_is_followed(tmp_path: Path) -> None:
    """`drain(feed)`, a function of the same module: its parameter's reads decide. One handed to a function the
    module does not define (a parameter, an import) is not followed, so possibly blocking, and stays."""
    drain = "\ndef drain(feed, apply):\n    apply(feed.get_message(timeout=2))\n"
    handed = LOCAL.format(given="", reads="    while True:\n        drain(feed, apply)\n") + drain
    assert _found(tmp_path, {"svc/follow.py": handed}) == []
    blocking = handed.replace("feed.get_message(timeout=2)", "feed.get_message(timeout=None)")
    assert _found(tmp_path, {"svc/follow.py": blocking}) == [("svc/follow.py", 4)]
    unknown = LOCAL.format(given="", reads="    apply(feed)\n")
    assert _found(tmp_path, {"svc/follow.py": unknown}) == [("svc/follow.py", 4)]


def test_clients_whose_uses_are_not_followed_stay(tmp_path: Path) -> None:
    """A sync `RedisCluster` fetches its slots as it is built (a command of its own); a class attribute, a client
    another function's local (`nonlocal`) rebinds, and an explicit `socket_timeout=None` whose `PubSub` is handed on
    stay reported."""
    cluster = "import redis\n\ndef follow(apply):\n    feed = redis.RedisCluster(host='cache').pubsub()\n    apply(feed)\n"
    assert _found(tmp_path, {"svc/cluster.py": cluster}) == [("svc/cluster.py", 4)]
    attribute = "import redis\n\nclass Feed:\n    client = redis.Redis(host='cache')\n\n    def open(self):\n        return self.client.pubsub()\n"
    assert _found(tmp_path, {"svc/attribute.py": attribute}) == [("svc/attribute.py", 4)]
    rebound = (
        "import redis\n\ndef outer(apply):\n    client = None\n\n    def connect():\n        nonlocal client\n"
        "        client = redis.Redis(host='cache')\n        return client.pubsub()\n\n    apply(connect())\n    return client.get('k')\n"
    )
    assert _found(tmp_path, {"svc/rebound.py": rebound}) == [("svc/rebound.py", 8)]
    explicit = "import redis\n\ndef follow(apply):\n    client = redis.Redis(host='cache', socket_timeout=None)\n    apply(client.pubsub())\n"
    assert _found(tmp_path, {"svc/explicit.py": explicit}) == [("svc/explicit.py", 4)]


TASK = (
    "import asyncio\n\n\nasync def follow_results(client, notify):\n{setup}    try:\n"
    "        async with client.pubsub(ignore_subscribe_messages=True) as feed:\n"
    "            await feed.subscribe('results', results=notify)\n            await feed.{read}\n    finally:\n"
    "        await client.close()\n\n\nasync def serve(url, notify, stack):\n    from redis.asyncio import Redis\n\n"
    "    client = Redis.from_url(url)\n{start}"
)
STARTED = (
    "    tasks = [asyncio.get_running_loop().create_task(follow_results(client, notify))]\n"
    "    await asyncio.gather(*tasks)\n"
)


def _task(setup: str = "", read: str = "run()", start: str = STARTED) -> Dict[str, str]:
    return {"svc/relay.py": TASK.format(setup=setup, read=read, start=start)}


def test_a_client_handed_to_the_modules_own_listener_is_followed(tmp_path: Path) -> None:
    """janitor's `redis = Redis.from_url(url)` handed only to `listen_to_runner(redis, ...)`, started by
    `loop.create_task`, whose parameter only makes a `PubSub` polled by `run()` and is closed (SL003-SL005, judged
    false): left alone in any run, whatever wraps the call (a task, a future, an await, keywords), and with the
    module `redis.asyncio` imported in the function that builds it (no read of a variable)."""
    assert _found(tmp_path, _task()) == []
    assert _found(tmp_path, _task(), whole_project=False) == []
    for start in ("    await asyncio.ensure_future(follow_results(notify=notify, client=client))\n",
                  "    await follow_results(client, notify)\n", "    follow_results(client, notify)\n"):
        assert _found(tmp_path, _task(start=start)) == [], start


def test_a_client_handed_on_to_a_listener_that_does_more_stays(tmp_path: Path) -> None:
    """The same shape stays reported where the listener also sends a command, reads with `listen()` (the message
    says so), or hands the client on to a function not followed; and so does a client the caller also uses
    otherwise (janitor's runner.py `stack.push_async_callback(redis.close)`, SL006, judged true), or hands to a
    decorated function, or to a `self` method (a subclass in any module may override it to send commands)."""
    command = _task(setup="    await notify(await client.get('last-result'))\n")
    assert _found(tmp_path, command) == [("svc/relay.py", 17)]
    files = {"svc/__init__.py": "", **_task(read="subscribe('more')\n            async for event in feed.listen():\n"
                                            "                await notify(event)")}
    found = run_on_disk(tmp_path, files, select=("PRR501",), whole_project=True).findings
    assert [(f.path, f.span.line) for f in found] == [("svc/relay.py", 18)]
    assert "read by `listen()`" in found[0].message
    handed_on = _task(setup="    notify(client)\n")
    assert _found(tmp_path, handed_on) == [("svc/relay.py", 17)]
    also_closed_by_stack = _task(start="    stack.push_async_callback(client.close)\n" + STARTED)
    assert _found(tmp_path, also_closed_by_stack) == [("svc/relay.py", 16)]
    decorated = {"svc/relay.py": "import functools\n" + TASK.format(setup="", read="run()", start=STARTED).replace(
        "async def follow_results", "@functools.lru_cache\nasync def follow_results")}
    assert _found(tmp_path, decorated) == [("svc/relay.py", 18)]
    method = (
        "import redis\n\n\nclass Relay:\n    def __init__(self, url):\n        self.url = url\n\n    def start(self):\n"
        "        client = redis.Redis.from_url(self.url)\n        self.follow(client)\n\n    def follow(self, client):\n"
        "        feed = client.pubsub()\n        feed.subscribe('jobs')\n        while True:\n"
        "            feed.get_message(timeout=1.0)\n"
    )
    assert _found(tmp_path, {"svc/relay.py": method}) == [("svc/relay.py", 9)]


def test_a_client_a_listener_hands_to_itself_is_followed_once(tmp_path: Path) -> None:
    """A listener that restarts by calling itself with the same client: its parameter is followed once, the
    recursive call being the use under check."""
    again = _task(setup="    if notify is None:\n        return await follow_results(client, print)\n")
    assert _found(tmp_path, again) == []
