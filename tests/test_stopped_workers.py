"""PRR501 and workers a caller stops waiting for (stopped_workers.py, project/join_deadline.py): work in a child
process joined with a finite timeout and then killed, and futures waited on with a finite timeout and then given
up (cancelled, `shutdown(wait=False)`), is bounded; a process left alive, a wait with no finite timeout, a
`with` block or waiting shutdown, futures handed back, and a submit nobody waits on keep the call."""

from __future__ import annotations

import pytest

from conftest import lint_sources

# A plug-in base whose `get_analysis` runs the subclass's `analyze`; a worker runs it in a child process.
_BASE = (
    "class PluginBase:\n    def get_analysis(self, handle, paths, analyses):\n"
    "        return {'result': self.analyze(handle, paths, analyses)}\n\n"
    "    def analyze(self, handle, paths, analyses):\n        raise NotImplementedError\n"
)
_PLUGIN = (
    "import requests\nfrom svc.base import PluginBase\n\n\nclass Lookup(PluginBase):\n"
    "    def analyze(self, handle, paths, analyses):\n"
    "        return requests.get('https://lookup.example/' + analyses['sha']).json()\n"
)
_WORKER = (
    "import multiprocessing as mp\nimport psutil\nfrom svc.base import PluginBase\n\n\nclass Worker(mp.Process):\n"
    "    def __init__(self, plugin: PluginBase, jobs, limit: int):\n        super().__init__()\n"
    "        self.plugin, self.jobs, self.limit = plugin, jobs, limit\n\n"
    "    def run(self):\n        child = None\n        receive, send = mp.Pipe(duplex=False)\n        while True:\n"
    "            job = self.jobs.get()\n            try:\n"
    "                child = mp.Process(target=self._entry, args=(self.plugin, job, send))\n                child.start()\n"
    "                if not receive.poll(self.limit):\n                    continue\n                print(receive.recv())\n"
    "            finally:\n                child.join({join})\n                if child.is_alive():\n{kill}"
    "\n    @staticmethod\n    def _entry(plugin: PluginBase, job, conn):\n"
    "        conn.send(plugin.get_analysis(job['file'], job['paths'], job['analyses']))\n"
)
_KILL_BY_PID = "                    psutil.Process(pid=child.pid).kill()\n"
_ROUTES = (
    "from flask import Flask\nfrom svc.db import session\n\napp = Flask(__name__)\n\n\n"
    "@app.get('/analysis/<uid>')\ndef analysis(uid):\n    with session() as db:\n        return db.get_analysis(uid, 'lookup')\n"
)
_DB = "import contextlib\n\n\n@contextlib.contextmanager\ndef session():\n    yield object()\n"
_PROCESS = {"svc/__init__.py": "", "svc/base.py": _BASE, "svc/lookup.py": _PLUGIN, "svc/db.py": _DB, "svc/routes.py": _ROUTES}


