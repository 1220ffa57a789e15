"""Plug-ins a loader imports only when the shipped configuration lists them (configured_plugins.py): a chat bot
lists its plug-in folder, matches the names of its `plugins` option against it and imports `plugins.<name>` for
each; its shipped `config.json` lists two. An unlisted plug-in nothing loaded imports never runs; a listed one, a
module a loaded one imports, and every plug-in when nothing ships the key, stay reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk

LOADER = (
    "import importlib\nimport os\n\n\ndef found_plugins(folder):\n"
    "    return [os.path.splitext(name)[0] for name in os.listdir(folder) if not name.startswith('_')]\n\n\n"
    "def configured_plugins(bot):\n    folder = os.path.dirname(__file__)\n    wanted = bot.get_option('plugins')\n"
    "    if wanted is None:\n        return found_plugins(folder)\n    chosen = []\n    for item in wanted:\n"
    "        chosen += [name for name in found_plugins(folder) if ('.' + name).endswith('.' + item)]\n    return chosen\n\n\n"
    "def load(bot, module_path):\n    return importlib.import_module(module_path)\n\n\n"
    "def load_plugins(bot):\n    for name in configured_plugins(bot):\n        print('bot.{} loading'.format(name))\n"
    "        load(bot, 'plugins.{}'.format(name))\n"
)
PLUGIN = "import requests\n\n\ndef {name}(bot, event):\n    return requests.get('https://{name}.example/api').json()\n"
CONFIG = '{{\n  "admins": ["owner"],\n  "plugins": {plugins}\n}}\n'


def _project(plugins: str = '["weather", "quotes"]', **extra: str) -> Dict[str, str]:
    files = {
        "bot/__init__.py": "", "bot/plugins/__init__.py": LOADER,
        "bot/plugins/weather.py": "from plugins.units import celsius\n" + PLUGIN.format(name="weather"),
        "bot/plugins/units.py": PLUGIN.format(name="celsius"),
        "bot/plugins/jokes.py": PLUGIN.format(name="jokes"),
        "bot/plugins/quotes/__init__.py": PLUGIN.format(name="quotes"),
        "bot/plugins/quotes/quotes_archive.py": PLUGIN.format(name="archive"),
        "bot/plugins/_mailrelay/__init__.py": "#!/usr/bin/env python3\n" + PLUGIN.format(name="relay"),
        "bot/plugins/bridge/__init__.py": "from plugins.bridge.bridge_core import Link\n\nLINK = Link()\n",
        "bot/plugins/bridge/bridge_core.py": (
            "import threading\n\nimport requests\n\nimport plugins.bridge\n\n\nclass Link:\n    def __init__(self):\n"
            "        threading.Thread(target=self.run, daemon=True).start()\n\n    def run(self):\n        while True:\n"
            "            requests.get('https://bridge.example/poll')\n"),
    }
    files.update(extra)
    return files


def _found(tmp_path: Path, files: Dict[str, str], config: str = CONFIG.format(plugins='["weather", "quotes"]')) -> List[str]:
    result = run_on_disk(tmp_path, files, whole_project=True, on_disk_only={"bot/config.json": config} if config else None)
    return sorted({finding.path for finding in result.findings})


LISTED = ["bot/plugins/quotes/__init__.py", "bot/plugins/units.py", "bot/plugins/weather.py"]
EVERY = sorted([*LISTED, "bot/plugins/_mailrelay/__init__.py", "bot/plugins/bridge/bridge_core.py", "bot/plugins/jokes.py",
                "bot/plugins/quotes/quotes_archive.py"])


def test_a_plug_in_no_shipped_list_names_is_not_the_service(tmp_path: Path) -> None:
    """`jokes`, the `_mailrelay` package (its `#!` line aside: a plug-in runs when its loader imports it), the
    `bridge` package and the polling loop its core module runs (they import each other), and the listed `quotes`
    package's sibling module are never imported: their calls leave the report. The listed plug-ins stay, and so does `units`, which the listed `weather` imports."""
    assert _found(tmp_path, _project()) == LISTED


