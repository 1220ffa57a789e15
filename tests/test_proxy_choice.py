"""PRR501 and a proxy address a Django setting copies from a YAML defaults file (interpro7-api's `HTTP_PROXY =
INTERPRO_CONFIG.get("http_proxy", "")`, `config/interpro.yml` shipping `http_proxy: ""`), chosen by `if proxy is not
None and proxy != "": <connect through it> else: <connect directly>`. Both connections must stay reported: the `if`
has an `else` that does work (one of two ways a deployment picks, rules/guards.py `guarding_terms`), and the settings
merge a second file over every key (`config/interpro.local.yml`, which the project does not ship and its deployment
guide has operators write), so the shipped blank is a default, not a decision. These pin that against a fix that would
read the shipped YAML file alone (the setting, a read of a loaded mapping, counts today as a computed value: on)."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_SETTINGS = (
    "import os\nimport yaml\n\nBASE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))\n\n"
    "try:\n    INTERPRO_CONFIG = yaml.safe_load(open('{}/config/interpro.yml'.format(BASE_DIR)))\n"
    "except FileNotFoundError:\n    INTERPRO_CONFIG = {}\n"
    "{local}"
    "HTTP_PROXY = INTERPRO_CONFIG.get('http_proxy', '')\n"
    "SEARCHER_URL = INTERPRO_CONFIG.get('searcher_path', '')\n"
)
_LOCAL = (
    "try:\n    INTERPRO_CONFIG_LOCAL = yaml.safe_load(open('{}/config/interpro.local.yml'.format(BASE_DIR)))\n"
    "except FileNotFoundError:\n    INTERPRO_CONFIG_LOCAL = {}\n\n"
    "for key in INTERPRO_CONFIG_LOCAL:\n    INTERPRO_CONFIG[key] = INTERPRO_CONFIG_LOCAL.get(key, None)\n\n"
)
_CONTROLLER = (
    "import urllib.parse\nfrom http.client import HTTPSConnection\n\nfrom django.conf import settings\n\n\n"
    "class ElasticsearchController:\n    def __init__(self):\n        url = urllib.parse.urlparse(settings.SEARCHER_URL)\n"
    "        proxy = settings.HTTP_PROXY\n"
    "        if proxy is not None and proxy != '':\n            proxy = urllib.parse.urlparse(proxy)\n"
    "            self.connection = HTTPSConnection(proxy.hostname, proxy.port)\n"
    "            self.connection.set_tunnel(url.hostname, url.port)\n"
    "        else:\n            self.connection = HTTPSConnection(url.hostname, url.port)\n"
)
_SERVER = "from webfront.elastic import ElasticsearchController\n\n\ndef main():\n    ElasticsearchController()\n\n\nif __name__ == '__main__':\n    main()\n"
_SHIPPED = {
    "config/interpro.yml": "searcher_path: \"http://search-db01:9200\"\nhttp_proxy: \"\"\n",
    "Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD [\"python\", \"-m\", \"webfront.cli\"]\n",
}


def _service(local: str = _LOCAL) -> Dict[str, str]:
    return {"interpro/__init__.py": "", "interpro/settings.py": _SETTINGS.replace("{local}", local),
            "webfront/__init__.py": "", "webfront/elastic.py": _CONTROLLER, "webfront/cli.py": _SERVER}


def test_a_proxy_a_local_override_file_may_set_keeps_both_connections(tmp_path: Path) -> None:
    """interpro7-api as it ships: `config/interpro.local.yml` may give `http_proxy` any value."""
    assert shipped_findings(tmp_path, _service(), _SHIPPED) == [("webfront/elastic.py", 13), ("webfront/elastic.py", 16)]


def test_a_proxy_chosen_against_a_direct_connection_keeps_both_ways(tmp_path: Path) -> None:
    """With no override file the `else` still makes the proxy one of two ways a deployment picks."""
    assert shipped_findings(tmp_path, _service(local=""), _SHIPPED) == [("webfront/elastic.py", 13), ("webfront/elastic.py", 16)]
