"""PRR501 and environment tables (env_tables.py, project/env_tables.py) with classes built only under a switch
(project/switched_classes.py): `EASExporter` is built only `if "eas" in names`, `names` split from an
`envs.METRICS_TARGET` whose table entry reads the variable with the default `"logger"`; its `export` is not
reported while the deployment files leave the variable unset, and is when one names `eas`, when the default
does, when there are no deployment files, or when the class is built or named anywhere else."""

from __future__ import annotations

from pathlib import Path

from _serving import shipped_findings

_ENVS = (
    "import os\nfrom typing import Any, Callable, Dict\n\n"
    "environment_variables: Dict[str, Callable[[], Any]] = {\n"
    "    'METRICS_TARGET': lambda: os.getenv('SVC_METRICS_TARGET', 'logger'),\n}\n\n\n"
    "def __getattr__(name: str):\n    if name in environment_variables:\n        return environment_variables[name]()\n"
    "    raise AttributeError(name)\n"
)
_EXPORTERS = (
    "import urllib.request\n\nfrom svc import envs as svc_envs\n\n\nclass Exporter:\n    def export(self, metrics):\n"
    "        raise NotImplementedError\n\n\nclass LogExporter(Exporter):\n    def export(self, metrics):\n        print(metrics)\n\n\n"
    "class EASExporter(Exporter):\n    def export(self, metrics):\n"
    "        with urllib.request.urlopen('http://sidecar.example.com/metrics') as response:\n            return response.read()\n\n\n"
    "class MultiExporter:\n    def __init__(self):\n        self.exporters = []\n"
    "        names = svc_envs.METRICS_TARGET.split(',')\n        if 'logger' in names:\n            self.exporters.append(LogExporter())\n"
    "        if 'eas' in names:\n            self.exporters.append(EASExporter())\n\n"
    "    def export(self, metrics):\n        for exporter in self.exporters:\n            exporter.export(metrics)\n"
)
_DOCKERFILE = "FROM python:3.12\nENV SVC_LOG_LEVEL info\n"


def _files(envs: str = _ENVS, exporters: str = _EXPORTERS) -> dict:
    return {"svc/__init__.py": "", "svc/envs.py": envs, "svc/exporters.py": exporters}


def test_a_class_built_only_under_an_environment_table_switch_left_off_is_not_reported(tmp_path: Path) -> None:
    assert shipped_findings(tmp_path, _files(), {"Dockerfile": _DOCKERFILE}) == []


def test_a_deployment_file_that_names_the_target_keeps_it(tmp_path: Path) -> None:
    shipped = {"Dockerfile": _DOCKERFILE + "ENV SVC_METRICS_TARGET logger,eas\n"}
    assert shipped_findings(tmp_path, _files(), shipped) == [("svc/exporters.py", 18)]


def test_a_default_that_names_the_target_or_no_deployment_file_keeps_it(tmp_path: Path) -> None:
    envs = _ENVS.replace("'logger')", "'logger,eas')")
    assert shipped_findings(tmp_path / "default", _files(envs), {"Dockerfile": _DOCKERFILE}) == [("svc/exporters.py", 18)]
    assert shipped_findings(tmp_path / "bare", _files(), {}) == [("svc/exporters.py", 18)]


def test_a_class_built_or_named_anywhere_else_keeps_its_methods(tmp_path: Path) -> None:
    built = _EXPORTERS + "\n\ndef fallback():\n    return EASExporter()\n"
    assert shipped_findings(tmp_path / "built", _files(exporters=built), {"Dockerfile": _DOCKERFILE}) == [("svc/exporters.py", 18)]
    named = _EXPORTERS + "\n\nREGISTRY = {'eas': EASExporter}\n"
    assert shipped_findings(tmp_path / "named", _files(exporters=named), {"Dockerfile": _DOCKERFILE}) == [("svc/exporters.py", 18)]
