"""PRR501's dead code for a method whose only call is its own (a retry after refreshing a token), on a Django user
model (project/known_bases.py: the auth user bases call only their own API) and by name uses (name_uses.py `own`).

tin's `User(AbstractBaseUser, PermissionsMixin).api_request` calls itself once more after a 401 and nothing else
calls it: it never starts, so its `requests.get` is no service call. Its own body runs only once it has started,
so neither a retry from a function nested in it nor the bound method handed on there (`schedule(self.api_request)`)
starts it. The same method stays reported when a view calls it, when another method hands it on, when a template
names it, when Django calls it by name (`get_full_name`), and when the class has another framework base whose hooks
are unknown.
"""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk

USER = (
    "import logging\n\nimport requests\n"
    "from django.contrib.auth.models import AbstractBaseUser, PermissionsMixin{imports}\nfrom django.db import models\n\n"
    "logger = logging.getLogger(__name__)\n\n\n"
    "class User({bases}):\n"
    "    username = models.CharField(unique=True, max_length=32)\n"
    "    USERNAME_FIELD = 'username'\n\n"
    "    def api_request(self, url, params=None, *, refresh=True):\n"
    "        res = requests.get(f'https://directory.example.com/api/{{url}}', params=params)\n"
    "        if res.status_code == 401:\n"
    "            if refresh:\n"
    "                self.refresh_token()\n"
    "{retry}\n"
    "            logger.error('directory request failed: %s', res.status_code)\n"
    "        return res.json()\n\n"
    "    def refresh_token(self):\n"
    "        return requests.post('https://directory.example.com/token', timeout=5).json()\n\n"
    "    def get_full_name(self):\n"
    "        return requests.get('https://directory.example.com/name/' + self.username).text\n"
)
RETRY = "                return self.api_request(url, params, refresh=False)"
VIEWS = (
    "from django.http import JsonResponse\n\nfrom users.models import User\n\n\n"
    "def profile(request):\n    return JsonResponse({'user': User.objects.get(pk=request.user.pk).username})\n"
)
URLS = "from django.urls import path\n\nfrom users import views\n\nurlpatterns = [path('profile/', views.profile)]\n"
API_REQUEST, FULL_NAME = "api_request", "get_full_name"  # the methods whose `requests.get` is reported


def _found(tmp_path: Path, retry: str = RETRY, views: str = VIEWS, bases: str = "AbstractBaseUser, PermissionsMixin",
           imports: str = "", **extra: str) -> List[str]:
    """The methods of the user model whose call PRR501 reports."""
    models = USER.format(retry=retry, bases=bases, imports=imports)
    files: Dict[str, str] = {"users/__init__.py": "", "users/models.py": models,
                             "users/views.py": views, "users/urls.py": URLS,
                             "settings.py": "AUTH_USER_MODEL = 'users.User'\nROOT_URLCONF = 'users.urls'\n", **extra}
    lines = models.splitlines()
    found = [(f.rule, f.path, f.span.line) for f in run_on_disk(tmp_path, files).findings]
    assert all(rule == "PRR501" and path == "users/models.py" for rule, path, _ in found), found
    return sorted(next(line.split("def ")[1].split("(")[0] for line in reversed(lines[:number]) if " def " in line)
                  for _, _, number in found)


def test_a_user_model_method_only_its_own_retry_calls_is_dead(tmp_path: Path) -> None:
    """tin's `User.api_request`: Django's auth calls `get_full_name` on a user, never `api_request`."""
    assert _found(tmp_path) == [FULL_NAME]


def test_a_view_that_calls_the_recursive_method_keeps_it(tmp_path: Path) -> None:
    """A view the URLconf routes (its own body's `'courses'` string names nothing that could run it: foreign_calls.py)."""
    views = VIEWS + "\n\ndef courses(request):\n    return JsonResponse(request.user.api_request('courses'))\n"
    urls = URLS.replace("]", ", path('courses/', views.courses)]")
    assert _found(tmp_path, views=views, **{"users/urls.py": urls}) == [API_REQUEST, FULL_NAME]
    assert _found(tmp_path / "unrouted", views=views) == [FULL_NAME]  # nothing routes or names the view: dead, and so the method


def test_a_template_that_names_the_recursive_method_keeps_it(tmp_path: Path) -> None:
    template = "<ul>{% for c in user.api_request %}<li>{{ c }}</li>{% endfor %}</ul>\n"
    assert _found(tmp_path, **{"users/templates/users/courses.html": template}) == [API_REQUEST, FULL_NAME]


def test_its_own_body_handing_the_method_on_starts_nothing(tmp_path: Path) -> None:
    """A use of its name in its own body, called or read as a value, runs only once the method runs."""
    assert _found(tmp_path, retry="                return self.api_request") == [FULL_NAME]
    assert _found(tmp_path, retry="                schedule(self.api_request)\n                return {}") == [FULL_NAME]


def test_another_method_that_hands_the_recursive_method_on_keeps_it(tmp_path: Path) -> None:
    views = VIEWS + "\n\ndef courses(request):\n    return JsonResponse(schedule(request.user.api_request))\n"
    assert _found(tmp_path, views=views) == [API_REQUEST, FULL_NAME]


def test_a_retry_from_a_function_nested_in_it_is_its_own_call(tmp_path: Path) -> None:
    nested = ("                def again():\n                    return self.api_request(url, params, refresh=False)\n"
              "                return again()")
    assert _found(tmp_path, retry=nested) == [FULL_NAME]


def test_a_user_model_with_a_base_whose_hooks_are_unknown_keeps_its_public_methods(tmp_path: Path) -> None:
    """A third-party model base may call any public method by its name."""
    found = _found(tmp_path, bases="AbstractBaseUser, PermissionsMixin, TimeStampedModel",
                   imports="\nfrom django_extensions.db.models import TimeStampedModel")
    assert found == [API_REQUEST, FULL_NAME]
