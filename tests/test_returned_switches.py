"""PRR501 and switches a helper returns (rules/returned_switches.py, project/returned_switches.py): a call that runs
only when a project helper returns an address, which it does only while Django's settings define a key no settings
module, shipped file or sample defines, is left alone, also when the caller fills its own `host=None` parameter from
the helper and no caller outside tests passes one. A settings module or a shipped sample that defines the key, a
caller that passes its own host, or a helper returning what the environment sets keeps the finding."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_PURGE = (
    "import http.client\n\nfrom django.conf import settings\n\n\n"
    "def proxy_host():\n    if hasattr(settings, 'PROXY_HOST') and hasattr(settings, 'PROXY_PORT'):\n"
    "        return settings.PROXY_HOST + ':' + str(settings.PROXY_PORT)\n    return None\n\n\n"
    "def purge(path, host=None):\n    if host is None:\n        host = proxy_host()\n        if host is None:\n            return None\n"
    "    conn = http.client.HTTPConnection(host)\n    conn.request('PURGE', path)\n"
)
_SETTINGS = "PROXY_HOST = None\nDEBUG = False\n"
_VIEWS = "from svc.purge import purge\n\n\ndef save(page):\n    purge(page.url)\n"


def _files(settings: str = _SETTINGS, views: str = _VIEWS, **more: str) -> dict:
    return {"svc/__init__.py": "", "svc/purge.py": _PURGE, "svc/settings.py": settings, "svc/views.py": views, **more}


def test_a_helper_that_returns_an_address_only_for_settings_nothing_defines_switches_the_call_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {}) == []


def test_a_caller_in_tests_only_does_not_turn_the_host_on(tmp_path: Path) -> None:
    tests = "from svc.purge import purge\n\n\ndef test_purge():\n    purge('/a', host='localhost:6081')\n"
    assert shipped_findings(tmp_path, _files(**{"tests/test_purge.py": tests}), {}) == []


def test_a_settings_module_that_defines_the_key_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(_SETTINGS + "PROXY_PORT = 6081\n"), {}) == [("svc/purge.py", 17)]


def test_a_shipped_settings_sample_that_defines_the_key_keeps_the_call(tmp_path: Path) -> None:
    (tmp_path / "local_settings.py.example").write_text("PROXY_HOST = 'varnish'\nPROXY_PORT = 6081\n")
    assert shipped_findings(tmp_path, _files(), {}) == [("svc/purge.py", 17)]


def test_a_caller_that_passes_its_own_host_keeps_the_call(tmp_path: Path) -> None:
    views = _VIEWS + "\n\ndef refresh(page):\n    purge(page.url, host=page.cache_host)\n"
    assert shipped_findings(tmp_path, _files(views=views), {}) == [("svc/purge.py", 17)]


def test_a_helper_returning_what_the_environment_sets_keeps_the_call(tmp_path: Path) -> None:
    helper = ("import os\n\nimport requests\n\n\nclass Config:\n    AUDIT_URL = os.environ.get('AUDIT_URL')\n\n\n"
              "def audit_url():\n    return Config.AUDIT_URL\n\n\ndef audit(event):\n    url = audit_url()\n    if url is None:\n"
              "        return\n    requests.post(url, json=event)\n")
    assert shipped_findings(tmp_path, _files(**{"svc/audit.py": helper}), {}) == [("svc/audit.py", 18)]
