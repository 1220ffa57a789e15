"""PRR501's examples of wrappers whose deadline parameter is narrowed away from None (rules/none_cases.py): a sink
call under a test that excludes None, whose None branch makes the same call with a deadline, forwards no None; a
None branch that sets none, sets None, or a test on another name leaves the wrapper forwarding None to its callers.
Kept apart from timeout_examples.py so each module stays short; the helper in one module and its caller in another
(pyca's `utils.http_request`) is tests/test_none_narrowing.py."""

from __future__ import annotations

from prr_lint.rules.base import Example

_CURL = "import pycurl\n\nSETTINGS = {'timeout': 300}\n\ndef http_request(url, timeout=None):\n    curl = pycurl.Curl()\n"
_CALLER = "\n    curl.perform()\n\ndef view():\n    return http_request('https://ingest.example/a'){expect}\n"


def _helper(test: str, body: str, other: str = "", expect: str = "") -> Example:
    """pyca's `http_request` with `if <test>: <body>`, `else: <other>` when given, and a caller that gives no timeout."""
    branches = f"    if {test}:\n        {body}" + (f"\n    else:\n        {other}" if other else "")
    return Example(_CURL + branches + _CALLER.format(expect=expect and "  # expect: " + expect))


VALID = (
    # pyca's helper: the caller's timeout when it gives one, else a setting (or a finite literal, the `if` of an `elif`)
    _helper("timeout is not None", "curl.setopt(curl.TIMEOUT, timeout)", "curl.setopt(curl.TIMEOUT, SETTINGS['timeout'])"),
    Example(_CURL + "    if not timeout:\n        curl.setopt(curl.TIMEOUT_MS, 30000)\n    elif url:\n"
            "        curl.setopt(curl.TIMEOUT_MS, timeout)" + _CALLER.format(expect="")),
    # requests: the None branch makes the same call with a deadline; a rebinding that fills None
    Example(
        "import requests\n\ndef fetch(url, timeout=None):\n    if timeout:\n        return requests.get(url, timeout=timeout)\n"
        "    else:\n        return requests.get(url, timeout=10)\n\ndef filled(url, timeout=None):\n    if timeout is None:\n"
        "        timeout = 10\n    return requests.get(url, timeout=timeout)\n\ndef view():\n"
        "    return fetch('https://users.example/1').json(), filled('https://users.example/2').json()\n"
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
    # requests: a None branch that rebinds the parameter to None fills nothing
    Example(
        "import requests\n\ndef fetch(url, timeout=None):\n    if timeout is None:\n        timeout = None\n"
        "    return requests.get(url, timeout=timeout)\n\ndef view():\n    return fetch('https://users.example/1').json()  # expect: PRR501\n"
    ),
)
