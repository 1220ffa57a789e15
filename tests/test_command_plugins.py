"""The `serving` scope on command classes of command-line frameworks (flask-script, cliff) and the
modules a command loads by path (project/command_plugins.py): superdesk's `data:upgrade` running
`data_updates/NNNNN_*.py`."""

from __future__ import annotations

from typing import Dict, List, Tuple

from _serving import run

VIEWS = (
    "from flask import Flask\nfrom svc import helpers\n\napp = Flask(__name__)\n\n"
    "@app.get('/a')\ndef a():\n    return helpers.answer()\n"
)
HELPERS = "def answer():\n    print('answering')\n    return 'ok'\n"
# A project base derived from flask-script's Command, its commands registered by a call.
BASE = (
    "from flask_script import Command as BaseCommand\n\nCOMMANDS = {}\n\n"
    "class Command(BaseCommand):\n    def __call__(self, app=None, *args):\n        return self.run(*args)\n\n"
    "def command(name, cmd):\n    COMMANDS[name] = cmd\n"
)
UPDATES = (
    "import svc\n\nclass BaseDataUpdate:\n    def apply(self, direction):\n        getattr(self, direction)()\n\n"
    "class Upgrade(svc.base.Command):\n    def run(self, path):\n        scope = {}\n"
    "        exec(compile(open(path).read(), path, 'exec'), scope)\n        scope['DataUpdate']().apply('forwards')\n\n"
    "svc.base.command('data:upgrade', Upgrade())\n"
)
MIGRATION = (
    "import subprocess\nfrom svc.updates import BaseDataUpdate\n\n"
    "def convert(state):\n    try:\n        return subprocess.check_output(['node', state])\n    except Exception:\n        return state\n\n"
    "class DataUpdate(BaseDataUpdate):\n    def forwards(self):\n        print(convert('x'))\n"
)


def _findings(files: Dict[str, str]) -> List[Tuple[str, str, int]]:
    return sorted((f.rule, f.path, f.span.line) for f in run(files, select=("PRR101", "PRR401")).findings)


def _service(more: Dict[str, str]) -> Dict[str, str]:
    files = {"svc/__init__.py": "from svc import base, updates\n", "svc/views.py": VIEWS, "svc/helpers.py": HELPERS,
             "svc/base.py": BASE, "svc/updates.py": UPDATES, **more}
    return files


def test_a_flask_script_command_and_its_migrations_are_not_the_service() -> None:
    """The command's output answers the operator; a migration module nothing imports, whose class
    derives from a base beside the commands that serving code never runs, is loaded by that
    command: its print, its helper and its swallowed error are the command's."""
    files = _service({
        "svc/clean.py": "import svc\n\nclass Clean(svc.base.Command):\n    def run(self):\n        print('cleaned')\n\n"
                        "svc.base.command('app:clean', Clean())\n",
        "svc/data_updates/__init__.py": "", "svc/data_updates/00001_users.py": MIGRATION,
    })
    assert _findings(files) == [("PRR401", "svc/helpers.py", 2)]


def test_a_plug_in_of_a_base_serving_code_runs_stays() -> None:
    """The same subclass of a base whose `apply` a request handler calls is loaded by the service."""
    views = VIEWS.replace("    return helpers.answer()\n", "    updates.BaseDataUpdate().apply('forwards')\n    return helpers.answer()\n")
    files = _service({
        "svc/views.py": views.replace("from svc import helpers\n", "from svc import helpers, updates\n"),
        "svc/data_updates/__init__.py": "", "svc/data_updates/00001_users.py": MIGRATION,
    })
    assert ("PRR401", "svc/data_updates/00001_users.py", 12) in _findings(files)
