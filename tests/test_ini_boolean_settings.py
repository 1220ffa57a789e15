"""PRR501 and a Django setting bound from an INI file's boolean (config_paths.boolean_option, project/config_paths.py
`off`): `USE_GOOGLE_RECAPTCHA = config.getboolean("recaptcha", "USE_GOOGLE_RECAPTCHA")` after `config.read(DIR +
"/settings.ini")` copies the option, and a view's `if settings.USE_GOOGLE_RECAPTCHA:` is off when every shipped copy of
the file (`settings.ini.example`, `docker/lrs/settings.ini.example`) says `False` (ADL_LRS's reCAPTCHA check, inline in
the view's `post`). The password reset view is a subclass of Django's `PasswordResetView` routed by `as_view()`: a
Django view, whose `post` serves the route and whose other public methods are hooks (project/entrypoints.py), so a
helper method the switch guards stays reported. One example saying `True`, a `fallback=True` no file decides, a value
the settings set again, a second file the parser reads, a `get()` whose string is true whatever it spells, an
environment file naming the option, and a call after the switch stay reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_SETTINGS = (
    "from configparser import RawConfigParser\nfrom os.path import abspath, dirname\n\n"
    "SETTINGS_DIR = dirname(abspath(__file__))\n\nconfig = RawConfigParser()\nconfig.read(SETTINGS_DIR + '/settings.ini')\n\n"
    "USE_GOOGLE_RECAPTCHA = config.getboolean('recaptcha', 'USE_GOOGLE_RECAPTCHA')\n"
    "RECAPTCHA_PRIVATE_KEY = config.get('recaptcha', 'RECAPTCHA_PRIVATE_KEY')\n"
)
_VIEWS = (
    "import requests\nfrom django.conf import settings\nfrom django.contrib.auth.views import PasswordResetView\n\n\n"
    "class PasswordResetViewWithRecaptcha(PasswordResetView):\n"
    "    def post(self, request, *args, **kwargs):\n        form = self.get_form()\n"
    "        if settings.USE_GOOGLE_RECAPTCHA:\n"
    "            data = {'secret': settings.RECAPTCHA_PRIVATE_KEY, 'response': request.POST.get('g-recaptcha-response')}\n"
    "            r = requests.post('https://www.google.com/recaptcha/api/siteverify', data=data)\n"
    "            if not r.json()['success']:\n                return self.form_invalid(form)\n"
    "        return self.form_valid(form)\n"
)
# ADL_LRS's own shape: the check in a method of its own, which Django could call as it calls a view's hooks
_HELPER_VIEWS = (
    "import requests\nfrom django.conf import settings\nfrom django.contrib.auth.views import PasswordResetView\n\n\n"
    "class PasswordResetViewWithRecaptcha(PasswordResetView):\n"
    "    def post(self, request, *args, **kwargs):\n        form = self.get_form()\n"
    "        if settings.USE_GOOGLE_RECAPTCHA:\n            return self.handle_request_with_recaptcha(request, form)\n"
    "        return self.form_valid(form)\n\n"
    "    def handle_request_with_recaptcha(self, request, form):\n"
    "        r = requests.post('https://www.google.com/recaptcha/api/siteverify', data={})\n"
    "        return self.form_valid(form) if r.json()['success'] else self.form_invalid(form)\n"
)
_URLS = (
    "from django.urls import re_path\n\nfrom svc import views\n\n"
    "urlpatterns = [re_path(r'reset/password_reset/$', views.PasswordResetViewWithRecaptcha.as_view(), name='reset')]\n"
)
_OFF = "[recaptcha]\nUSE_GOOGLE_RECAPTCHA: False\nRECAPTCHA_PUBLIC_KEY: key\nRECAPTCHA_PRIVATE_KEY: secret\n"
_SHIPPED = {"settings.ini.example": _OFF, "docker/lrs/settings.ini.example": _OFF}
_CALL = ("svc/views.py", 11)


def _files(settings: str = _SETTINGS, views: str = _VIEWS) -> Dict[str, str]:
    return {"svc/__init__.py": "", "svc/settings.py": settings, "svc/views.py": views, "svc/urls.py": _URLS}


def test_a_setting_every_shipped_ini_example_leaves_off_switches_the_view_s_call_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), _SHIPPED) == []


def test_one_shipped_example_turning_it_on_keeps_the_call(tmp_path: Path) -> None:
    shipped = {**_SHIPPED, "docker/lrs/settings.ini.example": _OFF.replace("False", "True")}
    assert shipped_findings(tmp_path, _files(), shipped) == [_CALL]


def test_a_fallback_that_is_on_with_no_example_keeps_the_call(tmp_path: Path) -> None:
    settings = _SETTINGS.replace("'USE_GOOGLE_RECAPTCHA')", "'USE_GOOGLE_RECAPTCHA', fallback=True)")
    assert shipped_findings(tmp_path, _files(settings), {}) == [_CALL]
    assert shipped_findings(tmp_path, _files(settings), _SHIPPED) == [_CALL]


def test_a_value_the_settings_set_after_reading_keeps_the_call(tmp_path: Path) -> None:
    settings = _SETTINGS + "if RECAPTCHA_PRIVATE_KEY:\n    USE_GOOGLE_RECAPTCHA = True\n"
    assert shipped_findings(tmp_path, _files(settings), _SHIPPED) == [_CALL]


def test_a_second_file_the_parser_reads_keeps_the_call(tmp_path: Path) -> None:
    listed = _SETTINGS.replace("config.read(SETTINGS_DIR + '/settings.ini')", "config.read([SETTINGS_DIR + '/settings.ini', '/etc/lrs/local.ini'])")
    assert shipped_findings(tmp_path, _files(listed), _SHIPPED) == [_CALL]
    named = _SETTINGS.replace("config.read(SETTINGS_DIR + '/settings.ini')\n", "config.read(SETTINGS_DIR + '/settings.ini')\nconfig.read(os.environ['LRS_INI'])\n")
    assert shipped_findings(tmp_path, _files("import os\n" + named), _SHIPPED) == [_CALL]


def test_an_option_code_fills_the_parser_with_keeps_the_call(tmp_path: Path) -> None:
    settings = _SETTINGS.replace("\nUSE_GOOGLE_RECAPTCHA", "\nconfig.read_dict({'recaptcha': load_overrides()})\nUSE_GOOGLE_RECAPTCHA")
    assert shipped_findings(tmp_path, _files(settings), _SHIPPED) == [_CALL]


def test_a_string_read_with_get_keeps_the_call(tmp_path: Path) -> None:
    read = _SETTINGS.replace("config.getboolean('recaptcha', 'USE_GOOGLE_RECAPTCHA')", "config.get('recaptcha', 'USE_GOOGLE_RECAPTCHA')")
    assert shipped_findings(tmp_path, _files(read), _SHIPPED) == [_CALL]  # `"False"` is a true string
    compared = read.replace("'USE_GOOGLE_RECAPTCHA')\n", "'USE_GOOGLE_RECAPTCHA') != 'yes'\n", 1)
    assert shipped_findings(tmp_path, _files(compared), _SHIPPED) == [_CALL]


def test_an_environment_file_naming_the_option_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {**_SHIPPED, ".env.example": "USE_GOOGLE_RECAPTCHA=True\n"}) == [_CALL]


def test_a_call_after_the_switch_stays_reported(tmp_path: Path) -> None:
    views = _VIEWS.replace("        return self.form_valid(form)\n",
                           "        requests.post('https://audit.example.com', data={})\n        return self.form_valid(form)\n")
    assert shipped_findings(tmp_path, _files(views=views), _SHIPPED) == [("svc/views.py", 14)]


def test_a_helper_method_of_the_view_stays_reported(tmp_path: Path) -> None:
    # a public method of a Django view is a hook Django may call (`dispatch`, `form_valid` ...), reached unswitched
    assert shipped_findings(tmp_path, _files(views=_HELPER_VIEWS), _SHIPPED) == [("svc/views.py", 14)]
