"""The argparse subcommands of a program the deployment runs that none of its launch lines selects
(prr_lint/one_off_modes.py records `sub.add_parser("name").set_defaults(func=...)` as a dispatch table
keyed by the subcommand's name; project/deployed_subcommands.py reads it): what only such a subcommand
reaches is an operator's terminal command, not the deployed service, while what the launch lines run stays."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

CLIENT = (
    "import requests\n\n"
    "def poll_feed(url):\n    return requests.post(url + '/poll')\n\n"  # line 4: the timer's `svc poll`
    "def fetch_report(url):\n    return requests.get(url + '/report')\n"  # line 7: only `svc report`, typed by hand
)
CLI = (
    "import argparse\n\nfrom svc.client import fetch_report, poll_feed\n\n"
    "def poll(args):\n    poll_feed(args.url)\n\n"
    "def report(args):\n    print(fetch_report(args.url).text)\n\n"
    "def build_parser():\n"
    "    parser = argparse.ArgumentParser()\n"
    "    parser.add_argument('--url')\n"
    "    sub = parser.add_subparsers(dest='command', required=True)\n"
    "    sub.add_parser('poll').set_defaults(func=poll)\n"
    "    shown = sub.add_parser('report', aliases=['show'])\n"
    "    shown.set_defaults(func=report)\n"
    "    return parser\n\n"
    "def main():\n    args = build_parser().parse_args()\n    args.func(args)\n"
)
SCRIPTS = "[project]\nname = 'svc'\n\n[project.scripts]\nsvc = 'svc.cli:main'\n"


def _unit(command: str) -> str:
    return f"[Unit]\nDescription=Feed poller\n\n[Service]\nType=oneshot\nExecStart={command}\n"


def _found(tmp_path: Path, units: Dict[str, str], cli: str = CLI) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/client.py": CLIENT, "svc/cli.py": cli}
    on_disk = {"pyproject.toml": SCRIPTS, **units}
    result = run_on_disk(tmp_path, files, whole_project=True, on_disk_only=on_disk, launch_files=tuple(units))
    return [(finding.path, finding.span.line) for finding in result.findings]


def test_a_subcommand_no_unit_runs_is_an_operators_command(tmp_path: Path) -> None:
    """ubuntu-pro-client's shape: the units run some of the program's subcommands, `svc report` is typed at a terminal."""
    found = _found(tmp_path, {"systemd/svc-poll.service": _unit("/usr/bin/svc --url http://feed poll")})
    assert ("svc/client.py", 7) not in found
    assert ("svc/client.py", 4) in found  # what the unit's subcommand reaches stays


def test_a_subcommand_a_unit_runs_stays(tmp_path: Path) -> None:
    units = {"systemd/svc-poll.service": _unit("/usr/bin/svc poll"), "systemd/svc-report.service": _unit("/usr/bin/svc report")}
    found = _found(tmp_path, units)
    assert ("svc/client.py", 7) in found
    assert ("svc/client.py", 4) in found


def test_a_subcommand_run_by_its_alias_stays(tmp_path: Path) -> None:
    found = _found(tmp_path, {"systemd/svc.service": _unit("/usr/bin/svc poll"), "crontab": "0 * * * * svc show\n"})
    assert ("svc/client.py", 7) in found


def test_a_unit_that_passes_its_arguments_on_keeps_every_subcommand(tmp_path: Path) -> None:
    """`svc "$@"`: any subcommand may run."""
    units = {"systemd/svc-poll.service": _unit("/usr/bin/svc poll"), "bin/run.sh": '#!/bin/sh\nexec svc "$@"\n',
             "Dockerfile": 'FROM python\nENTRYPOINT ["bin/run.sh"]\n'}
    found = _found(tmp_path, units)
    assert ("svc/client.py", 7) in found


def test_a_program_run_without_a_subcommand_runs_none_of_them(tmp_path: Path) -> None:
    """argparse refuses `svc` alone when a subcommand is required: the unit runs no subcommand's code."""
    found = _found(tmp_path, {"systemd/svc.service": _unit("/usr/bin/svc --url http://feed")})
    assert ("svc/client.py", 7) not in found
    assert ("svc/client.py", 4) not in found


def test_a_program_run_without_a_subcommand_beside_a_default_keeps_every_subcommand(tmp_path: Path) -> None:
    """`parser.set_defaults(func=poll)`: the bare unit runs the default, and which of the others may run is not known."""
    cli = CLI.replace("    sub = parser.add_subparsers(dest='command', required=True)\n",
                      "    parser.set_defaults(func=poll)\n    sub = parser.add_subparsers(dest='command')\n")
    assert cli != CLI
    found = _found(tmp_path, {"systemd/svc.service": _unit("/usr/bin/svc --url http://feed")}, cli)
    assert ("svc/client.py", 4) in found
    assert ("svc/client.py", 7) in found
