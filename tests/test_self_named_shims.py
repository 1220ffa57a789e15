"""A shim of the program's own name that hands on its arguments (`printf '#!/bin/sh\\nexec /app/.venv/bin/svc "$@"\\n'
> /bin/svc` in a Dockerfile) takes the program's place: the lines that run `svc` are read as the program's, so the
subcommands none of them names stay an operator's (djehuty's `backup` beside `djehuty web`: project/deployed_subcommands.py,
program_runs.forwards_to_itself), while a shim of another name, or one that picks the subcommand itself, may run any."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

ENDPOINT = (
    "import requests\n\n"
    "class Endpoint:\n"
    "    def __init__(self):\n        self.session = requests.Session()\n        self.base = 'https://api.example.org'\n\n"
    "    def get(self, path):\n        return self.session.get(self.base + path)\n"  # line 9: only `svc backup` runs it
)
BACKUP = (
    "from svc.backup.endpoint import Endpoint\n\n"
    "def main(token):\n    endpoint = Endpoint()\n    endpoint.token = token\n    return endpoint.get('/accounts')\n"
)
WEB = (
    "import requests\nfrom werkzeug.serving import run_simple\n\n"
    "def application(environ, start_response):\n"
    "    reply = requests.get('https://search.example.org/q')\n"  # line 5: what `svc web` serves calls
    "    start_response('200 OK', [])\n    return [reply.content]\n\n"
    "def main(config_file):\n    run_simple('0.0.0.0', 8080, application)\n\n"
    "def dump_all():\n    print(requests.get('https://export.example.org/all').text)\n"  # line 13: `svc --dump`
)
UI = (
    "import argparse\n\nimport svc.backup.ui as backup_ui\nimport svc.web as web_ui\n\n"
    "def main():\n"
    "    parser = argparse.ArgumentParser(prog='svc')\n"
    "    subparsers = parser.add_subparsers(dest='command')\n"
    "    backup_parser = subparsers.add_parser('backup')\n"
    "    backup_parser.add_argument('--token', '-t', type=str, default='')\n"
    "    web_parser = subparsers.add_parser('web')\n"
    "    web_parser.add_argument('--config-file', '-c', type=str, default=None)\n"
    "    args = parser.parse_args()\n"
    "    if args.command == 'backup':\n"
    "        backup_ui.main(args.token)\n"
    "    elif args.command == 'web':\n"
    "        web_ui.main(args.config_file)\n"
)
FILES = {"svc/__init__.py": "", "svc/ui.py": UI, "svc/web.py": WEB, "svc/backup/__init__.py": "",
         "svc/backup/ui.py": BACKUP, "svc/backup/endpoint.py": ENDPOINT}
SCRIPTS = "[project]\nname = 'svc'\n\n[project.scripts]\nsvc = 'svc.ui:main'\n"
SHIM = "    && printf '#!/bin/sh\\nexec /app/.venv/bin/svc \"$@\"\\n' > /bin/svc \\\n    && chmod +x /bin/svc\n"


def _dockerfile(shim: str = SHIM, command: str = '["svc", "web", "--config-file", "/etc/svc/config.json"]') -> str:
    return ("FROM python:3.12-slim\nWORKDIR /app\nCOPY . /app\nRUN python -m venv /app/.venv && /app/.venv/bin/pip install .\n"
            "RUN useradd -m svc \\\n" + shim + f"USER svc\nEXPOSE 8080\nCMD {command}\n")


def _found(tmp_path: Path, deployment: Dict[str, str], files: Dict[str, str] = FILES) -> List[Tuple[str, int]]:
    result = run_on_disk(tmp_path, files, whole_project=True, on_disk_only={"pyproject.toml": SCRIPTS, **deployment},
                         launch_files=tuple(deployment))
    return [(finding.path, finding.span.line) for finding in result.findings]


def _compose(command: str = "/bin/svc web -c /etc/svc/config.json") -> str:
    return f"services:\n  svc:\n    image: svc:latest\n    command: '{command}'\n"


def test_the_subcommand_no_line_runs_beside_a_self_named_shim_is_an_operators(tmp_path: Path) -> None:
    """djehuty's shape: the image's shim hands its arguments on, the image and compose run `svc web`."""
    found = _found(tmp_path, {"Dockerfile": _dockerfile(), "docker-compose.yaml": _compose()})
    assert ("svc/backup/endpoint.py", 9) not in found
    assert ("svc/web.py", 5) in found  # the deployed subcommand's calls stay


def test_an_option_no_line_passes_beside_a_self_named_shim_is_an_operators(tmp_path: Path) -> None:
    """The same lines answer for the options of the deployed program (project/deployed_options.py)."""
    ui = UI.replace("    args = parser.parse_args()\n", "    parser.add_argument('--dump', action='store_true')\n"
                    "    args = parser.parse_args()\n    if args.dump:\n        web_ui.dump_all()\n        return\n")
    files = {**FILES, "svc/ui.py": ui}
    found = _found(tmp_path, {"Dockerfile": _dockerfile()}, files)
    assert ("svc/web.py", 13) not in found
    assert ("svc/web.py", 5) in found
    given = _found(tmp_path / "given", {"Dockerfile": _dockerfile(command='["svc", "--dump"]')}, files)
    assert ("svc/web.py", 13) in given


def test_a_cron_job_running_the_other_subcommand_keeps_it(tmp_path: Path) -> None:
    deployment = {"Dockerfile": _dockerfile(), "deploy/crontab": "0 3 * * * /bin/svc backup --token secret\n"}
    found = _found(tmp_path, deployment)
    assert ("svc/backup/endpoint.py", 9) in found


def test_a_shim_of_another_name_may_run_any_subcommand(tmp_path: Path) -> None:
    """`/bin/run-svc` hands its arguments to `svc`: what runs it is not read as the program's lines."""
    shim = SHIM.replace("> /bin/svc", "> /bin/run-svc").replace("chmod +x /bin/svc", "chmod +x /bin/run-svc")
    found = _found(tmp_path, {"Dockerfile": _dockerfile(shim, '["run-svc", "web"]')})
    assert ("svc/backup/endpoint.py", 9) in found


def test_a_shim_that_picks_the_subcommand_from_the_environment_may_run_any(tmp_path: Path) -> None:
    shim = SHIM.replace('"$@"', "$SVC_COMMAND")
    assert shim != SHIM
    found = _found(tmp_path, {"Dockerfile": _dockerfile(shim)})
    assert ("svc/backup/endpoint.py", 9) in found


def test_a_subcommand_from_the_environment_may_be_any(tmp_path: Path) -> None:
    found = _found(tmp_path, {"Dockerfile": _dockerfile(), "docker-compose.yaml": _compose("sh -c 'svc $SVC_COMMAND'")})
    assert ("svc/backup/endpoint.py", 9) in found
