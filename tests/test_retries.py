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
    module-level wait loop there is not the service; the same loop in a module the app imports is."""
    loop = (
        "import time\nfrom sqlalchemy import create_engine\n\nengine = create_engine('postgresql://db')\n"
        "while True:\n    try:\n        engine.raw_connection()\n        break\n    except Exception as e:\n"
        "        print(e)\n        time.sleep(1)\n"
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
