"""PRR501's dead code: mentions of a name that reach nothing of ours (typed_calls.py `names_other`,
foreign_calls.py `_other_objects`, text_words.py `tree_loading_words`).

A method whose every call is typed to another class's method of that name is dead though its own log
lines, a commented-out call or a route module's imported view function of that name hold the word; a
module function is dead though ORM rows call a method of its name; a class a configuration file names only
in a label ("Vault user name") is loaded by nothing. A call on a receiver of no known type, a `getattr` by the
name and an override called through its base still keep the method alive."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import run_on_disk

# Two clients with methods of the same names: the service calls only `GrantClient`'s.
GRANTS = (
    "import requests\n\n\nclass GrantClient:\n"
    "    def __init__(self, token):\n        self.token = token\n\n"
    "    def create_grant(self, email):\n        return requests.post('https://g.example.com', data={'e': email})\n\n"
    "    def revoke_grant(self, email):\n        return requests.post('https://r.example.com', data={'e': email})\n"
)
ADMIN = (
    "import logging\n\nimport requests\n\nlogger = logging.getLogger(__name__)\n\n\nclass AdminGrants:\n"
    "    @classmethod\n    def _post(cls, url, data):\n        return requests.post(url, data=data)\n\n"
    "    @classmethod\n    def create_grant(cls, email):\n"
    "        logger.debug(f'[create_grant] granting {email}')\n        return cls._post('https://a.example.com/c', {'e': email})\n\n"
    "    @classmethod\n    def revoke_grant(cls, email):\n"
    "        logger.debug(f'[revoke_grant] revoking {email}')\n        return cls._post('https://a.example.com/r', {'e': email})\n\n"
    "    @classmethod\n    def check(cls, email):\n        return requests.get('https://a.example.com/check', params={'e': email})\n"
)
APP = (
    "from flask import Flask\n\nfrom svc.admin import AdminGrants\nfrom svc.grants import GrantClient\n\n"
    "app = Flask(__name__)\n\n\n@app.route('/grant/<email>')\ndef grant(email):\n"
    "    if not AdminGrants.check(email):\n        return 'no'\n"
    "    client = GrantClient('token')\n    client.create_grant(email)\n    # client.revoke_grant(email)\n    return 'ok'\n"
)
# A route module's view function of the name, which a table of routes imports as a bare name.
VIEWS = (
    "from svc.grants import GrantClient\n\n\ndef revoke_grant(email):\n"
    "    client = GrantClient('token')\n    return client.revoke_grant(email)\n"
)
ROUTES = (
    "from svc.app import app\nfrom svc.views import revoke_grant\n\n"
    "app.add_url_rule('/revoke/<email>', view_func=revoke_grant)\n"
)
ADMIN_POST, CHECK = ("svc/admin.py", 11), ("svc/admin.py", 25)
CREATE, REVOKE = ("svc/grants.py", 9), ("svc/grants.py", 12)


def _found(tmp_path: Path, other: Dict[str, str], app: str = APP) -> set:
    files = {"svc/__init__.py": "", "svc/app.py": app, "svc/admin.py": ADMIN, "svc/grants.py": GRANTS,
             "svc/views.py": VIEWS, "svc/routes.py": ROUTES, **other}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings}


def _app_calling(call: str, module: str, names: str) -> str:
    """APP whose view also calls `call`, imported as `names` from the project module `module`."""
    app = APP.replace("    client.create_grant(email)\n", f"    client.create_grant(email)\n    {call}\n")
    return app.replace("from svc.grants import GrantClient\n", f"from svc.grants import GrantClient\nfrom {module} import {names}\n")


def test_a_method_every_call_of_which_is_another_classs_is_dead(tmp_path: Path) -> None:
    """hypatio's `DBMIAuthz.create_view_permission`: its own log lines, a route module's imported view function
    `remove_view_permission` and a commented-out call hold the names, every call is a `SciAuthZ`'s."""
    found = _found(tmp_path, {})
    assert {CHECK, CREATE, REVOKE} <= found and ADMIN_POST not in found


# A helper that hands the class on as a value: a receiver of no known type may then hold it (accounted_objects.py).
PICK = "from svc.admin import AdminGrants\n\n\ndef pick():\n    return AdminGrants\n"


def test_a_call_on_a_receiver_of_no_known_type_keeps_the_method(tmp_path: Path) -> None:
    helper = "def grant_all(grants, email):\n    return grants.create_grant(email)\n"
    app = _app_calling("grant_all(pick(), email)", "svc.helpers", "grant_all, pick")
    found = _found(tmp_path, {"svc/helpers.py": PICK + "\n\n" + helper}, app)
    assert ADMIN_POST in found


def test_a_call_on_a_receiver_of_no_known_type_reaches_no_class_whose_every_use_is_accounted(tmp_path: Path) -> None:
    """The view calls `AdminGrants.check` on the class itself and nothing hands the class or an object of it on:
    `grants` holds no AdminGrants, and its `create_grant` (with `_post`, only it calls) runs nowhere."""
    helper = "def grant_all(grants, email):\n    return grants.create_grant(email)\n\n\ndef pick():\n    return None\n"
    app = _app_calling("grant_all(pick(), email)", "svc.helpers", "grant_all, pick")
    found = _found(tmp_path, {"svc/helpers.py": helper}, app)
    assert ADMIN_POST not in found and CHECK in found


