"""PRR501's examples of wrappers whose deadline parameter is narrowed away from None (rules/none_cases.py): a sink
call under a test that excludes None, whose None branch makes the same call with a deadline, forwards no None; a
None branch that sets none, sets None, or a test on another name leaves the wrapper forwarding None to its callers.
Kept apart from timeout_examples.py so each module stays short; the helper in one module and its caller in another
(pyca's `utils.http_request`) is tests/test_none_narrowing.py."""

from __future__ import annotations

from prr_lint.rules.base import Example

_CURL = "import pycurl\n\nSETTINGS = {'http': {'timeout': 300}}\n\ndef config(section, key):\n    return SETTINGS[section][key]\n\ndef http_request(url, timeout=None):\n    curl = pycurl.Curl()\n"
_CALLER = "\n    curl.perform()\n\ndef view():\n    return http_request('https://ingest.example/a'){expect}\n"


def _helper(test: str, body: str, other: str = "", expect: str = "") -> Example:
    """pyca's `http_request` with `if <test>: <body>`, `else: <other>` when given, and a caller that gives no timeout."""
    branches = f"    if {test}:\n        {body}" + (f"\n    else:\n        {other}" if other else "")
    return Example(_CURL + branches + _CALLER.format(expect=expect and "  # expect: " + expect))


VALID = (
    # pyca's helper: the caller's timeout when it gives one, else a setting (or a finite literal, the `if` of an `elif`)
    _helper("timeout is not None", "curl.setopt(curl.TIMEOUT, timeout)", "curl.setopt(curl.TIMEOUT, config('http', 'timeout'))"),
    Example(_CURL + "    if not timeout:\n        curl.setopt(curl.TIMEOUT_MS, 30000)\n    elif url:\n"
            "        curl.setopt(curl.TIMEOUT_MS, timeout)" + _CALLER.format(expect="")),
    # requests: the None branch makes the same call with a finite deadline (a number, a parameter defaulting to one, a
    # lookup whose fallback is a constant bound to one); a rebinding that fills None
    Example(
        "import requests\n\ndef fetch(url, timeout=None):\n    if timeout:\n        return requests.get(url, timeout=timeout)\n"
        "    else:\n        return requests.get(url, timeout=10)\n\nLIMIT = 30\n\ndef lookup(url, timeout=None, fallback=5):\n"
        "    if timeout:\n        return requests.get(url, timeout=timeout)\n    else:\n"
        "        return requests.get(url, timeout=(fallback, SETTINGS.get('timeout', LIMIT)))\n\nSETTINGS = {}\n\ndef filled(url, timeout=None):\n    if timeout is None:\n"
        "        timeout = 10\n    return requests.get(url, timeout=timeout)\n\ndef view():\n"
        "    return fetch('https://users.example/1').json(), filled('https://users.example/2').json(), lookup('https://users.example/3')\n"
    ),
)

