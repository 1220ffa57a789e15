"""PRR501's dead code in a project without recognised entry points (project/dead_scope.py): in a
service behind a server library prr-lint does not recognise (Twisted) a function nothing names is
dead, but one a configuration file names may be a handler; in a project whose declared console or GUI
script runs one of its functions (a daemon) dead code is dead as with recognised entry points; in a
library nothing is dead."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest
from _serving import run_on_disk

HTTP = (
    "import requests\nimport urllib3\n\nhttp = urllib3.PoolManager()\n\n"
    "def fpost(url, **kwargs):\n    return fpost_req(url, **kwargs)\n\n"
    "def fpost_req(url, **kwargs):\n    return requests.post(url, timeout=10, **kwargs)\n\n"
    "def fpost_urllib(url, **kwargs):\n    return http.request('POST', url, body=kwargs.get('body'))\n"
)
SERVICE = (
    "from twisted.internet import reactor\nfrom svc.http import fpost\n\n"
    "def tick():\n    fpost('https://catalog/events')\n    reactor.callLater(60, tick)\n\n"
    "reactor.callLater(0, tick)\nreactor.run()\n"
)
CONTROLLER = "import requests\n\ndef list_images():\n    return requests.get('https://registry/v2/_catalog').json()\n"
URLLIB = ("PRR501", "svc/http.py", 13)


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, str, int]]:
    return sorted((f.rule, f.path, f.span.line) for f in run_on_disk(tmp_path, {"svc/__init__.py": "", **files}, whole_project=True).findings)


def test_a_function_nothing_names_in_a_twisted_service_is_dead(tmp_path: Path) -> None:
    """anchore-engine's `fpost_urllib` (J064-J067): every caller goes through `fpost_req`."""
    assert _found(tmp_path, {"svc/http.py": HTTP, "svc/service.py": SERVICE}) == []


def test_a_function_a_configuration_file_names_in_such_a_service_may_be_a_handler(tmp_path: Path) -> None:
    spec = "paths:\n  /images:\n    get:\n      operationId: svc.controllers.list_images\n"
    files = {"svc/http.py": HTTP, "svc/service.py": SERVICE, "svc/controllers.py": CONTROLLER, "svc/swagger/swagger.yaml": spec}
    assert _found(tmp_path, files) == [("PRR501", "svc/controllers.py", 4)]


def test_in_a_library_without_a_server_nothing_is_dead(tmp_path: Path) -> None:
    assert _found(tmp_path, {"svc/http.py": HTTP}) == [URLLIB]


def test_a_project_that_defines_the_server_module_itself_is_that_library(tmp_path: Path) -> None:
    """The standard library imports its own `socketserver`: it is the server library, not a service on it."""
    files = {"socketserver.py": "class TCPServer:\n    def serve_forever(self):\n        pass\n", "svc/http.py": HTTP,
             "svc/server.py": "import socketserver\n\nclass Server(socketserver.TCPServer):\n    pass\n"}
    assert _found(tmp_path, files) == [URLLIB]


OSTI = (
    "import requests\n\nclass OstiClient:\n    def draft(self, url, contributor):\n"
    "        return requests.get(url, params={'contributor': contributor}).text\n\n"
    "    def submit(self, url, payload):\n        return requests.post(url, data=payload).text\n"
)
DOIS = ("from svc.osti import OstiClient\n\ndef post_dois(body):\n    return OstiClient().submit('https://osti', body)\n")
CONNEXION_MAIN = "import connexion\n\ndef main():\n    app = connexion.App(__name__, specification_dir='swagger/')\n    app.add_api('swagger.yaml')\n    app.run(port=8080)\n"
DOIS_SPEC = "paths:\n  /dois:\n    post:\n      operationId: post_dois\n      x-openapi-router-controller: svc.dois\n"


