"""PRR501's dead code beside a generated gRPC module, which holds every RPC's name: an assignment that
binds an attribute of a method's name (`self.optimize = channel.unary_unary(...)` in the stub,
project/dead_code.py `_unstored`) binds the stub's own attribute and calls no other class's method of
that name, and a file that holds the name only as another class's method (the servicer's `optimize`,
its handler table's `servicer.optimize`: typed_calls.py `names_other`) runs none of a client whose
only callers are dead. A read of the method (`hooks.run = Tuner().optimize`) or a call still names it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional

from _serving import run_on_disk

APP = (
    "from flask import Flask\nfrom svc.tuner import Tuner\n\napp = Flask(__name__)\n\n"
    "@app.route('/status')\ndef status():\n    return Tuner().collect()\n"
)
TUNER = (
    "import requests\n\n\nclass Tuner:\n"
    "    def collect(self):\n        return requests.get('https://a.example.com').text\n\n"
    "    def optimize(self):\n        return requests.get('https://b.example.com').text\n"
)
TEST = "from svc.tuner import Tuner\n\n\ndef test_optimize():\n    assert Tuner().optimize()\n"
# A client-only generated stub: it binds one attribute per RPC of the service.
STUB = (
    "from svc.proto import tuning_pb2 as tuning__pb2\n\n\nclass TuningStub(object):\n"
    "    def __init__(self, channel):\n        self.optimize = channel.unary_unary(\n"
    "            '/tuning.Tuning/optimize',\n            request_serializer=tuning__pb2.OptimizeRequest.SerializeToString,\n"
    "            response_deserializer=tuning__pb2.OptimizeResponse.FromString,\n        )\n"
)
COLLECT, OPTIMIZE = 6, 9


def _found(tmp_path: Path, other: Optional[Dict[str, str]] = None) -> set:
    """The lines of `svc/tuner.py` PRR501 reports."""
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/tuner.py": TUNER, "tests/test_tuner.py": TEST,
             "svc/proto/__init__.py": "", "svc/proto/tuning_pb2_grpc.py": STUB, **(other or {})}
    return {f.span.line for f in run_on_disk(tmp_path, files, whole_project=True).findings
            if f.rule == "PRR501" and f.path == "svc/tuner.py"}


def test_a_stub_binding_an_attribute_of_that_name_calls_nothing(tmp_path: Path) -> None:
    assert _found(tmp_path) == {COLLECT}


def test_a_route_calling_the_method_keeps_it_reported(tmp_path: Path) -> None:
    admin = "from svc.app import app\nfrom svc.tuner import Tuner\n\n\n@app.route('/tune')\ndef tune():\n    return Tuner().optimize()\n"
    assert _found(tmp_path, {"svc/admin.py": admin}) == {COLLECT, OPTIMIZE}


def test_a_store_of_the_method_itself_names_it(tmp_path: Path) -> None:
    """The value of the assignment reads the method: a hook that may run it."""
    hooks = "from svc.tuner import Tuner\n\n\nclass Hooks:\n    def __init__(self):\n        self.optimize = Tuner().optimize\n"
    assert _found(tmp_path, {"svc/hooks.py": hooks}) == {COLLECT, OPTIMIZE}


SERVICER = (
    "\n\nclass TuningServicer(object):\n    def optimize(self, request, context):\n"
    "        raise NotImplementedError('Method not implemented!')\n\n\n"
    "def add_TuningServicer_to_server(servicer, server):\n"
    "    handlers = {'optimize': grpc.unary_unary_rpc_method_handler(servicer.optimize)}\n"
    "    server.add_generic_rpc_handlers((grpc.method_handlers_generic_handler('tuning.Tuning', handlers),))\n"
)
# A planner whose `plan` only tests call hands its work to a shared remote client's `optimize`.
PLANNER = "from svc.remote import remote\n\n\nclass Planner:\n    def plan(self):\n        return remote.optimize()\n"
REMOTE = ("import requests\n\n\nclass RemoteClient:\n    def optimize(self):\n        return requests.get('https://c.example.com').text\n\n\n"
          "remote = RemoteClient()\n")


def _remote(tmp_path: Path, other: Optional[Dict[str, str]] = None) -> bool:
    """Whether PRR501 reports the remote client's call, beside a full generated module."""
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/tuner.py": TUNER, "svc/planner.py": PLANNER, "svc/remote.py": REMOTE,
             "tests/test_planner.py": "from svc.planner import Planner\n\n\ndef test_plan():\n    assert Planner().plan()\n",
             "svc/proto/__init__.py": "", "svc/proto/tuning_pb2_grpc.py": "import grpc\n" + STUB + SERVICER, **(other or {})}
    return any(f.rule == "PRR501" and f.path == "svc/remote.py" for f in run_on_disk(tmp_path, files, whole_project=True).findings)


