"""A system package's helper programs, run by its systemd units from where installing the project puts them
(project/installed_files.py, read by program_runs.py), and a unit's description lines, which run nothing
(project/live_lines.py): ubuntu-pro-client's shape, whose units run `/usr/lib/ubuntu-advantage/daemon.py`
(setup.py's `data_files` installs `lib/*` there) and only name the operator's `pro` program in
`Documentation=man:...`."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

from prr_lint.project.live_lines import uncommented_text

POLLER = "import requests\n\ndef poll(url):\n    return requests.post(url + '/poll')\n"  # line 4: the daemon's
CVES = "import requests\n\ndef fetch_cves(url):\n    return requests.get(url + '/cves.json')\n"  # line 4: the operator's
DAEMON = "from svc.poller import poll\n\ndef main():\n    poll('http://contracts')\n\nif __name__ == '__main__':\n    main()\n"
CLI = (
    "import argparse\n\nfrom svc.cves import fetch_cves\n\n"
    "def main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('url')\n"
    "    args = parser.parse_args()\n    print(fetch_cves(args.url).text)\n"
)
SETUP = (
    "import glob\n\nimport setuptools\n\n"
    "def _data_files():\n    return [('/etc/svc', ['svc.conf']), ('/usr/lib/svc', glob.glob('lib/[!_]*'))]\n\n"
    "setuptools.setup(name='svc', packages=['svc'], data_files=_data_files(),\n"
    "                 entry_points={'console_scripts': ['svc=svc.cli:main']})\n"
)
UNIT = (
    "[Unit]\nDescription=svc background daemon\nDocumentation=man:svc https://example.com/svc\n\n"
    "[Service]\nExecStart=/usr/bin/python3 /usr/lib/svc/daemon.py\n"
)


# ubuntu-pro-client's `pro cve`: the program builds its sub-parsers from command objects of its own
COMMANDS = (
    "class Command:\n"
    "    def __init__(self, name, action):\n        self.name = name\n        self.action = action\n\n"
    "    def register(self, subparsers):\n"
    "        self.parser = subparsers.add_parser(self.name)\n        self.parser.set_defaults(action=self.action)\n"
)
CVE_COMMAND = (
    "from svc.commands import Command\nfrom svc.cves import fetch_cves\n\n"
    "def action_cve(args):\n    print(fetch_cves(args.url).text)\n\n"
    "cve_command = Command('cve', action=action_cve)\n"
)
OBJECT_CLI = (
    "import argparse\n\nfrom svc.cve import cve_command\n\n"
    "def main():\n    parser = argparse.ArgumentParser()\n    sub = parser.add_subparsers(dest='command')\n"
    "    cve_command.register(sub)\n    args = parser.parse_args()\n    args.action(args)\n"
)


def _found(tmp_path: Path, setup: str = SETUP, unit: str = UNIT, **extra: str) -> List[Tuple[str, int]]:
    # the package hands the operator's helper on, so the daemon's process loads its module too
    files: Dict[str, str] = {"svc/__init__.py": "from svc.cves import fetch_cves\n", "svc/poller.py": POLLER, "svc/cves.py": CVES, "svc/cli.py": CLI, "lib/daemon.py": DAEMON, **extra}
    units = {"systemd/svc.service": unit}
    result = run_on_disk(tmp_path, files, whole_project=True, on_disk_only={"setup.py": setup, **units}, launch_files=tuple(units))
    return [(finding.path, finding.span.line) for finding in result.findings]


def test_code_only_the_operators_program_reaches_beside_the_installed_daemon_is_not_the_service(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert ("svc/cves.py", 4) not in found
    assert ("svc/poller.py", 4) in found  # the unit runs the installed daemon


def test_code_only_a_command_objects_action_reaches_is_the_operators(tmp_path: Path) -> None:
    """`Command('cve', action=action_cve)`, registered as `set_defaults(action=self.action)`: `action_cve` is an
    argparse subcommand's function, run by hand, though no call of it is written."""
    found = _found(tmp_path, **{"svc/cli.py": OBJECT_CLI, "svc/commands.py": COMMANDS, "svc/cve.py": CVE_COMMAND})
    assert ("svc/cves.py", 4) not in found
    assert ("svc/poller.py", 4) in found


def test_a_command_objects_subcommand_a_unit_runs_stays(tmp_path: Path) -> None:
    """`ExecStart=/usr/bin/svc cve`: the unit runs the object's action unattended."""
    files = {"svc/cli.py": OBJECT_CLI, "svc/commands.py": COMMANDS, "svc/cve.py": CVE_COMMAND}
    assert ("svc/cves.py", 4) in _found(tmp_path, unit=UNIT + "ExecStartPost=/usr/bin/svc cve http://feeds\n", **files)


def test_a_command_objects_subcommand_beside_a_computed_one_stays(tmp_path: Path) -> None:
    files = {"svc/cli.py": OBJECT_CLI, "svc/commands.py": COMMANDS, "svc/cve.py": CVE_COMMAND}
    assert ("svc/cves.py", 4) in _found(tmp_path, unit=UNIT + "ExecStartPost=/usr/bin/svc $SVC_COMMAND\n", **files)


def test_a_unit_that_runs_the_program_keeps_its_code(tmp_path: Path) -> None:
    found = _found(tmp_path, unit=UNIT + "ExecStartPost=/usr/bin/svc http://feeds\n")
    assert ("svc/cves.py", 4) in found


def test_without_the_install_the_units_command_names_no_project_file(tmp_path: Path) -> None:
    """Nothing says which file `/usr/lib/svc/daemon.py` is: no program is known to be deployed, and all stays."""
    found = _found(tmp_path, setup=SETUP.replace("data_files=_data_files(),", ""))
    assert ("svc/cves.py", 4) in found


def test_a_units_description_lines_run_nothing() -> None:
    text = uncommented_text("svc.service", UNIT)
    assert "man:svc" not in text and "background daemon" not in text
    assert "ExecStart=/usr/bin/python3 /usr/lib/svc/daemon.py" in text