def test_in_a_connexion_app_a_method_nothing_names_is_dead(tmp_path: Path) -> None:
    """pds-doi-service's `webclient_draft_doi`: connexion routes the spec's operations, no decorator
    shows an entry point, yet the operation's reach is the service and the draft call runs nowhere."""
    files = {"svc/osti.py": OSTI, "svc/dois.py": DOIS, "svc/__main__.py": CONNEXION_MAIN, "svc/swagger/swagger.yaml": DOIS_SPEC}
    assert _found(tmp_path, files) == [("PRR501", "svc/osti.py", 8)]


def test_without_connexion_a_specification_makes_no_service(tmp_path: Path) -> None:
    files = {"svc/osti.py": OSTI, "svc/dois.py": DOIS, "svc/swagger/swagger.yaml": DOIS_SPEC}
    assert _found(tmp_path, files) == [("PRR501", "svc/osti.py", 5), ("PRR501", "svc/osti.py", 8)]


TOKEN = ("import requests\n\ndef verify_token(token):\n    return requests.get('https://auth/keys').json()\n\n"
         "def unused_keys():\n    return requests.get('https://auth/old').json()\n")


def test_in_a_connexion_app_a_function_an_environment_file_without_a_suffix_names_is_served(tmp_path: Path) -> None:
    """data-store's `environment` file (`TOKENINFO_FUNC=svc.auth.verify_token`): connexion calls that
    function for every request, though no `.env` suffix shows the file is configuration."""
    files = {"svc/osti.py": OSTI, "svc/dois.py": DOIS, "svc/__main__.py": CONNEXION_MAIN, "svc/swagger/swagger.yaml": DOIS_SPEC,
             "svc/auth.py": TOKEN, "environment": "export TOKENINFO_FUNC=svc.auth.verify_token\n"}
    assert _found(tmp_path, files) == [("PRR501", "svc/auth.py", 4), ("PRR501", "svc/osti.py", 8)]


# A daemon a console script starts: its loop reaches `fetch`; `fetch_legacy` nothing names any more.
FEEDS = (
    "import requests\n\ndef fetch(url):\n    return requests.get(url).json()\n\n"
    "def fetch_legacy(url):\n    return requests.get(url + '?v=1').json()\n"
)
DAEMON = "import time\nfrom svc.feeds import fetch\n\ndef main():\n    while True:\n        fetch('https://prices/spot')\n        time.sleep(60)\n"
LIVE, LEGACY = ("PRR501", "svc/feeds.py", 4), ("PRR501", "svc/feeds.py", 7)
DECLARATIONS = {
    "[project.scripts]": ("pyproject.toml", "[project]\nname = 'svc'\n\n[project.scripts]\nsvc = 'svc.daemon:main'\n"),
    "[project.gui-scripts]": ("pyproject.toml", "[project]\nname = 'svc'\n\n[project.gui-scripts]\nsvc = 'svc.daemon:main'\n"),
    "[tool.poetry.scripts]": ("pyproject.toml", "[tool.poetry]\nname = 'svc'\n\n[tool.poetry.scripts]\nsvc = 'svc.daemon:main'\n"),
    "poetry table": ("pyproject.toml", "[tool.poetry]\nname = 'svc'\n\n[tool.poetry.scripts]\nsvc = { callable = 'svc.daemon:main' }\n"),
    "setup.cfg": ("setup.cfg", "[metadata]\nname = svc\n\n[options.entry_points]\nconsole_scripts =\n    svc = svc.daemon:main\n"),
    "setup.py": ("setup.py", "from setuptools import setup\n\nsetup(name='svc', entry_points={'console_scripts': ['svc = svc.daemon:main']})\n"),
}


def _declared(tmp_path: Path, declaration: str) -> List[Tuple[str, str, int]]:
    file, text = DECLARATIONS[declaration]
    files = {"svc/__init__.py": "", "svc/feeds.py": FEEDS, "svc/daemon.py": DAEMON}
    return sorted((f.rule, f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True, on_disk_only={file: text}).findings)


@pytest.mark.parametrize("declaration", sorted(DECLARATIONS))
def test_a_project_whose_declared_program_runs_it_is_no_library(tmp_path: Path, declaration: str) -> None:
    """telliot-feeds: `telliot = telliot_feeds.cli.main:main` starts the reporter daemon. Installing the
    project makes a program, so what nothing names is dead; what the daemon calls is still reported."""
    assert _declared(tmp_path, declaration) == [LIVE]


