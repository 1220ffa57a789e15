"""Service scope by how the repository's other distributions are run or installed (project/distributions.py):
a client distribution's console script is a command-line program, an optional plug-in distribution
the deployment does not install is not the service."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from _serving import REGISTRY, settings_with

from prr_lint.engine import FileJob, Plan
from prr_lint.modules import module_name
from prr_lint.runner import run_jobs

APP = (
    "import requests\nfrom flask import Flask\n\napp = Flask(__name__)\n\n"
    "@app.get('/rates')\ndef rates():\n    return requests.get('https://rates').json()\n"
)
PLUGIN = (
    "import requests\nfrom alerta.plugins import PluginBase\n\n"
    "class GitlabIssue(PluginBase):\n    def post_receive(self, alert):\n"
    "        return requests.post('https://gitlab.example/api/v4/issues', json=alert)\n"
)
PLUGIN_SETUP = (
    "from setuptools import setup\n\nsetup(\n    name='alerta-gitlab',\n    py_modules=['alerta_gitlab'],\n"
    "    entry_points={'alerta.plugins': ['gitlab = alerta_gitlab:GitlabIssue']},\n)\n"
)
DOCKERFILE = "FROM python:3.12\nCOPY . /app\nRUN pip install -r requirements.txt && pip install .\n"


def _timeouts(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    """PRR501 findings of a whole-project run over `files` (every non-Python file written too)."""
    jobs = []
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    for name, text in sorted(files.items()):
        if name.endswith(".py") and not name.endswith("setup.py"):
            module, is_package = module_name(str(tmp_path / name), str(tmp_path))
            jobs.append(FileJob(name, module, is_package, text.encode()))
    settings = replace(settings_with(), root=tmp_path)
    plan = Plan(settings, tuple(REGISTRY.select(["PRR501"], [], [])), whole_project=True)
    return sorted((f.path, f.span.line) for f in run_jobs(jobs, plan).findings)


def _service(**extra: str) -> Dict[str, str]:
    files = {"svc/__init__.py": "", "svc/app.py": APP, "Dockerfile": DOCKERFILE}
    files.update(extra)
    return files


def test_an_optional_plugin_distribution_the_deployment_does_not_install_is_not_the_service(tmp_path: Path) -> None:
    files = _service(**{"contrib/plugins/gitlab/setup.py": PLUGIN_SETUP, "contrib/plugins/gitlab/alerta_gitlab.py": PLUGIN})
    assert _timeouts(tmp_path, files) == [("svc/app.py", 8)]


def test_a_plugin_distribution_the_dockerfile_installs_is_the_service(tmp_path: Path) -> None:
    dockerfile = DOCKERFILE + "RUN pip install ./contrib/plugins/gitlab\n"
    files = _service(**{"Dockerfile": dockerfile, "contrib/plugins/gitlab/setup.py": PLUGIN_SETUP,
                        "contrib/plugins/gitlab/alerta_gitlab.py": PLUGIN})
    assert _timeouts(tmp_path, files) == [("contrib/plugins/gitlab/alerta_gitlab.py", 6), ("svc/app.py", 8)]


def test_a_plugin_distribution_the_requirements_name_is_the_service(tmp_path: Path) -> None:
    files = _service(**{"requirements.txt": "flask\nalerta-gitlab==6.1.0\n", "contrib/plugins/gitlab/setup.py": PLUGIN_SETUP,
                        "contrib/plugins/gitlab/alerta_gitlab.py": PLUGIN})
    assert _timeouts(tmp_path, files) == [("contrib/plugins/gitlab/alerta_gitlab.py", 6), ("svc/app.py", 8)]


def test_a_plugin_distribution_the_service_imports_is_the_service(tmp_path: Path) -> None:
    files = _service(**{"svc/app.py": APP + "import alerta_gitlab\n", "contrib/plugins/gitlab/setup.py": PLUGIN_SETUP,
                        "contrib/plugins/gitlab/alerta_gitlab.py": PLUGIN})
    assert ("contrib/plugins/gitlab/alerta_gitlab.py", 6) in _timeouts(tmp_path, files)


def test_a_test_runner_plugin_distribution_is_not_the_service_whatever_installs_it(tmp_path: Path) -> None:
    pyproject = (
        '[project]\nname = "iqe-svc-plugin"\n\n[project.entry-points.pytest11]\n'
        'iqe_svc_plugin = "iqe_svc.pytest_plugin"\n'
    )
    model = "import requests\n\ndef relations(base):\n    return requests.get(base + '/relations').json()\n"
    files = _service(**{"pr_check.sh": "pip install ./iqe-svc-plugin\n", "iqe-svc-plugin/pyproject.toml": pyproject,
                        "iqe-svc-plugin/iqe_svc/__init__.py": "", "iqe-svc-plugin/iqe_svc/pytest_plugin.py": "",
                        "iqe-svc-plugin/iqe_svc/modeling.py": model})
    assert _timeouts(tmp_path, files) == [("svc/app.py", 8)]


def test_a_plugin_distribution_inside_a_package_ships_with_it(tmp_path: Path) -> None:
    setup = "from setuptools import setup\n\nsetup(name='example-plugins', entry_points={'svc.plugins': ['auth = plugins.auth:Auth']})\n"
    files = _service(**{"svc/default_plugins/setup.py": setup, "svc/default_plugins/__init__.py": "",
                        "svc/default_plugins/plugins/__init__.py": "", "svc/default_plugins/plugins/auth.py": PLUGIN})
    assert ("svc/default_plugins/plugins/auth.py", 6) in _timeouts(tmp_path, files)


CLIENT_SETUP = (
    "from setuptools import setup\n\nsetup(name='svc-client', packages=['svc_client'],\n"
    "      entry_points={'console_scripts': ['svc = svc_client.shell:main']})\n"
)
CLIENT_SHELL = (
    "import argparse\n\nfrom svc_client.models import get_property\n\n"
    "def main():\n    parser = argparse.ArgumentParser()\n    parser.add_argument('name')\n"
    "    args = parser.parse_args()\n    print(get_property(args.name))\n"
)
CLIENT_MODELS = (
    "import requests\n\ndef get_all():\n    return requests.get('https://svc/api/items').json()\n\n"
    "def get_property(name):\n    return requests.get('https://svc/api/items/' + name).json()\n"
)


def test_a_client_distributions_console_script_is_a_command_line_program(tmp_path: Path) -> None:
    app = APP + "\nfrom svc_client.models import get_all\n\n@app.get('/items')\ndef items():\n    return get_all()\n"
    files = _service(**{"svc/app.py": app, "client/setup.py": CLIENT_SETUP, "client/svc_client/__init__.py": "",
                        "client/svc_client/shell.py": CLIENT_SHELL, "client/svc_client/models.py": CLIENT_MODELS})
    # the service's own use of the client stays; what only the `svc` command reaches is operator tooling
    assert _timeouts(tmp_path, files) == [("client/svc_client/models.py", 4), ("svc/app.py", 8)]


HBI_CORE = "import requests\n\ndef get_hosts(base):\n    return requests.get(base + '/hosts').json()\n"


def test_a_folder_no_import_can_reach_holds_scripts_not_the_service(tmp_path: Path) -> None:
    files = _service(**{"utils/__init__.py": "", "utils/simple-api-client/hbi_api_core.py": HBI_CORE,
                        "utils/simple-api-client/bulk_api_calls.py": "from hbi_api_core import get_hosts\n\nprint(get_hosts('http://0.0.0.0:8080'))\n"})
    assert _timeouts(tmp_path, files) == [("svc/app.py", 8)]


def test_a_service_in_a_folder_no_import_can_reach_is_the_service(tmp_path: Path) -> None:
    """Started in its folder (`gunicorn --chdir stream-server app:app`): it serves, so the folder stays."""
    app = APP.replace("def rates():", "def rates():\n    from hbi_api_core import get_hosts\n    get_hosts('http://inventory')")
    files = _service(**{"stream-server/app.py": app, "stream-server/lib/hbi_api_core.py": HBI_CORE})
    assert ("stream-server/lib/hbi_api_core.py", 4) in _timeouts(tmp_path, files)


def test_a_worker_in_a_folder_no_import_can_reach_is_the_service(tmp_path: Path) -> None:
    tasks = "from celery import shared_task\n\nfrom hbi_api_core import get_hosts\n\n@shared_task\ndef sync():\n    return get_hosts('http://inventory')\n"
    files = _service(**{"sync-worker/tasks.py": tasks, "sync-worker/hbi_api_core.py": HBI_CORE})
    assert ("sync-worker/hbi_api_core.py", 4) in _timeouts(tmp_path, files)


SDK_SETUP = (
    "from setuptools import setup\n\nsetup(name='svc-api-client', packages=['svc_api_client'],\n"
    "      entry_points={'console_scripts': ['svc_api_shell = svc_api_client.shell:main']})\n"
)
SDK_SHELL = (
    "import sys\n\nfrom svc_api_client.connector import HttpConnector\n\n"
    "def main():\n    print(HttpConnector(sys.argv[1]).version())\n"
)
SDK_CONNECTOR = (
    "import requests\n\nclass HttpConnector:\n    def __init__(self, base):\n        self.base = base\n\n"
    "    def version(self):\n        return requests.get(self.base + '/api/version').json()\n"
)
NOTEBOOK_SETUP = "from setuptools import setup\n\nsetup(name='svc-colab', packages=['svc_colab'])\n"
NOTEBOOK_API = (
    "from svc_api_client.connector import HttpConnector\n\n"
    "def connect(base):\n    return HttpConnector(base).version()\n"
)
SDK_TEST = (
    "import unittest\n\nfrom svc_api_client.connector import HttpConnector\n\n"
    "class VersionTest(unittest.TestCase):\n    def test_version(self):\n"
    "        self.assertTrue(HttpConnector('http://localhost').version())\n"
)


SERVER_SETUP = (
    "from setuptools import setup\n\nsetup(name='svc', packages=['svc'],\n"
    "      entry_points={'console_scripts': ['svc-server = svc.server:main']})\n"
)
SERVER = (
    "import requests\nfrom http.server import BaseHTTPRequestHandler, ThreadingHTTPServer\n\n"
    "def rates():\n    return requests.get('https://rates').json()\n\n"
    "class Handler(BaseHTTPRequestHandler):\n    def do_GET(self):\n        self.wfile.write(rates())\n\n"
    "def main():\n    ThreadingHTTPServer(('', 8000), Handler).serve_forever()\n"
)


def _sdk(**extra: str) -> Dict[str, str]:
    """A service its console script starts (no framework entry point: grr's `grr_server`) with a client
    SDK (and its operator shell) and a notebook helper beside it, each a distribution of its own (grr's
    `api_client/python/setup.py` and `colab/setup.py`), and a test that uses the SDK."""
    return {"setup.py": SERVER_SETUP, "svc/__init__.py": "", "svc/server.py": SERVER, "Dockerfile": DOCKERFILE,
            "api_client/setup.py": SDK_SETUP, "api_client/svc_api_client/__init__.py": "",
            "api_client/svc_api_client/connector.py": SDK_CONNECTOR, "api_client/svc_api_client/shell.py": SDK_SHELL,
            "colab/setup.py": NOTEBOOK_SETUP, "colab/svc_colab/__init__.py": "", "colab/svc_colab/api.py": NOTEBOOK_API,
            "svc/version_test.py": SDK_TEST, **extra}


def test_a_library_distribution_only_tests_and_other_libraries_import_is_not_the_service(tmp_path: Path) -> None:
    assert _timeouts(tmp_path, _sdk()) == [("svc/server.py", 5)]


def test_a_library_distribution_the_service_imports_is_the_service(tmp_path: Path) -> None:
    server = SERVER.replace("requests.get('https://rates').json()", "HttpConnector('https://peer').version()")
    server = "from svc_api_client.connector import HttpConnector\n" + server
    assert ("api_client/svc_api_client/connector.py", 8) in _timeouts(tmp_path, _sdk(**{"svc/server.py": server}))


def test_a_distribution_that_serves_requests_itself_is_the_service(tmp_path: Path) -> None:
    proxy = (
        "from flask import Flask\n\nfrom svc_api_client.connector import HttpConnector\n\napp = Flask(__name__)\n\n"
        "@app.get('/version')\ndef version():\n    return HttpConnector('https://svc').version()\n"
    )
    files = _sdk(**{"api_client/svc_api_client/proxy.py": proxy})
    assert ("api_client/svc_api_client/connector.py", 8) in _timeouts(tmp_path, files)



DOC_PYPROJECT = (
    '[project]\nname = "doc-record-service"\ndependencies = ["requests"]\n\n'
    '[tool.poetry]\npackages = [{include = "doc_record_service", from = "src"}]\n'
)
DOC_CLIENT = "import requests\n\n\ndef get_document(base, name):\n    return requests.get(base + '/documents/' + name).json()\n"
DOC_TEST = "from doc_record_service import get_document\n\n\ndef test_get_document():\n    assert get_document('http://localhost', 'a')\n"
SERVICE_APP = (
    "import requests\nfrom flask import Flask\n\nfrom .config import RATES\n\napp = Flask(__name__)\n\n"
    "@app.get('/rates')\ndef rates():\n    return requests.get(RATES).json()\n"
)


def _src_layout(**extra: str) -> Dict[str, str]:
    """A monorepo (bcgov's lear) whose API names its own modules `src.*` (its `src/` is a package) beside a
    "src layout" library distribution (`src/` holds the import package, no `__init__.py`) that re-exports a
    client function only its own test calls."""
    return {"api/Dockerfile": DOCKERFILE, "api/pyproject.toml": '[project]\nname = "svc"\n', "api/src/__init__.py": "",
            "api/src/svc/__init__.py": "", "api/src/svc/config.py": "RATES = 'https://rates'\n", "api/src/svc/app.py": SERVICE_APP,
            "common/doc-service/pyproject.toml": DOC_PYPROJECT,
            "common/doc-service/src/doc_record_service/__init__.py": "from doc_record_service.client import get_document\n",
            "common/doc-service/src/doc_record_service/client.py": DOC_CLIENT, "common/doc-service/tests/test_client.py": DOC_TEST, **extra}


def test_a_src_layout_library_distribution_nothing_imports_is_not_the_service(tmp_path: Path) -> None:
    assert _timeouts(tmp_path, _src_layout()) == [("api/src/svc/app.py", 10)]


def test_a_src_layout_library_distribution_the_service_imports_is_the_service(tmp_path: Path) -> None:
    app = SERVICE_APP.replace("requests.get(RATES).json()", "get_document(RATES, 'latest')")
    app = "from doc_record_service import get_document\n" + app
    assert ("common/doc-service/src/doc_record_service/client.py", 5) in _timeouts(tmp_path, _src_layout(**{"api/src/svc/app.py": app}))


def test_a_src_layout_distribution_with_a_dockerfile_of_its_own_is_the_service(tmp_path: Path) -> None:
    files = _src_layout(**{"common/doc-service/Dockerfile": DOCKERFILE})
    assert ("common/doc-service/src/doc_record_service/client.py", 5) in _timeouts(tmp_path, files)


GUI_APP = (
    "from qtpy import QtWidgets\n\nclass GuiApplication(QtWidgets.QApplication):\n    pass\n\n"
    "def create_app(argv):\n    return GuiApplication(argv)\n"
)
GUI_MAIN = (
    "import sys\n\nfrom qtpy import QtWidgets\n\nfrom svcgui.app import create_app\n\n"
    "class MainWindow(QtWidgets.QMainWindow):\n    def load_view(self, name):\n"
    "        return __import__('svcgui.views.' + name, globals(), locals())\n\n"
    "def main():\n    app = create_app(sys.argv)\n    window = MainWindow()\n    window.load_view(sys.argv[1])\n"
    "    window.show()\n    app.exec_()\n"
)
GUI_VIEW = (
    "import smtplib\n\nfrom qtpy import QtWidgets\n\nclass ReportDialog(QtWidgets.QDialog):\n    def send(self):\n"
    "        smtplib.SMTP('smtp').sendmail('gui@example.org', ['ops@example.org'], 'report')\n"
)


def _gui(main: str = GUI_MAIN) -> Dict[str, str]:
    """OpenCue's `cuegui` beside its services: a distribution of its own, with a Dockerfile that runs it
    under X, whose views it loads by name (the call graph does not reach them)."""
    return {**_sdk(), "gui/pyproject.toml": '[project]\nname = "svcgui"\n\n[project.scripts]\nsvcgui = "svcgui.main:main"\n',
            "gui/Dockerfile": DOCKERFILE, "gui/svcgui/__init__.py": "", "gui/svcgui/app.py": GUI_APP, "gui/svcgui/main.py": main,
            "gui/svcgui/views/__init__.py": "", "gui/svcgui/views/report.py": GUI_VIEW}


def test_a_desktop_gui_distribution_is_not_the_service_whatever_its_dockerfile(tmp_path: Path) -> None:
    """OpenCue's cuegui (J052-J055): its console script builds a Qt application and runs its event loop."""
    assert _timeouts(tmp_path, _gui()) == [("svc/server.py", 5)]


def test_a_distribution_with_a_dockerfile_that_runs_no_gui_event_loop_is_the_service(tmp_path: Path) -> None:
    assert ("gui/svcgui/views/report.py", 7) in _timeouts(tmp_path, _gui(GUI_MAIN.replace("    app.exec_()\n", "    return app\n")))
