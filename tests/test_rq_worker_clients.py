"""PRR501 and redis clients handed to an RQ worker (rules/worker_clients.py): from rq 1.13.0 a worker sets
`socket_timeout` on the client it is given, so a client handed over before any command is left alone where the
project admits only those versions, and reported where it may install an older rq or says nothing (as for
redis-py 8's own default); a client used before the hand-over, or elsewhere, stays reported whatever the pin."""

from __future__ import annotations

from typing import Dict, List, Tuple

import pytest

from prr_lint.rules.base import Example
from prr_lint.rules.rq_worker_examples import HANDED, KEPT

PATH = "service/example.py"


def _files(example: Example, pin: Dict[str, str]) -> Dict[str, str]:
    return {"service/__init__.py": "", "service/app.py": "def serve(conn):\n    return conn\n", PATH: example.code, **pin}


def _expected(example: Example) -> List[Tuple[str, int]]:
    return [(PATH, line) for _, line in example.expected()]


PINNED = [
    {"requirements.txt": "redis==7.2.0\nrq==2.7.0\n"},
    {"uv.lock": '[[package]]\nname = "rq"\nversion = "1.13.0"\n', "pyproject.toml": '[project]\nname = "svc"\ndependencies = ["rq>=1.2"]\n'},
    {"pyproject.toml": '[project]\nname = "svc"\nversion = "1"\ndependencies = ["rq>=1.16,<3"]\n'},
]
OLDER_OR_UNKNOWN = [
    {},
    {"requirements.txt": "rq==1.12.0\n"},  # the release before workers set the timeout
    {"requirements.txt": "rq\n"},
    {"uv.lock": '[[package]]\nname = "rq"\nversion = "1.11.1"\n', "pyproject.toml": '[project]\nname = "svc"\ndependencies = ["rq>=1.13"]\n'},
]


@pytest.mark.parametrize("pin", PINNED)
@pytest.mark.parametrize("example", HANDED)
def test_a_client_handed_to_a_worker_of_a_pinned_rq_is_left_alone(tree_lines, example: Example, pin: Dict[str, str]) -> None:
    assert tree_lines(_files(example, pin)) == []


@pytest.mark.parametrize("pin", OLDER_OR_UNKNOWN)
@pytest.mark.parametrize("example", HANDED)
def test_a_client_handed_to_a_worker_of_an_older_or_unknown_rq_is_reported(tree_lines, example: Example, pin: Dict[str, str]) -> None:
    assert tree_lines(_files(example, pin)) == _expected(example)


@pytest.mark.parametrize("example", KEPT)
def test_a_client_used_before_or_apart_from_a_worker_stays_reported(tree_lines, example: Example) -> None:
    assert tree_lines(_files(example, PINNED[0])) == _expected(example)


@pytest.mark.parametrize("code", [
    # a command in the worker call's own arguments runs before the worker is built
    "from redis import Redis\nfrom rq import Worker\n\ndef run(host):\n    conn = Redis(host=host)\n"
    "    Worker(conn.smembers('queues'), connection=conn).work()\n",
    # handed over inside a loop that may not run
    "from redis import Redis\nfrom rq import Worker\n\ndef run(host, names):\n    conn = Redis(host=host)\n"
    "    for name in names:\n        Worker([name], connection=conn).work(burst=True)\n    conn.delete('lock')\n",
    # a method of the object runs before the hand-over and may use the client
    "from redis import Redis\nfrom rq import Worker\n\nclass Runner:\n    def __init__(self, host):\n"
    "        self.redis = Redis(host=host)\n        self.register()\n        self.worker = Worker(['default'], connection=self.redis)\n\n"
    "    def register(self):\n        self.redis.sadd('runners', 'me')\n",
    # a method of the object handed to a thread before the hand-over may use the client
    "import threading\nfrom redis import Redis\nfrom rq import Worker\n\nclass Runner:\n    def __init__(self, host):\n"
    "        self.redis = Redis(host=host)\n        threading.Thread(target=self.beat, daemon=True).start()\n"
    "        self.worker = Worker(['default'], connection=self.redis)\n\n"
    "    def beat(self):\n        self.redis.set('alive', 1, ex=30)\n",
    # a nested function defined before the hand-over reads the client
    "from redis import Redis\nfrom rq import Worker\n\ndef run(host, on_start):\n    conn = Redis(host=host)\n"
    "    on_start(lambda: conn.info())\n    Worker(['default'], connection=conn).work()\n",
    # the name is another scope's: a module-level global the function rebinds
    "from redis import Redis\nfrom rq import Worker\n\nconn = None\n\ndef run(host):\n    global conn\n    conn = Redis(host=host)\n"
    "    Worker(['default'], connection=conn).work()\n",
    # the queue built on the client is handed to a function of the project's, which may enqueue through it
    "from redis import Redis\nfrom rq import Queue, Worker\nfrom service.app import serve\n\ndef run(host):\n    conn = Redis(host=host)\n"
    "    queues = serve(Queue('default', connection=conn))\n    Worker([queues], connection=conn).work()\n",
    # a worker script whose worker is built only when run as a program: a module importing its client gets none
    "from redis import Redis\nfrom rq import Queue, Worker\n\nhost = 'jobs'\nconn = Redis(host=host)\n\n"
    "if __name__ == '__main__':\n    Worker([Queue(connection=conn)], connection=conn).work()\n",
    # an asyncio client is no worker connection
    "from redis.asyncio import Redis\nfrom rq import Worker\n\ndef run(host):\n    conn = Redis(host=host)\n"
    "    Worker(['default'], connection=conn).work()\n",
])
def test_other_hand_overs_stay_reported_on_a_pinned_rq(tree_lines, code: str) -> None:
    line = next(number for number, text in enumerate(code.splitlines(), start=1) if "Redis(host=host)" in text)
    assert tree_lines(_files(Example(code), PINNED[0])) == [(PATH, line)]
