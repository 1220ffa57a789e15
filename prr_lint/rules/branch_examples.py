"""PRR501's examples of branches no run takes (rules/decided_branches.py): a call under an `if` whose test the code
decides against it is left alone, one under a test that may go either way is reported. Kept apart from
timeout_examples.py so each module stays short; the project-wide cases (a method whose only call is commented out,
a parameter every caller turns off) need a project, and are tests/test_commented_calls.py and
tests/test_param_switches.py."""

from __future__ import annotations

from prr_lint.rules.base import Example

VALID = (
    # a local flag bound once to a constant: the remote lookup is switched off, the hard-coded list serves
    Example(
        "import requests\n\ndef session_names():\n    fetch_live = False\n\n    if fetch_live:\n"
        "        page = requests.post('https://records.example.gov/terms', data='[\"/terms\"]')\n"
        "        return [row['name'] for row in page.json()]\n    else:\n        return ['2021-2024', '2017-2020']\n"
    ),
    # a literal test, `not` of a flag, and `typing.TYPE_CHECKING` (false at run time)
    Example(
        "from typing import TYPE_CHECKING\n\nimport requests\n\ndef refresh(url):\n    cached = True\n"
        "    if not cached and url:\n        requests.get(url)\n    if False:\n        requests.get(url + '/old')\n"
        "    if TYPE_CHECKING:\n        requests.get(url + '/typed')\n"
    ),
    # Flask gives `request.method` in upper case (a view's helper): a lower-case comparison is never true, its `!=` always
    Example(
        "import requests\nfrom flask import request\n\ndef relay(upstream):\n    if request.method == 'get':\n        reply = requests.get(upstream, params=request.args)\n"
        "    else:\n        reply = requests.post(upstream, data=request.form, timeout=10)\n"
        "    if request.method != 'post':\n        return reply.content\n    else:\n"
        "        requests.delete(upstream)\n    return reply.content\n"
    ),
)

INVALID = (
    # the flag is rebound in a loop: the branch runs from the second round on
    Example(
        "import requests\n\ndef fetch_all(urls):\n    again = False\n    for url in urls:\n        if again:\n"
        "            requests.get(url)  # expect: PRR501\n        again = True\n"
    ),
    # a flag a nested function turns on through `nonlocal`, or a `:=` rebinds
    Example(
        "import requests\n\ndef watch(url, poll):\n    live = False\n\n    def enable():\n        nonlocal live\n"
        "        live = True\n\n    poll(enable)\n    if live:\n        requests.get(url)  # expect: PRR501\n"
        "    cached = None\n    if (cached := poll(url)):\n        requests.get(cached)  # expect: PRR501\n"
    ),
    # an upper-case comparison is what Flask's method holds; a parameter named `request` is no framework's request
    Example(
        "import requests\nfrom flask import request\n\ndef relay(url):\n    if request.method == 'GET':\n"
        "        return requests.get(url).content  # expect: PRR501\n    return 'ok'\n\n"
        "def forward(request, url):\n    if request.method == 'get':\n        return requests.get(url)  # expect: PRR501\n"
    ),
)
