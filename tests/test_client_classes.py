"""Service scope of a client class the project ships inside its own package (project/client_classes.py):
the methods only its operator command and users' programs call are not the service's; those the
service calls, and what they reach, stay."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Set, Tuple

from _serving import analysis_for, run_on_disk
from prr_lint.project.client_classes import client_scope
from test_distributions import _timeouts

CLIENT = (
    "import requests\n\n"
    "class Client:\n"
    "    def __init__(self, base):\n"
    "        self.base = base\n"
    "        self._check()\n\n"
    "    def _check(self):\n"
    "        return requests.get(self.base + '/auth')\n\n"  # line 9: the constructor's, run by the service
    "    def leader(self):\n"
    "        return requests.get(self.base + '/leader').text\n\n"  # line 12: the service calls it
    "    def list_models(self):\n"
    "        return requests.get(self.base + '/models').json()\n"  # line 15: only the command calls it
)
ASYNC_CLIENT = (
    "import requests\n\n"
    "class AsyncClient:\n"
    "    def __init__(self, base):\n"
    "        self.base = base\n\n"
    "    def models(self):\n"
    "        return requests.get(self.base + '/models').json()\n"  # line 8: nothing but users' programs
)
PACKAGE = "from .rest import Client\nfrom .aio import AsyncClient\n\nRESTClient = Client\n"
COMMAND = (
    "import sys\n\nfrom svc.client import RESTClient\n\n"
    "def main():\n    client = RESTClient(sys.argv[1])\n    print(client.list_models())\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
APP = (
    "from flask import Flask\n\nfrom svc.client.rest import Client\n\napp = Flask(__name__)\n\n"
    "@app.get('/leader')\ndef leader():\n    return Client('http://peer').leader()\n"
)


def _service(**extra: str) -> Dict[str, str]:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/client/__init__.py": PACKAGE, "svc/client/rest.py": CLIENT,
             "svc/client/aio.py": ASYNC_CLIENT, "svc/cli.py": COMMAND}
    files.update(extra)
    return files


def test_client_methods_only_the_command_calls_are_not_the_service(tmp_path: Path) -> None:
    found = _timeouts(tmp_path, _service())
    assert ("svc/client/rest.py", 15) not in found
    assert ("svc/client/aio.py", 8) not in found  # a public client only users' programs build


def test_client_methods_the_service_calls_stay_with_what_the_constructor_runs(tmp_path: Path) -> None:
    found = _timeouts(tmp_path, _service())
    assert ("svc/client/rest.py", 9) in found
    assert ("svc/client/rest.py", 12) in found


def test_a_client_the_service_keeps_an_instance_of_stays_whole(tmp_path: Path) -> None:
    app = APP.replace("    return Client('http://peer').leader()\n",
                      "    return PEER.leader()\n\nPEER = Client('http://peer')\n")
    found = _timeouts(tmp_path, _service(**{"svc/app.py": app}))
    assert ("svc/client/rest.py", 15) in found


def test_without_a_command_using_it_an_internal_client_stays(tmp_path: Path) -> None:
    package = "from .aio import AsyncClient\n"  # `Client` not re-exported, and no command builds it
    # the service holds clients in a list (so not every object is a local's: accounted_objects.py) and calls one untyped
    app = APP + ("\nPEERS = [Client('http://a'), Client('http://b')]\n\n@app.get('/models')\ndef models():\n"
                 "    return refresh(random.choice(PEERS))\n\ndef refresh(client):\n    return client.list_models()\n")
    app = "import random\n\n" + app
    found = _timeouts(tmp_path, _service(**{"svc/client/__init__.py": package, "svc/cli.py": "def main():\n    pass\n", "svc/app.py": app}))
    assert ("svc/client/rest.py", 15) in found


def test_a_method_a_command_started_worker_calls_stays(tmp_path: Path) -> None:
    """The command starts a worker in another module that calls the client (xinference's deployed
    `xinference-worker` asking the supervisor its address): that call is the service's."""
    client = CLIENT + "\n    def whoami(self):\n        return requests.get(self.base + '/me').text\n"  # line 18
    worker = "from svc.client.rest import Client\n\ndef register(base):\n    return Client(base).whoami()\n"
    command = COMMAND.replace("    print(client.list_models())\n", "    print(client.list_models())\n    worker.register(sys.argv[1])\n")
    command = command.replace("import sys\n", "import sys\n\nfrom svc import worker\n")
    found = _timeouts(tmp_path, _service(**{"svc/client/rest.py": client, "svc/worker.py": worker, "svc/cli.py": command}))
    assert ("svc/client/rest.py", 18) in found
    assert ("svc/client/rest.py", 15) not in found


