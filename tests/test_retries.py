"""PRR504 beyond its documentation examples: which loops are retry loops, which pauses back off."""

from __future__ import annotations

import pytest

from conftest import lint_sources

HEAD = "import asyncio\nimport random\nimport time\n\nimport requests\nimport tenacity\nfrom urllib3 import Retry\n\n"


def _lines(source: str) -> list:
    result = lint_sources({"svc/client.py": HEAD + source}, select=["PRR504"])
    return [finding.span.line - HEAD.count("\n") for finding in result.findings]


@pytest.mark.parametrize(
    "source",
    [
        "def f(url):\n    for attempt in range(4):\n        try:\n            return requests.get(url, timeout=3)\n"
        "        except requests.RequestException:\n            time.sleep(2 ** attempt)\n",
        "def f(url):\n    delay, attempts = 0.5, 0\n    while True:\n        try:\n            r = requests.get(url, timeout=3)\n"
        "            break\n        except requests.ConnectionError:\n            attempts += 1\n            if attempts > 5:\n"
        "                raise\n            time.sleep(delay)\n            delay *= 2\n    return r\n",
        # One retry at once (a stale keep-alive connection).
        "def f(url):\n    for _ in range(2):\n        try:\n            return requests.get(url, timeout=3)\n"
        "        except requests.ConnectionError:\n            pass\n",
        # Iterating over items is not retrying.
        "def f(urls):\n    for url in urls:\n        try:\n            return requests.get(url, timeout=3)\n"
        "        except requests.RequestException:\n            continue\n",
        # Local work, not a dependency.
        "def f(path):\n    for _ in range(5):\n        try:\n            return open(path).read()\n        except OSError:\n"
        "            time.sleep(1)\n",
        "R = Retry(total=1)\nN = Retry(0)\n",
        # Two transport retries, none on a status code: urllib3 pauses before the first retry in no case.
        "R = Retry(total=2)\nC = Retry(connect=2, total=2)\n",
        "@tenacity.retry(stop=tenacity.stop_after_attempt(3), wait=tenacity.wait_fixed(1) + tenacity.wait_random(0, 1))\n"
        "def f(client):\n    return client.fetch()\n",
        # Bounded, with a constant pause of a second or more (a literal, a module constant, a
        # parameter's default, a deadline): at most one attempt a second per caller, for a while.
        "DELAY = 2\n\ndef f(url):\n    attempts = 0\n    while attempts < 5:\n        attempts += 1\n        try:\n"
        "            return requests.get(url, timeout=3)\n        except requests.Timeout:\n            time.sleep(DELAY)\n",
        "async def f(session, url):\n    for _ in range(5):\n        try:\n            return await session.get(url)\n"
        "        except asyncio.TimeoutError:\n            await asyncio.sleep(1)\n",
        "def f(client, url, max_retries=5, retry_delay=2):\n    for attempt in range(max_retries):\n        try:\n"
        "            page = client.request('GET', url).json()\n            break\n        except requests.HTTPError:\n"
        "            if attempt < max_retries - 1:\n                time.sleep(retry_delay)\n            else:\n                raise\n"
        "    return page\n",
        "def f(session, end, interval=2):\n    while True:\n        try:\n            session.execute('select 1')\n            break\n"
        "        except requests.ConnectionError:\n            if time.time() >= end:\n                raise\n        time.sleep(interval)\n",
        # The pause is taken by a helper of the module the handler calls (it logs and sleeps 5 s).
        "def f(client, log):\n    def _handle_retry(attempt, error):\n        if attempt < 3:\n"
        "            log.info('retrying: %s', error)\n            time.sleep(5)\n\n    for attempt in range(1, 4):\n"
        "        try:\n            return requests.get(client, timeout=3)\n        except requests.RequestException as e:\n"
        "            _handle_retry(attempt, e)\n",
        # A retry with backoff and no bound, but no request handler reaches it.
        "def f(url):\n    n = 0\n    while True:\n        try:\n            return requests.get(url, timeout=3)\n"
        "        except requests.ConnectionError:\n            n += 1\n            time.sleep(min(2 ** n, 60))\n",
    ],
)
def test_not_reported(source: str) -> None:
    assert _lines(source) == []


