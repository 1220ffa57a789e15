"""PRR501's dead code: a plain class whose every object a function's local holds only to call methods on
(accounted_objects.py). nadine's `MailgunAPI`: a form builds one to call `validate_address`; its `send` and `get`
run nowhere though other objects' `send(...)`, a manager's `get(...)` and `requests.get(...)` are called all over.
The same class once an object of it (or of a subclass) is returned, stored on `self`, passed on or built by a
classmethod keeps every method an untyped call of its name may reach."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Dict

import pytest

from _serving import analysis_for, run_on_disk

from prr_lint.project import support
from prr_lint.project.accounted_objects import AccountedObjects

CLIENT = (
    "import requests\n\n\nclass MailClient:\n"
    "    BOUNCES = '/bounces'\n\n"
    "    def __init__(self):\n        self.base = 'https://mail.example.com'\n\n"
    "    def verify(self, address):\n"
    "        return requests.get('https://mail.example.com/verify', params={'a': address}).ok\n\n"
    "    def send(self, message):\n"
    "        return requests.post(self.base + '/send', data=message)\n\n"
    "    def get(self, uri):\n"
    "        return requests.get(self.base + uri).json()\n\n\n"
    "def bounces():\n    return api.get(MailClient.BOUNCES)\n"
)
VERIFY, SEND, GET = ("svc/mail.py", 11), ("svc/mail.py", 14), ("svc/mail.py", 17)
# Live code full of untyped calls of the names: a signal's send, a dict's get, requests' get.
APP = (
    "import requests\nfrom flask import Flask, request\n\nfrom svc.mail import MailClient\n\n"
    "app = Flask(__name__)\n\n\n"
    "def check(address):\n    client = MailClient()\n    if not client.verify(address):\n        raise ValueError(address)\n"
    "    return address\n\n\n"
    "@app.route('/signup', methods=['POST'])\ndef signup():\n"
    "    address = check(request.form.get('email'))\n"
    "    hook = request.environ.get('hook')\n    hook.send(address)\n"
    "    return requests.get('https://audit.example.com', params={'a': address}, timeout=5).text\n"
)


def _found(tmp_path: Path, app: str = APP, other: Dict[str, str] = {}) -> set:
    files = {"svc/__init__.py": "", "svc/app.py": app, "svc/mail.py": CLIENT, **other}
    return {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True).findings}


def test_methods_no_accounted_receiver_calls_are_dead(tmp_path: Path) -> None:
    found = _found(tmp_path)
    assert VERIFY in found and SEND not in found and GET not in found


def test_a_construction_called_on_directly_reaches_that_method(tmp_path: Path) -> None:
    app = APP.replace("    hook.send(address)\n", "    hook.send(address)\n    MailClient().send({'to': address})\n")
    found = _found(tmp_path, app)
    assert {VERIFY, SEND} <= found and GET not in found


def test_what_a_called_method_calls_through_self_is_reached(tmp_path: Path) -> None:
    client = CLIENT.replace("params={'a': address}).ok\n", "params={'a': address}).ok and bool(self.get('/ok'))\n")
    found = _found(tmp_path, other={"svc/mail.py": client})
    assert {VERIFY, GET} <= found and SEND not in found


def test_text_files_naming_the_methods_hold_no_object(tmp_path: Path) -> None:
    """nadine's scripts and templates hold `send` and `get` (`xhr.send(body)`, `{{ row.get }}`): none holds a MailClient."""
    on_disk = {"svc/static/app.js": "xhr.send(body);\n$.get('/stats');\n", "svc/templates/row.html": "{{ row.get('name') }}\n"}
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/mail.py": CLIENT}
    found = {(f.path, f.span.line) for f in run_on_disk(tmp_path, files, whole_project=True, on_disk_only=on_disk).findings}
    assert VERIFY in found and SEND not in found and GET not in found


def _kept(tmp_path: Path, app: str = APP, client: str = CLIENT) -> None:
    found = _found(tmp_path, app, {"svc/mail.py": client})
    assert {VERIFY, SEND, GET} <= found


def test_a_returned_object_keeps_every_method(tmp_path: Path) -> None:
    app = APP.replace("    return address\n\n\n@app", "    return address\n\n\ndef mailer():\n    return MailClient()\n\n\n@app")
    _kept(tmp_path, app.replace("    hook.send(address)\n", "    hook.send(address)\n    mailer()\n"))


def test_an_object_stored_on_self_keeps_every_method(tmp_path: Path) -> None:
    holder = "from svc.mail import MailClient\n\n\nclass Holder:\n    def __init__(self):\n        self.mail = MailClient()\n"
    app = APP.replace("    hook.send(address)\n", "    hook.send(address)\n    Holder()\n")
    app = app.replace("from svc.mail import MailClient\n", "from svc.holder import Holder\nfrom svc.mail import MailClient\n")
    found = _found(tmp_path, app, {"svc/holder.py": holder})
    assert {VERIFY, SEND, GET} <= found


