"""gRPC handlers are the RPCs the servicer base declares (project/grpc_rpcs.py): a servicer class's other
public methods (setup its constructor calls) are no request path's start."""

from __future__ import annotations

from pathlib import Path

from _serving import run, run_on_disk
from prr_lint.project.grpc_rpcs import _services

WORKER = (
    "import ray\nfrom rpc import prices_pb2_grpc\n\n"
    "class Worker(prices_pb2_grpc.PricesServicer):\n"
    "    def __init__(self, port):\n        self.report_port(port)\n\n"
    "    def report_port(self, port):\n        ray.init(address='auto')\n\n"
    "    def Get(self, request, context):\n        return ray.get(request.ref)\n"
)
GENERATED = (
    "class PricesServicer(object):\n    def Get(self, request, context):\n        raise NotImplementedError()\n"
)
PROTO = (
    "syntax = \"proto3\";\n// service Old { rpc report_port (A) returns (B); }\n"
    "service Prices {\n  rpc Get (GetRequest) returns (GetReply) {\n"
    "    option (google.api.http) = { get: \"/v1/prices\" };\n  }\n}\n"
    "service Other {\n  rpc report_port (A) returns (B) {}\n}\n"
)


def _lines(result):
    return sorted((f.rule, f.path, f.span.line) for f in result.findings)


def test_a_servicer_method_its_generated_base_does_not_declare_is_no_handler() -> None:
    files = {"rpc/__init__.py": "", "rpc/prices_pb2_grpc.py": GENERATED, "rpc/worker.py": WORKER}
    assert _lines(run(files, select=("PRR301",))) == [("PRR301", "rpc/worker.py", 12)]


def test_the_proto_file_names_the_rpcs_when_the_generated_module_is_not_in_the_project(tmp_path: Path) -> None:
    files = {"rpc/__init__.py": "", "rpc/worker.py": WORKER}
    found = run_on_disk(tmp_path, files, select=("PRR301",), on_disk_only={"protos/prices.proto": PROTO})
    assert _lines(found) == [("PRR301", "rpc/worker.py", 12)]


def test_every_public_method_stays_a_handler_when_the_rpcs_are_unknown(tmp_path: Path) -> None:
    files = {"rpc/__init__.py": "", "rpc/worker.py": WORKER}
    # a proto of another name is not the one `prices_pb2_grpc` was generated from
    found = run_on_disk(tmp_path, files, select=("PRR301",), on_disk_only={"protos/quotes.proto": PROTO})
    assert _lines(found) == [("PRR301", "rpc/worker.py", 9), ("PRR301", "rpc/worker.py", 12)]


def test_proto_services_skip_comments_and_option_braces() -> None:
    assert _services(PROTO) == {"Prices": frozenset({"Get"}), "Other": frozenset({"report_port"})}
