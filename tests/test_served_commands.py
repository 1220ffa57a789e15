"""The other subcommands of a program whose `serve` subcommand is the service (project/served_commands.py):
what only `svc login` and `svc controller plans` reach is the operator's, while what `svc serve` runs
(its routes, the group callback above it, the worker thread it starts) and a subcommand the deployment
runs by name stay the service's."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional

from _serving import run_on_disk

CLI = (
    "import click\n"
    "import requests\n\n"
    "from svc.client import Api\n"
    "from svc.tokens import TokenCache\n"
    "from svc.index import refresh_index\n"
    "from svc.cli.scratch import prepare\n"
    "from svc.workspace import clone\n\n"
    "@click.group()\n"
    "@click.pass_context\n"
    "def main(ctx):\n"
    "    ctx.obj = {}\n\n\n"
    "@main.command(name='setup-scratch')\n"
    "def scratch():\n"
    "    clone(prepare())\n\n\n"
    "@main.command(name='serve')\n"
    "def start():\n"
    "    from svc import server\n"
    "    server.start()\n\n\n"
    "@main.group()\n"
    "def controller():\n"
    "    pass\n\n\n"
    "@controller.command()\n"
    "def plans():\n"
    "    print(Api.from_url('http://svc').plans())\n\n\n"
    "@main.command()\n"
    "def login():\n"
    "    TokenCache().refresh()\n\n\n"
    "@main.command(name='sync-now')\n"
    "def sync():\n"
    "    Api.from_url('http://svc').sync()\n\n\n"
    "@main.command()\n"
    "def reindex():\n"
    "    refresh_index()\n"
)
CLIENT = (
    "import requests\n\n"
    "from svc.tokens import TokenCache\n\n\n"
    "class Client:\n"
    "    def __init__(self, base):\n"
    "        self.base = base\n"
    "        self.tokens = TokenCache()\n\n"  # 9
    "    def plans(self):\n"
    "        return requests.get(self.base + '/plans')\n\n"  # 12: only `svc controller plans`
    "    def sync(self):\n"
    "        return requests.post(self.base + '/sync')\n\n\n"  # 15: only `svc sync-now`
    "class ServiceError(Exception):\n"
    "    pass\n"
)
TOKENS = (
    "import requests\n\n\n"
    "class TokenCache:\n"
    "    def refresh(self):\n"
    "        return requests.post('https://idp/token', data={'grant_type': 'refresh_token'})\n\n\n"  # 6: `svc login`
    "def well_formed(token):\n"
    "    return token.count('.') == 2\n"
)
API = (
    "from svc.client.rest import Client\n\n\n"
    "class Api:\n"
    "    def __init__(self, rest: Client):\n"
    "        self._rest = rest\n\n"
    "    @classmethod\n"
    "    def from_url(cls, base):\n"
    "        return cls(Client(base))\n\n"
    "    def plans(self):\n"
    "        return self._rest.plans()\n\n"
    "    def sync(self):\n"
    "        return self._rest.sync()\n"
)
SCRATCH = "import os\n\n\ndef prepare():\n    return os.environ.get('SCRATCH', '/scratch')\n"
WORKSPACE = "import requests\n\n\ndef clone(root):\n    return requests.get('http://git/repos', params={'root': root}).json()\n"  # 5
INDEX = "import requests\n\n\ndef refresh_index():\n    return requests.get('http://search/reindex')\n"  # 5: the worker's too
SERVER = (
    "import threading\n\n"
    "import requests\n"
    "import uvicorn\n"
    "from fastapi import FastAPI\n\n"
    "from svc.cli.scratch import prepare\n"
    "from svc.client.rest import ServiceError\n"
    "from svc.index import refresh_index\n"
    "from svc.tokens import well_formed\n"
    "from svc.workspace import clone\n"
    "app = FastAPI()\n\n\n"
    "@app.get('/upstream')\n"
    "def upstream(token: str):\n"
    "    if not well_formed(token):\n"
    "        raise ServiceError(token)\n"
    "    return requests.get('http://upstream/status').json()\n\n\n"  # 19: a route
    "def poll():\n"
    "    refresh_index()\n\n\n"
    "def start():\n"
    "    clone(prepare())\n"
    "    threading.Thread(target=poll, daemon=True).start()\n"
    "    uvicorn.run(app, host='0.0.0.0')\n"
)
PYPROJECT = "[project]\nname = 'svc'\nversion = '1'\n\n[project.scripts]\nsvc = 'svc.cli:main'\n"
DOCKERFILE = "FROM python:3.12\nCOPY . /app\nRUN pip install /app\nENTRYPOINT [\"svc\"]\nCMD [\"serve\"]\n"


def _found(tmp_path: Path, deployment: str = DOCKERFILE, crontab: Optional[str] = None, **extra: str):
    files: Dict[str, str] = {"svc/__init__.py": "", "svc/cli/__init__.py": "from .commands import main\n",
                             "svc/cli/commands.py": CLI, "svc/cli/scratch.py": SCRATCH, "svc/workspace.py": WORKSPACE, "svc/client/__init__.py": "from .api import Api\nfrom .rest import Client\n",
                             "svc/client/api.py": API,
                             "svc/client/rest.py": CLIENT, "svc/tokens.py": TOKENS, "svc/index.py": INDEX, "svc/server.py": SERVER}
    files.update(extra)
    on_disk = {"pyproject.toml": PYPROJECT, "Dockerfile": deployment, **({"crontab": crontab} if crontab else {})}
    launch = ("Dockerfile", "crontab") if crontab else ("Dockerfile",)
    result = run_on_disk(tmp_path, files, select=("PRR501",), whole_project=True, on_disk_only=on_disk, launch_files=launch)
    return {(finding.path, finding.span.line) for finding in result.findings}


def test_what_only_the_other_subcommands_reach_is_not_the_service(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert ("svc/client/rest.py", 12) not in found  # `svc controller plans`, a nested group's command
    assert ("svc/tokens.py", 6) not in found  # `svc login`: a token cache the client library also builds
    assert ("svc/client/rest.py", 15) not in found  # `svc sync-now`, which the deployment does not run


def test_what_the_serving_subcommand_runs_stays(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert ("svc/server.py", 19) in found  # a route of the server `svc serve` starts
    assert ("svc/workspace.py", 5) in found  # the server's start-up, beside `svc setup-scratch`
    assert ("svc/index.py", 5) in found  # the worker thread `serve` starts, beside `svc reindex`


def test_a_subcommand_the_deployment_runs_stays(tmp_path: Path) -> None:
    found = _found(tmp_path, crontab="*/5 * * * * svc --verbose sync-now\n")
    assert ("svc/client/rest.py", 15) in found  # and the client it builds stays whole


def test_a_class_the_server_builds_stays_whole(tmp_path: Path) -> None:
    server = SERVER.replace("from svc.index import refresh_index\n", "from svc.index import refresh_index\nfrom svc.client import Client\n")
    server += "\n\n@app.get('/peer')\ndef peer():\n    return Client('http://peer').sync()\n"
    found = _found(tmp_path, **{"svc/server.py": server})
    assert ("svc/client/rest.py", 12) in found  # the server holds a Client: any of its methods may run there


def test_without_a_serving_subcommand_the_commands_keep_their_findings(tmp_path: Path) -> None:
    """A program whose subcommands are all typed by a person (the deployment runs the app with
    uvicorn) says nothing of what the service is: the client stays for the other mechanisms to judge."""
    cli = CLI.replace("    from svc import server\n    server.start()\n", "    pass\n")
    found = _found(tmp_path, deployment='FROM python:3.12\nCMD ["uvicorn", "svc.server:app"]\n', **{"svc/cli/commands.py": cli})
    assert ("svc/tokens.py", 6) in found


TYPER_CLI = (
    "import typer\n\n"
    "from svc.tokens import TokenCache\n"
    "from svc.cli.scratch import prepare\n\n"
    "app = typer.Typer()\n\n\n"
    "@app.callback()\n"
    "def configure():\n"
    "    prepare()\n\n\n"
    "@app.command()\n"
    "def serve():\n"
    "    from svc import server\n"
    "    server.start()\n\n\n"
    "@app.command()\n"
    "def login():\n"
    "    TokenCache().refresh()\n"
)


def test_a_typer_apps_other_commands_are_not_the_service(tmp_path: Path) -> None:
    found = _found(tmp_path, **{"svc/cli/commands.py": TYPER_CLI, "svc/cli/__init__.py": "from .commands import app as main\n"})
    assert ("svc/tokens.py", 6) not in found
    assert ("svc/server.py", 19) in found


ADDED_CLI = (
    "import click\n\n"
    "from svc.cli.login import login\n"
    "from svc.cli.serve import serve\n\n\n"
    "@click.group()\n"
    "def main():\n"
    "    pass\n\n\n"
    "main.add_command(serve)\n"
    "main.add_command(login)\n"
)
ADDED_SERVE = "import click\n\n\n@click.command()\ndef serve():\n    from svc import server\n    server.start()\n"
ADDED_LOGIN = "import click\n\nfrom svc.tokens import TokenCache\nfrom svc.index import refresh_index\n\n\n@click.command()\ndef login():\n    TokenCache().refresh()\n    refresh_index()\n"


def test_commands_a_group_adds_by_add_command_are_its_subcommands(tmp_path: Path) -> None:
    """`main.add_command(serve)` attaches a command defined in a module of its own (subcommands.py):
    what only `svc login` reaches is the operator's, what `svc serve` also runs stays."""
    found = _found(tmp_path, **{"svc/cli/commands.py": ADDED_CLI, "svc/cli/serve.py": ADDED_SERVE, "svc/cli/login.py": ADDED_LOGIN})
    assert ("svc/tokens.py", 6) not in found  # only `svc login`
    assert ("svc/index.py", 5) in found  # `svc login` and the worker thread `svc serve` starts
    assert ("svc/server.py", 19) in found  # a route of the server `svc serve` starts


