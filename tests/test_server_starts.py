"""PRR506 once the project is known (project/server_starts.py): a start only programs the deployment does
not run reach, one of an app the deployment serves with a server command, and one of an app that answers
only probes are no production server; the deployed start next to each stays reported."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Optional

from _serving import run_on_disk

API = ("from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/items')\nasync def items():\n    return []\n")
SERVE = ("import uvicorn\n\nfrom svc.api import app\n\n\ndef main():\n    uvicorn.run(app, host='0.0.0.0', port=8080)\n\n\n"
         "if __name__ == '__main__':\n    main()\n")
# A demo server someone starts by hand (holmesgpt's `experimental/ag-ui/server-agui.py`), and a development
# launcher calling the served module's `main()` (anms's `run_dev.py`).
DEMO = ("import uvicorn\nfrom fastapi import FastAPI\n\ndemo = FastAPI()\n\n\n@demo.get('/chat')\nasync def chat():\n    return {}\n\n\n"
        "if __name__ == '__main__':\n    uvicorn.run(demo, host='0.0.0.0', port=9000)\n")
RUN_DEV = "from svc.serve import main\n\nif __name__ == '__main__':\n    main()\n"
FILES = {"svc/__init__.py": "", "svc/api.py": API, "svc/serve.py": SERVE, "experimental/demo_server.py": DEMO}
IMAGE = 'FROM python:3.12\nCOPY svc /app/svc\nCOPY experimental/demo_server.py /app/experimental/demo_server.py\nCMD ["python", "svc/serve.py"]\n'


def _lines(root: Path, files: Dict[str, str], deployment: Dict[str, str], packaging: Optional[Dict[str, str]] = None) -> List[str]:
    result = run_on_disk(root, files, select=("PRR506",), whole_project=True, on_disk_only={**deployment, **(packaging or {})},
                         launch_files=tuple(deployment))
    return sorted(f"{f.path}:{f.span.line}" for f in result.findings)


def test_a_server_only_programs_the_deployment_does_not_run_start_is_a_persons(tmp_path: Path) -> None:
    """The image runs `svc/serve.py` (and only copies the demo): the demo's start is left out, the deployed one stays."""
    assert _lines(tmp_path, FILES, {"Dockerfile": IMAGE}) == ["svc/serve.py:7"]


def test_a_start_the_deployment_may_run_stays(tmp_path: Path) -> None:
    """No deployed program starts a server (nothing known of how the service runs), the demo is named by a
    deployment file (by path, or by a `-m` tail of its module), an image with no command of its own copies
    it, or the start is reached from a function no program calls but code names (a library's entry)."""
    nothing = {"Dockerfile": 'FROM python:3.12\nCMD ["python", "-m", "http.server"]\n'}
    assert _lines(tmp_path / "nothing", FILES, nothing) == ["experimental/demo_server.py:13", "svc/serve.py:7"]
    named = {"Dockerfile": IMAGE, "demo.yaml": "services:\n  demo:\n    command: python experimental/demo_server.py\n"}
    assert _lines(tmp_path / "named", FILES, named) == ["experimental/demo_server.py:13", "svc/serve.py:7"]
    tail = {"Dockerfile": IMAGE, "demo/Dockerfile": 'FROM python:3.12\nCOPY experimental /app\nCMD ["python", "-m", "demo_server"]\n'}
    assert _lines(tmp_path / "tail", FILES, tail) == ["experimental/demo_server.py:13", "svc/serve.py:7"]
    # XAgent's XAgentGen image: no CMD, the README's `docker run ... python app.py` says what it runs.
    commandless = {"Dockerfile": IMAGE, "dockerfiles/demo/Dockerfile": "FROM python:3.12\nCOPY experimental .\n"}
    assert _lines(tmp_path / "commandless", FILES, commandless) == ["experimental/demo_server.py:13", "svc/serve.py:7"]
    library = {**FILES, "experimental/demo_server.py": DEMO.replace("if __name__ == '__main__':\n", "def serve_demo():\n")}
    # a library's function (named in the package's API) may be run by its users; one no source names is dead code
    exported = {**library, "experimental/__init__.py": "from experimental.demo_server import serve_demo\n\n__all__ = ['serve_demo']\n",
                "svc/admin.py": "from experimental import serve_demo\n\nSTARTERS = {'demo': serve_demo}\n"}
    assert _lines(tmp_path / "library", exported, {"Dockerfile": IMAGE}) == ["experimental/demo_server.py:13", "svc/serve.py:7"]
    assert _lines(tmp_path / "dead", library, {"Dockerfile": IMAGE}) == ["svc/serve.py:7"]


