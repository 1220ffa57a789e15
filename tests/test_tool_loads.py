"""PRR501 in the command modules a person's program loads by a computed name (project/tool_loads.py): a developer
tool that runs `importlib.import_module(f"devkit.actions.{args.command}").execute(args)` owns those modules, so a
download in one is the tool's; deployed, or imported by the service, the call stays reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk

APP = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.route('/status')\ndef status():\n    return 'ok'\n"
CLI = ("import argparse\nimport importlib\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n"
       "    parser.add_argument('command')\n    parser.add_argument('--restart', action='store_true')\n    args = parser.parse_args()\n"
       "    command = importlib.import_module(f'devkit.actions.{args.command}')\n    return command.execute(args)\n\n\n"
       "if __name__ == '__main__':\n    main()\n")
COMMON = ("import requests\n\n\ndef fetch_driver():\n    return requests.get('https://api.github.com/repos/acme/driver/releases/latest').json()\n\n\n"
          "def install_driver():\n    return fetch_driver()['tag_name']\n")
COMMAND = "from devkit.actions import common\n\n\ndef execute(args):\n    return common.install_driver()\n"
FILES = {"svc/__init__.py": "", "svc/app.py": APP, "devkit/__init__.py": "", "kit.py": CLI, "devkit/actions/__init__.py": "",
         "devkit/actions/common.py": COMMON, "devkit/actions/driver.py": COMMAND, "devkit/actions/package.py": COMMAND,
         # a helper package beside the commands, which one of them uses, imports the shared module too
         "devkit/hosts/__init__.py": "", "devkit/hosts/posix.py": COMMAND.replace("def execute(args)", "def restart()"),
         "devkit/actions/remote.py": "from devkit.hosts import posix\n\n\ndef execute(args):\n    return posix.restart()\n"}
IMAGE = 'FROM python:3.12\nCOPY . /app\nWORKDIR /app\nCMD ["gunicorn", "svc.app:app"]\n'


def _lines(root: Path, files: Dict[str, str], deployment: Dict[str, str]) -> List[str]:
    result = run_on_disk(root, files, whole_project=True, on_disk_only=deployment, launch_files=tuple(deployment))
    return sorted(f"{f.path}:{f.span.line}" for f in result.findings)


def test_a_command_module_a_tool_loads_by_name_is_the_tools(tmp_path: Path) -> None:
    """`kit.py` (run by no deployment file) loads `devkit.actions.<command>`: those modules are its commands, and the
    download only they reach (through a helper package that imports the shared module too) is the tool's."""
    assert _lines(tmp_path, FILES, {"Dockerfile": IMAGE}) == []


def test_a_command_module_the_deployment_runs_or_the_service_imports_stays(tmp_path: Path) -> None:
    """The image's job runs the tool (`python kit.py driver` in a compose file), or a view imports the module."""
    job = {"Dockerfile": IMAGE, "compose.yaml": "services:\n  setup:\n    command: python kit.py driver\n"}
    assert _lines(tmp_path / "run", FILES, job) == ["devkit/actions/common.py:5"]
    imported = {**FILES, "svc/app.py": APP + "\n\n@app.route('/driver')\ndef driver():\n"
                "    from devkit.actions.common import fetch_driver\n    return fetch_driver()\n"}
    assert _lines(tmp_path / "imported", imported, {"Dockerfile": IMAGE}) == ["devkit/actions/common.py:5"]
