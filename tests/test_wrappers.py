"""Timeout-forwarding wrappers across modules (project/wrappers.py): calls that give a wrapper no
deadline are PRR501 findings at the call, with the chain of wrappers in `related`."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from _serving import REGISTRY, jobs_for
from conftest import lint_sources
from prr_lint.config import Settings
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

HTTP = (
    "import requests\n\n"
    "def fetch(url, timeout=None):\n    return requests.get(url, timeout=timeout)\n\n"
    "def get_json(url, timeout=None):\n    return fetch(url, timeout=timeout).json()\n\n"
    "def call(method, url, **kwargs):\n    return requests.request(method, url, **kwargs)\n\n"
    "def defaulted(url, timeout=None):\n    timeout = timeout or 10\n    return requests.get(url, timeout=timeout)\n\n"
    "def with_default(method, url, **kwargs):\n    kwargs.setdefault('timeout', 5)\n    return requests.request(method, url, **kwargs)\n\n"
    "def positional(url, timeout=None):\n    return requests.get(url, timeout=timeout)\n"
)


def _found(views: str, also: tuple = ()):
    files = {"svc/__init__.py": "", "svc/http.py": HTTP, "svc/views.py": views}
    result = lint_sources(files, select=["PRR501", "PRR002", *also])
    return result, [(f.rule, f.path, f.span.line) for f in result.findings]


def test_calls_without_a_deadline_through_any_chain_are_reported_at_the_call() -> None:
    views = (
        "from svc import http\nfrom svc.http import get_json\n\n"
        "def a():\n    return http.fetch('u')\n\n"
        "def b():\n    return get_json('u')\n\n"
        "def c():\n    return http.call('GET', 'u', headers={})\n\n"
        "def d():\n    return http.positional('u', 3) and get_json('u', timeout=2) and http.call('GET', 'u', timeout=1)\n\n"
        "def e():\n    return http.defaulted('u') and http.with_default('GET', 'u')\n\n"
        "def f():\n    return http.fetch('u', timeout=None)\n"
    )
    result, found = _found(views)
    assert found == [("PRR501", "svc/views.py", 5), ("PRR501", "svc/views.py", 8), ("PRR501", "svc/views.py", 11),
                     ("PRR501", "svc/views.py", 20)]
    chain = [r.message for r in result.findings[1].related]
    assert chain == ["svc/http.py:get_json passes `timeout` (default None) to svc/http.py:fetch",
                     "svc/http.py:fetch passes `timeout` (default None) to requests.get"]
    assert "its **kwargs" in result.findings[2].related[0].message


def test_a_caller_that_forwards_its_own_none_deadline_is_a_wrapper_not_a_finding() -> None:
    views = (
        "from svc import http\n\n"
        "class Client:\n    def load(self, url, timeout=None):\n        return http.fetch(url, timeout)\n\n"
        "    def page(self):\n        return self.load('u')\n\n"
        "def kw(url, **options):\n    return http.call('GET', url, **options)\n\n"
        "def top():\n    return kw('u')\n"
    )
    assert _found(views)[1] == [("PRR501", "svc/views.py", 8), ("PRR501", "svc/views.py", 14)]


def test_suppressions_and_per_file_ignores_apply_as_to_any_finding() -> None:
    views = "from svc import http\n\ndef a():\n    return http.fetch('u')  # prr-lint: ignore[PRR501] the relay answers at once\n"
    result, found = _found(views)
    assert found == [] and [(f.path, f.span.line) for f in result.suppressed] == [("svc/views.py", 4)]
    files = {"svc/__init__.py": "", "svc/http.py": HTTP, "svc/views.py": "from svc import http\n\ndef a():\n    return http.fetch('u')\n"}
    settings = replace(Settings(root=Path(".")), per_file_ignores=(("svc/views.py", ("PRR501",)),))
    run = run_jobs(jobs_for(files), Plan(settings, tuple(REGISTRY.select(["PRR501"], [], []))))
    assert run.findings == []


def test_method_wrappers_over_a_session() -> None:
    client = (
        "import requests\n\nclass Api:\n    def __init__(self):\n        self.session = requests.Session()\n\n"
        "    def _request(self, method, path, **kwargs):\n        return self.session.request(method, 'https://api' + path, **kwargs)\n\n"
        "    def user(self, user_id):\n        return self._request('GET', f'/users/{user_id}')\n"
    )
    result = lint_sources({"svc/api.py": client}, select=["PRR501"])
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/api.py", 11)]


def test_unused_suppressions_of_prr501_wait_for_the_project_phase() -> None:
    views = (
        "from svc import http\n\ndef a():\n    x = 1  # prr-lint: ignore[PRR501] nothing here\n"
        "    return http.fetch('u')  # prr-lint: ignore[PRR501, PRR401] the relay answers at once\n"
    )
    result, found = _found(views, also=("PRR401",))
    assert found == [("PRR002", "svc/views.py", 4), ("PRR002", "svc/views.py", 5)]
    assert result.findings[0].message == "the suppression of PRR501 silences nothing on this line"
    assert result.findings[1].message == "the suppression of PRR401 silences nothing on this line"


def test_kwargs_that_leave_a_library_default_in_place_make_no_wrapper() -> None:
    client = (
        "import httpx\nimport requests\nfrom svc.adapters import TimeoutAdapter\n\n"
        "def via_httpx(url, **kwargs):\n    return httpx.get(url, **kwargs)\n\n"
        "def via_httpx_none(url, timeout=None):\n    return httpx.get(url, timeout=timeout)\n\n"
        "session = requests.Session()\nsession.mount('https://', TimeoutAdapter())\n\n"
        "def via_mounted(url, **kwargs):\n    return session.get(url, **kwargs)\n\n"
        "def use():\n    via_httpx('u')\n    via_mounted('u')\n    return via_httpx_none('u')\n"
    )
    result = lint_sources({"svc/client.py": client}, select=["PRR501"])
    # Only the explicit timeout=None removes httpx's default.
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/client.py", 20)]


def test_a_wrapper_that_leaves_the_deadline_out_when_none_keeps_the_library_default() -> None:
    wrappers = (
        "import httpx\nimport requests\n\n"
        "def passes(url, timeout=None):\n    return httpx.get(url, timeout=timeout)\n\n"
        "def branches(url, timeout=None):\n    if timeout is None:\n        client = httpx.AsyncClient()\n"
        "    else:\n        client = httpx.AsyncClient(timeout=timeout)\n    return client\n\n"
        "def chooses(timeout=None):\n    return httpx.Client() if timeout is None else httpx.Client(timeout=timeout)\n\n"
        "def when_set(url, timeout=None):\n    if not timeout:\n        return httpx.post(url)\n    return httpx.post(url, timeout=timeout)\n\n"
        "def unbounded(url, timeout=None):\n    if timeout is not None:\n        return requests.get(url, timeout=timeout)\n"
        "    return requests.get(url)  # prr-lint: ignore[PRR501] the wrapper's callers are the question here\n"
    )
    views = (
        "from svc.wrappers import branches, chooses, passes, unbounded, when_set\n\n"
        "def use():\n    branches('u')\n    chooses()\n    when_set('u')\n    passes('u')\n    unbounded('u')\n"
    )
    result = lint_sources({"svc/__init__.py": "", "svc/wrappers.py": wrappers, "svc/views.py": views}, select=["PRR501"])
    # httpx bounds a call that leaves the deadline out (5 s); requests does not, so only the None passed
    # on and the requests wrapper are reported.
    assert [(f.path, f.span.line) for f in result.findings] == [("svc/views.py", 7), ("svc/views.py", 8)]
