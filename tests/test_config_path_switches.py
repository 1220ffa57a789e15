"""PRR501 and a guard on a loaded configuration file's item read with a default that leaves the branch off
(config_paths.switch_path, project/config_paths.py `off`): `if not settings.get("mirror_icons", False): return` before
the download, `settings` a module-level instance of the project's own class that parses the YAML file its sample
(`settings.sample.yaml`) stands for. The call is dead as shipped when no shipped configuration file gives the key a
value that is on; it stays reported when the sample (or another shipped file) turns it on or sets it at all to
anything but a false word, when a deployment file sets it, when code hands the key to a writer, when the read's default
turns the branch on, when the class's `get` asks the environment by the key, or when the mapping's source is unknown."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_CONFIG = (
    "import os\nimport yaml\n\n\nclass Settings:\n    def __init__(self, path='settings.yaml'):\n        self.path = path\n"
    "        self.values = {}\n        self.load()\n\n    def load(self):\n        with open(self.path) as handle:\n"
    "            self.values = yaml.safe_load(handle) or {}\n\n    def get(self, name, fallback=None):\n"
    "        parts = name.split('.')\n        found = self.values\n        for part in parts:\n"
    "            if not isinstance(found, dict) or part not in found:\n                return fallback\n"
    "            found = found[part]\n        return found\n\n    def put(self, name, value):\n"
    "        self.values[name] = value\n\n\nsettings = Settings()\n"
)
_ICONS = (
    "import requests\n\nfrom feeds.conf import settings\n\n\ndef mirror_icon(url):\n"
    "    if not settings.get({read}):\n        return url\n    answer = requests.get(url)\n    return answer.content\n"
)
_SERVER = "from feeds.icons import mirror_icon\n\n\ndef main():\n    mirror_icon('https://example.org/icon.png')\n\n\nif __name__ == '__main__':\n    main()\n"
_SAMPLE = "title: feeds\nrefresh: 30\n# mirror_icons: true\n"
_REPORTED = [("feeds/icons.py", 9)]


def _feeds(read: str = "'mirror_icons', False", config: str = _CONFIG, **extra: str) -> Dict[str, str]:
    return {"feeds/__init__.py": "", "feeds/conf.py": config, "feeds/icons.py": _ICONS.format(read=read), "feeds/cli.py": _SERVER, **extra}


def _shipped(sample: str = _SAMPLE, **extra: str) -> Dict[str, str]:
    return {"settings.sample.yaml": sample, "Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD [\"python\", \"-m\", \"feeds.cli\"]\n", **extra}


def test_a_key_no_shipped_file_sets_switches_the_call_off(tmp_path: Path) -> None:
    """A commented-out line in the sample ships nothing, as for the other switches."""
    assert shipped_findings(tmp_path, _feeds(), _shipped()) == []


def test_a_sample_turning_the_key_on_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _feeds(), _shipped(_SAMPLE + "mirror_icons: true\n")) == _REPORTED


def test_a_sample_setting_the_key_to_a_false_word_leaves_it_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _feeds(), _shipped(_SAMPLE + "mirror_icons: no\n")) == []


def test_a_sample_giving_the_key_a_section_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _feeds(), _shipped(_SAMPLE + "mirror_icons:\n  folder: icons\n")) == _REPORTED


def test_another_shipped_yaml_file_turning_it_on_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _feeds(), _shipped(**{"deploy/production.yaml": "mirror_icons: yes\n"})) == _REPORTED


def test_a_deployment_file_setting_the_key_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _feeds(), _shipped(**{".env.example": "MIRROR_ICONS=true\n"})) == _REPORTED


def test_a_default_that_turns_the_branch_on_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _feeds("'mirror_icons', True"), _shipped()) == _REPORTED


def test_code_handing_the_key_to_a_writer_keeps_the_call(tmp_path: Path) -> None:
    admin = "from feeds.conf import settings\n\n\ndef enable():\n    settings.put('mirror_icons', True)\n"
    assert shipped_findings(tmp_path, _feeds(**{"feeds/admin.py": admin}), _shipped()) == _REPORTED


def test_a_get_that_asks_the_environment_by_the_key_keeps_the_call(tmp_path: Path) -> None:
    config = _CONFIG.replace("        parts = name.split('.')\n", "        if os.getenv(name.upper()):\n            return os.getenv(name.upper())\n        parts = name.split('.')\n")
    assert shipped_findings(tmp_path, _feeds(config=config), _shipped()) == _REPORTED


def test_a_mapping_of_unknown_source_keeps_the_call(tmp_path: Path) -> None:
    """No file is parsed: the values come from somewhere prr-lint cannot see."""
    config = "import requests\n\nsettings = requests.get('https://config.example.org/feeds', timeout=5).json()\n"
    assert shipped_findings(tmp_path, _feeds(config=config), _shipped()) == _REPORTED


def test_without_a_sample_of_the_loaded_file_the_key_stays_on(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _feeds(), {"Dockerfile": "FROM python:3.12\n"}) == _REPORTED
