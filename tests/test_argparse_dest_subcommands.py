"""argparse subcommands picked by comparing the parsed namespace's `dest` with the sub-parser's name (`if
args.toolcmd == "refresh": ...`), nested below another sub-parser (`svc tools refresh`): what only a subcommand no
launch line runs reaches is an operator's terminal command (prr_lint/one_off_modes.py, project/main_blocks.py
`dest_modes`, project/deployed_subcommands.py), while the deployed program's own loop and the subcommands its launch
lines run stay the service's."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional, Tuple

from _serving import run_on_disk

CLIENT = (
    "import requests\n\n"
    "def poll_feed(url):\n    return requests.post(url + '/poll')\n\n"  # line 4: the daemon's loop
    "def fetch_index(url):\n    return requests.get(url + '/index')\n\n"  # line 7: `svc tools refresh`
    "def fetch_report(url):\n    return requests.get(url + '/report')\n"  # line 10: `svc tools report`
)
CLI = (
    "import argparse\nimport time\n\nfrom svc import tools\nfrom svc.client import poll_feed\n\n"
    "def serve(args):\n    while True:\n        poll_feed(args.url)\n        time.sleep(30)\n\n"
    "def main():\n"
    "    parser = argparse.ArgumentParser()\n"
    "    parser.add_argument('--url')\n"
    "    parser = tools.add_parsers(parser)\n"
    "    args = parser.parse_args()\n"
    "    if tools.chosen(args):\n"
    "        raise SystemExit(tools.handle(args))\n"
    "    serve(args)\n"
)
TOOLS = (
    "from svc.client import fetch_index, fetch_report\n\n"
    "def add_parsers(parser):\n"
    "    commands = parser.add_subparsers()\n"
    "    group = commands.add_parser('tools')\n"
    "    tool_commands = group.add_subparsers(dest='toolcmd')\n"
    "    tool_commands.add_parser('refresh', help='Reload the index')\n"
    "    tool_commands.add_parser('report')\n"
    "    return parser\n\n"
    "def chosen(args):\n    return hasattr(args, 'toolcmd')\n\n"
    "def refresh(url):\n    return fetch_index(url)\n\n"
    "def handle(args):\n"
    "    if args.toolcmd == 'refresh':\n"
    "        return refresh(args.url)\n"
    "    elif args.toolcmd == 'report':\n"
    "        print(fetch_report(args.url).text)\n"
    "    return 0\n"
)
SCRIPTS = "[project]\nname = 'svc'\n\n[project.scripts]\nsvc = 'svc.cli:main'\n"


def _unit(command: str) -> str:
    return f"[Unit]\nDescription=Feed daemon\n\n[Service]\nExecStart={command}\nRestart=always\n"


def _found(tmp_path: Path, units: Dict[str, str], tools: str = TOOLS, cli: str = CLI) -> List[Tuple[str, int]]:
    files = {"svc/__init__.py": "", "svc/client.py": CLIENT, "svc/cli.py": cli, "svc/tools.py": tools}
    result = run_on_disk(tmp_path, files, whole_project=True, on_disk_only={"pyproject.toml": SCRIPTS, **units},
                         launch_files=tuple(units))
    return [(finding.path, finding.span.line) for finding in result.findings]


def _daemon(command: str = "/usr/bin/svc --url http://feed") -> Dict[str, str]:
    return {"systemd/svc.service": _unit(command)}


def test_nested_subcommands_no_unit_runs_are_an_operators_commands(tmp_path: Path) -> None:
    """pwnagotchi's shape: the unit runs the daemon, `svc tools refresh` is typed at a terminal."""
    found = _found(tmp_path, _daemon())
    assert ("svc/client.py", 7) not in found
    assert ("svc/client.py", 10) not in found
    assert ("svc/client.py", 4) in found  # the daemon's loop stays


def test_a_match_statement_picks_subcommands_too(tmp_path: Path) -> None:
    tools = TOOLS.replace(
        "    if args.toolcmd == 'refresh':\n        return refresh(args.url)\n    elif args.toolcmd == 'report':\n",
        "    match args.toolcmd:\n        case 'refresh':\n            return refresh(args.url)\n        case 'report':\n    ")
    tools = tools.replace("        print(fetch_report", "            print(fetch_report")
    assert "match" in tools
    found = _found(tmp_path, _daemon(), tools)
    assert ("svc/client.py", 7) not in found
    assert ("svc/client.py", 10) not in found


def test_a_subcommand_a_unit_runs_stays(tmp_path: Path) -> None:
    units = {**_daemon(), "systemd/svc-refresh.service": _unit("/usr/bin/svc --url http://feed tools refresh")}
    found = _found(tmp_path, units)
    assert ("svc/client.py", 7) in found
    assert ("svc/client.py", 10) not in found


def test_a_unit_that_hands_on_its_arguments_keeps_every_subcommand(tmp_path: Path) -> None:
    units = {**_daemon(), "bin/run.sh": '#!/bin/sh\nexec svc "$@"\n', "Dockerfile": 'FROM python\nENTRYPOINT ["bin/run.sh"]\n'}
    found = _found(tmp_path, units)
    assert ("svc/client.py", 7) in found
    assert ("svc/client.py", 10) in found


def test_a_comparison_on_another_attribute_picks_no_subcommand(tmp_path: Path) -> None:
    """`--mode refresh` is an option, not the sub-parser's `dest`: the daemon, which is given `--mode`, may run that
    branch (one no unit gives the option is a person's: test_deployed_options.py)."""
    cli = CLI.replace("    parser.add_argument('--url')\n", "    parser.add_argument('--url')\n    parser.add_argument('--mode')\n")
    tools = TOOLS.replace("if args.toolcmd == 'refresh'", "if args.mode == 'refresh'")
    assert tools != TOOLS and cli != CLI
    found = _found(tmp_path, _daemon("/usr/bin/svc --url http://feed --mode report"), tools, cli)
    assert ("svc/client.py", 7) in found


def test_without_launch_files_the_subcommands_stay(tmp_path: Path) -> None:
    """Nothing tells what the deployment runs: the daemon's whole reach counts, as with `set_defaults` subcommands."""
    found = _found(tmp_path, {})
    assert ("svc/client.py", 7) in found
    assert ("svc/client.py", 10) in found


LOCAL_CLI = (
    "import argparse\nimport time\n\nfrom svc.client import fetch_report, poll_feed\n\n"
    "def build_parser():\n"
    "    parser = argparse.ArgumentParser()\n"
    "    parser.add_argument('--url')\n"
    "    commands = parser.add_subparsers(dest='command')\n"
    "    commands.add_parser('run')\n"
    "    commands.add_parser('report', aliases=['show'])\n"
    "    return parser\n\n"
    "def main():\n"
    "    args = build_parser().parse_args()\n"
    "    if args.command in ('report', 'show'):\n"
    "        print(fetch_report(args.url).text)\n"
    "        return\n"
    "    while True:\n        poll_feed(args.url)\n        time.sleep(30)\n"
)


def test_a_namespace_parsed_in_the_branching_function_picks_its_subcommands(tmp_path: Path) -> None:
    found = _found(tmp_path, _daemon("/usr/bin/svc --url http://feed run"), cli=LOCAL_CLI)
    assert ("svc/client.py", 10) not in found
    assert ("svc/client.py", 4) in found


def test_a_subcommand_a_unit_runs_by_its_alias_stays(tmp_path: Path) -> None:
    found = _found(tmp_path, {**_daemon("/usr/bin/svc run"), "crontab": "0 * * * * svc show\n"}, cli=LOCAL_CLI)
    assert ("svc/client.py", 10) in found