def test_a_start_only_a_development_launcher_reaches_is_left_out(tmp_path: Path) -> None:
    """The deployment serves the app with gunicorn from a program of its own; `main()` runs only from
    `run_dev.py` and the served module's own `__main__` block, which the deployment does not run."""
    gunicorn = ("import gunicorn.app.base\n\n\nclass Application(gunicorn.app.base.BaseApplication):\n"
                "    def load(self):\n        from svc.serve import app\n        return app\n\n\n"
                "if __name__ == '__main__':\n    Application().run()\n")
    files = {**FILES, "svc/run_gunicorn.py": gunicorn, "run_dev.py": RUN_DEV}
    image = 'FROM python:3.12\nCMD ["python", "-m", "svc.run_gunicorn"]\n'
    assert _lines(tmp_path, files, {"Dockerfile": image}) == []


# Adala's `server/app.py`: a `__main__` block "for debugging" next to the compose file's `uvicorn app:app`.
DEBUG_START = API + "\n\nif __name__ == '__main__':\n    import uvicorn\n\n    uvicorn.run('app:app', host='0.0.0.0', port=30001)\n"


def test_an_app_the_deployment_serves_with_a_server_command_is_not_served_by_the_in_code_start(tmp_path: Path) -> None:
    files = {"server/app.py": DEBUG_START}
    compose = {"docker-compose.yml": 'services:\n  app:\n    command: ["uvicorn", "app:app", "--host", "0.0.0.0", "--port", "8000"]\n'}
    assert _lines(tmp_path / "command", files, compose) == []
    gunicorn = {"Procfile": "web: gunicorn -k uvicorn.workers.UvicornWorker server.app:app\n"}
    assert _lines(tmp_path / "gunicorn", files, gunicorn) == []


def test_an_app_the_deployment_starts_through_the_in_code_start_stays(tmp_path: Path) -> None:
    """`python server/app.py` runs the `__main__` block; a server command on another app serves something else.
    (With only `uvicorn admin:app` deployed, `server/app.py` would be a program nothing runs.)"""
    files = {"server/app.py": DEBUG_START, "server/admin.py": API}
    program = {"docker-compose.yml": 'services:\n  app:\n    command: ["python", "server/app.py"]\n'}
    assert _lines(tmp_path / "program", files, program) == ["server/app.py:14"]
    other = {"docker-compose.yml": 'services:\n  admin:\n    command: ["uvicorn", "admin:app"]\n  app:\n    command: ["python", "server/app.py"]\n'}
    assert _lines(tmp_path / "other", files, other) == ["server/app.py:14"]


# dataset-viewer's `worker/start_web_app.py`: the worker's side app, with its health and metrics routes only.
SIDE_APP = ("import uvicorn\nfrom starlette.applications import Starlette\nfrom starlette.responses import PlainTextResponse\n"
            "from starlette.routing import Route\n\n\nasync def healthcheck(request):\n    return PlainTextResponse('ok')\n\n\n"
            "async def metrics(request):\n    return PlainTextResponse('')\n\n\n"
            "def create_app():\n    return Starlette(routes=[Route('/healthcheck', endpoint=healthcheck), Route('/metrics', endpoint=metrics)])\n\n\n"
            "if __name__ == '__main__':\n    uvicorn.run('worker.web:create_app', host='0.0.0.0', port=8080, factory=True)\n")


def test_an_app_that_answers_only_probes_sheds_no_user_load(tmp_path: Path) -> None:
    assert _lines(tmp_path, {"worker/__init__.py": "", "worker/web.py": SIDE_APP}, {}) == []


def test_an_app_with_a_route_of_its_own_beside_its_probes_stays(tmp_path: Path) -> None:
    served = SIDE_APP.replace("Route('/metrics', endpoint=metrics)", "Route('/metrics', endpoint=metrics), Route('/jobs', endpoint=healthcheck)")
    assert _lines(tmp_path, {"worker/__init__.py": "", "worker/web.py": served}, {}) == ["worker/web.py:20"]


