"""Click commands known by their parameters (project/click_params.py): a group below a library's group
(`@records.group()`) and its commands are operator commands when one of them carries `@click.option`;
a command-like decorator with no click parameter anywhere below it (a chat bot's) makes no command."""

from __future__ import annotations

from pathlib import Path
from typing import List

from _serving import run_on_disk

APP = (
    "import requests\n"
    "from fastapi import FastAPI\n\n"
    "from svc.doi import registered\n\n"
    "app = FastAPI()\n\n\n"
    "@app.get('/doi')\n"
    "def doi(value: str):\n"
    "    return registered(value)\n"
)
DOI = "import requests\n\n\ndef registered(doi):\n    return requests.get('https://doi.org/' + doi).ok\n"  # 5: a route's too
CLI = (
    "import click\n"
    "import requests\n"
    "from flask.cli import with_appcontext\n"
    "from invenio_records.cli import records\n\n"
    "from svc.doi import registered\n\n\n"
    "@records.group()\n"
    "def manage():\n"
    "    pass\n\n\n"
    "@manage.command()\n"
    "@with_appcontext\n"
    "def reindex():\n"
    "    requests.post('https://search/reindex')\n\n\n"  # 17: a sibling without options
    "@manage.command()\n"
    "@with_appcontext\n"
    "@click.option('-a', '--all', is_flag=True)\n"
    "def check_dois(all):\n"
    "    for doi in ('10.1/a', '10.1/b'):\n"
    "        check_doi(doi)\n\n\n"
    "def check_doi(doi):\n"
    "    registered(doi)\n"
    "    return requests.get('https://api.datacite.org/dois/' + doi)\n"  # 30
)
BOT = (
    "import requests\n"
    "from chatbot import bot\n\n\n"
    "@bot.command()\n"
    "def weather(ctx):\n"
    "    return forecast()\n\n\n"
    "def forecast():\n"
    "    return requests.get('https://weather.example/today').text\n"  # 11: a bot command's, no click parameter
)
TESTS = "from svc.bot import forecast\nfrom svc.cli import check_doi\n\n\ndef test_doi():\n    assert check_doi('1') and forecast()\n"


def _found(root: Path, **files: str) -> List[str]:
    """`files` (one module) is loaded: the app imports it, as a plug-in entry point would load it."""
    loads = "".join(f"from svc import {path[len('svc/'):-len('.py')]}  # noqa: F401\n" for path in files)
    tree = {"svc/__init__.py": "", "svc/app.py": loads + APP, "svc/doi.py": DOI, "tests/test_svc.py": TESTS, **files}
    result = run_on_disk(root, tree, whole_project=True)
    return sorted(f"{f.path}:{f.span.line}" for f in result.findings)


def test_a_group_below_a_library_group_is_click_by_its_commands_parameters(tmp_path: Path) -> None:
    found = _found(tmp_path, **{"svc/cli.py": CLI, "svc/bot.py": BOT})
    assert "svc/cli.py:30" not in found  # `check_dois` carries `@click.option`
    assert "svc/cli.py:17" not in found  # `reindex`: a command of the same group
    assert "svc/doi.py:5" in found  # the route calls it too


def test_a_command_decorator_without_click_parameters_makes_no_command(tmp_path: Path) -> None:
    assert "svc/bot.py:11" in _found(tmp_path, **{"svc/bot.py": BOT, "svc/cli.py": CLI})