def test_an_untyped_call_in_a_module_named_after_the_method_keeps_it(tmp_path: Path) -> None:
    """thunderstore's `helper.complete_login()` in `views/complete_login.py` (n52 NE012, true): the module's own top
    level, which the summary holds under the module's name, defines no `complete_login`, so the untyped call names it."""
    helper = PICK + "\n\ndef grant_all(grants, email):\n    return grants.create_grant(email)\n"
    app = _app_calling("grant_all(pick(), email)", "svc.create_grant", "grant_all, pick")
    found = _found(tmp_path, {"svc/create_grant.py": helper}, app)
    assert ADMIN_POST in found


def test_a_getattr_by_the_name_keeps_the_method(tmp_path: Path) -> None:
    helper = "from svc.admin import AdminGrants\n\n\ndef run(action, email):\n    return getattr(AdminGrants, 'create_grant')(email)\n"
    app = _app_calling("run('create', email)", "svc.helpers", "run")
    found = _found(tmp_path, {"svc/helpers.py": helper}, app)
    assert ADMIN_POST in found


def test_an_override_called_through_its_base_stays(tmp_path: Path) -> None:
    """A call typed to the base's `create_grant` may run a subclass's override: the override is live."""
    sub = (
        "import requests\n\nfrom svc.grants import GrantClient\n\n\nclass MirrorClient(GrantClient):\n"
        "    def create_grant(self, email):\n        return requests.put('https://m.example.com', data={'e': email})\n\n\n"
        "def make_client(mirrored) -> GrantClient:\n    return MirrorClient('token') if mirrored else GrantClient('token')\n"
    )
    app = APP.replace("    client = GrantClient('token')\n", "    client = make_client(email.endswith('.org'))\n")
    app = app.replace("from svc.grants import GrantClient\n", "from svc.mirror import make_client\n")
    found = _found(tmp_path, {"svc/mirror.py": sub}, app)
    assert ("svc/mirror.py", 8) in found and CREATE in found


# A module function named like the ORM's `delete`, which other files call only on model rows.
FILES = (
    "import requests\n\n\ndef upload(path):\n    return requests.post('https://f.example.com/' + path)\n\n\n"
    "def delete(path):\n    return requests.delete('https://f.example.com/' + path)\n"
)
MODELS = "from django.db import models\n\n\nclass Team(models.Model):\n    name = models.CharField(max_length=20)\n"
ROWS_APP = (
    "from flask import Flask\n\nfrom svc.files import upload\nfrom svc.models import Team\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/team/<name>')\ndef drop_team(name):\n    team = Team.objects.get(name=name)\n    upload(name)\n"
    "    team.delete()\n    return 'ok'\n"
)
UPLOAD, DELETE = ("svc/files.py", 5), ("svc/files.py", 9)


def _rows(tmp_path: Path, app: str) -> set:
    files = {"svc/__init__.py": "", "svc/app.py": app, "svc/files.py": FILES, "svc/models.py": MODELS}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings}


def test_a_module_function_only_orm_rows_call_a_namesake_of_is_dead(tmp_path: Path) -> None:
    """hypatio's `file_services.delete` beside `team.delete()` on a `Team.objects.get(...)` row in a file that imports
    `host_file` from its module."""
    found = _rows(tmp_path, ROWS_APP)
    assert UPLOAD in found and DELETE not in found


def test_a_call_through_the_module_keeps_the_function(tmp_path: Path) -> None:
    app = ROWS_APP.replace("from svc.files import upload\n", "from svc import files\nfrom svc.files import upload\n")
    found = _rows(tmp_path, app.replace("    team.delete()\n", "    team.delete()\n    files.delete(name)\n"))
    assert {UPLOAD, DELETE} <= found


def test_a_call_on_an_untyped_receiver_keeps_the_function(tmp_path: Path) -> None:
    """`store.delete(...)` on what a parameter holds may be the module itself."""
    app = ROWS_APP.replace("def drop_team(name):\n", "def drop_team(name, store=None):\n")
    found = _rows(tmp_path, app.replace("    team.delete()\n", "    team.delete()\n    store.delete(name)\n"))
    assert {UPLOAD, DELETE} <= found


# A class with no base whose only other mention is a configuration file's label.
VAULT = (
    "import requests\n\n\nclass Vault:\n    def read(self, key):\n        return requests.get('https://v.example.com/' + key)\n\n"
    "    def login(self):\n        return requests.get('https://v.example.com/login')\n"
)
VAULT_APP = (
    "from flask import Flask\n\nfrom svc.vault import Vault\n\napp = Flask(__name__)\n\n\n"
    "@app.route('/secret/<key>')\ndef secret(key):\n    return Vault().read(key)\n"
)
READ, LOGIN = ("svc/vault.py", 6), ("svc/vault.py", 9)


def _vault(tmp_path: Path, config: str) -> set:
    files = {"svc/__init__.py": "", "svc/app.py": VAULT_APP, "svc/vault.py": VAULT}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True, on_disk_only={"secrets.json": config}).findings}


def test_a_configuration_label_loads_no_class(tmp_path: Path) -> None:
    """open-context's `change-secrets.json` "EZID user name" beside an `EZID` whose `get_and_set_ezid_cookie` nothing calls."""
    found = _vault(tmp_path, '{"VAULT_USERNAME": "Vault user name", "VAULT_URL": "Vault service address for reads"}\n')
    assert READ in found and LOGIN not in found


def test_a_configuration_value_naming_the_class_may_load_it(tmp_path: Path) -> None:
    found = _vault(tmp_path, '{"SECRETS_BACKEND": "Vault"}\n')
    assert {READ, LOGIN} <= found
