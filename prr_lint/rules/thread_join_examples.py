"""PRR501's documented examples of work run in a thread the caller joins with a finite timeout
(project/join_deadline.py), apart from timeout_examples.py to keep each module short."""

from __future__ import annotations

from prr_lint.rules.base import Example

_RUNNER = (
    "import threading\nimport requests\nfrom flask import Flask\n\n"
    "app = Flask(__name__)  # noqa: PRR201, PRR206\n\n"
    "def run_bounded(func, args=(), wait_secs=10.0, fallback=False):\n"
    "    class Runner(threading.Thread):\n        def __init__(self):\n            threading.Thread.__init__(self)\n"
    "            self.outcome = fallback\n\n        def run(self):\n            self.outcome = func(*args)\n\n"
    "    runner = Runner()\n    runner.start()\n    runner.join({join})\n"
    "    return fallback if runner.is_alive() else runner.outcome\n\n"
    "def notify(text):\n    return requests.post('https://hooks.example/in', data=text).ok{expect}\n\n"
    "@app.post('/alert')\ndef alert():\n    return {{'sent': run_bounded(notify, ('disk full',){given})}}\n"
)

VALID = (
    # the route waits at most `wait_secs` (10 s) for the thread that posts: a hung hook holds that thread only
    Example(_RUNNER.format(join="wait_secs", expect="", given="")),
    Example(
        "from concurrent.futures import ThreadPoolExecutor\nimport requests\nfrom flask import Flask\n\n"
        "app = Flask(__name__)  # noqa: PRR201, PRR206\npool = ThreadPoolExecutor(4)\n\n"
        "def lookup(name):\n    return requests.get('https://dir.example/' + name).json()\n\n"
        "@app.get('/user/<name>')\ndef user(name):\n    return pool.submit(lookup, name).result(timeout=5)\n"
    ),
)
INVALID = (
    # joined with no timeout: the route waits as long as the post does
    Example(_RUNNER.format(join="", expect="  # expect: PRR501", given="")),
    # the caller lifts the runner's timeout
    Example(_RUNNER.format(join="wait_secs", expect="  # expect: PRR501", given=", wait_secs=None")),
)
