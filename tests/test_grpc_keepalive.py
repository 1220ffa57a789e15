"""PRR502 and long-lived streams (rules/grpc_keepalive.py, project/grpc_stubs.py): a call on a stub method
the project's generated stub makes streaming-response (`unary_stream`, `stream_stream`) is not reported
when its channel sends keepalive pings or is built outside the call's module; a unary call is, whatever
the keepalive, and so is a stream on a channel the module builds without keepalive."""

from __future__ import annotations

from typing import Dict, List, Tuple

import pytest

from conftest import lint_sources

# A generated stub, as grpcio-tools writes one: each method bound to the channel's multicallable of its kind.
_GENERATED = {
    "protos/__init__.py": "",
    "protos/feed_pb2_grpc.py": (
        "import grpc\n\n\nclass FeedStub(object):\n    def __init__(self, channel):\n"
        "        self.Watch = channel.unary_stream('/feed.Feed/Watch', request_serializer=None)\n"
        "        self.Join = channel.stream_stream(\n            '/feed.Feed/Join',\n            request_serializer=None)\n"
        "        self.Get = channel.unary_unary('/feed.Feed/Get', request_serializer=None)\n"
        "        self.Upload = channel.stream_unary('/feed.Feed/Upload', request_serializer=None)\n"
    ),
}
_HEAD = "import grpc\nfrom protos import feed_pb2_grpc\n"


def _found(client: str, generated: bool = True, **more: str) -> List[Tuple[str, int]]:
    files: Dict[str, str] = {**(_GENERATED if generated else {}), "svc/client.py": _HEAD + client, **more}
    result = lint_sources(files, select=["PRR502"])
    return sorted((f.message.partition("(")[0].strip("`"), f.span.line - 2) for f in result.findings)


@pytest.mark.parametrize(
    "client",
    [
        # keepalive in a module constant, in a local list, in what a module function builds
        "\nKEEPALIVE = [('grpc.keepalive_time_ms', 20000)]\n\ndef follow(target, request):\n"
        "    stub = feed_pb2_grpc.FeedStub(grpc.insecure_channel(target, options=KEEPALIVE))\n"
        "    return stub.Watch(request)\n",
        "\ndef tunnel(target, outgoing):\n    options = [('grpc.keepalive_time_ms', 20000), ('grpc.keepalive_timeout_ms', 5000)]\n"
        "    channel = grpc.insecure_channel(target, options=options)\n"
        "    return feed_pb2_grpc.FeedStub(channel).Join(outgoing)\n",
        "\ndef _options(extra):\n    return tuple({'grpc.keepalive_time_ms': 20000, **extra}.items())\n\n"
        "async def session(target, credentials, outgoing):\n"
        "    async with grpc.aio.secure_channel(target, credentials, options=_options({})) as channel:\n"
        "        return feed_pb2_grpc.FeedStub(channel).Join(outgoing)\n",
        # a channel the module does not build: a stub handed in, a channel a project helper makes
        "\ndef listen(stub: feed_pb2_grpc.FeedStub, request):\n    return stub.Watch(request), stub.Join(iter(()))\n",
    ],
)
def test_a_long_lived_stream_is_not_reported(client: str) -> None:
    assert _found(client) == []


def test_a_stream_on_a_channel_a_helper_builds() -> None:
    """The channel is made in another module (flower's `create_channel`, jumpstarter's `aio_secure_channel`):
    where it is configured is out of the call's sight, and the method is a stream by design."""
    helper = {"svc/channels.py": "import grpc\n\ndef make_channel(target):\n    return grpc.insecure_channel(target)\n"}
    client = ("from svc.channels import make_channel\n\ndef join(target, queue):\n"
              "    stub = feed_pb2_grpc.FeedStub(make_channel(target))\n    return stub.Join(iter(queue.get, None))\n")
    assert _found(client, **helper) == []


def test_a_stub_a_package_re_exports() -> None:
    """`from protos import feed_pb2_grpc` where `protos/__init__.py` re-exports it from `protos.v1`."""
    files = {"protos/__init__.py": "from .v1 import feed_pb2_grpc\n", "protos/v1/__init__.py": "",
             "protos/v1/feed_pb2_grpc.py": _GENERATED["protos/feed_pb2_grpc.py"]}
    client = "\ndef listen(stub: feed_pb2_grpc.FeedStub, request):\n    return stub.Watch(request), stub.Get(request)\n"
    assert _found(client, generated=False, **files) == [("FeedStub.Get", 3)]


