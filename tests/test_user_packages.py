"""User packages (project/user_packages.py): a client SDK the repository ships for the service's users
is not the service, unless the service uses it or it is deployed; both directions, and a monorepo whose
distributions are each a deployed service."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from _serving import REGISTRY, settings_with

from prr_lint.engine import FileJob, Plan
from prr_lint.modules import module_name
from prr_lint.runner import run_jobs
from prr_lint.stamps import is_launch_file

SERVER = (
    "import requests\nfrom flask import Flask\n\nfrom mysvc.store import Store\n\napp = Flask(__name__)\nstore = Store()\n\n"
    "@app.get('/rates')\ndef rates():\n    store.rates()\n    return requests.get('https://rates').json()\n"
)
CLIENT = (
    "import requests\n\n\nclass Client:\n    def __init__(self, base):\n        self.base = base\n\n"
    "    def rates(self):\n        return requests.get(self.base + '/rates').json()\n"
)
LOGIN = (
    "import sys\nfrom http.server import BaseHTTPRequestHandler, HTTPServer\n\nfrom mysvc_client.client import Client\n\n"
    "class Callback(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.server.token = self.path\n\n"
    "def login():\n    HTTPServer(('localhost', 8765), Callback).serve_forever()\n\n"
    "def main():\n    if sys.argv[1] == 'login':\n        login()\n    print(Client(sys.argv[2]).rates())\n"
)
FLUSHER = (
    "import threading\n\nimport requests\n\nclass Batcher:\n    def __init__(self, base):\n        self.base = base\n"
    "        threading.Thread(target=self.flush, daemon=True).start()\n\n    def flush(self):\n        while True:\n"
    "            requests.post(self.base + '/events', json=[])\n"
)
SDK_CLIENT = ("sdk/python/mysvc_client/client.py", 9)  # the SDK's call without a timeout


def _timeouts(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    """PRR501 findings of a whole-project run over `files`, written under `tmp_path`, whose deployment
    files discovery would list as launch files."""
    jobs, launch = [], []
    for name, text in sorted(files.items()):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
        if name.endswith(".py"):
            module, is_package = module_name(str(tmp_path / name), str(tmp_path))
            jobs.append(FileJob(name, module, is_package, text.encode()))
        elif is_launch_file(str(tmp_path / name)):
            launch.append(str(tmp_path / name))
    plan = replace(Plan(replace(settings_with(), root=tmp_path), tuple(REGISTRY.select(["PRR501"], [], [])), whole_project=True),
                   launch_files=tuple(launch))
    return sorted((f.path, f.span.line) for f in run_jobs(jobs, plan).findings)


def _service(**extra: str) -> Dict[str, str]:
    """A Flask service whose own method shares a name with the SDK's (so no by-name dead-code test leaves
    the SDK out), a client SDK of its own distribution re-exporting its `Client`, its test, and an
    example program beside it that uses the SDK (so the SDK's modules are loaded)."""
    files = {
        "Dockerfile": "FROM python:3.12\nCOPY server /app\nRUN pip install /app\nCMD gunicorn mysvc.app:app\n",
        "server/pyproject.toml": '[project]\nname = "mysvc"\n', "server/mysvc/__init__.py": "", "server/mysvc/app.py": SERVER,
        "server/mysvc/store.py": "class Store:\n    def rates(self):\n        return {}\n",
        "sdk/python/pyproject.toml": '[project]\nname = "mysvc-client"\n',
        "sdk/python/mysvc_client/__init__.py": "from mysvc_client.client import Client\n\n__all__ = ['Client']\n",
        "sdk/python/mysvc_client/client.py": CLIENT,
        "sdk/python/tests/test_client.py": "from mysvc_client import Client\n\n\ndef test_rates():\n    assert Client('http://localhost').rates()\n",
        "examples/quickstart.py": "from mysvc_client import Client\n\nclient = Client('https://svc.example')\nprint(client.rates())\n",
    }
    files.update(extra)
    return files


def _with_scripts(scripts: str, **extra: str) -> Dict[str, str]:
    return _service(**{"sdk/python/pyproject.toml": f'[project]\nname = "mysvc-client"\n\n[project.scripts]\n{scripts}\n', **extra})


def test_an_sdk_whose_console_script_waits_for_a_login_callback_is_a_user_package(tmp_path: Path) -> None:
    """Its users run `mysvc login`, which serves the OAuth callback on localhost until it arrives."""
    files = _with_scripts('mysvc = "mysvc_client.cli:main"', **{"sdk/python/mysvc_client/cli.py": LOGIN})
    assert SDK_CLIENT not in _timeouts(tmp_path, files)


def test_an_sdk_console_script_the_deployment_runs_is_the_service(tmp_path: Path) -> None:
    agent = (
        "from mysvc_client.batch import Batcher\nfrom mysvc_client.client import Client\n\n"
        "def main():\n    Batcher('https://svc')\n    while True:\n        Client('https://svc').rates()\n"
    )
    files = _with_scripts('mysvc-agent = "mysvc_client.agent:main"', **{
        "sdk/python/mysvc_client/agent.py": agent, "sdk/python/mysvc_client/batch.py": FLUSHER,
        "deploy/agent.Dockerfile": "FROM python:3.12\nCOPY sdk/python /sdk\nRUN pip install /sdk\nCMD [\"mysvc-agent\"]\n"})
    found = _timeouts(tmp_path, files)
    assert SDK_CLIENT in found and ("sdk/python/mysvc_client/batch.py", 12) in found


def test_an_sdk_that_registers_plug_ins_the_deployment_does_not_install_is_a_user_package(tmp_path: Path) -> None:
    tool = "from mysvc_client.client import Client\n\nclass MysvcTool:\n    def run(self):\n        return Client('https://svc').rates()\n"
    pyproject = '[project]\nname = "mysvc-client"\n\n[project.entry-points."agents.tools"]\nmysvc = "mysvc_client.tool:MysvcTool"\n'
    files = _service(**{"sdk/python/pyproject.toml": pyproject, "sdk/python/mysvc_client/tool.py": tool})
    assert SDK_CLIENT not in _timeouts(tmp_path, files)
    files["Dockerfile"] += "RUN pip install ./sdk/python\n"  # installed beside the service: whatever loads the group loads it
    assert SDK_CLIENT in _timeouts(tmp_path, files)



def test_plug_ins_installed_from_a_folder_the_deployment_copies_whole_are_the_service(tmp_path: Path) -> None:
    """`COPY plugins /src/plugins` and a `pip install` of each folder in it names no plug-in by its own
    folder, yet installs every one: the folder that holds them is named."""
    tool = "from mysvc_client.client import Client\n\nclass MysvcTool:\n    def run(self):\n        return Client('https://svc').rates()\n"
    pyproject = '[project]\nname = "mysvc-client"\n\n[project.entry-points."agents.tools"]\nmysvc = "mysvc_client.tool:MysvcTool"\n'
    files = _service(**{"sdk/python/pyproject.toml": pyproject, "sdk/python/mysvc_client/tool.py": tool})
    files["Dockerfile"] += "COPY sdk /src/sdk\nRUN find /src/sdk -mindepth 1 -maxdepth 1 -type d -print0 | xargs -0 pip install\n"
    assert SDK_CLIENT in _timeouts(tmp_path, files)

REEXPORTED = {
    "sdk/python/mysvc_client/__init__.py": "from mysvc_client.client import get_rates\n\n__all__ = ['get_rates']\n",
    "sdk/python/mysvc_client/client.py": "import requests\n\n\ndef get_rates(base):\n    return requests.get(base + '/rates').json()\n",
    "examples/quickstart.py": "from mysvc_client import get_rates\n\nprint(get_rates('https://svc.example'))\n",
    "server/mysvc/__init__.py": "from mysvc_client import get_rates\n\n__all__ = ['get_rates']\n",
}


def test_an_sdk_the_service_package_only_re_exports_is_a_user_package(tmp_path: Path) -> None:
    assert ("sdk/python/mysvc_client/client.py", 5) not in _timeouts(tmp_path, _service(**REEXPORTED))


def test_an_sdk_a_view_uses_through_the_service_package_is_the_service(tmp_path: Path) -> None:
    view = (
        "from flask import Flask\n\nfrom mysvc import get_rates\n\napp = Flask(__name__)\n\n"
        "@app.get('/rates')\ndef rates():\n    return get_rates('https://peer')\n"
    )
    assert ("sdk/python/mysvc_client/client.py", 5) in _timeouts(tmp_path, _service(**{**REEXPORTED, "server/mysvc/app.py": view}))


def test_an_sdk_whose_thread_a_deployed_worker_starts_is_the_service(tmp_path: Path) -> None:
    worker = (
        "import time\n\nfrom mysvc_client.batch import Batcher\n\ndef main():\n    Batcher('https://events')\n"
        "    while True:\n        time.sleep(60)\n\nif __name__ == '__main__':\n    main()\n"
    )
    files = _service(**{"sdk/python/mysvc_client/batch.py": FLUSHER, "server/mysvc/worker.py": worker,
                        "Procfile": "web: gunicorn mysvc.app:app\nworker: python -m mysvc.worker\n"})
    assert ("sdk/python/mysvc_client/batch.py", 12) in _timeouts(tmp_path, files)


CONSUMER = (
    "import requests\n\ndef main():\n    while True:\n        job = requests.get('https://queue/next').json()\n"
    "        requests.post('https://results', json=job)\n\nif __name__ == '__main__':\n    main()\n"
)


def test_each_deployed_distribution_of_a_monorepo_is_the_service(tmp_path: Path) -> None:
    """A consumer distribution no other module imports, which the root compose file runs (no Dockerfile
    of its own), and an API distribution with a Dockerfile: both are services."""
    files = {
        "services/api/pyproject.toml": '[project]\nname = "api"\n', "services/api/Dockerfile": "FROM python:3.12\nCMD gunicorn api.app:app\n",
        "services/api/api/__init__.py": "", "services/api/api/app.py": SERVER.replace("mysvc.store", "api.store"),
        "services/api/api/store.py": "class Store:\n    def rates(self):\n        return {}\n",
        "services/consumer/pyproject.toml": '[project]\nname = "consumer"\n',
        "services/consumer/consumer/__init__.py": "", "services/consumer/consumer/main.py": CONSUMER,
        "docker-compose.yml": "services:\n  consumer:\n    build: services/consumer\n    command: python -m consumer.main\n",
    }
    found = _timeouts(tmp_path, files)
    assert ("services/api/api/app.py", 12) in found and ("services/consumer/consumer/main.py", 5) in found