def test_a_poetry_script_that_is_a_file_runs_no_function(tmp_path: Path) -> None:
    """`type = "file"` names a script file, not a `module:function`: no program of the project is known."""
    pyproject = "[tool.poetry]\nname = 'svc'\n\n[tool.poetry.scripts]\nsvc = { reference = 'svc/daemon.py', type = 'file' }\n"
    files = {"svc/__init__.py": "", "svc/feeds.py": FEEDS, "svc/daemon.py": DAEMON}
    found = run_on_disk(tmp_path, files, whole_project=True, on_disk_only={"pyproject.toml": pyproject}).findings
    assert sorted((f.rule, f.path, f.span.line) for f in found) == [LIVE, LEGACY]


def test_a_declared_program_outside_the_project_makes_no_program(tmp_path: Path) -> None:
    """A console script whose target is no project function (another distribution's) shows nothing of this one."""
    pyproject = "[project]\nname = 'svc'\n\n[project.scripts]\nsvc = 'other.cli:main'\n"
    files = {"svc/__init__.py": "", "svc/feeds.py": FEEDS, "svc/daemon.py": DAEMON}
    found = run_on_disk(tmp_path, files, whole_project=True, on_disk_only={"pyproject.toml": pyproject}).findings
    assert sorted((f.rule, f.path, f.span.line) for f in found) == [LIVE, LEGACY]


PLUGIN_SETUP = (
    "from setuptools import setup\n\nNAME = 'svc-slm'\nPACKAGE = 'slm'\n\n"
    "setup(name=PACKAGE, entry_points={'console_scripts': ['%s=%s.__main__:main' % (NAME, PACKAGE)]})\n"
)
PLUGIN_MAIN = "from slm.daemon import main\n\nif __name__ == '__main__':\n    main()\n"
PLUGIN_DAEMON = DAEMON.replace("svc.feeds", "slm.feeds")


def _plugin(tmp_path: Path, beside: Dict[str, str], library: str = "") -> List[Tuple[str, str, int]]:
    """son-mano-framework's plug-ins: `plugins/slm` a distribution of its own whose `setup.py` spells its
    console script by string formatting, so no program of it is declared; `library` a module outside it."""
    files = {"plugins/slm/slm/__init__.py": "", "plugins/slm/slm/feeds.py": FEEDS, "plugins/slm/slm/daemon.py": PLUGIN_DAEMON,
             "plugins/slm/slm/__main__.py": PLUGIN_MAIN, **({"base/feeds.py": library} if library else {})}
    on_disk = {"plugins/slm/setup.py": PLUGIN_SETUP, **{f"plugins/slm/{name}": text for name, text in beside.items()}}
    found = run_on_disk(tmp_path, files, whole_project=True, on_disk_only=on_disk).findings
    return sorted((f.rule, f.path, f.span.line) for f in found)


@pytest.mark.parametrize("runner", ["Dockerfile", "Procfile"])
def test_a_distribution_run_as_a_service_of_its_own_has_dead_code(tmp_path: Path, runner: str) -> None:
    """`client_register` in son-mano-framework's slm_helpers.py: nothing names it in a plug-in its own
    Dockerfile builds and runs; what the daemon calls stays reported, and so does a module outside it."""
    found = _plugin(tmp_path, {runner: "CMD [\"svc-slm\"]\n" if runner == "Dockerfile" else "worker: svc-slm\n"}, library=FEEDS)
    assert found == [("PRR501", "base/feeds.py", 4), ("PRR501", "base/feeds.py", 7), ("PRR501", "plugins/slm/slm/feeds.py", 4)]


def test_a_distribution_nothing_runs_may_be_a_library(tmp_path: Path) -> None:
    assert _plugin(tmp_path, {"README.md": "slm\n"}) == [("PRR501", "plugins/slm/slm/feeds.py", 4), ("PRR501", "plugins/slm/slm/feeds.py", 7)]
