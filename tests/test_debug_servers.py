"""PRR201: an app that only Werkzeug's debugger serves (`app.run(debug=True)` in its main block)."""

from __future__ import annotations

import json

MOCK = ("from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n@app.route('/user')\ndef user():\n"
        "    return jsonify({'login': 'dev'})\n\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=8082, debug=True)\n")


def _check(tmp_path, run_cli, monkeypatch, files, codes: str) -> list:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", ".", "--no-cache", "--select", codes, "--output-format", "json")
    output = result.output[result.output.index("{"):]  # after any note on findings left out of scope
    return json.loads(output)["findings"]


def _rules(tmp_path, run_cli, monkeypatch, files) -> list:
    return [finding["path"] for finding in _check(tmp_path, run_cli, monkeypatch, files, "PRR201")]


def test_an_app_only_the_debugger_serves_is_not_reported(tmp_path, run_cli, monkeypatch) -> None:
    """A GitHub OAuth mock a development compose file builds: its Dockerfile runs the script."""
    files = {"mock/flaskapp.py": MOCK, "mock/Dockerfile": "FROM python:3.12\nCMD python3 /app/flaskapp.py\n"}
    assert _rules(tmp_path, run_cli, monkeypatch, files) == []


def test_an_app_a_server_also_serves_stays_reported(tmp_path, run_cli, monkeypatch) -> None:
    """gunicorn pointed at the module (a launch file, or a string the project's code hands it), another
    module importing it, or a main block without the debugger: a deployment may serve it."""
    gunicorn = {"svc/flaskapp.py": MOCK, "Procfile": "web: gunicorn svc.flaskapp:app\n"}
    assert _rules(tmp_path, run_cli, monkeypatch, gunicorn) == ["svc/flaskapp.py"]


def test_an_app_named_by_code_or_run_without_the_debugger_stays_reported(tmp_path, run_cli, monkeypatch) -> None:
    entry = {"svc/flaskapp.py": MOCK, "svc/entrypoint.py": "import subprocess\n\nsubprocess.run(['gunicorn', 'svc.flaskapp:app'])\n"}
    assert _rules(tmp_path, run_cli, monkeypatch, entry) == ["svc/flaskapp.py"]
    plain = {"svc/flaskapp.py": MOCK.replace(", debug=True", ""), "svc/entrypoint.py": "x = 1\n"}
    assert _rules(tmp_path, run_cli, monkeypatch, plain) == ["svc/flaskapp.py"]
    uvicorn = {"svc/flaskapp.py": "import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get('/user')\n"
               "def user():\n    return {}\n\nif __name__ == '__main__':\n    uvicorn.run(app, debug=True)\n"}
    assert _rules(tmp_path, run_cli, monkeypatch, uvicorn) == ["svc/flaskapp.py"]  # no Werkzeug debugger


# A console for testing other services (m30 sdx-console): the package builds the app, `server.py` serves
# it with the debugger, a start script runs `server.py`; gunicorn is only a dependency, nothing runs it.
CONSOLE = {
    "console/__init__.py": "from flask import Flask\n\napp = Flask(__name__)\n\nfrom console import views  # noqa\n",
    "console/views.py": "import requests\n\nfrom console import app\n\n\n@app.route('/submit')\ndef submit():\n"
                        "    return requests.post('http://sdx-collect/submit', data='x').text\n",
    "server.py": "from console import app\n\nif __name__ == '__main__':\n    app.run(debug=True, host='0.0.0.0', port=5000)\n",
    "startup.sh": "#!/bin/bash\npython3 server.py\n",
    "Dockerfile": "FROM python:3.8\nENTRYPOINT ./startup.sh\n",
    "requirements.txt": "flask==1.1.2\ngunicorn==20.0.4\nrequests==2.25.0\n",
}


def _scoped(tmp_path, run_cli, monkeypatch, files) -> list:
    return sorted((f["rule"], f["path"]) for f in _check(tmp_path, run_cli, monkeypatch, files, "PRR201,PRR501"))


