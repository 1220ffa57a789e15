"""PRR501 and PRR505 in a branch no caller's literal argument takes (rules/param_guards.py, project/param_guards.py):
`if commit:` when every caller passes `commit=False`, `else:` of `if not files:` when the handler passes `[]`,
`elif method.lower() == "delete":` when no caller passes "delete". A caller that passes a variable, a default that
takes the branch, or a caller on the loop that takes it keeps the finding; a test's call does not count."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import jobs_for
from conftest import REGISTRY
from prr_lint.config import Settings
from prr_lint.engine import Plan
from prr_lint.rules.param_guards import holds
from prr_lint.runner import run_jobs

_LICENSE = (
    "from sqlalchemy.orm import Session\n\n\n"
    "def upsert_license(db_session: Session, data: str, commit: bool = True):\n"
    "    db_session.add(data)\n"
    "    if commit:\n"
    "        db_session.commit()\n"  # line 7
    "    else:\n"
    "        db_session.flush()\n"  # line 9
)
_API = (
    "from fastapi import APIRouter\nfrom sqlalchemy.orm import Session\nfrom svc.db import upsert_license\n"
    "router = APIRouter()\n\n\n"
    "@router.post('/license')\nasync def claim(db_session: Session, data: str):\n"
    "    upsert_license(db_session, data, commit=False)\n    return {}\n"
)
_SEED = "from svc.db import upsert_license\n\n\ndef main(db_session):\n    upsert_license(db_session, 'x')\n"
_KEYCLOAK = (
    "import requests\n\n\nclass Keycloak:\n"
    "    def _request(self, method, url, retry=False):\n"
    "        if method.lower() == 'get':\n            response = requests.get(url)\n"  # line 7
    "        elif method.lower() == 'delete':\n            response = requests.delete(url)\n"  # line 9
    "        else:\n            raise ValueError(method)\n"
    "        if response.status_code == 401 and not retry:\n            return self._request(method, url, retry=True)\n"
    "        return response\n\n"
    "    def find(self, url):\n        return self._request('get', url)\n"
)


def _findings(tmp_path: Path, files: Dict[str, str], code: str) -> List[Tuple[str, int]]:
    plan = Plan(Settings(root=tmp_path, scope="all"), tuple(REGISTRY.select([code], [], [])))
    jobs = jobs_for({"svc/__init__.py": "", **files})
    return sorted((finding.path, finding.span.line) for finding in run_jobs(jobs, plan, 1).findings)


def test_a_commit_every_caller_on_the_loop_turns_away_does_not_block_it(tmp_path: Path) -> None:
    files = {"svc/db.py": _LICENSE, "svc/api.py": _API, "svc/seed.py": _SEED}
    assert ("svc/db.py", 7) not in _findings(tmp_path, files, "PRR505")
    assert ("svc/db.py", 9) in _findings(tmp_path, files, "PRR505")


def test_a_caller_on_the_loop_that_passes_a_variable_keeps_the_commit(tmp_path: Path) -> None:
    api = _API.replace("commit=False", "commit=data == 'x'")
    assert ("svc/db.py", 7) in _findings(tmp_path, {"svc/db.py": _LICENSE, "svc/api.py": api}, "PRR505")


def test_a_default_that_takes_the_branch_keeps_the_commit(tmp_path: Path) -> None:
    api = _API.replace(", commit=False", "")
    assert ("svc/db.py", 7) in _findings(tmp_path, {"svc/db.py": _LICENSE, "svc/api.py": api}, "PRR505")


def test_the_else_of_an_empty_list_test_that_the_handler_turns_away_is_not_on_the_loop(tmp_path: Path) -> None:
    sender = ("import pycurl\n\n\ndef send(message, files):\n    c = pycurl.Curl()\n    if not files:\n        c.perform()\n"
              "    else:\n        for f in files:\n            c.perform()\n")
    handler = ("from fastapi import APIRouter\nfrom svc.send import send\nrouter = APIRouter()\n\n\n"
               "@router.post('/test')\nasync def test_message(message: str):\n    send(message, [])\n    return {}\n")
    assert _findings(tmp_path, {"svc/send.py": sender, "svc/api.py": handler}, "PRR505") == [("svc/send.py", 7)]
    handler = handler.replace("send(message, [])", "send(message, [message])")
    assert _findings(tmp_path, {"svc/send.py": sender, "svc/api.py": handler}, "PRR505") == [("svc/send.py", 10)]  # and the `if not files:` body is turned away


def test_a_method_no_caller_passes_is_not_reported(tmp_path: Path) -> None:
    assert _findings(tmp_path, {"svc/keycloak.py": _KEYCLOAK}, "PRR501") == [("svc/keycloak.py", 7)]


def test_a_caller_that_passes_the_method_keeps_its_branch(tmp_path: Path) -> None:
    source = _KEYCLOAK + "\n    def remove(self, url):\n        return self._request('DELETE', url)\n"
    assert _findings(tmp_path, {"svc/keycloak.py": source}, "PRR501") == [("svc/keycloak.py", 7), ("svc/keycloak.py", 9)]
    source = _KEYCLOAK + "\n    def call(self, verb, url):\n        return self._request(verb, url)\n"
    assert _findings(tmp_path, {"svc/keycloak.py": source}, "PRR501") == [("svc/keycloak.py", 7), ("svc/keycloak.py", 9)]


def test_a_dry_run_only_tests_pass_is_not_reported(tmp_path: Path) -> None:
    deposit = ("import requests\n\n\ndef deposit(url, dry_run=False):\n    requests.post(url, timeout=5)\n"
               "    if dry_run:\n        requests.delete(url)\n\n\ndef submit(url):\n    deposit(url)\n")
    test = "from svc.deposit import deposit\n\n\ndef test_deposit():\n    deposit('http://x', dry_run=True)\n"
    assert _findings(tmp_path, {"svc/deposit.py": deposit, "tests/test_deposit.py": test}, "PRR501") == []
    submit = deposit.replace("    deposit(url)\n", "    deposit(url, dry_run=True)\n")
    assert _findings(tmp_path, {"svc/deposit.py": submit, "tests/test_deposit.py": test}, "PRR501") == [("svc/deposit.py", 7)]


_PROTOCOL = (
    "class Protocol:\n"
    "    def submit(self, pdf, form, dry_run=False):\n        raise NotImplementedError\n\n"
    "    def submit_wrapper(self, *args, **kwargs):\n        return self.submit(*args, **kwargs)\n"
)
_ZENODO = (
    "import requests\nfrom svc.protocol import Protocol\n\n\nclass Zenodo(Protocol):\n"
    "    def submit(self, pdf, form, dry_run=False):\n        requests.put(pdf, timeout=5)\n"
    "        if dry_run:\n            requests.delete(pdf)\n"  # line 9
)
_VIEW = "def deposit(repository, path, form):\n    protocol = repository.protocol_for()\n    return protocol.submit_wrapper(path, form)\n"


def test_a_dry_run_behind_a_wrapper_that_forwards_its_arguments_is_not_reported(tmp_path: Path) -> None:
    """dissemin E072/E082/E089: the view calls the base class's `submit_wrapper(*args, **kwargs)` on a protocol of no
    known type, which calls `self.submit(*args, **kwargs)`; the subclass's override is what runs."""
    files = {"svc/protocol.py": _PROTOCOL, "svc/zenodo.py": _ZENODO, "svc/views.py": _VIEW}
    assert _findings(tmp_path, files, "PRR501") == []


