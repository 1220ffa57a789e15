"""PRR501's dead code (project/dead_code.py): a cache or retry decorator (`cachetools.cached`,
`tenacity.retry`) registers nothing, so a function it wraps that no source names never runs; a
decorator of an unknown library may register its function and keeps it."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

APP = (
    "from flask import Flask\nfrom svc.mail import send_report\n\napp = Flask(__name__)\n\n"
    "@app.route('/report')\ndef report():\n    send_report('ops@example.com')\n    return 'ok'\n"
)
MAIL = (
    "import smtplib\n\nimport tenacity\nfrom cachetools import TTLCache, cached\nfrom hooks_lib import on_start\n\n"
    "@cached(cache=TTLCache(maxsize=1, ttl=20))\ndef smtp_server():\n    return smtplib.SMTP('mail.example.com')\n\n"
    "@tenacity.retry(stop=tenacity.stop_after_attempt(3))\ndef relay():\n    return smtplib.SMTP('relay.example.com')\n\n"
    "@tenacity.retry(stop=tenacity.stop_after_attempt(3))\ndef unused_relay():\n    return smtplib.SMTP('relay.example.com')\n\n"
    "@on_start\ndef warm_up():\n    return smtplib.SMTP('relay.example.com')\n\n"
    "def send_report(to):\n    relay().sendmail('svc@example.com', to, 'report')\n"
)


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    return sorted((f.path, f.span.line) for f in run_on_disk(tmp_path, {"svc/__init__.py": "", **files}, whole_project=True).findings)


def test_a_cached_or_retried_function_nothing_names_is_dead(tmp_path: Path) -> None:
    """simple-login's `@cached(TTLCache(...))` SMTP factory nothing calls (K354), an `@auto_retry`
    batch call (K455): the wrapped function runs only when called. The retried `relay` the route
    calls, and `warm_up`, which another library's decorator may register, stay reported."""
    assert _found(tmp_path, {"svc/app.py": APP, "svc/mail.py": MAIL}) == [("svc/mail.py", 13), ("svc/mail.py", 21)]


def test_a_cached_function_a_route_calls_is_reported(tmp_path: Path) -> None:
    app = APP.replace("send_report('ops@example.com')", "smtp_server().noop()").replace("send_report", "send_report, smtp_server")
    assert ("svc/mail.py", 9) in _found(tmp_path, {"svc/app.py": app, "svc/mail.py": MAIL})


STORE = (
    "import redis\nimport streamlit as st\n\n"
    "@st.cache_resource\ndef connect_redis():\n    return redis.Redis(host='cache')\n\n"
    "@st.cache_resource\ndef connect_redis_publisher():\n    return redis.Redis(host='cache').pubsub()\n"
)


def test_a_streamlit_cached_function_nothing_names_is_dead(tmp_path: Path) -> None:
    """steeleagle's `@st.cache_resource def connect_redis_publisher()` no page calls (Q569): Streamlit's
    cache runs the function only when a caller does. `connect_redis`, which the route calls, stays reported."""
    app = APP.replace("send_report('ops@example.com')", "connect_redis().ping()").replace(
        "from svc.mail import send_report", "from svc.store import connect_redis")
    assert _found(tmp_path, {"svc/app.py": app, "svc/store.py": STORE}) == [("svc/store.py", 6)]


SITE = (
    "from django.db import transaction\nfrom django.http import JsonResponse\n\nimport requests\n\n\n"
    "@transaction.atomic\ndef refresh_districts():\n    return requests.get('https://boundaries.example/districts').json()\n\n\n"
    "@transaction.atomic()\ndef sync_members():\n    return requests.get('https://members.example/current').json()\n\n\n"
    "def members(request):\n    return JsonResponse(sync_members())\n"
)
URLS = "from django.urls import path\n\nfrom svc import views\n\nurlpatterns = [path('members/', views.members)]\n"


def test_a_function_only_a_django_transaction_wraps_that_nothing_names_is_dead(tmp_path: Path) -> None:
    """openparliament's `@transaction.atomic def update_ridings_from_represent()`, an operator's helper no job,
    view or command calls: the transaction wraps the function and registers it nowhere. `sync_members`, which
    a view calls, stays reported, and so does a helper a job loads by name with `getattr`."""
    found = _found(tmp_path, {"svc/views.py": SITE, "svc/urls.py": URLS})
    assert found == [("svc/views.py", 14)]
    loaded = "import importlib\n\n\ndef run(name):\n    return getattr(importlib.import_module('svc.views'), 'refresh_districts')()\n"
    assert _found(tmp_path / "loaded", {"svc/views.py": SITE, "svc/urls.py": URLS, "svc/jobs.py": loaded}) == [
        ("svc/views.py", 9), ("svc/views.py", 14)]


PREDICTIONS = (
    "import requests\n\n\ndef target_predictions(chembl_id):\n"
    "    return requests.post('https://predict.example/api', json={'id': chembl_id}).json()\n\n\n"
    "def similar(chembl_id):\n    return requests.get('https://similar.example/api', params={'id': chembl_id}).json()\n"
)
CONTROLLER = (
    "from django.contrib.auth.decorators import login_required\nfrom django.http import JsonResponse\n"
    "from django.views.decorators.http import require_GET\n\nfrom svc import service\n\n\n"
    "@require_GET\ndef get_predictions(request, chembl_id):\n    return JsonResponse(service.target_predictions(chembl_id))\n\n\n"
    "@login_required\n@require_GET\ndef get_similar(request, chembl_id):\n    return JsonResponse(service.similar(chembl_id))\n"
)
COMMENTED_ROUTE = (
    "from django.urls import path\n\nfrom svc import controller\n\nurlpatterns = [\n"
    "    # path('predictions/<chembl_id>', controller.get_predictions),\n"
    "    path('similar/<chembl_id>', controller.get_similar),\n]\n"
)


def test_a_django_view_decorator_registers_nothing_so_a_view_whose_route_is_commented_out_is_dead(tmp_path: Path) -> None:
    """GLaDOS (n66 TC003): `@require_GET def get_target_prediction` whose only route is commented out in its
    urls.py; Django's view decorators wrap a view and a URLconf serves it by a reference, so the service's
    `requests.post()` it alone calls never runs. The routed view under `@login_required @require_GET` stays."""
    files = {"svc/service.py": PREDICTIONS, "svc/controller.py": CONTROLLER, "svc/urls.py": COMMENTED_ROUTE}
    assert _found(tmp_path, files) == [("svc/service.py", 9)]
    routed = COMMENTED_ROUTE.replace("    # path(", "    path(")
    assert _found(tmp_path / "routed", {**files, "svc/urls.py": routed}) == [("svc/service.py", 5), ("svc/service.py", 9)]