def test_a_start_a_console_script_reaches_stays_when_the_deployment_runs_the_script(tmp_path: Path) -> None:
    """The demo's `main()` is also the `svc-demo` console script: run by a compose file, it is deployed; named
    by no deployment file, only a person runs it."""
    demo = DEMO.replace("if __name__ == '__main__':\n", "def main():\n") + "\n\nif __name__ == '__main__':\n    main()\n"
    files = {**FILES, "experimental/__init__.py": "", "experimental/demo_server.py": demo}
    project = '[project]\nname = "svc"\n\n[project.scripts]\nsvc-demo = "experimental.demo_server:main"\n'
    runs = {"Dockerfile": IMAGE, "compose.yaml": "services:\n  demo:\n    command: svc-demo --port 9000\n"}
    assert _lines(tmp_path / "runs", files, runs, {"pyproject.toml": project}) == ["experimental/demo_server.py:13", "svc/serve.py:7"]
    assert _lines(tmp_path / "unrun", files, {"Dockerfile": IMAGE}, {"pyproject.toml": project}) == ["svc/serve.py:7"]


def test_a_copy_of_a_shared_name_is_no_run_and_a_flagged_command_is(tmp_path: Path) -> None:
    """Two programs named `server.py`: the image copies the demo's folder too but runs `python3 -u server.py` in
    `svc`'s, so the demo's start is a person's; run by a Procfile that no image places, either may be it."""
    files = {"svc/__init__.py": "", "svc/api.py": API, "svc/server.py": SERVE, "experimental/server.py": DEMO}
    image = ("FROM python:3.12\nWORKDIR /app\nCOPY svc/ .\nCOPY experimental/server.py /opt/demo/server.py\n"
             "CMD python3 -u server.py\n")
    assert _lines(tmp_path / "image", files, {"Containerfile": image}) == ["svc/server.py:7"]
    assert _lines(tmp_path / "procfile", files, {"Procfile": "web: python3 -OO server.py\n"}) == ["experimental/server.py:13", "svc/server.py:7"]


# The FastAPI CLI imports the file it is given and serves its app: the file's `__main__` block never runs.
FASTAPI_MAIN = ("import uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/items')\nasync def items():\n"
                "    return []\n\n\nif __name__ == '__main__':\n    uvicorn.run(app, host='0.0.0.0', port=8000)\n")
FASTAPI_RUN = 'FROM python:3.12\nCOPY . /app\nWORKDIR /app\nENTRYPOINT ["fastapi", "run"]\nCMD ["web/main.py", "--port", "8000"]\n'


def test_an_app_fastapi_run_serves_is_not_served_by_its_main_block(tmp_path: Path) -> None:
    """`fastapi run web/main.py` (ENTRYPOINT and CMD together, or one shell line with `--app`) serves the app:
    the profiling start in the file's `__main__` block is left out."""
    files = {"web/__init__.py": "", "web/main.py": FASTAPI_MAIN}
    assert _lines(tmp_path / "exec", files, {"Dockerfile": FASTAPI_RUN}) == []
    shell = {"Procfile": "web: uv run fastapi run --host 0.0.0.0 web/main.py --app app\n"}
    assert _lines(tmp_path / "shell", files, shell) == []


def test_a_main_block_the_deployment_runs_or_fastapi_dev_stays(tmp_path: Path) -> None:
    """`python web/main.py` runs the block; `fastapi dev` is a developer's server, not the deployment's command."""
    files = {"web/__init__.py": "", "web/main.py": FASTAPI_MAIN}
    python = {"Dockerfile": FASTAPI_RUN.replace('ENTRYPOINT ["fastapi", "run"]\nCMD [', 'CMD ["python", ')}
    assert _lines(tmp_path / "python", files, python) == ["web/main.py:13"]
    assert _lines(tmp_path / "dev", files, {"Dockerfile": FASTAPI_RUN.replace('"run"', '"dev"')}) == ["web/main.py:13"]


def test_a_console_script_whose_name_is_only_a_folder_of_a_served_path_is_a_persons(tmp_path: Path) -> None:
    """A `fleece_app` console script calls `uvicorn.run` on the app factory; the image serves
    `fastapi run fleece_app/main.py`, whose folder `fleece_app/` is no run of the script. A command
    `fleece_app` runs it, and keeps the start."""
    main = ("import uvicorn\n\nfrom fleece_app.factory import create_app\n\napp = create_app()\n\n\ndef main():\n"
            "    uvicorn.run('fleece_app.factory:create_app', factory=True, host='0.0.0.0', port=8000)\n\n\n"
            "if __name__ == '__main__':\n    main()\n")
    factory = "from fastapi import FastAPI\n\n\ndef create_app():\n    return FastAPI()\n"
    files = {"fleece_app/__init__.py": "", "fleece_app/main.py": main, "fleece_app/factory.py": factory}
    project = '[project]\nname = "fleece"\n\n[project.scripts]\nfleece_app = "fleece_app.main:main"\n'
    image = FASTAPI_RUN.replace("web/main.py", "fleece_app/main.py")
    packaging = {"pyproject.toml": project}
    assert _lines(tmp_path / "served", files, {"Dockerfile": image}, packaging) == []
    runs = {"Dockerfile": image, "compose.yaml": "services:\n  fleece:\n    command: fleece_app --reload\n"}
    assert _lines(tmp_path / "runs", files, runs, packaging) == ["fleece_app/main.py:9"]