def test_a_caller_of_the_wrapper_that_takes_the_dry_run_keeps_it(tmp_path: Path) -> None:
    for call in ("path, form, dry_run=True", "path, form, True", "path, form, dry_run=path == 'x'", "*[path, form, True]"):
        view = _VIEW.replace("path, form)", f"{call})")
        files = {"svc/protocol.py": _PROTOCOL, "svc/zenodo.py": _ZENODO, "svc/views.py": view}
        assert _findings(tmp_path, files, "PRR501") == [("svc/zenodo.py", 9)], call


def test_a_wrapper_that_unpacks_something_else_keeps_the_dry_run(tmp_path: Path) -> None:
    protocol = _PROTOCOL.replace("self.submit(*args, **kwargs)", "self.submit(*self.saved)")
    files = {"svc/protocol.py": protocol, "svc/zenodo.py": _ZENODO, "svc/views.py": _VIEW}
    assert _findings(tmp_path, files, "PRR501") == [("svc/zenodo.py", 9)]


def test_a_plain_function_that_forwards_keeps_its_callers_deciding(tmp_path: Path) -> None:
    deposit = ("import requests\n\n\ndef deposit(url, dry_run=False):\n    if dry_run:\n        requests.delete(url)\n\n\n"  # line 6
               "def submit(name, *args, **kwargs):\n    return deposit(*args, **kwargs)\n\n\n"
               "def view(url):\n    return submit('x', url)\n")
    assert _findings(tmp_path, {"svc/deposit.py": deposit}, "PRR501") == []
    for call in ("submit('x', url, True)", "submit('x', url, dry_run=True)"):
        source = deposit.replace("submit('x', url)", call)
        assert _findings(tmp_path, {"svc/deposit.py": source}, "PRR501") == [("svc/deposit.py", 6)], call
    cycle = deposit.replace("    return deposit(*args, **kwargs)\n", "    if name:\n        return submit(*args, **kwargs)\n    return deposit(*args, **kwargs)\n")
    assert _findings(tmp_path, {"svc/deposit.py": cycle}, "PRR501") == [("svc/deposit.py", 6)]  # a cycle tells nothing


