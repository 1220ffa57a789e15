"""What a framework invokes without a call the graph sees is part of the running service's reach
(project/service_reach.py, project/framework_entries.py), and code nothing invokes stays out. Each test
writes outbound calls and asks which of them the reach holds (PRR501's findings with scope "all", kept
where `NonServing.unreached` says the service runs them)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Dict, List, Tuple

from _serving import analysis_for, run, settings_with
from prr_lint.project.scope import NonServing

APP = (
    "from flask import Flask\nimport requests\n\napp = Flask(__name__)\n\n"
    "@app.get('/a')\ndef a():\n    return requests.get('http://x', timeout=3).text\n"
)
FETCH = "import requests\n\n"


def _calls(tmp_path: Path, files: Dict[str, str], on_disk_only: Dict[str, str] = None) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/app.py": APP, **files}
    for name, text in {**files, **(on_disk_only or {})}.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    settings = replace(settings_with(), root=tmp_path, scope="all")
    reach = NonServing(analysis_for(files, settings))
    found = run(files, select=("PRR501",), settings=settings, whole_project=True).findings
    return sorted((f.path, f.span.line) for f in found if not reach.unreached(f.context))


def _module(*classes_or_functions: str) -> str:
    return FETCH + "\n\n".join(classes_or_functions) + "\n"


def test_a_class_a_setting_names_is_invoked_and_an_unnamed_one_is_not(tmp_path: Path) -> None:
    """Django builds the middleware and auth backends its settings list by dotted path."""
    backends = _module(
        "class TokenBackend:\n    def authenticate(self, request):\n        return requests.get('http://idp')\n",
        "class SpareBackend:\n    def authenticate(self, request):\n        return requests.get('http://spare')\n",
    )
    settings = "AUTHENTICATION_BACKENDS = [\n    'django.contrib.auth.backends.ModelBackend',\n    'svc.backends.TokenBackend',\n]\n"
    found = _calls(tmp_path, {"svc/backends.py": backends, "svc/settings.py": settings})
    assert found == [("svc/backends.py", 5)]


def test_a_function_a_class_settings_list_names_is_invoked(tmp_path: Path) -> None:
    """django-configurations' settings classes and an item of a settings dict name callables too."""
    checks = _module("def check_index(app_configs, **kwargs):\n    return requests.get('http://es')\n",
                     "def check_spare(app_configs, **kwargs):\n    return requests.get('http://spare')\n",
                     "def store(name):\n    return requests.get('http://cdn')\n")
    settings = ("from configurations import Configuration\n\nSTORAGES = {}\nSTORAGES['default'] = 'svc.checks.store'\n\n"
                "class Base(Configuration):\n    DOCKERFLOW_CHECKS = ['svc.checks.check_index']\n")
    found = _calls(tmp_path, {"svc/checks.py": checks, "svc/settings.py": settings})
    assert found == [("svc/checks.py", 4), ("svc/checks.py", 12)]


def test_connexion_routes_the_operation_ids_of_its_specification(tmp_path: Path) -> None:
    """The app module imports both handlers (neither is dead code); only the specification routes to one."""
    api = _module("def get_bug(bug_id):\n    return requests.get('http://bugs').json()\n",
                  "def unused(bug_id):\n    return requests.get('http://old').json()\n")
    app = "import connexion\nfrom svc.api import get_bug, unused  # noqa\n\napp = connexion.App(__name__, specification_dir='spec/')\napp.add_api('api.yml')\n"
    spec = "paths:\n  /bugs/{bug_id}:\n    get:\n      operationId: svc.api.get_bug\n"
    found = _calls(tmp_path, {"svc/api.py": api, "svc/serve.py": app},
                   on_disk_only={"svc/spec/api.yml": spec})
    assert found == [("svc/api.py", 4)]


def test_a_registered_template_tag_is_invoked_and_a_plain_helper_is_not(tmp_path: Path) -> None:
    tags = ("from django import template\nimport requests\n\nregister = template.Library()\n\n"
            "@register.simple_tag\ndef open_jobs():\n    return requests.get('http://jobs').json()\n\n"
            "def old_jobs():\n    return requests.get('http://old').json()\n")
    found = _calls(tmp_path, {"svc/templatetags/__init__.py": "", "svc/templatetags/jobs.py": tags},
                   on_disk_only={"svc/templates/jobs.html": "{% load jobs %}{% open_jobs %}"})
    assert found == [("svc/templatetags/jobs.py", 8)]


