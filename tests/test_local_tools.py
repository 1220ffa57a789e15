"""PRR201 for the web UI of a command-line tool, served by the framework's development server."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

API = ("from flask import Flask, jsonify\napp = Flask(__name__)\n\n@app.route('/scans')\ndef scans():\n"
       "    return jsonify(list_scans())\n\ndef start_api(options):\n"
       "    app.run(host=options.api_host, port=options.api_port, ssl_context='adhoc')\n")
CLI = ("import argparse\nfrom tool.api import start_api\n\ndef main():\n    parser = argparse.ArgumentParser()\n"
       "    parser.add_argument('--start-api', action='store_true')\n    options = parser.parse_args()\n"
       "    if options.start_api:\n        start_api(options)\n")


def _found(tmp_path: Path, files: dict, launch: dict = None) -> list:
    for path, text in (launch or {}).items():
        (tmp_path / path).write_text(text)
    plan = Plan(replace(settings_with(), root=tmp_path), tuple(REGISTRY.select(["PRR201"], [], [])),
                launch_files=tuple(str(tmp_path / path) for path in (launch or {})))
    return sorted(f.path for f in run_jobs(jobs_for(files), plan).findings)


def test_a_command_line_tools_web_ui_is_not_a_service(tmp_path: Path) -> None:
    """Nettacker: `nettacker --start-api` runs the Flask app on its development server from a function."""
    assert _found(tmp_path, {"tool/__init__.py": "", "tool/api.py": API, "tool/cli.py": CLI}) == []


def test_an_app_a_production_server_or_main_block_runs_stays_reported(tmp_path: Path) -> None:
    """A Dockerfile starting gunicorn, or `app.run()` in the module's `__main__` block, deploys a service."""
    files = {"tool/__init__.py": "", "tool/api.py": API, "tool/cli.py": CLI}
    assert _found(tmp_path, files, {"Dockerfile": "FROM python\nCMD [\"gunicorn\", \"tool.api:app\"]\n"}) == ["tool/api.py"]
    main_block = API + "\nif __name__ == '__main__':\n    app.run(host='0.0.0.0')\n"
    assert _found(tmp_path, {**files, "tool/api.py": main_block}) == ["tool/api.py"]
    via_main = API + "\ndef main():\n    start_api(parse())\n\nif __name__ == '__main__':\n    main()\n"
    assert _found(tmp_path, {**files, "tool/api.py": via_main}) == ["tool/api.py"]
