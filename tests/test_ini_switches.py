"""PRR501 and switches kept in INI-style configuration files (ini_keys.py, project/ini_values.py): a call
under `reader.section.key` of a reader built for `api` is not reported when every shipped `api.conf*` file
leaves the key off; a file or an installer's crudini call that turns it on, or a key no file gives, keeps it."""

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
