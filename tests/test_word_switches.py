"""PRR501 and a configuration store's word switches (store_words.py, rules/word_switches.py, project/word_switches.py):
a call that runs only while the store holds one word is left alone when every word the code, the deployment files and
the shipped configuration files give the key is another; a shipped file or a computed value that may say the word
keeps it reported."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_LOGGER = (
    "import urllib3\n\n\nclass LogController:\n    def __init__(self, cbpi):\n        self.cbpi = cbpi\n\n"
    "    def log_data(self, name, value):\n        self.influxdb = self.cbpi.config.get('INFLUXDB', 'No')\n"
    "        if self.influxdb == 'Yes':\n            self.cloud = self.cbpi.config.get('INFLUXDBCLOUD', 'No')\n"
    "            if self.cloud == 'Yes':\n                http = urllib3.PoolManager()\n"
    "                http.request('POST', 'https://cloud.example.com/write', body=value)\n"
    "            else:\n                http = urllib3.PoolManager()\n"
    "                http.request('POST', 'http://influx:8086/write', body=value)\n"
)
_SEED = (
    "class ConfigUpdate:\n    def __init__(self, cbpi):\n        self.cbpi = cbpi\n\n    async def run(self):\n"
    "        if self.cbpi.config.get('INFLUXDB', None) is None:\n"
    "            await self.cbpi.config.add('INFLUXDB', 'No', 'select', 'Write sensor data to influxdb')\n"
)
_FILES = {"cbpi/__init__.py": "", "cbpi/log_file_controller.py": _LOGGER, "cbpi/config_update.py": _SEED}
_RECORD = ('{"INFLUXDB": {"description": "Write sensor data to influxdb", "name": "INFLUXDB", '
           '"options": [{"label": "Yes", "value": "Yes"}, {"label": "No", "value": "No"}], "type": "select", "value": "%s"}}')


def test_a_store_word_every_default_and_seed_leaves_off_switches_the_pool_requests_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _FILES, {"Dockerfile": "FROM python:3.11\nCMD [\"cbpi\", \"start\"]\n"}) == []


def test_a_shipped_record_whose_choices_list_the_word_but_whose_value_is_another_leaves_it_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _FILES, {"config/config.json": _RECORD % "No"}) == []


def test_a_shipped_record_giving_the_word_keeps_the_requests(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _FILES, {"config/config.json": _RECORD % "Yes"}) == \
        [("cbpi/log_file_controller.py", 14), ("cbpi/log_file_controller.py", 17)]


def test_a_deployment_file_giving_the_word_keeps_the_requests(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _FILES, {".env": "INFLUXDB=Yes\n"}) == \
        [("cbpi/log_file_controller.py", 14), ("cbpi/log_file_controller.py", 17)]


def test_a_value_the_code_computes_keeps_the_requests(tmp_path: Path) -> None:
    files = {**_FILES, "cbpi/http.py": "async def put(cbpi, data):\n    await cbpi.config.set('INFLUXDB', data['value'])\n"}
    assert shipped_findings(tmp_path, files, {}) == [("cbpi/log_file_controller.py", 14), ("cbpi/log_file_controller.py", 17)]


def test_a_seed_giving_the_word_keeps_both_ways_of_the_choice_under_it(tmp_path: Path) -> None:
    """The inner `if` has an `else`: a choice between two ways, not a switch (config_switches.guard_keys)."""
    files = {**_FILES, "cbpi/config_update.py": _SEED + "            await self.cbpi.config.add('INFLUXDB', 'Yes', 'select', 'on')\n"
             "            await self.cbpi.config.add('INFLUXDBCLOUD', 'No', 'select', 'cloud')\n"}
    assert shipped_findings(tmp_path, files, {}) == [("cbpi/log_file_controller.py", 14), ("cbpi/log_file_controller.py", 17)]


_TARGET = (
    "import requests\n\n\nclass InfluxTarget:\n    def __init__(self, cbpi):\n        self.cbpi = cbpi\n\n"
    "    async def write(self, value):\n        self.influxdb = self.cbpi.config.get('INFLUXDB', 'No')\n"
    "        if self.influxdb == 'No':\n            return\n"
    "        requests.post('http://influx:8086/write', data=value)\n"
)
_TARGET_FILES = {"cbpi/__init__.py": "", "cbpi/influx_target.py": _TARGET, "cbpi/config_update.py": _SEED}


def test_past_an_exit_on_the_off_word_every_shipped_word_is_that_word(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _TARGET_FILES, {"config/config.yaml": "INFLUXDB: No\n"}) == []
    assert shipped_findings(tmp_path, _TARGET_FILES, {"config/config.yaml": "INFLUXDB: Yes\n"}) == [("cbpi/influx_target.py", 12)]


def test_past_an_exit_on_the_off_word_a_record_giving_another_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _TARGET_FILES, {"config/config.json": _RECORD % "Yes"}) == [("cbpi/influx_target.py", 12)]


def test_past_an_exit_on_the_off_word_another_spelling_keeps_the_call(tmp_path: Path) -> None:
    """`!=` is exact: a seed of "no" is another word, and runs the call."""
    files = {**_TARGET_FILES, "cbpi/config_update.py": _SEED.replace("'No'", "'no'")}
    assert shipped_findings(tmp_path, files, {}) == [("cbpi/influx_target.py", 12)]


def test_a_sample_record_giving_the_word_keeps_the_requests(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _FILES, {"config/config.json.sample": _RECORD % "Yes"}) == \
        [("cbpi/log_file_controller.py", 14), ("cbpi/log_file_controller.py", 17)]


def test_a_class_attribute_of_the_key_a_loader_may_copy_into_the_store_keeps_the_requests(tmp_path: Path) -> None:
    files = {**_FILES, "cbpi/defaults.py": "class Defaults:\n    INFLUXDB = 'Yes'\n"}
    assert shipped_findings(tmp_path, files, {}) == [("cbpi/log_file_controller.py", 14), ("cbpi/log_file_controller.py", 17)]


def test_a_dict_giving_the_key_the_word_keeps_the_requests(tmp_path: Path) -> None:
    files = {**_FILES, "cbpi/defaults.py": "DEFAULTS = {'INFLUXDB': 'Yes', 'TEMP_UNIT': 'C'}\n"}
    assert shipped_findings(tmp_path, files, {}) == [("cbpi/log_file_controller.py", 14), ("cbpi/log_file_controller.py", 17)]


def test_a_configparser_read_is_no_store_word(tmp_path: Path) -> None:
    """`parser.get(section, option)` names a section and an option, not a key and its default: no word switch."""
    reader = ("import configparser\nimport requests\n\nconfig = configparser.ConfigParser()\n\n\ndef push(value):\n"
              "    if config.get('MAIN', 'enabled') == 'yes':\n        requests.post('https://hooks.example.com/push', data=value)\n\n\n"
              "def pull():\n    parser = configparser.ConfigParser()\n    if parser.get('MAIN', 'mode') == 'remote':\n"
              "        requests.get('https://hooks.example.com/pull')\n")
    assert shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/hooks.py": reader}, {}) == [("svc/hooks.py", 9), ("svc/hooks.py", 15)]


def test_a_flask_config_filled_from_the_environment_may_hold_the_word(tmp_path: Path) -> None:
    """`app.config.from_prefixed_env()` copies any `FLASK_*` variable into the store, so no key is settled by its default."""
    app = ("import requests\nfrom flask import Flask, current_app\n\napp = Flask(__name__)\napp.config.from_prefixed_env()\n\n\n"
           "@app.route('/sync')\ndef sync():\n    if current_app.config.get('MODE', 'off') == 'cloud':\n"
           "        requests.post('https://cloud.example.com/sync')\n    return 'ok'\n")
    assert shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/app.py": app}, {}) == [("svc/app.py", 11)]
    assert shipped_findings(tmp_path, {"svc/__init__.py": "", "svc/app.py": app.replace("app.config.from_prefixed_env()\n", "")}, {}) == []


def test_a_module_constant_of_the_key_a_loader_may_copy_into_the_store_keeps_the_requests(tmp_path: Path) -> None:
    files = {**_FILES, "cbpi/defaults.py": "import os\n\nINFLUXDB = os.environ.get('INFLUXDB', 'Yes')\n"}
    assert shipped_findings(tmp_path, files, {}) == [("cbpi/log_file_controller.py", 14), ("cbpi/log_file_controller.py", 17)]