# A server a class nothing builds would start (its method registers a servicer, which makes it look like start-up).
TRANSFER = ("import grpc\nfrom concurrent import futures\n\nfrom svc import transfer_pb2_grpc\n\n\nclass Broker:\n"
            "    @staticmethod\n    def remove(tag):\n        return tag\n\n\nclass Servicer(transfer_pb2_grpc.TransferServicer):\n"
            "    def Send(self, request, context):\n        return request\n\n\nclass GrpcTransfer(Broker):\n"
            "    def start(self, port):\n        server = grpc.server(futures.ThreadPoolExecutor(max_workers=4))\n"
            "        transfer_pb2_grpc.add_TransferServicer_to_server(Servicer(), server)\n"
            "        server.add_insecure_port(f'[::]:{port}')\n        server.start()\n        server.wait_for_termination()\n")
PB2 = ("class TransferServicer(object):\n    def Send(self, request, context):\n        raise NotImplementedError()\n\n\n"
       "def add_TransferServicer_to_server(servicer, server):\n    pass\n")
WORKER = ("from svc import transfer\n\n\ndef serve():\n    transfer.Broker.remove('tag')\n    return transfer.Servicer()\n\n\n"
          "if __name__ == '__main__':\n    serve()\n")


def test_a_start_in_a_class_nothing_builds_is_dead_code(tmp_path: Path) -> None:
    """`GrpcTransfer` is named nowhere but its definition (the worker calls only its base's static method, through
    the module): PRR501's dead code, so its server start is no production server. Built by the worker, it stays."""
    files = {"svc/__init__.py": "", "svc/transfer.py": TRANSFER, "svc/transfer_pb2_grpc.py": PB2, "svc/worker.py": WORKER}
    image = {"Dockerfile": 'FROM python:3.12\nCMD ["python", "-m", "svc.worker"]\n'}
    assert _lines(tmp_path / "dead", files, image) == []
    built = {**files, "svc/worker.py": WORKER.replace("    return transfer.Servicer()", "    transfer.GrpcTransfer().start(50051)")}
    assert _lines(tmp_path / "built", built, image) == ["svc/transfer.py:20"]


def test_a_launcher_beside_a_deployed_program_that_reaches_its_server_through_a_command_is_a_persons(tmp_path: Path) -> None:
    """langchain-chatchat: the image runs `python cli.py start -a`, whose click group adds the `start` command that
    spawns the API server in a `multiprocessing.Process`; no call chain shows the deployment's server, but it runs a
    program of the project, PRR501's answer. A stale `api_allinone.py` launcher's start is a person's; the server the
    command spawns stays reported."""
    startup = ("from multiprocessing import Process\n\nimport click\nimport uvicorn\n\nfrom svc.api import app\n\n\n"
               "def run_api_server():\n    uvicorn.run(app, host='0.0.0.0', port=7861)\n\n\n@click.command()\n"
               "@click.option('-a', 'all_', is_flag=True)\ndef main(all_):\n    Process(target=run_api_server).start()\n")
    cli = ("import click\n\nfrom svc.startup import main as start\n\n\n@click.group()\ndef main():\n    pass\n\n\n"
           "main.add_command(start, 'start')\n\nif __name__ == '__main__':\n    main()\n")
    stale = ("import uvicorn\n\nfrom svc.api import app\n\n\ndef run_api(host, port):\n    uvicorn.run(app, host=host, port=port)\n\n\n"
             "if __name__ == '__main__':\n    run_api('0.0.0.0', 7861)\n")
    files = {"svc/__init__.py": "", "svc/api.py": API, "svc/startup.py": startup, "svc/cli.py": cli, "svc/api_allinone.py": stale}
    image = 'FROM python:3.12\nCOPY svc /app/svc\nWORKDIR /app/svc\nENTRYPOINT ["python", "cli.py", "start", "-a"]\n'
    assert _lines(tmp_path / "image", files, {"Dockerfile": image}) == ["svc/startup.py:10"]
    assert _lines(tmp_path / "none", files, {}) == ["svc/api_allinone.py:7", "svc/startup.py:10"]
