"""PRR502 and the client a project ships for its own gRPC service (project/own_clients.py): a method of
it that the running service does not reach is its users' (a command line, a cron job's script, a
user's program), while what a handler or a worker reaches, and a client of a downstream service, stay."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import analysis_for, run_on_disk
from prr_lint.project.own_clients import served_stubs

SERVER = (
    "from concurrent import futures\n\nimport grpc\n\n"
    "from svc.client import InventoryClient\n"
    "from svc.protos import inventory_pb2, inventory_pb2_grpc\n\n"
    "class Inventory(inventory_pb2_grpc.InventoryServicer):\n"
    "    def Purge(self, request, context):\n        return inventory_pb2.PurgeReply()\n\n"
    "    def Mirror(self, request, context):\n        return InventoryClient(request.peer).get(request.key)\n\n"
    "def serve():\n    server = grpc.server(futures.ThreadPoolExecutor())\n"
    "    inventory_pb2_grpc.add_InventoryServicer_to_server(Inventory(), server)\n"
    "    server.add_insecure_port('[::]:50051')\n    server.start()\n    server.wait_for_termination()\n\n"
    "if __name__ == '__main__':\n    serve()\n"
)
CLIENT = (
    "import grpc\n\nfrom svc.protos import inventory_pb2, inventory_pb2_grpc, reports_pb2_grpc\n\n"
    "class InventoryClient:\n"
    "    def __init__(self, target):\n"
    "        self.stub = inventory_pb2_grpc.InventoryStub(grpc.insecure_channel(target))\n\n"
    "    def get(self, key):\n        return self.stub.Get(inventory_pb2.GetRequest(key=key))\n\n"  # line 10: a handler's
    "    def purge(self):\n        return self.stub.Purge(inventory_pb2.PurgeRequest())\n\n\n"  # line 13: the job's
    "class ReportsClient:\n"
    "    def __init__(self, target):\n"
    "        self.stub = reports_pb2_grpc.ReportsStub(grpc.insecure_channel(target))\n\n"
    "    def send(self, report):\n        return self.stub.Send(report)\n"  # line 21: a downstream service
)
CLI = (
    "import argparse\n\nfrom svc.client import InventoryClient, ReportsClient\n\n"
    "def main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('action')\n"
    "    parser.add_argument('--endpoint', default='localhost:50051')\n    config = parser.parse_args()\n"
    "    if config.action == 'purge':\n        print(InventoryClient(config.endpoint).purge())\n"
    "    else:\n        print(ReportsClient(config.endpoint).send(config.action))\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
WORKER = (
    "import time\n\nfrom svc.client import InventoryClient\n\n"
    "def main():\n    client = InventoryClient('inventory:50051')\n"
    "    while True:\n        client.purge()\n        time.sleep(3600)\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
SCRIPTS = "[project]\nname = 'svc'\n\n[project.scripts]\nsvc = 'svc.cli:main'\n"
ENTRY = "#!/bin/sh\npython -m svc.server &\nsvc purge\nsvc weekly-report\n"


def _lines(tmp_path: Path, **extra: str) -> List[Tuple[str, int]]:
    files: Dict[str, str] = {"svc/__init__.py": "", "svc/server.py": SERVER, "svc/client.py": CLIENT, "svc/cli.py": CLI, **extra}
    on_disk = {"pyproject.toml": SCRIPTS, "Dockerfile": 'FROM python\nENTRYPOINT ["entry.sh"]\n', "entry.sh": ENTRY}
    result = run_on_disk(tmp_path, files, select=("PRR502",), whole_project=True, on_disk_only=on_disk,
                         launch_files=("Dockerfile", "entry.sh"))
    return [(finding.path, finding.span.line) for finding in result.findings]


def test_a_method_of_the_own_client_only_commands_reach_is_not_the_service(tmp_path: Path) -> None:
    """forseti's `forseti inventory purge` in the container's script: the server's own client, driven by a
    command the deployment runs, is the command's; the deadline is the caller's."""
    assert ("svc/client.py", 13) not in _lines(tmp_path)


def test_what_a_handler_reaches_and_a_downstream_client_stay(tmp_path: Path) -> None:
    found = _lines(tmp_path)
    assert ("svc/client.py", 10) in found  # the Mirror handler calls the peer through the client
    assert ("svc/client.py", 21) in found  # the same command's call of a service the project does not serve


def test_a_worker_the_deployment_runs_keeps_the_method(tmp_path: Path) -> None:
    assert ("svc/client.py", 13) in _lines(tmp_path, **{"svc/worker.py": WORKER})


def test_a_name_the_service_calls_on_an_untyped_receiver_where_the_client_is_imported_stays(tmp_path: Path) -> None:
    """`self.peer.purge()` on a peer handed in: the call graph cannot type it, and it may be this client."""
    server = SERVER.replace("    def Purge(self, request, context):\n",
                            "    def __init__(self, peer=None):\n        self.peer = peer\n\n"
                            "    def Sweep(self, request, context):\n        return self.peer.purge()\n\n"
                            "    def Purge(self, request, context):\n")
    assert ("svc/client.py", 13) in _lines(tmp_path, **{"svc/server.py": server})


def test_the_stubs_of_the_served_services() -> None:
    """A registered servicer and a servicer class's generated base each name their stub, imports followed; a
    test's fake of a downstream service serves nothing of the project's."""
    fake = ("import grpc\nimport pytest\n\nfrom svc.protos import reports_pb2_grpc\n\n"
            "class FakeReports(reports_pb2_grpc.ReportsServicer):\n    def Send(self, request, context):\n        return None\n\n"
            "@pytest.fixture\ndef server():\n    server = grpc.server(None)\n"
            "    reports_pb2_grpc.add_ReportsServicer_to_server(FakeReports(), server)\n    return server\n")
    files = {"svc/__init__.py": "", "svc/server.py": SERVER, "tests/test_reports.py": fake,
             "svc/health.py": "from svc.protos import status_pb2_grpc as pb\n\n"
                              "class Status(pb.StatusServicer):\n    def Check(self, request, context):\n        return None\n"}
    assert served_stubs(analysis_for(files)) == {"svc.protos.inventory_pb2_grpc.InventoryStub", "svc.protos.status_pb2_grpc.StatusStub"}