def test_an_object_passed_on_keeps_every_method(tmp_path: Path) -> None:
    app = APP.replace("    if not client.verify(address):\n", "    audit(client)\n    if not client.verify(address):\n")
    _kept(tmp_path, app.replace("app = Flask(__name__)\n", "app = Flask(__name__)\n\n\ndef audit(thing):\n    return thing\n"))


def test_a_subclass_whose_object_is_handed_on_keeps_every_method(tmp_path: Path) -> None:
    app = APP + "\n\nclass LoudClient(MailClient):\n    pass\n\n\ndef loud():\n    return LoudClient()\n"
    _kept(tmp_path, app.replace("    hook.send(address)\n", "    hook.send(address)\n    loud()\n"))


def test_a_subclass_nothing_builds_holds_no_object(tmp_path: Path) -> None:
    found = _found(tmp_path, APP + "\n\nclass LoudClient(MailClient):\n    pass\n")
    assert VERIFY in found and SEND not in found and GET not in found


def test_a_subclass_a_local_holds_and_classmethods_called_on_the_class_reach_only_their_methods(tmp_path: Path) -> None:
    """OpenCEX's `OtcOrdersUpdater`: views call its classmethods on the class (`make_price`), a stack processor builds
    its `OtcOrdersBulkUpdater` into a local to `start()`; its `get_price`, which only an uncalled classmethod calls,
    is no gas price cache's `get_price` that other receivers call."""
    client = CLIENT.replace("    def verify(self, address):\n", "    @classmethod\n    def check(cls, address):\n"
                            "        return cls.verify(None, address)\n\n    def verify(self, address):\n")
    bulk = ("from svc.mail import MailClient\n\n\nclass BulkClient(MailClient):\n    def run(self, address):\n"
            "        return super().verify(address)\n\n\ndef bulk(address):\n    client = BulkClient()\n    return client.run(address)\n")
    app = APP.replace("    client = MailClient()\n    if not client.verify(address):\n", "    if not MailClient.check(address):\n")
    app = app.replace("    hook.send(address)\n", "    hook.send(address)\n    bulk(address)\n")
    app = app.replace("from svc.mail import MailClient\n", "from svc.bulk import bulk\nfrom svc.mail import MailClient\n")
    found = _found(tmp_path, app, {"svc/mail.py": client, "svc/bulk.py": bulk})
    assert (VERIFY[0], VERIFY[1] + 4) in found and (SEND[0], SEND[1] + 4) not in found and (GET[0], GET[1] + 4) not in found


@pytest.mark.parametrize("through", ["self", "super()"])
def test_a_subclass_method_a_local_calls_reaches_what_it_calls_through_self(tmp_path: Path, through: str) -> None:
    bulk = ("from svc.mail import MailClient\n\n\nclass BulkClient(MailClient):\n    def run(self, message):\n"
            f"        return {through}.send(message)\n\n\ndef bulk(message):\n    client = BulkClient()\n    return client.run(message)\n")
    app = APP.replace("    hook.send(address)\n", "    hook.send(address)\n    bulk(address)\n")
    app = app.replace("from svc.mail import MailClient\n", "from svc.bulk import bulk\nfrom svc.mail import MailClient\n")
    found = _found(tmp_path, app, {"svc/bulk.py": bulk})
    assert {VERIFY, SEND} <= found and GET not in found


def test_a_method_two_subclasses_define_reaches_what_either_calls(tmp_path: Path) -> None:
    """`run` on an object of the family may be either subclass's: what each reads through `super()` counts."""
    bulk = ("from svc.mail import MailClient\n\n\nclass BulkClient(MailClient):\n    def run(self, message):\n"
            "        return super().send(message)\n\n\ndef bulk(message):\n    client = BulkClient()\n    return client.run(message)\n")
    client = CLIENT + "\n\nclass QuietClient(MailClient):\n    def run(self, message):\n        return None\n"
    app = APP.replace("    hook.send(address)\n", "    hook.send(address)\n    bulk(address)\n")
    app = app.replace("from svc.mail import MailClient\n", "from svc.bulk import bulk\nfrom svc.mail import MailClient\n")
    found = _found(tmp_path, app, {"svc/bulk.py": bulk, "svc/mail.py": client})
    assert {VERIFY, SEND} <= found and GET not in found


def test_a_namesake_of_a_subclass_elsewhere_is_no_member(tmp_path: Path) -> None:
    """A class named like a subclass, in another module, whose base the index cannot read is checked as a use of the
    class's name: it hands its objects on."""
    client = CLIENT + "\n\nclass LoudClient(MailClient):\n    pass\n"
    plugin = ("import sys\n\nHOOKS = []\n\n\nclass LoudClient(sys.modules['svc.mail'].MailClient):\n"
              "    def __init__(self):\n        HOOKS.append(self)\n")
    app = APP.replace("    hook.send(address)\n", "    from svc import plugin\n    plugin.LoudClient()\n"
                      "    for hook in plugin.HOOKS:\n        hook.send(address)\n")
    found = _found(tmp_path, app, {"svc/mail.py": client, "svc/plugin.py": plugin})
    assert {VERIFY, SEND, GET} <= found


