"""PRR5xx: remote calls without deadlines (checklist item PRR-QOS)."""

from __future__ import annotations

from typing import Optional

import libcst as cst

from prr_lint.model import Severity
from prr_lint.rules.base import Example, Rule

_VERBS = ("get", "post", "put", "patch", "delete", "head", "options", "request")
# requests never times out unless told to: a call without `timeout` can wait forever.
_NO_DEFAULT_TIMEOUT = {
    *(f"requests.{verb}" for verb in _VERBS),
    *(f"requests.Session.{verb}" for verb in _VERBS),
}
# httpx defaults to a 5 s timeout: only an explicit `timeout=None` removes it.
_DEFAULT_TIMEOUT = {
    *(f"httpx.{verb}" for verb in (*_VERBS, "stream")),
    *(f"httpx.Client.{verb}" for verb in (*_VERBS, "stream", "send")),
    *(f"httpx.AsyncClient.{verb}" for verb in (*_VERBS, "stream", "send")),
    "httpx.Client",
    "httpx.AsyncClient",
}
# urlopen(url, data=None, timeout=<socket default>): the third positional argument is the timeout.
_POSITIONAL_TIMEOUT = {"urllib.request.urlopen": 2}


def _keyword(call: cst.Call, name: str) -> Optional[cst.Arg]:
    return next((arg for arg in call.args if arg.keyword is not None and arg.keyword.value == name), None)


class CallWithoutTimeout(Rule):
    """An outbound HTTP call that can wait forever.

    What it does
        Reports `requests` calls (`requests.get/post/...`, `requests.request`, and the same
        methods on a `requests.Session`, however it is imported or aliased) without a `timeout`,
        `urllib.request.urlopen` without a timeout, and any of these or an `httpx` function,
        client or client method with `timeout=None`. A call that passes `**kwargs` is not
        reported, since the timeout may be in them. `httpx` calls without `timeout` are not
        reported: httpx applies a 5-second default.

    Why is this bad?
        `requests` and `urlopen` have no default timeout. When the remote service hangs, the
        request thread waits forever, the worker pool drains, and one slow dependency takes the
        whole service down. A deadline turns that into a fast, reportable failure.

    Example
        import requests

        def charge(order):
            return requests.post(PAYMENTS_URL, json=order)

    Use instead
        def charge(order):
            return requests.post(PAYMENTS_URL, json=order, timeout=(3.05, 10))

    Options
        None yet.

    References
        PRR-QOS: "Implement request deadlines to avoid running out of resources for long-running
        requests." (Site Reliability Engineering, ch. 27); remote calls have deadlines and the
        right quality of service (ch. 32).
    """

    code = "PRR501"
    name = "call-without-timeout"
    severity = Severity.ERROR
    checklist = ("PRR-QOS",)
    summary = "An outbound HTTP call has no timeout, or timeout=None"
    triggers = ("requests", "httpx", "urlopen", "urllib")
    service_only = True
    VALID = (
        Example("import requests\n\ndef f(url):\n    return requests.get(url, timeout=5)\n"),
        Example("import requests\n\ndef f(url, **options):\n    return requests.get(url, **options)\n"),
        Example("import httpx\n\ndef f(url):\n    return httpx.get(url)\n"),
        Example("from urllib.request import urlopen\n\ndef f(url):\n    return urlopen(url, None, 10)\n"),
        Example("def get(url):\n    return url\n\ndef f(url):\n    return get(url)\n"),
        Example("from requests import get\n\ndef f(cache, url):\n    return cache.get(url)\n"),
    )
    INVALID = (
        Example("import requests as rq\n\ndef f(url, body):\n    return rq.post(url, json=body)  # expect: PRR501\n"),
        Example("from requests import get as fetch\n\ndef f(url):\n    return fetch(url)  # expect: PRR501\n"),
        Example("import requests\n\ndef f(url):\n    return requests.get(url, timeout=None)  # expect: PRR501\n"),
        Example("from urllib.request import urlopen\n\ndef f(url):\n    return urlopen(url)  # expect: PRR501\n"),
        Example("import httpx\n\nclient = httpx.Client(timeout=None)  # expect: PRR501\n"),
        Example(
            "import requests\n\nclass Payments:\n    def __init__(self):\n        self.session = requests.Session()\n\n"
            "    def charge(self, order):\n        return self.session.post('/charge', json=order)  # expect: PRR501\n"
        ),
        Example("import requests\n\ndef f(session: requests.Session, url):\n    return session.get(url)  # expect: PRR501\n"),
    )

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.resolver.qualified_name(node.func)
        if name is None:
            return
        requires = name in _NO_DEFAULT_TIMEOUT or name in _POSITIONAL_TIMEOUT
        if not requires and name not in _DEFAULT_TIMEOUT:
            return
        if any(arg.star == "**" for arg in node.args):
            return
        timeout = _keyword(node, "timeout")
        shown = name.replace("requests.Session.", "Session.")
        if timeout is not None:
            if isinstance(timeout.value, cst.Name) and timeout.value.value == "None":
                self.report(node, f"`{shown}()` is called with timeout=None: a hung dependency holds this request forever; set a finite deadline")
            return
        position = _POSITIONAL_TIMEOUT.get(name)
        positional = [arg for arg in node.args if arg.keyword is None and not arg.star]
        if position is not None and len(positional) > position:
            return
        if requires:
            self.report(node, f"`{shown}()` has no timeout: a hung dependency holds this request forever; pass timeout=(connect, read)")
