"""Pecan's commands (`pecan.commands.base.BaseCommand` subclasses named in setup.py's `[pecan.command]` entry points,
run as `pecan <name> config.py`): a command no deployment file runs is an operator's tool, one the container's start
script runs is the service's start-up work (project/schedules.py, project/scripts.py)."""

from __future__ import annotations

SETUP = (
    "from setuptools import setup\n\nsetup(\n    name='ledger',\n    packages=['ledger'],\n    entry_points='''\n"
    "    [pecan.command]\n    populate=ledger.commands.populate:PopulateCommand\n"
    "    import_nodes=ledger.commands.import_nodes:ImportNodesCommand\n    ''',\n)\n"
)
APP = "from pecan import make_app\n\n\ndef setup_app(config):\n    return make_app(config.app.root)\n"
ROOT = (
    "from pecan import expose\n\nfrom ledger.models import Run\n\n\nclass RootController(object):\n"
    "    @expose('json')\n    def index(self):\n        return {'runs': Run.count()}\n"
)
MODELS = "class Run(object):\n    @staticmethod\n    def count():\n        return 0\n"
COMMAND = (
    "import requests\nfrom pecan.commands.base import BaseCommand\n\n\nclass {name}(BaseCommand):\n"
    "    def run(self, args):\n        super({name}, self).run(args)\n"
    "        return requests.get('https://{host}/nodes').json()\n"
)


FILES = {
        "setup.py": SETUP, "ledger/__init__.py": "", "ledger/app.py": APP, "ledger/models.py": MODELS,
        "ledger/controllers/__init__.py": "", "ledger/controllers/root.py": ROOT, "ledger/commands/__init__.py": "",
        "ledger/commands/populate.py": COMMAND.format(name="PopulateCommand", host="schema.example"),
        "ledger/commands/import_nodes.py": COMMAND.format(name="ImportNodesCommand", host="locks.example"),
        "container_start.sh": "#!/bin/sh\npecan populate config.py\nexec gunicorn_pecan config.py\n",
        "Dockerfile": "FROM python:3.11\nCOPY . /app\nCMD [\"/app/container_start.sh\"]\n",
}
BASE = "from pecan.commands.base import BaseCommand\n\n\nclass LedgerCommand(BaseCommand):\n    host = ''\n\n    def run(self, args):\n        return fetch(self.host)\n\n\ndef fetch(host):\n    import requests\n    return requests.get(f'https://{host}/nodes').json()\n"
SUBCLASS = "from ledger.commands.base import LedgerCommand\n\n\nclass {name}(LedgerCommand):\n    host = '{host}'\n"


def test_a_pecan_command_only_an_operator_runs_is_no_service_code(tree_lines) -> None:
    """paddles (n67 TI002): `import_nodes` fetches from the lock server with no timeout, but only a person runs it;
    `populate`, which the container's start script runs before the server, stays reported."""
    assert tree_lines(FILES) == [("ledger/commands/populate.py", 8)]


def test_a_pecan_command_the_deployment_runs_by_path_with_extras_or_through_its_base_stays(tree_lines) -> None:
    """`/app/venv/bin/pecan populate`, an entry point with extras (`PopulateCommand [db]`) and a `run` its project base
    defines: the deployment runs it all the same."""
    by_path = {**FILES, "container_start.sh": "#!/bin/sh\n/app/venv/bin/pecan populate config.py\nexec gunicorn_pecan config.py\n"}
    assert tree_lines(by_path) == [("ledger/commands/populate.py", 8)]
    extras = {**FILES, "setup.py": SETUP.replace("populate:PopulateCommand", "populate:PopulateCommand [db]")}
    assert tree_lines(extras) == [("ledger/commands/populate.py", 8)]
    based = {**FILES, "ledger/commands/base.py": BASE,
             "ledger/commands/populate.py": SUBCLASS.format(name="PopulateCommand", host="schema.example"),
             "ledger/commands/import_nodes.py": SUBCLASS.format(name="ImportNodesCommand", host="locks.example")}
    assert tree_lines(based) == [("ledger/commands/base.py", 13)]
