"""Programs the deployment does not run beside others it does (project/undeployed_programs.py): the app
only such a program serves answers no deployed request, and a looping script only a person starts is a
root script; a program the deployment runs, or a project whose deployment names none of its programs,
keeps its findings."""

from __future__ import annotations

from pathlib import Path
from typing import Dict, List, Tuple

from _serving import run_on_disk

QUEUE = "import redis\n\nclient = redis.Redis(socket_timeout=5)\n\n\ndef length():\n    return client.llen('jobs')\n"
WORKER = ("from svc.jobs import queue\n\n\ndef start():\n    while True:\n        queue.length()\n\n\n"
          "if __name__ == '__main__':\n    start()\n")
# AgentOps's `deploy/jockey/api`: a status app, and the script that serves it with uvicorn.
STATUS = ("from fastapi import FastAPI\n\nfrom svc.jobs import queue\n\napp = FastAPI()\n\n\n"
          "@app.get('/queue/status')\nasync def status():\n    return {'length': queue.length()}\n")
RUN = ("import os\n\nimport uvicorn\n\n\ndef main():\n    from svc.status.main import app\n\n"
       "    uvicorn.run(app, port=int(os.getenv('PORT', '8000')))\n\n\nif __name__ == '__main__':\n    main()\n")
WEB = "from fastapi import FastAPI\n\napp = FastAPI()\n\n\n@app.get('/')\nasync def home():\n    return {}\n"
APP = {"svc/__init__.py": "", "svc/web.py": WEB, "svc/jobs/__init__.py": "", "svc/jobs/queue.py": QUEUE, "svc/jobs/worker.py": WORKER,
       "svc/status/__init__.py": "from .main import app\n", "svc/status/main.py": STATUS, "svc/status/run.py": RUN}
WORKER_IMAGE = 'FROM python:3.12\nCOPY svc /app/svc\nCMD ["python", "-m", "svc.jobs.worker"]\n'
WEB_IMAGE = 'FROM python:3.12\nCOPY svc /app/svc\nCMD ["uvicorn", "svc.web:app"]\n'


def _lines(root: Path, files: Dict[str, str], deployment: Dict[str, str], rules: Tuple[str, ...]) -> List[str]:
    result = run_on_disk(root, files, select=rules, whole_project=True, on_disk_only=deployment, launch_files=tuple(deployment))
    return sorted(f"{f.rule} {f.path}:{f.span.line}" for f in result.findings)


def test_an_app_only_an_unrun_script_serves_answers_no_deployed_request(tmp_path: Path) -> None:
    """The images run the worker and serve the web app; nothing runs `svc/status/run.py`: its app's route is no
    entry point, and the blocking Redis call it reaches is no event loop's."""
    assert _lines(tmp_path, APP, {"Dockerfile": WORKER_IMAGE, "web/Dockerfile": WEB_IMAGE}, ("PRR505",)) == []


def test_an_app_the_deployment_serves_or_whose_script_it_runs_stays_served(tmp_path: Path) -> None:
    """The script run by the deployment (its file path), the app served by its name (`main:app`), or a
    deployment that runs none of the project's programs by name: the route reaches the blocking call."""
    blocking = ["PRR505 svc/jobs/queue.py:7"]
    script = {"Dockerfile": WORKER_IMAGE, "web/Dockerfile": WEB_IMAGE, "status/Dockerfile": 'CMD ["python", "svc/status/run.py"]\n'}
    assert _lines(tmp_path / "script", APP, script, ("PRR505",)) == blocking
    served = {"Dockerfile": WORKER_IMAGE, "web/Dockerfile": WEB_IMAGE,
              "compose.yaml": "services:\n  api:\n    command: uvicorn svc.status.main:app\n"}
    assert _lines(tmp_path / "served", APP, served, ("PRR505",)) == blocking
    unnamed = {"Dockerfile": "FROM python:3.12\nCOPY svc /app/svc\n", "web/Dockerfile": WEB_IMAGE}
    assert _lines(tmp_path / "unnamed", APP, unnamed, ("PRR505",)) == blocking


# lasair's `consume_alerce.py`: a Kafka consumer doing its work at its top level, started only by a shell
# script nothing schedules, beside the cron jobs that run the project's other programs.
CONSUMER = ("import sys\nfrom urllib.request import urlopen\n\nfrom confluent_kafka import Consumer\n\n"
            "schema = urlopen('https://schemas.example/alert.avsc').read()\nconsumer = Consumer({'group.id': 'alerts'})\n"
            "consumer.subscribe([sys.argv[1]])\nwhile True:\n    message = consumer.poll(timeout=20)\n    if message is None:\n"
            "        break\n")
EXPIRE = ("import requests\n\n\ndef expire():\n    requests.post('https://svc.example/expire', timeout=10)\n\n\n"
          "if __name__ == '__main__':\n    expire()\n")
VIEWS = "from flask import Flask\n\napp = Flask(__name__)\n\n\n@app.get('/a')\ndef a():\n    return 'ok'\n"
SERVICES = {"web/views.py": VIEWS, "services/check_expire.py": EXPIRE, "services/brokers/consume.py": CONSUMER}