PUBLISHED = "from svc.client.rest import Client\n\ndef version():\n    return '1.0'\n"  # its API, and a helper
SHARED = "from svc.client.rest import Client\n\napi = Client('http://api')\n"  # built at import for users' hooks
HOOKS = ("from flask import Flask\n\nfrom svc.shared import *  # noqa: F403\n\napp = Flask(__name__)\n\n"
         "@app.post('/run')\ndef run_hook():\n    return 'ok'\n")
PLUGIN = "from svc.shared import api\n\nclass Select:\n    def pick(self, ids):\n        return api.leader()\n"
MONITOR = ("import time\n\nfrom svc import Client\n\ndef watch():\n    client = Client('http://localhost')\n"
           "    while True:\n        print(client.list_models())\n        time.sleep(5)\n\n"
           "if __name__ == '__main__':\n    watch()\n")


def _published(**extra: str) -> Dict[str, str]:
    """A distribution installing `svc`, whose `__init__` publishes the client (its API for users), with
    example programs beside the package that only users run."""
    return _service(**{"pyproject.toml": "[project]\nname = 'svc'\n", "svc/__init__.py": PUBLISHED,
                       "svc/shared.py": SHARED, "svc/hooks.py": HOOKS, "examples/plugin/select.py": PLUGIN,
                       "examples/monitor/watch.py": MONITOR, "svc/cli.py": "def main():\n    pass\n", **extra})


def test_client_methods_only_example_programs_beside_the_installed_package_call_are_not_the_service(tmp_path: Path) -> None:
    """An example program that loops (a monitor a user starts) is no deployed worker: the installed
    package holds every entry point and imports nothing of it."""
    found = _timeouts(tmp_path, _published())
    assert ("svc/client/rest.py", 15) not in found


def test_a_method_called_through_the_instance_a_service_module_builds_at_import_stays(tmp_path: Path) -> None:
    """The hooks service's shared instance is handed to users' code: what is called through it
    (here by an example plug-in) runs in the service."""
    found = _timeouts(tmp_path, _published())
    assert ("svc/client/rest.py", 12) in found


def test_a_method_a_program_inside_the_installed_package_calls_stays(tmp_path: Path) -> None:
    found = _timeouts(tmp_path, _published(**{"svc/monitor.py": MONITOR, "examples/monitor/watch.py": "print('see svc.monitor')\n"}))
    assert ("svc/client/rest.py", 15) in found


def test_example_programs_beside_a_service_outside_any_installed_package_stay_the_service(tmp_path: Path) -> None:
    """Without a distribution installing the package that serves, a program beside it may be deployed."""
    files = _published()
    del files["pyproject.toml"]
    found = _timeouts(tmp_path, files)
    assert ("svc/client/rest.py", 15) in found


SESSION = (
    "from svc.client.rest import Client\n\n"
    "class Session:\n"
    "    def __init__(self, url):\n        self.client = Client(url)\n\n"
    "    def on_refresh(self, event):\n        return self.client.list_models()\n"  # a callback the graph does not follow
)
GUI = ("import tkinter\n\nfrom svc.gui.session import Session\n\n"
       "def main():\n    root = tkinter.Tk()\n    session = Session('http://localhost')\n"
       "    root.bind('<F5>', session.on_refresh)\n    root.mainloop()\n")
SERVER = "import waitress\n\nfrom svc.app import app\n\ndef main():\n    waitress.serve(app, port=8000)\n"
SCRIPTS = "[project]\nname = 'svc'\n\n[project.scripts]\nsvc-server = 'svc.server:main'\nsvc-gui = 'svc.gui.main:main'\n"


def _desktop(tmp_path: Path, dockerfile: str, **extra: str) -> List[Tuple[str, int]]:
    """PRR501's lines when the client's only user beside the server is a desktop program a console
    script starts, whose session class (in a module of its own) keeps the client; `dockerfile` is the
    deployment's one launch file."""
    files = _service(**{"svc/server.py": SERVER, "svc/gui/__init__.py": "", "svc/gui/main.py": GUI,
                        "svc/gui/session.py": SESSION, "svc/cli.py": "def main():\n    pass\n", **extra})
    result = run_on_disk(tmp_path, files, whole_project=True, on_disk_only={"pyproject.toml": SCRIPTS, "Dockerfile": dockerfile},
                         launch_files=("Dockerfile",))
    return [(finding.path, finding.span.line) for finding in result.findings]


def test_client_methods_only_an_undeployed_programs_reach_calls_are_not_the_service(tmp_path: Path) -> None:
    """coreemu's CoreGrpcClient: the deployment runs `core-daemon`; the GUI and the client commands,
    which no deployment file runs, are its users' programs, however deep their code keeps the client."""
    found = _desktop(tmp_path, 'FROM python\nCMD ["svc-server"]\n')
    assert ("svc/client/rest.py", 15) not in found
    assert ("svc/client/rest.py", 12) in found  # the server calls it


