"""PRR501 and a client whose host is a Django setting's nested entry read by its key path
(`settings.RQ_QUEUES["default"]["HOST"]`: setting_paths.py, project/switches.py `loopback`).

The entry is left alone when every value the project's settings modules give that path is a loopback address; it is
kept when a settings module points the entry elsewhere (in the dict literal or by an item assignment), when a settings
module binds the setting to something the file phase cannot read (`env.dict(...)`), when an entry above the path is
computed, and when no module gives the path a value."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_SECRETS = (
    "RQ_QUEUES = {\n  'default': {\n    'HOST': 'localhost',\n    'PORT': 6379,\n    'DB': 0,\n"
    "    'DEFAULT_TIMEOUT': 360,\n  }\n}\n\nDATABASES = {'default': {'HOST': 'db.internal', 'NAME': 'app'}}\n"
)
_STATUS = (
    "import requests\nfrom django.conf import settings\n\n\ndef queue_dashboard():\n"
    "    host = settings.RQ_QUEUES['default']['HOST']\n"
    "    return requests.get(f'http://{host}:9181/queues.json').json()\n\n\n"
    "def database_status():\n"
    "    return requests.get('http://%s:8008/health' % settings.DATABASES.get('default', {}).get('HOST')).json()\n"
)
_IMAGE = {"Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD [\"gunicorn\", \"site.wsgi\"]\n"}
_DATABASE = ("site/status.py", 11)


def _files(secrets: str = _SECRETS, **extra: str) -> Dict[str, str]:
    return {"site/__init__.py": "", "site/settings.py": "from site.secrets import *\n", "site/secrets.py": secrets,
            "site/status.py": _STATUS, **extra}


def test_a_nested_entry_every_settings_module_puts_on_loopback_is_left_alone(tmp_path: Path) -> None:
    """The queue's host is this host's; the database's, in the same shape, is another host's."""
    assert shipped_findings(tmp_path, _files(), _IMAGE) == [_DATABASE]


def test_a_settings_module_pointing_the_entry_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    production = "from site.secrets import *\n\nRQ_QUEUES['default']['HOST'] = 'redis.internal'\n"
    found = shipped_findings(tmp_path, _files(**{"site/production.py": production}), _IMAGE)
    assert found == [("site/status.py", 7), _DATABASE]


def test_a_dict_literal_naming_another_host_keeps_the_call(tmp_path: Path) -> None:
    production = "RQ_QUEUES = {'default': {'HOST': 'redis', 'PORT': 6379}}\n"
    found = shipped_findings(tmp_path, _files(**{"site/production.py": production}), _IMAGE)
    assert found == [("site/status.py", 7), _DATABASE]


def test_a_setting_bound_to_what_the_file_phase_cannot_read_keeps_the_call(tmp_path: Path) -> None:
    production = "import environ\n\nenv = environ.Env()\nRQ_QUEUES = env.dict('RQ_QUEUES')\n"
    found = shipped_findings(tmp_path, _files(**{"site/production.py": production}), _IMAGE)
    assert found == [("site/status.py", 7), _DATABASE]


def test_a_computed_entry_above_the_path_keeps_the_call(tmp_path: Path) -> None:
    secrets = _SECRETS.replace("'default': {\n    'HOST': 'localhost',", "'default': QUEUE,\n  'low': {\n    'HOST': 'localhost',")
    assert shipped_findings(tmp_path, _files("QUEUE = {}\n" + secrets), _IMAGE) == [("site/status.py", 7), _DATABASE]


def test_an_inner_dict_updated_in_place_keeps_the_call(tmp_path: Path) -> None:
    production = "import os\n\nfrom site.secrets import *\n\nRQ_QUEUES['default'].update(HOST=os.environ['REDIS_HOST'])\n"
    found = shipped_findings(tmp_path, _files(**{"site/production.py": production}), _IMAGE)
    assert found == [("site/status.py", 7), _DATABASE]