REGISTRY = "REGISTRY = []\n\n\ndef register(kind):\n    REGISTRY.append(kind)\n    return kind\n\n\n"
METACLASS = "class Registered(type):\n    def __init__(cls, *args):\n        super().__init__(*args)\n        REGISTRY.append(cls)\n\n\n"
VERIFIED = "\n\ndef loud(address):\n    client = LoudClient()\n    return client.verify(address)\n"
# A subclass that hands its objects (or itself) on where no use of its name shows it, though a local builds it.
SUBCLASSES = {
    "decorated": ("svc/loud.py", REGISTRY + "@register\nclass LoudClient(MailClient):\n    pass\n" + VERIFIED),
    "metaclass": ("svc/loud.py", REGISTRY + METACLASS + "class LoudClient(MailClient, metaclass=Registered):\n    pass\n" + VERIFIED),
    "library base": ("svc/loud.py", "import threading\n\n\nclass LoudClient(MailClient, threading.Thread):\n"
                     "    def run(self):\n        self.send({'to': 'ops'})\n\n\n"
                     "def loud():\n    client = LoudClient()\n    client.start()\n"),
    "in a test module": ("tests/test_loud.py", "HOOKS = []\n\n\nclass LoudClient(MailClient):\n    pass\n\n\n"
                         "def test_hook():\n    HOOKS.append(LoudClient())\n"),
}


@pytest.mark.parametrize("kind", sorted(SUBCLASSES))
def test_a_subclass_not_accounted_for_keeps_every_method(tmp_path: Path, kind: str) -> None:
    """Kept end to end (hooked_classes.py keeps a registered family's methods too), and by the check itself."""
    path, body = SUBCLASSES[kind]
    files = {"svc/__init__.py": "", "svc/app.py": APP, "svc/mail.py": CLIENT, path: "from svc.mail import MailClient\n\n\n" + body}
    found = _found(tmp_path, other={path: files[path]})
    assert {VERIFY, SEND, GET} <= found
    analysis = analysis_for(files)
    tests = support.test_modules(analysis.index)
    words = {module.path: module.words for name, module in analysis.index.modules.items() if name not in tests}
    trees = {path: ast.parse(text) for path, text in files.items()}
    accounted = AccountedObjects(analysis.index, tests, words, trees.get, lambda cls: False)
    assert accounted.reached("svc.mail.MailClient") is None


def test_a_classmethod_factory_keeps_every_method(tmp_path: Path) -> None:
    client = CLIENT.replace("    def verify(self", "    @classmethod\n    def create(cls):\n        return cls()\n\n    def verify(self")
    app = APP.replace("    client = MailClient()\n", "    client = MailClient.create()\n")
    found = _found(tmp_path, app, {"svc/mail.py": client})
    assert {(path, line + 4) for path, line in (VERIFY, SEND, GET)} <= found


@pytest.mark.parametrize("built", ["[k() for k in cls.__subclasses__()]", "[cls.mro()[0]()]"])
def test_a_classmethod_building_objects_of_its_kin_keeps_every_method(tmp_path: Path, built: str) -> None:
    """A plug-in registry: `every()` builds an object of each subclass (or, through `mro()`, of the class)."""
    client = CLIENT.replace("    def verify(self, address):\n", "    @classmethod\n    def every(cls):\n"
                            f"        return {built}\n\n    def verify(self, address):\n")
    client += "\n\nclass LoudClient(MailClient):\n    pass\n"
    app = APP.replace("    hook.send(address)\n", "    for hook in MailClient.every():\n        hook.send(address)\n")
    found = _found(tmp_path, app, {"svc/mail.py": client})
    assert {(path, line + 4) for path, line in (VERIFY, SEND, GET)} <= found


def test_a_method_that_hands_itself_on_keeps_every_method(tmp_path: Path) -> None:
    client = CLIENT.replace("    def verify(self, address):\n", "    def verify(self, address):\n        REGISTRY.append(self)\n")
    client = client.replace("class MailClient:", "REGISTRY = []\n\n\nclass MailClient:")
    found = _found(tmp_path, other={"svc/mail.py": client})
    assert {(path, line + 4) for path, line in (SEND, GET)} <= found


def test_a_local_handed_on_by_locals_keeps_every_method(tmp_path: Path) -> None:
    app = APP.replace("    return address\n\n\n@app", "    page = dict(locals())\n    return address\n\n\n@app")
    _kept(tmp_path, app)
