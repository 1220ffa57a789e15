"""PRR501's examples of redis clients kept only to subscribe (rules/subscriber_clients.py). Each is a test and a
line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

VALID = (
    # a listener thread's own client: it only makes the PubSub object, whose listen() waits through quiet periods
    Example(
        "import redis\n\ndef follow(url, apply):\n    client = redis.Redis.from_url(url)\n    feed = client.pubsub()\n"
        "    feed.subscribe('config-changed')\n    for event in feed.listen():\n        apply(event)\n"
    ),
    # polled without blocking, the PubSub handed to a helper, reconnecting on a lost connection
    Example(
        "import time\nimport redis\n\nclass Watcher:\n    def __init__(self, url, apply):\n        self.url, self.apply = url, apply\n\n"
        "    def run(self):\n        while True:\n            try:\n                client = redis.StrictRedis.from_url(self.url)\n"
        "                feed = client.pubsub()\n                feed.subscribe('settings')\n                while True:\n"
        "                    self.drain(feed)\n                    time.sleep(0.5)\n            except redis.ConnectionError:\n"
        "                client = None\n                time.sleep(5)\n\n"
        "    def drain(self, feed):\n        event = feed.get_message(ignore_subscribe_messages=True)\n        if event:\n"
        "            self.apply(event)\n"
    ),
    # asyncio: a relay's client, closed when the relay ends
    Example(
        "import redis.asyncio as redis\n\nasync def relay(url, send):\n    client = redis.from_url(url)\n    feed = client.pubsub()\n"
        "    await feed.psubscribe('orders.*')\n    try:\n        async for event in feed.listen():\n            await send(event)\n"
        "    finally:\n        await feed.aclose()\n        await client.aclose()\n"
    ),
    # asyncio, subscribed as it is built, a blocking get_message(timeout=None)
    Example(
        "import aioredis\n\nasync def next_event(url, channel):\n    feed = aioredis.from_url(url).pubsub()\n"
        "    await feed.subscribe(channel)\n    return await feed.get_message(ignore_subscribe_messages=True, timeout=None)\n"
    ),
    # sync, bound by `with`, which closes it
    Example(
        "import redis\n\ndef follow(host, apply):\n    with redis.Redis(host=host) as client:\n        feed = client.pubsub()\n"
        "        feed.subscribe('jobs')\n        for event in feed.listen():\n            apply(event)\n"
    ),
)

INVALID = (
    # the same client also reads a key: that GET can hang
    Example(
        "import redis\n\ndef follow(url, apply):\n    client = redis.Redis.from_url(url)  # expect: PRR501\n"
        "    apply(client.get('config'))\n    feed = client.pubsub()\n    feed.subscribe('config-changed')\n"
        "    for event in feed.listen():\n        apply(event)\n"
    ),
    # stored on self and used for commands in another method
    Example(
        "import redis.asyncio as redis\n\nclass Bus:\n    def __init__(self, url):\n"
        "        self.client = redis.Redis.from_url(url)  # expect: PRR501\n\n"
        "    async def listen(self, handle):\n        feed = self.client.pubsub()\n        await feed.subscribe('events')\n"
        "        async for event in feed.listen():\n            await handle(event)\n\n"
        "    async def publish(self, body):\n        await self.client.publish('events', body)\n"
    ),
    # handed on: what the other function sends through it is not followed
    Example(
        "import redis\n\ndef follow(url, apply, warm):\n    client = redis.Redis.from_url(url)  # expect: PRR501\n"
        "    feed = client.pubsub()\n    warm(client)\n    feed.subscribe('jobs')\n    for event in feed.listen():\n        apply(event)\n"
    ),
)