def test_a_list_naming_them_or_a_loaded_module_importing_them_keeps_them(tmp_path: Path) -> None:
    """A shipped list that names `jokes` and `_mailrelay`, or the bot's own module importing `jokes`: each may run."""
    named = CONFIG.format(plugins='["weather", "quotes", "jokes", "_mailrelay", "quotes_archive", "bridge"]')
    assert _found(tmp_path / "named", _project(), named) == EVERY
    core = {"bot/core.py": "from plugins import jokes\n\n\ndef answer(bot, event):\n    return jokes.jokes(bot, event)\n"}
    assert _found(tmp_path / "imported", _project(**core)) == sorted([*LISTED, "bot/plugins/jokes.py"])


def test_every_plug_in_stays_when_the_shipped_configuration_does_not_list_them(tmp_path: Path) -> None:
    """No shipped file gives `plugins` (the loader then loads every plug-in), or one gives it no list (`null`: the same):
    nothing is known to be left out."""
    assert _found(tmp_path / "absent", _project(), '{\n  "admins": ["owner"]\n}\n') == EVERY
    assert _found(tmp_path / "null", _project(), CONFIG.format(plugins="null")) == EVERY
    assert _found(tmp_path / "none", _project(), "") == EVERY


def test_a_loader_that_iterates_no_configured_key_loads_them_all(tmp_path: Path) -> None:
    """A loader whose list is no configured key's (a fixed `None`: it imports every plug-in it finds): each may run."""
    loader = LOADER.replace("bot.get_option('plugins')", "None")
    assert _found(tmp_path, _project(**{"bot/plugins/__init__.py": loader})) == EVERY


def test_a_key_some_yaml_or_ini_file_gives_leaves_them_all(tmp_path: Path) -> None:
    """A YAML or INI file giving the key besides the JSON one: its list is not read, so nothing is known to be left out."""
    yaml = {"bot/config.json": CONFIG.format(plugins='["weather", "quotes"]'), "bot/extra.yaml": "plugins:\n  - jokes\n"}
    result = run_on_disk(tmp_path / "yaml", _project(), whole_project=True, on_disk_only=yaml)
    assert sorted({finding.path for finding in result.findings}) == EVERY
    ini = {"bot/config.json": CONFIG.format(plugins='["weather", "quotes"]'), "bot/extra.ini": "[bot]\nplugins = jokes\n"}
    result = run_on_disk(tmp_path / "ini", _project(), whole_project=True, on_disk_only=ini)
    assert sorted({finding.path for finding in result.findings}) == EVERY


def test_two_iterated_keys_each_given_leave_them_all(tmp_path: Path) -> None:
    """The loader iterates a second key some file gives too: which list chooses the plug-ins is not known."""
    loader = LOADER.replace("    chosen = []\n", "    chosen = []\n    for extra in bot.get_option('extras'):\n        chosen.append(extra)\n")
    config = '{\n  "plugins": ["weather", "quotes"],\n  "extras": ["jokes"]\n}\n'
    assert _found(tmp_path, _project(**{"bot/plugins/__init__.py": loader}), config) == EVERY


def test_another_loader_spelling_the_plug_ins_start_keeps_them(tmp_path: Path) -> None:
    """Another module imports `plugins.<name>` by a name it computes: any plug-in may be that one."""
    other = {"bot/admin.py": "import importlib\n\n\ndef reload(name):\n    return importlib.import_module('plugins.' + name)\n"}
    assert _found(tmp_path, _project(**other)) == EVERY


def test_environment_and_library_getters_are_no_configured_key(tmp_path: Path) -> None:
    """`os.getenv("plugins")` is the deployment's, not a shipped file's: every plug-in may be listed there."""
    loader = LOADER.replace("import os\n", "import os\nimport logging\n").replace("bot.get_option('plugins')", "os.getenv('plugins')")
    assert _found(tmp_path, _project(**{"bot/plugins/__init__.py": loader})) == EVERY