# A program whose group class imports each subcommand's module by name (loaded_commands.py): `svc serve`
# is `svc.cli.cmd_serve`'s `cli` group, `svc login` `svc.cli.cmd_login`'s.
LOADING_CLI = (
    "import importlib\n\n"
    "import click\n\n\n"
    "class App({base}):\n"
    "    def get_command(self, ctx, name):\n"
    "        module = importlib.import_module('svc.cli.cmd_{{}}'.format(name))\n"
    "        return module.cli\n\n\n"
    "@click.command(cls=App)\n"
    "def main():\n"
    "    pass\n"
)
LOADED_SERVE = ("import click\n\n\n@click.group(name='serve')\ndef cli():\n    pass\n\n\n"
                "@cli.command()\ndef start():\n    from svc import server\n    server.start()\n")
LOADED_LOGIN = ("import click\n\nfrom svc.tokens import TokenCache\nfrom svc.index import refresh_index\n\n\n"
                "@click.group(name='login')\ndef cli():\n    pass\n\n\n"
                "@cli.command()\ndef token():\n    TokenCache().refresh()\n    refresh_index()\n")


def test_groups_a_program_loads_by_name_are_its_subcommands(tmp_path: Path) -> None:
    """buildgrid's `bgd` (Q540): `App.get_command` imports `cmd_<name>` and returns its group, so `svc login token`
    is a sibling of the served `svc serve start`; what only it reaches is the operator's, what the server runs stays."""
    files = {"svc/cli/commands.py": LOADING_CLI.format(base="click.MultiCommand"), "svc/cli/cmd_serve.py": LOADED_SERVE,
             "svc/cli/cmd_login.py": LOADED_LOGIN}
    found = _found(tmp_path, deployment=DOCKERFILE.replace('["serve"]', '["serve", "start"]'), **files)
    assert ("svc/tokens.py", 6) not in found  # only `svc login token`
    assert ("svc/index.py", 5) in found  # also the worker thread the server starts
    assert ("svc/server.py", 19) in found