def test_a_loop_over_a_list_every_caller_leaves_empty_does_not_run(tmp_path: Path) -> None:
    fetch = ("import requests\n\n\ndef save(urls, blobs):\n    for url in urls:\n        requests.get(url)\n"  # line 6
             "    return [blob for blob in blobs]\n\n\ndef handler(images):\n    return save(urls=[], blobs=images)\n")
    assert _findings(tmp_path, {"svc/fetch.py": fetch}, "PRR501") == []
    rebound = fetch.replace("    for url in urls:\n", "    urls = urls or ['http://default']\n    for url in urls:\n")
    assert _findings(tmp_path, {"svc/fetch.py": rebound}, "PRR501") == [("svc/fetch.py", 7)]  # the caller's [] no longer decides
    for call in ("save(urls=['http://x'], blobs=images)", "save(urls=images, blobs=[])"):
        source = fetch.replace("save(urls=[], blobs=images)", call)
        assert _findings(tmp_path, {"svc/fetch.py": source}, "PRR501") == [("svc/fetch.py", 6)], call


_DELETE = (
    "import requests\n\n\ndef delete_json(url, headers=None, data=None):\n"
    "    if headers and data:\n        return requests.delete(url, headers=headers, json=data, timeout=5)\n"
    "    elif headers:\n        return requests.delete(url, headers=headers, timeout=5)\n"
    "    else:\n        return requests.delete(url)\n"  # line 10
)
_BEACON = (
    "from svc.client import delete_json\n\n\nclass Beacon:\n"
    "    def remove(self, url, token):\n        headers = {'X-Auth-Token': token}\n"
    "        return delete_json(url=url, headers=headers)\n"
)


def test_a_local_every_caller_binds_to_a_non_empty_dict_never_takes_the_no_headers_branch(tmp_path: Path) -> None:
    """scout K039: both callers bind `headers = {"X-Auth-Token": ...}` in their body, then pass it; adding items
    to it does not empty it."""
    assert _findings(tmp_path, {"svc/client.py": _DELETE, "svc/beacon.py": _BEACON}, "PRR501") == []
    grown = _BEACON.replace("        return delete_json", "        headers['Accept'] = 'json'\n        return delete_json")
    assert _findings(tmp_path, {"svc/client.py": _DELETE, "svc/beacon.py": grown}, "PRR501") == []
    replaced = _BEACON.replace("        headers = {", "        headers = self.make_headers()\n        headers = {")
    assert _findings(tmp_path, {"svc/client.py": _DELETE, "svc/beacon.py": replaced}, "PRR501") == []  # the last line before the call