@pytest.mark.parametrize(
    "source, line",
    [
        # A constant pause under a second: bounded, but near-immediate rounds.
        ("DELAY = 0.2\n\ndef f(url):\n    attempts = 0\n    while attempts < 5:\n        attempts += 1\n        try:\n"
         "            return requests.get(url, timeout=3)\n        except requests.Timeout:\n            time.sleep(DELAY)\n", 5),
        ("async def f(session, url):\n    for _ in range(5):\n        try:\n            return await session.get(url)\n"
         "        except asyncio.TimeoutError:\n            await asyncio.sleep(0.1)\n", 2),
        # A pause whose length is not known.
        ("def f(url, pause):\n    for _ in range(5):\n        try:\n            return requests.get(url, timeout=3)\n"
         "        except requests.Timeout:\n            time.sleep(pause)\n", 2),
        ("def f(url):\n    while True:\n        try:\n            return requests.get(url, timeout=3)\n"
         "        except requests.RequestException:\n            time.sleep(5)\n", 2),
        # The helper's pause is short.
        ("def pause():\n    time.sleep(0.1)\n\ndef f(url):\n    for _ in range(5):\n        try:\n"
         "            return requests.get(url, timeout=3)\n        except requests.Timeout:\n            pause()\n", 5),
        ("R = Retry(3, backoff_factor=0)\n", 1),
        ("R = Retry(total=2, status_forcelist=[503])\n", 1),
        ("@tenacity.retry(stop=tenacity.stop_after_attempt(3))\ndef f(client):\n    return client.fetch()\n", 1),
        # A fresh read each round, but every failure is retried at once: not a lost race only.
        ("def f(url):\n    for _ in range(5):\n        token = requests.post(url + '/token', timeout=3).text\n        try:\n"
         "            return requests.get(url, headers={'t': token}, timeout=3)\n        except requests.RequestException:\n"
         "            continue\n", 2),
    ],
)
def test_reported(source: str, line: int) -> None:
    assert _lines(source) == [line]


def test_process_exit_on_deadline_bounds_the_loop() -> None:
    """`sys.exit` on the deadline ends the retries: only the constant pause is left to report."""
    source = ("import sys\n\ndef f(url, start, limit):\n    while True:\n        if time.monotonic() - start > limit:\n"
              "            sys.exit('gave up')\n        try:\n            return requests.get(url, timeout=3)\n"
              "        except requests.ConnectionError:\n            time.sleep(0.5)\n")
    result = lint_sources({"svc/client.py": HEAD + source}, select=["PRR504"])
    assert [finding.message for finding in result.findings] == [
        "this retry loop waits a constant time between attempts (no backoff, no jitter): retry with exponential backoff "
        "and jitter, a bounded number of times (tenacity: stop_after_attempt + wait_random_exponential)"
    ]


def test_a_wait_for_database_root_script_is_left_alone_but_a_served_modules_loop_is_not() -> None:
    """CTFd's ping.py (a top-level script the container runs before the server, judged false): a
    module-level wait loop there is not the service; the same loop in a module the app imports is (with a
    pause under a second: an endless wait of a second or more there is a start-up wait, left alone)."""
    loop = (
        "import time\nfrom sqlalchemy import create_engine\n\nengine = create_engine('postgresql://db')\n"
        "while True:\n    try:\n        engine.raw_connection()\n        break\n    except Exception as e:\n"
        "        print(e)\n        time.sleep(0.5)\n"
    )
    app = "from flask import Flask\n{imports}app = Flask(__name__)\n\n@app.get('/')\ndef index():\n    return 'ok'\n"
    files = {"ping.py": loop, "svc/__init__.py": "", "svc/app.py": app.format(imports="")}
    assert lint_sources(files, select=["PRR504"]).findings == []
    files = {"svc/__init__.py": "", "svc/wait.py": loop, "svc/app.py": app.format(imports="from svc import wait\n")}
    assert [(f.path, f.span.line) for f in lint_sources(files, select=["PRR504"]).findings] == [("svc/wait.py", 5)]