def _found(files: dict) -> list:
    return [(f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings]


@pytest.mark.parametrize("kill", [_KILL_BY_PID, "                    child.kill()\n", "                    child.terminate()\n"])
def test_a_plug_in_run_in_a_child_process_joined_with_a_timeout_and_killed_is_bounded(kill: str) -> None:
    """FACT_core's plug-in worker: the child runs `get_analysis`, which runs the subclass's `analyze`; a route's
    `db.get_analysis(uid, name)` on a session of no known type gives too few arguments to be the plug-in's."""
    assert _found({**_PROCESS, "svc/worker.py": _WORKER.format(join="timeout=5", kill=kill)}) == []


@pytest.mark.parametrize("join, kill", [
    ("timeout=5", "                    print('still running')\n"),  # never killed: the hung child lives on
    ("", _KILL_BY_PID),  # joined with no timeout: the worker waits as long as the lookup does
])
def test_a_child_process_left_alive_or_joined_without_timeout_keeps_the_call(join: str, kill: str) -> None:
    assert _found({**_PROCESS, "svc/worker.py": _WORKER.format(join=join, kill=kill)}) == [("svc/lookup.py", 7)]


def test_a_plug_in_the_route_also_runs_itself_stays_reported() -> None:
    routes = _ROUTES + "\n\n@app.get('/now/<sha>')\ndef now(sha):\n    from svc.lookup import Lookup\n    return Lookup().analyze(None, {}, {'sha': sha})\n"
    assert _found({**_PROCESS, "svc/routes.py": routes, "svc/worker.py": _WORKER.format(join="timeout=5", kill=_KILL_BY_PID)}) \
        == [("svc/lookup.py", 7)]


# A manager that runs every scraper in a pool, waits for them with a timeout, cancels the rest and leaves.
_SCRAPERS = (
    "import requests\n\n\ndef scrape_one(url):\n    return requests.get(url).json()\n\n\n"
    "def scrape_two(url):\n    return requests.get(url + '/v2').json()\n"
)
_MANAGER = (
    "import concurrent.futures\nfrom concurrent.futures import ThreadPoolExecutor\nfrom svc.scrapers import scrape_one, scrape_two\n\n\n"
    "class Manager:\n    limit = 5\n\n    def scrape_all(self, url, wait_secs=5):\n"
    "        executor = ThreadPoolExecutor()\n        names = {{}}\n        results = []\n        try:\n            futures = []\n"
    "            for part in ('/a', '/b'):\n                fut = executor.submit(scrape_one, url + part)\n"
    "                futures.append(fut)\n                names[fut] = part\n"
    "            futures.append(executor.submit(scrape_two, url))\n"
    "{wait}"
    "        finally:\n            executor.shutdown({shutdown})\n        return results\n"
)
_WAIT_ALL = (
    "            done, not_done = concurrent.futures.wait(futures, timeout={timeout})\n"
    "            for future in not_done:\n                future.cancel()\n"
    "            for future in done:\n                results.append((names.get(future), future.result()))\n"
)
_AS_COMPLETED = (
    "            for future in concurrent.futures.as_completed(futures, timeout={timeout}):\n"
    "                results.append(future.result())\n"
)
_APP = (
    "from flask import Flask\nfrom svc.manager import Manager\n\napp = Flask(__name__)\n\n\n"
    "@app.get('/search/<path:url>')\ndef search(url):\n    return {'found': Manager().scrape_all(url)}\n"
)
_UNBOUNDED = [("svc/scrapers.py", 5), ("svc/scrapers.py", 9)]


def _pool(wait: str, shutdown: str = "wait=False, cancel_futures=True") -> dict:
    return {"svc/__init__.py": "", "svc/scrapers.py": _SCRAPERS, "svc/app.py": _APP,
            "svc/manager.py": _MANAGER.format(wait=wait, shutdown=shutdown)}


@pytest.mark.parametrize("wait", [_WAIT_ALL.format(timeout="5"), _WAIT_ALL.format(timeout="wait_secs"), _AS_COMPLETED.format(timeout="5.0")])
def test_futures_waited_on_with_a_timeout_and_given_up_are_bounded(wait: str) -> None:
    """cli_debrid's scraper manager, with a finite timeout: the finished futures' bare `result()` does not wait."""
    assert _found(_pool(wait)) == []


@pytest.mark.parametrize("files", [
    _pool(_WAIT_ALL.format(timeout="None")),  # no timeout
    _pool(_WAIT_ALL.format(timeout="self.limit")),  # an attribute: anything may set it to None
    _pool(_WAIT_ALL.format(timeout="5"), shutdown=""),  # the shutdown waits for the running scrapers
    _pool(_WAIT_ALL.format(timeout="5").replace("not_done:\n                future.cancel()",
                                                "not_done:\n                results.append(future.result())")),  # waits on the rest
    _pool(_AS_COMPLETED.format(timeout="5") + "            return futures\n"),  # handed back: the caller may wait forever
    _pool("            results.append(len(futures))\n"),  # nobody waits on them with a timeout
])
def test_futures_with_no_finite_wait_keep_the_calls(files: dict) -> None:
    assert _found(files) == _UNBOUNDED


def test_a_pool_a_with_block_manages_keeps_the_calls() -> None:
    manager = (
        "import concurrent.futures\nfrom concurrent.futures import ThreadPoolExecutor\nfrom svc.scrapers import scrape_one, scrape_two\n\n\n"
        "def scrape_all(url):\n    with ThreadPoolExecutor() as executor:\n"
        "        futures = [executor.submit(scrape_one, url + part) for part in ('/a', '/b')]\n"
        "        futures.append(executor.submit(scrape_two, url))\n"
        "        done, _ = concurrent.futures.wait(futures, timeout=5)\n        return [future.result() for future in done]\n"
    )
    app = _APP.replace("from svc.manager import Manager", "from svc.manager import scrape_all").replace("Manager().scrape_all", "scrape_all")
    files = {"svc/__init__.py": "", "svc/scrapers.py": _SCRAPERS, "svc/app.py": app, "svc/manager.py": manager}
    assert _found(files) == _UNBOUNDED
    assert _found({**files, "svc/manager.py": manager.replace("    with ThreadPoolExecutor() as executor:\n", "    executor = ThreadPoolExecutor(2)\n    if True:\n")
                   .replace("        return [", "        executor.shutdown(wait=False)\n        return [")}) == []