def test_a_local_that_may_be_empty_when_passed_keeps_the_no_headers_branch(tmp_path: Path) -> None:
    """The true side: an empty dict that only some requests fill, a dict something deletes from, a name bound in a
    branch, or rebound after a literal, may reach the call empty."""
    bindings = (
        "        headers = {}\n        if token:\n            headers['X-Auth-Token'] = token\n",
        "        headers = {'X-Auth-Token': token}\n        del headers['X-Auth-Token']\n",
        "        if token:\n            headers = {'X-Auth-Token': token}\n        else:\n            headers = None\n",
        "        headers = {'X-Auth-Token': token}\n        headers = self.saved\n",
        "        headers = {'X-Auth-Token': token}\n        headers.clear()\n",
        "        headers = {'X-Auth-Token': token}\n        for headers in self.saved:\n            pass\n",
    )
    for binding in bindings:
        beacon = _BEACON.replace("        headers = {'X-Auth-Token': token}\n", binding)
        assert _findings(tmp_path, {"svc/client.py": _DELETE, "svc/beacon.py": beacon}, "PRR501") == [("svc/client.py", 10)], binding
    later = _BEACON.replace("        headers = {'X-Auth-Token': token}\n", "        headers = self.saved\n").replace(
        "headers=headers)\n", "headers=headers)\n        headers = {'X-Auth-Token': token}\n")
    assert _findings(tmp_path, {"svc/client.py": _DELETE, "svc/beacon.py": later}, "PRR501") == [("svc/client.py", 10)]


_SEND = (
    "import requests\n\n\ndef send(url, request_type, data=None):\n    request_type = request_type.upper()\n"
    "    session = requests.Session()\n    if request_type == 'POST':\n        return session.post(url, json=data, timeout=5)\n"
    "    elif request_type == 'GET':\n        return session.get(url)\n"  # line 10
)
_REAUTH = "from svc.send import send\n\n\ndef send_again(url, request_type, data=None):\n    return send(url, request_type=request_type, data=data)\n"
_USES = (
    "from svc.send import send\nfrom svc.reauth import send_again\n\n\n"
    "def convert(url, data):\n    return send(url, request_type='POST', data=data)\n\n\n"
    "def convert_again(url, data):\n    return send_again(url, 'post', data)\n"
)


def test_a_method_no_caller_passes_through_a_wrapper_that_passes_it_on_is_not_reported(tmp_path: Path) -> None:
    """phdi K019's mechanism: every call passes "POST", one through a wrapper that passes its own `request_type` on,
    and the helper upper-cases it before testing for "GET"."""
    files = {"svc/send.py": _SEND, "svc/reauth.py": _REAUTH, "svc/uses.py": _USES}
    assert _findings(tmp_path, files, "PRR501") == []


def test_a_get_that_a_caller_of_the_wrapper_passes_keeps_the_branch(tmp_path: Path) -> None:
    for uses in (_USES.replace("'post'", "'get'"), _USES.replace("'post'", "data['verb']")):
        files = {"svc/send.py": _SEND, "svc/reauth.py": _REAUTH, "svc/uses.py": uses}
        assert _findings(tmp_path, files, "PRR501") == [("svc/send.py", 10)], uses
    rebinding = _REAUTH.replace("    return send(", "    request_type = request_type.split()[0]\n    return send(")
    files = {"svc/send.py": _SEND, "svc/reauth.py": rebinding, "svc/uses.py": _USES}
    assert _findings(tmp_path, files, "PRR501") == [("svc/send.py", 10)]  # no longer the value its callers pass
    shadowed = _REAUTH.replace("    return send(url, request_type=request_type, data=data)\n",
                               "    return [send(url, request_type=request_type) for request_type in data]\n")
    files = {"svc/send.py": _SEND, "svc/reauth.py": shadowed, "svc/uses.py": _USES}
    assert _findings(tmp_path, files, "PRR501") == [("svc/send.py", 10)]  # the comprehension's own name
    unfolded = _SEND.replace("request_type.upper()", "normalise(request_type)")
    files = {"svc/send.py": unfolded, "svc/reauth.py": _REAUTH, "svc/uses.py": _USES}
    assert _findings(tmp_path, files, "PRR501") == [("svc/send.py", 10)]  # a rebinding that is no case fold


def test_a_wrapper_that_takes_items_out_of_its_parameter_does_not_pass_on_its_callers_value(tmp_path: Path) -> None:
    """A wrapper passing its own `headers` on hands over the callers' non-empty dicts, unless it may empty them first."""
    wrapper = ("from svc.client import delete_json\n\n\ndef delete_plain(url, headers):\n"
               "    return delete_json(url, headers=headers)\n\n\ndef remove(url, token):\n"
               "    return delete_plain(url, {'X-Auth-Token': token})\n")
    assert _findings(tmp_path, {"svc/client.py": _DELETE, "svc/wrap.py": wrapper}, "PRR501") == []
    popping = wrapper.replace("    return delete_json(", "    headers.pop('X-Auth-Token', None)\n    return delete_json(")
    assert _findings(tmp_path, {"svc/client.py": _DELETE, "svc/wrap.py": popping}, "PRR501") == [("svc/client.py", 10)]


