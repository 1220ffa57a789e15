"""PRR501 and settings that an empty collection leaves off (switch_keys.value_kind, rules/lookup_guards.py):
a call under `if settings.PROVIDERS:` or after `settings.PROVIDERS[name]` is not reported when every shipped
value of the key is empty; a value with entries, or a collection filled in place, keeps it."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_VIEWS = (
    "import requests\nfrom django.conf import settings\n\n\n"
    "def login(request):\n    provider = request.POST['provider']\n    info = settings.LOGIN_PROVIDERS[provider]\n"
    "    return requests.get(info['config']).json()\n\n\n"
    "def providers(request):\n    if settings.LOGIN_PROVIDERS:\n        return requests.get('https://idp.example').json()\n    return None\n"
)
_URLS = "from django.urls import path\nfrom svc import views\n\nurlpatterns = [path('login/', views.login), path('p/', views.providers)]\n"


def _files(settings: str) -> dict:
    return {"svc/__init__.py": "", "svc/settings.py": settings, "svc/views.py": _VIEWS, "svc/urls.py": _URLS}


def test_a_lookup_or_test_of_a_mapping_every_shipped_value_leaves_empty_is_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files("ROOT_URLCONF = 'svc.urls'\nLOGIN_PROVIDERS = {}\n"), {}) == []


def test_a_mapping_with_entries_keeps_the_calls(tmp_path: Path) -> None:
    settings = "ROOT_URLCONF = 'svc.urls'\nLOGIN_PROVIDERS = {'google': {'config': 'https://accounts.google.com'}}\n"
    assert shipped_findings(tmp_path, _files(settings), {}) == [("svc/views.py", 8), ("svc/views.py", 13)]


def test_a_mapping_filled_in_place_keeps_the_calls(tmp_path: Path) -> None:
    settings = "ROOT_URLCONF = 'svc.urls'\nLOGIN_PROVIDERS = {}\nLOGIN_PROVIDERS['google'] = {'config': 'https://idp'}\n"
    assert shipped_findings(tmp_path, _files(settings), {}) == [("svc/views.py", 8), ("svc/views.py", 13)]
    settings = "ROOT_URLCONF = 'svc.urls'\nLOGIN_PROVIDERS = []\nLOGIN_PROVIDERS += ['google']\n"
    assert shipped_findings(tmp_path, _files(settings), {}) == [("svc/views.py", 8), ("svc/views.py", 13)]


def test_a_deployment_file_setting_the_mapping_keeps_the_calls(tmp_path: Path) -> None:
    shipped = {"deploy/local_settings.conf": "LOGIN_PROVIDERS = {'google': {'config': 'https://idp'}}\n"}
    findings = shipped_findings(tmp_path, _files("ROOT_URLCONF = 'svc.urls'\nLOGIN_PROVIDERS = {}\n"), shipped)
    assert findings == [("svc/views.py", 8), ("svc/views.py", 13)]
