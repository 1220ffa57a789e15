"""Commands a project registers into another tool's command group (project/extension_commands.py): a
`datalad.extensions` command suite's class that nothing of the service asks for by name is not the service;
one the service calls through the tool's API, imports, runs from a deployment file or may pick at run time
keeps its findings, and so does a registration the tool's shape does not prove."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional, Set, Tuple

from _serving import run_on_disk

SETUP = "[metadata]\nname = svc\n\n[options]\npackages = find:\n\n[options.entry_points]\n{group} =\n    svc = svc_cli:suite\n"
DOCKERFILE = "FROM python:3.12\nCOPY . /app\nRUN pip install /app\nCMD [\"gunicorn\", \"svc.app:app\"]\n"
APP = (
    "from flask import Flask\n"
    "from datalad import api as dl\n\n"
    "app = Flask(__name__)\n\n\n"
    "@app.post('/mirror')\n"
    "def mirror():\n"
    "    dl.clone(source='https://example.org/ds', path='/data/ds')\n"
    "{extra}"
    "    return 'ok'\n"
)
SUITE = "suite = (\n    'Talk to the service',\n    [('svc_cli.pull', 'PullItems', 'svc-pull-items', 'svc_pull_items')],\n)\n"
COMMAND = (
    "import requests\n"
    "from datalad.interface.base import Interface, eval_results\n\n\n"
    "class PullItems({base}):\n"
    "    \"\"\"Fetch the item list from a running service\"\"\"\n\n"
    "    @staticmethod\n"
    "    @eval_results\n"
    "    def __call__(endpoint='https://items.example.org/items'):\n"
    "        response = requests.get(endpoint)\n"  # line 11
    "        yield {{'status': 'ok', 'items': response.json()}}\n"
    "{tail}"
)
FINDING = ("svc_cli/pull.py", 11)


def _found(root: Path, extra: str = "", group: str = "datalad.extensions", suite: str = SUITE, base: str = "Interface",
           tail: str = "", dockerfile: str = DOCKERFILE, more: Optional[Dict[str, str]] = None) -> Set[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/app.py": APP.format(extra=extra), "svc_cli/__init__.py": suite,
             "svc_cli/pull.py": COMMAND.format(base=base, tail=tail), **(more or {})}
    result = run_on_disk(root, files, select=("PRR501",), whole_project=True,
                         on_disk_only={"setup.cfg": SETUP.format(group=group), "Dockerfile": dockerfile}, launch_files=("Dockerfile",))
    return {(finding.path, finding.span.line) for finding in result.findings}


def test_a_datalad_command_nothing_asks_for_is_not_the_service(tmp_path: Path) -> None:
    """datalad-registry's `datalad registry-get-urls` (VY002): the deployed app imports `datalad.api`, which loads
    the suite, but calls only `clone`; the command runs when a user types it."""
    assert FINDING not in _found(tmp_path)


def test_a_command_the_service_asks_for_keeps_its_findings(tmp_path: Path) -> None:
    """Called through the tool's API by its API name or its command name, imported by a service module, run by a
    deployment file, bound as a dataset method (under a name not read), or picked at run time."""
    assert FINDING in _found(tmp_path / "api", extra="    dl.svc_pull_items()\n")
    assert FINDING in _found(tmp_path / "getattr-literal", extra="    getattr(dl, 'svc_pull_items')()\n")
    assert FINDING in _found(tmp_path / "cli", extra="    import subprocess\n    subprocess.run(['datalad', 'svc-pull-items'], timeout=60)\n")
    assert FINDING in _found(tmp_path / "imported", extra="    from svc_cli.pull import PullItems\n    PullItems()()\n")
    assert FINDING in _found(tmp_path / "cron", dockerfile=DOCKERFILE + "RUN echo '0 * * * * datalad svc-pull-items' > /etc/cron.d/pull\n")
    assert FINDING in _found(tmp_path / "dynamic", extra="    getattr(dl, request.args['command'])()\n")
    assert FINDING in _found(tmp_path / "spawned", extra="    import subprocess\n    subprocess.run(['datalad', request.args['c']], timeout=9)\n")
    method = COMMAND.replace("    @staticmethod\n", "    @staticmethod\n    @datasetmethod(name='refresh_items')\n").replace(
        "eval_results\n", "eval_results\nfrom datalad.distribution.dataset import datasetmethod\n", 1)
    files, moved = {"svc_cli/pull.py": method.format(base="Interface", tail="")}, ("svc_cli/pull.py", 13)  # two lines more
    assert moved in _found(tmp_path / "method", extra="    dl.Dataset('/data/ds').refresh_items()\n", more=files)
    assert moved in _found(tmp_path / "method-unread", more=files)  # the name it binds is not read: kept


def test_code_the_module_runs_at_import_keeps_its_findings(tmp_path: Path) -> None:
    """The command's module loads in every process that imports `datalad.api`: a method its top level calls runs there."""
    assert FINDING in _found(tmp_path, tail="\n\nITEMS = list(PullItems.__call__())\n")


def test_a_registration_the_tool_shape_does_not_prove_keeps_its_findings(tmp_path: Path) -> None:
    """Another group (a framework the service may run), a class not derived from the tool's command base, a suite
    that is no literal bound once, or a suite module that also asks for the command."""
    assert FINDING in _found(tmp_path / "group", group="svc.plugins")
    assert FINDING in _found(tmp_path / "base", base="object")
    assert FINDING in _found(tmp_path / "built", suite="def _suite():\n    return ('d', [('svc_cli.pull', 'PullItems')])\n\n\nsuite = _suite()\n")
    assert FINDING in _found(tmp_path / "rebound", suite=SUITE + "suite = ('d', [])\n")
    asking = SUITE + "\n\ndef refresh():\n    from datalad import api\n    return api.svc_pull_items()\n"
    assert FINDING in _found(tmp_path / "suite-asks", suite=asking)