def test_the_methods_of_a_framework_subclass_the_service_imports_are_invoked(tmp_path: Path) -> None:
    """A view builds the form and calls a method on the local the graph cannot type; a plain class the
    view imports as well gets nothing, nor does a form no serving module imports."""
    forms = _module(
        "from django import forms\n\nclass ContactForm(forms.Form):\n    def post_ticket(self):\n        return requests.post('http://desk')\n",
        "class Plain:\n    def post_ticket(self):\n        return requests.post('http://plain')\n",
    )
    spare = _module("from django import forms\n\nclass SpareForm(forms.Form):\n    def post_ticket(self):\n        return requests.post('http://spare')\n")
    views = ("from svc.app import app\nfrom svc.forms import ContactForm, Plain\n\n"
             "@app.post('/contact')\ndef contact():\n    form = make_form(ContactForm)\n    return str(form.post_ticket())\n\n"
             "def make_form(kind):\n    return kind()\n")
    files = {"svc/forms.py": forms, "svc/spare_forms.py": spare, "svc/views.py": views}
    files["svc/app.py"] = APP + "\nfrom svc import views  # noqa\n"
    assert _calls(tmp_path, files) == [("svc/forms.py", 7)]


def test_what_a_reached_module_imports_runs_its_top_level(tmp_path: Path) -> None:
    """Django loads the middleware its settings name; the module the middleware imports runs its top
    level then, and a module nothing imports does not."""
    middleware = "from svc import remote\n\nclass Timing:\n    def __call__(self, request):\n        return remote.VERSION\n"
    remote = FETCH + "VERSION = requests.get('http://cms/version').text\n"
    unused = FETCH + "STALE = requests.get('http://stale').text\n"
    settings = "MIDDLEWARE = ['svc.middleware.Timing']\n"
    files = {"svc/middleware.py": middleware, "svc/remote.py": remote, "svc/unused.py": unused, "svc/settings.py": settings}
    assert _calls(tmp_path, files) == [("svc/remote.py", 3)]


def test_a_function_an_unmodelled_framework_object_registers_is_invoked(tmp_path: Path) -> None:
    """`@login_manager.user_loader` in a module the service runs: the object calls it."""
    auth = ("from flask_login import LoginManager\nimport requests\n\nlogin_manager = LoginManager()\n\n"
            "@login_manager.user_loader\ndef load_user(user_id):\n    return requests.get('http://users').json()\n\n"
            "def spare(user_id):\n    return requests.get('http://spare').json()\n")
    tool = ("from flask_login import LoginManager\nimport requests\n\nother = LoginManager()\n\n"
            "@other.user_loader\ndef tool_user(user_id):\n    return requests.get('http://tool').json()\n")
    files = {"svc/auth.py": auth, "svc/tool.py": tool}
    files["svc/app.py"] = APP + "\nfrom svc import auth  # noqa\n"
    assert _calls(tmp_path, files) == [("svc/auth.py", 8)]


def test_django_imports_its_settings_module_at_start(tmp_path: Path) -> None:
    """A module that assigns INSTALLED_APPS is the settings module Django imports; a config module
    beside it that nothing imports is not run."""
    settings = FETCH + "INSTALLED_APPS = ['django.contrib.auth', 'svc']\nFLAGS = requests.get('http://flags').json()\n"
    spare = FETCH + "FLAGS = requests.get('http://spare').json()\n"
    assert _calls(tmp_path, {"svc/settings.py": settings, "svc/spare_config.py": spare}) == [("svc/settings.py", 4)]


def test_a_settings_module_is_known_by_its_installed_apps_whatever_they_spell(tmp_path: Path) -> None:
    """cookiecutter-django's `INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS`, and plain app labels."""
    settings = (FETCH + "DJANGO_APPS = ['django.contrib.auth']\nLOCAL_APPS = ['svc']\n"
                "INSTALLED_APPS = DJANGO_APPS + LOCAL_APPS\nFLAGS = requests.get('http://flags').json()\n")
    labels = FETCH + "INSTALLED_APPS = ['svc', 'orders']\nFLAGS = requests.get('http://labels').json()\n"
    spare = FETCH + "FLAGS = requests.get('http://spare').json()\n"
    files = {"svc/settings/__init__.py": "", "svc/settings/base.py": settings, "svc/settings/plain.py": labels,
             "svc/spare_config.py": spare}
    assert _calls(tmp_path, files) == [("svc/settings/base.py", 6), ("svc/settings/plain.py", 4)]
