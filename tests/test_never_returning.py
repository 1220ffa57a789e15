"""Code after a call of another module's function that never returns never runs (rules/never_returning.py,
project/never_returns.py): MtblsWS-Py's deprecated endpoints start with `raise_deprecation_error(request)`,
whose body is one `raise`, above requests calls left in place and helpers only they call. A callee that may
return, a `try` around the call, a method a subclass may override, a helper patched elsewhere, or a call that
ends only its branch keeps what follows reported. The error rules ask the same facts: a handler that hands its
failure to such a helper propagates it (PRR101), unless the helper is an abstract stub."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from _serving import run_on_disk

PERMS = ("class DeprecationError(Exception):\n    pass\n\n\n"
         "def raise_deprecation_error(request):\n    raise DeprecationError(f'Deprecated endpoint: {request.path}')\n\n\n"
         "def check_curator(request, strict=False):\n    if strict:\n        raise PermissionError(request.path)\n\n\n"
         "def deny(request):\n    raise_deprecation_error(request)\n\n\n"
         "async def refuse(request):\n    raise PermissionError(request.path)\n")
TERMS = ("import requests\n\n\ndef term_info(query):\n"
         "    return requests.get('https://terms.example.org/api', params={'q': query}).json()\n")
API = ("import requests\nfrom flask import Flask, request\n\nfrom svc.auth.perms import raise_deprecation_error\n"
       "from svc.terms import term_info\n\napp = Flask(__name__)\n\n\n@app.route('/terms')\ndef terms():\nBODY")


def _findings(tmp_path: Path, body: str, extra: Dict[str, str] = {}) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/auth/__init__.py": "", "svc/auth/perms.py": PERMS, "svc/terms.py": TERMS,
             "svc/api.py": API.replace("BODY", body), **extra}
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR501",), whole_project=True).findings)


@pytest.mark.parametrize("body", [
    # the deprecation first: the request below and the helper only it calls never run
    "    raise_deprecation_error(request)\n    requests.get('https://terms.example.org/all')\n    return term_info(request.args['q'])\n",
    # through another module's helper that ends in it
    "    from svc.auth.perms import deny\n    deny(request)\n    requests.get('https://terms.example.org/all')\n    return term_info('x')\n",
    # by the module's name, and a nested helper defined below it
    "    from svc.auth import perms\n    perms.raise_deprecation_error(request)\n\n    def fetch(q):\n"
    "        return requests.get('https://terms.example.org/all', params={'q': q}).text\n\n    return fetch(term_info('x'))\n",
])
def test_what_follows_another_modules_call_that_always_raises_never_runs(tmp_path: Path, body: str) -> None:
    assert _findings(tmp_path, body) == []


def test_an_awaited_async_helper_that_always_raises_ends_its_block(tmp_path: Path) -> None:
    body = "    return 'ok'\n\n\n@app.route('/async')\nasync def later():\n    from svc.auth.perms import refuse\n" \
           "    await refuse(request)\n    return term_info('x')\n"
    assert _findings(tmp_path, body) == []


@pytest.mark.parametrize("body", [
    # raises only when asked
    "    from svc.auth.perms import check_curator\n    check_curator(request)\n    return term_info('x')\n",
    # the raise is caught
    "    try:\n        raise_deprecation_error(request)\n    except Exception:\n        pass\n    return term_info('x')\n",
    # ends only the branch it is in
    "    if request.args.get('old'):\n        raise_deprecation_error(request)\n    return term_info('x')\n",
    # not awaited: the call only makes a coroutine
    "    from svc.auth.perms import refuse\n    refuse(request)\n    return term_info('x')\n",
])
def test_what_may_run_after_the_call_stays_reported(tmp_path: Path, body: str) -> None:
    assert _findings(tmp_path, body) == [("svc/terms.py", 5)]


def test_a_helper_a_live_endpoint_calls_too_stays_reported(tmp_path: Path) -> None:
    body = "    raise_deprecation_error(request)\n    return term_info('x')\n\n\n@app.route('/v2/terms')\ndef terms_v2():\n" \
           "    return term_info(request.args['q'])\n"
    assert _findings(tmp_path, body) == [("svc/terms.py", 5)]


def test_a_method_a_subclass_may_override_ends_nothing(tmp_path: Path) -> None:
    base = "class Endpoint:\n    def refuse(self, request):\n        raise PermissionError(request.path)\n"
    body = "    return 'ok'\n\n\nfrom svc.base import Endpoint\n\n\nclass Terms(Endpoint):\n    def get(self):\n" \
           "        self.refuse(request)\n        return term_info('x')\n\n\n@app.route('/class')\ndef by_class():\n" \
           "    return Terms().get()\n"
    assert _findings(tmp_path, body, {"svc/base.py": base}) == [("svc/terms.py", 5)]


def test_a_helper_patched_by_a_service_module_may_return(tmp_path: Path) -> None:
    body = "    raise_deprecation_error(request)\n    return term_info('x')\n"
    patch = "from svc.auth import perms\n\nperms.raise_deprecation_error = lambda request: None\n"
    assert _findings(tmp_path, body, {"svc/compat.py": patch}) == [("svc/terms.py", 5)]


ASYNC_API = ("import time\n\nfrom fastapi import FastAPI\n\nfrom svc.auth.perms import raise_deprecation_error\n\n"
             "app = FastAPI()\n\n\n@app.get('/report')\nasync def report(request):\nBODY")


@pytest.mark.parametrize("body, expected", [
    ("    raise_deprecation_error(request)\n    time.sleep(2)\n    return {}\n", []),
    ("    if request.query_params.get('old'):\n        raise_deprecation_error(request)\n        time.sleep(1)\n"
     "    time.sleep(2)\n    return {}\n", [("svc/api.py", 15)]),
])
def test_a_blocking_call_after_another_modules_call_that_always_raises_never_runs(tmp_path: Path, body: str,
                                                                                  expected: List[Tuple[str, int]]) -> None:
    files = {"svc/__init__.py": "", "svc/auth/__init__.py": "", "svc/auth/perms.py": PERMS, "svc/api.py": ASYNC_API.replace("BODY", body)}
    assert sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, files, select=("PRR505",), whole_project=True).findings) == expected


HANDLERS = ("import requests\n\nfrom svc.auth import perms\n\n\nclass Account(perms.Endpoint):\n"
            "    def fail_login(self, exc):\n        return self.fail(exc)\n\n"
            "    def login(self, url):\n        try:\n            return requests.get(url, timeout=3).json()\n"
            "        except Exception as exc:\n            CALL\n")
ENDPOINT = ("\n\nclass Endpoint:\n    def fail(self, exc):\n        raise PermissionError(str(exc))\n\n"
            "    def on_failure(self, exc):\n        raise NotImplementedError\n")


@pytest.mark.parametrize("call, reported", [
    # the same facts as the code after a call: another module's helper that ends in one that always raises
    ("perms.deny(exc)", False),
    # a method the project's base class defines to raise, returned by the class's own helper (`return self.fail(msg)`)
    ("self.fail_login(exc)", False),
    # a helper that raises only when asked, and an abstract stub an override replaces, hand the failure to no one
    ("perms.check_curator(exc)", True),
    ("self.on_failure(exc)", True),
])
def test_a_handler_that_hands_its_failure_to_a_helper_that_never_returns_propagates_it(tmp_path: Path, call: str,
                                                                                       reported: bool) -> None:
    files = {"svc/__init__.py": "", "svc/auth/__init__.py": "", "svc/auth/perms.py": PERMS + ENDPOINT,
             "svc/accounts.py": HANDLERS.replace("CALL", call)}
    findings = run_on_disk(tmp_path, files, select=("PRR101",), whole_project=True).findings
    assert [(f.path, f.span.line) for f in findings] == ([("svc/accounts.py", 13)] if reported else [])
