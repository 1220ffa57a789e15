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

_POOL = (
    "import concurrent.futures\nimport requests\nfrom flask import Flask\n\n"
    "app = Flask(__name__)  # noqa: PRR201, PRR206\n\n"
    "def price(shop, item):\n    return requests.get(f'https://{{shop}}/price/{{item}}').json(){expect}\n\n"
    "@app.get('/compare/<item>')\ndef compare(item):\n    executor = concurrent.futures.ThreadPoolExecutor(4)\n"
    "    futures = [executor.submit(price, shop, item) for shop in ('a.example', 'b.example')]\n"
    "    done, late = concurrent.futures.wait(futures, timeout={timeout})\n    for future in late:\n        future.cancel()\n"
    "    executor.shutdown(wait=False)\n    return {{'prices': [future.result() for future in done]}}\n"
)
_CHILD = (
    "import multiprocessing\nimport requests\n\n"
    "def lookup(digest, out):\n    out.put(requests.get('https://hashes.example/' + digest).json()){expect}\n\n"
    "def worker(jobs, out):\n    while True:\n        child = multiprocessing.Process(target=lookup, args=(jobs.get(), out))\n"
    "        child.start()\n        child.join(timeout=300)\n{kill}"
    "\nif __name__ == '__main__':\n    worker(multiprocessing.Queue(), multiprocessing.Queue())\n"
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
    # the route waits 2 s for the prices, cancels the late ones and leaves without waiting for them
    Example(_POOL.format(expect="", timeout="2")),
    # the worker waits 300 s for the child, then kills it: a hung lookup holds that child only
    Example(_CHILD.format(expect="", kill="        if child.is_alive():\n            child.kill()\n")),
)
INVALID = (
    # joined with no timeout: the route waits as long as the post does
    Example(_RUNNER.format(join="", expect="  # expect: PRR501", given="")),
    # the caller lifts the runner's timeout
    Example(_RUNNER.format(join="wait_secs", expect="  # expect: PRR501", given=", wait_secs=None")),
    # `timeout=None` waits for every price, however long
    Example(_POOL.format(expect="  # expect: PRR501", timeout="None")),
    # the child is left running after the join: a hung lookup never ends
    Example(_CHILD.format(expect="  # expect: PRR501", kill="")),
)
