"""A class Django's urlconf routes with `as_view()` is a Django view whatever external base makes it one
(project/entrypoints.py `_django_routed`): `django.contrib.auth.views.PasswordResetView`, which VIEW_BASES does not
list, gets what a listed base gets. Its verbs serve the route and its other public methods are hooks Django may call
(`dispatch`, `form_valid`, `get_context_data` ...), so a call they reach stays reported even when the verb reaches it
only under an off switch. A function only the switched verb calls is switched off."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_HEAD = "import requests\nfrom django.conf import settings\nfrom django.contrib.auth.views import PasswordResetView as Base\n\n\n"
_NOTIFY = "def notify():\n    requests.post('https://hooks.example.com/reset', data={'u': 1})\n\n\n"
_POST = ("    def post(self, request, *args, **kwargs):\n        if settings.USE_NOTIFY:\n            notify()\n"
         "        return super().post(request, *args, **kwargs)\n")
_URLS = "from django.urls import re_path\n\nfrom svc import views\n\nurlpatterns = [re_path(r'reset/$', views.ResetView.as_view(), name='reset')]\n"


def _files(views: str) -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/settings.py": "USE_NOTIFY = False\n", "svc/views.py": views, "svc/urls.py": _URLS}


def _view(hook: str = "") -> str:
    return _HEAD + _NOTIFY + "class ResetView(Base):\n" + hook + _POST


def test_a_function_only_the_switched_verb_calls_is_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(_view()), {}) == []


def test_a_call_dispatch_reaches_stays_reported(tmp_path: Path) -> None:
    dispatch = "    def dispatch(self, request, *args, **kwargs):\n        notify()\n        return super().dispatch(request, *args, **kwargs)\n\n"
    assert shipped_findings(tmp_path, _files(_view(dispatch)), {}) == [("svc/views.py", 7)]


def test_a_call_form_valid_reaches_through_a_method_stays_reported(tmp_path: Path) -> None:
    views = _view("    def form_valid(self, form):\n        self.send()\n        return super().form_valid(form)\n\n"
                  "    def send(self):\n        notify()\n\n")
    assert shipped_findings(tmp_path, _files(views), {}) == [("svc/views.py", 7)]


def test_a_call_get_context_data_reaches_stays_reported(tmp_path: Path) -> None:
    context = "    def get_context_data(self, **kwargs):\n        notify()\n        return super().get_context_data(**kwargs)\n\n"
    assert shipped_findings(tmp_path, _files(_view(context)), {}) == [("svc/views.py", 7)]


def test_a_helper_method_only_the_switched_verb_calls_stays_reported(tmp_path: Path) -> None:
    # the review's e01/e02 shape: a public method of a view is itself a hook Django may call
    views = (_HEAD + "class ResetView(Base):\n    def post(self, request, *args, **kwargs):\n        if settings.USE_NOTIFY:\n"
             "            self.notify()\n        return super().post(request, *args, **kwargs)\n\n"
             "    def notify(self):\n        requests.post('https://hooks.example.com/reset', data={'u': 1})\n")
    assert shipped_findings(tmp_path, _files(views), {}) == [("svc/views.py", 13)]