_KEYSEND = (
    "import grpc\nfrom protos import lightning_pb2 as ln, lightning_pb2_grpc as lnrpc\n\n"
    "STUB = lnrpc.LightningStub(grpc.insecure_channel('lnd:10009'))\n\n\n"
    "def send_keysend(pubkey, message, sign=True):\n"
    "    if sign:\n"
    "        alias = STUB.GetInfo(ln.GetInfoRequest()).alias\n"  # line 9
    "        message = STUB.SignMessage(ln.SignMessageRequest(msg=message.encode())).signature\n"  # line 10
    "    return STUB.SendPaymentSync(ln.SendRequest(dest=pubkey, payment_request=message), timeout=30)\n"
)
_DONATE = (
    "from fastapi import APIRouter\nfrom svc.node import send_keysend\n\nrouter = APIRouter()\n\n\n"
    "@router.post('/donate')\ndef donate(pubkey: str):\n    sign = False\n    return send_keysend(pubkey, 'thanks', sign)\n"
)


def test_a_grpc_call_in_a_branch_every_caller_turns_away_with_a_local_literal_is_not_reported(tmp_path: Path) -> None:
    """robosats' `send_keysend`: `GetInfo` and `SignMessage` run only under `if sign:`, and its only caller passes
    `sign = False` through a local it binds once; PRR502 weighs the guard as PRR501 does."""
    assert _findings(tmp_path, {"svc/node.py": _KEYSEND, "svc/api.py": _DONATE}, "PRR502") == []


def test_a_caller_that_signs_keeps_the_grpc_calls_of_the_branch(tmp_path: Path) -> None:
    api = _DONATE.replace("sign = False", "sign = pubkey.startswith('02')")
    assert _findings(tmp_path, {"svc/node.py": _KEYSEND, "svc/api.py": api}, "PRR502") == [("svc/node.py", 9), ("svc/node.py", 10)]


_SIGNING = (
    "import requests\n\n\nclass Signing:\n    def _call(self, path, method, payload: bytes = b''):\n"
    "        if payload is None:\n            return requests.request(method, path)\n"  # line 7
    "        return requests.request(method, path, data=payload, timeout=10)\n\n"
    "    def status(self, doc):\n        return self._call('/documents/' + doc, 'GET')\n\n"
    "    def sign(self, doc):\n        return self._call('/documents/' + doc + '/sign', 'POST', b'{\"strong\": true}')\n"
)


def test_a_none_test_no_bytes_literal_or_bytes_default_takes_is_not_reported(tmp_path: Path) -> None:
    assert _findings(tmp_path, {"svc/signing.py": _SIGNING}, "PRR501") == []


def test_a_caller_that_passes_a_computed_payload_keeps_the_none_branch(tmp_path: Path) -> None:
    signing = _SIGNING.replace("b'{\"strong\": true}'", "doc.encode()")
    assert _findings(tmp_path, {"svc/signing.py": signing}, "PRR501") == [("svc/signing.py", 7)]


_VOIP = (
    "import requests\n\n\nclass Voip:\n"
    "    def call(self, path, data=None, verb='GET'):\n"
    "        verb = verb.upper()\n"
    "        if verb not in ('GET', 'POST', 'PUT'):\n"
    "            verb = 'GET'\n"
    "        if verb == 'GET':\n            return requests.get(path, params=data)\n"  # line 10
    "        elif verb == 'POST':\n            return requests.post(path, data=data)\n"  # line 12
    "        elif verb == 'PUT':\n            return requests.put(path, data=data)\n"  # line 14
    "        return None\n\n"
    "    def ring(self, number):\n        return self.call('/ring/', {'to': number})\n"
)
_FOLD = "        verb = verb.upper()\n"
_PROLOGUE = _FOLD + "        if verb not in ('GET', 'POST', 'PUT'):\n            verb = 'GET'\n"


