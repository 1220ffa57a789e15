"""PRR501: a requests default timeout that one program's start-up patches in bounds what only that program
reaches (project/patched_programs.py), and a patch filling in a parameter counts only when every call passes a
finite number (project/requests_default.py)."""

from __future__ import annotations

import pytest

from conftest import lint_sources

_PATCH = (
    "def patch_requests_with_default_timeout(timeout):\n    import requests\n    old_request = requests.Session.request\n\n"
    "    def new_request(*args, **kwargs):\n        if 'timeout' not in kwargs:\n            kwargs['timeout'] = timeout\n"
    "        return old_request(*args, **kwargs)\n    requests.Session.request = new_request\n"
)
_SERVICES = (
    "import requests\n\n\nclass RunKeeper:\n    def download(self, url):\n        return requests.get(url).json()\n\n"
    "    def authorize(self, url):\n        return requests.post(url).json()\n\n\nSERVICES = {'runkeeper': RunKeeper()}\n\n\n"
    "def from_id(name):\n    return SERVICES[name]\n"
)
_SYNC = "def perform_sync(services):\n    for svc in services:\n        svc.download('https://api/activities')\n"
_WORKER = (
    "from app.requests_lib import patch_requests_with_default_timeout\n\npatch_requests_with_default_timeout(timeout=60)\n\n"
    "from app.sync import perform_sync\nfrom app.services import SERVICES\n\nperform_sync(SERVICES.values())\n"
)
_VIEWS = (
    "from django.http import JsonResponse\n\nfrom app.services import from_id\n\n\n"
    "def login(request):\n    return JsonResponse(from_id(request.GET['service']).authorize(request.GET['url']))\n"
)
_TAPIRIIK = {
    "app/__init__.py": "",
    "app/requests_lib.py": _PATCH,
    "app/services.py": _SERVICES,
    "app/sync.py": _SYNC,
    "app/views.py": _VIEWS,
    "app/urls.py": "from django.urls import path\nfrom app import views\n\nurlpatterns = [path('login', views.login)]\n",
    "sync_worker.py": _WORKER,
}
_DOWNLOAD, _AUTHORIZE = ("app/services.py", 6), ("app/services.py", 9)


def _found(files: dict) -> list:
    return sorted((f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings)


def test_a_patch_only_the_sync_worker_runs_bounds_what_only_it_reaches() -> None:
    """tapiriik: `sync_worker.py` patches `Session.request` with timeout=60 and then syncs (`svc.download`, of no
    known type: every `download`); the Django view's `authorize` runs in the web process, which never patches."""
    assert _found(_TAPIRIIK) == [_AUTHORIZE]


_CELERY = (
    "from celery import shared_task\n\nfrom app.services import SERVICES\n\n\n"
    "@shared_task\ndef rollback(name):\n    SERVICES[name].download('https://api/undo')\n"
)


@pytest.mark.parametrize("change", [
    {"sync_worker.py": _WORKER.replace("timeout=60", "timeout=None")},
    {"sync_worker.py": _WORKER.replace("timeout=60", "timeout=settings.SYNC_TIMEOUT").replace(
        "\npatch", "\nfrom app import settings\n\npatch", 1), "app/settings.py": "SYNC_TIMEOUT = 60\n"},
    {"app/other.py": (
        "from app.requests_lib import patch_requests_with_default_timeout\n\n\n"
        "def relax():\n    patch_requests_with_default_timeout(timeout=0)\n")},
    {"app/views.py": _VIEWS + "\n\ndef refresh(request):\n    return JsonResponse(from_id('runkeeper').download(request.GET['url']))\n",
     "app/urls.py": "from django.urls import path\nfrom app import views\n\nurlpatterns = [path('login', views.login), path('r', views.refresh)]\n"},
    {"app/tasks.py": _CELERY},
    {"poll_worker.py": "from app.sync import perform_sync\nfrom app.services import SERVICES\n\nperform_sync(SERVICES.values())\n"},
    {"sync_worker.py": _WORKER.replace("patch_requests_with_default_timeout(timeout=60)\n", "").replace(
        "perform_sync(SERVICES.values())\n", "perform_sync(SERVICES.values())\npatch_requests_with_default_timeout(timeout=60)\n")},
    {"sync_worker.py": "from app.sync import perform_sync\nfrom app.services import SERVICES\n\nperform_sync(SERVICES.values())\n",
     "tests/__init__.py": "", "tests/test_sync.py": _WORKER},
    {"app/hooks.py": "from app.services import from_id\n\n\ndef on_signal(sender, **kwargs):\n    from_id(sender).download(kwargs['url'])\n"},
])
def test_a_call_the_patching_program_does_not_alone_reach_stays(change: dict) -> None:
    """No finite timeout at every call of the patching function (None, a computed value, a zero elsewhere), a view, a
    Celery task, another daemon or a function nothing reaches (a hook) calling `download` too, the patch run only
    after the work, or only by a test: `download` keeps its finding."""
    assert _found({**_TAPIRIIK, **change}) == [_DOWNLOAD, _AUTHORIZE]
