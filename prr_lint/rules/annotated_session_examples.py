"""PRR501's examples of sessions typed only by an annotation naming `requests.Session` (a parameter
`session: Session`, an attribute stored from one): bounded when every session the service makes is of a
project subclass that fills in a missing timeout (project/annotated_sessions.py). Each is a test and a line
of docs/rules.md."""

from __future__ import annotations

from prr_lint.rules.base import Example

# A session class whose `request` fills in the configured timeout, handed down as a plain `Session`.
_CLIENT = (
    "import requests\nfrom requests import Session\n\n"
    "class ApiSession(Session):\n    def __init__(self, config):\n        super().__init__()\n        self.config = config\n\n"
    "    def request(self, method, url, **kwargs):\n{fill}"
    "        return super().request(method, url, **kwargs)\n\n"
    "def fetch_blob(session: Session, url):\n    return session.get(url, stream=True){expect}\n\n"
    "class Albums:\n    def __init__(self, endpoint, session: Session):\n        self.endpoint = endpoint\n"
    "        self.session = session\n\n    def names(self):\n"
    "        return self.session.post(self.endpoint + '/albums', json={{}}){expect}\n\n"
    "class Account:\n    def __init__(self, config):\n        self.session: ApiSession = ApiSession(config)\n"
    "        self.albums = Albums(config.endpoint, self.session)\n\n"
    "    def download(self, url):\n        return fetch_blob(self.session, url)\n"
)
_FILLS = (
    "        if 'timeout' not in kwargs and self.config.http_timeout is not None:\n"
    "            kwargs['timeout'] = self.config.http_timeout\n"
)
_LOGS = "        self.config.log.debug('%s %s', method, url)\n"
_REPORTED = "  # expect: PRR501"

VALID = (
    # every session the service makes is an ApiSession, which fills in a missing timeout (a configured 30 s
    # by default: the `is not None` only lets a setting turn it off)
    Example(_CLIENT.format(fill=_FILLS, expect="")),
)

INVALID = (
    # a plain session is built too: the annotated parameter may hold it
    Example(_CLIENT.format(fill=_FILLS, expect=_REPORTED) +
            "\ndef health(url):\n    return requests.Session().get(url, timeout=5)\n"),
    # the subclass only logs in `request`: it sets no default timeout
    Example(_CLIENT.format(fill=_LOGS, expect=_REPORTED)),
    # a caller hands the parameter a session a library made
    Example("import cachelib\n" + _CLIENT.format(fill=_FILLS, expect=_REPORTED) +
            "\ndef cached_blob(url):\n    return fetch_blob(cachelib.cached_session(), url)\n"),
)
