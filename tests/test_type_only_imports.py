"""Imports only a type checker runs (type_imports.py): a module the server imports only under `if TYPE_CHECKING:`
does not run in the server, so what only the operator's command line builds from it is the command's."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk

APP = ("from fastapi import FastAPI\n\nfrom svc.config import Config\n\napp = FastAPI()\n\n\n@app.get('/ask')\n"
       "def ask():\n    return Config().toolset().search('q')\n")
# The configuration the server and the CLI share: the server builds toolsets, only the CLI builds sources.
CONFIG = ("from typing import TYPE_CHECKING\n\nfrom svc.toolsets import GitToolset\n\nif TYPE_CHECKING:\n"
          "    from svc.sources import JiraSource\n\n\nclass Config:\n    def toolset(self) -> GitToolset:\n"
          "        return GitToolset()\n\n    def source(self) -> 'JiraSource':\n        from svc.sources import JiraSource\n\n"
          "        return JiraSource()\n")
TOOLSETS = ("import requests\n\n\nclass GitToolset:\n    def search(self, q):\n"
            "        return requests.get('https://git.example/search', params={'q': q})\n")
SOURCES = ("import requests\n\n\nclass JiraSource:\n    def fetch_issues(self):\n"
           "        return requests.get('https://jira.example/issues')\n\n    def fetch_issue(self, key):\n"
           "        return requests.get('https://jira.example/issues/' + key)\n")
# `ticket` calls a method on a receiver no type names: the call graph does not follow it.
CLI = ("import typer\n\nfrom svc.config import Config\n\napp = typer.Typer()\n\n\n@app.command()\ndef jira():\n"
       "    for issue in Config().source().fetch_issues():\n        print(issue)\n\n\ndef _sources():\n"
       "    return {'jira': Config().source()}\n\n\n@app.command()\ndef ticket(kind: str, key: str):\n"
       "    print(_sources()[kind].fetch_issue(key))\n")
FILES = {"svc/__init__.py": "", "svc/app.py": APP, "svc/config.py": CONFIG, "svc/toolsets.py": TOOLSETS,
         "svc/sources.py": SOURCES, "svc/cli.py": CLI}


def _findings(root: Path, files: Dict[str, str]) -> List[str]:
    return sorted(f"{f.path}:{f.span.line}" for f in run_on_disk(root, files, whole_project=True).findings)


def test_what_only_the_cli_builds_from_a_type_checking_import_is_the_clis_and_the_servers_reach_stays(tmp_path: Path) -> None:
    assert _findings(tmp_path, FILES) == ["svc/toolsets.py:6"]


def test_a_module_the_server_imports_at_run_time_or_calls_into_stays(tmp_path: Path) -> None:
    """Imported at run time, the class may be handed on by the server's module: its methods stay. Built by a route,
    the module runs in the server: a method the CLI calls on a receiver no type names stays (command_loaded.py)."""
    runtime = CONFIG.replace("if TYPE_CHECKING:\n    from svc.sources import JiraSource\n", "from svc.sources import JiraSource\n")
    kept = ["svc/sources.py:6", "svc/sources.py:9", "svc/toolsets.py:6"]
    assert _findings(tmp_path / "imported", {**FILES, "svc/config.py": runtime}) == kept
    route = APP + "\n\n@app.get('/issues')\ndef issues():\n    return [str(Config().source())]\n"
    # built by a route, the module runs in the server: the method the CLI calls untyped stays
    assert _findings(tmp_path / "built", {**FILES, "svc/app.py": route}) == ["svc/sources.py:9", "svc/toolsets.py:6"]


def test_a_name_also_imported_outside_the_guard_is_loaded() -> None:
    import libcst as cst

    from prr_lint.resolve import Resolver
    from prr_lint.type_imports import type_only_imports

    source = ("import typing\nfrom typing import TYPE_CHECKING\n\nif typing.TYPE_CHECKING:\n    from a import A\n    import b.c\n"
              "if TYPE_CHECKING:\n    from d import D as E\n    from f import F\n    try:\n        import g\n    except ImportError:\n        pass\nelse:\n    F = None\n\nfrom d import D\n")
    assert type_only_imports(Resolver(cst.parse_module(source), "m")) == ["A", "E", "b"]