def test_groups_loaded_by_no_group_class_are_programs_of_their_own(tmp_path: Path) -> None:
    """Without a click group class in the loading module, or with two programs there (which one loads is not
    known), nothing ties `svc login` to the served program: its reach keeps its findings."""
    files = {"svc/cli/commands.py": LOADING_CLI.format(base="object"), "svc/cli/cmd_serve.py": LOADED_SERVE,
             "svc/cli/cmd_login.py": LOADED_LOGIN}
    deployment = DOCKERFILE.replace('["serve"]', '["serve", "start"]')
    assert ("svc/tokens.py", 6) in _found(tmp_path / "plain", deployment=deployment, **files)
    two = LOADING_CLI.format(base="click.MultiCommand") + "\n\n@click.group()\ndef other():\n    pass\n"
    assert ("svc/tokens.py", 6) in _found(tmp_path / "two", deployment=deployment, **{**files, "svc/cli/commands.py": two})


# Commands handed their configuration by a decorator (`config` is a parameter of no known type); the
# configuration class's methods build an RPC client of another module.
CONFIG_CLI = (
    "import functools\n\n"
    "import click\n\n"
    "from svc.config import ClientConfig\n\n\n"
    "def with_config(f):\n"
    "    @functools.wraps(f)\n"
    "    def wrapper(*args, **kwargs):\n"
    "        return f(ClientConfig.load(), *args, **kwargs)\n"
    "    return wrapper\n\n\n"
    "@click.group()\n"
    "def main():\n"
    "    pass\n\n\n"
    "@main.command(name='serve')\n"
    "@with_config\n"
    "def start(config):\n"
    "    ClientConfig.load()\n"
    "    from svc import server\n"
    "    server.start()\n\n\n"
    "@main.command()\n"
    "@with_config\n"
    "def items(config):\n"
    "    print(config.list_items())\n"
)
CONFIG = (
    "from svc.rpc import Service\n\n\n"
    "class ClientConfig:\n"
    "    @classmethod\n"
    "    def load(cls):\n"
    "        return cls()\n\n"
    "    def list_items(self):\n"
    "        return Service('http://controller').list_items()\n"
)
RPC = (
    "import requests\n\n\n"
    "class Service:\n"
    "    def __init__(self, base):\n"
    "        self.base = base\n\n"
    "    def list_items(self):\n"
    "        return requests.get(self.base + '/items')\n"  # 9
)