def test_a_function_terraform_deploys_beside_itself_is_infrastructure(in_dir) -> None:
    """polar's redis target-group refresher (judged false): a Lambda handler that the Terraform module
    in its own folder zips and deploys is not the service; the same file without the Terraform, or
    imported by the app, stays reported."""
    handler = ("import socket\nimport time\n\ndef resolve(host):\n    for attempt in range(3):\n        try:\n"
               "            return socket.getaddrinfo(host, 6379)\n        except OSError:\n            pass\n\n"
               "def handler(event, context):\n    return resolve('redis')\n")
    (in_dir / "infra" / "sync").mkdir(parents=True)
    (in_dir / "infra" / "sync" / "main.tf").write_text(
        'data "archive_file" "sync" {\n  type = "zip"\n  source_file = "${path.module}/sync.py"\n}\n')
    app = "from flask import Flask\n{imports}app = Flask(__name__)\n\n@app.get('/')\ndef index():\n    return 'ok'\n"
    files = {"infra/sync/sync.py": handler, "infra/sync/other.py": handler, "svc/app.py": app.format(imports="")}
    assert [f.path for f in lint_sources(files, select=["PRR504"]).findings] == ["infra/sync/other.py"]
    files["svc/app.py"] = app.format(imports="from infra.sync import sync\n")
    assert [f.path for f in lint_sources(files, select=["PRR504"]).findings] == ["infra/sync/other.py", "infra/sync/sync.py"]


def test_a_helper_only_the_main_block_calls_is_not_served_when_the_app_imports_its_module() -> None:
    """quay's asset downloader (judged false for PRR504 and PRR501): serving code imports the module
    for its file lists, which never runs its `__main__` block; a helper serving code calls stays."""
    lib = ("import urllib.error\nimport urllib.request\n\nCSS = ['a.css']\n\ndef get_css():\n    return CSS\n\n"
           "def download(url):\n    for i in range(3):\n        try:\n            return urllib.request.urlopen(url).read()\n"
           "        except urllib.error.URLError:\n            pass\n    raise Exception('gave up')\n\n"
           "if __name__ == '__main__':\n    for url in CSS:\n        download(url)\n")
    app = "from flask import Flask\nfrom svc.libs import {name}\napp = Flask(__name__)\n\n@app.get('/')\ndef index():\n    return str({name}({args}))\n"
    files = {"svc/__init__.py": "", "svc/libs.py": lib, "svc/app.py": app.format(name="get_css", args="")}
    assert lint_sources(files, select=["PRR504", "PRR501"]).findings == []
    files["svc/app.py"] = app.format(name="download", args="'https://cdn/a.css'")
    assert [(f.rule, f.span.line) for f in lint_sources(files, select=["PRR504", "PRR501"]).findings] == [("PRR504", 10), ("PRR501", 12)]


_SEARCH = ("import time\nfrom elasticsearch import Elasticsearch, exceptions\n\n"
           "def check_search(hosts, retries, pause):\n    for attempt in range(retries):\n        try:\n"
           "            return Elasticsearch(hosts=hosts).indices.get_template(name='events*')\n"
           "        except exceptions.ConnectionError:\n            if attempt >= retries - 1:\n                raise\n"
           "            time.sleep(pause)\n")


def test_a_bounded_wait_that_raises_is_left_alone_where_only_start_up_runs_it() -> None:
    """clearml's Elasticsearch probe (judged false): the server module's top level starts the app
    sequence, whose methods wait for the cluster four times, a constant pause apart, then raise. The
    same function reached from a request handler, or from a task, stays reported."""
    boot = ("from svc.search import check_search\n\nclass Sequence:\n    def __init__(self, app):\n        self.app = app\n\n"
            "    def start(self):\n        self._init_dbs()\n\n    def _init_dbs(self):\n"
            "        check_search(['es:9200'], 4, self.app.config['PAUSE'])\n")
    server = ("from flask import Flask\nfrom svc.boot import Sequence\n{imports}\napp = Flask(__name__)\n"
              "Sequence(app).start()\n\n@app.get('/')\ndef index():\n    return {body}\n")
    files = {"svc/__init__.py": "", "svc/search.py": _SEARCH, "svc/boot.py": boot,
             "svc/server.py": server.format(imports="", body="'ok'")}
    assert lint_sources(files, select=["PRR504"]).findings == []
    files["svc/server.py"] = server.format(imports="from svc.search import check_search\n",
                                           body="str(check_search(['es:9200'], 4, 1.5))")
    assert [(f.path, f.span.line) for f in lint_sources(files, select=["PRR504"]).findings] == [("svc/search.py", 5)]
    files["svc/server.py"] = server.format(imports="", body="'ok'")
    files["svc/tasks.py"] = ("from celery import shared_task\nfrom svc.search import check_search\n\n"
                             "@shared_task\ndef reindex():\n    check_search(['es:9200'], 4, 0.5)\n")
    assert [(f.path, f.span.line) for f in lint_sources(files, select=["PRR504"]).findings] == [("svc/search.py", 5)]