INVALID = (
    # `if timeout:` with no else: None sets no TIMEOUT, libcurl waits forever
    _helper("timeout", "curl.setopt(curl.TIMEOUT, timeout)", expect="PRR501"),
    # an else that sets nothing, one that sets 0 (libcurl: no limit), one nested under a test of its own
    _helper("timeout is not None", "curl.setopt(curl.TIMEOUT, timeout)", "curl.setopt(curl.CONNECTTIMEOUT, 10)", "PRR501"),
    _helper("timeout is None", "curl.setopt(curl.TIMEOUT, 0)", "curl.setopt(curl.TIMEOUT, timeout)", "PRR501"),
    _helper("timeout is not None", "curl.setopt(curl.TIMEOUT, timeout)", "if url:\n            curl.setopt(curl.TIMEOUT, 60)", "PRR501"),
    # the test of an `elif`: the `if` before it runs for None as well, and sets no TIMEOUT
    _helper("url.startswith('file:')", "curl.setopt(curl.CONNECTTIMEOUT, 5)\n    elif timeout is not None:\n        "
            "curl.setopt(curl.TIMEOUT, timeout)", "curl.setopt(curl.TIMEOUT, 60)", "PRR501"),
    # the test is on another name, or narrows another deadline parameter than the one forwarded
    Example(
        "import pycurl\n\ndef http_request(url, retries=None, timeout=None):\n    curl = pycurl.Curl()\n"
        "    if retries is not None:\n        curl.setopt(curl.TIMEOUT, timeout)\n    else:\n        curl.setopt(curl.TIMEOUT, 60)\n"
        "    curl.perform()\n\ndef download(url, timeout=None, read_timeout=None):\n    curl = pycurl.Curl()\n"
        "    if read_timeout is not None:\n        curl.setopt(curl.TIMEOUT, timeout)\n    else:\n        curl.setopt(curl.TIMEOUT, 60)\n"
        "    curl.perform()\n\ndef view():\n    http_request('https://ingest.example/a', retries=3)  # expect: PRR501\n"
        "    return download('https://ingest.example/b')  # expect: PRR501\n"
    ),
    # a None-valued fallback in the None branch: a constant, a local or another parameter bound to None, an attribute,
    # a lookup with no default, `x or None`, a tuple of Nones
    Example(
        "import pycurl\nimport requests\n\nNO_LIMIT = None\n\ndef http_request(url, timeout=None):\n    curl = pycurl.Curl()\n"
        "    if timeout is not None:\n        curl.setopt(curl.TIMEOUT, timeout)\n    else:\n        default = None\n"
        "        curl.setopt(curl.TIMEOUT, default)\n    curl.perform()\n\ndef fetch(url, timeout=None):\n"
        "    if timeout is not None:\n        return requests.get(url, timeout=timeout)\n    else:\n"
        "        return requests.get(url, timeout=NO_LIMIT)\n\ndef view():\n"
        "    http_request('https://ingest.example/a')  # expect: PRR501\n    return fetch('https://users.example/1').json()  # expect: PRR501\n"
    ),
    Example(
        "import requests\n\nSETTINGS = {}\n\nclass Client:\n    def __init__(self, base, timeout=None):\n        self.base = base\n"
        "        self.timeout = timeout\n\n    def get(self, path, timeout=None):\n        if timeout is not None:\n"
        "            return requests.get(self.base + path, timeout=timeout)\n        else:\n"
        "            return requests.get(self.base + path, timeout=self.timeout)\n\n"
        "def fetch(url, timeout=None, fallback=None):\n    if timeout is not None:\n        return requests.get(url, timeout=timeout)\n"
        "    else:\n        return requests.get(url, timeout=fallback)\n\ndef either(url, timeout=None, fallback=None):\n"
        "    if timeout is not None:\n        return requests.get(url, timeout=timeout)\n    else:\n"
        "        return requests.get(url, timeout=fallback or None)\n\ndef lookup(url, timeout=None):\n    if timeout:\n"
        "        return requests.get(url, timeout=timeout)\n    else:\n        return requests.get(url, timeout=SETTINGS.get('timeout'))\n\n"
        "def pair(url, timeout=None):\n    if timeout is not None:\n        return requests.get(url, timeout=timeout)\n    else:\n"
        "        return requests.get(url, timeout=(None, None))\n\ndef view():\n"
        "    Client('https://users.example').get('/1')  # expect: PRR501\n    fetch('https://users.example/2')  # expect: PRR501\n"
        "    either('https://users.example/3')  # expect: PRR501\n    lookup('https://users.example/4')  # expect: PRR501\n"
        "    pair('https://users.example/5')  # expect: PRR501\n"
    ),
    # the last TIMEOUT of the None branch is 0, or an `unsetopt` takes it back off
    _helper("timeout", "curl.setopt(curl.TIMEOUT, timeout)", "curl.setopt(curl.TIMEOUT, 300)\n        curl.setopt(curl.TIMEOUT, 0)", "PRR501"),
    _helper("timeout", "curl.setopt(curl.TIMEOUT, timeout)", "curl.setopt(curl.TIMEOUT, 300)\n        curl.unsetopt(curl.TIMEOUT)", "PRR501"),
    # requests: a None branch that rebinds the parameter to None fills nothing
    Example(
        "import requests\n\ndef fetch(url, timeout=None):\n    if timeout is None:\n        timeout = None\n"
        "    return requests.get(url, timeout=timeout)\n\ndef view():\n    return fetch('https://users.example/1').json()  # expect: PRR501\n"
    ),
)
