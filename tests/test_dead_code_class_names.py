"""PRR501's dead code (project/dead_code.py, typed_calls.py `by_string`): a class some other file names
without importing it may be loaded by name, and its public methods may be a framework's hooks; but a
docstring loads nothing however short, nor does a file that names only its own class of that name."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, Optional

from _serving import analysis_for, run_on_disk
from prr_lint.project.typed_calls import TypedCalls

APP = (
    "from flask import Flask\nfrom svc.lib.client import Client\n\napp = Flask(__name__)\n\n"
    "@app.route('/status')\ndef status():\n    return Client().check()\n"
)
CLIENT = (
    "import requests\n\n\nclass Client:\n"
    "    def check(self):\n        return requests.get('https://a.example.com').text\n\n"
    "    def probe(self):\n        return requests.get('https://b.example.com').text\n"
)
CHECK, PROBE = ("svc/lib/client.py", 6), ("svc/lib/client.py", 9)


def _found(tmp_path: Path, other: Dict[str, str]) -> set:
    files = {"svc/__init__.py": "", "svc/lib/__init__.py": "", "svc/app.py": APP, "svc/lib/client.py": CLIENT, **other}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings}


def test_a_short_docstring_naming_the_class_loads_nothing(tmp_path: Path) -> None:
    """Prusa-Link's module docstring 'Wizard endpoints' beside a `Wizard` whose `check_connect` nothing calls (LB156)."""
    found = _found(tmp_path, {"svc/pages.py": '"""Client pages"""\n\n\ndef index():\n    return "ok"\n'})
    assert CHECK in found and PROBE not in found


def test_a_short_string_naming_the_class_may_load_it(tmp_path: Path) -> None:
    """A name in a string of code (a setting) may load the class, whose public methods are then hooks."""
    found = _found(tmp_path, {"svc/pages.py": 'HANDLER = "Client"\n'})
    assert CHECK in found and PROBE in found


def test_a_file_naming_only_its_own_class_of_that_name_loads_nothing(tmp_path: Path) -> None:
    """dlrover's HTTP `BrainClient` in a `client` module beside the gRPC one: its file names the
    module's word (`client`) but holds the class name only where it defines its own class."""
    other = "class Client:\n    def send(self, client_id):\n        return client_id\n\n\ndef make(client):\n    return client\n"
    found = _found(tmp_path, {"svc/http/__init__.py": "", "svc/http/client.py": other})
    assert CHECK in found and PROBE not in found


def test_a_dotted_path_beside_its_own_class_of_that_name_may_load_the_class(tmp_path: Path) -> None:
    other = "PLUGIN = 'svc.lib.client.Client'\n\n\nclass Client:\n    def send(self, client_id):\n        return client_id\n"
    found = _found(tmp_path, {"svc/http/__init__.py": "", "svc/http/client.py": other})
    assert CHECK in found and PROBE in found



START = "import os\nimport sys\n\nsys.path.insert(1, os.path.join(os.path.dirname(__file__), 'lib'))\n"
COPY = {"lib/__init__.py": "", "lib/relay/__init__.py": "from .client import Client\n", "lib/relay/client.py": CLIENT,
        "lib/chirp.py": "def chirp():\n    return 'chirp'\n"}


def _copied(tmp_path: Path, app: str, settings: str = 'SECTIONS = {"kind": (int, "Client", 0)}\n',
            other: Optional[Dict[str, str]] = None) -> set:
    """A start script puts `lib/` (a package too) on the path; the service imports the copy by its own name."""
    files = {"svc/__init__.py": "", "start.py": START, "svc/app.py": app, "svc/settings.py": settings, **COPY, **(other or {})}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings}


def test_a_bare_string_loads_no_class_of_a_library_copy(tmp_path: Path) -> None:
    """mylar's `'Client'` configuration label beside its copy of python-qbittorrent in `lib/`: the copy's
    public methods are another project's API, live only when the service calls them."""
    found = _copied(tmp_path, APP.replace("svc.lib.client", "relay"))
    assert ("lib/relay/client.py", 6) in found and ("lib/relay/client.py", 9) not in found


def test_the_copys_method_the_service_calls_stays(tmp_path: Path) -> None:
    app = APP.replace("svc.lib.client", "relay") + "\n\n@app.route('/probe')\ndef probe():\n    return Client().probe()\n"
    found = _copied(tmp_path, app)
    assert ("lib/relay/client.py", 6) in found and ("lib/relay/client.py", 9) in found


def test_a_dotted_path_through_the_copys_module_may_load_it(tmp_path: Path) -> None:
    found = _copied(tmp_path, APP.replace("svc.lib.client", "relay"), "PLUGIN = 'relay.client.Client'\n")
    assert ("lib/relay/client.py", 9) in found