def test_a_servicer_of_that_name_runs_no_client_only_dead_code_calls(tmp_path: Path) -> None:
    assert not _remote(tmp_path)


def test_a_route_calling_the_client_keeps_it_reported(tmp_path: Path) -> None:
    admin = "from svc.app import app\nfrom svc.remote import RemoteClient\n\n\n@app.route('/tune')\ndef tune():\n    return RemoteClient().optimize()\n"
    assert _remote(tmp_path, {"svc/admin.py": admin})


def test_an_untyped_call_of_that_name_keeps_it_reported(tmp_path: Path) -> None:
    """A call on a receiver the resolver cannot type may be the client's."""
    jobs = ("from svc.app import app\n\n\n@app.route('/jobs')\ndef jobs():\n    return app.config['CLIENT'].optimize()\n")
    assert _remote(tmp_path, {"svc/jobs.py": jobs})


# A class nothing builds whose method registers a servicer (which makes it start-up code, a serving seed) and
# calls a dependency; the worker names only its base, through the module (`relay.Base.reset()`).
RELAY = ("import requests\n\nfrom svc import relay_pb2_grpc\n\n\nclass Base:\n    @staticmethod\n    def reset():\n        return None\n\n\n"
         "class Servicer(relay_pb2_grpc.RelayServicer):\n    def Send(self, request, context):\n        return request\n\n\n"
         "class GrpcRelay(Base):\n    def start(self, server):\n        relay_pb2_grpc.add_RelayServicer_to_server(Servicer(), server)\n"
         "        return requests.get('https://peer.example.com/ready').text\n")
RELAY_GRPC = ("class RelayServicer(object):\n    def Send(self, request, context):\n        raise NotImplementedError()\n\n\n"
              "def add_RelayServicer_to_server(servicer, server):\n    server.add_generic_rpc_handlers(())\n")
RELAY_WORKER = "from svc import relay\n\n\ndef serve(server):\n    relay.Base.reset()\n    server.add_generic_rpc_handlers(())\n"


def test_a_method_of_a_class_nothing_builds_is_dead_though_it_registers_handlers(tmp_path: Path) -> None:
    """`GrpcRelay` is named by no other source (a call of its base's static method through the module names
    the base in code, no string): its `start` never runs. Built by a handler, its call is reported."""
    files = {"svc/__init__.py": "", "svc/relay.py": RELAY, "svc/relay_pb2_grpc.py": RELAY_GRPC, "svc/worker.py": RELAY_WORKER, "svc/app.py": APP, "svc/tuner.py": TUNER}
    lines = lambda root, found: sorted(f"{f.path}:{f.span.line}" for f in run_on_disk(root, found, whole_project=True).findings if f.path == "svc/relay.py")  # noqa: E731
    assert lines(tmp_path / "dead", files) == []
    built = {**files, "svc/app.py": APP.replace("    return Tuner().collect()", "    from svc.relay import GrpcRelay\n    return GrpcRelay().start(None)")}
    assert lines(tmp_path / "built", built) == ["svc/relay.py:20"]
