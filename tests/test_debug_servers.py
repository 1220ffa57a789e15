"""PRR201: an app that only Werkzeug's debugger serves (`app.run(debug=True)` in its main block)."""

from __future__ import annotations

import json

MOCK = ("from flask import Flask, jsonify\n\napp = Flask(__name__)\n\n@app.route('/user')\ndef user():\n"
        "    return jsonify({'login': 'dev'})\n\nif __name__ == '__main__':\n    app.run(host='0.0.0.0', port=8082, debug=True)\n")


def _rules(tmp_path, run_cli, monkeypatch, files) -> list:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text)
    monkeypatch.chdir(tmp_path)
    result = run_cli("check", ".", "--no-cache", "--select", "PRR201", "--output-format", "json")
    return [finding["path"] for finding in json.loads(result.output)["findings"]]


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
