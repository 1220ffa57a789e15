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


def test_a_lookup_in_a_method_guards_what_follows_it_there(tmp_path: Path) -> None:
    views = ("import requests\nfrom django.conf import settings\nfrom rest_framework.views import APIView\n\n\n"
             "class Login(APIView):\n    def post(self, request):\n        info = settings.LOGIN_PROVIDERS[request.data['p']]\n"
             "        return requests.post(info['token_url']).json()\n")
    urls = "from django.urls import path\nfrom svc.views import Login\n\nurlpatterns = [path('login/', Login.as_view())]\n"
    files = {"svc/__init__.py": "", "svc/views.py": views, "svc/urls.py": urls}
    assert shipped_findings(tmp_path, {**files, "svc/settings.py": "ROOT_URLCONF = 'svc.urls'\nLOGIN_PROVIDERS = {}\n"}, {}) == []
    settings = "ROOT_URLCONF = 'svc.urls'\nLOGIN_PROVIDERS = {'x': {'token_url': 'https://idp'}}\n"
    assert shipped_findings(tmp_path, {**files, "svc/settings.py": settings}, {}) == [("svc/views.py", 9)]
