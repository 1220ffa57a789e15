"""PRR501 and the `else` of an `if` on an attribute a configuration class fills from a loaded JSON file (loaded_fields.py,
project/loaded_fields.py): `Settings.__init__` loads `conf/defaults.json` and `conf/local.json` into `data`, copies
`self.cache_tls_enabled = data["cache_tls_enabled"]`, and lets an environment variable built from each attribute's name
override it; the store chooses a TLS client on `settings.cache_tls_enabled` and a plain one otherwise. The plain client is
dead as shipped when the shipped sample standing for the loaded file, and every other shipped file that gives the key, turn it on and no deployment file sets its variable to
anything else; the TLS client stays reported, and so does the plain one when a file turns the key off, a deployment file
sets the variable, other code stores or may bind the attribute, the class's lineage answers any attribute, or a `setattr`
of a computed name may put anything in it (anything but the bare value, or a parse of it no deployment file
sets, of a variable named after the attribute, read with no default under an `if` on it). The JSON files are not launch files."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import shipped_findings

_SETTINGS = (
    "import json\nimport os\n\nDEFAULTS = 'conf/defaults.json'\nLOCAL = 'conf/local.json'\n\n\n"
    "def read_files(first=DEFAULTS, second=LOCAL):\n    data = {}\n    for name in (first, second):\n"
    "        try:\n            with open(name) as handle:\n                data.update(json.load(handle))\n"
    "        except FileNotFoundError:\n            pass\n    return data\n\n\n"
    "class Settings:\n    def __init__(self):\n        data = read_files()\n        self.cache_host = data['cache_host']\n"
    "        self.cache_tls_enabled = data['cache_tls_enabled']\n        for key in list(self.__dict__):\n{loop}\n\n"
    "def make_settings():\n    return Settings()\n\n\nsettings = make_settings()\n"
)
_LOOP = "            if value := os.getenv(f'RELAY_{key.upper()}'):\n                setattr(self, key, {override})\n"
_STORE = (
    "from flask import Flask\nfrom redis import Redis\n\nfrom relay.settings import settings\n\napp = Flask(__name__)\n\n\n"
    "def connect():\n    if settings.cache_tls_enabled:\n        return Redis(host=settings.cache_host, ssl=True, socket_connect_timeout=5)\n"
    "    else:\n        return Redis(host=settings.cache_host, socket_connect_timeout=5)\n\n\n"
    "@app.route('/ping')\ndef ping():\n    return str(connect().ping())\n"
)
_TLS, _PLAIN = ("relay/store.py", 11), ("relay/store.py", 13)
_DEFAULTS = '{\n  "cache_host": "cache",\n  "cache_tls_enabled": true\n}\n'
_SAMPLE = '{\n  "__comment__": "copy to local.json",\n  "cache_tls_enabled": true\n}\n'
_COMPOSE = "services:\n  relay:\n    build: .\n    environment:\n      - RELAY_CACHE_HOST=cache\n  cache:\n    image: redis:7\n"


def _relay(override: str = "value", loop: str = _LOOP, **extra: str) -> Dict[str, str]:
    settings = _SETTINGS.replace("{loop}", loop).replace("{override}", override)
    return {"relay/__init__.py": "", "relay/settings.py": settings, "relay/store.py": _STORE, **extra}


def _findings(tmp_path: Path, files: Dict[str, str], shipped: Dict[str, str]) -> List[Tuple[str, int]]:
    """`shipped_findings`, the JSON configuration files written but not listed as launch files, as discovery lists them."""
    for name, text in shipped.items():
        if name.endswith(".json"):
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            (tmp_path / name).write_text(text)
    return shipped_findings(tmp_path, files, {name: text for name, text in shipped.items() if not name.endswith(".json")})


def _shipped(defaults: str = _DEFAULTS, compose: str = _COMPOSE, **extra: str) -> Dict[str, str]:
    return {"conf/defaults.json": defaults, "conf/local.example.json": _SAMPLE, "docker-compose.yml": compose,
            "Dockerfile": "FROM python:3.12\nCOPY . /app\nCMD [\"flask\", \"--app\", \"relay.store\", \"run\"]\n", **extra}


def test_the_way_every_shipped_file_turns_off_is_dead(tmp_path: Path) -> None:
    """VALID: the plain client never runs; INVALID: the TLS client, which does, stays reported."""
    assert _findings(tmp_path, _relay(), _shipped()) == [_TLS]


def test_a_file_turning_the_key_off_keeps_both_ways(tmp_path: Path) -> None:
    assert _findings(tmp_path, _relay(), _shipped(defaults=_DEFAULTS.replace("true", "false"))) == [_TLS, _PLAIN]


def test_a_sample_giving_another_value_keeps_both_ways(tmp_path: Path) -> None:
    assert _findings(tmp_path, _relay(), _shipped(**{"conf/local.example.json": _SAMPLE.replace("true", '"no"')})) == [_TLS, _PLAIN]


def test_no_file_standing_for_the_loaded_one_keeps_both_ways(tmp_path: Path) -> None:
    """The loader names its files through constants, and no sample stands for them: the deployment decides."""
    assert _findings(tmp_path, _relay(), {**_shipped(), "conf/local.example.json": "{}\n"}) == [_TLS, _PLAIN]


def test_a_deployment_file_setting_the_variable_keeps_both_ways(tmp_path: Path) -> None:
    compose = _COMPOSE.replace("      - RELAY_CACHE_HOST=cache\n", "      - RELAY_CACHE_HOST=cache\n      - RELAY_CACHE_TLS_ENABLED=false\n")
    assert _findings(tmp_path, _relay(), _shipped(compose=compose)) == [_TLS, _PLAIN]


def test_a_deployment_file_setting_the_variable_on_leaves_the_way_dead(tmp_path: Path) -> None:
    compose = _COMPOSE.replace("      - RELAY_CACHE_HOST=cache\n", "      - RELAY_CACHE_HOST=cache\n      - RELAY_CACHE_TLS_ENABLED=true\n")
    assert _findings(tmp_path, _relay(), _shipped(compose=compose)) == [_TLS]


def test_an_override_from_anywhere_but_the_environment_keeps_both_ways(tmp_path: Path) -> None:
    assert _findings(tmp_path, _relay(override="key in ('cache_tls_enabled',)"), _shipped()) == [_TLS, _PLAIN]


def test_another_store_of_the_attribute_keeps_both_ways(tmp_path: Path) -> None:
    cli = "from relay.settings import settings\n\n\ndef plain():\n    settings.cache_tls_enabled = False\n"
    assert _findings(tmp_path, _relay(**{"relay/cli.py": cli}), _shipped()) == [_TLS, _PLAIN]


def test_a_parameter_of_the_class_is_judged_as_the_object(tmp_path: Path) -> None:
    store = _STORE.replace("from relay.settings import settings\n", "from relay.settings import Settings, settings\n") \
        .replace("def connect():\n", "def connect(settings: Settings = settings):\n")
    assert _findings(tmp_path, {**_relay(), "relay/store.py": store}, _shipped()) == [_TLS]


def _deployed(line: str) -> str:
    return _COMPOSE.replace("      - RELAY_CACHE_HOST=cache\n", f"      - RELAY_CACHE_HOST=cache\n      - {line}\n")


def test_an_override_rebound_from_anything_else_keeps_both_ways(tmp_path: Path) -> None:
    """The value read from the environment is then unpacked from another table: a tuple target is a binding too."""
    loop = ("            value = os.getenv(f'RELAY_{key.upper()}')\n            if value:\n"
            "                value, _ = OVERRIDES[key]\n                setattr(self, key, value)\n")
    settings = _relay(loop=loop)
    settings["relay/settings.py"] = settings["relay/settings.py"].replace("\n\n\nclass", "\nOVERRIDES = {}\n\n\nclass")
    assert _findings(tmp_path, settings, _shipped()) == [_TLS, _PLAIN]


def test_an_override_with_the_environment_only_as_a_default_keeps_both_ways(tmp_path: Path) -> None:
    loop = ("            if (value := OVERRIDES.get(key, os.getenv(f'RELAY_{key.upper()}'))) is not None:\n"
            "                setattr(self, key, value)\n")
    settings = _relay(loop=loop)
    settings["relay/settings.py"] = settings["relay/settings.py"].replace("\n\n\nclass", "\nOVERRIDES = {}\n\n\nclass")
    assert _findings(tmp_path, settings, _shipped()) == [_TLS, _PLAIN]


def test_an_unguarded_override_sets_none_while_the_variable_is_unset(tmp_path: Path) -> None:
    loop = "            value = os.getenv(f'RELAY_{key.upper()}')\n            setattr(self, key, value)\n"
    assert _findings(tmp_path, _relay(loop=loop), _shipped()) == [_TLS, _PLAIN]


def test_a_parsed_override_a_deployment_file_sets_keeps_both_ways(tmp_path: Path) -> None:
    """`value == '1'` is false for `true`, a true word."""
    compose = _deployed("RELAY_CACHE_TLS_ENABLED=true")
    assert _findings(tmp_path, _relay(override="value == '1'"), _shipped(compose=compose)) == [_TLS, _PLAIN]


def test_a_parsed_override_with_a_default_keeps_both_ways(tmp_path: Path) -> None:
    """The default is parsed while the variable is unset: `'false' == 'true'`."""
    loop = _LOOP.replace("f'RELAY_{key.upper()}')", "f'RELAY_{key.upper()}', 'false')")
    assert _findings(tmp_path, _relay(override="value == 'true'", loop=loop), _shipped()) == [_TLS, _PLAIN]


def test_a_parsed_override_no_deployment_file_sets_leaves_the_way_dead(tmp_path: Path) -> None:
    """The variable is unset as shipped: the `if` on it keeps the parse from running (netpalm's `envvar_as_bool(value)`)."""
    assert _findings(tmp_path, _relay(override="value.strip() == '1'"), _shipped()) == [_TLS]


def test_the_variable_named_through_a_local_name_is_judged_as_spelled_there(tmp_path: Path) -> None:
    loop = ("            variable = f'RELAY_{key.upper()}'\n            if value := os.getenv(variable):\n"
            "                setattr(self, key, value)\n")
    assert _findings(tmp_path, _relay(loop=loop), _shipped()) == [_TLS]
    compose = _deployed("RELAY_CACHE_TLS_ENABLED=off")
    assert _findings(tmp_path / "off", _relay(loop=loop), _shipped(compose=compose)) == [_TLS, _PLAIN]


def test_a_variable_not_named_after_the_attribute_keeps_both_ways(tmp_path: Path) -> None:
    """`USE_TLS=false` sets the attribute though no deployment file names it."""
    loop = "            if value := os.getenv(VARS.get(key, key)):\n                setattr(self, key, value)\n"
    settings = _relay(loop=loop)
    settings["relay/settings.py"] = settings["relay/settings.py"].replace(
        "\n\n\nclass", "\nVARS = {'cache_tls_enabled': 'USE_TLS'}\n\n\nclass")
    assert _findings(tmp_path, settings, _shipped(compose=_deployed("USE_TLS=false"))) == [_TLS, _PLAIN]


def test_the_loaded_item_off_keeps_both_ways_when_no_deployment_file_names_the_attribute(tmp_path: Path) -> None:
    """The item's key is not the attribute's name: only the loaded files decide."""
    settings = _relay()
    settings["relay/settings.py"] = settings["relay/settings.py"].replace("data['cache_tls_enabled']", "data['tls']")
    defaults = '{\n  "cache_host": "cache",\n  "tls": true\n}\n'
    sample = _SAMPLE.replace("cache_tls_enabled", "tls")
    assert _findings(tmp_path, settings, _shipped(defaults=defaults, **{"conf/local.example.json": sample})) == [_TLS]
    off = _shipped(defaults=defaults.replace("true", "false"), **{"conf/local.example.json": sample})
    assert _findings(tmp_path / "off", settings, off) == [_TLS, _PLAIN]


def test_a_base_class_answering_any_attribute_keeps_both_ways(tmp_path: Path) -> None:
    settings = _relay()
    settings["relay/settings.py"] = settings["relay/settings.py"].replace(
        "class Settings:\n", "class Defaults:\n    def __getattr__(self, name):\n        return False\n\n\nclass Settings(Defaults):\n")
    assert _findings(tmp_path, settings, _shipped()) == [_TLS, _PLAIN]


def test_a_computed_fill_of_a_subclass_keeps_both_ways(tmp_path: Path) -> None:
    """A subclass's loader `setattr`s any name on objects a `Settings` parameter may hold."""
    local = ("from relay.settings import Settings\n\n\nclass LocalSettings(Settings):\n"
             "    def load(self, items):\n        for key, value in items:\n            setattr(self, key, value)\n")
    assert _findings(tmp_path, _relay(**{"relay/local.py": local}), _shipped()) == [_TLS, _PLAIN]


def test_code_that_may_bind_any_attribute_keeps_both_ways(tmp_path: Path) -> None:
    cli = "def load(target, name, value):\n    vars(target)[name] = value\n"
    assert _findings(tmp_path, _relay(**{"relay/cli.py": cli}), _shipped()) == [_TLS, _PLAIN]


def test_a_loop_binding_the_name_keeps_both_ways(tmp_path: Path) -> None:
    cli = "from relay.settings import settings\n\n\ndef each():\n    for settings.cache_tls_enabled in (True, False):\n        yield\n"
    assert _findings(tmp_path, _relay(**{"relay/cli.py": cli}), _shipped()) == [_TLS, _PLAIN]


def test_a_store_no_tag_describes_keeps_both_ways(tmp_path: Path) -> None:
    cli = "from relay.settings import settings\n\n\ndef plain(pair):\n    settings.cache_tls_enabled, settings.cache_host = pair\n"
    assert _findings(tmp_path, _relay(**{"relay/cli.py": cli}), _shipped()) == [_TLS, _PLAIN]