def test_a_looping_script_the_deployment_does_not_run_beside_its_other_programs_is_a_persons(tmp_path: Path) -> None:
    cron = {"deploy/cron.yml": "- cron:\n    job: python3 /srv/app/services/check_expire.py\n"}
    assert _lines(tmp_path, SERVICES, cron, ("PRR501",)) == []


def test_a_looping_script_the_deployment_runs_or_beside_no_named_program_is_the_service(tmp_path: Path) -> None:
    runs = {"deploy/cron.yml": "- cron:\n    job: python3 /srv/app/services/check_expire.py\n"
            "- cron:\n    job: python3 /srv/app/services/brokers/consume.py alerts\n"}
    assert _lines(tmp_path / "runs", SERVICES, runs, ("PRR501",)) == ["PRR501 services/brokers/consume.py:6"]
    unnamed = {"deploy/cron.yml": "- cron:\n    job: /srv/app/backup.sh\n"}
    assert _lines(tmp_path / "unnamed", SERVICES, unnamed, ("PRR501",)) == ["PRR501 services/brokers/consume.py:6"]


# Two programs (`#!` files) share the file name `consume.py`; the image copies one folder to its WORKDIR and runs
# `python3 -u consume.py` there. A COPY of the other names it and runs nothing.
CONSUMERS = {**SERVICES, "services/brokers/consume.py": "#!/usr/bin/env python3\n" + CONSUMER,
             "services/replay/consume.py": "#!/usr/bin/env python3\n" + CONSUMER}


def test_a_copied_program_the_image_does_not_run_is_a_persons(tmp_path: Path) -> None:
    """`COPY services/replay ...` puts the replayer in the image; the command runs the brokers' consumer."""
    image = ("FROM python:3.12\nWORKDIR /srv\nCOPY services/brokers/ .\nCOPY services/replay /opt/replay\n"
             'CMD ["python3", "-u", "consume.py", "alerts"]\n')
    for name in ("Dockerfile", "Containerfile"):
        assert _lines(tmp_path / name, CONSUMERS, {name: image}, ("PRR501",)) == ["PRR501 services/brokers/consume.py:7"]


def test_a_shared_name_run_with_interpreter_flags_is_deployed(tmp_path: Path) -> None:
    """A compose command `python3 -u consume.py` that no image places: either consumer may be the one run, so both
    stay the service's; naming the replayer's path keeps only it."""
    both = {"deploy/cron.yml": "- cron:\n    job: python3 /srv/app/services/check_expire.py\n",
            "compose.yaml": "services:\n  consume:\n    image: python:3.12\n    command: python3 -u consume.py alerts\n"}
    assert _lines(tmp_path / "both", CONSUMERS, both, ("PRR501",)) == ["PRR501 services/brokers/consume.py:7", "PRR501 services/replay/consume.py:7"]
    one = {"deploy/cron.yml": "- cron:\n    job: python3 /srv/app/services/check_expire.py\n",
           "compose.yaml": "services:\n  consume:\n    command: python3 -X dev services/replay/consume.py\n"}
    assert _lines(tmp_path / "one", CONSUMERS, one, ("PRR501",)) == ["PRR501 services/replay/consume.py:7"]


# The status app served by a console script (no `__main__` block): `svc-status` is declared, nothing runs it.
SCRIPT_RUN = ("import os\n\nimport uvicorn\n\n\ndef main():\n    from svc.status.main import app\n\n"
              "    uvicorn.run(app, port=int(os.getenv('PORT', '8000')))\n")
SCRIPT_APP = {**APP, "svc/status/run.py": SCRIPT_RUN}
PYPROJECT = '[project]\nname = "svc"\n\n[project.scripts]\nsvc-status = "svc.status.run:main"\n'


def test_an_app_only_an_unrun_console_script_serves_answers_no_deployed_request(tmp_path: Path) -> None:
    deployment = {"Dockerfile": WORKER_IMAGE, "web/Dockerfile": WEB_IMAGE}
    assert _lines(tmp_path, SCRIPT_APP, {**deployment, "pyproject.toml": PYPROJECT}, ("PRR505",)) == []


def test_a_console_script_an_image_runs_from_the_folder_pip_installs_it_in_stays_served(tmp_path: Path) -> None:
    """`ENTRYPOINT ["/home/app/.local/bin/svc-status"]` runs the console script (a folder `svc-status/` would not)."""
    image = 'FROM python:3.12\nCOPY . /app\nRUN pip install --user /app\nENTRYPOINT ["/home/app/.local/bin/svc-status"]\n'
    deployment = {"Dockerfile": WORKER_IMAGE, "web/Dockerfile": WEB_IMAGE, "status/Dockerfile": image, "pyproject.toml": PYPROJECT}
    assert _lines(tmp_path / "run", SCRIPT_APP, deployment, ("PRR505",)) == ["PRR505 svc/jobs/queue.py:7"]
    folder = {**deployment, "status/Dockerfile": 'FROM python:3.12\nCOPY svc-status/ /opt/svc-status/\nCMD ["python", "-m", "svc.jobs.worker"]\n'}
    assert _lines(tmp_path / "folder", SCRIPT_APP, folder, ("PRR505",)) == []