@pytest.mark.parametrize(
    "client, expected",
    [
        # unary calls need a deadline whatever the keepalive
        ("\nKEEPALIVE = [('grpc.keepalive_time_ms', 20000)]\nstub = feed_pb2_grpc.FeedStub(grpc.insecure_channel('feed:1', options=KEEPALIVE))\n\n"
         "def get(request):\n    return stub.Get(request)\n\ndef upload(chunks):\n    return stub.Upload(iter(chunks))\n",
         [("FeedStub.Get", 6), ("FeedStub.Upload", 9)]),
        ("\ndef get(stub: feed_pb2_grpc.FeedStub, request):\n    return stub.Get.future(request)\n", [("FeedStub.Get.future", 3)]),
        # a stream on a channel built without keepalive: a dead peer hangs it for ever
        ("\ndef follow(target, request):\n    return feed_pb2_grpc.FeedStub(grpc.insecure_channel(target)).Watch(request)\n",
         [("FeedStub.Watch", 3)]),
        ("\ndef tunnel(target, outgoing):\n    channel = grpc.insecure_channel(target, options=[('grpc.max_receive_message_length', 1 << 24)])\n"
         "    stub = feed_pb2_grpc.FeedStub(channel)\n    return stub.Join(outgoing)\n", [("FeedStub.Join", 5)]),
        ("\nclass Auth(grpc.UnaryStreamClientInterceptor):\n    pass\n\ndef follow(target, request):\n"
         "    channel = grpc.intercept_channel(grpc.insecure_channel(target), Auth())\n"
         "    return feed_pb2_grpc.FeedStub(channel).Watch(request)\n", [("FeedStub.Watch", 7)]),
    ],
)
def test_reported(client: str, expected: list) -> None:
    assert _found(client) == expected


def test_a_method_of_no_known_kind_stays() -> None:
    """Without the generated module in the tree the method's kind is unknown: reported as before."""
    client = "\ndef listen(stub: feed_pb2_grpc.FeedStub, request):\n    return stub.Watch(request)\n"
    assert _found(client, generated=False) == [("FeedStub.Watch", 3)]


# A push channel (grpc_streams.py PUSHED): a gateway opens one client stream to its peer and writes to it every
# event its outbox queue yields, for the life of the connection; nothing awaits the stream's reply.
_PUSHER = (
    "import asyncio\n\nOPTIONS = [('grpc.keepalive_time_ms', 8000), ('grpc.keepalive_timeout_ms', 4000)]\n\n\n"
    "class Gateway:\n    def __init__(self, target):\n"
    "        self.stub = feed_pb2_grpc.FeedStub(grpc.aio.insecure_channel(target, OPTIONS))\n"
    "        self.outbox = asyncio.Queue(16)\n\n"
    "    async def pump(self):\n        stream = self.stub.Upload()\n        while True:\n"
    "            event = await self.outbox.get()\n            try:\n                await stream.write(event)\n"
    "            except grpc.RpcError:\n                return\n"
)


@pytest.mark.parametrize("pusher", [
    _PUSHER,
    # the stream handed to a method of the class that writes it for ever
    _PUSHER.replace("        while True:\n", "        await self._drain(stream)\n\n    async def _drain(self, stream):\n        while True:\n"),
    # a bidirectional stream only written, its replies never read
    _PUSHER.replace("self.stub.Upload()", "self.stub.Join()"),
])
def test_a_push_stream_on_a_keepalive_channel_is_not_reported(pusher: str) -> None:
    """marzneshin's SyncUsers (judged false): a client stream written for ever, never awaited for a reply."""
    assert _found(pusher) == []


@pytest.mark.parametrize("pusher, line", [
    # no keepalive on the channel: a dead peer leaves the writer waiting for ever
    (_PUSHER.replace("(target, OPTIONS)", "(target)"), 12),
    # the request stream is closed when a write fails, and its reply awaited
    (_PUSHER.replace("                return\n", "                break\n        await stream.done_writing()\n        return await stream\n"), 12),
    # a new stream opened for every event, never closed
    (_PUSHER.replace("        stream = self.stub.Upload()\n        while True:\n", "        while True:\n            stream = self.stub.Upload()\n"), 13),
    # written once, outside any loop
    (_PUSHER.replace("        while True:\n", "        if True:\n"), 12),
])
def test_a_client_stream_not_used_as_a_push_channel_stays_reported(pusher: str, line: int) -> None:
    assert _found(pusher) == [("FeedStub.Upload", line)]