def _voip_lines(tmp_path: Path, prologue: str = _PROLOGUE, ring: str = "self.call('/ring/', {'to': number})") -> List[int]:
    source = _VOIP.replace(_PROLOGUE, prologue).replace("self.call('/ring/', {'to': number})", ring)
    offset = prologue.count("\n") - _PROLOGUE.count("\n")
    return [line - offset for path, line in _findings(tmp_path, {"svc/voip.py": source}, "PRR501")]


def test_a_method_its_callers_leave_as_default_never_takes_a_branch_no_literal_rebinding_takes(tmp_path: Path) -> None:
    """django-crm's Zadarma client: the verb is upper-cased, set to 'GET' when it is no verb the API knows, then
    tested; the only call leaves the default 'GET', so the POST and PUT branches never run, in whatever order the
    fold and the literal come, and without a fold."""
    assert _voip_lines(tmp_path) == [10]
    literal_first = "        if verb not in ('GET', 'POST', 'PUT'):\n            verb = 'GET'\n        verb = verb.upper()\n"
    no_fold = "        if verb not in ('GET', 'POST', 'PUT'):\n            verb = 'GET'\n"
    twice = _PROLOGUE + "        if not verb:\n            verb = 'get'\n"
    for prologue in (literal_first, no_fold, twice):
        assert _voip_lines(tmp_path, prologue) == [10], prologue


def test_a_rebinding_or_a_caller_that_may_take_the_branch_keeps_it(tmp_path: Path) -> None:
    """A literal that passes the test (also once folded), any other value, a binding the table does not list (a
    walrus, a nested def's `nonlocal`), or a caller passing 'post' (folded to POST) may run the POST branch."""
    prologues = (
        _PROLOGUE.replace("verb = 'GET'", "verb = 'POST'"),  # the literal takes the branch
        "        if verb == 'GET':\n            verb = 'post'\n        verb = verb.upper()\n",  # folded afterwards
        _PROLOGUE.replace("verb = 'GET'", "verb = path"),  # another parameter
        _PROLOGUE.replace("verb = 'GET'", "verb = self.default_verb()"),  # a call
        _PROLOGUE.replace("verb = 'GET'", "verb += 'POST'"),  # augmented
        _PROLOGUE.replace("verb = 'GET'", "verb, path = 'POST', path"),  # unpacked
        _PROLOGUE.replace("verb = 'GET'", "verb = a = 'POST'"),  # chained
        _FOLD + "        for verb in ('POST',):\n            pass\n",  # a loop target
        _FOLD + "        with open(path) as verb:\n            pass\n",
        _FOLD + "        if (verb := 'POST'):\n            pass\n",  # a walrus
        "        if (verb := 'POST'):\n            pass\n",  # a walrus, and no other binding
        _FOLD + "        [(verb := v) for v in ('POST',)]\n",  # a walrus in a comprehension binds the method's name
        _FOLD + "        def force():\n            nonlocal verb\n            verb = 'POST'\n        force()\n",
        "        def force():\n            nonlocal verb\n            verb = 'POST'\n        force()\n",
    )
    for prologue in prologues:
        assert 12 in _voip_lines(tmp_path, prologue), prologue
    assert _voip_lines(tmp_path, ring="self.call('/ring/', {'to': number}, 'post')") == [10, 12]
    assert _voip_lines(tmp_path, ring="self.call('/ring/', {'to': number}, verb=number)") == [10, 12, 14]


def test_a_literal_a_loop_feeds_back_to_the_test_keeps_the_branch(tmp_path: Path) -> None:
    """A binding after the test reaches it on the next turn of a loop: it counts wherever it stands."""
    source = ("import requests\n\n\ndef push(url, verb='GET'):\n    for attempt in range(3):\n"
              "        if verb == 'POST':\n            requests.post(url)\n"  # line 7
              "        verb = 'POST'\n\n\ndef view(url):\n    return push(url)\n")
    assert _findings(tmp_path, {"svc/push.py": source}, "PRR501") == [("svc/push.py", 7)]
    source = source.replace("        verb = 'POST'\n", "        verb = 'GET'\n")
    assert _findings(tmp_path, {"svc/push.py": source}, "PRR501") == []


