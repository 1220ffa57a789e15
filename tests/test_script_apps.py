"""PRR201 for an app that only a module's `__main__` block builds or serves, beside a deployed service."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from _serving import REGISTRY, jobs_for, settings_with
from prr_lint.engine import Plan
from prr_lint.runner import run_jobs

SERVICE = ("from fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get('/api/conversations')\ndef conversations():\n"
           "    return []\n\n@app.get('/healthz')\ndef health():\n    return 'ok'\n")
DOCKERFILE = {"Dockerfile": "FROM python:3.12\nCMD [\"uvicorn\", \"svc.server.listen:app\", \"--host\", \"0.0.0.0\"]\n"}
# a mock server for frontend development, run by hand with `python listen.py`
MOCK = ("import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n@app.get('/api/options/models')\n"
        "def models():\n    return []\n\nif __name__ == '__main__':\n    uvicorn.run(app, host='127.0.0.1', port=3000)\n")
# a sandbox agent built in its main block (`python -m svc.runtime.agent_server 8000`, started by the service)
AGENT = ("import sys\nimport uvicorn\nfrom fastapi import FastAPI\n\nif __name__ == '__main__':\n    app = FastAPI()\n\n"
         "    @app.post('/execute_action')\n    def execute(action: dict):\n        return run(action)\n\n"
         "    uvicorn.run(app, host='0.0.0.0', port=int(sys.argv[1]))\n")
# a tornado server built by a function only the main block calls
EXECUTE = ("import os\nimport tornado.ioloop\nimport tornado.web\n\nclass Execute(tornado.web.RequestHandler):\n"
           "    def post(self):\n        self.write(run(self.request.body))\n\n"
           "def make_app():\n    return tornado.web.Application([(r'/execute', Execute)])\n\n"
           "if __name__ == '__main__':\n    app = make_app()\n    app.listen(os.environ['PORT'])\n    tornado.ioloop.IOLoop.current().start()\n")


def _run(tmp_path: Path, files: dict, launch: dict, codes: list) -> list:
    for path, text in launch.items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text)
    plan = Plan(replace(settings_with(), root=tmp_path), tuple(REGISTRY.select(codes, [], [])),
                launch_files=tuple(str(tmp_path / path) for path in launch))
    return run_jobs(jobs_for(files), plan).findings


def _found(tmp_path: Path, files: dict, launch: dict) -> list:
    return sorted(f.path for f in _run(tmp_path, files, launch, ["PRR201"]))


def _project(script_path: str, script: str) -> dict:
    return {"svc/__init__.py": "", "svc/server/__init__.py": "", "svc/server/listen.py": SERVICE, script_path: script}


def test_a_scripts_app_beside_the_deployed_service_is_not_reported(tmp_path: Path) -> None:
    """OpenHands: the mock `server/mock/listen.py`, the sandbox's action server and jupyter execute server."""
    for path, script in (("svc/server/mock/listen.py", MOCK), ("svc/runtime/agent_server.py", AGENT),
                         ("svc/runtime/jupyter/execute_server.py", EXECUTE)):
        assert _found(tmp_path, _project(path, script), DOCKERFILE) == ["svc/server/listen.py"], path


def test_a_scripts_app_the_deployment_runs_stays_reported(tmp_path: Path) -> None:
    """A launch file naming the script (`python -m svc.runtime.agent_server`, `python listen.py`), another
    module importing the module-level app, no production server deployed, or the script as the only
    program: it may be the service."""
    agent = _project("svc/runtime/agent_server.py", AGENT)
    named = {**DOCKERFILE, "run.sh": "python -m svc.runtime.agent_server 8000\n"}
    assert _found(tmp_path / "a", agent, named) == ["svc/runtime/agent_server.py", "svc/server/listen.py"]
    mock = _project("svc/server/mock/listen.py", MOCK.replace("127.0.0.1", "0.0.0.0"))  # (loopback: below)
    by_path = {**DOCKERFILE, "dev/Dockerfile": "FROM python\nCMD python svc/server/mock/listen.py\n"}
    assert _found(tmp_path / "b", mock, by_path) == ["svc/server/listen.py", "svc/server/mock/listen.py"]
    imported = {**mock, "svc/server/dev.py": "from svc.server.mock.listen import app\n"}
    assert _found(tmp_path / "c", imported, DOCKERFILE) == ["svc/server/listen.py", "svc/server/mock/listen.py"]
    no_server = {"Dockerfile": "FROM python:3.12\nCMD [\"python\", \"-m\", \"svc\"]\n"}
    assert _found(tmp_path / "d", mock, no_server) == ["svc/server/listen.py", "svc/server/mock/listen.py"]
    assert _found(tmp_path / "e", {"svc/__init__.py": "", "svc/mock.py": MOCK}, DOCKERFILE) == ["svc/mock.py"]
    loopback_imported = {**_project("svc/server/mock/listen.py", MOCK), "svc/server/dev.py": "from svc.server.mock.listen import app\n"}
    assert _found(tmp_path / "f", loopback_imported, DOCKERFILE) == ["svc/server/listen.py", "svc/server/mock/listen.py"]