def test_a_deployed_programs_bounded_wait_is_start_up_whether_it_raises_or_carries_on(tree_lines) -> None:
    """metaflow's migration runner (judged false): a program the compose file runs, whose `main()`
    connects every half second until a deadline, then raises. A wait that returns quietly when it runs
    out (raiden's block-explorer check at node start, judged false) is as bounded: left alone too. The
    same wait with no deadline stays reported."""
    program = ("import sys\nimport time\nimport psycopg2\n\ndef wait_for_postgres(dsn, seconds):\n"
               "    deadline = time.time() + seconds\n    while True:\n        try:\n            psycopg2.connect(dsn).close()\n"
               "            return\n        except psycopg2.OperationalError:\n            if time.time() < deadline:\n"
               "                time.sleep(0.5)\n            else:\n                {leave}\n\n"
               "def main():\n    wait_for_postgres(sys.argv[1], 30)\n\nif __name__ == '__main__':\n    main()\n")
    compose = "services:\n  migration:\n    build: .\n    command: [\"python\", \"/root/run_goose.py\"]\n"
    app = "from flask import Flask\napp = Flask(__name__)\n\n@app.get('/')\ndef index():\n    return 'ok'\n"
    files = {"docker-compose.yml": compose, "svc/__init__.py": "", "svc/app.py": app, "run_goose.py": program.format(leave="raise")}
    assert tree_lines(files, "PRR504") == []
    assert tree_lines({"run_goose.py": program.format(leave="return")}, "PRR504") == []
    endless = program.format(leave="return").replace(
        "            if time.time() < deadline:\n                time.sleep(0.5)\n            else:\n                return\n",
        "            time.sleep(0.5)\n")
    assert tree_lines({"run_goose.py": endless}, "PRR504") == [("run_goose.py", 7)]


def test_an_endless_start_up_wait_of_a_second_or_more_is_left_alone_where_only_start_up_runs_it(tree_lines) -> None:
    """browsertrix's index creation (judged false): a migration program the deployment runs retries
    `create_index` every 5 s until MongoDB answers, with no bound. Once per process start, one attempt
    every few seconds: left alone. The same loop reached from a request handler stays reported, as does
    the start-up loop with a pause under a second (the test above)."""
    indexes = ("import time\nfrom pymongo.errors import AutoReconnect\n\nclass Invites:\n    def __init__(self, db):\n"
               "        self.invites = db['invites']\n\n    def init_index(self):\n        while True:\n            try:\n"
               "                self.invites.create_index('created')\n                break\n            except AutoReconnect:\n"
               "                time.sleep(5)\n")
    program = ("from pymongo import MongoClient\nfrom svc.invites import Invites\n\ndef main():\n"
               "    Invites(MongoClient('mongodb://db')['app']).init_index()\n\nif __name__ == '__main__':\n    main()\n")
    compose = "services:\n  migrations:\n    build: .\n    command: [\"python\", \"-m\", \"svc.migrate\"]\n"
    app = ("from flask import Flask\nfrom pymongo import MongoClient\nfrom svc.invites import Invites\n\napp = Flask(__name__)\n\n"
           "@app.get('/')\ndef index():\n    {body}\n    return 'ok'\n")
    files = {"docker-compose.yml": compose, "svc/__init__.py": "", "svc/invites.py": indexes, "svc/migrate.py": program,
             "svc/app.py": app.format(body="pass")}
    assert tree_lines(files, "PRR504") == []
    files["svc/app.py"] = app.format(body="Invites(MongoClient('mongodb://db')['app']).init_index()")
    assert tree_lines(files, "PRR504") == [("svc/invites.py", 9)]


def test_a_bounded_tenacity_wait_with_a_fixed_pause_is_left_alone_where_only_start_up_runs_it() -> None:
    """renku's OIDC discovery (judged false) run as the app is built, once per process, here with a pause
    under a second (`wait_fixed(2)`, a second or more, is no storm anywhere). Called from a request handler
    it stays reported."""
    auth = ("import httpx\nfrom tenacity import retry, stop_after_attempt, wait_fixed\n\n"
            "@retry(stop=stop_after_attempt(20), wait=wait_fixed(0.5), reraise=True)\n"
            "def discover(url):\n    return httpx.get(url, timeout=5).json()\n")
    server = ("from flask import Flask\nfrom svc.auth import discover\n\napp = Flask(__name__)\n{setup}\n"
              "@app.get('/')\ndef index():\n    return {body}\n")
    files = {"svc/__init__.py": "", "svc/auth.py": auth,
             "svc/server.py": server.format(setup="app.config['OIDC'] = discover('http://kc/.well-known')\n", body="'ok'")}
    assert lint_sources(files, select=["PRR504"]).findings == []
    files["svc/server.py"] = server.format(setup="", body="str(discover('http://kc/.well-known'))")
    assert [(f.path, f.span.line) for f in lint_sources(files, select=["PRR504"]).findings] == [("svc/auth.py", 4)]


