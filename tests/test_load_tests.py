"""A locust load test is test code (paths.py `is_test_code`, support.py `test_modules`): its users run
against the service from another process, so a helper only the load test calls is dead for PRR501
(dead_code.py), wherever the locustfile lives; a helper the service also calls stays reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk
from prr_lint.paths import is_test_code

APP = "from flask import Flask\nfrom svc import users\n\napp = Flask(__name__)\n\n@app.get('/a')\ndef a():\n    return {CALL}\n"
USERS = (
    "import requests\n\ndef create_user(name):\n    return requests.post('https://idp/users', json=name, timeout=5).json()\n\n"
    "def sign_in(name):\n    return requests.post('https://idp/sign-in', json=name).json()\n"
)
SIGN_IN = ("svc/users.py", 7)
LOAD_TEST = (
    "from locust import HttpUser, task\nfrom svc import users\n\nclass Mapper(HttpUser):\n"
    "    def on_start(self):\n        self.token = users.sign_in('load')\n\n"
    "    @task\n    def browse(self):\n        self.client.get('/a')\n"
)


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/users.py": USERS, **files}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings)


def test_importing_locust_makes_test_code() -> None:
    assert is_test_code("load/mapping.py", ["locust.HttpUser", "svc.users"])
    assert not is_test_code("svc/views.py", ["locustio_stats", "flask.Flask"])


def test_a_helper_only_a_load_test_calls_is_dead(tmp_path: Path) -> None:
    """mapswipe's `sign_in_with_email_and_password`, called only by `locust_files/load_testing.py`."""
    files = {"svc/app.py": APP.replace("{CALL}", "users.create_user('a')"), "load_files/mapping.py": LOAD_TEST}
    assert _found(tmp_path, files) == []


def test_a_helper_the_service_calls_too_stays(tmp_path: Path) -> None:
    files = {"svc/app.py": APP.replace("{CALL}", "users.sign_in('a')"), "load_files/mapping.py": LOAD_TEST}
    assert _found(tmp_path, files) == [SIGN_IN]


def test_a_user_through_a_project_base_is_test_code_too(tmp_path: Path) -> None:
    """A locustfile that imports only the project's own `HttpUser` subclass."""
    base = "from locust import HttpUser\n\nclass BaseUser(HttpUser):\n    abstract = True\n"
    user = ("from load_files.base import BaseUser\nfrom svc import users\n\nclass Mapper(BaseUser):\n"
            "    def on_start(self):\n        self.token = users.sign_in('load')\n")
    files = {"svc/app.py": APP.replace("{CALL}", "users.create_user('a')"), "load_files/__init__.py": "",
             "load_files/base.py": base, "load_files/mapping.py": user}
    assert _found(tmp_path, files) == []