def test_a_number_or_boolean_spelt_apart_or_a_text_outside_ascii_keeps_the_branch(tmp_path: Path) -> None:
    """`True == 1`, `0x1 == 1`; `"ß".upper() == "SS"`: a rebinding or a caller's literal spelled otherwise may still
    take the branch."""
    source = ("import requests\n\n\ndef ping(url, retries=0):\n    if not retries:\n        retries = True\n"
              "    if retries == 1:\n        requests.post(url)\n\n\ndef view(url):\n    return ping(url)\n")  # line 8
    assert _findings(tmp_path, {"svc/ping.py": source}, "PRR501") == [("svc/ping.py", 8)]
    plain = source.replace("    if not retries:\n        retries = True\n", "")
    assert _findings(tmp_path, {"svc/ping.py": plain}, "PRR501") == []
    assert _findings(tmp_path, {"svc/ping.py": plain.replace("ping(url)", "ping(url, 0x1)")}, "PRR501") == [("svc/ping.py", 6)]
    assert _findings(tmp_path, {"svc/ping.py": plain.replace("ping(url)", "ping(url, 1.0)")}, "PRR501") == [("svc/ping.py", 6)]
    folded = ("import requests\n\n\ndef fetch(url, kind='a'):\n    kind = kind.upper()\n"
              "    if kind == 'SS':\n        requests.post(url)\n\n\ndef view(url):\n    return fetch(url, 'st')\n")  # line 7
    assert _findings(tmp_path, {"svc/fetch.py": folded}, "PRR501") == []
    assert _findings(tmp_path, {"svc/fetch.py": folded.replace("'st'", "'ß'")}, "PRR501") == [("svc/fetch.py", 7)]


def test_a_code_settles_a_test_only_as_python_reads_it() -> None:
    """`0x0` is false; `True == 1` but `True is not 1`, and the test's code does not tell `==` from `is`; a text outside
    ASCII may fold into the test's (`"ß".upper() == "SS"`)."""
    assert holds("n0x0", "T") is False and holds("n1_0", "F") is False
    assert holds("T", "=n1") is None and holds("T", "!n1") is None and holds("n0x1", "=n1") is None
    assert holds("n2", "=n1") is False and holds("n2", "!n1") is True and holds("N", "=F") is False
    assert holds("sß", "~sss") is None and holds("sGet", "~sget") is True and holds("sput", "~sget") is False


_OPTS = ("import requests\n\n\ndef call(url, opts={}):\n#\n    if opts != {}:\n        requests.post(url)\n\n\n"  # line 7
         "def view(url):\n    return call(url)\n")


def _opts_lines(tmp_path: Path, prologue: str, test: str = "opts != {}", passed: str = "") -> List[int]:
    source = _OPTS.replace("#\n", prologue).replace("opts != {}", test).replace("call(url)", f"call(url{passed})")
    return [line - prologue.count("\n") + 1 for _, line in _findings(tmp_path, {"svc/call.py": source}, "PRR501")]


def test_a_container_the_function_fills_or_empties_keeps_a_test_of_its_emptiness(tmp_path: Path) -> None:
    """A truth test or a comparison with an empty container is on the caller's object, but not on what the function
    puts in it or takes out of it before the test (item and slice targets, `del`, changing methods, a closure)."""
    assert _opts_lines(tmp_path, "") == []  # the caller's `{}` stays empty
    assert _opts_lines(tmp_path, "    retry = opts.get('retry')\n    opts.copy()\n") == []  # reads change nothing
    fills = (
        "    opts['retry'] = True\n", "    opts['retry']: bool = True\n", "    opts['n'] = opts.get('n', 0)\n",
        "    a, opts['retry'] = 1, True\n", "    for opts['retry'] in (True,):\n        pass\n",
        "    [0 for opts['retry'] in (True,)]\n", "    opts.update(retry=True)\n", "    opts.setdefault('retry', True)\n",
        "    put = opts.__setitem__\n    put('retry', True)\n", "    def fill():\n        opts['retry'] = True\n    fill()\n",
        "    if url:\n        opts.update({'retry': True})\n",
    )
    for prologue in fills:
        assert _opts_lines(tmp_path, prologue) == [7], prologue
        assert _opts_lines(tmp_path, prologue, "opts") == [7], prologue
    assert _opts_lines(tmp_path, "    opts['retry'] = True\n", "opts == 'x'") == []  # no dict is text
    empties = ("    del opts['retry']\n", "    opts.pop('retry')\n", "    opts.clear()\n", "    opts.popitem()\n")
    for prologue in empties:
        assert _opts_lines(tmp_path, prologue, "not opts", ", {'retry': True}") == [7], prologue
        assert _opts_lines(tmp_path, prologue, "opts == {}", ", {'retry': True}") == [7], prologue
    assert _opts_lines(tmp_path, "", "not opts", ", {'retry': True}") == []
    items = "    items[:] = [1]\n", "    items[0:0] += [1]\n", "    items.append(1)\n", "    items.extend([1])\n", "    items.insert(0, 1)\n"
    for prologue in items:
        assert _opts_lines(tmp_path, prologue.replace("items", "opts"), "opts != []", ", []") == [7], prologue


