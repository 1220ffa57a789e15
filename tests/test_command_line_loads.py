"""PRR501 dead code (project/loaded_calls.py, argv_values.py): a program that imports the module its command line
names (`import_module("svc.commands." + sys.argv[1])`, then `module.main(...)`) runs the subcommand the deployment
types, not every module it could load; a loader nothing calls loads nothing. A plug-in loader over a folder
listing still makes every plug-in's function live."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

import pytest

from _serving import analysis_for, run_on_disk

from prr_lint.module_loads import CALLS_COMMAND_LINE_MODULE, LOADS_COMMAND_LINE_MODULES

ARGV_CLI = (
    "import sys\nfrom importlib import import_module\n\n\ndef main():\n"
    "    name = sys.argv[1]\n    module = import_module('svc.commands.' + name.replace('-', '_'))\n    module.main(sys.argv[2:])\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
ARGPARSE_CLI = (
    "import argparse\nimport importlib\n\n\ndef main():\n    parser = argparse.ArgumentParser()\n"
    "    parser.add_argument('command')\n    args, rest = parser.parse_known_args()\n"
    "    module = importlib.import_module(f'svc.commands.{args.command}')\n    module.main(rest)\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
CLICK_CLI = (
    "import importlib\n\nimport click\n\n\n@click.command()\n@click.argument('command')\ndef main(command):\n"
    "    module = importlib.import_module('svc.commands.%s' % command)\n    module.main([])\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
FOLDER_CLI = (
    "import importlib\nimport os\n\n\ndef main():\n    for entry in os.listdir(os.path.dirname(__file__) + '/commands'):\n"
    "        module = importlib.import_module('svc.commands.' + entry[:-3])\n        module.main([])\n\n\n"
    "if __name__ == '__main__':\n    main()\n"
)
COMMAND = "import requests\n\n\ndef main(argv):\n    while True:\n        requests.get('https://upstream.example/{}')\n"
COMPOSE = "services:\n  feed:\n    build: .\n    command: python -m svc.cli {}\n"


def _found(tmp_path: Path, cli: str, deployed: str = "", **extra: str) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/cli.py": cli, "svc/commands/__init__.py": "",
             "svc/commands/serve.py": COMMAND.format("serve"), "svc/commands/warm.py": COMMAND.format("warm")}
    files.update(extra)
    shipped: Dict[str, str] = {"docker-compose.yml": COMPOSE.format(deployed)} if deployed else {}
    result = run_on_disk(tmp_path, files, select=("PRR501",), on_disk_only=shipped, launch_files=tuple(shipped))
    return sorted((f.path, f.span.line) for f in result.findings)


@pytest.mark.parametrize("cli", [ARGV_CLI, ARGPARSE_CLI], ids=["sys.argv", "argparse"])
def test_only_the_subcommand_the_deployment_names_runs(tmp_path: Path, cli: str) -> None:
    """The compose file runs `svc.cli serve`: `serve`'s loop is the service; `warm`, which a person may type, is not."""
    assert _found(tmp_path, cli, deployed="serve") == [("svc/commands/serve.py", 6)]


def test_a_dotted_subcommand_names_its_module(tmp_path: Path) -> None:
    cli = ARGV_CLI.replace("'svc.commands.' + name.replace('-', '_')", "'svc.' + name")
    assert _found(tmp_path, cli, deployed="commands.warm --verbose") == [("svc/commands/warm.py", 6)]


def test_without_a_deployment_file_every_subcommand_may_run(tmp_path: Path) -> None:
    """`svc.cli svc.commands.warm` may be how it runs: nothing says otherwise."""
    cli = ARGV_CLI.replace("import_module('svc.commands.' + name.replace('-', '_'))", "import_module(name)")
    assert _found(tmp_path, cli) == [("svc/commands/serve.py", 6), ("svc/commands/warm.py", 6)]


def test_a_folder_listing_loads_every_module(tmp_path: Path) -> None:
    """A loader over the modules of a folder runs each, whatever the deployment types."""
    assert _found(tmp_path, FOLDER_CLI, deployed="serve") == [("svc/commands/serve.py", 6), ("svc/commands/warm.py", 6)]
    assert _found(tmp_path, FOLDER_CLI, deployed="--once") == [("svc/commands/serve.py", 6), ("svc/commands/warm.py", 6)]


def test_a_loader_nothing_calls_loads_nothing(tmp_path: Path) -> None:
    """`job.main([])` on some object may be a call of `warm.main` only if a loader other than the command line's
    may load `warm`: a helper that imports any dotted path, which nothing calls, loads nothing; one something
    calls may load it."""
    helper = "from importlib import import_module\n\n\ndef load_path(path):\n    return import_module(path)\n"
    worker = "def start(job):\n    job.main([])\n"
    files = {"svc/util.py": helper, "svc/worker.py": worker}
    assert _found(tmp_path, ARGV_CLI, deployed="serve", **files) == [("svc/commands/serve.py", 6)]
    other = "import sys\n\nfrom svc.util import load_path\n\n\ndef start():\n    return load_path(sys.argv[1])\n"
    assert _found(tmp_path, ARGV_CLI, deployed="serve", **files, **{"svc/other.py": other}) == [
        ("svc/commands/serve.py", 6), ("svc/commands/warm.py", 6)]


def test_the_marks_of_a_command_line_loader() -> None:
    """The loader's module is marked with the literal start of the names its command line gives (`sys.argv`,
    argparse's answer, a click command's argument), and the names it calls on the module loaded so; a loader
    over a folder listing, or of a plain function's parameter, is marked neither way."""
    plain = CLICK_CLI.replace("@click.command()\n@click.argument('command')\n", "")
    analysis = analysis_for({"svc/__init__.py": "", "svc/cli.py": ARGV_CLI, "svc/parsed.py": ARGPARSE_CLI, "svc/clicked.py": CLICK_CLI,
                             "svc/walk.py": FOLDER_CLI, "svc/plain.py": plain})
    for module in ("svc.cli", "svc.parsed", "svc.clicked"):
        tags = analysis.index.functions[module].tags
        assert LOADS_COMMAND_LINE_MODULES + "svc.commands." in tags and CALLS_COMMAND_LINE_MODULE + "main" in tags, module
    for module in ("svc.walk", "svc.plain"):
        assert not any(tag.startswith((LOADS_COMMAND_LINE_MODULES, CALLS_COMMAND_LINE_MODULE)) for tag in analysis.index.functions[module].tags)