def test_a_package_on_the_path_the_service_imports_through_its_package_is_its_own(tmp_path: Path) -> None:
    """Imported as `lib.relay`, the folder is the project's package: a bare string may still load its class."""
    found = _copied(tmp_path, APP.replace("svc.lib.client", "lib.relay"))
    assert ("lib/relay/client.py", 6) in found and ("lib/relay/client.py", 9) in found


def _templated(tmp_path: Path, template: str, module: str = "relay") -> set:
    return _copied(tmp_path, APP.replace("svc.lib.client", module), other={"svc/templates/base.html": template})


def test_a_links_path_calls_no_method_of_a_library_copy(tmp_path: Path) -> None:
    """mylar's `<a href="auth/logout">` routes to its own handler, not python-qbittorrent's `Client.logout`."""
    found = _templated(tmp_path, '<form action="probe"><a href="admin/probe?x=1">Probe</a></form>\n')
    assert ("lib/relay/client.py", 6) in found and ("lib/relay/client.py", 9) not in found


def test_a_templates_attribute_may_call_the_copys_method(tmp_path: Path) -> None:
    found = _templated(tmp_path, "<p>{{ client.probe() }}</p>\n")
    assert ("lib/relay/client.py", 9) in found


def test_a_links_path_may_name_a_method_of_the_projects_own_package(tmp_path: Path) -> None:
    """Routed by name (CherryPy's object dispatch), a link's path may run a method of the service's own classes."""
    found = _templated(tmp_path, '<a href="admin/probe">Probe</a>\n', "lib.relay")
    assert ("lib/relay/client.py", 9) in found


MANAGER = (
    "import requests\n\n\nclass UserAuthManager:\n    def __init__(self, url):\n        self.url = url\n\n"
    "    def credentials(self):\n        return self._download()\n\n"
    "    def _download(self):\n        return requests.get(self.url).json()\n"
)
DOWNLOAD = ("svc/lib/auth/user_auth.py", 12)
# a live call of a `credentials` method on a receiver of no known type: it may be UserAuthManager's
VIEWS = (
    "from flask import Flask\n\napp = Flask(__name__)\n\n\ndef _ask(manager):\n    return manager.credentials()\n\n\n"
    "@app.route('/credentials')\ndef show():\n    return _ask(app.extensions['auth'])\n"
)


def _re_exported(tmp_path: Path, package: str, views: str = VIEWS) -> set:
    files = {"svc/lib/auth/__init__.py": package, "svc/lib/auth/user_auth.py": MANAGER, "svc/views.py": views}
    return {found for found in _found(tmp_path, files) if found[0].startswith("svc/lib/auth/")}


def test_a_class_only_its_package_re_exports_is_built_by_nothing(tmp_path: Path) -> None:
    """mindsdb's `auth_utilities/google/__init__.py` re-exports `GoogleUserOAuth2Manager`, which no
    handler builds: the import and the `__all__` entry use it for nothing."""
    package = "from .user_auth import UserAuthManager\n\n__all__ = ['UserAuthManager']\n"
    assert _re_exported(tmp_path, package) == set()


def test_a_class_built_through_its_package_or_by_it_stays(tmp_path: Path) -> None:
    package = "from .user_auth import UserAuthManager\n"
    through = VIEWS.replace("from flask import Flask\n", "from flask import Flask\nfrom svc.lib.auth import UserAuthManager\n").replace(
        "app.extensions['auth']", "UserAuthManager('https://idp')")
    assert _re_exported(tmp_path / "through", package, through) == {DOWNLOAD}
    built = package + "\nDEFAULT = UserAuthManager('https://idp')\n"  # the package itself builds one
    assert _re_exported(tmp_path / "built", built) == {DOWNLOAD}


def test_a_re_export_names_the_class_for_nothing_but_in_a_distributions_top_package() -> None:
    """typed_calls.py `unbuilt`, asked directly: where a loader that builds a path (mindsdb's handler
    imports) keeps every class of a package "run", only the word counts tell that nothing builds it."""
    package = "from .user_auth import UserAuthManager\n\n__all__ = ['UserAuthManager']\n"
    files = {"svc/__init__.py": "", "svc/lib/__init__.py": "", "svc/lib/auth/__init__.py": package, "svc/lib/auth/user_auth.py": MANAGER}
    cls = "svc.lib.auth.user_auth.UserAuthManager"

    def unbuilt(sources: Dict[str, str], published: frozenset = frozenset()) -> bool:
        index = analysis_for(sources).index
        return TypedCalls(index, {module.path: module.words for module in index.modules.values()}, published).unbuilt(cls)

    assert unbuilt(files)
    assert not unbuilt(files, frozenset({"svc.lib.auth"}))  # a distribution's API: another distribution may build it
    assert not unbuilt({**files, "svc/lib/auth/__init__.py": package + "DEFAULT = UserAuthManager('https://idp')\n"})
    assert not unbuilt({**files, "svc/jobs.py": "from svc.lib.auth import UserAuthManager\n\nAUTH = UserAuthManager\n"})
