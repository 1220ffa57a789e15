"""PRR501 and settings objects a loader fills by computed names (project/filled_settings.py): a configuration
class that sets each item of a configuration file, the environment or a form onto itself (`setattr(self,
name.upper(), value)`), or a settings module a loop fills the same way, may hold any key, so a key the code
itself leaves `False` there is no switch the project decides, whatever its case; a literal `setattr` or
assignment counts as before, and an object nothing fills that way keeps its off keys off."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_PREFS = (
    "class Prefs:\n    def defaults(self):\n        self.MIRROR_SYNC = False\n        self.batch_size = 10\n\n"
    "    def merge(self, options):\n        for name, value in options.items():\n            setattr(self, name.upper(), value)\n"
)
_VIEWS = (
    "import requests\nfrom flask import Flask, request\nfrom svc.prefs import Prefs\n\napp = Flask(__name__)\n"
    "PREFS = Prefs()\nPREFS.defaults()\n\n\n@app.route('/sync')\ndef sync():\n    if PREFS.MIRROR_SYNC:\n"
    "        requests.get('http://mirror/index')\n    return 'ok'\n"
)
_FINDING = [("svc/views.py", 13)]


def _files(prefs: str = _PREFS, views: str = _VIEWS, **more: str) -> dict:
    return {"svc/__init__.py": "", "svc/prefs.py": prefs, "svc/views.py": views, **more}


def test_a_key_of_an_object_that_fills_itself_by_computed_names_keeps_the_finding(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {}) == _FINDING


def test_an_object_filled_from_a_request_keeps_the_finding(tmp_path: Path) -> None:
    prefs = _PREFS.split("\n    def merge")[0] + "\n"
    views = _VIEWS + (
        "\n\n@app.route('/prefs', methods=['POST'])\ndef save():\n    for name, value in request.form.items():\n"
        "        setattr(PREFS, name, value)\n    return 'saved'\n"
    )
    assert shipped_findings(tmp_path, _files(prefs, views), {}) == _FINDING


def test_a_base_class_that_fills_its_instances_keeps_a_subclass_key(tmp_path: Path) -> None:
    prefs = (
        "class Loader:\n    def merge(self, options):\n        for name, value in options.items():\n"
        "            setattr(self, name, value)\n\n\nclass Prefs(Loader):\n    MIRROR_SYNC = False\n\n"
        "    def defaults(self):\n        pass\n"
    )
    assert shipped_findings(tmp_path, _files(prefs), {}) == _FINDING


def test_a_settings_module_a_loop_fills_from_the_environment_keeps_the_finding(tmp_path: Path) -> None:
    settings = "MIRROR_SYNC = False\n"
    boot = "import os\nimport svc.settings\n\nfor name, value in os.environ.items():\n    setattr(svc.settings, name, value)\n"
    views = _VIEWS.replace("from svc.prefs import Prefs", "from svc import settings").replace(
        "PREFS = Prefs()\nPREFS.defaults()\n", "").replace("PREFS.MIRROR_SYNC", "settings.MIRROR_SYNC")
    files = _files(views=views, **{"svc/settings.py": settings, "svc/boot.py": boot})
    assert shipped_findings(tmp_path, files, {}) == [("svc/views.py", 11)]


def test_a_lower_case_key_of_a_filled_class_keeps_the_finding(tmp_path: Path) -> None:
    envs = (
        "class Env:\n    mirror_sync: bool = False\n\n    @classmethod\n    def load(cls, options):\n"
        "        for name, value in options.items():\n            setattr(cls, name.lower(), value)\n"
    )
    views = _VIEWS.replace("from svc.prefs import Prefs", "from svc.prefs import Env").replace(
        "PREFS = Prefs()\nPREFS.defaults()\n", "").replace("PREFS.MIRROR_SYNC", "Env.mirror_sync")
    assert shipped_findings(tmp_path, _files(envs, views), {}) == [("svc/views.py", 11)]


def test_an_object_given_only_literal_names_keeps_its_off_key_off(tmp_path: Path) -> None:
    prefs = _PREFS.replace("setattr(self, name.upper(), value)", "setattr(self, 'BATCH_SIZE', value)")
    assert shipped_findings(tmp_path, _files(prefs), {}) == []


def test_a_computed_fill_of_another_object_keeps_the_key_off(tmp_path: Path) -> None:
    prefs = _PREFS.replace("setattr(self, name.upper(), value)", "setattr(Theme, name, value)") + "\n\nclass Theme:\n    pass\n"
    assert shipped_findings(tmp_path, _files(prefs), {}) == []


def test_a_test_that_fills_the_object_does_not_count(tmp_path: Path) -> None:
    prefs = _PREFS.split("\n    def merge")[0] + "\n"
    test = "from svc.views import PREFS\n\n\ndef test_sync():\n    for name in ('MIRROR_SYNC',):\n        setattr(PREFS, name, True)\n"
    assert shipped_findings(tmp_path, _files(prefs, **{"tests/test_views.py": test}), {}) == []


def test_a_branch_under_a_filled_key_being_off_keeps_the_finding(tmp_path: Path) -> None:
    prefs, views = _PREFS.replace("= False", "= True"), _VIEWS.replace("if PREFS.MIRROR_SYNC:", "if not PREFS.MIRROR_SYNC:")
    assert shipped_findings(tmp_path, _files(prefs, views), {}) == _FINDING
    assert shipped_findings(tmp_path, _files(prefs.split("\n    def merge")[0] + "\n", views), {}) == []
