"""PRR504: the wait and the bound a retry loop gets from project functions of another module it calls
(rules/called_waits.py, project/called_waits.py): teuthology's `with safe_while(...) as proceed: while proceed():`."""

from __future__ import annotations

import pytest

from conftest import lint_sources

PACER = ("import time\n\nclass Pacer:\n    def __init__(self, pause=1, step=0, tries=10, sleeper=None):\n"
         "        self.pause, self.step, self.tries, self.rounds = pause, step, tries, 0\n"
         "        self.sleeper = sleeper or time.sleep\n\n    def __enter__(self):\n        return {enter}\n\n"
         "    def __exit__(self, *exc):\n        return False\n\n    def __call__(self):\n        self.rounds += 1\n"
         "        if self.rounds == 1:\n            return True\n        if self.rounds > self.tries:\n"
         "            raise TimeoutError('gave up')\n        self.pause += self.step\n{sleep}        return True\n")
SLEEPS = "        self.sleeper(self.pause)\n"
LOOP = ("import requests\n\nfrom svc.pacing import Pacer\n\ndef register(url, node):\n"
        "    with Pacer(pause=1, step=3) as proceed:\n        while proceed():\n            try:\n"
        "                return requests.put(url, json=node, timeout=5)\n            except requests.ConnectionError:\n"
        "                pass\n")


def _findings(files: dict) -> list:
    result = lint_sources({"svc/__init__.py": "", **files}, select=["PRR504"])
    return [(finding.path, finding.span.line) for finding in result.findings]


@pytest.mark.parametrize(
    "enter, sleep, findings",
    [
        # `__call__` sleeps a growing while and raises past its tries: the loop waits and is bounded
        ("self", SLEEPS, []),
        # a sleep only on some calls: no wait the loop can count on
        ("self", "        if self.rounds % 2:\n    " + SLEEPS, [("svc/client.py", 7)]),
        # no sleep at all: the tries come at once
        ("self", "", [("svc/client.py", 7)]),
        # `with` binds what `__enter__` gives, not the pacer: its `__call__` says nothing of that object
        ("object()", SLEEPS, [("svc/client.py", 7)]),
    ],
)
def test_a_pacer_of_another_module_called_in_the_loop_test(enter: str, sleep: str, findings: list) -> None:
    files = {"svc/pacing.py": PACER.format(enter=enter, sleep=sleep), "svc/client.py": LOOP}
    assert _findings(files) == findings


def test_a_pacer_bound_by_assignment_whose_pause_never_grows_is_judged_as_a_constant_pause() -> None:
    """Without `self.pause += ...` the pause is the constant the rule reads inline: unknown here, so kept."""
    pacer = PACER.format(enter="self", sleep=SLEEPS).replace("        self.pause += self.step\n", "")
    loop = LOOP.replace("    with Pacer(pause=1, step=3) as proceed:\n", "    proceed = Pacer(pause=1)\n    if True:\n")
    assert _findings({"svc/pacing.py": pacer, "svc/client.py": loop}) == [("svc/client.py", 8)]
    assert _findings({"svc/pacing.py": PACER.format(enter="self", sleep=SLEEPS), "svc/client.py": loop}) == []


HELPERS = ("import random\nimport time\n\nPAUSE = {pause}\n\ndef settle():\n    time.sleep(PAUSE)\n\n"
           "def wait_between_tries():\n    settle()\n\ndef jittered():\n    time.sleep(random.uniform(0.5, 3))\n\n"
           "def note(error):\n    print(error)\n")
FETCH = ("import requests\n\nfrom svc import waits\n\ndef fetch(url):\n    for attempt in range(5):\n        try:\n"
         "            return requests.get(url, timeout=5).json()\n        except requests.ConnectionError as e:\n"
         "{body}    {after}raise RuntimeError('gave up')\n")


@pytest.mark.parametrize(
    "pause, body, after, findings",
    [
        # a helper of another module that pauses through a further helper, a constant 2 s, in a bounded loop
        ("2", "            waits.wait_between_tries()\n", "", []),
        # the same constant under a second: a constant, short pause
        ("0.2", "            waits.wait_between_tries()\n", "", [("svc/client.py", 6)]),
        ("0.2", "            waits.jittered()\n", "", []),
        # a helper that does not pause
        ("2", "            waits.note(e)\n", "", [("svc/client.py", 6)]),
        # a helper that pauses, called only once the loop is over
        ("2", "            pass\n", "waits.jittered()\n    ", [("svc/client.py", 6)]),
    ],
)
def test_a_helper_function_of_another_module_called_in_the_loop_body(pause: str, body: str, after: str, findings: list) -> None:
    files = {"svc/waits.py": HELPERS.format(pause=pause), "svc/client.py": FETCH.format(body=body, after=after)}
    assert _findings(files) == findings


def test_a_helper_that_pauses_but_raises_on_no_counter_leaves_an_endless_loop_reported() -> None:
    loop = ("import requests\n\nfrom svc import waits\n\ndef fetch(url):\n    while True:\n        try:\n"
            "            return requests.get(url, timeout=5).json()\n        except requests.ConnectionError:\n"
            "            waits.jittered()\n")
    files = {"svc/waits.py": HELPERS.format(pause="2"), "svc/client.py": loop,
             "svc/app.py": "from flask import Flask\nfrom svc.client import fetch\n\napp = Flask(__name__)\n\n"
                           "@app.get('/')\ndef index():\n    return fetch('http://up/')\n"}
    assert _findings(files) == [("svc/client.py", 6)]