@pytest.mark.parametrize("handler, reported", [
    # an error code of the caught error, then a statement that leaves the round
    ("        except psycopg2.OperationalError as e:\n            if e.pgcode == '40P01':\n                continue\n"
     "        break\n", False),
    # MySQL's numeric code for a deadlock victim, every other error raised
    ("        except psycopg2.OperationalError as e:\n            if e.args[0] != 1213:\n                raise\n", True),
    ("        except psycopg2.OperationalError as e:\n            if e.args[0] == 1213:\n                continue\n"
     "            else:\n                raise\n", False),
    # a test that names no lost race
    ("        except psycopg2.OperationalError as e:\n            if 'server closed' in str(e):\n                continue\n"
     "            else:\n                raise\n", True),
    # the test is on something else than the error
    ("        except psycopg2.OperationalError as e:\n            if 'deadlock' in mode:\n                continue\n"
     "            else:\n                raise\n", True),
])
def test_retries_of_a_lost_race_told_by_a_test_of_the_error(handler: str, reported: bool) -> None:
    source = ("import psycopg2\n\ndef f(conn, mode):\n    for _ in range(3):\n        try:\n            conn.commit()\n"
              "            return\n" + handler)
    result = lint_sources({"svc/db.py": source}, select=["PRR504"])
    assert [finding.span.line for finding in result.findings] == ([4] if reported else [])


def test_a_retry_whose_backoff_is_set_on_its_name_later() -> None:
    source = ("from urllib3 import Retry\n\ndef policies():\n    kept = Retry(total=5, status_forcelist=[503])\n"
              "    kept.backoff_factor = 0.5\n    zero = Retry(total=5, status_forcelist=[503])\n    zero.backoff_factor = 0\n"
              "    other = Retry(total=5, status_forcelist=[503])\n    kept.backoff_factor = 1\n    return kept, zero, other\n")
    result = lint_sources({"svc/http.py": source}, select=["PRR504"])
    assert [finding.span.line for finding in result.findings] == [6, 8]


def _messages(source: str) -> list:
    head = HEAD + "import threading\n\n"
    result = lint_sources({"svc/client.py": head + source}, select=["PRR504"])
    return [finding.message for finding in result.findings]


_TRY = "        try:\n            return requests.get(url, timeout=3)\n        except requests.ConnectionError:\n"


@pytest.mark.parametrize(
    "source, said",
    [
        # a wait on a stop event with a timeout pauses that long (rules/pauses.py): constant and short
        ("def f(url, stop: threading.Event):\n    for _ in range(5):\n" + _TRY + "            stop.wait(timeout=0.5)\n"
         "    raise ConnectionError(url)\n", "waits a constant time"),
        ("async def f(url):\n    stop = asyncio.Event()\n    for _ in range(5):\n" + _TRY + "            try:\n"
         "                await asyncio.wait_for(stop.wait(), 0.2)\n            except asyncio.TimeoutError:\n                pass\n"
         "    raise ConnectionError(url)\n", "waits a constant time"),
        ("async def f(url, stop: asyncio.Event):\n    for _ in range(5):\n" + _TRY +
         "            await asyncio.wait({asyncio.ensure_future(stop.wait())}, timeout=0.2)\n    raise ConnectionError(url)\n",
         "waits a constant time"),
        # a constant event wait of 5 s that never ends: reported for its bound only, as a sleep would be
        ("async def f(url, stop: asyncio.Event):\n    while True:\n" + _TRY + "            try:\n"
         "                await asyncio.wait_for(stop.wait(), timeout=5)\n            except asyncio.TimeoutError:\n                pass\n",
         "waits a constant time between attempts (no backoff, no jitter) and never gives up"),
        # no timeout: the wait lasts until someone sets the event, no pause of the loop's
        ("async def f(url, stop: asyncio.Event):\n    for _ in range(5):\n" + _TRY + "            await stop.wait()\n"
         "    raise ConnectionError(url)\n", "does not wait"),
        # a process's wait is not an event's: waiting for work, not for time
        ("async def f(url, cmd):\n    proc = await asyncio.create_subprocess_exec(cmd)\n    for _ in range(5):\n" + _TRY +
         "            await asyncio.wait_for(proc.wait(), timeout=0.2)\n    raise ConnectionError(url)\n", "does not wait"),
        ("async def f(url, tasks):\n    for _ in range(5):\n" + _TRY + "            await asyncio.wait(tasks, timeout=0.2)\n"
         "    raise ConnectionError(url)\n", "does not wait"),
    ],
)
def test_an_event_wait_with_a_timeout_is_a_pause_of_that_length(source: str, said: str) -> None:
    messages = _messages(source)
    assert len(messages) == 1 and said in messages[0], messages


