"""PRR501 and django-constance (django_constance.py, project/constance_keys.py, project/switches.py): `config.K` of
`from constance import config` reads the key whose shipped value is its default in `CONSTANCE_CONFIG`. A call that runs
only while a key defaulting to False is on is not deployed, unless code outside tests writes the key, a data migration
or fixture names it, a shipped file gives it a value, or `CONSTANCE_CONFIG` is built by code prr-lint cannot read. A
key defaulting to True, a default compared in a way not understood, and the same spelling read elsewhere stay reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_CONSTANCE_CONFIG = (
    "CONSTANCE_CONFIG = {\n"
    "    'SITE_NAME': ('Members', 'The title shown on every page.'),\n"
    "    'ISSUE_EMAIL_ENABLED': (True, 'Mail reported issues to the admins.'),\n"
    "    'ISSUE_TRACKER_ENABLED': (False, 'Open a task in the issue tracker for each reported issue.'),\n"
    "    'TRACKER_URL': ('', 'The issue tracker address.'),\n"
    "    'LMS_INDUCTION_ENABLED': (False, 'Check inductions in the learning platform.'),\n"
    "    'ROSTER_INDUCTION_ENABLED': (True, 'Check inductions in the roster.'),\n"
    "    'RETRY_LIMIT': (0, 'How often a failed report is retried.'),\n"
    "}\n"
)
_SETTINGS = (
    "from .constance_config import CONSTANCE_CONFIG\n\n"
    "INSTALLED_APPS = ['constance', 'constance.backends.database', 'members']\n"
    "CONSTANCE_BACKEND = 'constance.backends.database.DatabaseBackend'\nCONSTANCE_CONFIG = CONSTANCE_CONFIG\n"
)
_VIEWS = (
    "import requests\nfrom constance import config\nfrom django.http import JsonResponse\n\n\n"
    "def report_issue(request):\n"
    "    title = request.POST['title']\n"
    "    if config.ISSUE_TRACKER_ENABLED and bool(config.TRACKER_URL):\n"
    "        requests.put(f'{config.TRACKER_URL}/api/tasks', json={'title': title})\n"  # line 9
    "    if config.ISSUE_EMAIL_ENABLED:\n"
    "        requests.post('https://relay.example.org/send', json={'title': title})\n"  # line 11
    "    return JsonResponse({})\n"
)
_URLS = "from django.urls import path\nfrom members import views\n\nurlpatterns = [path('report/', views.report_issue)]\n"
_DEPLOYED = {"Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD gunicorn site_config.wsgi\n"}
_EMAIL = ("members/views.py", 11)
_TRACKER = ("members/views.py", 9)


def _service(extra: Dict[str, str] = {}) -> Dict[str, str]:
    return {"site_config/__init__.py": "", "site_config/settings.py": _SETTINGS, "site_config/constance_config.py": _CONSTANCE_CONFIG,
            "members/__init__.py": "", "members/views.py": _VIEWS, "members/urls.py": _URLS, **extra}


def test_a_call_under_a_key_whose_constance_default_is_false_is_not_deployed(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _service(), _DEPLOYED) == [_EMAIL]


def test_the_config_imported_under_another_name_and_read_by_getattr_is_the_same_key(tmp_path: Path) -> None:
    views = _VIEWS.replace("from constance import config\n", "from constance import config as live\n").replace(
        "config.ISSUE_TRACKER_ENABLED and", "getattr(live, 'ISSUE_TRACKER_ENABLED') and").replace("config.", "live.")
    assert "live.ISSUE_EMAIL_ENABLED" in views
    assert shipped_findings(tmp_path, _service({"members/views.py": views}), _DEPLOYED) == [_EMAIL]


def test_code_outside_tests_that_turns_the_key_on_keeps_the_call(tmp_path: Path) -> None:
    setup = "from constance import config\n\n\ndef enable_tracker():\n    config.ISSUE_TRACKER_ENABLED = True\n"
    assert shipped_findings(tmp_path, _service({"members/setup.py": setup}), _DEPLOYED) == [_TRACKER, _EMAIL]
    test = "from constance import config\n\n\ndef test_tracker():\n    config.ISSUE_TRACKER_ENABLED = True\n"
    assert shipped_findings(tmp_path, _service({"members/tests/test_views.py": test}), _DEPLOYED) == [_EMAIL]


def test_a_data_migration_naming_the_key_keeps_the_call(tmp_path: Path) -> None:
    migration = (
        "from django.db import migrations\n\n\ndef seed(apps, schema_editor):\n"
        "    Constance = apps.get_model('constance', 'Constance')\n"
        "    Constance.objects.update_or_create(key='ISSUE_TRACKER_ENABLED', defaults={'value': 'gAJLAS4='})\n\n\n"
        "class Migration(migrations.Migration):\n    dependencies = [('constance', '0001_initial')]\n"
        "    operations = [migrations.RunPython(seed)]\n"
    )
    assert shipped_findings(tmp_path, _service({"members/migrations/0002_seed.py": migration}), _DEPLOYED) == [_TRACKER, _EMAIL]
    written = migration.replace("    Constance = apps.get_model('constance', 'Constance')\n    Constance.objects.update_or_create(key='ISSUE_TRACKER_ENABLED', defaults={'value': 'gAJLAS4='})\n",
                                "    from constance import config\n    setattr(config, 'ISSUE_TRACKER_ENABLED', True)\n")
    assert written != migration
    assert shipped_findings(tmp_path, _service({"members/migrations/0002_seed.py": written}), _DEPLOYED) == [_TRACKER, _EMAIL]


def test_a_fixture_naming_the_key_keeps_the_call(tmp_path: Path) -> None:
    (tmp_path / "members" / "fixtures").mkdir(parents=True)
    (tmp_path / "members" / "fixtures" / "initial.json").write_text(
        '[{"model": "constance.constance", "pk": 1, "fields": {"key": "ISSUE_TRACKER_ENABLED", "value": "gAJLAS4="}}]\n')
    assert shipped_findings(tmp_path, _service(), _DEPLOYED) == [_TRACKER, _EMAIL]


def test_a_shipped_file_giving_the_key_a_value_keeps_the_call(tmp_path: Path) -> None:
    deployed = {**_DEPLOYED, "docker-compose.yml": "services:\n  web:\n    build: .\n    environment:\n      ISSUE_TRACKER_ENABLED: 'true'\n"}
    assert shipped_findings(tmp_path, _service(), deployed) == [_TRACKER, _EMAIL]


def test_a_constance_config_built_by_code_keeps_every_key_on(tmp_path: Path) -> None:
    built = _CONSTANCE_CONFIG + "CONSTANCE_CONFIG.update(PLUGIN_CONFIG)\n"
    assert shipped_findings(tmp_path, _service({"site_config/constance_config.py": "PLUGIN_CONFIG = {}\n" + built}), _DEPLOYED) == [_TRACKER, _EMAIL]
    spread = _CONSTANCE_CONFIG.replace("CONSTANCE_CONFIG = {\n", "CONSTANCE_CONFIG = {\n    **plugin_defaults(),\n")
    assert shipped_findings(tmp_path, _service({"site_config/constance_config.py": "from site_config.plugins import plugin_defaults\n" + spread}),
                            _DEPLOYED) == [_TRACKER, _EMAIL]


def test_a_setattr_of_computed_names_on_the_config_keeps_every_key_on(tmp_path: Path) -> None:
    provision = "from constance import config\n\n\ndef provision(values):\n    for key, value in values.items():\n        setattr(config, key, value)\n"
    assert shipped_findings(tmp_path, _service({"members/provision.py": provision}), _DEPLOYED) == [_TRACKER, _EMAIL]


def test_a_default_compared_in_a_way_not_understood_and_a_blank_default_keep_the_call(tmp_path: Path) -> None:
    compared = _VIEWS.replace("config.ISSUE_TRACKER_ENABLED and bool(config.TRACKER_URL)", "config.RETRY_LIMIT > 0")
    assert shipped_findings(tmp_path, _service({"members/views.py": compared}), _DEPLOYED) == [_TRACKER, _EMAIL]
    blank = _VIEWS.replace("config.ISSUE_TRACKER_ENABLED and bool(config.TRACKER_URL)", "config.TRACKER_URL")
    assert shipped_findings(tmp_path, _service({"members/views.py": blank}), _DEPLOYED) == [_TRACKER, _EMAIL]


def test_the_key_read_as_a_django_setting_is_not_the_constance_key(tmp_path: Path) -> None:
    views = _VIEWS.replace("from constance import config\n", "from constance import config\nfrom django.conf import settings\n").replace(
        "config.ISSUE_TRACKER_ENABLED and", "settings.ISSUE_TRACKER_ENABLED and")
    assert shipped_findings(tmp_path, _service({"members/views.py": views}), _DEPLOYED) == [("members/views.py", 10), ("members/views.py", 12)]


_LMS = (
    "import requests\nfrom constance import config\n\n\nclass Lms:\n"
    "    def score(self, email):\n"
    "        return requests.post('https://lms.example.org/api/graphql', data={'email': email}).json()['score']\n"  # line 7
)
_INDUCTION = (
    "import requests\nfrom constance import config\nfrom django.http import JsonResponse\n\nfrom members.lms import Lms\n\n\n"
    "def induction_status(request):\n"
    "    score = 0\n"
    "    if config.ROSTER_INDUCTION_ENABLED:\n"
    "        score = requests.get('https://roster.example.org/score', params={'email': request.user.email}, timeout=5).json()\n"
    "    elif config.LMS_INDUCTION_ENABLED:\n"
    "        score = Lms().score(request.user.email)\n"
    "    return JsonResponse({'score': score})\n"
)


def test_a_client_built_only_under_an_elif_on_a_key_defaulting_to_false_is_not_deployed(tmp_path: Path) -> None:
    urls = _URLS.replace("urlpatterns = [path('report/', views.report_issue)]", "urlpatterns = [path('report/', views.report_issue), path('induction/', views.induction_status)]")
    files = _service({"members/lms.py": _LMS, "members/views.py": _VIEWS + "\n\n" + _INDUCTION.replace("import requests\nfrom constance import config\nfrom django.http import JsonResponse\n\n", ""),
                      "members/urls.py": urls})
    assert shipped_findings(tmp_path, files, _DEPLOYED) == [_EMAIL]
    on = _CONSTANCE_CONFIG.replace("'LMS_INDUCTION_ENABLED': (False,", "'LMS_INDUCTION_ENABLED': (True,")
    assert shipped_findings(tmp_path, {**files, "site_config/constance_config.py": on}, _DEPLOYED) == [("members/lms.py", 7), _EMAIL]
