"""A click program shipped as a script file (setup.py's `scripts=`, a `bin/` file with no `.py`): the deployment runs
it by the file's name, and the words after it select the subcommand (project/subcommands.py `command_line`). With
no serving entry point recognised, the subcommand a unit runs shows the service: what only the other subcommands
reach, in whatever module, is the operator's (a device set-up command prompting at the terminal), while what the
deployed subcommand reaches stays reported."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import FileJob, Plan
from prr_lint.runner import run_jobs

CLI = (
    "import click\n\n\n@click.group()\n@click.option('--debug', is_flag=True)\ndef main(debug):\n    pass\n\n\n"
    "@main.command(help='Watch the network and fire the hooks')\n@click.option('--config', default='hooks.yml')\n"
    "def listen(config):\n    from svc.watcher import Watcher\n    Watcher(config).loop()\n\n\n"
    "@main.command(help='Pair a new button')\n@click.option('--name', prompt='Button name')\n"
    "def pair(name):\n    click.confirm('Is the button blinking?', abort=True)\n"
    "    from svc.pairing import Pairing\n    click.echo(Pairing().describe())\n"
)
WATCHER = (
    "import requests\n\n\nclass Watcher:\n    def __init__(self, config):\n        self.config = config\n\n"
    "    def loop(self):\n        for event in self.events():\n            self.fire(event)\n\n"
    "    def events(self):\n        return []\n\n"
    "    def fire(self, event):\n        requests.post('https://hooks.example/fire', json=event)\n"
)
PAIRING = (
    "import requests\n\nSETUP_PAGE = 'http://192.168.0.1/'\n\n\nclass Pairing:\n"
    "    def describe(self):\n        page = requests.get(SETUP_PAGE)\n        page.raise_for_status()\n        return page.text\n"
)
FILES = {"svc/__init__.py": "", "svc/cli.py": CLI, "svc/watcher.py": WATCHER, "svc/pairing.py": PAIRING}
# the installed program: a script file with no `.py`, handing the group to a wrapper that reports its errors
SCRIPT = ("#!/usr/bin/env python\nfrom svc.cli import main\nfrom svc.errors import reported\n\n"
          "if __name__ == '__main__':\n    reported(main)()\n")
ERRORS = "import functools\n\n\ndef reported(command):\n    @functools.wraps(command)\n    def run(*args):\n        return command(*args)\n    return run\n"
SETUP = "from setuptools import setup\n\nsetup(name='svc', packages=['svc'], scripts=['bin/svc-buttons'])\n"
UNIT = "[Service]\nExecStart=/usr/bin/env {command} --config /etc/svc/hooks.yml\nRestart=always\n"


def _timeouts(root: Path, command: str, script: str = SCRIPT) -> List[str]:
    """The paths of PRR501's findings, the systemd unit running `command`."""
    on_disk: Dict[str, str] = {**FILES, "svc/errors.py": ERRORS, "bin/svc-buttons": script, "setup.py": SETUP,
                               "deploy/svc-buttons.service": UNIT.format(command=command)}
    for name, text in on_disk.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)
    jobs = [*jobs_for({**FILES, "svc/errors.py": ERRORS}), FileJob("bin/svc-buttons", "bin.svc-buttons", False, script.encode())]
    plan = Plan(replace(settings_with(), root=root), tuple(REGISTRY.select(["PRR501"], [], [])), whole_project=True,
                launch_files=(str(root / "deploy/svc-buttons.service"),))
    return sorted({finding.path for finding in run_jobs(jobs, plan).findings})


def test_the_subcommand_a_unit_runs_by_the_script_files_name_keeps_its_calls_the_others_are_the_operators(tmp_path: Path) -> None:
    """`svc-buttons listen` under systemd fires the hooks unattended; `svc-buttons pair` is typed by the person
    pairing a button (it prompts), so its set-up page fetch is theirs."""
    assert _timeouts(tmp_path / "listen", "svc-buttons listen") == ["svc/watcher.py"]
    assert _timeouts(tmp_path / "path", "/usr/local/bin/svc-buttons --debug listen") == ["svc/watcher.py"]
    assert _timeouts(tmp_path / "pair", "svc-buttons pair --name kitchen") == ["svc/pairing.py"]


def test_a_script_calling_the_group_itself_is_run_by_its_name_too(tmp_path: Path) -> None:
    direct = "#!/usr/bin/env python\nfrom svc.cli import main\n\nif __name__ == '__main__':\n    main()\n"
    assert _timeouts(tmp_path, "svc-buttons listen", direct) == ["svc/watcher.py"]


def test_a_unit_running_another_program_selects_no_subcommand(tmp_path: Path) -> None:
    """Nothing shows which subcommand is the service: a helper in another module may be its, and stays."""
    assert _timeouts(tmp_path, "other-daemon listen") == ["svc/pairing.py", "svc/watcher.py"]
