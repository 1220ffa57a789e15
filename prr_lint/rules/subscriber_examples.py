"""PRR501's examples of redis clients kept only to subscribe (rules/subscriber_clients.py): judged by how their
`PubSub` is read, whether `socket_timeout` is missing or None. Each is a test and a line of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

VALID = (
    # polled without blocking (get_message's timeout defaults to 0), the PubSub handed to a method of the same class,
    # reconnecting on a lost connection
    Example(
        "import time\nimport redis\n\nclass Watcher:\n    def __init__(self, url, apply):\n        self.url, self.apply = url, apply\n\n"
        "    def run(self):\n        while True:\n            try:\n                client = redis.StrictRedis.from_url(self.url)\n"
        "                feed = client.pubsub()\n                feed.subscribe('settings')\n                while True:\n"
        "                    self.drain(feed)\n                    time.sleep(0.5)\n            except redis.ConnectionError:\n"
        "                client = None\n                time.sleep(5)\n\n"
        "    def drain(self, feed):\n        event = feed.get_message(ignore_subscribe_messages=True)\n        if event:\n"
        "            self.apply(event)\n"
    ),
    # an explicit socket_timeout=None, every read waiting at most a second
    Example(
        "import redis\n\ndef follow(url, apply, running):\n    client = redis.Redis.from_url(url, socket_timeout=None)\n"
        "    feed = client.pubsub()\n    feed.subscribe('config-changed')\n    while running():\n"
        "        event = feed.get_message(ignore_subscribe_messages=True, timeout=1.0)\n        if event:\n            apply(event)\n"
        "    feed.close()\n    client.close()\n"
    ),
    # asyncio: a relay polling with a timeout, closed when the relay ends
    Example(
        "import redis.asyncio as redis\n\nasync def relay(url, send, running):\n    client = redis.from_url(url)\n"
        "    feed = client.pubsub()\n    await feed.psubscribe('orders.*')\n    try:\n        while running():\n"
        "            event = await feed.get_message(ignore_subscribe_messages=True, timeout=5)\n            if event:\n"
        "                await send(event)\n    finally:\n        await feed.aclose()\n        await client.aclose()\n"
    ),
    # asyncio: a client awaited as it is built (redis.asyncio's Redis is awaitable), its PubSub polled with a timeout
    Example(
        "import asyncio\nimport redis.asyncio as redis\n\nasync def relay(url, send):\n    while True:\n        try:\n"
        "            client = await redis.from_url(url, decode_responses=True)\n            feed = client.pubsub()\n"
        "            await feed.subscribe('orders')\n            while True:\n"
        "                event = await feed.get_message(ignore_subscribe_messages=True, timeout=1.0)\n"
        "                if event:\n                    await send(event)\n        except redis.ConnectionError:\n"
        "            await asyncio.sleep(3)\n"
    ),
    # handlers run by redis-py's worker thread, which calls get_message(timeout=sleep_time)
    Example(
        "import redis\n\ndef start(host, handle):\n    feed = redis.Redis(host=host).pubsub()\n    feed.subscribe(jobs=handle)\n"
        "    return feed.run_in_thread(sleep_time=0.5, daemon=True)\n"
    ),
    # a blocking listener whose keepalive options make the kernel give up on a dead peer within a minute
    Example(
        "import socket\nimport redis\n\ndef follow(host, apply):\n"
        "    probes = {socket.TCP_KEEPIDLE: 30, socket.TCP_KEEPINTVL: 10, socket.TCP_KEEPCNT: 3}\n"
        "    with redis.Redis(host=host, socket_keepalive=True, socket_keepalive_options=probes) as client:\n"
        "        feed = client.pubsub()\n        feed.subscribe('jobs')\n        for event in feed.listen():\n            apply(event)\n"
    ),
    # asyncio: the client handed to the module's own listener task, which only subscribes, runs the PubSub (run()
    # polls with poll_timeout, 1 s by default) and closes the client
    Example(
        "import asyncio\nimport json\nfrom redis.asyncio import Redis\n\n\nasync def follow_results(client, notify):\n"
        "    async def on_result(message):\n        await notify(json.loads(message['data']))\n\n    try:\n"
        "        async with client.pubsub(ignore_subscribe_messages=True) as feed:\n"
        "            await feed.subscribe('results', results=on_result)\n            await feed.run()\n    finally:\n"
        "        await client.close()\n\n\nasync def serve(url, notify):\n    client = Redis.from_url(url)\n"
        "    await asyncio.get_running_loop().create_task(follow_results(client, notify))\n"
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
    # a listener thread's own client, read by listen(): on a connection that died without closing it waits for hours
    Example(
        "import redis\n\ndef follow(url, apply):\n    client = redis.Redis.from_url(url)  # expect: PRR501\n    feed = client.pubsub()\n"
        "    feed.subscribe('config-changed')\n    for event in feed.listen():\n        apply(event)\n"
    ),
    # an explicit socket_timeout=None with keepalive (no options) and a health check, which runs only before a read
    Example(
        "import redis\n\ndef follow(host, apply):\n    while True:\n        try:\n"
        "            client = redis.Redis(host=host, socket_timeout=None, socket_keepalive=True, health_check_interval=30)  # expect: PRR501\n"
        "            feed = client.pubsub()\n            feed.psubscribe('events:*')\n            for event in feed.listen():\n"
        "                apply(event)\n        except redis.ConnectionError:\n            continue\n"
    ),
    # keepalive with no options at all: redis-py sets none, and the kernel's own probes give up after hours
    Example(
        "import redis\n\ndef follow(host, apply):\n"
        "    client = redis.Redis(host=host, socket_keepalive=True, socket_keepalive_options={})  # expect: PRR501\n"
        "    feed = client.pubsub()\n    feed.subscribe('jobs')\n    for event in feed.listen():\n        apply(event)\n"
    ),
    # asyncio: a relay's client whose PubSub is read by `async for ... listen()`
    Example(
        "import redis.asyncio as redis\n\nasync def relay(url, send):\n    client = redis.from_url(url)  # expect: PRR501\n"
        "    feed = client.pubsub()\n    await feed.psubscribe('orders.*')\n    try:\n        async for event in feed.listen():\n"
        "            await send(event)\n    finally:\n        await feed.aclose()\n        await client.aclose()\n"
    ),
    # asyncio: a client awaited as it is built, its PubSub read by `async for ... listen()` in a reconnect loop
    Example(
        "import asyncio\nimport redis.asyncio as redis\n\nasync def consume(url, dispatch):\n    while True:\n        try:\n"
        "            client = await redis.from_url(url)  # expect: PRR501\n            feed = client.pubsub()\n"
        "            await feed.subscribe('notify')\n            async for event in feed.listen():\n"
        "                await dispatch(event)\n        except redis.ConnectionError:\n            await asyncio.sleep(3)\n"
    ),
    # subscribed as it is built, a get_message(timeout=None) that waits for the next message however long
    Example(
        "import aioredis\n\nasync def next_event(url, channel):\n    feed = aioredis.from_url(url).pubsub()  # expect: PRR501\n"
        "    await feed.subscribe(channel)\n    return await feed.get_message(ignore_subscribe_messages=True, timeout=None)\n"
    ),
    # redis-py's worker thread told to block: run_in_thread(sleep_time=None)
    Example(
        "import redis\n\ndef start(host, handle):\n    feed = redis.Redis(host=host).pubsub()  # expect: PRR501\n"
        "    feed.subscribe(jobs=handle)\n    return feed.run_in_thread(sleep_time=None)\n"
    ),
    # the PubSub is returned: how the caller reads it is not followed
    Example(
        "import redis\n\ndef open_feed(url, channel):\n    client = redis.Redis.from_url(url)  # expect: PRR501\n"
        "    feed = client.pubsub()\n    feed.subscribe(channel)\n    return feed\n"
    ),
    # asyncio: the same listener task also reads a key through the client it is handed: that GET can hang
    Example(
        "import asyncio\nfrom redis.asyncio import Redis\n\n\nasync def follow_results(client, notify):\n"
        "    await notify(await client.get('last-result'))\n    async with client.pubsub() as feed:\n"
        "        await feed.subscribe('results', results=notify)\n        await feed.run()\n\n\n"
        "async def serve(url, notify):\n    client = Redis.from_url(url)  # expect: PRR501\n"
        "    await asyncio.ensure_future(follow_results(client, notify))\n"
    ),
)
