"""The subcommands of a deployed argparse program that no deployment file runs (project/deployed_subcommands.py):
the client methods only they call are an operator's, while those the server or the deployment's own command
lines reach stay."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import analysis_for, run_on_disk

CLIENT = (
    "import requests\n\n"
    "class InventoryClient:\n"
    "    def __init__(self, base):\n        self.base = base\n\n"
    "    def get(self, key):\n        return requests.get(self.base + '/get/' + key)\n\n"  # line 8: the server calls it
    "    def purge(self):\n        return requests.post(self.base + '/purge')\n\n"  # line 11: the scheduled job runs it
    "    def delete(self, key):\n        return requests.post(self.base + '/delete/' + key)\n\n\n"  # line 14: a person's
    "class Composition:\n"
    "    def __init__(self, base):\n        self.inventory = InventoryClient(base)\n"
)
CLI = (
    "import argparse\n\nfrom svc.client import Composition\n\n"
    "def run_inventory(client, config):\n"
    "    client = client.inventory\n\n"
    "    def do_purge():\n        print(client.purge())\n\n"
    "    def do_delete():\n        print(client.delete(config.key))\n\n"
    "    actions = {'purge': do_purge, 'delete': do_delete}\n"
    "    actions[config.action]()\n\n"
    "def run_version(client, config):\n    print('1.0')\n\n"
    "SERVICES = {'inventory': run_inventory, 'version': run_version}\n\n"
    "def main(args=None, services=None):\n"
    "    parser = argparse.ArgumentParser()\n"
    "    config = parser.parse_args(args)\n"
    "    client = Composition(config.endpoint)\n"
    "    if not services:\n        services = SERVICES\n"
    "    services[config.service](client, config)\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
APP = (
    "from flask import Flask\n\nfrom svc.client import Composition\n\napp = Flask(__name__)\n\n"
    "@app.get('/item')\ndef item():\n    return Composition('http://localhost').inventory.get('x').text\n"
)
SCRIPTS = "[project]\nname = 'svc'\n\n[project.scripts]\nsvc = 'svc.cli:main'\n"
ENTRY = "#!/bin/sh\nsvc inventory purge\n"


def _lines(tmp_path: Path, entry: str, **extra: str) -> List[Tuple[str, int]]:
    files: Dict[str, str] = {"svc/__init__.py": "", "svc/client.py": CLIENT, "svc/cli.py": CLI, "svc/app.py": APP, **extra}
    on_disk = {"pyproject.toml": SCRIPTS, "Dockerfile": 'FROM python\nENTRYPOINT ["entry.sh"]\n', "entry.sh": entry}
    result = run_on_disk(tmp_path, files, whole_project=True, on_disk_only=on_disk, launch_files=("Dockerfile", "entry.sh"))
    return [(finding.path, finding.span.line) for finding in result.findings]


def test_a_client_method_only_a_subcommand_no_deployment_file_runs_calls_is_not_the_service(tmp_path: Path) -> None:
    """forseti's `forseti inventory delete`: the container's job runs `forseti inventory purge` only."""
    found = _lines(tmp_path, ENTRY)
    assert ("svc/client.py", 14) not in found


def test_the_subcommand_the_deployment_runs_and_what_the_server_calls_stay(tmp_path: Path) -> None:
    found = _lines(tmp_path, ENTRY)
    assert ("svc/client.py", 11) in found  # `svc inventory purge`, unattended
    assert ("svc/client.py", 8) in found  # the server's


def test_a_subcommand_a_deployment_line_names_stays(tmp_path: Path) -> None:
    found = _lines(tmp_path, ENTRY + "svc --verbose inventory delete old\n")
    assert ("svc/client.py", 14) in found


def test_a_table_the_deployment_selects_nothing_from_runs_whole(tmp_path: Path) -> None:
    """`svc` named with no subcommand words: nothing tells which entries run, and all may."""
    found = _lines(tmp_path, "#!/bin/sh\nsvc\n")
    assert ("svc/client.py", 14) in found
    assert ("svc/client.py", 11) in found


def test_a_dispatch_table_records_its_keys_and_types_what_it_passes() -> None:
    """prr_lint/dispatch.py: the function's own table, the module table a parameter falls back to, and
    the receiver a narrowed parameter (`client = client.inventory`) holds."""
    analysis = analysis_for({"svc/__init__.py": "", "svc/client.py": CLIENT, "svc/cli.py": CLI})
    main = analysis.index.functions["svc.cli.main"]
    assert "dispatch-key:0:inventory=svc.cli.run_inventory" in main.tags
    assert ("svc.cli.run_inventory", "0", "svc.client.Composition") in main.arguments
    run = analysis.index.functions["svc.cli.run_inventory"]
    assert "dispatch-key:0:delete=svc.cli.run_inventory.do_delete" in run.tags
    assert analysis.graph.callees("svc.cli.run_inventory.do_delete") == ("svc.client.InventoryClient.delete",)


def test_a_command_line_that_hands_on_its_own_arguments_may_run_any_subcommand(tmp_path: Path) -> None:
    """`exec svc "$@"` in the entry point: the subcommand is whatever the container is given."""
    found = _lines(tmp_path, ENTRY + 'exec svc "$@"\n')
    assert ("svc/client.py", 14) in found
