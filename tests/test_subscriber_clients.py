"""PRR501 and a redis client kept only to subscribe (rules/subscriber_clients.py, project/subscriber_clients.py).

ArchiveBot's settings listener (`r = StrictRedis.from_url(url)`, then only `r.pubsub()`, polled with
`get_message()`) was reported for its missing `socket_timeout`, judged false: such a client stays open while
its channels are quiet; the commands that can hang go through another client."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

LISTENER = (
    "import redis.asyncio as redis\n\nclass Listener:\n    def __init__(self, url):\n"
    "        self.client = redis.Redis.from_url(url)\n        self.feed = None\n\n"
    "    async def start(self, handle):\n        self.feed = self.client.pubsub()\n        await self.feed.subscribe('events')\n"
    "        async for event in self.feed.listen():\n            await handle(event)\n\n"
    "    async def stop(self):\n        await self.feed.aclose()\n        await self.client.aclose()\n"
)
FEED = (
    "import redis\n\nclient = redis.Redis(host='cache')\nfeed = client.pubsub()\n\n"
    "def follow(apply):\n    feed.subscribe('jobs')\n    for event in feed.listen():\n        apply(event)\n"
)


def _found(tmp_path: Path, files: Dict[str, str], whole_project: bool = True) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", **files}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR501",), whole_project=whole_project).findings)


def test_an_attribute_client_only_its_class_subscribes_through(tmp_path: Path) -> None:
    """chutes-api's `self.redis = Redis.from_url(url)` whose only reads are `self.redis.pubsub()` and closing it:
    left alone in a run over the whole project, where no other module reads the attribute. A run over single
    files cannot see the other modules and keeps it."""
    assert _found(tmp_path, {"svc/listen.py": LISTENER}) == []
    assert _found(tmp_path, {"svc/listen.py": LISTENER}, whole_project=False) == [("svc/listen.py", 5)]


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
    """`client = Redis(...)` and `feed = client.pubsub()` at a module's top level, the feed imported elsewhere: left
    alone. Another module that imports the client and sends a command through it keeps the finding; a test's does not."""
    listener = "from svc.feed import feed\n\ndef next_event():\n    return feed.get_message()\n"
    assert _found(tmp_path, {"svc/feed.py": FEED, "svc/api.py": listener}) == []
    size = "from svc.feed import client\n\ndef size():\n    return client.llen('jobs')\n"
    assert _found(tmp_path, {"svc/feed.py": FEED, "svc/api.py": size}) == [("svc/feed.py", 3)]
    test = "from svc.feed import client\n\ndef test_feed():\n    client.publish('jobs', 'x')\n"
    assert _found(tmp_path, {"svc/feed.py": FEED, "tests/test_feed.py": test}) == []
    own = FEED + "\ndef size():\n    return client.llen('jobs')\n"
    assert _found(tmp_path, {"svc/feed.py": own}) == [("svc/feed.py", 3)]


def test_a_local_subscriber_client_is_settled_in_any_run(tmp_path: Path) -> None:
    """A function's own client that only subscribes is left alone in a run over one file too; read by a nested
    function for a command, or its locals read by a computed name, it stays."""
    local = (
        "import redis\n\ndef follow(url, apply):\n    client = redis.Redis.from_url(url)\n    feed = client.pubsub()\n"
        "    feed.subscribe('jobs')\n    for event in feed.listen():\n        apply(event)\n"
    )
    assert _found(tmp_path, {"svc/follow.py": local}, whole_project=False) == []
    nested = local + "\n    def size():\n        return client.llen('jobs')\n    return size\n"
    assert _found(tmp_path, {"svc/follow.py": nested}, whole_project=False) == [("svc/follow.py", 4)]
    computed = local + "    return locals()\n"
    assert _found(tmp_path, {"svc/follow.py": computed}, whole_project=False) == [("svc/follow.py", 4)]


def test_clients_whose_uses_are_not_followed_stay(tmp_path: Path) -> None:
    """A sync `RedisCluster` fetches its slots as it is built (a command of its own); a class attribute, a client
    another function's local (`nonlocal`) rebinds, and an explicit `socket_timeout=None` stay reported."""
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
