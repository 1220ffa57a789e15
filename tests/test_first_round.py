"""A loop whose every round leaves (statement_shapes.ends_first_round) runs once: it retries nothing
(PRR504), and a handler in it is no failed attempt that the next round redoes (PRR102)."""

from __future__ import annotations

import libcst as cst
import pytest

from conftest import lint_sources
from prr_lint.statement_shapes import ends_first_round


def _loop(body: str) -> cst.CSTNode:
    return cst.parse_module("while True:\n" + body).body[0]


@pytest.mark.parametrize(
    "body, once",
    [
        ("    try:\n        go()\n        break\n    except E:\n        pass\n    return False\n", True),
        ("    if ok():\n        return 1\n    elif late():\n        raise E\n    else:\n        break\n", True),
        ("    try:\n        go()\n    finally:\n        return None\n", True),
        ("    try:\n        return go()\n    except E:\n        raise\n", True),
        # a `continue` goes round again, whatever follows it
        ("    try:\n        go()\n        break\n    except E:\n        continue\n    return False\n", False),
        # an exit under a test without an `else`: the other rounds go round again
        ("    try:\n        go()\n        break\n    except E:\n        pass\n    if done():\n        return False\n", False),
        # the `break` of a nested loop leaves only that loop
        ("    for x in xs:\n        break\n", False),
        # a `with` may suppress the error raised before its `return`
        ("    with suppress(E):\n        return go()\n", False),
        ("    try:\n        return go()\n    except E:\n        pass\n", False),
    ],
)
def test_ends_first_round(body: str, once: bool) -> None:
    assert ends_first_round(_loop(body)) is once


SERVED = (
    "import requests\nfrom flask import Flask\n\napp = Flask(__name__)\n\n@app.get('/price')\ndef price():\n"
    "    {loop}:\n        try:\n            value = requests.get('http://prices/x', timeout=3).json()['price']\n"
    "        except requests.RequestException:\n            value = 0\n        {after}\n    return {{'price': value}}\n"
)


@pytest.mark.parametrize(
    "loop, after, reported",
    [
        ("while True", "break", True),  # one round: the fallback is the answer
        ("for _ in range(3)", "break", True),
        ("for _ in range(3)", "if value:\n            break", False),  # a failed round is tried again
    ],
)
def test_a_fallback_in_a_loop_that_runs_once_is_no_retry(loop: str, after: str, reported: bool) -> None:
    result = lint_sources({"svc/api.py": SERVED.format(loop=loop, after=after)}, select=["PRR102"])
    assert [finding.rule for finding in result.findings] == (["PRR102"] if reported else [])


LOCK = ("import redis\n\ndef release(client, key, token):\n    pipe = client.pipeline()\n    while True:\n        try:\n"
        "            pipe.watch(key)\n            pipe.delete(key)\n            pipe.execute()\n            break\n"
        "        except redis.exceptions.{error}:\n            pass\n        return False\n    return True\n")


@pytest.mark.parametrize("error, reported", [("WatchError", False), ("ConnectionError", True)])
def test_a_lost_watch_is_a_conflict_and_no_failed_dependency(error: str, reported: bool) -> None:
    """Redis's WatchError: another client changed the watched key before EXEC (a lost race, handlers.py
    DATA_CONFLICT); a connection error in the same one-round loop is a dependency's failure."""
    result = lint_sources({"svc/lock.py": LOCK.format(error=error)}, select=["PRR102"])
    assert [finding.rule for finding in result.findings] == (["PRR102"] if reported else [])
