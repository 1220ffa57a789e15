"""A script whose top level fans its own work out to worker processes, threads or pools and waits for them is
still a script run by hand (worker_waits.py, project/fanned_work.py, root_scripts.py); one that starts a worker
that keeps serving, or a module of the service that the deployment runs, stays the service."""

from __future__ import annotations

from pathlib import Path
from typing import Dict

from test_schedules import _timeouts

# FormShare's `utilities/push_*_multithreading_example.py` (m49): upload clients a person runs against the server,
# splitting the folders over processes started and joined at the top level.
PROCESSES = '''import glob
from multiprocessing import Process, Value

import requests

ENDPOINT = "https://forms.example.org/project/push"


def upload(folders, failures):
    for folder in folders:
        answer = requests.post(ENDPOINT, files={"data": open(folder + "/data.json", "rb")})
        if answer.status_code != 201:
            with failures.get_lock():
                failures.value += 1


failures = Value("i", 0)
started = []
for part in (glob.glob("incoming/a*/"), glob.glob("incoming/b*/")):
    worker = Process(target=upload, kwargs={"folders": part, "failures": failures})
    worker.start()
    started.append(worker)
for worker in started:
    worker.join()
print(failures.value)
'''
# The same work mapped over a thread pool the `with` statement shuts down.
POOLED = '''import glob
from concurrent.futures import ThreadPoolExecutor

import requests


def send(path):
    with open(path, "rb") as handle:
        return requests.post("https://forms.example.org/project/push", data=handle).status_code


with ThreadPoolExecutor(max_workers=4) as pool:
    codes = list(pool.map(send, glob.glob("incoming/*.xml")))
print(codes.count(201))
'''
SUBMITTED = '''from concurrent.futures import ThreadPoolExecutor

import requests


def send(number):
    requests.put("https://forms.example.org/project/records/%d" % number, json={"checked": True})


with ThreadPoolExecutor() as pool:
    for number in range(100):
        pool.submit(send, number)
'''
# A worker a person starts from the same kind of folder: a consumer that never ends, never joined.
CONSUMER = '''from multiprocessing import Process

import requests


def consume_forever():
    while True:
        job = requests.get("https://queue.example.org/next").json()
        print(job["id"])


Process(target=consume_forever).start()
'''
# A flask blueprint: serving entry points, so folders of scripts count (root_scripts.py).
VIEWS = ("from flask import Blueprint\nimport requests\nbp = Blueprint('b', __name__)\n\n"
         "@bp.get('/a')\ndef a():\n    return requests.get('https://a.example.org', timeout=3).text\n")
# A server prr-lint recognises no entry point of (as FormShare's Pyramid app), that the deployment runs by name.
SERVER = ("import socketserver\n\n\ndef main():\n    socketserver.TCPServer(('', 8000), None).serve_forever()\n\n\n"
          "if __name__ == '__main__':\n    main()\n")
SEEDED = {"svc/__init__.py": "", "svc/views.py": VIEWS}
UNSEEDED = {"svc/__init__.py": "", "svc/server.py": SERVER}
DEPLOY = {"Procfile": "web: python -m svc.server\n"}


def _reported(service: Dict[str, str], scripts: Dict[str, str], root: Path) -> list:
    return list(_timeouts({**service, **scripts}, DEPLOY, root))


def test_a_script_that_joins_or_maps_its_own_workers_is_run_by_hand(tmp_path: Path) -> None:
    """Processes started and joined, a thread pool's map, submits a `with` waits for: beside a service whose
    entry points prr-lint sees (a folder of scripts) and beside one it does not (a program run by hand beside
    the deployed one)."""
    scripts = {"uploads/push_processes.py": PROCESSES, "uploads/push_pooled.py": POOLED, "uploads/mark_checked.py": SUBMITTED}
    assert _reported(SEEDED, scripts, tmp_path / "seeded") == []
    assert _reported(UNSEEDED, scripts, tmp_path / "unseeded") == []


def test_a_script_that_starts_a_worker_that_keeps_serving_stays(tmp_path: Path) -> None:
    """A `while True:` consumer started and never joined is a worker, in a folder of scripts or beside a deployed
    program; joined, it still never ends; a process started and not waited for may be what a loader runs."""
    consumer = {"uploads/consumer.py": CONSUMER}
    assert _reported(SEEDED, consumer, tmp_path / "seeded") == ["uploads/consumer.py"]
    assert _reported(UNSEEDED, consumer, tmp_path / "unseeded") == ["uploads/consumer.py"]
    joined = CONSUMER.replace("Process(target=consume_forever).start()\n",
                              "worker = Process(target=consume_forever)\nworker.start()\nworker.join()\n")
    assert _reported(UNSEEDED, {"uploads/consumer.py": joined}, tmp_path / "joined") == ["uploads/consumer.py"]
    unjoined = PROCESSES.replace("for worker in started:\n    worker.join()\n", "")
    assert _reported(UNSEEDED, {"uploads/push_processes.py": unjoined}, tmp_path / "unjoined") == ["uploads/push_processes.py"]


def test_a_service_module_that_starts_threads_for_serving_stays(tmp_path: Path) -> None:
    """A module of the service package the deployment runs (`python -m svc.relay`): it starts and joins one
    relay thread per feed, each polling forever; the deployment runs it, and its threads serve."""
    relay = ('import threading\n\nimport requests\n\n\ndef relay(feed):\n    while True:\n'
             '        requests.post("https://sink.example.org/in", json=requests.get(feed, timeout=5).json())\n\n\n'
             'threads = [threading.Thread(target=relay, args=(feed,)) for feed in ("https://a.example.org", "https://b.example.org")]\n'
             'for thread in threads:\n    thread.start()\nfor thread in threads:\n    thread.join()\n')
    files = {**UNSEEDED, "svc/relay.py": relay}
    deployed = {"Procfile": DEPLOY["Procfile"] + "relay: python -m svc.relay\n"}
    assert list(_timeouts(files, deployed, tmp_path / "deployed")) == ["svc/relay.py"]
    assert list(_timeouts({**SEEDED, "svc/relay.py": relay}, DEPLOY, tmp_path / "seeded")) == ["svc/relay.py"]
