"""A class a function's body imports is imported, not loaded by name (typed_calls.py `_naming`): a factory that
imports the configured storage backend where it builds it (`from s3store import S3Store`, by the shorter name of a
flat container layout) names the class in code, so a framework may not call its public methods; a method whose name
only the backends' base and its overrides define is dead (unused_names.py). The base's own call of it (a template
method), a `getattr` string, and a class a string does load (a dotted path a settings dict holds) keep it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import run_on_disk

APP = (
    "from flask import Flask\n\nKIND = 's3'\napp = Flask(__name__)\n\n\n"
    "def backend():\n    if KIND == 's3':\n        from s3store import S3Store\n        return S3Store('https://s3.example.com')\n"
    "    from davstore import DavStore\n    return DavStore('https://dav.example.com')\n\n\n"
    "@app.route('/status')\ndef status():\n    return str(backend().status())\n"
)
BASE = (
    "from abc import ABCMeta, abstractmethod\n\n\nclass Store(object):\n    __metaclass__ = ABCMeta\n\n"
    "    @abstractmethod\n    def status(self):\n        pass\n\n"
    "    @abstractmethod\n    def list_users(self):\n        pass\n"
)
S3 = (
    "import requests\nfrom store import Store\n\n\nclass S3Store(Store):\n"
    "    def __init__(self, url):\n        self.url = url\n\n"
    "    def status(self):\n        return requests.head(self.url).ok\n\n"
    "    def list_users(self):\n        return requests.get(self.url + '/users').json()\n"
)
DAV = S3.replace("S3Store", "DavStore")
STATUS, LIST_USERS = 10, 13


def _found(tmp_path: Path, **changed: str) -> Dict[str, set]:
    """The lines PRR501 reports in each backend module."""
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/store.py": BASE, "svc/s3store.py": S3, "svc/davstore.py": DAV}
    files.update({f"svc/{name}.py": text for name, text in changed.items()})
    found: Dict[str, set] = {"svc/s3store.py": set(), "svc/davstore.py": set()}
    for finding in run_on_disk(tmp_path, files, whole_project=True).findings:
        if finding.rule == "PRR501" and finding.path in found:
            found[finding.path].add(finding.span.line)
    return found


def test_a_method_only_the_base_and_its_overrides_define_is_dead(tmp_path: Path) -> None:
    assert _found(tmp_path) == {"svc/s3store.py": {STATUS}, "svc/davstore.py": {STATUS}}


def test_the_base_calling_it_keeps_it(tmp_path: Path) -> None:
    """A template method: the base's own `self.list_users()` runs every override."""
    base = BASE + "\n    def user_count(self):\n        return len(self.list_users())\n"
    assert _found(tmp_path, store=base) == {"svc/s3store.py": {STATUS, LIST_USERS}, "svc/davstore.py": {STATUS, LIST_USERS}}


def test_a_getattr_string_keeps_it(tmp_path: Path) -> None:
    app = APP + "\n\n@app.route('/users')\ndef users():\n    return str(getattr(backend(), 'list_users')())\n"
    assert _found(tmp_path, app=app) == {"svc/s3store.py": {STATUS, LIST_USERS}, "svc/davstore.py": {STATUS, LIST_USERS}}


def test_a_class_a_string_loads_may_have_its_public_methods_called_by_its_loader(tmp_path: Path) -> None:
    """A dotted path in a string is no import: the loader it is handed to may call `list_users`."""
    app = APP.replace("        from s3store import S3Store\n        return S3Store(",
                      "        return import_string(BACKENDS['s3'])(").replace(
        "from flask import Flask\n", "from flask import Flask\nfrom werkzeug.utils import import_string\n\nBACKENDS = {'s3': 'svc.s3store.S3Store'}\n")
    assert _found(tmp_path, app=app) == {"svc/s3store.py": {STATUS, LIST_USERS}, "svc/davstore.py": {STATUS}}