def test_the_else_of_an_empty_dict_test_on_a_filled_parameter_keeps_its_call(tmp_path: Path) -> None:
    source = ("import requests\n\n\ndef call(url, opts=None):\n    opts['k'] = 1\n    if opts == {}:\n        return None\n"
              "    else:\n        return requests.post(url)\n\n\ndef view(url):\n    return call(url, {})\n")  # line 9
    assert _findings(tmp_path, {"svc/call.py": source}, "PRR501") == [("svc/call.py", 9)]
    assert _findings(tmp_path, {"svc/call.py": source.replace("    opts['k'] = 1\n", "")}, "PRR501") == []


def test_empty_containers_of_other_kinds_are_not_equal_but_all_false(tmp_path: Path) -> None:
    """`[] != ()`, `b"" != ""`, `{} != []`; each is false; `p is []` is never true (a new list each time)."""
    for test, passed in (("opts != ()", ", []"), ("opts != []", ", {}"), ("opts != b''", ", ''"), ("opts != ''", ", b''"),
                         ("opts is not []", ", []"), ("opts != []", ", ()")):
        assert _opts_lines(tmp_path, "", test, passed) == [7], (test, passed)
    for test, passed in (("opts != ()", ", ()"), ("opts != []", ", []"), ("opts != b''", ", b''"), ("opts", ", ()"),
                         ("opts", ", []"), ("opts", ", b''"), ("opts", ", ''")):
        assert _opts_lines(tmp_path, "", test, passed) == [], (test, passed)


def test_a_name_a_comprehension_binds_is_not_the_parameter_it_shadows(tmp_path: Path) -> None:
    source = ("import requests\n\n\ndef call(url, verb='GET'):\n"
              "    return [requests.post(url) if verb == 'POST' else None for verb in ('POST',)]\n\n\n"  # line 5
              "def view(url):\n    return call(url)\n")
    assert _findings(tmp_path, {"svc/call.py": source}, "PRR501") == [("svc/call.py", 5)]
    plain = source.replace(" for verb in ('POST',)", " for u in (url,)")
    assert _findings(tmp_path, {"svc/call.py": plain}, "PRR501") == []


def test_a_wrapper_passes_on_its_callers_value_only_if_no_walrus_or_item_write_changes_it(tmp_path: Path) -> None:
    source = ("import requests\n\n\ndef wrap(url, opts={}):\n#\n    return call(url, opts)\n\n\n"
              "def call(url, opts={}):\n    if opts:\n        return requests.post(url)\n\n\n"  # line 11
              "def view(url):\n    return wrap(url)\n")
    assert _findings(tmp_path, {"svc/call.py": source.replace("#\n", "")}, "PRR501") == []
    for prologue in ("    if (opts := {'retry': True}):\n        pass\n", "    opts['retry'] = True\n", "    opts.update(retry=True)\n"):
        offset = prologue.count("\n") - 1
        assert _findings(tmp_path, {"svc/call.py": source.replace("#\n", prologue)}, "PRR501") == [("svc/call.py", 11 + offset)]


def test_empty_containers_settle_only_truth_between_kinds() -> None:
    assert holds("e[", "!e(") is True and holds("e[", "=e(") is False and holds("e[", "=e[") is True
    assert holds("eb", "=s") is False and holds("s", "!eb") is True and holds("c", "=e{") is False
    assert holds("e{", "T") is False and holds("eb", "F") is True and holds("e(", "F") is True
    assert holds("n1x", "T") is None  # no number Python reads: tells nothing