def _config_found(tmp_path: Path, config: str = CONFIG, server: str = SERVER):
    return _found(tmp_path, **{"svc/cli/commands.py": CONFIG_CLI, "svc/config.py": config, "svc/rpc.py": RPC, "svc/server.py": server})


def test_a_method_a_command_calls_on_its_untyped_parameter_is_the_commands(tmp_path: Path) -> None:
    """`config.list_items()` reaches `ClientConfig.list_items` by its name (untyped_calls.py); the serving
    subcommand loads a ClientConfig too, but builds no Service: the RPC client is the command's."""
    assert ("svc/rpc.py", 9) not in _config_found(tmp_path)


def test_a_method_the_service_may_call_by_its_name_stays(tmp_path: Path) -> None:
    server = SERVER.replace("def poll():\n    refresh_index()\n", "def poll(config=None):\n    refresh_index()\n    config.list_items()\n")
    assert ("svc/rpc.py", 9) in _config_found(tmp_path / "by-name", server=server)
    registered = CONFIG + "\n\nCLIENTS = {'rpc': Service}\n"  # a module the service runs holds the class as a value
    assert ("svc/rpc.py", 9) in _config_found(tmp_path / "held", config=registered)


def test_a_name_a_socket_or_a_dict_also_has_ties_nothing(tmp_path: Path) -> None:
    """The server's `sock.connect(address)` on a parameter is a socket's call: it does not make the
    command-only `ClientConfig.connect` the service's (untyped_calls.py)."""
    config = CONFIG.replace("    def list_items(self):\n        return Service('http://controller').list_items()\n",
                            "    def list_items(self):\n        return self.connect().list_items()\n\n"
                            "    def connect(self):\n        return Service('http://controller')\n")
    server = SERVER.replace("def poll():\n    refresh_index()\n", "def poll(sock=None):\n    refresh_index()\n    sock.connect(('controller', 80))\n")
    assert ("svc/rpc.py", 9) not in _config_found(tmp_path, config=config, server=server)