@pytest.mark.parametrize(
    "source",
    [
        # the timeout grows each round: backoff
        "async def f(url, stop: asyncio.Event):\n    delay = 0.1\n    for _ in range(5):\n" + _TRY + "            try:\n"
        "                await asyncio.wait_for(stop.wait(), timeout=delay)\n            except asyncio.TimeoutError:\n"
        "                delay *= 2\n    raise ConnectionError(url)\n",
        # `while not stop.wait(5)`: the loop's test pauses 5 s before each round, and ends it when stopped
        "def f(url, stop: threading.Event):\n    while not stop.wait(5):\n" + _TRY + "            pass\n",
        # the pause in a try of its own, which leaves the loop when the event is set: a heartbeat, not a retry
        "async def f(url, stop: asyncio.Event):\n    while True:\n        try:\n            requests.post(url, timeout=3)\n"
        "        except requests.ConnectionError:\n            pass\n        try:\n"
        "            await asyncio.wait_for(stop.wait(), timeout=10)\n            break\n        except asyncio.TimeoutError:\n"
        "            pass\n",
    ],
)
def test_event_waits_that_back_off_or_are_no_retry(source: str) -> None:
    assert _messages(source) == []


ENGINE_LOOP = ("from sqlalchemy import create_engine\n\ndef init(url):\n    while True:\n        try:\n"
               "            engine = create_engine(url)\n{use}            break\n        except Exception as e:\n"
               "            print(e)\n            time.sleep(0.5)\n    return engine\n")


def test_building_a_sqlalchemy_engine_is_no_dependency_call() -> None:
    """listenbrainz's init_db_connection (judged false): `create_engine` connects when the engine is first
    used, so a loop around it alone retries nothing; one that also connects in the attempt retries the database."""
    assert _lines(ENGINE_LOOP.format(use="")) == []
    assert _lines(ENGINE_LOOP.format(use="            engine.connect().close()\n")) == [4]


REFRESH = ("import asyncio\n\nfrom svc import server\n\nasync def refresh(app: server.App):\n    while True:\n"
           "        await app.reload()\n        try:\n            await asyncio.wait_for(app.stop.wait(), timeout=app.every)\n"
           "            break\n        except asyncio.TimeoutError:\n            pass\n")


@pytest.mark.parametrize(
    "owner, findings",
    [
        # the class of another module annotates the attribute as an event (ponymail's background task, judged false)
        ("import asyncio\n\nclass App:\n    stop: asyncio.Event\n    every = 150\n\n    async def reload(self):\n"
         "        pass\n", []),
        ("import threading\n\nclass App:\n    every = 150\n\n    def __init__(self):\n        self.stop = threading.Event()\n\n"
         "    async def reload(self):\n        pass\n", []),
        # a project object whose `wait()` asks a remote service: the try is an attempt at it, retried at once
        ("import aiohttp\n\nclass Job:\n    async def wait(self):\n        async with aiohttp.ClientSession() as s:\n"
         "            return await s.get('http://jobs/1')\n\nclass App:\n    every = 150\n\n    def __init__(self):\n"
         "        self.stop = Job()\n\n    async def reload(self):\n        pass\n", [("svc/refresh.py", 6)]),
    ],
)
def test_a_timed_wait_on_an_event_another_module_types_is_the_pause(owner: str, findings: list) -> None:
    files = {"svc/__init__.py": "", "svc/server.py": owner, "svc/refresh.py": REFRESH,
             "svc/main.py": "import asyncio\nfrom svc import refresh, server\n\nasyncio.run(refresh.refresh(server.App()))\n"}
    assert [(f.path, f.span.line) for f in lint_sources(files, select=["PRR504"]).findings] == findings
