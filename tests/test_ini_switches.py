"""PRR501 and switches kept in INI-style configuration files (ini_keys.py, project/ini_values.py): a call
under `reader.section.key` of a reader built for `api` is not reported when every shipped `api.conf*` file
leaves the key off; a file or an installer's crudini call that turns it on, or a key no file gives, keeps it. A
method's branch on a parameter every caller fills with a switch each shipped INI file turns on (`debug_mode = true`, read
as `config.getboolean("SERVICE", "debug_mode")`) or with `True` never takes its `else` (project/param_guards.py); another
configuration read passed (an environment variable, a loaded file's item) decides nothing."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_VIEW = (
    "import requests\nfrom svc.config import Config\n\napiconf = Config('api')\n\n\n"
    "def stop(machine):\n    if apiconf.user_stop.enabled:\n        return requests.get(machine.url).json()\n    return None\n"
)
_READER = "import configparser\n\n\nclass Config:\n    def __init__(self, name='main'):\n        self.name = name\n"
_PARSER = (
    "import configparser\nimport smtplib\n\nparser = configparser.ConfigParser()\nparser.read('app.ini')\n\n\n"
    "def notify(to):\n    if parser.getboolean('email', 'enabled'):\n        smtplib.SMTP('mail').sendmail('svc', [to], 'x')\n"
)
_FILES = {"svc/__init__.py": "", "svc/config.py": _READER, "svc/views.py": _VIEW}
_OFF = "[user_stop]\nenabled = no\n\n[delete]\nenabled = yes\n"


def test_a_section_key_every_shipped_ini_file_leaves_off_switches_the_call_off(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _FILES, {"conf/default/api.conf.default": _OFF}) == []


def test_a_shipped_ini_file_turning_the_key_on_keeps_the_call(tmp_path: Path) -> None:
    shipped = {"conf/default/api.conf.default": _OFF, "conf/api.conf": "[user_stop]\nenabled = yes\n"}
    assert shipped_findings(tmp_path, _FILES, shipped) == [("svc/views.py", 9)]


def test_an_installer_setting_the_key_with_crudini_keeps_the_call(tmp_path: Path) -> None:
    shipped = {"conf/default/api.conf.default": _OFF, "installer/install.sh": "crudini --set conf/api.conf user_stop enabled yes\n"}
    assert shipped_findings(tmp_path, _FILES, shipped) == [("svc/views.py", 9)]


def test_a_key_the_file_of_another_name_leaves_off_keeps_the_call(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _FILES, {"conf/default/web.conf.default": _OFF}) == [("svc/views.py", 9)]


def test_a_configparser_getboolean_of_a_key_the_shipped_ini_leaves_off_is_off(tmp_path: Path) -> None:
    files = {"svc/__init__.py": "", "svc/notify.py": _PARSER}
    assert shipped_findings(tmp_path, files, {"app.ini.sample": "[email]\nenabled = false\n"}) == []
    assert shipped_findings(tmp_path, files, {"app.ini.sample": "[email]\nenabled = true\n"}) == [("svc/notify.py", 10)]


def test_a_reader_imported_from_the_module_that_builds_it_reads_that_file(tmp_path: Path) -> None:
    view = _VIEW.replace("from svc.config import Config\n\napiconf = Config('api')\n", "from svc.readers import apiconf\n")
    files = {"svc/__init__.py": "", "svc/config.py": _READER, "svc/views.py": view,
             "svc/readers.py": "from svc.config import Config\n\napiconf = Config('api')\n"}
    assert shipped_findings(tmp_path, files, {"conf/default/api.conf.default": _OFF}) == []
    assert shipped_findings(tmp_path, files, {"conf/default/api.conf.default": _OFF.replace("no", "yes")}) == [("svc/views.py", 7)]


_MAIN = (
    "import argparse\nimport configparser\n\nfrom svc.preprocessor import Preprocessor\n\n\ndef main():\n"
    "    preproc = Preprocessor()\n    debug = config.getboolean('SERVICE', 'debug_mode')\n    preproc.retrieve_licenses(debug)\n\n\n"
    "if __name__ == '__main__':\n    parser = argparse.ArgumentParser()\n    parser.add_argument('-c', '--config', required=True)\n"
    "    config = configparser.ConfigParser()\n    config.read(parser.parse_args().config)\n    main()\n"
)
_PREPROCESSOR = (
    "import requests\n\n\nclass Preprocessor:\n    licenses = []\n\n    @classmethod\n"
    "    def retrieve_licenses(cls, is_debug):\n        if is_debug:\n            with open('licenses.json') as f:\n"
    "                cls.licenses = f.read()\n        else:\n"
    "            cls.licenses = requests.get('https://spdx.org/licenses.json').json()\n\n"
    "    @classmethod\n    def get_licenses(cls):\n        if not cls.licenses:\n            cls.retrieve_licenses(True)\n"
    "        return cls.licenses\n"
)
_STARTED = {"svc/__init__.py": "", "svc/__main__.py": _MAIN, "svc/preprocessor.py": _PREPROCESSOR}
_SERVICE = "[SERVICE]\nservice_port = 1071\n# true avoids downloads during development\ndebug_mode = true\n"


def test_a_download_in_the_else_of_a_parameter_every_caller_fills_with_a_switch_shipped_on_is_never_run(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _STARTED, {"svc/config/server.ini": _SERVICE}) == []


def test_a_switch_shipped_on_decides_a_test_of_equality_with_true(tmp_path: Path) -> None:
    """`getboolean` returns a real bool, so `is_debug == True` is decided as `if is_debug:` is (param_guards.py `_decided`)."""
    preprocessor = _PREPROCESSOR.replace("if is_debug:", "if is_debug == True:")
    assert shipped_findings(tmp_path, {**_STARTED, "svc/preprocessor.py": preprocessor}, {"svc/config/server.ini": _SERVICE}) == []


def test_a_switch_compared_with_a_string_is_not_decided(tmp_path: Path) -> None:
    """A comparison with a string says the code expects the text a project's reader may return (`is_debug != 'no'`),
    which a shipped truth does not settle: the download in its `else` stays (param_guards.py `_decided`)."""
    preprocessor = _PREPROCESSOR.replace("if is_debug:", "if is_debug != 'no':")
    assert shipped_findings(tmp_path, {**_STARTED, "svc/preprocessor.py": preprocessor}, {"svc/config/server.ini": _SERVICE}) == [
        ("svc/preprocessor.py", 13)]


def test_a_shipped_ini_file_leaving_the_switch_off_or_a_caller_passing_another_value_keeps_the_download(tmp_path: Path) -> None:
    off = {"svc/config/server.ini": _SERVICE, "deploy/production.ini": "[SERVICE]\ndebug_mode = false\n"}
    assert shipped_findings(tmp_path / "off", _STARTED, off) == [("svc/preprocessor.py", 13)]
    computed = {**_STARTED, "svc/__main__.py": _MAIN.replace("preproc.retrieve_licenses(debug)", "preproc.retrieve_licenses(debug and main)")}
    assert shipped_findings(tmp_path / "computed", computed, {"svc/config/server.ini": _SERVICE}) == [("svc/preprocessor.py", 13)]
    assert shipped_findings(tmp_path / "none", _STARTED, {"svc/config/logging.ini": "[loggers]\nkeys = root\n"}) == [("svc/preprocessor.py", 13)]


_VIEWS = (
    "import os\n\nimport yaml\nfrom flask import Flask, current_app\nfrom svc.fetcher import Fetcher, fetch_token\n\napp = Flask(__name__)\n"
    "app.config.from_file('config.yml', load=yaml.safe_load)\n\n\n@app.route('/remote')\ndef remote():\n"
    "    return Fetcher().fetch(os.getenv('USE_REMOTE'))\n\n\n@app.route('/token')\ndef token():\n"
    "    return fetch_token(current_app.config.get('API_TOKEN'))\n"
)
_FETCHER = (
    "import requests\n\n\ndef fetch_token(token):\n    if token is None:\n        return requests.get('https://auth.example.com/token').json()\n"
    "    return token\n\n\nclass Fetcher:\n    def fetch(self, remote):\n        if remote:\n"
    "            return requests.get('https://example.com/data').json()\n        return {}\n"
)


def test_an_environment_string_or_a_blank_item_passed_for_a_parameter_decides_no_branch(tmp_path: Path) -> None:
    """Only an INI switch read by `getboolean` is a real bool: `os.getenv` gives "false", a true string, and a blank
    item of a loaded file is None, which an `is None` test takes."""
    files = {"svc/__init__.py": "", "svc/views.py": _VIEWS, "svc/fetcher.py": _FETCHER}
    shipped = {"docker-compose.yml": "services:\n  web:\n    build: .\n    environment:\n      USE_REMOTE: 'false'\n",
               "config.yml": "API_TOKEN:\n"}
    assert shipped_findings(tmp_path, files, shipped) == [("svc/fetcher.py", 6), ("svc/fetcher.py", 13)]


def test_a_helper_called_only_under_a_parameter_every_caller_fills_with_a_switch_shipped_off_is_switched_off(tmp_path: Path) -> None:
    """The same INI switch decides a `param:` switch (project/param_switches.py) as it does a guard in the branch itself."""
    main = _MAIN.replace("debug = config.getboolean('SERVICE', 'debug_mode')", "remote = config.getboolean('SERVICE', 'remote_mode')")
    files = {**_STARTED, "svc/__main__.py": main.replace("preproc.retrieve_licenses(debug)", "preproc.retrieve_licenses(remote)"),
             "svc/preprocessor.py": "import requests\n\n\ndef download():\n    return requests.get('https://spdx.org/licenses.json').json()\n\n\n"
                                    "class Preprocessor:\n    def retrieve_licenses(self, remote=False):\n        if remote:\n            return download()\n"
                                    "        return []\n"}
    assert shipped_findings(tmp_path / "off", files, {"svc/config/server.ini": "[SERVICE]\nremote_mode = false\n"}) == []
    assert shipped_findings(tmp_path / "on", files, {"svc/config/server.ini": "[SERVICE]\nremote_mode = true\n"}) == [("svc/preprocessor.py", 5)]


def test_a_module_global_bound_once_to_the_switch_is_read_with_the_module_s_parser(tmp_path: Path) -> None:
    """`debug = config.getboolean(...)` at the top level, passed in a function with a `config` of its own: the reader is
    the module's parser, looked up where the read is (config_paths.bound_once, ini_keys.ini_key's scope)."""
    main = ("import configparser\n\nfrom svc.preprocessor import Preprocessor\n\nconfig = configparser.ConfigParser()\n"
            "config.read('server.ini')\ndebug = config.getboolean('SERVICE', 'debug_mode')\n\n\ndef load(name):\n    return name\n\n\n"
            "def main():\n    config = load('other')\n    print(config)\n    Preprocessor().retrieve_licenses(debug)\n\n\n"
            "if __name__ == '__main__':\n    main()\n")
    files = {**_STARTED, "svc/__main__.py": main}
    assert shipped_findings(tmp_path / "on", files, {"svc/config/server.ini": _SERVICE}) == []
    off = {"svc/config/server.ini": _SERVICE.replace("true", "false")}
    assert shipped_findings(tmp_path / "off", files, off) == [("svc/preprocessor.py", 13)]
