"""PRR501's dead code in a project without recognised entry points (project/dead_scope.py): in a
service behind a server library prr-lint does not recognise (Twisted) a function nothing names is
dead, but one a configuration file names may be a handler; in a library nothing is dead."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

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
