"""The `serving` scope on command-line programs shipped beside the service (project/cli_programs.py):
a module only a CLI's import closure holds is the CLI's, however its code is dispatched."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from _serving import analysis_for, run, run_on_disk, settings_with

VIEWS = (
    "from flask import Flask\nfrom svc import helpers\n\napp = Flask(__name__)\n\n"
    "@app.get('/a')\ndef a():\n    return helpers.answer()\n"
)
HELPERS = "def answer():\n    print('answering')\n    return 'ok'\n"
# The bodhi-client/st2client shape: argparse main, commands dispatched through `args.func`, bindings.
CLIENT_MAIN = (
    "import argparse\nfrom client import commands\n\ndef main():\n    parser = argparse.ArgumentParser()\n"
    "    sub = parser.add_subparsers()\n    commands.register(sub)\n    args = parser.parse_args()\n    args.func(args)\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
COMMANDS = (
    "from client.bindings import Api\n\ndef register(sub):\n    sub.add_parser('list').set_defaults(func=ListCommand().run)\n\n"
    "class ListCommand:\n    def run(self, args):\n        for item in Api().items():\n            print(item)\n"
)
BINDINGS = "import requests\n\nclass Api:\n    def items(self):\n        return requests.get('https://svc/items').json()\n"


def _findings(files: Dict[str, str]) -> List[Tuple[str, str, int]]:
    return sorted((f.rule, f.path, f.span.line) for f in run(files, select=("PRR401", "PRR501")).findings)


def _service(more: Dict[str, str]) -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/views.py": VIEWS, "svc/helpers.py": HELPERS, **more}


CLIENT = {"client/__init__.py": "", "client/cli.py": CLIENT_MAIN, "client/commands.py": COMMANDS, "client/bindings.py": BINDINGS}


def test_a_cli_client_beside_the_service_is_not_the_service() -> None:
    """Its print is its output and its request without a timeout is an interactive one: neither
    module is loaded by anything but the program, whatever the call graph sees of `args.func`."""
    files = _service(CLIENT)
    assert _findings(files) == [("PRR401", "svc/helpers.py", 2)]


def test_a_module_the_service_also_imports_stays() -> None:
    """The service uses the client's bindings too (st2's API calls its own API): they are the service."""
    files = _service(CLIENT)
    files["svc/helpers.py"] = "from client.bindings import Api\n\n" + HELPERS
    assert _findings(files) == [("PRR401", "svc/helpers.py", 4), ("PRR501", "client/bindings.py", 5)]


def test_a_module_something_loads_by_name_stays() -> None:
    """A module no project module imports (a plug-in found by an entry point, a pack action) is a
    way into the service, and so is what it imports; tests importing the commands change nothing.
    (No serving entry point recognised: the call graph alone would keep the bindings too.)"""
    files = ({**CLIENT, "plugins/sync.py": "from client.bindings import Api\n\ndef sync():\n    return Api().items()\n",
                     "tests/test_cli.py": "import unittest\nfrom client import commands\n\nclass T(unittest.TestCase):\n    pass\n"})
    assert ("PRR501", "client/bindings.py", 5) in _findings(files)


def test_a_program_that_serves_is_the_service() -> None:
    """A console program that starts a server (here a loop nothing leaves, however deep) is the service."""
    serving = CLIENT_MAIN.replace("    args.func(args)\n", "    args.func(args)\n    run_forever()\n") + (
        "\ndef run_forever():\n    while True:\n        commands.tick()\n")
    files = ({**CLIENT, "client/cli.py": serving, "client/commands.py": COMMANDS + "\ndef tick():\n    print('tick')\n"})
    assert ("PRR401", "client/commands.py", 12) in _findings(files)


def test_a_program_that_parses_no_command_line_is_not_taken_for_a_cli() -> None:
    """Without an argument parser of its own (a service's launcher reading a config file), a
    `__main__` block does not make the modules it imports a CLI's."""
    launcher = "from client import commands\n\ndef main():\n    commands.register(None)\n\nif __name__ == '__main__':\n    main()\n"
    files = {**CLIENT, "client/cli.py": launcher}
    assert ("PRR501", "client/bindings.py", 5) in _findings(files)


def test_a_loose_tool_claims_no_module_of_another_package() -> None:
    """`tools/visualize.py` importing a runner the service loads by name (no serving entry point
    recognised): the runner stays."""
    files = {"runners/chain.py": "import requests\n\ndef run():\n    return requests.get('https://x')\n",
             "tools/visualize.py": "import argparse\nfrom runners import chain\n\ndef main():\n"
                                      "    argparse.ArgumentParser().parse_args()\n    chain.run()\n\nif __name__ == '__main__':\n    main()\n"}
    assert ("PRR501", "runners/chain.py", 4) in _findings(files)


def test_a_cli_client_is_found_without_recognised_serving_code() -> None:
    """st2's shape: no entry point prr-lint recognises; the service's own modules, loaded by
    name, keep their findings and the client's do not."""
    files = {**CLIENT, "worker/loop.py": "import requests\n\ndef fetch():\n    return requests.get('https://x')\n"}
    assert _findings(files) == [("PRR501", "worker/loop.py", 4)]


LOOSE_PROGRAM = (
    "import argparse\nimport requests\n\nclass TextOutput:\n    def show(self, row):\n        print(row)\n\n"
    "def main(argv=None):\n    parser = argparse.ArgumentParser()\n    args = parser.parse_args(argv)\n"
    "    TextOutput().show(requests.get('https://svc/sig').json())\n"
)


def test_a_module_no_one_imports_that_parses_the_command_line_is_a_program() -> None:
    """`socorro-cmd signature` runs `socorro.signature.cmd_signature.main` by a name in a string:
    a module nothing imports whose function builds a parser and parses argv is a program."""
    assert _findings(_service({"svc/cmd_signature.py": LOOSE_PROGRAM})) == [("PRR401", "svc/helpers.py", 2)]


def test_a_module_no_one_imports_without_a_command_line_stays() -> None:
    """A plug-in loaded by name (no parser of its own) is a way into the service."""
    plugin = LOOSE_PROGRAM.replace("    parser = argparse.ArgumentParser()\n    args = parser.parse_args(argv)\n", "")
    assert ("PRR401", "svc/cmd_signature.py", 6) in _findings(_service({"svc/cmd_signature.py": plugin}))


def test_a_plug_in_package_a_script_inside_it_imports_stays() -> None:
    """OctoPrint's `plugins/softwareupdate`: the plug-in manager loads the package by name; a script
    of its own (`scripts/update.py`, argparse) imports it too. Only its submodules import the
    package, which is still a way in, and so is what it imports."""
    files = {
        "svc/__init__.py": "", "svc/plugins/__init__.py": "",
        "svc/plugins/update/__init__.py": "from svc.plugins.update import checks\n",
        "svc/plugins/update/checks.py": "import requests\n\ndef check():\n    return requests.get('https://x')\n",
        "svc/plugins/update/scripts/run.py": (
            "import argparse\nfrom svc.plugins.update import checks\n\ndef main():\n"
            "    argparse.ArgumentParser().parse_args()\n    checks.check()\n\nif __name__ == '__main__':\n    main()\n"
        ),
    }
    assert ("PRR501", "svc/plugins/update/checks.py", 4) in _findings(files)


def test_what_only_a_django_management_command_imports_stays() -> None:
    """A management command is how a Django service runs its scheduled jobs: a hang in what it
    imports stalls the job (treeherder's perf sheriffing, judged true)."""
    files = {
        "svc/__init__.py": "", "svc/probe.py": "import requests\n\ndef fetch():\n    return requests.get('https://x')\n",
        "svc/management/commands/sheriff.py": (
            "from django.core.management.base import BaseCommand\nfrom svc import probe\n\n"
            "class Command(BaseCommand):\n    def handle(self, *args, **options):\n        probe.fetch()\n"
        ),
        "svc/worker.py": "def loop():\n    pass\n",
    }
    assert ("PRR501", "svc/probe.py", 4) in _findings(files)


OSLO_PROGRAM = (
    "import sys\nimport requests\nfrom oslo_config import cfg\n\nCONF = cfg.CONF\n"
    "CONF.register_cli_opts([cfg.StrOpt('command', positional=True)])\n\n"
    "def size(conf):\n    print(requests.get('https://x').json())\n\n"
    "def main():\n    CONF(sys.argv[1:])\n    {'size': size}[CONF.command](CONF)\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
OSLO_TEST = "import unittest\nfrom svc.cmd import replicator\n\nclass T(unittest.TestCase):\n    pass\n"


def test_an_oslo_config_command_line_program_is_a_program() -> None:
    """`glance-replicator`: options registered for oslo.config's command line, commands picked from
    a dict; tests import it. Its print and its request are the operator's."""
    files = _service({"svc/cmd/__init__.py": "", "svc/cmd/replicator.py": OSLO_PROGRAM, "tests/test_replicator.py": OSLO_TEST})
    assert _findings(files) == [("PRR401", "svc/helpers.py", 2)]


def test_an_oslo_config_server_is_the_service() -> None:
    """`glance-api` parses argv through oslo.config too, and serves: it stays the service."""
    server = OSLO_PROGRAM.replace("    {'size': size}[CONF.command](CONF)\n", "    while True:\n        size(CONF)\n")
    files = _service({"svc/cmd/__init__.py": "", "svc/cmd/replicator.py": server, "tests/test_replicator.py": OSLO_TEST})
    assert ("PRR501", "svc/cmd/replicator.py", 9) in _findings(files)


# designate-manage: a console script whose oslo.config sub-command loads its commands from an
# entry-point group through stevedore; the commands' modules are imported by nothing else.
MANAGE = (
    "import sys\nfrom oslo_config import cfg\nfrom stevedore.extension import ExtensionManager\n\nCONF = cfg.CONF\n\n"
    "def commands():\n    return {e.name: e.plugin for e in ExtensionManager('svc.manage').extensions}\n\n"
    "def main():\n    CONF.register_cli_opt(cfg.SubCommandOpt('category', handler=commands))\n    CONF(sys.argv[1:])\n"
    "    CONF.category.action_fn()\n"
)
MANAGE_DATABASE = "from svc.manage import base\n\nclass DatabaseCommands(base.Commands):\n    def version(self):\n        print('Current: 3')\n"
MANAGE_BASE = "class Commands:\n    def _print_result(self, rows):\n        print(rows)\n"
PLUGIN_PYPROJECT = (
    '[project]\nname = "svc"\n[project.scripts]\nsvc-manage = "svc.cmd.manage:main"\n'
    '[project.entry-points."svc.manage"]\ndatabase = "svc.manage.database:DatabaseCommands"\n'
)


def _manage(tmp_path: Path, loader: str = MANAGE, pyproject: str = PLUGIN_PYPROJECT) -> List[Tuple[str, str, int]]:
    (tmp_path / "pyproject.toml").write_text(pyproject)
    files = _service({"svc/cmd/__init__.py": "", "svc/cmd/manage.py": loader, "svc/manage/__init__.py": "",
                      "svc/manage/base.py": MANAGE_BASE, "svc/manage/database.py": MANAGE_DATABASE})
    settings = replace(settings_with(), root=tmp_path)
    return sorted((f.rule, f.path, f.span.line) for f in run(files, select=("PRR401",), settings=settings).findings)


def test_modules_registered_under_a_group_only_a_cli_loads_are_the_cli(tmp_path: Path) -> None:
    """`ExtensionManager("svc.manage")` in the console script imports the modules registered under
    `[project.entry-points."svc.manage"]`: they run in `svc-manage` only, their base class with them."""
    assert _manage(tmp_path) == [("PRR401", "svc/helpers.py", 2)]


def test_a_group_no_command_line_program_loads_keeps_its_modules(tmp_path: Path) -> None:
    """The same loader in a module that is no console script: whatever loads the group may be the
    service (an API's extensions), and the registered modules stay."""
    found = _manage(tmp_path, pyproject=PLUGIN_PYPROJECT.replace('svc-manage = "svc.cmd.manage:main"\n', ""))
    assert ("PRR401", "svc/manage/database.py", 5) in found


def test_entry_point_groups_are_read_from_every_declaration(tmp_path: Path) -> None:
    from prr_lint.project.scripts import entry_point_groups

    (tmp_path / "pyproject.toml").write_text(PLUGIN_PYPROJECT)
    (tmp_path / "setup.cfg").write_text("[options.entry_points]\nconsole_scripts =\n    a = svc.cli:main\nSvc.Hooks =\n    h = svc.hooks:Hook\n")
    (tmp_path / "setup.py").write_text("setup(entry_points={'svc.drivers': ['d = svc.drivers.x:D'], 'console_scripts': 'b = svc.b:main'})\n")
    assert entry_point_groups(tmp_path) == {"svc.manage": {"svc.manage.database"}, "Svc.Hooks": {"svc.hooks"}, "svc.drivers": {"svc.drivers.x"}}


# A dispatcher script (HumanCellAtlas data-store's `scripts/dss-ops.py` shape): the package's `__init__`
# builds the parser, each subcommand module registers its actions with the package's own decorator, and
# the script imports them whole (`import ops.iam`) and hands `sys.argv` to the dispatcher.
OPS_PACKAGE = (
    "import argparse\n\nclass Dispatch:\n    def __init__(self):\n        self.parser = argparse.ArgumentParser()\n"
    "        self.actions = {}\n\n    def action(self, name):\n        def register(func):\n            self.actions[name] = func\n"
    "            return func\n        return register\n\n    def __call__(self, argv):\n"
    "        args = self.parser.parse_args(argv[:1])\n        return self.actions[argv[0]](argv[1:])\n\n"
    "dispatch = Dispatch()\n"
)
OPS_IAM = (
    "import requests\nfrom ops import dispatch\n\nclass Client:\n    def call(self, path):\n"
    "        return requests.get('https://iam.example' + path).json()\n\n"
    "@dispatch.action('list-roles')\ndef list_roles(argv):\n    return Client().call('/roles')\n"
)
OPS_STORAGE = "from ops import dispatch\n\n@dispatch.action('verify')\ndef verify(argv):\n    return argv\n"
OPS_SCRIPT = (
    "#!/usr/bin/env python\nimport sys\n\nimport ops.iam\nimport ops.storage\nfrom ops import dispatch\n\n"
    "if __name__ == '__main__':\n    dispatch(sys.argv[1:])\n"
)
OPS_TEST = "import unittest\nfrom ops import iam\n\nclass T(unittest.TestCase):\n    pass\n"
OPS_LAMBDA = "import ops.storage\nfrom flask import Flask\n\napp = Flask(__name__)\n\n@app.get('/verify')\ndef verify():\n    return ops.storage.verify([])\n"


def _ops(tmp_path: Path, shipped: Dict[str, str]) -> List[Tuple[str, int]]:
    files = {"ops/__init__.py": OPS_PACKAGE, "ops/iam.py": OPS_IAM, "ops/storage.py": OPS_STORAGE,
             "scripts/ops.py": OPS_SCRIPT, "daemons/app.py": OPS_LAMBDA, "tests/test_iam.py": OPS_TEST}
    found = run_on_disk(tmp_path, files, on_disk_only=shipped, launch_files=tuple(shipped), whole_project=True).findings
    return sorted((f.path, f.span.line) for f in found)


def test_subcommand_modules_only_a_dispatcher_script_imports_are_the_operators(tmp_path: Path) -> None:
    """`import ops.iam` in a script that hands `sys.argv` to the package's dispatcher: only that
    script loads `ops.iam` (the deployed app imports `ops.storage`), so its call is an operator's;
    a CI pipeline running the script (`.gitlab-ci-prod.yml`, an included GitLab file) changes nothing."""
    assert _ops(tmp_path, {".gitlab-ci-prod.yml": "check:\n  script:\n    - scripts/ops.py list-roles\n"}) == []


def test_a_dispatcher_script_a_crontab_runs_keeps_its_subcommands(tmp_path: Path) -> None:
    """The same script run by the deployment's crontab is a scheduled job: nobody watches it hang."""
    assert _ops(tmp_path, {"deploy/crontab": "0 * * * * cd /app && scripts/ops.py list-roles\n"}) == [("ops/iam.py", 6)]


def test_a_subcommand_module_the_service_imports_stays(tmp_path: Path) -> None:
    """The deployed app importing `ops.iam` too makes it the service's."""
    lambda_app = OPS_LAMBDA.replace("import ops.storage\n", "import ops.storage\nimport ops.iam\n")
    files = {"ops/__init__.py": OPS_PACKAGE, "ops/iam.py": OPS_IAM, "ops/storage.py": OPS_STORAGE,
             "scripts/ops.py": OPS_SCRIPT, "daemons/app.py": lambda_app, "tests/test_iam.py": OPS_TEST}
    assert [(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings] == [("ops/iam.py", 6)]



def test_a_script_a_daemon_master_loads_by_name_is_no_dispatcher_script() -> None:
    """panda-server's daemon scripts read `sys.argv` in their `__main__` block for a run by hand, but the
    deployed daemon master imports `svc.scripts.<name>` by a computed name and calls its `main`: no
    operator's program (dispatcher_scripts.py); the dispatcher script beside it is one."""
    from prr_lint.project.dispatcher_scripts import Dispatchers

    files = {
        "svc/__init__.py": "", "svc/scripts/__init__.py": "",
        "svc/master.py": "import importlib\n\ndef run(name):\n    importlib.import_module(f'svc.scripts.{name}').main()\n",
        "svc/scripts/carbon.py": "import sys\n\ndef main(argv=()):\n    return argv\n\nif __name__ == '__main__':\n    main(sys.argv)\n",
        "ops/__init__.py": OPS_PACKAGE, "ops/iam.py": OPS_IAM, "scripts/ops.py": OPS_SCRIPT,
    }
    assert sorted(Dispatchers(analysis_for(files)).programs(set())) == ["scripts.ops"]
