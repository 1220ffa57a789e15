"""PRR501's dead methods (project/dead_code.py `_unused`): a comment names no method, and a file
that imports a class, by a name the index may not resolve (a monorepo's shared `models` package)
or through its module (`distrib.Client(...)`), loads no class by a string, so a plain class's
methods nothing calls stay dead; a method a live call names and a class a string names stay."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

VIEWS = (
    "from flask import Flask\nfrom svc.translate import Translator\n\napp = Flask(__name__)\n\n"
    "@app.post('/translate')\ndef translate():\n    return Translator().translate('text')\n"
)
TRANSLATOR = (
    "import requests\n\nclass Translator:\n    def translate(self, text):\n"
    "        # return self.ask_attention_api(text)\n        return text.upper()\n\n"
    "    def ask_attention_api(self, text):\n        return requests.post('https://attention', json=text).json()\n"
)
ATTENTION = ("PRR501", "svc/translate.py", 9)


def _found(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, str, int]]:
    return sorted((f.rule, f.path, f.span.line) for f in run_on_disk(tmp_path, {"svc/__init__.py": "", **files}).findings)


def test_a_method_whose_only_call_is_commented_out_is_dead(tmp_path: Path) -> None:
    """anuvaad's `replace_with_attention_api`: both of its calls are commented out."""
    assert _found(tmp_path, {"svc/views.py": VIEWS, "svc/translate.py": TRANSLATOR}) == []


def test_a_method_a_live_call_names_stays(tmp_path: Path) -> None:
    translator = TRANSLATOR.replace("# return self.ask_attention_api(text)", "return self.ask_attention_api(text)")
    assert _found(tmp_path, {"svc/views.py": VIEWS, "svc/translate.py": translator}) == [ATTENTION]


CLIENT = (
    "import requests\n\nclass BagClient:\n    def __init__(self, url):\n        self.url = url\n\n"
    "    def describe(self, name):\n        return requests.get(self.url + name, timeout=5).json()\n\n"
    "    def stream_bag(self, name):\n        return requests.get(self.url + name, stream=True)\n"
)
STREAM = ("PRR501", "svc/distrib/client.py", 11)
DISTRIB = {"svc/distrib/__init__.py": "from .client import BagClient\n", "svc/distrib/client.py": CLIENT}


def _through_module(call: str) -> Dict[str, str]:
    views = ("from flask import Flask\nimport svc.distrib as distrib\n\napp = Flask(__name__)\n\n"
             f"@app.get('/bags/<name>')\ndef bag(name):\n    return distrib.BagClient('https://d/').{call}(name)\n")
    return {**DISTRIB, "svc/views.py": views}


def test_a_class_called_through_its_module_is_no_string_and_its_unused_method_is_dead(tmp_path: Path) -> None:
    """oar-pdr-py's `distrib.BagDistribClient(...)` after `import nistoar.pdr.distrib as distrib`:
    `stream_bag`, which nothing but tests calls, is dead."""
    assert _found(tmp_path, _through_module("describe")) == []


def test_the_method_the_service_calls_through_the_module_stays(tmp_path: Path) -> None:
    assert _found(tmp_path, _through_module("stream_bag")) == [STREAM]


def test_a_class_a_settings_string_names_without_importing_it_keeps_its_methods(tmp_path: Path) -> None:
    files = {**_through_module("describe"), "svc/settings.py": "BAG_CLIENT = 'svc.distrib.client.BagClient'\n"}
    assert _found(tmp_path, files) == [STREAM]


USERS = (
    "import smtplib\n\nclass UserModel:\n    def create(self, user):\n        return dict(user)\n\n"
    "    def send_verified_mail(self, email):\n        smtplib.SMTP('smtp.example.com').sendmail('a', email, 'ok')\n"
)


def test_a_class_imported_by_a_short_name_a_monorepo_shares_is_no_string(tmp_path: Path) -> None:
    """anuvaad's `from models import UserManagementModel`: each service of the monorepo has a
    `models` package on its own `sys.path`, so the import does not resolve, but it is an import."""
    service = ("from flask import Flask\nfrom models import UserModel\n\napp = Flask(__name__)\n\n"
               "@app.post('/users')\ndef create():\n    return UserModel().create({})\n")
    files = {"users/app.py": service, "users/models/__init__.py": "from .users import UserModel\n",
             "users/models/users.py": USERS, "orders/models/__init__.py": "ORDERS = []\n",
             "orders/app.py": "from models import ORDERS\n\nprint(ORDERS)\n"}
    assert _found(tmp_path, files) == []


PAGES = (
    "import requests\n\nclass Page:\n    def render(self):\n        return 'page'\n\n"
    "    def refresh_cache(self):\n        return requests.request('PURGE', 'https://cache/page')\n"
)
PURGE = ("svc/pages.py", 8)
PAGE_VIEW = "from flask import Flask\nfrom svc.pages import Page\n\napp = Flask(__name__)\n\n@app.get('/p')\ndef page():\n    return Page().render()\n"
CRONTAB = ("# run refresh_cache after the nightly load\n"
           "30 18 * * * /bin/bash /srv/cron/refresh_cache.sh > /var/log/refresh_cache.log 2>&1\n")


def test_a_crontab_comment_or_a_file_name_calls_no_method(tmp_path: Path) -> None:
    """SGD's `CacheBase.refresh_cache`: its crontab runs a `refresh_cache.sh` (that calls no Python)
    into `refresh_cache.log` under a comment naming it; nothing calls the method."""
    files = {"svc/views.py": PAGE_VIEW, "svc/pages.py": PAGES}
    found = run_on_disk(tmp_path, {"svc/__init__.py": "", **files}, on_disk_only={"deploy/curation_crontab": CRONTAB}).findings
    assert sorted((f.rule, f.path, f.span.line) for f in found) == []


def test_a_template_that_calls_the_method_keeps_it(tmp_path: Path) -> None:
    # the view hands the page to the template (a template holds only what it is given: accounted_objects.py)
    view = PAGE_VIEW.replace("from flask import Flask", "from flask import Flask, render_template")
    view = view.replace("    return Page().render()\n", "    return render_template('page.html', page=Page())\n")
    files = {"svc/views.py": view, "svc/pages.py": PAGES}
    on_disk = {"deploy/curation_crontab": CRONTAB, "svc/templates/page.html": "<p>{{ page.refresh_cache() }}</p>\n"}
    found = run_on_disk(tmp_path, {"svc/__init__.py": "", **files}, on_disk_only=on_disk).findings
    assert sorted((f.rule, f.path, f.span.line) for f in found) == [("PRR501", *PURGE)]
