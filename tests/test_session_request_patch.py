"""PRR501: a project function that replaces `requests.Session.request` with one filling in a missing
timeout bounds every requests call of the processes whose start-up runs it (project/requests_default.py)."""

from __future__ import annotations

import pytest

from conftest import lint_sources

_SETUP = (
    "from django.conf import settings\n\n\ndef setup_env():\n    monkeypatch_requests()\n\n\n"
    "def monkeypatch_requests():\n    from requests import Session\n\n"
    "    Session._original_request = Session.request\n\n"
    "    def new_request(self, *args, **kwargs):\n"
    "        kwargs.setdefault('timeout', settings.REQUESTS_DEFAULT_TIMEOUT)\n"
    "        return self._original_request(*args, **kwargs)\n\n"
    "    Session.request = new_request\n"
)
_SERVICE = {
    "svc/__init__.py": "",
    "svc/setup.py": _SETUP,
    "svc/wsgi.py": (
        "from django.core.wsgi import get_wsgi_application\n\nfrom svc.setup import setup_env\n\n"
        "setup_env()\napplication = get_wsgi_application()\n"
    ),
    "svc/views.py": (
        "import requests\nfrom django.http import JsonResponse\n\n\ndef proxy(request):\n"
        "    return JsonResponse(requests.get(request.GET['url']).json())\n\n\n"
        "def tiles(request):\n    session = requests.Session()\n    return JsonResponse(session.get(request.GET['url']).json())\n"
    ),
    "svc/urls.py": "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('p', views.proxy), path('t', views.tiles)]\n",
}
_REPORTED = [("svc/views.py", 6), ("svc/views.py", 11)]


def _found(files: dict) -> list:
    return sorted((f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings)


def test_a_session_request_patch_run_at_start_up_bounds_the_services_requests_calls() -> None:
    """wsgi.py's top level runs `setup_env()`, whose patch gives every `Session.request` a default
    timeout: `requests.get` and a session's `get` both send through it (open-zaak, H272)."""
    assert _found(_SERVICE) == []


@pytest.mark.parametrize("change", [
    {"svc/setup.py": _SETUP.replace("kwargs.setdefault('timeout', settings.REQUESTS_DEFAULT_TIMEOUT)", "kwargs.setdefault('verify', True)")},
    {"svc/wsgi.py": "from django.core.wsgi import get_wsgi_application\n\napplication = get_wsgi_application()\n",
     "tests/test_views.py": "from svc.setup import setup_env\n\nsetup_env()\n\n\ndef test_proxy():\n    assert True\n"},
])
def test_a_patch_that_fills_no_timeout_or_that_only_tests_run_bounds_nothing(change: dict) -> None:
    """A wrapper that leaves the timeout alone, or a patch only the test suite runs, changes nothing."""
    assert _found({**_SERVICE, **change}) == _REPORTED


def test_a_program_whose_start_up_runs_no_patch_keeps_its_requests_calls() -> None:
    """A Flask server beside the Django service starts in its own process, which never runs `setup_env()`."""
    server = ("import requests\nfrom flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/relay')\ndef relay():\n"
              "    return requests.get('https://stats/api').json()\n\n\nif __name__ == '__main__':\n    app.run()\n")
    assert _found({**_SERVICE, "hooks/__init__.py": "", "hooks/server.py": server}) == [("hooks/server.py", 9)]
