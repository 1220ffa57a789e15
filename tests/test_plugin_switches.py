"""PRR501 and plug-in modules a runner loads only when their INI section enables them (project/plugin_switches.py,
defaults_tables.py): `svc/processing/irma.py` is off when `processing.conf` `[irma]` leaves `enabled` to a template
and the project's typed defaults table in code says `Boolean(False)`, or when the file says `no`; a file or table
that enables it, or a section with no value at all, keeps its findings."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_TABLE = (
    "class Boolean:\n    def __init__(self, default=None, required=True):\n        self.default = default\n\n\n"
    "class String:\n    def __init__(self, default=None):\n        self.default = default\n\n\n"
    "class Config:\n    configuration = {\n        'processing': {\n"
    "            'irma': {'enabled': Boolean(False), 'url': String()},\n"
    "            'strings': {'enabled': Boolean(True)},\n        },\n    }\n"
)
_IRMA = (
    "import requests\n\n\nclass Irma:\n    def run(self, sample):\n"
    "        return requests.post(self.options['url'], files={'file': sample}).json()\n"
)
_TEMPLATE = "[irma]\nenabled = {{ processing.irma.enabled }}\nurl = {{ processing.irma.url }}\n\n[strings]\nenabled = {{ processing.strings.enabled }}\n"


def _files(table: str = _TABLE) -> dict:
    return {"svc/__init__.py": "", "svc/config.py": table, "svc/processing/__init__.py": "",
            "svc/processing/irma.py": _IRMA, "svc/processing/strings.py": _IRMA}


def test_a_plugin_the_typed_defaults_table_leaves_disabled_is_not_reported(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {"conf/processing.conf": _TEMPLATE}) == [("svc/processing/strings.py", 6)]


def test_a_shipped_file_that_enables_the_plugin_keeps_it(tmp_path: Path) -> None:
    shipped = {"conf/processing.conf": _TEMPLATE, "conf/custom/processing.conf": "[irma]\nenabled = yes\n"}
    assert shipped_findings(tmp_path, _files(), shipped) == [("svc/processing/irma.py", 6), ("svc/processing/strings.py", 6)]


def test_a_plugin_the_shipped_file_disables_is_off_without_a_table(tmp_path: Path) -> None:
    files = _files("")
    assert shipped_findings(tmp_path, files, {"conf/processing.conf": "[irma]\nenabled = no\n"}) == [("svc/processing/strings.py", 6)]


def test_a_template_with_no_table_behind_it_tells_nothing(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(""), {"conf/processing.conf": _TEMPLATE}) == \
        [("svc/processing/irma.py", 6), ("svc/processing/strings.py", 6)]
