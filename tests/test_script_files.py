"""Service scope for the script files a distribution installs (project/script_files.py) and the
command-line program they run (project/cli_programs.py): Nominatim's shape, a database tool's
`nominatim` script beside a serving distribution that shares some of its modules."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

from prr_lint.project.script_files import script_file_targets

TOOL_PYPROJECT = (
    '[project]\nname = "geo-db"\n\n[tool.hatch.build.targets.wheel]\npackages = ["geo_db"]\n\n'
    '[tool.hatch.build.targets.wheel.shared-scripts]\n"scripts" = "/"\n'
)
SCRIPT = "#!python3\n\nfrom geo_db import cli\n\nexit(cli.main())\n"
# argparse subcommands dispatched as `args.command.run(args)`: the call graph does not follow it
CLI = (
    "import argparse\nfrom geo_db import commands\n\ndef main(argv=None):\n    parser = argparse.ArgumentParser()\n"
    "    subs = parser.add_subparsers()\n    sub = subs.add_parser('add-data')\n    sub.set_defaults(command=commands.AddData())\n"
    "    args = parser.parse_args(argv)\n    return args.command.run(args)\n"
)
COMMANDS = (
    "class AddData:\n    def run(self, args):\n        from geo_db.importers import fetch\n"
    "        return fetch.download(args.url)\n"
)
FETCH = "import urllib.request\n\ndef download(url):\n    return urllib.request.urlopen(url).read()\n"
CONFIG = "import urllib.request\n\ndef remote_settings(url):\n    return urllib.request.urlopen(url).read()\n"
# the serving distribution: an app its server loads by name, sharing the tool's config module
SERVER = (
    "from geo_db import config\n\ndef get_application(routes):\n    for name, endpoint in routes:\n"
    "        register(name, endpoint)\n    return config.remote_settings('https://settings')\n\n"
    "def register(name, endpoint):\n    return name, endpoint\n"
)
DEV_LAUNCHER = "#!/usr/bin/env python3\nfrom geo_db import cli\n\nexit(cli.main())\n"


def _timeouts(tmp_path: Path, files: Dict[str, str]) -> List[Tuple[str, int]]:
    """PRR501 findings of a whole-project run over `files` (every non-Python file written too)."""
    python = {name: text for name, text in files.items() if name.endswith(".py")}
    other = {name: text for name, text in files.items() if name not in python}
    launch = tuple(name for name in other if name.endswith("pyproject.toml"))  # as discovery lists them
    result = run_on_disk(tmp_path, python, whole_project=True, on_disk_only=other, launch_files=launch)
    return sorted((f.path, f.span.line) for f in result.findings)


def _project(**extra: str) -> Dict[str, str]:
    files = {
        "packaging/geo-db/pyproject.toml": TOOL_PYPROJECT, "packaging/geo-db/scripts/geo": SCRIPT,
        "geo_db/__init__.py": "", "geo_db/cli.py": CLI, "geo_db/commands.py": COMMANDS, "geo_db/config.py": CONFIG,
        "geo_db/importers/__init__.py": "", "geo_db/importers/fetch.py": FETCH,
        "geo_api/__init__.py": "", "geo_api/server.py": SERVER, "geo-cli.py": DEV_LAUNCHER,
    }
    files.update(extra)
    return files


def test_what_only_a_shipped_scripts_command_line_program_loads_is_a_tool(tmp_path: Path) -> None:
    """The `geo` script's subcommand downloads without a timeout: an operator's command, not the
    service; the config module the server also loads stays (as does a development launcher, which
    loads nothing but the program)."""
    assert _timeouts(tmp_path, _project()) == [("geo_db/config.py", 4)]


def test_without_the_shipped_script_the_modules_stay(tmp_path: Path) -> None:
    files = _project(**{"packaging/geo-db/pyproject.toml": '[project]\nname = "geo-db"\n'})
    assert _timeouts(tmp_path, files) == [("geo_db/config.py", 4), ("geo_db/importers/fetch.py", 4)]


def test_what_the_server_also_loads_stays(tmp_path: Path) -> None:
    server = "from geo_db.importers import fetch\n" + SERVER
    assert ("geo_db/importers/fetch.py", 4) in _timeouts(tmp_path, _project(**{"geo_api/server.py": server}))


def test_what_a_subcommand_that_serves_runs_stays(tmp_path: Path) -> None:
    """`geo serve` starts a server: what it runs is the service, whatever dispatches it."""
    commands = COMMANDS + "\nclass Serve:\n    def run(self, args):\n        import uvicorn\n        from geo_db.importers import fetch\n" \
        "        fetch.download(args.url)\n        uvicorn.run('geo_api.server:app')\n"
    assert ("geo_db/importers/fetch.py", 4) in _timeouts(tmp_path, _project(**{"geo_db/commands.py": commands}))


def test_script_files_are_read_from_every_declaration(tmp_path: Path) -> None:
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "svc-admin").write_text("#!/usr/bin/env python\nimport svc.admin as admin\nadmin.main()\n")
    (tmp_path / "bin" / "notes.txt").write_text("svc.other.main()\n")  # no Python program
    (tmp_path / "setup.py").write_text("from setuptools import setup\nsetup(name='svc', scripts=['bin/svc-admin', 'bin/notes.txt'])\n")
    assert script_file_targets(tmp_path) == {"svc.admin.main": "svc-admin"}
    (tmp_path / "setup.py").unlink()
    (tmp_path / "setup.cfg").write_text("[options]\nscripts =\n    bin/svc-admin\n")
    assert script_file_targets(tmp_path) == {"svc.admin.main": "svc-admin"}
    (tmp_path / "setup.cfg").write_text("[options\n")  # malformed: nothing
    (tmp_path / "pyproject.toml").write_text('[tool.setuptools]\nscript-files = ["bin/svc-admin", "../outside"]\n')
    assert script_file_targets(tmp_path) == {"svc.admin.main": "svc-admin"}