def test_an_app_every_launcher_serves_with_the_debugger_is_a_developers_tool(tmp_path, run_cli, monkeypatch) -> None:
    """Its only launcher runs `app.run(debug=True)` on the app another module builds: PRR201 is not
    reported, and the request without a timeout that only its routes reach is not the service's."""
    assert _scoped(tmp_path, run_cli, monkeypatch, CONSOLE) == []


def test_run_simple_with_the_debugger_on_a_factorys_app_is_a_developers_tool(tmp_path, run_cli, monkeypatch) -> None:
    files = {**CONSOLE, "console/__init__.py": "from flask import Flask\n\n\ndef create_app():\n    app = Flask(__name__)\n"
             "    from console import views\n    app.register_blueprint(views.bp)\n    return app\n",
             "console/views.py": "import requests\nfrom flask import Blueprint\n\nbp = Blueprint('views', __name__)\n\n\n"
                                 "@bp.route('/submit')\ndef submit():\n    return requests.post('http://sdx-collect/submit', data='x').text\n",
             "server.py": "from werkzeug.serving import run_simple\n\nfrom console import create_app\n\n"
                          "if __name__ == '__main__':\n    run_simple('0.0.0.0', 5000, create_app(), use_debugger=True)\n"}
    assert _scoped(tmp_path, run_cli, monkeypatch, files) == []
    (tmp_path / "server.py").unlink()
    reloading = {**files, "server.py": files["server.py"].replace("use_debugger", "use_reloader")}
    assert _scoped(tmp_path, run_cli, monkeypatch, reloading) == [("PRR201", "console/__init__.py"), ("PRR501", "console/views.py")]


def test_an_app_a_production_server_or_the_environment_may_serve_stays_reported(tmp_path, run_cli, monkeypatch) -> None:
    """gunicorn named by a Procfile or a Dockerfile, or the debugger set from the environment
    (`debug=os.environ...` is off in production): the app may be the deployed service."""
    reported = [("PRR201", "console/__init__.py"), ("PRR501", "console/views.py")]
    assert _scoped(tmp_path, run_cli, monkeypatch, {**CONSOLE, "Procfile": "web: gunicorn console:app\n"}) == reported
    for name in ("Procfile", "startup.sh", "Dockerfile", "requirements.txt"):
        (tmp_path / name).unlink()
    docker = {**CONSOLE, "Dockerfile": "FROM python:3.8\nCMD gunicorn -b 0.0.0.0:5000 server:app\n"}
    assert _scoped(tmp_path, run_cli, monkeypatch, docker) == reported
    environment = {**CONSOLE, "Dockerfile": "FROM python:3.8\nENTRYPOINT ./startup.sh\n",
                   "server.py": "import os\n\nfrom console import app\n\nif __name__ == '__main__':\n"
                                "    app.run(debug=os.environ.get('DEBUG') == '1', host='0.0.0.0')\n"}
    assert _scoped(tmp_path, run_cli, monkeypatch, environment) == reported
    plain = {**environment, "server.py": "from console import app\n\nif __name__ == '__main__':\n    app.run(host='0.0.0.0')\n"}
    assert _scoped(tmp_path, run_cli, monkeypatch, plain) == reported
    systemd = {**CONSOLE, "console.service": "[Service]\nExecStart=/opt/venv/bin/uvicorn --reload console.asgi:app\n"}
    assert _scoped(tmp_path, run_cli, monkeypatch, systemd) == reported  # a reloading server a unit deploys


def test_a_task_the_developers_app_shares_keeps_its_findings(tmp_path, run_cli, monkeypatch) -> None:
    """A Celery task reaching the same helper runs in the service's worker: the helper is the service's."""
    files = {**CONSOLE, "console/tasks.py": "from celery import shared_task\n\nfrom console.views import submit\n\n\n"
                                            "@shared_task\ndef resubmit():\n    return submit()\n"}
    assert _scoped(tmp_path, run_cli, monkeypatch, files) == [("PRR501", "console/views.py")]