def test_a_scripts_app_an_image_only_copies_is_not_reported(tmp_path: Path) -> None:
    """A COPY of the mock into the image starts nothing (program_runs.py `command_text`); its CMD does."""
    mock = _project("svc/server/mock/listen.py", MOCK.replace("127.0.0.1", "0.0.0.0"))
    image = "FROM python:3.12\nWORKDIR /app\nCOPY svc/server/mock/listen.py svc/server/mock/listen.py\nCOPY svc svc\n"
    copied = {"Dockerfile": image + 'CMD ["uvicorn", "svc.server.listen:app", "--host", "0.0.0.0"]\n'}
    assert _found(tmp_path / "copied", mock, copied) == ["svc/server/listen.py"]
    run = {**DOCKERFILE, "dev/Dockerfile": image + "CMD python svc/server/mock/listen.py\n"}
    assert _found(tmp_path / "run", mock, run) == ["svc/server/listen.py", "svc/server/mock/listen.py"]


# a file viewer the sandbox agent starts in a thread, listening on loopback only
VIEWER = ("import threading\nfrom fastapi import FastAPI\nfrom uvicorn import Config, Server\n\n"
          "def create_app():\n    app = FastAPI()\n\n    @app.get('/view')\n    def view(path: str):\n        return render(path)\n\n"
          "    return app\n\ndef start_viewer(port):\n    config = Config(app=create_app(), host='127.0.0.1', port=port)\n"
          "    thread = threading.Thread(target=Server(config).run, daemon=True)\n    thread.start()\n")


def test_an_app_listening_on_loopback_only_beside_the_service_is_not_reported(tmp_path: Path) -> None:
    """OpenHands' `runtime/file_viewer_server.py`: a helper only processes of its own host reach, started by
    a module that imports its starter."""
    files = {**_project("svc/runtime/file_viewer.py", VIEWER), "svc/runtime/agent.py": "from svc.runtime.file_viewer import start_viewer\n"}
    assert _found(tmp_path, files, DOCKERFILE) == ["svc/server/listen.py"]


def test_an_app_on_another_address_or_named_by_a_launch_file_stays_reported(tmp_path: Path) -> None:
    """A server start on `0.0.0.0` (or one of several), a launch file naming the module, or the loopback app
    as the project's only program: users may reach it (a reverse proxy in front of the service)."""
    public = _project("svc/runtime/file_viewer.py", VIEWER.replace("'127.0.0.1'", "'0.0.0.0'"))
    assert _found(tmp_path / "a", public, DOCKERFILE) == ["svc/runtime/file_viewer.py", "svc/server/listen.py"]
    named = {**DOCKERFILE, "viewer.sh": "python -m svc.runtime.file_viewer\n"}
    assert _found(tmp_path / "b", _project("svc/runtime/file_viewer.py", VIEWER), named) == [
        "svc/runtime/file_viewer.py", "svc/server/listen.py"]
    factory = {**_project("svc/runtime/file_viewer.py", VIEWER), "svc/app.py": "from svc.runtime.file_viewer import create_app\n"}
    assert _found(tmp_path / "d", factory, DOCKERFILE) == ["svc/runtime/file_viewer.py", "svc/server/listen.py"]
    alone = {"svc/__init__.py": "", "svc/file_viewer.py": VIEWER}
    assert _found(tmp_path / "c", alone, DOCKERFILE) == ["svc/file_viewer.py"]