def test_client_methods_a_deployed_programs_reach_calls_stay(tmp_path: Path) -> None:
    found = _desktop(tmp_path, 'FROM python\nCMD ["svc-server"]\n# sidecar\nCMD ["svc-gui"]\n')
    assert ("svc/client/rest.py", 15) in found


def test_without_a_deployment_running_a_program_a_deep_tool_use_stays(tmp_path: Path) -> None:
    """Nothing shows what is deployed: the program's session module may be a worker's."""
    found = _desktop(tmp_path, "FROM python\n")
    assert ("svc/client/rest.py", 15) in found


def test_a_client_method_the_server_reaches_through_the_same_session_stays(tmp_path: Path) -> None:
    app = APP + "\n@app.get('/models')\ndef models():\n    from svc.gui.session import Session\n    return Session('http://peer').on_refresh(None)\n"
    found = _desktop(tmp_path, 'FROM python\nCMD ["svc-server"]\n', **{"svc/app.py": app})
    assert ("svc/client/rest.py", 15) in found


PROBE = "import requests\n\nclass Probe:\n    def health(self, base):\n        return requests.get(base + '/health')\n"
PROBE_TEST = "from svc.checks.client import Probe\n\ndef test_health():\n    assert Probe().health('http://localhost:8000')\n"


def _client_methods_of(files: Dict[str, str]) -> Set[str]:
    """The methods client_classes.py takes out of the service (dead code, which also drops an unused
    class, is left out: medusa's methods share their names with the service's, which keeps them there)."""
    analysis = analysis_for(_service(**{"svc/checks/__init__.py": "", "svc/checks/client.py": PROBE,
                                        "tests/test_probe.py": PROBE_TEST, **files}))
    return client_scope(analysis, set(), {}, set(), (), set())


def test_a_client_class_only_tests_use_is_not_the_service() -> None:
    """medusa's gRPC `Client`: only the integration test steps import and build it."""
    assert "svc.checks.client.Probe.health" in _client_methods_of({})


def test_a_client_class_tests_use_and_a_service_module_imports_stays() -> None:
    app = APP + "\nfrom svc.checks import client\n\nCHECKERS = [client.Probe]\n"  # a value the graph does not follow
    assert "svc.checks.client.Probe.health" not in _client_methods_of({"svc/app.py": app})


def test_a_class_only_tests_build_in_a_folder_a_loader_walks_stays() -> None:
    """covalent's LocalExecutor: the executor manager imports every module of its plug-in folder."""
    walk = ("import importlib\nimport pkgutil\n\nfor info in pkgutil.iter_modules(__path__):\n"
            "    importlib.import_module(f'{__name__}.{info.name}')\n")
    assert "svc.checks.client.Probe.health" not in _client_methods_of({"svc/checks/__init__.py": walk})


SOURCES = (
    "import requests\n\n"
    "class TickerSource:\n"
    "    def __init__(self):\n"
    "        self.prices = {}\n\n"
    "    def latest(self):\n"
    "        return requests.get('https://api.example.com/tickers').json()\n\n"  # line 8: the service polls it
    "    def has_pair(self, symbol):\n"
    "        return symbol in requests.get('https://api.example.com/tickers').json()\n\n\n"  # line 11
    "ticker_source = TickerSource()\n"
)
PRICES = ("from flask import Flask\n\nfrom svc.sources import ticker_source\n\napp = Flask(__name__)\n\n"
          "@app.get('/prices')\ndef prices():\n    return ticker_source.latest()\n")
ADD_PAIR = ("import sys\n\nfrom svc.sources import ticker_source\n\n"
            "def main():\n    if not ticker_source.has_pair(input('Pair symbol: ')):\n        sys.exit('unknown pair')\n\n"
            "if __name__ == '__main__':\n    main()\n")


def test_a_method_only_a_command_calls_through_the_instance_a_module_builds_at_import_is_not_the_service(tmp_path: Path) -> None:
    """OpenCEX's `kucoin_data_source`: a task polls its prices, and only the operator's interactive `add_token`
    command asks it whether a pair exists. A tool's call through the shared instance is the tool's use."""
    found = _timeouts(tmp_path, {"svc/__init__.py": "", "svc/sources.py": SOURCES, "svc/app.py": PRICES, "svc/add_pair.py": ADD_PAIR})
    assert ("svc/sources.py", 11) not in found
    assert ("svc/sources.py", 8) in found


def test_a_method_the_service_also_calls_through_the_instance_a_module_builds_at_import_stays(tmp_path: Path) -> None:
    app = PRICES + "\n@app.get('/pairs/<symbol>')\ndef pair(symbol):\n    return {'known': ticker_source.has_pair(symbol)}\n"
    found = _timeouts(tmp_path, {"svc/__init__.py": "", "svc/sources.py": SOURCES, "svc/app.py": app, "svc/add_pair.py": ADD_PAIR})
    assert ("svc/sources.py", 11) in found
