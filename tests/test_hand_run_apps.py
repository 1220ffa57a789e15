"""A web app only its own `__main__` block serves, beside the programs the deployment runs by name, that no launch
file, import or console script names (undeployed_programs.py `hand_run_apps`): a person starts it by hand, so its
routes are no entry points and its code is out of the serving scope. Named by a launch file (its path, `FLASK_APP`),
imported by the service, run by a command whose program the shell fills in, or in a project whose deployment names
none of its programs, it may be the service and stays reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List

from _serving import run_on_disk
from prr_lint.stamps import is_launch_file

RULES = ("PRR206", "PRR501")
# the deployed service: a relay API its own `__main__` block serves, started by the deployment as `python app/main.py`
SERVICE = ("import os\n\nimport httpx\nimport uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n"
           "@app.get('/healthz')\nasync def health():\n    return {'ok': True}\n\n\n@app.post('/relay')\n"
           "async def relay(body: dict):\n    async with httpx.AsyncClient(timeout=10) as client:\n"
           "        answer = await client.post('https://chat.example/send', json=body)\n    return answer.json()\n\n\n"
           "if __name__ == '__main__':\n    uvicorn.run(app, host='0.0.0.0', port=int(os.getenv('PORT', '8080')))\n")
# a webhook bot kept among the docs, run with `python issue_bot.py` on a developer's machine
BOT = ("import requests\nfrom flask import Flask, request\n\napp = Flask(__name__)\n\n\n"
       "@app.route('/', methods=['POST'])\ndef hook():\n    body = request.get_json()\n"
       "    quote = requests.get('https://quotes.example/random')\n    return {'issue': body['number'], 'quote': quote.json()}\n\n\n"
       "if __name__ == '__main__':\n    app.run(debug=True, port=5000)\n")
PUBLIC_BOT = BOT.replace("debug=True, port=5000", "host='0.0.0.0', port=5000")  # no debugger: the same judgement
FILES = {"app/__init__.py": "", "app/main.py": SERVICE, "docs/bots/issue_bot.py": BOT}
BOT_FINDINGS = ["PRR206 docs/bots/issue_bot.py:4", "PRR501 docs/bots/issue_bot.py:10"]
COMPOSE = "services:\n  relay:\n    build: .\n    command: python app/main.py\n"
RELAY = '{"name": "relay", "script": "sleep 3 && python app/main.py", "max_restarts": 3}'
PM2 = '{"apps": [%s]}\n' % RELAY
PM2_BOT = '{"apps": [%s, {"name": "bot", "script": "python docs/bots/issue_bot.py"}]}\n' % RELAY


def _lines(root: Path, files: Dict[str, str], deployment: Dict[str, str]) -> List[str]:
    result = run_on_disk(root, files, select=RULES, whole_project=True, on_disk_only=deployment,
                         launch_files=tuple(name for name in deployment if is_launch_file(name)))
    return sorted(f"{f.rule} {f.path}:{f.span.line}" for f in result.findings)


def test_a_bot_nothing_deploys_beside_the_programs_the_deployment_runs_is_no_service(tmp_path: Path) -> None:
    """Openaibot's `docs/test_script/note_github_bot.py`: its `pm2.json` (a launch file) starts the project's other
    programs; the bot's route is no entry point (no PRR206) and its call without a timeout no service code's."""
    assert _lines(tmp_path / "compose", FILES, {"docker-compose.yml": COMPOSE}) == []
    public = {**FILES, "docs/bots/issue_bot.py": PUBLIC_BOT}
    assert _lines(tmp_path / "public", public, {"docker-compose.yml": COMPOSE}) == []
    assert _lines(tmp_path / "pm2", FILES, {"pm2.json": PM2}) == []
    image = 'FROM python:3.12\nWORKDIR /srv\nCOPY . /srv\nCMD ["pm2-runtime", "ecosystem.config.js"]\n'
    ecosystem = "module.exports = {apps: [{name: 'relay', script: 'app/main.py', interpreter: 'python3'}]}\n"
    assert _lines(tmp_path / "ecosystem", FILES, {"Dockerfile": image, "ecosystem.config.js": ecosystem}) == []


def test_a_bot_a_launch_file_names_stays_reported(tmp_path: Path) -> None:
    """The pm2 file starting the bot by its path, a shipped `.env` setting `FLASK_APP=issue_bot.py` for `flask run`,
    or a command whose program the shell fills in (`python $BOT_SCRIPT`): it may be deployed."""
    assert _lines(tmp_path / "pm2", FILES, {"pm2.json": PM2_BOT}) == BOT_FINDINGS
    flask = {"docker-compose.yml": COMPOSE + "  bot:\n    build: .\n    command: flask run --host 0.0.0.0\n    env_file: .env\n",
             ".env": "FLASK_APP=issue_bot.py\n"}
    assert _lines(tmp_path / "flask", FILES, flask) == BOT_FINDINGS
    filled = {"docker-compose.yml": COMPOSE + "  bot:\n    build: .\n    command: python ${BOT_SCRIPT}\n"}
    assert _lines(tmp_path / "filled", FILES, filled) == BOT_FINDINGS


def test_a_bot_the_service_imports_or_without_a_deployment_stays_reported(tmp_path: Path) -> None:
    """A module of the service importing the bot's app (it may mount it), or no launch file at all: nothing says
    which program is the service."""
    imported = {**FILES, "app/hooks.py": "from docs.bots.issue_bot import app as hook_app\n"}
    assert _lines(tmp_path / "imported", imported, {"docker-compose.yml": COMPOSE}) == BOT_FINDINGS
    assert _lines(tmp_path / "none", FILES, {}) == BOT_FINDINGS


def test_a_small_service_its_image_runs_by_name_stays_reported(tmp_path: Path) -> None:
    """The same shape as the bot, named by the image that runs it (`CMD python app.py`): it is the service."""
    image = "FROM python:3.12\nWORKDIR /app\nCOPY . /app\nCMD python app.py\n"
    assert _lines(tmp_path, {"app.py": PUBLIC_BOT}, {"Dockerfile": image}) == ["PRR206 app.py:4", "PRR501 app.py:10"]
