"""PRR501 and thread deadlines (thread_joins.py, project/join_deadline.py): a call in a function that runs only in
threads or executors its callers wait on with a finite timeout is bounded, also a plug-in a loader by computed name
loads and a helper runs in a thread subclass it joins (mqttwarn's notification plug-ins); a join without timeout, a
timeout a caller sets to None, and a plug-in also called from a route are no deadline."""

from __future__ import annotations

import pytest

from conftest import lint_sources

# A helper that runs the function it is given in a thread class of its own and gives up after `wait_secs`.
_UTIL = (
    "import threading\n\n\n"
    "def bounded_call(func, args=(), wait_secs=8.0, fallback=None):\n"
    "    class Runner(threading.Thread):\n"
    "        def __init__(self):\n            threading.Thread.__init__(self)\n            self.outcome = fallback\n\n"
    "        def run(self):\n            self.outcome = func(*args)\n\n"
    "    runner = Runner()\n    runner.start()\n    runner.join(wait_secs)\n"
    "    return fallback if runner.is_alive() else runner.outcome\n"
)
# Plug-ins loaded by a computed name, kept in a table, each handed to the helper as `module.plugin`.
_CORE = (
    "import importlib\nfrom svc.util import bounded_call\n\nLOADED = {}\n\n\n"
    "def load(names):\n    for name in names:\n        LOADED[name] = {'module': importlib.import_module('svc.senders.' + name)}\n\n\n"
    "def deliver(name, note):\n    module = LOADED[name]['module']\n    return bounded_call(module.plugin, (note,))\n"
)
_APP = (
    "from flask import Flask, request\nfrom svc.core import deliver, load\n\napp = Flask(__name__)\nload(['hooks', 'chat'])\n\n\n"
    "@app.post('/notify/<name>')\ndef notify(name):\n    return {'sent': deliver(name, request.get_data(as_text=True))}\n"
)
_HOOKS = "import requests\n\n\ndef plugin(note):\n    return requests.post('https://hooks.example/in', data=note).ok\n"
_CHAT = "import requests\n\n\ndef plugin(note):\n    return _send({'text': note})\n\n\ndef _send(body):\n    return requests.post('https://chat.example/api', json=body).ok\n"
_PROJECT = {"svc/__init__.py": "", "svc/util.py": _UTIL, "svc/core.py": _CORE, "svc/app.py": _APP, "svc/senders/__init__.py": "",
            "svc/senders/hooks.py": _HOOKS, "svc/senders/chat.py": _CHAT}


