"""PRR501 and gevent deadlines (green_deadlines.py, project/green_deadline.py): a call in a function that runs
only in greenlets its callers wait on with a finite timeout and then kill is bounded; a wait with no timeout,
no kill, unpatched sockets, and a function also called, passed or spawned elsewhere are no deadline."""

from __future__ import annotations

import pytest

from conftest import lint_sources

_PATCH = "from gevent import monkey\n\nmonkey.patch_all()\n"
# A project spawn helper that hands its function on to gevent (raiden's `spawn_named` shape).
_SPAWNING = (
    "from gevent import Greenlet\n\n\ndef start_greenlet(label, run, *args, **kwargs):\n"
    "    greenlet = Greenlet(run, *args, **kwargs)\n    greenlet.name = label\n    greenlet.start()\n    return greenlet\n"
)
_PROBES = (
    "import requests\n\n\ndef round_trip(url, samples=3):\n    total = 0.0\n    for _ in range(samples):\n"
    "        total += _sample(url)\n    return url, total / samples\n\n\n"
    "def _sample(url):\n    return requests.head(url).elapsed.total_seconds()\n\n\n"
    "def ping(url):\n    return requests.get(url).ok\n"
)
_RANKING = (
    "import gevent\nfrom svc.probes import round_trip\nfrom svc.spawning import start_greenlet\n\n\n"
    "def fastest(urls, limit=2.0):\n"
    "    pending = set(start_greenlet('round_trip', round_trip, url) for url in urls)\n"
    "    found = [g.get() for g in gevent.iwait(pending, timeout=limit * len(urls))]\n"
    "    gevent.killall(pending)\n    return sorted(found, key=lambda pair: pair[1])\n"
)
_APP = (
    "from flask import Flask\nfrom svc.probes import ping\nfrom svc.ranking import fastest\n\napp = Flask(__name__)\n\n\n"
    "@app.get('/servers')\ndef servers():\n    return {'servers': fastest(['https://a.example', 'https://b.example'])}\n\n\n"
    "@app.get('/ping')\ndef pinged():\n    return {'ok': ping('https://a.example')}\n"
)
_PROJECT = {"svc/__init__.py": _PATCH, "svc/spawning.py": _SPAWNING, "svc/probes.py": _PROBES, "svc/ranking.py": _RANKING,
            "svc/app.py": _APP}


def _found(files: dict) -> list:
    return [(f.rule, f.path, f.span.line) for f in lint_sources(files, select=["PRR501"]).findings]


def test_calls_only_greenlets_waited_on_with_a_timeout_and_killed_run_are_bounded() -> None:
    """`round_trip` runs only in greenlets `fastest` starts through its helper, waits on under `iwait(timeout=)`
    and kills, and `_sample` only there: gone (raiden Y023 false); `ping`, which a view calls, stays."""
    assert _found(_PROJECT) == [("PRR501", "svc/probes.py", 16)]


def test_gevent_spawn_joined_with_a_timeout_and_killed_is_bounded() -> None:
    ranking = (
        "import gevent\nfrom svc.probes import round_trip\n\n\ndef fastest(urls):\n"
        "    greenlet = gevent.spawn(round_trip, urls[0])\n    greenlet.join(timeout=3)\n    greenlet.kill()\n"
        "    return greenlet.value\n"
    )
    assert _found({**_PROJECT, "svc/ranking.py": ranking}) == [("PRR501", "svc/probes.py", 16)]


@pytest.mark.parametrize("ranking", [
    # joined with no timeout: the kill is never reached while a request hangs
    _RANKING.replace("gevent.iwait(pending, timeout=limit * len(urls))", "gevent.joinall(pending)"),
    # waited on with a timeout, never killed: the greenlet runs on
    _RANKING.replace("    gevent.killall(pending)\n", ""),
    # a timeout of None is none
    _RANKING.replace("timeout=limit * len(urls)", "timeout=None"),
    # killed before the wait, not after it
    _RANKING.replace("    gevent.killall(pending)\n", "").replace("    found =", "    gevent.killall(pending)\n    found ="),
    # the function is also called in the request, outside any greenlet
    _RANKING + "\n\ndef first(urls):\n    return round_trip(urls[0])\n",
    # and also handed to a thread, or kept as a callback
    _RANKING + "\n\ndef background(urls):\n    import threading\n    threading.Thread(target=round_trip, args=(urls[0],)).start()\n",
    _RANKING + "\n\nCHECKS = [round_trip]\n",
])
def test_no_gevent_deadline_keeps_the_calls(ranking: str) -> None:
    assert len(_found({**_PROJECT, "svc/ranking.py": ranking})) == 2


def test_no_deadline_without_patched_sockets_or_through_a_helper_that_runs_no_greenlet() -> None:
    """An unpatched socket blocks the whole process: neither the timeout nor the kill runs. A helper that runs
    its function in a thread starts no greenlet, whatever the caller then does with what it returns."""
    assert len(_found({**_PROJECT, "svc/__init__.py": ""})) == 2
    threads = "import threading\n\n\ndef start_greenlet(label, run, *args):\n    thread = threading.Thread(target=run, args=args)\n" \
              "    thread.start()\n    return thread\n"
    assert len(_found({**_PROJECT, "svc/spawning.py": threads})) == 2
