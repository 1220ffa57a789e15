"""PRR501's examples of redis clients handed to an RQ worker (rules/worker_clients.py). Each is a test and a line of
docs/rules.md. The examples run with no pinned rq, so each is reported: HANDED ones are left alone where the project
admits only rq 1.13.0 and later (tests/test_rq_worker_clients.py runs them so), KEPT ones stay reported there too."""

from __future__ import annotations

from prr_lint.rules.base import Example

HANDED = (
    # a worker process's own client, built with or without a password and handed to the worker before any command:
    # the worker sets its socket_timeout (415 s by default), so the salt read after it has a deadline
    Example(
        "from redis import Redis\nfrom rq import Worker\n\ndef launch(name, queues, host, password=None):\n    if password:\n"
        "        conn = Redis(host=host, password=password)  # expect: PRR501\n    else:\n"
        "        conn = Redis(host=host)  # expect: PRR501\n    worker = Worker(queues=queues, name=name, connection=conn)\n"
        "    salt = conn.get('salt')\n    worker.work(with_scheduler=salt is not None)\n"
    ),
    # built inline as a SimpleWorker's connection
    Example(
        "import redis\nfrom rq import SimpleWorker\n\ndef drain(url):\n"
        "    SimpleWorker(['reports'], connection=redis.from_url(url)).work(burst=True)  # expect: PRR501\n"
    ),
    # kept on `self`, handed to a worker class of the module's own, positionally
    Example(
        "from redis import StrictRedis\nfrom rq.worker import Worker\n\nclass QuietWorker(Worker):\n"
        "    log_result_lifespan = False\n\n"
        "class Runner:\n    def __init__(self, host, queues):\n        self.queues = queues\n"
        "        self.redis = StrictRedis(host=host, port=6379)  # expect: PRR501\n"
        "        self.worker = QuietWorker(self.queues, None, 500, self.redis)\n\n"
        "    def stats(self):\n        return self.redis.info()\n"
    ),
    # queues built on the client first (building one sends nothing), which only the worker then reads
    Example(
        "import os\nfrom redis import Redis\nfrom rq import Queue, Worker\n\ndef serve_jobs(names):\n"
        "    conn = Redis.from_url(os.environ['JOBS_URL'])  # expect: PRR501\n"
        "    queues = [Queue(name, connection=conn) for name in names]\n    worker = Worker(queues, connection=conn)\n"
        "    worker.work(with_scheduler=True)\n"
    ),
    # a worker script: the module builds its client, a queue and the worker as it runs
    Example(
        "import redis\nfrom rq import Queue, Worker\n\nconn = redis.Redis(host='jobs-redis')  # expect: PRR501\n"
        "exports = Queue('exports', connection=conn)\nworker = Worker([exports, Queue('mail', connection=conn)], connection=conn)\n"
        "worker.work()\n"
    ),
)
KEPT = (
    # a job enqueued through a queue on the client before the worker is built
    Example(
        "from redis import Redis\nfrom rq import Queue, Worker\n\ndef launch(host, seed):\n"
        "    conn = Redis(host=host)  # expect: PRR501\n    queue = Queue('default', connection=conn)\n    queue.enqueue(seed)\n"
        "    Worker([queue], connection=conn).work()\n"
    ),
    # a command before the worker is built runs with no deadline
    Example(
        "from redis import Redis\nfrom rq import Worker\n\ndef launch(host):\n    conn = Redis(host=host)  # expect: PRR501\n"
        "    conn.ping()\n    Worker(['default'], connection=conn).work()\n"
    ),
    # only one branch builds a worker: the other serves requests through the same client
    Example(
        "import redis\nfrom rq import Worker\nfrom service.app import serve\n\ndef main(url, role):\n"
        "    conn = redis.from_url(url)  # expect: PRR501\n    if role == 'worker':\n"
        "        Worker(['default'], connection=conn).work()\n    else:\n        serve(conn)\n"
    ),
    # a module's client that a worker function is handed later, and a web handler reads first
    Example(
        "from flask import Flask\nfrom redis import Redis\nfrom rq import Worker\n\n"
        "app = Flask(__name__)  # noqa: PRR201, PRR206\nconn = Redis(host='cache')  # expect: PRR501\n\n"
        "@app.route('/count')\ndef count():\n    return str(conn.get('count'))\n\n"
        "def work():\n    Worker(['default'], connection=conn).work()\n"
    ),
)
INVALID = HANDED + KEPT