def _found(files: dict) -> list:
    return [(f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings]


def test_plug_ins_a_helper_runs_in_a_joined_thread_class_are_bounded() -> None:
    """mqttwarn's shape: `bounded_call(module.plugin, ...)` on modules a computed name loads; the helper's inline
    `Thread` subclass calls `func` and is joined with `wait_secs` (default 8.0): both plug-ins' posts, and the
    helper `_send` only a plug-in calls, are bounded."""
    assert _found(_PROJECT) == []


def test_a_hand_run_command_that_ends_the_process_keeps_no_plug_in_unbounded() -> None:
    """mqttwarn's `run_plugin`: an operator's one-shot run of one plug-in, which exits on its answer."""
    core = _CORE + (
        "\n\ndef run_once(name, note):\n    import sys\n    load([name])\n"
        "    if LOADED[name]['module'].plugin(note) is False:\n        sys.exit(1)\n"
    )
    assert _found({**_PROJECT, "svc/core.py": core}) == []


def test_a_thread_joined_with_a_timeout_and_a_future_waited_on_with_one_are_bounded() -> None:
    jobs = (
        "import threading\nfrom concurrent.futures import ThreadPoolExecutor\nimport requests\n\nPOOL = ThreadPoolExecutor(4)\n\n\n"
        "def fetch():\n    return requests.get('https://a.example').text\n\n\n"
        "def lookup():\n    return requests.get('https://b.example').text\n\n\n"
        "def refresh():\n    worker = threading.Thread(target=fetch)\n    worker.start()\n    worker.join(5)\n\n\n"
        "def resolve():\n    return POOL.submit(lookup).result(timeout=5)\n"
    )
    app = (
        "from flask import Flask\nfrom svc.jobs import refresh, resolve\n\napp = Flask(__name__)\n\n\n"
        "@app.get('/a')\ndef a():\n    refresh()\n    return resolve()\n"
    )
    assert _found({"svc/__init__.py": "", "svc/jobs.py": jobs, "svc/app.py": app}) == []


def test_a_module_level_thread_class_given_the_function_and_joined_with_a_timeout_is_bounded() -> None:
    util = (
        "import threading\n\n\nclass Runner(threading.Thread):\n    def __init__(self, work):\n"
        "        super().__init__(daemon=True)\n        self.work = work\n\n    def run(self):\n        self.work()\n\n\n"
        "def bounded_call(func, wait_secs=4):\n    runner = Runner(func)\n    runner.start()\n    runner.join(wait_secs)\n"
    )
    core = _CORE.replace("bounded_call(module.plugin, (note,))", "bounded_call(module.plugin)")
    hooks = _HOOKS.replace("def plugin(note)", "def plugin()").replace("data=note", "data='x'")
    chat = _CHAT.replace("def plugin(note)", "def plugin()").replace("'text': note", "'text': 'x'")
    files = {**_PROJECT, "svc/util.py": util, "svc/core.py": core, "svc/senders/hooks.py": hooks, "svc/senders/chat.py": chat}
    assert _found(files) == []
    assert _found({**files, "svc/util.py": util.replace("runner.join(wait_secs)", "runner.join()")}) == _UNBOUNDED


_UNBOUNDED = [("svc/senders/chat.py", 9), ("svc/senders/hooks.py", 5)]


@pytest.mark.parametrize("files", [
    # joined with no timeout
    {"svc/util.py": _UTIL.replace("runner.join(wait_secs)", "runner.join()")},
    # a caller sets the helper's timeout to None
    {"svc/core.py": _CORE.replace("(note,))", "(note,), wait_secs=None)")},
    # a timeout with no finite default
    {"svc/util.py": _UTIL.replace("wait_secs=8.0", "wait_secs=None")},
    # the helper also runs the function itself
    {"svc/util.py": _UTIL.replace("    runner = Runner()\n", "    func(*args)\n    runner = Runner()\n")},
])
def test_no_finite_join_keeps_the_calls(files: dict) -> None:
    assert _found({**_PROJECT, **files}) == _UNBOUNDED


def test_a_plug_in_also_called_from_a_route_stays_reported() -> None:
    app = _APP + (
        "\n\n@app.post('/direct/<name>')\ndef direct(name):\n    from svc.core import LOADED\n"
        "    return {'sent': LOADED[name]['module'].plugin(request.get_data(as_text=True))}\n"
    )
    assert _found({**_PROJECT, "svc/app.py": app}) == _UNBOUNDED


@pytest.mark.parametrize("refresh", [
    "    worker = threading.Thread(target=fetch)\n    worker.start()\n    worker.join()\n",
    "    worker = threading.Thread(target=fetch)\n    worker.start()\n    return worker\n",
    "    with ThreadPoolExecutor() as pool:\n        return pool.submit(fetch).result(timeout=5)\n",
    "    return POOL.submit(fetch).result()\n",
])
def test_threads_and_futures_with_no_finite_wait_keep_the_call(refresh: str) -> None:
    jobs = (
        "import threading\nfrom concurrent.futures import ThreadPoolExecutor\nimport requests\n\nPOOL = ThreadPoolExecutor(4)\n\n\n"
        "def fetch():\n    return requests.get('https://a.example').text\n\n\n"
        f"def refresh():\n{refresh}"
    )
    app = "from flask import Flask\nfrom svc.jobs import refresh\n\napp = Flask(__name__)\n\n\n@app.get('/a')\ndef a():\n    return str(refresh())\n"
    assert _found({"svc/__init__.py": "", "svc/jobs.py": jobs, "svc/app.py": app}) == [("svc/jobs.py", 9)]