def test_a_script_beside_a_program_the_deployment_runs_from_its_package_stays_reported(tmp_path: Path) -> None:
    """FastChat (m28 E011-E018, judged true): compose runs `python3 -m svc.serve.model_worker`; the other
    workers of `svc.serve` are run the same way by whoever deploys them, though no file here names them."""
    worker = AGENT.replace("/execute_action", "/worker_generate")
    files = {"svc/__init__.py": "", "svc/serve/__init__.py": "", "svc/serve/model_worker.py": worker,
             "svc/serve/vllm_worker.py": worker, "svc/server/__init__.py": "", "svc/server/listen.py": SERVICE}
    compose = {**DOCKERFILE, "docker-compose.yml": "services:\n  worker:\n    entrypoint: [python3, -m, svc.serve.model_worker]\n"}
    assert _found(tmp_path, files, compose) == ["svc/serve/model_worker.py", "svc/serve/vllm_worker.py", "svc/server/listen.py"]


# the deployed service: gunicorn serves svc.asgi; its Dockerfile (in svc/) also sets FLASK_APP=app.py for svc/app.py
DEPLOYED = {"svc/Dockerfile": "FROM python:3.12\nENV FLASK_APP=app.py\nCMD [\"gunicorn\", \"svc.asgi:app\", \"--bind\", \"0.0.0.0:7091\"]\n",
            "deployment/k8s/api.yaml": "spec:\n  template:\n    metadata:\n      labels:\n        app: api\n"}
SERVED = {"svc/__init__.py": "", "svc/app.py": SERVICE, "svc/asgi.py": "from svc.app import app\n"}
# a sample bridge app beside it, started by hand (`flask run` or `python app.py`, its docs say)
BRIDGE = ("import requests\nfrom flask import Flask, request\n\n\ndef send_to_bot(message):\n"
          "    return requests.post('http://docsgpt/api/answer', json={'question': message}).json()\n\n\n"
          "app = Flask(__name__)\n\n\n@app.route('/hook', methods=['POST'])\ndef hook():\n"
          "    return send_to_bot(request.get_json()['content'])\n\n\nif __name__ == '__main__':\n"
          "    app.run(host='0.0.0.0', port=80)\n")


def _found_scoped(tmp_path: Path, files: dict, launch: dict) -> list:
    return sorted((f.rule, f.path) for f in _run(tmp_path, files, launch, ["PRR201", "PRR501"]))


def test_a_sample_app_no_launch_file_names_is_left_out_with_the_code_only_it_reaches(tmp_path: Path) -> None:
    """DocsGPT's `extensions/chatwoot/app.py`: `FLASK_APP=app.py` in `application/Dockerfile` names the
    `app.py` beside it, not the sample's, and the word `app` of a k8s label names nothing; the sample's
    route (PRR201) and its helper's call without a timeout (PRR501) are no code of the deployed service."""
    files = {**SERVED, "extensions/bridge/__init__.py": "", "extensions/bridge/app.py": BRIDGE}
    assert _found_scoped(tmp_path, files, DEPLOYED) == [("PRR201", "svc/app.py")]


def test_a_sample_app_a_launch_file_runs_through_a_generic_launcher_stays_reported(tmp_path: Path) -> None:
    """`flask run` with FLASK_APP naming the file, `gunicorn 'pkg.app:app'` in a Procfile, a bare `app.py`
    in a Dockerfile beside it, or another module importing it: it is deployed."""
    files = {**SERVED, "extensions/bridge/__init__.py": "", "extensions/bridge/app.py": BRIDGE}
    both = [("PRR201", "extensions/bridge/app.py"), ("PRR201", "svc/app.py"), ("PRR501", "extensions/bridge/app.py")]
    for name, launch in (
        ("flask", {"deployment/docker-compose.yaml": "services:\n  bridge:\n    environment:\n"
                                                    "      FLASK_APP: extensions/bridge/app.py\n    command: flask run\n"}),
        ("procfile", {"Procfile": "bridge: gunicorn 'extensions.bridge.app:app'\n"}),
        ("beside", {"extensions/bridge/Dockerfile": "FROM python:3.12\nENV FLASK_APP=app.py\nCMD flask run --host 0.0.0.0\n"}),
    ):
        assert _found_scoped(tmp_path / name, files, {**DEPLOYED, **launch}) == both, name
    imported = {**files, "svc/hooks.py": "from extensions.bridge.app import app\n"}
    assert _found_scoped(tmp_path / "imported", imported, DEPLOYED) == both
