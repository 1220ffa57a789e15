"""PRR501 and a host read from a loaded configuration file by a literal key path (config_paths.py,
project/config_paths.py): `PlayerApi.__init__(self, cfg["player"]["host"])` in a subclass built only with the mapping
`load_settings()` returns, which parses the package's own `defaults.toml`. The call is to this host when that file gives
the path a loopback address and no other shipped configuration file points it elsewhere; it stays reported when the file
names another host, another shipped file does, the file lacks the path, or the mapping is not tied to the loader."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from _serving import shipped_findings

_SETTINGS = (
    "import os\nimport tomllib\n\n\ndef load_settings():\n"
    "    path = os.path.join(os.path.dirname(__file__), 'defaults.toml')\n"
    "    with open(path, 'rb') as handle:\n        return tomllib.load(handle)\n"
)
_PLAYER = (
    "import requests\n\n\nclass PlayerApi:\n    def __init__(self, host='localhost', port=6600):\n"
    "        self.base = 'http://%s:%d' % (host, port)\n\n"
    "    def status(self):\n        return requests.get(self.base + '/status').json()\n"
)
_STATION = (
    "from radio.player import PlayerApi\n\n\nclass Station(PlayerApi):\n    def __init__(self, cfg):\n"
    "        PlayerApi.__init__(self, cfg['player']['host'], cfg['player']['port'])\n        self.name = cfg['station']['name']\n"
)
_MAIN = (
    "from radio.settings import load_settings\nfrom radio.station import Station\n\n\ndef main():\n"
    "    settings = load_settings()\n    print(Station(settings).status())\n\n\nif __name__ == '__main__':\n    main()\n"
)
_DEFAULTS = '[station]\nname = "kitchen"\n\n[player]\nhost = "{host}"\nport = 6600\n'


def _radio(main: str = _MAIN) -> Dict[str, str]:
    return {"radio/__init__.py": "", "radio/settings.py": _SETTINGS, "radio/player.py": _PLAYER,
            "radio/station.py": _STATION, "radio/main.py": main}


def _shipped(host: str = "localhost", **extra: str) -> Dict[str, str]:
    return {"radio/defaults.toml": _DEFAULTS.format(host=host), **extra}


def test_a_host_the_loaded_defaults_give_a_loopback_address_is_left_alone(tmp_path: Path) -> None:
    """The shape of pwnagotchi's bettercap client: the base class's `__init__` called through the class."""
    assert shipped_findings(tmp_path, _radio(), _shipped()) == []


def test_an_item_read_where_the_mapping_is_loaded_is_left_alone(tmp_path: Path) -> None:
    files = {"radio/__init__.py": "", "radio/settings.py": _SETTINGS, "radio/main.py": (
        "import requests\n\nfrom radio.settings import load_settings\n\n\ndef main():\n    cfg = load_settings()\n"
        "    return requests.get(f\"http://{cfg['player']['host']}:6600/status\").json()\n")}
    assert shipped_findings(tmp_path, files, _shipped()) == []
    assert shipped_findings(tmp_path, files, _shipped("jukebox.internal")) == [("radio/main.py", 8)]


def test_the_loaded_file_naming_another_host_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _radio(), _shipped("jukebox.internal")) == [("radio/player.py", 9)]


def test_another_shipped_file_pointing_the_path_elsewhere_keeps_the_call(tmp_path: Path) -> None:
    values = "player:\n  host: jukebox.internal\n  port: 6600\n"
    assert shipped_findings(tmp_path, _radio(), _shipped(**{"deploy/values.yaml": values})) == [("radio/player.py", 9)]


def test_another_shipped_file_giving_the_path_this_host_leaves_it_alone(tmp_path: Path) -> None:
    values = "station:\n  name: hall\nplayer:\n  host: 127.0.0.1\n"
    assert shipped_findings(tmp_path, _radio(), _shipped(**{"deploy/values.yaml": values})) == []


def test_a_path_the_loaded_file_does_not_hold_keeps_the_call(tmp_path: Path) -> None:
    shipped = {"radio/defaults.toml": '[station]\nname = "kitchen"\n\n[mpd]\nhost = "localhost"\n'}
    assert shipped_findings(tmp_path, _radio(), shipped) == [("radio/player.py", 9)]


def test_a_mapping_not_tied_to_the_loader_keeps_the_call(tmp_path: Path) -> None:
    """The mapping comes from a remote answer, not from the file the project ships."""
    main = _MAIN.replace("settings = load_settings()", "settings = requests.get('https://config.example/radio').json()")
    assert shipped_findings(tmp_path, _radio(main="import requests\n" + main), _shipped()) == [("radio/main.py", 7), ("radio/player.py", 9)]


def test_a_loader_that_names_no_shipped_file_keeps_the_call(tmp_path: Path) -> None:
    files = _radio()
    files["radio/settings.py"] = _SETTINGS.replace("os.path.join(os.path.dirname(__file__), 'defaults.toml')", "os.environ['RADIO_SETTINGS']")
    assert shipped_findings(tmp_path, files, _shipped()) == [("radio/player.py", 9)]
